"""The machinery every real-page corpus shares: list source pages, render them once, attach gold
labels to elements of our own capture, and cache the result as capture folders.

A corpus turns into folders ``<cache>/<corpus>/<page key>/`` holding ``page.png``, ``page.json``,
``page.html`` (from :meth:`pagelens.records.PageCapture.save`), ``labels.json`` (a
:class:`pagelens.metrics.GoldPage`), ``raw_labels.json`` (the label attributes the browser read,
so labels can be recomputed without rendering: :func:`relabel_corpus`) and ``match.json`` (how many gold labels the source had and
how many could not be found on an element of the capture, with a reason for each). A folder with
``labels.json`` is complete; building again skips it, so an interrupted build resumes. A page the
browser could not render gets ``error.txt`` instead and is skipped on later builds.

Gold labels reach the capture through element attributes: the answer key of ddg-forms is already
an attribute, and the other corpora mark the gold element in the source HTML with a temporary
``data-pl-gold`` attribute (found with lxml, the parser Formasaurus itself annotated with). The
browser reads those attributes per element and removes them before the screenshot, the HTML dump
and the attribute lists are taken (``CaptureOptions.label_attributes``), so no predictor sees them.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Protocol, Sequence
from urllib.parse import urlparse

from pagelens.metrics import GoldPage

log = logging.getLogger(__name__)

GOLD_ATTRIBUTE = "data-pl-gold"  # the temporary marker of a gold element in rewritten source HTML
DEFAULT_CACHE = Path("data/corpora")  # relative to the working directory; /data/ is gitignored
DEFAULT_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "realpages"


@dataclass(frozen=True)
class SourcePage:
    """One page of a corpus before rendering. ``key`` names its cache folder; ``site`` is its
    website (lower-case domain or the corpus's own site name), the unit of grouped scoring;
    ``path`` is the saved page; ``payload`` is what the corpus needs to attach gold labels."""

    key: str
    site: str
    path: Path
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """How the gold labels of one page fared: ``expected`` labels in the source, ``unmatched``
    of them not found on any element of the capture, with one reason per unmatched label."""

    expected: int
    unmatched: int
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"expected": self.expected, "unmatched": self.unmatched, "reasons": list(self.reasons)}


class Corpus(Protocol):
    """What a corpus module provides."""

    name: str
    label_attributes: tuple[str, ...]

    def list_pages(self, root: Path) -> list[SourcePage]:
        """Every page of the corpus under ``root`` (the corpus folder), in a fixed order."""
        ...

    def prepare(self, page: SourcePage) -> str | None:
        """The HTML to render (source with gold markers), or None to render the file itself."""
        ...

    def gold(self, page: SourcePage, raw_labels: Mapping[int, Mapping[str, str]],
             capture) -> tuple[GoldPage, Match]:
        """Gold labels on elements of ``capture`` from the label attributes the browser read."""
        ...


@dataclass(frozen=True)
class BuildReport:
    """Per corpus: pages listed, cached (captured now or before), failed to render, and gold
    labels expected and unmatched (summed over cached pages), with the commonest reasons."""

    corpus: str
    pages: int
    cached: int
    failed: int
    expected_labels: int
    unmatched_labels: int
    reasons: Mapping[str, int]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "pages": self.pages, "cached": self.cached,
                "failed": self.failed, "expected_labels": self.expected_labels,
                "unmatched_labels": self.unmatched_labels, "reasons": dict(self.reasons),
                "seconds": round(self.seconds, 1)}

    def line(self) -> str:
        return (f"{self.corpus}: {self.cached}/{self.pages} pages cached, {self.failed} failed to "
                f"render; {self.unmatched_labels}/{self.expected_labels} gold labels unmatched")


# ---------------------------------------------------------------------------------------------
# Helpers the corpora share


def site_of_url(url: str) -> str:
    """The grouping key of a URL: its host name, lower-case, without a leading ``www.``."""
    host = (urlparse(url).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


_WS = re.compile(r"\s+")


def normalize_ws(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def parse_html(data: bytes | str):
    """Parse a saved page with lxml the way Formasaurus does (bytes taken as UTF-8)."""
    import lxml.html

    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = lxml.html.HTMLParser(encoding="utf-8")
    return lxml.html.fromstring(data, parser=parser)


def serialize_utf8(root) -> str:
    """The document as HTML text that a browser reads as UTF-8 whatever charset the original
    declared: charset declarations are removed and ``<meta charset="utf-8">`` goes first in
    ``<head>`` (the text was decoded from UTF-8 bytes, so an old declaration would garble it)."""
    import lxml.html

    for meta in root.xpath("//meta[@charset] | //meta[translate(@http-equiv,"
                           "'CONTENTYP','contentyp')='content-type']"):
        meta.getparent().remove(meta)
    head = root.find("head")
    if head is None:
        head = lxml.html.Element("head")
        root.insert(0, head)
    meta = lxml.html.Element("meta")
    meta.set("charset", "utf-8")
    head.insert(0, meta)
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode", method="html")


def count_reasons(matches: Sequence[Match]) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in matches:
        for r in m.reasons:
            out[r] = out.get(r, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


# ---------------------------------------------------------------------------------------------
# Building and reading the cache


def build_corpus(corpus: Corpus, root: Path, cache_dir: Path, workers: int = 2,
                 pages: Sequence[SourcePage] | None = None, chunk: int = 12,
                 progress: Callable[[int, int], None] | None = None,
                 browser: Any = None) -> BuildReport:
    """Render every page of ``corpus`` not yet in ``cache_dir/<corpus.name>`` and attach gold.

    ``root`` is the corpus folder; ``pages`` restricts the build to a subset (default: all);
    ``progress(done, total)`` is called after each page. Pages are prepared ``chunk`` at a time
    so the rewritten HTML of a big corpus never sits in memory at once. ``browser``: a started
    :class:`pagelens.capture.Browser` to use (default: one started and closed here).
    """
    from pagelens.capture import Browser, CaptureJob, CaptureOptions

    t0 = time.perf_counter()
    out_dir = Path(cache_dir) / corpus.name
    out_dir.mkdir(parents=True, exist_ok=True)
    all_pages = list(pages) if pages is not None else corpus.list_pages(root)
    todo = [p for p in all_pages if not (out_dir / p.key / "labels.json").is_file()
            and not (out_dir / p.key / "error.txt").is_file()]
    log.info("%s: %d pages, %d to capture", corpus.name, len(all_pages), len(todo))
    options = CaptureOptions(label_attributes=corpus.label_attributes)
    done = len(all_pages) - len(todo)
    if todo:
        own = browser is None
        if own:
            browser = Browser()
            browser.start()
        try:
            for start in range(0, len(todo), chunk):
                part = todo[start:start + chunk]
                jobs = []
                for p in part:
                    try:
                        html = corpus.prepare(p)
                    except Exception as exc:  # a page we cannot parse is a failed page
                        html = None
                        _write_error(out_dir / p.key, f"{p.path}: could not prepare ({exc})")
                        continue
                    jobs.append((p, CaptureJob(source=str(p.path), html=html)))
                for r in _capture_all(browser, [j for _, j in jobs], options, workers):
                    page = jobs[r.index][0]
                    folder = out_dir / page.key
                    if r.capture is None:
                        _write_error(folder, r.error or f"{page.path}: capture failed")
                    elif r.capture.final_url.startswith("chrome-error:"):
                        # The page's own script sent the browser to an unreachable URL before
                        # it finished loading; what was captured is Chromium's error page.
                        _write_error(folder, f"{page.path}: the page navigated to an unreachable "
                                             "URL while loading (offline); got an error page")
                    else:
                        gold, match = corpus.gold(page, r.raw_labels, r.capture)
                        if folder.exists():
                            shutil.rmtree(folder)
                        r.capture.save(folder)
                        (folder / "raw_labels.json").write_text(json.dumps(
                            {str(k): v for k, v in sorted(r.raw_labels.items())}, ensure_ascii=False))
                        (folder / "match.json").write_text(json.dumps(match.to_dict()))
                        gold.save(folder)  # last: marks the folder complete
                    done += 1
                    if progress is not None:
                        progress(done, len(all_pages))
                log.info("%s: %d/%d pages", corpus.name, done, len(all_pages))
        finally:
            if own:
                browser.close()
    return report_of(corpus.name, out_dir, [p.key for p in all_pages], time.perf_counter() - t0)


def _capture_all(browser, jobs: list, options, workers: int) -> Iterator:
    """``browser.capture_many`` results, exactly ``len(jobs)`` of them, then let the generator
    finish its clean-up (an older ``capture_many`` could raise ``CancelledError`` there when its
    worker future had not finished yet; the results are all in by then, so that is ignored)."""
    import concurrent.futures

    gen = browser.capture_many(jobs, options, workers=workers)
    for _ in range(len(jobs)):
        yield next(gen)
    try:
        next(gen)
    except (StopIteration, concurrent.futures.CancelledError):
        pass
    finally:
        gen.close()


def relabel_corpus(corpus: Corpus, root: Path, cache_dir: Path,
                   pages: Sequence[SourcePage] | None = None) -> BuildReport:
    """Recompute ``labels.json`` and ``match.json`` of cached pages from their saved
    ``raw_labels.json`` (the label attributes the browser read), without rendering again: for a
    change in how a corpus maps its labels."""
    from pagelens.records import PageCapture

    t0 = time.perf_counter()
    out_dir = Path(cache_dir) / corpus.name
    all_pages = list(pages) if pages is not None else corpus.list_pages(root)
    for p in all_pages:
        folder = out_dir / p.key
        raw_path = folder / "raw_labels.json"
        if not (folder / "labels.json").is_file() or not raw_path.is_file():
            continue
        raw = {int(k): v for k, v in json.loads(raw_path.read_text(encoding="utf-8")).items()}
        gold, match = corpus.gold(p, raw, PageCapture.load(folder, with_screenshot=False))
        (folder / "match.json").write_text(json.dumps(match.to_dict()))
        gold.save(folder)
    return report_of(corpus.name, out_dir, [p.key for p in all_pages], time.perf_counter() - t0)


def _write_error(folder: Path, message: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "error.txt").write_text(message + "\n", encoding="utf-8")
    log.warning("%s", message)


def report_of(name: str, out_dir: Path, keys: Sequence[str], seconds: float = 0.0) -> BuildReport:
    """Summarise the cache folders of ``keys`` under ``out_dir``."""
    matches, failed, cached = [], 0, 0
    for key in keys:
        folder = out_dir / key
        if (folder / "labels.json").is_file():
            cached += 1
            m = json.loads((folder / "match.json").read_text()) if (folder / "match.json").is_file() \
                else {"expected": 0, "unmatched": 0}
            matches.append(Match(m["expected"], m["unmatched"], tuple(m.get("reasons", ()))))
        elif (folder / "error.txt").is_file():
            failed += 1
    return BuildReport(name, len(keys), cached, failed, sum(m.expected for m in matches),
                       sum(m.unmatched for m in matches), count_reasons(matches), seconds)


def iter_capture_folders(folder: Path) -> Iterator[Path]:
    """Capture folders with gold labels under ``folder`` (it or its sub-folders), sorted."""
    folder = Path(folder)
    if (folder / "page.json").is_file() and (folder / "labels.json").is_file():
        yield folder
        return
    for p in sorted(folder.rglob("labels.json")):
        if (p.parent / "page.json").is_file():
            yield p.parent
