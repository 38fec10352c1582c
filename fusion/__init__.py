"""Joins text, layout, pixels and cheap features into element embeddings that see their DOM and
spatial neighbours (cost linear in the number of elements), and a page embedding.

Public API: :class:`FusionConfig`, :class:`FusionEncoder`, :class:`PageInputs`,
:class:`PageEncoding`, :class:`Prelude`, :func:`prepare_page`, :func:`select_elements`.
"""

from pagelens.fusion.features import (STYLE_FEATURES, discover_keyword_tokens,
                                      discover_rule_feature_names, discover_rule_vote_names)
from pagelens.fusion.graph import GEOMETRY, RELATIONS, Neighbourhood, build_neighbourhood
from pagelens.fusion.model import (FusionConfig, FusionEncoder, PageEncoding, PageInputs, Prelude,
                                   prepare_page, select_elements)

__all__ = ["STYLE_FEATURES", "discover_keyword_tokens", "discover_rule_feature_names",
           "discover_rule_vote_names", "GEOMETRY", "RELATIONS",
           "Neighbourhood", "build_neighbourhood", "FusionConfig", "FusionEncoder",
           "PageEncoding", "PageInputs", "Prelude", "prepare_page", "select_elements"]
