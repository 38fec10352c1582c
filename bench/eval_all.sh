#!/usr/bin/env bash
# Measure every baseline (and the shipped model, when assets/model/ holds one) on every real-page
# corpus, and write one JSON report plus the Markdown table.
#
#   bash bench/eval_all.sh [OUT_DIR]        (default OUT_DIR: out/eval)
#
# The first run renders the corpora into data/corpora/ (about 16 min on 2 cores, mostly
# Formasaurus's 864 pages); later runs read the cache and take about 10 minutes. For a quicker
# first run, FORMASAURUS_SITES=200 measures a fixed, site-grouped subset of Formasaurus (its
# first 200 websites sorted by domain, 442 pages).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/eval}
PAGELENS=${PAGELENS:-.venv/bin/pagelens}
FORMASAURUS_SITES=${FORMASAURUS_SITES:-}
mkdir -p "$OUT"

BASELINES=(--baseline rules --baseline extruct)
if .venv/bin/python -c "import formasaurus" 2>/dev/null; then
  BASELINES+=(--baseline formasaurus)
else
  echo "formasaurus is not installed: skipping its baseline (.venv/bin/pip install formasaurus)" >&2
fi
MODEL=()
if [ -f assets/model/config.json ]; then
  MODEL=(--model assets/model)
fi

# Formasaurus is a separate call: --max-sites applies to every corpus of a call.
SUBSET=()
if [ -n "$FORMASAURUS_SITES" ]; then
  SUBSET=(--max-sites "$FORMASAURUS_SITES")
fi
"$PAGELENS" eval ddg-forms fathom-products product-pages-misc articles \
  "${BASELINES[@]}" "${MODEL[@]}" --out "$OUT/main.json" | tee "$OUT/main.md"
"$PAGELENS" eval formasaurus "${SUBSET[@]}" \
  "${BASELINES[@]}" "${MODEL[@]}" --out "$OUT/formasaurus.json" | tee "$OUT/formasaurus.md"
