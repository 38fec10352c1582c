"""The records that flow through pagelens, from the browser to the heads and back out.

One place says what a box means: **CSS pixels of the full page, origin at the top-left corner of
the document, ``x0, y0`` the top-left and ``x1, y1`` the bottom-right corner** (``x1 >= x0``,
``y1 >= y0``). Screenshots are taken at CSS scale, so one screenshot pixel is one CSS pixel and a
box indexes the screenshot directly. The only conversion to another space is
:meth:`Box.to_1000`, the 0-1000 page-normalised integers that LayoutLM-style encoders expect.

Every record is a frozen dataclass that round-trips through JSON without loss
(``Record.from_dict(r.to_dict()) == r``).
"""

from __future__ import annotations

import dataclasses
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import numpy as np

from pagelens.vocab import PAGE_TYPES, is_known_label


@contextmanager
def trusted_pixels() -> Iterator[None]:
    """Lift Pillow's decompression-bomb limit while decoding screenshots pagelens itself took: a
    wide page cut at 16,000 px tall can exceed its 89-megapixel default."""
    from PIL import Image

    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = old


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in CSS pixels of the full page (see the module docstring)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def __post_init__(self) -> None:
        if not (self.x1 >= self.x0 and self.y1 >= self.y0):
            raise ValueError(f"Box corners out of order: {self.to_list()} (need x1 >= x0, y1 >= y0)")

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return self.width * self.height

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def to_list(self) -> list[float]:
        return [self.x0, self.y0, self.x1, self.y1]

    @classmethod
    def from_list(cls, values: list[float] | tuple[float, ...]) -> "Box":
        if len(values) != 4:
            raise ValueError(f"a box needs 4 numbers [x0, y0, x1, y1], got {list(values)!r}")
        return cls(*(float(v) for v in values))

    def intersection(self, other: "Box") -> float:
        """Area in CSS px² shared with ``other``."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(0.0, w) * max(0.0, h)

    def iou(self, other: "Box") -> float:
        inter = self.intersection(other)
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0

    def to_1000(self, page_width: float, page_height: float) -> tuple[int, int, int, int]:
        """The box as integers in 0-1000 of the page's width and height (LayoutLM's convention),
        clipped to the page."""
        if page_width <= 0 or page_height <= 0:
            raise ValueError(f"page size must be positive, got {page_width}x{page_height}")

        def norm(v: float, size: float) -> int:
            return int(round(min(max(v / size, 0.0), 1.0) * 1000))

        return (norm(self.x0, page_width), norm(self.y0, page_height),
                norm(self.x1, page_width), norm(self.y1, page_height))


@dataclass(frozen=True)
class Style:
    """The computed style that matters for recognising a page part, as the browser computed it.

    ``font_size`` is in CSS px; colours are CSS ``rgb()``/``rgba()`` strings; ``opacity`` is 0-1.
    """

    font_size: float = 16.0
    font_weight: int = 400
    font_family: str = ""
    color: str = "rgb(0, 0, 0)"
    background_color: str = "rgba(0, 0, 0, 0)"
    text_decoration: str = "none"
    display: str = "block"
    visibility: str = "visible"
    opacity: float = 1.0
    cursor: str = "auto"

    def to_dict(self) -> dict[str, Any]:
        # Explicit rather than dataclasses.asdict: a capture holds thousands of these and asdict's
        # recursive copy was most of the time spent saving one.
        return {"font_size": self.font_size, "font_weight": self.font_weight,
                "font_family": self.font_family, "color": self.color,
                "background_color": self.background_color,
                "text_decoration": self.text_decoration, "display": self.display,
                "visibility": self.visibility, "opacity": self.opacity, "cursor": self.cursor}


# Attributes kept on an element: the ones that say what it is. Everything else is dropped.
KEPT_ATTRIBUTES = (
    "id", "class", "name", "type", "placeholder", "value", "role", "autocomplete", "alt",
    "title", "href", "src", "for", "inputmode", "maxlength", "pattern", "required", "checked",
    "selected", "disabled", "readonly", "action", "method", "itemprop", "itemtype", "content",
    "datetime",
)
# Plus every aria-* attribute (kept by prefix).
KEPT_ATTRIBUTE_PREFIXES = ("aria-",)


# ``<input>`` types a person types into: the controls an autocomplete token can name (with
# ``<select>`` and ``<textarea>``). A missing type is text.
FIELD_INPUT_TYPES = frozenset({"", "text", "email", "tel", "password", "number", "url", "date",
                               "month", "search"})


@dataclass(frozen=True, eq=True)
class Element:
    """One element of the rendered page.

    ``id`` is the element's position in document order (0 is ``<html>``); ``parent`` is the id of
    its parent element, ``-1`` for the root. Elements inside a same-origin iframe have the iframe
    as the parent of their ``<html>``; elements inside an open shadow root have the host as parent.
    ``text`` is the element's own text (its direct text nodes); ``full_text`` its whole visible
    text including descendants (whitespace collapsed, at most 1,000 characters); an ``<option>``
    keeps its label as both, although a closed drop-down does not draw it (``visible`` is false),
    and a ``<select>``'s text is its chosen option's. ``box`` is in CSS pixels of the full page.
    """

    id: int
    parent: int
    tag: str
    xpath: str
    box: Box
    text: str = ""
    full_text: str = ""
    attrs: Mapping[str, str] = field(default_factory=dict)
    style: Style = field(default_factory=Style)
    visible: bool = True
    in_first_viewport: bool = False
    interactive: bool = False

    __hash__ = None  # type: ignore[assignment]  # attrs is a dict: records compare by value

    def attr(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    @property
    def is_form_field(self) -> bool:
        """A control a person types into or picks from (a text-like ``<input>``, ``<select>``,
        ``<textarea>``), shown or not."""
        if self.tag == "input":
            return self.attrs.get("type", "").lower() in FIELD_INPUT_TYPES
        return self.tag in ("select", "textarea")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "parent": self.parent, "tag": self.tag, "xpath": self.xpath,
            "box": self.box.to_list(), "text": self.text, "full_text": self.full_text,
            "attrs": dict(self.attrs), "style": self.style.to_dict(),
            "visible": self.visible, "in_first_viewport": self.in_first_viewport,
            "interactive": self.interactive,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Element":
        return cls(
            id=int(d["id"]), parent=int(d["parent"]), tag=str(d["tag"]), xpath=str(d["xpath"]),
            box=Box.from_list(d["box"]), text=d.get("text", ""), full_text=d.get("full_text", ""),
            attrs=dict(d.get("attrs", {})), style=Style(**d.get("style", {})),
            visible=bool(d.get("visible", True)),
            in_first_viewport=bool(d.get("in_first_viewport", False)),
            interactive=bool(d.get("interactive", False)),
        )


@dataclass(frozen=True)
class Viewport:
    """The browser window a page was rendered in. ``width``/``height`` in CSS px."""

    width: int = 1280
    height: int = 800
    device_scale_factor: float = 1.0
    is_mobile: bool = False
    has_touch: bool = False
    user_agent: str | None = None

    def __post_init__(self) -> None:
        if self.width < 100 or self.height < 100 or self.width > 10000 or self.height > 10000:
            raise ValueError(f"viewport {self.width}x{self.height} is outside 100..10000 CSS px")
        if not 0.5 <= self.device_scale_factor <= 4:
            raise ValueError(f"device scale factor {self.device_scale_factor} outside 0.5..4")

    @classmethod
    def desktop(cls) -> "Viewport":
        return cls()

    @classmethod
    def mobile(cls) -> "Viewport":
        return cls(width=390, height=844, device_scale_factor=3.0, is_mobile=True, has_touch=True,
                   user_agent=("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                               "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"))

    @classmethod
    def parse(cls, spec: str) -> "Viewport":
        """``desktop``, ``mobile`` or ``WIDTHxHEIGHT`` (CSS px)."""
        if spec == "desktop":
            return cls.desktop()
        if spec == "mobile":
            return cls.mobile()
        try:
            w, h = spec.lower().split("x")
            return cls(width=int(w), height=int(h))
        except ValueError:
            raise ValueError(f"viewport {spec!r}: expected 'desktop', 'mobile' or WIDTHxHEIGHT "
                             "such as 1440x900") from None


@dataclass(frozen=True, eq=True)
class PageCapture:
    """A rendered page: what the browser showed and every element with its box.

    ``page_width``/``page_height`` are the full page's size in CSS px, which is also the size of
    the screenshot, except that the screenshot stops at ``CaptureOptions.max_height`` rows and
    ``max_width`` columns (16,000 and 2,560 by default). ``screenshot_png`` holds the PNG bytes
    (not serialised to JSON: a capture folder keeps them in ``page.png``). ``timings`` are
    seconds per capture step.
    """

    source: str
    final_url: str
    title: str
    viewport: Viewport
    page_width: int
    page_height: int
    elements: tuple[Element, ...]
    html: str = ""
    screenshot_png: bytes | None = field(default=None, repr=False, compare=False)
    timings: Mapping[str, float] = field(default_factory=dict, compare=False)
    warnings: tuple[str, ...] = ()

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[Element]:
        return iter(self.elements)

    def __len__(self) -> int:
        return len(self.elements)

    def element(self, element_id: int) -> Element:
        el = self.elements[element_id] if 0 <= element_id < len(self.elements) else None
        if el is None or el.id != element_id:
            raise KeyError(f"no element with id {element_id} in capture of {self.source}")
        return el

    def children(self) -> dict[int, list[int]]:
        """Map from element id to its children's ids, in document order."""
        out: dict[int, list[int]] = {el.id: [] for el in self.elements}
        for el in self.elements:
            if el.parent >= 0:
                out[el.parent].append(el.id)
        return out

    def image_src(self, element_id: int, children: Mapping[int, list[int]] | None = None) -> str | None:
        """The ``src`` of the image an element shows: its own, else its first descendant
        ``img``/``image``/``source``'s (breadth first). ``children``: :meth:`children`, passed in
        when asking for many elements of one page."""
        own = self.element(element_id)
        if own.attr("src"):
            return own.attr("src")
        kids = self.children() if children is None else children
        queue = list(kids.get(own.id, ()))
        while queue:
            child = self.elements[queue.pop(0)]
            if child.tag in ("img", "image", "source") and child.attr("src"):
                return child.attr("src")
            queue.extend(kids.get(child.id, ()))
        return None

    def screenshot(self) -> np.ndarray:
        """The full-page screenshot as an RGB uint8 array, shape (page_height, page_width, 3)
        (rows and columns may be fewer where the page was taller or wider than the capture's
        screenshot limits)."""
        if self.screenshot_png is None:
            raise ValueError(f"capture of {self.source} has no screenshot")
        from PIL import Image

        with trusted_pixels(), Image.open(io.BytesIO(self.screenshot_png)) as im:
            return np.asarray(im.convert("RGB"))

    def to_dict(self, include_html: bool = True) -> dict[str, Any]:
        d = {
            "source": self.source, "final_url": self.final_url, "title": self.title,
            "viewport": dataclasses.asdict(self.viewport), "page_width": self.page_width,
            "page_height": self.page_height, "timings": dict(self.timings),
            "warnings": list(self.warnings),
            "elements": [el.to_dict() for el in self.elements],
        }
        if include_html:
            d["html"] = self.html
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], screenshot_png: bytes | None = None) -> "PageCapture":
        return cls(
            source=d["source"], final_url=d.get("final_url", ""), title=d.get("title", ""),
            viewport=Viewport(**d.get("viewport", {})), page_width=int(d["page_width"]),
            page_height=int(d["page_height"]),
            elements=tuple(Element.from_dict(e) for e in d["elements"]),
            html=d.get("html", ""), screenshot_png=screenshot_png,
            timings=dict(d.get("timings", {})), warnings=tuple(d.get("warnings", ())),
        )

    # -- the capture folder: page.json (everything but pixels and DOM), page.png, page.html --

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if self.screenshot_png is not None:
            _atomic_write(folder / "page.png", self.screenshot_png)
        _atomic_write(folder / "page.html", self.html.encode("utf-8"))
        # page.json last: its presence marks a complete capture folder.
        data = self.to_dict(include_html=False)
        _atomic_write(folder / "page.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))
        return folder

    @classmethod
    def load(cls, folder: str | Path, with_screenshot: bool = True) -> "PageCapture":
        folder = Path(folder)
        path = folder / "page.json"
        if not path.is_file():
            raise FileNotFoundError(f"{folder}: not a capture folder (no page.json)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: not valid JSON ({exc})") from None
        html_path = folder / "page.html"
        data["html"] = html_path.read_text(encoding="utf-8") if html_path.is_file() else ""
        png = folder / "page.png"
        shot = png.read_bytes() if with_screenshot and png.is_file() else None
        try:
            return cls.from_dict(data, screenshot_png=shot)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: malformed capture ({exc})") from None


@dataclass(frozen=True)
class PageLabels:
    """Gold labels of one page: its type and a role or autocomplete token per element id.

    Stored as ``labels.json`` beside a capture's ``page.json``:
    ``{"page_type": "product", "elements": {"17": "price", "31": "cc-number"}}``.
    """

    page_type: str
    elements: Mapping[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.page_type not in PAGE_TYPES:
            raise ValueError(f"unknown page type {self.page_type!r}; known: {', '.join(PAGE_TYPES)}")
        for eid, label in self.elements.items():
            if not is_known_label(label):
                raise ValueError(f"element {eid}: unknown label {label!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"page_type": self.page_type,
                "elements": {str(k): v for k, v in sorted(self.elements.items())}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "PageLabels":
        return cls(page_type=d["page_type"],
                   elements={int(k): str(v) for k, v in d.get("elements", {}).items()})

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / "labels.json"
        _atomic_write(path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1).encode())
        return path

    @classmethod
    def load(cls, folder: str | Path) -> "PageLabels":
        path = Path(folder) / "labels.json"
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise FileNotFoundError(f"{folder}: no labels.json") from None
        except (json.JSONDecodeError, KeyError, ValueError) as exc:
            raise ValueError(f"{path}: malformed labels ({exc})") from None


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash never leaves a torn file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


@dataclass(frozen=True)
class ElementLabel:
    """A label pagelens gives one element: a product role or a form-field token (see
    :mod:`pagelens.vocab`), with a score in 0-1."""

    element_id: int
    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"element_id": self.element_id, "label": self.label, "score": self.score}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "ElementLabel":
        return cls(int(d["element_id"]), str(d["label"]), float(d["score"]))


@dataclass(frozen=True)
class Prediction:
    """What a predictor (the model or a baseline) says about one page.

    ``roles``: elements with a product role; ``fields``: form fields with their autocomplete
    token, and submit buttons as ``submit``. ``rankings``: for each singleton role, the best
    candidates as ``(element_id, score)`` best first (at most 5), used for top-k metrics even
    when the top one was not chosen. ``page_type_scores`` sums to 1 over :data:`PAGE_TYPES`.
    """

    page_type: str
    page_type_scores: Mapping[str, float] = field(default_factory=dict)
    roles: tuple[ElementLabel, ...] = ()
    fields: tuple[ElementLabel, ...] = ()
    rankings: Mapping[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)

    __hash__ = None  # type: ignore[assignment]

    @property
    def page_type_score(self) -> float:
        return float(self.page_type_scores.get(self.page_type, 1.0))

    def role(self, name: str) -> ElementLabel | None:
        """The best element with role ``name``, or None."""
        hits = [r for r in self.roles if r.label == name]
        return max(hits, key=lambda r: r.score) if hits else None

    def to_dict(self) -> dict[str, Any]:
        return {"page_type": self.page_type, "page_type_scores": dict(self.page_type_scores),
                "roles": [r.to_dict() for r in self.roles],
                "fields": [f.to_dict() for f in self.fields],
                "rankings": {k: [list(p) for p in v] for k, v in self.rankings.items()}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Prediction":
        return cls(page_type=d["page_type"], page_type_scores=dict(d.get("page_type_scores", {})),
                   roles=tuple(ElementLabel.from_dict(r) for r in d.get("roles", ())),
                   fields=tuple(ElementLabel.from_dict(f) for f in d.get("fields", ())),
                   rankings={k: tuple((int(a), float(b)) for a, b in v)
                             for k, v in d.get("rankings", {}).items()})
