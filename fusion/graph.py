"""Which elements each element sees: a fixed-size neighbourhood, so page context costs O(N·K).

For element i the neighbourhood holds, in this order (:data:`RELATIONS`): itself; its parent and
grandparent; up to two previous and two next siblings; its first three children; the two elements
before and after it in document order; and its ``k_spatial`` nearest elements by box centre (a
KD-tree, O(N log N)). The DOM is a tree, so parent, siblings and tree distance carry meaning that
the screen does not show (a field's label is often its previous sibling; a price's currency sign
its child). Parents and children are taken among the elements the model keeps (invisible
wrappers are skipped over to the nearest kept ancestor).

Each (i, j) pair also carries geometry in CSS px (:data:`GEOMETRY`) from which the attention layers
learn a bias.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from scipy.spatial import cKDTree

from pagelens.records import PageCapture

RELATIONS: tuple[str, ...] = ("self", "parent", "grandparent", "prev_sibling", "next_sibling",
                              "child", "prev_doc", "next_doc", "spatial", "pad")
GEOMETRY: tuple[str, ...] = ("dx", "dy", "gap_x", "gap_y", "log_w_ratio", "log_h_ratio",
                             "j_contains_i", "i_contains_j")
_REL = {r: i for i, r in enumerate(RELATIONS)}


@dataclass(frozen=True)
class Neighbourhood:
    """``index`` (N, K) int64 neighbour rows (into the kept elements); ``relation`` (N, K) int64
    into :data:`RELATIONS`; ``geometry`` (N, K, len(GEOMETRY)) float32; ``valid`` (N, K) bool.
    Padding slots point at the element itself with relation ``pad`` and ``valid`` False."""

    index: torch.Tensor
    relation: torch.Tensor
    geometry: torch.Tensor
    valid: torch.Tensor


def tree_facts(capture: PageCapture, element_ids: list[int]) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """For kept ``element_ids``: each one's kept parent as a row (-1 none), and for every element id
    its DOM depth and number of children (all elements)."""
    els = capture.elements
    row_of = {eid: r for r, eid in enumerate(element_ids)}
    depth: dict[int, int] = {}
    n_children: dict[int, int] = {}
    for el in els:  # document order: a parent comes before its children
        depth[el.id] = depth.get(el.parent, -1) + 1 if el.parent >= 0 else 0
        if el.parent >= 0:
            n_children[el.parent] = n_children.get(el.parent, 0) + 1
    parent_rows = []
    for eid in element_ids:
        p = els[eid].parent
        while p >= 0 and p not in row_of:
            p = els[p].parent
        parent_rows.append(row_of.get(p, -1))
    return parent_rows, depth, n_children


def build_neighbourhood(boxes: np.ndarray, parent_rows: list[int], k_spatial: int) -> Neighbourhood:
    """boxes (N, 4) CSS px of the kept elements in document order; parent_rows (N,) kept-parent
    row or -1. K = 14 + k_spatial slots per element."""
    n = len(boxes)
    k_total = 14 + k_spatial
    children: list[list[int]] = [[] for _ in range(n)]
    for r, p in enumerate(parent_rows):
        if p >= 0:
            children[p].append(r)
    sib_pos = {}
    for p_children in children:
        for k, c in enumerate(p_children):
            sib_pos[c] = k
    roots = [r for r, p in enumerate(parent_rows) if p < 0]
    for k, c in enumerate(roots):
        sib_pos[c] = k

    # Rows are built as Python lists and turned into arrays once (setting numpy items one by
    # one was most of this function's time).
    pad = _REL["pad"]
    rel_self, rel_parent, rel_grand = _REL["self"], _REL["parent"], _REL["grandparent"]
    rel_prev_sib, rel_next_sib, rel_child = _REL["prev_sibling"], _REL["next_sibling"], _REL["child"]
    rel_prev_doc, rel_next_doc = _REL["prev_doc"], _REL["next_doc"]
    index_rows: list[list[int]] = []
    relation_rows: list[list[int]] = []
    for r in range(n):
        ids, rels = [r], [rel_self]
        p = parent_rows[r]
        if p >= 0:
            ids.append(p)
            rels.append(rel_parent)
            if parent_rows[p] >= 0:
                ids.append(parent_rows[p])
                rels.append(rel_grand)
        sib, pos = (children[p] if p >= 0 else roots), sib_pos[r]
        before = sib[max(pos - 2, 0):pos]
        after = sib[pos + 1:pos + 3]
        kids = children[r][:3]
        prev_doc = list(range(max(r - 2, 0), r))
        next_doc = list(range(r + 1, min(r + 3, n)))
        ids += before + after + kids + prev_doc + next_doc
        rels += ([rel_prev_sib] * len(before) + [rel_next_sib] * len(after)
                 + [rel_child] * len(kids) + [rel_prev_doc] * len(prev_doc)
                 + [rel_next_doc] * len(next_doc))
        ids, rels = ids[:14], rels[:14]
        index_rows.append(ids + [r] * (k_total - len(ids)))
        relation_rows.append(rels + [pad] * (k_total - len(rels)))
    index = np.array(index_rows, dtype=np.int64).reshape(n, k_total)
    relation = np.array(relation_rows, dtype=np.int64).reshape(n, k_total)
    if n > 1 and k_spatial > 0:
        centres = np.stack([(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2], 1)
        k = min(k_spatial + 1, n)
        _, nn_idx = cKDTree(centres).query(centres, k=k)  # (N, k), self first unless tied
        nn_idx = np.asarray(nn_idx).reshape(n, k)
        # Each row's nearest k - 1 others, in the tree's order: a stable sort moves the element
        # itself (wherever a tie put it) to the end; a row without itself drops its last.
        order = np.argsort(nn_idx == np.arange(n)[:, None], axis=1, kind="stable")
        others = np.take_along_axis(nn_idx, order, axis=1)[:, :k - 1]
        index[:, 14:14 + k - 1] = others
        relation[:, 14:14 + k - 1] = _REL["spatial"]
    geometry = pair_geometry(boxes, index)
    valid = relation != _REL["pad"]
    return Neighbourhood(torch.from_numpy(index), torch.from_numpy(relation),
                         torch.from_numpy(geometry), torch.from_numpy(valid))


def pair_geometry(boxes: np.ndarray, index: np.ndarray) -> np.ndarray:
    """(N, K, len(GEOMETRY)) float32: for element i and neighbour j, in CSS px turned into
    signed-log scale: centre offsets dx, dy; gaps between the boxes on each axis (0 if they
    overlap); size ratios; containment flags."""
    b = boxes.astype(np.float32)  # (N, 4)
    bj = b[index]  # (N, K, 4)
    bi = b[:, None, :]  # (N, 1, 4)
    ci = np.stack([(bi[..., 0] + bi[..., 2]) / 2, (bi[..., 1] + bi[..., 3]) / 2], -1)
    cj = np.stack([(bj[..., 0] + bj[..., 2]) / 2, (bj[..., 1] + bj[..., 3]) / 2], -1)
    d = cj - ci  # (N, K, 2)
    gap_x = np.maximum(np.maximum(bj[..., 0] - bi[..., 2], bi[..., 0] - bj[..., 2]), 0)
    gap_y = np.maximum(np.maximum(bj[..., 1] - bi[..., 3], bi[..., 1] - bj[..., 3]), 0)
    wi, hi = bi[..., 2] - bi[..., 0] + 1, bi[..., 3] - bi[..., 1] + 1
    wj, hj = bj[..., 2] - bj[..., 0] + 1, bj[..., 3] - bj[..., 1] + 1
    contains_i = ((bj[..., 0] <= bi[..., 0]) & (bj[..., 1] <= bi[..., 1])
                  & (bj[..., 2] >= bi[..., 2]) & (bj[..., 3] >= bi[..., 3]))
    contains_j = ((bi[..., 0] <= bj[..., 0]) & (bi[..., 1] <= bj[..., 1])
                  & (bi[..., 2] >= bj[..., 2]) & (bi[..., 3] >= bj[..., 3]))

    def slog(x: np.ndarray) -> np.ndarray:
        return np.sign(x) * np.log1p(np.abs(x) / 16.0) / 4

    geo = np.stack([slog(d[..., 0]), slog(d[..., 1]), slog(gap_x), slog(gap_y),
                    np.log(wj / wi) / 4, np.log(hj / hi) / 4,
                    contains_i.astype(np.float32), contains_j.astype(np.float32)], -1)
    return geo.astype(np.float32)

