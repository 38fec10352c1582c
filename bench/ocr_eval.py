"""How much of a product page pagelens reads from its screenshot alone (OCR), against the capture.

    .venv/bin/python bench/ocr_eval.py [--pages data/synth-heldout] [--limit N] [--out F.json]

For each product page among the capture folders (``labels.json`` with page type product and a
price label), the page is parsed twice: from its capture (DOM, styles, screenshot) by the shipped
model, and from its ``page.png`` alone, read by OCR (``Parser.parse_screenshot`` without boxes),
by the shipped screenshot model (``assets/model-ocr``; ``--screenshot-model M`` for another, e.g.
``assets/model`` for the main model). Both runs are told the page is a product page, as a price tracker would be, so the figures
are about reading the product, not about guessing the page type. Reported per input kind: the
share of pages whose product record's price amount equals the labelled price element's (as
numbers: ``1069.9`` is ``1069.90``), whose
title matches the labelled title's text (compared without case, spaces or punctuation, which OCR
drops), and the median time a page takes (OCR included). The share of pages each input gets
decoded as product when not told is reported too.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from pathlib import Path

log = logging.getLogger("pagelens.bench")


def squash(text: str) -> str:
    """``text`` without case, spaces or punctuation; lowered first, so that a capital with a
    dot (Turkish ``İ``, lowered to ``i`` and a combining dot) compares as its letter."""
    return re.sub(r"\W+", "", (text or "").lower())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=Path("data/synth-heldout"),
                    help="folder of labelled capture folders (pagelens synth output)")
    ap.add_argument("--limit", type=int, default=0, help="at most this many product pages (0: all)")
    ap.add_argument("--out", type=Path, default=None, help="write the figures here as JSON")
    ap.add_argument("--screenshot-model", type=Path, default=None,
                    help="model folder for the screenshot runs (default: the shipped screenshot "
                         "model, assets/model-ocr)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")

    from pagelens import Parser, ParserConfig
    from pagelens.api import OCR_MODEL
    from pagelens.product import parse_money, price_text
    from pagelens.records import PageCapture

    if not args.pages.is_dir():
        log.error("%s: no such folder (make it with pagelens synth --split heldout)", args.pages)
        return 2
    folders = []
    for f in sorted(args.pages.iterdir()):
        labels = f / "labels.json"
        if not labels.is_file() or not (f / "page.png").is_file():
            continue
        gold = json.loads(labels.read_text())
        roles = {v: int(k) for k, v in gold.get("elements", {}).items()}
        if gold.get("page_type") == "product" and "price" in roles:
            folders.append((f, roles))
    if args.limit:
        folders = folders[:args.limit]
    if not folders:
        log.error("%s: no labelled product page with a price", args.pages)
        return 2
    told = Parser.load(config=ParserConfig(page_type="product"))
    free = Parser.load()
    # the screenshot runs' model as the main model of their parsers, so that the type guessed
    # from the OCR capture (parse of a capture) is that model's too
    shot = args.screenshot_model
    if shot is None and (OCR_MODEL / "model.safetensors").is_file():
        shot = OCR_MODEL
    shot_told = Parser.load(shot, config=ParserConfig(page_type="product"))
    shot_free = Parser.load(shot)
    rows = []
    for i, (folder, roles) in enumerate(folders, 1):
        cap = PageCapture.load(folder)
        gold_price = parse_money(price_text(cap, roles["price"]))
        gold_title = cap.elements[roles["product_title"]].full_text if "product_title" in roles else ""
        row = {"page": folder.name}
        for kind in ("capture", "screenshot"):
            t0 = time.perf_counter()
            if kind == "capture":
                res = told.parse(cap)
            else:
                res = shot_told.parse_screenshot(folder / "page.png", source=str(folder))
            row[f"{kind}_s"] = time.perf_counter() - t0  # OCR included for the screenshot
            guess = (free if kind == "capture" else shot_free).parse(res.capture)
            prod = res.product
            row[f"{kind}_price"] = bool(gold_price and prod and prod.price
                                        and prod.price.decimal == gold_price.decimal)
            row[f"{kind}_title"] = bool(gold_title and prod and prod.name
                                        and squash(prod.name) == squash(gold_title))
            row[f"{kind}_type"] = guess.page_type == "product"
        rows.append(row)
        print(f"\r{i}/{len(folders)} pages", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    summary = {"pages": len(rows), "from": str(args.pages)}
    for kind in ("capture", "screenshot"):
        for what in ("price", "title", "type"):
            summary[f"{kind}_{what}"] = round(sum(r[f"{kind}_{what}"] for r in rows) / len(rows), 3)
        summary[f"{kind}_median_s"] = round(statistics.median(r[f"{kind}_s"] for r in rows), 2)
    print(json.dumps(summary))
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "pages": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
