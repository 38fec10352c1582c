"""Synthetic shops: seeded pages of every page type in many designs, with exact labels.

``generate_page(seed, i)`` writes page ``i`` as HTML whose labelled elements carry
``data-pl-label``; ``pagelens synth`` captures pages in Chromium (which strips the attribute)
and writes a capture folder with ``labels.json`` per page. See ``docs/synth.md``.
"""

from pagelens.synth.generator import SynthPage, generate_page, page_rng
from pagelens.synth.layouts import FAMILIES
from pagelens.synth.split import DEFAULT_SPLIT, SPLITS, SplitSpec

__all__ = ["DEFAULT_SPLIT", "FAMILIES", "SPLITS", "SplitSpec", "SynthPage", "generate_page", "page_rng"]
