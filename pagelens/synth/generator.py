"""The seeded page generator: page ``i`` of seed ``s`` is a pure function of ``(s, i)``.

Each page draws, from its own ``random.Random`` seeded with a hash of ``(seed, index)``: a page
type, a layout family of that type, a theme archetype and theme, a region (language, locale
formats) and currency, a class-name style, an id style, an ``autocomplete`` policy, a viewport
(desktop sizes or a phone) and the decoys around the content (promo bar, cookie banner,
newsletter popup). Pages do not share state, so they can be generated in any order, in any
process, and a run can resume anywhere.
"""

from __future__ import annotations

import hashlib
import html as _html
import random
import re
from dataclasses import dataclass, field
from typing import Sequence

from pagelens.records import Viewport
from pagelens.synth import decoys
from pagelens.synth.dom import LABEL_ATTR, Page, esc
from pagelens.synth.layouts import FAMILIES
from pagelens.synth.locales import REGIONS, CROSS_BORDER, Locale
from pagelens.synth.split import DEFAULT_SPLIT, SplitSpec, check_split
from pagelens.synth.themes import CLASS_STYLES, ClassNamer, make_theme

# How often each page type is drawn. Product pages carry the most labels, so they lead.
PAGE_TYPE_WEIGHTS: dict[str, float] = {"product": 0.40, "checkout": 0.15, "cart": 0.07, "login": 0.09,
                                       "signup": 0.08, "listing": 0.10, "other": 0.11}

DESKTOP_SIZES = ((1280, 800), (1366, 768), (1440, 900), (1536, 864), (1920, 1080), (1280, 720))
MOBILE_WIDTHS = (360, 375, 390, 393, 412, 414)


def mobile_viewport(width: int = 390) -> Viewport:
    """A phone viewport like :meth:`Viewport.mobile` but rendered at device scale 1: captures are
    taken in CSS px anyway, and rendering at scale 3 only makes the capture slower."""
    m = Viewport.mobile()
    return Viewport(width=width, height=m.height, device_scale_factor=1.0, is_mobile=True,
                    has_touch=True, user_agent=m.user_agent)


@dataclass(frozen=True)
class SynthPage:
    """One generated page: its HTML (labels on ``data-pl-label``), what it is, and how it looks."""

    key: str                # "<seed>-<index>", also the capture folder's name
    html: str
    page_type: str
    family: str
    archetype: str
    locale: str
    currency: str
    class_style: str
    autocomplete: str
    viewport: Viewport
    label_counts: dict[str, int] = field(default_factory=dict)
    look: str = "styled"    # "styled", or "offline": as a saved page renders without its resources

    @property
    def lang(self) -> str:
        return self.locale.split("_")[0]


def page_rng(seed: int, index: int, purpose: str = "") -> random.Random:
    """The random generator of page ``index`` of run ``seed`` (stable across processes and runs);
    another ``purpose`` gives an independent stream, so a new decision leaves old pages as they
    were."""
    name = f"pagelens-synth:{seed}:{index}" + (f":{purpose}" if purpose else "")
    digest = hashlib.sha256(name.encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# Saved pages opened offline (what users parse from disk, and every shared real corpus) lose
# their external stylesheets and images: default browser styles, menus expanded into long
# lists, broken-image icons, the product far down the page. Synthetic shops all looked designed,
# and the first model trained on them alone was poor on such renders (docs/model.md), so a share
# of pages is rendered that way too, with the same labels.
OFFLINE_LOOK_FRACTION = 0.3
_INLINE_STYLE = re.compile(r' style="[^"]*"')
_DATA_IMAGE = re.compile(r'src="data:image/[^"]*"')


def offline_look(html_body: str, rng: random.Random, shop: str) -> str:
    """``html_body`` as it renders when saved and opened offline: inline styles mostly gone too
    (kept on some pages, as some sites inline theirs), images pointing at an unreachable CDN."""
    if rng.random() < 0.75:
        html_body = _INLINE_STYLE.sub("", html_body)
    host = re.sub(r"[^a-z0-9]+", "", shop.lower())[:20] or "shop"
    counter = iter(range(1, 10**6))
    return _DATA_IMAGE.sub(lambda m: f'src="https://img.{host}.example/{next(counter)}.jpg"', html_body)


def generate_page(seed: int, index: int, split: str = "all", mobile_fraction: float = 0.3,
                  spec: SplitSpec = DEFAULT_SPLIT,
                  offline_fraction: float = OFFLINE_LOOK_FRACTION,
                  form_buttons: float = 0.0, families: Sequence[str] | None = None) -> SynthPage:
    """Page ``index`` of run ``seed`` in ``split`` (train | heldout | all); a phone layout with
    probability ``mobile_fraction``; the look of a saved page opened offline (no stylesheet, no
    images) with probability ``offline_fraction``; each form with buttons besides its submit
    button with probability ``form_buttons`` (0: the pages of earlier runs, unchanged).
    ``families``: draw the layout only from these (opt-in families included; each must belong to
    ``split``); None: every family of ``split`` but the opt-in ones."""
    check_split(split)
    chosen = spec.check_families(families, split) if families is not None else None
    for name, value in (("mobile_fraction", mobile_fraction), ("offline_fraction", offline_fraction),
                        ("form_buttons", form_buttons)):
        if not 0 <= value <= 1:
            raise ValueError(f"{name} must be in 0..1, got {value}")
    rng = page_rng(seed, index)

    families = chosen or spec.families(split)
    types = sorted({FAMILIES[f].page_type for f in families})
    page_type = rng.choices(types, weights=[PAGE_TYPE_WEIGHTS[t] for t in types])[0]
    family = FAMILIES[rng.choice([f for f in families if FAMILIES[f].page_type == page_type])]
    archetype = rng.choice(spec.archetypes(split))
    langs = spec.langs(split, heldout_lang=rng.random() < spec.heldout_lang_fraction)
    # language first (English twice as often as each other one), then one of its regions, so a
    # language with one region is not drowned by one with six
    lang = rng.choices(langs, weights=[2.0 if x == "en" else 1.0 for x in langs])[0]
    region = rng.choice([r for r in REGIONS if r.lang == lang])
    roll = rng.random()
    if roll < 0.8:
        currency = region.currencies[0]
    elif roll < 0.93:
        currency = rng.choice(region.currencies)
    else:
        currency = rng.choice(CROSS_BORDER)

    mobile = rng.random() < mobile_fraction
    if mobile:
        viewport = mobile_viewport(rng.choice(MOBILE_WIDTHS))
    else:
        w, h = rng.choice(DESKTOP_SIZES)
        viewport = Viewport(width=w, height=h)

    loc = Locale(region, currency, rng)
    theme = make_theme(rng, archetype, cjk=region.lang in ("ja", "ko", "zh"))
    class_style = rng.choice(CLASS_STYLES)
    autocomplete = rng.choice(("right", "right", "absent", "wrong", "mixed"))
    page = Page(rng=rng, loc=loc, theme=theme, namer=ClassNamer(rng, class_style), mobile=mobile,
                autocomplete=autocomplete, ids=rng.choice(("none", "meaningful", "generated")),
                shop_name=loc.shop_name(), microdata=rng.random() < 0.15, form_buttons=form_buttons)

    body = family.write(page)
    if family.chrome:
        top = decoys.promo_bar(page) if page.chance(0.35) else ""
        body = top + decoys.header(page) + body + decoys.footer(page)
    else:
        # checkout and sign-in flows often show just the logo
        body = page.e("header", "site-header", f"padding:16px 24px;border-bottom:1px solid {theme.border};",
                      page.text("a", page.shop_name, "logo", f"font-weight:800;font-size:22px;text-decoration:none;color:{theme.text};",
                                attrs={"href": "/"})) + body
    if page.chance(0.25):
        # never a second modal on top of a page's own dialog
        body += decoys.cookie_banner(page, center="aria-modal" not in body)
    elif page.chance(0.08) and "aria-modal" not in body:
        body += decoys.newsletter_modal(page)

    title = _title(page, page_type, body, family.opt_in)
    look_rng = page_rng(seed, index, "look")
    look = "offline" if look_rng.random() < offline_fraction else "styled"
    style = f"<style>{page.stylesheet()}</style>"
    if look == "offline":
        body, style = offline_look(body, look_rng, page.shop_name), ""
    html = (f'<!doctype html><html lang="{region.locale.replace("_", "-")}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title>{style}</head>"
            f"<body>{body}</body></html>")
    return SynthPage(key=f"{seed}-{index}", html=html, page_type=page_type, family=family.name,
                     archetype=archetype, locale=region.locale, currency=currency,
                     class_style=class_style, autocomplete=autocomplete, viewport=viewport,
                     label_counts=count_labels(html), look=look)


# the attribute, its value quoted plainly or, inside a card iframe's script, with escaped quotes
_LABEL_RE = re.compile(re.escape(LABEL_ATTR) + r'=\\?"([^"\\]+)')


def count_labels(html: str) -> dict[str, int]:
    """How many elements of each label a page's HTML carries (card iframes' scripts included)."""
    out: dict[str, int] = {}
    for m in _LABEL_RE.finditer(html):
        out[m.group(1)] = out.get(m.group(1), 0) + 1
    return out


def _title(page: Page, page_type: str, body: str, from_heading: bool = False) -> str:
    """The page's ``<title>``: the product's name, or a word for its page type; with
    ``from_heading`` the text of its first ``<h1>`` (the opt-in families say what the page is
    there)."""
    loc = page.loc
    names = {"cart": loc.t("your_cart"), "checkout": loc.t("checkout"), "login": loc.t("sign_in"),
             "signup": loc.t("create_account"), "listing": loc.t("results", n=loc.number(page.rng.randint(20, 900))),
             "other": loc.t("help_title")}
    if page_type == "product":
        m = re.search(r'data-pl-label="product_title"[^>]*>([^<]*)<', body)
        head = _html.unescape(m.group(1)) if m else loc.product_name()
    else:
        head = names[page_type]
    m = re.search(r"<h1[^>]*>([^<]+)<", body) if from_heading else None
    if m:
        head = _html.unescape(m.group(1))
    return f"{head} {page.rng.choice(('|', '–', '-', '·'))} {page.shop_name}"
