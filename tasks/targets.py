"""Gold labels of one page as the heads' training targets (rows follow the kept elements)."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from pagelens.records import PageLabels
from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES, SINGLETON_ROLES, canonical_field_token

_ROLE_INDEX = {r: i + 1 for i, r in enumerate(PRODUCT_ROLES)}  # 0 is "none"
_FIELD_INDEX = {t: i + 1 for i, t in enumerate(t for t in FIELD_TOKENS if t != "street-address")}


@dataclass(frozen=True)
class PageTargets:
    """``role`` (N,) int64 index into ROLE_CLASSES; ``field`` (N,) int64 into FIELD_CLASSES;
    ``singleton`` (S, N + 1) bool, the gold elements of each singleton role, or the last column
    when the role is not on the page; ``page_type`` () int64 into PAGE_TYPES."""

    role: torch.Tensor
    field: torch.Tensor
    singleton: torch.Tensor
    page_type: torch.Tensor


def page_targets(labels: PageLabels, element_ids: tuple[int, ...] | list[int]) -> PageTargets:
    """Targets for the kept ``element_ids``; labels on elements the model does not keep are
    dropped (they count as misses at evaluation)."""
    n = len(element_ids)
    row = {eid: r for r, eid in enumerate(element_ids)}
    role = torch.zeros(n, dtype=torch.long)
    field = torch.zeros(n, dtype=torch.long)
    singleton = torch.zeros(len(SINGLETON_ROLES), n + 1, dtype=torch.bool)
    for eid, label in labels.elements.items():
        r = row.get(eid)
        if r is None:
            continue
        if label in _ROLE_INDEX:
            role[r] = _ROLE_INDEX[label]
            if label in SINGLETON_ROLES:
                singleton[SINGLETON_ROLES.index(label), r] = True
        else:
            tok = canonical_field_token(label)
            if tok in _FIELD_INDEX:
                field[r] = _FIELD_INDEX[tok]
    empty = ~singleton[:, :n].any(dim=1)
    singleton[empty, n] = True
    return PageTargets(role=role, field=field, singleton=singleton,
                       page_type=torch.tensor(PAGE_TYPES.index(labels.page_type)))
