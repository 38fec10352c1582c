"""The one interface every predictor implements: the model, and the baselines that stand beside it
in evaluation (and stand in for it where it is absent)."""

from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from pagelens.records import PageCapture, Prediction


@runtime_checkable
class Predictor(Protocol):
    name: str

    def predict(self, captures: Sequence[PageCapture]) -> list[Prediction]:
        """One :class:`Prediction` per capture, in order."""
        ...
