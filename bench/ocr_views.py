"""Labelled capture folders seen as OCR sees their screenshots, for training the screenshot model.

    .venv/bin/python bench/ocr_views.py SRC DST [--read]

Each labelled capture folder under SRC (``pagelens synth`` output: page.json and labels.json)
becomes DST/<name>/ with the same screenshot, its visible text joined into lines as elements and
its product roles carried to those lines (``pagelens.ocr.ocr_view``); with ``--read``, the lines
are those OCR reads in the screenshot (``pagelens.ocr.ocr_read_view``: about 3 s a page). Folders
already in DST are kept; an unreadable folder is skipped with a warning. ``bench/train.sh`` runs
it before step 3.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger("pagelens.bench")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path, help="folder of labelled capture folders")
    ap.add_argument("dst", type=Path, help="where to write the OCR views")
    ap.add_argument("--read", action="store_true",
                    help="lines as OCR reads the screenshot, not joined from the page's text")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")

    from tqdm import tqdm

    from pagelens.ocr import ocr_read_view, ocr_view
    from pagelens.records import PageCapture
    from pagelens.training import capture_folders

    folders = capture_folders([args.src]) if args.src.is_dir() else []
    if not folders:
        log.error("%s: no labelled capture folders", args.src)
        return 2
    view_of = ocr_read_view if args.read else ocr_view
    done = skipped = 0
    for folder in tqdm(folders, desc="ocr views", unit="page"):
        out = args.dst / folder.name
        if (out / "labels.json").is_file():
            continue
        try:
            labels = json.loads((folder / "labels.json").read_text())
            view, roles = view_of(PageCapture.load(folder),
                                   {int(k): v for k, v in labels["elements"].items()})
        except (OSError, ValueError, KeyError) as exc:
            log.warning("skipping %s: %s", folder, exc)
            skipped += 1
            continue
        view.save(out)
        (out / "labels.json").write_text(json.dumps(
            {"page_type": labels["page_type"], "elements": {str(k): v for k, v in roles.items()}}))
        done += 1
    log.info("wrote %d OCR views to %s (%d skipped, %d already there)", done, args.dst, skipped,
             len(folders) - done - skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
