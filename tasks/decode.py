"""Head outputs to a :class:`pagelens.records.Prediction`.

- Page type: softmax over :data:`PAGE_TYPES` (the rules' page type optionally weighed again,
  ``DecodeConfig.rule_page_boost``), or over the scores of a stack fitted on real pages
  (``DecodeConfig.page_type_stack``, :mod:`pagelens.tasks.page_stack`).
- Singleton roles (price, title, main image, ...): the listwise softmax over the page's elements
  and "not on this page"; the best element is emitted when it beats "not on this page", and the
  five best elements go to ``rankings`` whatever the decision (top-k metrics use them).
- When the caller says the page is a product page (``known_type``), its price and title are
  emitted even where the network puts them off the page (``DecodeConfig.told_product_roles``).
- Other roles (review, description, features, cart link): every element whose most likely role
  class is that role.
- A price chosen on a piece of a price split over elements (``79.`` of
  ``<span>$</span><span>79.</span><sup>99</sup>``) is moved to the nearest ancestor, at most
  :data:`PRICE_CLIMB` levels up, whose short text is that whole price (:func:`whole_price_element`):
  the element a shopper reads as the price, and the one the synthetic shops label.
- Optionally (``DecodeConfig.tight_price``, off in the shipped model), a ranked price moves to
  its tightest descendant reading as a price of the same amount (:func:`tightest_price_element`).
- A price or old price must read as one (``DecodeConfig.price_shape``,
  :func:`reads_as_price`: a currency, or an amount with cents); where the network's best does
  not (``50%Off``, ``5-9``, a stock number), its best element that does stands instead.
- On a page that shows no photo (no visible ``<img>`` :data:`PHOTO_SIDE` pixels wide and tall,
  :func:`shows_a_photo`: a saved page opened offline, whose images did not load), the main image
  is ranked by the rules, which read alt text, ``itemprop`` and class names, not pixels
  (``DecodeConfig.image_rules_without_photo``).
- What the page declares in its structured data (JSON-LD, microdata) weighs in where the page
  shows it: a page decoded as other or listing that declares exactly one product is a product
  page (``DecodeConfig.declared_product_page``; with ``declared_product_price``, only when the
  product declares a price, as before 2026-12-07); on a product page, a first price of
  another amount than the declared one gives way to the network's best element reading as that
  amount (``declared_price``), and a first main image showing another file than the declared
  image to the network's best element showing it (``declared_image``). Measured in
  docs/model.md (Decisions): out of fold on the 48 fathom pages, the first price the gold on 29
  instead of 26 and a gold price value on 42 instead of 34, the gold image on 21 instead of 19;
  page type over 869 real pages 0.807 to 0.815.
- Fields: every form control (input/select/textarea) whose most likely field class is a token,
  and every clickable element (button, submit input, link, role=button, pointer cursor) whose most
  likely class is ``submit``. Restricting to candidates keeps a stray ``<div>`` out of the form.
  Tokens in ``DecodeConfig.rule_fields`` (those the model had too few training examples of) are
  left to the rules baseline: where its decision on an element is one of them, that decision
  stands, with the rules' confidence. The shipped model keeps one submit button per form, the
  rules' where they name one (``DecodeConfig.submit_buttons``).
- A page decoded as checkout whose fields hold a sign-in field and nothing of paying or
  shipping is decoded as the next most likely type (``DecodeConfig.checkout_needs_checkout_fields``,
  :func:`is_sign_in_only`); one decoded as signup whose fields are a newsletter box's is too
  (``signup_needs_account``, :func:`is_newsletter_box`); one decoded as other whose fields open
  an account is a sign-up (``account_form_is_signup``, :func:`is_account_form`).
- A page decoded as signup whose fields hold a new password and nothing naming the person
  (:data:`IDENTITY_TOKENS`) is a password change or reset, decoded as other, when
  ``DecodeConfig.signup_needs_identity`` is set (:func:`is_password_change`; off in the shipped
  model). Likewise off: a current password beside a first name in its form as a new password,
  and a sign-in page holding such a form as a sign-up (``password_beside_name``,
  ``login_with_registration``).
- A honeypot, a control hidden from people to catch robots
  (:func:`pagelens.tasks.candidates.honeypot`), gets no field token (``honeypot_no_token``).
- A page decoded as login, signup or checkout whose fields of that type all sit in containers
  that open over the page (:func:`pagelens.tasks.candidates.in_overlay`: a sign-in dialog, a
  registration pop-up), and where the network finds a price and a product title, is decoded
  as a product page (``overlay_forms_on_product``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence
from urllib.parse import urlsplit

import torch

from pagelens.product import (CURRENCY_MARK, MORE_MARKS, PRICE_NUMBER, STARS, join_split_cents,
                              parse_money, price_text, structured_product)
from pagelens.records import ElementLabel, PageCapture, Prediction
from pagelens.tasks.candidates import (CONTROL_TAGS, form_of, honeypot, in_overlay,
                                       is_field_candidate, is_submit_candidate, takes_input)
from pagelens.tasks.heads import FIELD_CLASSES, ROLE_CLASSES
from pagelens.tasks.page_stack import PageTypeStack, output_features
from pagelens.vocab import PAGE_TYPES, SINGLETON_ROLES, declares_unnamed_field

PRICE_ROLES = ("price", "old_price")
# Roles every product page has and the rules find well: where the network puts one off the
# page, the rules' pick stands (DecodeConfig.absent_to_rules). Not the image: on the 26 fathom
# pages of the training websites that moved 5 images, 1 right one to a wrong one and none the
# other way (the price: 2 moved, 1 wrong to right).
PRODUCT_ROLES = ("price", "product_title")
PRICE_CLIMB = 2  # ancestors looked at: "$" + "79" + ".99" spans sit in one or two wrappers
PRICE_TEXT = 40  # characters: an ancestor with more text is more than a price
SUBMIT_DECODING = ("all", "one_per_form", "rules_per_form")  # DecodeConfig.submit_buttons
# Currency words CURRENCY_MARK leaves out (it marks what names a currency for parsing) that
# still say a text is a price: yen and yuan (also the fullwidth sign), rouble, forint, leu,
# rupee, lira.
_MORE_CURRENCY = re.compile(MORE_MARKS.pattern + r"|руб|\b(?:Ft|lei|Rs|TL)\b")
_CENTS = re.compile(r"\d[.,]\d{2}(?!\d)")
_PERCENT = re.compile(r"\d\s*%")
PRICE_SCAN = 200  # elements looked at, best first, for one that reads as a price (or title)
TITLE_LETTERS = 2  # letters a product title holds at least (reads_as_title)
PHOTO_SIDE = 100  # px: a visible <img> this wide and tall shows a photo, not a broken image
IMAGE_CLIMB = 3  # wrapper levels above an image that show it (figure > a > picture > img)


def _price_shape(text: str) -> tuple[bool, list[str]]:
    """Whether ``text`` has a currency marker, and the digit runs of its numbers."""
    text = join_split_cents(text)
    return (CURRENCY_MARK.search(text) is not None,
            [re.sub(r"\D", "", m) for m in PRICE_NUMBER.findall(text)])


def reads_as_price(text: str) -> bool:
    """Whether ``text`` can be a price shown to a shopper: it holds a number and a currency
    (``$79``, ``49 zł``, ``1,299円``, ``$79.99 (20% off)``) or, with no percentage, an amount
    with cents (``199.99``). Not a price: ``50%Off``, ``5-9``, ``1124604``, ``(888) 880-3811``."""
    text = join_split_cents(" ".join(text.split()))
    if not re.search(r"\d", text):
        return False
    if CURRENCY_MARK.search(text) or _MORE_CURRENCY.search(text):
        return True
    return bool(_CENTS.search(text)) and not _PERCENT.search(text)


def reads_as_title(text: str) -> bool:
    """Whether ``text`` can be a product's name: no rating stars, and at least
    :data:`TITLE_LETTERS` letters, twice that when it reads as a price (``Gift card $50`` can
    be a name; ``47.90 zł``, ``4.90`` or ``★★★★★ 2,675 reviews`` cannot)."""
    if STARS.search(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters >= (2 * TITLE_LETTERS if reads_as_price(text) else TITLE_LETTERS)


def whole_price_element(capture: PageCapture, eid: int) -> int:
    """``eid``, or the nearest ancestor (at most :data:`PRICE_CLIMB` up) whose text is the whole
    price ``eid``'s text is a piece of: at most :data:`PRICE_TEXT` characters holding a currency
    marker and one number with more digits than ``eid``'s, containing them (``79.`` or ``99`` or
    a lone ``$`` of ``$79.99``). An element whose number is whole stays, with or without its
    currency (``13.74`` beside a ``$`` span: people label that element, measured on the training
    websites of fathom-products); so does one holding two numbers, or under an ancestor that does
    ("Was $99 Now $79": a choice the network made, not a piece)."""
    els = capture.elements
    currency, numbers = _price_shape(" ".join(els[eid].full_text.split()))
    if len(numbers) > 1 or not (numbers or currency):
        return eid
    digits = numbers[0] if numbers else ""  # a lone "$" is a piece too
    p = els[eid].parent
    for _ in range(PRICE_CLIMB):
        if p < 0:
            break
        text = " ".join(els[p].full_text.split())
        if len(text) > PRICE_TEXT:
            break
        up_currency, up_numbers = _price_shape(text)
        if len(up_numbers) == 1 and digits in up_numbers[0] and up_currency \
                and len(up_numbers[0]) > len(digits):
            return p
        p = els[p].parent
    return eid


def tightest_price_element(capture: PageCapture, eid: int,
                           children: dict[int, list[int]] | None = None) -> int:
    """``eid``, or its visible descendant with the fewest characters (then the deepest) that
    reads as a price (:func:`reads_as_price`) of the same amount as ``eid``'s own reading
    (:func:`pagelens.product.price_text`): the price inside a wrapper of the same text, or inside
    a line that labels it ("You Pay: $3,299.00"). The pieces of a split price read other amounts,
    so a whole-price element stays."""
    kids = capture.children() if children is None else children
    own = parse_money(price_text(capture, eid, kids))
    if own is None or not kids.get(eid):
        return eid
    best, best_key = eid, (len(" ".join(capture.elements[eid].full_text.split())), 0)
    stack = [(c, 1) for c in kids[eid]]
    while stack:
        d, depth = stack.pop()
        stack.extend((c, depth + 1) for c in kids.get(d, ()))
        el = capture.elements[d]
        text = " ".join(el.full_text.split())
        if not el.visible or not reads_as_price(text) or (len(text), -depth) >= best_key:
            continue
        money = parse_money(price_text(capture, d, kids))
        if money is not None and money.amount == own.amount:
            best, best_key = d, (len(text), -depth)
    return best


def _tightest_prices(capture: PageCapture,
                     ranking: tuple[tuple[int, float], ...]) -> tuple[tuple[int, float], ...]:
    """``ranking`` with each element moved to :func:`tightest_price_element`; an element met
    twice keeps its first (best) place."""
    kids = capture.children()
    out: dict[int, float] = {}
    for eid, p in ranking:
        out.setdefault(tightest_price_element(capture, eid, kids), p)
    return tuple(out.items())


def declared_amount(capture: PageCapture) -> Decimal | None:
    """The price the page's structured data declares for its product (JSON-LD or microdata
    ``Product`` offer, :func:`pagelens.product.structured_product`) when it is a positive
    amount, else None."""
    declared = structured_product(capture.html, capture.final_url)
    money = parse_money(declared.price) if declared and declared.price else None
    amount = Decimal(money.amount) if money else None
    return amount if amount and amount > 0 else None


def declares_one_product(capture: PageCapture, with_price: bool = True) -> bool:
    """Whether the page's structured data declares exactly one ``Product`` (a listing page
    declares many, or none) and, with ``with_price``, a positive price for it."""
    declared = structured_product(capture.html, capture.final_url)
    return declared is not None and declared.products == 1 \
        and (not with_price or declared_amount(capture) is not None)


def shows_a_photo(capture: PageCapture) -> bool:
    """Whether a visible ``<img>`` of the page is at least :data:`PHOTO_SIDE` pixels wide and tall.
    A photo that did not load (a saved page opened offline) is drawn as its alt text, about 18
    pixels tall."""
    return any(el.tag == "img" and el.visible and el.box.x1 - el.box.x0 >= PHOTO_SIDE
               and el.box.y1 - el.box.y0 >= PHOTO_SIDE for el in capture.elements)


def _rules_ranking(element_ids: tuple[int, ...], scores: torch.Tensor,
                   k: int) -> tuple[tuple[int, float], ...]:
    """The rules' ranking from their score column (their top k, 0 elsewhere): best first, ties to
    the earlier element, as the rules baseline ranks."""
    picked = [(float(scores[i]), element_ids[i]) for i in torch.nonzero(scores > 0).flatten().tolist()]
    picked.sort(key=lambda t: (-t[0], t[1]))
    return tuple((eid, p) for p, eid in picked[:k])


def image_name(url: str | None) -> str:
    """An image URL's file name, lower-cased (``/img/Shoe-1.JPG?w=600`` -> ``shoe-1.jpg``)."""
    if not url:
        return ""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    return path.rstrip("/").rsplit("/", 1)[-1].lower()


def _best_of(element_ids: tuple[int, ...], keys: torch.Tensor, probs: torch.Tensor,
             candidates: dict[int, list[int]]) -> tuple[int, float] | None:
    """The candidate the network ranks highest by ``keys`` (its logits: probabilities far from
    the top underflow to ties at 0), each candidate ranked by the best of the elements standing
    for it (``candidates``: candidate -> those element ids), with its probability."""
    row = {eid: i for i, eid in enumerate(element_ids)}
    best, best_key = None, float("-inf")
    for cand, members in candidates.items():
        for eid in members:
            if eid in row and float(keys[row[eid]]) > best_key:
                best, best_key = (cand, float(probs[row[eid]])), float(keys[row[eid]])
    return best


def _put_first(ranking: tuple[tuple[int, float], ...],
               best: tuple[int, float] | None) -> tuple[tuple[int, float], ...]:
    if best is None:
        return ranking
    rest = tuple(r for r in ranking if r[0] != best[0])
    return (best,) + rest[:max(len(ranking) - 1, 0)]


def _declared_image_first(capture: PageCapture, element_ids: tuple[int, ...], keys: torch.Tensor,
                          probs: torch.Tensor, ranking: tuple[tuple[int, float], ...],
                          name: str) -> tuple[tuple[int, float], ...]:
    """``ranking`` with the network's best element showing the image file ``name`` first (an
    image of that file, or a wrapper at most :data:`IMAGE_CLIMB` levels up whose first image it
    is), when its first element shows another and some element shows it."""
    kids = capture.children()
    if ranking and image_name(capture.image_src(ranking[0][0], kids)) == name:
        return ranking
    els = capture.elements
    shown: dict[int, list[int]] = {}
    for el in els:
        if el.attrs.get("src") and image_name(el.attrs["src"]) == name:
            up = el.id
            for _ in range(IMAGE_CLIMB + 1):
                if up < 0:
                    break
                if up not in shown and image_name(capture.image_src(up, kids)) == name:
                    shown[up] = [up]
                up = els[up].parent
    return _put_first(ranking, _best_of(element_ids, keys, probs, shown))


def amount_of(text: str) -> Decimal | None:
    """The amount an element's text shows (split cents joined), or None."""
    money = parse_money(text)
    return Decimal(money.amount) if money else None


def _declared_first(capture: PageCapture, element_ids: tuple[int, ...], keys: torch.Tensor,
                    probs: torch.Tensor, ranking: tuple[tuple[int, float], ...], whole_price: bool,
                    amount: Decimal) -> tuple[tuple[int, float], ...]:
    """``ranking`` with the network's best element reading as ``amount`` first, when its first
    element reads as another amount and some element reads as ``amount``. An element counts
    for the price it is a piece of (whole_price_element), so a whole price is scored by the best
    of itself and its pieces."""
    els = capture.elements
    kids = capture.children()
    if ranking and amount_of(price_text(capture, ranking[0][0], kids)) == amount:
        return ranking
    digits = re.sub(r"\D", "", str(int(amount)))
    shown: dict[int, list[int]] = {}
    for el in els:
        text = el.full_text
        if len(text) > PRICE_TEXT or digits not in re.sub(r"\D", "", text):
            continue  # cheap: the amount's whole digits are not there
        if reads_as_price(text) and amount_of(price_text(capture, el.id, kids)) == amount and not (
                whole_price and whole_price_element(capture, el.id) != el.id):
            members = [el.id]
            if whole_price:  # its pieces, at most PRICE_CLIMB levels down, stand for it
                level = [el.id]
                for _ in range(PRICE_CLIMB):
                    level = [k for e in level for k in kids.get(e, ())]
                    members += [k for k in level if whole_price_element(capture, k) == el.id]
            shown[el.id] = members
    return _put_first(ranking, _best_of(element_ids, keys, probs, shown))


# Field tokens that name the person a form is about: a sign-up form asks for at least one.
IDENTITY_TOKENS = frozenset({"email", "username", "name", "given-name", "additional-name",
                             "family-name", "tel"})


# What paying for or shipping an order asks for, and what signing in asks for: a page decoded as
# checkout whose fields hold the second and none of the first is a sign-in page
# (DecodeConfig.checkout_needs_checkout_fields).
CHECKOUT_TOKENS = frozenset({"cc-number", "cc-csc", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-name",
                             "street-address", "address-line1", "address-line2", "address-level1",
                             "address-level2", "postal-code", "country"})
SIGN_IN_TOKENS = frozenset({"current-password", "username"})


def is_sign_in_only(fields: Sequence[ElementLabel]) -> bool:
    """Whether decoded ``fields`` hold a sign-in field (:data:`SIGN_IN_TOKENS`) and no field of
    paying or shipping (:data:`CHECKOUT_TOKENS`). An email alone does not count: a guest
    checkout's first step asks for one."""
    tokens = {f.label for f in fields}
    return bool(tokens & SIGN_IN_TOKENS) and not tokens & CHECKOUT_TOKENS


# What a newsletter box asks for: an email, perhaps a name (DecodeConfig.signup_needs_account).
NEWSLETTER_TOKENS = frozenset({"email", "name", "given-name", "family-name", "submit"})


def is_newsletter_box(fields: Sequence[ElementLabel]) -> bool:
    """Whether decoded ``fields`` are a newsletter box's: an email, and nothing besides name
    parts and a submit button (no password, no username, no phone or address)."""
    tokens = {f.label for f in fields}
    return "email" in tokens and tokens <= NEWSLETTER_TOKENS


def is_account_form(fields: Sequence[ElementLabel]) -> bool:
    """Whether decoded ``fields`` open an account: a new password and a field that names the
    person (IDENTITY_TOKENS); without one it is a password change (is_password_change)."""
    tokens = {f.label for f in fields}
    return "new-password" in tokens and bool(tokens & IDENTITY_TOKENS)


# Field tokens a sign-in form does not ask for and a sign-up form often does: a password beside
# one of them opens an account (DecodeConfig.password_beside_name). Not a family name alone:
# some sign-ins ask for one (an airline's: member number, last name, password).
PERSON_TOKENS = frozenset({"name", "given-name", "bday", "bday-day", "bday-month", "bday-year"})
# How far (CSS px, vertically) such a field may sit from the password and still be of its form:
# a page wrapped in one <form> (ASP.NET) holds its header's sign-in box and the body's forms.
PERSON_NEAR_PX = 500.0


def new_passwords_beside_names(capture: PageCapture,
                               fields: Sequence[ElementLabel]) -> list[ElementLabel]:
    """``fields`` where each ``current-password`` that shares its ``<form>`` with a field of
    :data:`PERSON_TOKENS` at most :data:`PERSON_NEAR_PX` above or below it is ``new-password``:
    a form that asks for the person's name or birth date beside a password opens an account."""
    els = capture.elements
    people: dict[int, list[float]] = {}
    for f in fields:
        if f.label in PERSON_TOKENS:
            people.setdefault(form_of(capture, f.element_id), []).append(
                els[f.element_id].box.center[1])
    if not people:
        return list(fields)
    out = []
    for f in fields:
        if f.label == "current-password":
            y = els[f.element_id].box.center[1]
            if any(abs(y - v) <= PERSON_NEAR_PX for v in people.get(form_of(capture, f.element_id), ())):
                f = ElementLabel(f.element_id, "new-password", f.score)
        out.append(f)
    return out


def is_registration(fields: Sequence[ElementLabel]) -> bool:
    """Whether decoded ``fields`` hold a registration form: a new password and a field of
    :data:`PERSON_TOKENS` (a sign-in form beside it does not change that)."""
    tokens = {f.label for f in fields}
    return "new-password" in tokens and bool(tokens & PERSON_TOKENS)


def is_password_change(fields: Sequence[ElementLabel]) -> bool:
    """Whether decoded ``fields`` look like a password change or reset: a new password and no
    field of IDENTITY_TOKENS (a current password may be there too)."""
    tokens = {f.label for f in fields}
    return "new-password" in tokens and not tokens & IDENTITY_TOKENS


@dataclass(frozen=True)
class DecodeConfig:
    top_k: int = 5  # candidates kept per singleton role in Prediction.rankings
    # Field tokens the rules baseline decides instead of the model (`pagelens train
    # --rule-fields-below N`: the tokens with fewer than N training examples). With a dozen
    # examples in 1,500 synthetic pages (birthday parts) or none (middle name), the network's own
    # logit for such a token is pushed down by every page without it and outweighs the rules'
    # decision added to it (tasks.heads.RulePrior); docs/model.md has the measurements.
    rule_fields: tuple[str, ...] = ()
    # Added to the logit of the rules' page type when decoding (`pagelens train
    # --rule-page-boost`): the page-type head's learned rule weight came from mostly synthetic
    # pages, where the network is right more often than the rules; on real pages it is not.
    # The value was fitted on the validation websites (docs/model.md).
    rule_page_boost: float = 0.0
    # Where the rules name no field token for an element, the network's field token stands only
    # when its probability is at least this (`pagelens train --rule-field-gate P`; 0: always;
    # above 1: never, so the rules say which elements are fields and the network which token).
    # Most of the network's losses to the rules on real forms were fields it saw where there
    # were none; the value was fitted on the validation websites (docs/model.md).
    rule_field_gate: float = 0.0
    # The tokens of rule_fields are named only where the rules name them: the network's own call
    # of one of them on an element where the rules name none is dropped. False: it stands.
    rule_fields_exclusive: bool = False
    # Move a price (and old price) chosen on a piece of a split price to the element holding the
    # whole price (whole_price_element); False: the network's elements as they are.
    whole_price: bool = True
    # On a page decoded as a product page, a role of PRODUCT_ROLES that the network puts off the
    # page (its "absent" column beats every element) takes the rules' ranking instead, when the
    # rules rank any element for it; False: the network's ranking always.
    absent_to_rules: bool = True
    # When the caller says the page is a product page (decode's known_type), a role of
    # PRODUCT_ROLES is emitted even where the network (and absent_to_rules) puts it off the page:
    # its best element stands, with its low score. A price tracker that knows its pages are
    # product pages wants the best guess. False: "not on this page" stands. Measured in
    # docs/model.md (Decisions).
    told_product_roles: bool = True
    # Which submit buttons stand (SUBMIT_DECODING): "all", every candidate whose most likely
    # class is ``submit``; "one_per_form", only the network's most likely one of each form
    # (nearest ``<form>`` ancestor; the elements outside any form count as one more form);
    # "rules_per_form", the rules' submit button of each form where the rules name one (their
    # scorer weighs button words: sign in against register, cancel, social sign-in), the
    # network's most likely one in the other forms. The network alone names most buttons of a
    # form ``submit`` (docs/model.md, Gaps).
    submit_buttons: str = "all"
    # Whether a form control that takes input (a text box, a drop-down: candidates.takes_input)
    # may be named submit, as the network sometimes names a phone box. False: submit leaves such
    # a control's distribution (renormalised over the other classes) before the argmax, the
    # rules and the gate. Measured, not shipped: docs/model.md (Decisions).
    submit_on_input_controls: bool = True
    # A price or old price must read as one (reads_as_price): the network's best elements that
    # do, among its PRICE_SCAN best, stand in its ranking; where none does, its ranking as it
    # is. False: the network's ranking always. Measured in docs/model.md (Decisions).
    price_shape: bool = True
    # A product title must read as a name (reads_as_title): the network's best elements that
    # do, among its PRICE_SCAN best, stand in its ranking; where none does, its ranking as it
    # is. False: the network's ranking always. Measured in docs/model.md (Decisions).
    title_shape: bool = True
    # On a page decoded as product whose structured data declares a price amount, the first
    # price reads as that amount where any element the network scores does (_declared_first):
    # what the shop states its product costs, shown where the network looks. False: the
    # network's ranking as price_shape leaves it. Measured in docs/model.md (Decisions).
    declared_price: bool = True
    # A page decoded as other or listing that declares exactly one Product in its structured
    # data is decoded as product (declares_one_product); page_type_scores stay the
    # network's. False: the decoded type stands. Measured in docs/model.md (Decisions).
    declared_product_page: bool = True
    # True: declared_product_page also needs the declared Product to carry a positive price (as
    # before 2026-12-07). False: one declared Product is enough; a shop that shows its price only
    # in the cart, or per variant, declares none. Measured in docs/model.md (Decisions).
    declared_product_price: bool = False
    # On a page decoded as product whose structured data declares an image, the main image is
    # the network's best element showing that file where its first shows another
    # (_declared_image_first). False: the network's ranking. Measured in docs/model.md.
    declared_image: bool = True
    # On a page that shows no photo (shows_a_photo: its images did not load), the main image is
    # ranked by the rules (after declared_image, which it replaces there) where they rank any
    # element the network sees: the network
    # learnt the main image mostly from pages whose photos it could see. False: the network's
    # ranking. Measured in docs/model.md (Decisions).
    image_rules_without_photo: bool = True
    # Page type from a stack fitted on real pages (tasks.page_stack, `pagelens stack`):
    # a linear layer over the page-type logits, the rules' type, the presence of price, title and
    # add-to-cart and the page title's character n-grams; None (the shipped model): the argmax of
    # the logits plus rule_page_boost on the rules' type. Measured in docs/model.md (Decisions).
    page_type_stack: PageTypeStack | None = None
    # A page decoded as checkout whose decoded fields hold a sign-in field and nothing of paying
    # or shipping (is_sign_in_only) is decoded as the next most likely page type (page_type_scores
    # stay the network's). False: the decoded type stands. Measured in docs/model.md (Decisions).
    checkout_needs_checkout_fields: bool = True
    # A page decoded as signup whose decoded fields are a newsletter box's (is_newsletter_box:
    # an email, perhaps a name, no password) is decoded as the next most likely page type
    # (page_type_scores stay the network's): subscribing to a mailing list opens no account.
    # False: the decoded type stands. Measured in docs/model.md (Decisions).
    signup_needs_account: bool = True
    # A page decoded as other whose decoded fields open an account (is_account_form: a new
    # password and a field naming the person) is decoded as signup (page_type_scores stay the
    # network's). False: the decoded type stands. Measured in docs/model.md (Decisions).
    account_form_is_signup: bool = True
    # True: a current password that shares its form with a name or birth-date field near it is a
    # new password (new_passwords_beside_names). False: the network's token stands. Measured in
    # docs/model.md (Decisions).
    password_beside_name: bool = False
    # True: a page decoded as login whose decoded fields hold a registration form
    # (is_registration) is decoded as signup, as a page offering both is in the form corpora.
    # False: the decoded type stands. Measured in docs/model.md (Decisions).
    login_with_registration: bool = False
    # True (the shipped model): a form control that is a honeypot (tasks.candidates.honeypot:
    # outside the page, or named or classed as one) gets no field token: it is none of the
    # person's fields, and a filler that fills it is taken for a robot. Measured in
    # docs/model.md (Decisions).
    honeypot_no_token: bool = True
    # True: a page decoded as login, signup or checkout whose decoded fields of that type (the
    # passwords; the card and address fields) all sit in containers that open over the page
    # (tasks.candidates.in_overlay), and where the network finds a price and a product title,
    # is decoded as a product page: a site's sign-in dialog or registration pop-up shows in a
    # render without its style sheets, on a product page as on any other. True in the shipped
    # model; False: the decoded type stands. Measured in docs/model.md (Decisions).
    overlay_forms_on_product: bool = True
    # True: a page decoded as signup whose decoded fields hold a new password but nothing that
    # names the person (IDENTITY_TOKENS) is decoded as other, a password change or reset form
    # (the page types have no name of their own for it), not a sign-up. False (the shipped
    # model): the decoded type stands. Measured, not shipped: docs/model.md (Decisions).
    signup_needs_identity: bool = False
    # True: each ranked price and old price moves to its tightest descendant reading as a price of
    # the same amount (tightest_price_element): the span inside a full-width wrapper of the same
    # text, or inside "You Pay: $3,299.00". False (the shipped model): the element as ranked.
    # Measured, not shipped: docs/model.md (Decisions).
    tight_price: bool = False
    # True: where the network's most likely field class is no field and the rules name a field
    # token (submit aside), the rules' token stands, with their confidence. False (the shipped
    # model): the network's abstention stands. Measured in docs/model.md (Decisions).
    rule_fill: bool = False
    # Where the rules name a field token (submit aside) and the network's most likely token is
    # another one with a probability below this, the rules' token stands, with their
    # confidence (0: never). Measured in docs/model.md (Decisions).
    rule_on_doubt: float = 0.0

    def __post_init__(self) -> None:
        if isinstance(self.page_type_stack, dict):  # read back from config.json
            object.__setattr__(self, "page_type_stack", PageTypeStack(**self.page_type_stack))
        if self.top_k < 1:
            raise ValueError("DecodeConfig.top_k must be >= 1")
        if self.rule_page_boost < 0:
            raise ValueError("DecodeConfig.rule_page_boost must be >= 0")
        if self.submit_buttons not in SUBMIT_DECODING:
            raise ValueError(f"DecodeConfig.submit_buttons {self.submit_buttons!r}: expected one "
                             f"of {', '.join(SUBMIT_DECODING)}")
        if self.rule_field_gate < 0:
            raise ValueError("DecodeConfig.rule_field_gate must be >= 0")
        if not 0 <= self.rule_on_doubt <= 1:
            raise ValueError("DecodeConfig.rule_on_doubt must be in [0, 1]")
        object.__setattr__(self, "rule_fields", tuple(self.rule_fields))
        unknown = [t for t in self.rule_fields if t not in FIELD_CLASSES or t == "none"]
        if unknown:
            raise ValueError(f"DecodeConfig.rule_fields: unknown field tokens {unknown}")


def decode(capture: PageCapture, element_ids: tuple[int, ...], outputs: dict[str, dict[str, torch.Tensor]],
           cfg: DecodeConfig, known_type: str | None = None) -> Prediction:
    """``outputs``: head name -> that head's forward() dict, rows following ``element_ids``.
    ``known_type``: the page's type when the caller knows it (a price tracker's product pages);
    everything decoded for that type follows from it, and ``page_type_scores`` stay the
    network's. None: the network decides."""
    if known_type is not None and known_type not in PAGE_TYPES:
        raise ValueError(f"page type {known_type!r}: expected one of {', '.join(PAGE_TYPES)}")
    n = len(element_ids)
    page_scores: dict[str, float] = {}
    page_type = "other"
    if "page_type" in outputs:
        logits = outputs["page_type"]["logits"].float()
        if cfg.rule_page_boost and "rules" in outputs["page_type"]:
            logits = logits + cfg.rule_page_boost * outputs["page_type"]["rules"]
        stack = cfg.page_type_stack
        if stack is not None and stack.decides(PAGE_TYPES[int(logits.argmax())]):
            logits = stack.scores(output_features(capture.title, outputs, n, stack.title_dim))
        probs = torch.softmax(logits, dim=0).tolist()
        page_scores = {t: float(p) for t, p in zip(PAGE_TYPES, probs)}
        page_type = max(page_scores, key=page_scores.get)
        if cfg.declared_product_page and page_type in ("other", "listing") \
                and declares_one_product(capture, cfg.declared_product_price):
            page_type = "product"
    if known_type is not None:
        page_type = known_type

    roles: list[ElementLabel] = []
    found: set[str] = set()  # singleton roles the page shows
    rankings: dict[str, tuple[tuple[int, float], ...]] = {}
    if "element_role" in outputs and n:
        out = outputs["element_role"]
        listwise = torch.softmax(out["listwise"].float(), dim=1)  # (S, N + 1)
        rules = out.get("rules")
        for s, role in enumerate(SINGLETON_ROLES):
            probs = listwise[s, :n]
            present, ruled = float(probs.max()) > float(listwise[s, n]), False
            if not present and cfg.absent_to_rules and rules is not None \
                    and role in PRODUCT_ROLES and page_type == "product" \
                    and float(rules[:, ROLE_CLASSES.index(role)].max()) > 0:
                probs, present, ruled = rules[:, ROLE_CLASSES.index(role)].float(), True, True
            keys = probs if ruled else out["listwise"][s, :n].float()  # order of the declared picks
            shaped = (cfg.price_shape and role in PRICE_ROLES) \
                or (cfg.title_shape and role == "product_title")
            reads = reads_as_title if role == "product_title" else reads_as_price
            top = torch.topk(probs, min(PRICE_SCAN if shaped else cfg.top_k + 2, n))  # spare: merges
            ranked: dict[int, float] = {}  # best first: a merged piece keeps the best score
            priced: dict[int, float] = {}  # those that read as one (price_shape, title_shape)
            for p, i in zip(top.values.tolist(), top.indices.tolist()):
                if ruled and p <= 0:
                    break  # the rules rank their top k only
                eid = element_ids[i]
                if cfg.whole_price and role in PRICE_ROLES:
                    eid = whole_price_element(capture, eid)
                if eid not in ranked and len(ranked) < cfg.top_k:
                    ranked[eid] = p
                if shaped and eid not in priced and reads(capture.elements[eid].full_text):
                    priced[eid] = p
                if len(ranked) >= cfg.top_k and (not shaped or len(priced) >= cfg.top_k):
                    break
            rankings[role] = tuple((priced or ranked).items())
            if role == "price" and cfg.declared_price and page_type == "product":
                amount = declared_amount(capture)
                if amount is not None:
                    rankings[role] = _declared_first(capture, element_ids, keys, probs,
                                                     rankings[role], cfg.whole_price, amount)
            if role == "product_image" and cfg.declared_image and page_type == "product":
                declared = structured_product(capture.html, capture.final_url)
                name = image_name(declared.image) if declared else ""
                if name:
                    rankings[role] = _declared_image_first(capture, element_ids, keys, probs,
                                                           rankings[role], name)
            if role == "product_image" and cfg.image_rules_without_photo and rules is not None:
                by_rules = _rules_ranking(element_ids, rules[:, ROLE_CLASSES.index(role)].float(),
                                          cfg.top_k)
                if by_rules and not shows_a_photo(capture):  # the page scan only when it matters
                    rankings[role] = by_rules
            if cfg.tight_price and role in PRICE_ROLES:
                rankings[role] = _tightest_prices(capture, rankings[role])
            best_eid, best_p = rankings[role][0]
            if not present and cfg.told_product_roles and known_type == "product" \
                    and role in PRODUCT_ROLES:
                present = True
            if present:
                roles.append(ElementLabel(best_eid, role, best_p))
                found.add(role)
        probs = torch.softmax(out["logits"].float(), dim=1)  # (N, R)
        best_p, best = (x.tolist() for x in probs.max(dim=1))  # lists: no tensor per row
        for r in range(n):
            name = ROLE_CLASSES[best[r]]
            if name != "none" and name not in SINGLETON_ROLES:
                roles.append(ElementLabel(element_ids[r], name, best_p[r]))

    fields: list[ElementLabel] = []
    if "field_token" in outputs and n:
        out = outputs["field_token"]
        probs = torch.softmax(out["logits"].float(), dim=1)  # (N, F)
        # A control that takes input never sends the form: submit leaves its distribution.
        entry = [takes_input(capture, eid) for eid in element_ids] \
            if not cfg.submit_on_input_controls else []
        if any(entry):
            rows = torch.tensor(entry)
            kept = probs[rows].clone()
            kept[:, FIELD_CLASSES.index("submit")] = 0.0
            probs[rows] = kept / kept.sum(dim=1, keepdim=True).clamp_min(1e-12)
        best_p, best = (x.tolist() for x in probs.max(dim=1))
        rule_p, rule_c = [0.0] * n, [0] * n
        deferred = [FIELD_CLASSES.index(t) for t in cfg.rule_fields]
        if deferred and "rules" in out:
            # the rules' decision among the deferred tokens (N,), 0 where they name none of them
            rule_p, rule_c = (x.tolist() for x in out["rules"][:, deferred].max(dim=1))
        ruled = [True] * n
        if cfg.rule_field_gate and "rules" in out:
            ruled = (out["rules"][:, 1:].max(dim=1).values > 0).tolist()  # the rules name a token
        # the rules' own token on each element (none and submit aside), 0 where they name none
        named_p, named_c = [0.0] * n, [0] * n
        if (cfg.rule_fill or cfg.rule_on_doubt) and "rules" in out:
            named = [i for i, t in enumerate(FIELD_CLASSES) if t not in ("none", "submit")]
            named_p, named_c = (x.tolist() for x in out["rules"][:, named].max(dim=1))
            named_c = [named[c] for c in named_c]
        fill_p = named_p if cfg.rule_fill else [0.0] * n
        doubt_p = named_p if cfg.rule_on_doubt else [0.0] * n
        for r in range(n):
            name, p = FIELD_CLASSES[best[r]], best_p[r]
            if rule_p[r] > 0:
                name, p = FIELD_CLASSES[deferred[rule_c[r]]], rule_p[r]
            elif name == "none" and fill_p[r] > 0:
                name, p = FIELD_CLASSES[named_c[r]], fill_p[r]
            elif name not in ("none", "submit") and doubt_p[r] > 0 and named_c[r] != best[r] \
                    and p < cfg.rule_on_doubt:
                name, p = FIELD_CLASSES[named_c[r]], doubt_p[r]
            elif cfg.rule_fields_exclusive and best[r] in deferred:
                continue  # a token left to the rules that they do not name here
            elif not ruled[r] and p < cfg.rule_field_gate:
                continue
            if name == "none":
                continue
            eid = element_ids[r]
            el = capture.elements[eid]
            if declares_unnamed_field(el.attrs.get("autocomplete", "")):
                continue  # the page says it is a field pagelens does not name (vocab)
            if cfg.honeypot_no_token and takes_input(capture, eid) and honeypot(capture, eid):
                continue  # a field hidden from people to catch robots: no person's field
            tag = el.tag
            ok = is_submit_candidate(capture, eid) and not (entry and entry[r]) \
                if name == "submit" else tag in CONTROL_TAGS
            if ok:
                fields.append(ElementLabel(eid, name, p))
        if cfg.submit_buttons != "all":
            rules_submit: dict[int, float] = {}
            if cfg.submit_buttons == "rules_per_form" and "rules" in out:
                col = out["rules"][:, FIELD_CLASSES.index("submit")].tolist()
                rules_submit = {element_ids[r]: col[r] for r in range(n) if col[r] > 0}
            fields = _submit_per_form(capture, fields, rules_submit)
        if cfg.password_beside_name:
            fields = new_passwords_beside_names(capture, fields)

    if known_type is None and page_scores:  # the decoded type, read again beside the fields
        page_type = _type_from_fields(page_type, page_scores, fields, cfg)
        if cfg.overlay_forms_on_product and page_type in TYPE_EVIDENCE \
                and {"price", "product_title"} <= found \
                and forms_in_overlays(capture, fields, TYPE_EVIDENCE[page_type]):
            product = decode(capture, element_ids, outputs, cfg, "product")
            return Prediction(page_type="product", page_type_scores=page_scores,
                              roles=product.roles, fields=product.fields,
                              rankings=product.rankings)
    return Prediction(page_type=page_type, page_type_scores=page_scores, roles=tuple(roles),
                      fields=tuple(fields), rankings=rankings)


# Per page type, the field tokens that make a page that type (overlay_forms_on_product).
TYPE_EVIDENCE: dict[str, frozenset[str]] = {
    "login": frozenset({"current-password"}),
    "signup": frozenset({"new-password"}),
    "checkout": frozenset({"cc-number", "cc-csc", "cc-exp", "cc-exp-month", "cc-exp-year",
                           "cc-name", "street-address", "address-line1", "address-line2",
                           "postal-code", "address-level2", "address-level1"}),
}


def forms_in_overlays(capture: PageCapture, fields: Sequence[ElementLabel],
                      tokens: frozenset[str]) -> bool:
    """Whether ``fields`` hold one of ``tokens`` and every one of them sits in a container that
    opens over the page (:func:`pagelens.tasks.candidates.in_overlay`)."""
    ids = [f.element_id for f in fields if f.label in tokens]
    return bool(ids) and all(in_overlay(capture, eid) for eid in ids)


def _type_from_fields(page_type: str, page_scores: dict[str, float],
                      fields: Sequence[ElementLabel], cfg: DecodeConfig) -> str:
    """``page_type`` after the decoding rules that read the decoded ``fields`` (each one's
    DecodeConfig flag): a sign-in form alone is no checkout, a newsletter box is no sign-up
    (those two take the next most likely type by ``page_scores``), a form that opens an account
    is a sign-up, and, when asked, a sign-in page holding a registration form is a sign-up and a
    new password without identity is other."""
    def next_after(t: str) -> str:
        return max((u for u in page_scores if u != t), key=page_scores.get)

    if cfg.checkout_needs_checkout_fields and page_type == "checkout" and is_sign_in_only(fields):
        page_type = next_after("checkout")
    if cfg.signup_needs_account and page_type == "signup" and is_newsletter_box(fields):
        page_type = next_after("signup")
    if cfg.account_form_is_signup and page_type == "other" and is_account_form(fields):
        page_type = "signup"
    if cfg.login_with_registration and page_type == "login" and is_registration(fields):
        page_type = "signup"
    if cfg.signup_needs_identity and page_type == "signup" and is_password_change(fields):
        page_type = "other"
    return page_type


def _submit_per_form(capture: PageCapture, fields: list[ElementLabel],
                     rules_submit: dict[int, float]) -> list[ElementLabel]:
    """``fields`` with, in each form, the rules' submit buttons (``rules_submit``: element id to
    the rules' confidence) where they name one there, else the most likely of the network's
    (first in document order on a tie); the other tokens as they are."""
    chosen: dict[int, list[ElementLabel]] = {}
    for eid, p in rules_submit.items():
        if not is_field_candidate(capture, eid):
            continue
        chosen.setdefault(form_of(capture, eid), []).append(ElementLabel(eid, "submit", p))
    ruled = set(chosen)
    for f in fields:
        if f.label != "submit":
            continue
        form = form_of(capture, f.element_id)
        if form in ruled:
            continue
        if form not in chosen or f.score > chosen[form][0].score:
            chosen[form] = [f]
    submits = {f.element_id: f for group in chosen.values() for f in group}
    out = [f for f in fields if f.label != "submit" and f.element_id not in submits]
    return sorted(out + list(submits.values()), key=lambda f: f.element_id)
