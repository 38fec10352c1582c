"""Colour augmentation of screenshots for training: the same page in another colour scheme.

A backbone trained from scratch on a few hundred synthetic themes can learn the themes' colours
instead of the shapes that say what an element is (a filled button, a price's emphasis, an image's
texture), and then sees little it knows on a design it never met. Each training page's screenshot
is therefore shown, with probability ``p``, in a random photometric variant: its colour channels
in another order, its brightness and contrast scaled, sometimes in grey or inverted (dark themes).
Geometry never changes, so element boxes and every label stay valid, and the renderer targets
(tag, text, image, control, clickable, font size) do not depend on colour.

Measured (docs/model.md, Ablation, 2026-12-06; `pagelens train --augment 0.8`, cross-fitted
with bench/crossfit.sh): it did not help. Held-out synthetic designs fell from 0.868 to 0.844
(mean of fields, price, image, page type) and real page type from 0.806 to 0.779, so the
shipped recipe trains without it (``TrainConfig.augment`` 0).
"""

from __future__ import annotations

import random
from itertools import permutations

import torch

_ORDERS = tuple(permutations(range(3)))
GREY_P = 0.2  # share of augmented pages shown in grey
INVERT_P = 0.15  # share of augmented pages inverted (light text on a dark page)
GAIN = (0.6, 1.4)  # contrast about the page's mean
SHIFT = (-40.0, 40.0)  # brightness, in 0-255 levels


def augment_image(image: torch.Tensor, rng: random.Random, p: float) -> torch.Tensor:
    """``image`` (3, H, W) uint8 -> a colour variant of it (a new tensor), or ``image`` itself
    with probability ``1 - p``. Deterministic given ``rng``'s state."""
    if image.ndim != 3 or image.shape[0] != 3 or image.dtype != torch.uint8:
        raise ValueError(f"augment_image: expected a (3, H, W) uint8 image, got "
                         f"{tuple(image.shape)} {image.dtype}")
    if p <= 0 or image.numel() == 0 or rng.random() >= p:
        return image
    x = image[list(rng.choice(_ORDERS))].float()
    if rng.random() < GREY_P:
        x = (0.299 * x[0] + 0.587 * x[1] + 0.114 * x[2]).expand(3, -1, -1)
    if rng.random() < INVERT_P:
        x = 255.0 - x
    mean = x.mean()
    x = (x - mean) * rng.uniform(*GAIN) + mean + rng.uniform(*SHIFT)
    return x.clamp_(0, 255).round_().to(torch.uint8)
