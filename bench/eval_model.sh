#!/usr/bin/env bash
# Measure a model beside the baselines on websites it never trained on, and on held-out synthetic
# designs.
#
#   bash bench/eval_model.sh [MODEL_DIR] [OUT_DIR]     (defaults: assets/model, runs/eval)
#
# MODEL_DIR/heldout_sites.txt (written by `pagelens train --real ...`) lists the websites of the
# fold the model was not fine-tuned on; every real-page figure here is on those websites only,
# for the model and the baselines alike. Formasaurus is further cut to the first 200 websites by
# name, the subset bench/eval_all.sh measures. Held-out synthetic pages (families, themes and
# languages never used in training) are made once with `pagelens synth --split heldout`.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-assets/model}
OUT=${2:-runs/eval}
PAGELENS=${PAGELENS:-.venv/bin/pagelens}
mkdir -p "$OUT"
[ -d data/synth-heldout ] || "$PAGELENS" synth --pages 150 --out data/synth-heldout --seed 7 \
    --workers 2 --split heldout
SITES="$OUT/heldout_sites.txt"
if [ -f "$MODEL/heldout_sites.txt" ]; then
  .venv/bin/python bench/heldout_sites.py "$MODEL/heldout_sites.txt" "$SITES"
  SITES_ARG=(--sites-from "$SITES")
else
  SITES_ARG=()
fi
"$PAGELENS" eval ddg-forms formasaurus fathom-products product-pages-misc articles \
  --model "$MODEL" --baseline rules --baseline extruct "${SITES_ARG[@]}" \
  --out "$OUT/real.json" | tee "$OUT/real.md"
"$PAGELENS" eval data/synth-heldout --model "$MODEL" --baseline rules --baseline extruct \
  --out "$OUT/synth-heldout.json" | tee "$OUT/synth-heldout.md"
