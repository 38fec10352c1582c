#!/usr/bin/env bash
# Cross-fitted real-page figures of one or more training recipes, beside the rules baseline.
#
#   bash bench/crossfit.sh OUT_DIR NAME=FOLD0_MODEL:FOLD1_MODEL [NAME=FOLD0_MODEL:FOLD1_MODEL ...]
#
# Each recipe is a pair of models: one fine-tuned with `pagelens train --real-fold 0`, one with
# `--real-fold 1` (otherwise the same command). Each is measured on the websites of the fold it
# never trained on (its heldout_sites.txt, Formasaurus cut as bench/heldout_sites.py says), and
# bench/crossfit.py pools the two halves: every page scored by a model that never saw its
# website. Writes OUT_DIR/fold0.json, fold1.json and crossfit.md. About 4 minutes per half on 2
# cores with two recipes.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGELENS=${PAGELENS:-.venv/bin/pagelens}
PY=${PY:-.venv/bin/python}
if [ $# -lt 2 ]; then
  echo "usage: bash bench/crossfit.sh OUT_DIR NAME=FOLD0_MODEL:FOLD1_MODEL [...]" >&2
  exit 2
fi
OUT=$1; shift
NAMES=(rules); ON_FOLD1=(); ON_FOLD0=()  # fold-0 models are measured on fold-1 websites
for pair in "$@"; do
  name=${pair%%=*}; models=${pair#*=}; m0=${models%%:*}; m1=${models#*:}
  if [ "$name" = "$pair" ] || [ "$m0" = "$models" ]; then
    echo "bench/crossfit.sh: $pair: expected NAME=FOLD0_MODEL:FOLD1_MODEL" >&2; exit 2
  fi
  for m in "$m0" "$m1"; do
    [ -f "$m/heldout_sites.txt" ] || { echo "bench/crossfit.sh: $m/heldout_sites.txt: missing (train with --real)" >&2; exit 2; }
  done
  NAMES+=("$name"); ON_FOLD1+=(--model "$m0"); ON_FOLD0+=(--model "$m1")
done
mkdir -p "$OUT"
source bench/recipe.sh  # REAL: the real corpora
first=${1#*=}
"$PY" bench/heldout_sites.py "${first%%:*}/heldout_sites.txt" "$OUT/fold1_sites.txt"
"$PY" bench/heldout_sites.py "${first#*:}/heldout_sites.txt" "$OUT/fold0_sites.txt"
"$PAGELENS" eval "${REAL[@]}" --baseline rules "${ON_FOLD1[@]}" --sites-from "$OUT/fold1_sites.txt" \
  --out "$OUT/fold1.json"
"$PAGELENS" eval "${REAL[@]}" --baseline rules "${ON_FOLD0[@]}" --sites-from "$OUT/fold0_sites.txt" \
  --out "$OUT/fold0.json"
"$PY" bench/crossfit.py "$OUT/fold0.json" "$OUT/fold1.json" --names "${NAMES[@]}" \
  --out "$OUT/crossfit.md"
