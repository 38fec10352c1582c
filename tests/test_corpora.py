"""Corpus loaders on a few real pages of each corpus, rendered by the real browser: the answer key
never reaches what a predictor sees, and gold labels sit on the elements the corpus names."""

from __future__ import annotations

import json

import pytest

from pagelens.corpora import CORPUS_NAMES, get_corpus, load, realpages_root
from pagelens.corpora.base import GOLD_ATTRIBUTE, build_corpus, normalize_ws, relabel_corpus
from pagelens.corpora.fathom import parse_fragment
from pagelens.metrics import GoldPage
from pagelens.records import PageCapture

ROOT = realpages_root()
pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason=f"{ROOT}: shared corpora not present")


def _build(browser, tmp_path, name, keys):
    corpus = get_corpus(name)
    pages = [p for p in corpus.list_pages(ROOT / name) if p.key in keys]
    assert sorted(p.key for p in pages) == sorted(keys)
    report = build_corpus(corpus, ROOT / name, tmp_path, pages=pages, browser=browser)
    assert report.cached == len(keys) and report.failed == 0
    return corpus, pages, report, {p.folder.name: p for p in load(tmp_path / name)}


def _no_answer_key(folder, attributes):
    html = (folder / "page.html").read_text(encoding="utf-8")
    cap = PageCapture.load(folder, with_screenshot=False)
    for a in attributes:
        assert a not in html, f"{a} leaked into page.html of {folder.name}"
        assert not any(a in el.attrs for el in cap.elements), f"{a} leaked into Element.attrs"
    return cap


def test_registry_lists_every_corpus():
    assert set(CORPUS_NAMES) == {"ddg-forms", "formasaurus", "fathom-products",
                                 "product-pages-misc", "articles"}
    with pytest.raises(KeyError, match="known: ddg-forms"):
        get_corpus("nope")


def test_ddg_forms(browser, tmp_path):
    keys = ["amazon_login", "amazon_signup"]
    corpus, pages, report, loaded = _build(browser, tmp_path, "ddg-forms", keys)
    assert report.unmatched_labels == 0 and report.expected_labels > 0
    for key in keys:
        cp = loaded[key]
        cap = _no_answer_key(cp.folder, ("data-manual-scoring", "data-manual-submit"))
        assert cp.gold.site == "amazon"
        src = (ROOT / "ddg-forms" / f"{key}.html").read_text(encoding="utf-8")
        assert len(cp.gold.elements) == src.count("data-manual-scoring=") + src.count("data-manual-submit")
        # Every labelled element is a form control of the right kind.
        for eid, label in cp.gold.elements.items():
            el = cap.element(eid)
            if label == "submit":
                assert el.tag in ("button", "input", "a", "div", "span")
            else:
                assert el.tag in ("input", "select", "textarea")
            if label in ("current-password", "new-password"):
                assert el.attrs.get("type") == "password"
    login = loaded["amazon_login"].gold
    assert login.page_type == "login" and loaded["amazon_signup"].gold.page_type == "signup"
    assert sorted(login.elements.values()) == ["current-password", "submit", "username"]
    # Labels can be recomputed from the saved raw labels, without rendering.
    before = (loaded["amazon_login"].folder / "labels.json").read_text()
    relabel_corpus(corpus, ROOT / "ddg-forms", tmp_path, pages)
    assert (loaded["amazon_login"].folder / "labels.json").read_text() == before


def test_formasaurus(browser, tmp_path):
    keys = ["app1.vocusgr.com-0", "www.mozzarelle-gioia.it-0"]
    index = json.loads((ROOT / "formasaurus" / "index.json").read_text())
    _, _, report, loaded = _build(browser, tmp_path, "formasaurus", keys)
    assert report.unmatched_labels == 0
    login = loaded["app1.vocusgr.com-0"]
    cap = _no_answer_key(login.folder, (GOLD_ATTRIBUTE,))
    named = index["html/app1.vocusgr.com-0.html"]["visible_html_fields"][0]
    got = {cap.element(eid).attrs["name"]: tok for eid, tok in login.gold.elements.items()}
    assert got == {"textCompanyLoginName": "username", "txtPassword": "current-password",
                   "txtUserAccount": "username"}
    assert set(got) == set(named)
    assert login.gold.page_type == "login" and login.gold.site == "app1.vocusgr.com"
    assert login.gold.alternatives[next(i for i, t in login.gold.elements.items()
                                        if t == "current-password")] == ("new-password",)
    shop = loaded["www.mozzarelle-gioia.it-0"]
    assert shop.gold.page_type == "product" and "roles" in shop.gold.tasks
    cap = _no_answer_key(shop.folder, (GOLD_ATTRIBUTE,))
    cart = [i for i, t in shop.gold.elements.items() if t == "add_to_cart"]
    # This form submits from a javascript: link, the fallback when it has no submit button.
    assert len(cart) == 1 and cap.element(cart[0]).tag == "a"


TITLES = {"mollusksurf": "7'0 Christenson Flat Tracker", "gaggifts": "Glow in the Dark Toilet Paper"}


def test_fathom_products(browser, tmp_path):
    keys = ["mollusksurf", "gaggifts"]
    _, _, report, loaded = _build(browser, tmp_path, "fathom-products", keys)
    assert report.unmatched_labels == 0
    for key in keys:
        cp = loaded[key]
        cap = _no_answer_key(cp.folder, (GOLD_ATTRIBUTE,))
        folder = ROOT / "fathom-products" / key
        roles = {t: i for i, t in cp.gold.elements.items()}
        # The corpus's title labels point at <title>; pagelens's own (fathom_titles.json) stand.
        titles = cp.gold.role_elements("product_title")
        assert {normalize_ws(cap.element(i).full_text) for i in titles} == {TITLES[key]}
        assert sum(cap.element(i).tag == "h1" for i in titles) == (2 if key == "mollusksurf" else 1)
        price = parse_fragment((folder / "expected-price.html").read_text())
        assert normalize_ws(cap.element(roles["price"]).full_text) == normalize_ws(price.text_content())
        image = parse_fragment((folder / "expected-image.html").read_text())
        assert cap.element(roles["product_image"]).tag == "img"
        assert cap.element(roles["product_image"]).attrs.get("src") == image.get("src")
        assert cp.gold.price_values and cp.gold.page_type == "product" and cp.gold.site == key
    # Labels without the titles (as a cache made before them): `pagelens eval --relabel` restores
    # them from the renders, without rendering again.
    from pagelens.cli import main

    folder = loaded["gaggifts"].folder
    labels = json.loads((folder / "labels.json").read_text())
    labels["elements"] = {k: v for k, v in labels["elements"].items() if v != "product_title"}
    (folder / "labels.json").write_text(json.dumps(labels))
    assert not GoldPage.load(folder).role_elements("product_title")
    out = tmp_path / "report.json"
    assert main(["eval", "fathom-products", "--cache", str(tmp_path), "--baseline", "rules",
                 "--relabel", "--bootstrap", "10", "--out", str(out)]) == 0
    relabelled = {p.folder.name: p for p in load(tmp_path / "fathom-products")}["gaggifts"]
    assert relabelled.gold.role_elements("product_title") == loaded["gaggifts"].gold.role_elements(
        "product_title")
    roles = json.loads(out.read_text())["results"][0]["metrics"]["roles"]
    assert roles["product_title"]["top1"]["n"] == 2


def test_page_type_only_corpora(browser, tmp_path):
    _, _, _, misc = _build(browser, tmp_path, "product-pages-misc", ["globalindustrial"])
    assert misc["globalindustrial"].gold.page_type == "product"
    assert misc["globalindustrial"].gold.elements == {}
    key = "ba07d1e64775f4090e39116c382111f5a2cfe9528dd179673f4e9bfcea370c15"
    _, _, _, arts = _build(browser, tmp_path, "articles", [key])
    gold = arts[key].gold
    assert gold.page_type == "other" and gold.tasks == ("page_type",)
    urls = json.loads((ROOT / "articles" / "urls.json").read_text())
    assert gold.site in urls[key]["url"] and "www." not in gold.site
