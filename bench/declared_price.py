"""Would the price a page declares (JSON-LD, microdata, Open Graph) make a better first price?

    .venv/bin/python bench/declared_price.py FOLD0_MODEL FOLD1_MODEL

Over every fathom-products page, each scored by the fold model that never saw its website (the
one whose ``heldout_sites.txt`` lists it): how often the network's first price is right, how often
the extruct baseline maps the declared price to an element and to the right one, and what putting
the baseline's element first wherever it names one would give. Measured on 2026-12-06 with R2 /
R2f1 (docs/model.md, Decisions: the declared price first): 26 of 48 against 22 with the override.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagelens.baselines.extruct_baseline import ExtructPredictor  # noqa: E402
from pagelens.corpora import load, read_sites  # noqa: E402
from pagelens.model import load_predictor  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", type=Path, nargs=2, help="the fold-0 and the fold-1 model")
    args = ap.parse_args()
    folds = [(load_predictor(m), read_sites(m / "heldout_sites.txt")) for m in args.models]
    declared = ExtructPredictor()
    pages = network = answers = answers_right = override = 0
    for page in load("fathom-products"):
        gold = {e for e, lab in page.gold.elements.items() if lab == "price"}
        judges = [p for p, held in folds if page.gold.site in held]
        if not gold or not judges:
            continue
        cap = page.capture()
        ranked = judges[0].predict([cap])[0].rankings.get("price", ())
        net_right = bool(ranked) and ranked[0][0] in gold
        ext = declared.predict([cap])[0].rankings.get("price", ())
        pages += 1
        network += net_right
        if ext:
            answers += 1
            answers_right += ext[0][0] in gold
            override += ext[0][0] in gold
        else:
            override += net_right
    print(f"{pages} pages: network first price right on {network}; the declared price mapped to an "
          f"element on {answers}, the right one on {answers_right}; with it first: {override}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
