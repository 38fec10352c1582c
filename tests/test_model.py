"""The model: every registered backbone, text encoder and head builds from a tiny config and runs
forward and backward; featurisation is checked against hand-computed values; training runs end to
end on a handful of pages; the shipped model loads and labels a bundled sample page."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from pagelens.records import Box, Element, PageCapture, PageLabels, Style, Viewport

torch.set_num_threads(2)


def _png(width: int, height: int, boxes: list[tuple[Box, tuple[int, int, int]]]) -> bytes:
    im = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(im)
    for box, colour in boxes:
        draw.rectangle([box.x0, box.y0, box.x1, box.y1], fill=colour)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def fake_page(kind: str, seed: int = 0) -> tuple[PageCapture, PageLabels]:
    """A small hand-built capture (no browser): a product page or a login form, with labels."""
    rng = np.random.default_rng(seed)
    els: list[Element] = []
    paint: list[tuple[Box, tuple[int, int, int]]] = []
    labels: dict[int, str] = {}

    def add(parent: int, tag: str, box: Box, text: str = "", attrs: dict | None = None,
            style: Style | None = None, label: str | None = None, colour=None) -> int:
        eid = len(els)
        els.append(Element(id=eid, parent=parent, tag=tag, xpath=f"/{tag}[{eid}]", box=box,
                           text=text, full_text=text, attrs=attrs or {}, style=style or Style(),
                           visible=True, in_first_viewport=box.y0 < 800,
                           interactive=tag in ("input", "button", "a", "select")))
        if label:
            labels[eid] = label
        if colour:
            paint.append((box, colour))
        return eid

    dx = float(rng.integers(0, 40))
    html = add(-1, "html", Box(0, 0, 1280, 1600))
    body = add(html, "body", Box(0, 0, 1280, 1600))
    add(body, "a", Box(1100 + dx / 4, 20, 1180, 40), "Cart", {"href": "/cart"}, label="cart_link")
    if kind == "product":
        add(body, "img", Box(40 + dx, 120, 600, 680), attrs={"alt": "Blue shoe", "src": "a.jpg"},
            label="product_image", colour=(90, 120, 200))
        add(body, "h1", Box(660, 120, 1200, 170), "Blue running shoe",
            style=Style(font_size=32, font_weight=700), label="product_title")
        add(body, "span", Box(660, 200, 780, 236), "$49.99",
            style=Style(font_size=28, font_weight=700), label="price")
        add(body, "s", Box(800, 206, 880, 230), "$79.99",
            style=Style(font_size=16, text_decoration="line-through"), label="old_price")
        add(body, "button", Box(660, 260, 900, 310), "Add to cart",
            style=Style(cursor="pointer", background_color="rgb(0, 120, 0)"), label="add_to_cart",
            colour=(0, 120, 0))
        add(body, "p", Box(660, 340, 1200, 420), "A light shoe for long runs.", label="description")
        for k in range(3):
            y = 900 + 120 * k
            add(body, "img", Box(40 + 300 * k, y, 300 + 300 * k, y + 100), attrs={"alt": "other"},
                colour=(180, 180, 180))
            add(body, "span", Box(40 + 300 * k, y + 102, 140 + 300 * k, y + 118), f"${10 + k}.00")
        page_type = "product"
    else:
        form = add(body, "form", Box(400, 200, 880, 600))
        add(form, "label", Box(400, 200, 600, 220), "Email", {"for": "em"})
        add(form, "input", Box(400, 224, 880, 260), attrs={"type": "email", "id": "em", "name": "email"},
            label="email", colour=(240, 240, 240))
        add(form, "label", Box(400, 280, 600, 300), "Password", {"for": "pw"})
        add(form, "input", Box(400, 304, 880, 340), attrs={"type": "password", "id": "pw"},
            label="current-password", colour=(240, 240, 240))
        add(form, "button", Box(400, 380, 560, 420), "Sign in", {"type": "submit"},
            style=Style(cursor="pointer"), label="submit", colour=(20, 20, 160))
        page_type = "login"
    cap = PageCapture(source=f"fake/{kind}/{seed}", final_url="", title=kind,
                      viewport=Viewport.desktop(), page_width=1280, page_height=1600,
                      elements=tuple(els), screenshot_png=_png(1280, 1600, paint))
    return cap, PageLabels(page_type, labels)
