"""Render synthetic pages in Chromium and write capture folders with their labels.

``DIR/<seed>-<i>/`` gets ``page.png``, ``page.json``, ``page.html`` (from
:meth:`PageCapture.save`) and then ``labels.json`` (:class:`PageLabels`). A folder that has both
``page.json`` and ``labels.json`` is complete and skipped on a rerun, so an interrupted run
resumes where it stopped. What each page is (family, archetype, locale, ...) goes to
``DIR/index.jsonl``, outside the capture folders, so nothing a page loader reads can reveal a
label.

Throughput: generating a page's HTML takes ~20 ms; the capture (load, extract, screenshot) is
the rest. Pages are generated in chunks and captured ``workers`` at a time in one browser.
"""

from __future__ import annotations

import io
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from pagelens.records import PageLabels
from pagelens.synth.dom import LABEL_ATTR
from pagelens.synth.generator import OFFLINE_LOOK_FRACTION, SynthPage, generate_page
from pagelens.synth.split import DEFAULT_SPLIT, check_split

log = logging.getLogger(__name__)

CHUNK = 32  # pages generated ahead of the browser; bounds memory on long runs


@dataclass
class SynthRun:
    """What a run did. ``seconds`` is wall-clock time of the capture phase."""

    written: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    label_counts: dict[str, int] = field(default_factory=dict)
    page_types: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # pages whose capture lost or gained labels

    @property
    def pages_per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0


def capture_options():
    from pagelens.capture import CaptureOptions

    # Synthetic pages have nothing lazy to scroll into view; skipping the scroll saves ~0.3 s a page.
    return CaptureOptions(label_attributes=(LABEL_ATTR,), scroll=False, timeout_s=15.0)


def is_complete(folder: Path) -> bool:
    return (folder / "page.json").is_file() and (folder / "labels.json").is_file()


def labels_from_raw(page: SynthPage, raw: dict[int, dict[str, str]]) -> PageLabels:
    """The page's :class:`PageLabels` from the capture's raw label attributes (element id ->
    {attribute: value})."""
    return PageLabels(page.page_type, {eid: attrs[LABEL_ATTR] for eid, attrs in raw.items() if LABEL_ATTR in attrs})


def render_pages(pages: Iterable[SynthPage], workers: int = 2, browser=None) -> Iterator[tuple[SynthPage, object]]:
    """Capture pages in Chromium; yields ``(page, CaptureResult)`` in completion order, in chunks
    of :data:`CHUNK` pages."""
    from pagelens.capture import Browser, CaptureJob

    opts = capture_options()
    own = browser is None
    browser = browser or Browser()
    if own:
        browser.start()
    try:
        chunk: list[SynthPage] = []

        def flush() -> Iterator[tuple[SynthPage, object]]:
            jobs = [CaptureJob(source=f"synthetic/{pg.key}", html=pg.html, viewport=pg.viewport) for pg in chunk]
            for result in browser.capture_many(jobs, opts, workers=workers):
                yield chunk[result.index], result

        for pg in pages:
            chunk.append(pg)
            if len(chunk) >= CHUNK:
                yield from flush()
                chunk = []
        if chunk:
            yield from flush()
    finally:
        if own:
            browser.close()


def synth_to_folders(out_dir: str | Path, n_pages: int, seed: int = 0, workers: int = 2, split: str = "train",
                     mobile_fraction: float = 0.3, start: int = 0, progress: bool = True,
                     offline_fraction: float = OFFLINE_LOOK_FRACTION,
                     indices: Sequence[int] | None = None, form_buttons: float = 0.0,
                     families: Sequence[str] | None = None) -> SynthRun:
    """Generate and capture pages ``start .. start + n_pages - 1`` of run ``seed`` into ``out_dir``
    (or exactly the pages ``indices``, when given); ``families``: only these layout families
    (``generate_page``)."""
    from tqdm import tqdm

    check_split(split)
    if families is not None:
        families = DEFAULT_SPLIT.check_families(families, split)  # fail before any browser starts
    if n_pages < 0 or workers < 1:
        raise ValueError(f"need pages >= 0 and workers >= 1, got pages={n_pages}, workers={workers}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    run = SynthRun()
    todo = []
    for i in (range(start, start + n_pages) if indices is None else indices):
        if is_complete(out / f"{seed}-{i}"):
            run.skipped += 1
        else:
            todo.append(i)
    if run.skipped:
        log.info("%s: %d pages already there, skipped", out, run.skipped)
    if not todo:
        return run

    def rendered() -> Iterator[tuple[SynthPage, object]]:
        """Every page once; the ones that failed (under load Chromium now and then cannot take
        a screenshot) once more at the end, so a run does not quietly lose pages."""
        failed: list[SynthPage] = []
        pages = (generate_page(seed, i, split=split, mobile_fraction=mobile_fraction,
                               offline_fraction=offline_fraction, form_buttons=form_buttons,
                               families=families)
                 for i in todo)
        for page, result in render_pages(pages, workers=workers):
            if result.ok:
                yield page, result
            else:
                failed.append(page)
                log.info("%s failed (%s); it is tried again at the end", page.key, result.error)
        if failed:
            log.info("trying %d failed pages again", len(failed))
            yield from render_pages(failed, workers=1)

    bar = tqdm(total=len(todo), desc="synth", unit="page", disable=not progress)
    t0 = time.perf_counter()
    with open(out / "index.jsonl", "a", encoding="utf-8") as index:
        for page, result in rendered():
            bar.update(1)
            if not result.ok:
                run.failed += 1
                run.errors.append(result.error or "unknown error")
                log.warning("%s", result.error)
                continue
            folder = out / page.key
            labels = labels_from_raw(page, result.raw_labels)
            expected = sum(page.label_counts.values())
            if len(labels.elements) != expected:
                run.mismatched.append(page.key)
                log.warning("%s: %d labels generated but %d found in the capture", page.key, expected,
                            len(labels.elements))
            result.capture.save(folder)
            labels.save(folder)
            run.written += 1
            run.page_types[page.page_type] = run.page_types.get(page.page_type, 0) + 1
            for label in labels.elements.values():
                run.label_counts[label] = run.label_counts.get(label, 0) + 1
            index.write(json.dumps({"key": page.key, "split": split, "page_type": page.page_type,
                                    "family": page.family, "archetype": page.archetype, "locale": page.locale,
                                    "currency": page.currency, "class_style": page.class_style,
                                    "autocomplete": page.autocomplete, "look": page.look,
                                    "mobile": page.viewport.is_mobile,
                                    "viewport": [page.viewport.width, page.viewport.height]}) + "\n")
            index.flush()
    bar.close()
    run.seconds = time.perf_counter() - t0
    log.info("%s: wrote %d pages in %.1f s (%.2f pages/s), %d failed", out, run.written, run.seconds,
             run.pages_per_second, run.failed)
    return run


def contact_sheet(path: str | Path, n_pages: int = 48, seed: int = 0, workers: int = 2, split: str = "all",
                  mobile_fraction: float = 0.3, columns: int = 8, thumb_width: int = 300,
                  offline_fraction: float = OFFLINE_LOOK_FRACTION,
                  families: Sequence[str] | None = None) -> Path:
    """A grid of the first-viewport crops of ``n_pages`` random pages, as one PNG (a person's view
    of the variety). Each tile is ``thumb_width`` px wide (phones narrower) with a caption of the
    page's family and locale. ``families``: draw layouts only from these (as ``synth_to_folders``)."""
    from PIL import Image, ImageDraw

    check_split(split)
    pages = [generate_page(seed, i, split=split, mobile_fraction=mobile_fraction,
                           offline_fraction=offline_fraction, families=families) for i in range(n_pages)]
    thumb_h = int(thumb_width * 800 / 1280)
    caption_h = 14
    tiles: dict[str, Image.Image] = {}
    for page, result in render_pages(pages, workers=workers):
        if not result.ok:
            log.warning("%s", result.error)
            continue
        with Image.open(io.BytesIO(result.capture.screenshot_png)) as im:
            vp = page.viewport
            crop = im.convert("RGB").crop((0, 0, min(vp.width, im.width), min(vp.height, im.height)))
        scale = thumb_h / crop.height
        tiles[page.key] = crop.resize((max(1, int(crop.width * scale)), thumb_h), Image.LANCZOS)
    rows = (len(pages) + columns - 1) // columns
    gap = 6
    sheet = Image.new("RGB", (columns * (thumb_width + gap) + gap, rows * (thumb_h + caption_h + gap) + gap), (40, 40, 40))
    draw = ImageDraw.Draw(sheet)
    for n, page in enumerate(pages):
        x = gap + (n % columns) * (thumb_width + gap)
        y = gap + (n // columns) * (thumb_h + caption_h + gap)
        tile = tiles.get(page.key)
        if tile is not None:
            sheet.paste(tile.crop((0, 0, min(tile.width, thumb_width), thumb_h)), (x + max(0, (thumb_width - tile.width) // 2), y))
        draw.text((x, y + thumb_h + 1), f"{page.family[:30]} {page.locale}", fill=(220, 220, 220))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
    log.info("contact sheet of %d pages: %s (%d x %d px)", len(tiles), path, sheet.width, sheet.height)
    return path
