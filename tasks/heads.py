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

Rule prior (``HeadConfig.rule_prior`` > 0, for models that take the rules baseline's decisions
as input): each head also adds the rules' decision for a class, times a learned per-class weight
(starting at ``rule_prior``), straight to that class's logit. Through the encoder alone the model
learnt to follow the rules only for classes it saw often: on real forms it fell behind them on
the rare tokens (birthday and expiry parts, additional-name: a dozen synthetic examples each;
docs/model.md). The direct path makes "as the rules say" the starting point of every class, which
training then corrects where it has the examples to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn
from torch.nn import functional as F

from pagelens.fusion import PageEncoding
from pagelens.tasks.targets import PageTargets
from pagelens.vocab import (FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES, SINGLETON_ROLES,
                            canonical_field_token)

ROLE_CLASSES: tuple[str, ...] = ("none",) + PRODUCT_ROLES
FIELD_CLASSES: tuple[str, ...] = ("none",) + tuple(t for t in FIELD_TOKENS if t != "street-address")
SINGLETON_COLUMNS: tuple[int, ...] = tuple(ROLE_CLASSES.index(r) for r in SINGLETON_ROLES)


@dataclass(frozen=True)
class HeadConfig:
    none_weight: float = 0.2  # class weight of "none": most elements are none
    listwise_weight: float = 1.0  # weight of the singleton listwise loss beside the element loss
    hidden: int = 128
    rule_prior: float = 0.0  # starting weight of the rules' decisions added to the logits (0: off)

    def __post_init__(self) -> None:
        if not 0 < self.none_weight <= 1 or self.listwise_weight < 0 or self.hidden < 1 \
                or self.rule_prior < 0:
            raise ValueError("HeadConfig: 0 < none_weight <= 1, listwise_weight >= 0, hidden >= 1, "
                             "rule_prior >= 0")


def _mlp(dim: int, hidden: int, out: int) -> nn.Module:
    return nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, out))


class RulePrior(nn.Module):
    """The rules' decisions (``PageEncoding.votes``, columns named ``votes``) onto a head's
    classes: ``votes @ map * weight``, one learned weight per class starting at ``init``.

    ``prefix`` picks the columns (``field:``, ``role:``, ``page:``); ``to_class`` names the class
    a column's suffix feeds (None: that column feeds none)."""

    def __init__(self, votes: tuple[str, ...], prefix: str, classes: tuple[str, ...],
                 init: float, to_class: Callable[[str], str | None] = lambda s: s) -> None:
        super().__init__()
        vote_map = torch.zeros(len(votes), len(classes))  # (V, C)
        for j, name in enumerate(votes):
            target = to_class(name[len(prefix):]) if name.startswith(prefix) else None
            if target in classes:
                vote_map[j, classes.index(target)] = 1.0
        self.register_buffer("vote_map", vote_map, persistent=False)
        self.weight = nn.Parameter(torch.full((len(classes),), float(init)))

    def forward(self, votes: torch.Tensor | None) -> torch.Tensor | float:
        """``votes`` (N, V) -> (N, C); 0.0 when the encoding carries no votes."""
        decisions = self.decisions(votes)
        return 0.0 if decisions is None else decisions * self.weight

    def decisions(self, votes: torch.Tensor | None) -> torch.Tensor | None:
        """The rules' decisions on the head's classes, unweighted: (N, V) -> (N, C); None when
        the encoding carries no votes."""
        if votes is None or votes.shape[1] != self.vote_map.shape[0]:
            return None
        return votes @ self.vote_map


def _rule_prior(votes: tuple[str, ...], cfg: HeadConfig, prefix: str, classes: tuple[str, ...],
                to_class: Callable[[str], str | None] = lambda s: s) -> RulePrior | None:
    if cfg.rule_prior <= 0 or not any(v.startswith(prefix) for v in votes):
        return None
    return RulePrior(votes, prefix, classes, cfg.rule_prior, to_class)


def _weighted_ce(logits: torch.Tensor, target: torch.Tensor, none_weight: float) -> torch.Tensor:
    """Cross-entropy averaged with class 0 ("none") weighted ``none_weight``; (N, C), (N,)."""
    w = torch.ones(logits.shape[1])
    w[0] = none_weight
    return F.cross_entropy(logits, target, weight=w)


class RoleHead(nn.Module):
    name = "element_role"

    def __init__(self, dim: int, cfg: HeadConfig, votes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.cfg = cfg
        self.element = _mlp(dim, cfg.hidden, len(ROLE_CLASSES))
        self.absent = nn.Linear(dim, len(SINGLETON_ROLES))
        self.prior = _rule_prior(votes, cfg, "role:", ROLE_CLASSES)

    def forward(self, enc: PageEncoding) -> dict[str, torch.Tensor]:
        """``logits`` (N, len(ROLE_CLASSES)); ``listwise`` (S, N + 1) singleton scores, the last
        column "not on this page"; with a rule prior also ``rules`` (N, len(ROLE_CLASSES)), the
        rules' score of each element for each role (their top-k, 0 elsewhere)."""
        logits = self.element(enc.elements)  # (N, R)
        rules = self.prior.decisions(enc.votes) if self.prior is not None else None
        if rules is not None:
            logits = logits + rules * self.prior.weight
        absent = self.absent(enc.page)  # (S,)
        listwise = torch.cat([logits[:, list(SINGLETON_COLUMNS)].T, absent.unsqueeze(1)], dim=1)
        out = {"logits": logits, "listwise": listwise}
        if rules is not None:
            out["rules"] = rules
        return out

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

    def __init__(self, dim: int, cfg: HeadConfig, votes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.cfg = cfg
        self.element = _mlp(dim, cfg.hidden, len(FIELD_CLASSES))
        self.prior = _rule_prior(votes, cfg, "field:", FIELD_CLASSES, canonical_field_token)

    def forward(self, enc: PageEncoding) -> dict[str, torch.Tensor]:
        """``logits`` (N, len(FIELD_CLASSES)); with a rule prior also ``rules`` (N,
        len(FIELD_CLASSES)), the rules' confidence in the token they give each element (decoding
        may defer to them, ``DecodeConfig.rule_fields``)."""
        logits = self.element(enc.elements)  # (N, F)
        out: dict[str, torch.Tensor] = {}
        rules = self.prior.decisions(enc.votes) if self.prior is not None else None
        if rules is not None:
            logits = logits + rules * self.prior.weight
            out["rules"] = rules
        out["logits"] = logits
        return out

    def loss(self, out: dict[str, torch.Tensor], t: PageTargets) -> torch.Tensor:
        """Cross-entropy over the field-candidate rows only (most of a page cannot be a field)."""
        rows = t.field_rows
        if not bool(rows.any()):
            return out["logits"].sum() * 0.0
        return _weighted_ce(out["logits"][rows], t.field[rows], self.cfg.none_weight)


class PageTypeHead(nn.Module):
    name = "page_type"

    def __init__(self, dim: int, cfg: HeadConfig, votes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.out = _mlp(dim, cfg.hidden, len(PAGE_TYPES))
        self.prior = _rule_prior(votes, cfg, "page:", PAGE_TYPES)

    def forward(self, enc: PageEncoding) -> dict[str, torch.Tensor]:
        """``logits`` (len(PAGE_TYPES),); with a rule prior also ``rules`` (len(PAGE_TYPES),),
        the rules' page type one-hot (decoding may weigh it again, ``DecodeConfig``)."""
        logits = self.out(enc.page)  # (P,)
        out: dict[str, torch.Tensor] = {}
        if self.prior is not None and enc.votes is not None and len(enc.votes):
            # the page columns hold the same value on every row
            rules = self.prior.decisions(enc.votes[:1])
            if rules is not None:
                logits = logits + rules[0] * self.prior.weight
                out["rules"] = rules[0]
        out["logits"] = logits
        return out

    def loss(self, out: dict[str, torch.Tensor], t: PageTargets) -> torch.Tensor:
        return F.cross_entropy(out["logits"].unsqueeze(0), t.page_type.view(1))


HEADS: dict[str, Callable[[int, HeadConfig, tuple[str, ...]], nn.Module]] = {
    RoleHead.name: RoleHead,
    FieldHead.name: FieldHead,
    PageTypeHead.name: PageTypeHead,
}


def create_head(name: str, dim: int, cfg: HeadConfig, votes: tuple[str, ...] = ()) -> nn.Module:
    """A head by registered name, over element/page embeddings of width ``dim``; ``votes``: the
    names of the rules' decision columns the encoder passes on (``FusionConfig.rule_votes``),
    for ``HeadConfig.rule_prior``."""
    if name not in HEADS:
        raise KeyError(f"unknown head {name!r}; known heads: {', '.join(sorted(HEADS))}")
    return HEADS[name](dim, cfg, votes)
