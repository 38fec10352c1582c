"""Does the same page make the same screenshot every time? Render pages K times and count the
distinct screenshots (and, for page files, the distinct element records) of each.

    .venv/bin/python bench/render_determinism.py --pages 1 368 528 611 --times 8 --load 2
    .venv/bin/python bench/render_determinism.py --pages 1 368 528 611 --times 8 --load 2 \\
        --without=--disable-partial-raster
    .venv/bin/python bench/render_determinism.py --times 8 --load 2 \\
        --files ../shared/realpages/ddg-forms/ign_signup.html ../shared/realpages/ddg-forms/stackoverflow_signup.html

``--pages`` are pages of ``pagelens synth --seed S --split train`` (``--seed``, default 0),
rendered by the same pipeline; ``--files`` are saved pages (HTML, .html.gz, MHTML), captured
offline as ``pagelens capture`` does. Two browser pages at once either way. ``--load N`` keeps N
busy processes running meanwhile (a machine busy with other work is when a render's timing
varies). ``--without=ARG`` leaves a Chromium argument of ``pagelens.capture.CHROMIUM_ARGS`` out,
``--with=ARG`` adds one, to compare launch settings (written with ``=``, because ARG itself
starts with ``--``). Prints one line per page and a JSON summary; exits 1 when any page made
more than one screenshot (or, for files, more than one set of element records), else 2 when a
render of a file failed (it is left out of that page's count, and the other renders count).
"""

from __future__ import annotations

import argparse
import contextlib
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


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _render_synthetic(pages: list[int], seed: int) -> dict[str, tuple[str, str]]:
    """One render of synthetic pages: {name: (screenshot digest, "")}."""
    from pagelens.synth.pipeline import synth_to_folders

    folder = Path(tempfile.mkdtemp(prefix="pagelens-render-"))
    try:
        run = synth_to_folders(folder, 0, seed=seed, indices=pages, workers=2, progress=False)
        if run.failed:
            raise RuntimeError(f"{run.failed} pages failed: {run.errors}")
        return {f"{seed}-{i}": (_digest((folder / f"{seed}-{i}" / "page.png").read_bytes()), "")
                for i in pages}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _render_files(browser, files: list[str]) -> dict[str, tuple[str, str]]:
    """One render of page files: {file: (screenshot digest, element records digest)}."""
    out = {}
    for res in browser.capture_many(files, workers=2):
        if res.error:  # kept as a failed render of that page; the other pages count
            print(f"render failed: {res.error}", file=sys.stderr)
            out[res.source] = ("failed", "failed")
            continue
        cap = res.capture
        records = json.dumps([e.to_dict() for e in cap.elements], sort_keys=True).encode()
        out[res.source] = (_digest(cap.screenshot_png), _digest(records))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--pages", type=int, nargs="+", help="synthetic page indices")
    what.add_argument("--files", nargs="+", help="saved pages to capture offline")
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
    missing_files = [f for f in args.files or [] if not Path(f).is_file()]
    if missing_files:
        ap.error(f"--files: no such file: {', '.join(missing_files)}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    import pagelens.capture as capture

    missing = [a for a in args.without if a not in capture.CHROMIUM_ARGS]
    if missing:
        ap.error(f"--without {' '.join(missing)}: not among pagelens.capture.CHROMIUM_ARGS")
    capture.CHROMIUM_ARGS = tuple(a for a in capture.CHROMIUM_ARGS if a not in args.without) \
        + tuple(args.add)
    busy = [multiprocessing.Process(target=_busy, daemon=True) for _ in range(args.load)]
    for p in busy:
        p.start()
    renders: dict[str, list[tuple[str, str]]] = {}
    try:
        with capture.Browser() if args.files else contextlib.nullcontext() as browser:
            for k in range(args.times):
                try:
                    one = (_render_files(browser, args.files) if args.files
                           else _render_synthetic(args.pages, args.seed))
                except RuntimeError as exc:
                    print(f"render {k + 1}: {exc}", file=sys.stderr)
                    return 2
                for name, digests in one.items():
                    renders.setdefault(name, []).append(digests)
                print(f"render {k + 1} of {args.times} done", file=sys.stderr)
    finally:
        for p in busy:
            p.terminate()
    flaky = failed = 0
    for name, all_digests in renders.items():
        digests = [d for d in all_digests if d[0] != "failed"]
        failed += len(all_digests) - len(digests)
        shots = [d[0] for d in digests]
        line = f"page {name}: {len(set(shots))} distinct screenshot(s) in {len(shots)} renders " \
               f"({', '.join(shots)})"
        several = len(set(shots)) > 1
        if args.files:
            records = {d[1] for d in digests}
            line += f"; {len(records)} distinct element record set(s)"
            several = several or len(records) > 1
        if len(digests) < len(all_digests):
            line += f"; {len(all_digests) - len(digests)} render(s) failed"
        flaky += several
        print(line)
    print(json.dumps({"chromium_args": list(capture.CHROMIUM_ARGS), "pages": len(renders),
                      "renders_each": args.times, "load": args.load, "pages_with_several": flaky,
                      "failed_renders": failed}))
    return 1 if flaky else 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
