"""The structured-data baseline: what a page declares about its product in JSON-LD, microdata
and Open Graph (read with extruct from ``capture.html``), mapped back onto elements.

The declared values are text and URLs, not elements, so each is matched to the capture: the
title to the element whose text equals the product name (headings first, then the shortest
such text), the price to elements whose text parses (price-parser) to the declared amount
(``itemprop=price`` first, then the shortest text), the image to ``<img>`` elements whose
``src`` ends with the declared image's file name. A page with a schema.org ``Product`` (or an Open
Graph ``og:type`` of product) is a product page, any other page ``other``. Form fields and the
add-to-cart button are not declared by structured data, so this baseline predicts neither
(:attr:`ExtructPredictor.tasks`).
"""

from __future__ import annotations

import logging
import posixpath
from decimal import Decimal
from typing import Any, Sequence
from urllib.parse import unquote, urlparse

from pagelens.records import Element, ElementLabel, PageCapture, Prediction
from pagelens.vocab import PAGE_TYPES

log = logging.getLogger(__name__)

SYNTAXES = ("json-ld", "microdata", "opengraph")


def _first(value: Any) -> Any:
    while isinstance(value, list):
        value = value[0] if value else None
    return value


def _types(item: dict) -> list[str]:
    t = item.get("@type", [])
    return [str(x).rsplit("/", 1)[-1].lower() for x in (t if isinstance(t, list) else [t])]


def _walk(obj: Any):
    """Every dict inside nested JSON-LD/microdata (``@graph``, ``mainEntity``, ...)."""
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


def declared_product(html: str, url: str) -> dict[str, Any]:
    """``{"is_product", "name", "price", "image"}`` as declared by the page's structured data
    (values None when not declared)."""
    import extruct

    try:
        data = extruct.extract(html, base_url=url or None, syntaxes=list(SYNTAXES), uniform=True,
                               errors="ignore")
    except Exception as exc:  # malformed markup must not stop an evaluation
        log.debug("extruct failed on %s: %s", url, exc)
        data = {}
    out: dict[str, Any] = {"is_product": False, "name": None, "price": None, "image": None}
    for syntax in ("json-ld", "microdata"):
        for item in _walk(data.get(syntax, [])):
            if "product" not in _types(item):
                continue
            out["is_product"] = True
            out["name"] = out["name"] or _first(item.get("name"))
            img = _first(item.get("image"))
            if isinstance(img, dict):
                img = _first(img.get("url") or img.get("contentUrl"))
            out["image"] = out["image"] or img
            offers = _first(item.get("offers"))
            if isinstance(offers, dict):
                price = _first(offers.get("price") or offers.get("lowPrice"))
                if price is None and isinstance(_first(offers.get("priceSpecification")), dict):
                    price = _first(_first(offers["priceSpecification"]).get("price"))
                out["price"] = out["price"] or price
    for og in data.get("opengraph", []):
        if str(og.get("og:type", "")).lower() in ("product", "og:product", "product.item"):
            out["is_product"] = True
        out["name"] = out["name"] or (og.get("og:title") if out["is_product"] else None)
        out["image"] = out["image"] or (og.get("og:image") if out["is_product"] else None)
        out["price"] = out["price"] or og.get("product:price:amount") or og.get("og:price:amount")
    for k in ("name", "image", "price"):
        if out[k] is not None and not isinstance(out[k], str):
            out[k] = str(out[k])
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def match_title(capture: PageCapture, name: str) -> list[int]:
    """Elements whose text equals the declared name, headings first, then shortest markup."""
    want = _norm(name)
    if not want:
        return []
    hits = [el for el in capture.elements if el.tag not in ("title", "script", "style", "head", "meta", "option")
            and _norm(el.full_text) == want]
    hits.sort(key=lambda e: (e.tag not in ("h1", "h2", "h3"), not e.visible, -e.id))
    # Among equal texts the innermost element (largest id in a nested chain) names the title.
    return [e.id for e in hits]


def match_price(capture: PageCapture, price: str) -> list[int]:
    """Elements whose short text parses to the declared amount."""
    from price_parser import Price

    want = Price.fromstring(price).amount
    if want is None:
        return []
    hits: list[Element] = []
    for el in capture.elements:
        if not el.full_text or len(el.full_text) > 40 or el.tag in ("script", "style", "option"):
            continue
        amount = Price.fromstring(el.full_text).amount
        if amount is not None and Decimal(amount) == Decimal(want):
            hits.append(el)
    hits.sort(key=lambda e: (e.attrs.get("itemprop") != "price", not e.visible,
                             len(e.full_text), -e.id))
    return [e.id for e in hits]


def _basename(url: str) -> str:
    return posixpath.basename(unquote(urlparse(url).path)).lower()


def match_image(capture: PageCapture, image: str) -> list[int]:
    """``<img>`` elements whose ``src`` has the declared image's file name (exact URL first)."""
    want = _basename(image)
    if not want:
        return []
    hits = [el for el in capture.elements if el.tag == "img" and el.attrs.get("src")
            and _basename(el.attrs["src"]) == want]
    hits.sort(key=lambda e: (e.attrs.get("src") != image, not e.visible, -e.box.area))
    return [e.id for e in hits]


class ExtructPredictor:
    """Structured data as a :class:`pagelens.predictor.Predictor` (price, title, image, page
    type; no fields, no add-to-cart)."""

    name = "extruct"
    tasks = ("roles", "price_value", "page_type")
    roles = ("price", "product_title", "product_image")

    def predict_one(self, capture: PageCapture) -> Prediction:
        d = declared_product(capture.html, capture.final_url)
        rankings: dict[str, tuple[tuple[int, float], ...]] = {}
        for role, key, fn in (("product_title", "name", match_title), ("price", "price", match_price),
                              ("product_image", "image", match_image)):
            if d[key]:
                ids = fn(capture, d[key])[:5]
                if ids:
                    rankings[role] = tuple((i, 1.0 - 0.1 * r) for r, i in enumerate(ids))
        roles = tuple(ElementLabel(v[0][0], role, v[0][1]) for role, v in rankings.items())
        page_type = "product" if d["is_product"] else "other"
        scores = {t: (0.9 if t == page_type else 0.1 / (len(PAGE_TYPES) - 1)) for t in PAGE_TYPES}
        return Prediction(page_type=page_type, page_type_scores=scores, roles=roles,
                          rankings=rankings)

    def predict(self, captures: Sequence[PageCapture]) -> list[Prediction]:
        return [self.predict_one(c) for c in captures]
