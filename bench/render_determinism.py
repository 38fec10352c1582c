"""Does the same synthetic page make the same screenshot every time? Render pages K times and count
the distinct screenshots of each.

    .venv/bin/python bench/render_determinism.py --pages 1 368 528 611 --times 8 --load 2
    .venv/bin/python bench/render_determinism.py --pages 1 368 528 611 --times 8 --load 2 \\
        --without=--disable-partial-raster

Pages are those of ``pagelens synth --seed S --split train`` (``--seed``, default 0), rendered
by the same pipeline, two browser pages at once. ``--load N`` keeps N busy processes running
meanwhile (a machine busy with other work is when a render's timing varies).
``--without=ARG`` leaves a Chromium argument of ``pagelens.capture.CHROMIUM_ARGS`` out,
``--with=ARG`` adds one, to compare launch settings (written with ``=``, because ARG itself
starts with ``--``). Prints one line per page and a JSON summary; exits 1 when any page
made more than one screenshot.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import shutil
import sys
import tempfile
from pathlib import Path


def _busy() -> None:
    while True:
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, nargs="+", required=True, help="synthetic page indices")
    ap.add_argument("--times", type=int, default=8, help="renders of each page (default 8)")
    ap.add_argument("--seed", type=int, default=0, help="synthetic run seed (default 0)")
    ap.add_argument("--load", type=int, default=0, help="busy processes meanwhile (default 0)")
    ap.add_argument("--with", dest="add", action="append", default=[], metavar="ARG",
                    help="add this Chromium argument (repeatable)")
    ap.add_argument("--without", action="append", default=[], metavar="ARG",
                    help="leave this Chromium argument out (repeatable)")
    args = ap.parse_args(argv)
    if args.times < 2:
        ap.error("--times must be at least 2")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    import pagelens.capture as capture
    from pagelens.synth.pipeline import synth_to_folders

    missing = [a for a in args.without if a not in capture.CHROMIUM_ARGS]
    if missing:
        ap.error(f"--without {' '.join(missing)}: not among pagelens.capture.CHROMIUM_ARGS")
    capture.CHROMIUM_ARGS = tuple(a for a in capture.CHROMIUM_ARGS if a not in args.without) \
        + tuple(args.add)
    busy = [multiprocessing.Process(target=_busy, daemon=True) for _ in range(args.load)]
    for p in busy:
        p.start()
    shots: dict[int, list[str]] = {i: [] for i in args.pages}
    try:
        for k in range(args.times):
            folder = Path(tempfile.mkdtemp(prefix="pagelens-render-"))
            try:
                run = synth_to_folders(folder, 0, seed=args.seed, indices=args.pages, workers=2,
                                       progress=False)
                if run.failed:
                    print(f"render {k + 1}: {run.failed} pages failed: {run.errors}", file=sys.stderr)
                    return 2
                for i in args.pages:
                    png = (folder / f"{args.seed}-{i}" / "page.png").read_bytes()
                    shots[i].append(hashlib.sha256(png).hexdigest()[:12])
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            print(f"render {k + 1} of {args.times} done", file=sys.stderr)
    finally:
        for p in busy:
            p.terminate()
    flaky = 0
    for i, hashes in shots.items():
        distinct = len(set(hashes))
        flaky += distinct > 1
        print(f"page {args.seed}-{i}: {distinct} distinct screenshot(s) in {len(hashes)} renders "
              f"({', '.join(hashes)})")
    print(json.dumps({"chromium_args": list(capture.CHROMIUM_ARGS), "pages": len(shots),
                      "renders_each": args.times, "load": args.load, "pages_with_several": flaky}))
    return 1 if flaky else 0


if __name__ == "__main__":
    sys.exit(main())
