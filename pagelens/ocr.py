"""Text boxes read from a screenshot, for pages where all there is is their picture.

:func:`ocr_boxes` runs RapidOCR (``rapidocr-onnxruntime``, whose ONNX detection and recognition
models ship inside the package; ``scripts/setup.sh`` installs it) and returns one
:class:`pagelens.api.ScreenshotBox` per line of text it reads, in reading order, with a font size
estimated from the line's height. :meth:`pagelens.Parser.parse_screenshot` uses it when it is given
no boxes, and ``pagelens label`` for image files.

RapidOCR's recognition model knows Chinese and unaccented Latin letters: it reads "Trådlös" as
"Tradlos" and often drops the spaces of a line in capitals. Where Tesseract and its Latin-script
model are installed (``tesseract-ocr``, ``tesseract-ocr-script-latn``; ``scripts/setup.sh``
installs both), the page is read by Tesseract too, at the same time, and a line takes
Tesseract's words where they spell the same letters once accents, case, spaces and punctuation
are set aside (:func:`restore_letters`): accents and spaces come back, and a line Tesseract reads
differently keeps RapidOCR's text. Without Tesseract the lines are RapidOCR's as they are.

What a screenshot cannot give: form controls (an empty text box has no text), attributes, the
DOM tree and styles other than the size of the text, so form fields are not found this way and
product parts are found from text, position, size and pixels alone. :func:`ocr_view` turns a
labelled capture into what OCR would give, to train the screenshot model (``assets/model-ocr``,
step 3 of ``bench/train.sh``) that such pages go to.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import replace
from typing import Any, Sequence

OCR_MAX_HEIGHT = 4000  # image rows read, from the top: as much of the page as the model looks at
MIN_SCORE = 0.5  # recognition confidence below which a line is dropped (noise, icons)
LINE_HEIGHT = 1.3  # a line's box height over its font size, roughly, for Latin text

TESSERACT_LANG = "Latin"  # tesseract-ocr-script-latn: one model for every Latin-script language
TESSERACT_TIMEOUT_S = 60.0  # a page Tesseract has not read by then keeps RapidOCR's lines

log = logging.getLogger(__name__)

_engine: Any = None
_engine_lock = threading.Lock()


class OcrUnavailable(RuntimeError):
    """RapidOCR is not installed."""


def _ocr_engine() -> Any:
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise OcrUnavailable(
                    "reading a screenshot without element boxes needs rapidocr-onnxruntime "
                    "(bash scripts/setup.sh installs it; or pass the boxes yourself)") from exc
            _engine = RapidOCR()
        return _engine


def ocr_boxes(image: Any, max_height: int = OCR_MAX_HEIGHT, min_score: float = MIN_SCORE,
              restore: bool = True) -> list:
    """The lines of text RapidOCR reads in the top ``max_height`` rows of ``image``, as
    :class:`~pagelens.api.ScreenshotBox` records (tag ``div``, box in image pixels, font size
    from the line's height), top to bottom and left to right; with ``restore`` and Tesseract
    installed, their accents and spaces restored from Tesseract's reading (:func:`restore_letters`).
    Raises :class:`OcrUnavailable` when RapidOCR is not installed."""
    from pagelens.api import ScreenshotBox, image_array

    if max_height < 1:
        raise ValueError(f"max_height must be at least 1, got {max_height}")
    arr = image_array(image)[:max_height]
    engine = _ocr_engine()
    reader = _TesseractWords(arr) if restore and tesseract() else None
    lines, _ = engine(arr)
    out = []
    for points, text, score in lines or ():
        text = " ".join(str(text).split())
        if not text or float(score) < min_score:
            continue
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        x0, y0, x1, y1 = max(min(xs), 0.0), max(min(ys), 0.0), max(xs), max(ys)
        if x1 <= x0 or y1 <= y0:
            continue
        out.append(ScreenshotBox((x0, y0, x1, y1), text, font_size=round((y1 - y0) / LINE_HEIGHT, 1)))
    # reading order: rows of lines (tops within half a line of each other), each left to right
    out.sort(key=lambda b: (b.box[1], b.box[0]))
    rows: list[list] = []
    for b in out:
        if rows and b.box[1] - rows[-1][0].box[1] < 0.5 * (rows[-1][0].box[3] - rows[-1][0].box[1]):
            rows[-1].append(b)
        else:
            rows.append([b])
    out = [b for row in rows for b in sorted(row, key=lambda b: b.box[0])]
    return restore_letters(out, reader.words()) if reader is not None else out


@functools.lru_cache(maxsize=1)
def tesseract() -> tuple[str, str] | None:
    """The ``tesseract`` program and the name of its Latin-script model, when both are
    installed, else None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                               timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    for lang in (TESSERACT_LANG, f"script/{TESSERACT_LANG}"):
        if lang in langs:
            return exe, lang
    log.info("tesseract has no %s model (apt-get install tesseract-ocr-script-latn): OCR lines "
             "keep RapidOCR's letters", TESSERACT_LANG)
    return None


class _TesseractWords:
    """Tesseract reading an image in a thread of its own (the program runs on one core, beside
    RapidOCR): :meth:`words` waits for its words and their boxes."""

    def __init__(self, arr: Any) -> None:
        self._words: list[tuple[tuple[float, float, float, float], str]] = []
        self._thread = threading.Thread(target=self._run, args=(arr,), daemon=True)
        self._thread.start()

    def _run(self, arr: Any) -> None:
        import cv2

        found = tesseract()
        ok, png = cv2.imencode(".png", arr[:, :, ::-1])  # RGB -> the BGR OpenCV writes
        if found is None or not ok:
            return
        exe, lang = found
        # one thread: Tesseract's OpenMP threads make a page several times slower on 2 cores
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            done = subprocess.run([exe, "stdin", "stdout", "-l", lang, "--oem", "1", "--psm", "11",
                                   "tsv"], input=png.tobytes(), capture_output=True,
                                  timeout=TESSERACT_TIMEOUT_S, env=env)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("tesseract failed (%s): OCR lines keep RapidOCR's letters", exc)
            return
        self._words = tesseract_words(done.stdout.decode("utf-8", "replace"))

    def words(self) -> list[tuple[tuple[float, float, float, float], str]]:
        self._thread.join(TESSERACT_TIMEOUT_S + 5)
        return self._words


def tesseract_words(tsv: str) -> list[tuple[tuple[float, float, float, float], str]]:
    """The words of Tesseract's TSV output (level 5 rows), each with its box (x0, y0, x1, y1)."""
    out = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            x, y, w, h = (float(c) for c in cols[6:10])
        except ValueError:
            continue
        out.append(((x, y, x + w, y + h), cols[11].strip()))
    return out


# Letters NFKD does not take apart into a base letter and an accent.
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
                        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th"})


def letters(text: str) -> str:
    """``text``'s letters and digits without accents, case, spaces or punctuation: what two
    readings of one line agree on when only one of them sees accents."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", plain).casefold()


_NUMBER = re.compile(r"\d[\d.,]*\d|\d")


def restore_letters(lines: list, words: list[tuple[tuple[float, float, float, float], str]]) -> list:
    """``lines`` (ScreenshotBox records read by RapidOCR) with the text of Tesseract's ``words``
    whose centres fall in a line's box, joined left to right, wherever those spell the same
    :func:`letters` as the line's own text and differ from it (accents, spaces), write its
    numbers the same way (a space Tesseract puts inside "250,37" would change an amount) and
    have no fewer words (Tesseract sometimes runs two short words together)."""
    out = []
    for line in lines:
        x0, y0, x1, y1 = line.box
        inside = sorted((w for w in words if x0 <= (w[0][0] + w[0][2]) / 2 <= x1
                         and y0 <= (w[0][1] + w[0][3]) / 2 <= y1), key=lambda w: w[0][0])
        text = " ".join(w[1] for w in inside)
        if inside and text != line.text and letters(text) and letters(text) == letters(line.text) \
                and _NUMBER.findall(text) == _NUMBER.findall(line.text) \
                and len(text.split()) >= len(line.text.split()):
            line = replace(line, text=text)
        out.append(line)
    return out


# Roles kept when two labelled elements share one line of text, best first.
_LINE_ROLE_ORDER = ("price", "product_title", "old_price", "add_to_cart", "rating", "review_count",
                    "description", "features", "review", "cart_link")
_NO_TEXT_TAGS = frozenset({"script", "style", "option", "select", "textarea", "title", "head",
                           "noscript"})
_LINE_ROLE_RANK = {role: k for k, role in enumerate(_LINE_ROLE_ORDER)}


def _give_role(line_roles: dict[int, str], line: int, role: str) -> None:
    """``role`` to ``line`` unless the line holds a role before it in :data:`_LINE_ROLE_ORDER`
    (one role a line)."""
    if line not in line_roles or _LINE_ROLE_RANK[role] < _LINE_ROLE_RANK[line_roles[line]]:
        line_roles[line] = role


def _labelled_view(capture: Any, boxes: Sequence[Any],
                   line_roles: dict[int, str]) -> tuple[Any, dict[int, str]]:
    """The page of ``boxes`` (lines) over ``capture``'s screenshot, and ``line_roles`` (line index
    -> role) by element id of that page, whose lines follow ``<html>`` and ``<body>``."""
    from pagelens.api import capture_from_screenshot

    view = capture_from_screenshot(capture.screenshot_png, boxes, source=capture.source,
                                   url=capture.final_url, title=capture.title)
    return view, {i + 2: role for i, role in line_roles.items()}


def ocr_view(capture: Any, labels: dict[int, str], max_height: int = OCR_MAX_HEIGHT) -> tuple[Any, dict[int, str]]:
    """``capture`` as OCR would give it: its visible text pieces joined into lines (a piece
    joins a line it overlaps vertically and follows within 1.5 font sizes; touching pieces join
    without a space), each line a ``div``
    with a font size from its height, over the same screenshot; and ``labels`` (element id ->
    role) carried to the line holding most of the labelled element's text, one role a line
    (:data:`_LINE_ROLE_ORDER`). Form fields and roles without text (images) are dropped. For
    training on pages seen the way :func:`ocr_boxes` sees them."""
    from pagelens.api import ScreenshotBox

    els = capture.elements
    pieces = [e for e in els if e.visible and e.text.strip() and e.tag not in _NO_TEXT_TAGS
              and e.box.x1 > e.box.x0 and e.box.y1 > e.box.y0 and e.box.y0 < max_height]
    pieces.sort(key=lambda e: (e.box.y0, e.box.x0))
    lines: list[dict] = []
    for e in pieces:
        size = max(e.style.font_size, 1.0)
        home = None
        for line in lines[-12:]:
            top, bottom = max(line["y0"], e.box.y0), min(line["y1"], e.box.y1)
            overlap = bottom - top
            if overlap >= 0.5 * min(line["y1"] - line["y0"], e.box.y1 - e.box.y0) \
                    and 0 <= e.box.x0 - line["x1"] <= 1.5 * size:
                home = line
        text = " ".join(e.text.split())
        if home is None:
            home = {"x0": e.box.x0, "y0": e.box.y0, "x1": e.box.x1, "y1": e.box.y1, "text": text,
                    "ids": []}
            lines.append(home)
        else:  # pieces that touch read as one word ("$" "79" ".99" -> "$79.99"), as OCR reads them
            gap = e.box.x0 - home["x1"]
            home["text"] += ("" if gap < 0.15 * size else " ") + text
        home["x0"], home["y0"] = min(home["x0"], e.box.x0), min(home["y0"], e.box.y0)
        home["x1"], home["y1"] = max(home["x1"], e.box.x1), max(home["y1"], e.box.y1)
        home["ids"].append(e.id)
    lines.sort(key=lambda ln: (ln["y0"], ln["x0"]))
    line_of = {eid: i for i, ln in enumerate(lines) for eid in ln["ids"]}
    # each labelled element's text: its own pieces and its descendants' (a few levels down)
    chars: dict[int, dict[int, int]] = {}  # labelled id -> line -> characters
    for eid, i in line_of.items():
        up, depth = eid, 0
        while up >= 0 and depth <= 6:
            if up in labels:
                per = chars.setdefault(up, {})
                per[i] = per.get(i, 0) + len(els[eid].text.strip())
            up, depth = els[up].parent, depth + 1
    line_roles: dict[int, str] = {}
    for eid, per in chars.items():
        if labels[eid] in _LINE_ROLE_RANK:
            _give_role(line_roles, max(per, key=per.get), labels[eid])
    boxes = [ScreenshotBox((ln["x0"], ln["y0"], ln["x1"], ln["y1"]), ln["text"],
                           font_size=round((ln["y1"] - ln["y0"]) / LINE_HEIGHT, 1)) for ln in lines]
    return _labelled_view(capture, boxes, line_roles)


def ocr_read_view(capture: Any, labels: dict[int, str], max_height: int = OCR_MAX_HEIGHT,
                  overlap: float = 0.5) -> tuple[Any, dict[int, str]]:
    """``capture``'s screenshot read by OCR (:func:`ocr_boxes`, as a screenshot given without
    boxes is read), with ``labels`` (element id -> role) carried to the lines OCR read: a
    labelled element's role goes to the line whose box shares the largest area with the
    element's box, among the lines sharing at least ``overlap`` of the smaller of the two boxes;
    one role a line (:data:`_LINE_ROLE_ORDER`). Unlike :func:`ocr_view`, the lines are what OCR
    gives (tight boxes, the letters as drawn, capitals and misreadings included), at the cost of
    reading every page (about 3 s on 2 cores). For training the screenshot model on what it
    meets."""
    from pagelens.records import Box

    lines = ocr_boxes(capture.screenshot_png, max_height=max_height)
    line_boxes = [Box(*line.box) for line in lines]
    els = capture.elements
    line_roles: dict[int, str] = {}
    for eid, role in labels.items():
        if role not in _LINE_ROLE_RANK or not 0 <= eid < len(els) or not els[eid].visible:
            continue
        b = els[eid].box
        best, best_area = None, 0.0
        for i, box in enumerate(line_boxes):
            area = box.intersection(b)
            smaller = min(box.area, b.area)
            if smaller > 0 and area >= overlap * smaller and area > best_area:
                best, best_area = i, area
        if best is not None:
            _give_role(line_roles, best, role)
    return _labelled_view(capture, lines, line_roles)
