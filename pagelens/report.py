"""HTML reports: one self-contained page per input, and an index for a batch.

A page report needs no network and no other file: the screenshot is embedded as a ``data:`` URI
(and also written beside it as ``<name>.png`` for tools that want the image, such as
``pagelens export``). Boxes are absolutely positioned ``<div>``s over the screenshot at 100 %
zoom, in the page's CSS px, so a box's offset inside the screenshot equals the element's box.
Hovering a box shows its label, score, text and xpath; clicking pins it (click again or press
Escape to unpin); the class checkboxes hide and show boxes by class.
"""

from __future__ import annotations

import base64
import html
import io
import logging
from pathlib import Path
from typing import Any, Iterable, Mapping

from PIL import Image

from pagelens.overlay import ROLE_COLOURS, label_colour, label_colour_hex, text_colour_on
from pagelens.records import trusted_pixels

log = logging.getLogger(__name__)

_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #1d232b; background: #eef1f4; }
header { padding: 10px 16px; background: #1d232b; color: #fff; display: flex; gap: 16px;
         align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 15px; margin: 0; font-weight: 600; word-break: break-all; }
header .ptype { background: #fff; color: #1d232b; border-radius: 10px; padding: 1px 9px;
                font-weight: 700; }
header a { color: #9fd3ff; }
#main { display: flex; align-items: flex-start; }
#side { width: 340px; flex: none; position: sticky; top: 0; max-height: 100vh; overflow: auto;
        background: #fff; border-right: 1px solid #d5dbe1; padding: 12px; }
#side h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #5b6673;
           margin: 14px 0 6px; }
#filters label { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
.swatch { width: 14px; height: 14px; border-radius: 3px; display: inline-block; flex: none; }
#filters .buttons button { font-size: 12px; margin-right: 6px; }
#info { border: 1px solid #d5dbe1; border-radius: 6px; padding: 8px; min-height: 90px;
        background: #f8f9fb; word-break: break-word; }
#info .k { color: #5b6673; font-size: 12px; }
#info .v { margin-bottom: 4px; }
#info .xp { font-family: ui-monospace, Menlo, monospace; font-size: 12px; }
#info.pinned { border-color: #1d232b; box-shadow: 0 0 0 1px #1d232b; }
#list { width: 100%; border-collapse: collapse; font-size: 12px; }
#list td { padding: 3px 4px; border-bottom: 1px solid #eef1f4; vertical-align: top; }
#list tr { cursor: pointer; }
#list tr:hover, #list tr.sel { background: #fff4c2; }
#product td, #ptypes td { padding: 1px 4px; vertical-align: top; }
#stage { flex: 1; overflow: auto; padding: 12px; }
#page { position: relative; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
#shot { display: block; }
.box { position: absolute; border: 2px solid; cursor: pointer; }
.box:hover, .box.sel { outline: 3px solid #ffd400; z-index: 5; }
.box .tag { position: absolute; left: -2px; bottom: 100%; white-space: nowrap; font-size: 11px;
            font-weight: 700; padding: 0 4px; line-height: 15px; pointer-events: none; }
.hidden { display: none !important; }
body.notags .box .tag { display: none; }
"""

_JS = """
(function () {
  const info = document.getElementById('info');
  let pinned = null;
  function show(el) {
    const d = el.dataset;
    info.innerHTML = '';
    const rows = [['label', d.label], ['score', d.score], ['text', d.text], ['xpath', d.xpath],
                  ['box (CSS px)', d.box], ['element id', d.id]];
    for (const [k, v] of rows) {
      const kd = document.createElement('div'); kd.className = 'k'; kd.textContent = k;
      const vd = document.createElement('div'); vd.className = 'v' + (k === 'xpath' ? ' xp' : '');
      vd.textContent = v; vd.dataset.field = k.split(' ')[0];
      info.append(kd, vd);
    }
  }
  function clear() {
    info.innerHTML = '<span class="k">Hover or click a box.</span>';
    info.classList.remove('pinned');
  }
  function select(el) {
    document.querySelectorAll('.sel').forEach(e => e.classList.remove('sel'));
    if (pinned === el) { pinned = null; clear(); return; }
    pinned = el; el.classList.add('sel'); show(el); info.classList.add('pinned');
    const row = document.querySelector('#list tr[data-id="' + el.dataset.id + '"][data-label="' + el.dataset.label + '"]');
    if (row) row.classList.add('sel');
  }
  document.querySelectorAll('.box').forEach(el => {
    el.addEventListener('mouseenter', () => { if (!pinned) show(el); });
    el.addEventListener('mouseleave', () => { if (!pinned) clear(); });
    el.addEventListener('click', (ev) => { ev.stopPropagation(); select(el); });
  });
  document.querySelectorAll('#list tr[data-id]').forEach(row => {
    row.addEventListener('click', () => {
      const el = document.querySelector('.box[data-id="' + row.dataset.id + '"][data-label="' + row.dataset.label + '"]');
      if (el) { if (pinned !== el) select(el); el.scrollIntoView({block: 'center', inline: 'nearest'}); }
    });
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && pinned) { pinned.classList.remove('sel'); pinned = null; clear(); }
  });
  function applyFilters() {
    const on = new Set();
    document.querySelectorAll('#filters input[data-class]').forEach(cb => { if (cb.checked) on.add(cb.dataset.class); });
    document.querySelectorAll('.box, #list tr[data-label]').forEach(el => {
      el.classList.toggle('hidden', !on.has(el.dataset.label));
    });
    if (pinned && !on.has(pinned.dataset.label)) { pinned.classList.remove('sel'); pinned = null; clear(); }
  }
  document.querySelectorAll('#filters input[data-class]').forEach(cb => cb.addEventListener('change', applyFilters));
  document.getElementById('all').addEventListener('click', () => {
    document.querySelectorAll('#filters input[data-class]').forEach(cb => cb.checked = true); applyFilters(); });
  document.getElementById('none').addEventListener('click', () => {
    document.querySelectorAll('#filters input[data-class]').forEach(cb => cb.checked = false); applyFilters(); });
  document.getElementById('tags').addEventListener('change', (ev) => {
    document.body.classList.toggle('notags', !ev.target.checked); });
  clear();
})();
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def page_report_html(result: Any, title: str | None = None, index_href: str | None = "index.html") -> str:
    """The report of one :class:`pagelens.api.ParseResult` (with its capture) as an HTML string."""
    capture = result.capture
    if capture is None or capture.screenshot_png is None:
        raise ValueError(f"{result.source}: result has no screenshot for a report")
    png64 = base64.b64encode(capture.screenshot_png).decode("ascii")
    with trusted_pixels(), Image.open(io.BytesIO(capture.screenshot_png)) as im:
        shot_w, shot_h = im.size
    labelled = result.labelled
    counts: dict[str, int] = {}
    for e in labelled:
        counts[e.label] = counts.get(e.label, 0) + 1

    boxes = []
    rows = []
    for e in labelled:
        colour = label_colour(e.label)
        fg = "#%02x%02x%02x" % text_colour_on(colour)
        b = e.box
        box_text = f"{b.x0:.0f}, {b.y0:.0f}, {b.x1:.0f}, {b.y1:.0f}"
        boxes.append(
            f'<div class="box" data-id="{e.id}" data-label="{_e(e.label)}" data-score="{e.score:.2f}" '
            f'data-text="{_e(e.text)}" data-xpath="{_e(e.xpath)}" data-box="{box_text}" '
            f'style="left:{b.x0:.2f}px;top:{b.y0:.2f}px;width:{b.width:.2f}px;height:{b.height:.2f}px;'
            f'border-color:{label_colour_hex(e.label)}">'
            f'<span class="tag" style="background:{label_colour_hex(e.label)};color:{fg}">'
            f'{_e(e.label)} {e.score:.2f}</span></div>')
        rows.append(f'<tr data-id="{e.id}" data-label="{_e(e.label)}"><td><span class="swatch" '
                    f'style="background:{label_colour_hex(e.label)}"></span></td>'
                    f'<td>{_e(e.label)}</td><td>{e.score:.2f}</td><td>{_e(e.text[:80])}</td></tr>')
    filters = "".join(
        f'<label><input type="checkbox" checked data-class="{_e(k)}"><span class="swatch" '
        f'style="background:{label_colour_hex(k)}"></span>{_e(k)} <span class="k">({counts[k]})</span></label>'
        for k in sorted(counts, key=lambda k: (k not in ROLE_COLOURS, k)))
    product = ""
    if result.product is not None:
        p = result.product
        cells = [("name", p.name), ("price", p.price and f"{p.price.amount} {p.price.currency or ''}"),
                 ("old price", p.old_price and f"{p.old_price.amount} {p.old_price.currency or ''}"),
                 ("rating", p.rating), ("reviews", p.review_count),
                 ("availability", p.availability), ("sku", p.sku)]
        product = ("<h2>Product</h2><table id=\"product\">" + "".join(
            f"<tr><td class=\"k\">{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in cells if v is not None)
            + "</table>")
    scores = sorted(result.page_type_scores.items(), key=lambda kv: -kv[1])
    page_types = ("<h2>Page type</h2><table id=\"ptypes\">" + "".join(
        f"<tr><td>{_e(k)}</td><td>{v:.2f}</td></tr>" for k, v in scores) + "</table>"
        if scores else "")
    back = f'<a href="{_e(index_href)}">all pages</a>' if index_href else ""
    title = title or result.source
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pagelens · {_e(title)}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>{_e(title)}</h1><span class="ptype" id="ptype">{_e(result.page_type)} {result.page_type_score:.2f}</span>
<span>{len(result.elements)} element(s) with a role · {len(result.fields)} field(s)</span>
<span>{_e(result.predictor)}</span>{back}</header>
<div id="main">
<aside id="side">
<h2>Classes</h2>
<div id="filters">{filters or '<span class="k">nothing labelled</span>'}
<div class="buttons"><button id="all" type="button">all</button><button id="none" type="button">none</button>
<label style="display:inline-flex"><input type="checkbox" id="tags" checked> tags</label></div></div>
<h2>Element</h2>
<div id="info"></div>
{product}
{page_types}
<h2>Labelled elements</h2>
<table id="list">{''.join(rows)}</table>
</aside>
<div id="stage"><div id="page" style="width:{shot_w}px;height:{shot_h}px">
<img id="shot" alt="screenshot of {_e(result.source)}" width="{shot_w}" height="{shot_h}" src="data:image/png;base64,{png64}">
{''.join(boxes)}
</div></div>
</div>
<script>{_JS}</script>
</body></html>
"""


def write_page_report(result: Any, folder: str | Path, name: str) -> Path:
    """Write ``folder/<name>.html`` (self-contained) and ``folder/<name>.png`` (the screenshot)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.html"
    _atomic_write_text(path, page_report_html(result))
    png = folder / f"{name}.png"
    tmp = png.with_name(f".{png.name}.tmp")
    tmp.write_bytes(result.capture.screenshot_png)
    tmp.replace(png)
    return path


def index_html(records: Iterable[Mapping[str, Any]], pages: Mapping[str, str]) -> str:
    """The batch index: one row per ``pagelens label`` line; ``pages`` maps a source to its
    report file name (relative), for sources that have one."""
    rows = []
    n_ok = n_fail = 0
    for rec in sorted(records, key=lambda r: str(r.get("source", ""))):
        src = rec.get("source", "")
        link = pages.get(src)
        name = f'<a href="{_e(link)}">{_e(src)}</a>' if link else _e(src)
        thumb = (f'<a href="{_e(link)}"><img class="thumb" loading="lazy" alt="" '
                 f'src="{_e(link[:-5])}.png"></a>' if link else "")
        if rec.get("ok"):
            n_ok += 1
            pt = rec["page_type"]
            prod = rec.get("product") or {}
            price = prod.get("price") or {}
            product = " · ".join(str(x) for x in (
                prod.get("name"), price and f"{price.get('amount')} {price.get('currency') or ''}")
                if x) if prod else ""
            rows.append(f'<tr class="ok"><td>{thumb}</td><td>{name}</td><td>{_e(pt["label"])}</td>'
                        f'<td>{pt["score"]:.2f}</td><td>{len(rec["elements"])}</td>'
                        f'<td>{len(rec["fields"])}</td><td>{_e(product)}</td></tr>')
        else:
            n_fail += 1
            rows.append(f'<tr class="fail"><td></td><td>{name}</td><td colspan="5">failed: '
                        f'{_e(rec.get("error"))}</td></tr>')
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pagelens report</title>
<style>
body {{ font: 14px/1.4 system-ui, Arial, sans-serif; margin: 24px; color: #1d232b; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e7eb; vertical-align: top; }}
th {{ background: #f3f5f7; }}
img.thumb {{ width: 120px; height: 90px; object-fit: cover; object-position: top; border: 1px solid #d5dbe1; }} tr.fail td {{ color: #b3261e; }} a {{ color: #0b5cad; }}
</style></head>
<body><h1>pagelens report</h1>
<p>{n_ok} page(s) labelled, {n_fail} failed.</p>
<table id="pages"><tr><th></th><th>source</th><th>page type</th><th>score</th><th>elements</th><th>fields</th><th>product</th></tr>
{''.join(rows)}
</table></body></html>
"""


def write_index(folder: str | Path, records: Iterable[Mapping[str, Any]],
                name_for: Any) -> Path:
    """Write ``folder/index.html`` for ``records`` (``pagelens label`` lines); ``name_for(source)``
    gives a source's report name, linked when ``folder/<name>.html`` exists."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = list(records)
    pages = {}
    for rec in records:
        name = name_for(rec.get("source", ""))
        if (folder / f"{name}.html").is_file():
            pages[rec["source"]] = f"{name}.html"
    path = folder / "index.html"
    _atomic_write_text(path, index_html(records, pages))
    return path


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)

