"""ddg-forms: 282 login, signup, checkout and other forms from DuckDuckGo's autofill test suite.

Gold: ``data-manual-scoring="TYPE"`` on fields and ``data-manual-submit`` on submit buttons. These
attributes are the answer key; the browser reads them and removes them before anything else is
taken from the page (they never reach ``page.html``, ``page.png`` or ``Element.attrs``).

Decisions:
- ``TYPE`` maps to WHATWG tokens as the corpus README says (:data:`SCORING_TOKENS`). A plain
  ``password`` (neither ``.current`` nor ``.new``) is ``new-password`` on signup pages and
  ``current-password`` elsewhere, and either token counts as right: the corpus authors left it
  open. ``username OR emailAddress`` is ``username`` with ``email`` also counting.
- Page type from the file name's last ``_`` part (the form's kind), see :data:`KIND_PAGE_TYPE`.
  Kinds the table does not name use the whole name's keywords; what remains is ``other``
  (newsletter, contact, password change or reset, settings, search).
- ``expectedFailures`` in the index (fields the corpus authors' own classifier misses) are scored
  like any other label: they say what is hard, not what is wrong.
- Site: the file name's first ``_`` part (``amazon_login`` and ``amazon_signup`` are one site).
- Every field of a labelled form is labelled (``unknown`` -> ``none``), so a field token predicted
  on an unlabelled element of such a form is a false positive (``fields_scope="page"``).
  Elements of forms without any label (a second form the authors left alone) are ignored, and on
  pages where no submit button was marked (83 of 283), ``submit`` is not scored off the labels
  (``open_tokens``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

from pagelens.corpora.base import Match, SourcePage
from pagelens.metrics import GoldPage
from pagelens.vocab import OTHER

SCORING = "data-manual-scoring"
SUBMIT = "data-manual-submit"

SCORING_TOKENS: dict[str, str] = {
    "cardNumber": "cc-number", "cardSecurityCode": "cc-csc", "cardName": "cc-name",
    "expiration": "cc-exp", "expirationMonth": "cc-exp-month", "expirationYear": "cc-exp-year",
    "emailAddress": "email", "phone": "tel", "firstName": "given-name", "lastName": "family-name",
    "middleName": "additional-name", "fullName": "name", "addressStreet": "address-line1",
    "addressStreet2": "address-line2", "addressCity": "address-level2",
    "addressProvince": "address-level1", "addressPostalCode": "postal-code",
    "addressCountryCode": "country", "username": "username", "password.current": "current-password",
    "password.new": "new-password", "totp": "one-time-code", "birthday": "bday",
    "birthdayDay": "bday-day", "birthdayMonth": "bday-month", "birthdayYear": "bday-year",
    "unknown": OTHER,
}
# Values that accept more than one token: primary token, then the others that also count.
EITHER: dict[str, tuple[str, ...]] = {
    "username OR emailAddress": ("username", "email"),
}

# The form's kind (last part of the file name) -> page type.
KIND_PAGE_TYPE: dict[str, str] = {
    "login": "login", "checkout-login": "login", "2fa-verification-step": "login",
    "security-step": "login", "account-pin": "login", "email-confirmation-code": "login",
    "signup": "signup", "com-signup": "signup", "fake-signup": "signup",
    "signup-verification": "signup", "checkout-signup": "signup",
    "checkout": "checkout", "payment-form": "checkout", "card": "checkout",
    "credit-card": "checkout", "address": "checkout", "donation": "checkout",
    "malta-taxes-payment-form": "checkout", "guest": "checkout", "international": "checkout",
}
SIGNUP_KINDS = frozenset(k for k, v in KIND_PAGE_TYPE.items() if v == "signup")


def page_kind(stem: str) -> str:
    return stem.rsplit("_", 1)[-1].lower()


def page_type_of(stem: str) -> str:
    """Page type of a ddg-forms file from its name (``amazon_login`` -> ``login``)."""
    kind = page_kind(stem)
    if kind in KIND_PAGE_TYPE:
        return KIND_PAGE_TYPE[kind]
    low = stem.lower()
    if re.search(r"checkout|payment|billing|shipping", low):
        return "checkout"
    if re.search(r"signup|register", low):
        return "signup"
    if re.search(r"(^|_)log-?in", low):
        return "login"
    return "other"


def site_of(stem: str) -> str:
    return stem.split("_", 1)[0].lower()


def unlabelled_form_elements(capture: Any, labelled: Mapping[int, str]) -> list[int]:
    """Ids of elements in forms with no labelled element: some pages hold a second form (a
    newsletter box, a hidden duplicate) the corpus authors did not label, so predictions there
    are not scored. Elements outside any ``<form>`` form one group of their own."""
    form_of: dict[int, int] = {}
    for el in capture.elements:  # parents come before children
        form_of[el.id] = el.id if el.tag == "form" else form_of.get(el.parent, -1)
    labelled_forms = {form_of.get(i, -1) for i in labelled}
    return [el.id for el in capture.elements if form_of[el.id] not in labelled_forms]


class DdgForms:
    name = "ddg-forms"
    label_attributes = (SCORING, SUBMIT)

    def list_pages(self, root: Path) -> list[SourcePage]:
        index = Path(root) / "index.json"
        try:
            entries = json.loads(index.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{index}: cannot read the ddg-forms index ({exc})") from None
        pages, seen = [], set()
        for entry in entries:
            path = Path(root) / entry["html"]
            stem = path.name[:-len(".html")]
            if stem in seen:  # the index lists leafly_login twice
                continue
            seen.add(stem)
            pages.append(SourcePage(key=stem, site=site_of(stem), path=path,
                                    payload={"kind": page_kind(stem)}))
        return pages

    def prepare(self, page: SourcePage) -> None:
        return None  # the answer key is already on the elements; render the file itself

    def gold(self, page: SourcePage, raw_labels: Mapping[int, Mapping[str, str]],
             capture: Any) -> tuple[GoldPage, Match]:
        source = page.path.read_text(encoding="utf-8", errors="replace")
        expected = len(re.findall(rf"\s{SCORING}\s*=", source)) + \
            len(re.findall(rf"\s{SUBMIT}(?=[\s=>/])", source))
        elements: dict[int, str] = {}
        alternatives: dict[int, tuple[str, ...]] = {}
        reasons: list[str] = []
        found = 0
        signup = page.payload.get("kind") in SIGNUP_KINDS
        for eid, attrs in sorted(raw_labels.items()):
            value = attrs.get(SCORING)
            if value is not None:
                found += 1
                value = value.strip()
                if value == "password":
                    elements[eid] = "new-password" if signup else "current-password"
                    alternatives[eid] = ("current-password", "new-password")
                elif value in EITHER:
                    elements[eid] = EITHER[value][0]
                    alternatives[eid] = EITHER[value][1:]
                elif value in SCORING_TOKENS:
                    elements[eid] = SCORING_TOKENS[value]
                else:
                    reasons.append(f"unknown scoring type {value!r}")
            if SUBMIT in attrs:
                found += 1
                if value is None:
                    elements[eid] = "submit"
                else:
                    reasons.append("submit marker on a labelled field")
        missing = max(0, expected - found)
        reasons.extend(["marked element not in the rendered DOM"] * missing)
        gold = GoldPage(page_type=page_type_of(page.key), site=page.site, elements=elements,
                        alternatives=alternatives, fields_scope="page",
                        ignore=frozenset(unlabelled_form_elements(capture, elements)),
                        open_tokens=() if "submit" in elements.values() else ("submit",),
                        tasks=("fields", "page_type"))
        return gold, Match(expected=expected, unmatched=len(reasons), reasons=tuple(reasons))
