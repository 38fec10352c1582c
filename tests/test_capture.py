"""Capture in the real browser: inline HTML fixtures, hand-computed boxes and xpaths."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time

import pytest

from pagelens.capture import CaptureJob, CaptureOptions, expand_inputs, slug_for
from pagelens.records import PageCapture, Viewport

PAGE = """<!doctype html><html><head><title>Fixture</title>
<style>body{margin:0;font:16px sans-serif} .abs{position:absolute}</style></head><body>
<div class="abs" style="left:10px;top:20px;width:100px;height:30px" data-pl-label="product_title">A</div>
<div class="abs" style="left:10px;top:60px;width:50px;height:10px"></div>
<p class="abs" style="left:0;top:100px"><span>x</span><b>y</b><span data-pl-label="price">$87.11</span></p>
<form class="abs" style="left:0;top:200px;width:600px">
  <input name="a"><input name="b"><input name="email" autocomplete="email" placeholder="Email">
  <button type="submit">Pay</button></form>
<iframe class="abs" style="left:300px;top:400px;width:200px;height:100px;border:5px solid red"
  srcdoc="<body style='margin:0'><input name=cc data-pl-label='cc-number' style='position:absolute;left:7px;top:9px;width:50px;height:20px;box-sizing:border-box'></body>"></iframe>
<card-box class="abs" style="left:0;top:600px"></card-box>
<div class="abs" style="left:0;top:3000px;width:10px;height:10px"></div>
<script>
customElements.define('card-box', class extends HTMLElement {
  constructor() { super(); this.attachShadow({mode: 'open'}).innerHTML = '<input name="csc" placeholder="CVC">'; }
});
</script></body></html>"""


@pytest.fixture(scope="module")
def fixture_capture(browser):
    res = browser.capture(CaptureJob("fixture", html=PAGE),
                          CaptureOptions(label_attributes=("data-pl-label",)))
    assert res.error is None, res.error
    return res


def by_xpath(cap: PageCapture, xpath: str):
    hits = [e for e in cap.elements if e.xpath == xpath]
    assert hits, f"no element {xpath}; have {[e.xpath for e in cap.elements][:40]}"
    return hits[0]


def test_xpaths_and_boxes_are_exact(fixture_capture):
    cap = fixture_capture.capture
    assert [e.id for e in cap.elements] == list(range(len(cap.elements)))
    assert cap.elements[0].xpath == "/html[1]" and cap.elements[0].parent == -1
    title = by_xpath(cap, "/html[1]/body[1]/div[1]")
    assert title.box.to_list() == [10, 20, 110, 50]
    assert by_xpath(cap, "/html[1]/body[1]/div[2]").box.to_list() == [10, 60, 60, 70]
    # same-tag sibling index: the second <span> of the <p> is span[2]
    price = by_xpath(cap, "/html[1]/body[1]/p[1]/span[2]")
    assert price.text == "$87.11"
    email = by_xpath(cap, "/html[1]/body[1]/form[1]/input[3]")
    assert email.attrs["autocomplete"] == "email" and email.interactive
    assert cap.elements[price.parent].tag == "p"
    assert cap.page_height == 3010 and cap.page_width == 1280


def test_iframe_and_shadow_elements_have_page_level_boxes(fixture_capture):
    cap = fixture_capture.capture
    cc = by_xpath(cap, "/html[1]/body[1]/iframe[1]/html[1]/body[1]/input[1]")
    # iframe at (300, 400) with a 5 px border; the input at (7, 9) inside it
    assert cc.box.to_list() == [312, 414, 362, 434]
    iframe = by_xpath(cap, "/html[1]/body[1]/iframe[1]")
    html_in_frame = by_xpath(cap, "/html[1]/body[1]/iframe[1]/html[1]")
    assert html_in_frame.parent == iframe.id
    csc = by_xpath(cap, "/html[1]/body[1]/card-box[1]/#shadow-root/input[1]")
    assert csc.attrs["placeholder"] == "CVC"
    assert cap.elements[csc.parent].tag == "card-box"


def test_label_attributes_are_read_then_removed(fixture_capture):
    cap = fixture_capture.capture
    labels = {cap.elements[i].xpath: v["data-pl-label"] for i, v in fixture_capture.raw_labels.items()}
    assert labels == {"/html[1]/body[1]/div[1]": "product_title",
                      "/html[1]/body[1]/p[1]/span[2]": "price",
                      "/html[1]/body[1]/iframe[1]/html[1]/body[1]/input[1]": "cc-number"}
    assert "data-pl-label" not in cap.html
    assert "data-pl-label" not in json.dumps(cap.to_dict())


def test_screenshot_is_css_pixels_of_the_full_page(fixture_capture):
    cap = fixture_capture.capture
    img = cap.screenshot()
    assert img.shape == (cap.page_height, cap.page_width, 3)
    # the iframe's red border is where its box says
    iframe = by_xpath(cap, "/html[1]/body[1]/iframe[1]")
    r, g, b = img[int(iframe.box.y0) + 2, int(iframe.box.x0) + 50]
    assert r > 200 and g < 60 and b < 60


def test_mobile_viewport(browser):
    html = "<html><head><meta name=viewport content='width=device-width'></head><body>hi</body></html>"
    res = browser.capture(CaptureJob("m", html=html, viewport=Viewport.mobile()))
    cap = res.capture
    assert cap.page_width == 390 and cap.viewport.is_mobile
    assert cap.screenshot().shape[1] == 390  # CSS scale, not device pixels


def test_offline_blocking_and_lazy_content(browser):
    html = """<html><body><img src="https://example.com/a.png"><div style="height:3000px"></div>
    <div id="s">sentinel</div><script>
    new IntersectionObserver((es) => { if (es[0].isIntersecting) document.getElementById('s').textContent = 'loaded lazily'; })
      .observe(document.getElementById('s'));</script></body></html>"""
    cap = browser.capture(CaptureJob("lazy", html=html)).capture
    assert any("blocked 1 network request" in w for w in cap.warnings)
    assert any(e.text == "loaded lazily" for e in cap.elements)


def test_hostile_pages_never_hang(browser):
    hostile = """<html><body><p>still here</p><script>alert(1); confirm(2); prompt(3);
      window.open('about:blank'); setTimeout(() => location.href = 'https://evil.example/', 20);
    </script></body></html>"""
    res = browser.capture(CaptureJob("hostile", html=hostile))
    assert res.error is None
    text = " ".join(res.capture.warnings)
    assert "dismissed 3 dialog" in text and "closed 1 popup" in text
    assert any(e.text == "still here" for e in res.capture.elements)
    t0 = time.perf_counter()
    res = browser.capture(CaptureJob("spin", html="<p>x</p><script>while(true){}</script>"),
                          CaptureOptions(timeout_s=1))
    assert res.capture is None and "did not respond" in res.error
    assert time.perf_counter() - t0 < 30
    # the browser still serves the next page
    assert browser.capture(CaptureJob("after", html="<p>ok</p>")).ok


def test_file_kinds_and_bad_inputs(browser, tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b"<html><body><h1>zipped</h1></body></html>"))
    assert any(e.text == "zipped" for e in browser.capture(str(tmp_path / "a.html.gz")).capture.elements)
    (tmp_path / "empty.html").write_text("")
    (tmp_path / "bin.html").write_bytes(bytes(range(256)) * 10)
    assert browser.capture(str(tmp_path / "empty.html")).error.endswith("empty.html: file is empty")
    assert "binary file" in browser.capture(str(tmp_path / "bin.html")).error
    assert "no such file" in browser.capture(str(tmp_path / "nope.html")).error
    assert "--online" in browser.capture("https://unreachable.invalid/").error
    err = browser.capture("http://127.0.0.1:9/", CaptureOptions(timeout_s=5)).error
    assert err.startswith("http://127.0.0.1:9/: could not load")


def test_mhtml_input(browser, tmp_path):
    mhtml = tmp_path / "saved.mhtml"
    mhtml.write_text(
        "From: <Saved by Blink>\r\nSubject: t\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/html\r\nContent-Location: https://shop.example/p\r\n\r\n"
        "<html><body><h1>from mhtml</h1></body></html>\r\n--B--\r\n")
    res = browser.capture(str(mhtml))
    assert res.error is None, res.error
    assert any(e.text == "from mhtml" for e in res.capture.elements)


def test_expand_inputs(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "b.html").write_text("<p>b</p>")
    (tmp_path / "d" / "sub" / "a.htm").write_text("<p>a</p>")
    (tmp_path / "d" / "notes.md").write_text("x")
    lst = tmp_path / "list.txt"
    lst.write_text(f"# pages\n{tmp_path / 'd' / 'b.html'}\nhttps://example.com/\n")
    got = expand_inputs([str(tmp_path / "d"), str(lst), str(tmp_path / "x.pdf")])
    assert [g[0] for g in got[:3]] == [str(tmp_path / "d" / "b.html"), str(tmp_path / "d" / "sub" / "a.htm"),
                                       str(tmp_path / "d" / "b.html")]
    assert got[3] == ("https://example.com/", None)
    assert got[4][1].endswith("x.pdf: no such file or folder")
    assert slug_for("/a/fathom/acme/source.html").startswith("acme-source-")


def test_cli_end_to_end(tmp_path):
    good = tmp_path / "good.html"
    good.write_text("<html><body><h1>Hello</h1></body></html>")
    (tmp_path / "empty.html").write_text("")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pagelens.cli", "capture", str(good), str(tmp_path / "empty.html"),
           str(tmp_path / "missing.html"), "--out", str(out), "--workers", "2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "empty.html: file is empty" in proc.stderr and "missing.html: no such file" in proc.stderr
    folders = list(out.iterdir())
    assert len(folders) == 1
    assert {p.name for p in folders[0].iterdir()} == {"page.png", "page.json", "page.html"}
    cap = PageCapture.load(folders[0])
    assert any(e.text == "Hello" for e in cap.elements)
    # a rerun does only what is missing
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert "captured 0 page(s), 1 already there, 2 failed" in proc.stderr


def test_screenshot_renders_below_the_first_viewport(browser):
    html = ("<html><body style='margin:0'><div style='height:5000px'></div>"
            "<div style='height:100px;background:rgb(0,0,255)'></div></body></html>")
    cap = browser.capture(CaptureJob("tall", html=html)).capture
    img = cap.screenshot()
    assert img.shape == (5100, 1280, 3)
    assert tuple(img[5050, 640]) == (0, 0, 255) and tuple(img[100, 640]) == (255, 255, 255)


def test_screenshot_of_a_page_spilling_far_right_is_cut_at_max_width(browser):
    html = ("<html><body style='margin:0'><div style='height:300px;background:rgb(0,0,255)'></div>"
            "<div style='position:absolute;left:2200px;top:0;width:200px;height:50px;"
            "background:rgb(255,0,0)'></div>"
            "<div style='position:absolute;left:9000px;top:0;width:100px;height:50px'>far</div>"
            "</body></html>")
    cap = browser.capture(CaptureJob("wide", html=html)).capture
    assert cap.page_width == 9100
    img = cap.screenshot()
    assert img.shape == (cap.page_height, 2560, 3)
    assert tuple(img[150, 640]) == (0, 0, 255) and tuple(img[25, 2300]) == (255, 0, 0)
    assert "page is 9100 px wide; screenshot cut at 2560 px" in cap.warnings
    far = next(e for e in cap.elements if e.text == "far")
    assert far.box.x0 == 9000, "elements keep their page boxes"
    narrow = browser.capture(CaptureJob("wide", html=html), CaptureOptions(max_width=1000)).capture
    assert narrow.screenshot().shape[1] == 1280, "never narrower than the viewport"


def test_focused_fields_show_no_caret(browser):
    box = ("position:absolute;left:20px;top:20px;width:200px;height:40px;font-size:24px;"
           "border:0;padding:0 8px;outline:none;background:#fff")
    html = (f"<html><body style='margin:0'><input autofocus style='{box}'>"
            f"<iframe style='position:absolute;left:0;top:100px;border:0' "
            f"srcdoc=\"<body style='margin:0'><input autofocus style='{box}'></body>\"></iframe>"
            "</body></html>")
    cap = browser.capture(CaptureJob("caret", html=html)).capture
    img = cap.screenshot()
    # a caret would be a dark line at the start of each empty box (the top one focused, the
    # frame's focused inside its own document)
    assert img[20:60, 20:220].min() == 255 and img[120:160, 20:220].min() == 255
    assert "__pagelens_hide_caret" not in cap.html


def test_failed_frame_draws_the_same_each_time(browser):
    """Offline, a frame whose page cannot be loaded shows Chromium's error page; on a page that
    fits the viewport it is in the screenshot every time, not blank on some renders."""
    html = ("<html><body style='margin:0'><p>Sign up</p><iframe src='https://pagelens.invalid/captcha' "
            "style='position:absolute;left:0;top:100px;width:300px;height:150px;border:0'></iframe>"
            "</body></html>")
    # the race shows on a busy machine: two busy processes meanwhile
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        shots = [r.capture.screenshot() for r in browser.capture_many(
            [CaptureJob(f"frame{i}", html=html) for i in range(12)], workers=2)]
    finally:
        for p in busy:
            p.kill()
    assert all(s.shape == (800, 1280, 3) for s in shots)
    assert all(s[100:250, 0:300].min() < 255 for s in shots), "the failed frame was left blank"
    assert all((s == shots[0]).all() for s in shots[1:])


def test_unicode_text_and_hidden_flags(browser):
    html = """<html><body style="margin:0"><h1>日本語の商品 ￥1,280 🛒</h1><p>한국어 €12,50</p>
      <div style="display:none"><span>gone</span></div><div style="visibility:hidden">ghost</div>
      <div style="opacity:0">clear</div></body></html>"""
    cap = browser.capture(CaptureJob("u", html=html)).capture
    texts = {e.text: e for e in cap.elements if e.text}
    assert "日本語の商品 ￥1,280 🛒" in texts and "한국어 €12,50" in texts
    hidden = [e for e in cap.elements if e.tag in ("div", "span") and not e.visible]
    assert len(hidden) == 4  # display:none div and its span, visibility:hidden, opacity:0
    assert all(e.full_text == "" for e in hidden)
    # CJK glyphs render (fonts installed): the heading's pixels are not blank
    h1 = next(e for e in cap.elements if e.tag == "h1")
    crop = cap.screenshot()[int(h1.box.y0):int(h1.box.y1), int(h1.box.x0):int(h1.box.x1)]
    assert (crop < 128).any()


def test_page_that_never_finishes_loading_is_captured_at_its_limit(browser):
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    held = []
    stop = threading.Event()

    def accept_and_hold():  # accept connections, never answer
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept_and_hold, daemon=True)
    t.start()
    try:
        html = f"<html><body><p>visible now</p><img src='http://127.0.0.1:{port}/slow.png'></body></html>"
        t0 = time.perf_counter()
        res = browser.capture(CaptureJob("slow", html=html), CaptureOptions(timeout_s=2))
        assert res.error is None, res.error
        assert any("did not finish loading within 2 s" in w for w in res.capture.warnings)
        assert any(e.text == "visible now" for e in res.capture.elements)
        assert time.perf_counter() - t0 < 20
    finally:
        stop.set()
        t.join()
        for c in held:
            c.close()
        server.close()


def test_downloads_are_refused(browser):
    html = """<html><body><p>page stays</p><script>
      const a = document.createElement('a'); a.href = 'data:application/octet-stream,abc';
      a.download = 'x.bin'; document.body.appendChild(a); a.click();</script></body></html>"""
    res = browser.capture(CaptureJob("dl", html=html))
    assert res.error is None and any(e.text == "page stays" for e in res.capture.elements)


def test_full_text_reads_in_document_order(browser):
    html = ("<body><div id=a>Prix : 183<sup>,49</sup> CHF</div>"
            "<div id=b>one<div>two</div>three<br>four</div>"
            "<div id=c><input type=submit value=Pay> now</div></body>")
    cap = browser.capture(CaptureJob("text", html=html)).capture
    full = {e.attr("id"): e.full_text for e in cap.elements if e.attr("id")}
    assert full == {"a": "Prix : 183,49 CHF", "b": "one two three four", "c": "Pay now"}
    assert next(e for e in cap.elements if e.attr("id") == "a").text == "Prix : 183 CHF"  # own text nodes only


@pytest.mark.parametrize("script", [
    "<script>location.href = 'b.html'</script>",
    "<script>location.replace('https://elsewhere.example/x')</script>",
    "<meta http-equiv=refresh content='0;url=b.html'>",
    "<script>addEventListener('load', () => setTimeout(() => location.href = 'b.html', 0))</script>",
])
def test_pages_that_navigate_away_are_captured_as_themselves(browser, tmp_path, script):
    (tmp_path / "b.html").write_text("<p>another page</p>")
    (tmp_path / "a.html").write_text(f"<html><head>{script}</head><body><p>this page</p></body></html>")
    res = browser.capture(str(tmp_path / "a.html"))
    assert res.error is None, res.error
    texts = {e.text for e in res.capture.elements}
    assert "this page" in texts and "another page" not in texts
    assert res.capture.final_url == (tmp_path / "a.html").as_uri()
    assert any(w.startswith("blocked navigation away to ") for w in res.capture.warnings)


def test_undeclared_utf8_and_declared_charsets_read_right(browser, tmp_path):
    from PIL import Image

    Image.new("RGB", (37, 23), "red").save(tmp_path / "pic.png")
    text = "Prix 12,50 € «promo» 日本"
    (tmp_path / "plain.html").write_bytes(
        f"<html><body><p>{text}</p><img src='pic.png'></body></html>".encode("utf-8"))
    cap = browser.capture(str(tmp_path / "plain.html")).capture
    assert any(e.text == text for e in cap.elements)
    img = next(e for e in cap.elements if e.tag == "img")
    assert (img.box.x1 - img.box.x0, img.box.y1 - img.box.y0) == (37, 23)  # relative src still loads
    assert cap.final_url == (tmp_path / "plain.html").as_uri()
    # HTML handed over as text is text: a charset its markup declares does not garble it
    declared = f"<html><head><meta charset='iso-8859-1'></head><body><p>{text}</p></body></html>"
    cap = browser.capture(CaptureJob("declared", html=declared)).capture
    assert any(e.text == text for e in cap.elements)
    # a legacy page that declares its charset is read in it
    (tmp_path / "latin.html").write_bytes(
        "<html><head><meta charset='iso-8859-1'></head><body><p>Crème brûlée</p></body></html>"
        .encode("iso-8859-1"))
    assert any(e.text == "Crème brûlée" for e in browser.capture(str(tmp_path / "latin.html")).capture.elements)


def test_contexts_are_reused_without_leaking_state(browser):
    first = "<body><p id=p>x</p><script>document.cookie = 'seen=1'; localStorage.clear();</script></body>"
    second = "<body><p id=p>x</p><script>document.getElementById('p').textContent = document.cookie || 'fresh'</script></body>"
    results = list(browser.capture_many([CaptureJob("one", html=first), CaptureJob("two", html=second)] * 3,
                                        workers=1))
    assert all(r.ok for r in results)
    seconds = [r for r in results if r.source == "two"]
    assert all(any(e.text == "fresh" for e in r.capture.elements) for r in seconds)


def test_online_pages_that_navigate_after_load_stay_themselves(browser, tmp_path):
    import functools
    import http.server
    import threading

    (tmp_path / "b.html").write_text("<p>another page</p>")
    (tmp_path / "a.html").write_text(
        "<p>this page</p><script>addEventListener('load', () => "
        "setTimeout(() => location.href = 'b.html', 0))</script>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/a.html"
        res = browser.capture(url, CaptureOptions(online=True))
    finally:
        server.shutdown()
    assert res.error is None, res.error
    texts = {e.text for e in res.capture.elements}
    assert "this page" in texts and "another page" not in texts
    assert any(w.startswith("blocked navigation away to ") for w in res.capture.warnings)
