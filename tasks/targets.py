"""Gold labels of one page as the heads' training targets (rows follow the kept elements)."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from pagelens.records import PageCapture, PageLabels
from pagelens.tasks.candidates import CONTROL_TAGS, is_field_candidate
from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES, SINGLETON_ROLES, canonical_field_token

_ROLE_INDEX = {r: i + 1 for i, r in enumerate(PRODUCT_ROLES)}  # 0 is "none"
_FIELD_INDEX = {t: i + 1 for i, t in enumerate(t for t in FIELD_TOKENS if t != "street-address")}


@dataclass(frozen=True)
class PageTargets:
    """``role`` (N,) int64 index into ROLE_CLASSES; ``field`` (N,) int64 into FIELD_CLASSES;
    ``singleton`` (S, N + 1) bool, the gold elements of each singleton role, or the last column
    when the role is not on the page; ``page_type`` () int64 into PAGE_TYPES; ``field_rows`` (N,)
    bool, the rows the field loss is computed on: field candidates (see
    :func:`pagelens.tasks.decode.is_field_candidate`) and labelled fields."""

    role: torch.Tensor
    field: torch.Tensor
    singleton: torch.Tensor
    page_type: torch.Tensor
    field_rows: torch.Tensor
    # Partially labelled (real) pages: whether every element's role is known (else the element
    # role loss is skipped) and which singleton roles' answers are known (S,) bool.
    roles_complete: bool = True
    singleton_known: torch.Tensor | None = None


def page_targets(labels: PageLabels, element_ids: tuple[int, ...] | list[int],
                 capture: PageCapture | None = None) -> PageTargets:
    """Targets for the kept ``element_ids``; labels on elements the model does not keep are
    dropped (they count as misses at evaluation). With ``capture``, the field loss is limited to
    field candidates (the only elements decoding can name a field); without, it covers all rows."""
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
    if capture is None:
        field_rows = torch.ones(n, dtype=torch.bool)
    else:
        field_rows = torch.tensor([is_field_candidate(capture, eid) for eid in element_ids],
                                  dtype=torch.bool).reshape(n) | (field > 0)
    return PageTargets(role=role, field=field, singleton=singleton,
                       page_type=torch.tensor(PAGE_TYPES.index(labels.page_type)),
                       field_rows=field_rows)


def partial_targets(gold, element_ids: tuple[int, ...] | list[int],
                    capture: PageCapture, unlabelled_none: bool = False) -> PageTargets:
    """Targets for a partially labelled real page (a :class:`pagelens.metrics.GoldPage`): only
    what its labels say is trained.

    - Fields: only the labelled fields (``none`` included), never ``gold.ignore``; pages without
      the ``fields`` task train no field. ``unlabelled_none``: on pages whose every field is
      labelled (``gold.fields_scope == "page"``), also every other field candidate outside
      ``gold.ignore`` as ``none``, which is how scoring counts a token predicted there (a false
      positive); a token in ``gold.open_tokens`` (``submit`` where no submit button was marked)
      leaves the unlabelled buttons untrained.
    - Roles: no element-level role loss (other elements' roles are unknown). Singleton roles are
      trained listwise where the page has a gold element for them; on pages that are neither
      product nor listing pages every singleton role is known to be absent.
    - Page type: always.
    """
    labels = PageLabels(gold.page_type, {e: l for e, l in gold.elements.items() if l != "none"})
    base = page_targets(labels, element_ids, None)
    n = len(element_ids)
    row = {eid: r for r, eid in enumerate(element_ids)}
    field_rows = torch.zeros(n, dtype=torch.bool)
    if "fields" in gold.tasks:
        for eid in gold.field_labels():
            r = row.get(eid)
            if r is not None and eid not in gold.ignore:
                field_rows[r] = True
        if unlabelled_none and gold.fields_scope == "page":
            labelled = set(gold.elements)
            for r, eid in enumerate(element_ids):
                if eid in labelled or eid in gold.ignore or not is_field_candidate(capture, eid):
                    continue
                if "submit" in gold.open_tokens and capture.elements[eid].tag not in CONTROL_TAGS:
                    continue  # a button: its submit label is unknown here
                field_rows[r] = True
    known = base.singleton[:, :n].any(dim=1)  # roles with a gold element here
    if gold.page_type not in ("product", "listing"):
        known = torch.ones(len(SINGLETON_ROLES), dtype=torch.bool)
    return PageTargets(role=base.role, field=base.field, singleton=base.singleton,
                       page_type=base.page_type, field_rows=field_rows, roles_complete=False,
                       singleton_known=known)
