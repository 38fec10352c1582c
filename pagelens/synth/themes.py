"""Visual themes and class-name styles of synthetic shops.

A theme is drawn from one of :data:`ARCHETYPES` (a design family such as ``brutalist`` or
``luxury``) and then randomised within it: fonts, sizes, colours, spacing, borders, button shapes,
shadows and icon style. The archetype is what the split holds out (see :mod:`pagelens.synth.split`),
so a held-out archetype is a look the model never saw in training, not just unseen colours.

Class names come from a :class:`ClassNamer` in one of several styles seen on real sites:
meaningful (``product-price``, ``pdp__price``, ``productPrice``), hashed (``css-1x7f3k``,
``sc-bdVaJa kYfPzM``, ``_3xK9a``), utility lists (``flex items-center font-bold``) or none at
all (inline styles). The semantic key passed by the layout code is mapped through synonym lists
that decoys share (a related product's price may also be ``price``), so a meaningful class name
is a hint, as on a real site, never a label.
"""

from __future__ import annotations

import colorsys
import random
from dataclasses import dataclass

ARCHETYPES: tuple[str, ...] = (
    "minimal", "brutalist", "luxury", "marketplace", "playful", "corporate", "dark", "pastel",
    "retro", "tech", "editorial", "discount",
)

# Font stacks; the first family may be missing on a machine, the browser falls back like on the web.
SANS = ("'Helvetica Neue', Helvetica, Arial, sans-serif", "Roboto, 'Open Sans', sans-serif",
        "'Open Sans', Arial, sans-serif", "Lato, 'Helvetica Neue', sans-serif",
        "'Liberation Sans', Arial, sans-serif", "'DejaVu Sans', Verdana, sans-serif",
        "system-ui, -apple-system, 'Segoe UI', sans-serif", "'Liberation Sans Narrow', 'Arial Narrow', sans-serif")
SERIF = ("Georgia, 'Times New Roman', serif", "'Liberation Serif', 'Times New Roman', serif",
         "'DejaVu Serif', Georgia, serif", "'Playfair Display', Georgia, serif")
MONO = ("'DejaVu Sans Mono', Menlo, monospace", "'Liberation Mono', 'Courier New', monospace")
CJK_SANS = "'Noto Sans CJK JP', 'Noto Sans CJK SC', 'Noto Sans CJK KR', sans-serif"
CJK_SERIF = "'Noto Serif CJK JP', 'Noto Serif CJK SC', 'Noto Serif CJK KR', serif"


def _hsl(h: float, s: float, l: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, min(max(l, 0), 1), min(max(s, 0), 1))
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


@dataclass(frozen=True)
class Theme:
    """Everything visual about one shop. Sizes in CSS px, colours as CSS hex strings."""

    archetype: str
    font_body: str
    font_head: str
    base_size: int          # body font size
    head_scale: float       # h1 size / base size
    text: str
    muted: str
    bg: str
    surface: str            # cards, panels
    border: str
    primary: str            # main buttons
    primary_text: str
    accent: str             # badges, sale prices
    price_color: str
    star_color: str
    radius: int             # corner radius of cards and inputs
    button_radius: int
    button_style: str       # filled | outline | gradient | underline | shadow
    pad: int                # spacing unit
    shadow: str
    upper_buttons: bool
    upper_headings: bool
    weight_head: int
    weight_price: int
    header_style: str       # light | dark | primary | transparent
    input_style: str        # box | underline | filled | pill
    icon_style: str         # svg | glyph | image | text
    star_style: str         # glyph | svg | bar | number
    container: int          # max content width in px
    letter_spacing: float   # em, headings

    def button_css(self, secondary: bool = False) -> str:
        r = f"border-radius:{self.button_radius}px;"
        pad = f"padding:{max(8, self.pad)}px {self.pad * 2 + 4}px;"
        base = (f"{pad}{r}font-size:{self.base_size + (1 if not secondary else 0)}px;cursor:pointer;"
                f"font-family:inherit;font-weight:{600 if self.weight_head >= 600 else 500};"
                + ("text-transform:uppercase;letter-spacing:.06em;" if self.upper_buttons else ""))
        if secondary:
            return base + f"background:transparent;color:{self.text};border:1px solid {self.border};"
        if self.button_style == "outline":
            return base + f"background:transparent;color:{self.primary};border:2px solid {self.primary};"
        if self.button_style == "gradient":
            return base + (f"background:linear-gradient(135deg,{self.primary},{self.accent});"
                           f"color:{self.primary_text};border:0;")
        if self.button_style == "shadow":
            return base + (f"background:{self.primary};color:{self.primary_text};border:0;"
                           f"box-shadow:0 4px 0 rgba(0,0,0,.25);")
        if self.button_style == "brutal":
            return base + (f"background:{self.primary};color:{self.primary_text};border:3px solid {self.text};"
                           f"box-shadow:4px 4px 0 {self.text};")
        return base + f"background:{self.primary};color:{self.primary_text};border:0;"

    def input_css(self) -> str:
        common = (f"font-size:{max(14, self.base_size)}px;font-family:inherit;color:{self.text};"
                  f"padding:{max(8, self.pad)}px {self.pad + 2}px;box-sizing:border-box;width:100%;")
        if self.input_style == "underline":
            return common + f"border:0;border-bottom:1px solid {self.muted};background:transparent;border-radius:0;"
        if self.input_style == "filled":
            return common + f"border:0;background:{self.surface};border-radius:{self.radius}px;"
        if self.input_style == "pill":
            return common + f"border:1px solid {self.border};border-radius:999px;background:{self.bg};"
        return common + f"border:1px solid {self.border};border-radius:{self.radius}px;background:{self.bg};"


def make_theme(rng: random.Random, archetype: str, cjk: bool) -> Theme:
    """A random theme of ``archetype``. ``cjk``: the page is in Japanese, Korean or Chinese."""
    if archetype not in ARCHETYPES:
        raise ValueError(f"unknown theme archetype {archetype!r}; known: {', '.join(ARCHETYPES)}")
    hue = rng.random()
    sat = rng.uniform(0.4, 0.9)
    dark_bg = archetype == "dark"
    sans, serif = rng.choice(SANS), rng.choice(SERIF)
    font_body, font_head = sans, sans
    if archetype in ("luxury", "editorial"):
        font_head = serif
        font_body = rng.choice((sans, serif))
    elif archetype in ("retro",):
        font_head = rng.choice((serif, MONO[0]))
    elif archetype in ("tech", "brutalist") and rng.random() < 0.5:
        font_head = rng.choice(MONO)
        font_body = rng.choice((sans, rng.choice(MONO)))
    elif rng.random() < 0.15:
        font_body = font_head = serif
    if cjk:
        cjk_font = CJK_SERIF if "serif" in font_head and "sans" not in font_head else CJK_SANS
        font_body = f"{font_body.rsplit(',', 1)[0]}, {CJK_SANS}"
        font_head = f"{font_head.rsplit(',', 1)[0]}, {cjk_font}"

    text, muted, bg, surface, border = "#1a1a1a", "#666666", "#ffffff", "#f5f5f5", "#dddddd"
    primary = _hsl(hue, sat, rng.uniform(0.3, 0.5))
    accent = _hsl(hue + rng.choice((0.5, 0.33, -0.08, 0.08)), 0.8, 0.5)
    radius, button_radius = rng.choice((0, 2, 4, 6, 8)), rng.choice((0, 3, 4, 6, 8, 24))
    button_style = rng.choice(("filled", "filled", "filled", "outline", "shadow"))
    shadow = rng.choice(("none", "0 1px 3px rgba(0,0,0,.12)", "0 6px 24px rgba(0,0,0,.08)"))
    upper_buttons, upper_headings = rng.random() < 0.3, rng.random() < 0.1
    weight_head = rng.choice((400, 500, 600, 700, 800))
    header_style = rng.choice(("light", "light", "dark", "primary"))
    pad = rng.choice((6, 8, 10, 12, 14))
    base = rng.choice((13, 14, 15, 16, 16, 17))
    input_style = rng.choice(("box", "box", "underline", "filled"))

    if archetype == "minimal":
        primary = rng.choice(("#111111", "#222222", primary))
        shadow, radius, weight_head = "none", rng.choice((0, 2)), rng.choice((300, 400, 500))
        text, muted, border = "#111111", "#777777", "#e6e6e6"
    elif archetype == "brutalist":
        bg = rng.choice(("#ffffff", "#f4f1ea", _hsl(hue, 0.9, 0.85)))
        text, border, radius, button_radius, button_style = "#000000", "#000000", 0, 0, "brutal"
        shadow, weight_head, upper_headings = "6px 6px 0 #000", 800, rng.random() < 0.6
        primary = _hsl(hue, 1.0, 0.5)
        input_style = "box"
    elif archetype == "luxury":
        primary = rng.choice(("#000000", "#1b1b1b", _hsl(hue, 0.3, 0.25)))
        accent = rng.choice(("#b8965a", "#9c7c4a", "#a0a0a0"))
        bg = rng.choice(("#ffffff", "#faf8f5", "#f7f4ef"))
        upper_buttons, upper_headings, weight_head = True, rng.random() < 0.5, rng.choice((300, 400))
        radius, button_radius, shadow = 0, 0, "none"
        pad = rng.choice((12, 14, 16))
    elif archetype == "marketplace":
        primary = rng.choice(("#ffd814", "#ff9900", "#f57224", "#e53238", "#3665f3", primary))
        accent = rng.choice(("#b12704", "#cc0c39", "#e47911"))
        base, pad = rng.choice((13, 14)), rng.choice((6, 8))
        button_radius = rng.choice((20, 8, 3))
        header_style = rng.choice(("dark", "primary"))
        surface = "#f7f7f7"
    elif archetype == "playful":
        bg = _hsl(hue + 0.5, 0.6, 0.97)
        primary = _hsl(hue, 0.85, 0.55)
        radius, button_radius, button_style = rng.choice((12, 16, 20)), 999, rng.choice(("filled", "shadow", "gradient"))
        weight_head = 800
        shadow = "0 8px 20px rgba(0,0,0,.10)"
    elif archetype == "corporate":
        primary = _hsl(rng.uniform(0.55, 0.65), 0.7, 0.38)
        radius, button_radius = 4, 4
        header_style = rng.choice(("primary", "light"))
    elif archetype == "dark":
        bg = _hsl(hue, 0.15, rng.uniform(0.06, 0.12))
        surface = _hsl(hue, 0.15, 0.17)
        text, muted, border = "#f2f2f2", "#a8a8a8", "#3a3a3a"
        primary = _hsl(hue, 0.9, 0.6)
        header_style = "dark"
    elif archetype == "pastel":
        bg = _hsl(hue, 0.5, 0.96)
        surface = _hsl(hue + 0.1, 0.6, 0.92)
        primary = _hsl(hue, 0.45, 0.65)
        text, muted = _hsl(hue, 0.3, 0.2), _hsl(hue, 0.15, 0.45)
        radius, button_radius = rng.choice((10, 14)), rng.choice((10, 999))
        border = _hsl(hue, 0.3, 0.85)
    elif archetype == "retro":
        bg = rng.choice(("#f3ead3", "#fdf6e3", "#efe6d8"))
        text, border = "#3b2f2f", "#3b2f2f"
        primary = rng.choice(("#c1440e", "#2a6f4b", "#1d4e89", "#8e3b46"))
        radius, button_radius, button_style = 0, rng.choice((0, 4)), rng.choice(("filled", "outline"))
        upper_headings = True
    elif archetype == "tech":
        primary = rng.choice(("#0071e3", "#00a650", "#7c3aed", "#0ea5e9", primary))
        radius, button_radius = rng.choice((8, 12)), rng.choice((8, 12, 999))
        surface = "#f5f5f7"
        weight_head = rng.choice((600, 700))
        button_style = rng.choice(("filled", "gradient"))
    elif archetype == "editorial":
        primary = "#111111"
        bg = rng.choice(("#ffffff", "#fbfaf7"))
        weight_head, radius, button_radius = rng.choice((400, 500, 700)), 0, 0
        upper_buttons = rng.random() < 0.6
    elif archetype == "discount":
        primary = rng.choice(("#e30613", "#ff5a00", "#ffcc00", "#00a651", "#d70018"))
        accent = rng.choice(("#e30613", "#ffcc00"))
        header_style = rng.choice(("primary", "primary", "dark"))
        weight_head, base = 800, rng.choice((13, 14, 15))
        button_style = rng.choice(("filled", "shadow"))
    primary_text = "#111111" if _luma(primary) > 0.6 else "#ffffff"
    price_color = rng.choice((text, text, accent, primary if _luma(primary) < 0.6 else text))
    star_color = rng.choice(("#f5a623", "#ffb400", "#e7711b", "#111111", primary, "#de7921"))
    return Theme(
        archetype=archetype, font_body=font_body, font_head=font_head, base_size=base,
        head_scale=rng.uniform(1.4, 2.4), text=text, muted=muted, bg=bg, surface=surface,
        border=border, primary=primary, primary_text=primary_text, accent=accent,
        price_color=price_color, star_color=star_color, radius=radius, button_radius=button_radius,
        button_style=button_style, pad=pad, shadow=shadow, upper_buttons=upper_buttons,
        upper_headings=upper_headings, weight_head=weight_head,
        weight_price=rng.choice((400, 500, 600, 700, 800)), header_style=header_style,
        input_style=input_style, icon_style=rng.choice(("svg", "svg", "glyph", "image", "text")),
        star_style=rng.choice(("glyph", "svg", "bar", "number")),
        container=rng.choice((960, 1100, 1200, 1280, 1400)),
        letter_spacing=rng.choice((0.0, 0.0, -0.01, 0.02, 0.05)),
    )


def _luma(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


# -- class names --

CLASS_STYLES: tuple[str, ...] = ("semantic", "bem", "camel", "hashed", "styled", "modules", "utility",
                                 "none", "mixed")

# Semantic keys used by the layout code -> meaningful names real shops use for them. Keys of
# labelled parts share names with decoys on purpose (see the module docstring).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "price": ("price", "product-price", "price-current", "money", "amount", "price__value", "sale-price",
              "price-item", "pdp-price", "current-price", "price-tag"),
    "card-price": ("price", "money", "card-price", "tile-price", "amount", "item-price", "product-price"),
    "old-price": ("price-old", "compare-at", "was-price", "strike", "price--compare", "list-price",
                  "price-before", "rrp"),
    "title": ("product-title", "product-name", "title", "name", "pdp-title", "product__title", "heading"),
    "card-title": ("product-title", "product-name", "card-title", "title", "name", "tile-name", "item-title"),
    "buy": ("add-to-cart", "btn-primary", "button", "atc", "cta", "btn", "buy-button", "product-form__submit"),
    "btn": ("btn", "button", "btn-secondary", "link-button", "action"),
    "gallery": ("gallery", "media", "product-images", "pdp-media", "slider", "photos"),
    "image": ("product-image", "image", "img", "photo", "media__img", "main-image", "hero-image"),
    "card-image": ("product-image", "card-img", "thumb", "image", "tile-image", "img"),
    "rating": ("rating", "stars", "review-stars", "score", "rating-stars", "star-rating"),
    "count": ("review-count", "reviews-link", "count", "rating-count", "reviews"),
    "review": ("review", "comment", "review-item", "testimonial", "feedback"),
    "desc": ("description", "product-description", "details", "rte", "copy", "content", "text"),
    "features": ("features", "highlights", "bullets", "feature-list", "list"),
    "field": ("field", "form-group", "form-field", "input-wrapper", "control", "form-row"),
    "input": ("input", "form-control", "text-field", "field__input", "textbox"),
    "label": ("label", "form-label", "field__label", "control-label"),
    "cart-link": ("cart", "cart-link", "header-cart", "minicart", "bag", "basket-icon"),
}


class ClassNamer:
    """Class attributes for one page in one :data:`CLASS_STYLES` style (see the module docstring).

    :meth:`name` returns the class attribute value for a semantic key and a CSS declaration block
    (``""`` for no class); the stylesheet then uses the same class, so styling never depends on
    meaningful names.
    """

    def __init__(self, rng: random.Random, style: str):
        if style not in CLASS_STYLES:
            raise ValueError(f"unknown class style {style!r}; known: {', '.join(CLASS_STYLES)}")
        self.rng = rng
        self.style = style
        self.prefix = rng.choice(("", "", "", "c-", "pdp-", "s-", "ui-", "tw-", "app-"))
        self._synonym: dict[str, str] = {}
        self._given: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()
        self.inline = style == "none"

    def _meaningful(self, sem: str) -> str:
        if sem not in self._synonym:
            options = _SYNONYMS.get(sem, (sem,))
            self._synonym[sem] = self.rng.choice(options)
        base = self._synonym[sem]
        if self.style == "bem":
            block = self.rng.choice(("product", "pdp", "card", "page", "form", "checkout"))
            return f"{block}__{base}"
        if self.style == "camel":
            parts = base.replace("__", "-").split("-")
            return parts[0] + "".join(p.capitalize() for p in parts[1:])
        return self.prefix + base

    def _hashed(self, n: int) -> str:
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        # a class selector may not start with a digit
        return self.rng.choice(letters) + "".join(self.rng.choice(alphabet) for _ in range(n - 1))

    def name(self, sem: str, css: str) -> str:
        """The class attribute for a part with semantic key ``sem`` styled by ``css``."""
        key = (sem, css)
        if key in self._given:
            return self._given[key]
        style = self.style
        if style == "mixed":
            style = self.rng.choice(("semantic", "hashed", "utility", "none"))
        if style == "none" or not sem:
            out = ""
        elif style in ("semantic", "bem", "camel"):
            out = self._meaningful(sem)
        elif style == "hashed":
            out = "css-" + self._hashed(self.rng.choice((6, 7)))
        elif style == "styled":
            out = f"sc-{self._hashed(6)} {self._hashed(6)}"
        elif style == "modules":
            out = self.rng.choice((f"_{self._hashed(5)}", f"{sem.split('-')[0].capitalize()}_{self._hashed(5)}"))
        else:
            out = _utility_classes(css) + " " + self._hashed(5)
        if out and out in self._used and style in ("semantic", "bem", "camel"):
            # Same meaningful name, different styling: modifiers, as in real stylesheets.
            out = f"{out} {out.split()[0]}--{self.rng.choice(('alt', 'sm', 'lg', 'v2', 'inline'))}{len(self._used)}"
        if out:
            self._used.add(out)
        self._given[key] = out
        return out


def _utility_classes(css: str) -> str:
    """Tailwind-like class list that roughly describes ``css`` (for the ``utility`` style)."""
    out = []
    if "display:flex" in css:
        out.append("flex")
    if "display:grid" in css:
        out.append("grid")
    if "font-weight:700" in css or "font-weight:800" in css:
        out.append("font-bold")
    if "text-decoration:line-through" in css:
        out.append("line-through")
    if "text-transform:uppercase" in css:
        out.append("uppercase")
    if "border-radius:999px" in css:
        out.append("rounded-full")
    if "padding" in css:
        out.append("p-4")
    if "margin" in css:
        out.append("mb-2")
    return " ".join(out) or "block"
