"""Embeddings to answers: the heads (element role, form-field token, page type), their training
targets, and the decoding into :class:`pagelens.records.Prediction` records.

Public API: :data:`HEADS`, :func:`create_head`, :class:`HeadConfig`, :class:`DecodeConfig`,
:func:`decode`, :func:`page_targets`, :class:`PageTargets`.
"""

from pagelens.tasks.decode import DecodeConfig, decode
from pagelens.tasks.heads import (FIELD_CLASSES, HEADS, ROLE_CLASSES, HeadConfig, create_head)
from pagelens.tasks.targets import PageTargets, page_targets, partial_targets

__all__ = ["DecodeConfig", "decode", "FIELD_CLASSES", "HEADS", "ROLE_CLASSES", "HeadConfig",
           "create_head", "PageTargets", "page_targets", "partial_targets"]
