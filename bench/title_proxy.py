"""A rough stand-in for title top-1 on real pages where no title is labelled.

fathom-products labels the product title as the document's ``<title>``, which is not an element
of the page; since 2026-12-07 its pages carry title labels made by pagelens, and ``pagelens eval``
measures title top-1 there (docs/evaluation.md). product-pages-misc has no element labels, so
this proxy is still the only title figure for it. It counts the held-out
product pages (fathom-products and product-pages-misc) where a predictor's top product-title
candidate shares at least half its words with the page's ``<title>`` and is not much longer. The
rules baseline uses that very overlap as a signal, so the proxy flatters it.

    .venv/bin/python bench/title_proxy.py --model assets/model [--model OTHER] [--rules]

Sites: those of the first model's ``heldout_sites.txt`` (and of every other model's).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from pagelens.baselines.rules import RulesPredictor
from pagelens.model import load_predictor
from pagelens.records import PageCapture

CORPORA = ("fathom-products", "product-pages-misc")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def matches_title(candidate: str, title: str) -> bool:
    t, d = words(candidate), words(title)
    return bool(t and d) and len(t & d) / len(t) >= 0.5 and len(t) <= 3 * len(d) + 3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", default=[], help="model folder (repeatable)")
    ap.add_argument("--rules", action="store_true", help="also the rules baseline")
    ap.add_argument("--cache", default="data/corpora")
    args = ap.parse_args()
    models = args.model or ["assets/model"]
    sites = None
    for m in models:
        held = set((Path(m) / "heldout_sites.txt").read_text().split())
        sites = held if sites is None else sites & held
    folders = [f for c in CORPORA for f in sorted((Path(args.cache) / c).glob("*/"))
               if json.loads((f / "labels.json").read_text()).get("site") in sites]
    captures = [PageCapture.load(f) for f in folders]
    predictors = [(m, load_predictor(m)) for m in models] + ([("rules", RulesPredictor())] if args.rules else [])
    for name, predictor in predictors:
        hits = 0
        for cap in captures:
            pred = predictor.predict([cap])[0]
            ranked = pred.rankings.get("product_title")
            if ranked and matches_title(cap.elements[ranked[0][0]].full_text, cap.title):
                hits += 1
        print(json.dumps({"predictor": name, "pages": len(captures), "title_matches": hits,
                          "rate": round(hits / max(1, len(captures)), 2)}))


if __name__ == "__main__":
    main()
