"""Training the pagelens model on labelled capture folders (synthetic pages from ``pagelens synth``).

Pages are featurised once (:func:`featurize`), kept in memory (screenshots as uint8 at the vision
scale), and trained one page per forward pass with gradients accumulated over ``batch_pages``
pages: pages differ in element count and image size, and on CPU padding costs more than it saves.
AdamW, linear warm-up then cosine decay, gradient clipping at 1. After each epoch the validation
pages give the figures that the progress log prints and ``config.json`` keeps; the weights of the
best epoch (by the mean of the validation figures) are the ones saved.

Everything random is seeded from ``TrainConfig.seed`` (page order, initialisation, dropout).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import torch

from pagelens.fusion import PageInputs, prepare_page
from pagelens.metrics import GoldPage, field_counts, nomination_hits
from pagelens.model import ModelConfig, PageLensModel
from pagelens.records import PageCapture, PageLabels
from pagelens.tasks import PageTargets, decode, page_targets, partial_targets
from pagelens.tasks.heads import FIELD_CLASSES
from pagelens.vision import RendererTargets, renderer_targets
from pagelens.vision.augment import augment_image

log = logging.getLogger(__name__)

VAL_ROLES = ("price", "product_title", "product_image", "add_to_cart")


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 3
    lr: float = 2e-3
    weight_decay: float = 0.01
    batch_pages: int = 4  # pages per optimiser step (gradients accumulated)
    warmup_steps: int = 30
    seed: int = 0
    # torch intra-op threads. One, although the machine has two cores: with other processes on the
    # cores (browsers capturing pages), two OpenMP threads made a training step 30x slower
    # (barrier waits on a preempted thread); one thread lost nothing measurable.
    threads: int = 1
    # Train only the epochs that fit this many seconds at the pace of those done (0: no limit);
    # when fewer than ``epochs`` fit, the learning rate decays to zero by the last that fits
    # (:class:`LrSchedule`), so a slower machine trains fewer epochs to the end of a schedule
    # rather than stopping half-way down it.
    time_budget_s: float = 0.0
    # Probability that a training page's screenshot is shown in a random colour variant
    # (pagelens.vision.augment; 0: never). Validation pages are never augmented.
    augment: float = 0.0
    # Probability that a training page is encoded from its pixels, boxes and tags alone (no
    # text, style features or rules' decisions; FusionEncoder.drop_dom), so that the network
    # learns to see as well as to read (0: never).
    drop_dom: float = 0.0

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch_pages < 1 or self.lr <= 0 or self.threads < 1:
            raise ValueError("TrainConfig: epochs, batch_pages, threads >= 1 and lr > 0 required")
        for name in ("augment", "drop_dom"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"TrainConfig.{name} {getattr(self, name)}: expected a "
                                 f"probability 0-1")


@dataclass
class Example:
    """One featurised page: the model's inputs and its targets."""

    source: str
    inputs: PageInputs
    targets: PageTargets
    renderer: RendererTargets
    gold: GoldPage


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def capture_folders(roots: Iterable[str | Path]) -> list[Path]:
    """Every folder under ``roots`` that holds both page.json and labels.json, sorted."""
    out = []
    for root in roots:
        root = Path(root)
        if (root / "page.json").is_file():
            out.append(root)
            continue
        out.extend(p.parent for p in root.rglob("page.json") if (p.parent / "labels.json").is_file())
    return sorted(set(out))


def site_fold(site: str, folds: int = 2) -> int:
    """The fold (0..folds-1) of a website: a stable hash of its name, so every page of a site
    lands in the same fold (real corpora are split by website, never by page)."""
    return int(hashlib.sha1(site.encode("utf-8")).hexdigest()[:8], 16) % folds


def site_unit(site: str, salt: str) -> float:
    """A stable number in [0, 1) per website and ``salt``: picks a fraction of a fold's websites
    (the validation websites of a fine-tune) independently of :func:`site_fold`."""
    return int(hashlib.sha1(f"{salt}:{site}".encode("utf-8")).hexdigest()[:8], 16) / 2 ** 32


def field_support(examples: Iterable[Example]) -> Counter[str]:
    """Labelled examples per field token over ``examples`` (a page listed twice counts twice)."""
    support: Counter[str] = Counter()
    for ex in examples:
        labels = ex.targets.field[ex.targets.field_rows]
        for k, n in zip(*(x.tolist() for x in torch.unique(labels, return_counts=True))):
            if k:  # 0 is "none"
                support[FIELD_CLASSES[k]] += n
    return support


def rare_field_tokens(support: Counter[str], below: int) -> tuple[str, ...]:
    """The field tokens with fewer than ``below`` examples in ``support`` (tokens never seen
    included), in :data:`FIELD_CLASSES` order."""
    return tuple(t for t in FIELD_CLASSES if t != "none" and support.get(t, 0) < below)


def featurize(folders: Sequence[Path], cfg: ModelConfig,
              progress: Callable[[Iterable], Iterable] = lambda x: x,
              partial: bool = False, unlabelled_none: bool = False) -> list[Example]:
    """Load and featurise labelled capture folders; unreadable folders are skipped with a warning.
    ``partial``: real pages whose labels cover only some tasks (:func:`partial_targets`, with
    ``unlabelled_none``)."""
    examples = []
    for folder in progress(folders):
        try:
            cap = PageCapture.load(folder)
            labels = PageLabels.load(folder)
            gold = GoldPage.load(folder)
        except (OSError, ValueError) as exc:
            log.warning("skipping %s: %s", folder, exc)
            continue
        inputs = prepare_page(cap, cfg.fusion, cfg.vision, cfg.layout)
        examples.append(Example(source=str(folder), inputs=inputs,
                                targets=partial_targets(gold, inputs.element_ids, cap, unlabelled_none)
                                if partial
                                else page_targets(labels, inputs.element_ids, cap),
                                renderer=renderer_targets(cap, list(inputs.element_ids)),
                                gold=gold))
    return examples


class _CaptureView:
    """A capture for decoding, loaded (without its screenshot) when decoding first reads it."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._cap: PageCapture | None = None

    def __getattr__(self, name: str):
        if self._cap is None:
            self._cap = PageCapture.load(self.folder, with_screenshot=False)
        return getattr(self._cap, name)


def validate(model: PageLensModel, examples: Sequence[Example]) -> dict[str, float]:
    """Validation figures on labelled pages: page-type accuracy, top-1 nomination accuracy of the
    main singleton roles, element-level field macro-F1 (the metrics module's counting)."""
    model.eval()
    page_hits, n_pages = 0, 0
    role_hits = {r: [0, 0] for r in VAL_ROLES}
    counts = None
    with torch.inference_mode():
        for ex in examples:
            _, outputs = model(ex.inputs)
            pred = decode(_CaptureView(ex.source), ex.inputs.element_ids, outputs,
                          model.cfg.decode)  # type: ignore[arg-type]
            page_hits += int(pred.page_type == ex.gold.page_type)
            n_pages += 1
            for r in VAL_ROLES:
                hit = nomination_hits(ex.gold, pred, r, 1)
                if hit is not None:
                    role_hits[r][0] += hit
                    role_hits[r][1] += 1
            c = field_counts(ex.gold, pred)
            counts = c if counts is None else counts + c
    model.train()
    out = {"page_type_acc": page_hits / max(n_pages, 1)}
    for r, (h, n) in role_hits.items():
        if n:
            out[f"{r}_top1"] = h / n
    if counts is not None:
        tp, fp, fn = counts[:, 0], counts[:, 1], counts[:, 2]
        present = (tp + fn) > 0
        if present.any():
            f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
            out["field_macro_f1"] = float(f1[present].mean())
    return out


@dataclass
class LrSchedule:
    """Linear warm-up then cosine decay to zero at ``total`` steps; :meth:`shorten` moves the end
    closer, the rate decaying from where it is to zero at the new end (a cosine again, so the
    rate stays continuous)."""

    cfg: TrainConfig
    total: int
    start: int = 0  # step the current decay started at (0: the planned schedule)
    start_lr: float | None = None

    def lr(self, step: int) -> float:
        if self.start_lr is None:  # the planned schedule
            if step < self.cfg.warmup_steps:
                return self.cfg.lr * (step + 1) / self.cfg.warmup_steps
            start, top = self.cfg.warmup_steps, self.cfg.lr
        else:
            start, top = self.start, self.start_lr
        progress = (step - start) / max(self.total - start, 1)
        return top * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))

    def shorten(self, step: int, total: int) -> None:
        """From ``step`` on, decay to zero at ``total`` steps instead."""
        if total < self.total:
            self.start_lr, self.start, self.total = self.lr(step), step, total


def epochs_that_fit(done: int, elapsed_s: float, budget_s: float, planned: int) -> int:
    """How many epochs to train in all: ``planned`` if they fit ``budget_s`` at the pace of the
    ``done`` epochs so far (``elapsed_s`` for them), else as many as fit, never fewer than
    ``done``."""
    per_epoch = elapsed_s / max(done, 1)
    if budget_s <= 0 or per_epoch <= 0:
        return planned
    return max(done, min(planned, int(budget_s // per_epoch)))


def train(model_cfg: ModelConfig, cfg: TrainConfig, train_set: Sequence[Example],
          val_set: Sequence[Example], show_progress: bool = True,
          init: PageLensModel | None = None,
          real_val_set: Sequence[Example] = ()) -> tuple[PageLensModel, list[dict[str, float]]]:
    """Train a fresh model (or continue from ``init``, same architecture); returns it (best
    epoch's weights: the mean of all validation figures) and one dict of figures per epoch.
    ``real_val_set``: real pages of websites not trained on, whose figures are kept apart
    (``real_`` prefix) from the synthetic ``val_set``'s."""
    from tqdm import tqdm

    torch.set_num_threads(cfg.threads)
    seed_everything(cfg.seed)
    model = PageLensModel(model_cfg)
    if init is not None:
        model.load_state_dict(init.state_dict(), strict=False)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim >= 2]
    no_decay = [p for p in params if p.ndim < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr)
    steps_per_epoch = math.ceil(len(train_set) / cfg.batch_pages)
    schedule = LrSchedule(cfg, steps_per_epoch * cfg.epochs)
    planned = cfg.epochs
    rng = random.Random(cfg.seed)
    aug_rng = random.Random(cfg.seed + 1)  # apart from rng: page order is the same with or without
    history: list[dict[str, float]] = []
    best_score, best_state = -1.0, None
    t0 = time.time()
    step = 0
    epoch = 0
    while epoch < planned:
        order = list(range(len(train_set)))
        rng.shuffle(order)
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{planned}",
                   disable=not show_progress, unit="step", dynamic_ncols=True)
        running = 0.0
        for b in bar:
            batch = order[b * cfg.batch_pages:(b + 1) * cfg.batch_pages]
            for g in opt.param_groups:
                g["lr"] = schedule.lr(step)
            opt.zero_grad(set_to_none=True)
            batch_loss = 0.0
            for i in batch:
                ex = train_set[i]
                inputs = ex.inputs
                if cfg.augment and model.encoder.vision is not None:
                    inputs = dataclasses.replace(
                        inputs, image=augment_image(inputs.image, aug_rng, cfg.augment))
                model.encoder.drop_dom = bool(cfg.drop_dom) and aug_rng.random() < cfg.drop_dom
                try:
                    loss, _ = model.loss(inputs, ex.targets, ex.renderer)
                finally:
                    model.encoder.drop_dom = False
                (loss / len(batch)).backward()
                batch_loss += float(loss.detach()) / len(batch)
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            step += 1
            running = batch_loss if b == 0 else 0.95 * running + 0.05 * batch_loss
            bar.set_postfix(loss=f"{running:.3f}")
        figures = validate(model, val_set) if val_set else {}
        if real_val_set:
            figures.update({f"real_{k}": v for k, v in validate(model, real_val_set).items()})
        figures["epoch"] = epoch + 1
        figures["train_loss"] = running
        figures["seconds"] = round(time.time() - t0, 1)
        history.append(figures)
        log.info("epoch %d/%d validation: %s", epoch + 1, planned,
                 ", ".join(f"{k} {v:.3f}" for k, v in figures.items() if k not in ("epoch",)))
        score = float(np.mean([v for k, v in figures.items()
                               if k.endswith(("_acc", "_top1", "_f1"))] or [0.0]))
        if score >= best_score:
            best_score = score
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        epoch += 1
        if cfg.time_budget_s and epoch < planned:
            elapsed = time.time() - t0
            fit = epochs_that_fit(epoch, elapsed, cfg.time_budget_s, planned)
            if fit < planned:
                log.warning("at ~%.0f s an epoch, %d of %d epochs fit the time budget of %.0f s; "
                            "the learning rate now decays to zero by the end of epoch %d",
                            elapsed / epoch, fit, cfg.epochs, cfg.time_budget_s, fit)
                schedule.shorten(step, steps_per_epoch * fit)
                planned = fit
    if best_state is not None:
        model.load_state_dict(best_state, strict=False)
    model.eval()
    return model, history
