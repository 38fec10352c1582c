"""Shared fixtures: one Chromium for the whole test session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def browser():
    from pagelens.capture import Browser

    with Browser() as b:
        yield b
