"""Pixels: a timm backbone over the downscaled screenshot and one RoI-pooled embedding per element.

Public API: :class:`VisionConfig`, :class:`VisualEncoder`, :func:`prepare_image`, the backbone
registry (:data:`BACKBONES`, :func:`register_backbone`, :func:`create_backbone`) and the
renderer-derived auxiliary targets (:func:`renderer_targets`, :class:`RendererHead`).
"""

from pagelens.vision.backbones import BACKBONES, create_backbone, register_backbone
from pagelens.vision.encoder import (RENDERER_TAGS, RendererHead, RendererTargets, VisionConfig,
                                     VisualEncoder, prepare_image, renderer_targets, seen_mask)

__all__ = ["BACKBONES", "create_backbone", "register_backbone", "RENDERER_TAGS", "RendererHead",
           "RendererTargets", "VisionConfig", "VisualEncoder", "prepare_image",
           "renderer_targets", "seen_mask"]
