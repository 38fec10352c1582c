"""Form fields of synthetic checkout, login, signup and account pages.

Each field is labelled with its WHATWG autocomplete token (:data:`pagelens.vocab.FIELD_TOKENS`)
whatever its markup says, so the model must read the visible label, the placeholder, the name
and the context, not just the ``autocomplete`` attribute, which a shop may set right, leave out,
or set wrong (``off``, garbage, or another token), as real shops do.

Designs: label above, beside, floating, placeholder only or ``aria-label`` only; names plain,
bracketed (``checkout[email]``), camel case, generated or absent; expiry as one input, two inputs
or two selects; country, state and dates as selects or text; card fields plain, each in its own
``srcdoc`` iframe (hosted-field style) or all in one iframe; masked inputs
(``•••• •••• •••• ••••``, ``(___) ___-____``); address field order permuted by country
conventions (postcode before city, Japanese order from postcode to street).

Token decisions: the identifier on a login form is ``username`` even when it asks for an email
(the WHATWG recommendation, and what a password manager fills); email fields elsewhere (signup,
checkout, newsletter) are ``email``. A confirm-password field is ``new-password``. Every form
with at least one labelled field labels its submit button ``submit``; search and coupon forms
label nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pagelens.synth.dom import Page, esc
from pagelens.vocab import FIELD_TOKENS

LABEL_STYLES = ("above", "above", "beside", "floating", "placeholder", "aria")
NAME_STYLES = ("plain", "bracket", "camel", "generated", "absent")

# token -> (string key of its visible label, input type, inputmode, plain name, camel name)
FIELD_SPECS: dict[str, tuple[str, str, str | None, str, str]] = {
    "email": ("email", "email", "email", "email", "emailAddress"),
    "tel": ("phone", "tel", "tel", "phone", "phoneNumber"),
    "name": ("full_name", "text", None, "name", "fullName"),
    "given-name": ("first_name", "text", None, "first_name", "firstName"),
    "family-name": ("last_name", "text", None, "last_name", "lastName"),
    "street-address": ("address1", "text", None, "address", "streetAddress"),
    "address-line1": ("address1", "text", None, "address1", "addressLine1"),
    "address-line2": ("address2", "text", None, "address2", "addressLine2"),
    "address-level2": ("city", "text", None, "city", "city"),
    "address-level1": ("state", "text", None, "state", "region"),
    "postal-code": ("zip", "text", "numeric", "zip", "postalCode"),
    "country": ("country", "text", None, "country", "countryCode"),
    "username": ("username", "text", None, "username", "login"),
    "current-password": ("password", "password", None, "password", "password"),
    "new-password": ("new_password", "password", None, "password", "newPassword"),
    "one-time-code": ("otp", "text", "numeric", "code", "otpCode"),
    "cc-name": ("card_name", "text", None, "cc_name", "cardholderName"),
    "cc-number": ("card_number", "text", "numeric", "cardnumber", "cardNumber"),
    "cc-exp": ("expiry", "text", "numeric", "exp-date", "expiryDate"),
    "cc-exp-month": ("month", "text", "numeric", "exp_month", "expMonth"),
    "cc-exp-year": ("year", "text", "numeric", "exp_year", "expYear"),
    "cc-csc": ("cvc", "text", "numeric", "cvc", "securityCode"),
    "bday": ("birthday", "date", None, "birthday", "dateOfBirth"),
    "bday-day": ("day", "text", "numeric", "dob_day", "birthDay"),
    "bday-month": ("month", "text", "numeric", "dob_month", "birthMonth"),
    "bday-year": ("year", "text", "numeric", "dob_year", "birthYear"),
}
assert set(FIELD_SPECS) <= set(FIELD_TOKENS)

_WRONG = ("off", "off", "nope", "chrome-off", "disabled", "false", "new-password", "none")


@dataclass(frozen=True)
class FormStyle:
    """How one form is drawn. ``label_style`` in :data:`LABEL_STYLES`, ``name_style`` in
    :data:`NAME_STYLES`; ``prefix`` names the bracket group (``checkout[...]``)."""

    label_style: str
    name_style: str
    prefix: str
    required_mark: bool
    gap: int
    mixed_labels: bool   # some fields in the form use a different label style

    @classmethod
    def random(cls, p: Page, prefix: str = "") -> "FormStyle":
        return cls(label_style=p.rng.choice(LABEL_STYLES), name_style=p.rng.choice(NAME_STYLES),
                   prefix=prefix or p.rng.choice(("checkout", "customer", "address", "form", "user")),
                   required_mark=p.chance(0.3), gap=p.rng.choice((8, 12, 16, 20)),
                   mixed_labels=p.chance(0.15))


def _autocomplete(p: Page, token: str, section: str = "") -> str | None:
    mode = p.autocomplete
    if mode == "mixed":
        mode = p.rng.choice(("right", "right", "absent", "wrong"))
    if mode == "absent":
        return None
    if mode == "wrong":
        if p.chance(0.25):
            return p.rng.choice(tuple(FIELD_SPECS))
        return p.rng.choice(_WRONG)
    return f"{section} {token}" if section and p.chance(0.5) else token


def _name(p: Page, fs: FormStyle, token: str, index: int) -> str | None:
    spec = FIELD_SPECS.get(token)
    plain, camel = (spec[3], spec[4]) if spec else ("field", "field")
    if fs.name_style == "plain":
        return plain
    if fs.name_style == "bracket":
        return f"{fs.prefix}[{plain}]"
    if fs.name_style == "camel":
        return camel
    if fs.name_style == "generated":
        return p.rng.choice((f"field_{index}", f"input{index}", f"f{p.rng.randint(100, 999)}",
                             f"q{index}_{p.rng.randint(10, 99)}"))
    return None


def _example(p: Page, token: str) -> str:
    """An example value in the shop's locale for placeholders and prefilled fields."""
    f = p.loc.fake
    return {
        "email": lambda: f.email(), "tel": lambda: f.phone_number(), "name": lambda: f.name(),
        "given-name": lambda: f.first_name(), "family-name": lambda: f.last_name(),
        "street-address": lambda: f.street_address(), "address-line1": lambda: f.street_address(),
        "address-line2": lambda: p.rng.choice(("Apt 4B", "2. OG", "Bât. C", "3F")),
        "address-level2": lambda: f.city(), "address-level1": lambda: p.rng.choice(("CA", "NY", "Bayern", "Ontario")),
        "postal-code": lambda: f.postcode(), "country": lambda: p.loc.region.country_names[0],
        "username": lambda: f.user_name(), "current-password": lambda: "", "new-password": lambda: "",
        "one-time-code": lambda: "123456", "cc-name": lambda: f.name(),
        "cc-number": lambda: p.rng.choice(("1234 1234 1234 1234", "•••• •••• •••• ••••", "0000 0000 0000 0000")),
        "cc-exp": lambda: p.rng.choice(("MM / YY", "MM/YY", "MM/JJ", "MM / AA")),
        "cc-exp-month": lambda: "MM", "cc-exp-year": lambda: p.rng.choice(("YY", "YYYY")),
        "cc-csc": lambda: p.rng.choice(("CVC", "123", "•••")), "bday": lambda: "",
        "bday-day": lambda: "DD", "bday-month": lambda: "MM", "bday-year": lambda: "YYYY",
    }.get(token, lambda: "")()


def field(p: Page, fs: FormStyle, token: str | None, *, text: str | None = None, select: tuple[str, ...] | None = None,
          index: int = 0, prefill: bool = False, section: str = "", textarea: bool = False,
          optional: bool = False, css_width: str = "") -> str:
    """HTML of one labelled form field. ``token``: its label (None: an unlabelled field such
    as a coupon code, then ``text`` is required). ``select``: draw it as a <select> with these
    options (first is the placeholder)."""
    t = p.theme
    spec = FIELD_SPECS.get(token or "")
    if text is None:
        if spec is None:
            raise ValueError(f"field {token!r} needs visible text")
        text = p.loc.t(spec[0])
    if optional:
        text = f"{text} {p.loc.t('optional')}" if "(" not in text else text
    elif fs.required_mark:
        text = f"{text} *"
    style = fs.label_style
    if fs.mixed_labels and p.chance(0.3):
        style = p.rng.choice(LABEL_STYLES)
    if select is not None and style in ("placeholder", "floating"):
        style = "above"
    plain = spec[3] if spec else "coupon"
    input_id = p.el_id(f"{section}_{plain}" if section and p.chance(0.5) else plain)
    attrs: dict[str, object] = {}
    if select is None and not textarea:
        attrs["type"] = spec[1] if spec else "text"
        if spec and spec[1] == "text" and p.chance(0.2) and token in ("email", "tel"):
            attrs["type"] = "text"
        if spec and spec[2] and p.chance(0.6):
            attrs["inputmode"] = spec[2]
    attrs["id"] = input_id
    attrs["name"] = _name(p, fs, token or "coupon", index)
    if token in FIELD_SPECS:
        attrs["autocomplete"] = _autocomplete(p, token, section)
    elif token is None and p.chance(0.3):
        attrs["autocomplete"] = "off"
    if p.chance(0.25) and not optional:
        attrs["required"] = True
    if token == "cc-number" and p.chance(0.4):
        attrs["maxlength"] = "19"
    if token == "tel" and p.chance(0.3):
        attrs["placeholder"] = p.rng.choice(("(___) ___-____", "+__ ___ _______", "0__ ____ ____"))
    example = _example(p, token) if token else ""
    if style == "placeholder":
        attrs["placeholder"] = text
    elif style == "aria":
        attrs["aria-label"] = text
        if example and p.chance(0.6):
            attrs["placeholder"] = example
    elif style == "floating":
        # the label sits inside the box; the placeholder is blank (the :placeholder-shown trick) or an example
        attrs["placeholder"] = example if example and p.chance(0.3) else " "
    elif example and "placeholder" not in attrs and p.chance(0.35):
        attrs["placeholder"] = example
    if prefill and token not in ("current-password", "new-password", "cc-number", "cc-csc", None):
        value = _example(p, token)
        if value and value not in ("MM", "YY", "YYYY", "DD"):
            attrs["value"] = value
    input_css = t.input_css() + css_width + ("padding-top:20px;" if style == "floating" else "")
    if select is not None:
        opts = "".join(f"<option>{esc(o)}</option>" for o in select)
        control = p.e("select", "input", input_css + "appearance:auto;", opts, token, attrs)
    elif textarea:
        control = p.e("textarea", "input", input_css + "height:64px;resize:vertical;", esc(attrs.pop("value", "")),
                      token, attrs)
    else:
        control = p.e("input", "input", input_css, "", token, attrs)
    label_css = f"display:block;font-size:{max(12, t.base_size - 2)}px;color:{t.muted if p.once('muted_labels', 0.5) else t.text};margin-bottom:4px;"
    label_attrs = {"for": input_id} if input_id else None
    wrap_css = f"margin-bottom:{fs.gap}px;"
    if style in ("placeholder", "aria"):
        return p.e("div", "field", wrap_css, control)
    if style == "beside" and not p.mobile:
        lab = p.e("label", "label", f"flex:0 0 {p.rng.choice((120, 140, 160))}px;font-size:{t.base_size - 1}px;",
                  esc(text), None, label_attrs)
        return p.e("div", "field", wrap_css + "display:flex;align-items:center;gap:12px;", lab + control)
    if style == "floating":
        lab = p.e("label", "label", f"position:absolute;left:{t.pad + 3}px;top:3px;font-size:11px;color:{t.muted};"
                  "pointer-events:none;", esc(text), None, label_attrs)
        return p.e("div", "field", wrap_css + "position:relative;", control + lab)
    lab = p.e("label", "label", label_css, esc(text), None, label_attrs)
    if input_id is None and p.chance(0.5):
        # label wrapping its input, a common pattern when there are no ids
        return p.e("div", "field", wrap_css, p.e("label", "label", label_css, esc(text) + control))
    return p.e("div", "field", wrap_css, lab + control)


def row(p: Page, *cells: str) -> str:
    """Fields side by side on desktop, stacked on mobile."""
    if p.mobile and len(cells) > 2:
        return "".join(cells)
    inner = "".join(p.e("div", "", "flex:1;min-width:0;", c) for c in cells)
    return p.e("div", "form-row", "display:flex;gap:12px;", inner)


def submit(p: Page, text: str, full: bool = True, tag: str | None = None) -> str:
    tag = tag or p.rng.choice(("button", "button", "button", "input"))
    attrs: dict[str, object] = {"type": "submit"} if tag == "button" else {}
    return p.button(text, sem="buy", label="submit", attrs=attrs, tag=tag,
                    css="width:100%;margin-top:8px;" if full else "margin-top:8px;")


def other_buttons(p: Page) -> str:
    """One to three buttons of a form that are not its submit button (unlabelled): back, close,
    a switch to signing in or up, forgot-password as a button, apply, help, amount chips, a
    show-password toggle. Real forms have them; without them every button in a form is its submit
    button to the network (docs/model.md, Gaps: buttons in forms)."""
    loc = p.loc
    kinds = ("back", "close", "forgot_password", "create_account", "sign_in", "apply", "help_title",
             "chips", "toggle")
    out = []
    for kind in p.rng.sample(kinds, p.rng.randint(1, 3)):
        if kind == "chips":
            out.append("".join(p.button(loc.money(a), secondary=True, css="margin:4px 6px 4px 0;")
                               for a in sorted(p.rng.sample((2, 5, 10, 20, 25, 50, 100), p.rng.randint(2, 4)))))
        elif kind == "toggle":
            out.append(p.e("button", "toggle", "border:0;background:transparent;cursor:pointer;padding:4px;",
                           _icon(p, "close", 16), None, {"type": "button", "aria-label": loc.t("password")}))
        else:
            out.append(p.button(loc.t(kind), secondary=p.chance(0.7), css="margin:8px 8px 0 0;",
                                tag=p.rng.choice(("button", "button", "a"))))
    return p.e("div", "form-actions", "display:flex;flex-wrap:wrap;align-items:center;", "".join(out))


def form(p: Page, body: str, sem: str = "form", css: str = "") -> str:
    # p.form_buttons short-circuits first: at 0 no randomness is drawn and pages stay as before
    if sem == "form" and p.form_buttons and p.chance(p.form_buttons):
        body = other_buttons(p) + body if p.chance(0.4) else body + other_buttons(p)
    attrs = {"method": "post", "action": p.rng.choice(("#", "/checkout", "/account/login", "/cart", ""))}
    if p.chance(0.3):
        attrs["novalidate"] = True
    return p.e("form", sem, css, body, None, attrs)


# -- blocks --

def contact_block(p: Page, fs: FormStyle, with_phone: bool) -> str:
    out = field(p, fs, "email", index=1)
    if with_phone:
        out += field(p, fs, "tel", index=2, optional=p.chance(0.5))
    return out


def address_block(p: Page, fs: FormStyle, section: str = "shipping", prefill: bool = False) -> str:
    """Name, street, city, region, postcode, country and phone in the order the region uses."""
    lang = p.loc.lang
    if p.chance(0.7):
        given = field(p, fs, "given-name", index=3, section=section, prefill=prefill)
        family = field(p, fs, "family-name", index=4, section=section, prefill=prefill)
        # family name first in Japanese, Chinese and Korean forms
        names = row(p, family, given) if lang in ("ja", "zh", "ko") and p.chance(0.7) else row(p, given, family)
    else:
        names = field(p, fs, "name", index=3, section=section, prefill=prefill)
    street_token = "street-address" if p.chance(0.25) else "address-line1"
    street = field(p, fs, street_token, index=5, section=section, prefill=prefill,
                   textarea=street_token == "street-address" and p.chance(0.5))
    line2 = field(p, fs, "address-line2", index=6, section=section, optional=True) if p.chance(0.6) else ""
    city = field(p, fs, "address-level2", index=7, section=section, prefill=prefill)
    zip_ = field(p, fs, "postal-code", index=8, section=section, prefill=prefill)
    has_state = lang in ("en", "es", "pt", "ja", "ko", "zh", "it") and p.chance(0.7)
    state = ""
    if has_state:
        states = (p.loc.t("state"),) + tuple(p.loc.fake.city() for _ in range(6))
        state = field(p, fs, "address-level1", index=9, section=section,
                      select=states if p.chance(0.6) else None, prefill=prefill)
    country = ""
    if p.chance(0.75):
        countries = p.loc.region.country_names
        country = field(p, fs, "country", index=10, section=section,
                        select=countries if p.chance(0.8) else None, prefill=prefill)
    phone = field(p, fs, "tel", index=11, section=section, prefill=prefill) if p.chance(0.5) else ""
    if lang == "ja" and p.chance(0.7):
        parts = [names, zip_, state, city, street, line2, phone]
    elif lang in ("de", "fr", "nl", "sv", "pl", "it", "es", "pt", "tr"):
        parts = [names, street, line2, row(p, zip_, city), state, country, phone]
        if p.chance(0.3):
            parts = [country] + parts[:-2] + [phone]
    else:
        parts = [names, street, line2, row(p, city, state, zip_) if state else row(p, city, zip_), country, phone]
        if p.chance(0.3):
            parts = [country] + [x for x in parts if x != country]
    if p.chance(0.2):
        # some shops ask for the phone right after the name
        parts = [parts[0], phone] + [x for x in parts[1:] if x != phone]
    return "".join(x for x in parts if x)


def _card_fields(p: Page, fs: FormStyle) -> list[str]:
    """The card fields' HTML pieces, in order."""
    number = field(p, fs, "cc-number", index=20)
    name = field(p, fs, "cc-name", index=21) if p.chance(0.7) else ""
    exp_kind = p.rng.choice(("joined", "joined", "split", "selects"))
    if exp_kind == "joined":
        exp = field(p, fs, "cc-exp", index=22)
    elif exp_kind == "split":
        exp = row(p, field(p, fs, "cc-exp-month", index=22), field(p, fs, "cc-exp-year", index=23))
    else:
        months = (p.loc.t("month"),) + tuple(f"{m:02d}" for m in range(1, 13))
        years = (p.loc.t("year"),) + tuple(str(y) for y in range(2026, 2036))
        exp = row(p, field(p, fs, "cc-exp-month", index=22, select=months),
                  field(p, fs, "cc-exp-year", index=23, select=years))
    csc = field(p, fs, "cc-csc", index=24)
    order = [name, number, exp, csc] if p.chance(0.4) else [number, name, exp, csc]
    if p.chance(0.5) and not p.mobile:
        order = [x for x in order if x not in (exp, csc)] + [row(p, exp, csc)]
    return [x for x in order if x]


def _iframe(p: Page, inner: str, height: int) -> str:
    """An iframe holding ``inner``, the way payment providers host card fields.

    The frame's document is written by a script that then removes itself, rather than put in
    ``srcdoc``: a ``srcdoc`` attribute would keep the frame's source (labels included) in the
    parent page's HTML, while the script leaves only the live frame, whose label attributes the
    capture strips like any other.
    """
    t = p.theme
    doc = (f"<!doctype html><html><head><meta charset='utf-8'><style>body{{margin:0;font-family:{t.font_body};"
           f"font-size:{t.base_size}px;color:{t.text};background:transparent}}*{{box-sizing:border-box}}"
           f"{''.join(f'.{c}{{{css}}}' for c, css in p.rules.items())}</style></head>"
           f"<body>{inner}</body></html>")
    title = p.rng.choice(("Secure card payment input frame", "Secure payment input", "card", ""))
    name = f"__privateFrame{p.rng.randint(1000, 99999)}"
    frame = (f'<iframe name="{name}"' + (f' title="{esc(title)}"' if title else "")
             + f' frameborder="0" scrolling="no" style="width:100%;height:{height}px;border:0;display:block;"></iframe>')
    payload = json.dumps(doc).replace("</", "<\\/")
    script = ("<script>(function(){var s=document.currentScript,f=s.previousElementSibling,d=f.contentDocument;"
              f"d.open();d.write({payload});d.close();s.remove();}})();</script>")
    return frame + script


def card_block(p: Page, fs: FormStyle) -> str:
    """Card number, name, expiry and security code: inline, one iframe per field, or one iframe."""
    pieces = _card_fields(p, fs)
    mode = p.rng.choice(("inline", "inline", "per-field", "one-frame"))
    if mode == "inline":
        return "".join(pieces)
    field_h = 2 * max(8, p.theme.pad) + p.theme.base_size + 34 + fs.gap
    if mode == "per-field":
        return "".join(_iframe(p, piece, field_h + (field_h // 2 if "form-row" in piece and p.mobile else 0))
                       for piece in pieces)
    return _iframe(p, "".join(pieces), field_h * len(pieces) + 20)


def login_form(p: Page, fs: FormStyle, title: bool = True) -> str:
    loc = p.loc
    body = p.text("h1" if title else "h2", loc.t("sign_in_title"), "heading", f"font-size:{int(p.theme.base_size * 1.6)}px;") if title else ""
    # the identifier asks for a user name or for an email; either way it is `username`
    ident = field(p, fs, "username", text=loc.t("email") if p.chance(0.4) else None, index=1)
    body += ident + field(p, fs, "current-password", index=2)
    extras = []
    if p.chance(0.6):
        extras.append(p.e("label", "", "font-size:13px;display:flex;gap:6px;align-items:center;",
                          p.e("input", "", "", "", None, {"type": "checkbox", "name": "remember"}) + esc(loc.t("remember_me"))))
    if p.chance(0.8):
        extras.append(p.text("a", loc.t("forgot_password"), "link", "font-size:13px;", attrs={"href": "#"}))
    if extras:
        body += p.e("div", "", "display:flex;justify-content:space-between;align-items:center;margin:6px 0 10px;", "".join(extras))
    body += submit(p, loc.t("sign_in"))
    if p.chance(0.5):
        body += p.e("div", "", f"text-align:center;margin:14px 0;color:{p.theme.muted};font-size:13px", esc(loc.t("or")))
        for provider in p.rng.sample(("Google", "Apple", "Facebook", "Amazon", "PayPal"), p.rng.randint(1, 3)):
            body += p.button(f"{provider}", secondary=True, css="width:100%;margin-bottom:8px;")
    return form(p, body)


def otp_form(p: Page, fs: FormStyle) -> str:
    loc = p.loc
    body = p.text("h1", loc.t("otp"), "heading", "font-size:24px;") + p.text("p", loc.t("otp_sent"))
    if p.chance(0.4):
        # six single-digit boxes: only the first carries the token, as autofill fills it
        boxes = "".join(p.e("input", "input", "width:42px;height:48px;text-align:center;font-size:20px;"
                                f"border:1px solid {p.theme.border};border-radius:{p.theme.radius}px;",
                                "", "one-time-code" if i == 0 else None,
                                {"type": "text", "inputmode": "numeric", "maxlength": "1",
                                 "autocomplete": "one-time-code" if i == 0 and p.autocomplete != "absent" else None,
                                 "aria-label": f"{loc.t('otp')} {i + 1}"})
                        for i in range(6))
        body += p.e("div", "", "display:flex;gap:8px;margin:12px 0;", boxes)
    else:
        body += field(p, fs, "one-time-code", index=1)
    body += submit(p, loc.t("verify"))
    return form(p, body)


def signup_form(p: Page, fs: FormStyle, title: bool = True) -> str:
    loc = p.loc
    body = p.text("h1", loc.t("create_title"), "heading", f"font-size:{int(p.theme.base_size * 1.6)}px;") if title else ""
    parts = []
    if p.chance(0.6):
        parts.append(row(p, field(p, fs, "given-name", index=1), field(p, fs, "family-name", index=2)))
    elif p.chance(0.7):
        parts.append(field(p, fs, "name", index=1))
    if p.chance(0.25):
        parts.append(field(p, fs, "username", text=loc.t_any("username"), index=3))
    parts.append(field(p, fs, "email", index=4))
    if p.chance(0.3):
        parts.append(field(p, fs, "tel", index=5, optional=p.chance(0.5)))
    parts.append(field(p, fs, "new-password", index=6))
    if p.chance(0.5):
        parts.append(field(p, fs, "new-password", text=loc.t("confirm_password"), index=7))
    if p.chance(0.3):
        if p.chance(0.5):
            parts.append(field(p, fs, "bday", index=8))
        else:
            days = (loc.t("day"),) + tuple(str(d) for d in range(1, 32))
            months = (loc.t("month"),) + tuple(str(m) for m in range(1, 13))
            years = (loc.t("year"),) + tuple(str(y) for y in range(2008, 1940, -1))
            label = p.e("div", "label", "font-size:13px;margin-bottom:4px;", esc(loc.t("birthday")))
            parts.append(label + row(p, field(p, fs, "bday-day", index=9, select=days, text=loc.t("day")),
                                     field(p, fs, "bday-month", index=10, select=months, text=loc.t("month")),
                                     field(p, fs, "bday-year", index=11, select=years, text=loc.t("year"))))
    if p.chance(0.2) and len(parts) > 3:
        # email first is common too
        email = parts.pop(-3 if len(parts) > 3 else 0)
        parts.insert(0, email)
    body += "".join(parts)
    if p.chance(0.7):
        body += p.e("label", "", "font-size:13px;display:flex;gap:6px;margin:8px 0;",
                    p.e("input", "", "", "", None, {"type": "checkbox", "name": "terms"}) + esc(loc.t("agree_terms")))
    body += submit(p, loc.t("create_account"))
    return form(p, body)


ACCOUNT_FORMS: tuple[str, ...] = ("forgot", "reset", "change", "newsletter", "contact")


def account_form(p: Page, fs: FormStyle, kind: str) -> str:
    """The main form of a page that is neither a sign-in nor a registration page: asking for a
    reset link (email), setting a new password (new + confirm), changing it (current + new +
    confirm), a newsletter page (email, sometimes a first name, topic boxes) or a contact page
    (name, email, sometimes a phone, a message). Its fields look like those of a login or signup
    form, which is why the page type must come from what the page asks for as a whole."""
    loc, t = p.loc, p.theme
    h1 = f"font-size:{int(t.base_size * 1.6)}px;"
    if kind == "forgot":
        body = (p.text("h1", loc.t("reset_title"), "heading", h1) + p.text("p", loc.t("reset_text"))
                + field(p, fs, "email", index=1) + submit(p, loc.t("send_link")))
        if p.chance(0.7):
            body += p.text("a", loc.t("back"), "link", "display:block;margin-top:14px;font-size:13px;", attrs={"href": "#"})
    elif kind == "reset":
        body = (p.text("h1", loc.t("new_password_title"), "heading", h1)
                + field(p, fs, "new-password", text=loc.t("new_password_label"), index=1)
                + field(p, fs, "new-password", text=loc.t("confirm_password"), index=2)
                + submit(p, loc.t("save_changes") if p.chance(0.5) else loc.t("send_link")))
    elif kind == "change":
        body = (p.text("h1", loc.t("change_password"), "heading", h1)
                + field(p, fs, "current-password", text=loc.t("current_password"), index=1)
                + field(p, fs, "new-password", text=loc.t("new_password_label"), index=2))
        if p.chance(0.7):
            body += field(p, fs, "new-password", text=loc.t("confirm_password"), index=3)
        body += submit(p, loc.t("save_changes"), full=p.chance(0.5))
    elif kind == "newsletter":
        body = p.text("h1", loc.t("newsletter_title"), "heading", h1) + p.text("p", loc.t("newsletter_text"))
        if p.chance(0.4):
            body += field(p, fs, "given-name", index=1)
        body += field(p, fs, "email", index=2)
        if p.chance(0.5):
            topics = "".join(p.e("label", "", "display:block;font-size:14px;margin:4px 0;",
                                 p.e("input", "", "", "", None, {"type": "checkbox", "name": f"topic{i}"}) + " " + esc(x))
                             for i, x in enumerate((loc.t("free_shipping", p=loc.money(50.0)), loc.t("related"), loc.t("reviews"))))
            body += p.text("div", loc.t("email_prefs"), "", "font-weight:600;margin-top:8px;") + topics
        body += submit(p, loc.t("subscribe"), full=p.chance(0.5))
    elif kind == "contact":
        body = p.text("h1", loc.t("contact_title"), "heading", h1)
        if p.chance(0.5):
            body += row(p, field(p, fs, "given-name", index=1), field(p, fs, "family-name", index=2))
        else:
            body += field(p, fs, "name", index=1)
        body += field(p, fs, "email", index=3)
        if p.chance(0.4):
            body += field(p, fs, "tel", index=4, optional=p.chance(0.5))
        text = loc.t("message")
        box = p.e("textarea", "input", t.input_css() + "height:120px;", "", None,
                  {"name": p.rng.choice(("message", "comment", "body", "enquiry")), "aria-label": text})
        body += p.text("label", text, "label", "display:block;font-size:13px;margin-bottom:4px;") + box
        body += submit(p, loc.t("send"), full=p.chance(0.4))
    else:
        raise ValueError(f"account_form: unknown kind {kind!r}; known: {', '.join(ACCOUNT_FORMS)}")
    return form(p, body)


def newsletter_form(p: Page, inline: bool = True) -> str:
    """Footer or popup newsletter signup: an email field and its button (labelled)."""
    loc, t = p.loc, p.theme
    fs = FormStyle("placeholder" if p.chance(0.7) else "aria", p.rng.choice(NAME_STYLES), "newsletter",
                   False, 0, False)
    email = field(p, fs, "email", index=90)
    btn = submit(p, loc.t("subscribe"), full=not inline)
    body = p.e("div", "", "display:flex;gap:8px;align-items:flex-start;" if inline else "", email + btn)
    return form(p, body, sem="newsletter", css="margin:0;")


def search_form(p: Page, width: str = "100%") -> str:
    """Header search: unlabelled (search is not a field token)."""
    loc, t = p.loc, p.theme
    attrs = {"type": p.rng.choice(("search", "text")), "name": p.rng.choice(("q", "search", "query", "keyword", "s")),
             "placeholder": loc.t("search_ph"), "aria-label": loc.t("search") if p.chance(0.5) else None,
             "autocomplete": "off" if p.chance(0.5) else None}
    inp = p.e("input", "input", f"width:{width};padding:8px 12px;border:1px solid {t.border};"
              f"border-radius:{min(t.radius * 3, 999) if t.input_style != 'pill' else 999}px;font-size:14px;"
              f"background:{t.bg};color:{t.text};", "", None, attrs)
    btn = ""
    if p.chance(0.5):
        btn = p.e("button", "", "border:0;background:transparent;cursor:pointer;padding:4px 8px;color:inherit;",
                  _icon(p, "search", 18), None, {"type": "submit", "aria-label": loc.t("search")})
    return p.e("form", "search", "display:flex;align-items:center;flex:1;", inp + btn, None, {"role": "search", "action": "/search"})


def _icon(p: Page, name: str, size: int) -> str:
    from pagelens.synth.images import icon

    colour = p.theme.text
    return icon(name, p.theme.icon_style, size, colour)
