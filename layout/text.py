"""What the text encoder reads for each element: one short string.

An element's string joins, in this order: the text of the label that belongs to it (form fields
only), its tag and ``type``, the attributes that name it (placeholder, aria-label, alt, title, name,
id, autocomplete, value of buttons), optionally the words of its class and id (elements other than
form controls, see :func:`class_words`) and its own text (or, for a small element with no own text,
its whole visible text, as in ``<span>$<b>19</b>.99</span>``). Long container texts are not read:
a container's meaning comes from its children through the page context layers.

Class and id words: a saved page opened offline has lost its stylesheets, so what a shopper sees
(the big bold price, the struck-out old one) is mostly gone from the pixels, while the names its
developers gave the elements (``product-price``, ``price--old``, ``pdp-title``) survive; every
rule-based extractor reads them (Fathom's ``hasPriceInClassName``, our rules baseline). Without
them in its text, the network saw those names only through the rules' decisions.

The label of a field is found as a browser does, then as a person does: ``<label for=id>``, an
ancestor ``<label>``, ``aria-labelledby``; failing those, the nearest short text directly above or
to the left on the same row. The spatial fallback matters on real forms, where many labels are a
``<span>`` beside the input.
"""

from __future__ import annotations

import bisect
import re

from pagelens.records import Element, PageCapture

FORM_CONTROLS = ("input", "select", "textarea")
BUTTON_LIKE = ("button",)
MAX_CHARS = 160  # characters per element string; the tokenizer truncates further
SHORT_TEXT = 80  # a full_text at most this long is read for elements without own text
LABEL_TEXT = 60  # label texts longer than this are cut


_WORD_SPLIT = re.compile(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")
# Words that name the styling machinery, not the element.
_CLASS_NOISE = frozenset(("css", "jsx", "svelte", "ember", "ltr", "rtl", "the"))


def class_words(el: Element, n: int) -> str:
    """The first ``n`` distinct words of ``el``'s class and id attributes, lower case, space-joined
    (``"pdp-price__current priceBox"`` -> ``"pdp price current"`` for n=3).

    Words are runs of letters split at camelCase humps; words shorter than 3 letters or longer than
    14 are dropped, and so is any class token holding a digit (hashed names from CSS-in-JS and
    CSS modules, ``css-1x2y3z``, ``sc-a8Fk3``: noise, not names)."""
    if n <= 0:
        return ""
    out: list[str] = []
    for token in (el.attrs.get("class", "") + " " + el.attrs.get("id", "")).split():
        if any(c.isdigit() for c in token):
            continue
        for w in _WORD_SPLIT.split(token):
            w = w.lower()
            if 3 <= len(w) <= 14 and w not in _CLASS_NOISE and w not in out:
                out.append(w)
                if len(out) == n:
                    return " ".join(out)
    return " ".join(out)


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s[:n]


def is_form_control(el: Element) -> bool:
    return el.tag in FORM_CONTROLS


def field_label_texts(capture: PageCapture, ids: list[int]) -> dict[int, str]:
    """For the form controls among ``ids``, the text of the label that belongs to each (empty when
    none is found). Keys are element ids."""
    els = capture.elements
    by_html_id: dict[str, Element] = {}
    label_for: dict[str, str] = {}
    for el in els:
        hid = el.attrs.get("id")
        if hid:
            by_html_id.setdefault(hid, el)
        if el.tag == "label" and el.attrs.get("for"):
            label_for.setdefault(el.attrs["for"], el.full_text)
    # Short visible texts, candidates for the spatial fallback, sorted by their bottom edge so a
    # field looks only at the texts within 60 px of its own rows (bisect: O(log T) per field).
    texts = sorted((el for el in els if el.visible and el.text.strip()
                    and len(el.full_text) <= LABEL_TEXT
                    and el.tag not in ("option", "script", "style", "button", "a")),
                   key=lambda el: el.box.y1)
    bottoms = [el.box.y1 for el in texts]
    out: dict[int, str] = {}
    for eid in ids:
        el = els[eid]
        if not is_form_control(el):
            continue
        found = ""
        hid = el.attrs.get("id", "")
        if hid and hid in label_for:
            found = label_for[hid]
        if not found:
            p, depth = el.parent, 0
            while p >= 0 and depth < 4:
                if els[p].tag == "label":
                    found = els[p].full_text
                    break
                p, depth = els[p].parent, depth + 1
        if not found and el.attrs.get("aria-labelledby"):
            parts = [by_html_id[i].full_text for i in el.attrs["aria-labelledby"].split()
                     if i in by_html_id]
            found = " ".join(parts)
        if not found:
            lo = bisect.bisect_left(bottoms, el.box.y0 - 60)
            hi = bisect.bisect_right(bottoms, el.box.y1 + 60)
            found = _nearest_text(el, texts[lo:hi])
        out[eid] = _clip(found, LABEL_TEXT)
    return out


def _nearest_text(field: Element, texts: list[Element]) -> str:
    """The short text directly above (overlapping columns, gap < 60 px) or to the left on the same
    row (gap < 250 px) of a field, nearest first; boxes in CSS px."""
    b = field.box
    best, best_d = "", 1e9
    cy = (b.y0 + b.y1) / 2
    for t in texts:
        tb = t.box
        if tb.y1 <= b.y0 + 4 and min(tb.x1, b.x1) - max(tb.x0, b.x0) > 0:
            d = b.y0 - tb.y1
            if d < 60 and d < best_d:
                best, best_d = t.full_text, d
        elif tb.x1 <= b.x0 + 4 and tb.y0 - 6 <= cy <= tb.y1 + 6:
            d = b.x0 - tb.x1
            if d < 250 and d < best_d:
                best, best_d = t.full_text, d
    return best


def element_string(el: Element, label: str = "", n_class_words: int = 0) -> str:
    """The string the text encoder reads for one element ('' when there is nothing to read).
    ``n_class_words``: at most this many words of the class and id of an element that is not a
    form control (:func:`class_words`; 0: none, as models trained before them expect)."""
    parts: list[str] = []
    if label:
        parts.append(label)
    control = is_form_control(el) or el.tag in BUTTON_LIKE
    if control:
        parts.append(f"{el.tag} {el.attrs.get('type', '')}".strip())
    for name in ("placeholder", "aria-label", "alt", "title"):
        v = el.attrs.get(name, "")
        if v:
            parts.append(v)
    if control:
        for name in ("name", "id", "autocomplete"):
            v = el.attrs.get(name, "")
            if v:
                parts.append(v)
        if el.tag == "input" and el.attrs.get("type", "") in ("submit", "button"):
            parts.append(el.attrs.get("value", ""))
    if n_class_words and not is_form_control(el):
        parts.append(class_words(el, n_class_words))
    own = el.text.strip()
    if own:
        parts.append(own)
    elif el.full_text and len(el.full_text) <= SHORT_TEXT and el.tag not in ("select",):
        parts.append(el.full_text)
    return _clip(" | ".join(p for p in parts if p), MAX_CHARS)


def element_strings(capture: PageCapture, ids: list[int], n_class_words: int = 0) -> list[str]:
    """One string per element id in ``ids`` (see :func:`element_string`)."""
    labels = field_label_texts(capture, ids)
    return [element_string(capture.elements[i], labels.get(i, ""), n_class_words) for i in ids]
