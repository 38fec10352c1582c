"""Do the price and image a page declares (JSON-LD, microdata) make better first picks?

    .venv/bin/python bench/declared_price.py FOLD0_MODEL FOLD1_MODEL

Over every fathom-products page, each scored by the fold model that never saw its website (the
one whose ``heldout_sites.txt`` lists it), three ways of choosing the first price:

- the network's ranking, decoded without what the page declares (``DecodeConfig``'s
  ``declared_price``, ``declared_image`` and ``declared_product_page`` off);
- the same with all three on (the shipped decoding: a page declaring one product with a price is
  a product page; on a product page the network's best element reading as the declared amount
  comes first, and its best element showing the declared image file);
- the element the extruct baseline maps the declared price to, wherever it names one, else the
  network's (itemprop first, then the shortest text);

and the main image with the three off and on. Each price is counted twice: the first price is
the gold element (top-1) and its text is a gold price value (the price-value rule of
docs/evaluation.md; the text read is ``pagelens.product.price_text``'s). Measured on 2026-12-06
with R2 / R2f1: price top-1 26 / 29 / 22 of 48, value 36 / 44 / 43 (34 / 42 / 42 when the
value was read from the element's whole text), image 19 / 21 of 47 (docs/model.md, Decisions:
what the page declares; a price reads what its element shows as current).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pagelens.baselines.extruct_baseline import ExtructPredictor  # noqa: E402
from pagelens.corpora import load, read_sites  # noqa: E402
from pagelens.metrics import price_value_match  # noqa: E402
from pagelens.model import load_predictor  # noqa: E402
from pagelens.product import price_text  # noqa: E402


def _with(predictor, **flags: bool) -> None:
    cfg = predictor.model.cfg
    predictor.model.cfg = dataclasses.replace(cfg, decode=dataclasses.replace(cfg.decode, **flags))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", type=Path, nargs=2, help="the fold-0 and the fold-1 model")
    args = ap.parse_args()
    folds = [(load_predictor(m), read_sites(m / "heldout_sites.txt")) for m in args.models]
    declared = ExtructPredictor()
    counts = {"network": [0, 0], "declared first": [0, 0], "extruct override": [0, 0]}
    images = {"network": 0, "declared image first": 0}
    pages = image_pages = 0
    for page in load("fathom-products"):
        gold = {e for e, lab in page.gold.elements.items() if lab == "price"}
        judges = [p for p, held in folds if page.gold.site in held]
        if not gold or not judges:
            continue
        cap = page.capture()
        pages += 1
        gold_image = {e for e, lab in page.gold.elements.items() if lab == "product_image"}
        image_pages += bool(gold_image)
        firsts = {}
        for name, on in (("network", False), ("declared first", True)):
            _with(judges[0], declared_price=on, declared_image=on, declared_product_page=on)
            rankings = judges[0].predict([cap])[0].rankings
            ranked = rankings.get("price", ())
            firsts[name] = ranked[0][0] if ranked else None
            image = rankings.get("product_image", ())
            images["network" if not on else "declared image first"] += bool(
                image and image[0][0] in gold_image)
        ext = declared.predict([cap])[0].rankings.get("price", ())
        firsts["extruct override"] = ext[0][0] if ext else firsts["network"]
        for name, eid in firsts.items():
            text = price_text(cap, eid) if eid is not None else None
            counts[name][0] += eid in gold
            counts[name][1] += price_value_match(page.gold.price_values, text)
    for name, (top1, value) in counts.items():
        print(f"{name}: first price the gold element on {top1} of {pages} pages, "
              f"a gold price value on {value}")
    for name, hits in images.items():
        print(f"{name}: main image the gold element on {hits} of {image_pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
