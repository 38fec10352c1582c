"""Overlays: a page's screenshot with every labelled element boxed in its class's colour, a tag
with the label and score, and a legend.

Readability on busy pages, and what it costs the pixels:
- Boxes are drawn *inside* the element's box (a 1 px pale rim, then a 2 px coloured line, then
  a light tint of the colour), so nothing outside a labelled element changes except its tag.
- Tags sit just above their box, else beside, below or inside its top edge: the first place that
  covers no earlier tag and the least of other labelled boxes and of the page's text. Higher
  scores are placed first.
- The legend is a panel to the right of the screenshot, listing only the classes present, with
  counts; the screenshot itself is never resized or dimmed.
- Colours follow families (card fields violet, address green, name blue, account red…) so a
  form reads as groups at a glance; product roles get the most distinct colours.
"""

from __future__ import annotations

import colorsys
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pagelens.records import Box, trusted_pixels

log = logging.getLogger(__name__)

# Product roles: the most distinct colours of a qualitative palette (Sasha Trubetskoy's 20).
ROLE_COLOURS: dict[str, tuple[int, int, int]] = {
    "price": (230, 25, 75), "old_price": (245, 130, 49), "product_title": (67, 99, 216),
    "product_image": (60, 180, 75), "add_to_cart": (240, 50, 230), "rating": (255, 190, 0),
    "review_count": (128, 128, 0), "review": (70, 153, 144), "description": (154, 99, 36),
    "features": (0, 0, 117), "cart_link": (145, 30, 180),
}
# Field tokens by family: (hue in 0-1, tokens). Members of a family vary in lightness.
FIELD_FAMILIES: tuple[tuple[float, tuple[str, ...]], ...] = (
    (0.76, ("cc-name", "cc-number", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc")),
    (0.60, ("name", "given-name", "additional-name", "family-name")),
    (0.36, ("street-address", "address-line1", "address-line2", "address-level2",
            "address-level1", "postal-code", "country")),
    (0.50, ("email", "tel")),
    (0.99, ("username", "current-password", "new-password", "one-time-code")),
    (0.08, ("bday", "bday-day", "bday-month", "bday-year")),
)
SUBMIT_COLOUR = (20, 20, 20)
FALLBACK_COLOUR = (120, 120, 120)

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")
TAG_FONT_PX = 13       # tag text height; readable at 100 % on a 1280 px wide screenshot
LEGEND_FONT_PX = 15
LEGEND_WIDTH = 260     # px added to the right of the screenshot
TINT_ALPHA = 0.16      # strength of the fill inside a box: enough to see, not to hide text


def _field_colours() -> dict[str, tuple[int, int, int]]:
    out = {}
    for hue, tokens in FIELD_FAMILIES:
        for i, token in enumerate(tokens):
            light = 0.32 + 0.30 * (i / max(1, len(tokens) - 1))
            r, g, b = colorsys.hls_to_rgb(hue, light, 0.85)
            out[token] = (int(r * 255), int(g * 255), int(b * 255))
    return out


_COLOURS = {**ROLE_COLOURS, **_field_colours(), "submit": SUBMIT_COLOUR}


def label_colour(label: str) -> tuple[int, int, int]:
    """The RGB colour a class is drawn in (the same in overlays and reports)."""
    return _COLOURS.get(label, FALLBACK_COLOUR)


def label_colour_hex(label: str) -> str:
    return "#%02x%02x%02x" % label_colour(label)


def rim_colour(label: str) -> tuple[int, int, int]:
    """The pale rim drawn just outside a class's line (still inside the box): light enough to
    separate the line from dark pages, tinted so it shows on white ones too."""
    return tuple(int(round(255 * 0.7 + c * 0.3)) for c in label_colour(label))  # type: ignore[return-value]


def text_colour_on(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on ``rgb`` (WCAG relative luminance)."""
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    return (0, 0, 0) if lum > 0.35 else (255, 255, 255)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


@dataclass(frozen=True)
class OverlayItem:
    """One box to draw: in CSS px of the full page (= screenshot px), with its class and score."""

    box: Box
    label: str
    score: float


@dataclass(frozen=True)
class Overlay:
    """A drawn overlay. ``image`` is RGB, the screenshot (cropped to ``max_height`` if asked) with
    the legend panel to its right; ``tags`` and ``legend`` are where the tags and the legend were
    drawn, in ``image`` px (equal to page CSS px left of the legend)."""

    image: Image.Image
    tags: tuple[Box, ...]
    legend: Box | None
    top: int = 0        # page y (CSS px) of the image's first row, when cropped
    left: int = 0       # page x (CSS px) of the image's first column, when cropped
    offscreen: int = 0  # labelled elements outside the drawn part (below a tall page's cut)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.image.save(path, compress_level=6)  # optimize=True costs ~1 s per page for ~5 % size
        return path


def _to_image(screenshot: Any) -> Image.Image:
    if isinstance(screenshot, Image.Image):
        return screenshot.convert("RGB")
    arr = np.asarray(screenshot)
    if arr.ndim != 3 or arr.shape[2] != 3 or arr.dtype != np.uint8:
        raise ValueError(f"screenshot must be RGB uint8 of shape (H, W, 3), got {arr.dtype} {arr.shape}")
    return Image.fromarray(arr)


def _covered(a: tuple[int, int, int, int], b: tuple[float, float, float, float]) -> float:
    """Area (px²) of ``b`` under ``a``."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _overlaps(a: tuple[int, int, int, int], others: list[tuple[int, int, int, int]]) -> bool:
    return any(a[0] < o[2] and o[0] < a[2] and a[1] < o[3] and o[1] < a[3] for o in others)


def draw_overlay(screenshot: Any, items: Sequence[OverlayItem], title: str = "",
                 max_height: int | None = None, legend: bool = True, top: int = 0,
                 left: int = 0, width: int | None = None, text_boxes: Sequence[Box] = ()) -> Overlay:
    """Draw ``items`` over ``screenshot`` (an RGB uint8 array (H, W, 3) or a PIL image, one pixel
    per CSS px). To draw part of the page: ``top`` and ``left`` (CSS px) are its top-left corner,
    ``max_height`` and ``width`` (px) its size at most. ``title`` heads the legend (e.g.
    ``"product 0.97"``). ``text_boxes``: where the page shows text (page CSS px); tags avoid
    covering it when they can. Boxes are in page CSS px; the image's pixel (0, 0) is page
    (left, top)."""
    base = _to_image(screenshot)
    if top < 0 or left < 0:
        raise ValueError(f"top and left must be >= 0 CSS px, got top={top}, left={left}")
    bottom = base.height if max_height is None else min(base.height, top + max_height)
    right = base.width if width is None else min(base.width, left + width)
    if top or left or bottom < base.height or right < base.width:
        base = base.crop((left, top, right, bottom))
    W, H = base.size
    shifted = [OverlayItem(Box(it.box.x0 - left, it.box.y0 - top, it.box.x1 - left,
                               it.box.y1 - top), it.label, it.score) if top or left else it
               for it in items]
    drawable = [it for it in shifted if it.box.x0 < W and it.box.y0 < H and it.box.y1 > 0
                and it.box.x1 > 0 and it.box.area > 0]
    offscreen = len(items) - len(drawable)
    text_px = [(b.x0 - left, b.y0 - top, b.x1 - left, b.y1 - top) for b in text_boxes
               if b.x1 > left and b.y1 > top and b.x0 < left + W and b.y0 < top + H]
    items = drawable

    # Tints first, box by box (only the boxes' pixels are touched, so a 16,000 px page costs no
    # full-page layer): every labelled pixel gets its class's colour mixed in.
    arr = np.array(base)  # (H, W, 3) uint8, a copy
    boxes_px = []
    for it in items:
        x0, y0 = max(0, int(it.box.x0)), max(0, int(it.box.y0))
        x1, y1 = min(W, int(np.ceil(it.box.x1))), min(H, int(np.ceil(it.box.y1)))
        if x1 <= x0 or y1 <= y0:
            boxes_px.append(None)
            continue
        boxes_px.append((x0, y0, x1, y1))
        region = arr[y0:y1, x0:x1].astype(np.float32)  # (h, w, 3)
        colour = np.asarray(label_colour(it.label), dtype=np.float32)
        arr[y0:y1, x0:x1] = np.rint(region * (1 - TINT_ALPHA) + colour * TINT_ALPHA).astype(np.uint8)
    page = Image.fromarray(arr)
    draw = ImageDraw.Draw(page)

    # Outlines inside each box: a pale rim then the class colour, so they read on any background.
    for it, px in zip(items, boxes_px):
        if px is None:
            continue
        x0, y0, x1, y1 = px
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), outline=rim_colour(it.label), width=1)
        if x1 - x0 > 2 and y1 - y0 > 2:
            draw.rectangle((x0 + 1, y0 + 1, x1 - 2, y1 - 2), outline=label_colour(it.label),
                           width=2 if min(x1 - x0, y1 - y0) > 6 else 1)

    # Tags, best scores first. Each goes to the candidate place that covers no earlier tag and
    # as little of the other labelled boxes as possible (ties: the earlier candidate).
    font = _font(TAG_FONT_PX)
    placed: list[tuple[int, int, int, int]] = []
    order = sorted(range(len(items)), key=lambda i: -items[i].score)
    th = TAG_FONT_PX + 6
    for i in order:
        it, px = items[i], boxes_px[i]
        if px is None:
            continue
        text = f"{it.label} {it.score:.2f}"
        tw = int(draw.textlength(text, font=font)) + 8
        x0, y0, x1, y1 = px
        tx = min(max(0, x0), max(0, W - tw))
        rx = min(max(0, x1 - tw), max(0, W - tw))
        candidates = [(tx, y0 - th), (rx, y0 - th), (x1 + 2, y0), (tx, y1), (x0 - tw - 2, y0),
                      (tx, y0)]
        rects = [(cx, cy, cx + tw, cy + th) for cx, cy in candidates
                 if cy >= 0 and cy + th <= H and cx >= 0 and cx + tw <= W]
        if not rects:
            cy = max(0, min(y0, H - th))
            rects = [(tx, cy, tx + tw, cy + th)]
        others = [b for j, b in enumerate(boxes_px) if j != i and b is not None]

        area = tw * th

        def cost(k: int, rect: tuple[int, int, int, int]) -> float:
            covered = sum(_covered(rect, b) for b in others
                          if not (b[0] <= rect[0] and b[1] <= rect[1] and b[2] >= rect[2]
                                  and b[3] >= rect[3]))  # a box that holds the tag is fine
            # Weights in units of the tag's area: hiding another labelled box costs most, then
            # hiding its own box (0.6), then leaving the usual place above (0.25 per step down
            # the list, so tags read alike), then covering page text (0.2).
            text = sum(_covered(rect, b) for b in text_px) * 0.2
            own = _covered(rect, px) * 0.6
            return ((1e9 if _overlaps(rect, placed) else 0.0) + covered + text + own
                    + 0.25 * k * area)

        rect = min(enumerate(rects), key=lambda kr: cost(*kr))[1]
        placed.append(rect)
        colour = label_colour(it.label)
        draw.rectangle((rect[0], rect[1], rect[2] - 1, rect[3] - 1), fill=colour,
                       outline=(255, 255, 255))
        draw.text((rect[0] + 4, rect[1] + 2), text, font=font, fill=text_colour_on(colour))

    legend_box = None
    if legend:
        canvas = Image.new("RGB", (W + LEGEND_WIDTH, H), (255, 255, 255))
        canvas.paste(page, (0, 0))
        note = f"{offscreen} more outside this image" if offscreen else ""
        legend_box = _draw_legend(canvas, W, items, title, note)
        page = canvas
    return Overlay(page, tuple(Box(*r) for r in placed), legend_box, top, left, offscreen)


def _draw_legend(canvas: Image.Image, left: int, items: Sequence[OverlayItem], title: str,
                 note: str = "") -> Box:
    draw = ImageDraw.Draw(canvas)
    font = _font(LEGEND_FONT_PX)
    draw.rectangle((left, 0, canvas.width - 1, canvas.height - 1), fill=(246, 247, 249))
    draw.line((left, 0, left, canvas.height), fill=(200, 205, 212), width=2)
    y = 14
    if title:
        draw.text((left + 14, y), title, font=_font(LEGEND_FONT_PX + 2), fill=(20, 20, 20))
        y += LEGEND_FONT_PX + 16
    counts: dict[str, int] = {}
    for it in items:
        counts[it.label] = counts.get(it.label, 0) + 1
    if not counts:
        draw.text((left + 14, y), "nothing labelled", font=font, fill=(90, 90, 90))
        y += LEGEND_FONT_PX + 10
    for label in sorted(counts, key=lambda k: (k not in ROLE_COLOURS, k)):
        if y + LEGEND_FONT_PX + 8 > canvas.height:
            break
        colour = label_colour(label)
        draw.rectangle((left + 14, y, left + 14 + 18, y + 18), fill=colour, outline=(255, 255, 255))
        draw.text((left + 42, y + 1), f"{label}  ×{counts[label]}", font=font, fill=(20, 20, 20))
        y += 26
    if note and y + LEGEND_FONT_PX + 8 <= canvas.height:
        draw.text((left + 14, y + 6), note, font=_font(LEGEND_FONT_PX - 2), fill=(110, 110, 110))
    return Box(float(left), 0.0, float(canvas.width), float(canvas.height))


FOCUS_MARGIN = 150      # CSS px kept around the labelled elements with focus=True
FOCUS_MIN_WIDTH = 1280  # CSS px: a focused overlay is at least a desktop viewport wide


def overlay_result(result: Any, max_height: int | None = None, legend: bool = True,
                   focus: bool = False) -> Overlay:
    """The overlay of a :class:`pagelens.api.ParseResult` (its capture must have a screenshot):
    roles and fields, titled with the page type and score. ``focus`` crops the page to the band
    that holds the labelled elements (plus a margin, at least 1280 px wide), which keeps long and
    wide pages readable."""
    if result.capture is None or result.capture.screenshot_png is None:
        raise ValueError(f"{result.source}: result has no screenshot to draw on")
    with trusted_pixels():
        shot = result.capture.screenshot()
    items = [OverlayItem(e.box, e.label, e.score) for e in result.labelled]
    title = f"{result.page_type} {result.page_type_score:.2f}"
    top = left = 0
    width = None
    if focus:
        page_h, page_w = shot.shape[:2]
        inside = [it for it in items if it.box.y0 < page_h and it.box.x0 < page_w]
        if inside:
            top = max(0, int(min(it.box.y0 for it in inside)) - FOCUS_MARGIN)
            band = int(max(it.box.y1 for it in inside)) + FOCUS_MARGIN - top
            max_height = band if max_height is None else min(max_height, band)
            # Horizontally too, but never narrower than a desktop viewport: wide offline
            # renders often hold all their content in a narrow left column.
            left = max(0, int(min(it.box.x0 for it in inside)) - FOCUS_MARGIN)
            right = min(page_w, int(max(it.box.x1 for it in inside)) + FOCUS_MARGIN)
            if right - left < FOCUS_MIN_WIDTH:
                left = max(0, min(left, page_w - FOCUS_MIN_WIDTH))
                right = min(page_w, left + FOCUS_MIN_WIDTH)
            width = right - left
    # Elements showing their own text: what a tag should not hide.
    text_boxes = [el.box for el in result.capture.elements
                  if el.visible and el.text.strip() and el.box.area > 0]
    return draw_overlay(shot, items, title=title, max_height=max_height, legend=legend, top=top,
                        left=left, width=width, text_boxes=text_boxes)
