"""The screenshot half of the model in ONNX Runtime, for prediction.

:meth:`VisualEncoder.feature_map` (normalise, backbone, FPN) is exported once with torch's
``torch.export``-based ONNX exporter, with the image's height and width dynamic, and run by ONNX
Runtime at prediction time. Everything after the feature map (RoI pooling, the text half, the
context layers, the heads) stays in torch.

Decisions:
- Why: on one thread of the 2-core machine the feature map of a 500-element page's screenshot
  (``bench/bench_speed.py``'s pages, median) took 66 ms in torch's eager mode and 21 ms in ONNX
  Runtime, which folds the backbone's batch norms into its convolutions and fuses the
  activations; the whole page 209 ms and 145 ms (docs/model.md, Speed). Same numbers within
  3e-5 (``tests/test_model.py``). ``bench/bench_speed.py --runtime torch`` times the eager path.
- Exported when a model is saved by ``pagelens train`` (``vision.onnx`` beside the weights),
  not when it is loaded: the export traces the network and took 20-50 s here. The file carries
  a digest of the vision weights it was made from; a file that does not match the weights
  beside it (a model folder edited by hand, a stale copy) is not used: the predictor falls back
  to torch and says so.
- The legacy TorchScript exporter (one second) is deprecated and to be removed from torch, so it
  is not used.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np
import torch
from torch import nn

from pagelens.vision.encoder import VisualEncoder

log = logging.getLogger(__name__)

ONNX_FILE = "vision.onnx"
_DIGEST_KEY = "pagelens.vision_sha256"


def vision_digest(encoder: VisualEncoder) -> str:
    """SHA-256 over the names, shapes and fp32 bytes of the encoder's parameters and buffers."""
    h = hashlib.sha256()
    for name, tensor in sorted(encoder.state_dict().items()):
        h.update(name.encode())
        h.update(str(tuple(tensor.shape)).encode())
        h.update(tensor.detach().float().contiguous().numpy().tobytes())
    return h.hexdigest()


class _FeatureMap(nn.Module):
    def __init__(self, encoder: VisualEncoder) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.encoder.feature_map(image)


def export_feature_map(encoder: VisualEncoder, path: str | Path) -> Path:
    """Write ``encoder.feature_map`` as an ONNX model: input ``image`` uint8 (3, H, W) with H and
    W multiples of ``cfg.pad_to`` (what :func:`prepare_image` gives), output ``fmap`` float32
    (1, out_dim, H/s, W/s). Slow (a trace of the whole network): done once, when saving."""
    import onnx

    path = Path(path)
    cfg = encoder.cfg
    h = torch.export.Dim("h", min=1, max=max(1, int(cfg.max_page_height * cfg.image_scale) // cfg.pad_to + 1))
    w = torch.export.Dim("w", min=1, max=max(1, int(cfg.max_page_width * cfg.image_scale) // cfg.pad_to + 1))
    example = torch.zeros(3, 4 * cfg.pad_to, 2 * cfg.pad_to, dtype=torch.uint8)
    was_training = encoder.training
    try:
        program = torch.onnx.export(_FeatureMap(encoder).eval(), (example,), dynamo=True, verbose=False,
                                    input_names=["image"], output_names=["fmap"],
                                    dynamic_shapes={"image": {1: cfg.pad_to * h, 2: cfg.pad_to * w}})
    finally:
        encoder.train(was_training)
    program.optimize()
    proto = program.model_proto
    onnx.helper.set_model_props(proto, {_DIGEST_KEY: vision_digest(encoder)})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(proto.SerializeToString())
    tmp.replace(path)
    return path


class OnnxFeatureMap:
    """A feature map computed by ONNX Runtime: call with the uint8 (3, H, W) image of
    :func:`prepare_image`, get the float32 (1, out_dim, H/s, W/s) tensor of
    :meth:`VisualEncoder.feature_map`."""

    def __init__(self, session) -> None:
        self.session = session

    @classmethod
    def load(cls, path: str | Path, encoder: VisualEncoder, threads: int = 1) -> "OnnxFeatureMap | None":
        """The session for ``path``, or None (with a log line saying why) when the file is
        missing, ONNX Runtime is not installed, or the file was made from other weights than
        ``encoder``'s."""
        path = Path(path)
        if not path.is_file():
            log.info("%s: no %s; the screenshot half runs in torch", path.parent, path.name)
            return None
        try:
            import onnxruntime as ort
        except ImportError:
            log.warning("onnxruntime is not installed; the screenshot half runs in torch (slower)")
            return None
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, threads)
        opts.inter_op_num_threads = 1
        # Idle workers sleep instead of spinning: the backbone runs beside the thread that
        # featurises the page (and a browser), which a spinning worker would slow down.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            log.warning("%s: not a usable ONNX model (%s); the screenshot half runs in torch", path, exc)
            return None
        made_from = session.get_modelmeta().custom_metadata_map.get(_DIGEST_KEY)
        if made_from != vision_digest(encoder):
            log.warning("%s was made from other vision weights than those beside it; the screenshot "
                        "half runs in torch (re-export with pagelens.model.export_vision)", path)
            return None
        return cls(session)

    def __call__(self, image: torch.Tensor) -> torch.Tensor:
        (fmap,) = self.session.run(None, {"image": np.ascontiguousarray(image.numpy())})
        return torch.from_numpy(fmap)  # (1, out_dim, H/s, W/s)
