"""The Python API: ``Parser`` turns pages into typed results.

```python
import pagelens
with pagelens.Parser.load() as parser:          # the shipped model; .load(path) for another
    result = parser.parse("page.html")          # a file, a URL, a capture folder, a PageCapture
    result.page_type, result.elements, result.fields, result.product
    results = parser.parse_many(["a.html", "b.html"])   # one browser, batched predictions
    result = parser.parse_screenshot("shot.png", [ScreenshotBox((10, 20, 200, 60), "$12.99")])
```

Every result is a :class:`ParseResult`: the page type with its score, the elements with a product
role, the form fields with their WHATWG autocomplete token (and submit buttons as ``submit``), the
normalised :class:`~pagelens.product.Product` on product pages, and the capture it was read from.
Boxes are :class:`~pagelens.records.Box` in CSS pixels of the full page (origin top-left), the
same space as the capture's screenshot.
"""

from __future__ import annotations

import copy
import io
import logging
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from pagelens.paths import asset_path
from pagelens.predictor import Predictor
from pagelens.product import (STARS, Product, absolute_url, availability_from_text,
                              currency_code, page_currency, page_language, parse_count,
                              parse_money, parse_rating, price_text, sku_from_text,
                              struck_price_text, structured_product)
from pagelens.records import (Box, Element, ElementLabel, PageCapture, Prediction, Style,
                              Viewport)
from pagelens.vocab import PAGE_TYPES

if TYPE_CHECKING:  # pagelens.fill imports this module's ParseResult for its own annotations
    from pagelens.fill import FillReport, Profile

log = logging.getLogger(__name__)

# Where pagelens.model.load_predictor() looks for the shipped model (the same folder).
SHIPPED_MODEL = asset_path("model")
# The shipped model fine-tuned on pages seen as OCR lines, for screenshots read by OCR (optional).
OCR_MODEL = asset_path("model-ocr")
TEXT_LIMIT = 300  # characters of an element's text kept in a result (a review can be long)


@dataclass(frozen=True)
class LabelledElement:
    """One element pagelens labelled: ``label`` is a product role (``price``, ``add_to_cart``…)
    or a form-field autocomplete token (``cc-number``, ``submit``…), ``score`` in 0-1.

    ``box`` is in CSS px of the full page; ``xpath`` is the capture's; ``text`` the element's
    visible text (for images the ``alt``, for form fields the placeholder or ``aria-label``), at
    most :data:`TEXT_LIMIT` characters.
    """

    id: int
    label: str
    score: float
    box: Box
    xpath: str
    tag: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "score": self.score,
                "box": self.box.to_list(), "xpath": self.xpath, "tag": self.tag, "text": self.text}


@dataclass(frozen=True)
class ParseResult:
    """What pagelens read from one page.

    ``page_type`` is one of :data:`pagelens.vocab.PAGE_TYPES` with ``page_type_score`` in 0-1
    (``page_type_scores`` holds every type's score). ``elements``: elements with a product role,
    in document order; ``fields``: form fields with their autocomplete token and submit buttons.
    ``product`` is None unless the page is a product page. ``capture`` is the page as rendered
    (None for results read back from a labels file).
    """

    source: str
    page_type: str
    page_type_score: float
    elements: tuple[LabelledElement, ...] = ()
    fields: tuple[LabelledElement, ...] = ()
    product: Product | None = None
    page_type_scores: Mapping[str, float] = field(default_factory=dict)
    capture: PageCapture | None = field(default=None, repr=False, compare=False)
    predictor: str = ""

    __hash__ = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.page_type not in PAGE_TYPES:
            raise ValueError(f"{self.source}: unknown page type {self.page_type!r}; "
                             f"known: {', '.join(PAGE_TYPES)}")

    @property
    def labelled(self) -> tuple[LabelledElement, ...]:
        """Roles and fields together, in document order."""
        return tuple(sorted(self.elements + self.fields, key=lambda e: e.id))

    def role(self, name: str) -> LabelledElement | None:
        """The best-scoring element with product role ``name``, or None."""
        hits = [e for e in self.elements if e.label == name]
        return max(hits, key=lambda e: e.score) if hits else None

    def fields_with(self, token: str) -> tuple[LabelledElement, ...]:
        """The form fields labelled with autocomplete ``token``, in document order."""
        return tuple(f for f in self.fields if f.label == token)

    def to_json(self) -> dict[str, Any]:
        """The result as one line of ``pagelens label`` output (see docs/usage.md and
        ``pagelens/schema/labels.schema.json``)."""
        return {
            "source": self.source, "ok": True, "error": None,
            "page_type": {"label": self.page_type, "score": round(self.page_type_score, 4)},
            "elements": [{"id": e.id, "xpath": e.xpath, "box": _box_json(e.box), "text": e.text,
                          "role": e.label, "score": round(e.score, 4)} for e in self.elements],
            "fields": [{"id": f.id, "xpath": f.xpath, "box": _box_json(f.box),
                        "autocomplete": f.label, "score": round(f.score, 4)} for f in self.fields],
            "product": self.product.to_dict() if self.product else None,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "ParseResult":
        """A result read back from a ``pagelens label`` line with ``"ok": true`` (no capture;
        field texts are empty because lines do not carry them)."""
        if not d.get("ok"):
            raise ValueError(f"{d.get('source')}: line records a failure, not a result")
        pt = d["page_type"]
        return cls(
            source=d["source"], page_type=pt["label"], page_type_score=float(pt["score"]),
            elements=tuple(LabelledElement(int(e["id"]), e["role"], float(e["score"]),
                                           Box.from_list(e["box"]), e["xpath"], "", e.get("text", ""))
                           for e in d.get("elements", ())),
            fields=tuple(LabelledElement(int(f["id"]), f["autocomplete"], float(f["score"]),
                                         Box.from_list(f["box"]), f["xpath"], "", f.get("text", ""))
                         for f in d.get("fields", ())),
            product=Product.from_dict(d["product"]) if d.get("product") else None)


def _box_json(box: Box) -> list[float]:
    return [round(v, 2) for v in box.to_list()]


def failure_json(source: str, error: str) -> dict[str, Any]:
    """The ``pagelens label`` line for an input that could not be parsed."""
    return {"source": source, "ok": False, "error": error, "page_type": None,
            "elements": [], "fields": [], "product": None}


@dataclass(frozen=True)
class ScreenshotBox:
    """An element given by the caller of :meth:`Parser.parse_screenshot`: its box in pixels of
    the screenshot, read as CSS px (x0, y0, x1, y1, origin top-left), its visible text, and
    optionally its tag, attributes (``{"type": "email", "placeholder": "…"}``) and the font size
    of its text in px (None: unknown, read as 16)."""

    box: tuple[float, float, float, float]
    text: str = ""
    tag: str = "div"
    attrs: Mapping[str, str] = field(default_factory=dict)
    font_size: float | None = None

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ParserConfig:
    """How :class:`Parser` renders pages."""

    viewport: Viewport = field(default_factory=Viewport.desktop)
    timeout_s: float = 15.0   # a page still loading after this is read as it is
    # None: URLs are fetched, local files stay offline (their web requests are blocked).
    online: bool | None = None
    workers: int = 2          # pages rendered at once by parse_many
    # Captures per predictor call: larger batches amortise the model's fixed cost per call.
    batch_size: int = 8
    # The type of every page parsed, when the caller knows it (a price tracker parses product
    # pages): the model then decodes each page as that type, so a product page it would have
    # called another type still gets its product record. None: the model decides.
    page_type: str | None = None

    def __post_init__(self) -> None:
        if self.page_type is not None and self.page_type not in PAGE_TYPES:
            raise ValueError(f"ParserConfig.page_type {self.page_type!r}: expected one of "
                             f"{', '.join(PAGE_TYPES)}")
        if self.timeout_s <= 0:
            raise ValueError(f"ParserConfig.timeout_s must be positive, got {self.timeout_s}")
        if self.workers < 1:
            raise ValueError(f"ParserConfig.workers must be at least 1, got {self.workers}")
        if self.batch_size < 1:
            raise ValueError(f"ParserConfig.batch_size must be at least 1, got {self.batch_size}")


@dataclass
class ParseOutcome:
    """One input's outcome in :meth:`Parser.iter_parse`: a result or a one-line error.
    ``index`` is the input's position; ``raw_labels`` the label attributes read from the page
    (see :class:`pagelens.capture.CaptureOptions`)."""

    index: int
    source: str
    result: ParseResult | None = None
    error: str | None = None
    raw_labels: dict[int, dict[str, str]] = field(default_factory=dict)


class ParseError(RuntimeError):
    """An input that could not be parsed; the message names the input and the problem."""


def load_predictor(path: str | Path | None = None) -> Predictor:
    """The shipped model (or the model at ``path``).

    Without ``path``, when no model is installed the rules baseline stands in and a warning says
    so; with ``path``, a model that cannot be loaded is an error.
    """
    if path is None and not (SHIPPED_MODEL / "config.json").is_file():
        # Checked before importing pagelens.model, which loads torch (seconds) for nothing.
        log.warning("no shipped model in %s; using the rules baseline", SHIPPED_MODEL)
        return _rules_baseline()
    try:
        from pagelens.model import load_predictor as load_model
    except ImportError as exc:
        if path is not None:
            raise RuntimeError(f"cannot load the model at {path}: pagelens.model is unavailable "
                               f"({exc})") from exc
        log.warning("the pagelens model is unavailable (%s); using the rules baseline", exc)
        return _rules_baseline()
    try:
        return load_model(path)
    except (FileNotFoundError, ImportError) as exc:
        if path is not None:
            raise
        log.warning("no shipped model could be loaded (%s); using the rules baseline", exc)
        return _rules_baseline()


def _rules_baseline() -> Predictor:
    try:
        from pagelens.baselines.rules import RulesPredictor
    except ImportError as exc:
        raise RuntimeError("no predictor is available: neither the model (assets/model) nor the "
                           f"rules baseline could be imported ({exc})") from exc
    return RulesPredictor()


class Parser:
    """Parses pages with one predictor and one (lazily started) browser.

    Use as a context manager, or call :meth:`close`, to shut the browser down.
    """

    def __init__(self, predictor: Predictor, config: ParserConfig | None = None,
                 browser: Any = None, ocr_predictor: Predictor | None = None) -> None:
        """``browser``: a started :class:`pagelens.capture.Browser` to share (the parser then
        leaves it open); by default the parser starts its own on first use.
        ``ocr_predictor``: for pages read from a screenshot by OCR (None: ``predictor``)."""
        self.config = config or ParserConfig()
        self.predictor = self._typed(predictor)
        self._ocr_predictor = self._typed(ocr_predictor) if ocr_predictor is not None else None
        self._ocr_path: Path | None = None  # loaded on first use (Parser.load)
        self._browser = browser
        self._owns_browser = browser is None

    def _typed(self, predictor: Predictor) -> Predictor:
        if not callable(getattr(predictor, "predict", None)):
            raise TypeError(f"predictor {predictor!r} has no predict(captures) method")
        if self.config.page_type is not None and hasattr(predictor, "page_type"):
            predictor = copy.copy(predictor)  # the caller's predictor keeps deciding for itself
            predictor.page_type = self.config.page_type
        return predictor

    @classmethod
    def load(cls, path: str | Path | None = None, config: ParserConfig | None = None,
             browser: Any = None, ocr_path: str | Path | None = None) -> "Parser":
        """A parser with the shipped model, or the model saved at ``path``. Pages read from a
        screenshot by OCR go to the model at ``ocr_path``; by default, with the shipped model,
        to the shipped screenshot model (``assets/model-ocr``, trained on pages seen as OCR
        lines) when it is installed, else to the same model."""
        if ocr_path is None and path is None and (OCR_MODEL / "model.safetensors").is_file():
            ocr_path = OCR_MODEL
        parser = cls(load_predictor(path), config, browser)
        parser._ocr_path = Path(ocr_path) if ocr_path is not None else None
        return parser

    @property
    def ocr_predictor(self) -> Predictor | None:
        """The predictor of pages read from a screenshot by OCR (None: :attr:`predictor`); the
        screenshot model of :meth:`load` is loaded when first needed."""
        if self._ocr_predictor is None and self._ocr_path is not None:
            self._ocr_predictor = self._typed(load_predictor(self._ocr_path))
            self._ocr_path = None
        return self._ocr_predictor

    # -- lifecycle --

    def __enter__(self) -> "Parser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._browser is not None and self._owns_browser:
            self._browser.close()
            self._browser = None

    def browser(self):
        """The parser's Chromium (:class:`pagelens.capture.Browser`), started on first use."""
        if self._browser is None:
            from pagelens.capture import Browser

            self._browser = Browser()
            self._browser.start()
            self._owns_browser = True
        return self._browser

    # -- parsing --

    def parse(self, page: "str | Path | PageCapture") -> ParseResult:
        """Parse one page: an HTML file (``.html``, ``.htm``, ``.html.gz``, ``.mhtml``), a URL,
        a capture folder (with ``page.json``), a :class:`PageCapture`, or a screenshot file
        (``.png``, ``.jpg``, ...; read by OCR, as :meth:`parse_screenshot` without boxes). Raises
        :class:`ParseError` naming the input when it cannot be parsed."""
        (outcome,) = list(self.iter_parse([page]))
        if outcome.result is None:
            raise ParseError(outcome.error)
        return outcome.result

    def parse_many(self, pages: Iterable["str | Path | PageCapture"]) -> list[ParseResult]:
        """Parse pages in order with one browser (``config.workers`` at once) and batched
        predictions. Raises :class:`ParseError` for the first input that fails; use
        :meth:`iter_parse` to carry on past broken inputs."""
        pages = list(pages)
        results: list[ParseResult | None] = [None] * len(pages)
        for outcome in self.iter_parse(pages):
            if outcome.result is None:
                raise ParseError(outcome.error)
            results[outcome.index] = outcome.result
        return [r for r in results if r is not None]

    def parse_screenshot(self, image: Any,
                         boxes: Sequence[ScreenshotBox | Mapping[str, Any] | tuple] | None = None,
                         source: str = "screenshot", url: str = "", title: str = "") -> ParseResult:
        """Parse a screenshot (no browser involved), with element boxes given by the caller or,
        when ``boxes`` is None, the lines of text OCR reads in it (:func:`pagelens.ocr.ocr_boxes`:
        no form controls then, and about 3 s a page on 2 cores), predicted by :attr:`ocr_predictor`.

        ``image``: a PNG/JPEG path, PNG bytes, a PIL image or an RGB uint8 array of shape
        (H, W, 3); one image pixel is taken as one CSS px. ``boxes``: :class:`ScreenshotBox`
        records, or dicts ``{"box": [x0, y0, x1, y1], "text": ..., "tag": ..., "attrs": ...,
        "font_size": ...}``, or ``(box, text)`` pairs, in reading order. Raises
        :class:`ParseError` naming ``source`` when OCR cannot read the image or is not installed,
        ValueError for a malformed box.
        """
        if boxes is not None:
            return self.parse(capture_from_screenshot(image, boxes, source=source, url=url,
                                                      title=title))
        try:
            capture = read_screenshot(image, source=source, url=url, title=title)
        except (OSError, ValueError, RuntimeError) as exc:
            raise ParseError(f"{source}: {exc}") from exc
        (outcome,) = list(self._predict_batch([(0, source, capture, {})], self._ocr()))
        if outcome.result is None:
            raise ParseError(outcome.error)
        return outcome.result

    def fill(self, page: "str | Path", profile: "Profile", screenshot: bool = True,
             label_attributes: Sequence[str] = ()) -> "FillReport":
        """Render ``page`` (an HTML file or a URL), parse it, plan the values of ``profile`` (a
        :class:`pagelens.fill.Profile`) for its fields (:func:`pagelens.fill.plan_fill`) and type
        them into the same open page, then read each field back; nothing is submitted. Returns a
        :class:`pagelens.fill.FillReport`; with ``screenshot``, its ``screenshot_png`` shows the
        filled page. ``label_attributes`` are removed from the page before the predictor sees it
        (an answer key, as in :meth:`iter_parse`). Raises :class:`ParseError` naming the input
        when it cannot be rendered or parsed."""
        import asyncio

        from pagelens.capture import CaptureJob, CaptureOptions, is_url
        from pagelens.fill import FillReport, apply_plan, plan_fill

        source = str(page)
        if not is_url(source) and not Path(source).is_file():
            raise ParseError(f"{source}: no such file (fill takes an HTML file or a URL)")
        online = self.config.online if self.config.online is not None else is_url(source)
        options = CaptureOptions(viewport=self.config.viewport, online=online,
                                 timeout_s=self.config.timeout_s,
                                 label_attributes=tuple(label_attributes))

        def parse_capture(capture: PageCapture) -> ParseResult:
            (outcome,) = list(self._predict_batch([(0, source, capture, {})]))
            if outcome.result is None:
                raise ParseError(outcome.error)
            return outcome.result

        async def act(live: Any, capture: PageCapture) -> FillReport:
            # The model runs off the browser's event loop, which keeps serving the page.
            result = await asyncio.get_running_loop().run_in_executor(None, parse_capture, capture)
            plan = plan_fill(result, profile)
            outcomes = await apply_plan(live, plan)
            png = await live.screenshot(full_page=True) if screenshot else None
            return FillReport(result, plan, tuple(outcomes), png)

        res, report = self.browser().capture_and_act(CaptureJob(source), act, options)
        if report is None:
            raise ParseError(res.error or f"{source}: capture failed")
        return report

    def _ocr(self) -> Predictor:
        ocr = self.ocr_predictor
        return ocr if ocr is not None else self.predictor

    def iter_parse(self, pages: Iterable["str | Path | PageCapture"], workers: int | None = None,
                   label_attributes: Sequence[str] = ()) -> Iterator[ParseOutcome]:
        """Parse pages, yielding a :class:`ParseOutcome` per input as they finish (completion
        order; ``outcome.index`` is the input's position). Never raises for a bad input.

        Captures (objects and folders) are predicted without a browser; pages are rendered
        ``workers`` at a time. ``label_attributes`` are read from rendered pages into
        ``outcome.raw_labels`` and removed before the predictor sees the page.
        """
        from pagelens.capture import IMAGE_SUFFIXES, CaptureJob, CaptureOptions, is_url

        workers = workers or self.config.workers
        ready: list[tuple[int, str, PageCapture]] = []
        read: list[tuple[int, str, PageCapture, dict]] = []  # screenshots read by OCR
        jobs: dict[bool, list[tuple[int, str]]] = {False: [], True: []}  # online -> jobs
        for index, page in enumerate(pages):
            if isinstance(page, PageCapture):
                ready.append((index, page.source, page))
                continue
            source = str(page)
            path = Path(source)
            if not is_url(source) and path.is_dir() and (path / "page.json").is_file():
                try:
                    ready.append((index, source, PageCapture.load(path)))
                except (OSError, ValueError) as exc:
                    yield ParseOutcome(index, source, error=str(exc))
                continue
            if not is_url(source) and not path.exists():
                yield ParseOutcome(index, source, error=f"{source}: no such file or folder")
                continue
            if not is_url(source) and path.is_file() and path.name.lower().endswith(IMAGE_SUFFIXES):
                try:  # a screenshot alone: its text lines by OCR are its elements
                    read.append((index, source, read_screenshot(path, source=source), {}))
                except (OSError, ValueError, RuntimeError) as exc:
                    yield ParseOutcome(index, source, error=f"{source}: {exc}")
                continue
            if not is_url(source) and path.is_dir():
                yield ParseOutcome(index, source, error=f"{source}: a folder but not a capture "
                                   "folder (no page.json); pass its pages, or use pagelens label, "
                                   "which expands folders")
                continue
            online = self.config.online if self.config.online is not None else is_url(source)
            jobs[online].append((index, source))

        for start in range(0, len(read), self.config.batch_size):
            yield from self._predict_batch(read[start:start + self.config.batch_size], self._ocr())
        batch: list[tuple[int, str, PageCapture, dict]] = []
        for index, source, capture in ready:
            batch.append((index, source, capture, {}))
            if len(batch) >= self.config.batch_size:
                yield from self._predict_batch(batch)
                batch = []
        for online, group in jobs.items():
            if not group:
                continue
            options = CaptureOptions(viewport=self.config.viewport, online=online,
                                     timeout_s=self.config.timeout_s,
                                     label_attributes=tuple(label_attributes))
            for pos, res in self._capture_all([CaptureJob(s) for _, s in group], options, workers):
                index, source = group[pos]
                if res.capture is None:
                    yield ParseOutcome(index, source, error=res.error or f"{source}: capture failed")
                    continue
                batch.append((index, source, res.capture, res.raw_labels))
                if len(batch) >= self.config.batch_size:
                    yield from self._predict_batch(batch)
                    batch = []
        if batch:
            yield from self._predict_batch(batch)

    def _capture_all(self, jobs: list, options, workers: int) -> Iterator[tuple[int, Any]]:
        """``(position, CaptureResult)`` per job in completion order, ``workers`` pages at once.

        Threads each wait on one page while the browser's event loop renders them concurrently.
        At most ``workers + 2 * batch_size`` pages are rendered ahead of the consumer, so a slow
        predictor never piles up thousands of screenshots in memory.
        """
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        browser = self.browser()
        ahead = workers + 2 * self.config.batch_size
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pagelens-page")
        pending: dict = {}
        next_job = 0
        try:
            while next_job < len(jobs) or pending:
                while next_job < len(jobs) and len(pending) < ahead:
                    pending[pool.submit(browser.capture, jobs[next_job], options)] = next_job
                    next_job += 1
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield pending.pop(fut), fut.result()
        finally:
            # On Ctrl-C or an early stop, do not wait for pages still rendering.
            pool.shutdown(wait=False, cancel_futures=True)

    def _predict_batch(self, batch: list[tuple[int, str, PageCapture, dict]],
                       predictor: Predictor | None = None) -> Iterator[ParseOutcome]:
        predictor = predictor if predictor is not None else self.predictor
        captures = [c for _, _, c, _ in batch]
        try:
            predictions: list[Prediction | Exception] = list(predictor.predict(captures))
            if len(predictions) != len(captures):
                raise RuntimeError(f"predictor {predictor.name} returned {len(predictions)} "
                                   f"predictions for {len(captures)} pages")
        except Exception as exc:
            if len(batch) == 1:
                predictions = [exc]
            else:  # find the page that broke the batch; the others still get results
                log.debug("batch prediction failed (%s); predicting pages one by one", exc)
                predictions = []
                for c in captures:
                    try:
                        predictions.extend(predictor.predict([c]))
                    except Exception as one_exc:
                        predictions.append(one_exc)
        known = self.config.page_type
        for (index, source, capture, raw), pred in zip(batch, predictions):
            if known is not None and isinstance(pred, Prediction) and pred.page_type != known:
                # a predictor that cannot decode for a given type (a baseline): its type is set
                pred = replace(pred, page_type=known)
            if isinstance(pred, Exception):
                yield ParseOutcome(index, source, error=f"{source}: prediction failed "
                                   f"({type(pred).__name__}: {pred})", raw_labels=raw)
                continue
            try:
                result = build_result(capture, pred, predictor=getattr(predictor, "name", ""))
            except Exception as exc:
                yield ParseOutcome(index, source, error=f"{source}: {type(exc).__name__}: {exc}",
                                   raw_labels=raw)
                continue
            yield ParseOutcome(index, source, result=result, raw_labels=raw)


# -- from a prediction to a result --

def element_text(el: Element) -> str:
    """What a person sees of an element, for results: its visible text; for an image its
    ``alt``; for a form field its label-like attributes. At most :data:`TEXT_LIMIT` chars."""
    text = el.full_text or el.text
    if not text:
        for name in ("aria-label", "alt", "placeholder", "title", "value", "name"):
            if el.attr(name):
                text = el.attr(name)
                break
    text = " ".join(text.split())
    return text[:TEXT_LIMIT]


def _labelled(capture: PageCapture, labels: Sequence[ElementLabel]) -> tuple[LabelledElement, ...]:
    out = []
    for lab in labels:
        el = capture.element(lab.element_id)
        out.append(LabelledElement(el.id, lab.label, float(lab.score), el.box, el.xpath, el.tag,
                                   element_text(el)))
    return tuple(sorted(out, key=lambda e: (e.id, e.label)))


def build_result(capture: PageCapture, prediction: Prediction, predictor: str = "") -> ParseResult:
    """A :class:`ParseResult` from a capture and a predictor's :class:`Prediction` of it."""
    elements = _labelled(capture, prediction.roles)
    fields = _labelled(capture, prediction.fields)
    product = build_product(capture, elements) if prediction.page_type == "product" else None
    return ParseResult(source=capture.source, page_type=prediction.page_type,
                       page_type_score=float(prediction.page_type_score),
                       elements=elements, fields=fields, product=product,
                       page_type_scores=dict(prediction.page_type_scores), capture=capture,
                       predictor=predictor)


def _best(elements: Sequence[LabelledElement], role: str) -> LabelledElement | None:
    hits = [e for e in elements if e.label == role]
    return max(hits, key=lambda e: e.score) if hits else None


_FIRST_WORD = re.compile(r"\s*[^\W_]")  # a line that begins with a letter or digit


def is_line_capture(capture: PageCapture) -> bool:
    """Whether ``capture`` is a page given as lines of text (a screenshot read by OCR, or boxes a
    caller gave): no HTML, every element after ``<html>`` and ``<body>`` a child of ``<body>``."""
    return not capture.html and all(e.parent == 1 for e in capture.elements[2:])


def title_lines(capture: PageCapture, eid: int) -> str:
    """The text of the title element ``eid``; on a page given as lines (:func:`is_line_capture`),
    with the line right below it when that line carries on a title broken over two lines: it
    starts where the title starts (or is centred on its centre), at most half a line below it,
    0.7-1.6 times as tall, begins with a letter or digit (no list bullet) and is neither a
    rating (stars) nor a price. A DOM element already holds its whole title."""
    from pagelens.tasks.decode import reads_as_price

    el = capture.element(eid)
    text = element_text(el)
    if not is_line_capture(capture):
        return text
    h = el.box.y1 - el.box.y0
    cx = (el.box.x0 + el.box.x1) / 2

    def carries_on(c: Element) -> bool:
        ch = c.box.y1 - c.box.y0
        return (c.id != el.id and c.visible and c.box.y0 > el.box.y0 + 0.5 * h
                and c.box.y0 - el.box.y1 <= 0.5 * h and 0.7 * h <= ch <= 1.6 * h
                and (abs(c.box.x0 - el.box.x0) <= 0.5 * h
                     or abs((c.box.x0 + c.box.x1) / 2 - cx) <= 0.5 * h)
                and bool(_FIRST_WORD.match(c.text)) and not STARS.search(c.text)
                and not reads_as_price(c.text))

    below = [c for c in capture.elements[2:] if carries_on(c)]
    if below:
        text = f"{text} {min(below, key=lambda c: (c.box.y0, c.box.x0)).text}"
    return text


def build_product(capture: PageCapture, elements: Sequence[LabelledElement]) -> Product:
    """The normalised product of a product page from its role-labelled elements, with the page's
    structured data filling gaps (see :mod:`pagelens.product`)."""
    lang = page_language(capture.html)
    sd = structured_product(capture.html, capture.final_url)
    # priceCurrency as written ("USD", "$"); a value that names no currency (an empty microdata
    # content resolved to the page's address) says nothing
    hint = currency_code(sd.currency, lang) if sd and sd.currency else None

    title = _best(elements, "product_title")
    name = title_lines(capture, title.id) if title and title.text else (sd.name if sd else None)

    # The price reads what its element shows as current (struck-out parts left out); the old
    # price is the struck-out element itself.
    price_el, old_el = _best(elements, "price"), _best(elements, "old_price")
    price = parse_money(price_text(capture, price_el.id) or price_el.text, lang, hint) \
        if price_el else None
    if price is None and sd and sd.price:
        price = parse_money(sd.price, lang, hint)
    old_price = parse_money(old_el.text, lang, hint) if old_el else None
    if old_price is None and price is not None and price_el is not None:
        # a sale price that shows its old price inside its own element (<del>$79.99</del>)
        struck = parse_money(struck_price_text(capture, price_el.id), lang, hint)
        if struck is not None and Decimal(struck.amount) > Decimal(price.amount):
            old_price = struck
    if any(m is not None and m.currency is None for m in (price, old_price)):
        # shown without a mark ("3182.57"): the currency of the page's other prices
        code = page_currency(capture, lang)
        price, old_price = (replace(m, currency=code) if m is not None and m.currency is None
                            else m for m in (price, old_price))

    image_el = _best(elements, "product_image")
    image = capture.image_src(image_el.id) if image_el else None
    if not image and sd and sd.image:
        image = sd.image
    image = absolute_url(image, capture.final_url) if image else None

    rating = None
    rating_el = _best(elements, "rating")
    if rating_el:
        el = capture.element(rating_el.id)
        for text in (el.attr("aria-label"), el.attr("title"), rating_el.text):
            rating = parse_rating(text)
            if rating is not None:
                break
    if rating is None and sd and sd.rating:
        rating = parse_rating(sd.rating)

    count_el = _best(elements, "review_count")
    review_count = parse_count(count_el.text) if count_el else None
    if review_count is None and sd and sd.review_count:
        review_count = parse_count(sd.review_count)

    availability = sd.availability if sd else None
    sku = sd.sku if sd else None
    if availability is None or sku is None:
        for el in capture.elements:
            if not el.visible or not el.text.strip():
                continue
            if availability is None:
                availability = availability_from_text(el.text)
            if sku is None:
                sku = sku_from_text(el.text)
            if availability is not None and sku is not None:
                break
    return Product(name=name, price=price, old_price=old_price, image=image, rating=rating,
                   review_count=review_count, availability=availability, sku=sku)


# -- screenshots with caller-given boxes --

def _as_screenshot_box(item: ScreenshotBox | Mapping[str, Any] | tuple, i: int) -> ScreenshotBox:
    if isinstance(item, ScreenshotBox):
        return item
    if isinstance(item, Mapping):
        if "box" not in item:
            raise ValueError(f"box {i}: a dict needs a 'box' [x0, y0, x1, y1], got keys {sorted(item)}")
        size = item.get("font_size")
        return ScreenshotBox(tuple(item["box"]), str(item.get("text", "")),
                             str(item.get("tag", "div")), dict(item.get("attrs", {})),
                             float(size) if size is not None else None)
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return ScreenshotBox(tuple(item[0]), str(item[1]))
    raise ValueError(f"box {i}: expected ScreenshotBox, a dict or a (box, text) pair, got {item!r}")


def image_array(image: Any):
    """``image`` (a PNG/JPEG path, its bytes, a PIL image or an RGB ``uint8`` array of shape
    (H, W, 3)) as an RGB ``uint8`` array."""
    import numpy as np
    from PIL import Image

    if isinstance(image, (str, Path)):
        with Image.open(image) as im:
            return np.asarray(im.convert("RGB"))
    if isinstance(image, (bytes, bytearray)):
        with Image.open(io.BytesIO(image)) as im:
            return np.asarray(im.convert("RGB"))
    if isinstance(image, Image.Image):
        return np.asarray(image.convert("RGB"))
    arr = np.asarray(image)
    if arr.ndim != 3 or arr.shape[2] != 3 or arr.dtype != np.uint8:
        raise ValueError(f"screenshot array must be RGB uint8 of shape (H, W, 3), got "
                         f"{arr.dtype} {arr.shape}")
    return arr


def _png_bytes(image: Any) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(image_array(image)).save(buf, format="PNG")
    return buf.getvalue()


def read_screenshot(image: Any, source: str = "screenshot", url: str = "",
                    title: str = "") -> PageCapture:
    """A :class:`PageCapture` of a screenshot alone: its lines of text, read by OCR
    (:func:`pagelens.ocr.ocr_boxes`), are its elements. The image is decoded once."""
    from pagelens.ocr import ocr_boxes

    arr = image_array(image)
    return capture_from_screenshot(arr, ocr_boxes(arr), source=source, url=url, title=title)


def capture_from_screenshot(image: Any, boxes: Sequence[ScreenshotBox | Mapping[str, Any] | tuple],
                            source: str = "screenshot", url: str = "", title: str = "") -> PageCapture:
    """A :class:`PageCapture` from a screenshot and caller-given element boxes (see
    :meth:`Parser.parse_screenshot`). Element 0 is ``<html>`` and 1 ``<body>``, both covering the
    image; the given boxes follow as children of ``<body>``, in the order given."""
    from PIL import Image

    png = _png_bytes(image)
    with Image.open(io.BytesIO(png)) as im:
        width, height = im.size
    viewport = Viewport(width=min(max(width, 100), 10000), height=min(max(min(height, 800), 100), 10000))
    page_box = Box(0, 0, float(width), float(height))
    elements = [Element(0, -1, "html", "/html[1]", page_box, visible=True, in_first_viewport=True),
                Element(1, 0, "body", "/html[1]/body[1]", page_box, visible=True,
                        in_first_viewport=True)]
    per_tag: dict[str, int] = {}
    texts = []
    interactive_tags = {"a", "button", "input", "select", "textarea"}
    for i, item in enumerate(boxes):
        sb = _as_screenshot_box(item, i)
        try:
            box = Box.from_list(list(sb.box))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"box {i}: {exc}") from None
        tag = sb.tag.lower()
        per_tag[tag] = per_tag.get(tag, 0) + 1
        text = " ".join(sb.text.split())
        texts.append(text)
        elements.append(Element(
            id=len(elements), parent=1, tag=tag, xpath=f"/html[1]/body[1]/{tag}[{per_tag[tag]}]",
            box=box, text=text, full_text=text, attrs=dict(sb.attrs),
            style=Style(font_size=sb.font_size) if sb.font_size else Style(),
            visible=box.area > 0, in_first_viewport=box.y0 < viewport.height,
            interactive=tag in interactive_tags))
    full = " ".join(t for t in texts if t)[:1000]
    elements[0] = Element(0, -1, "html", "/html[1]", page_box, full_text=full, in_first_viewport=True)
    elements[1] = Element(1, 0, "body", "/html[1]/body[1]", page_box, full_text=full,
                          in_first_viewport=True)
    return PageCapture(source=source, final_url=url, title=title, viewport=viewport,
                       page_width=width, page_height=height, elements=tuple(elements), html="",
                       screenshot_png=png)
