"""The heads: element role, form-field token and page type, created by name through one registry.

Every head maps a :class:`pagelens.fusion.PageEncoding` to logits and knows its own loss against
:class:`pagelens.tasks.targets.PageTargets`:

- ``element_role``: per-element logits over ``none`` + :data:`PRODUCT_ROLES` (cross-entropy with
  ``none`` down-weighted), and, for each singleton role, a **listwise** choice among the page's
  elements plus a "not on this page" option scored from the page embedding (softmax over N + 1;
  the Klarna nomination task with abstention). The listwise scores are the role's column of the
  element logits, so both losses train one scorer.
- ``field_token``: per-element logits over ``none`` + :data:`FIELD_TOKENS` (canonical tokens:
  ``street-address`` is trained as ``address-line1``, the class scoring treats them as).
- ``page_type``: logits over :data:`PAGE_TYPES` from the page embedding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn
from torch.nn import functional as F

from pagelens.fusion import PageEncoding
from pagelens.tasks.targets import PageTargets
from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES, SINGLETON_ROLES

ROLE_CLASSES: tuple[str, ...] = ("none",) + PRODUCT_ROLES
FIELD_CLASSES: tuple[str, ...] = ("none",) + tuple(t for t in FIELD_TOKENS if t != "street-address")
SINGLETON_COLUMNS: tuple[int, ...] = tuple(ROLE_CLASSES.index(r) for r in SINGLETON_ROLES)


@dataclass(frozen=True)
class HeadConfig:
    none_weight: float = 0.2  # class weight of "none": most elements are none
    listwise_weight: float = 1.0  # weight of the singleton listwise loss beside the element loss
    hidden: int = 128

    def __post_init__(self) -> None:
        if not 0 < self.none_weight <= 1 or self.listwise_weight < 0 or self.hidden < 1:
            raise ValueError("HeadConfig: 0 < none_weight <= 1, listwise_weight >= 0, hidden >= 1")


def _mlp(dim: int, hidden: int, out: int) -> nn.Module:
    return nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, out))


def _weighted_ce(logits: torch.Tensor, target: torch.Tensor, none_weight: float) -> torch.Tensor:
    """Cross-entropy averaged with class 0 ("none") weighted ``none_weight``; (N, C), (N,)."""
    w = torch.ones(logits.shape[1])
    w[0] = none_weight
    return F.cross_entropy(logits, target, weight=w)


class RoleHead(nn.Module):
    name = "element_role"

    def __init__(self, dim: int, cfg: HeadConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.element = _mlp(dim, cfg.hidden, len(ROLE_CLASSES))
        self.absent = nn.Linear(dim, len(SINGLETON_ROLES))

    def forward(self, enc: PageEncoding) -> dict[str, torch.Tensor]:
        """``logits`` (N, len(ROLE_CLASSES)); ``listwise`` (S, N + 1) singleton scores, the last
        column "not on this page"."""
        logits = self.element(enc.elements)  # (N, R)
        absent = self.absent(enc.page)  # (S,)
        listwise = torch.cat([logits[:, list(SINGLETON_COLUMNS)].T, absent.unsqueeze(1)], dim=1)
        return {"logits": logits, "listwise": listwise}

    def loss(self, out: dict[str, torch.Tensor], t: PageTargets) -> torch.Tensor:
        zero = out["logits"].sum() * 0.0
        element = _weighted_ce(out["logits"], t.role, self.cfg.none_weight) \
            if t.roles_complete else zero
        logp = torch.log_softmax(out["listwise"], dim=1)  # (S, N + 1)
        # several gold elements for one role (nested spans of one price): any of them is right
        per_role = -torch.logsumexp(logp.masked_fill(~t.singleton, float("-inf")), dim=1)  # (S,)
        if t.singleton_known is not None:
            per_role = per_role[t.singleton_known]
        listwise = per_role.mean() if per_role.numel() else zero
        return element + self.cfg.listwise_weight * listwise


class FieldHead(nn.Module):
    name = "field_token"

    def __init__(self, dim: int, cfg: HeadConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.element = _mlp(dim, cfg.hidden, len(FIELD_CLASSES))

    def forward(self, enc: PageEncoding) -> dict[str, torch.Tensor]:
        """``logits`` (N, len(FIELD_CLASSES))."""
        return {"logits": self.element(enc.elements)}

    def loss(self, out: dict[str, torch.Tensor], t: PageTargets) -> torch.Tensor:
        """Cross-entropy over the field-candidate rows only (most of a page cannot be a field)."""
        rows = t.field_rows
        if not bool(rows.any()):
            return out["logits"].sum() * 0.0
        return _weighted_ce(out["logits"][rows], t.field[rows], self.cfg.none_weight)


class PageTypeHead(nn.Module):
    name = "page_type"

    def __init__(self, dim: int, cfg: HeadConfig) -> None:
        super().__init__()
        self.out = _mlp(dim, cfg.hidden, len(PAGE_TYPES))

    def forward(self, enc: PageEncoding) -> dict[str, torch.Tensor]:
        """``logits`` (len(PAGE_TYPES),)."""
        return {"logits": self.out(enc.page)}

    def loss(self, out: dict[str, torch.Tensor], t: PageTargets) -> torch.Tensor:
        return F.cross_entropy(out["logits"].unsqueeze(0), t.page_type.view(1))


HEADS: dict[str, Callable[[int, HeadConfig], nn.Module]] = {
    RoleHead.name: RoleHead,
    FieldHead.name: FieldHead,
    PageTypeHead.name: PageTypeHead,
}


def create_head(name: str, dim: int, cfg: HeadConfig) -> nn.Module:
    """A head by registered name, over element/page embeddings of width ``dim``."""
    if name not in HEADS:
        raise KeyError(f"unknown head {name!r}; known heads: {', '.join(sorted(HEADS))}")
    return HEADS[name](dim, cfg)
