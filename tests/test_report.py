"""The HTML report in a real Chromium: boxes where the elements are, hover and click show the
element's information, class filters work, and nothing is fetched from the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from fake_predictor import FakePredictor
from pagelens.api import Parser
from pagelens.capture import CHROMIUM_PATH
from pagelens.report import write_index, write_page_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "assets" / "samples"


@pytest.fixture(scope="module")
def report(browser, tmp_path_factory):
    """A report of the product sample and of the checkout sample, with an index."""
    folder = tmp_path_factory.mktemp("report")
    with Parser(FakePredictor(), browser=browser) as parser:
        results = parser.parse_many([str(SAMPLES / "product-trail-shoe.html"),
                                     str(SAMPLES / "login.html")])
    for r, name in zip(results, ("shoe", "login")):
        write_page_report(r, folder, name)
    names = {results[0].source: "shoe", results[1].source: "login"}
    records = [r.to_json() for r in results]
    records.append({"source": "broken.html", "ok": False, "error": "broken.html: file is empty",
                    "page_type": None, "elements": [], "fields": [], "product": None})
    write_index(folder, records, lambda s: names.get(s, "none"))
    return folder, results


@pytest.fixture(scope="module")
def page():
    """A Playwright page in the same Chromium build the captures use."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=["--no-sandbox"])
        pg = b.new_page(viewport={"width": 1500, "height": 900})
        yield pg
        b.close()


def test_boxes_are_where_the_elements_are(report, page):
    folder, (shoe, _) = report
    requests = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto((folder / "shoe.html").as_uri())
    shot = page.locator("#shot").bounding_box()
    assert (shot["width"], shot["height"]) == (shoe.capture.page_width, shoe.capture.page_height)
    assert page.locator(".box").count() == len(shoe.labelled)
    for e in shoe.labelled:
        bb = page.locator(f'.box[data-id="{e.id}"][data-label="{e.label}"]').bounding_box()
        got = (bb["x"] - shot["x"], bb["y"] - shot["y"], bb["width"], bb["height"])
        assert got == pytest.approx((e.box.x0, e.box.y0, e.box.width, e.box.height), abs=1.0)
    # Self-contained: the page itself and data: URIs, nothing else.
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
    assert len([u for u in requests if u.startswith("file:")]) == 1


def test_hover_and_click_show_element_info(report, page):
    folder, (shoe, _) = report
    page.goto((folder / "shoe.html").as_uri())
    info = page.locator("#info")
    price = shoe.role("price")
    box = page.locator(f'.box[data-id="{price.id}"][data-label="price"]')
    box.hover()
    for text in ("price", f"{price.score:.2f}", "$87.11", price.xpath):
        assert text in info.inner_text()
    page.mouse.move(5, 5)  # leave: an unpinned panel clears
    assert "$87.11" not in info.inner_text()
    box.click()
    assert "pinned" in info.get_attribute("class")
    title = shoe.role("product_title")
    page.locator(f'.box[data-id="{title.id}"]').hover()  # hovering another keeps the pin
    assert price.xpath in info.inner_text()
    page.keyboard.press("Escape")
    assert price.xpath not in info.inner_text()
    # A row of the list selects its box.
    page.locator(f'#list tr[data-id="{title.id}"]').click()
    assert "Ridgeline Trail Runner 3" in info.inner_text()
    assert "sel" in page.locator(f'.box[data-id="{title.id}"]').get_attribute("class")


def test_class_filters(report, page):
    folder, (shoe, _) = report
    page.goto((folder / "shoe.html").as_uri())
    prices = page.locator('.box[data-label="price"]')
    others = page.locator('.box:not([data-label="price"])')
    assert prices.count() >= 1 and others.count() >= 1
    page.locator('#filters input[data-class="price"]').uncheck()
    assert all(not prices.nth(i).is_visible() for i in range(prices.count()))
    assert all(others.nth(i).is_visible() for i in range(others.count()))
    page.locator("#none").click()
    assert page.locator(".box:visible").count() == 0
    page.locator("#all").click()
    assert page.locator(".box:visible").count() == len(shoe.labelled)


def test_index_links_every_page(report, page):
    folder, _ = report
    page.goto((folder / "index.html").as_uri())
    assert page.locator("#pages tr.ok").count() == 2
    assert "file is empty" in page.locator("#pages tr.fail").inner_text()
    page.locator('#pages a', has_text="login.html").click()
    assert page.url.endswith("/login.html")
    assert page.locator("#ptype").inner_text().startswith("login")
    assert page.locator('.box[data-label="submit"]').count() == 1
