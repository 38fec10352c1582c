"""Copies of capture folders whose screenshot is a white page of the same size, to measure how
much a model uses its pixels: `pagelens eval` on the copies against the originals.

    .venv/bin/python bench/blank_pixels.py OUT FOLDER [FOLDER ...] [--sites-from SITES]

FOLDER: a folder of capture folders (a corpus cache such as data/corpora/ddg-forms, or a
`pagelens synth` output). Each capture folder becomes OUT/<FOLDER's name>/<its name>, with links to
every file but `page.png`, which is written white. ``--sites-from`` keeps only the captures whose
labels name one of the listed websites (as `pagelens eval --sites-from` does).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import cv2
import numpy as np


def blank_copy(src: Path, dst: Path) -> None:
    """``src`` capture folder -> ``dst`` with the same files (linked) and a white screenshot."""
    png = src / "page.png"
    image = cv2.imread(str(png), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise ValueError(f"{png}: not a readable image")
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.name != "page.png" and not (dst / f.name).exists():
            os.symlink(f.resolve(), dst / f.name)
    cv2.imwrite(str(dst / "page.png"), np.full(image.shape[:2] + (3,), 255, np.uint8))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", type=Path, nargs="+")
    ap.add_argument("--sites-from", type=Path, default=None)
    args = ap.parse_args(argv)
    sites = set(args.sites_from.read_text().split()) if args.sites_from else None
    for folder in args.folders:
        if not folder.is_dir():
            print(f"bench/blank_pixels.py: {folder}: no such folder", file=sys.stderr)
            return 2
        done = 0
        for cap in sorted(p for p in folder.iterdir() if (p / "labels.json").is_file()):
            if sites is not None and json.loads((cap / "labels.json").read_text()).get("site") not in sites:
                continue
            blank_copy(cap, args.out / folder.name / cap.name)
            done += 1
        print(f"{folder}: {done} captures with a white screenshot in {args.out / folder.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
