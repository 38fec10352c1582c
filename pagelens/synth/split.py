"""The train / held-out split of synthetic designs.

To measure how a model does on designs it has never seen, some layout families, theme
archetypes and languages never occur in training pages:

- ``train`` pages use none of the held-out families, archetypes or languages;
- ``heldout`` pages always use a held-out layout family **and** a held-out archetype; half of
  them are also in a held-out language (the other half in a training language, so a language
  effect can be told apart from a design effect);
- ``all`` draws from everything (for demos and contact sheets).

The held-out families cover every page type but ``cart`` and ``other`` once or twice so that
every page type can be scored on unseen designs: :data:`DEFAULT_SPLIT` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pagelens.synth.layouts import FAMILIES
from pagelens.synth.locales import LANGS
from pagelens.synth.themes import ARCHETYPES

SPLITS: tuple[str, ...] = ("train", "heldout", "all")


@dataclass(frozen=True)
class SplitSpec:
    """Which layout families, theme archetypes and languages are held out of training."""

    heldout_families: tuple[str, ...] = (
        "product_split_screen", "product_marketplace", "cart_drawer", "checkout_accordion",
        "login_split", "signup_wizard", "listing_rows", "other_help")
    heldout_archetypes: tuple[str, ...] = ("brutalist", "retro")
    heldout_langs: tuple[str, ...] = ("sv", "ko")
    # share of held-out pages that are also in a held-out language
    heldout_lang_fraction: float = 0.5

    def __post_init__(self) -> None:
        for name in self.heldout_families:
            if name not in FAMILIES:
                raise ValueError(f"SplitSpec: unknown layout family {name!r}; known: {', '.join(FAMILIES)}")
        for name in self.heldout_archetypes:
            if name not in ARCHETYPES:
                raise ValueError(f"SplitSpec: unknown archetype {name!r}; known: {', '.join(ARCHETYPES)}")
        for name in self.heldout_langs:
            if name not in LANGS:
                raise ValueError(f"SplitSpec: unknown language {name!r}; known: {', '.join(LANGS)}")
        if not 0 <= self.heldout_lang_fraction <= 1:
            raise ValueError(f"SplitSpec: heldout_lang_fraction must be in 0..1, got {self.heldout_lang_fraction}")
        trained_types = {f.page_type for n, f in FAMILIES.items() if n not in self.heldout_families}
        all_types = {f.page_type for f in FAMILIES.values()}
        if trained_types != all_types:
            raise ValueError(f"SplitSpec holds out every family of page type(s) {sorted(all_types - trained_types)}")

    def families(self, split: str, opt_in: bool = False) -> tuple[str, ...]:
        """The layout families of ``split``; the opt-in ones (``Family.opt_in``) only with
        ``opt_in``."""
        check_split(split)
        if split == "train":
            names = tuple(n for n in FAMILIES if n not in self.heldout_families)
        elif split == "heldout":
            names = self.heldout_families
        else:
            names = tuple(FAMILIES)
        return names if opt_in else tuple(n for n in names if not FAMILIES[n].opt_in)

    def check_families(self, names: Sequence[str], split: str) -> tuple[str, ...]:
        """``names`` as a tuple, or ValueError naming the family that is unknown or not of
        ``split`` (a held-out family asked for in training pages)."""
        allowed = self.families(split, opt_in=True)
        if not names:
            raise ValueError("families: expected at least one layout family")
        for name in names:
            if name not in FAMILIES:
                raise ValueError(f"unknown layout family {name!r}; known: {', '.join(FAMILIES)}")
            if name not in allowed:
                raise ValueError(f"layout family {name!r} is not in split {split!r} "
                                 f"(held out: {', '.join(self.heldout_families)})")
        return tuple(names)

    def archetypes(self, split: str) -> tuple[str, ...]:
        check_split(split)
        if split == "train":
            return tuple(a for a in ARCHETYPES if a not in self.heldout_archetypes)
        if split == "heldout":
            return self.heldout_archetypes
        return ARCHETYPES

    def langs(self, split: str, heldout_lang: bool = False) -> tuple[str, ...]:
        """Languages a page of ``split`` may use. For ``heldout``, ``heldout_lang`` says whether
        this page is one of those in a held-out language."""
        check_split(split)
        if split == "all":
            return LANGS
        train = tuple(x for x in LANGS if x not in self.heldout_langs)
        if split == "heldout" and heldout_lang:
            return self.heldout_langs
        return train


DEFAULT_SPLIT = SplitSpec()


def check_split(split: str) -> str:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    return split
