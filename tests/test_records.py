import json

import pytest

from pagelens.records import (Box, Element, ElementLabel, PageCapture, PageLabels, Prediction,
                              Style, Viewport)


def test_box_geometry_hand_computed():
    a = Box(0, 0, 10, 20)
    b = Box(5, 10, 15, 30)
    assert a.width == 10 and a.height == 20 and a.area == 200
    assert a.intersection(b) == 5 * 10
    assert a.iou(b) == pytest.approx(50 / (200 + 200 - 50))
    assert a.center == (5, 10)
    # 0-1000 of a 1280 x 4000 page, clipped at the page's edge.
    assert Box(640, 1000, 1280, 5000).to_1000(1280, 4000) == (500, 250, 1000, 1000)


def test_box_rejects_inverted_corners():
    with pytest.raises(ValueError, match="out of order"):
        Box(10, 0, 5, 5)
    with pytest.raises(ValueError, match="4 numbers"):
        Box.from_list([1, 2, 3])


def _element(i=3):
    return Element(id=i, parent=1, tag="span", xpath="/html[1]/body[1]/span[1]",
                   box=Box(1.5, 2, 30, 40), text="$87.11", full_text="$87.11",
                   attrs={"class": "price", "aria-label": "Price"},
                   style=Style(font_size=24, font_weight=700, text_decoration="line-through"),
                   visible=True, in_first_viewport=True, interactive=False)


def test_capture_json_round_trip_is_lossless(tmp_path):
    cap = PageCapture(source="x.html", final_url="file:///x.html", title="Tïtle ✓",
                      viewport=Viewport.mobile(), page_width=390, page_height=900,
                      elements=(_element(0),), html="<html>日本語</html>", screenshot_png=b"png",
                      timings={"load": 0.1}, warnings=("w",))
    again = PageCapture.from_dict(json.loads(json.dumps(cap.to_dict())))
    assert again == cap
    cap.save(tmp_path / "c")
    loaded = PageCapture.load(tmp_path / "c")
    assert loaded == cap and loaded.screenshot_png == b"png"
    assert "html" not in json.loads((tmp_path / "c" / "page.json").read_text())


def test_labels_and_prediction_round_trip(tmp_path):
    labels = PageLabels("checkout", {31: "cc-number", 7: "submit"})
    labels.save(tmp_path)
    assert PageLabels.load(tmp_path) == labels
    assert json.loads((tmp_path / "labels.json").read_text())["elements"] == {"7": "submit", "31": "cc-number"}
    pred = Prediction("product", {"product": 0.9, "other": 0.1}, roles=(ElementLabel(3, "price", 0.8),),
                      rankings={"price": ((3, 0.8), (5, 0.1))})
    assert Prediction.from_dict(json.loads(json.dumps(pred.to_dict()))) == pred
    assert pred.role("price").element_id == 3 and pred.role("old_price") is None


def test_bad_records_name_the_problem(tmp_path):
    with pytest.raises(ValueError, match="unknown page type 'shop'"):
        PageLabels("shop")
    with pytest.raises(ValueError, match="unknown label 'prize'"):
        PageLabels("product", {1: "prize"})
    with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
        Viewport.parse("big")
    assert Viewport.parse("1440x900") == Viewport(1440, 900)
    (tmp_path / "page.json").write_text("{not json")
    with pytest.raises(ValueError, match="page.json: not valid JSON"):
        PageCapture.load(tmp_path)
    with pytest.raises(FileNotFoundError, match="no page.json"):
        PageCapture.load(tmp_path / "nowhere")


def test_style_to_dict_names_every_field():
    import dataclasses

    style = Style(font_size=13.5, font_weight=700, font_family="Inter", color="rgb(1, 2, 3)",
                  background_color="rgb(4, 5, 6)", text_decoration="line-through",
                  display="inline", visibility="hidden", opacity=0.5, cursor="pointer")
    assert style.to_dict() == dataclasses.asdict(style)
    assert Style(**style.to_dict()) == style


def test_ocr_view_joins_text_into_lines_and_carries_the_roles():
    """A capture seen as OCR sees it: touching pieces of a line read as one word, a form field
    and an image (no text) are gone, and each role sits on the line holding its text."""
    from pagelens.ocr import ocr_view
    from pagelens.records import Element, Style

    def el(i, parent, tag, box, text="", size=16.0, **attrs):
        return Element(id=i, parent=parent, tag=tag, xpath=f"/x[{i}]", box=Box(*box), text=text,
                       full_text=text, attrs=attrs, style=Style(font_size=size))

    els = (el(0, -1, "html", (0, 0, 800, 600)), el(1, 0, "body", (0, 0, 800, 600)),
           el(2, 1, "h1", (40, 20, 400, 70), "Blue Kettle", 40),
           el(3, 1, "img", (420, 20, 700, 300), src="k.jpg"),
           el(4, 1, "div", (40, 90, 160, 120), "", 24),
           el(5, 4, "span", (40, 90, 56, 120), "€", 24), el(6, 4, "span", (56, 90, 90, 120), "49", 24),
           el(7, 4, "span", (90, 90, 126, 120), ",90", 24),
           el(8, 1, "p", (40, 140, 300, 160), "Free delivery"),
           el(9, 1, "input", (40, 180, 300, 210), type="email"))
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(png, format="PNG")
    cap = PageCapture(source="inline", final_url="https://example.test/", title="",
                      viewport=Viewport(800, 600), page_width=800, page_height=600, elements=els,
                      screenshot_png=png.getvalue())
    view, roles = ocr_view(cap, {2: "product_title", 3: "product_image", 4: "price", 9: "email"})
    assert [e.full_text for e in view.elements[2:]] == ["Blue Kettle", "€49,90", "Free delivery"]
    assert roles == {2: "product_title", 3: "price"}
    assert view.elements[3].box == Box(40, 90, 126, 120) and view.elements[3].tag == "div"
