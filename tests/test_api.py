"""The Python API on every input kind, product normalisation, and the default predictor."""

from __future__ import annotations

import functools
import http.server
import json
import logging
import threading
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from fake_predictor import FakePredictor
from pagelens import Money, ParseError, ParseResult, Parser, ParserConfig, Product, ScreenshotBox
from pagelens.product import currency_code, parse_count, parse_money, parse_rating
from pagelens.records import Box, PageCapture
from pagelens.vocab import PAGE_TYPES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "assets" / "samples"
PRODUCT = SAMPLES / "product-trail-shoe.html"
SCHEMA = json.loads((ROOT / "pagelens" / "schema" / "labels.schema.json").read_text())


@pytest.fixture(scope="module")
def parser(browser):
    with Parser(FakePredictor(), ParserConfig(batch_size=8), browser=browser) as p:
        yield p


@pytest.fixture(scope="module")
def product_result(parser) -> ParseResult:
    return parser.parse(str(PRODUCT))


def test_html_file_gives_typed_product_result(product_result):
    r = product_result
    assert isinstance(r, ParseResult) and r.page_type == "product"
    assert r.page_type_score == pytest.approx(0.94)
    price = r.role("price")
    # The price span is the first "$87.11" on the page, right of the image, near the top.
    assert price.text == "$87.11" and isinstance(price.box, Box)
    assert 700 < price.box.x0 < 800 and 200 < price.box.y0 < 350
    assert price.xpath.startswith("/html[1]/body[1]/")
    # The capture behind the result: the element's box indexes its screenshot.
    shot = r.capture.screenshot()
    assert shot.shape[:2] == (r.capture.page_height, r.capture.page_width)
    p = r.product
    assert isinstance(p, Product)
    assert p.name == "Ridgeline Trail Runner 3"
    assert p.price == Money("87.11", "USD", "$87.11")
    assert p.old_price == Money("109.00", "USD", "$109.00")
    assert p.image.startswith("data:image/svg+xml;base64,")
    # No role gave these; the page's JSON-LD does.
    assert p.rating == 4.5 and p.review_count == 1284
    assert p.availability == "InStock" and p.sku == "NW-RTR3-OR-10"
    assert r.fields == ()


def test_result_json_line_validates(product_result):
    line = product_result.to_json()
    jsonschema.validate(line, SCHEMA)
    assert line["product"]["price"] == {"amount": "87.11", "currency": "USD", "text": "$87.11"}
    back = ParseResult.from_json(line)
    assert back.page_type == "product" and back.product == product_result.product
    for a, b in zip(back.elements, product_result.elements, strict=True):
        assert a.box.to_list() == pytest.approx(b.box.to_list(), abs=0.005)  # 2 decimals kept
        assert (a.id, a.label, a.xpath, a.text) == (b.id, b.label, b.xpath, b.text)


def test_capture_folder_and_capture_object_give_same_result(parser, product_result, tmp_path):
    folder = product_result.capture.save(tmp_path / "cap")
    from_folder = parser.parse(str(folder))
    from_object = parser.parse(PageCapture.load(folder))
    for r in (from_folder, from_object):
        assert r.elements == product_result.elements
        assert r.product == product_result.product


def test_url_input(parser):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SAMPLES))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        r = parser.parse(f"http://127.0.0.1:{server.server_address[1]}/login.html")
    finally:
        server.shutdown()
    assert r.page_type == "login"
    assert [f.label for f in r.fields] == ["current-password", "submit"]
    assert r.fields[1].text == "Sign in" and r.product is None


def test_screenshot_with_caller_boxes(parser):
    image = np.full((600, 900, 3), 250, dtype=np.uint8)
    boxes = [ScreenshotBox((40, 30, 500, 70), "Blue Kettle 1.5 l", tag="h1"),
             {"box": [40, 90, 160, 120], "text": "€49,90"},
             ((40, 140, 300, 170), "Free delivery")]
    r = parser.parse_screenshot(image, boxes, source="kettle.png")
    assert r.source == "kettle.png" and r.capture.page_width == 900
    title, price = r.role("product_title"), r.role("price")
    assert title.box == Box(40, 30, 500, 70) and title.xpath == "/html[1]/body[1]/h1[1]"
    assert price.box == Box(40, 90, 160, 120) and price.xpath == "/html[1]/body[1]/div[1]"
    with pytest.raises(ValueError, match="box 0"):
        parser.parse_screenshot(image, [{"text": "no box"}])


KETTLE = """<!doctype html><html><head><title>Kettle</title></head><body style="margin:40px;
 font-family:sans-serif"><h1 style="font-size:40px">Blue Kettle</h1>
 <p style="font-size:28px">49,90 EUR</p><p style="font-size:16px">Free delivery</p>
 <button style="font-size:20px">Add to basket</button></body></html>"""


@pytest.fixture(scope="module")
def kettle_png(browser, tmp_path_factory) -> Path:
    """A real screenshot, as Chromium draws the page."""
    from pagelens.capture import CaptureJob, CaptureOptions

    r = browser.capture(CaptureJob(source="inline/kettle", html=KETTLE), CaptureOptions())
    path = tmp_path_factory.mktemp("shots") / "kettle.png"
    path.write_bytes(r.capture.screenshot_png)
    return path


def test_ocr_reads_a_screenshots_lines_in_order(kettle_png):
    from pagelens.ocr import ocr_boxes

    boxes = ocr_boxes(kettle_png)
    texts = [b.text for b in boxes]
    assert texts[:4] == ["Blue Kettle", "49,90 EUR", "Free delivery", "Add to basket"], texts
    title, price = boxes[0], boxes[1]
    assert title.box[1] < price.box[1] and 30 <= title.font_size <= 50 and title.font_size > price.font_size
    assert ocr_boxes(kettle_png, max_height=100)[0].text == "Blue Kettle"  # the top rows only
    assert len(ocr_boxes(kettle_png, max_height=100)) == 1


def test_ocr_read_view_carries_roles_to_the_lines_ocr_reads(browser):
    """A labelled capture read by OCR for training: the lines are OCR's (tight boxes), and each
    role goes to the line inside its element's box; a role without text (an image) goes
    nowhere."""
    from pagelens.capture import CaptureJob, CaptureOptions
    from pagelens.ocr import ocr_read_view

    cap = browser.capture(CaptureJob(source="inline/kettle", html=KETTLE), CaptureOptions()).capture
    ids = {e.full_text: e.id for e in cap.elements if e.tag in ("h1", "p", "button")}
    labels = {ids["Blue Kettle"]: "product_title", ids["49,90 EUR"]: "price",
              ids["Add to basket"]: "add_to_cart", 0: "product_image"}
    view, roles = ocr_read_view(cap, labels)
    texts = {i: view.elements[i].full_text for i in roles}
    assert sorted(roles.values()) == ["add_to_cart", "price", "product_title"], (roles, texts)
    by_role = {r: texts[i] for i, r in roles.items()}
    assert by_role == {"product_title": "Blue Kettle", "price": "49,90 EUR",
                       "add_to_cart": "Add to basket"}
    title = view.elements[next(i for i, r in roles.items() if r == "product_title")]
    h1 = cap.elements[ids["Blue Kettle"]]
    assert title.box.width < h1.box.width  # OCR's box holds the letters, not the block


def test_ocr_lines_get_their_accents_and_spaces_from_tesseract() -> None:
    """A RapidOCR line takes Tesseract's words inside its box where they spell the same letters;
    a reading that changes an amount, runs words together or spells other letters is not taken."""
    from pagelens.api import ScreenshotBox
    from pagelens.ocr import letters, restore_letters

    assert letters("Trådlös Ryggsäck!") == letters("TRADLOS RYGGSACK") == "tradlosryggsack"
    assert letters("Słuchawki Ø") == "sluchawkio"
    lines = [ScreenshotBox((0, 0, 300, 30), "ONONARTRADLOS RYGGSACK"),
             ScreenshotBox((0, 40, 300, 70), "250,37DKK"),
             ScreenshotBox((0, 80, 300, 110), "O nas"),
             ScreenshotBox((0, 120, 300, 150), "Kaffekvarn"),
             ScreenshotBox((0, 160, 300, 190), "Dostepny")]
    words = [((0, 5, 80, 25), "ONONAR"), ((90, 5, 180, 25), "TRÅDLÖS"), ((190, 5, 290, 25), "RYGGSÄCK"),
             ((0, 45, 40, 65), "250,"), ((45, 45, 70, 65), "37"), ((80, 45, 120, 65), "DKK"),
             ((0, 85, 60, 105), "Onas"),
             ((0, 125, 120, 145), "Kaffekvam"),
             ((400, 165, 500, 185), "Dostępny")]  # outside the line's box
    got = [b.text for b in restore_letters(lines, words)]
    assert got == ["ONONAR TRÅDLÖS RYGGSÄCK", "250,37DKK", "O nas", "Kaffekvarn", "Dostepny"]
    assert restore_letters(lines, []) == lines


def test_a_title_broken_over_two_lines_is_read_whole_on_a_page_of_lines() -> None:
    """On a page given as lines, the record's title goes on into the line right below it when
    that line carries it on (aligned, close, as tall); a rating, a price, a bullet or a distant
    line does not; a page with a DOM keeps the element's own text."""
    from pagelens.api import (LabelledElement, ScreenshotBox, build_product,
                              capture_from_screenshot, title_lines)

    image = np.full((400, 600, 3), 255, dtype=np.uint8)

    def name(below: str, box=(40, 82, 200, 112)) -> str:
        cap = capture_from_screenshot(image, [ScreenshotBox((40, 40, 420, 74), "Premium Linneskjorta 9 -"),
                                              ScreenshotBox(box, below),
                                              ScreenshotBox((450, 40, 560, 70), "129,00 kr")])
        return title_lines(cap, 2)

    assert name("ELTU") == "Premium Linneskjorta 9 - ELTU"
    assert name("VATTENFLASKA", (130, 80, 330, 110)) == "Premium Linneskjorta 9 - VATTENFLASKA"  # centred
    for other in ("4,7 ★★★★☆", "99,00 kr", "• Ull och linne"):
        assert name(other) == "Premium Linneskjorta 9 -", other
    assert name("ELTU", (40, 140, 200, 170)) == "Premium Linneskjorta 9 -"  # too far below
    assert name("ELTU", (40, 80, 200, 92)) == "Premium Linneskjorta 9 -"  # much smaller text
    cap = capture_from_screenshot(image, [ScreenshotBox((40, 40, 420, 74), "Premium Linneskjorta"),
                                          ScreenshotBox((40, 80, 200, 110), "ELTU")])
    title = LabelledElement(2, "product_title", 0.9, cap.elements[2].box, "", "div", "Premium Linneskjorta")
    assert build_product(cap, [title]).name == "Premium Linneskjorta ELTU"
    dom = replace(cap, html="<html><body><h1>Premium Linneskjorta</h1><p>ELTU</p></body></html>")
    assert title_lines(dom, 2) == "Premium Linneskjorta"


def test_a_price_shown_without_its_mark_takes_the_pages_currency() -> None:
    """"3182.57" on a page of "$" prices is in dollars; a priceCurrency that names no currency
    (an empty microdata value resolved to the page's address) says nothing; one that does wins."""
    from pagelens.api import LabelledElement, ScreenshotBox, build_product, capture_from_screenshot

    image = np.full((400, 600, 3), 255, dtype=np.uint8)
    boxes = [ScreenshotBox((40, 40, 420, 74), "Gorilla Playset"),
             ScreenshotBox((40, 80, 200, 110), "3182.57")]
    boxes += [ScreenshotBox((40, 120 + 30 * i, 200, 145 + 30 * i), f"${p}")
              for i, p in enumerate(("12.99", "45.00", "6,161.00"))]
    cap = capture_from_screenshot(image, boxes)
    price = LabelledElement(3, "price", 0.9, cap.elements[3].box, "", "div", "3182.57")
    assert build_product(cap, [price]).price.currency == "USD"

    def declared(currency: str) -> str:
        return ('<html><body><div itemscope itemtype="https://schema.org/Product">'
                '<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
                f'<meta itemprop="priceCurrency" content="{currency}"></div></div></body></html>')

    assert build_product(replace(cap, html=declared("")), [price]).price.currency == "USD"
    assert build_product(replace(cap, html=declared("CAD")), [price]).price.currency == "CAD"
    euros = capture_from_screenshot(image, boxes[:2] + [ScreenshotBox((40, 120, 200, 145), "€9")])
    assert build_product(euros, [price]).price.currency == "EUR"
    yen = capture_from_screenshot(image, boxes[:2] + [ScreenshotBox((40, 120, 200, 145), "￥1,330")])
    assert build_product(yen, [price]).price.currency == "JPY", "the fullwidth yen sign"
    from pagelens.tasks.decode import reads_as_price
    assert reads_as_price("￥1,330") and not reads_as_price("1330")


def test_ocr_reads_accents_on_a_real_screenshot(browser, tmp_path) -> None:
    """Chromium draws accented words; the OCR lines spell them with their accents (Tesseract's
    Latin model, installed by scripts/setup.sh), where RapidOCR alone drops them."""
    from pagelens.capture import CaptureJob, CaptureOptions
    from pagelens.ocr import ocr_boxes, tesseract

    assert tesseract() is not None, "tesseract-ocr and tesseract-ocr-script-latn (scripts/setup.sh)"
    html = ('<html><body style="margin:40px;font-family:sans-serif"><h1 style="font-size:36px">'
            'Trådlös Ryggsäck</h1><p style="font-size:24px">Taza de cerámica</p></body></html>')
    r = browser.capture(CaptureJob(source="inline/accents", html=html), CaptureOptions())
    plain = [b.text for b in ocr_boxes(r.capture.screenshot_png, restore=False)]
    texts = [b.text for b in ocr_boxes(r.capture.screenshot_png)]
    assert texts[:2] == ["Trådlös Ryggsäck", "Taza de cerámica"], (texts, plain)


def test_screenshot_alone_is_read_by_ocr(parser, kettle_png, tmp_path):
    """No boxes: the screenshot's lines become its elements; an unreadable image names itself."""
    r = parser.parse_screenshot(kettle_png, source="kettle.png")
    assert r.source == "kettle.png"
    assert [e.full_text for e in r.capture.elements[2:6]] == [
        "Blue Kettle", "49,90 EUR", "Free delivery", "Add to basket"]
    els = r.capture.elements
    assert els[2].style.font_size > els[3].style.font_size > els[4].style.font_size  # from line heights
    assert parser.parse(str(kettle_png)).capture.elements[2].full_text == "Blue Kettle"
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(ParseError, match="bad.png"):
        parser.parse_screenshot(bad, source=str(bad))
    (outcome,) = list(parser.iter_parse([str(bad)]))
    assert outcome.result is None and "bad.png" in outcome.error


def test_screenshots_read_by_ocr_go_to_the_screenshot_model(browser, kettle_png):
    """Pages read by OCR are predicted by the parser's OCR predictor, every other page by its
    main one; the shipped parser loads the shipped screenshot model for them."""
    main, ocr = FakePredictor(), FakePredictor()
    with Parser(main, ParserConfig(batch_size=8), browser=browser, ocr_predictor=ocr) as p:
        p.parse_screenshot(kettle_png)
        p.parse(str(kettle_png))
        assert (main.calls, ocr.calls) == ([], [1, 1])
        p.parse(str(PRODUCT))
        assert (main.calls, ocr.calls) == ([1], [1, 1])
        p.parse_screenshot(np.full((50, 80, 3), 255, dtype=np.uint8), [((0, 0, 40, 20), "x")])
        assert main.calls == [1, 1]  # boxes given by the caller: the main predictor
    shipped = Parser.load()
    assert Path(shipped.ocr_predictor.source).name == "model-ocr"
    assert Path(shipped.predictor.source).name == "model"
    assert Parser.load(ROOT / "assets" / "model").ocr_predictor is None  # a model of the caller's


def test_parse_many_keeps_order_and_batches(browser):
    pages = [str(SAMPLES / n) for n in ("login.html", "product-trail-shoe.html", "signup.html")]
    fake = FakePredictor()
    with Parser(fake, ParserConfig(batch_size=8, workers=2), browser=browser) as p:
        results = p.parse_many(pages)
    assert [r.source for r in results] == pages
    assert [r.page_type for r in results] == ["login", "product", "login"]
    assert fake.calls == [3]  # one predictor call for the whole batch


def test_broken_inputs_name_the_file(parser, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("")
    with pytest.raises(ParseError, match="empty.html"):
        parser.parse(str(empty))
    with pytest.raises(ParseError, match="nothing-here.html"):
        parser.parse(str(tmp_path / "nothing-here.html"))
    outcomes = sorted(parser.iter_parse([str(empty), str(SAMPLES / "login.html")]),
                      key=lambda o: o.index)
    assert outcomes[0].result is None and "empty.html" in outcomes[0].error
    assert outcomes[1].result is not None


def test_predictor_failure_on_one_page_spares_the_batch(parser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<h1>BREAK-THE-PREDICTOR</h1>")
    outcomes = sorted(parser.iter_parse([str(bad), str(SAMPLES / "login.html")]),
                      key=lambda o: o.index)
    assert outcomes[0].result is None and "prediction failed" in outcomes[0].error
    assert outcomes[1].result.page_type == "login"


@pytest.mark.parametrize("text, language, hint, amount, code", [
    ("$87.11", "", None, "87.11", "USD"),
    ("129,99 €", "de", None, "129.99", "EUR"),
    ("£1,299.00", "en-GB", None, "1299.00", "GBP"),
    ("¥12,800", "ja", None, "12800", "JPY"),
    ("¥99.5", "zh-CN", None, "99.5", "CNY"),
    ("₩15,000", "ko", None, "15000", "KRW"),
    ("₹1,499", "hi", None, "1499", "INR"),
    ("CHF 49.90", "de-CH", None, "49.90", "CHF"),
    ("R$ 199,90", "pt-BR", None, "199.90", "BRL"),
    ("199 kr", "sv", None, "199", "SEK"),
    ("199 kr", "nb-NO", None, "199", "NOK"),
    ("199 kr", "da", None, "199", "DKK"),
    ("49,99 zł", "pl", None, "49.99", "PLN"),
    ("$12.50", "en-CA", None, "12.50", "CAD"),
    ("$12.50", "en", "AUD", "12.50", "AUD"),
    ("1.299,00 EUR", "", None, "1299.00", "EUR"),
    ("$ 79. 99", "", None, "79.99", "USD"),  # superscript cents leave gaps in the text
    ("7 $ .99", "", None, "7.99", "USD"),
    # a count before the price: the number the currency mark belongs to is the price
    ("Set of 5 $1.99", "", None, "1.99", "USD"),
    ("2 pcs 19,90 €", "de", None, "19.90", "EUR"),
    ("4.5 (120) $29.99", "", None, "29.99", "USD"),
    ("$79.99 $39.99", "", None, "79.99", "USD"),  # the first marked number still comes first
    ("1 069,90 kr", "sv", None, "1069.90", "SEK"),
])
def test_parse_money(text, language, hint, amount, code):
    m = parse_money(text, language, hint)
    assert (m.amount, m.currency, m.text) == (amount, code, text)
    assert m.decimal == Decimal(amount)


def test_money_rejects_bad_values():
    assert parse_money("Free shipping") is None
    assert currency_code("???") is None
    with pytest.raises(ValueError, match="ISO 4217"):
        Money("1.00", "Dollars", "$1")


def test_rating_and_count_parsing():
    assert parse_rating("Rated 4.5 out of 5 stars") == 4.5
    assert parse_rating("4,3 von 5 Sternen") == 4.3
    assert parse_rating("★★★★☆") == 4.0
    assert parse_count("1,284 reviews") == 1284
    assert parse_count("(1.284)") == 1284
    assert parse_count("2.3k ratings") == 2300


def test_german_product_page(parser):
    r = parser.parse(str(SAMPLES / "product-de-wasserkocher.html"))
    p = r.product
    assert p.price == Money("129.99", "EUR", "129,99 €")
    assert p.old_price == Money("159.00", "EUR", "159,00 €")
    assert p.availability == "InStock" and p.sku == "4711-0815"  # from visible text


def test_load_falls_back_to_rules_with_a_warning(monkeypatch, caplog):
    import types

    import pagelens.api as api

    def missing(path=None):
        raise FileNotFoundError(f"{path or 'assets/model'}: not a pagelens model folder")

    # A stand-in for pagelens.model whose shipped model is absent (importing the real one loads
    # torch, which this test does not need).
    monkeypatch.setitem(__import__("sys").modules, "pagelens.model",
                        types.SimpleNamespace(load_predictor=missing))
    monkeypatch.setattr(api, "SHIPPED_MODEL", Path("/nonexistent/assets/model"))
    with caplog.at_level(logging.WARNING, logger="pagelens.api"):
        predictor = api.load_predictor()
    assert predictor.name == "rules"
    assert "rules baseline" in caplog.text
    with pytest.raises(FileNotFoundError):  # a model asked for by path never falls back
        api.load_predictor("/nonexistent/model")


@pytest.mark.slow
def test_default_predictor_on_a_sample(browser):
    """The real default predictor (the shipped model, or the rules baseline standing in)."""
    with Parser.load(browser=browser) as parser:
        r = parser.parse(str(SAMPLES / "checkout-shipping-payment.html"))
    assert r.page_type in PAGE_TYPES and 0 <= r.page_type_score <= 1
    jsonschema.validate(r.to_json(), SCHEMA)
    assert r.fields, "a checkout page has form fields"
    told = Parser(parser.predictor, ParserConfig(page_type="product"), browser=browser)
    r2 = told.parse(str(SAMPLES / "checkout-shipping-payment.html"))
    assert r2.page_type == "product" and r2.page_type_scores == r.page_type_scores
    assert getattr(parser.predictor, "page_type", None) is None, \
        "the caller's predictor is left deciding for itself"


def test_sku_from_text():
    from pagelens.product import sku_from_text

    assert sku_from_text("Item #NW-RTR3-OR-10") == "NW-RTR3-OR-10"
    assert sku_from_text("Art.-Nr. 4711-0815 · Marke: Aurora") == "4711-0815"
    assert sku_from_text("SKU: MS044BW") == "MS044BW"
    assert sku_from_text("Search by SKU here") is None


def test_parse_many_mixes_input_kinds_in_order(parser, product_result, tmp_path):
    folder = product_result.capture.save(tmp_path / "shoe")
    login = str(SAMPLES / "login.html")
    results = parser.parse_many([login, product_result.capture, str(folder)])
    assert [r.source for r in results] == [login, product_result.source, product_result.source]
    assert [r.page_type for r in results] == ["login", "product", "product"]


def test_structured_product_reads_json_ld_blocks_and_microdata():
    from pagelens.product import structured_product

    broken = '<script type="application/ld+json">{"@type": "Product", </script>'
    commented = ('<script type=application/ld+json>\n// the shop\'s template\n{"@type": "Product", '
                 '"name": "Lamp", "offers": [{"price": "49.90", "priceCurrency": "EUR"}]}</script>')
    sd = structured_product(f"<html><head>{broken}{commented}</head></html>")
    assert sd is not None and (sd.name, sd.price, sd.currency) == ("Lamp", "49.90", "EUR"), \
        "a broken block is skipped, a block after a comment line is read"
    graph = ('<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, '
             '{"@type": ["Product"], "name": "Mug", "offers": {"lowPrice": 7}}]}</script>')
    assert structured_product(graph).price == "7" and structured_product(graph).products == 1
    listing = ('<script type="application/ld+json">[{"@type": "Product", "name": "A"}, '
               '{"@type": "Product", "name": "B"}]</script>')
    assert (structured_product(listing).name, structured_product(listing).products) == ("A", 2)
    micro = ('<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Cup</span>'
             '<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
             '<meta itemprop="price" content="3.50"></div></div>')
    assert structured_product(f"<html><body>{micro}</body></html>").price == "3.50"
    assert structured_product("<html><body>no data</body></html>") is None


PRICES = """<!doctype html><html><head><style>.gone{display:none}</style></head><body>
<p class="price" id="woo"><del aria-hidden="true"><span class="amount">$79.99</span></del>
<span class="screen-reader-text">Original price was: $79.99.</span>
<ins aria-hidden="true"><span class="amount">$39.99</span></ins>
<span class="screen-reader-text">Current price is: $39.99.</span></p>
<div id="nocss"><span class="price strikethrough">$</span><span class="strikethrough">79.99</span>
<span class="sale">$</span><span class="sale">39.99</span></div>
<div id="hidden"><span>$</span><span>15</span><span class="hide">15</span></div>
<div id="plain">Now $52.00</div>
<div id="old"><s>$64.95</s></div>
</body></html>"""


def read_prices(browser, html: str) -> tuple[PageCapture, dict[str, int], dict[str, str]]:
    """``html`` rendered in Chromium: the capture, element id by HTML id, and the amount
    :func:`pagelens.product.price_text` reads from each element with an HTML id."""
    from pagelens.capture import CaptureJob
    from pagelens.product import price_text

    cap = browser.capture(CaptureJob("prices", html=html)).capture
    by_id = {el.attrs.get("id"): el.id for el in cap.elements if el.attrs.get("id")}
    return cap, by_id, {name: parse_money(price_text(cap, eid)).amount for name, eid in by_id.items()}


def test_price_text_reads_the_current_price_a_person_sees(browser):
    cap, by_id, read = read_prices(browser, PRICES)
    assert read == {"woo": "39.99", "nocss": "39.99", "hidden": "15", "plain": "52.00",
                    "old": "64.95"}, "struck and hidden parts left out; an old price alone stays"
    whole = cap.elements[by_id["woo"]].full_text
    assert parse_money(whole).amount == "79.99", "the whole text reads the old price first"

    from pagelens.commands.eval import record_price
    from pagelens.records import ElementLabel, Prediction

    roles = (ElementLabel(by_id["woo"], "price", 0.9),)
    assert record_price(cap, Prediction("product", roles=roles)) == "39.99"
    assert record_price(cap, Prediction("other", roles=roles)) is None, \
        "the API builds a product record on product pages only"

    from pagelens.api import build_result

    product = build_result(cap, Prediction("product", roles=roles)).product
    assert (product.price.amount, product.old_price.amount) == ("39.99", "79.99"), \
        "the old price struck out inside the price element is the product's old price"
    plain = (ElementLabel(by_id["plain"], "price", 0.9),)
    assert build_result(cap, Prediction("product", roles=plain)).product.old_price is None


CENTS = """<!doctype html><html><body>
<div id="sup">$249<sup>00</sup></div>
<div id="small"><span>$</span><span style="font-size:24px">24</span><span style="font-size:12px">95</span></div>
<div id="euro" lang="de"><span style="font-size:24px">1.299</span><span style="font-size:11px">00</span> €</div>
<div id="kept">$1<sup>,</sup><sup>99</sup></div>
<div id="whole"><span>$</span><span>12</span><span>99</span></div>
<div id="percent">Save 20<sup>%</sup> $5.00</div>
</body></html>"""


def test_price_text_reads_small_cents_without_a_separator(browser):
    _, _, read = read_prices(browser, CENTS)
    assert read == {"sup": "249.00", "small": "24.95", "euro": "1299.00", "kept": "1.99",
                    "whole": "1299", "percent": "5.00"}, \
        "small or raised cents join as minor units; full-size pieces and percentages stay"


def test_a_page_type_the_caller_knows_gives_every_page_that_type(browser):
    with Parser(FakePredictor(), ParserConfig(page_type="product"), browser=browser) as p:
        r = p.parse(str(SAMPLES / "login.html"))
    assert r.page_type == "product" and r.product is not None, \
        "a predictor that cannot decode for a type gets its type set"
    with pytest.raises(ValueError, match="ParserConfig.page_type 'shop'"):
        ParserConfig(page_type="shop")
