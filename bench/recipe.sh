# The shipped model's training recipe, sourced by bench/train.sh and bench/ablation_full.sh so
# that an ablation trains what is shipped (docs/model.md, Training the shipped model).
# REAL: the real corpora of step 2. STEP1_ARGS: step 1's training on synthetic pages, without
# --out and its page source. STEP2_ARGS: step 2's fine-tune, without --out, --init and
# --real-fold; its decoding flags are those of Decisions in docs/model.md. OCR_ARGS: step 3's
# fine-tune of the step-2 model on the step-1 pages seen as OCR lines (bench/ocr_views.py), the
# screenshot model. OCR_READ_PAGES and OCR_READ_ARGS: step 3b, that model fine-tuned on synthetic
# pages whose screenshots OCR read (bench/ocr_views.py --read; about 3 s a page).
# shellcheck disable=SC2034  # the variables are read by the scripts that source this file
REAL=(ddg-forms formasaurus fathom-products product-pages-misc articles)
STEP1_ARGS=(--seed 0 --epochs 6 --class-words 0)
STEP2_ARGS=(--data runs/synthetic/data --real "${REAL[@]}" --real-max-pages 300
            --real-val-fraction 0.25 --epochs 2 --lr 1e-3 --seed 0
            --rule-fields-below 140 --rule-fields-exclusive --rule-page-boost 2
            --rule-field-gate 0.8 --submit-buttons rules_per_form)
OCR_ARGS=(--data runs/ocr/data --epochs 2 --lr 1e-3 --seed 0 --rule-page-boost 2
          --submit-buttons all)
OCR_READ_PAGES=(--pages 250 --seed 20 --split train)
OCR_READ_ARGS=(--data runs/ocr-read/data --epochs 4 --lr 1e-3 --seed 0 --rule-page-boost 2
               --submit-buttons all)
