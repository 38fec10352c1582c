#!/usr/bin/env bash
# Train the shipped model from nothing on this machine (2 cores, no GPU), then copy it into
# assets/model/. Two steps, both `pagelens train`:
#   1. synthetic pages only: make 1,500 pages (`pagelens synth --split train`, seed 0) and train
#      from random initialisation (vision) and MiniLM's embeddings (text) for 6 epochs;
#   2. fine-tune 2 epochs on the same synthetic pages plus real pages of fold 0 of a website hash
#      (at most 300 pages per corpus); a quarter of fold 0's websites is kept out of training to
#      validate each epoch on real pages; the websites of fold 1 are written to
#      runs/model/heldout_sites.txt and are the only ones real-page figures are reported on.
#      Decoding leaves the field tokens with fewer than 140 training examples to the rules (the
#      network may not name them where the rules do not), keeps a field token the rules do not
#      see only at p >= 0.8, and adds 2 to the logit of the rules' page type (docs/model.md,
#      Decisions).
#      The step writes vision.onnx too: the screenshot half for ONNX Runtime, made from the
#      same weights (pagelens.vision.runtime).
#   3. the screenshot model: step 2's model fine-tuned 2 epochs on step 1's pages seen as OCR
#      sees their screenshots (bench/ocr_views.py: text joined into lines, roles carried to
#      them), then (3b) 4 epochs on 250 more synthetic pages (seed 20) whose screenshots OCR
#      read (bench/ocr_views.py --read: OCR's own lines, roles carried to them), into
#      assets/model-ocr/; pagelens uses it for screenshots read by OCR only.
# Step 0 renders the real corpora into data/corpora/ (what is already cached is skipped; the
# same cache `pagelens eval` reads).
set -euo pipefail
cd "$(dirname "$0")/.."
PAGELENS=${PAGELENS:-.venv/bin/pagelens}
source bench/recipe.sh  # REAL, STEP1_ARGS, STEP2_ARGS, OCR_ARGS, OCR_READ_PAGES, OCR_READ_ARGS
"$PAGELENS" eval "${REAL[@]}" --build-only
"$PAGELENS" train --out runs/synthetic --pages 1500 "${STEP1_ARGS[@]}" --time-budget-min 35
"$PAGELENS" train --out runs/model --init runs/synthetic "${STEP2_ARGS[@]}" --real-fold 0
mkdir -p assets/model
cp runs/model/config.json runs/model/model.safetensors runs/model/vision.onnx runs/model/heldout_sites.txt \
    runs/model/validation_sites.txt assets/model/
.venv/bin/python bench/ocr_views.py runs/synthetic/data runs/ocr/data
"$PAGELENS" train --out runs/model-ocr --init runs/model "${OCR_ARGS[@]}"
"$PAGELENS" synth --out runs/ocr-read/pages --workers 2 "${OCR_READ_PAGES[@]}"
.venv/bin/python bench/ocr_views.py runs/ocr-read/pages runs/ocr-read/data --read
"$PAGELENS" train --out runs/model-ocr-read --init runs/model-ocr "${OCR_READ_ARGS[@]}"
mkdir -p assets/model-ocr
cp runs/model-ocr-read/config.json runs/model-ocr-read/model.safetensors \
    runs/model-ocr-read/vision.onnx assets/model-ocr/
