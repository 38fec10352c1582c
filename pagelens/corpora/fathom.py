"""fathom-products: 48 product pages of 48 retailers with the main price, title and image chosen
by a person, stored as each element's ``outerHTML`` (``expected-{price,title,image}.html``).

Matching: the expected fragment and every element of ``source.html`` are parsed with lxml and
compared by *signature*: tag, attributes (URLs by their path), and text with whitespace
collapsed. The first element in
document order with the same signature is the gold one; when none has it, the same comparison
without the text (saved pages sometimes differ in text only, e.g. a price re-rendered by a script
before saving), then tag plus ``id``/``class``/``src``/``itemprop``. The chosen element is marked
with ``data-pl-gold`` in a rewritten copy of the page that the browser renders and strips.

Known loss: gilt's labelled image is not in the saved source (a script inserted it). (costco's
page was once lost to a redirect to an unreachable URL while loading; its renders of 2026-12-07
show the product page, and all three of its labels are found there.)

Decisions: a title label pointing at ``<title>`` (the document title, not an element of the page)
is treated as missing, as the corpus README says; it is not counted as unmatched. All 48 do, so
the product title is labelled by pagelens instead (``fathom_titles.json``, :func:`title_elements`):
per page, the tag and visible text of the heading that names the product in the page's main area,
chosen on the offline render's screenshot among the elements sharing words with the document
title (its ``<h1>`` on 44 pages; a ``<div>`` and its ``<span>`` on proflowers, a brand-and-name
link on wayfair, the ``<h2>`` under the brand's ``<h1>`` on stanford_bikeshop, an ``<h2>`` and
the shortened ``<h1>`` repeating it on rakuten). Every element of the capture with that tag and
text is gold (a sticky bar that repeats the heading counts), with its ancestors and descendants
of the same text (wrappers); breadcrumbs, related products, image alt text and descriptions are
not. A third item in a spec keeps only that occurrence (0: the first). Page type is
product; the site is the retailer's folder name. The price's gold values for the price-value
metric are the expected element's text and its ``content`` attribute (microdata's machine value).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse
from typing import Any, Mapping, Sequence

from pagelens.corpora.base import GOLD_ATTRIBUTE, Match, SourcePage, normalize_ws, parse_html, serialize_utf8
from pagelens.metrics import GoldPage

ROLES = {"price": "price", "title": "product_title", "image": "product_image"}
_KEY_ATTRS = ("id", "class", "src", "itemprop")
TITLE_LABELS = Path(__file__).with_name("fathom_titles.json")  # labelled by pagelens (Decisions)


def title_specs(path: Path = TITLE_LABELS) -> dict[str, list[tuple[str, str, int | None]]]:
    """Page key -> the (tag, text, occurrence or None) of its product title heading(s)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the title labels ({exc})") from None
    return {key: [(str(s[0]), normalize_ws(str(s[1])), int(s[2]) if len(s) > 2 else None)
                  for s in specs] for key, specs in data.items()}


def title_elements(capture: Any, specs: Sequence[tuple[str, str, int | None]]) -> set[int]:
    """Ids of the capture's elements that ``specs`` name (tag and whitespace-normalised visible
    text; only the given occurrence where one is given), with their ancestors and descendants of
    the same text."""
    elements = capture.elements
    texts = [normalize_ws(e.full_text) for e in elements]
    found: set[int] = set()
    for tag, text, nth in specs:
        hits = [e.id for e in elements if e.visible and e.tag == tag and texts[e.id] == text]
        found.update(hits if nth is None else hits[nth:nth + 1])
    children = capture.children()
    for eid in list(found):
        up = elements[eid].parent
        while up >= 0 and texts[up] == texts[eid]:
            found.add(up)
            up = elements[up].parent
        stack = list(children.get(eid, ()))
        while stack:
            c = stack.pop()
            if texts[c] == texts[eid]:
                found.add(c)
                stack.extend(children.get(c, ()))
    return found


def _attrs(el) -> tuple[tuple[str, str], ...]:
    # URLs compare by path: the saved page may hold "/img/a.jpg" where the label recorded the
    # resolved "http://shop/img/a.jpg".
    return tuple(sorted((k.lower(), urlparse(v.strip()).path if k.lower() in ("src", "href")
                         else normalize_ws(v)) for k, v in el.attrib.items()
                        if k.lower() != GOLD_ATTRIBUTE))


def signatures(el) -> tuple[tuple, tuple, tuple]:
    """Three signatures of an lxml element, strictest first: (tag, attributes, text),
    (tag, attributes), (tag, key attributes)."""
    tag = str(el.tag).lower()
    attrs = _attrs(el)
    key = tuple((k, v) for k, v in attrs if k in _KEY_ATTRS)
    return (tag, attrs, normalize_ws(el.text_content())), (tag, attrs), (tag, key)


def parse_fragment(html: str):
    """The first element of an ``outerHTML`` fragment, parsed with lxml."""
    import lxml.html

    frag = lxml.html.fragments_fromstring(html.strip())
    elements = [f for f in frag if not isinstance(f, str)]
    if not elements:
        raise ValueError("fragment holds no element")
    return elements[0]


def find_match(root, expected) -> tuple[Any | None, int]:
    """The element of ``root`` matching ``expected`` and the signature level that matched
    (0 strictest; -1 none)."""
    want = signatures(expected)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for level in range(3):
        if level == 2 and not want[2][1]:
            break  # no key attribute to go by: a bare tag would match anything
        for el in elements:
            if signatures(el)[level] == want[level]:
                return el, level
    return None, -1


class FathomProducts:
    name = "fathom-products"
    label_attributes = (GOLD_ATTRIBUTE,)

    def __init__(self) -> None:
        self.titles = title_specs()

    def list_pages(self, root: Path) -> list[SourcePage]:
        pages = []
        for folder in sorted(p for p in Path(root).iterdir() if (p / "source.html").is_file()):
            pages.append(SourcePage(key=folder.name, site=folder.name.lower(),
                                    path=folder / "source.html"))
        return pages

    def _expected(self, page: SourcePage) -> dict[str, Any]:
        """role -> parsed expected element (titles pointing at <title> left out)."""
        out = {}
        for name, role in ROLES.items():
            path = page.path.parent / f"expected-{name}.html"
            if not path.is_file():
                continue
            el = parse_fragment(path.read_text(encoding="utf-8", errors="replace"))
            if str(el.tag).lower() == "title":
                continue
            out[role] = el
        return out

    def prepare(self, page: SourcePage) -> str:
        root = parse_html(page.path.read_bytes())
        for role, expected in self._expected(page).items():
            el, _ = find_match(root, expected)
            if el is not None:
                el.set(GOLD_ATTRIBUTE, role)
        return serialize_utf8(root)

    def gold(self, page: SourcePage, raw_labels: Mapping[int, Mapping[str, str]],
             capture: Any) -> tuple[GoldPage, Match]:
        elements = {eid: attrs[GOLD_ATTRIBUTE] for eid, attrs in raw_labels.items()
                    if attrs.get(GOLD_ATTRIBUTE) in ROLES.values()}
        expected = self._expected(page)
        reasons = []
        specs = self.titles.get(page.key) if "product_title" not in expected else None
        if specs:
            titles = title_elements(capture, specs)
            elements.update({eid: "product_title" for eid in titles if eid not in elements})
            if not titles:
                reasons.append("product_title: no element shows the labelled title heading")
        found = set(elements.values())
        for role in expected:
            if role not in found:
                root = parse_html(page.path.read_bytes())
                el, _ = find_match(root, expected[role])
                reasons.append(f"{role}: no element of the source matches the expected outerHTML"
                               if el is None else f"{role}: marked element not in the rendered DOM")
        prices: list[str] = []
        if "price" in expected:
            p = expected["price"]
            prices = [v for v in (normalize_ws(p.text_content()), p.get("content", "")) if v]
        gold = GoldPage(page_type="product", site=page.site, elements=elements,
                        fields_scope="labelled", price_values=tuple(prices),
                        tasks=("roles", "page_type") + (("price_value",) if prices else ()))
        return gold, Match(expected=len(expected) + bool(specs), unmatched=len(reasons),
                           reasons=tuple(reasons))
