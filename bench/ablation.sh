#!/usr/bin/env bash
# Ablation at reduced scale: the same synthetic pages, the same seed and epochs, three input sets.
#   fused        text + layout + vision + style features
#   text_layout  element text and boxes (no screenshot, no style features)
#   vision       screenshot RoIs and boxes (no text, no style features)
# Each is measured on the held-out synthetic designs and the real corpora with `pagelens eval`.
# Usage: bench/ablation.sh DATA_DIR HELDOUT_DIR [PAGES] [EPOCHS]
set -euo pipefail
data="${1:?folder of synthetic capture folders}"; heldout="${2:?held-out synthetic folder}"
pages="${3:-330}"; epochs="${4:-2}"
out=runs/ablation
mkdir -p "$out"
mapfile -t folders < <(ls -d "$data"/*/ | sort | head -n "$pages")
declare -A flags=([fused]="" [text_layout]="--no-vision --no-style" [vision]="--no-text --no-style")
for name in fused text_layout vision; do
    # shellcheck disable=SC2086
    .venv/bin/pagelens train --out "$out/$name" --data "${folders[@]}" --epochs "$epochs" \
        --seed 0 --no-progress ${flags[$name]} > "$out/$name.train.log" 2>&1
done
for name in fused text_layout vision; do
    .venv/bin/pagelens eval "$heldout" ddg-forms fathom-products --model "$out/$name" \
        --bootstrap 200 --out "$out/$name.eval.json" > "$out/$name.eval.md" 2>&1
done
