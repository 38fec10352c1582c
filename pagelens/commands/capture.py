"""``pagelens capture INPUT... --out DIR``: render pages and write capture folders."""

from __future__ import annotations

import argparse
import sys
import time

from pagelens.capture import CaptureOptions, capture_to_folders, median_seconds
from pagelens.records import Viewport


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="URL, .html/.htm/.html.gz/.mhtml file, folder of them, or a .txt list")
    p.add_argument("--out", required=True, help="folder for the capture folders")
    p.add_argument("--viewport", default="desktop",
                   help="desktop (1280x800), mobile (390x844, scale 3, touch) or WIDTHxHEIGHT")
    p.add_argument("--workers", type=int, default=2, help="pages rendered in parallel")
    p.add_argument("--online", action="store_true",
                   help="allow network requests (needed for URLs; local files stay offline otherwise)")
    p.add_argument("--timeout", type=float, default=15.0,
                   help="seconds a page may load before it is captured as it is")
    p.add_argument("--no-scroll", action="store_true", help="do not scroll for lazy content")
    p.add_argument("--max-height", type=int, default=CaptureOptions.max_height,
                   help="screenshot height limit in CSS px; taller pages are cut there with a warning")
    p.add_argument("--max-width", type=int, default=CaptureOptions.max_width,
                   help="screenshot width limit in CSS px (never below the viewport's width); "
                        "content spilling further right is cut with a warning")
    p.add_argument("--force", action="store_true", help="capture again pages already captured")


def run(args: argparse.Namespace) -> int:
    try:
        options = CaptureOptions(viewport=Viewport.parse(args.viewport), online=args.online,
                                 timeout_s=args.timeout, scroll=not args.no_scroll,
                                 max_height=args.max_height, max_width=args.max_width)
    except ValueError as exc:
        print(f"pagelens capture: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results = capture_to_folders(args.inputs, args.out, options, workers=args.workers,
                                 skip_existing=not args.force)
    wall = time.perf_counter() - t0
    done = [r for r in results if r.capture is not None]
    failed = [r for r in results if r.error]
    skipped = len(results) - len(done) - len(failed)
    med = median_seconds(done)
    summary = f"captured {len(done)} page(s), {skipped} already there, {len(failed)} failed"
    if done:
        summary += (f"; median {med:.2f} s per page, {wall / len(done):.2f} s wall per page "
                    f"with {args.workers} worker(s)")
    print(summary, file=sys.stderr)
    return 1 if failed else 0
