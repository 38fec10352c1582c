"""Cheap per-element features read straight from the capture: style, geometry, text shape.

Each feature is one named column (:data:`STYLE_FEATURES`), computed by :func:`style_features`,
with a comment saying why it helps. Categorical facts (the tag, an input's ``type``) are indices
into small vocabularies that the fusion layer embeds.

The rules baseline's named features (``pagelens.baselines.rules.rule_features``) join as extra
columns when that module is importable; the column names used in training are saved in the
model's config, and a model refuses to run if the installed rules give different names.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pagelens.product import CURRENCY_MARK
from pagelens.records import Element, PageCapture

log = logging.getLogger(__name__)

TAGS: tuple[str, ...] = (
    "<unk>", "div", "span", "a", "img", "input", "button", "select", "textarea", "option", "p",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "label", "form", "svg", "path", "td",
    "tr", "table", "th", "section", "article", "header", "footer", "nav", "main", "aside", "strong",
    "b", "em", "i", "s", "del", "strike", "ins", "small", "picture", "source", "figure", "iframe",
    "fieldset", "legend", "dl", "dt", "dd", "sup", "sub", "body", "html", "meta", "time", "video",
)
INPUT_TYPES: tuple[str, ...] = (
    "<none>", "<unk>", "text", "email", "password", "tel", "number", "submit", "button", "checkbox",
    "radio", "hidden", "search", "url", "date", "month", "image", "reset", "file", "range",
)
_TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
_TYPE_INDEX = {t: i for i, t in enumerate(INPUT_TYPES)}

_AMOUNT = re.compile(r"\d{1,3}(?:[ .,\u00a0\u202f']\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?")
_RGB = re.compile(r"rgba?\(([^)]*)\)")

STYLE_FEATURES: tuple[str, ...] = (
    "log_font",          # big text is titles and prices
    "font_vs_page",      # font size relative to the page's median: "biggest on the page"
    "bold",              # prices and titles are bold
    "line_through",      # the old price is struck out
    "underline",         # links
    "opacity",           # disabled or decorative
    "pointer",           # clickable things: buttons, add-to-cart
    "interactive",       # the browser says it takes input or clicks
    "visible",
    "in_first_viewport", # the main product sits above the fold
    "x0", "x1",          # horizontal position, fraction of page width: gallery left, buy box right
    "y_fold",            # log1p(top / viewport height): folds from the top
    "y_page",            # top as a fraction of the page height
    "log_w", "log_h",    # size in CSS px (log): main image is large
    "aspect",            # log(w / h)
    "text_lum",          # text colour luminance 0-1
    "text_red",          # red text: sale prices
    "bg_lum",            # background luminance 0-1
    "bg_alpha",          # has its own background: buttons, banners
    "log_len_own",       # own text length (log)
    "log_len_full",      # whole text length (log)
    "digit_frac",        # fraction of digits in the own text: prices, counts, codes
    "currency",          # a currency symbol or code in the text
    "amount",            # the text parses as an amount (digits with separators)
    "amount_only",       # the text is nothing but an amount and a currency: a price tag
    "percent",           # "-20%": discounts, not prices
    "log_children",      # containers vs. leaves
    "log_depth",         # depth in the DOM tree
    "is_control",        # input/select/textarea
    "required",          # required form fields
)


def tag_index(el: Element) -> int:
    return _TAG_INDEX.get(el.tag, 0)


def input_type_index(el: Element) -> int:
    if el.tag not in ("input", "button"):
        return 0
    t = el.attrs.get("type", "text" if el.tag == "input" else "submit").lower()
    return _TYPE_INDEX.get(t, 1)


@lru_cache(maxsize=4096)  # a page uses a few dozen colours for hundreds of elements
def _rgba(css: str) -> tuple[float, float, float, float]:
    m = _RGB.search(css or "")
    if not m:
        return (0.0, 0.0, 0.0, 0.0)
    parts = [p.strip() for p in m.group(1).replace("/", ",").split(",") if p.strip()]
    try:
        vals = [float(p.rstrip("%")) for p in parts]
    except ValueError:
        return (0.0, 0.0, 0.0, 0.0)
    while len(vals) < 4:
        vals.append(1.0)
    return (vals[0] / 255, vals[1] / 255, vals[2] / 255, vals[3])


def _lum(r: float, g: float, b: float) -> float:
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def style_features(capture: PageCapture, element_ids: list[int],
                   depth: dict[int, int], n_children: dict[int, int]) -> np.ndarray:
    """(N, len(STYLE_FEATURES)) float32 features for ``element_ids``; ``depth`` and ``n_children``
    map element id to its DOM depth and number of children."""
    els = capture.elements
    fonts = [els[i].style.font_size for i in element_ids if els[i].text.strip()]
    median_font = float(np.median(fonts)) if fonts else 16.0
    vw = max(capture.page_width, 1)
    vh = max(capture.viewport.height, 1)
    ph = max(capture.page_height, 1)
    out = np.zeros((len(element_ids), len(STYLE_FEATURES)), dtype=np.float32)
    for row, eid in enumerate(element_ids):
        el = els[eid]
        st, b = el.style, el.box
        own = el.text.strip()
        r, g, bl, _ = _rgba(st.color)
        br, bg, bb, ba = _rgba(st.background_color)
        digits = sum(c.isdigit() for c in own)
        cur = bool(CURRENCY_MARK.search(own or el.full_text[:40]))
        amt = _AMOUNT.search(own) if own else None
        rest = CURRENCY_MARK.sub("", _AMOUNT.sub("", own, count=1)).strip(" .,:-\u00a0") if amt else own
        out[row] = (
            math.log2(max(st.font_size, 1.0) / 16.0),
            min(st.font_size / median_font, 4.0),
            float(st.font_weight >= 600),
            float("line-through" in st.text_decoration),
            float("underline" in st.text_decoration),
            st.opacity,
            float(st.cursor == "pointer"),
            float(el.interactive),
            float(el.visible),
            float(el.in_first_viewport),
            b.x0 / vw, b.x1 / vw,
            math.log1p(max(b.y0, 0.0) / vh),
            b.y0 / ph,
            math.log1p(b.width) / 8, math.log1p(b.height) / 8,
            max(min(math.log((b.width + 1) / (b.height + 1)), 4.0), -4.0),
            _lum(r, g, bl),
            float(r > 0.55 and g < 0.35 and bl < 0.35),
            _lum(br, bg, bb),
            ba,
            math.log1p(len(own)) / 5, math.log1p(len(el.full_text)) / 7,
            digits / max(len(own), 1),
            float(cur),
            float(amt is not None),
            float(amt is not None and len(rest) <= 1),
            float("%" in own),
            math.log1p(n_children.get(eid, 0)) / 3,
            math.log1p(depth.get(eid, 0)) / 3,
            float(el.tag in ("input", "select", "textarea")),
            float("required" in el.attrs or el.attrs.get("aria-required") == "true"),
        )
    return out


@dataclass(frozen=True)
class RuleFeatureSource:
    """The rules baseline's named features (``pagelens.baselines.rules.rule_features``, an
    (n_elements, len(FEATURE_NAMES)) array in element-id order), when that module is importable.

    ``names``: the columns this model was trained with. :meth:`compute` returns (N, len(names))
    float32 for the kept elements, squashed with sign(x)·log1p(|x|) (the rules' scores run -10..20).
    """

    names: tuple[str, ...]

    def compute(self, capture: PageCapture, element_ids: list[int]) -> np.ndarray:
        if not self.names:
            return np.zeros((len(element_ids), 0), dtype=np.float32)
        rules = _require_rules("features")
        have = tuple(rules.FEATURE_NAMES)
        if have != self.names:
            missing = [n for n in self.names if n not in have]
            raise RuntimeError(f"the rules baseline's features changed since this model was "
                               f"trained (missing: {missing[:8]}); retrain the model")
        values = np.asarray(rules.rule_features(capture), dtype=np.float32)[element_ids]  # (N, F)
        return np.sign(values) * np.log1p(np.abs(values))


def _rules_module():
    try:
        from pagelens.baselines import rules
    except Exception as exc:  # noqa: BLE001 - optional, written independently of the model
        log.debug("rules baseline unavailable: %s", exc)
        return None
    if not hasattr(rules, "rule_features") or not hasattr(rules, "FEATURE_NAMES"):
        return None
    return rules


def _require_rules(what: str):
    """The rules baseline module, for a model trained with its ``what``; an error that says so
    when it cannot be imported."""
    rules = _rules_module()
    if rules is None:
        raise RuntimeError(f"this model was trained with the rules baseline's {what}, but "
                           "pagelens.baselines.rules cannot be imported")
    return rules


@dataclass(frozen=True)
class FieldKeywordSource:
    """The rules baseline's multilingual keyword scores of form fields (one column per keyword
    group, e.g. ``postal-code``: "zip", "PLZ", "code postal", "郵便番号"...), computed for visible form
    controls only, 0 elsewhere. Its label/name/placeholder/id matching is what a narrow text
    encoder trained on 1,000 pages does not learn: on held-out synthetic forms the model without
    them confused city with street and postal code (see docs/model.md). Cost: 1-14 ms per page
    (measured on ddg-forms and fathom-products pages), against 1.5-4 s for all rule features.

    ``tokens``: the keyword groups this model was trained with, in order."""

    tokens: tuple[str, ...]

    def compute(self, capture: PageCapture, element_ids: list[int]) -> np.ndarray:
        """(N, len(tokens)) float32, sign(x)·log1p(|x|) of the keyword scores (about 0-12)."""
        out = np.zeros((len(element_ids), len(self.tokens)), dtype=np.float32)
        if not self.tokens:
            return out
        rules = _require_rules("field keywords")
        col = {t: j for j, t in enumerate(self.tokens)}
        ctx = None
        for row, eid in enumerate(element_ids):
            el = capture.elements[eid]
            if not el.is_form_field:
                continue
            ctx = ctx or rules.PageContext(capture)
            for tok, score in rules.field_token_scores(ctx, el).items():
                j = col.get(tok)
                if j is not None:
                    out[row, j] = float(np.log1p(max(score, 0.0)))
        return out


@dataclass(frozen=True)
class RuleVoteSource:
    """What the rules baseline decides about the page, as columns the model weighs (stacking):
    per element, the rules' 0-1 score for each product role they rank it in (top 5 of each),
    their confidence in the field token they give it, and their page type (one-hot, the same on
    every element, so the attention-pooled page embedding sees it).

    Why: the rules carry hand-written multilingual logic over whole forms (expiry parts on card
    forms, sign-in identities, new vs current passwords) that a model trained on ~1,500 synthetic
    and ~400 real pages does not learn; on real pages they beat the model without this input
    (docs/model.md). Cost: one rules prediction per page, 3-13 ms on synthetic pages and
    40-130 ms on real pages of 2,400-5,200 elements (measured here on a quiet machine).

    ``names``: the columns this model was trained with (``role:price``, ``field:email``,
    ``page:login``, ...)."""

    names: tuple[str, ...]

    def compute(self, capture: PageCapture, element_ids: list[int]) -> np.ndarray:
        """(N, len(names)) float32 in 0-1."""
        out = np.zeros((len(element_ids), len(self.names)), dtype=np.float32)
        if not self.names:
            return out
        rules = _require_rules("decisions")
        pred = rules.RulesPredictor().predict_one(capture)
        col = {n: j for j, n in enumerate(self.names)}
        row = {eid: r for r, eid in enumerate(element_ids)}
        for role, ranked in pred.rankings.items():
            j = col.get(f"role:{role}")
            for eid, score in ranked if j is not None else ():
                if eid in row:
                    out[row[eid], j] = max(out[row[eid], j], score)
        for f in pred.fields:
            j = col.get(f"field:{f.label}")
            if j is not None and f.element_id in row:
                out[row[f.element_id], j] = f.score
        j = col.get(f"page:{pred.page_type}")
        if j is not None:
            out[:, j] = 1.0
        return out


def discover_rule_vote_names() -> tuple[str, ...]:
    """The columns of :class:`RuleVoteSource` the installed rules baseline can fill (empty when
    it is not importable)."""
    from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES

    rules = _rules_module()
    if rules is None or not hasattr(rules, "RulesPredictor"):
        return ()
    return (tuple(f"role:{r}" for r in rules.ROLE_WEIGHTS) + tuple(f"field:{t}" for t in FIELD_TOKENS)
            + tuple(f"page:{t}" for t in PAGE_TYPES))


def discover_keyword_tokens() -> tuple[str, ...]:
    """The rules baseline's keyword groups (empty when it is not importable)."""
    rules = _rules_module()
    if rules is None or not hasattr(rules, "field_token_scores"):
        return ()
    return tuple(rules.KEYWORD_TOKENS)


def discover_rule_feature_names() -> tuple[str, ...]:
    """The rules baseline's feature names (empty when it is not importable)."""
    rules = _rules_module()
    return tuple(rules.FEATURE_NAMES) if rules is not None else ()
