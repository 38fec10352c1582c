"""A fast, deterministic stand-in for the model in tests: a few rules over tags, attributes and
text. Set ``PAGELENS_FAKE_DELAY`` (seconds per page) to slow it down, e.g. to kill a run mid-way."""

from __future__ import annotations

import os
import re
import time

from pagelens.records import ElementLabel, Prediction
from pagelens.vocab import PAGE_TYPES

PRICE = re.compile(r"[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?€")


class FakePredictor:
    name = "fake"

    def __init__(self) -> None:
        self.calls: list[int] = []  # pages per predict() call
        self.delay = float(os.environ.get("PAGELENS_FAKE_DELAY", "0"))

    def predict(self, captures):
        self.calls.append(len(captures))
        out = []
        for cap in captures:
            if self.delay:
                time.sleep(self.delay)
            if "BREAK-THE-PREDICTOR" in cap.html:
                raise RuntimeError("fake predictor refuses this page")
            roles, fields = [], []
            for el in cap.elements:
                if not el.visible:
                    continue
                text = el.text.strip()
                if el.tag == "h1":
                    roles.append(ElementLabel(el.id, "product_title", 0.9))
                elif PRICE.fullmatch(text):
                    struck = el.style.text_decoration.startswith("line-through") or el.tag == "s"
                    roles.append(ElementLabel(el.id, "old_price" if struck else "price", 0.8))
                elif el.tag == "img" and el.box.width >= 300:
                    roles.append(ElementLabel(el.id, "product_image", 0.7))
                elif el.tag == "button" and re.search(r"(?i)add to cart|warenkorb", text):
                    roles.append(ElementLabel(el.id, "add_to_cart", 0.95))
                if el.tag == "input" and el.attr("type") == "email":
                    fields.append(ElementLabel(el.id, "email", 0.99))
                elif el.tag == "input" and el.attr("type") == "password":
                    fields.append(ElementLabel(el.id, "current-password", 0.6))
                elif (el.tag == "button" and el.attr("type") == "submit"
                      and not re.search(r"(?i)cart|warenkorb", text)):
                    fields.append(ElementLabel(el.id, "submit", 0.9))
            if any(r.label == "add_to_cart" for r in roles):
                page_type = "product"
            elif fields:
                page_type = "login"
            else:
                page_type = "other"
            scores = {p: (0.94 if p == page_type else 0.01) for p in PAGE_TYPES}
            out.append(Prediction(page_type, scores, tuple(roles), tuple(fields)))
        return out
