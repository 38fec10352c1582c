"""Page furniture real shops have around the thing that matters: headers, footers, promo bars,
breadcrumbs, related products with their own titles, prices and images, cookie banners and
modals over the content.

Only two things here carry labels: the header's link to the cart (``cart_link``) and the
newsletter form's email field and button (``email``, ``submit``; see :mod:`pagelens.synth.forms`).
Everything else is a decoy: a related product's price is not the page's price.
"""

from __future__ import annotations

from dataclasses import dataclass

from pagelens.synth import forms
from pagelens.synth.dom import Page, esc
from pagelens.synth.images import data_uri_svg, icon, logo_svg, product_image_uri, stars_html


@dataclass(frozen=True)
class Card:
    """A product shown as a tile (related products, listings)."""

    title: str
    price: float
    old_price: float | None
    image: str
    rating: float | None
    n_reviews: int


def make_card(p: Page, photo_fraction: float = 0.15) -> Card:
    price = p.loc.price_amount()
    old = round(price * p.rng.uniform(1.1, 1.6), 2) if p.chance(0.3) else None
    return Card(title=p.loc.product_name(), price=price, old_price=old,
                image=product_image_uri(p.rng, 240, photo_fraction),
                rating=round(p.rng.uniform(3.0, 5.0), 1) if p.chance(0.6) else None,
                n_reviews=p.rng.randint(1, 3000))


def ic(p: Page, name: str, size: int = 20, colour: str | None = None) -> str:
    return icon(name, p.theme.icon_style if p.theme.icon_style != "text" else "glyph", size, colour or p.theme.text)


def _header_colours(p: Page) -> tuple[str, str]:
    t = p.theme
    if t.header_style == "dark":
        return ("#111111" if t.archetype != "dark" else t.surface), "#ffffff"
    if t.header_style == "primary":
        return t.primary, t.primary_text
    return t.bg, t.text


def cart_link(p: Page, count: int, fg: str) -> str:
    """The header's link to the cart (labelled ``cart_link``) in one of the icon styles."""
    loc, t = p.loc, p.theme
    style = t.icon_style
    badge = ""
    if count and p.chance(0.8):
        badge = p.e("span", "badge", f"background:{t.accent};color:#fff;border-radius:999px;font-size:11px;"
                    "padding:1px 6px;margin-left:2px;font-weight:700;", str(count))
    if style == "text":
        inner = esc(f"{loc.t('cart')} ({count})") if p.chance(0.6) else esc(loc.t("cart")) + badge
    else:
        inner = icon(p.rng.choice(("cart", "bag")), style, 22, fg) + badge
        if p.chance(0.3):
            inner += p.e("span", "", "margin-left:4px;font-size:14px;", esc(loc.t("cart")))
    attrs = {"href": p.rng.choice(("/cart", "/checkout/cart", "#cart", "/basket", "/bag")),
             "aria-label": loc.t("cart") if style != "text" and p.chance(0.6) else None,
             "title": loc.t("cart") if p.chance(0.2) else None}
    return p.e("a", "cart-link", f"display:inline-flex;align-items:center;text-decoration:none;color:{fg};",
               inner, "cart_link", attrs)


def promo_bar(p: Page) -> str:
    loc, t = p.loc, p.theme
    text = loc.t("free_shipping", p=loc.money(p.rng.choice((29, 49, 50, 75, 99)) * 1.0))
    return p.e("div", "announcement", f"background:{t.accent if p.chance(0.5) else '#111111'};color:#fff;text-align:center;"
               "font-size:13px;padding:6px;", esc(text))


def header(p: Page, cart_count: int | None = None, with_search: bool | None = None) -> str:
    loc, t = p.loc, p.theme
    bg, fg = _header_colours(p)
    cart_count = p.rng.randint(0, 4) if cart_count is None else cart_count
    shop = p.shop_name
    logo_kind = p.rng.choice(("text", "svg", "text"))
    if logo_kind == "svg":
        src = data_uri_svg(logo_svg(p.rng, fg, shop, t.font_head))
        logo = p.e("a", "logo", "display:inline-block;", f'<img src="{src}" alt="{esc(shop)}" height="28">', None, {"href": "/"})
    else:
        logo = p.e("a", "logo", f"font-family:{t.font_head};font-weight:800;font-size:{p.rng.choice((20, 22, 26))}px;"
                   f"text-decoration:none;color:{fg};letter-spacing:{p.rng.choice((0, 0.05, -0.02))}em;"
                   + ("text-transform:uppercase;" if p.chance(0.3) else ""), esc(shop), None, {"href": "/"})
    cart = cart_link(p, cart_count, fg)
    account = p.e("a", "account", f"color:{fg};text-decoration:none;display:inline-flex;",
                  ic(p, "user", 22, fg) if t.icon_style != "text" else esc(loc.t("account")), None,
                  {"href": "/account", "aria-label": loc.t("account") if p.chance(0.5) else None})
    if p.mobile:
        burger = p.e("button", "menu-toggle", f"background:none;border:0;color:{fg};padding:4px;",
                     ic(p, "menu", 22, fg), None, {"type": "button", "aria-label": "Menu"})
        row = p.e("div", "header-inner", "display:flex;align-items:center;justify-content:space-between;padding:10px 14px;",
                  burger + logo + p.e("div", "", "display:flex;gap:14px;align-items:center;", account + cart))
        search = forms.search_form(p) if (with_search if with_search is not None else p.chance(0.5)) else ""
        search = p.e("div", "", "padding:0 14px 10px;", search) if search else ""
        return p.e("header", "site-header", f"background:{bg};color:{fg};border-bottom:1px solid {t.border};", row + search)
    nav_items = p.rng.sample(loc.all_of("nav"), min(len(loc.all_of("nav")), p.rng.randint(4, 7)))
    nav = p.e("nav", "nav", "display:flex;gap:22px;font-size:14px;",
              "".join(p.e("a", "nav-link", f"color:{fg};text-decoration:none;", esc(n), None, {"href": "#"}) for n in nav_items))
    search = forms.search_form(p, width="100%") if (with_search if with_search is not None else p.chance(0.7)) else ""
    icons = p.e("div", "header-icons", "display:flex;gap:18px;align-items:center;", account + cart)
    layout = p.rng.choice(("inline", "two-row", "centered"))
    inner_css = f"max-width:{t.container}px;margin:0 auto;padding:14px 24px;display:flex;align-items:center;gap:28px;"
    if layout == "inline":
        inner = p.e("div", "header-inner", inner_css, logo + nav + p.e("div", "", "flex:1;max-width:360px;margin-left:auto;", search) + icons)
    elif layout == "two-row":
        top = p.e("div", "header-inner", inner_css, logo + p.e("div", "", "flex:1;", search) + icons)
        inner = top + p.e("div", "subnav", f"max-width:{t.container}px;margin:0 auto;padding:8px 24px;border-top:1px solid {t.border};", nav)
    else:
        top = p.e("div", "header-inner", inner_css + "justify-content:space-between;",
                  p.e("div", "", "flex:1;", search) + p.e("div", "", "flex:1;text-align:center;", logo)
                  + p.e("div", "", "flex:1;display:flex;justify-content:flex-end;", icons))
        inner = top + p.e("div", "subnav", "display:flex;justify-content:center;padding:6px 0 12px;", nav)
    shadow = f"box-shadow:{t.shadow};" if t.shadow != "none" else f"border-bottom:1px solid {t.border};"
    return p.e("header", "site-header", f"background:{bg};color:{fg};{shadow}", inner)


def footer(p: Page, newsletter: bool | None = None) -> str:
    loc, t = p.loc, p.theme
    bg = p.rng.choice((t.surface, "#111111", t.bg))
    fg = "#dddddd" if bg == "#111111" else t.text
    links = list(loc.all_of("footer")) + list(loc.all_of("nav"))[:4]
    p.rng.shuffle(links)
    ncols = 1 if p.mobile else p.rng.randint(2, 4)
    per = max(2, len(links) // ncols)
    cols = []
    for i in range(ncols):
        items = links[i * per:(i + 1) * per] or links[:3]
        cols.append(p.e("ul", "footer-links", "list-style:none;padding:0;margin:0;font-size:13px;line-height:2;",
                        "".join(p.e("li", "", "", p.e("a", "", f"color:{fg};text-decoration:none;", esc(x), None, {"href": "#"}))
                                for x in items)))
    news = ""
    if newsletter if newsletter is not None else p.chance(0.5):
        news = p.e("div", "newsletter", "flex:1.5;min-width:240px;",
                   p.text("h4", loc.t("newsletter_title"), "", f"font-size:16px;color:{fg};")
                   + p.text("p", loc.t("newsletter_text"), "", "font-size:13px;opacity:.8;")
                   + forms.newsletter_form(p))
    body = p.e("div", "footer-inner", f"max-width:{t.container}px;margin:0 auto;padding:32px 24px;display:flex;"
               f"flex-wrap:wrap;gap:32px;", "".join(p.e("div", "", "flex:1;min-width:140px;", c) for c in cols) + news)
    legal = p.e("div", "", f"text-align:center;font-size:12px;opacity:.7;padding:12px;",
                esc(f"© 2026 {p.shop_name}"))
    return p.e("footer", "site-footer", f"background:{bg};color:{fg};margin-top:48px;", body + legal)


def breadcrumbs(p: Page, last: str | None = None) -> str:
    loc, t = p.loc, p.theme
    items = ["Home" if loc.lang == "en" else loc.all_of("nav")[0]] + p.rng.sample(loc.all_of("nav"), 2)
    sep = p.rng.choice(("/", "›", ">", "»", "·"))
    parts = [p.e("a", "", f"color:{t.muted};text-decoration:none;", esc(x), None, {"href": "#"}) for x in items]
    if last:
        parts.append(p.e("span", "", "", esc(last[:40])))
    return p.e("nav", "breadcrumbs", f"font-size:12px;color:{t.muted};margin:12px 0;",
               f" <span>{esc(sep)}</span> ".join(parts), None, {"aria-label": "breadcrumb" if p.chance(0.5) else None})


def card_html(p: Page, card: Card, width: str = "auto", buy_button: bool | None = None) -> str:
    """A product tile: image, title, price (and old price, rating, button). All decoys."""
    loc, t = p.loc, p.theme
    img = p.e("img", "card-image", f"width:100%;aspect-ratio:1/1;object-fit:cover;border-radius:{t.radius}px;background:{t.surface};",
              "", None, {"src": card.image, "alt": card.title if p.chance(0.7) else ""})
    title = p.e("a", "card-title", f"display:block;color:{t.text};text-decoration:none;font-size:{t.base_size - 1}px;margin:8px 0 4px;",
                esc(card.title), None, {"href": "#"})
    price = p.e("span", "card-price", f"font-weight:{t.weight_price};color:{t.price_color if card.old_price else t.text};",
                esc(loc.money(card.price)))
    if card.old_price:
        price += " " + p.e("s" if p.chance(0.5) else "span", "old-price", f"color:{t.muted};font-size:13px;text-decoration:line-through;",
                           esc(loc.money(card.old_price)))
    rating = ""
    if card.rating and p.chance(0.6):
        rating = p.e("div", "", f"font-size:12px;color:{t.muted};", stars_html(card.rating, t.star_style, t.star_color, 12,
                     loc.t("out_of_5", r=card.rating)) + f" ({card.n_reviews})")
    btn = ""
    if buy_button if buy_button is not None else p.chance(0.3):
        btn = p.button(loc.t("add_to_cart"), sem="btn", secondary=p.chance(0.5), css="width:100%;margin-top:8px;font-size:13px;")
    badge = ""
    if card.old_price and p.chance(0.5):
        pct = int(round((1 - card.price / card.old_price) * 100))
        badge = p.e("span", "badge", f"position:absolute;top:8px;left:8px;background:{t.accent};color:#fff;font-size:11px;"
                    "padding:2px 6px;font-weight:700;", esc(loc.t("sale", pct=pct)))
    return p.e("div", "card", f"position:relative;width:{width};min-width:0;" + (f"border:1px solid {t.border};padding:8px;border-radius:{t.radius}px;" if p.chance(0.4) else ""),
               badge + img + title + rating + p.e("div", "", "", price) + btn)


def related(p: Page, n: int | None = None, title_key: str = "related") -> str:
    """A row or grid of related products with their own titles, prices and images."""
    t = p.theme
    n = n or (p.rng.randint(2, 4) if p.mobile else p.rng.randint(4, 6))
    cards = [make_card(p) for _ in range(n)]
    per_row = 2 if p.mobile else min(n, p.rng.choice((4, 5, 6)))
    scroll = p.chance(0.4)
    if scroll:
        grid = p.e("div", "carousel", "display:flex;gap:16px;overflow-x:auto;",
                   "".join(p.e("div", "", f"flex:0 0 {'44%' if p.mobile else '220px'};", card_html(p, c)) for c in cards))
    else:
        grid = p.e("div", "grid", f"display:grid;grid-template-columns:repeat({per_row},1fr);gap:16px;",
                   "".join(card_html(p, c) for c in cards))
    head = p.text("h2", p.loc.t(title_key), "section-title", f"font-size:{int(t.base_size * 1.35)}px;margin-top:32px;")
    return p.e("section", "related", "margin-top:24px;", head + grid)


def cookie_banner(p: Page, center: bool = True) -> str:
    """A cookie banner: a bottom bar, a corner box or (``center``) a modal with a backdrop."""
    loc, t = p.loc, p.theme
    kind = p.rng.choice(("bottom-bar", "corner", "center") if center else ("bottom-bar", "corner"))
    buttons = p.button(loc.t("accept"), sem="btn") + " " + p.button(loc.t("reject"), sem="btn", secondary=True)
    if p.chance(0.5):
        buttons += " " + p.e("a", "", f"font-size:13px;color:{t.text};", esc(loc.t("cookie_settings")), None, {"href": "#"})
    text = p.text("p", loc.t("cookie_text"), "", "margin:0 0 10px;font-size:13px;")
    bg = p.rng.choice(("#ffffff", "#1f1f1f", t.surface))
    fg = "#ffffff" if bg == "#1f1f1f" else "#222222"
    box = f"background:{bg};color:{fg};box-shadow:0 -2px 16px rgba(0,0,0,.2);z-index:50;padding:16px;"
    if kind == "bottom-bar" or p.mobile:
        return p.e("div", "cookie-banner", "position:fixed;left:0;right:0;bottom:0;" + box, text + buttons,
                   None, {"role": "dialog", "aria-label": "cookies" if p.chance(0.3) else None})
    if kind == "corner":
        return p.e("div", "cookie-banner", f"position:fixed;left:16px;bottom:16px;width:360px;border-radius:{t.radius}px;" + box,
                   text + buttons, None, {"role": "dialog"})
    return (p.e("div", "overlay", "position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:49;", "")
            + p.e("div", "cookie-banner", f"position:fixed;left:50%;top:30%;transform:translateX(-50%);width:480px;border-radius:{t.radius}px;" + box,
                  p.text("h3", "Cookies", "", "font-size:18px;") + text + buttons, None, {"role": "dialog", "aria-modal": "true"}))


def newsletter_modal(p: Page) -> str:
    """A promo popup over the content, with its own (labelled) email field."""
    loc, t = p.loc, p.theme
    close = p.e("button", "close", "position:absolute;right:10px;top:8px;border:0;background:none;font-size:22px;cursor:pointer;",
                "×", None, {"type": "button", "aria-label": loc.t("close")})
    img = ""
    if not p.mobile and p.chance(0.5):
        img = p.e("div", "", f"flex:0 0 200px;background:url('{product_image_uri(p.rng, 240, 0)}') center/cover;", "")
    body = p.e("div", "", "padding:28px;flex:1;",
               p.text("h2", loc.t("newsletter_title"), "", "font-size:22px;") + p.text("p", loc.t("newsletter_text"), "", "font-size:14px;")
               + forms.newsletter_form(p, inline=False))
    width = "92%" if p.mobile else "620px"
    dialog = p.e("div", "modal", f"position:fixed;left:50%;top:{p.rng.choice((12, 18, 22))}%;transform:translateX(-50%);width:{width};"
                 f"background:{t.bg};color:{t.text};z-index:61;display:flex;border-radius:{t.radius * 2}px;overflow:hidden;"
                 "box-shadow:0 20px 60px rgba(0,0,0,.35);", close + img + body, None, {"role": "dialog", "aria-modal": "true"})
    return p.e("div", "modal-backdrop", "position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:60;", "") + dialog


def trust_badges(p: Page) -> str:
    loc, t = p.loc, p.theme
    items = [(n, loc.t(k)) for n, k in (("truck", "free_shipping"), ("lock", "secure"))]
    return p.e("div", "trust", f"display:flex;gap:16px;flex-wrap:wrap;font-size:12px;color:{t.muted};margin-top:12px;",
               "".join(p.e("span", "", "display:inline-flex;gap:6px;align-items:center;", ic(p, n, 16, t.muted) + esc(
                   txt.format(p=loc.money(50.0)) if "{p}" in txt else txt)) for n, txt in items))
