"""Text and boxes: per-element strings (own text, naming attributes, a field's label), a shallow
encoder started from all-MiniLM-L6-v2's embeddings, and LayoutLM's 2-D position embeddings.

Public API: :class:`LayoutConfig`, :class:`LayoutEncoder`, :data:`TEXT_ENCODERS`,
:func:`prepare_layout`, :class:`LayoutInputs`, :func:`element_strings`.
"""

from pagelens.layout.encoder import TEXT_ENCODERS, LayoutConfig, LayoutEncoder, minilm_dir
from pagelens.layout.inputs import LayoutInputs, prepare_layout
from pagelens.layout.text import element_string, element_strings, field_label_texts

__all__ = ["TEXT_ENCODERS", "LayoutConfig", "LayoutEncoder", "minilm_dir", "LayoutInputs",
           "prepare_layout", "element_string", "element_strings", "field_label_texts"]
