"""The product titles pagelens labelled on fathom-products pages, applied to a capture."""

from __future__ import annotations

import json

import pytest

from pagelens.corpora.fathom import TITLE_LABELS, title_elements, title_specs
from pagelens.records import Box, Element, PageCapture, Viewport


def _page(rows) -> PageCapture:
    """rows: (parent, tag, text, visible) per element, ids in order."""
    els = tuple(Element(id=i, parent=parent, tag=tag, xpath=f"/{tag}[{i}]", box=Box(0, 20 * i, 100, 20 * i + 18),
                        text=text, full_text=text, visible=visible)
                for i, (parent, tag, text, visible) in enumerate(rows))
    return PageCapture(source="fake/page", final_url="https://shop.example/p/1", title="",
                       viewport=Viewport.desktop(), page_width=1280, page_height=1600, elements=els)


def test_title_elements_take_the_heading_its_copies_and_wrappers() -> None:
    name = "Walnut  Chess Set"
    cap = _page([(-1, "body", f"Home > {name} {name}", True),
                 (0, "span", name, True),          # 1 breadcrumb: another tag
                 (0, "div", name, True),           # 2 wrapper of the heading
                 (2, "h1", name, True),            # 3 the heading
                 (3, "span", name, True),          # 4 its inner span
                 (0, "h1", name, True),            # 5 a sticky bar repeating it
                 (0, "h1", name, False),           # 6 not shown
                 (0, "h1", "Related: Oak Set", True)])
    assert title_elements(cap, [("h1", "Walnut Chess Set", None)]) == {2, 3, 4, 5}
    assert title_elements(cap, [("h1", "Walnut Chess Set", 1)]) == {5}, "only that occurrence"
    assert title_elements(cap, [("h2", "Walnut Chess Set", None)]) == set()


def test_the_shipped_title_labels_read(tmp_path) -> None:
    specs = title_specs()
    assert len(specs) == 48 and all(specs.values())
    assert specs["proflowers"][1] == ("span", "18 Pink Pearl Roses with Music Vase", 0)
    bad = tmp_path / "titles.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="titles.json: cannot read the title labels"):
        title_specs(bad)
    assert json.loads(TITLE_LABELS.read_text(encoding="utf-8"))
