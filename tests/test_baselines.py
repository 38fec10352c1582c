"""Baselines on inline pages rendered by the real browser, and the eval command end to end."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from pagelens.baselines import BASELINES, get_baseline
from pagelens.baselines.rules import (FEATURE_NAMES, RulesPredictor, autocomplete_token,
                                      rule_features)
from pagelens.capture import CaptureJob, CaptureOptions
from pagelens.metrics import GoldPage
from pagelens.predictor import Predictor
from pagelens.records import Box, Element, PageCapture, Viewport

PRODUCT = """<!doctype html><html><head><title>Trail Runner 2 – Shop</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",
 "name": "Trail Runner 2", "image": "https://shop.example/img/trail-runner-2.jpg",
 "offers": {"@type": "Offer", "price": "89.90", "priceCurrency": "EUR"}}</script></head>
<body style="font: 14px sans-serif; margin: 0">
<nav><a href="/">Home</a> <a href="/cart">Cart</a> <span>Free shipping over 50,00 €</span></nav>
<div style="display: flex; gap: 20px; padding: 20px">
 <img data-pl-label="product_image" class="main" src="https://shop.example/img/trail-runner-2.jpg"
      alt="Trail Runner 2" style="width: 400px; height: 400px; background: #ddd">
 <div>
  <h1 data-pl-label="product_title" style="font-size: 32px">Trail Runner 2</h1>
  <span data-pl-label="old_price" style="text-decoration: line-through; color: #888">119,00 €</span>
  <span data-pl-label="price" class="price" style="font-size: 28px; font-weight: bold">89,90 €</span>
  <p>Light trail shoe with a grippy sole for wet rock and mud, in three colours.</p>
  <label>Menge <input name="qty" value="1" style="width: 40px"></label>
  <button data-pl-label="add_to_cart" style="font-size: 18px; padding: 10px 30px">In den Warenkorb</button>
 </div>
</div>
<h2>You may also like</h2>
<div><img src="https://shop.example/img/other.jpg" alt="Road Runner" style="width: 120px; height: 120px">
 <span>Road Runner</span> <span>59,90 €</span></div>
</body></html>"""

LOGIN_DE = """<!doctype html><html><head><title>Anmelden</title></head><body>
<h1>Anmelden</h1>
<form action="/login" method="post">
 <label for="u">E-Mail-Adresse</label> <input id="u" name="login_mail" type="text" data-pl-label="username">
 <label for="p">Passwort</label> <input id="p" name="pw" type="password" data-pl-label="current-password">
 <a href="/forgot">Passwort vergessen?</a>
 <button type="submit" data-pl-label="submit">Anmelden</button>
</form></body></html>"""

CHECKOUT_FR = """<!doctype html><html><head><title>Paiement</title></head><body>
<h1>Paiement</h1><form>
 <input name="prenom" placeholder="Prénom" data-pl-label="given-name">
 <input name="nom" placeholder="Nom de famille" data-pl-label="family-name">
 <input name="adresse" placeholder="Adresse" data-pl-label="address-line1">
 <input name="cp" placeholder="Code postal" data-pl-label="postal-code">
 <input name="ville" placeholder="Ville" data-pl-label="address-level2">
 <input name="x1" autocomplete="cc-number" data-pl-label="cc-number">
 <input name="x2" placeholder="CVV" data-pl-label="cc-csc">
 <input type="submit" value="Payer" data-pl-label="submit">
</form></body></html>"""

# Drop-downs whose names and shown options say nothing: only their option lists do.
COUNTRIES = ("Germany", "France", "Marshall Islands", "Martinique", "Mayotte",
             "Svalbard and Jan Mayen", "San Marino", "St. Martin", "Northern Mariana Islands",
             "United States")
SELECTS = """<!doctype html><html><head><title>Order</title></head><body><form>
 <input name="f1" autocomplete="cc-number" data-pl-label="cc-number">
 <select name="s1" data-pl-label="cc-exp-month"><option value="">--</option>%s</select>
 <select name="s2" data-pl-label="cc-exp-year"><option value="">--</option>%s</select>
 <select name="s3" data-pl-label="country"><option>Please choose</option>
  <optgroup label="All">%s</optgroup></select>
 <select name="s4" data-pl-label="address-level1"><option value="">--</option>%s</select>
</form></body></html>""" % (
    "".join(f"<option value={i}>{m}</option>" for i, m in enumerate(
        ("January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"), 1)),
    "".join(f"<option>{y}</option>" for y in range(2026, 2036)),
    "".join(f"<option>{c}</option>" for c in COUNTRIES),
    "".join(f"<option>{s}</option>" for s in ("Alabama", "Alaska", "Arizona", "Maryland")))

OPTS = CaptureOptions(label_attributes=("data-pl-label",))


@pytest.fixture(scope="module")
def pages(browser):
    out = {}
    for name, html in (("product", PRODUCT), ("login", LOGIN_DE), ("checkout", CHECKOUT_FR)):
        r = browser.capture(CaptureJob(source=f"inline/{name}", html=html), OPTS)
        assert r.capture is not None, r.error
        out[name] = (r.capture, {v["data-pl-label"]: k for k, v in r.raw_labels.items()})
    return out


def test_registry_builds_protocol_objects():
    with pytest.raises(KeyError, match="known: rules, extruct, formasaurus"):
        get_baseline("nope")
    for name in ("rules", "extruct"):
        p = get_baseline(name)
        assert isinstance(p, Predictor) and p.name == name
    assert set(BASELINES) == {"rules", "extruct", "formasaurus"}


@pytest.mark.parametrize("value, token", [
    ("cc-name", "cc-name"), ("billing cc-number", "cc-number"), ("shipping tel-national", "tel"),
    ("cc-given-name", "given-name"), ("cc-family-name", "family-name"),
    ("billing given-name cc-given-name", "given-name"), ("organization", None), ("off", None),
    ("work tel-extension", None),
])
def test_autocomplete_tokens(value, token):
    el = Element(id=1, parent=0, tag="input", xpath="/input", box=Box(0, 0, 10, 10),
                 attrs={"autocomplete": value})
    assert autocomplete_token(el) == token


def _rule_tokens(*boxes: dict[str, str]) -> list[str | None]:
    """The rules' token of each text box (its attributes), one below the other in one form."""
    from pagelens.baselines.rules import PageContext, _FormFacts, classify_field

    html = Element(id=0, parent=-1, tag="html", xpath="/html[1]", box=Box(0, 0, 800, 600))
    els = (html,) + tuple(
        Element(id=i, parent=0, tag="input", xpath=f"/html[1]/input[{i}]",
                box=Box(0, 40 * i, 200, 40 * i + 30), attrs={"type": "text", **attrs})
        for i, attrs in enumerate(boxes, 1))
    cap = PageCapture(source="inline", final_url="https://example.test/", title="",
                      viewport=Viewport(800, 600), page_width=800, page_height=600, elements=els)
    ctx = PageContext(cap)
    facts = _FormFacts(ctx, [e for e in els if e.is_form_field])
    return [(classify_field(ctx, e, facts) or (None,))[0] for e in els[1:]]


def test_a_field_the_page_declares_unnamed_gets_no_token():
    """autocomplete="tel-extension" or "organization" says what a field is, and it is none of
    the tokens, whatever its label says ("Phone extension", "Company name")."""
    from pagelens.vocab import autocomplete_field_name, declares_unnamed_field

    got = _rule_tokens({"aria-label": "Phone extension", "autocomplete": "work tel-extension"},
                       {"aria-label": "Company name", "autocomplete": "organization"},
                       {"aria-label": "Phone", "autocomplete": "tel"},
                       {"aria-label": "Full name", "autocomplete": "name webauthn"})
    assert got == [None, None, "tel", "name"]
    assert autocomplete_field_name("section-a Shipping Tel webauthn") == "tel"
    assert declares_unnamed_field("billing organization") and not declares_unnamed_field("nickname")


def test_a_typed_day_of_a_birth_date_is_its_day():
    """Three boxes of a birthday (DD, MM, YYYY) are its day, month and year, and one box for
    the whole date is the date: a filler must not put a whole date into the day box."""
    got = _rule_tokens(*({"aria-label": "Birthday", "placeholder": p}
                         for p in ("DD", "MM", "YYYY", "DD/MM/YYYY")))
    assert got == ["bday-day", "bday-month", "bday-year", "bday"]


def test_a_date_range_is_no_birth_date():
    """Month and year boxes at one end of a range ("Year from", "dateToMonth") are a search
    filter's, not a birth date's; a box that says birthday stays one."""
    got = _rule_tokens({"name": "YearFrom"}, {"name": "dateToMonth"}, {"name": "year"},
                       {"name": "dob_year", "aria-label": "Birthday (to send you a gift)"})
    assert got == [None, None, "bday-year", "bday-year"]


def test_form_builder_names_and_password_boxes():
    """A JotForm question number ("q3_") is no search box's "q"; the old password of a change
    form is the current one; a password's hint box is no password; a security code typed
    masked is the card's security code."""
    got = _rule_tokens({"name": "q4_email"}, {"name": "q3_name[first]"},
                       {"name": "q8_address8[city]"}, {"name": "q"})
    assert got == ["email", "given-name", "address-level2", None]
    got = _rule_tokens({"name": "old_password", "type": "password"},
                       {"name": "new_password", "type": "password"},
                       {"name": "confirm_password", "type": "password"})
    assert got == ["current-password", "new-password", "new-password"]
    got = _rule_tokens({"name": "vb_login_password_hint"}, {"name": "password_reminder_answer"},
                       {"name": "txtCVV", "type": "password"}, {"name": "pwd"})
    assert got == [None, None, "cc-csc", "current-password"]


def test_an_address_beside_a_message_box_is_a_contact_form():
    """A form asking for an address and a message is a contact form, not a checkout; a box for
    the order's delivery notes leaves it a checkout."""
    def page_type(textarea: dict[str, str]) -> str:
        names = ("first_name", "email", "address1", "city", "zip")
        els = [Element(id=0, parent=-1, tag="body", xpath="/body", box=Box(0, 0, 800, 900)),
               Element(id=1, parent=0, tag="form", xpath="/body/form", box=Box(0, 0, 400, 800))]
        for i, name in enumerate(names, 2):
            els.append(Element(id=i, parent=1, tag="input", xpath=f"/body/form/input[{i}]",
                               box=Box(0, 40 * i, 200, 40 * i + 30),
                               attrs={"type": "text", "name": name}))
        els.append(Element(id=len(els), parent=1, tag="textarea", xpath="/body/form/textarea",
                           box=Box(0, 400, 300, 480), attrs=textarea))
        cap = PageCapture(source="inline", final_url="https://example.test/", title="",
                          viewport=Viewport(800, 600), page_width=800, page_height=900,
                          elements=tuple(els))
        return RulesPredictor().predict_one(cap).page_type

    assert page_type({"name": "message"}) != "checkout"
    assert page_type({"name": "order_comments", "aria-label": "Delivery notes"}) == "checkout"


def test_newsletter_boxes_repeated_are_no_sign_up():
    """Three newsletter boxes asking for an email under a "Sign up" heading ask for one kind of
    identity: no sign-up page; an email and a name under it are one."""
    from pagelens.baselines.rules import PageContext, page_type_of
    from pagelens.records import ElementLabel

    els = (Element(id=0, parent=-1, tag="body", xpath="/body", box=Box(0, 0, 800, 600)),
           Element(id=1, parent=0, tag="h2", xpath="/body/h2", box=Box(0, 0, 300, 30),
                   text="Sign up for our newsletter", full_text="Sign up for our newsletter"))
    cap = PageCapture(source="inline", final_url="https://example.test/", title="News",
                      viewport=Viewport(800, 600), page_width=800, page_height=600, elements=els)
    ctx = PageContext(cap)
    emails = [ElementLabel(1, "email", 0.9)] * 3
    assert page_type_of(ctx, emails, {}) != "signup"
    assert page_type_of(ctx, emails[:1] + [ElementLabel(1, "given-name", 0.9)], {}) == "signup"


def test_a_password_beside_a_first_name_is_being_chosen():
    """A form asking for a first name opens an account, so its one password is a new one; a
    family name alone (an airline's sign-in) leaves it the password in use."""
    def tokens(names: tuple[str, ...]) -> list[str]:
        els = [Element(id=0, parent=-1, tag="html", xpath="/html[1]", box=Box(0, 0, 800, 600)),
               Element(id=1, parent=0, tag="form", xpath="/html[1]/form[1]", box=Box(0, 0, 400, 300))]
        for i, name in enumerate(names, 2):
            els.append(Element(id=i, parent=1, tag="input", xpath=f"/html[1]/form[1]/input[{i}]",
                               box=Box(0, 40 * i, 200, 40 * i + 30),
                               attrs={"type": "password" if name == "pw" else "text", "name": name}))
        cap = PageCapture(source="inline", final_url="https://example.test/", title="",
                          viewport=Viewport(800, 600), page_width=800, page_height=600,
                          elements=tuple(els))
        pred = RulesPredictor().predict_one(cap)
        return [f.label for f in sorted(pred.fields, key=lambda f: f.element_id) if f.label != "submit"]

    assert tokens(("first_name", "last_name", "email", "pw")) == [
        "given-name", "family-name", "email", "new-password"]
    assert tokens(("last_name", "member_number", "pw"))[-1] == "current-password"


def test_a_change_of_password_is_no_sign_up():
    """A form asking for the password in use and a new one changes a password: the page is no
    sign-up page, while a form with two new passwords still opens an account."""
    def page_type(names: tuple[str, ...], form: str = "form") -> str:
        els = [Element(id=0, parent=-1, tag="html", xpath="/html[1]", box=Box(0, 0, 800, 600)),
               Element(id=1, parent=0, tag=form, xpath="/html[1]/form[1]", box=Box(0, 0, 400, 300))]
        for i, name in enumerate(names, 2):
            els.append(Element(id=i, parent=1, tag="input", xpath=f"/html[1]/form[1]/input[{i}]",
                               box=Box(0, 40 * i, 200, 40 * i + 30),
                               attrs={"type": "password", "name": name}))
        cap = PageCapture(source="inline", final_url="https://example.test/", title="",
                          viewport=Viewport(800, 600), page_width=800, page_height=600,
                          elements=tuple(els))
        return RulesPredictor().predict_one(cap).page_type

    assert page_type(("old_password", "new_password", "confirm_password")) == "other"
    assert page_type(("password", "password_confirm")) == "signup"
    assert page_type(("current_password", "new_password"), form="div") == "other", \
        "outside any form, the password in use says it is the current one"


def test_an_old_price_classed_as_one_is_struck_out_without_style_sheets():
    """Magento's old price (`<p class="old-price"><span class="price">`) shows no strike-through
    in a render without the site's style sheets; its class says it is struck out, and the sale
    price beside it is the price."""
    from pagelens.baselines.rules import PageContext, rank_role

    rows = [(-1, "div", {}, ""), (0, "h1", {}, "Atomic Clock"),
            (0, "div", {"class": "price-box"}, "$59.95 $94.95"),
            (2, "span", {"class": "special-price"}, "$59.95"), (3, "span", {"class": "price"}, "$59.95"),
            (2, "p", {"class": "old-price"}, "$94.95"), (5, "span", {"class": "price"}, "$94.95")]
    els = tuple(Element(id=i, parent=parent, tag=tag, xpath=f"/{tag}[{i}]",
                        box=Box(0, 30 * i, 200, 30 * i + 24), attrs=attrs, text=text, full_text=text)
                for i, (parent, tag, attrs, text) in enumerate(rows))
    cap = PageCapture(source="inline", final_url="https://example.test/", title="Atomic Clock",
                      viewport=Viewport(800, 600), page_width=800, page_height=600, elements=els)
    ctx = PageContext(cap)
    assert [ctx.struck[i] for i in (3, 4, 5, 6)] == [False, False, True, True]
    assert cap.elements[rank_role(ctx, "price")[0][0]].text == "$59.95"
    assert cap.elements[rank_role(ctx, "old_price")[0][0]].text == "$94.95"


def test_a_page_titled_a_cart_or_a_count_of_products_is_a_cart_or_a_listing():
    """A page titled a cart with a way to the checkout is a cart even beside recommended products'
    add-to-cart buttons; a page whose title counts products is a listing; a product named after
    a cart, with no way to the checkout, stays what it was."""
    def page_type(title: str, texts: list[tuple[str, str]]) -> str:
        els = [Element(id=0, parent=-1, tag="body", xpath="/body", box=Box(0, 0, 800, 2000))]
        for i, (tag, text) in enumerate(texts, 1):
            els.append(Element(id=i, parent=0, tag=tag, xpath=f"/body/{tag}[{i}]",
                               box=Box(0, 40 * i, 300, 40 * i + 30), text=text, full_text=text,
                               attrs={"href": "/x"} if tag == "a" else {}))
        cap = PageCapture(source="inline", final_url="https://example.test/", title=title,
                          viewport=Viewport(800, 600), page_width=800, page_height=2000,
                          elements=tuple(els))
        return RulesPredictor().predict_one(cap).page_type

    basket = [("h1", "Ihr Warenkorb"), ("span", "49,90 €"), ("a", "Zur Kasse"),
              ("h2", "Das könnte Ihnen auch gefallen"), ("span", "12,00 €"),
              ("button", "In den Warenkorb"), ("span", "19,00 €"), ("button", "In den Warenkorb")]
    assert page_type("Ihr Warenkorb | Shop", basket) == "cart"
    assert page_type("Ihr Warenkorb | Shop", basket[:2] + basket[3:]) != "cart", "no way to pay"
    sofas = [("h1", "Sofas"), ("span", "$499"), ("span", "$799"), ("span", "$1,299")]
    assert page_type("Sofas (107 products) | Shop", sofas) == "listing"
    assert page_type("検索結果 576件 · Shop", sofas) == "listing"
    assert page_type("Sofas | Shop", sofas) != "listing"
    golf = [("h1", "Golf Cart Cover"), ("span", "$39.99"), ("button", "Add to cart")]
    assert page_type("Golf Cart Cover | Shop", golf) != "cart"
    # the fullwidth yen sign Japanese shops write is a currency: a grid of such prices lists
    yen = [("h1", "セーター"), ("span", "￥18,900"), ("span", "￥1,330"), ("span", "￥1,470")]
    assert page_type("検索結果 576件 · Shop", yen) == "listing"


def test_a_page_titled_checkout_with_an_address_is_a_checkout():
    """A page titled checkout that asks for an address is a checkout page, whatever
    add-to-cart buttons or account boxes it also shows; elsewhere an address with a new
    password opens an account."""
    from pagelens.baselines.rules import PageContext, page_type_of
    from pagelens.records import ElementLabel

    html = Element(id=0, parent=-1, tag="body", xpath="/body", box=Box(0, 0, 800, 600))
    h1 = Element(id=1, parent=0, tag="h1", xpath="/body/h1", box=Box(0, 0, 300, 30),
                 text="Do kasy", full_text="Do kasy")

    def typed(title: str, more: tuple[str, ...] = ()) -> str:
        cap = PageCapture(source="inline", final_url="https://example.test/", title=title,
                          viewport=Viewport(800, 600), page_width=800, page_height=600,
                          elements=(html, h1))
        fields = [ElementLabel(1, tok, 0.9)
                  for tok in ("address-line1", "postal-code", "new-password") + more]
        return page_type_of(PageContext(cap), fields, {})

    assert typed("Do kasy - Sklep") == "checkout"
    h1 = replace(h1, text="Konto", full_text="Konto")
    assert typed("Załóż konto - Sklep") == "signup"
    # an account opened with its address is a registration; a card makes it a checkout
    assert typed("Konto - Sklep", ("address-level2", "email")) == "signup"
    assert typed("Konto - Sklep", ("address-level2", "email", "cc-number")) == "checkout"


def test_country_lists_in_other_languages_are_places_not_months():
    """A German country list, padded with words that start like months as lists of places and
    brands are, reads like months to an English pattern; its names make it a country list. A US
    state list with its territories (Guam, Puerto Rico) stays a state list."""
    from pagelens.baselines.rules import PageContext, _FormFacts, classify_field, lists_countries

    german = " ; ".join(("Land", "Deutschland", "Marokko", "Marshallinseln", "Martinique",
                         "Mayotte", "Mazedonien", "Janmayen", "Junggesellen", "Augustinsel",
                         "Decorama", "Novelle", "Oktoberfest", "Septett", "Österreich"))
    assert lists_countries(german) and not lists_countries("Man ; Woman ; Other")
    html = Element(id=0, parent=-1, tag="html", xpath="/html[1]", box=Box(0, 0, 800, 600))
    states = ("Alabama", "Alaska", "American Samoa", "Guam", "Puerto Rico", "Wyoming")
    els = [html, Element(id=1, parent=0, tag="select", xpath="/html[1]/select[1]",
                         box=Box(0, 0, 200, 30), attrs={"name": "land"}),
           Element(id=2, parent=0, tag="select", xpath="/html[1]/select[2]",
                   box=Box(0, 40, 200, 70), attrs={"name": "s2"})]
    for sel, options in ((1, german.split(" ; ")), (2, states)):
        els += [Element(id=len(els), parent=sel, tag="option", xpath=f"/html[1]/select[{sel}]/option",
                        box=Box(0, 0, 0, 0), text=o, full_text=o, visible=False) for o in options]
    cap = PageCapture(source="inline", final_url="https://example.test/", title="",
                      viewport=Viewport(800, 600), page_width=800, page_height=600,
                      elements=tuple(els))
    ctx = PageContext(cap)
    facts = _FormFacts(ctx, [e for e in els if e.is_form_field])
    assert [(classify_field(ctx, e, facts) or (None,))[0] for e in els[1:3]] == [
        "country", "address-level1"]


def test_rules_product_page(pages):
    cap, want = pages["product"]
    pred = RulesPredictor().predict([cap])[0]
    assert pred.page_type == "product"
    for role in ("price", "product_title", "product_image", "add_to_cart", "old_price"):
        assert pred.rankings[role][0][0] == want[role], role
    assert pred.role("price").element_id == want["price"]
    assert abs(sum(pred.page_type_scores.values()) - 1) < 1e-6


def test_rules_login_form_in_german(pages):
    cap, want = pages["login"]
    pred = RulesPredictor().predict_one(cap)
    got = {f.label: f.element_id for f in pred.fields}
    assert got == {"username": want["username"], "current-password": want["current-password"],
                   "submit": want["submit"]}
    assert pred.page_type == "login"


def test_rules_checkout_form_in_french(pages):
    cap, want = pages["checkout"]
    pred = RulesPredictor().predict_one(cap)
    got = {f.element_id: f.label for f in pred.fields}
    for token, eid in want.items():
        assert got.get(eid) == token, token
    assert pred.page_type == "checkout"


def test_rules_read_a_drop_downs_options(browser):
    r = browser.capture(CaptureJob(source="inline/selects", html=SELECTS), OPTS)
    cap, want = r.capture, {v["data-pl-label"]: k for k, v in r.raw_labels.items()}
    country = cap.elements[want["country"]]
    options = [e for e in cap.elements if e.tag == "option" and e.parent != want["country"]
               and cap.elements[e.parent].parent == want["country"]]
    # the capture keeps each option's label, though a closed drop-down draws none of them
    assert [e.full_text for e in options] == list(COUNTRIES)
    assert not any(e.visible for e in options) and country.full_text == "Please choose"
    pred = RulesPredictor().predict_one(cap)
    got = {f.element_id: f.label for f in pred.fields}
    for token, eid in want.items():  # a country list is no month list (Marshall, Mayotte)
        assert got.get(eid) == token, token


def test_rule_features_are_named_and_aligned(pages):
    cap, want = pages["product"]
    feats = rule_features(cap)
    assert feats.shape == (len(cap.elements), len(FEATURE_NAMES)) and feats.dtype == np.float32
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    col = FEATURE_NAMES.index
    assert feats[want["old_price"], col("struck_out")] == 1
    assert feats[want["price"], col("struck_out")] == 0
    assert feats[want["price"], col("has_price_pattern")] == 1
    assert feats[want["product_title"], col("is_h1")] == 1
    # The role score column ranks the labelled price first among all elements.
    assert int(np.argmax(feats[:, col("role_price")])) == want["price"]
    login, lw = pages["login"]
    f2 = rule_features(login)
    assert f2[lw["username"], col("kw_email")] > 0 and f2[lw["current-password"], col("kw_password")] > 0
    assert f2[lw["username"], col("kw_cc-number")] == 0


def test_extruct_maps_structured_data_to_elements(pages):
    cap, want = pages["product"]
    pred = get_baseline("extruct").predict([cap])[0]
    assert pred.page_type == "product"
    assert pred.rankings["product_title"][0][0] == want["product_title"]
    assert pred.rankings["price"][0][0] == want["price"]
    assert pred.rankings["product_image"][0][0] == want["product_image"]
    login, _ = pages["login"]
    assert get_baseline("extruct").predict([login])[0].page_type == "other"


def test_formasaurus_baseline_or_clear_error(pages):
    from pagelens.baselines.formasaurus_baseline import FormasaurusUnavailable

    try:
        p = get_baseline("formasaurus")
    except FormasaurusUnavailable as exc:
        assert "pip install formasaurus" in str(exc)
        pytest.skip(str(exc))
    cap, want = pages["login"]
    pred = p.predict([cap])[0]
    assert pred.page_type == "login"
    got = {f.element_id: f.label for f in pred.fields}
    assert got.get(want["current-password"]) == "current-password"


def test_eval_command_end_to_end(pages, tmp_path, capsys):
    from pagelens.cli import main

    corpus = tmp_path / "inline"
    for name, (cap, want) in pages.items():
        folder = corpus / name
        cap.save(folder)
        page_type = {"product": "product", "login": "login", "checkout": "checkout"}[name]
        GoldPage(page_type=page_type, site=f"{name}.example", elements={v: k for k, v in want.items()},
                 tasks=("fields", "roles", "page_type")).save(folder)
    out = tmp_path / "report.json"
    assert main(["eval", str(corpus), "--baseline", "rules", "--baseline", "extruct",
                 "--bootstrap", "50", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| corpus | predictor |" in printed and "rules" in printed
    report = json.loads(out.read_text())
    by = {r["predictor"]: r["metrics"] for r in report["results"]}
    assert by["rules"]["pages"] == 3 and by["rules"]["sites"] == 3
    assert by["rules"]["page_type"]["accuracy"]["value"] == 1.0
    assert by["rules"]["roles"]["price"]["top1"]["value"] == 1.0
    assert by["rules"]["fields"]["macro_f1"]["value"] > 0.8
    assert by["extruct"]["fields"] == {}  # extruct does not claim form fields
    assert main(["eval", str(tmp_path / "missing"), "--out", str(out)]) == 2
    # --sites-from keeps only the listed websites.
    sites = tmp_path / "sites.txt"
    sites.write_text("login.example\n")
    assert main(["eval", str(corpus), "--sites-from", str(sites), "--bootstrap", "20",
                 "--out", str(out)]) == 0
    only = json.loads(out.read_text())["results"][0]["metrics"]
    assert only["pages"] == 1 and only["page_type"]["accuracy"]["value"] == 1.0
