"""Pixels to one visual embedding per element.

The full-page screenshot (CSS scale) is downscaled by ``VisionConfig.image_scale`` and cut at
``max_page_height`` CSS px, run through a timm backbone (``features_only``), the returned levels are
projected to ``out_dim`` channels and summed top-down (a small FPN), and every element's box is
pooled from the finest level with ``torchvision.ops.roi_align``. Elements below the seen part of
the page get a zero embedding and ``in_image = 0`` so later layers know there was nothing to see.

Decisions:
- A quarter of CSS scale (320 px wide for a desktop page): a 4,000 px page becomes 320x1000, whose
  forward pass through mobilenetv3_small_100 costs about 15 ms on two cores; at half scale it is 4x
  that and the whole-model budget is 100 ms for a 500-element page. Text is unreadable at this
  scale on purpose: the text encoder reads text, the vision half sees blocks, images, buttons,
  colour and emphasis.
- ``aligned=True`` RoI pooling with a 2x2 grid, so a box keeps a coarse sense of its inside (an
  image's texture vs. a button's flat fill).
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

import cv2
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
from torchvision.ops import roi_align

from pagelens.records import PageCapture, trusted_pixels
from pagelens.vision.backbones import BACKBONES, backbone_channels, backbone_strides, create_backbone

# Element tags the renderer-target head tells apart (everything else is "other").
RENDERER_TAGS: tuple[str, ...] = ("div", "span", "a", "img", "input", "button", "select",
                                  "textarea", "p", "h", "li", "label", "svg", "td", "other")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_IDAT_CRC = zlib.crc32(b"IDAT")


@dataclass(frozen=True)
class VisionConfig:
    backbone: str = "mobilenetv3_small_100"
    image_scale: float = 0.25  # screenshot px per CSS px fed to the backbone (see module docstring)
    max_page_height: int = 4000  # CSS px from the top that the backbone sees; below: no pixels
    max_page_width: int = 2000  # CSS px from the left likewise (pages that overflow sideways)
    out_dim: int = 64  # channels of the per-element visual embedding
    roi_size: int = 2  # RoI grid (roi_size x roi_size) per element
    pad_to: int = 32  # image sides are padded to a multiple of this (the coarsest stride)

    def __post_init__(self) -> None:
        if self.backbone not in BACKBONES:
            raise ValueError(f"VisionConfig.backbone: unknown {self.backbone!r}; known: "
                             f"{', '.join(sorted(BACKBONES))}")
        if not 0.05 <= self.image_scale <= 1.0:
            raise ValueError(f"VisionConfig.image_scale {self.image_scale} outside 0.05..1")
        if self.max_page_height < 200 or self.max_page_width < 200:
            raise ValueError(f"VisionConfig: max_page_height {self.max_page_height} and "
                             f"max_page_width {self.max_page_width} must be >= 200 CSS px")
        if self.out_dim < 4 or self.roi_size < 1 or self.pad_to < 1:
            raise ValueError("VisionConfig: out_dim >= 4, roi_size >= 1 and pad_to >= 1 required")


def prepare_image(capture: PageCapture, cfg: VisionConfig) -> torch.Tensor:
    """The screenshot as the backbone's input: uint8 (3, H, W) RGB, where H and W are the seen part
    of the page (at most ``max_page_height`` x ``max_page_width`` CSS px) times ``image_scale``, padded with zeros to a
    multiple of ``pad_to``. Kept as uint8 so a training set of pages fits in memory;
    :class:`VisualEncoder` normalises. A capture without a screenshot gives an all-zero image of
    the page's size, so a model still runs (its visual embeddings are then uninformative)."""
    seen_h = min(capture.page_height, cfg.max_page_height)
    seen_w = min(capture.page_width, cfg.max_page_width)
    width = max(int(round(seen_w * cfg.image_scale)), 1)
    height = max(int(round(seen_h * cfg.image_scale)), 1)
    arr = torch.zeros(3, height, width, dtype=torch.uint8)
    if capture.screenshot_png is not None:
        img = decode_top_rows(capture.screenshot_png, cfg.max_page_height, capture.source)
        img = img[:, : cfg.max_page_width]
        # Width follows the page and rows the screenshot (it may be shorter than the page); a
        # screenshot narrower than the seen part (CaptureOptions.max_width set below it) keeps
        # its scale and the rest stays zero, so boxes stay where they are.
        rows = max(int(round(img.shape[0] * cfg.image_scale)), 1)
        cols = width if img.shape[1] >= seen_w \
            else max(int(round(img.shape[1] * cfg.image_scale)), 1)
        img = cv2.resize(img, (cols, rows), interpolation=cv2.INTER_AREA)
        arr = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1)  # (3, rows, W) RGB
    ph = -(-arr.shape[1] // cfg.pad_to) * cfg.pad_to
    pw = -(-arr.shape[2] // cfg.pad_to) * cfg.pad_to
    return F.pad(arr, (0, pw - arr.shape[2], 0, ph - arr.shape[1]))


def decode_top_rows(png: bytes, max_rows: int, source: str = "") -> np.ndarray:
    """The first ``max_rows`` rows of a PNG (or any image) as RGB uint8 (rows, W, 3).

    A full-page screenshot of a long real page is 16,000 rows; the model looks at 4,000. Pillow
    is told the image ends there, so zlib stops early: measured 1.0 s instead of 2.9 s on a
    2810x16000 screenshot (identical pixels). Interlaced PNGs and other formats decode fully.
    A PNG no taller than ``max_rows`` is decoded by OpenCV (libpng) instead: identical pixels on
    60 captured pages, 8.3 ms instead of 11.2 (medians, 1280 px wide pages up to 4,000 rows);
    OpenCV cannot stop early, so taller PNGs take the Pillow path.

    On that path the image data goes to Pillow's decoder in one call (:func:`rechunk_png`):
    Chromium writes its screenshots in 4 KB IDAT chunks, Pillow decodes one chunk per call and
    takes the GIL back between calls, and while the predictor's other thread ran Python each
    call waited for it: the top 4,000 rows of 30 tall captured pages took 166 ms instead of 25
    (medians), and 38 ms in one call (docs/model.md, Speed)."""
    from PIL import Image

    if png[:8] == _PNG_MAGIC and len(png) >= 24 and struct.unpack(">I", png[20:24])[0] <= max_rows:
        bgr = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
        if bgr is not None:
            return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)  # (rows, W, 3)
    try:
        png = rechunk_png(png)
        with trusted_pixels():  # a 1280x150000 page is no bomb: at most max_rows are decoded
            im = Image.open(io.BytesIO(png))
        w, h = im.size
        tile = im.tile[0] if len(im.tile) == 1 else None
        if (im.format == "PNG" and not im.info.get("interlace") and tile is not None
                and h > max_rows and hasattr(tile, "_replace")):
            im._size = (w, max_rows)
            im.tile = [tile._replace(extents=(0, 0, w, max_rows))]
        im.decodermaxblock = max(len(png), im.decodermaxblock)  # the whole IDAT in one read
        return np.asarray(im if im.mode == "RGB" else im.convert("RGB"))[:max_rows]
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValueError(f"capture of {source}: screenshot is not a readable image ({exc})") from None


def rechunk_png(png: bytes, chunk: int | None = None) -> bytes:
    """The PNG ``png`` with its image data (IDAT chunks) rewritten as one chunk, or as chunks of
    at most ``chunk`` bytes (Chromium's screenshots have 4,096), other chunks kept in place and
    the pixels unchanged. Anything that is not a PNG whose chunks add up is returned as it is."""
    if png[:8] != _PNG_MAGIC:
        return png
    before: list[bytes] = []
    after: list[bytes] = []
    data: list[bytes] = []
    i = 8
    while i + 12 <= len(png):
        length, kind = struct.unpack(">I4s", png[i:i + 8])
        end = i + 12 + length
        if end > len(png):
            return png
        if kind == b"IDAT":
            if after:  # image data must be consecutive
                return png
            data.append(png[i + 8:i + 8 + length])
        else:
            (after if data else before).append(png[i:end])
        i = end
    if i != len(png) or not data:
        return png
    joined = b"".join(data)
    step = chunk or max(len(joined), 1)
    idat = [joined[k:k + step] for k in range(0, len(joined), step)] or [b""]
    chunks = [struct.pack(">I", len(d)) + b"IDAT" + d + struct.pack(">I", zlib.crc32(d, _IDAT_CRC))
              for d in idat]
    return b"".join([_PNG_MAGIC, *before, *chunks, *after])


def seen_mask(boxes: torch.Tensor, cfg: VisionConfig) -> torch.Tensor:
    """For boxes (N, 4) in CSS px of the full page, a float mask (N,) that is 1 where the box is
    not empty and its top-left corner lies inside the part of the page the backbone sees (a
    hidden element has no pixels)."""
    return ((boxes[:, 1] < cfg.max_page_height) & (boxes[:, 0] < cfg.max_page_width)
            & (boxes[:, 2] > boxes[:, 0]) & (boxes[:, 3] > boxes[:, 1])).float()


class VisualEncoder(nn.Module):
    """Screenshot + element boxes -> (N, out_dim) visual embeddings."""

    def __init__(self, cfg: VisionConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.backbone = create_backbone(cfg.backbone)
        channels = backbone_channels(self.backbone)
        self.strides = backbone_strides(self.backbone)
        self.lateral = nn.ModuleList(nn.Conv2d(c, cfg.out_dim, 1) for c in channels)
        self.smooth = nn.Conv2d(cfg.out_dim, cfg.out_dim, 3, padding=1)
        self.proj = nn.Sequential(nn.Linear(cfg.out_dim * cfg.roi_size ** 2, cfg.out_dim),
                                  nn.GELU(), nn.LayerNorm(cfg.out_dim))

    def feature_map(self, image: torch.Tensor) -> torch.Tensor:
        """image (3, H, W) uint8 -> fused feature map (1, out_dim, H/s, W/s), s the finest stride."""
        x = image.unsqueeze(0).float() / 127.5 - 1.0  # (1, 3, H, W) in -1..1
        feats = self.backbone(x)  # list of (1, C_l, H/s_l, W/s_l)
        fused = self.lateral[-1](feats[-1])
        for level in range(len(feats) - 2, -1, -1):
            lat = self.lateral[level](feats[level])
            fused = lat + F.interpolate(fused, size=lat.shape[-2:], mode="nearest")
        return self.smooth(fused)  # (1, out_dim, H/s0, W/s0)

    def forward(self, image: torch.Tensor, boxes: torch.Tensor,
                fmap: torch.Tensor | None = None) -> torch.Tensor:
        """image (3, H, W) from :func:`prepare_image`; boxes (N, 4) CSS px of the full page;
        ``fmap``: this image's :meth:`feature_map` when already computed (``image`` is then not
        read). Returns (N, out_dim); rows of unseen elements are zero."""
        if fmap is None:
            fmap = self.feature_map(image)
        rois = torch.cat([torch.zeros(len(boxes), 1), boxes.float()], dim=1)  # (N, 5) batch idx 0
        pooled = roi_align(fmap, rois, output_size=self.cfg.roi_size,
                           spatial_scale=self.cfg.image_scale / self.strides[0],
                           sampling_ratio=2, aligned=True)  # (N, out_dim, r, r)
        emb = self.proj(pooled.flatten(1))  # (N, out_dim)
        return emb * seen_mask(boxes, self.cfg).unsqueeze(1)


# --- renderer-derived targets: what any rendered page teaches for free ---------------------------

@dataclass(frozen=True)
class RendererTargets:
    """Per-element targets read from the capture, no human labels needed.

    ``tag`` (N,) int64 index into :data:`RENDERER_TAGS`; ``binary`` (N, 4) float 0/1: has own
    text, is an image, is a form control, is clickable; ``log_font`` (N,) float log2(font px/16).
    """

    tag: torch.Tensor
    binary: torch.Tensor
    log_font: torch.Tensor


def renderer_targets(capture: PageCapture, element_ids: list[int]) -> RendererTargets:
    """Targets for the given elements of a capture (ids index ``capture.elements``)."""
    tag_index = {t: i for i, t in enumerate(RENDERER_TAGS)}
    tags, binary, fonts = [], [], []
    for eid in element_ids:
        el = capture.elements[eid]
        t = "h" if el.tag in _HEADINGS else el.tag
        tags.append(tag_index.get(t, tag_index["other"]))
        binary.append([float(bool(el.text.strip())),
                       float(el.tag in ("img", "svg", "picture", "canvas", "video")),
                       float(el.tag in ("input", "select", "textarea")),
                       float(el.interactive or el.style.cursor == "pointer")])
        fonts.append(float(np.log2(max(el.style.font_size, 1.0) / 16.0)))
    return RendererTargets(torch.tensor(tags, dtype=torch.long),
                           torch.tensor(binary, dtype=torch.float32).reshape(-1, 4),
                           torch.tensor(fonts, dtype=torch.float32))


class RendererHead(nn.Module):
    """Predicts :class:`RendererTargets` from visual embeddings alone (an auxiliary task that
    teaches a backbone trained from scratch to see tags, text, images, inputs and font sizes)."""

    def __init__(self, dim: int) -> None:
        super().__init__()
        self.out = nn.Linear(dim, len(RENDERER_TAGS) + 4 + 1)

    def loss(self, visual: torch.Tensor, targets: RendererTargets, seen: torch.Tensor) -> torch.Tensor:
        """visual (N, D); seen (N,) 0/1 mask of elements with pixels. Returns a scalar."""
        if seen.sum() == 0:
            return visual.sum() * 0.0
        out = self.out(visual)  # (N, T + 4 + 1)
        nt = len(RENDERER_TAGS)
        w = seen / seen.sum()
        tag = F.cross_entropy(out[:, :nt], targets.tag, reduction="none")
        binary = F.binary_cross_entropy_with_logits(out[:, nt:nt + 4], targets.binary,
                                                    reduction="none").mean(1)
        font = F.smooth_l1_loss(out[:, -1], targets.log_font, reduction="none")
        return ((tag + binary + font) * w).sum()
