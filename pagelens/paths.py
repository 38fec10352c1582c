"""Where the bundled assets are: the shipped model and the sample pages.

A checkout (and an editable install) reads them from the repository's ``assets/``; a wheel
installs the same files as ``pagelens/assets/``.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
ASSET_ROOTS = (_HERE.parent / "assets", _HERE / "assets")


def asset_path(*parts: str) -> Path:
    """The first existing ``assets/<parts>`` of :data:`ASSET_ROOTS` (the source tree's when
    none exists, so error messages name the expected place)."""
    for root in ASSET_ROOTS:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    return ASSET_ROOTS[0].joinpath(*parts)
