"""Scoring a predictor against gold labels of real pages, with confidence intervals over websites.

What is measured (each figure comes with a bootstrap interval that resamples *websites*, never
pages: pages of one site look alike, so a page-level bootstrap would understate the spread):

- **Form fields**: per-token precision, recall and F1 over elements, and their macro-F1 over the
  tokens that occur in the gold labels. ``street-address`` and ``address-line1`` are one class
  (:func:`pagelens.vocab.canonical_field_token`); a gold element may accept several tokens (the
  DuckDuckGo corpus's ``username OR emailAddress``), and a prediction of any of them counts.
- **Singleton product roles** (price, product title, main image, add-to-cart): top-1 and top-3
  nomination accuracy per page, the metric of the Klarna product-page dataset: a page counts when
  one of the predictor's first *k* candidates for the role is a gold element of that role. Only
  pages whose gold labels have the role are counted.
- **Price value**: F1 where a page's predicted price is right when it equals one of the gold
  values as a decimal (the rule of Zyte's product-extraction benchmark; both sides parsed with
  ``price-parser``). Precision is over pages with a predicted price, recall over pages with a
  gold price.
- **Page type**: accuracy and the confusion matrix over :data:`pagelens.vocab.PAGE_TYPES`.

The gold record is :class:`GoldPage`, stored as ``labels.json`` beside a capture's ``page.json``.
Its first two keys are exactly :class:`pagelens.records.PageLabels`'s (``page_type``,
``elements``), so every reader of the synthetic pages' labels reads these too; the other keys are
optional and only scoring uses them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from pagelens.records import PageLabels, Prediction
from pagelens.vocab import FIELD_TOKENS, OTHER, PAGE_TYPES, canonical_field_token

# The singleton roles scored with nomination accuracy. old_price, rating and review_count are
# singletons too, but no real-page corpus here labels them.
SCORED_ROLES: tuple[str, ...] = ("price", "product_title", "product_image", "add_to_cart")
# Which parts of a page's labels are meaningful, per page: a corpus that labels only forms must
# not score price nominations, and a corpus that labels only page types must not score fields.
TASKS: tuple[str, ...] = ("fields", "roles", "price_value", "page_type")
# Field tokens in canonical form (the aliases folded), in vocabulary order.
CANONICAL_TOKENS: tuple[str, ...] = tuple(dict.fromkeys(canonical_field_token(t) for t in FIELD_TOKENS))


@dataclass(frozen=True)
class GoldPage:
    """The gold labels of one page, and how to score against them.

    ``elements``: element id -> product role, field token, or ``none`` (a labelled field that is
    none of the tokens). ``alternatives``: element id -> further tokens that also count as right.
    ``ignore``: element ids whose truth is unknown; predictions on them are not scored.
    ``fields_scope``: ``"page"`` when every form field of the page is labelled (a field token
    predicted on an unlabelled element is a false positive) or ``"labelled"`` when only some forms
    were labelled (only labelled elements are scored). ``price_values``: the gold price as written
    on the page (one or more spellings). ``site``: the website (domain) the page belongs to,
    the unit of the bootstrap. ``tasks``: which of :data:`TASKS` this page's labels support.
    ``open_tokens``: tokens the labels do not mark exhaustively on this page (e.g. ``submit`` on a
    page whose submit buttons were not marked): predicting one on an unlabelled element is not
    counted as a false positive.
    """

    page_type: str
    site: str
    elements: Mapping[int, str] = field(default_factory=dict)
    alternatives: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    ignore: frozenset[int] = frozenset()
    fields_scope: str = "page"
    price_values: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ("page_type",)
    open_tokens: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        PageLabels(self.page_type, dict(self.elements))  # validates the type and every label
        if self.fields_scope not in ("page", "labelled"):
            raise ValueError(f"fields_scope {self.fields_scope!r}: expected 'page' or 'labelled'")
        unknown = [t for t in self.tasks if t not in TASKS]
        if unknown:
            raise ValueError(f"unknown tasks {unknown}; known: {', '.join(TASKS)}")
        if not self.site:
            raise ValueError("a gold page needs its site (domain) for grouped scoring")

    def role_elements(self, role: str) -> set[int]:
        return {i for i, lab in self.elements.items() if lab == role}

    def field_labels(self) -> dict[int, str]:
        """Element id -> canonical field token or ``none``, for the labelled form fields."""
        return {i: canonical_field_token(lab) for i, lab in self.elements.items()
                if lab in FIELD_TOKENS or lab == OTHER}

    def to_dict(self) -> dict[str, Any]:
        d = PageLabels(self.page_type, dict(self.elements)).to_dict()
        d.update({"site": self.site, "tasks": list(self.tasks), "fields_scope": self.fields_scope,
                  "alternatives": {str(k): list(v) for k, v in sorted(self.alternatives.items())},
                  "ignore": sorted(self.ignore), "price_values": list(self.price_values),
                  "open_tokens": list(self.open_tokens)})
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], default_site: str = "") -> "GoldPage":
        base = PageLabels.from_dict(d)
        return cls(page_type=base.page_type, site=str(d.get("site") or default_site),
                   elements=dict(base.elements),
                   alternatives={int(k): tuple(v) for k, v in d.get("alternatives", {}).items()},
                   ignore=frozenset(int(i) for i in d.get("ignore", ())),
                   fields_scope=d.get("fields_scope", "page"),
                   price_values=tuple(d.get("price_values", ())),
                   tasks=tuple(d.get("tasks", _default_tasks(base))),
                   open_tokens=tuple(d.get("open_tokens", ())))

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / "labels.json"
        tmp = path.with_name(".labels.json.tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, folder: str | Path) -> "GoldPage":
        """Read ``labels.json``; a plain :class:`PageLabels` file (synthetic pages) is read too,
        with the folder's parent name as its site unless the file names one."""
        folder = Path(folder)
        path = folder / "labels.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls.from_dict(data, default_site=folder.name)
        except FileNotFoundError:
            raise FileNotFoundError(f"{folder}: no labels.json") from None
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: malformed labels ({exc})") from None


def _default_tasks(labels: PageLabels) -> tuple[str, ...]:
    """Tasks a plain labels file supports: page type always, fields and roles when present."""
    tasks = ["page_type"]
    if any(lab in FIELD_TOKENS for lab in labels.elements.values()):
        tasks.insert(0, "fields")
    if any(lab in SCORED_ROLES for lab in labels.elements.values()):
        tasks.insert(0, "roles")
    return tuple(tasks)


@dataclass(frozen=True)
class Estimate:
    """A figure with its 95 % bootstrap interval over websites; ``n`` is what it averages over
    (pages, elements or labels, see the metric's name)."""

    value: float
    lo: float
    hi: float
    n: int

    def to_dict(self) -> dict[str, float | int]:
        return {"value": self.value, "lo": self.lo, "hi": self.hi, "n": self.n}

    def __str__(self) -> str:
        if math.isnan(self.value):
            return "—"
        return f"{self.value:.3f} [{self.lo:.2f}, {self.hi:.2f}]"


# ---------------------------------------------------------------------------------------------
# Bootstrap over websites


def bootstrap(per_site: np.ndarray, statistic: Callable[[np.ndarray], np.ndarray],
              n_boot: int = 1000, seed: int = 0, alpha: float = 0.05) -> tuple[float, float, float]:
    """The statistic and its percentile interval when websites are resampled with replacement.

    ``per_site``: counts summed per website, shape (S, K). ``statistic`` maps summed counts of
    shape (..., K) to values of shape (...); it sees the total for the point estimate and
    ``n_boot`` resampled totals of shape (n_boot, K) for the interval. Returns
    ``(value, lo, hi)``; NaN where there are no sites or the statistic is undefined.
    """
    per_site = np.asarray(per_site, dtype=np.float64)
    if per_site.ndim != 2 or per_site.shape[0] == 0:
        return (math.nan, math.nan, math.nan)
    value = float(statistic(per_site.sum(axis=0)))
    rng = np.random.default_rng(seed)
    n_sites = per_site.shape[0]
    # How often each site is drawn in each resample (drawing n_sites with replacement).
    draws = rng.multinomial(n_sites, np.full(n_sites, 1.0 / n_sites), size=n_boot)  # (B, S)
    totals = draws.astype(np.float64) @ per_site  # (B, S) @ (S, K) -> (B, K)
    with np.errstate(invalid="ignore", divide="ignore"):
        samples = np.asarray(statistic(totals), dtype=np.float64)  # (B,)
    samples = samples[~np.isnan(samples)]
    if samples.size == 0:
        return (value, math.nan, math.nan)
    lo, hi = np.quantile(samples, [alpha / 2, 1 - alpha / 2])
    return (value, float(lo), float(hi))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """F1 from counts; NaN where the token never occurs on either side."""
    den = 2 * tp + fp + fn
    return _ratio(2 * tp, den)


def _group_by_site(sites: Sequence[str], rows: np.ndarray) -> np.ndarray:
    """Sum per-page count rows (P, K) into per-site rows (S, K), sites in sorted order."""
    names = sorted(set(sites))
    pos = {s: i for i, s in enumerate(names)}
    out = np.zeros((len(names), rows.shape[1]), dtype=np.float64)
    for s, r in zip(sites, rows):
        out[pos[s]] += r
    return out


# ---------------------------------------------------------------------------------------------
# Form fields


def field_counts(gold: GoldPage, pred: Prediction) -> np.ndarray:
    """True positives, false positives and false negatives per canonical token on one page,
    shape (len(CANONICAL_TOKENS), 3) with columns (tp, fp, fn)."""
    tok_index = {t: i for i, t in enumerate(CANONICAL_TOKENS)}
    counts = np.zeros((len(CANONICAL_TOKENS), 3), dtype=np.int64)
    gold_fields = gold.field_labels()
    # Elements with a product role (the add-to-cart button) are not form fields for scoring.
    role_ids = {i for i in gold.elements if i not in gold_fields}
    predicted: dict[int, str] = {}
    for f in sorted(pred.fields, key=lambda f: f.score):  # one label per element: the best wins
        tok = canonical_field_token(f.label)
        if tok in tok_index:
            predicted[f.element_id] = tok
    ids = set(gold_fields)
    if gold.fields_scope == "page":
        ids |= set(predicted)
    ids -= set(gold.ignore) | role_ids
    for eid in ids:
        g = gold_fields.get(eid, OTHER)
        accepted = {g} | {canonical_field_token(a) for a in gold.alternatives.get(eid, ())}
        accepted.discard(OTHER)
        p = predicted.get(eid, OTHER)
        if p != OTHER and p in accepted:
            counts[tok_index[p], 0] += 1
            continue
        if p != OTHER and not (eid not in gold_fields and p in gold.open_tokens):
            counts[tok_index[p], 1] += 1
        if g != OTHER:
            counts[tok_index[g], 2] += 1
    return counts


def field_metrics(golds: Sequence[GoldPage], preds: Sequence[Prediction],
                  n_boot: int = 1000) -> dict[str, Any]:
    """Per-token precision/recall/F1 and macro-F1 (over tokens present in the gold labels), each
    an :class:`Estimate` with a website-bootstrap interval. Only pages with the ``fields`` task."""
    pairs = [(g, p) for g, p in zip(golds, preds) if "fields" in g.tasks]
    if not pairs:
        return {}
    rows = np.stack([field_counts(g, p).reshape(-1) for g, p in pairs])  # (P, T*3)
    per_site = _group_by_site([g.site for g, _ in pairs], rows)  # (S, T*3)
    n_tok = len(CANONICAL_TOKENS)
    total = per_site.sum(axis=0).reshape(n_tok, 3)
    support = total[:, 0] + total[:, 2]  # gold occurrences per token

    def macro(x: np.ndarray) -> np.ndarray:
        # Mean F1 over the tokens that occur in the gold labels of this (re)sample; a gold token
        # never predicted right scores 0; tokens only ever predicted (no gold) are left out.
        c = x.reshape(x.shape[:-1] + (n_tok, 3))  # (..., T, 3)
        sup = (c[..., 0] + c[..., 2]) > 0  # (..., T)
        f1 = np.nan_to_num(_f1(c[..., 0], c[..., 1], c[..., 2]), nan=0.0)
        return _ratio((f1 * sup).sum(axis=-1), sup.sum(axis=-1).astype(np.float64))

    def micro(x: np.ndarray) -> np.ndarray:
        c = x.reshape(x.shape[:-1] + (n_tok, 3)).sum(axis=-2)  # (..., 3)
        return _f1(c[..., 0], c[..., 1], c[..., 2])

    out: dict[str, Any] = {
        "macro_f1": Estimate(*bootstrap(per_site, macro, n_boot), n=int(support.sum())),
        "micro_f1": Estimate(*bootstrap(per_site, micro, n_boot), n=int(support.sum())),
        "per_token": {},
    }
    for i, tok in enumerate(CANONICAL_TOKENS):
        tp, fp, fn = total[i]
        if tp + fp + fn == 0:
            continue
        cols = per_site[:, 3 * i:3 * i + 3]
        out["per_token"][tok] = {
            "precision": Estimate(*bootstrap(cols, lambda c: _ratio(c[..., 0], c[..., 0] + c[..., 1]),
                                             n_boot), n=int(tp + fp)),
            "recall": Estimate(*bootstrap(cols, lambda c: _ratio(c[..., 0], c[..., 0] + c[..., 2]),
                                          n_boot), n=int(tp + fn)),
            "f1": Estimate(*bootstrap(cols, lambda c: _f1(c[..., 0], c[..., 1], c[..., 2]), n_boot),
                           n=int(tp + fn)),
            "tp": int(tp), "fp": int(fp), "fn": int(fn),
        }
    return out


def macro_f1_of_counts(counts: Mapping[str, Sequence[int]]) -> float:
    """Macro-F1 from summed counts, token -> (tp, fp, fn), as :func:`field_metrics` defines it:
    the mean F1 over the tokens with gold occurrences (tp + fn > 0). For pooling the per-token
    counts of several evaluations (two halves of a cross-fit). NaN when no token has gold."""
    f1s = [2 * tp / (2 * tp + fp + fn) for tp, fp, fn in counts.values() if tp + fn > 0]
    return float(np.mean(f1s)) if f1s else float("nan")


# ---------------------------------------------------------------------------------------------
# Singleton roles: nomination accuracy


def role_ranking(pred: Prediction, role: str) -> list[int]:
    """The predictor's candidates for ``role``, best first: its ranking if it gave one, else its
    chosen elements with that role by score."""
    ranked = [eid for eid, _ in pred.rankings.get(role, ())]
    if not ranked:
        ranked = [r.element_id for r in sorted(pred.roles, key=lambda r: -r.score) if r.label == role]
    return ranked


def nomination_hits(gold: GoldPage, pred: Prediction, role: str, k: int) -> int | None:
    """1 if one of the first ``k`` candidates is a gold element of ``role``, 0 if not, None when
    the page has no gold element of that role."""
    want = gold.role_elements(role)
    if not want:
        return None
    return int(any(eid in want for eid in role_ranking(pred, role)[:k]))


def role_metrics(golds: Sequence[GoldPage], preds: Sequence[Prediction],
                 roles: Sequence[str] = SCORED_ROLES, n_boot: int = 1000) -> dict[str, Any]:
    """``{role: {"top1": Estimate, "top3": Estimate}}`` over pages that have the role's gold."""
    out: dict[str, Any] = {}
    for role in roles:
        entry = {}
        for k in (1, 3):
            sites, rows = [], []
            for g, p in zip(golds, preds):
                if "roles" not in g.tasks:
                    continue
                hit = nomination_hits(g, p, role, k)
                if hit is not None:
                    sites.append(g.site)
                    rows.append([hit, 1])
            if not rows:
                break
            per_site = _group_by_site(sites, np.asarray(rows, dtype=np.float64))
            entry[f"top{k}"] = Estimate(*bootstrap(per_site, lambda c: _ratio(c[..., 0], c[..., 1]),
                                                   n_boot), n=len(rows))
        if entry:
            out[role] = entry
    return out


# ---------------------------------------------------------------------------------------------
# Price value


def parse_price(text: str | None) -> Decimal | None:
    """The amount in a price text (``"1.299,00 €"`` -> ``Decimal("1299.00")``), or None."""
    if not text:
        return None
    from price_parser import Price

    return Price.fromstring(text).amount


def price_value_match(gold_values: Iterable[str], predicted: str | None) -> bool:
    """The Zyte rule: the predicted price equals a gold value as a decimal."""
    p = parse_price(predicted)
    if p is None:
        return False
    return any(p == g for g in (parse_price(v) for v in gold_values) if g is not None)


def price_value_metrics(golds: Sequence[GoldPage], predicted_texts: Sequence[str | None],
                        n_boot: int = 1000) -> dict[str, Estimate]:
    """Precision, recall and F1 of the predicted price value. ``predicted_texts``: per page the
    text of the element the predictor chose as price (None when it chose none)."""
    sites, rows = [], []
    for g, text in zip(golds, predicted_texts):
        if "price_value" not in g.tasks:
            continue
        has_gold = any(parse_price(v) is not None for v in g.price_values)
        has_pred = parse_price(text) is not None
        right = has_gold and price_value_match(g.price_values, text)
        sites.append(g.site)
        rows.append([float(right), float(has_pred), float(has_gold)])
    if not rows:
        return {}
    per_site = _group_by_site(sites, np.asarray(rows))

    def prec(c: np.ndarray) -> np.ndarray:
        return _ratio(c[..., 0], c[..., 1])

    def rec(c: np.ndarray) -> np.ndarray:
        return _ratio(c[..., 0], c[..., 2])

    def f1(c: np.ndarray) -> np.ndarray:
        return _ratio(2 * c[..., 0], c[..., 1] + c[..., 2])

    total = per_site.sum(axis=0)
    return {"precision": Estimate(*bootstrap(per_site, prec, n_boot), n=int(total[1])),
            "recall": Estimate(*bootstrap(per_site, rec, n_boot), n=int(total[2])),
            "f1": Estimate(*bootstrap(per_site, f1, n_boot), n=len(rows))}


# ---------------------------------------------------------------------------------------------
# Page type


def page_type_metrics(golds: Sequence[GoldPage], preds: Sequence[Prediction],
                      n_boot: int = 1000) -> dict[str, Any]:
    """Accuracy (an :class:`Estimate`) and the confusion matrix as
    ``{gold type: {predicted type: pages}}`` over :data:`PAGE_TYPES`."""
    pairs = [(g, p) for g, p in zip(golds, preds) if "page_type" in g.tasks]
    if not pairs:
        return {}
    rows = np.asarray([[float(g.page_type == p.page_type), 1.0] for g, p in pairs])
    per_site = _group_by_site([g.site for g, _ in pairs], rows)
    confusion = {t: {u: 0 for u in PAGE_TYPES} for t in PAGE_TYPES}
    for g, p in pairs:
        confusion[g.page_type][p.page_type if p.page_type in PAGE_TYPES else "other"] += 1
    return {"accuracy": Estimate(*bootstrap(per_site, lambda c: _ratio(c[..., 0], c[..., 1]), n_boot),
                                 n=len(pairs)),
            "confusion": {t: {u: n for u, n in row.items() if n} for t, row in confusion.items()
                          if any(row.values())}}


# ---------------------------------------------------------------------------------------------
# Everything at once


def evaluate(golds: Sequence[GoldPage], preds: Sequence[Prediction],
             predicted_price_texts: Sequence[str | None] | None = None,
             n_boot: int = 1000) -> dict[str, Any]:
    """All metrics that the gold labels support: ``{"pages", "sites", "fields", "roles",
    "price_value", "page_type"}`` (empty dicts where no page supports a task)."""
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold pages but {len(preds)} predictions")
    texts = predicted_price_texts if predicted_price_texts is not None else [None] * len(golds)
    return {
        "pages": len(golds),
        "sites": len({g.site for g in golds}),
        "fields": field_metrics(golds, preds, n_boot),
        "roles": role_metrics(golds, preds, n_boot=n_boot),
        "price_value": price_value_metrics(golds, texts, n_boot),
        "page_type": page_type_metrics(golds, preds, n_boot),
    }


def to_jsonable(obj: Any) -> Any:
    """Metrics as plain JSON types (an :class:`Estimate` becomes a dict; NaN becomes None)."""
    if isinstance(obj, Estimate):
        return {k: (None if isinstance(v, float) and math.isnan(v) else v)
                for k, v in obj.to_dict().items()}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, float) and math.isnan(obj):
        return None
    return obj
