"""Render pages in a real browser (Playwright driving Chromium) and capture them as records.

A capture is what every other part of pagelens reads: the full-page screenshot at CSS scale
(one screenshot pixel per CSS pixel), every element with its page-level box, text, attributes
and computed style, and the rendered DOM. See :mod:`pagelens.records` for the coordinate space.

Design notes:
- One Chromium serves many pages; browser contexts (one per viewport and worker) are reused for
  consecutive pages, cookies cleared between them, and dropped after a failed capture (a fresh
  context per page cost ~0.3 s of wall time per page). Playwright's async API runs on one event
  loop in a background thread, so sync callers can stream results from ``capture_many`` while
  ``workers`` pages render concurrently.
- Offline by default: requests leaving the machine fail inside Chromium (a proxy nobody listens
  on) and are counted in the capture's warnings; ``online=True`` uses a second Chromium that
  lets them through. Loopback hosts are always allowed (they are this
  machine).
- Hostile pages never hang a batch: every browser step has a deadline; dialogs are dismissed,
  popups closed, downloads refused, and navigation away from the captured page is blocked.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import statistics
import tempfile
import threading
import time
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterable, Iterator, Sequence
from urllib.parse import urlparse

from pagelens.records import (KEPT_ATTRIBUTE_PREFIXES, KEPT_ATTRIBUTES, Element, PageCapture,
                              Viewport)

log = logging.getLogger(__name__)

CHROMIUM_PATH = os.environ.get("PAGELENS_CHROMIUM", "/usr/bin/chromium")
# --disable-partial-raster: a layer drawn again in part (a dialog over a dimmed page) gave the
# antialiased edge of a rounded corner one of two values depending on timing, so the same page
# made two different screenshots when the machine was busy; without partial raster the same
# page makes the same pixels (bench/render_determinism.py; docs/capture.md).
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-partial-raster",
)
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".mhtml", ".mht")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")  # screenshots, labelled by OCR
LIST_SUFFIXES = (".txt", ".list")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Offline Chromium: http(s) and ws(s) go to a proxy nobody listens on (loopback is bypassed).
OFFLINE_PROXY = "127.0.0.1:9"
OFFLINE_ARGS = (f"--proxy-server=http://{OFFLINE_PROXY}", "--proxy-bypass-list=localhost;127.0.0.1;[::1]",
                "--force-webrtc-ip-handling-policy=disable_non_proxied_udp")
CONTEXT_REUSE = 50  # pages one browser context serves before a fresh one replaces it
# The page's own attempts to navigate its top frame to another document (script, meta refresh,
# forms) are cancelled through the Navigation API and counted for the capture's warnings: from
# the start offline (a saved page that redirects stays itself instead of ending on an error
# page), from the load event online (redirects while loading are the site's own; a page that
# never finishes loading is armed by the capture when it gives up waiting).
_NAV_GUARD_JS = """(armed) => {
  if (window !== window.top || !window.navigation || window.__pagelensBlocked) return;
  window.__pagelensBlocked = [];
  window.__pagelensArmed = armed;
  // Registered before any page script, so this runs before the page's own load handlers.
  window.addEventListener("load", () => { window.__pagelensArmed = true; });
  navigation.addEventListener("navigate", (e) => {
    if (window.__pagelensArmed && e.cancelable && !e.destination.sameDocument) {
      e.preventDefault();
      window.__pagelensBlocked.push(String(e.destination.url).slice(0, 200));
    }
  });
}"""
_ARM_GUARD_JS = f"""() => {{ ({_NAV_GUARD_JS})(true); window.__pagelensArmed = true; }}"""
_EXTRACT_JS = (Path(__file__).parent / "js" / "extract.js").read_text(encoding="utf-8")
# Scroll through the page once so lazy content (IntersectionObserver, loading=lazy) loads, then
# return to the top. Each step waits for a frame; at most `maxSteps` viewports.
_SCROLL_JS = """async (maxSteps) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const height = () => Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
  for (let i = 1; i <= maxSteps && i * window.innerHeight < height(); i++) {
    window.scrollTo(0, i * window.innerHeight);
    await frame();
  }
  window.scrollTo(0, 0);
  await frame();
}"""

# A focused text box draws a blinking caret, so whether a screenshot shows it depends on the
# moment it is taken; the screenshot is taken with carets transparent (as Playwright's own
# screenshots do), in every frame, and the style is removed before the HTML is read.
_CARET_STYLE_ID = "__pagelens_hide_caret"
_HIDE_CARETS_JS = f"""(hide) => {{
  const old = document.getElementById("{_CARET_STYLE_ID}");
  if (old) old.remove();
  if (!hide) return;
  const style = document.createElement("style");
  style.id = "{_CARET_STYLE_ID}";
  style.textContent = "* {{ caret-color: transparent !important; }}";
  (document.head || document.documentElement).appendChild(style);
}}"""


class InputError(ValueError):
    """An input that cannot be captured; the message names the input and the problem."""


@dataclass(frozen=True)
class CaptureOptions:
    viewport: Viewport = field(default_factory=Viewport.desktop)
    online: bool = False            # let requests leave the machine (URLs need this)
    timeout_s: float = 15.0         # a page still loading after this is captured as it is
    scroll: bool = True             # scroll once through the page for lazy content
    max_scroll_steps: int = 15      # viewports scrolled at most (long pages: rest stays lazy)
    max_height: int = 16000         # screenshot height cap in CSS px (Chromium's texture limit)
    # Screenshot width cap in CSS px (never below the viewport's width): content spilling far to
    # the right (an off-screen carousel 20,000 px wide) made shots of 20,783 x 16,000 px that took
    # 8-9 s to take and 0.7 s to decode; the model looks at the first 2,000 px.
    max_width: int = 2560
    # Attributes read per element (into CaptureResult.raw_labels) and then removed from the DOM
    # before the screenshot and the HTML dump; never part of Element.attrs.
    label_attributes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {self.timeout_s}")
        if self.max_height < 100:
            raise ValueError(f"max_height must be at least 100 CSS px, got {self.max_height}")
        if self.max_width < 100:
            raise ValueError(f"max_width must be at least 100 CSS px, got {self.max_width}")
        object.__setattr__(self, "label_attributes",
                           tuple(a.lower() for a in self.label_attributes))


@dataclass(frozen=True)
class CaptureJob:
    """One page to capture: ``source`` (a URL or a file path), or ``html`` given directly (then
    ``source`` is only its name)."""

    source: str
    html: str | None = None
    viewport: Viewport | None = None  # overrides the options' viewport for this page


@dataclass
class CaptureResult:
    source: str
    index: int = 0
    capture: PageCapture | None = None
    error: str | None = None
    raw_labels: dict[int, dict[str, str]] = field(default_factory=dict)
    folder: Path | None = None

    @property
    def ok(self) -> bool:
        return self.capture is not None


def is_url(text: str) -> bool:
    return bool(re.match(r"^(https?|file)://", text, re.IGNORECASE))


def expand_inputs(inputs: Iterable[str], images: bool = False) -> list[tuple[str, str | None]]:
    """Expand folders (recursively, sorted) and list files into single inputs.

    Returns ``(input, error)`` pairs; ``error`` is None for inputs that look capturable, else a
    one-line message naming the input. Contents are checked later, at capture time. ``images``:
    screenshot files given by name (or in a list) are inputs too (labelling reads them by OCR;
    folders still yield their pages only).
    """
    out: list[tuple[str, str | None]] = []
    for raw in inputs:
        item = raw.strip()
        if not item:
            continue
        if is_url(item):
            out.append((item, None))
            continue
        path = Path(item)
        if path.is_dir():
            if (path / "page.json").is_file():
                out.append((item, None))  # a capture folder: its consumer decides
                continue
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.name.lower().endswith(HTML_SUFFIXES))
            if not found:
                out.append((item, f"{item}: folder holds no .html, .htm, .html.gz or .mhtml file"))
            out.extend((str(p), None) for p in found)
        elif path.is_file() and path.name.lower().endswith(LIST_SUFFIXES):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()]
            entries = [ln for ln in lines if ln and not ln.startswith("#")]
            if not entries:
                out.append((item, f"{item}: input list is empty"))
            out.extend(expand_inputs(entries, images))
        elif not path.exists():
            out.append((item, f"{item}: no such file or folder"))
        elif images and path.name.lower().endswith(IMAGE_SUFFIXES):
            out.append((item, None))
        elif not path.name.lower().endswith(HTML_SUFFIXES):
            also = ", a screenshot (.png, .jpg)" if images else ""
            out.append((item, f"{item}: not a page (expected .html, .htm, .html.gz, .mhtml{also}, "
                              "a folder, a .txt list or a URL)"))
        else:
            out.append((item, None))
    return out


def _read_page_file(path: Path) -> bytes:
    """The page's bytes, decompressed; raises InputError for empty, binary or unreadable files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: not a valid gzip file ({exc})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: binary file, not HTML")
    return data


def _mhtml_to_html(path: Path, data: bytes) -> bytes:
    """The main document of an MHTML archive, its saved resources inlined as data: URIs.

    Chromium runs no script in an MHTML document, not even the capture's own, so an archive is
    unpacked into a plain HTML page first.
    """
    import base64
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.compat32)
    parts = [p for p in msg.walk() if not p.is_multipart()]
    main = next((p for p in parts if p.get_content_type() == "text/html"), None)
    if main is None:
        raise InputError(f"{path}: MHTML archive holds no text/html part")
    charset = main.get_content_charset() or "utf-8"
    html = (main.get_payload(decode=True) or b"").decode(charset, errors="replace")
    for part in parts:
        location = part.get("Content-Location")
        if part is main or not location or location not in html:
            continue
        payload = part.get_payload(decode=True) or b""
        uri = f"data:{part.get_content_type()};base64,{base64.b64encode(payload).decode()}"
        html = html.replace(location, uri)
    return html.encode("utf-8")


_CHARSET_DECLARED = re.compile(rb"<meta[^>]*charset", re.IGNORECASE)
_HEAD_OPEN = re.compile(rb"<head(\s[^>]*)?>|<html(\s[^>]*)?>", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _needs_utf8_hint(data: bytes) -> bool:
    """True for a page that is UTF-8 but does not say so: no byte-order mark, no ``<meta
    charset>`` near the top, and non-ASCII bytes. Chromium reads such a file as windows-1252
    (a saved "«" shows as "Â«"), so the capture hands it over with a UTF-8 byte-order mark."""
    if data.startswith(_BOMS) or _CHARSET_DECLARED.search(data[:4096]) or data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # a legacy encoding: Chromium's own guess is the right one
    return True


def _with_base(data: bytes, base_url: str) -> bytes:
    """``data`` with ``<base href=base_url>`` after its ``<head>`` (or ``<html>``) tag, so a copy
    written elsewhere still finds the original's relative resources. A page with its own
    ``<base>`` is left alone."""
    if data.startswith(_BOMS[1:]) or re.search(rb"<base[\s>]", data[:65536], re.IGNORECASE):
        return data  # UTF-16 (rare) is left as it is
    tag = f'<base href="{base_url}">'.encode()
    m = _HEAD_OPEN.search(data[:65536])
    at = m.end() if m else (3 if data.startswith(_BOMS[0]) else 0)
    return data[:at] + tag + data[at:]


def _strip_label_attributes(html: str, names: Sequence[str]) -> str:
    """Remove label attributes that survive in the DOM dump as text, e.g. inside an iframe's
    ``srcdoc`` (where they appear as ``name=&quot;...&quot;``). The live elements' own label
    attributes are already gone by then."""
    for name in names:
        if name in html:
            html = re.sub(rf"\s{re.escape(name)}=(?:&quot;.*?&quot;|\"[^\"]*\"|'[^']*'|[^\s>&]+)",
                          "", html)
    return html


def slug_for(source: str) -> str:
    """A folder name for an input: readable, unique per source string."""
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    if is_url(source):
        parsed = urlparse(source)
        base = (parsed.netloc + parsed.path).strip("/")
    else:
        p = Path(source)
        name = p.name
        for suffix in HTML_SUFFIXES:
            if name.lower().endswith(suffix):
                name = name[: -len(suffix)]
                break
        base = f"{p.parent.name}-{name}" if p.parent.name else name
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-.")[-60:] or "page"
    return f"{base}-{digest}"


class _PageState:
    """What happened to one page while it rendered, for its warnings."""

    def __init__(self, allow_network: bool) -> None:
        self.allow_network = allow_network
        self.blocked = 0
        self.dialogs = 0
        self.popups = 0


class _Slot:
    """A browser context kept for consecutive pages of one viewport, one page at a time.

    A fresh context per page cost about 0.3 s of wall time and as much CPU in Chromium; reused,
    cookies are cleared between pages, the context is dropped after any failed capture and after
    ``CONTEXT_REUSE`` pages.
    """

    def __init__(self, context, browser, key: tuple) -> None:
        self.context = context
        self.browser = browser
        self.key = key  # (viewport fields, online)
        self.online = key[1]
        self.pages = 0
        self.page = None
        self.opening = False
        self.state: _PageState | None = None

    def on_page(self, page) -> None:
        if self.opening:  # the page the capture itself opens (the event comes before new_page returns)
            self.opening = False
            return
        if page is not self.page:
            if self.state is not None:
                self.state.popups += 1
            asyncio.ensure_future(_close_quietly(page))


async def _close_quietly(page) -> None:
    from playwright.async_api import Error as PlaywrightError

    try:
        await page.close()
    except PlaywrightError:
        pass


class Browser:
    """One Chromium for many pages. Use as a context manager::

        with Browser() as browser:
            result = browser.capture(CaptureJob("page.html"), CaptureOptions())
    """

    def __init__(self, executable_path: str = CHROMIUM_PATH) -> None:
        self.executable_path = executable_path
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pw = None
        self._browsers: dict[bool, object] = {}  # by online: one Chromium per network mode
        self._tmp = Path(tempfile.mkdtemp(prefix="pagelens-capture-"))
        self._idle: dict[tuple, list[_Slot]] = {}
        self._launch_lock: asyncio.Lock | None = None

    # -- lifecycle --

    def __enter__(self) -> "Browser":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        if self._loop is not None:
            return
        if not Path(self.executable_path).exists():
            raise RuntimeError(f"Chromium not found at {self.executable_path}: run scripts/setup.sh "
                               "(apt-get install chromium) or set PAGELENS_CHROMIUM")
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagelens-browser",
                                        daemon=True)
        self._thread.start()
        self._run(self._launch())

    def close(self) -> None:
        if self._loop is None:
            return
        try:
            self._run(self._shutdown(), timeout=20)
        except Exception as exc:  # closing must not raise over a result already produced
            log.warning("browser shutdown: %s", exc)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._loop = None
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _run(self, coro, timeout: float | None = None):
        assert self._loop is not None, "Browser not started"
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _launch(self) -> None:
        from playwright.async_api import async_playwright

        if self._launch_lock is None:
            self._launch_lock = asyncio.Lock()
        if self._pw is None:
            self._pw = await async_playwright().start()
        await self._ensure_browser(online=False)

    async def _shutdown(self) -> None:
        for browser in self._browsers.values():
            if browser.is_connected():
                await browser.close()
        if self._pw is not None:
            await self._pw.stop()
        self._browsers, self._pw = {}, None

    async def _ensure_browser(self, online: bool):
        """The Chromium for this network mode, started on first use and again if it crashed.

        The offline one sends every request that would leave the machine to a proxy that is not
        there (loopback bypasses it), so Chromium fails them itself, at once: WebSockets and
        prefetches too, which a Playwright route never sees, and without a round trip through
        the driver per request to decide (real saved pages make ~230 each).
        """
        assert self._launch_lock is not None
        async with self._launch_lock:
            browser = self._browsers.get(online)
            if browser is None or not browser.is_connected():
                if browser is not None:
                    log.warning("Chromium went away; starting it again")
                args = list(CHROMIUM_ARGS) + ([] if online else list(OFFLINE_ARGS))
                browser = await self._pw.chromium.launch(
                    executable_path=self.executable_path, headless=True, args=args)
                self._browsers[online] = browser
            return browser

    # -- capture --

    def capture(self, job: CaptureJob | str, options: CaptureOptions | None = None) -> CaptureResult:
        """Capture one page. Never raises for a bad page: the result carries the error."""
        job = CaptureJob(job) if isinstance(job, str) else job
        options = options or CaptureOptions()
        return self._run(self._capture_guarded(job, options, 0))

    def capture_and_act(self, job: CaptureJob | str,
                        act: Callable[[Any, PageCapture], Awaitable[Any]],
                        options: CaptureOptions | None = None) -> tuple[CaptureResult, Any]:
        """Capture one page, then run ``act(page, capture)`` on the same open page (a Playwright
        async page, in the browser's event loop) before it is closed: what a filler needs, which
        decides from the capture and then types into the page that was captured, not into a
        second load of it. Returns the capture result and what ``act`` returned (None when the
        capture failed; its error is in the result). An exception in ``act`` is raised here."""
        job = CaptureJob(job) if isinstance(job, str) else job
        options = options or CaptureOptions()
        acted: list[Any] = []

        async def after(page: Any, result: CaptureResult) -> None:
            if result.capture is not None:
                acted.append(await act(page, result.capture))

        async def run() -> CaptureResult:
            deadline = page_deadline(options)
            try:
                return await asyncio.wait_for(self._capture(job, options, 0, after), deadline)
            except InputError as exc:
                return CaptureResult(job.source, 0, error=str(exc))
            except asyncio.TimeoutError:
                return CaptureResult(job.source, 0,
                                     error=f"{job.source}: page did not respond within {deadline:.0f} s")

        result = self._run(run())
        return result, (acted[0] if acted else None)

    def capture_many(self, jobs: Sequence[CaptureJob | str], options: CaptureOptions | None = None,
                     workers: int = 2) -> Iterator[CaptureResult]:
        """Capture pages ``workers`` at a time; yields results as they finish (``result.index``
        is the job's position)."""
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        options = options or CaptureOptions()
        jobs = [CaptureJob(j) if isinstance(j, str) else j for j in jobs]
        assert self._loop is not None, "Browser not started"
        import queue

        results: queue.Queue = queue.Queue()

        async def run_all() -> None:
            sem = asyncio.Semaphore(workers)

            async def one(i: int, job: CaptureJob) -> None:
                async with sem:
                    results.put(await self._capture_guarded(job, options, i))

            await asyncio.gather(*(one(i, j) for i, j in enumerate(jobs)))

        fut = asyncio.run_coroutine_threadsafe(run_all(), self._loop)
        finished = False
        try:
            for _ in range(len(jobs)):
                yield results.get()
            finished = True
        finally:
            if not finished:  # the caller stopped early: stop rendering the rest
                fut.cancel()
        fut.result()

    async def _capture_guarded(self, job: CaptureJob, options: CaptureOptions, index: int) -> CaptureResult:
        deadline = page_deadline(options)
        try:
            return await asyncio.wait_for(self._capture(job, options, index), deadline)
        except InputError as exc:
            return CaptureResult(job.source, index, error=str(exc))
        except asyncio.TimeoutError:
            return CaptureResult(job.source, index,
                                 error=f"{job.source}: page did not respond within {deadline:.0f} s")
        except Exception as exc:  # one broken page never stops a batch
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return CaptureResult(job.source, index, error=f"{job.source}: {msg}")

    def _resolve(self, job: CaptureJob) -> tuple[str, bool, str]:
        """The URL to open, whether it is a local file, and the URL to report as the page's own
        (a local page may be opened from a temporary copy)."""
        if job.html is not None:
            if not job.html.strip():
                raise InputError(f"{job.source}: HTML is empty")
            path = self._tmp / f"{hashlib.sha1(job.source.encode()).hexdigest()[:12]}-{id(job)}.html"
            # The byte-order mark makes Chromium read UTF-8 whatever charset the markup declares.
            path.write_bytes(b"\xef\xbb\xbf" + job.html.encode("utf-8", errors="replace"))
            return path.as_uri(), True, path.as_uri()
        if is_url(job.source):
            if job.source.lower().startswith("file://"):
                local = Path(urlparse(job.source).path)
                _read_page_file(local)
                return job.source, True, job.source
            return job.source, False, job.source
        path = Path(job.source)
        if not path.exists():
            raise InputError(f"{job.source}: no such file")
        if path.is_dir():
            raise InputError(f"{job.source}: is a folder, not a page")
        name = path.name.lower()
        if not name.endswith(HTML_SUFFIXES):
            raise InputError(f"{job.source}: not a page (expected .html, .htm, .html.gz or .mhtml)")
        data = _read_page_file(path)
        own_url = path.resolve().as_uri()
        copy = False
        if name.endswith((".mhtml", ".mht")):
            data = b"\xef\xbb\xbf" + _mhtml_to_html(path, data)
            copy = True
        else:
            hint = _needs_utf8_hint(data)
            if hint:
                data = b"\xef\xbb\xbf" + data
            if hint or name.endswith(".gz"):
                data = _with_base(data, path.resolve().parent.as_uri() + "/")
                copy = True
        if copy:
            out = self._tmp / f"{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]}.html"
            out.write_bytes(data)
            return out.as_uri(), True, own_url
        return own_url, True, own_url

    async def _capture(self, job: CaptureJob, options: CaptureOptions, index: int,
                       after: Callable[[Any, CaptureResult], Awaitable[None]] | None = None
                       ) -> CaptureResult:
        t_start = time.perf_counter()
        url, local, own_url = self._resolve(job)
        if not local and not options.online and urlparse(url).hostname not in LOOPBACK_HOSTS:
            raise InputError(f"{job.source}: network access is off; pass --online "
                             "(online=True) to capture URLs")
        browser = await self._ensure_browser(options.online)
        vp = job.viewport or options.viewport
        slot = await self._acquire(browser, vp, options.online)
        slot.state = _PageState(allow_network=options.online)
        healthy = False
        try:
            result = await self._capture_in(slot, job, url, own_url, options, index, t_start)
            if after is not None:
                await after(slot.page, result)
            healthy = True
            return result
        finally:
            await self._release(slot, healthy)

    # -- browser contexts, reused --

    async def _acquire(self, browser, vp: Viewport, online: bool) -> "_Slot":
        """An idle browser context for this viewport and network mode, or a new one."""
        key = (astuple(vp), online)
        idle = self._idle.setdefault(key, [])
        while idle:
            slot = idle.pop()
            if slot.browser is browser and browser.is_connected():
                return slot
        context = await browser.new_context(
            viewport={"width": vp.width, "height": vp.height},
            device_scale_factor=vp.device_scale_factor, is_mobile=vp.is_mobile,
            has_touch=vp.has_touch, user_agent=vp.user_agent, accept_downloads=False,
            service_workers="block")
        slot = _Slot(context, browser, key)
        await context.add_init_script(f"({_NAV_GUARD_JS})({'false' if online else 'true'})")
        context.on("page", slot.on_page)
        return slot

    async def _release(self, slot: "_Slot", healthy: bool) -> None:
        """Close the slot's page; keep its context for the next page unless the capture failed or
        the context has served enough pages."""
        page, slot.page, slot.state = slot.page, None, None
        slot.pages += 1
        keep = (healthy and slot.pages < CONTEXT_REUSE
                and slot.browser is self._browsers.get(slot.online))
        try:
            if page is not None and keep:
                await asyncio.wait_for(page.close(), 10)
                await asyncio.wait_for(slot.context.clear_cookies(), 10)
        except Exception as exc:
            log.debug("closing page: %s", exc)
            keep = False
        if keep:
            self._idle.setdefault(slot.key, []).append(slot)
            return
        try:
            await asyncio.wait_for(slot.context.close(), 10)
        except Exception as exc:
            log.debug("closing browser context: %s", exc)

    async def _capture_in(self, slot: "_Slot", job: CaptureJob, url: str, own_url: str,
                          options: CaptureOptions, index: int, t_start: float) -> CaptureResult:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        warnings: list[str] = []
        timings: dict[str, float] = {}
        vp = job.viewport or options.viewport
        state = slot.state
        slot.opening = True
        page = await slot.context.new_page()
        slot.page, slot.opening = page, False

        def on_dialog(dialog) -> None:
            state.dialogs += 1
            asyncio.ensure_future(dialog.dismiss())

        def on_failed(request) -> None:
            if not state.allow_network and "ERR_PROXY_CONNECTION_FAILED" in (request.failure or ""):
                state.blocked += 1

        page.on("dialog", on_dialog)
        page.on("requestfailed", on_failed)
        page.on("download", lambda d: asyncio.ensure_future(d.cancel()))

        t0 = time.perf_counter()
        try:
            await page.goto(url, wait_until="load", timeout=options.timeout_s * 1000)
        except PlaywrightTimeout:
            warnings.append(f"page did not finish loading within {options.timeout_s:g} s; "
                            "captured as it was")
        except PlaywrightError as exc:
            msg = str(exc).splitlines()[0]
            if "ERR_ABORTED" in msg and url.startswith("file:"):
                # Chromium aborts a file navigation it turns into a download (e.g. unknown type).
                raise InputError(f"{job.source}: the browser would not open it as a page") from None
            raise InputError(f"{job.source}: could not load ({msg})") from None
        timings["load"] = time.perf_counter() - t0
        if page.url.startswith("chrome-error:"):
            raise InputError(f"{job.source}: the page ended on the browser's error page "
                             "(it navigated somewhere that could not be loaded)")

        step_timeout = max(5.0, options.timeout_s)
        if options.online:  # armed at load already, unless the page never finished loading
            try:
                await asyncio.wait_for(page.evaluate(_ARM_GUARD_JS), step_timeout)
            except asyncio.TimeoutError:
                raise InputError(f"{job.source}: page script did not respond within "
                                 f"{step_timeout:g} s") from None
            except PlaywrightError as exc:
                warnings.append(f"navigation guard not installed: {str(exc).splitlines()[0]}")
        if options.scroll:
            t0 = time.perf_counter()
            try:
                await asyncio.wait_for(page.evaluate(_SCROLL_JS, options.max_scroll_steps), step_timeout)
            except asyncio.TimeoutError:
                raise InputError(f"{job.source}: page script did not respond within "
                                 f"{step_timeout:g} s") from None
            except PlaywrightError as exc:
                warnings.append(f"scrolling failed: {str(exc).splitlines()[0]}")
            timings["scroll"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        args = {"kept": list(KEPT_ATTRIBUTES), "prefixes": list(KEPT_ATTRIBUTE_PREFIXES),
                "labelAttributes": list(options.label_attributes)}
        data = None
        for attempt in range(2):
            try:
                # One JSON string crosses the protocol: Playwright's structured serialisation of
                # thousands of records takes seconds (measured: 7.7 s vs 1.1 s, 5,235 elements).
                text = await asyncio.wait_for(page.evaluate(
                    f"(args) => JSON.stringify(Object.assign(({_EXTRACT_JS})(args), "
                    "{navBlocked: window.__pagelensBlocked || []}))", args), step_timeout)
                data = json.loads(text)
                break
            except asyncio.TimeoutError:
                raise InputError(f"{job.source}: page script did not respond within "
                                 f"{step_timeout:g} s") from None
            except PlaywrightError as exc:
                # A page that navigated itself (meta refresh to itself, reload) loses its context.
                if attempt == 0 and "context was destroyed" in str(exc):
                    await asyncio.sleep(0.3)
                    continue
                raise
        timings["extract"] = time.perf_counter() - t0

        page_w = int(data["pageWidth"])
        page_h = int(data["pageHeight"])
        t0 = time.perf_counter()
        shot_h = min(page_h, options.max_height)
        if page_h > options.max_height:
            warnings.append(f"page is {page_h} px tall; screenshot cut at {options.max_height} px")
        max_w = max(options.max_width, vp.width)
        shot_w = min(page_w, max_w)
        if page_w > max_w:
            warnings.append(f"page is {page_w} px wide; screenshot cut at {max_w} px")
        try:
            # A tall page on a busy machine can take many seconds to paint and encode.
            png = await asyncio.wait_for(self._screenshot(page, shot_w, shot_h, vp),
                                         max(30.0, 2 * options.timeout_s))
        except (asyncio.TimeoutError, PlaywrightError) as exc:
            raise InputError(f"{job.source}: screenshot failed "
                             f"({str(exc).splitlines()[0] if str(exc) else 'timeout'})") from None
        timings["screenshot"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        html = _strip_label_attributes(await asyncio.wait_for(page.content(), step_timeout),
                                       options.label_attributes)
        timings["html"] = time.perf_counter() - t0

        warnings.extend(dict.fromkeys(data["warnings"]))  # once each, in order
        if state.blocked:
            warnings.append(f"blocked {state.blocked} network request(s) (offline capture)")
        if state.dialogs:
            warnings.append(f"dismissed {state.dialogs} dialog(s)")
        if state.popups:
            warnings.append(f"closed {state.popups} popup(s)")
        for nav in list(data.get("navBlocked") or [])[:3]:
            warnings.append(f"blocked navigation away to {nav}")
        elements = tuple(Element.from_dict(e) for e in data["elements"])
        timings["total"] = time.perf_counter() - t_start
        capture = PageCapture(
            source=job.source, final_url=own_url if page.url == url else page.url,
            title=data["title"], viewport=job.viewport or options.viewport,
            page_width=page_w, page_height=page_h, elements=elements, html=html,
            screenshot_png=png, timings={k: round(v, 4) for k, v in timings.items()},
            warnings=tuple(warnings))
        raw_labels = {int(k): v for k, v in data["labels"].items()}
        return CaptureResult(job.source, index, capture=capture, raw_labels=raw_labels)


    @staticmethod
    async def _screenshot(page, width: int, height: int, vp: Viewport) -> bytes:
        """PNG of the page's top ``width`` x ``height`` CSS px, one pixel per CSS px.

        Straight through CDP for ``optimizeForSpeed`` (faster zlib settings): on a 1280 x 16000
        page it took 1.4 s against 2.5 s for Playwright's screenshot, for a PNG twice as big.
        A page that fits the viewport is taken as the viewport shows it: capturing beyond the
        viewport resizes the view for the shot, and a frame inside the page (an iframe, or the
        error page of one that failed offline) is drawn into it or left blank depending on
        timing (docs/capture.md, "Same page, same pixels").
        """
        import base64

        beyond = width > vp.width or height > vp.height
        await _hide_carets(page, True)
        cdp = await page.context.new_cdp_session(page)
        try:
            shot = await cdp.send("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": beyond, "optimizeForSpeed": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height,
                         "scale": 1}})
        finally:
            await cdp.detach()
            await _hide_carets(page, False)
        return base64.b64decode(shot["data"])


async def _hide_carets(page, hide: bool) -> None:
    """Make text carets transparent in every frame of ``page`` (``hide``), or undo it, in all
    frames at once, so a page with many frames waits at most 1 s each way; a frame that went
    away, refuses a script or has not answered by then is left as it is."""
    from playwright.async_api import Error as PlaywrightError

    async def one(frame) -> None:
        try:
            await frame.evaluate(_HIDE_CARETS_JS, hide)
        except PlaywrightError:
            pass

    tasks = [asyncio.ensure_future(one(frame)) for frame in page.frames]
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=1.0)
        for task in pending:
            task.cancel()


def page_deadline(options: CaptureOptions) -> float:
    """The hard deadline for a whole page, in seconds: load time plus generous room for the
    later steps."""
    return options.timeout_s * 4 + 30


def capture_to_folders(inputs: Sequence[str], out_dir: str | Path,
                       options: CaptureOptions | None = None, workers: int = 2,
                       progress: bool = True, skip_existing: bool = True) -> list[CaptureResult]:
    """Capture inputs (URLs, page files, folders, list files) into ``out_dir/<slug>/``.

    Each finished page is written at once (page.json last), so an interrupted batch keeps its
    work; with ``skip_existing`` a rerun captures only what is missing. Errors are logged as one
    line each and returned in the results; they never stop the batch.
    """
    from tqdm import tqdm

    options = options or CaptureOptions()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[CaptureResult] = []
    todo: list[CaptureJob] = []
    for source, error in expand_inputs(inputs):
        folder = out_dir / slug_for(source)
        if error:
            log.error("%s", error)
            results.append(CaptureResult(source, error=error))
        elif skip_existing and (folder / "page.json").is_file():
            results.append(CaptureResult(source, folder=folder))
        else:
            todo.append(CaptureJob(source))
    if not todo:
        return results
    from tqdm.contrib.logging import logging_redirect_tqdm

    with Browser() as browser, logging_redirect_tqdm(), \
            tqdm(total=len(todo), unit="page", disable=not progress, desc="capture") as bar:
        for res in browser.capture_many(todo, options, workers=workers):
            if res.capture is not None:
                res.folder = res.capture.save(out_dir / slug_for(res.source))
            else:
                log.error("%s", res.error)
            results.append(res)
            bar.update(1)
    return results


def median_seconds(results: Iterable[CaptureResult]) -> float | None:
    """Median of the per-page total capture time (seconds) over successful captures."""
    totals = [r.capture.timings.get("total", 0.0) for r in results if r.capture is not None]
    return statistics.median(totals) if totals else None


def with_viewport(options: CaptureOptions, viewport: Viewport) -> CaptureOptions:
    return replace(options, viewport=viewport)
