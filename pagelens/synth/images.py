"""Pictures for synthetic shops, drawn locally: product shots, icons and rating stars.

Product pictures are either SVG (a gradient backdrop and a simple object silhouette: bottle,
box, shoe, mug, lamp, bag, phone, shirt, chair, watch) or small JPEGs drawn with Pillow (the
same objects with soft shadows and noise, so they look more like photographs). All are inlined
as ``data:`` URIs; nothing is fetched from the network.
"""

from __future__ import annotations

import base64
import colorsys
import io
import random

OBJECTS = ("bottle", "box", "shoe", "mug", "lamp", "bag", "phone", "shirt", "chair", "watch")


def _rgb(h: float, s: float, l: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, l, s)
    return int(r * 255), int(g * 255), int(b * 255)


def _hex(c: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % c


def _shapes(kind: str, w: int, h: int, fill: str, detail: str) -> str:
    """SVG elements of one object silhouette centred in a w x h canvas."""
    cx, cy, s = w / 2, h / 2, min(w, h) / 100
    if kind == "bottle":
        return (f'<rect x="{cx - 14 * s}" y="{cy - 28 * s}" width="{28 * s}" height="{62 * s}" rx="{8 * s}" fill="{fill}"/>'
                f'<rect x="{cx - 6 * s}" y="{cy - 40 * s}" width="{12 * s}" height="{14 * s}" fill="{detail}"/>'
                f'<rect x="{cx - 14 * s}" y="{cy - 4 * s}" width="{28 * s}" height="{16 * s}" fill="{detail}" opacity=".6"/>')
    if kind == "box":
        return (f'<polygon points="{cx - 30 * s},{cy - 10 * s} {cx},{cy - 25 * s} {cx + 30 * s},{cy - 10 * s} {cx},{cy + 5 * s}" fill="{detail}"/>'
                f'<polygon points="{cx - 30 * s},{cy - 10 * s} {cx},{cy + 5 * s} {cx},{cy + 38 * s} {cx - 30 * s},{cy + 22 * s}" fill="{fill}"/>'
                f'<polygon points="{cx + 30 * s},{cy - 10 * s} {cx},{cy + 5 * s} {cx},{cy + 38 * s} {cx + 30 * s},{cy + 22 * s}" fill="{fill}" opacity=".75"/>')
    if kind == "shoe":
        return (f'<path d="M{cx - 38 * s},{cy + 12 * s} Q{cx - 36 * s},{cy - 16 * s} {cx - 16 * s},{cy - 14 * s} '
                f'L{cx + 4 * s},{cy} Q{cx + 34 * s},{cy + 2 * s} {cx + 38 * s},{cy + 14 * s} Z" fill="{fill}"/>'
                f'<rect x="{cx - 40 * s}" y="{cy + 12 * s}" width="{80 * s}" height="{7 * s}" rx="{3 * s}" fill="{detail}"/>')
    if kind == "mug":
        return (f'<rect x="{cx - 22 * s}" y="{cy - 22 * s}" width="{36 * s}" height="{44 * s}" rx="{4 * s}" fill="{fill}"/>'
                f'<circle cx="{cx + 18 * s}" cy="{cy}" r="{11 * s}" fill="none" stroke="{fill}" stroke-width="{5 * s}"/>'
                f'<ellipse cx="{cx - 4 * s}" cy="{cy - 22 * s}" rx="{18 * s}" ry="{3 * s}" fill="{detail}"/>')
    if kind == "lamp":
        return (f'<polygon points="{cx - 24 * s},{cy - 6 * s} {cx - 12 * s},{cy - 34 * s} {cx + 12 * s},{cy - 34 * s} {cx + 24 * s},{cy - 6 * s}" fill="{fill}"/>'
                f'<rect x="{cx - 2 * s}" y="{cy - 6 * s}" width="{4 * s}" height="{36 * s}" fill="{detail}"/>'
                f'<ellipse cx="{cx}" cy="{cy + 32 * s}" rx="{18 * s}" ry="{5 * s}" fill="{detail}"/>')
    if kind == "bag":
        return (f'<rect x="{cx - 30 * s}" y="{cy - 12 * s}" width="{60 * s}" height="{46 * s}" rx="{6 * s}" fill="{fill}"/>'
                f'<path d="M{cx - 16 * s},{cy - 12 * s} Q{cx},{cy - 44 * s} {cx + 16 * s},{cy - 12 * s}" fill="none" '
                f'stroke="{detail}" stroke-width="{4 * s}"/>')
    if kind == "phone":
        return (f'<rect x="{cx - 20 * s}" y="{cy - 38 * s}" width="{40 * s}" height="{76 * s}" rx="{7 * s}" fill="{detail}"/>'
                f'<rect x="{cx - 17 * s}" y="{cy - 33 * s}" width="{34 * s}" height="{64 * s}" rx="{3 * s}" fill="{fill}"/>')
    if kind == "shirt":
        return (f'<polygon points="{cx - 16 * s},{cy - 32 * s} {cx - 38 * s},{cy - 20 * s} {cx - 30 * s},{cy - 4 * s} '
                f'{cx - 22 * s},{cy - 8 * s} {cx - 22 * s},{cy + 34 * s} {cx + 22 * s},{cy + 34 * s} {cx + 22 * s},{cy - 8 * s} '
                f'{cx + 30 * s},{cy - 4 * s} {cx + 38 * s},{cy - 20 * s} {cx + 16 * s},{cy - 32 * s} {cx},{cy - 26 * s}" fill="{fill}"/>')
    if kind == "chair":
        return (f'<rect x="{cx - 20 * s}" y="{cy - 36 * s}" width="{40 * s}" height="{36 * s}" rx="{4 * s}" fill="{fill}"/>'
                f'<rect x="{cx - 24 * s}" y="{cy}" width="{48 * s}" height="{8 * s}" fill="{detail}"/>'
                f'<rect x="{cx - 22 * s}" y="{cy + 8 * s}" width="{4 * s}" height="{28 * s}" fill="{detail}"/>'
                f'<rect x="{cx + 18 * s}" y="{cy + 8 * s}" width="{4 * s}" height="{28 * s}" fill="{detail}"/>')
    # watch
    return (f'<rect x="{cx - 9 * s}" y="{cy - 40 * s}" width="{18 * s}" height="{80 * s}" rx="{4 * s}" fill="{detail}"/>'
            f'<circle cx="{cx}" cy="{cy}" r="{20 * s}" fill="{fill}"/>'
            f'<circle cx="{cx}" cy="{cy}" r="{15 * s}" fill="#ffffff" opacity=".85"/>'
            f'<line x1="{cx}" y1="{cy}" x2="{cx + 8 * s}" y2="{cy - 6 * s}" stroke="#222" stroke-width="{2 * s}"/>')


def product_svg(rng: random.Random, w: int = 400, h: int = 400, kind: str | None = None) -> str:
    """An SVG document (string) of a product on a backdrop, w x h user units."""
    kind = kind or rng.choice(OBJECTS)
    hue = rng.random()
    bg1, bg2 = _rgb(hue, rng.uniform(0, 0.4), rng.uniform(0.85, 0.97)), _rgb(hue + 0.05, rng.uniform(0, 0.4), rng.uniform(0.75, 0.92))
    obj = _rgb(rng.random(), rng.uniform(0.3, 0.9), rng.uniform(0.25, 0.6))
    detail = _rgb(rng.random(), rng.uniform(0, 0.5), rng.uniform(0.1, 0.8))
    gid = "g%d" % rng.randint(0, 10 ** 6)
    backdrop = rng.choice(("gradient", "flat", "floor", "dots", "stripes", "white"))
    if backdrop == "white":
        bg = f'<rect width="{w}" height="{h}" fill="#ffffff"/>'
    elif backdrop in ("dots", "stripes"):
        pid = gid + "p"
        motif = (f'<circle cx="10" cy="10" r="3" fill="{_hex(bg2)}"/>' if backdrop == "dots"
                 else f'<rect width="10" height="20" fill="{_hex(bg2)}"/>')
        turn = ' patternTransform="rotate(45)"' if backdrop == "stripes" else ""
        bg = (f'<defs><pattern id="{pid}" width="20" height="20" patternUnits="userSpaceOnUse"{turn}>'
              f'{motif}</pattern></defs>'
              f'<rect width="{w}" height="{h}" fill="{_hex(bg1)}"/><rect width="{w}" height="{h}" fill="url(#{pid})"/>')
    elif backdrop == "flat":
        bg = f'<rect width="{w}" height="{h}" fill="{_hex(bg1)}"/>'
    elif backdrop == "floor":
        bg = (f'<rect width="{w}" height="{h}" fill="{_hex(bg1)}"/>'
              f'<rect y="{h * 0.68}" width="{w}" height="{h * 0.32}" fill="{_hex(bg2)}"/>')
    else:
        bg = (f'<defs><linearGradient id="{gid}" x1="0" y1="0" x2="{rng.choice((0, 1))}" y2="1">'
              f'<stop offset="0" stop-color="{_hex(bg1)}"/><stop offset="1" stop-color="{_hex(bg2)}"/></linearGradient></defs>'
              f'<rect width="{w}" height="{h}" fill="url(#{gid})"/>')
    shadow = f'<ellipse cx="{w / 2}" cy="{h / 2 + min(w, h) * 0.38}" rx="{min(w, h) * 0.3}" ry="{min(w, h) * 0.04}" fill="#000" opacity=".12"/>'
    main = _shapes(kind, w, h, _hex(obj), _hex(detail))
    extra = ""
    if rng.random() < 0.25:
        # a second, smaller item beside the first (sets, bundles, lifestyle shots)
        other = _shapes(rng.choice(OBJECTS), w, h, _hex(_rgb(rng.random(), 0.6, 0.5)), _hex(detail))
        extra = f'<g transform="translate({w * 0.55} {h * 0.45}) scale(.4)">{other}</g>'
        main = f'<g transform="translate({-w * 0.12} 0)">{main}</g>'
    if rng.random() < 0.3:
        word = "".join(rng.choice("AEIOUKLMNRST") for _ in range(rng.randint(3, 6)))
        extra += (f'<text x="{w / 2}" y="{h * 0.08 + 12}" text-anchor="middle" font-family="sans-serif" '
                  f'font-size="{int(min(w, h) * 0.06)}" font-weight="700" fill="{_hex(detail)}" opacity=".8">{word}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
            f'{bg}{shadow}{main}{extra}</svg>')


def product_jpeg(rng: random.Random, size: int = 320, kind: str | None = None) -> bytes:
    """A photograph-like JPEG (bytes) of a product, size x size px: a lit object with a soft
    shadow on a graded backdrop, at a random scale and position, with sensor-like grain."""
    import numpy as np
    from PIL import Image, ImageDraw

    kind = kind or rng.choice(OBJECTS)
    hue = rng.random()
    top = np.array(_rgb(hue, rng.uniform(0, 0.3), rng.uniform(0.85, 0.97)), dtype=np.float32)
    bottom = np.array(_rgb(hue, rng.uniform(0, 0.3), rng.uniform(0.55, 0.85)), dtype=np.float32)
    ramp = np.linspace(0, 1, size, dtype=np.float32)[:, None, None]
    img = top * (1 - ramp) + bottom * ramp                                   # (H, 1, 3)
    img = np.repeat(img, size, axis=1)                                       # (H, W, 3)
    scale = rng.uniform(0.7, 1.25)
    c = size / 2 + rng.uniform(-0.08, 0.08) * size
    s = size / 100 * scale
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    if kind in ("bottle", "phone", "watch"):
        draw.rounded_rectangle((c - 16 * s, c - 36 * s, c + 16 * s, c + 36 * s), radius=int(8 * s), fill=255)
    elif kind in ("mug", "lamp"):
        draw.ellipse((c - 30 * s, c - 30 * s, c + 30 * s, c + 30 * s), fill=255)
    elif kind in ("box", "chair"):
        draw.polygon([(c - 30 * s, c - 10 * s), (c, c - 25 * s), (c + 30 * s, c - 10 * s), (c + 30 * s, c + 22 * s),
                      (c, c + 38 * s), (c - 30 * s, c + 22 * s)], fill=255)
    else:
        draw.rounded_rectangle((c - 34 * s, c - 16 * s, c + 34 * s, c + 30 * s), radius=int(10 * s), fill=255)
        draw.arc((c - 18 * s, c - 40 * s, c + 18 * s, c + 8 * s), 180, 360, fill=255, width=max(2, int(4 * s)))
    m = np.asarray(mask, dtype=np.float32)[:, :, None] / 255.0               # (H, W, 1)
    # soft shadow: the mask squashed onto the floor, blurred by down- and up-sampling
    shadow = Image.new("L", (size, size), 0)
    ImageDraw.Draw(shadow).ellipse((c - 32 * s, c + 34 * s, c + 32 * s, c + 44 * s), fill=110)
    shadow = shadow.resize((max(1, size // 10),) * 2).resize((size, size), Image.BILINEAR)
    img *= 1 - np.asarray(shadow, dtype=np.float32)[:, :, None] / 255.0 * 0.6
    # the object, lit from one side
    colour = np.array(_rgb(rng.random(), rng.uniform(0.3, 0.9), rng.uniform(0.3, 0.6)), dtype=np.float32)
    side = np.linspace(1.25, 0.7, size, dtype=np.float32)[None, :, None]
    if rng.random() < 0.5:
        side = side[:, ::-1]
    obj = np.clip(colour * side, 0, 255)
    img = img * (1 - m) + obj * m
    grain = np.random.default_rng(rng.getrandbits(32)).normal(0, rng.uniform(2, 7), img.shape[:2])[:, :, None]
    img = np.clip(img + grain, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=rng.choice((60, 70, 80)))
    return buf.getvalue()


def data_uri_svg(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def data_uri_jpeg(data: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def product_image_uri(rng: random.Random, size: int = 400, photo_fraction: float = 0.3) -> str:
    """A ``data:`` URI of a product picture: a JPEG with probability ``photo_fraction``, else SVG."""
    if rng.random() < photo_fraction:
        return data_uri_jpeg(product_jpeg(rng, size=min(size, 360)))
    return data_uri_svg(product_svg(rng, size, size))


# -- icons --

ICON_PATHS = {
    "cart": "M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h9.2a1 1 0 0 0 1-.8L20 7H6.2M9 20a1.5 1.5 0 1 0 0 .1M17 20a1.5 1.5 0 1 0 0 .1",
    "bag": "M5 8h14l-1 12H6L5 8zM9 8V6a3 3 0 0 1 6 0v2",
    "user": "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
    "search": "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM16 16l5 5",
    "heart": "M12 21s-7-4.5-9-9a5 5 0 0 1 9-3 5 5 0 0 1 9 3c-2 4.5-9 9-9 9z",
    "menu": "M3 6h18M3 12h18M3 18h18",
    "close": "M5 5l14 14M19 5L5 19",
    "chev": "M9 5l7 7-7 7",
    "lock": "M6 11h12v10H6zM8 11V8a4 4 0 0 1 8 0v3",
    "truck": "M2 6h12v10H2zM14 10h4l3 3v3h-7M6 19a2 2 0 1 0 0 .1M17 19a2 2 0 1 0 0 .1",
}
GLYPHS = {"cart": "🛒", "bag": "👜", "user": "👤", "search": "🔍", "heart": "♡", "menu": "☰",
          "close": "✕", "chev": "›", "lock": "🔒", "truck": "🚚"}


def icon_svg(name: str, size: int, colour: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24" '
            f'fill="none" stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" '
            f'aria-hidden="true"><path d="{ICON_PATHS[name]}"/></svg>')


def icon(name: str, style: str, size: int, colour: str) -> str:
    """HTML of an icon: inline SVG, a text glyph, or an <img> of an SVG data URI."""
    if style == "glyph" or style == "text":
        return f'<span aria-hidden="true" style="font-size:{size}px;line-height:1">{GLYPHS[name]}</span>'
    if style == "image":
        return f'<img src="{data_uri_svg(icon_svg(name, size, colour))}" width="{size}" height="{size}" alt="">'
    return icon_svg(name, size, colour)


def stars_html(rating: float, style: str, colour: str, size: int, aria: str) -> str:
    """Five stars showing ``rating`` (0-5) in one of the star styles. ``aria``: its accessible text."""
    full = int(rating + 0.25)
    half = 1 if 0.25 <= rating - int(rating) < 0.75 else 0
    if style == "glyph":
        s = "★" * full + "☆" * (5 - full)
        return (f'<span title="{aria}" aria-label="{aria}" style="color:{colour};font-size:{size}px;'
                f'letter-spacing:1px">{s}</span>')
    if style == "bar":
        pct = rating / 5 * 100
        return (f'<span aria-label="{aria}" style="position:relative;display:inline-block;font-size:{size}px;'
                f'color:#ccc;line-height:1">★★★★★<span style="position:absolute;left:0;top:0;overflow:hidden;'
                f'white-space:nowrap;width:{pct:.0f}%;color:{colour}">★★★★★</span></span>')
    if style == "number":
        return (f'<span aria-label="{aria}" style="display:inline-block;background:{colour};color:#fff;'
                f'padding:2px 6px;border-radius:3px;font-weight:700;font-size:{max(11, size - 3)}px">'
                f'{rating:.1f} ★</span>')
    star = "M12 2l3 7 7 .6-5.3 4.7 1.6 7.2L12 17.8 5.7 21.5l1.6-7.2L2 9.6 9 9z"
    parts = []
    for i in range(5):
        fill = colour if i < full else ("url(#h)" if i == full and half else "#d0d0d0")
        parts.append(f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" aria-hidden="true">'
                     f'<defs><linearGradient id="h"><stop offset=".5" stop-color="{colour}"/>'
                     f'<stop offset=".5" stop-color="#d0d0d0"/></linearGradient></defs>'
                     f'<path d="{star}" fill="{fill}"/></svg>')
    return f'<span role="img" aria-label="{aria}" style="display:inline-flex;gap:1px">{"".join(parts)}</span>'


def logo_svg(rng: random.Random, colour: str, text: str, font: str) -> str:
    """A small logo: a geometric mark and/or a word mark."""
    mark = rng.choice(("circle", "square", "tri", "none"))
    shape = {"circle": f'<circle cx="14" cy="14" r="11" fill="{colour}"/>',
             "square": f'<rect x="3" y="3" width="22" height="22" rx="5" fill="{colour}"/>',
             "tri": f'<polygon points="14,3 26,25 2,25" fill="{colour}"/>', "none": ""}[mark]
    x = 34 if mark != "none" else 0
    width = x + 11 * len(text) + 10
    safe = text.replace("&", "&amp;").replace("<", "")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="28" viewBox="0 0 {width} 28">{shape}'
            f'<text x="{x}" y="20" font-family="{font.replace(chr(39), "")}" font-size="18" font-weight="700" '
            f'fill="{colour}">{safe}</text></svg>')
