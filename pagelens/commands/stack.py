"""``pagelens stack MODEL --from SIBLING``: fit MODEL's page-type stack on real pages
(:mod:`pagelens.tasks.page_stack`) and write it into MODEL's ``config.json``.

    pagelens stack runs/model --from runs/model_f1 --sites-from runs/stack_sites.txt

SIBLING is a fine-tune of the same start on the other fold of websites (``pagelens train
--real-fold 1`` beside MODEL's ``--real-fold 0``): its outputs on the websites it never trained
on, which are MODEL's training websites, are what a model says on pages it has not seen, so the
stack learns how far to trust the network, the rules and the page title there. MODEL's held-out
websites are never read: the two models' held-out lists must not overlap, or the stack would be
fitted on the pages MODEL is measured on. ``--sites-from`` keeps only the websites listed in a
file (``bench/heldout_sites.py`` writes the one ``bench/train.sh`` uses). ``--synthetic`` adds
synthetic pages neither model trained on: the real corpora hold no cart page and hardly any
listing page, and a stack fitted on them alone learns never to name those (docs/model.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
from pathlib import Path

log = logging.getLogger("pagelens.stack")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="model folder whose config.json gets the stack")
    parser.add_argument("--from", dest="sibling", required=True,
                        help="model folder fine-tuned on the other fold of websites")
    from pagelens.corpora import CORPUS_NAMES  # names only: no torch

    parser.add_argument("--real", nargs="+", default=list(CORPUS_NAMES), help="real corpora to fit on")
    parser.add_argument("--sites-from", default=None,
                        help="keep only the websites listed in this file (one per line)")
    parser.add_argument("--synthetic", nargs="+", default=[],
                        help="folders of synthetic pages neither model trained on (`pagelens synth` "
                             "with a seed of its own): fitted on too, so that page types the real "
                             "corpora lack (cart, listing) keep their weight")
    parser.add_argument("--min-pages", type=int, default=0, metavar="N",
                        help="the stack decides only among the page types with at least N fitting "
                             "pages, and only where the decoding without it names one of them "
                             "(default 0: every type, everywhere)")
    parser.add_argument("--no-title", action="store_true", help="leave the page title's n-grams out")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def _sites(folder: Path) -> set[str]:
    from pagelens.corpora import read_sites

    path = folder / "heldout_sites.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing; the model must come from `pagelens train --real`")
    return read_sites(path)


def run(args: argparse.Namespace) -> int:
    import torch
    from tqdm import tqdm

    from pagelens.corpora import load, read_sites
    from pagelens.model import CONFIG_FILE, load_predictor
    from pagelens.tasks.page_stack import TITLE_DIM, fit_page_stack, output_features

    model, sibling = Path(args.model), Path(args.sibling)
    try:
        held, fit_sites = _sites(model), _sites(sibling)
    except FileNotFoundError as exc:
        log.error("%s", exc)
        return 2
    if args.min_pages < 0:
        log.error("--min-pages %s: expected a whole number >= 0", args.min_pages)
        return 2
    if held & fit_sites:
        log.error("%s and %s hold out %d websites in common (e.g. %s): the stack would be fitted on "
                  "pages %s is measured on; --from must be the fine-tune on the other fold",
                  model, sibling, len(held & fit_sites), sorted(held & fit_sites)[0], model)
        return 2
    if args.sites_from:
        listed = Path(args.sites_from)
        if not listed.is_file():
            log.error("--sites-from %s: no such file", listed)
            return 2
        fit_sites &= read_sites(listed)
    trained_on = set()
    for folder in (model, sibling):
        record = json.loads((folder / CONFIG_FILE).read_text()).get("training", {})
        trained_on.update(Path(d).resolve() for d in record.get("data", {}).get("folders", []))
    for extra in args.synthetic:
        if Path(extra).resolve() in trained_on:
            log.error("--synthetic %s: %s or %s trained on these pages; make fresh ones "
                      "(pagelens synth --seed N with a seed of their own)", extra, model, sibling)
            return 2
    try:
        predictor = load_predictor(sibling)
        pages = [p for name in args.real for p in load(name) if p.gold.site in fit_sites]
        real = len(pages)
        pages += [p for extra in args.synthetic for p in load(extra)]
    except (FileNotFoundError, ValueError) as exc:
        log.error("%s", exc)
        return 2
    if not real:
        log.error("no cached real pages of %s's held-out websites; render them with "
                  "`pagelens eval %s --build-only`", sibling, " ".join(args.real))
        return 2
    dim = 0 if args.no_title else TITLE_DIM
    rows, gold, sites = [], [], []
    for page in tqdm(pages, desc="pages", unit="page", disable=args.no_progress):
        try:
            cap = page.capture()
        except (OSError, ValueError) as exc:
            log.warning("skipping %s: %s", page.folder, exc)
            continue
        inputs, outputs = predictor.outputs(cap)
        rows.append(output_features(cap.title, outputs, len(inputs.element_ids), dim))
        gold.append(page.gold.page_type)
        sites.append(page.gold.site)
    stack = fit_page_stack(torch.stack(rows), gold, sites, title_dim=dim, min_pages=args.min_pages,
                           fitted_on=f"outputs of {sibling} on {real} real pages of "
                                     f"{len({p.gold.site for p in pages[:real]})} websites it never trained "
                                     f"on ({', '.join(args.real)})"
                                     + (f" and {len(pages) - real} synthetic pages ({', '.join(args.synthetic)})"
                                        if args.synthetic else ""))
    cfg_path = model / CONFIG_FILE
    cfg = json.loads(cfg_path.read_text())
    cfg.setdefault("decode", {})["page_type_stack"] = dataclasses.asdict(stack)
    cfg_path.write_text(json.dumps(cfg, indent=2))
    log.info("wrote the page-type stack into %s: %s; weight decay %g; decides among %s", cfg_path,
             stack.fitted_on, stack.l2, ", ".join(stack.types))
    return 0
