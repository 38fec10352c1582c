#!/usr/bin/env bash
# Median seconds per page capturing ../shared/realpages/fathom-products with 2 workers.
# Usage: bash bench/capture_speed.sh [WORKERS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
ls "$root"/../shared/realpages/fathom-products/*/source.html > "$out/list.txt"
"$root/.venv/bin/pagelens" capture "$out/list.txt" --out "$out/captures" --workers "${1:-2}" --force
