"""The model: every registered backbone, text encoder and head builds from a tiny config and runs
forward and backward; featurisation is checked against hand-computed values; training runs end to
end on a handful of pages; the shipped model loads and labels a bundled sample page."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from pagelens.records import Box, Element, PageCapture, PageLabels, Style, Viewport

torch.set_num_threads(2)


def _png(width: int, height: int, boxes: list[tuple[Box, tuple[int, int, int]]]) -> bytes:
    im = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(im)
    for box, colour in boxes:
        draw.rectangle([box.x0, box.y0, box.x1, box.y1], fill=colour)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def fake_page(kind: str, seed: int = 0) -> tuple[PageCapture, PageLabels]:
    """A small hand-built capture (no browser): a product page or a login form, with labels."""
    rng = np.random.default_rng(seed)
    els: list[Element] = []
    paint: list[tuple[Box, tuple[int, int, int]]] = []
    labels: dict[int, str] = {}

    def add(parent: int, tag: str, box: Box, text: str = "", attrs: dict | None = None,
            style: Style | None = None, label: str | None = None, colour=None) -> int:
        eid = len(els)
        els.append(Element(id=eid, parent=parent, tag=tag, xpath=f"/{tag}[{eid}]", box=box,
                           text=text, full_text=text, attrs=attrs or {}, style=style or Style(),
                           visible=True, in_first_viewport=box.y0 < 800,
                           interactive=tag in ("input", "button", "a", "select")))
        if label:
            labels[eid] = label
        if colour:
            paint.append((box, colour))
        return eid

    dx = float(rng.integers(0, 40))
    html = add(-1, "html", Box(0, 0, 1280, 1600))
    body = add(html, "body", Box(0, 0, 1280, 1600))
    add(body, "a", Box(1100 + dx / 4, 20, 1180, 40), "Cart", {"href": "/cart"}, label="cart_link")
    if kind == "product":
        add(body, "img", Box(40 + dx, 120, 600, 680), attrs={"alt": "Blue shoe", "src": "a.jpg"},
            label="product_image", colour=(90, 120, 200))
        add(body, "h1", Box(660, 120, 1200, 170), "Blue running shoe",
            style=Style(font_size=32, font_weight=700), label="product_title")
        add(body, "span", Box(660, 200, 780, 236), "$49.99",
            style=Style(font_size=28, font_weight=700), label="price")
        add(body, "s", Box(800, 206, 880, 230), "$79.99",
            style=Style(font_size=16, text_decoration="line-through"), label="old_price")
        add(body, "button", Box(660, 260, 900, 310), "Add to cart",
            style=Style(cursor="pointer", background_color="rgb(0, 120, 0)"), label="add_to_cart",
            colour=(0, 120, 0))
        add(body, "p", Box(660, 340, 1200, 420), "A light shoe for long runs.", label="description")
        for k in range(3):
            y = 900 + 120 * k
            add(body, "img", Box(40 + 300 * k, y, 300 + 300 * k, y + 100), attrs={"alt": "other"},
                colour=(180, 180, 180))
            add(body, "span", Box(40 + 300 * k, y + 102, 140 + 300 * k, y + 118), f"${10 + k}.00")
        page_type = "product"
    else:
        form = add(body, "form", Box(400, 200, 880, 600))
        add(form, "label", Box(400, 200, 600, 220), "Email", {"for": "em"})
        add(form, "input", Box(400, 224, 880, 260), attrs={"type": "email", "id": "em", "name": "email"},
            label="email", colour=(240, 240, 240))
        add(form, "label", Box(400, 280, 600, 300), "Password", {"for": "pw"})
        add(form, "input", Box(400, 304, 880, 340), attrs={"type": "password", "id": "pw"},
            label="current-password", colour=(240, 240, 240))
        add(form, "button", Box(400, 380, 560, 420), "Sign in", {"type": "submit"},
            style=Style(cursor="pointer"), label="submit", colour=(20, 20, 160))
        page_type = "login"
    cap = PageCapture(source=f"fake/{kind}/{seed}", final_url="", title=kind,
                      viewport=Viewport.desktop(), page_width=1280, page_height=1600,
                      elements=tuple(els), screenshot_png=_png(1280, 1600, paint))
    return cap, PageLabels(page_type, labels)


# --- registries: every registered backbone, text encoder and head, forward and backward ---------

from pagelens.fusion import PageEncoding, build_neighbourhood  # noqa: E402
from pagelens.fusion.graph import RELATIONS, pair_geometry  # noqa: E402
from pagelens.layout import TEXT_ENCODERS, LayoutConfig, LayoutEncoder, element_strings  # noqa: E402
from pagelens.layout.encoder import tokenize  # noqa: E402
from pagelens.model import ModelConfig, ModelPredictor, PageLensModel, load_model, save_model  # noqa: E402
from pagelens.tasks import HEADS, HeadConfig, create_head, page_targets  # noqa: E402
from pagelens.vision import BACKBONES, VisionConfig, VisualEncoder, create_backbone, renderer_targets  # noqa: E402
from pagelens.vocab import FIELD_TOKENS, PAGE_TYPES, PRODUCT_ROLES, SINGLETON_ROLES  # noqa: E402


def _backward(out: torch.Tensor) -> None:
    """Backward through a random projection: the plain sum of a LayerNorm's output is constant."""
    (out * torch.randn_like(out)).sum().backward()


def _grads_flow(module: torch.nn.Module) -> bool:
    return any(p.grad is not None and float(p.grad.abs().sum()) > 0 for p in module.parameters())


@pytest.mark.parametrize("name", sorted(BACKBONES))
def test_backbone_forward_backward(name: str) -> None:
    cfg = VisionConfig(backbone=name, out_dim=8, image_scale=0.25, max_page_height=400)
    enc = VisualEncoder(cfg)
    image = torch.randint(0, 255, (3, 96, 64), dtype=torch.uint8)  # a 256x384 CSS px page at 1/4
    boxes = torch.tensor([[0, 0, 100, 50], [20, 60, 250, 380], [10, 500, 50, 520.0]])
    out = enc(image, boxes)
    assert out.shape == (3, 8)
    assert torch.all(out[2] == 0), "an element below max_page_height has no pixels"
    _backward(out)
    assert _grads_flow(enc.backbone)


@pytest.mark.parametrize("rows", [300, 900])
def test_screenshot_top_rows_decode_to_the_same_pixels(rows: int) -> None:
    """Short PNGs go through OpenCV, tall ones through Pillow cut at max_rows: both must give
    exactly the pixels of a full decode."""
    from pagelens.vision.encoder import decode_top_rows

    from pagelens.vision.encoder import rechunk_png

    pixels = np.random.default_rng(0).integers(0, 256, (rows, 70, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG")
    chromium_like = rechunk_png(buf.getvalue(), 4096)  # Chromium's 4 KB image-data chunks
    assert chromium_like.count(b"IDAT") > 10
    for png in (buf.getvalue(), chromium_like):
        top = decode_top_rows(png, 500)
        assert top.shape == (min(rows, 500), 70, 3) and top.dtype == np.uint8
        assert np.array_equal(top, pixels[:500])
    with pytest.raises(ValueError, match="capture of shot.png: screenshot is not a readable image"):
        decode_top_rows(b"\x89PNG\r\n\x1a\n" + bytes(40), 500, "shot.png")


def test_a_capture_without_elements_is_refused_by_name() -> None:
    from pagelens.fusion import FusionConfig
    from pagelens.fusion.model import prepare_page
    from pagelens.layout import LayoutConfig
    from pagelens.vision.encoder import VisionConfig

    cap = PageCapture(source="nothing.json", final_url="", title="", viewport=Viewport(),
                      page_width=100, page_height=100, elements=())
    with pytest.raises(ValueError, match="capture of nothing.json has no elements"):
        prepare_page(cap, FusionConfig(), VisionConfig(), LayoutConfig())


def test_a_screenshot_narrower_than_the_page_is_not_stretched() -> None:
    from pagelens.vision.encoder import VisionConfig, prepare_image

    buf = io.BytesIO()
    Image.new("RGB", (400, 200), (200, 200, 200)).save(buf, format="PNG")
    cap = PageCapture(source="wide", final_url="", title="", viewport=Viewport(), page_width=1200,
                      page_height=200, elements=(), screenshot_png=buf.getvalue())
    img = prepare_image(cap, VisionConfig(image_scale=0.25, pad_to=32))
    assert img.shape == (3, 64, 128), "400 px of screenshot at a quarter: 100 columns, padded"
    assert (img[:, :50, :100] == 200).all() and (img[:, :, 100:] == 0).all()


def test_rechunk_png_keeps_the_pixels_and_leaves_other_bytes_alone() -> None:
    import struct
    import zlib

    from PIL.PngImagePlugin import PngInfo

    from pagelens.vision.encoder import rechunk_png

    def chunks(png: bytes) -> list[bytes]:
        out, i = [], 8
        while i < len(png):
            length, kind = struct.unpack(">I4s", png[i:i + 8])
            body = png[i + 4:i + 8 + length]
            assert struct.unpack(">I", png[i + 8 + length:i + 12 + length])[0] == zlib.crc32(body)
            out.append(kind)
            i += 12 + length
        return out

    pixels = np.random.default_rng(1).integers(0, 256, (120, 50, 3), dtype=np.uint8)
    info = PngInfo()
    info.add_text("source", "test")
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG", pnginfo=info)
    small = rechunk_png(buf.getvalue(), 1000)
    one = rechunk_png(small)
    assert chunks(small).count(b"IDAT") > 5 and chunks(one).count(b"IDAT") == 1
    assert [k for k in chunks(one) if k != b"IDAT"] == [k for k in chunks(buf.getvalue()) if k != b"IDAT"]
    for png in (small, one):
        with Image.open(io.BytesIO(png)) as im:
            assert im.info.get("source") == "test"
            assert np.array_equal(np.asarray(im.convert("RGB")), pixels)
    for other in (b"GIF89a....", b"\x89PNG\r\n\x1a\n" + bytes(40), buf.getvalue()[:-30]):
        assert rechunk_png(other) == other, "not a whole PNG: returned as it is"


def test_colour_augmentation_keeps_the_layout_and_varies_the_colours() -> None:
    import random

    from pagelens.vision.augment import augment_image

    img = torch.zeros(3, 40, 60, dtype=torch.uint8)
    img[:, 10:20, 5:30] = torch.tensor([200, 30, 30], dtype=torch.uint8).view(3, 1, 1)  # a red box
    assert augment_image(img, random.Random(0), 0.0) is img
    variants = [augment_image(img, random.Random(s), 1.0) for s in range(30)]
    assert augment_image(img, random.Random(3), 1.0).equal(variants[3]), "seeded"
    for v in variants:
        assert v.shape == img.shape and v.dtype == torch.uint8
        inside, outside = v[:, 10:20, 5:30].float(), v[:, 25:, 35:].float()
        # geometry is untouched: the box is one flat colour, the page around it another
        assert inside.std(dim=(1, 2)).max() == 0 and outside.std(dim=(1, 2)).max() == 0
    colours = {tuple(v[:, 12, 8].tolist()) for v in variants}
    assert len(colours) > 20, "the variants differ"
    assert any(len(set(c)) == 1 for c in colours), "some are grey"
    with pytest.raises(ValueError, match="uint8"):
        augment_image(img.float(), random.Random(0), 1.0)


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(KeyError, match="mobilenetv3_small_100"):
        create_backbone("resnet9000")
    with pytest.raises(ValueError, match="narrow"):
        LayoutConfig(encoder="gpt")
    with pytest.raises(KeyError, match="page_type"):
        create_head("colour", 8, HeadConfig())
    with pytest.raises(ValueError, match="element_role"):
        ModelConfig(heads=("element_role", "sentiment"))


@pytest.mark.parametrize("name", sorted(TEXT_ENCODERS))
def test_text_encoder_forward_backward(name: str) -> None:
    cfg = LayoutConfig(encoder=name, hidden=16, layers=1, heads=2, ffn=32, max_tokens=12)
    enc = LayoutEncoder(cfg)
    ids, mask = tokenize(["Add to cart", "E-mail address | input email"], cfg.max_tokens)
    assert ids.shape[1] <= 12 and ids[0, 0] == 101  # [CLS]
    string_index = torch.tensor([0, -1, 1, 0])
    box = torch.tensor([[0, 0, 100, 20], [0, 0, 1000, 1000], [5, 5, 6, 6], [0, 0, 100, 20]])
    out = enc(ids, mask, string_index, box)
    assert out.shape == (4, 16)
    assert torch.allclose(out[0], out[3]), "same string, same box: same embedding"
    _backward(out)
    assert _grads_flow(enc.text)
    assert "tokens.word" not in enc.state_dict(), "the frozen MiniLM table is never saved"


def test_strings_encoded_in_runs_match_one_padded_batch() -> None:
    """Runs of strings sorted by length and cut to their longest give each string the embedding
    one batch padded to the page's longest string gives it (to float rounding), in order."""
    from pagelens.layout.encoder import STRING_RUN

    torch.manual_seed(0)
    cfg = LayoutConfig(encoder="narrow", hidden=16, layers=1, heads=2, ffn=32, max_tokens=12)
    enc = LayoutEncoder(cfg).eval()
    words = ["buy", "Add to cart now", "E-mail address | input email", "Password", "Ship to",
             "a much longer string of many words that runs past the token limit"]
    strings = [words[i % len(words)] + f" {i}" for i in range(STRING_RUN + 40)]
    ids, mask = tokenize(strings, cfg.max_tokens)
    assert len(set(mask.sum(1).tolist())) > 3
    with torch.no_grad():
        states = enc.text(ids, mask)
        m = mask.unsqueeze(-1).float()
        expected = (states * m).sum(1) / m.sum(1)
        assert torch.allclose(enc.encode_strings(ids, mask), expected, atol=1e-5)


@pytest.mark.parametrize("name", sorted(HEADS))
def test_head_forward_backward(name: str) -> None:
    n, dim = 7, 12
    head = create_head(name, dim, HeadConfig(hidden=8))
    enc = PageEncoding(elements=torch.randn(n, dim, requires_grad=True),
                       page=torch.randn(dim, requires_grad=True), visual=None, seen=torch.ones(n))
    from pagelens.records import PageLabels
    targets = page_targets(PageLabels("product", {1: "price", 2: "email", 3: "review"}),
                           list(range(n)))
    out = head(enc)
    loss = head.loss(out, targets)
    assert loss.ndim == 0 and torch.isfinite(loss)
    loss.backward()
    assert _grads_flow(head)


def test_hidden_form_fields_are_scored_other_hidden_elements_not() -> None:
    import dataclasses

    from pagelens.fusion import select_elements
    from pagelens.vision import seen_mask

    cap, _ = fake_page("login")
    body = 1
    empty = Box(0, 0, 0, 0)
    extra = [Element(id=len(cap.elements) + k, parent=body, tag=tag, xpath=f"/x[{k}]", box=empty,
                     attrs=attrs, visible=False)
             for k, (tag, attrs) in enumerate([("input", {"type": "email", "name": "friend"}),
                                               ("input", {"type": "hidden", "name": "csrf"}),
                                               ("select", {"name": "bday-month"}),
                                               ("div", {})])]
    cap = dataclasses.replace(cap, elements=tuple(cap.elements) + tuple(extra))
    kept = select_elements(cap, 6000)
    n = len(cap.elements)
    assert n - 4 in kept and n - 2 in kept, "hidden email input and select are fields to fill"
    assert n - 3 not in kept and n - 1 not in kept, "type=hidden and a hidden div are not"
    boxes = torch.tensor([[0, 0, 0, 0], [10, 10, 50, 30.0]])
    assert seen_mask(boxes, VisionConfig()).tolist() == [0.0, 1.0], "no box, no pixels"


def test_long_pages_keep_what_is_read_before_bare_containers() -> None:
    """Past ``max_elements``, a price at the very bottom of a long page is still scored: empty
    wrappers give way to elements with text, images and controls, and order stays."""
    import dataclasses

    from pagelens.fusion import select_elements

    cap, _ = fake_page("product")
    body, n = 1, len(cap.elements)
    wrappers = [Element(id=n + k, parent=body, tag="div", xpath=f"/w[{k}]",
                        box=Box(0, 2000 + 10 * k, 100, 2010 + 10 * k)) for k in range(30)]
    price = Element(id=n + 30, parent=n + 29, tag="span", xpath="/w[29]/span",
                    box=Box(0, 2300, 40, 2317), text="$410.00", full_text="$410.00")
    cap = dataclasses.replace(cap, elements=tuple(cap.elements) + tuple(wrappers) + (price,))
    every = select_elements(cap, 10_000)
    assert len(every) == n + 30 and price.id in every  # the fake page's <html> is skipped
    kept = select_elements(cap, len(every) - 10)
    assert len(kept) == len(every) - 10 and kept == sorted(kept)
    assert price.id in kept
    assert sum(w.id in kept for w in wrappers) == 20


def test_rule_prior_adds_the_rules_decisions_to_the_logits() -> None:
    from pagelens.tasks import FIELD_CLASSES
    votes = ("role:price", "field:street-address", "field:bday-month", "page:login")
    cfg = HeadConfig(hidden=8, rule_prior=3.0)
    n, dim = 3, 12
    enc = PageEncoding(elements=torch.randn(n, dim), page=torch.randn(dim), visual=None,
                       seen=torch.ones(n),
                       votes=torch.tensor([[0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 0.5, 1.0],
                                           [0.8, 0.0, 0.0, 1.0]]))
    bare = HeadConfig(hidden=8)
    for name in sorted(HEADS):
        torch.manual_seed(0)
        with_prior = create_head(name, dim, cfg, votes)
        torch.manual_seed(0)
        without = create_head(name, dim, bare, votes)
        diff = (with_prior(enc)["logits"] - without(enc)["logits"]).detach()
        if name == "field_token":
            line1, month = FIELD_CLASSES.index("address-line1"), FIELD_CLASSES.index("bday-month")
            assert diff[0, line1] == pytest.approx(3.0)  # street-address trains as address-line1
            assert diff[1, month] == pytest.approx(1.5)
            assert float(diff.abs().sum()) == pytest.approx(4.5)
        elif name == "page_type":
            assert diff[PAGE_TYPES.index("login")] == pytest.approx(3.0)
            assert float(diff.abs().sum()) == pytest.approx(3.0)
        else:
            assert diff[2, 1 + PRODUCT_ROLES.index("price")] == pytest.approx(2.4)
            assert float(diff.abs().sum()) == pytest.approx(2.4)
    # the weights are learned
    head = create_head("field_token", dim, cfg, votes)
    head(enc)["logits"][0].sum().backward()
    assert head.prior.weight.grad is not None and float(head.prior.weight.grad.abs().sum()) > 0


def test_targets_hand_computed() -> None:
    t = page_targets(PageLabels("product", {10: "price", 11: "price", 12: "street-address",
                                            99: "review"}), [10, 11, 12])
    assert t.role.tolist() == [1 + PRODUCT_ROLES.index("price")] * 2 + [0]
    from pagelens.tasks import FIELD_CLASSES
    assert FIELD_CLASSES[int(t.field[2])] == "address-line1"  # the alias trains as one class
    s = SINGLETON_ROLES.index("price")
    assert t.singleton[s].tolist() == [True, True, False, False]
    assert t.singleton[SINGLETON_ROLES.index("add_to_cart")].tolist() == [False, False, False, True]
    assert int(t.page_type) == PAGE_TYPES.index("product")


# --- featurisation: hand-computed geometry and strings ------------------------------------------

def test_pair_geometry_hand_computed() -> None:
    boxes = np.array([[0, 0, 100, 20], [0, 40, 100, 60], [-10, -10, 200, 100]], dtype=np.float32)
    geo = pair_geometry(boxes, np.array([[1, 2]]))
    # 0 -> 1: centre dy = +40 px, vertical gap 20 px, no horizontal gap, same size
    assert geo[0, 0, 1] == pytest.approx(np.log1p(40 / 16) / 4, rel=1e-5)
    assert geo[0, 0, 3] == pytest.approx(np.log1p(20 / 16) / 4, rel=1e-5)
    assert geo[0, 0, 2] == 0 and geo[0, 0, 4] == pytest.approx(0)
    # 0 -> 2: box 2 contains box 0
    assert geo[0, 1, 6] == 1 and geo[0, 1, 7] == 0


def test_neighbourhood_relations_hand_computed() -> None:
    # tree: 0 -> (1, 2, 3); 2 -> 4
    boxes = np.array([[0, 0, 100, 100], [0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10],
                      [20, 0, 25, 5]], dtype=np.float32)
    g = build_neighbourhood(boxes, [-1, 0, 0, 0, 2], k_spatial=2)
    assert g.index.shape == (5, 16)
    rel = {(int(j), RELATIONS[int(r)]) for j, r, v in zip(g.index[2], g.relation[2], g.valid[2]) if v}
    assert {(2, "self"), (0, "parent"), (1, "prev_sibling"), (3, "next_sibling"), (4, "child")} <= rel
    rel4 = {(int(j), RELATIONS[int(r)]) for j, r, v in zip(g.index[4], g.relation[4], g.valid[4]) if v}
    assert (0, "grandparent") in rel4 and (2, "parent") in rel4
    assert not g.valid[4][g.relation[4] == RELATIONS.index("pad")].any()


def test_spatial_neighbours_are_the_nearest_others_even_where_boxes_tie() -> None:
    # 6 boxes share one centre; the rest lie on a line, 10 px apart
    boxes = np.array([[0, 0, 10, 10]] * 6 + [[20 + 10 * i, 0, 30 + 10 * i, 10] for i in range(8)],
                     dtype=np.float32)
    centres = (boxes[:, :2] + boxes[:, 2:]) / 2
    g = build_neighbourhood(boxes, [-1] * len(boxes), k_spatial=4)
    spatial = g.relation == RELATIONS.index("spatial")
    assert spatial.sum(1).tolist() == [4] * len(boxes)
    for r in range(len(boxes)):
        others = g.index[r][spatial[r]].numpy()
        assert r not in others and len(set(others)) == 4
        dist = np.linalg.norm(centres - centres[r], axis=1)
        dist[r] = np.inf
        assert np.sort(dist[others]).tolist() == np.sort(dist)[:4].tolist()
    small = build_neighbourhood(boxes[:3], [-1, -1, -1], k_spatial=4)  # fewer elements than k
    assert (small.relation == RELATIONS.index("spatial")).sum(1).tolist() == [2, 2, 2]


def test_local_attention_in_runs_equals_attention_over_the_whole_page() -> None:
    import math

    from pagelens.fusion.context import ROWS, LocalAttention

    torch.manual_seed(0)
    att = LocalAttention(32, 4, 0.0).eval()
    n, k = 2 * ROWS + 7, 5
    x, index = torch.randn(n, 32), torch.randint(0, n, (n, k))
    bias = torch.randn(n, k, 4).masked_fill(torch.rand(n, k, 1) < 0.2, float("-inf"))
    bias[:, 0] = 0.0  # every element keeps at least one neighbour
    q, kk, v = att.qkv(x).view(n, 3, 4, 8).unbind(1)
    scores = (q.unsqueeze(1) * kk[index]).sum(-1) / math.sqrt(8) + bias
    expected = att.out((torch.softmax(scores, 1).unsqueeze(-1) * v[index]).sum(1).reshape(n, -1))
    assert torch.allclose(att(x, index, bias), expected, atol=1e-6)


def test_field_strings_find_their_labels() -> None:
    cap, _ = fake_page("login")
    ids = [el.id for el in cap.elements]
    strings = dict(zip(ids, element_strings(cap, ids)))
    email = next(el.id for el in cap.elements if el.attrs.get("type") == "email")
    pw = next(el.id for el in cap.elements if el.attrs.get("type") == "password")
    assert strings[email].startswith("Email | input email")
    assert strings[pw].startswith("Password | input password")


def test_class_words_hand_computed() -> None:
    from pagelens.layout.text import class_words, element_string

    def el(tag: str, text: str = "", **attrs: str) -> Element:
        return Element(id=1, parent=0, tag=tag, xpath=f"/html[1]/{tag}[1]",
                       box=Box(0, 0, 10, 10), text=text, full_text=text, attrs=attrs)

    price = el("span", "$79.99", **{"class": "pdp-price__current priceBox css-1x2y3z", "id": "p"})
    assert class_words(price, 3) == "pdp price current"
    assert class_words(price, 9) == "pdp price current box"  # 'css-1x2y3z' holds digits: hashed
    assert class_words(el("div", **{"class": "sc-a8Fk3 css-kjx"}), 3) == "kjx"
    assert class_words(price, 0) == ""
    assert element_string(price, n_class_words=3) == "pdp price current | $79.99"
    assert element_string(price) == "$79.99", "0 words: the strings older models were trained on"
    field = el("input", type="email", name="mail", **{"class": "form-control"})
    assert element_string(field, n_class_words=3) == element_string(field), \
        "form controls are named by name/id/autocomplete, not by class"


def test_whole_price_element_climbs_from_a_piece_to_the_whole_price() -> None:
    from pagelens.tasks.decode import whole_price_element

    els: list[Element] = []

    def add(parent: int, tag: str, text: str) -> int:
        els.append(Element(id=len(els), parent=parent, tag=tag, xpath=f"/{tag}[{len(els)}]",
                           box=Box(0, 0, 10, 10), text=text, full_text=text))
        return len(els) - 1

    body = add(-1, "body", "Blue shoe $79.99 Was $99 Now $79 4.5 out of 5")
    whole = add(body, "div", "$79.99")              # <div><span>$</span><span>79.</span><sup>99</sup>
    dollar, units, cents = add(whole, "span", "$"), add(whole, "span", "79."), add(whole, "sup", "99")
    was_now = add(body, "p", "Was $99 Now $79")
    now = add(was_now, "span", "$79")
    wrap = add(body, "div", "$ 1,299")                # <div><b>$</b> <b>1,299</b></div>: the number whole
    thousands = add(wrap, "b", "1,299")
    two = add(add(body, "div", "$15 15"), "span", "15")  # two numbers above: not one price
    rating = add(add(body, "div", "4.5 out of 5"), "span", "4.5")
    cap = PageCapture(source="fake/split", final_url="", title="", viewport=Viewport.desktop(),
                      page_width=1280, page_height=1600, elements=tuple(els))
    assert whole_price_element(cap, units) == whole
    assert whole_price_element(cap, cents) == whole
    assert whole_price_element(cap, dollar) == whole
    assert whole_price_element(cap, whole) == whole
    assert whole_price_element(cap, now) == now, "two prices above it: the network chose one"
    assert whole_price_element(cap, thousands) == thousands, "a whole number stays (people label it)"
    assert whole_price_element(cap, two) == two
    assert whole_price_element(cap, body) == body
    assert whole_price_element(cap, rating) == rating, "no currency above: no price"


def test_absent_product_roles_take_the_rules_ranking() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode
    from pagelens.tasks.heads import FIELD_CLASSES, ROLE_CLASSES
    from pagelens.vocab import PAGE_TYPES, SINGLETON_ROLES

    els = tuple(Element(id=i, parent=i - 1, tag="span", xpath=f"/span[{i}]", box=Box(0, 0, 10, 10),
                        text=t, full_text=t) for i, t in enumerate(["Shoe", "$12.00", "$15.00", "4.5"]))
    cap = PageCapture(source="fake/absent", final_url="", title="", viewport=Viewport.desktop(),
                      page_width=1280, page_height=1600, elements=els)
    n, price, old = len(els), SINGLETON_ROLES.index("price"), SINGLETON_ROLES.index("old_price")
    listwise = torch.zeros(len(SINGLETON_ROLES), n + 1)
    listwise[:, n] = 9.0  # the network puts every role off the page
    listwise[price, 3], listwise[old, 0] = 1.0, 1.0  # its best guesses: the rating, the title
    rules = torch.zeros(n, len(ROLE_CLASSES))
    rules[2, ROLE_CLASSES.index("price")], rules[1, ROLE_CLASSES.index("price")] = 0.9, 0.4
    rules[1, ROLE_CLASSES.index("old_price")] = 0.8

    def run(page: str, **cfg: bool) -> tuple[list, dict]:
        page_logits = torch.zeros(len(PAGE_TYPES))
        page_logits[PAGE_TYPES.index(page)] = 5.0
        outputs = {"element_role": {"logits": torch.zeros(n, len(ROLE_CLASSES)), "listwise": listwise,
                                    "rules": rules},
                   "field_token": {"logits": torch.zeros(n, len(FIELD_CLASSES))},
                   "page_type": {"logits": page_logits}}
        # price_shape off: the network's own rankings, whose texts here are not all prices
        pred = decode(cap, tuple(range(n)), outputs, DecodeConfig(**{"price_shape": False, **cfg}))
        return {r.label: r.element_id for r in pred.roles}, pred.rankings

    roles, rankings = run("product")
    assert roles["price"] == 2 and [e for e, _ in rankings["price"]] == [2, 1], \
        "the rules' ranking, only the elements they rank"
    assert "old_price" not in roles and rankings["old_price"][0][0] == 0, \
        "a product page need not have an old price: the network's call stands"
    roles, rankings = run("product", absent_to_rules=False)
    assert "price" not in roles and rankings["price"][0][0] == 3
    roles, rankings = run("login")
    assert "price" not in roles and rankings["price"][0][0] == 3, "not a product page: no fallback"


def test_reads_as_price() -> None:
    from pagelens.tasks.decode import reads_as_price

    for text in ("$79", "49 zł", "1,299円", "199.99", "$ 79. 99", "USD$410.00", "Now $52.00 ☆☆☆☆☆",
                 "$79.99 (20% off)", "1 299 Ft", "€ 12"):
        assert reads_as_price(text), text
    for text in ("50%Off", "12.50 20%", "5-9", "1124604", "(888) 880-3811", "18-24", "MS044BW", "Reviews",
                 "6 ft", "39", ""):
        assert not reads_as_price(text), text


def test_price_shape_skips_a_best_element_that_is_no_price() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode

    n, price, title = 5, SINGLETON_ROLES.index("price"), SINGLETON_ROLES.index("product_title")
    listwise = torch.full((len(SINGLETON_ROLES), n + 1), -9.0)
    listwise[price, :4] = torch.tensor([4.0, 3.0, 2.0, 1.0])  # the badge, then the size, then prices
    listwise[title, 4] = 4.0  # not a price role: price_shape leaves its ranking alone

    def run(texts: list[str], **cfg: bool) -> tuple[dict, dict]:
        pred = decode(_one_page(_spans(texts)), tuple(range(n)), _outputs(n, "other", listwise),
                      DecodeConfig(**cfg))
        return {r.label: r.element_id for r in pred.roles}, pred.rankings

    shop = ["50%Off", "5-9", "$19.99", "$24.00", "Shoe"]
    roles, _ = run(shop, price_shape=False)
    assert roles["price"] == 0, "off: the network's best"
    roles, rankings = run(shop)
    assert roles["price"] == 2 and [e for e, _ in rankings["price"]] == [2, 3]
    assert roles["product_title"] == 4
    roles, _ = run(["50%Off", "5-9", "Sold out", "Size 9", "Shoe"])
    assert roles["price"] == 0, "nothing reads as a price: the network's ranking as it is"


def test_title_shape_skips_a_best_element_that_is_no_name() -> None:
    """A product title reads as a name: not a price, a bare number or a rating line (what OCR
    lines of a screenshot offer the screenshot model); where nothing does, the network's pick."""
    from pagelens.tasks.decode import DecodeConfig, decode, reads_as_title

    for text in ("Blue Kettle", "Gift card $50", "4K TV", "ワイヤレスイヤホン", "Nomiri 基础款台灯"):
        assert reads_as_title(text), text
    for text in ("47.90 zł", "4.90", "£78.00", "★★★★★ (3,958)", "5★ 2,675条评价", "39", ""):
        assert not reads_as_title(text), text

    n, title = 4, SINGLETON_ROLES.index("product_title")
    listwise = torch.full((len(SINGLETON_ROLES), n + 1), -9.0)
    listwise[title, :n] = torch.tensor([4.0, 3.0, 2.0, 1.0])

    def run(texts: list[str], **cfg: bool) -> int:
        pred = decode(_one_page(_spans(texts)), tuple(range(n)), _outputs(n, "other", listwise),
                      DecodeConfig(**cfg))
        return next(r.element_id for r in pred.roles if r.label == "product_title")

    lines = ["47.90 zł", "★★★★☆ 221", "Organic Backpack", "Add to cart"]
    assert run(lines, title_shape=False) == 0, "off: the network's best"
    assert run(lines) == 2
    assert run(["47.90 zł", "4.90", "★★★", "39"]) == 0, "nothing reads as a name: the network's pick"


def test_declared_price_comes_first_where_the_page_shows_it() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode
    from pagelens.tasks.heads import FIELD_CLASSES, ROLE_CLASSES
    from pagelens.vocab import PAGE_TYPES, SINGLETON_ROLES

    texts = ["Shoe", "$24.00", "Was $30.00", "$19.99", "19.99"]
    n, price = len(texts), SINGLETON_ROLES.index("price")
    els = tuple(Element(id=i, parent=-1, tag="span", xpath=f"/span[{i}]", box=Box(0, 0, 10, 10),
                        text=t, full_text=t) for i, t in enumerate(texts))
    listwise = torch.full((len(SINGLETON_ROLES), n + 1), -9.0)
    listwise[price, 1:5] = torch.tensor([4.0, 3.0, 1.0, 2.0])  # a related product's price first

    def run(declared: str | None, page: str = "product", **cfg: bool) -> list[int]:
        ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
              f'"Product", "name": "Shoe", "offers": {{"price": "{declared}"}}}}</script>'
              if declared else "")
        cap = PageCapture(source="fake/declared", final_url="", title="", viewport=Viewport.desktop(),
                          page_width=1280, page_height=1600, elements=els,
                          html=f"<html><head>{ld}</head><body></body></html>")
        page_logits = torch.zeros(len(PAGE_TYPES))
        page_logits[PAGE_TYPES.index(page)] = 5.0
        outputs = {"element_role": {"logits": torch.zeros(n, len(ROLE_CLASSES)), "listwise": listwise},
                   "field_token": {"logits": torch.zeros(n, len(FIELD_CLASSES))},
                   "page_type": {"logits": page_logits}}
        return [e for e, _ in decode(cap, tuple(range(n)), outputs, DecodeConfig(**cfg)).rankings["price"]]

    assert run(None) == [1, 2, 4, 3], "nothing declared: the network's ranking"
    assert run("19.990000") == [4, 1, 2, 3], "the network's best element reading as the amount"
    assert run("24") == [1, 2, 4, 3], "the first price already reads as the amount"
    assert run("55.00") == [1, 2, 4, 3], "no element shows the amount: the ranking stays"
    assert run("19.99", page="login") == [1, 2, 4, 3], "only on a page decoded as product"
    assert run("19.99", page="listing") == [4, 1, 2, 3], "one product declared: a product page"
    assert run("19.99", page="listing", declared_product_page=False) == [1, 2, 4, 3]
    assert run("19.99", declared_price=False) == [1, 2, 4, 3]
    listwise[price, 1:5] = torch.tensor([90.0, 3.0, -60.0, -50.0])  # 19.99's at probability 0
    assert run("19.99")[0] == 4, "ties at probability 0 go by the network's logits"


def _spans(texts: list[str]) -> tuple:
    """One ``<span>`` a text, siblings, in document order."""
    return tuple(Element(id=i, parent=-1, tag="span", xpath=f"/span[{i}]", box=Box(0, 0, 10, 10),
                         text=t, full_text=t) for i, t in enumerate(texts))


def _one_page(elements: tuple, html: str = "") -> PageCapture:
    return PageCapture(source="fake/page", final_url="https://shop.example/p/1", title="",
                       viewport=Viewport.desktop(), page_width=1280, page_height=1600,
                       elements=elements, html=html)


def _outputs(n: int, page: str, listwise: torch.Tensor | None = None,
             fields: torch.Tensor | None = None) -> dict:
    from pagelens.tasks.heads import FIELD_CLASSES, ROLE_CLASSES

    page_logits = torch.zeros(len(PAGE_TYPES))
    page_logits[PAGE_TYPES.index(page)] = 5.0
    return {"element_role": {"logits": torch.zeros(n, len(ROLE_CLASSES)),
                             "listwise": listwise if listwise is not None
                             else torch.full((len(SINGLETON_ROLES), n + 1), -9.0)},
            "field_token": {"logits": fields if fields is not None
                            else torch.zeros(n, len(FIELD_CLASSES))},
            "page_type": {"logits": page_logits}}


def test_a_page_declaring_one_product_is_a_product_page() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode

    els = (Element(id=0, parent=-1, tag="span", xpath="/span[0]", box=Box(0, 0, 10, 10), text="$9.99",
                   full_text="$9.99"),)
    one = ('<script type="application/ld+json">{"@type": "Product", "name": "Mug", '
           '"offers": {"price": "9.99"}}</script>')
    two = one.replace("}}", "}}, {\"@type\": \"Product\", \"offers\": {\"price\": 5}}").replace(
        '>{"@type"', '>[{"@type"').replace("}</script>", "]</script>")
    no_price = one.replace('"price": "9.99"', '"price": ""')

    def run(html: str, page: str, on: bool = True, price: bool = False) -> str:
        cfg = DecodeConfig(declared_product_page=on, declared_product_price=price)
        return decode(_one_page(els, html), (0,), _outputs(1, page), cfg).page_type

    assert run(one, "other") == "product" and run(one, "listing") == "product"
    assert run(two, "other") == "other", "a page declaring two products may be a listing"
    assert run(no_price, "other") == "product", "the price may be shown only in the cart"
    assert run(no_price, "other", price=True) == "other", "no declared price, when one is needed"
    assert not DecodeConfig().declared_product_price, "one declared product is enough (shipped)"
    assert run(one, "login") == "login", "only other and listing give way"
    assert run(one, "other", on=False) == "other"


def _decoded_type(tokens: list[str], page: str, second: str, option: str, on: bool = True,
                      known: str | None = None) -> str:
    """The page type decoded for three text boxes given the field ``tokens``, the network's page
    type ``page`` (``second`` its next most likely) and the decoding ``option`` set to ``on``;
    the network's page-type scores must come out as they went in."""
    from pagelens.tasks.decode import DecodeConfig, decode
    from pagelens.tasks.heads import FIELD_CLASSES

    els = tuple(Element(id=i, parent=-1, tag="input", xpath=f"/input[{i}]", box=Box(0, 20 * i, 10, 20 * i + 10),
                        attrs={"type": "text"}) for i in range(3))
    logits = torch.zeros(len(els), len(FIELD_CLASSES))
    for i, tok in enumerate(tokens):
        logits[i, FIELD_CLASSES.index(tok)] = 9.0
    outputs = _outputs(3, page, fields=logits)
    outputs["page_type"]["logits"][PAGE_TYPES.index(second)] = 2.0
    pred = decode(_one_page(els), (0, 1, 2), outputs, DecodeConfig(**{option: on}), known)
    assert pred.page_type_scores[page] > pred.page_type_scores[second], "scores stay"
    return pred.page_type


def test_a_sign_in_form_with_nothing_to_pay_is_no_checkout() -> None:
    from pagelens.tasks.decode import DecodeConfig

    def run(tokens: list[str], on: bool = True, known: str | None = None) -> str:
        return _decoded_type(tokens, "checkout", "login", "checkout_needs_checkout_fields", on, known)

    assert run(["username", "current-password", "none"]) == "login"
    assert run(["email", "current-password", "postal-code"]) == "checkout", "something to ship to"
    assert run(["email", "none", "none"]) == "checkout", "a guest checkout asks for an email"
    assert run(["username", "current-password", "none"], on=False) == "checkout"
    assert run(["username", "current-password", "none"], known="checkout") == "checkout"
    assert DecodeConfig().checkout_needs_checkout_fields, "on in the shipped decoding"


def test_a_newsletter_box_is_no_signup() -> None:
    """A page decoded as signup whose fields are an email, perhaps a name, and no password takes
    its next most likely type; an account form (a password, a phone) stays a sign-up."""
    from pagelens.tasks.decode import DecodeConfig

    def run(tokens: list[str], on: bool = True, known: str | None = None) -> str:
        return _decoded_type(tokens, "signup", "other", "signup_needs_account", on, known)

    assert run(["email", "name", "none"]) == "other"
    assert run(["given-name", "family-name", "email"]) == "other"
    assert run(["email", "new-password", "none"]) == "signup", "an account has a password"
    assert run(["email", "tel", "name"]) == "signup", "more than a newsletter asks"
    assert run(["name", "none", "none"]) == "signup", "no email: not a newsletter box"
    assert run(["email", "name", "none"], on=False) == "signup"
    assert run(["email", "name", "none"], known="signup") == "signup"
    assert DecodeConfig().signup_needs_account, "on in the shipped decoding"


def test_an_account_form_on_a_page_decoded_other_is_a_signup() -> None:
    """A page decoded as other whose fields hold a new password and a field naming the person
    is a sign-up; a new password alone (a password change) or another type stays as it is."""
    from pagelens.tasks.decode import DecodeConfig

    def run(tokens: list[str], page: str = "other", on: bool = True, known: str | None = None) -> str:
        return _decoded_type(tokens, page, "signup", "account_form_is_signup", on, known)

    assert run(["email", "new-password", "new-password"]) == "signup"
    assert run(["tel", "given-name", "new-password"]) == "signup"
    assert run(["current-password", "new-password", "new-password"]) == "other", "a password change"
    assert run(["email", "new-password", "postal-code"], page="checkout") == "checkout"
    assert run(["email", "new-password", "none"], on=False) == "other"
    assert run(["email", "new-password", "none"], known="other") == "other"
    assert DecodeConfig().account_form_is_signup, "on in the shipped decoding"


def test_a_new_password_without_identity_is_no_signup_when_asked() -> None:
    from pagelens.tasks.decode import DecodeConfig

    def run(tokens: list[str], on: bool = True, known: str | None = None) -> str:
        return _decoded_type(tokens, "signup", "login", "signup_needs_identity", on, known)

    assert run(["new-password", "new-password", "none"]) == "other", "a password change"
    assert run(["current-password", "new-password", "none"]) == "other"
    assert run(["new-password", "new-password", "email"]) == "signup", "it names the person"
    assert run(["new-password", "new-password", "none"], on=False) == "signup"
    assert run(["new-password", "new-password", "none"], known="signup") == "signup"
    assert not DecodeConfig().signup_needs_identity, "off in the shipped decoding"


def test_a_password_beside_a_first_name_opens_an_account_when_asked() -> None:
    """A current password in a form with a first name or birth date near it is a new password,
    and a page decoded login that holds such a form is a sign-up; a family name alone, another
    form or a field far down the page changes nothing."""
    from pagelens.tasks.decode import DecodeConfig, decode
    from pagelens.tasks.heads import FIELD_CLASSES

    def run(tokens: list[str], forms: list[int], ys: list[int], on: bool = True) -> tuple[str, list[str]]:
        els = [Element(id=0, parent=-1, tag="body", xpath="/body", box=Box(0, 0, 1280, 3000)),
               Element(id=1, parent=0, tag="form", xpath="/form[0]", box=Box(0, 0, 600, 3000)),
               Element(id=2, parent=0, tag="form", xpath="/form[1]", box=Box(600, 0, 1280, 3000))]
        els += [Element(id=3 + i, parent=1 + f, tag="input", xpath=f"/input[{i}]",
                        box=Box(0, y, 200, y + 30), attrs={"type": "text"})
                for i, (f, y) in enumerate(zip(forms, ys))]
        n = len(els)
        logits = torch.zeros(n, len(FIELD_CLASSES))
        logits[:, FIELD_CLASSES.index("none")] = 9.0
        for i, tok in enumerate(tokens):
            logits[3 + i, FIELD_CLASSES.index(tok)] = 12.0
        outputs = _outputs(n, "login", fields=logits)
        cfg = DecodeConfig(password_beside_name=on, login_with_registration=on)
        pred = decode(_one_page(tuple(els)), tuple(range(n)), outputs, cfg)
        return pred.page_type, [f.label for f in sorted(pred.fields, key=lambda f: f.element_id)]

    sign_in = ["email", "current-password"]
    register = ["given-name", "family-name", "email", "current-password"]
    assert run(sign_in + register, [0, 0, 1, 1, 1, 1], [100, 140, 100, 140, 180, 220]) == (
        "signup", sign_in + ["given-name", "family-name", "email", "new-password"])
    assert run(sign_in + register, [0, 0, 1, 1, 1, 1], [100, 140, 100, 140, 180, 220], on=False) == (
        "login", sign_in + register), "off: the network's tokens and type"
    assert run(["username", "family-name", "current-password"], [0, 0, 0], [100, 140, 180]) == (
        "login", ["username", "family-name", "current-password"]), "a family name alone: a sign-in"
    assert run(["given-name", "current-password"], [0, 1], [100, 140])[1][1] == "current-password", \
        "another form"
    assert run(["given-name", "current-password"], [0, 0], [100, 1400])[1][1] == "current-password", \
        "far from the password"
    assert not DecodeConfig().password_beside_name and not DecodeConfig().login_with_registration


def test_a_honeypot_gets_no_field_token() -> None:
    """A control named or classed as a honeypot, or placed outside the page, is no field; the
    same control named otherwise keeps its token."""
    from pagelens.tasks.candidates import honeypot
    from pagelens.tasks.decode import DecodeConfig, decode
    from pagelens.tasks.heads import FIELD_CLASSES

    rows = [(-1, "div", {"class": "form-row"}, Box(0, 0, 600, 40)),
            (0, "input", {"name": "fname"}, Box(0, 0, 200, 30)),                # a real field
            (-1, "div", {"class": "honeypot-textfield"}, Box(0, 50, 600, 90)),  # Drupal's wrapper
            (2, "input", {"name": "second-name"}, Box(0, 50, 200, 80)),
            (-1, "input", {"name": "field_hp"}, Box(0, 100, 200, 130)),
            (-1, "input", {"name": "b_123"}, Box(-5000, 140, -4800, 170)),     # Mailchimp's
            (-1, "div", {"class": "hp-module"}, Box(0, 200, 600, 240)),        # a home page's
            (6, "input", {"name": "q"}, Box(0, 200, 200, 230))]
    els = tuple(Element(id=i, parent=parent, tag=tag, xpath=f"/{tag}[{i}]", box=box, attrs=attrs)
                for i, (parent, tag, attrs, box) in enumerate(rows))
    cap = _one_page(els)
    assert [bool(honeypot(cap, i)) for i in (1, 3, 4, 5, 7)] == [False, True, True, True, False]
    logits = torch.zeros(len(els), len(FIELD_CLASSES))
    logits[:, FIELD_CLASSES.index("given-name")] = 9.0

    def named(on: bool) -> list[int]:
        pred = decode(cap, tuple(range(len(els))), _outputs(len(els), "signup", fields=logits),
                      DecodeConfig(honeypot_no_token=on))
        return sorted(f.element_id for f in pred.fields)

    assert named(True) == [1, 7]
    assert named(False) == [1, 3, 4, 5, 7]
    assert DecodeConfig().honeypot_no_token, "on in the shipped decoding"


def test_a_sign_in_dialog_on_a_product_page_leaves_it_a_product_page() -> None:
    """A page decoded as login whose password sits in a dialog, where the network finds a price
    and a product title, is a product page; a password in the page itself, or no price found,
    leaves it a sign-in page."""
    from pagelens.tasks.candidates import in_overlay
    from pagelens.tasks.decode import DecodeConfig, decode
    from pagelens.tasks.heads import FIELD_CLASSES

    def run(wrapper: dict[str, str], price: bool = True, on: bool = True) -> str:
        rows = [(-1, "h1", {}, "Blue Mug"), (-1, "span", {}, "$9.99"),
                (-1, "div", wrapper, ""), (2, "div", {"class": "row"}, ""),
                (3, "input", {"type": "password", "name": "pw"}, "")]
        els = tuple(Element(id=i, parent=parent, tag=tag, xpath=f"/{tag}[{i}]",
                            box=Box(0, 40 * i, 300, 40 * i + 30), attrs=attrs, text=text,
                            full_text=text) for i, (parent, tag, attrs, text) in enumerate(rows))
        n = len(els)
        listwise = torch.full((len(SINGLETON_ROLES), n + 1), -9.0)
        listwise[SINGLETON_ROLES.index("product_title"), 0] = 9.0
        if price:
            listwise[SINGLETON_ROLES.index("price"), 1] = 9.0
        fields = torch.zeros(n, len(FIELD_CLASSES))
        fields[:, FIELD_CLASSES.index("none")] = 9.0
        fields[4, FIELD_CLASSES.index("current-password")] = 12.0
        cap = _one_page(els)
        assert in_overlay(cap, 4) == (wrapper != {"class": "main"})
        pred = decode(cap, tuple(range(n)), _outputs(n, "login", listwise, fields),
                      DecodeConfig(overlay_forms_on_product=on))
        return pred.page_type

    assert run({"class": "login-modal"}) == "product"
    assert run({"role": "dialog"}) == "product"
    assert run({"id": "signInPopup"}) == "product"
    assert run({"class": "main"}) == "login", "a sign-in form in the page itself"
    assert run({"class": "login-modal"}, price=False) == "login", "no price found"
    assert run({"class": "login-modal"}, on=False) == "login"
    assert DecodeConfig().overlay_forms_on_product, "on in the shipped decoding"


def test_a_price_in_a_wrapper_moves_to_its_tightest_element_when_asked() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode, tightest_price_element

    rows = [(-1, "div", "You Pay: $3,299.00"), (0, "span", "You Pay:"), (0, "span", "$3,299.00"),
            (-1, "div", "$79.99"), (3, "span", "$"), (3, "span", "79"), (3, "sup", ".99"),
            (-1, "div", "$12.00"), (7, "div", "$12.00"), (8, "span", "$12.00")]
    els = tuple(Element(id=i, parent=parent, tag=tag, xpath=f"/{tag}[{i}]",
                        box=Box(0, 20 * i, 200, 20 * i + 18), text=text, full_text=text)
                for i, (parent, tag, text) in enumerate(rows))
    cap = _one_page(els)
    assert tightest_price_element(cap, 0) == 2, "the amount inside its label"
    assert tightest_price_element(cap, 3) == 3, "a split price's pieces read other amounts"
    assert tightest_price_element(cap, 7) == 9, "the innermost of same-text wrappers"
    listwise = torch.full((len(SINGLETON_ROLES), len(els) + 1), -9.0)
    listwise[SINGLETON_ROLES.index("price"), 0] = 5.0

    def run(on: bool) -> int:
        out = decode(cap, tuple(range(len(els))), _outputs(len(els), "product", listwise),
                     DecodeConfig(tight_price=on))
        return out.role("price").element_id

    assert run(True) == 2 and run(False) == 0
    assert not DecodeConfig().tight_price, "off in the shipped decoding"


def test_a_page_type_the_caller_knows_decides_what_is_decoded() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode

    texts = ["$24.00", "$19.99"]
    els = tuple(Element(id=i, parent=-1, tag="span", xpath=f"/span[{i}]", box=Box(0, 0, 10, 10),
                        text=t, full_text=t) for i, t in enumerate(texts))
    ld = ('<script type="application/ld+json">{"@type": "Product", "name": "Mug", '
          '"offers": {"price": "19.99"}}</script><script type="application/ld+json">'
          '{"@type": "Product", "offers": {"price": "5"}}</script>')  # two products: no rule
    listwise = torch.full((len(SINGLETON_ROLES), 3), -9.0)
    listwise[SINGLETON_ROLES.index("price"), :2] = torch.tensor([4.0, 3.0])

    def run(page_type: str | None):
        return decode(_one_page(els, ld), (0, 1), _outputs(2, "login", listwise), DecodeConfig(),
                      page_type)

    said, known = run(None), run("product")
    assert said.page_type == "login" and said.rankings["price"][0][0] == 0
    assert known.page_type == "product", "the caller's type stands"
    assert known.rankings["price"][0][0] == 1, "decoded as a product page: the declared price first"
    assert known.page_type_scores == said.page_type_scores, "the scores stay the network's"
    with pytest.raises(ValueError, match="page type 'shop'"):
        run("shop")


def test_a_caller_who_says_product_gets_the_best_price_even_off_the_page() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode

    texts = ["Blue mug", "$24.00"]
    els = tuple(Element(id=i, parent=-1, tag="span", xpath=f"/span[{i}]", box=Box(0, 20 * i, 90, 20 * i + 18),
                        text=t, full_text=t) for i, t in enumerate(texts))
    listwise = torch.full((len(SINGLETON_ROLES), 3), -9.0)
    listwise[:, 2] = 3.0  # "not on this page" beats every element, for every role
    listwise[SINGLETON_ROLES.index("price"), 1] = 1.0
    listwise[SINGLETON_ROLES.index("product_title"), 0] = 1.0

    def run(known, on: bool = True):
        pred = decode(_one_page(els), (0, 1), _outputs(2, "other", listwise),
                      DecodeConfig(told_product_roles=on), known)
        return pred.role("price"), pred.role("product_title"), pred.role("product_image")

    price, title, image = run("product")
    assert (price.element_id, title.element_id, image) == (1, 0, None), "price and title only"
    assert price.score < 0.2, "with the network's low score"
    assert run(None) == (None, None, None) and run("product", on=False) == (None, None, None)
    assert run("listing") == (None, None, None)
    assert DecodeConfig().told_product_roles, "on in the shipped decoding"


def test_declared_image_comes_first_where_the_page_shows_it() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode, image_name

    assert image_name("https://cdn.example/img/Shoe-Big.JPG?w=600#x") == "shoe-big.jpg"
    els = (Element(id=0, parent=-1, tag="img", xpath="/img[0]", box=Box(0, 0, 10, 10),
                   attrs={"src": "/a/thumb.jpg"}),
           Element(id=1, parent=-1, tag="div", xpath="/div[1]", box=Box(0, 0, 10, 10)),
           Element(id=2, parent=1, tag="img", xpath="/div[1]/img", box=Box(0, 0, 10, 10),
                   attrs={"src": "/img/shoe-big.jpg?w=600"}))
    image = SINGLETON_ROLES.index("product_image")
    listwise = torch.full((len(SINGLETON_ROLES), 4), -9.0)
    listwise[image, :3] = torch.tensor([4.0, 2.0, 1.0])  # the thumbnail, the figure, its picture
    ld = ('<script type="application/ld+json">{"@type": "Product", "image": '
          '["https://cdn.example/x/Shoe-Big.jpg"]}</script>')

    def run(html: str, page: str = "product", on: bool = True) -> list[int]:
        # a listing stays a listing here although it declares one product (declared_product_page)
        pred = decode(_one_page(els, html), (0, 1, 2), _outputs(3, page, listwise),
                      DecodeConfig(declared_image=on, declared_product_page=False))
        return [e for e, _ in pred.rankings["product_image"]]

    assert run(ld) == [1, 0, 2], "the best element showing the declared file: the figure"
    assert run(ld, on=False) == [0, 1, 2] and run("") == [0, 1, 2]
    assert run(ld, page="listing") == [0, 1, 2], "only on a page decoded as product"


def test_the_rules_rank_the_main_image_where_no_photo_is_shown() -> None:
    from pagelens.tasks.decode import DecodeConfig, decode, shows_a_photo
    from pagelens.tasks.heads import ROLE_CLASSES

    def page(side: int) -> PageCapture:  # a logo, the product's picture at side x side px, a thumbnail
        boxes = (Box(0, 0, 120, 18), Box(0, 40, side, 40 + side), Box(0, 400, 60, 418))
        return _one_page(tuple(Element(id=i, parent=-1, tag="img", xpath=f"/img[{i}]", box=b,
                                       attrs={"src": f"/i/{i}.jpg", "alt": "Blue mug"})
                               for i, b in enumerate(boxes)))

    image = SINGLETON_ROLES.index("product_image")
    listwise = torch.full((len(SINGLETON_ROLES), 4), -9.0)
    listwise[image, :3] = torch.tensor([1.0, 2.0, 4.0])  # the network: thumbnail, picture, logo
    rules = torch.zeros(3, len(ROLE_CLASSES))
    rules[:, ROLE_CLASSES.index("product_image")] = torch.tensor([0.0, 0.9, 0.9])  # a tie

    def run(side: int, on: bool = True) -> list[int]:
        outputs = _outputs(3, "product", listwise)
        outputs["element_role"]["rules"] = rules
        pred = decode(page(side), (0, 1, 2), outputs, DecodeConfig(image_rules_without_photo=on))
        return [e for e, _ in pred.rankings["product_image"]]

    assert not shows_a_photo(page(18)) and shows_a_photo(page(400))
    assert run(18) == [1, 2], "broken images: the rules' ranking, a tie to the earlier element"
    assert run(400) == [2, 1, 0], "a photo on the page: the network's ranking"
    assert run(18, on=False) == [2, 1, 0]
    assert DecodeConfig().image_rules_without_photo, "on in the shipped decoding"

def test_field_keywords_mark_the_fields_they_name() -> None:
    from pagelens.fusion import discover_keyword_tokens
    from pagelens.fusion.features import FieldKeywordSource

    tokens = discover_keyword_tokens()
    if not tokens:
        pytest.skip("the rules baseline is not importable")
    cap, _ = fake_page("login")
    ids = [el.id for el in cap.elements]
    feats = FieldKeywordSource(tokens).compute(cap, ids)
    email = next(el.id for el in cap.elements if el.attrs.get("type") == "email")
    label = next(el.id for el in cap.elements if el.tag == "label")
    assert feats[ids.index(email), tokens.index("email")] > 0
    assert feats[ids.index(label)].sum() == 0, "only form controls get keyword scores"


def test_rule_votes_carry_the_rules_decisions() -> None:
    from pagelens.baselines.rules import RulesPredictor
    from pagelens.fusion import discover_rule_vote_names
    from pagelens.fusion.features import RuleVoteSource

    names = discover_rule_vote_names()
    if not names:
        pytest.skip("the rules baseline is not importable")
    cap, _ = fake_page("login")
    ids = [el.id for el in cap.elements]
    votes = RuleVoteSource(names).compute(cap, ids)
    pred = RulesPredictor().predict_one(cap)
    assert votes.shape == (len(ids), len(names))
    # the page type column is set on every element, and only that one
    page_cols = [j for j, n in enumerate(names) if n.startswith("page:")]
    assert (votes[:, names.index(f"page:{pred.page_type}")] == 1).all()
    assert votes[:, page_cols].sum(axis=1).tolist() == [1.0] * len(ids)
    # each field the rules name has its token's column set to their confidence
    assert pred.fields
    for f in pred.fields:
        assert votes[ids.index(f.element_id), names.index(f"field:{f.label}")] == pytest.approx(f.score)
    label = next(el.id for el in cap.elements if el.tag == "label")
    field_cols = [j for j, n in enumerate(names) if n.startswith("field:")]
    assert votes[ids.index(label), field_cols].sum() == 0


# --- the whole model ------------------------------------------------------------------------------

@pytest.mark.parametrize("ablation", [{}, {"use_vision": False}, {"use_text": False, "use_style": False}])
def test_tiny_model_forward_backward_and_decode(ablation: dict) -> None:
    torch.manual_seed(0)
    model = PageLensModel(ModelConfig.tiny(**ablation))
    cap, labels = fake_page("product")
    page = model.prepare(cap)
    loss, parts = model.loss(page, page_targets(labels, page.element_ids),
                             renderer_targets(cap, list(page.element_ids)))
    assert set(parts) >= {"element_role", "field_token", "page_type"}
    loss.backward()
    assert _grads_flow(model.encoder)
    pred = ModelPredictor(model).predict([cap])[0]
    assert pred.page_type in PAGE_TYPES
    assert sum(pred.page_type_scores.values()) == pytest.approx(1.0, abs=1e-4)
    assert set(pred.rankings) == set(SINGLETON_ROLES)
    assert all(1 <= len(v) <= 5 for v in pred.rankings.values())
    kept = set(page.element_ids)
    assert all(eid in kept for v in pred.rankings.values() for eid, _ in v)
    assert all(f.label in FIELD_TOKENS for f in pred.fields)


def test_decoding_leaves_the_rare_field_tokens_to_the_rules() -> None:
    """Where the rules name a token of ``DecodeConfig.rule_fields``, their decision stands;
    elsewhere (other tokens, no rules decision) the network's does."""
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode

    cap, _ = fake_page("login")
    ids = tuple(e.id for e in cap.elements)
    inputs = [e.id for e in cap.elements if e.tag == "input"]
    assert len(inputs) >= 2
    logits = torch.full((len(ids), len(FIELD_CLASSES)), -5.0)
    logits[:, FIELD_CLASSES.index("none")] = 5.0
    rules = torch.zeros_like(logits)
    a, b = inputs[:2]
    logits[a, FIELD_CLASSES.index("username")] = 9.0  # the network: username
    rules[a, FIELD_CLASSES.index("bday-year")] = 0.8  # the rules: a birth year
    logits[b, FIELD_CLASSES.index("current-password")] = 9.0
    rules[b, FIELD_CLASSES.index("email")] = 0.9  # not a deferred token: the network decides
    outputs = {"field_token": {"logits": logits, "rules": rules}}

    def fields(cfg: DecodeConfig) -> dict[int, tuple[str, float]]:
        return {f.element_id: (f.label, f.score) for f in decode(cap, ids, outputs, cfg).fields}

    assert fields(DecodeConfig()) == {a: ("username", pytest.approx(0.98, abs=0.01)),
                                      b: ("current-password", pytest.approx(0.98, abs=0.01))}
    deferred = fields(DecodeConfig(rule_fields=("bday-year", "additional-name")))
    assert deferred[a] == ("bday-year", pytest.approx(0.8))
    assert deferred[b][0] == "current-password"
    # exclusive: a deferred token the network names where the rules name none is dropped
    only = fields(DecodeConfig(rule_fields=("bday-year", "current-password"), rule_fields_exclusive=True))
    assert only == {a: ("bday-year", pytest.approx(0.8))}
    kept = fields(DecodeConfig(rule_fields=("bday-year", "current-password")))
    assert kept[b][0] == "current-password", "not exclusive: the network's call stands"
    with pytest.raises(ValueError, match="street-address"):
        DecodeConfig(rule_fields=("street-address",))  # not a class of the field head


def test_decoding_names_no_field_the_page_declares_unnamed() -> None:
    """A field whose autocomplete attribute names a field pagelens does not name
    (tel-extension) gets no token, whatever the network says; its neighbour keeps its own."""
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode

    cap, _ = fake_page("login")
    a, b = [e.id for e in cap.elements if e.tag == "input"][:2]
    els = list(cap.elements)
    els[a] = dataclasses.replace(els[a], attrs={**els[a].attrs, "autocomplete": "work tel-extension"})
    cap = dataclasses.replace(cap, elements=tuple(els))
    ids = tuple(e.id for e in cap.elements)
    logits = torch.full((len(ids), len(FIELD_CLASSES)), -5.0)
    logits[:, FIELD_CLASSES.index("none")] = 5.0
    logits[a, FIELD_CLASSES.index("tel")] = 9.0
    logits[b, FIELD_CLASSES.index("tel")] = 9.0
    fields = decode(cap, ids, {"field_token": {"logits": logits}}, DecodeConfig()).fields
    assert [(f.element_id, f.label) for f in fields] == [(b, "tel")]


def _login_boxes_called_no_field():
    """The fake login page, its element ids, its first two inputs, field logits that call every
    element no field, and an empty table of the rules' field decisions beside them."""
    from pagelens.tasks import FIELD_CLASSES

    cap, _ = fake_page("login")
    ids = tuple(e.id for e in cap.elements)
    a, b = [e.id for e in cap.elements if e.tag == "input"][:2]
    logits = torch.full((len(ids), len(FIELD_CLASSES)), -5.0)
    logits[:, FIELD_CLASSES.index("none")] = 5.0
    return cap, ids, a, b, logits, torch.zeros_like(logits)


def test_decoding_gates_the_fields_the_rules_do_not_see() -> None:
    """With ``rule_field_gate``, a field token on an element the rules name no token for stands
    only when the network is that sure; where the rules name one, the network's token stands."""
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode

    cap, ids, a, b, logits, rules = _login_boxes_called_no_field()
    logits[a, FIELD_CLASSES.index("email")] = 6.0  # p about 0.73; the rules see no field here
    logits[b, FIELD_CLASSES.index("current-password")] = 6.0
    rules[b, FIELD_CLASSES.index("username")] = 0.9  # the rules see a field (another token)
    outputs = {"field_token": {"logits": logits, "rules": rules}}

    def fields(cfg: DecodeConfig) -> dict[int, str]:
        return {f.element_id: f.label for f in decode(cap, ids, outputs, cfg).fields}

    assert fields(DecodeConfig()) == {a: "email", b: "current-password"}
    assert fields(DecodeConfig(rule_field_gate=0.7)) == {a: "email", b: "current-password"}
    assert fields(DecodeConfig(rule_field_gate=0.8)) == {b: "current-password"}
    assert fields(DecodeConfig(rule_field_gate=1.01)) == {b: "current-password"}
    with pytest.raises(ValueError, match="rule_field_gate"):
        DecodeConfig(rule_field_gate=-0.5)


def test_decoding_can_fill_the_networks_abstentions_with_the_rules() -> None:
    """With ``rule_fill``, a field the network calls no field takes the rules' token (not their
    submit); a token of the network's own stands over the rules'. Off in the shipped decoding."""
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode

    cap, ids, a, b, logits, rules = _login_boxes_called_no_field()
    rules[a, FIELD_CLASSES.index("postal-code")] = 0.7  # the network abstains here
    logits[b, FIELD_CLASSES.index("current-password")] = 9.0
    rules[b, FIELD_CLASSES.index("username")] = 0.9  # the network names its own token here
    outputs = {"field_token": {"logits": logits, "rules": rules}}

    def fields(cfg: DecodeConfig) -> dict[int, str]:
        return {f.element_id: f.label for f in decode(cap, ids, outputs, cfg).fields}

    assert fields(DecodeConfig()) == {b: "current-password"}
    assert fields(DecodeConfig(rule_fill=True)) == {a: "postal-code", b: "current-password"}
    rules[a] = 0.0
    rules[a, FIELD_CLASSES.index("submit")] = 0.9
    assert fields(DecodeConfig(rule_fill=True)) == {b: "current-password"}
    assert not DecodeConfig().rule_fill, "off in the shipped decoding"


def test_decoding_can_give_the_rules_the_last_word_where_the_network_doubts() -> None:
    """With ``rule_on_doubt``, where the rules name a token and the network's most likely one is
    another below that probability, the rules' stands; a sure network, an abstaining network
    and the rules' submit do not take part. Off in the shipped decoding."""
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode

    cap, ids, a, b, logits, rules = _login_boxes_called_no_field()
    logits[a, FIELD_CLASSES.index("email")] = 6.0  # p about 0.73
    rules[a, FIELD_CLASSES.index("username")] = 0.9
    logits[b, FIELD_CLASSES.index("current-password")] = 9.0  # sure
    rules[b, FIELD_CLASSES.index("new-password")] = 0.8
    outputs = {"field_token": {"logits": logits, "rules": rules}}

    def fields(cfg: DecodeConfig) -> dict[int, str]:
        return {f.element_id: f.label for f in decode(cap, ids, outputs, cfg).fields}

    assert fields(DecodeConfig()) == {a: "email", b: "current-password"}
    assert fields(DecodeConfig(rule_on_doubt=0.8)) == {a: "username", b: "current-password"}
    assert fields(DecodeConfig(rule_on_doubt=0.7)) == {a: "email", b: "current-password"}
    rules[a] = 0.0
    rules[a, FIELD_CLASSES.index("submit")] = 0.9
    assert fields(DecodeConfig(rule_on_doubt=0.8)) == {a: "email", b: "current-password"}
    with pytest.raises(ValueError, match="rule_on_doubt"):
        DecodeConfig(rule_on_doubt=1.5)
    assert not DecodeConfig().rule_on_doubt, "off in the shipped decoding"


def test_decoding_chooses_the_submit_button_of_each_form() -> None:
    """``submit_buttons``: "all" keeps every submit the network names; "one_per_form" only its
    most likely one in each form (outside forms counts as one more form); "rules_per_form" the
    rules' one where they name one in that form. Other tokens are untouched."""
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode

    cap, _ = fake_page("login")
    ids = tuple(e.id for e in cap.elements)
    pw = next(e.id for e in cap.elements if e.attrs.get("type") == "password")
    email = next(e.id for e in cap.elements if e.attrs.get("type") == "email")
    button = next(e.id for e in cap.elements if e.tag == "button")
    cart = next(e.id for e in cap.elements if e.tag == "a")
    logits = torch.full((len(ids), len(FIELD_CLASSES)), -5.0)
    logits[:, FIELD_CLASSES.index("none")] = 5.0
    submit = FIELD_CLASSES.index("submit")
    logits[button, submit] = 7.0
    logits[email, submit] = 9.0  # a second submit in the same form, the network's favourite
    logits[cart, submit] = 6.0  # outside the form
    logits[pw, FIELD_CLASSES.index("current-password")] = 9.0
    rules = torch.zeros_like(logits)
    rules[button, submit] = 0.7  # the rules' submit of the form
    rules[pw, FIELD_CLASSES.index("current-password")] = 0.9
    outputs = {"field_token": {"logits": logits, "rules": rules}}

    def fields(how: str) -> dict[int, str]:
        return {f.element_id: f.label
                for f in decode(cap, ids, outputs, DecodeConfig(submit_buttons=how)).fields}

    assert fields("all") == {button: "submit", email: "submit", cart: "submit",
                             pw: "current-password"}
    assert fields("one_per_form") == {email: "submit", cart: "submit", pw: "current-password"}
    assert fields("rules_per_form") == {button: "submit", cart: "submit", pw: "current-password"}
    with pytest.raises(ValueError, match="submit_buttons"):
        DecodeConfig(submit_buttons="first")
    from pagelens.commands.train import SUBMIT_CHOICES
    from pagelens.tasks.decode import SUBMIT_DECODING
    assert SUBMIT_CHOICES == SUBMIT_DECODING, "pagelens train --submit-buttons offers every choice"


def test_a_control_that_takes_input_can_be_kept_from_submit() -> None:
    from pagelens.tasks import FIELD_CLASSES, DecodeConfig, decode
    from pagelens.tasks.candidates import takes_input

    els = tuple(Element(id=i, parent=-1, tag=tag, xpath=f"/{tag}[{i}]", box=Box(0, 0, 10, 10),
                        attrs=attrs, interactive=True)
                for i, (tag, attrs) in enumerate([("input", {"name": "phone"}),
                                                  ("input", {"type": "submit"}),
                                                  ("textarea", {}), ("button", {})]))
    cap = PageCapture(source="fake/form", final_url="", title="", viewport=Viewport.desktop(),
                      page_width=1280, page_height=1600, elements=els)
    assert [takes_input(cap, i) for i in range(4)] == [True, False, True, False]
    logits = torch.full((4, len(FIELD_CLASSES)), -5.0)
    logits[:, FIELD_CLASSES.index("submit")] = 9.0
    logits[:, FIELD_CLASSES.index("tel")] = 4.0  # the network's second choice

    def named(on: bool) -> dict[int, tuple[str, float]]:
        pred = decode(cap, (0, 1, 2, 3), {"field_token": {"logits": logits}},
                      DecodeConfig(submit_on_input_controls=on))
        return {f.element_id: (f.label, round(f.score, 2)) for f in pred.fields}

    assert {e: lab for e, (lab, _) in named(True).items()} == dict.fromkeys(range(4), "submit")
    off = named(False)
    assert off[1][0] == off[3][0] == "submit"
    assert off[0] == off[2] == ("tel", 1.0), "submit leaves a text box's distribution"


def test_decoding_weighs_the_rules_page_type_again() -> None:
    from pagelens.tasks import DecodeConfig, decode

    cap, _ = fake_page("login")
    logits = torch.zeros(len(PAGE_TYPES))
    logits[PAGE_TYPES.index("signup")] = 1.5
    rules = torch.zeros(len(PAGE_TYPES))
    rules[PAGE_TYPES.index("login")] = 1.0
    outputs = {"page_type": {"logits": logits, "rules": rules}}
    assert decode(cap, (), outputs, DecodeConfig()).page_type == "signup"
    boosted = decode(cap, (), outputs, DecodeConfig(rule_page_boost=2.0))
    assert boosted.page_type == "login"
    assert sum(boosted.page_type_scores.values()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="rule_page_boost"):
        DecodeConfig(rule_page_boost=-1.0)


def test_a_page_dropped_to_its_pixels_ignores_text_style_and_rules_in_training_only() -> None:
    torch.manual_seed(0)
    model = PageLensModel(ModelConfig.tiny())
    cap, _ = fake_page("login")
    page = model.prepare(cap)
    lay = page.layout
    other = dataclasses.replace(page, features=torch.rand_like(page.features),
                                layout=dataclasses.replace(lay, ids=torch.randint_like(lay.ids, 1000, 2000)))

    def encode(p, drop: bool, train: bool) -> torch.Tensor:
        model.train(train)
        model.encoder.drop_dom = drop
        torch.manual_seed(1)  # the same dropout masks for both pages
        enc = model.encoder(p)
        model.encoder.drop_dom = False
        assert enc.votes is None or not (drop and train)
        return enc.elements

    assert torch.allclose(encode(page, True, True), encode(other, True, True))
    assert not torch.allclose(encode(page, False, True), encode(other, False, True))
    assert not torch.allclose(encode(page, True, False), encode(other, True, False)), \
        "never at inference"


def test_page_title_starts_at_zero_then_moves_the_page_embedding() -> None:
    torch.manual_seed(0)
    base = PageLensModel(ModelConfig.tiny()).eval()
    model = PageLensModel(ModelConfig.tiny(page_title=True))
    missing = model.load_state_dict(base.state_dict(), strict=False).missing_keys
    assert sorted(missing) == ["encoder.title.bias", "encoder.title.weight"]
    model.eval()
    cap, labels = fake_page("login")
    renamed = dataclasses.replace(cap, title="Create your account")
    page, other = model.prepare(cap), model.prepare(renamed)
    assert page.title_ids is not None and not torch.equal(page.title_ids, other.title_ids)
    with torch.no_grad():  # a fine-tune from a model without it starts from that model
        assert torch.allclose(model.encoder(page).page, base.encoder(base.prepare(cap)).page)
        assert torch.allclose(model.encoder(page).page, model.encoder(other).page)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    loss, _ = model.loss(page, page_targets(labels, page.element_ids),
                         renderer_targets(cap, list(page.element_ids)))
    loss.backward()
    assert model.encoder.title.weight.grad.abs().sum() > 0
    opt.step()
    model.eval()
    with torch.no_grad():
        assert not torch.allclose(model.encoder(page).page, model.encoder(other).page)
    with pytest.raises(ValueError, match="page title"):
        model.encoder(base.prepare(cap))


def test_rare_field_tokens_count_labelled_rows() -> None:
    from types import SimpleNamespace

    from pagelens.tasks import FIELD_CLASSES
    from pagelens.training import field_support, rare_field_tokens

    def page(tokens: list[str], rows: list[bool]) -> SimpleNamespace:
        field = torch.tensor([FIELD_CLASSES.index(t) for t in tokens])
        return SimpleNamespace(targets=SimpleNamespace(field=field, field_rows=torch.tensor(rows)))

    pages = [page(["email", "none", "tel", "email"], [True, True, True, False]),
             page(["email", "bday-year"], [True, True])]
    support = field_support(pages)
    assert support == {"email": 2, "tel": 1, "bday-year": 1}
    rare = rare_field_tokens(support, 2)
    assert "email" not in rare and {"tel", "bday-year", "additional-name"} <= set(rare)
    assert "none" not in rare and rare_field_tokens(support, 0) == ()


def test_time_budget_shortens_the_schedule_to_the_epochs_that_fit() -> None:
    from pagelens.training import LrSchedule, TrainConfig, epochs_that_fit

    # 6 planned; after 1 epoch of 660 s a 2,100 s budget holds 3 of them, never fewer than done
    assert epochs_that_fit(1, 660.0, 2100.0, 6) == 3
    assert epochs_that_fit(1, 170.0, 2100.0, 6) == 6
    assert epochs_that_fit(2, 4000.0, 2100.0, 6) == 2
    assert epochs_that_fit(1, 660.0, 0.0, 6) == 6
    cfg = TrainConfig(epochs=6, lr=1e-3, warmup_steps=10)
    planned, shortened = LrSchedule(cfg, 600), LrSchedule(cfg, 600)
    before = planned.lr(100)
    shortened.shorten(100, 300)
    assert shortened.lr(100) == pytest.approx(before)  # continuous where it is shortened
    assert shortened.lr(200) < planned.lr(200) and shortened.lr(300) == pytest.approx(0.0, abs=1e-12)
    rates = [shortened.lr(s) for s in range(100, 301)]
    assert all(a >= b for a, b in zip(rates, rates[1:]))  # decays, no jump
    shortened.shorten(150, 400)  # a later end than the current one changes nothing
    assert shortened.total == 300


def test_save_load_round_trip(tmp_path: Path) -> None:
    torch.manual_seed(0)
    model = PageLensModel(ModelConfig.tiny()).eval()
    cap, _ = fake_page("login")
    before = ModelPredictor(model).predict([cap])[0]
    save_model(model, tmp_path)
    cfg = json.loads((tmp_path / "config.json").read_text())
    assert cfg["vision"]["backbone"] == "mobilenetv3_small_050"
    assert (tmp_path / "model.safetensors").stat().st_size < 5e6, "no frozen MiniLM table inside"
    after = ModelPredictor(load_model(tmp_path)).predict([cap])[0]
    assert after.page_type_scores == pytest.approx(before.page_type_scores, abs=1e-5)
    assert after.rankings["price"][0][0] == before.rankings["price"][0][0]
    with pytest.raises(FileNotFoundError, match="not a pagelens model folder"):
        load_model(tmp_path / "nothing")


def test_training_end_to_end_learns_the_fixture(tmp_path: Path) -> None:
    """`pagelens train` on a handful of pages: it must fit them (the test fails if it learns
    nothing), and write a loadable model folder whose config says how it was trained."""
    from pagelens.cli import main

    data = tmp_path / "data"
    for i in range(6):
        cap, labels = fake_page("product" if i % 2 == 0 else "login", seed=i)
        cap.save(data / f"p{i}")
        labels.save(data / f"p{i}")
    out = tmp_path / "model"
    rc = main(["train", "--out", str(out), "--data", str(data), "--tiny", "--epochs", "25",
               "--batch-pages", "2", "--lr", "5e-3", "--val-fraction", "0.34", "--rules", "off",
               "--no-progress", "--seed", "1", "--rule-fields-below", "2", "--rule-page-boost", "0.5",
               "--rule-field-gate", "0.6", "--rule-fields-exclusive", "--class-words", "3",
               "--augment", "0.5", "--submit-buttons", "one_per_form"])
    assert rc == 0
    cfg = json.loads((out / "config.json").read_text())
    assert cfg["training"]["seed"] == 1 and cfg["training"]["data"]["pages"] == 6
    # 4 training pages, 2 of them login forms: email, current-password and submit twice each
    assert cfg["training"]["data"]["field_examples"] == {"current-password": 2, "email": 2, "submit": 2}
    assert "bday-year" in cfg["decode"]["rule_fields"] and "email" not in cfg["decode"]["rule_fields"]
    assert cfg["decode"]["rule_page_boost"] == 0.5 and cfg["decode"]["rule_field_gate"] == 0.6
    assert cfg["decode"]["rule_fields_exclusive"] is True
    assert cfg["decode"]["submit_buttons"] == "one_per_form"
    assert cfg["layout"]["class_words"] == 3, "the config records the strings the model reads"
    assert len(cfg["training"]["history"]) >= 1
    model = load_model(out)
    cap, labels = fake_page("product", seed=0)
    pred = ModelPredictor(model).predict([cap])[0]
    gold_price = next(i for i, lab in labels.elements.items() if lab == "price")
    assert pred.page_type == "product"
    assert pred.rankings["price"][0][0] == gold_price
    cap, labels = fake_page("login", seed=1)
    pred = ModelPredictor(model).predict([cap])[0]
    assert pred.page_type == "login"
    got = {f.element_id: f.label for f in pred.fields}
    want = {i: lab for i, lab in labels.elements.items() if lab in FIELD_TOKENS}
    assert sum(got.get(i) == lab for i, lab in want.items()) >= 2

    # the screenshot half, exported by `pagelens train`, runs in ONNX Runtime with torch's answer
    from pagelens.model import load_predictor

    predictor = load_predictor(out)
    assert predictor.vision_runtime is not None
    image = model.prepare(cap).image
    with torch.inference_mode():
        want_fmap = model.encoder.vision.feature_map(image)
    assert torch.allclose(predictor.vision_runtime(image), want_fmap, atol=1e-4)
    onnx_pred = predictor.predict([cap])[0]
    assert onnx_pred.page_type_scores == pytest.approx(pred.page_type_scores, abs=1e-4)
    assert [(f.element_id, f.label) for f in onnx_pred.fields] == [(f.element_id, f.label) for f in pred.fields]
    predictor.overlap = False
    assert predictor.predict([cap])[0].page_type_scores == pytest.approx(pred.page_type_scores, abs=1e-4)
    # an export made from other weights is not used, and saving without export removes it
    stale = (out / "vision.onnx").read_bytes()
    with torch.no_grad():
        model.encoder.vision.smooth.bias.add_(0.1)
    save_model(model, out)
    assert not (out / "vision.onnx").exists()
    (out / "vision.onnx").write_bytes(stale)
    assert load_predictor(out).vision_runtime is None
    assert load_predictor(out, runtime="torch").vision_runtime is None


def test_page_stack_features_hand_computed() -> None:
    import zlib

    from pagelens.tasks.page_stack import N_NUMERIC, page_features, title_grams

    # " ab " has the 3-grams " ab" and "ab " and the 4-gram " ab ": three counts of 1
    grams = title_grams("  AB ", dim=64)
    want = torch.zeros(64)
    for g in (" ab", "ab ", " ab "):
        want[zlib.crc32(g.encode()) % 64] += 1
    assert torch.allclose(grams, want / want.norm())
    assert float(title_grams("", dim=8).abs().sum()) == 0
    logits = [10.0, 0, 0, -20.0, 0, 0, 5.0]
    rules = [0, 0, 0, 1.0, 0, 0, 0]
    x = page_features(logits, rules, [1.0, 0.0, 0.5], "ab", dim=64)
    assert x.shape == (N_NUMERIC + 64,)
    assert x[:7].tolist() == pytest.approx([1.0, 0, 0, -2.0, 0, 0, 0.5])
    assert x[7:14].tolist() == rules
    assert x[14:17].tolist() == pytest.approx([np.log(1 + 1e-6) / 10, np.log(1e-6) / 10, np.log(0.5 + 1e-6) / 10])
    assert torch.equal(page_features(logits, None, [0, 0, 0], "", dim=0)[7:14], torch.zeros(7))
    with pytest.raises(ValueError, match="expected 7 logits"):
        page_features([0.0] * 6, None, [0, 0, 0], "")


def test_page_stack_fits_chooses_its_weight_decay_and_survives_the_config() -> None:
    from pagelens.tasks.decode import DecodeConfig
    from pagelens.tasks.page_stack import L2_GRID, N_NUMERIC, PageTypeStack, fit_page_stack

    gen = torch.Generator().manual_seed(0)
    gold = ["login" if i % 3 else "product" for i in range(60)]
    x = torch.randn(60, N_NUMERIC, generator=gen) * 0.1
    for i, g in enumerate(gold):  # the network's logit of the right type stands out
        x[i, PAGE_TYPES.index(g)] += 1.0
    stack = fit_page_stack(x, gold, [f"site{i // 2}" for i in range(60)], title_dim=0, fitted_on="test")
    assert stack.l2 in L2_GRID and stack.fitted_on == "test"
    assert [PAGE_TYPES[i] for i in stack.scores(x).argmax(dim=1).tolist()] == gold
    # with min_pages it decides only among the types with that many fitting pages (40 login,
    # 20 product here), and only where the decoding without it names one of them
    guarded = fit_page_stack(x, gold, [f"site{i // 2}" for i in range(60)], title_dim=0, min_pages=30)
    assert guarded.types == ("login",) and guarded.decides("login") and not guarded.decides("product")
    assert torch.isinf(guarded.scores(x[:1])[0, PAGE_TYPES.index("product")])
    cfg = ModelConfig.tiny()
    cfg = dataclasses.replace(cfg, decode=DecodeConfig(page_type_stack=stack))
    back = ModelConfig.from_dict(json.loads(json.dumps(cfg.to_dict())))
    assert back.decode.page_type_stack == stack
    with pytest.raises(ValueError, match="PageTypeStack: expected weight 7 x"):
        PageTypeStack(weight=stack.weight, bias=stack.bias, title_dim=8)
    with pytest.raises(ValueError, match="unknown page types"):
        fit_page_stack(x[:2], ["product", "blog"], ["a", "b"], title_dim=0)


def test_stack_command_fits_on_the_siblings_held_out_pages_only(tmp_path: Path, caplog) -> None:
    """`pagelens stack`: the model decodes page type through a stack fitted on pages of the
    sibling's held-out websites, and a sibling holding out the model's own test websites is
    refused."""
    import shutil

    from pagelens.cli import main
    from pagelens.model import load_predictor
    from pagelens.tasks.page_stack import output_features

    data = tmp_path / "pages"
    pages = []
    for i in range(8):
        cap, labels = fake_page("product" if i % 2 == 0 else "login", seed=i)
        cap.save(data / f"p{i}")
        labels.save(data / f"p{i}")
        pages.append((cap, labels.page_type))
    model, sibling = tmp_path / "model", tmp_path / "sibling"
    assert main(["train", "--out", str(model), "--data", str(data), "--tiny", "--epochs", "2",
                 "--batch-pages", "2", "--val-fraction", "0.25", "--no-progress", "--no-onnx"]) == 0
    shutil.copytree(model, sibling)
    (model / "heldout_sites.txt").write_text("elsewhere.example\n")
    (sibling / "heldout_sites.txt").write_text("".join(f"p{i}\n" for i in range(8)))
    assert main(["stack", str(model), "--from", str(sibling), "--real", str(data), "--no-progress"]) == 0
    cfg = json.loads((model / "config.json").read_text())
    stack = cfg["decode"]["page_type_stack"]
    assert len(stack["weight"]) == len(PAGE_TYPES) and "8 real pages of 8 websites" in stack["fitted_on"]
    predictor = load_predictor(model)
    net = predictor.model
    assert net.cfg.decode.page_type_stack is not None
    for cap, gold in pages:
        pred = predictor.predict([cap])[0]
        inputs = net.prepare(cap)
        with torch.inference_mode():
            _, outputs = net(inputs)
        want = torch.softmax(net.cfg.decode.page_type_stack.scores(
            output_features(cap.title, outputs, len(inputs.element_ids))), dim=0)
        assert [pred.page_type_scores[t] for t in PAGE_TYPES] == pytest.approx(want.tolist(), abs=1e-5)
        assert pred.page_type == gold  # the titles say it, and the stack learned them
    # a stack that decides only among types the decoding without it does not name leaves the
    # decoding's page type as it was
    without = {id(cap): ModelPredictor(load_model(sibling)).predict([cap])[0] for cap, _ in pages}
    cfg["decode"]["page_type_stack"]["types"] = ["cart"]
    (model / "config.json").write_text(json.dumps(cfg))
    guarded = load_predictor(model)
    for cap, _ in pages:
        if without[id(cap)].page_type != "cart":
            assert guarded.predict([cap])[0].page_type_scores == without[id(cap)].page_type_scores
    # a sibling holding out the model's test websites would fit on them
    (model / "heldout_sites.txt").write_text("p3\n")
    assert main(["stack", str(model), "--from", str(sibling), "--real", str(data), "--no-progress"]) == 2
    assert "in common" in caplog.text
    (sibling / "heldout_sites.txt").unlink()
    assert main(["stack", str(model), "--from", str(sibling), "--real", str(data), "--no-progress"]) == 2
    assert "heldout_sites.txt: missing" in caplog.text


_TRAIN_TWICE = """
import hashlib, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_model import fake_page
from pagelens.cli import main
data = Path({data!r})
if not data.exists():
    for i in range(6):
        cap, labels = fake_page("product" if i % 2 == 0 else "login", seed=i)
        cap.save(data / f"p{{i}}")
        labels.save(data / f"p{{i}}")
out = Path({out!r})
assert main(["train", "--out", str(out), "--data", str(data), "--tiny", "--epochs", "2", "--batch-pages", "2",
             "--val-fraction", "0.34", "--no-progress", "--seed", "1", "--augment", "0.5", "--no-onnx",
             "--rules", "auto"]) == 0
print(hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest())
"""


def test_training_is_reproducible_across_processes(tmp_path: Path) -> None:
    """The same command trains the same weights, bit for bit, in two processes whose string
    hashing is salted differently (what changes from one run of a command to the next)."""
    import os
    import subprocess
    import sys

    digests = []
    for salt in (1, 2):
        code = _TRAIN_TWICE.format(tests=str(Path(__file__).parent), data=str(tmp_path / "data"),
                                   out=str(tmp_path / f"model{salt}"))
        env = {**os.environ, "PYTHONHASHSEED": str(salt)}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        digests.append(done.stdout.split()[-1])
    assert digests[0] == digests[1]


# --- the shipped model on a bundled sample page ---------------------------------------------------

SHIPPED = Path(__file__).resolve().parent.parent / "assets" / "model"
SAMPLES = Path(__file__).resolve().parent.parent / "assets" / "samples"


@pytest.mark.slow
@pytest.mark.skipif(not (SHIPPED / "config.json").is_file(), reason="no shipped model in assets/model")
def test_shipped_model_labels_a_sample_page() -> None:
    from pagelens.capture import Browser, CaptureJob, CaptureOptions
    from pagelens.model import load_predictor
    from pagelens.records import Viewport

    opts = CaptureOptions(viewport=Viewport.desktop(), online=False,
                          label_attributes=("data-pl-label",))
    with Browser() as browser:
        r = browser.capture(CaptureJob(source=str(SAMPLES / "product-trail-shoe.html")), opts)
    assert r.capture is not None, r.error
    gold = {eid: d["data-pl-label"] for eid, d in r.raw_labels.items() if "data-pl-label" in d}
    pred = load_predictor().predict([r.capture])[0]
    assert pred.page_type == "product"
    price = pred.role("price")
    assert price is not None and gold.get(price.element_id) == "price"
    title = pred.role("product_title")
    assert title is not None and gold.get(title.element_id) == "product_title"
    # the backbone on a second thread gives exactly the sequential answer
    predictor = load_predictor()
    assert predictor.vision_runtime is not None, "assets/model/vision.onnx missing or stale"
    predictor.overlap = False
    assert predictor.predict([r.capture])[0] == pred
    # and ONNX Runtime the same labels as torch
    in_torch = load_predictor(runtime="torch").predict([r.capture])[0]
    assert in_torch.page_type == pred.page_type
    assert [(f.element_id, f.label) for f in in_torch.fields] == [(f.element_id, f.label) for f in pred.fields]
    assert [(e.element_id, e.label) for e in in_torch.roles] == [(e.element_id, e.label) for e in pred.roles]


def test_real_pages_split_by_website_into_train_validation_and_held_out(monkeypatch) -> None:
    import types

    import pagelens.corpora
    from pagelens.commands.train import _real_folders
    from pagelens.training import site_fold

    pages = [types.SimpleNamespace(gold=types.SimpleNamespace(site=f"site{i % 40}.example"),
                                   folder=f"/c/p{i}") for i in range(200)]
    monkeypatch.setattr(pagelens.corpora, "load", lambda name: pages)
    counts: dict[str, int] = {}
    train, val, held, listed = _real_folders(["x"], 0, 1000, 0.25, 0, counts)
    site_of = {p.folder: p.gold.site for p in pages}
    train_sites = {site_of[str(f)] for f in train}
    val_sites = {site_of[str(f)] for f in val}
    assert train_sites and val_sites and held and listed == val_sites
    assert not train_sites & val_sites and not (train_sites | val_sites) & held
    assert all(site_fold(s) == 0 for s in train_sites | val_sites)
    assert len(train) + len(val) == sum(site_fold(p.gold.site) == 0 for p in pages)
    assert counts == {"x": len(train), "x (validation)": len(val)}
    # without a validation fraction, the same training pages as before the option existed
    train0, val0, _, _ = _real_folders(["x"], 0, 1000, 0.0, 0, {})
    assert not val0 and sorted(train0) == sorted(train + val)


@pytest.mark.parametrize("flags, message", [
    (["--rule-fields-below", "-1"], "--rule-fields-below -1: expected a number >= 0"),
    (["--rule-prior", "0", "--rule-page-boost", "2"], "--rule-page-boost needs the rule prior"),
    (["--class-words", "-2"], "--class-words -2: expected a whole number >= 0"),
    (["--form-buttons", "1.5"], "--form-buttons 1.5: expected a fraction in [0, 1]"),
    (["--form-buttons", "0.5"], "--form-buttons 0.5: shapes generated pages only"),
    (["--augment", "1.5"], "--augment 1.5: expected a probability in [0, 1]"),
    (["--no-vision", "--drop-dom", "0.3"], "--drop-dom 0.3: the model has no vision half"),
])
def test_train_refuses_decoding_flags_it_cannot_honour(tmp_path: Path, caplog, flags, message) -> None:
    from pagelens.cli import main

    data = tmp_path / "data"
    for i in range(2):
        cap, labels = fake_page("login", seed=i)
        cap.save(data / f"p{i}")
        labels.save(data / f"p{i}")
    rc = main(["train", "--out", str(tmp_path / "m"), "--data", str(data), "--tiny", "--epochs", "1",
               "--no-progress", *flags])
    assert rc == 2 and message in caplog.text
    assert not (tmp_path / "m" / "model.safetensors").exists()


def _fine_tune_folder(folder: Path, seed: int, init: str | None = "runs/start") -> Path:
    """A tiny model with seed-dependent weights, recorded as a fine-tune of ``init``."""
    from pagelens.model import TrainingRecord

    torch.manual_seed(seed)
    model = PageLensModel(ModelConfig.tiny()).eval()
    cfg = dataclasses.replace(model.cfg, training=TrainingRecord(seed=seed, data={"init": init}))
    save_model(model, folder, cfg)
    (folder / "heldout_sites.txt").write_text("held.example\n")
    return folder


def test_averaged_model_is_the_mean_of_its_members(tmp_path: Path) -> None:
    from pagelens.model import average_models

    folders = [_fine_tune_folder(tmp_path / f"m{s}", s) for s in range(3)]
    members = [load_model(f).state_dict() for f in folders]
    mean = average_models(folders)
    name = next(k for k, v in members[0].items() if k.startswith("heads.page_type")
                and v.dim() == 2)
    by_hand = (members[0][name] + members[1][name] + members[2][name]) / 3
    assert torch.allclose(mean.state_dict()[name], by_hand, atol=1e-6)
    assert not torch.allclose(members[0][name], by_hand)  # the members differ
    record = mean.cfg.training
    assert record.command.startswith("pagelens average") and len(record.data["averaged"]) == 3
    cap, _ = fake_page("login")
    ModelPredictor(mean).predict([cap])  # the mean decodes a page

    _fine_tune_folder(tmp_path / "other", 9, init="runs/another")
    with pytest.raises(ValueError, match="only fine-tunes of one model average"):
        average_models([folders[0], tmp_path / "other"])
    with pytest.raises(ValueError, match="at least 2"):
        average_models(folders[:1])


def test_average_command_writes_a_model_and_refuses_mixed_websites(tmp_path: Path, caplog) -> None:
    from pagelens.cli import main

    a, b = (_fine_tune_folder(tmp_path / n, s) for n, s in (("a", 0), ("b", 1)))
    out = tmp_path / "soup"
    assert main(["average", str(a), str(b), "--out", str(out), "--no-onnx"]) == 0
    assert load_model(out).cfg.training.data["averaged"][1]["seed"] == 1
    assert (out / "heldout_sites.txt").read_text() == "held.example\n"
    (b / "heldout_sites.txt").write_text("other.example\n")
    assert main(["average", str(a), str(b), "--out", str(tmp_path / "soup2"), "--no-onnx"]) == 2
    assert "heldout_sites.txt differs" in caplog.text
    assert not (tmp_path / "soup2").exists()
    assert main(["average", str(a), str(b), "--out", str(a)]) == 2


def test_unlabelled_field_candidates_train_as_none_only_where_every_field_is_labelled() -> None:
    from pagelens.metrics import GoldPage
    from pagelens.tasks import partial_targets

    specs = [("form", {}), ("input", {"type": "email"}), ("input", {"type": "text"}),
             ("button", {"type": "submit"}), ("button", {"type": "button"}), ("input", {"type": "text"})]
    els = tuple(Element(id=i, parent=i - 1 if i else -1, tag=t, xpath=f"/{t}[{i}]", box=Box(0, 10 * i, 100, 10 * i + 8),
                        text="", full_text="", attrs=a) for i, (t, a) in enumerate(specs))
    cap = PageCapture(source="fake/scope", final_url="", title="", viewport=Viewport.desktop(),
                      page_width=1280, page_height=1600, elements=els)
    ids = tuple(range(len(els)))

    def rows(**gold_kw) -> list[int]:
        gold = GoldPage(page_type="login", site="a.com", tasks=("fields", "page_type"), **gold_kw)
        off = partial_targets(gold, ids, cap).field_rows.nonzero().flatten().tolist()
        on = partial_targets(gold, ids, cap, unlabelled_none=True)
        assert off == sorted(gold.field_labels()), "off: the labelled fields only, as before"
        assert on.field[2] == 0 and on.field[4] == 0  # 0: "none"
        return on.field_rows.nonzero().flatten().tolist()

    labelled = {1: "email", 3: "submit"}
    assert rows(elements=labelled, ignore=frozenset({5})) == [1, 2, 3, 4], \
        "the other input and the other button are known to be no field; the ignored one stays out"
    assert rows(elements={1: "email"}, open_tokens=("submit",)) == [1, 2, 5], \
        "no submit marked: the buttons stay untrained, the inputs train as none"
    assert rows(elements=labelled, fields_scope="labelled") == [1, 3], "only some forms labelled"


def test_generation_refuses_a_folder_of_pages_made_with_other_settings(tmp_path: Path) -> None:
    from pagelens.commands.train import _generate

    data = tmp_path / "data"
    data.mkdir()
    (data / ".complete").write_text(json.dumps({"pages": 10, "seed": 0, "split": "train"}))
    assert _generate(data, 10, 0, 1) == data  # the same pages: reused, no browser
    with pytest.raises(RuntimeError, match="other settings"):
        _generate(data, 10, 0, 1, form_buttons=1.0)
    with pytest.raises(RuntimeError, match="other settings"):
        _generate(data, 10, 1, 1)
