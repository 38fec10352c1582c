"""``pagelens train``: make synthetic pages, train the model from nothing, write a model folder.

    pagelens train --out runs/model --pages 1500 --epochs 6 --seed 0

Without ``--data`` it first runs ``pagelens synth --split train`` into ``OUT/data`` (or reuses
what is already there for the same pages and seed), holds out ``--val-fraction`` of the pages for
the per-epoch validation figure, trains with a progress bar, and writes ``config.json`` (including
how and on what it was trained) and ``model.safetensors`` into ``OUT``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shlex
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

log = logging.getLogger("pagelens.train")

# tasks.decode.SUBMIT_DECODING, spelt out so that the CLI parses without importing torch
SUBMIT_CHOICES = ("all", "one_per_form", "rules_per_form")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, help="model folder to write")
    parser.add_argument("--pages", type=int, default=1000, help="synthetic pages to generate")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", nargs="*", default=None,
                        help="labelled capture folders to train on instead of generating pages")
    parser.add_argument("--workers", type=int, default=2, help="browser workers for synth")
    parser.add_argument("--form-buttons", type=float, default=0.0,
                        help="share of the generated pages' forms that also have buttons besides "
                             "their submit button (`pagelens synth --form-buttons`; default 0)")
    parser.add_argument("--real", nargs="*", default=[],
                        help="real-page corpora (names cached under data/corpora, or folders) to "
                             "fine-tune on, split by website: only sites of --real-fold are used")
    parser.add_argument("--real-fold", type=int, default=0,
                        help="the fold (0 or 1 of a website hash) whose sites are trained on; the "
                             "other fold's sites are written to OUT/heldout_sites.txt")
    parser.add_argument("--real-max-pages", type=int, default=150,
                        help="at most this many training pages per real corpus")
    parser.add_argument("--real-repeat", type=int, default=1,
                        help="each real training page appears this many times per epoch (real "
                             "pages are few beside the synthetic ones)")
    parser.add_argument("--real-unlabelled-none", action="store_true",
                        help="on real pages whose every field is labelled (ddg-forms), train the "
                             "other field candidates as no field, as scoring counts them")
    parser.add_argument("--real-val-fraction", type=float, default=0.0,
                        help="this fraction of the fold's websites is not trained on but validates "
                             "each epoch (figures prefixed real_; they choose the epoch kept too)")
    parser.add_argument("--init", default=None,
                        help="start from this model folder's weights (same architecture)")
    parser.add_argument("--val-fraction", type=float, default=0.1)
    parser.add_argument("--batch-pages", type=int, default=4)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--backbone", default=None, help="vision backbone (registry name)")
    parser.add_argument("--text-encoder", default=None, help="text encoder (registry name)")
    parser.add_argument("--class-words", type=int, default=None, metavar="N",
                        help="read at most N words of each non-control element's class and id "
                             "before its text (default: a new model 0, a fine-tune keeps its "
                             "model's; 3 was tried and lost, docs/model.md)")
    parser.add_argument("--page-title", action=argparse.BooleanOptionalAction, default=None,
                        help="add the document title, read by the text encoder, to the page "
                             "embedding (default: a new model off, a fine-tune keeps its model's)")
    parser.add_argument("--no-vision", action="store_true", help="ablation: no screenshot")
    parser.add_argument("--no-text", action="store_true", help="ablation: no element text")
    parser.add_argument("--no-style", action="store_true", help="ablation: no style features")
    parser.add_argument("--rules", choices=("auto", "off"), default="off",
                        help="auto: add the rules baseline's named features when importable (off by "
                             "default: they cost 1.5-4 s on a 2,500-element page)")
    parser.add_argument("--keywords", choices=("auto", "off"), default="auto",
                        help="auto: add the rules baseline's multilingual keyword scores of form "
                             "fields when importable (1-14 ms per page)")
    parser.add_argument("--rule-votes", choices=("auto", "off"), default="auto",
                        help="auto: give the model the rules baseline's decisions (role rankings, "
                             "field tokens, page type) as input when importable (stacking; "
                             "3-130 ms per page)")
    parser.add_argument("--rule-prior", type=float, default=3.0,
                        help="starting weight of the rules' decisions added straight to each "
                             "class's logit (learned per class; 0: only as encoder input). Used "
                             "with --rule-votes; a fine-tune (--init) keeps its model's setting")
    parser.add_argument("--rule-fields-below", type=int, default=None, metavar="N",
                        help="leave the field tokens with fewer than N training examples to the "
                             "rules baseline when decoding (needs the rule prior; 0: none; "
                             "default: a fine-tune keeps its model's tokens, a new model none)")
    parser.add_argument("--rule-page-boost", type=float, default=None, metavar="W",
                        help="when decoding, add W to the logit of the rules' page type (needs "
                             "the rule prior; default: a fine-tune keeps its model's, a new "
                             "model 0)")
    parser.add_argument("--rule-field-gate", type=float, default=None, metavar="P",
                        help="when decoding, keep the model's field token on an element the rules "
                             "name no token for only when its probability is at least P (needs "
                             "the rule prior; above 1: never; default: a fine-tune keeps its "
                             "model's, a new model 0)")
    parser.add_argument("--rule-fields-exclusive", action=argparse.BooleanOptionalAction,
                        default=None,
                        help="when decoding, name a token left to the rules (--rule-fields-below) "
                             "only where the rules name it (default: a fine-tune keeps its "
                             "model's setting, a new model off)")
    parser.add_argument("--submit-buttons", choices=SUBMIT_CHOICES, default=None,
                        help="which submit buttons stand when decoding (DecodeConfig."
                             "submit_buttons; rules_per_form needs the rule prior; default: a "
                             "fine-tune keeps its model's, a new model all)")
    parser.add_argument("--renderer-weight", type=float, default=None,
                        help="weight of the renderer-target loss on the visual embeddings")
    parser.add_argument("--augment", type=float, default=0.0, metavar="P",
                        help="show each training page's screenshot in a random colour variant "
                             "with probability P (channel order, brightness, contrast, grey, "
                             "inverted; pagelens.vision.augment); 0: never")
    parser.add_argument("--drop-dom", type=float, default=0.0, metavar="P",
                        help="encode each training page from its pixels, boxes and tags alone "
                             "(no text, style features or rules' decisions) with probability P, "
                             "so that the network learns to see; 0: never")
    parser.add_argument("--tiny", action="store_true", help="the tiny test configuration")
    parser.add_argument("--time-budget-min", type=float, default=0.0,
                        help="train only the epochs that fit this many minutes at the pace of those done; "
                             "the learning rate then decays to zero by the last of them")
    parser.add_argument("--half", action="store_true", help="store weights in fp16")
    parser.add_argument("--no-onnx", action="store_true",
                        help="do not export vision.onnx (the predictor then runs the screenshot "
                             "half in torch, slower; the export takes 20-50 s)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")


def _generate(out: Path, pages: int, seed: int, workers: int, form_buttons: float = 0.0) -> Path:
    """Run ``pagelens synth`` (training split) into ``out``, unless it already holds the pages."""
    done = out / ".complete"
    made = {"pages": pages, "seed": seed, "split": "train"}
    if form_buttons:  # the stamp of pages made without it stays as it was
        made["form_buttons"] = form_buttons
    want = json.dumps(made)
    if done.is_file() and done.read_text() == want:
        log.info("reusing %d synthetic pages in %s", pages, out)
        return out
    if done.is_file():
        # page i depends on (seed, i) and the settings: a run for more pages may keep the pages
        # made, one with other settings would mix two kinds of page
        try:
            before = json.loads(done.read_text())
        except ValueError:
            before = {}
        settings = {k: v for k, v in {"form_buttons": 0.0, **made}.items() if k != "pages"}
        had = {k: v for k, v in {"form_buttons": 0.0, **before}.items() if k != "pages"}
        if had != settings:
            raise RuntimeError(f"{out}: holds synthetic pages made with other settings ({had}, "
                               f"wanted {settings}); train into another --out")
    cmd = [sys.executable, "-m", "pagelens.cli", "synth", "--pages", str(pages), "--out", str(out),
           "--seed", str(seed), "--workers", str(workers), "--split", "train",
           "--form-buttons", str(form_buttons)]
    log.info("generating synthetic pages: %s", shlex.join(cmd))
    t0 = time.time()
    proc = subprocess.run(cmd)
    if proc.returncode != 0:
        raise RuntimeError(f"pagelens synth failed with exit status {proc.returncode} "
                           f"(command: {shlex.join(cmd)})")
    log.info("synthetic pages made in %.0f s", time.time() - t0)
    from pagelens.synth.pipeline import is_complete

    missing = [f"{seed}-{i}" for i in range(pages) if not is_complete(out / f"{seed}-{i}")]
    if missing:  # training on fewer pages would quietly make another model than the seed's
        raise RuntimeError(f"{out}: {len(missing)} of {pages} synthetic pages failed to render "
                           f"({', '.join(missing[:5])}{', ...' if len(missing) > 5 else ''}); "
                           f"run the same command again to make only those (the rest are kept)")
    done.write_text(want)
    return out


def _real_folders(corpora: list[str], fold: int, max_pages: int, val_fraction: float, seed: int,
                  counts: dict[str, int]) -> tuple[list[Path], list[Path], set[str], set[str]]:
    """Capture folders of the real corpora whose website is in ``fold``: for training (at most
    ``max_pages`` per corpus, a seeded sample) and for validation (the pages of ``val_fraction``
    of those websites, at most ``max_pages`` per corpus); the websites of the other fold (never
    trained on, never validated on) and the websites of the validation pages."""
    from pagelens.corpora import load
    from pagelens.training import site_fold, site_unit

    chosen: list[Path] = []
    val: list[Path] = []
    heldout: set[str] = set()
    val_sites: set[str] = set()
    for name in corpora:
        pages = load(name)
        mine = [p for p in pages if site_fold(p.gold.site) == fold]
        heldout.update(p.gold.site for p in pages if site_fold(p.gold.site) != fold)
        random.Random(seed).shuffle(mine)
        is_val = [site_unit(p.gold.site, "validation") < val_fraction for p in mine]
        train_pages = [p for p, v in zip(mine, is_val) if not v][:max_pages]
        val_pages = [p for p, v in zip(mine, is_val) if v][:max_pages]
        counts[str(name)] = len(train_pages)
        if val_pages:
            counts[f"{name} (validation)"] = len(val_pages)
        chosen.extend(Path(p.folder) for p in train_pages)
        val.extend(Path(p.folder) for p in val_pages)
        val_sites.update(p.gold.site for p in val_pages)
    return chosen, val, heldout, val_sites


def run(args: argparse.Namespace) -> int:
    import dataclasses

    import torch
    from tqdm import tqdm

    from pagelens.fusion import (discover_keyword_tokens, discover_rule_feature_names,
                                 discover_rule_vote_names)
    from pagelens.model import ModelConfig, TrainingRecord, save_model
    from pagelens.records import PageLabels
    from pagelens.training import (TrainConfig, capture_folders, featurize, field_support,
                                   rare_field_tokens, train)

    if args.real_repeat < 1:
        log.error("--real-repeat %s: expected a whole number >= 1", args.real_repeat)
        return 2
    if args.class_words is not None and args.class_words < 0:
        log.error("--class-words %s: expected a whole number >= 0", args.class_words)
        return 2
    decoding_flags = (("--rule-fields-below", args.rule_fields_below),
                      ("--rule-page-boost", args.rule_page_boost),
                      ("--rule-field-gate", args.rule_field_gate))
    for flag, value in decoding_flags:
        if value is not None and value < 0:
            log.error("%s %s: expected a number >= 0", flag, value)
            return 2
    if not 0 <= args.form_buttons <= 1:
        log.error("--form-buttons %s: expected a fraction in [0, 1]", args.form_buttons)
        return 2
    if args.form_buttons and args.data is not None:
        log.error("--form-buttons %s: shapes generated pages only; pages of --data are made "
                  "already (pagelens synth --form-buttons)", args.form_buttons)
        return 2
    if not 0 <= args.real_val_fraction < 1:
        log.error("--real-val-fraction %s: expected a fraction in [0, 1)", args.real_val_fraction)
        return 2
    t_start = time.time()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    generated = args.data is None
    if generated:
        try:
            data_dirs = [_generate(out / "data", args.pages, args.seed, args.workers,
                                     args.form_buttons)]
        except RuntimeError as exc:
            log.error("%s", exc)
            return 1
    else:
        data_dirs = [Path(d) for d in args.data]
    t_data = time.time() - t_start
    folders = capture_folders(data_dirs)
    if len(folders) < 2:
        log.error("%s: need at least 2 labelled capture folders, found %d",
                  ", ".join(map(str, data_dirs)), len(folders))
        return 2
    rng = random.Random(args.seed)
    shuffled = folders[:]
    rng.shuffle(shuffled)
    n_val = max(1, int(round(len(shuffled) * args.val_fraction)))
    val_folders, train_folders = sorted(shuffled[:n_val]), sorted(shuffled[n_val:])

    init_model = None
    if args.init:
        from pagelens.model import load_model
        init_model = load_model(args.init)
    cfg = ModelConfig.tiny() if args.tiny else ModelConfig()
    if init_model is not None:
        cfg = dataclasses.replace(init_model.cfg, training=cfg.training)
    fusion = cfg.fusion
    if args.rules == "auto" and init_model is None:
        names = discover_rule_feature_names()
        if names:
            log.info("using %d rules-baseline features", len(names))
        fusion = dataclasses.replace(fusion, rule_features=names)
    if args.keywords == "auto" and not args.no_style and init_model is None:
        fusion = dataclasses.replace(fusion, field_keywords=discover_keyword_tokens())
    if args.rule_votes == "auto" and not args.no_style and init_model is None:
        fusion = dataclasses.replace(fusion, rule_votes=discover_rule_vote_names())
    # a fine-tune keeps the inputs of the model it starts from
    fusion = dataclasses.replace(fusion, use_vision=fusion.use_vision and not args.no_vision,
                                 use_text=fusion.use_text and not args.no_text,
                                 use_style=fusion.use_style and not args.no_style)
    if args.page_title is not None:
        fusion = dataclasses.replace(fusion, page_title=args.page_title)
    vision = dataclasses.replace(cfg.vision, backbone=args.backbone) if args.backbone else cfg.vision
    layout = dataclasses.replace(cfg.layout, encoder=args.text_encoder) if args.text_encoder \
        else cfg.layout
    class_words = args.class_words if args.class_words is not None else \
        (layout.class_words if init_model is not None else 0)
    layout = dataclasses.replace(layout, class_words=class_words)
    cfg = dataclasses.replace(cfg, fusion=fusion, vision=vision, layout=layout)
    if init_model is None:
        cfg = dataclasses.replace(cfg, head=dataclasses.replace(
            cfg.head, rule_prior=args.rule_prior if fusion.rule_votes else 0.0))
    if args.renderer_weight is not None:
        cfg = dataclasses.replace(cfg, renderer_weight=args.renderer_weight)

    for flag, value in (("--augment", args.augment), ("--drop-dom", args.drop_dom)):
        if not 0 <= value <= 1:
            log.error("%s %s: expected a probability in [0, 1]", flag, value)
            return 2
        if value and not cfg.fusion.use_vision:
            log.error("%s %s: the model has no vision half (--no-vision) to train", flag, value)
            return 2
    for flag, value in decoding_flags:
        if value and not cfg.head.rule_prior:
            log.error("%s needs the rule prior (--rule-prior > 0, --rule-votes auto)", flag)
            return 2
    if args.submit_buttons == "rules_per_form" and not cfg.head.rule_prior:
        log.error("--submit-buttons rules_per_form needs the rule prior (--rule-prior > 0, "
                  "--rule-votes auto)")
        return 2

    torch.set_num_threads(1)  # see TrainConfig.threads
    progress = (lambda x: x) if args.no_progress else \
        (lambda x: tqdm(x, desc="featurising", unit="page", dynamic_ncols=True))
    t0 = time.time()
    train_set = featurize(train_folders, cfg, progress)
    val_set = featurize(val_folders, cfg, progress)
    log.info("featurised %d training and %d validation pages in %.0f s", len(train_set),
             len(val_set), time.time() - t0)
    real_counts: dict[str, int] = {}
    real_val_set: list = []
    if args.real:
        real_folders, real_val, heldout_sites, val_sites = _real_folders(
            args.real, args.real_fold, args.real_max_pages, args.real_val_fraction, args.seed,
            real_counts)
        (out / "heldout_sites.txt").write_text("".join(f"{s}\n" for s in sorted(heldout_sites)))
        # what training variants are compared on (pagelens eval --sites-from)
        (out / "validation_sites.txt").write_text("".join(f"{s}\n" for s in sorted(val_sites)))
        real_set = featurize(real_folders, cfg, progress, partial=True,
                             unlabelled_none=args.real_unlabelled_none)
        real_val_set = featurize(real_val, cfg, progress, partial=True)
        log.info("fine-tuning with %d real pages (%s) of fold %d; %d held-out sites listed in %s",
                 len(real_set), real_counts, args.real_fold, len(heldout_sites),
                 out / "heldout_sites.txt")
        train_set = train_set + real_set * args.real_repeat

    # decoding with the rules' decisions, set before training: the validation figures use it
    support = field_support(train_set)
    decoding = cfg.decode
    if args.rule_fields_below is not None:
        decoding = dataclasses.replace(
            decoding, rule_fields=rare_field_tokens(support, args.rule_fields_below))
    if args.rule_page_boost is not None:
        decoding = dataclasses.replace(decoding, rule_page_boost=args.rule_page_boost)
    if args.rule_field_gate is not None:
        decoding = dataclasses.replace(decoding, rule_field_gate=args.rule_field_gate)
    if args.rule_fields_exclusive is not None:
        decoding = dataclasses.replace(decoding, rule_fields_exclusive=args.rule_fields_exclusive)
    if args.submit_buttons is not None:
        decoding = dataclasses.replace(decoding, submit_buttons=args.submit_buttons)
    cfg = dataclasses.replace(cfg, decode=decoding)
    if cfg.decode.rule_fields:
        log.info("field tokens left to the rules: %s", ", ".join(
            f"{t} ({support.get(t, 0)})" for t in cfg.decode.rule_fields))

    tcfg = TrainConfig(epochs=args.epochs, lr=args.lr, batch_pages=args.batch_pages,
                       seed=args.seed, time_budget_s=args.time_budget_min * 60,
                       augment=args.augment, drop_dom=args.drop_dom)
    model, history = train(cfg, tcfg, train_set, val_set, show_progress=not args.no_progress,
                           init=init_model, real_val_set=real_val_set)

    page_types = Counter(PageLabels.load(f).page_type for f in train_folders)
    labels = Counter(lab for f in train_folders for lab in PageLabels.load(f).elements.values())
    record = TrainingRecord(
        command="pagelens train " + shlex.join(sys.argv[2:] if sys.argv[1:2] == ["train"] else sys.argv[1:]),
        seed=args.seed,
        data={"generator": "pagelens synth --split train" if generated else "given folders",
              "folders": [str(d) for d in data_dirs], "pages": len(folders),
              "train_pages": len(train_set), "val_pages": len(val_set),
              "page_types": dict(sorted(page_types.items())), "labels": dict(sorted(labels.items())),
              "field_examples": dict(sorted(support.items())),
              "data_seconds": round(t_data, 1), "init": args.init,
              "init_training": dataclasses.asdict(init_model.cfg.training) if init_model else None,
              "real_pages": real_counts, "real_fold": args.real_fold if args.real else None,
              "real_repeat": args.real_repeat if args.real else None},
        epochs=len(history), seconds=round(time.time() - t_start, 1), history=tuple(history))
    cfg = dataclasses.replace(cfg, training=record)
    model.cfg = cfg
    save_model(model, out, cfg, half=args.half, onnx=not args.no_onnx)
    log.info("wrote %s (%.1f MB) after %.1f min", out,
             (out / "model.safetensors").stat().st_size / 1e6, (time.time() - t_start) / 60)
    return 0
