"""Page type from what the network and the rules already say, weighed by real pages.

The page-type head learned its weights mostly from synthetic pages; on real pages its logits, the
rules' page type and the network's own finding of a price, a product title and an add-to-cart
button (the presence of the product roles) disagree in ways one linear layer can sort out. A
multinomial logistic regression over those (:func:`page_features`) and the hashed character 3-
and 4-grams of the page's ``<title>`` is fitted on real pages of websites the network never trained
on (``pagelens stack``, from the out-of-fold outputs of the sibling model fine-tuned on the other
fold) and replaces the argmax of ``logits + rule_page_boost * rules`` when a model's
``DecodeConfig.page_type_stack`` holds one.

Measured (docs/model.md, Decisions; ``bench/page_type_ceiling.py``), over 869 real pages each
scored by a model that never saw its website, with the L2 weight chosen inside the fitting fold:
page type 0.806 -> 0.826 (seed 0) and 0.785 -> 0.835 (seed 1); the shipped model with a stack
0.816 -> 0.835 on its held-out websites. Not shipped: the shared real corpora hold no cart page
and 2 listing pages, so a stack fitted on them never names cart, and held-out synthetic page type
fell 0.87 -> 0.74 (0.81 with 300 synthetic pages in the fit; 0.85 -> 0.80 on a fresh held-out
set when guarded to product, login, signup and other, ``min_pages`` 30). Fit it only on real pages
of every page type its users will meet.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Sequence

import torch

from pagelens.vocab import PAGE_TYPES, SINGLETON_ROLES

PRESENCE_ROLES = ("price", "product_title", "add_to_cart")  # their best element's listwise probability
TITLE_DIM = 512  # hashed character n-gram buckets of the page title
L2_GRID = (1e-1, 1e-2, 1e-3, 1e-4)  # weight decay tried when fitting (fit_page_stack)
N_NUMERIC = 2 * len(PAGE_TYPES) + len(PRESENCE_ROLES)


def title_grams(title: str, dim: int = TITLE_DIM) -> torch.Tensor:
    """(dim,) float32: counts of the lower-cased, space-padded title's character 3- and 4-grams,
    hashed with CRC-32 into ``dim`` buckets and L2-normalised (zeros for an empty title)."""
    out = torch.zeros(dim)
    text = f" {' '.join(title.lower().split())} "
    for n in (3, 4):
        for j in range(len(text) - n + 1):
            out[zlib.crc32(text[j:j + n].encode("utf-8")) % dim] += 1
    norm = out.norm()
    return out / norm if norm > 0 else out


def page_features(logits: Sequence[float], rules: Sequence[float] | None, presence: Sequence[float],
                  title: str, dim: int = TITLE_DIM) -> torch.Tensor:
    """(N_NUMERIC + dim,) float32: the page-type logits / 10, the rules' page type (one-hot, zeros
    without a rule prior), log(presence + 1e-6) / 10 of PRESENCE_ROLES (probabilities in [0, 1]),
    then :func:`title_grams` (none when ``dim`` is 0)."""
    if len(logits) != len(PAGE_TYPES) or len(presence) != len(PRESENCE_ROLES):
        raise ValueError(f"page_features: expected {len(PAGE_TYPES)} logits and {len(PRESENCE_ROLES)} "
                         f"presences, got {len(logits)} and {len(presence)}")
    rules = list(rules) if rules is not None else [0.0] * len(PAGE_TYPES)
    numeric = torch.tensor([x / 10 for x in logits] + rules
                           + [math.log(p + 1e-6) / 10 for p in presence], dtype=torch.float32)
    return torch.cat([numeric, title_grams(title, dim)]) if dim else numeric


def output_features(title: str, outputs: dict[str, dict[str, torch.Tensor]], n: int,
                    dim: int = TITLE_DIM) -> torch.Tensor:
    """:func:`page_features` of one page from the heads' outputs (head name -> its forward()
    dict, ``n`` elements scored) and the page's ``<title>``."""
    pt = outputs["page_type"]
    rules = pt.get("rules")
    presence = [0.0] * len(PRESENCE_ROLES)
    if "element_role" in outputs and n:
        listwise = torch.softmax(outputs["element_role"]["listwise"].float(), dim=1)  # (S, N + 1)
        presence = [float(listwise[SINGLETON_ROLES.index(r), :n].max()) for r in PRESENCE_ROLES]
    return page_features(pt["logits"].float().tolist(), rules.tolist() if rules is not None else None,
                         presence, title, dim)


@dataclass(frozen=True)
class PageTypeStack:
    """A fitted stack: ``weight`` (len(PAGE_TYPES) rows of N_NUMERIC + title_dim), ``bias``
    (len(PAGE_TYPES)); ``l2`` the weight decay it was fitted with and ``fitted_on`` which outputs
    on which pages (provenance, free text)."""

    weight: tuple[tuple[float, ...], ...]
    bias: tuple[float, ...]
    title_dim: int = TITLE_DIM
    l2: float = 0.0
    fitted_on: str = ""
    # The page types it decides among (those with enough fitting pages, fit_page_stack's
    # min_pages); where the decoding without it names another type, that type stands.
    types: tuple[str, ...] = PAGE_TYPES

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", tuple(self.types))
        unknown = [t for t in self.types if t not in PAGE_TYPES]
        if unknown or not self.types:
            raise ValueError(f"PageTypeStack.types: expected some of {', '.join(PAGE_TYPES)}, got {list(self.types)}")
        object.__setattr__(self, "weight", tuple(tuple(float(x) for x in row) for row in self.weight))
        object.__setattr__(self, "bias", tuple(float(x) for x in self.bias))
        width = N_NUMERIC + self.title_dim
        if len(self.weight) != len(PAGE_TYPES) or any(len(row) != width for row in self.weight) \
                or len(self.bias) != len(PAGE_TYPES):
            raise ValueError(f"PageTypeStack: expected weight {len(PAGE_TYPES)} x {width} and bias "
                             f"{len(PAGE_TYPES)} (title_dim {self.title_dim}), got {len(self.weight)} x "
                             f"{len(self.weight[0]) if self.weight else 0} and {len(self.bias)}")

    def scores(self, features: torch.Tensor) -> torch.Tensor:
        """features (N_NUMERIC + title_dim,) or (B, ...) -> logits over PAGE_TYPES, -inf for the
        types outside ``types``."""
        out = features @ torch.tensor(self.weight).T + torch.tensor(self.bias)
        mask = torch.tensor([t not in self.types for t in PAGE_TYPES])
        return out.masked_fill(mask, float("-inf"))

    def decides(self, decoded_type: str) -> bool:
        """Whether the stack decides a page whose type without it is ``decoded_type``."""
        return decoded_type in self.types


def fit_logistic(x: torch.Tensor, y: torch.Tensor, l2: float) -> torch.nn.Linear:
    """Multinomial logistic regression, full batch L-BFGS from zeros (deterministic)."""
    lin = torch.nn.Linear(x.shape[1], len(PAGE_TYPES))
    torch.nn.init.zeros_(lin.weight)
    torch.nn.init.zeros_(lin.bias)
    opt = torch.optim.LBFGS(lin.parameters(), max_iter=500, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(lin(x), y) + l2 * lin.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return lin


def fit_page_stack(features: torch.Tensor, gold: Sequence[str], sites: Sequence[str],
                   title_dim: int = TITLE_DIM, fitted_on: str = "", min_pages: int = 0) -> PageTypeStack:
    """A stack fitted on ``features`` (N, N_NUMERIC + title_dim) with gold page types, its L2
    weight the one of L2_GRID that does best in a 2-fold cross-validation grouped by website
    (``sites``: each page's website; pages of one website never straddle the two halves; ties go
    to the stronger penalty). It decides among the types with at least ``min_pages`` pages here
    (0: all of PAGE_TYPES)."""
    if not len(gold) == len(sites) == features.shape[0] or not len(gold):
        raise ValueError(f"fit_page_stack: {features.shape[0]} feature rows, {len(gold)} gold types, "
                         f"{len(sites)} sites; expected the same number, at least one")
    unknown = sorted(set(gold) - set(PAGE_TYPES))
    if unknown:
        raise ValueError(f"fit_page_stack: unknown page types {unknown}; known: {', '.join(PAGE_TYPES)}")
    y = torch.tensor([PAGE_TYPES.index(g) for g in gold])
    half = torch.tensor([zlib.crc32(s.encode("utf-8")) % 2 for s in sites])
    score = {}
    for l2 in L2_GRID:
        hits = 0
        for k in (0, 1):
            train, test = half != k, half == k
            if not bool(train.any()) or not bool(test.any()):
                continue
            lin = fit_logistic(features[train], y[train], l2)
            with torch.no_grad():
                hits += int((lin(features[test]).argmax(dim=1) == y[test]).sum())
        score[l2] = hits
    best = max(L2_GRID, key=lambda l2: (score[l2], l2))
    lin = fit_logistic(features, y, best)
    types = tuple(t for t in PAGE_TYPES if list(gold).count(t) >= min_pages) or PAGE_TYPES
    return PageTypeStack(weight=tuple(map(tuple, lin.weight.detach().tolist())),
                         bias=tuple(lin.bias.detach().tolist()), title_dim=title_dim, l2=best,
                         fitted_on=fitted_on, types=types)
