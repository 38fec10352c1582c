"""``pagelens average MODEL MODEL ... --out DIR``: one model folder whose weights are the mean of
fine-tunes of one model (a "model soup", :func:`pagelens.model.average_models`).

    pagelens average runs/model runs/model_s1 --out runs/soup

Fine-tunes from one start that differ only in their seed (page order, dropout) land near each
other, and their mean keeps one network's speed while it evens out what one run's chance does
(docs/model.md, Decisions, measures it). The folder gets ``config.json``, ``model.safetensors``,
``vision.onnx`` and the members' ``heldout_sites.txt`` / ``validation_sites.txt``, which must
agree: members trained on different websites would leak each other's held-out pages.
"""

from __future__ import annotations

import argparse
import logging
import shutil
from pathlib import Path

log = logging.getLogger("pagelens.average")

SITE_LISTS = ("heldout_sites.txt", "validation_sites.txt")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("models", nargs="+", help="model folders: fine-tunes of one --init")
    parser.add_argument("--out", required=True, help="model folder to write")
    parser.add_argument("--no-onnx", action="store_true", help="do not write vision.onnx")


def run(args: argparse.Namespace) -> int:
    from pagelens.model import average_models, save_model

    folders = [Path(m) for m in args.models]
    out = Path(args.out)
    if out.resolve() in {f.resolve() for f in folders}:
        log.error("--out %s: is one of the models averaged; write the mean elsewhere", out)
        return 2
    for name in SITE_LISTS:
        texts = {f: (f / name).read_text() if (f / name).is_file() else None for f in folders}
        if len(set(texts.values())) > 1:
            log.error("%s differs between %s: the members were trained on different websites",
                      name, ", ".join(map(str, folders)))
            return 2
    try:
        model = average_models(folders)
    except (FileNotFoundError, ValueError) as exc:
        log.error("%s", exc)
        return 2
    save_model(model, out, onnx=not args.no_onnx)
    for name in SITE_LISTS:
        if (folders[0] / name).is_file():
            shutil.copyfile(folders[0] / name, out / name)
    log.info("wrote %s: the mean of %d models", out, len(folders))
    return 0
