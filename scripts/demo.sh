#!/usr/bin/env bash
# The main job on the bundled default: label the sample pages in assets/samples/ and write
# labels.jsonl, overlays and an HTML report into out/demo/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/pagelens demo "$@"
