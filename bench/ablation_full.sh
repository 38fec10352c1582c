#!/usr/bin/env bash
# Ablation at full scale: the shipped recipe (bench/train.sh) on the same synthetic pages and
# seed, changing one thing per run (docs/model.md, Ablation):
#   R  fused: text + layout + style + vision, renderer-target loss 0.2 (the shipped recipe)
#   N  fused, no renderer-target loss (--renderer-weight 0)
#   T  text + layout + style, no pixels (--no-vision)
#   V  pixels + boxes + tags, no text, no style (--no-text --no-style); step 1 only
# R, N and T are fine-tuned on the real pages of each fold of websites (step 2 of
# bench/train.sh), measured on held-out synthetic designs, on the validation websites of the
# shipped model's fold, and cross-fitted over both folds (bench/crossfit.sh).
#
#   bash bench/ablation_full.sh [OUT_DIR]        (default runs/rt; about 100 min on 2 cores)
#
# The step-1 runs go side by side (each trains on one thread), then the step-2 runs. Nothing
# here changes assets/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs/rt}
PAGELENS=${PAGELENS:-.venv/bin/pagelens}
source bench/recipe.sh  # REAL, STEP1_ARGS, STEP2_ARGS (the shipped recipe)
DATA=runs/synthetic/data  # where STEP2_ARGS reads the synthetic pages
mkdir -p "$OUT"
"$PAGELENS" eval "${REAL[@]}" --build-only
# the pages of bench/train.sh's step 1 (a rerun skips the pages already made)
"$PAGELENS" synth --pages 1500 --out "$DATA" --seed 0 --workers 2 --split train
[ -d data/synth-heldout ] || "$PAGELENS" synth --pages 150 --out data/synth-heldout --seed 7 \
    --workers 2 --split heldout

declare -A STEP1=([R]="" [N]="--renderer-weight 0" [T]="--no-vision" [V]="--no-text --no-style")
pids=()
for arm in R N T V; do
  # shellcheck disable=SC2086
  "$PAGELENS" train --out "$OUT/$arm" --data "$DATA" "${STEP1_ARGS[@]}" --no-progress \
      ${STEP1[$arm]} > "$OUT/$arm.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

for arm in R N T; do  # both folds of one arm side by side
  pids=()
  for fold in 0 1; do
    "$PAGELENS" train --out "$OUT/${arm}2f$fold" --init "$OUT/$arm" "${STEP2_ARGS[@]}" \
        --real-fold "$fold" --no-progress > "$OUT/${arm}2f$fold.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
done

"$PAGELENS" eval data/synth-heldout --baseline rules --model "$OUT/R" --model "$OUT/N" \
    --model "$OUT/T" --model "$OUT/V" --model "$OUT/R2f0" --model "$OUT/N2f0" --model "$OUT/T2f0" \
    --out "$OUT/synth-heldout.json" | tee "$OUT/synth-heldout.md"
"$PAGELENS" eval ddg-forms formasaurus fathom-products articles --baseline rules \
    --model "$OUT/R2f0" --model "$OUT/N2f0" --model "$OUT/T2f0" \
    --sites-from "$OUT/R2f0/validation_sites.txt" --out "$OUT/validation.json" \
    | tee "$OUT/validation.md"
bash bench/crossfit.sh "$OUT/crossfit" "R=$OUT/R2f0:$OUT/R2f1" "N=$OUT/N2f0:$OUT/N2f1" \
    "T=$OUT/T2f0:$OUT/T2f1"
