"""Baselines that stand beside the model in evaluation, all implementing
:class:`pagelens.predictor.Predictor`: ``rules`` (hand-written Fathom-style rules, also the
model's fallback and a feature source), ``extruct`` (structured data: JSON-LD, microdata, Open
Graph) and ``formasaurus`` (the Formasaurus form and field classifier, when installed)."""

from __future__ import annotations

from typing import Callable

from pagelens.predictor import Predictor


def _rules() -> Predictor:
    from pagelens.baselines.rules import RulesPredictor

    return RulesPredictor()


def _extruct() -> Predictor:
    from pagelens.baselines.extruct_baseline import ExtructPredictor

    return ExtructPredictor()


def _formasaurus() -> Predictor:
    from pagelens.baselines.formasaurus_baseline import FormasaurusPredictor

    return FormasaurusPredictor()


BASELINES: dict[str, Callable[[], Predictor]] = {
    "rules": _rules, "extruct": _extruct, "formasaurus": _formasaurus,
}


def get_baseline(name: str) -> Predictor:
    """The baseline called ``name``; an unknown name raises an error listing the known ones."""
    if name not in BASELINES:
        raise KeyError(f"unknown baseline {name!r}; known: {', '.join(BASELINES)}")
    return BASELINES[name]()
