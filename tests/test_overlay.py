"""Overlays checked by pixels: changed inside the labelled boxes, unchanged outside them (except
where the tags and the legend are drawn)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from fake_predictor import FakePredictor
from pagelens import cli
from pagelens.api import Parser
from pagelens.overlay import (LEGEND_WIDTH, OverlayItem, draw_overlay, label_colour,
                              overlay_result, rim_colour, text_colour_on)
from pagelens.records import Box

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "assets" / "samples"


def _mask(shape: tuple[int, int], boxes) -> np.ndarray:
    m = np.zeros(shape, dtype=bool)
    for b in boxes:
        m[int(b.y0):int(np.ceil(b.y1)), int(b.x0):int(np.ceil(b.x1))] = True
    return m


def _check_pixels(before: np.ndarray, overlay, boxes) -> None:
    H, W = before.shape[:2]
    after = np.asarray(overlay.image)
    assert after.shape == (H, W + LEGEND_WIDTH, 3)
    changed = np.any(after[:, :W] != before, axis=2)
    inside = _mask((H, W), boxes)
    tags = _mask((H, W), overlay.tags)
    assert changed[inside].all(), "every pixel of a labelled box is tinted or outlined"
    assert not changed[~inside & ~tags].any(), "nothing outside the boxes and tags changes"
    assert overlay.legend == Box(W, 0, W + LEGEND_WIDTH, H)


def test_synthetic_screenshot_pixels():
    rng = np.random.default_rng(0)
    shot = rng.integers(0, 256, size=(300, 400, 3), dtype=np.uint8)  # a busy page
    items = [OverlayItem(Box(50, 80, 150, 120), "price", 0.93),
             OverlayItem(Box(200, 150.5, 390, 290), "cc-number", 0.61)]
    ov = draw_overlay(shot, items, title="product 0.97")
    _check_pixels(shot, ov, [it.box for it in items])
    img = np.asarray(ov.image)
    # The coloured line sits 1 px inside the box, inside a 1 px pale rim.
    assert tuple(img[100, 51]) == label_colour("price")
    assert tuple(img[100, 50]) == rim_colour("price")
    # Each tag is drawn above its box in the class colour, and there are two of them.
    assert len(ov.tags) == 2
    price_tag = ov.tags[0]
    assert price_tag.y1 == 80 and price_tag.x0 == 50
    assert tuple(img[int(price_tag.y0) + 1, int(price_tag.x1) - 2]) == label_colour("price")
    # The legend lists the classes with their colour swatch.
    legend = img[:, 400:]
    for label in ("price", "cc-number"):
        assert (np.all(legend == label_colour(label), axis=2)).sum() > 100


def test_tags_do_not_cover_each_other():
    shot = np.full((200, 300, 3), 255, dtype=np.uint8)
    items = [OverlayItem(Box(10, 50, 100, 70), "price", 0.9),
             OverlayItem(Box(10, 52, 100, 72), "old_price", 0.8),
             OverlayItem(Box(12, 54, 100, 74), "rating", 0.7)]
    ov = draw_overlay(shot, items, legend=False)
    for i, a in enumerate(ov.tags):
        for b in ov.tags[i + 1:]:
            assert a.intersection(b) == 0
    assert ov.image.size == (300, 200)


def test_text_colour_contrast():
    assert text_colour_on((255, 190, 0)) == (0, 0, 0)
    assert text_colour_on((0, 0, 117)) == (255, 255, 255)


def test_overlay_of_a_rendered_page(browser):
    with Parser(FakePredictor(), browser=browser) as parser:
        result = parser.parse(str(SAMPLES / "product-trail-shoe.html"))
    ov = overlay_result(result)
    boxes = [e.box for e in result.labelled]
    assert len(boxes) >= 5
    _check_pixels(result.capture.screenshot(), ov, boxes)


def test_overlay_command_on_a_capture_folder(browser, tmp_path):
    with Parser(FakePredictor(), browser=browser) as parser:
        result = parser.parse(str(SAMPLES / "login.html"))
    folder = result.capture.save(tmp_path / "login")
    out = tmp_path / "overlay.png"
    code = cli.main(["overlay", str(folder), "-o", str(out), "--predictor",
                     "fake_predictor:FakePredictor", "--max-height", "500"])
    assert code == 0
    with Image.open(out) as im:
        assert im.size == (result.capture.page_width + LEGEND_WIDTH, 500)
        img = np.asarray(im.convert("RGB"))
    # The password field's box is outlined in its class colour.
    pw = next(f for f in result.fields if f.label == "current-password")
    assert tuple(img[int(pw.box.y0) + 1, int(pw.box.x0) + 5]) == label_colour("current-password")


def test_overlay_command_reports_broken_input(tmp_path, capsys):
    code = cli.main(["overlay", str(tmp_path / "nope.html"), "-o", str(tmp_path / "o.png"),
                     "--predictor", "fake_predictor:FakePredictor"])
    assert code == 1
    assert "nope.html" in capsys.readouterr().err
    assert not (tmp_path / "o.png").exists()


def test_band_crop_shifts_boxes_and_counts_the_rest():
    rng = np.random.default_rng(1)
    shot = rng.integers(0, 256, size=(400, 200, 3), dtype=np.uint8)
    items = [OverlayItem(Box(20, 250, 120, 300), "price", 0.9),
             OverlayItem(Box(10, 380, 50, 399), "rating", 0.5)]  # below the band
    ov = draw_overlay(shot, items, top=200, max_height=150)  # page rows 200..349
    assert ov.image.size == (200 + LEGEND_WIDTH, 150)
    assert (ov.top, ov.offscreen) == (200, 1)
    _check_pixels(shot[200:350], ov, [Box(20, 50, 120, 100)])


def test_crop_on_both_axes():
    shot = np.zeros((100, 300, 3), dtype=np.uint8)
    items = [OverlayItem(Box(120, 40, 180, 60), "add_to_cart", 0.8)]
    ov = draw_overlay(shot, items, top=20, left=100, width=120, max_height=60, legend=False)
    assert ov.image.size == (120, 60) and (ov.left, ov.top) == (100, 20)
    _mask_box = Box(20, 20, 80, 40)  # the item in the image's pixels
    img = np.asarray(ov.image)
    changed = np.any(img != 0, axis=2)
    assert changed[20:40, 20:80].all()
    assert not changed[~_mask((60, 120), [_mask_box] + list(ov.tags))].any()
