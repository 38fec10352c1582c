"""Backbones for the screenshot, created by name through one registry.

Every backbone is a timm model built with ``features_only=True``; its channels and strides come
from timm's ``feature_info``, never from constants here. No pretrained vision weights exist
offline, so every backbone starts from random initialisation and is trained by ``pagelens train``.

Measured on the 2-core development machine (``torch.set_num_threads(2)``, one 640x320 image,
forward / forward+backward): mobilenetv3_small_050 6 / 66 ms, mobilenetv3_small_100 8 / 77 ms,
mobilenetv3_large_075 31 / 210 ms, efficientnet_lite0 33 / 376 ms, resnet10t 37 / 162 ms. The
MobileNetV3-small family is the default: the whole training run has to fit in 90 minutes on two
shared cores.
"""

from __future__ import annotations

from dataclasses import dataclass

import timm
from torch import nn


@dataclass(frozen=True)
class BackboneSpec:
    """How to build one registered backbone.

    ``timm_name``: the timm architecture; ``out_indices``: which of timm's feature levels to return
    (indices into ``feature_info``), finest first.
    """

    timm_name: str
    out_indices: tuple[int, ...]


BACKBONES: dict[str, BackboneSpec] = {}


def register_backbone(name: str, timm_name: str, out_indices: tuple[int, ...]) -> None:
    if name in BACKBONES:
        raise ValueError(f"backbone {name!r} is already registered")
    BACKBONES[name] = BackboneSpec(timm_name=timm_name, out_indices=tuple(out_indices))


# Levels 1 and 2 of these models have strides 8 and 16: fine enough to see a price line at a
# quarter of CSS scale, coarse enough to see the block around it.
register_backbone("mobilenetv3_small_050", "mobilenetv3_small_050", (1, 2))
register_backbone("mobilenetv3_small_100", "mobilenetv3_small_100", (1, 2))
register_backbone("efficientnet_lite0", "efficientnet_lite0", (1, 2))
register_backbone("resnet10t", "resnet10t", (1, 2))


def create_backbone(name: str) -> nn.Module:
    """A randomly initialised timm ``features_only`` model for a registered backbone name.

    The returned module maps images (B, 3, H, W) to a list of feature maps (B, C_l, H/s_l, W/s_l);
    ``module.feature_info.channels()`` and ``.reduction()`` give C_l and s_l.
    """
    spec = BACKBONES.get(name)
    if spec is None:
        raise KeyError(f"unknown backbone {name!r}; known backbones: {', '.join(sorted(BACKBONES))}")
    return timm.create_model(spec.timm_name, pretrained=False, features_only=True,
                             out_indices=spec.out_indices)


def backbone_channels(module: nn.Module) -> list[int]:
    """Channels of each returned feature level, finest first (from timm's ``feature_info``)."""
    return list(module.feature_info.channels())


def backbone_strides(module: nn.Module) -> list[int]:
    """Stride in input pixels of each returned feature level, finest first."""
    return list(module.feature_info.reduction())

