"""The string-template HTML builder every synthetic page is written with.

Generation is plain string concatenation (no DOM library): a page of a few hundred elements
takes about a millisecond to write, so the browser capture is the whole cost of a synthetic page.

Labels ride on :data:`LABEL_ATTR` (``data-pl-label``) while a page is generated; the capture reads
them per element and removes the attribute before anything is recorded (see
``CaptureOptions.label_attributes``). No other trace of a label is written: class names come from
the page's :class:`~pagelens.synth.themes.ClassNamer` whatever the element's label, and text is the
shop's visible text only.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

from pagelens.synth.locales import Locale
from pagelens.synth.themes import ClassNamer, Theme
from pagelens.vocab import ALL_LABELS

LABEL_ATTR = "data-pl-label"

VOID = frozenset(("input", "img", "br", "hr", "meta", "link", "source"))


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class Page:
    """One page being written: its randomness, language, look, naming and stylesheet.

    ``mobile``: the page is laid out for a phone (one column, hamburger menu). ``autocomplete``:
    how this shop sets ``autocomplete`` attributes: ``right``, ``absent``, ``wrong`` or ``mixed``.
    """

    rng: random.Random
    loc: Locale
    theme: Theme
    namer: ClassNamer
    mobile: bool
    autocomplete: str
    ids: str = "none"                 # how elements get id attributes: none | meaningful | generated
    shop_name: str = "Shop"
    microdata: bool = False           # the shop marks up its product with schema.org itemprops
    form_buttons: float = 0.0         # chance a form also has buttons that are not its submit button
    rules: dict[str, str] = field(default_factory=dict)   # class -> declarations
    extra_css: list[str] = field(default_factory=list)
    used_ids: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, bool] = field(default_factory=dict)

    def e(self, tag: str, sem: str = "", css: str = "", body: str = "", label: str | None = None,
          attrs: dict[str, object] | None = None) -> str:
        """HTML of one element. ``sem``: semantic key for its class name; ``css``: its style
        declarations (placed in the stylesheet under its class, or inline when it has none);
        ``label``: its role or autocomplete token, carried on ``data-pl-label``."""
        parts = [tag]
        cls = self.namer.name(sem, css) if (sem or css) else ""
        if cls:
            # the last class is the one unique to this style (utility lists and modifiers come first)
            key = cls.split()[-1]
            if css and key not in self.rules:
                self.rules[key] = css
            elif css and self.rules.get(key) != css:
                # the namer reused a class for a different style: fall back to inline for this one
                parts.append(f'style="{esc(css)}"')
            parts.append(f'class="{esc(cls)}"')
        elif css:
            parts.append(f'style="{esc(css)}"')
        if attrs:
            for k, v in attrs.items():
                if v is None or v is False:
                    continue
                parts.append(k if v is True else f'{k}="{esc(v)}"')
        if label is not None:
            if label not in ALL_LABELS:
                raise ValueError(f"synthetic page labels an element {label!r}, not in pagelens.vocab")
            parts.append(f'{LABEL_ATTR}="{label}"')
        open_tag = "<" + " ".join(parts) + ">"
        if tag in VOID:
            return open_tag
        return f"{open_tag}{body}</{tag}>"

    def el_id(self, meaningful: str) -> str | None:
        """An id attribute value for an element, in this page's id style (or None)."""
        if self.ids == "meaningful":
            n = self.used_ids.get(meaningful, 0) + 1
            self.used_ids[meaningful] = n
            return meaningful if n == 1 else f"{meaningful}_{n}"
        if self.ids == "generated":
            return f"{self.rng.choice(('el', 'c', 'f', 'input', ':r'))}{self.rng.randint(1, 99999)}"
        return None

    def stylesheet(self) -> str:
        t = self.theme
        base = (f"*{{box-sizing:border-box}}html,body{{margin:0;padding:0}}"
                f"body{{font-family:{t.font_body};font-size:{t.base_size}px;color:{t.text};background:{t.bg};"
                f"line-height:1.45}}"
                f"h1,h2,h3,h4{{font-family:{t.font_head};font-weight:{t.weight_head};"
                f"letter-spacing:{t.letter_spacing}em;margin:0 0 .5em"
                + (";text-transform:uppercase" if t.upper_headings else "") + "}"
                f"a{{color:inherit}}img{{max-width:100%;display:block}}button{{font-family:inherit}}"
                f"input,select,textarea{{font-family:inherit}}")
        rules = "".join(f".{c}{{{css}}}" for c, css in self.rules.items())
        return base + rules + "".join(self.extra_css)

    # -- small shared helpers --

    def text(self, tag: str, text: str, sem: str = "", css: str = "", label: str | None = None,
             attrs: dict[str, object] | None = None) -> str:
        return self.e(tag, sem, css, esc(text), label, attrs)

    def button(self, text: str, sem: str = "btn", secondary: bool = False, label: str | None = None,
               attrs: dict[str, object] | None = None, css: str = "", tag: str = "button") -> str:
        a = dict(attrs or {})
        if tag == "button":
            a.setdefault("type", "button")
        elif tag == "a":
            a.setdefault("href", "#")
            css = "display:inline-block;text-decoration:none;text-align:center;" + css
        elif tag == "input":
            a.setdefault("type", "submit")
            a["value"] = text
            return self.e("input", sem, self.theme.button_css(secondary) + css, "", label, a)
        return self.e(tag, sem, self.theme.button_css(secondary) + css, esc(text), label, a)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def once(self, key: str, p: float) -> bool:
        """A yes/no decision made once per page (the same answer every time ``key`` is asked)."""
        if key not in self.decisions:
            self.decisions[key] = self.chance(p)
        return self.decisions[key]
