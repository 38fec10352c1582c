"""``pagelens synth``: generate synthetic shop pages, capture them and write their labels.

    pagelens synth --pages 2000 --out data/synth --seed 0 --workers 2 --split train
    pagelens synth --contact-sheet sheet.png --pages 48

One folder per page, ``DIR/<seed>-<i>/`` with ``page.png``, ``page.json``, ``page.html`` and
``labels.json``; a rerun skips complete folders. See ``docs/synth.md``.
"""

from __future__ import annotations

import argparse
import logging

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pages", type=int, default=100, help="number of pages (default 100)")
    parser.add_argument("--out", help="output folder for capture folders")
    parser.add_argument("--seed", type=int, default=0, help="run seed; page i depends only on (seed, i)")
    parser.add_argument("--start", type=int, default=0, help="index of the first page (default 0)")
    parser.add_argument("--workers", type=int, default=2, help="pages captured at once (default 2)")
    parser.add_argument("--split", choices=("train", "heldout", "all"), default=None,
                        help="designs to draw from: train (no held-out family, theme or language; "
                             "the default for capture folders), heldout (only unseen designs) or "
                             "all (the default for --contact-sheet)")
    parser.add_argument("--mobile-fraction", type=float, default=0.3,
                        help="share of pages laid out for a phone viewport (default 0.3)")
    parser.add_argument("--offline-fraction", type=float, default=None,
                        help="share of pages in the look of a saved page opened offline: no "
                             "stylesheet, broken images (default 0.3, OFFLINE_LOOK_FRACTION)")
    parser.add_argument("--form-buttons", type=float, default=0.0,
                        help="share of forms that also have buttons besides their submit button "
                             "(back, close, forgot password, amount chips, ...; default 0)")
    parser.add_argument("--families", nargs="+", metavar="FAMILY", default=None,
                        help="draw layouts only from these families (pagelens.synth.FAMILIES), "
                             "opt-in ones such as other_account_form included; default: every "
                             "family of the split but the opt-in ones")
    parser.add_argument("--contact-sheet", metavar="PNG",
                        help="instead of capture folders, write a grid of first-viewport thumbnails")
    parser.add_argument("--columns", type=int, default=8, help="contact sheet columns (default 8)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from pagelens.synth.generator import OFFLINE_LOOK_FRACTION
    from pagelens.synth.pipeline import contact_sheet, synth_to_folders

    if args.offline_fraction is None:
        args.offline_fraction = OFFLINE_LOOK_FRACTION

    for flag, value in (("--mobile-fraction", args.mobile_fraction),
                        ("--offline-fraction", args.offline_fraction),
                        ("--form-buttons", args.form_buttons)):
        if not 0 <= value <= 1:
            log.error("%s must be between 0 and 1, got %s", flag, value)
            return 2
    if args.families is not None:
        from pagelens.synth.split import DEFAULT_SPLIT
        try:
            DEFAULT_SPLIT.check_families(args.families, args.split or "train")
        except ValueError as exc:
            log.error("--families: %s", exc)
            return 2
    if args.pages < 1 or args.workers < 1:
        log.error("--pages and --workers must be at least 1")
        return 2
    if args.contact_sheet:
        contact_sheet(args.contact_sheet, n_pages=args.pages, seed=args.seed, workers=args.workers,
                      split=args.split or "all", mobile_fraction=args.mobile_fraction,
                      offline_fraction=args.offline_fraction, columns=args.columns,
                      families=args.families)
        return 0
    if not args.out:
        log.error("--out DIR is required (or --contact-sheet PNG)")
        return 2
    result = synth_to_folders(args.out, args.pages, seed=args.seed, workers=args.workers,
                              split=args.split or "train",
                              mobile_fraction=args.mobile_fraction,
                              offline_fraction=args.offline_fraction, start=args.start,
                              progress=not args.no_progress, form_buttons=args.form_buttons,
                              families=args.families)
    if result.written:
        log.info("page types: %s", ", ".join(f"{k} {v}" for k, v in sorted(result.page_types.items())))
        log.info("labels: %s", ", ".join(f"{k} {v}" for k, v in sorted(result.label_counts.items(),
                                                                      key=lambda kv: -kv[1])))
    return 1 if result.failed and not result.written else 0

