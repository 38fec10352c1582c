"""The corpora that label the page type only: product-pages-misc (10 product pages of big shops,
metascraper-shopping's fixtures) and articles (86 news and blog articles, the
article-extraction benchmark; none is a shopping page, so their type is ``other``).

Site: product-pages-misc's file name up to the first ``-`` (``amazon-gorilla`` -> ``amazon``);
an article's URL host from ``urls.json``. No element is labelled; the pages are rendered as saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from pagelens.corpora.base import Match, SourcePage, site_of_url
from pagelens.metrics import GoldPage


class _PageTypeOnly:
    name = ""
    page_type = ""
    label_attributes: tuple[str, ...] = ()

    def prepare(self, page: SourcePage) -> None:
        return None

    def gold(self, page: SourcePage, raw_labels: Mapping[int, Mapping[str, str]],
             capture: Any) -> tuple[GoldPage, Match]:
        return (GoldPage(page_type=self.page_type, site=page.site, tasks=("page_type",)),
                Match(expected=0, unmatched=0))


class ProductPagesMisc(_PageTypeOnly):
    name = "product-pages-misc"
    page_type = "product"

    def list_pages(self, root: Path) -> list[SourcePage]:
        return [SourcePage(key=p.stem, site=p.stem.split("-", 1)[0].lower(), path=p)
                for p in sorted(Path(root).glob("*.html"))]


class Articles(_PageTypeOnly):
    name = "articles"
    page_type = "other"

    def list_pages(self, root: Path) -> list[SourcePage]:
        urls_path = Path(root) / "urls.json"
        try:
            urls = json.loads(urls_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{urls_path}: cannot read the article URLs ({exc})") from None
        pages = []
        for p in sorted(Path(root).glob("*.html.gz")):
            key = p.name[:-len(".html.gz")]
            url = urls.get(key, {}).get("url", "")
            pages.append(SourcePage(key=key, site=site_of_url(url) if url else key, path=p,
                                    payload={"url": url}))
        return pages
