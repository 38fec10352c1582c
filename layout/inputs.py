"""Records to the layout encoder's tensors (one page at a time)."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from pagelens.layout.encoder import LayoutConfig, tokenize
from pagelens.layout.text import element_strings
from pagelens.records import PageCapture


@dataclass(frozen=True)
class LayoutInputs:
    """``ids``/``mask`` (U, T): the page's distinct element strings, tokenised; ``string_index``
    (N,) int64: each element's row in them, -1 for nothing to read; ``box1000`` (N, 4) int64: boxes
    in 0-1000 of the page's width and height; ``strings``: the U distinct strings."""

    ids: torch.Tensor
    mask: torch.Tensor
    string_index: torch.Tensor
    box1000: torch.Tensor
    strings: tuple[str, ...]


def prepare_layout(capture: PageCapture, element_ids: list[int], cfg: LayoutConfig) -> LayoutInputs:
    """Tokenise the strings of ``element_ids`` (ids index ``capture.elements``), deduplicated."""
    strings = element_strings(capture, element_ids, cfg.class_words)
    unique: dict[str, int] = {}
    index = []
    for s in strings:
        if not s:
            index.append(-1)
            continue
        index.append(unique.setdefault(s, len(unique)))
    ids, mask = tokenize(list(unique), cfg.max_tokens)
    pw, ph = max(capture.page_width, 1), max(capture.page_height, 1)
    boxes = [capture.elements[i].box.to_1000(pw, ph) for i in element_ids]
    return LayoutInputs(ids=ids, mask=mask, string_index=torch.tensor(index, dtype=torch.long),
                        box1000=torch.tensor(boxes, dtype=torch.long).reshape(-1, 4),
                        strings=tuple(unique))
