"""``pagelens eval``: measure the model or a baseline on labelled corpora and print one table.

``CORPUS`` is a real-page corpus name (ddg-forms, formasaurus, fathom-products,
product-pages-misc, articles), rendered once into ``--cache`` (``--build`` renders what is
missing; a corpus not cached yet is built automatically), or a folder of capture folders with
``labels.json`` (synthetic pages use the same format). Predictors: ``--baseline`` (repeatable) and
``--model PATH``; with neither, the rules baseline. Every figure carries a 95 % bootstrap interval
over websites (see :mod:`pagelens.metrics`).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from pagelens.vocab import PAGE_TYPES

log = logging.getLogger(__name__)

BATCH = 16  # captures in memory at once per predictor call


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpora", nargs="+", metavar="CORPUS",
                        help="corpus name or folder of capture folders with labels.json")
    parser.add_argument("--baseline", action="append", default=[],
                        choices=["rules", "extruct", "formasaurus"],
                        help="baseline to measure (repeatable)")
    parser.add_argument("--model", type=Path, action="append", default=[],
                        help="model folder loaded with pagelens.model.load_predictor (repeatable)")
    parser.add_argument("--sites-from", type=Path, default=None,
                        help="keep only pages whose site is listed in this file (one per line)")
    parser.add_argument("--cache", type=Path, default=Path("data/corpora"),
                        help="where corpus captures are cached (default: data/corpora)")
    parser.add_argument("--build", action="store_true",
                        help="render pages of named corpora that are not cached yet")
    parser.add_argument("--relabel", action="store_true",
                        help="recompute the gold labels of the named corpora's cached pages from "
                             "what their renders recorded, without rendering (after a change in "
                             "how a corpus maps its labels)")
    parser.add_argument("--max-sites", type=int, default=None,
                        help="when building, only the first N sites of each corpus (sorted)")
    parser.add_argument("--workers", type=int, default=2, help="browser pages at once when building")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--build-only", action="store_true",
                        help="render what is not cached yet and stop, measuring nothing")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the JSON report here (required unless --build-only)")
    parser.add_argument("--page-type", choices=PAGE_TYPES, default=None,
                        help="models decode every page as this type, as when a caller knows it "
                             "(ParserConfig.page_type); page-type figures then measure nothing")


def _predictors(args: argparse.Namespace) -> list[Any]:
    from pagelens.baselines import get_baseline

    preds = [get_baseline(name) for name in args.baseline]
    for path in args.model:
        try:
            from pagelens.model import load_predictor
        except ImportError as exc:
            raise SystemExit(f"pagelens eval: --model {path}: the model package is not available "
                             f"here ({exc})") from None
        if not Path(path).exists():
            raise SystemExit(f"pagelens eval: --model {path}: no such file or folder")
        preds.append(load_predictor(path))
        preds[-1].page_type = args.page_type
    if not preds:
        preds = [get_baseline("rules")]
    return preds


def _load_corpus(name: str, args: argparse.Namespace, sites: set[str] | None):
    from pagelens import corpora

    if name in corpora.CORPUS_NAMES:
        cached = (args.cache / name).is_dir() and any((args.cache / name).glob("*/labels.json"))
        if args.relabel and cached:
            corpora.relabel(name, args.cache)  # the cached pages; a build labels new ones afresh
        if args.build or not cached:
            report = corpora.build(name, args.cache, workers=args.workers, max_sites=args.max_sites,
                                   progress=_progress(name))
        else:
            report = corpora.report(name, args.cache, max_sites=args.max_sites)
        keys = None
        if args.max_sites is not None:
            corpus = corpora.get_corpus(name)
            src = corpora.site_subset(corpus.list_pages(corpora.realpages_root() / name), args.max_sites)
            keys = {p.key for p in src}
        pages = [p for p in corpora.load(name, args.cache) if keys is None or p.folder.name in keys]
        build = report.to_dict()
    else:
        folder = Path(name)
        if not folder.is_dir():
            raise FileNotFoundError(f"{name}: neither a corpus name "
                                    f"({', '.join(corpora.CORPUS_NAMES)}) nor a folder")
        pages = corpora.load(folder)
        build = None
    if sites is not None:
        pages = [p for p in pages if p.gold.site in sites]
    return pages, build


def _progress(name: str):
    last = [0.0]

    def report(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 10 or done == total:
            last[0] = time.monotonic()
            log.info("%s: %d/%d pages rendered", name, done, total)

    return report


def record_price(capture: Any, prediction: Any) -> str | None:
    """The price amount a user of the API gets for a page: ``ParseResult.product.price``, which
    exists only on a page decoded as product (its price element's reading, else the declared
    price); None elsewhere."""
    from pagelens.api import build_result

    if prediction.page_type != "product":
        return None
    product = build_result(capture, prediction).product
    return product.price.amount if product is not None and product.price is not None else None


def evaluate_predictor(predictor: Any, pages: Sequence[Any], n_boot: int) -> dict[str, Any]:
    """Run ``predictor`` over cached ``pages`` and score it (metrics limited to the tasks the
    predictor claims in its optional ``tasks`` attribute)."""
    from pagelens.metrics import evaluate, price_value_metrics, to_jsonable
    from pagelens.product import price_text

    # Baselines read elements and HTML only; loading screenshots would only cost time.
    needs_pixels = getattr(predictor, "needs_screenshot",
                           predictor.name not in ("rules", "extruct", "formasaurus"))
    preds, texts, records = [], [], []
    t0 = time.perf_counter()
    for start in range(0, len(pages), BATCH):
        batch = pages[start:start + BATCH]
        caps = [p.capture(with_screenshot=needs_pixels) for p in batch]
        out = predictor.predict(caps)
        if len(out) != len(caps):
            raise RuntimeError(f"{predictor.name} returned {len(out)} predictions for {len(caps)} pages")
        for cap, pred in zip(caps, out):
            preds.append(pred)
            top = next((i for i, _ in pred.rankings.get("price", ())), None)
            if top is None and pred.role("price") is not None:
                top = pred.role("price").element_id
            texts.append(price_text(cap, top) if top is not None else None)
            records.append(record_price(cap, pred))
    seconds = time.perf_counter() - t0
    golds = [p.gold for p in pages]
    metrics = evaluate(golds, preds, texts, n_boot=n_boot)
    metrics["price_value_record"] = price_value_metrics(golds, records, n_boot)
    tasks = getattr(predictor, "tasks", None)
    if tasks is not None:
        for task, key in (("fields", "fields"), ("roles", "roles"), ("price_value", "price_value"),
                          ("price_value", "price_value_record"),
                          ("page_type", "page_type")):
            if task not in tasks:
                metrics[key] = {}
        supported = getattr(predictor, "roles", None)
        if supported is not None:
            metrics["roles"] = {r: v for r, v in metrics["roles"].items() if r in supported}
    result = to_jsonable(metrics)
    result["seconds_per_page"] = round(seconds / max(1, len(pages)), 4)
    return result


COLUMNS = (("fields macro-F1", ("fields", "macro_f1")),
           ("price top1", ("roles", "price", "top1")),
           ("price top3", ("roles", "price", "top3")),
           ("title top1", ("roles", "product_title", "top1")),
           ("image top1", ("roles", "product_image", "top1")),
           ("cart top1", ("roles", "add_to_cart", "top1")),
           ("price-value F1", ("price_value", "f1")),
           ("record price-value F1", ("price_value_record", "f1")),
           ("page-type acc", ("page_type", "accuracy")))


def _cell(metrics: dict[str, Any], path: Sequence[str]) -> str:
    node: Any = metrics
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return "—"
        node = node[key]
    if not isinstance(node, dict) or node.get("value") is None:
        return "—"
    lo, hi = node.get("lo"), node.get("hi")
    ci = "" if lo is None or hi is None or (isinstance(lo, float) and math.isnan(lo)) \
        else f" [{lo:.2f}, {hi:.2f}]"
    return f"{node['value']:.2f}{ci}"


def format_table(results: Sequence[dict[str, Any]], markdown: bool = True) -> str:
    """The results as a Markdown table: one row per corpus and predictor."""
    head = ["corpus", "predictor", "pages (sites)"] + [c for c, _ in COLUMNS]
    rows = [head, ["---"] * len(head)]
    for r in results:
        m = r["metrics"]
        rows.append([r["corpus"], r["predictor"], f"{m['pages']} ({m['sites']})"]
                    + [_cell(m, path) for _, path in COLUMNS])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def run(args: argparse.Namespace) -> int:
    from pagelens import corpora
    from pagelens.baselines.formasaurus_baseline import FormasaurusUnavailable

    if args.build_only:
        unknown = [name for name in args.corpora if name not in corpora.CORPUS_NAMES]
        if unknown:
            print(f"pagelens eval: --build-only: {', '.join(unknown)}: not a corpus name "
                  f"({', '.join(corpora.CORPUS_NAMES)})", file=sys.stderr)
            return 2
        for name in args.corpora:
            report = corpora.build(name, args.cache, workers=args.workers, max_sites=args.max_sites,
                                   progress=_progress(name))
            log.info("%s (%.0f s)", report.line(), report.seconds)
        return 0
    if args.out is None:
        print("pagelens eval: --out is required (or --build-only)", file=sys.stderr)
        return 2
    sites = None
    if args.sites_from is not None:
        try:
            sites = corpora.read_sites(args.sites_from)
        except OSError as exc:
            print(f"pagelens eval: --sites-from {args.sites_from}: {exc}", file=sys.stderr)
            return 2
    try:
        predictors = _predictors(args)
    except FormasaurusUnavailable as exc:
        print(f"pagelens eval: {exc}", file=sys.stderr)
        return 2
    results, builds = [], {}
    for name in args.corpora:
        try:
            pages, build = _load_corpus(name, args, sites)
        except (FileNotFoundError, ValueError) as exc:
            print(f"pagelens eval: {exc}", file=sys.stderr)
            return 2
        if build is not None:
            builds[name] = build
            log.info("%s: %d/%d gold labels unmatched", name, build["unmatched_labels"],
                     build["expected_labels"])
        if not pages:
            log.warning("%s: no labelled pages", name)
            continue
        for predictor in predictors:
            log.info("%s: %s on %d pages", name, predictor.name, len(pages))
            metrics = evaluate_predictor(predictor, pages, args.bootstrap)
            results.append({"corpus": name, "predictor": predictor.name, "metrics": metrics})
    table = format_table(results)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"results": results, "corpora": builds, "table": table},
                                   indent=1, ensure_ascii=False))
    log.info("wrote %s", args.out)
    return 0
