"""Real-page corpora: loaders that render the shared corpora once into capture folders with gold
labels, and the reader that hands them to evaluation and training.

>>> from pagelens.corpora import build, load
>>> build("ddg-forms")                       # renders what is not cached yet; returns a report
>>> pages = load("ddg-forms")                # [CorpusPage(folder, gold)], sorted by folder
>>> capture = pages[0].capture()             # PageCapture

Corpus names: ``ddg-forms``, ``formasaurus``, ``fathom-products``, ``product-pages-misc``,
``articles`` (see each module's docstring for its decisions). The corpora are read from
``$PAGELENS_REALPAGES`` or the ``shared/realpages`` folder beside the checkout; the cache lives in
``data/corpora/<corpus>/`` under the working directory unless told otherwise.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from pagelens.corpora.base import (
    DEFAULT_CACHE, DEFAULT_ROOT, BuildReport, Corpus, Match, SourcePage, build_corpus,
    iter_capture_folders, report_of,
)
from pagelens.metrics import GoldPage
from pagelens.records import PageCapture

log = logging.getLogger(__name__)


def _registry() -> dict[str, Callable[[], Corpus]]:
    from pagelens.corpora.ddg import DdgForms
    from pagelens.corpora.fathom import FathomProducts
    from pagelens.corpora.formasaurus import Formasaurus
    from pagelens.corpora.pagetype import Articles, ProductPagesMisc

    return {"ddg-forms": DdgForms, "formasaurus": Formasaurus, "fathom-products": FathomProducts,
            "product-pages-misc": ProductPagesMisc, "articles": Articles}


CORPUS_NAMES: tuple[str, ...] = ("ddg-forms", "formasaurus", "fathom-products",
                                 "product-pages-misc", "articles")


def get_corpus(name: str) -> Corpus:
    """The corpus called ``name``; an unknown name raises an error listing the known ones."""
    registry = _registry()
    if name not in registry:
        raise KeyError(f"unknown corpus {name!r}; known: {', '.join(CORPUS_NAMES)}")
    return registry[name]()


def realpages_root() -> Path:
    """Where the shared corpora are: ``$PAGELENS_REALPAGES`` or ``../shared/realpages``."""
    env = os.environ.get("PAGELENS_REALPAGES")
    return Path(env) if env else DEFAULT_ROOT


def read_sites(path: str | Path) -> set[str]:
    """The websites listed in a file, one per line (``heldout_sites.txt``, ``--sites-from``)."""
    return set(Path(path).read_text(encoding="utf-8").split())


@dataclass(frozen=True)
class CorpusPage:
    """A cached page: its capture folder and its gold labels."""

    folder: Path
    gold: GoldPage

    def capture(self, with_screenshot: bool = True) -> PageCapture:
        return PageCapture.load(self.folder, with_screenshot=with_screenshot)


def site_subset(pages: Sequence[SourcePage], max_sites: int | None) -> list[SourcePage]:
    """The pages of the first ``max_sites`` sites in sorted order (all when None): a fixed,
    site-grouped subset, so a partial build never splits a website."""
    if max_sites is None:
        return list(pages)
    keep = set(sorted({p.site for p in pages})[:max_sites])
    return [p for p in pages if p.site in keep]


def build(name: str, cache_dir: str | Path = DEFAULT_CACHE, root: str | Path | None = None,
          workers: int = 2, max_sites: int | None = None,
          progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Render the pages of corpus ``name`` not yet cached under ``cache_dir/name``.

    ``root``: the folder holding all corpora (default :func:`realpages_root`); ``max_sites``:
    build only the first N websites sorted by name (see :func:`site_subset`).
    """
    corpus = get_corpus(name)
    folder = Path(root or realpages_root()) / name
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: corpus folder not found (set PAGELENS_REALPAGES)")
    pages = site_subset(corpus.list_pages(folder), max_sites)
    return build_corpus(corpus, folder, Path(cache_dir), workers=workers, pages=pages,
                        progress=progress)


def relabel(name: str, cache_dir: str | Path = DEFAULT_CACHE, root: str | Path | None = None) -> BuildReport:
    """Recompute the gold labels of cached pages of corpus ``name`` without rendering."""
    from pagelens.corpora.base import relabel_corpus

    corpus = get_corpus(name)
    folder = Path(root or realpages_root()) / name
    return relabel_corpus(corpus, folder, Path(cache_dir))


def report(name: str, cache_dir: str | Path = DEFAULT_CACHE, root: str | Path | None = None,
           max_sites: int | None = None) -> BuildReport:
    """The build report of what is cached, without rendering anything."""
    corpus = get_corpus(name)
    pages = site_subset(corpus.list_pages(Path(root or realpages_root()) / name), max_sites)
    return report_of(name, Path(cache_dir) / name, [p.key for p in pages])


def load(name_or_folder: str | Path, cache_dir: str | Path = DEFAULT_CACHE) -> list[CorpusPage]:
    """Cached pages of a corpus name, or of any folder of capture folders with ``labels.json``
    (synthetic pages use the same format), sorted by folder."""
    folder = Path(cache_dir) / str(name_or_folder) if str(name_or_folder) in CORPUS_NAMES \
        else Path(name_or_folder)
    if not folder.is_dir():
        hint = (f"; build it with `pagelens eval {name_or_folder} --build`"
                if str(name_or_folder) in CORPUS_NAMES else "")
        raise FileNotFoundError(f"{folder}: no such folder{hint}")
    return [CorpusPage(f, GoldPage.load(f)) for f in iter_capture_folders(folder)]


__all__ = ["CORPUS_NAMES", "BuildReport", "CorpusPage", "Match", "SourcePage", "build", "get_corpus",
           "load", "realpages_root", "relabel", "report", "site_subset"]
