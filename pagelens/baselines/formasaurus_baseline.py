"""The Formasaurus baseline: the form-type and field-type classifier from PyPI (``formasaurus``,
a CRF over lxml forms), run on ``capture.html`` and mapped onto elements and our tokens.

Installing: ``pip install formasaurus`` (0.10.0 installs on Python 3.11 with its dependencies
sklearn-crfsuite 0.5 and python-crfsuite 0.9.12; it is the optional extra ``baselines``, not a
dependency of pagelens, so the baseline raises :class:`FormasaurusUnavailable` with the install command when it is missing).

Caveat: Formasaurus's bundled model is trained on Formasaurus's own annotated pages, which are
the ``formasaurus`` corpus here; its figures on that corpus are in-sample and flatter it. Its
figures on ``ddg-forms`` are out-of-sample.

Mapping: forms are matched to ``<form>`` elements of the capture in document order, fields by
their ``name`` attribute inside that form. Field types map to tokens as the corpus loader maps
their codes (:data:`pagelens.corpora.formasaurus.FIELD_TOKENS_BY_CODE`); a password is
``new-password`` in a registration form. Its bundled model predicts the simplified field types
of its config (card numbers, card codes and birth-date parts fold into "other", "day", "month",
"year"), so it never predicts the card tokens or birthday parts. Formasaurus types only named
controls: a form's first submit control stands in for an unnamed submit button (of forms where it
typed a field), and the submit control of an ``order/add to cart`` form is nominated as
``add_to_cart``. Page type from the form types as the corpus loader derives it
(:func:`pagelens.corpora.formasaurus.page_type_of`).
"""

from __future__ import annotations

import logging
from typing import Sequence

from pagelens.records import ElementLabel, PageCapture, Prediction
from pagelens.vocab import OTHER, PAGE_TYPES

log = logging.getLogger(__name__)

# Formasaurus's full type names -> its short codes (config.json of the Formasaurus dataset).
FORM_CODES = {"search": "s", "login": "l", "registration": "r", "password/login recovery": "p",
              "contact/comment": "c", "join mailing list": "m", "order/add to cart": "b",
              "other": "o"}
FIELD_CODES = {
    "username": "us", "password": "p1", "password confirmation": "p2", "email": "e1",
    "email confirmation": "e2", "username or email": "ue", "first name": "n1", "last name": "n3",
    "middle name": "n2", "full name": "nf", "day of birth": "bd", "month of birth": "bm",
    "year of birth": "by", "full birth date": "bD", "country": "Co", "city": "Ci", "state": "St",
    "address": "Ad", "full street address": "Sa", "street name": "Sn", "postal code": "Zi",
    "address line 1": "A1", "address line 2": "A2", "apartment number": "A#", "phone": "ph",
    "credit card number": "c#", "credit card security code": "cs",
    "credit card holder name": "ch", "credit card expiration month": "cm",
    "credit card expiration year": "cy", "submit button": "Bs",
}


class FormasaurusUnavailable(RuntimeError):
    """Formasaurus cannot be imported here; the message says why and how to install it."""


def _import_formasaurus():
    try:
        import formasaurus  # noqa: F401
    except Exception as exc:  # ImportError, or a broken dependency raising at import time
        raise FormasaurusUnavailable(
            f"the formasaurus baseline needs the 'formasaurus' package ({type(exc).__name__}: "
            f"{exc}); install it with `.venv/bin/pip install formasaurus` or the `baselines` "
            "extra (0.10.0 works on Python 3.11)") from None
    return formasaurus


class FormasaurusPredictor:
    """Formasaurus as a :class:`pagelens.predictor.Predictor` (fields, add-to-cart, page type)."""

    name = "formasaurus"
    tasks = ("fields", "roles", "page_type")
    roles = ("add_to_cart",)

    def __init__(self) -> None:
        self._fs = _import_formasaurus()

    def predict_one(self, capture: PageCapture) -> Prediction:
        from pagelens.corpora.formasaurus import FIELD_TOKENS_BY_CODE, page_type_of

        try:
            forms = self._fs.extract_forms(capture.html, proba=False, fields=True) if capture.html else []
        except Exception as exc:  # a page lxml cannot parse has no forms for Formasaurus
            log.debug("formasaurus failed on %s: %s", capture.source, exc)
            forms = []
        # Forms of the capture in document order, and each one's named controls.
        form_ids = [el.id for el in capture.elements if el.tag == "form"]
        owner: dict[int, int] = {}
        for el in capture.elements:  # nearest form ancestor, elements come parents first
            if el.parent in owner:
                owner[el.id] = owner[el.parent]
            if el.tag == "form":
                owner[el.id] = el.id
        by_form_name: dict[tuple[int, str], list[int]] = {}
        for el in capture.elements:
            name = el.attrs.get("name")
            if name and el.id in owner and el.tag in ("input", "select", "textarea", "button"):
                by_form_name.setdefault((owner[el.id], name), []).append(el.id)
        fields: list[ElementLabel] = []
        rankings: dict[str, tuple[tuple[int, float], ...]] = {}
        form_codes = []
        for i, (_, info) in enumerate(forms):
            fcode = FORM_CODES.get(info.get("form", ""), "o")
            form_codes.append(fcode)
            if i >= len(form_ids):
                continue
            for name, ftype in info.get("fields", {}).items():
                code = FIELD_CODES.get(str(ftype))
                token = FIELD_TOKENS_BY_CODE.get(code or "", OTHER)
                if code == "p1" and fcode == "r":
                    token = "new-password"
                for eid in by_form_name.get((form_ids[i], name), []):
                    if fcode == "b" and code == "Bs":
                        rankings.setdefault("add_to_cart", ((eid, 0.9),))
                    elif token != OTHER:
                        fields.append(ElementLabel(eid, token, 0.9))
            # Formasaurus types named controls only; an unnamed submit button is outside its
            # reach. The form's first submit control stands in for it: the add-to-cart button of
            # an order form (as the corpus loader marks it), the submit of any other form that
            # has typed fields and no named submit.
            has_submit = any(f.label == "submit" and owner.get(f.element_id) == form_ids[i]
                             for f in fields)
            need = (fcode == "b" and "add_to_cart" not in rankings) or (
                fcode != "b" and not has_submit and any(owner.get(f.element_id) == form_ids[i]
                                                        for f in fields))
            if need:
                for el in capture.elements:
                    t = el.attrs.get("type", "").lower()
                    if owner.get(el.id) == form_ids[i] and (
                            (el.tag == "button" and t in ("", "submit"))
                            or (el.tag == "input" and t in ("submit", "image"))):
                        if fcode == "b":
                            rankings["add_to_cart"] = ((el.id, 0.9),)
                        else:
                            fields.append(ElementLabel(el.id, "submit", 0.9))
                        break
        page_type = page_type_of(form_codes) or "other"
        scores = {t: (0.9 if t == page_type else 0.1 / (len(PAGE_TYPES) - 1)) for t in PAGE_TYPES}
        roles = tuple(ElementLabel(v[0][0], r, v[0][1]) for r, v in rankings.items())
        return Prediction(page_type=page_type, page_type_scores=scores, roles=roles,
                          fields=tuple(fields), rankings=rankings)

    def predict(self, captures: Sequence[PageCapture]) -> list[Prediction]:
        return [self.predict_one(c) for c in captures]
