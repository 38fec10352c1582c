"""``pagelens label INPUT... --out labels.jsonl``: label pages in batch and write JSON lines.

One line per input (format: docs/usage.md; schema: ``pagelens/schema/labels.schema.json``).

Crash safety: the output is append-only. Each finished line goes to the file in one ``write`` on
a descriptor opened with ``O_APPEND``, then ``fsync``, so a finished line is on disk before the
next page is started. A crash can tear only the line being written, which is always the last;
on start, the file is read back, a last line without its newline (or not valid JSON) is cut off
by truncating the file, and the sources already present are skipped. An exclusive ``flock`` on
the file keeps two runs from appending to it at once. So a rerun does only what is missing and
no line is ever duplicated or torn.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import importlib
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from pagelens.vocab import PAGE_TYPES

log = logging.getLogger(__name__)


class LabelsFile:
    """An append-only JSON-lines file that survives crashes; see the module docstring.

    Use as a context manager: opening takes the lock and repairs a torn last line.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self.records: list[dict[str, Any]] = []
        self.dropped_bytes = 0

    def __enter__(self) -> "LabelsFile":
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise RuntimeError(f"{self.path}: another pagelens label is writing this file") from None
            raise
        self._fd = fd
        try:
            self.records = self._recover()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None

    def _recover(self) -> list[dict[str, Any]]:
        """Read every complete line; truncate a torn last line away."""
        assert self._fd is not None
        with open(self.path, "rb") as f:
            data = f.read()
        # Every piece but the last ended with a newline, so it was written whole. The last piece
        # is empty when the file ends with a newline, else it is a torn line: a write cut short.
        *complete, tail = data.split(b"\n")
        records: list[dict[str, Any]] = []
        good_end = 0
        for i, raw in enumerate(complete):
            good_end += len(raw) + 1
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise ValueError(f"{self.path}, line {i + 1}: not valid JSON; the file was not "
                                 "written by pagelens label, or was edited: fix or remove the "
                                 "line") from None
            if not isinstance(rec, dict) or "source" not in rec:
                raise ValueError(f"{self.path}, line {i + 1}: expected an object with a 'source', "
                                 "as pagelens label writes")
            records.append(rec)
        if good_end < len(data):
            self.dropped_bytes = len(data) - good_end
            log.warning("%s: dropping a torn last line (%d bytes) left by an interrupted run",
                        self.path, self.dropped_bytes)
            os.ftruncate(self._fd, good_end)
            os.fsync(self._fd)
        return records

    def append(self, record: dict[str, Any]) -> None:
        """Write one line durably: a single write of the whole line, then fsync."""
        assert self._fd is not None, "LabelsFile not open"
        data = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "replace")
        view = memoryview(data)
        while view:  # a regular file takes it in one go; loop only for a signal-shortened write
            n = os.write(self._fd, view)
            view = view[n:]
        os.fsync(self._fd)
        self.records.append(record)

    def rewrite(self, records: Sequence[dict[str, Any]]) -> None:
        """Replace the file's lines atomically (write a copy, fsync, rename over)."""
        assert self._fd is not None
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with open(tmp, "wb") as f:
            for rec in records:
                f.write((json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "replace"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        self.close()
        self.open()


@dataclass
class LabelRun:
    """What one ``pagelens label`` run did."""

    labelled: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        done = self.labelled + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="page files (.html, .htm, .html.gz, .mhtml), folders of them, capture "
                        "folders, URLs, or .txt lists of these")
    p.add_argument("--out", required=True, help="JSON-lines file; a rerun adds only what is missing")
    p.add_argument("--overlays", metavar="DIR", help="also write an overlay PNG per page here")
    p.add_argument("--report", metavar="DIR", help="also write an HTML report per page and index.html")
    p.add_argument("--workers", type=int, default=2, help="pages rendered in parallel")
    p.add_argument("--batch-size", type=int, default=8, help="pages per predictor call")
    p.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    p.add_argument("--predictor", metavar="MODULE:NAME", default=None,
                   help="use another Predictor: a class or factory taking no arguments")
    p.add_argument("--viewport", default="desktop",
                   help="desktop (1280x800), mobile (390x844) or WIDTHxHEIGHT")
    p.add_argument("--online", action="store_true",
                   help="let local pages load from the network (URLs always may)")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds a page may load")
    p.add_argument("--page-type", choices=PAGE_TYPES, default=None,
                   help="every input is a page of this type (e.g. product pages to track): "
                        "decode each as it, whatever the model would call it")
    p.add_argument("--retry-failed", action="store_true",
                   help="label again the inputs whose earlier line says ok: false")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def predictor_from_spec(spec: str):
    """Instantiate ``module:name`` (a class or zero-argument factory)."""
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ValueError(f"--predictor {spec!r}: expected MODULE:NAME, e.g. mypkg.rules:MyPredictor")
    try:
        obj = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"--predictor {spec!r}: {exc}") from None
    return obj()


def expand_label_inputs(inputs: Sequence[str]) -> list[tuple[str, str | None]]:
    """Inputs as ``pagelens capture`` expands them, except that a folder holding capture folders
    (the output of ``pagelens capture --out DIR``) yields those capture folders rather than their
    ``page.html`` dumps. Returns ``(input, error)`` pairs, duplicates removed."""
    from pagelens.capture import HTML_SUFFIXES, expand_inputs, is_url

    out: list[tuple[str, str | None]] = []
    for raw in inputs:
        path = Path(raw)
        if not is_url(raw) and path.is_dir() and not (path / "page.json").is_file():
            captures = sorted({f.parent for f in path.rglob("page.json")})
            if captures:
                out.extend((str(c), None) for c in captures)
                out.extend((str(f), None) for f in sorted(path.rglob("*"))
                           if f.is_file() and f.name.lower().endswith(HTML_SUFFIXES)
                           and not any(c in f.parents for c in captures))
                continue
        out.extend(expand_inputs([raw], images=True))
    seen: set[str] = set()
    unique = []
    for source, error in out:
        if source not in seen:
            seen.add(source)
            unique.append((source, error))
    return unique


def label_inputs(inputs: Sequence[str], out: str | Path, parser: Any, overlays: str | Path | None = None,
                 report: str | Path | None = None, workers: int = 2, retry_failed: bool = False,
                 progress: bool = True, label_attributes: Sequence[str] = (),
                 on_outcome: Any = None) -> LabelRun:
    """Label ``inputs`` with ``parser`` (a :class:`pagelens.api.Parser`) into the JSON-lines file
    ``out``, resuming it. ``on_outcome(outcome)`` is called for each page labelled in this run."""
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    from pagelens.api import failure_json
    from pagelens.capture import slug_for
    from pagelens.report import write_index

    run = LabelRun()
    t0 = time.perf_counter()
    expanded = expand_label_inputs(inputs)

    with LabelsFile(out) as store:
        if retry_failed and any(not r.get("ok") for r in store.records):
            store.rewrite([r for r in store.records if r.get("ok")])
        done = {r["source"] for r in store.records}
        todo = [s for s, err in expanded if s not in done and err is None]
        bad = [(s, err) for s, err in expanded if s not in done and err is not None]
        run.skipped = len(expanded) - len(todo) - len(bad)
        if run.skipped:
            log.info("%s: %d input(s) already labelled, %d to do", out, run.skipped, len(todo) + len(bad))
        for source, err in bad:
            log.error("%s", err)
            store.append(failure_json(source, err))
            run.failed += 1
            run.failures.append(err)
        bar = tqdm(total=len(todo), unit="page", desc="label", disable=not progress or not todo,
                   file=sys.stderr, smoothing=0.1)
        # Log lines print above the progress bar instead of through it.
        redirect = logging_redirect_tqdm() if progress and todo else contextlib.nullcontext()
        with redirect:
            try:
                for outcome in parser.iter_parse(todo, workers=workers,
                                                 label_attributes=label_attributes):
                    _record(outcome, store, run, overlays, report)
                    if on_outcome is not None:
                        on_outcome(outcome)
                    bar.update(1)
                    if run.failed:
                        bar.set_postfix(failed=run.failed, refresh=False)
            finally:
                bar.close()
        records = list(store.records)
    if report:
        write_index(report, records, slug_for)
    run.seconds = time.perf_counter() - t0
    return run


def _record(outcome: Any, store: LabelsFile, run: LabelRun, overlays: str | Path | None,
            report: str | Path | None) -> None:
    """Write one outcome: its overlay and report first, then its line (the line marks it done)."""
    from pagelens.api import failure_json
    from pagelens.capture import slug_for
    from pagelens.overlay import overlay_result
    from pagelens.report import write_page_report

    if outcome.result is None:
        log.error("%s", outcome.error)
        store.append(failure_json(outcome.source, outcome.error or f"{outcome.source}: failed"))
        run.failed += 1
        run.failures.append(outcome.error or outcome.source)
        return
    result = outcome.result
    line = result.to_json()
    line["source"] = outcome.source  # the input as given, whatever the capture calls itself
    name = slug_for(outcome.source)
    if overlays:
        try:
            overlay_result(result).save(Path(overlays) / f"{name}.png")
        except Exception as exc:  # a drawing problem must not lose the labels
            log.error("%s: overlay failed (%s)", outcome.source, exc)
    if report:
        try:
            write_page_report(result, report, name)
        except Exception as exc:
            log.error("%s: report failed (%s)", outcome.source, exc)
    store.append(line)
    run.labelled += 1


def run(args: argparse.Namespace) -> int:
    from pagelens.api import Parser, ParserConfig
    from pagelens.records import Viewport

    try:
        config = ParserConfig(viewport=Viewport.parse(args.viewport), timeout_s=args.timeout,
                              online=True if args.online else None, workers=args.workers,
                              batch_size=args.batch_size, page_type=args.page_type)
        predictor = predictor_from_spec(args.predictor) if args.predictor else None
    except ValueError as exc:
        print(f"pagelens label: {exc}", file=sys.stderr)
        return 2
    parser = Parser(predictor, config) if predictor is not None else Parser.load(args.model, config)
    try:
        with parser:
            result = label_inputs(args.inputs, args.out, parser, overlays=args.overlays,
                                  report=args.report, workers=args.workers,
                                  retry_failed=args.retry_failed, progress=not args.no_progress)
    except (RuntimeError, ValueError) as exc:
        print(f"pagelens label: {exc}", file=sys.stderr)
        return 2
    done = result.labelled + result.failed
    summary = (f"labelled {result.labelled} page(s), {result.failed} failed, "
               f"{result.skipped} already in {args.out}")
    if done:
        summary += f"; {result.pages_per_second:.2f} pages/s with {args.workers} worker(s)"
    print(summary, file=sys.stderr)
    return 1 if result.failed else 0
