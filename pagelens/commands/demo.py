"""``pagelens demo``: label the bundled sample pages and write labels, overlays and a report.

Writes ``OUT/labels.jsonl``, ``OUT/overlays/<page>.png`` and ``OUT/report/index.html`` (default
``OUT`` is ``out/demo``), and fills the sample checkout from the sample profile into
``OUT/fill/`` (:func:`fill_sample`). The sample pages carry their answers as ``data-pl-label``
attributes; they are read and removed from the page before the predictor sees it, and the
summary compares the predictions with them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

LABEL_ATTRIBUTE = "data-pl-label"


def samples_dir() -> Path:
    """The bundled sample pages (``assets/samples``)."""
    from pagelens.paths import asset_path

    folder = asset_path("samples")
    if not folder.is_dir():
        raise FileNotFoundError(f"sample pages not found (looked in {folder})")
    return folder


def _display_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it (shorter in reports)."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="out/demo", help="output folder (default: out/demo)")
    p.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    p.add_argument("--predictor", metavar="MODULE:NAME", default=None,
                   help="use another Predictor: a class or factory taking no arguments")
    p.add_argument("--workers", type=int, default=2, help="pages rendered in parallel")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from pagelens.api import Parser, ParserConfig
    from pagelens.commands.label import label_inputs, predictor_from_spec

    folder = samples_dir()
    pages = sorted(_display_path(p) for p in folder.glob("*.html"))
    gold_types = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    out = Path(args.out)
    labels = out / "labels.jsonl"
    if labels.exists():
        labels.unlink()  # the demo always shows a fresh run
    try:
        predictor = predictor_from_spec(args.predictor) if args.predictor else None
    except ValueError as exc:
        print(f"pagelens demo: {exc}", file=sys.stderr)
        return 2
    config = ParserConfig(workers=args.workers)
    parser = Parser(predictor, config) if predictor is not None else Parser.load(args.model, config)

    rows: dict[str, str] = {}

    def summarise(outcome) -> None:
        name = Path(outcome.source).name
        if outcome.result is None:
            rows[name] = f"{name:34s} FAILED: {outcome.error}"
            return
        r = outcome.result
        gold = {eid: labs[LABEL_ATTRIBUTE] for eid, labs in outcome.raw_labels.items()
                if labs.get(LABEL_ATTRIBUTE)}
        predicted = {}
        for e in r.labelled:
            predicted.setdefault(e.id, set()).add(e.label)
        hits = sum(1 for eid, lab in gold.items() if lab in predicted.get(eid, ()))
        want = gold_types.get(name, {}).get("page_type", "?")
        mark = "ok" if r.page_type == want else f"gold {want}"
        rows[name] = (f"{name:34s} {r.page_type:9s} {r.page_type_score:.2f} ({mark:14s}) "
                      f"{len(r.elements):3d} roles {len(r.fields):3d} fields   "
                      f"gold elements found {hits}/{len(gold)}")

    with parser:
        result = label_inputs(pages, labels, parser, overlays=out / "overlays",
                              report=out / "report", workers=args.workers,
                              progress=not args.no_progress, label_attributes=(LABEL_ATTRIBUTE,),
                              on_outcome=summarise)
        filled = fill_sample(parser, folder, out / "fill")
    print(f"predictor: {getattr(parser.predictor, 'name', type(parser.predictor).__name__)}")
    for name in sorted(rows):
        print(rows[name])
    print(f"\n{result.labelled} page(s) labelled in {result.seconds:.1f} s "
          f"({result.pages_per_second:.2f} pages/s)")
    print(f"labels:   {labels}\noverlays: {out / 'overlays'}\nreport:   {out / 'report' / 'index.html'}")
    print(filled)
    return 1 if result.failed else 0


def fill_sample(parser, folder: Path, out: Path) -> str:
    """Fill the sample checkout from the sample profile (``assets/samples/profile.json``, an
    invented person and a test card number) and write ``out/report.json`` (secrets masked) and
    ``out/checkout-filled.png``; nothing is submitted. Returns a line saying what was filled."""
    from pagelens.api import ParseError
    from pagelens.fill import Profile

    page = folder / "checkout-shipping-payment.html"
    try:
        report = parser.fill(_display_path(page), Profile.load(folder / "profile.json"),
                             label_attributes=(LABEL_ATTRIBUTE,))
    except ParseError as exc:
        return f"fill:     FAILED: {exc}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report.to_dict(), indent=1, ensure_ascii=False)
                                     + "\n", encoding="utf-8")
    if report.screenshot_png:
        (out / "checkout-filled.png").write_bytes(report.screenshot_png)
    ok = sum(o.ok for o in report.outcomes)
    return (f"fill:     {ok} field(s) of {page.name} filled from profile.json, "
            f"{len(report.plan.skipped)} left alone, submit not pressed -> {out}")
