"""Layout families: structurally different page designs, each a function that writes a page body.

A family is a different arrangement and DOM structure, not a colour swap: galleries left, right
or on top, three-column pages with a sticky buy box, tabbed and accordion descriptions, image
carousels, marketplace pages with several sellers' offers, split screens, quick-view modals over
a listing, table-based pages, carts as tables, cards or drawers, checkouts on one page or in
steps, login and signup cards, split heroes and wizards, listings as grids or rows, and other
pages (article, home, help, account, contact, not-found).

:data:`FAMILIES` maps each family's name to its page type and writer. Labels for product roles
are put here, on the main product's parts only; form-field labels come from
:mod:`pagelens.synth.forms`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pagelens.synth import decoys, forms
from pagelens.synth.decoys import ic
from pagelens.synth.dom import Page, esc
from pagelens.synth.images import product_image_uri, stars_html


@dataclass
class Product:
    """The main product of a product page."""

    title: str
    price: float
    old_price: float | None
    rating: float | None
    n_reviews: int
    images: list[str]
    description: list[str]
    features: list[str]
    specs: list[tuple[str, str]]
    reviews: list[tuple[str, float, str, str]] = field(default_factory=list)  # author, stars, title, text


def make_product(p: Page) -> Product:
    loc = p.loc
    price = loc.price_amount()
    old = None
    if p.chance(0.4):
        old = price * p.rng.uniform(1.1, 1.8)
        old = float(round(old, -1)) if price >= 1000 else float(int(old)) + 0.99 if p.chance(0.5) else float(round(old))
    rating = round(p.rng.uniform(2.8, 5.0), 1) if p.chance(0.8) else None
    n_images = p.rng.randint(1, 6)
    photo = 0.35
    images = [product_image_uri(p.rng, 520 if not p.mobile else 400, photo)]
    images += [product_image_uri(p.rng, 160, 0.0) for _ in range(n_images - 1)]
    fake = loc.fake
    desc = [loc.paragraph(nb_sentences=p.rng.randint(2, 5)) for _ in range(p.rng.randint(1, 3))]
    feats = [loc.sentence(nb_words=p.rng.randint(3, 8)).rstrip(".") for _ in range(p.rng.randint(3, 6))]
    spec_keys = (loc.t("color"), loc.t("size"), loc.t("brand"), "SKU", "EAN", loc.t("quantity"))
    specs = [(k, loc.word() if k != "SKU" else f"{p.rng.randint(100000, 999999)}") for k in spec_keys[:p.rng.randint(3, 6)]]
    reviews = []
    for _ in range(p.rng.randint(0, 4)):
        reviews.append((fake.name(), float(p.rng.randint(1, 5)), loc.sentence(nb_words=4).rstrip("."),
                        loc.paragraph(nb_sentences=p.rng.randint(1, 3))))
    return Product(loc.product_name(), price, old, rating, p.rng.randint(1, 5000) if rating else 0,
                   images, desc, feats, specs, reviews)


# -- product parts (labels on the main product only) --

def title(p: Page, prod: Product, size: float = 1.0) -> str:
    t = p.theme
    tag = p.rng.choice(("h1", "h1", "h1", "h2", "div"))
    css = (f"font-size:{int(t.base_size * t.head_scale * size)}px;font-family:{t.font_head};font-weight:{t.weight_head};"
           "margin:0 0 8px;line-height:1.2;")
    brand = ""
    if p.chance(0.3):
        brand = p.e("a", "brand", f"display:block;color:{t.muted};font-size:13px;text-decoration:none;"
                    "text-transform:uppercase;letter-spacing:.08em;margin-bottom:4px;", esc(p.loc.brand()), None, {"href": "#"})
    return brand + p.e(tag, "title", css, esc(prod.title), "product_title",
                       {"itemprop": "name" if p.microdata else None})


def _price_text(p: Page, amount: float, split: bool) -> str:
    text = p.loc.money(amount)
    if not split:
        return esc(text)
    # "$12<sup>99</sup>"-style: superscript minor units, the separator kept so the text still reads as a price
    import re

    m = re.search(r"(\d[\d\s.,\u00a0\u202f]*?)([.,])(\d{2})(?!\d)", text)
    if not m:
        return esc(text)
    small = "font-size:.55em;vertical-align:super;"
    # every piece in its own span (as shops that style the minor units do), in reading order
    pieces = [esc(text[:m.start()]), esc(m.group(1))]
    out = "".join(f"<span>{x}</span>" for x in pieces if x)
    out += f'<span style="{small}">{esc(m.group(2) + m.group(3))}</span>'
    return out + (f"<span>{esc(text[m.end():])}</span>" if text[m.end():] else "")


def price_block(p: Page, prod: Product, size: float = 1.0) -> str:
    """The main price with its struck-out price and the usual decoys around it."""
    loc, t = p.loc, p.theme
    css = (f"font-size:{int(t.base_size * p.rng.uniform(1.3, 2.1) * size)}px;font-weight:{t.weight_price};"
           f"color:{t.price_color if prod.old_price else t.text};")
    split = p.chance(0.15)
    price_attrs = {"itemprop": "price" if p.microdata else None,
                   "content": f"{prod.price:.2f}" if p.microdata else None}
    text = _price_text(p, prod.price, split)
    if not split and not prod.old_price and p.chance(0.08):
        # products with variants: "From $12.99" (the word after the amount in CJK and Turkish)
        word = esc(loc.t("from_price"))
        text = f"{text} {word}" if loc.lang in ("ja", "ko", "zh", "tr") else f"{word} {text}"
    price = p.e(p.rng.choice(("span", "span", "div", "p", "strong")), "price", css + "margin:0;", text, "price", price_attrs)
    parts = [price]
    if prod.old_price:
        old_css = f"color:{t.muted};font-size:{int(t.base_size * 1.0 * size)}px;"
        style = p.rng.choice(("strike", "strike", "was"))
        if style == "strike":
            tag = p.rng.choice(("s", "del", "span"))
            old = p.e(tag, "old-price", old_css + "text-decoration:line-through;", esc(loc.money(prod.old_price)), "old_price")
        else:
            old = (p.e("span", "", old_css, esc(loc.t("was")) + " ")
                   + p.e("span", "old-price", old_css + "text-decoration:line-through;", esc(loc.money(prod.old_price)), "old_price"))
        if p.chance(0.5):
            parts.insert(0, old)
        else:
            parts.append(old)
        if p.chance(0.6):
            pct = int(round((1 - prod.price / prod.old_price) * 100))
            parts.append(p.e("span", "badge", f"background:{t.accent};color:#fff;font-size:12px;padding:2px 8px;"
                             f"border-radius:{t.button_radius}px;font-weight:700;",
                             esc(loc.t("save", p=loc.money(prod.old_price - prod.price), pct=pct))))
    line = p.e("div", "price-wrap", "display:flex;align-items:baseline;gap:10px;flex-wrap:wrap;margin:8px 0;", " ".join(parts))
    extra = []
    if p.chance(0.35):
        extra.append(loc.t("per_unit", p=loc.money(round(prod.price / p.rng.choice((2.5, 4, 10, 0.75)), 2))))
    if p.chance(0.35):
        extra.append(loc.t("installments", p=loc.money(round(prod.price / 4, 2))))
    if p.chance(0.4):
        extra.append(loc.t("plus_shipping", p=loc.money(p.rng.choice((3.95, 4.99, 5.9, 6.5, 9.99)) *
                                                         (150 if loc.currency in ("JPY", "KRW") else 1))))
    if p.chance(0.3):
        extra.append(loc.t("tax"))
    notes = "".join(p.e("div", "price-note", f"font-size:13px;color:{t.muted};", esc(x)) for x in extra)
    return line + notes


def rating_block(p: Page, prod: Product) -> str:
    loc, t = p.loc, p.theme
    if prod.rating is None:
        return ""
    aria = loc.t("out_of_5", r=loc.number(prod.rating))
    stars = stars_html(prod.rating, t.star_style, t.star_color, p.rng.choice((14, 16, 18)), aria)
    score = ""
    if t.star_style != "number" and p.chance(0.4):
        score = p.e("span", "", "font-weight:600;margin-right:4px;", esc(loc.number(prod.rating)))
    rating = p.e("span", "rating", "display:inline-flex;align-items:center;gap:4px;", score + stars, "rating",
                 {"title": aria if p.chance(0.3) else None})
    count = p.e("a", "count", f"color:{t.muted};font-size:13px;text-decoration:{p.rng.choice(('none', 'underline'))};",
                esc(loc.t("n_reviews", n=loc.number(prod.n_reviews))), "review_count", {"href": "#reviews"})
    if p.chance(0.1):
        count = ""  # stars alone
    return p.e("div", "rating-row", "display:flex;align-items:center;gap:8px;margin:6px 0;", rating + count)


def add_to_cart(p: Page, wide: bool = True) -> str:
    loc = p.loc
    tag = p.rng.choice(("button", "button", "button", "input", "a"))
    attrs = {"type": "submit", "name": p.rng.choice(("add", "add-to-cart", None))} if tag == "button" else {}
    icon = ""
    if tag == "button" and p.chance(0.3):
        icon = ic(p, "cart", 18, p.theme.primary_text) + " "
    css = ("width:100%;" if wide else "") + "display:inline-flex;align-items:center;justify-content:center;gap:8px;"
    if tag == "input":
        return p.button(loc.t("add_to_cart"), sem="buy", label="add_to_cart", tag="input", attrs={"name": "add"},
                        css="width:100%;" if wide else "")
    return p.e(tag, "buy", p.theme.button_css() + css, icon + esc(loc.t("add_to_cart")), "add_to_cart",
               attrs if tag == "button" else {"href": "#", "role": "button" if p.chance(0.5) else None})


def options_block(p: Page) -> str:
    """Colour swatches, size buttons or selects, and quantity: unlabelled."""
    loc, t = p.loc, p.theme
    out = []
    if p.chance(0.6):
        sw = "".join(p.e("button", "swatch", f"width:28px;height:28px;border-radius:999px;border:2px solid {t.border};"
                         f"background:{c};cursor:pointer;", "", None, {"type": "button", "aria-label": c, "title": c})
                     for c in p.rng.sample(("#222", "#c33", "#36c", "#eee", "#2a7", "#db5", "#963"), p.rng.randint(2, 5)))
        out.append(p.text("div", loc.t("color"), "", "font-size:13px;margin:10px 0 4px;") + p.e("div", "", "display:flex;gap:8px;", sw))
    if p.chance(0.5):
        sizes = p.rng.choice((("XS", "S", "M", "L", "XL"), ("36", "38", "40", "42", "44"), ("250 ml", "500 ml", "1 l")))
        if p.chance(0.5):
            out.append(p.text("label", loc.t("size"), "", "display:block;font-size:13px;margin:10px 0 4px;")
                       + p.e("select", "input", t.input_css() + "max-width:220px;", "".join(f"<option>{s}</option>" for s in sizes),
                             None, {"name": "size"}))
        else:
            out.append(p.text("div", loc.t("size"), "", "font-size:13px;margin:10px 0 4px;")
                       + p.e("div", "", "display:flex;gap:6px;flex-wrap:wrap;",
                             "".join(p.e("button", "size", f"min-width:44px;padding:8px;border:1px solid {t.border};background:{t.bg};"
                                         f"color:{t.text};border-radius:{t.radius}px;", esc(s), None, {"type": "button"}) for s in sizes)))
    if p.chance(0.6):
        qty_kind = p.rng.choice(("number", "stepper", "select"))
        if qty_kind == "number":
            qty = p.e("input", "input", t.input_css() + "width:72px;", "", None,
                      {"type": "number", "value": "1", "min": "1", "name": "quantity", "aria-label": loc.t("quantity")})
        elif qty_kind == "select":
            qty = p.e("select", "input", t.input_css() + "width:80px;", "".join(f"<option>{i}</option>" for i in range(1, 11)),
                      None, {"name": "qty", "aria-label": loc.t("quantity")})
        else:
            b = f"width:34px;height:34px;border:1px solid {t.border};background:{t.bg};color:{t.text};cursor:pointer;"
            qty = p.e("div", "qty", "display:inline-flex;align-items:center;",
                      p.e("button", "", b, "−", None, {"type": "button"})
                      + p.e("input", "", f"width:44px;height:34px;text-align:center;border:1px solid {t.border};border-left:0;border-right:0;",
                            "", None, {"type": "text", "value": "1", "inputmode": "numeric"})
                      + p.e("button", "", b, "+", None, {"type": "button"}))
        out.append(p.text("div", loc.t("quantity"), "", "font-size:13px;margin:10px 0 4px;") + qty)
    return "".join(out)


def buy_area(p: Page, wide: bool = True) -> str:
    loc, t = p.loc, p.theme
    buttons = [add_to_cart(p, wide)]
    if p.chance(0.35):
        buttons.append(p.button(loc.t("buy_now"), sem="btn", secondary=True, css="width:100%;" if wide else ""))
    if p.chance(0.4):
        buttons.append(p.e("button", "wishlist", f"background:none;border:1px solid {t.border};color:{t.text};padding:10px;"
                           f"border-radius:{t.button_radius}px;cursor:pointer;",
                           ic(p, "heart", 18) + ("" if p.chance(0.5) else " " + esc(loc.t("wishlist"))), None,
                           {"type": "button", "aria-label": loc.t("wishlist")}))
    css = "display:flex;flex-direction:column;gap:10px;margin:16px 0;" if wide else "display:flex;gap:10px;margin:16px 0;flex-wrap:wrap;"
    stock = ""
    if p.chance(0.5):
        stock = p.e("div", "stock", f"color:{p.rng.choice(('#1a7f37', '#067d62', t.text))};font-size:13px;", esc(loc.t("in_stock")))
    delivery = ""
    if p.chance(0.4):
        delivery = p.e("div", "delivery", f"font-size:13px;color:{t.muted};", esc(loc.t("delivery", d=loc.date())))
    inner = stock + p.e("form" if p.chance(0.6) else "div", "product-form", css, "".join(buttons),
                        None, {"action": "/cart/add", "method": "post"} if p.chance(0.5) else None) + delivery
    return inner


def description(p: Page, prod: Product, heading: bool = True) -> str:
    t = p.theme
    head = p.text("h2", p.loc.t("description"), "section-title", f"font-size:{int(t.base_size * 1.3)}px;margin-top:16px;") if heading else ""
    body = "".join(p.text("p", x, "", "margin:0 0 10px;") for x in prod.description)
    return head + p.e("div", "desc", f"color:{t.text};line-height:1.6;", body, "description",
                      {"itemprop": "description" if p.microdata else None})


def features(p: Page, prod: Product, heading: bool | None = None) -> str:
    t = p.theme
    head = ""
    if heading if heading is not None else p.chance(0.5):
        head = p.text("h3", p.loc.t("features"), "", f"font-size:{t.base_size + 1}px;margin-top:14px;")
    bullet = p.rng.choice(("disc", "none", "square", "check"))
    items = "".join(p.e("li", "", "margin-bottom:4px;", ("✓ " if bullet == "check" else "") + esc(f)) for f in prod.features)
    return head + p.e("ul", "features", f"padding-left:{0 if bullet in ('none', 'check') else 20}px;"
                      f"list-style:{'none' if bullet == 'check' else bullet};margin:8px 0;", items, "features")


def specs_table(p: Page, prod: Product) -> str:
    t = p.theme
    rows = "".join(f"<tr>{p.e('th', '', f'text-align:left;padding:6px 12px 6px 0;color:{t.muted};font-weight:400;', esc(k))}"
                   f"{p.e('td', '', 'padding:6px 0;', esc(v))}</tr>" for k, v in prod.specs)
    return p.e("table", "specs", f"border-collapse:collapse;width:100%;font-size:14px;border-top:1px solid {t.border};", rows)


def reviews(p: Page, prod: Product, summary: bool = False) -> str:
    loc, t = p.loc, p.theme
    if not prod.reviews and not summary:
        return ""
    head = p.text("h2", loc.t("reviews"), "section-title", f"font-size:{int(t.base_size * 1.3)}px;margin-top:28px;",
                  attrs={"id": "reviews"})
    top = ""
    if summary and prod.rating is not None:
        aria = loc.t("out_of_5", r=loc.number(prod.rating))
        top = p.e("div", "", "display:flex;gap:12px;align-items:center;margin-bottom:12px;",
                  p.e("span", "rating", "display:inline-flex;gap:6px;align-items:center;",
                      p.e("span", "", f"font-size:28px;font-weight:700;", esc(loc.number(prod.rating)))
                      + stars_html(prod.rating, t.star_style, t.star_color, 18, aria), "rating")
                  + p.e("span", "count", f"color:{t.muted};", esc(loc.t("n_reviews", n=loc.number(prod.n_reviews))), "review_count"))
    items = []
    for author, stars, rtitle, text in prod.reviews:
        meta = p.e("div", "", f"font-size:12px;color:{t.muted};margin-bottom:4px;",
                   esc(author) + " · " + esc(loc.date()) + (" · " + esc(loc.t("verified")) if p.chance(0.4) else ""))
        body = (stars_html(stars, t.star_style if t.star_style != "number" else "glyph", t.star_color, 13,
                           loc.t("out_of_5", r=int(stars)))
                + p.text("div", rtitle, "", "font-weight:600;margin:4px 0;") + meta + p.text("p", text, "", "margin:4px 0;")
                + p.e("button", "", f"font-size:12px;background:none;border:1px solid {t.border};color:{t.muted};padding:3px 8px;"
                      f"border-radius:{t.radius}px;", esc(loc.t("helpful")), None, {"type": "button"}))
        items.append(p.e("div", "review", f"padding:14px 0;border-bottom:1px solid {t.border};", body, "review"))
    write = p.button(loc.t("write_review"), sem="btn", secondary=True) if p.chance(0.5) else ""
    return p.e("section", "reviews", "", head + top + write + "".join(items))


def gallery(p: Page, prod: Product, thumbs: str = "below", ratio: str = "1/1") -> str:
    """Main image (labelled) with thumbnails below, left or none."""
    t = p.theme
    alt = prod.title if p.chance(0.7) else ""
    kind = p.rng.choice(("img", "img", "img", "picture", "bg"))
    css = f"width:100%;aspect-ratio:{ratio};object-fit:{p.rng.choice(('cover', 'contain'))};background:{t.surface};border-radius:{t.radius}px;"
    if kind == "bg":
        main = p.e("div", "image", css + f"background:url('{prod.images[0]}') center/cover no-repeat;", "", "product_image",
                   {"role": "img", "aria-label": alt or None})
    elif kind == "picture":
        main = p.e("picture", "", "display:block;", p.e("img", "image", css, "", "product_image", {"src": prod.images[0], "alt": alt}))
    else:
        main = p.e("img", "image", css, "", "product_image",
                   {"src": prod.images[0], "alt": alt, "itemprop": "image" if p.microdata else None})
    badge = ""
    if prod.old_price and p.chance(0.4):
        badge = p.e("span", "badge", f"position:absolute;top:12px;left:12px;background:{t.accent};color:#fff;padding:3px 10px;"
                    "font-weight:700;font-size:13px;", esc(p.loc.t("sale", pct=int((1 - prod.price / prod.old_price) * 100))))
    main = p.e("div", "main-image", "position:relative;", badge + main)
    if len(prod.images) < 2 or thumbs == "none":
        return p.e("div", "gallery", "", main)
    th = "".join(p.e("img", "thumb", f"width:64px;height:64px;object-fit:cover;border:1px solid {t.border};border-radius:{t.radius}px;",
                     "", None, {"src": src, "alt": ""}) for src in [prod.images[0]] + prod.images[1:])
    if thumbs == "left" and not p.mobile:
        return p.e("div", "gallery", "display:flex;gap:12px;",
                   p.e("div", "thumbs", "display:flex;flex-direction:column;gap:8px;", th) + p.e("div", "", "flex:1;", main))
    if thumbs == "dots" or p.mobile:
        dots = "".join(p.e("span", "dot", f"width:8px;height:8px;border-radius:99px;background:{t.text if i == 0 else t.border};display:inline-block;", "")
                       for i in range(len(prod.images)))
        return p.e("div", "gallery", "", main + p.e("div", "dots", "display:flex;gap:6px;justify-content:center;margin-top:10px;", dots))
    return p.e("div", "gallery", "", main + p.e("div", "thumbs", "display:flex;gap:8px;margin-top:10px;flex-wrap:wrap;", th))


def container(p: Page, body: str, width: int | None = None) -> str:
    w = width or p.theme.container
    return p.e("main", "container", f"max-width:{w}px;margin:0 auto;padding:0 {14 if p.mobile else 24}px;", body)


def cols(p: Page, parts: list[str], template: str, gap: int = 40, sticky_last: bool = False) -> str:
    """A CSS grid of columns on desktop, stacked on mobile."""
    if p.mobile:
        return "".join(parts)
    inner = [p.e("div", "col", "min-width:0;", x) for x in parts]
    if sticky_last:
        inner[-1] = p.e("div", "col", "min-width:0;position:sticky;top:16px;align-self:start;", parts[-1])
    return p.e("div", "product-grid", f"display:grid;grid-template-columns:{template};gap:{gap}px;align-items:start;", "".join(inner))


def web_component(p: Page, inner: str) -> str:
    """``inner`` inside a custom element's open shadow root (declarative shadow DOM), the way
    shops built from web components ship their buy boxes and review widgets. The page's
    stylesheet does not reach into a shadow root, so the root carries its own copy."""
    tag = p.rng.choice(("product-form", "buy-box", "price-widget", "x-product", "shop-block", "review-stars"))
    return (f"<{tag} style=\"display:block\"><template shadowrootmode=\"open\"><style>{p.stylesheet()}</style>"
            f"{inner}</template></{tag}>")


def info_stack(p: Page, prod: Product, desc_inline: bool | None = None, with_title: bool = True) -> str:
    parts = [title(p, prod) if with_title else "", rating_block(p, prod), price_block(p, prod), options_block(p), buy_area(p)]
    if p.chance(0.12):
        parts[4] = web_component(p, parts[4])
    if p.chance(0.08):
        parts[1] = web_component(p, parts[1])
    if p.chance(0.5):
        parts.append(features(p, prod))
    if desc_inline if desc_inline is not None else p.chance(0.4):
        parts.append(description(p, prod, heading=p.chance(0.5)))
    if p.chance(0.3):
        parts.append(decoys.trust_badges(p))
    if p.chance(0.15):
        # rating under the price instead of under the title
        parts[1], parts[2] = parts[2], parts[1]
    return "".join(parts)


def _tail(p: Page, prod: Product, has_desc: bool, has_features: bool) -> str:
    out = ""
    if not has_desc:
        out += description(p, prod)
    if not has_features and p.chance(0.5):
        out += features(p, prod, heading=True)
    if p.chance(0.4):
        out += p.text("h2", p.loc.t("specs"), "section-title", f"font-size:{int(p.theme.base_size * 1.3)}px;margin-top:24px;") + specs_table(p, prod)
    out += reviews(p, prod)
    if p.chance(0.75):
        out += decoys.related(p)
    return out


def _has(html: str, label: str) -> bool:
    return f'data-pl-label="{label}"' in html


# -- product families --

def product_gallery_left(p: Page) -> str:
    prod = make_product(p)
    # some shops put the title above both columns
    head = title(p, prod, 0.9) if p.chance(0.2) else ""
    info = info_stack(p, prod, with_title=not head)
    top = head + cols(p, [gallery(p, prod, thumbs=p.rng.choice(("left", "below"))), info], p.rng.choice(("1fr 1fr", "3fr 2fr", "7fr 5fr")))
    return container(p, decoys.breadcrumbs(p, prod.title) + top + _tail(p, prod, _has(info, "description"), _has(info, "features")))


def product_gallery_right(p: Page) -> str:
    prod = make_product(p)
    head = title(p, prod, 0.9) if p.chance(0.2) else ""
    info = info_stack(p, prod, with_title=not head)
    if p.mobile:
        body = head + gallery(p, prod, "dots") + info
    else:
        body = head + p.e("div", "product", "display:flex;flex-direction:row-reverse;gap:48px;align-items:flex-start;",
                          p.e("div", "", "flex:1.2;min-width:0;", gallery(p, prod)) + p.e("div", "", "flex:1;min-width:0;", info))
    return container(p, decoys.breadcrumbs(p) + body + _tail(p, prod, _has(info, "description"), _has(info, "features")))


def product_gallery_top(p: Page) -> str:
    prod = make_product(p)
    hero = gallery(p, prod, thumbs="below", ratio=p.rng.choice(("16/7", "2/1", "16/9")) if not p.mobile else "1/1")
    left = title(p, prod, 1.1) + rating_block(p, prod) + description(p, prod, heading=False)
    right = price_block(p, prod) + options_block(p) + buy_area(p)
    body = hero + p.e("div", "", "height:24px", "") + cols(p, [left, right], "2fr 1fr")
    return container(p, body + _tail(p, prod, True, False))


def product_sticky_buybox(p: Page) -> str:
    prod = make_product(p)
    t = p.theme
    mid = (title(p, prod, 0.8) + rating_block(p, prod) + p.e("hr", "", f"border:0;border-top:1px solid {t.border};", "")
           + (price_block(p, prod) if p.chance(0.3) else "") + features(p, prod, heading=p.chance(0.5)))
    has_price = _has(mid, "price")
    box = p.e("div", "buybox", f"border:1px solid {t.border};border-radius:{max(t.radius, 6)}px;padding:18px;background:{t.bg};",
              ("" if has_price else price_block(p, prod)) + buy_area(p)
              + p.e("div", "", f"font-size:13px;color:{t.muted};", esc(p.loc.t("sold_by", s=p.shop_name))))
    body = cols(p, [gallery(p, prod, "left"), mid, box], "5fr 4fr 3fr", gap=28, sticky_last=True)
    return container(p, decoys.breadcrumbs(p) + body + _tail(p, prod, False, True), width=max(t.container, 1280))


def product_tabbed(p: Page) -> str:
    prod = make_product(p)
    t, loc = p.theme, p.loc
    info = title(p, prod) + rating_block(p, prod) + price_block(p, prod) + options_block(p) + buy_area(p)
    tabs = [loc.t("description"), loc.t("specs"), loc.t("reviews")]
    active = 0
    bar = p.e("div", "tabs", f"display:flex;gap:24px;border-bottom:1px solid {t.border};margin-top:32px;",
              "".join(p.e("button", "tab", f"background:none;border:0;padding:12px 0;font-size:{t.base_size}px;color:{t.text};"
                          + (f"border-bottom:2px solid {t.primary};font-weight:700;" if i == active else f"color:{t.muted};"),
                          esc(x), None, {"type": "button", "role": "tab", "aria-selected": "true" if i == active else "false"})
                          for i, x in enumerate(tabs)), None, {"role": "tablist"})
    panel = p.e("div", "tab-panel", "padding:16px 0;", description(p, prod, heading=False) + features(p, prod, heading=False),
                None, {"role": "tabpanel"})
    hidden = p.e("div", "tab-panel", "display:none;", specs_table(p, prod), None, {"role": "tabpanel", "hidden": True})
    body = cols(p, [gallery(p, prod), info], "1fr 1fr") + bar + panel + hidden
    if p.chance(0.6):
        body += decoys.related(p)
    return container(p, body)


def product_accordion(p: Page) -> str:
    prod = make_product(p)
    t, loc = p.theme, p.loc

    def acc(head: str, content: str, open_: bool) -> str:
        summary = p.e("summary", "accordion-title", f"cursor:pointer;padding:14px 0;font-weight:600;list-style:{p.rng.choice(('none', 'disclosure-closed'))};",
                      esc(head))
        return p.e("details", "accordion", f"border-top:1px solid {t.border};", summary + p.e("div", "", "padding-bottom:14px;", content),
                   None, {"open": open_})

    info = (title(p, prod) + price_block(p, prod) + rating_block(p, prod) + options_block(p) + buy_area(p)
            + acc(loc.t("description"), description(p, prod, heading=False), True)
            + acc(loc.t("features"), features(p, prod, heading=False), p.chance(0.6))
            + acc(loc.t("specs"), specs_table(p, prod), False)
            + acc(loc.t("shipping"), p.text("p", loc.t("free_shipping", p=loc.money(50.0))), False))
    body = cols(p, [gallery(p, prod, p.rng.choice(("below", "left"))), info], p.rng.choice(("3fr 2fr", "1fr 1fr")))
    return container(p, decoys.breadcrumbs(p) + body + reviews(p, prod, summary=False) + decoys.related(p))


def product_carousel(p: Page) -> str:
    prod = make_product(p)
    t = p.theme
    arrow = (f"position:absolute;top:50%;transform:translateY(-50%);width:40px;height:40px;border-radius:99px;border:0;"
             f"background:rgba(255,255,255,.85);box-shadow:0 2px 8px rgba(0,0,0,.2);cursor:pointer;")
    main = gallery(p, prod, "dots")
    slider = p.e("div", "carousel", "position:relative;",
                 main + p.e("button", "prev", arrow + "left:10px;", "‹", None, {"type": "button", "aria-label": "Previous"})
                 + p.e("button", "next", arrow + "right:10px;", ic(p, "chev", 18), None, {"type": "button", "aria-label": "Next"}))
    info = info_stack(p, prod)
    body = cols(p, [slider, info], "3fr 2fr")
    return container(p, body + _tail(p, prod, _has(info, "description"), _has(info, "features")))


def product_marketplace(p: Page) -> str:
    prod = make_product(p)
    t, loc = p.theme, p.loc
    seller_rows = []
    for _ in range(p.rng.randint(2, 4)):
        offer = prod.price * p.rng.uniform(1.01, 1.4)
        offer = float(round(offer, -1)) if offer > 1000 else round(offer, 2)
        seller_rows.append(p.e("div", "offer", f"display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 0;"
                               f"border-bottom:1px solid {t.border};",
                               p.e("div", "", "", p.e("div", "card-price", "font-weight:700;font-size:17px;", esc(loc.money(offer)))
                                   + p.e("div", "", f"font-size:12px;color:{t.muted};", esc(loc.t("sold_by", s=loc.shop_name()))
                                         + " · " + esc(loc.t("plus_shipping", p=loc.money(4.99)))))
                               + p.button(loc.t("add_to_cart"), sem="btn", secondary=True)))
    others = p.e("section", "offers", "margin-top:16px;", p.text("h3", loc.t("other_sellers"), "", "font-size:16px;") + "".join(seller_rows))
    box = p.e("div", "buybox", f"border:1px solid {t.border};border-radius:8px;padding:16px;",
              price_block(p, prod) + p.e("div", "", f"font-size:13px;", esc(loc.t("sold_by", s=p.shop_name))) + buy_area(p))
    mid = title(p, prod, 0.75) + rating_block(p, prod) + features(p, prod, heading=False) + others
    body = cols(p, [gallery(p, prod, "left"), mid, box], "4fr 5fr 3fr", gap=24)
    return container(p, decoys.breadcrumbs(p) + body + description(p, prod) + reviews(p, prod) + decoys.related(p, title_key="related"),
                     width=1400)


def product_one_column(p: Page) -> str:
    prod = make_product(p)
    body = (decoys.breadcrumbs(p) + gallery(p, prod, "dots") + title(p, prod) + rating_block(p, prod) + price_block(p, prod)
            + options_block(p) + buy_area(p) + description(p, prod) + features(p, prod) + reviews(p, prod)
            + (decoys.related(p, n=2) if p.chance(0.5) else ""))
    return container(p, body, width=p.rng.choice((560, 640, 720)))


def product_boutique(p: Page) -> str:
    prod = make_product(p)
    t = p.theme
    centre = "text-align:center;"
    img = gallery(p, prod, "none", ratio=p.rng.choice(("4/5", "3/4", "1/1")))
    info = p.e("div", "", centre + "max-width:560px;margin:24px auto;",
               title(p, prod, 0.9) + p.e("div", "", "display:flex;justify-content:center;", rating_block(p, prod))
               + p.e("div", "", "display:flex;justify-content:center;", price_block(p, prod))
               + options_block(p) + p.e("div", "", "max-width:360px;margin:0 auto;", buy_area(p))
               + description(p, prod, heading=False))
    return container(p, p.e("div", "", "max-width:640px;margin:24px auto;", img) + info + reviews(p, prod) + decoys.related(p),
                     width=1100)


def product_split_screen(p: Page) -> str:
    prod = make_product(p)
    t = p.theme
    if p.mobile:
        # full-bleed pictures stacked above the information (not the one-column family's gallery)
        imgs = gallery(p, prod, "none", ratio="4/5") + "".join(
            p.e("img", "", "width:100%;aspect-ratio:4/5;object-fit:cover;margin-top:2px;", "", None, {"src": src, "alt": ""})
            for src in prod.images[1:2])
        return p.e("main", "", "", imgs + p.e("div", "", "padding:18px 14px;", info_stack(p, prod, desc_inline=True))
                   + container(p, reviews(p, prod)))
    imgs = gallery(p, prod, "none", ratio="4/5") + "".join(
        p.e("img", "", "width:100%;aspect-ratio:4/5;object-fit:cover;margin-top:4px;", "", None, {"src": src, "alt": ""})
        for src in prod.images[1:3])
    info = info_stack(p, prod, desc_inline=True)
    body = p.e("div", "split", "display:grid;grid-template-columns:3fr 2fr;",
               p.e("div", "", "min-width:0;", imgs)
               + p.e("div", "", "padding:40px;position:sticky;top:0;align-self:start;", info))
    return p.e("main", "", "", body) + container(p, reviews(p, prod) + decoys.related(p))


def product_quickview(p: Page) -> str:
    """A listing behind a modal that shows one product (the page's main product)."""
    t = p.theme
    behind = container(p, listing_grid_body(p, n=8, sidebar=False))
    prod = make_product(p)
    info = title(p, prod, 0.8) + rating_block(p, prod) + price_block(p, prod) + options_block(p) + buy_area(p)
    close = p.e("button", "close", "position:absolute;right:12px;top:8px;border:0;background:none;font-size:24px;cursor:pointer;",
                "×", None, {"type": "button", "aria-label": p.loc.t("close")})
    inner = cols(p, [gallery(p, prod, "none"), info], "1fr 1fr", gap=28)
    width = "94%" if p.mobile else "880px"
    modal = p.e("div", "modal", f"position:absolute;left:50%;top:{40 if p.mobile else 90}px;transform:translateX(-50%);width:{width};"
                f"background:{t.bg};border-radius:{t.radius * 2}px;padding:28px;z-index:40;box-shadow:0 24px 80px rgba(0,0,0,.4);",
                close + inner, None, {"role": "dialog", "aria-modal": "true"})
    return p.e("div", "", "position:relative;", behind + p.e("div", "backdrop", "position:absolute;inset:0;background:rgba(0,0,0,.45);z-index:39;", "")
               + modal)


def product_table_layout(p: Page) -> str:
    """An older shop built from tables: category sidebar, product in cells."""
    prod = make_product(p)
    t, loc = p.theme, p.loc
    side = "".join(f"<tr><td style='padding:4px 8px;border-bottom:1px solid {t.border}'><a href='#'>{esc(x)}</a></td></tr>"
                   for x in loc.all_of("nav"))
    side = p.e("table", "", f"width:100%;font-size:13px;background:{t.surface};", side)
    img = gallery(p, prod, "below")
    info = title(p, prod, 0.7) + rating_block(p, prod) + p.e("table", "", "font-size:14px;",
                                                            f"<tr><td style='padding-right:10px;color:{t.muted}'>{esc(loc.t('price_filter'))}:</td>"
                                                            f"<td>{price_block(p, prod, 0.8)}</td></tr>") + options_block(p) + buy_area(p, wide=False)
    if p.mobile:
        body = img + info
    else:
        body = p.e("table", "layout", "width:100%;border-collapse:collapse;",
                   f"<tr><td style='width:180px;vertical-align:top;padding-right:16px'>{side}</td>"
                   f"<td style='vertical-align:top;width:380px;padding-right:20px'>{img}</td>"
                   f"<td style='vertical-align:top'>{info}</td></tr>")
    return container(p, body + description(p, prod) + features(p, prod) + specs_table(p, prod) + reviews(p, prod))


def product_sticky_bar(p: Page) -> str:
    """Long content with a bottom bar holding the price and the button (mobile-app style)."""
    prod = make_product(p)
    t = p.theme
    # the rating shows only in the reviews summary further down
    top = gallery(p, prod, "dots") + title(p, prod) + options_block(p)
    bar = p.e("div", "sticky-bar", f"position:fixed;left:0;right:0;bottom:0;background:{t.bg};border-top:1px solid {t.border};"
              "display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 16px;z-index:20;",
              p.e("div", "", "", price_block(p, prod, 0.8)) + p.e("div", "", "flex:0 0 55%;", add_to_cart(p)))
    body = top + description(p, prod) + features(p, prod) + reviews(p, prod, summary=True) + decoys.related(p)
    return container(p, body, width=760) + bar


def product_image_grid(p: Page) -> str:
    """Fashion-style: a two-by-two grid of large pictures beside a sticky information column."""
    prod = make_product(p)
    while len(prod.images) < 4:
        prod.images.append(product_image_uri(p.rng, 320, 0.0))
    t = p.theme
    first = gallery(p, prod, "none", ratio="3/4")
    rest = "".join(p.e("img", "grid-image", "width:100%;aspect-ratio:3/4;object-fit:cover;", "", None, {"src": src, "alt": ""})
                   for src in prod.images[1:4])
    grid = p.e("div", "media-grid", f"display:grid;grid-template-columns:{'1fr' if p.mobile else '1fr 1fr'};gap:{p.rng.choice((2, 8, 16))}px;",
               first + ("" if p.mobile else rest))
    info = info_stack(p, prod, desc_inline=p.chance(0.7))
    body = cols(p, [grid, info], "2fr 1fr", gap=32, sticky_last=True)
    return container(p, body + reviews(p, prod) + decoys.related(p), width=max(t.container, 1280))


# -- cart --

def _cart_items(p: Page) -> list[tuple[decoys.Card, int]]:
    return [(decoys.make_card(p), p.rng.randint(1, 3)) for _ in range(p.rng.randint(1, 4))]


def _summary(p: Page, items: list[tuple[decoys.Card, int]], button: str, coupon: bool = True) -> str:
    loc, t = p.loc, p.theme
    sub = sum(c.price * q for c, q in items)
    ship = 0.0 if p.chance(0.4) else p.rng.choice((4.95, 5.99, 9.9)) * (150 if loc.currency in ("JPY", "KRW") else 1)
    rows = [(loc.t("subtotal"), loc.money(sub)), (loc.t("shipping"), loc.money(ship) if ship else loc.t("free_shipping", p=""))]
    if p.chance(0.4):
        rows.append((loc.t("tax"), loc.money(round(sub * 0.19, 2))))
    line = "display:flex;justify-content:space-between;margin:6px 0;font-size:14px;"
    body = p.text("h2", loc.t("order_summary"), "", f"font-size:{t.base_size + 3}px;")
    body += "".join(p.e("div", "", line, p.text("span", k) + p.text("span", v)) for k, v in rows)
    if coupon and p.chance(0.6):
        cfs = forms.FormStyle("placeholder", "plain", "cart", False, 0, False)
        body += p.e("div", "coupon", "display:flex;gap:8px;margin:10px 0;",
                    forms.field(p, cfs, None, text=loc.t("coupon"), index=50)
                    + p.button(loc.t("apply"), sem="btn", secondary=True))
    body += p.e("div", "", line + f"font-weight:700;font-size:{t.base_size + 2}px;border-top:1px solid {t.border};padding-top:10px;",
                p.text("span", loc.t("total")) + p.text("span", loc.money(sub + ship)))
    return p.e("aside", "summary", f"background:{t.surface};padding:20px;border-radius:{t.radius}px;", body + button)


def cart_table(p: Page) -> str:
    loc, t = p.loc, p.theme
    items = _cart_items(p)
    head = "".join(p.e("th", "", f"text-align:left;padding:8px;border-bottom:2px solid {t.border};font-size:13px;", esc(h))
                   for h in ("", loc.t("description"), loc.t("price_filter"), loc.t("quantity"), loc.t("total")))
    rows = ""
    for c, q in items:
        rows += ("<tr>" + p.e("td", "", "padding:8px;width:90px;", p.e("img", "", "width:72px;", "", None, {"src": c.image, "alt": ""}))
                 + p.e("td", "", "padding:8px;", p.text("a", c.title, "card-title", f"color:{t.text};", attrs={"href": "#"})
                       + p.e("div", "", "", p.e("a", "", f"font-size:12px;color:{t.muted};", esc(loc.t("remove")), None, {"href": "#"})))
                 + p.e("td", "", "padding:8px;", p.text("span", loc.money(c.price), "card-price"))
                 + p.e("td", "", "padding:8px;", p.e("input", "input", t.input_css() + "width:64px;", "", None,
                                                   {"type": "number", "value": q, "name": "updates[]", "aria-label": loc.t("quantity")}))
                 + p.e("td", "", "padding:8px;font-weight:600;", esc(loc.money(c.price * q))) + "</tr>")
    table = p.e("table", "cart-table", "width:100%;border-collapse:collapse;", f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>")
    checkout = p.button(loc.t("checkout"), sem="buy", tag=p.rng.choice(("button", "a")), css="width:100%;margin-top:12px;")
    body = p.text("h1", loc.t("your_cart"), "", f"font-size:{int(t.base_size * t.head_scale)}px;margin-top:24px;")
    body += cols(p, [table + p.e("a", "", f"display:inline-block;margin-top:12px;color:{t.text};", esc(loc.t("continue_shopping")), None, {"href": "#"}),
                     _summary(p, items, checkout)], "2fr 1fr")
    if p.chance(0.5):
        body += decoys.related(p)
    return container(p, body)


def cart_cards(p: Page) -> str:
    loc, t = p.loc, p.theme
    items = _cart_items(p)
    cards = ""
    for c, q in items:
        cards += p.e("div", "line-item", f"display:flex;gap:16px;padding:16px 0;border-bottom:1px solid {t.border};",
                     p.e("img", "", f"width:{96 if not p.mobile else 72}px;height:{96 if not p.mobile else 72}px;object-fit:cover;border-radius:{t.radius}px;",
                         "", None, {"src": c.image, "alt": c.title})
                     + p.e("div", "", "flex:1;",
                           p.text("div", c.title, "card-title", "font-weight:600;")
                           + p.text("div", loc.t("qty_in_cart", n=q), "", f"font-size:13px;color:{t.muted};")
                           + p.e("button", "", f"background:none;border:0;color:{t.muted};text-decoration:underline;padding:0;font-size:12px;",
                                 esc(loc.t("remove")), None, {"type": "button"}))
                     + p.text("div", loc.money(c.price * q), "card-price", "font-weight:600;"))
    checkout = p.button(loc.t("checkout"), sem="buy", css="width:100%;margin-top:12px;")
    if p.chance(0.4):
        checkout += p.e("div", "", f"text-align:center;font-size:12px;color:{t.muted};margin-top:8px;", esc(loc.t("express")))
        checkout += p.button("PayPal", sem="btn", secondary=True, css="width:100%;margin-top:6px;")
    head = p.text("h1", loc.t("your_cart"), "", f"font-size:{int(t.base_size * 1.8)}px;margin-top:24px;")
    return container(p, head + cols(p, [cards, _summary(p, items, checkout)], "3fr 2fr", gap=48))


def cart_drawer(p: Page) -> str:
    """A cart drawer slid open over a listing behind a backdrop (a listing rather than a product
    page, so no main product sits unlabelled behind it)."""
    loc, t = p.loc, p.theme
    behind = container(p, listing_grid_body(p, n=8, sidebar=p.chance(0.5)))
    items = _cart_items(p)
    lines = "".join(p.e("div", "", f"display:flex;gap:10px;padding:12px 0;border-bottom:1px solid {t.border};",
                        p.e("img", "", "width:64px;height:64px;object-fit:cover;", "", None, {"src": c.image, "alt": ""})
                        + p.e("div", "", "flex:1;font-size:14px;", esc(c.title) + p.text("div", loc.t("qty_in_cart", n=q), "", f"color:{t.muted};font-size:12px;"))
                        + p.text("div", loc.money(c.price * q), "card-price", "font-weight:600;font-size:14px;")) for c, q in items)
    total = sum(c.price * q for c, q in items)
    drawer = p.e("aside", "drawer", f"position:fixed;top:0;right:0;bottom:0;width:{'88%' if p.mobile else '400px'};background:{t.bg};"
                 "z-index:70;padding:20px;box-shadow:-8px 0 30px rgba(0,0,0,.25);overflow:auto;",
                 p.e("div", "", "display:flex;justify-content:space-between;align-items:center;",
                     p.text("h2", loc.t("your_cart"), "", "font-size:20px;margin:0;")
                     + p.e("button", "", "border:0;background:none;font-size:22px;", "×", None, {"type": "button", "aria-label": loc.t("close")}))
                 + lines
                 + p.e("div", "", "display:flex;justify-content:space-between;font-weight:700;margin:16px 0;",
                       p.text("span", loc.t("subtotal")) + p.text("span", loc.money(total)))
                 + p.button(loc.t("checkout"), sem="buy", css="width:100%;")
                 + p.button(loc.t("continue_shopping"), sem="btn", secondary=True, css="width:100%;margin-top:8px;"),
                 None, {"role": "dialog", "aria-modal": "true"})
    return behind + p.e("div", "backdrop", "position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:69;", "") + drawer


# -- checkout --

def _steps(p: Page, current: int) -> str:
    loc, t = p.loc, p.theme
    names = [loc.t("cart"), loc.t("step_info"), loc.t("step_shipping"), loc.t("step_payment")]
    if p.chance(0.3):
        names.append(loc.t("step_review"))
    sep = p.rng.choice(("›", "—", "/", "→"))
    items = []
    for i, n in enumerate(names):
        style = f"font-weight:{700 if i == current else 400};color:{t.text if i <= current else t.muted};"
        if p.chance(0.3):
            n = f"{i + 1}. {n}"
        items.append(p.e("span", "step", style, esc(n), None, {"aria-current": "step" if i == current else None}))
    return p.e("nav", "steps", "display:flex;gap:10px;align-items:center;font-size:13px;margin:16px 0 24px;flex-wrap:wrap;",
               f"<span>{sep}</span>".join(items), None, {"aria-label": "breadcrumb" if p.chance(0.4) else None})


def _order_side(p: Page) -> str:
    """The order summary beside a checkout form: line items with their prices, then totals."""
    loc, t = p.loc, p.theme
    items = _cart_items(p)
    lines = "".join(p.e("div", "", "display:flex;gap:10px;align-items:center;margin-bottom:10px;font-size:14px;",
                        p.e("img", "", f"width:56px;height:56px;border-radius:{t.radius}px;object-fit:cover;border:1px solid {t.border};",
                            "", None, {"src": c.image, "alt": ""})
                        + p.e("span", "", "flex:1;", esc(c.title)) + p.text("span", loc.money(c.price * q), "card-price"))
                    for c, q in items)
    return p.e("div", "order-summary", "", lines + _summary(p, items, ""))


def _section(p: Page, head: str, body: str, n: int | None = None) -> str:
    t = p.theme
    h = (f"{n}. " if n is not None and p.once("numbered_sections", 0.5) else "") + head
    return p.e("section", "checkout-section", "margin-bottom:24px;",
               p.text("h2", h, "section-title", f"font-size:{t.base_size + 3}px;margin-bottom:12px;") + body)


def _shipping_methods(p: Page) -> str:
    loc, t = p.loc, p.theme
    opts = [(loc.t("standard"), loc.money(4.95 * (150 if loc.currency in ("JPY", "KRW") else 1))),
            (loc.t("express_ship"), loc.money(12.9 * (150 if loc.currency in ("JPY", "KRW") else 1)))]
    return "".join(p.e("label", "radio", f"display:flex;justify-content:space-between;gap:10px;border:1px solid {t.border};padding:12px;"
                       f"margin-bottom:-1px;border-radius:{t.radius}px;font-size:14px;",
                       p.e("span", "", "", p.e("input", "", "", "", None, {"type": "radio", "name": "shipping_rate", "checked": i == 0})
                           + " " + esc(a)) + p.text("span", b)) for i, (a, b) in enumerate(opts))


def _payment_section(p: Page, fs: forms.FormStyle) -> str:
    loc, t = p.loc, p.theme
    methods = ""
    if p.chance(0.6):
        methods = p.e("div", "", "display:flex;gap:8px;margin-bottom:12px;flex-wrap:wrap;",
                      "".join(p.e("label", "", f"border:1px solid {t.border};padding:8px 12px;border-radius:{t.radius}px;font-size:13px;",
                                  p.e("input", "", "", "", None, {"type": "radio", "name": "pm", "checked": i == 0}) + " " + esc(m))
                              for i, m in enumerate(("Card", "PayPal", p.rng.choice(("Klarna", "Apple Pay", "iDEAL", "Konbini", "Alipay"))))))
    secure = p.e("div", "", f"font-size:12px;color:{t.muted};margin-bottom:8px;display:flex;gap:6px;align-items:center;",
                 ic(p, "lock", 14, t.muted) + esc(loc.t("secure"))) if p.chance(0.5) else ""
    box = p.e("div", "card-box", f"border:1px solid {t.border};border-radius:{t.radius}px;padding:16px;background:{t.surface if p.chance(0.4) else t.bg};",
              forms.card_block(p, fs))
    same = ""
    if p.chance(0.4):
        same = p.e("label", "", "display:flex;gap:8px;font-size:14px;margin-top:12px;",
                   p.e("input", "", "", "", None, {"type": "checkbox", "checked": True}) + esc(loc.t("same_billing")))
    return methods + secure + box + same


def checkout_one_page(p: Page) -> str:
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "checkout")
    n = iter(range(1, 9))
    main = (_section(p, loc.t("contact_info"), forms.contact_block(p, fs, with_phone=p.chance(0.3)), next(n))
            + _section(p, loc.t("shipping_address"), forms.address_block(p, fs), next(n))
            + (_section(p, loc.t("shipping_method"), _shipping_methods(p), next(n)) if p.chance(0.6) else "")
            + _section(p, loc.t("payment"), _payment_section(p, fs), next(n))
            + forms.submit(p, loc.t("place_order", p=loc.money(loc.price_amount()))))
    express = ""
    if p.chance(0.4):
        express = p.e("div", "", "margin-bottom:20px;", p.text("div", loc.t("express"), "", f"font-size:13px;color:{t.muted};text-align:center;")
                      + p.e("div", "", "display:flex;gap:8px;margin-top:8px;", "".join(p.button(x, sem="btn", secondary=True, css="flex:1;")
                                                                                       for x in ("PayPal", "G Pay", "Pay"))))
    left = express + forms.form(p, main)
    return container(p, p.text("h1", loc.t("checkout"), "", f"font-size:{int(t.base_size * 1.7)}px;margin-top:20px;")
                     + cols(p, [left, _order_side(p)], p.rng.choice(("3fr 2fr", "1fr 1fr", "2fr 1fr")), gap=48))


def checkout_stacked(p: Page) -> str:
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "order")
    main = (_section(p, loc.t("shipping_address"), forms.contact_block(p, fs, with_phone=False) + forms.address_block(p, fs), 1)
            + _section(p, loc.t("payment"), _payment_section(p, fs), 2)
            + _order_side(p) + forms.submit(p, loc.t("place_order", p="")))
    steps = _steps(p, 2) if p.chance(0.3) else ""
    return container(p, steps + forms.form(p, main), width=p.rng.choice((620, 720, 800)))


def checkout_step_address(p: Page) -> str:
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "shipping_address")
    main = (_section(p, loc.t("contact_info"), forms.contact_block(p, fs, with_phone=p.chance(0.4)))
            + _section(p, loc.t("shipping_address"), forms.address_block(p, fs))
            + p.e("div", "", "display:flex;justify-content:space-between;align-items:center;gap:12px;",
                  p.e("a", "", f"color:{t.text};font-size:14px;", "‹ " + esc(loc.t("back")), None, {"href": "#"})
                  + forms.submit(p, loc.t("continue"), full=False)))
    return container(p, _steps(p, 1) + cols(p, [forms.form(p, main), _order_side(p)], "3fr 2fr", gap=48))


def checkout_step_payment(p: Page) -> str:
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "payment")
    fake = loc.fake
    review = p.e("div", "", f"border:1px solid {t.border};border-radius:{t.radius}px;padding:12px;font-size:14px;margin-bottom:20px;",
                 p.e("div", "", "display:flex;justify-content:space-between;padding:6px 0;",
                     p.text("span", loc.t("contact_info"), "", f"color:{t.muted};") + p.text("span", fake.email()))
                 + p.e("div", "", f"display:flex;justify-content:space-between;padding:6px 0;border-top:1px solid {t.border};",
                       p.text("span", loc.t("shipping_address"), "", f"color:{t.muted};") + p.text("span", fake.address().replace("\n", ", "))))
    billing = ""
    if p.chance(0.3):
        billing = _section(p, loc.t("billing_address"), forms.address_block(p, fs, section="billing"))
    main = review + _section(p, loc.t("payment"), _payment_section(p, fs)) + billing + forms.submit(p, loc.t("place_order", p=loc.money(loc.price_amount())))
    return container(p, _steps(p, 3) + cols(p, [forms.form(p, main), _order_side(p)], "3fr 2fr", gap=48))


def checkout_accordion(p: Page) -> str:
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "checkout")
    done = p.e("div", "", f"border:1px solid {t.border};padding:14px;border-radius:{t.radius}px;margin-bottom:10px;display:flex;justify-content:space-between;",
               p.text("strong", "1. " + loc.t("contact_info")) + p.text("span", "✓ " + loc.fake.email(), "", f"color:{t.muted};font-size:13px;"))
    current = p.e("div", "", f"border:2px solid {t.primary};padding:18px;border-radius:{t.radius}px;margin-bottom:10px;",
                  p.text("h2", "2. " + loc.t("shipping_address"), "", "font-size:17px;") + forms.address_block(p, fs)
                  + forms.submit(p, loc.t("continue"), full=p.chance(0.5)))
    later = "".join(p.e("div", "", f"border:1px solid {t.border};padding:14px;border-radius:{t.radius}px;margin-bottom:10px;color:{t.muted};",
                        p.text("strong", f"{i}. {x}")) for i, x in ((3, loc.t("shipping_method")), (4, loc.t("payment"))))
    return container(p, p.text("h1", loc.t("checkout"), "", "font-size:26px;margin-top:20px;")
                     + cols(p, [done + forms.form(p, current) + later, _order_side(p)], "3fr 2fr", gap=40))


def checkout_guest(p: Page) -> str:
    """Sign in or continue as guest: a login form beside a guest email form (a checkout step)."""
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "checkout")
    guest = forms.form(p, p.text("h2", loc.t("contact_info"), "", "font-size:19px;") + forms.field(p, fs, "email", index=1)
                       + (forms.address_block(p, fs) if p.chance(0.5) else "") + forms.submit(p, loc.t("continue")))
    login = forms.login_form(p, forms.FormStyle.random(p, "login"), title=False)
    login = p.e("div", "", "", p.text("h2", loc.t("sign_in"), "", "font-size:19px;") + login)
    panel = f"border:1px solid {t.border};padding:24px;border-radius:{t.radius}px;"
    return container(p, _steps(p, 1) + cols(p, [p.e("div", "", panel, guest), p.e("div", "", panel, login)], "1fr 1fr", gap=32))


# -- login / signup --

def _card(p: Page, body: str, width: int = 420) -> str:
    t = p.theme
    return p.e("div", "auth-card", f"max-width:{width}px;margin:{24 if p.mobile else 56}px auto;padding:{20 if p.mobile else 36}px;"
               f"background:{t.bg};border:1px solid {t.border};border-radius:{t.radius * 2}px;box-shadow:{t.shadow};", body)


def login_card(p: Page) -> str:
    body = forms.login_form(p, forms.FormStyle.random(p, "customer"))
    loc = p.loc
    if p.chance(0.7):
        body += p.e("p", "", "text-align:center;font-size:14px;margin-top:16px;",
                    esc(loc.t("no_account")) + " " + p.e("a", "", f"color:{p.theme.primary};", esc(loc.t("create_account")), None, {"href": "#"}))
    bg = f"background:{p.theme.surface};padding:1px 12px;" if p.chance(0.5) else ""
    return p.e("main", "", bg, _card(p, body))


def login_split(p: Page) -> str:
    t = p.theme
    form = forms.login_form(p, forms.FormStyle.random(p, "user"))
    if p.mobile:
        # the hero shrinks to a banner above the form
        banner = p.e("div", "hero", f"background:url('{product_image_uri(p.rng, 400, 0.5)}') center/cover;height:180px;", "")
        return p.e("main", "", "", banner + p.e("div", "", "padding:24px 18px;", form))
    hero = p.e("div", "hero", f"background:url('{product_image_uri(p.rng, 600, 0.5)}') center/cover;min-height:640px;", "")
    side = p.e("div", "", "padding:64px 56px;max-width:520px;", form)
    return p.e("main", "", "display:grid;grid-template-columns:1fr 1fr;", (hero + side) if p.chance(0.5) else (side + hero))


def login_with_register(p: Page) -> str:
    loc, t = p.loc, p.theme
    login = forms.login_form(p, forms.FormStyle.random(p, "customer"), title=False)
    left = p.text("h2", loc.t("sign_in_title"), "", "font-size:22px;") + login
    perks = "".join(p.e("li", "", "margin-bottom:6px;", esc(x)) for x in (loc.t("orders"), loc.t("addresses"), loc.t("wishlist")))
    right = (p.text("h2", loc.t("no_account"), "", "font-size:22px;") + p.e("ul", "", "", perks)
             + p.button(loc.t("create_account"), sem="btn", secondary=p.chance(0.5), tag="a"))
    return container(p, p.e("div", "", "height:32px", "") + cols(p, [left, right], "1fr 1fr", gap=64), width=980)


def login_and_register(p: Page) -> str:
    """A sign-in form beside a registration form on one page ("Registered customers" / "New
    customers"): page type ``signup``, as the Formasaurus gold has it (a page with a
    registration form is a signup page, whatever else it holds). Opt-in (``Family.opt_in``)."""
    loc, t = p.loc, p.theme
    login = forms.login_form(p, forms.FormStyle.random(p, "login"), title=False)
    login = p.text("h2", loc.t("sign_in_title"), "", "font-size:20px;") + login
    register = forms.signup_form(p, forms.FormStyle.random(p, p.rng.choice(("register", "customer", "account", ""))),
                                 title=False)
    register = p.text("h2", loc.t(p.rng.choice(("no_account", "create_title"))), "", "font-size:20px;") + register
    parts = [login, register] if p.chance(0.75) else [register, login]
    if p.chance(0.5):
        panel = f"border:1px solid {t.border};padding:{18 if p.mobile else 28}px;border-radius:{t.radius}px;margin-bottom:16px;"
        parts = [p.e("div", "", panel, x) for x in parts]
    head = ""
    if p.chance(0.6):
        # the page heading says either half, so the page type has to come from the forms
        head = p.text("h1", loc.t(p.rng.choice(("sign_in_title", "create_title"))), "", "font-size:26px;margin-top:24px;")
    return container(p, head + p.e("div", "", "height:24px", "") + cols(p, parts, "1fr 1fr", gap=48), width=1040)


def login_otp(p: Page) -> str:
    return p.e("main", "", "", _card(p, forms.otp_form(p, forms.FormStyle.random(p, "verify")), width=440))


def login_modal(p: Page) -> str:
    """A sign-in dialog opened over the shop's home page."""
    t = p.theme
    behind = other_home(p)
    form = forms.login_form(p, forms.FormStyle.random(p, "login"))
    close = p.e("button", "close", "position:absolute;right:12px;top:8px;border:0;background:none;font-size:24px;cursor:pointer;",
                "×", None, {"type": "button", "aria-label": p.loc.t("close")})
    width = "92%" if p.mobile else "440px"
    dialog = p.e("div", "modal", f"position:absolute;left:50%;top:{30 if p.mobile else 80}px;transform:translateX(-50%);width:{width};"
                 f"background:{t.bg};color:{t.text};border-radius:{t.radius * 2}px;padding:32px;z-index:40;"
                 "box-shadow:0 24px 80px rgba(0,0,0,.4);", close + form, None, {"role": "dialog", "aria-modal": "true"})
    return p.e("div", "", "position:relative;", behind + p.e("div", "backdrop", "position:absolute;inset:0;background:rgba(0,0,0,.5);z-index:39;", "")
               + dialog)


def signup_card(p: Page) -> str:
    loc = p.loc
    body = forms.signup_form(p, forms.FormStyle.random(p, "customer"))
    body += p.e("p", "", "text-align:center;font-size:14px;margin-top:16px;",
                esc(loc.t("sign_in")) + " " + p.e("a", "", f"color:{p.theme.primary};", "→", None, {"href": "#"}))
    return p.e("main", "", "", _card(p, body, width=p.rng.choice((420, 480, 560))))


def signup_split(p: Page) -> str:
    t, loc = p.theme, p.loc
    form = forms.signup_form(p, forms.FormStyle.random(p, "register"))
    if p.mobile:
        band = p.e("div", "", f"background:{t.primary};color:{t.primary_text};padding:22px 18px;",
                   p.text("div", loc.t("free_shipping", p=loc.money(50.0)), "", "font-weight:700;"))
        return p.e("main", "", "", band + p.e("div", "", "padding:20px 18px;", form))
    perks = p.e("div", "", f"background:{t.primary};color:{t.primary_text};padding:56px;",
                p.text("h2", loc.t("create_title"), "", "font-size:30px;")
                + p.e("ul", "", "font-size:16px;line-height:2;", "".join(f"<li>{esc(x)}</li>" for x in (
                    loc.t("free_shipping", p=loc.money(50.0)), loc.t("newsletter_title"), loc.t("orders")))))
    return container(p, p.e("div", "", "display:grid;grid-template-columns:2fr 3fr;margin-top:32px;border:1px solid " + t.border + ";",
                            perks + p.e("div", "", "padding:40px;", form)), width=1100)


def signup_wizard(p: Page) -> str:
    """Step 1 of a multi-step registration: only some fields on this page."""
    loc, t = p.loc, p.theme
    fs = forms.FormStyle.random(p, "account")
    step = p.rng.choice((1, 2))
    dots = p.e("div", "", "display:flex;gap:6px;margin-bottom:18px;", "".join(
        p.e("span", "", f"flex:1;height:4px;background:{t.primary if i < step else t.border};", "") for i in range(3)))
    if step == 1:
        fields = forms.field(p, fs, "email", index=1) + forms.field(p, fs, "new-password", index=2)
    else:
        fields = (forms.row(p, forms.field(p, fs, "given-name", index=1), forms.field(p, fs, "family-name", index=2))
                  + forms.field(p, fs, "tel", index=3) + forms.field(p, fs, "bday", index=4))
    body = (p.text("div", f"{step}/3", "", f"font-size:12px;color:{t.muted};") + dots
            + p.text("h1", loc.t("create_title"), "", "font-size:24px;") + fields + forms.submit(p, loc.t("continue")))
    return p.e("main", "", "", _card(p, forms.form(p, body), width=460))


# -- listing --

def listing_grid_body(p: Page, n: int | None = None, sidebar: bool = True) -> str:
    loc, t = p.loc, p.theme
    n = n or p.rng.choice((8, 12, 16) if not p.mobile else (4, 6, 8))
    cards = [decoys.card_html(p, decoys.make_card(p, 0.05)) for _ in range(n)]
    per_row = 2 if p.mobile else p.rng.choice((3, 4) if sidebar else (4, 5))
    grid = p.e("div", "grid", f"display:grid;grid-template-columns:repeat({per_row},1fr);gap:{p.rng.choice((12, 20, 28))}px;", "".join(cards))
    tools = p.e("div", "toolbar", "display:flex;justify-content:space-between;align-items:center;margin:12px 0;font-size:14px;",
                p.text("span", loc.t("results", n=loc.number(p.rng.randint(24, 4000))), "", f"color:{t.muted};")
                + p.e("select", "input", f"padding:6px;border:1px solid {t.border};background:{t.bg};color:{t.text};",
                      "".join(f"<option>{esc(x)}</option>" for x in loc.all_of("sort_by")), None, {"aria-label": loc.t("sort_by")}))
    if not sidebar or p.mobile:
        return tools + grid
    facet = lambda head, items: p.e("div", "facet", f"border-bottom:1px solid {t.border};padding:12px 0;",
                                     p.text("h3", head, "", "font-size:14px;") + "".join(
                                         p.e("label", "", "display:block;font-size:13px;margin:4px 0;",
                                             p.e("input", "", "", "", None, {"type": "checkbox"}) + " " + esc(x)) for x in items))
    side = (p.text("h2", loc.t("filter"), "", "font-size:16px;") + facet(loc.t("brand"), [loc.brand() for _ in range(4)])
            + facet(loc.t("price_filter"), [f"{loc.money(a)} – {loc.money(b)}" for a, b in ((0, 25), (25, 50), (50, 100))])
            + facet(loc.t("size"), ["S", "M", "L", "XL"]))
    return cols(p, [side, tools + grid], "220px 1fr", gap=32)


def listing_sidebar_grid(p: Page) -> str:
    loc, t = p.loc, p.theme
    head = decoys.breadcrumbs(p) + p.text("h1", p.rng.choice(loc.all_of("nav")), "", f"font-size:{int(t.base_size * t.head_scale)}px;")
    return container(p, head + listing_grid_body(p, sidebar=True))


def listing_rows(p: Page) -> str:
    loc, t = p.loc, p.theme
    rows = ""
    for _ in range(p.rng.randint(4, 8)):
        c = decoys.make_card(p, 0.05)
        rows += p.e("div", "result", f"display:flex;gap:16px;padding:16px 0;border-bottom:1px solid {t.border};",
                    p.e("img", "card-image", "width:160px;height:160px;object-fit:cover;flex:0 0 auto;" if not p.mobile else "width:96px;height:96px;", "", None,
                        {"src": c.image, "alt": c.title})
                    + p.e("div", "", "flex:1;min-width:0;",
                          p.text("a", c.title, "card-title", f"display:block;font-size:{t.base_size + 2}px;color:{t.text};text-decoration:none;", attrs={"href": "#"})
                          + (stars_html(c.rating, t.star_style, t.star_color, 13, loc.t("out_of_5", r=c.rating)) + f" <span>{c.n_reviews}</span>" if c.rating else "")
                          + p.text("div", loc.money(c.price), "card-price", f"font-size:{t.base_size + 4}px;font-weight:700;margin:6px 0;")
                          + p.text("div", loc.t("delivery", d=loc.date()), "", f"font-size:12px;color:{t.muted};")
                          + (p.button(loc.t("add_to_cart"), sem="btn", css="margin-top:8px;font-size:13px;") if p.chance(0.5) else "")))
    head = p.e("div", "", "margin:16px 0;", p.text("h1", f'"{loc.word()}"', "", "font-size:20px;")
               + p.text("div", loc.t("results", n=loc.number(p.rng.randint(10, 9000))), "", f"color:{t.muted};font-size:13px;"))
    return container(p, head + rows)


def listing_search(p: Page) -> str:
    loc, t = p.loc, p.theme
    big = p.e("div", "", "max-width:640px;margin:24px auto;", forms.search_form(p))
    chips = p.e("div", "", "display:flex;gap:8px;flex-wrap:wrap;margin-bottom:12px;", "".join(
        p.e("button", "chip", f"border:1px solid {t.border};background:{t.bg};color:{t.text};border-radius:999px;padding:4px 12px;font-size:13px;",
            esc(x), None, {"type": "button"}) for x in p.rng.sample(loc.all_of("nav"), 3)))
    return container(p, big + chips + listing_grid_body(p, sidebar=False))


def listing_category_hero(p: Page) -> str:
    loc, t = p.loc, p.theme
    hero = p.e("div", "hero", f"background:linear-gradient(120deg,{t.primary},{t.accent});color:{t.primary_text};padding:{40 if p.mobile else 72}px 32px;"
               f"border-radius:{t.radius}px;margin:16px 0;",
               p.text("h1", p.rng.choice(loc.all_of("nav")), "", f"font-size:{36 if not p.mobile else 26}px;")
               + p.text("p", loc.sentence(nb_words=10), "", "max-width:520px;"))
    return container(p, hero + listing_grid_body(p, sidebar=p.chance(0.4)))


# -- other pages --

def other_article(p: Page) -> str:
    loc, t = p.loc, p.theme
    fake = loc.fake
    body = (p.text("div", loc.date(), "", f"color:{t.muted};font-size:13px;margin-top:32px;")
            + p.text("h1", loc.sentence(nb_words=7).rstrip("."), "", f"font-size:{int(t.base_size * 2.2)}px;")
            + p.e("img", "", "width:100%;aspect-ratio:16/8;object-fit:cover;margin:16px 0;", "", None, {"src": product_image_uri(p.rng, 480, 0.5), "alt": ""})
            + "".join(p.text("p", loc.paragraph(nb_sentences=5), "", "line-height:1.7;") for _ in range(p.rng.randint(3, 6))))
    if p.chance(0.6):
        # product mentions inside an article: decoy prices and titles
        body += p.e("div", "", "display:grid;grid-template-columns:repeat(2,1fr);gap:16px;",
                    "".join(decoys.card_html(p, decoys.make_card(p), buy_button=True) for _ in range(2)))
    body += "".join(p.text("p", loc.paragraph(nb_sentences=4), "", "line-height:1.7;") for _ in range(2))
    return container(p, body, width=760)


def other_home(p: Page) -> str:
    loc, t = p.loc, p.theme
    hero_img = product_image_uri(p.rng, 600, 0.5)
    hero = p.e("section", "hero", f"background:url('{hero_img}') center/cover;padding:{60 if p.mobile else 120}px 40px;color:#fff;"
               "text-shadow:0 1px 8px rgba(0,0,0,.5);margin-bottom:24px;",
               p.text("h1", loc.t("home_title"), "", f"font-size:{30 if p.mobile else 48}px;max-width:640px;")
               + p.button(loc.t("shop_now"), sem="btn", tag="a"))
    tiles = p.e("div", "", f"display:grid;grid-template-columns:repeat({2 if p.mobile else 4},1fr);gap:12px;margin-bottom:24px;",
                "".join(p.e("a", "tile", f"display:block;background:{t.surface};padding:40px 12px;text-align:center;text-decoration:none;"
                            f"color:{t.text};font-weight:600;border-radius:{t.radius}px;", esc(x), None, {"href": "#"})
                        for x in p.rng.sample(loc.all_of("nav"), 4)))
    return container(p, hero + tiles + decoys.related(p, title_key="bestsellers") + decoys.related(p, title_key="related"))


def other_blog_index(p: Page) -> str:
    """A journal / blog index: article teasers with pictures, dates and read-more links."""
    loc, t = p.loc, p.theme
    fake = loc.fake
    teasers = []
    for _ in range(p.rng.randint(3, 7)):
        teasers.append(p.e("article", "post", f"display:flex;gap:20px;padding:18px 0;border-bottom:1px solid {t.border};"
                           + ("flex-direction:column;" if p.mobile else ""),
                           p.e("img", "", f"width:{'100%' if p.mobile else '260px'};aspect-ratio:3/2;object-fit:cover;flex:0 0 auto;", "", None,
                               {"src": product_image_uri(p.rng, 260, 0.3), "alt": ""})
                           + p.e("div", "", "", p.text("div", loc.date(), "", f"color:{t.muted};font-size:12px;")
                                 + p.text("h2", loc.sentence(nb_words=6).rstrip("."), "", "font-size:20px;margin:4px 0;")
                                 + p.text("p", loc.paragraph(nb_sentences=2), "", f"color:{t.muted};")
                                 + p.text("a", loc.t("read_more") + " →", "", f"color:{t.primary};", attrs={"href": "#"}))))
    return container(p, p.text("h1", "Journal" if p.chance(0.5) else p.rng.choice(loc.all_of("footer")), "", "font-size:34px;margin-top:28px;")
                     + "".join(teasers), width=980)


def other_help(p: Page) -> str:
    loc, t = p.loc, p.theme
    fake = loc.fake
    qs = "".join(p.e("details", "", f"border-bottom:1px solid {t.border};padding:12px 0;",
                     p.text("summary", loc.sentence(nb_words=7).rstrip(".") + "?", "", "cursor:pointer;font-weight:600;")
                     + p.text("p", loc.paragraph(nb_sentences=3)), None, {"open": i == 0}) for i in range(p.rng.randint(4, 8)))
    body = (p.text("h1", loc.t("help_title"), "", "font-size:32px;margin-top:32px;text-align:center;")
            + p.e("div", "", "max-width:560px;margin:0 auto 24px;", forms.search_form(p)) + qs)
    if p.chance(0.5):
        # a contact form: its fields are real fields (name, email) with a submit button
        fs = forms.FormStyle.random(p, "contact")
        body += p.text("h2", p.rng.choice(loc.all_of("footer")), "", "font-size:20px;margin-top:32px;") + forms.form(
            p, forms.field(p, fs, "name", index=1) + forms.field(p, fs, "email", index=2)
            + p.e("textarea", "input", t.input_css() + "height:100px;", "", None, {"name": "message", "aria-label": "Message"})
            + forms.submit(p, p.rng.choice(("Send", "OK", "→")), full=False))
    return container(p, body, width=820)


def other_account(p: Page) -> str:
    """Account dashboard: navigation, recent orders and a prefilled address form."""
    loc, t = p.loc, p.theme
    fake = loc.fake
    nav = p.e("nav", "", "display:flex;flex-direction:column;gap:10px;font-size:14px;", "".join(
        p.e("a", "", f"color:{t.text};", esc(x), None, {"href": "#"}) for x in (loc.t("orders"), loc.t("addresses"), loc.t("wishlist"), loc.t("logout"))))
    orders = "".join(p.e("tr", "", "", p.text("td", f"#{p.rng.randint(10000, 99999)}", "", "padding:8px;") + p.text("td", loc.date(), "", "padding:8px;")
                                                  + p.text("td", loc.money(loc.price_amount()), "", "padding:8px;")) for _ in range(p.rng.randint(1, 4)))
    main = (p.text("h1", loc.t("welcome", name=fake.first_name()), "", "font-size:26px;")
            + p.text("h2", loc.t("orders"), "", "font-size:18px;") + p.e("table", "", f"border-collapse:collapse;font-size:14px;border:1px solid {t.border};", orders))
    if p.chance(0.7):
        fs = forms.FormStyle.random(p, "address")
        main += p.text("h2", loc.t("addresses"), "", "font-size:18px;margin-top:24px;") + forms.form(
            p, forms.address_block(p, fs, prefill=True) + forms.submit(p, loc.t("save_changes"), full=False))
    return container(p, p.e("div", "", "height:24px", "") + cols(p, [nav, main], "200px 1fr", gap=40))


def other_account_form(p: Page) -> str:
    """A page whose one form is neither a sign-in nor a registration (forms.ACCOUNT_FORMS: a
    password reset or change, a newsletter or contact page): page type ``other``, although its
    fields are those of account forms. Opt-in (``Family.opt_in``)."""
    kind = p.rng.choice(forms.ACCOUNT_FORMS)
    fs = forms.FormStyle.random(p, p.rng.choice(("account", "user", "customer", "contact", "")))
    body = forms.account_form(p, fs, kind)
    if kind in ("change", "newsletter") and not p.mobile and p.chance(0.6):
        # inside the account area: a side menu beside the form
        loc, t = p.loc, p.theme
        nav = p.e("nav", "", "display:flex;flex-direction:column;gap:10px;font-size:14px;", "".join(
            p.e("a", "", f"color:{t.text};", esc(x), None, {"href": "#"})
            for x in (loc.t("orders"), loc.t("addresses"), loc.t("change_password"), loc.t("email_prefs"), loc.t("logout"))))
        return container(p, p.e("div", "", "height:24px", "") + cols(p, [nav, body], "200px 1fr", gap=40))
    return p.e("main", "", "", _card(p, body, width=p.rng.choice((420, 480, 560))))


def other_not_found(p: Page) -> str:
    loc, t = p.loc, p.theme
    body = (p.text("h1", "404", "", "font-size:96px;text-align:center;margin:40px 0 0;")
            + p.text("p", loc.sentence(nb_words=8), "", "text-align:center;")
            + p.e("div", "", "max-width:480px;margin:16px auto;", forms.search_form(p)) + decoys.related(p, title_key="bestsellers"))
    return container(p, body)


@dataclass(frozen=True)
class Family:
    """A layout family: its name, the page type it produces and its body writer."""

    name: str
    page_type: str
    write: Callable[[Page], str]
    chrome: bool = True   # wrap in the shop's header and footer
    # Drawn only when asked for by name (generate_page's ``families``), so that adding it left
    # the pages of every existing seed, and so the shipped recipe's data, as they were.
    opt_in: bool = False


FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("product_gallery_left", "product", product_gallery_left),
    Family("product_gallery_right", "product", product_gallery_right),
    Family("product_gallery_top", "product", product_gallery_top),
    Family("product_sticky_buybox", "product", product_sticky_buybox),
    Family("product_tabbed", "product", product_tabbed),
    Family("product_accordion", "product", product_accordion),
    Family("product_carousel", "product", product_carousel),
    Family("product_marketplace", "product", product_marketplace),
    Family("product_one_column", "product", product_one_column),
    Family("product_boutique", "product", product_boutique),
    Family("product_split_screen", "product", product_split_screen),
    Family("product_quickview", "product", product_quickview),
    Family("product_table_layout", "product", product_table_layout),
    Family("product_sticky_bar", "product", product_sticky_bar),
    Family("product_image_grid", "product", product_image_grid),
    Family("cart_table", "cart", cart_table),
    Family("cart_cards", "cart", cart_cards),
    Family("cart_drawer", "cart", cart_drawer),
    Family("checkout_one_page", "checkout", checkout_one_page),
    Family("checkout_stacked", "checkout", checkout_stacked, chrome=False),
    Family("checkout_step_address", "checkout", checkout_step_address, chrome=False),
    Family("checkout_step_payment", "checkout", checkout_step_payment, chrome=False),
    Family("checkout_accordion", "checkout", checkout_accordion),
    Family("checkout_guest", "checkout", checkout_guest),
    Family("login_card", "login", login_card),
    Family("login_split", "login", login_split, chrome=False),
    Family("login_with_register", "login", login_with_register),
    Family("login_otp", "login", login_otp, chrome=False),
    Family("login_modal", "login", login_modal),
    Family("signup_card", "signup", signup_card),
    Family("signup_split", "signup", signup_split),
    Family("signup_wizard", "signup", signup_wizard, chrome=False),
    Family("listing_sidebar_grid", "listing", listing_sidebar_grid),
    Family("listing_rows", "listing", listing_rows),
    Family("listing_search", "listing", listing_search),
    Family("listing_category_hero", "listing", listing_category_hero),
    Family("other_article", "other", other_article),
    Family("other_home", "other", other_home),
    Family("other_help", "other", other_help),
    Family("other_account", "other", other_account),
    Family("other_not_found", "other", other_not_found),
    Family("other_blog_index", "other", other_blog_index),
    Family("other_account_form", "other", other_account_form, chrome=True, opt_in=True),
    Family("login_and_register", "signup", login_and_register, opt_in=True),
)}
