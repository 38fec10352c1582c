"""Which elements may be named a form field or a submit button (decoding and the field loss)."""

from __future__ import annotations

from pagelens.baselines.keywords import words_of
from pagelens.records import PageCapture

CONTROL_TAGS = ("input", "select", "textarea")
SUBMIT_INPUT_TYPES = ("submit", "button", "image")  # the inputs that send a form when clicked


def is_field_candidate(capture: PageCapture, eid: int) -> bool:
    """An element decoding may name a form field or a submit button."""
    return capture.elements[eid].tag in CONTROL_TAGS or is_submit_candidate(capture, eid)


def is_submit_candidate(capture: PageCapture, eid: int) -> bool:
    el = capture.elements[eid]
    if el.tag == "button" or el.tag == "a" or el.attrs.get("role") == "button":
        return True
    if el.tag == "input" and el.attrs.get("type", "").lower() in SUBMIT_INPUT_TYPES:
        return True
    return el.interactive or el.style.cursor == "pointer"


def takes_input(capture: PageCapture, eid: int) -> bool:
    """A form control a user types into or chooses with (a text box, a drop-down, a checkbox):
    every control but a submit, button or image input. It never sends the form."""
    el = capture.elements[eid]
    return el.tag in CONTROL_TAGS and not (
        el.tag == "input" and el.attrs.get("type", "").lower() in SUBMIT_INPUT_TYPES)


def form_of(capture: PageCapture, eid: int) -> int:
    """The id of ``eid``'s nearest ``<form>`` ancestor (itself included), -1 outside forms."""
    els = capture.elements
    while 0 <= eid < len(els):
        if els[eid].tag == "form":
            return eid
        eid = els[eid].parent
    return -1


# Ancestors (nearest first) whose id or class are read for honeypot words.
HONEYPOT_LEVELS = 3
# Words (split on punctuation and case) of a field's own name or id that name a honeypot.
# "hp" only there: in an ancestor's class it is as often a home page ("hp-module").
HONEYPOT_NAMES = frozenset({"honeypot", "honey", "hpot", "hp", "ohnohoney", "honeycomb"})
# Words of the field's or an ancestor's id or class that name a honeypot, and whole class names
# of form builders that hide one (Gravity Forms' validation field, Akismet's container).
HONEYPOT_WORDS = frozenset({"honeypot", "hpot", "ohnohoney"})
HONEYPOT_CLASSES = frozenset({"gform_validation_container", "akismet-fields-container",
                              "ak_hp_textarea", "_mc4wp_honeypot"})


def honeypot(capture: PageCapture, eid: int) -> str | None:
    """Why the form control ``eid`` is a honeypot, a field anti-spam scripts hide from people and
    treat as a robot's when filled, or None: it sits outside the page (a box with an area left
    of, above or right of it), its own name or id says so (:data:`HONEYPOT_NAMES`), or its own
    or one of its :data:`HONEYPOT_LEVELS` nearest ancestors' id or class does
    (:data:`HONEYPOT_WORDS`, :data:`HONEYPOT_CLASSES`). Not ``aria-hidden``: on the saved real
    forms it hid real sign-in forms (closed menus and dialogs) more often than honeypots."""
    els = capture.elements
    el = els[eid]
    b = el.box
    if b.width > 1 and b.height > 1 and (b.x1 <= 0 or b.y1 <= 0 or b.x0 >= capture.page_width):
        return "placed outside the page"
    if _words(el.attrs.get("name", "") + " " + el.attrs.get("id", "")) & HONEYPOT_NAMES:
        return "its name says so"
    node, level = el, 0
    while True:
        names = node.attrs.get("id", "") + " " + node.attrs.get("class", "")
        if set(names.lower().split()) & HONEYPOT_CLASSES or _words(names) & HONEYPOT_WORDS:
            return "its class says so"
        level += 1
        if level > HONEYPOT_LEVELS or not 0 <= node.parent < len(els):
            return None
        node = els[node.parent]


# Words of a container's class or id that say it opens over the page when asked (a sign-in
# dialog, a registration pop-up, a side drawer): hidden until then on the live page, shown in a
# render without the site's style sheets.
OVERLAY_WORDS = frozenset({"modal", "popup", "dialog", "lightbox", "overlay", "flyout", "drawer",
                           "popover", "offcanvas"})
OVERLAY_LEVELS = 12


def in_overlay(capture: PageCapture, eid: int) -> bool:
    """Whether element ``eid`` sits in a container that opens over the page: one of its
    :data:`OVERLAY_LEVELS` nearest ancestors has ``role="dialog"`` or ``"alertdialog"``,
    ``aria-modal="true"`` or a class or id word of :data:`OVERLAY_WORDS`."""
    els = capture.elements
    node, level = els[eid], 0
    while 0 <= node.parent < len(els) and level < OVERLAY_LEVELS:
        node, level = els[node.parent], level + 1
        a = node.attrs
        if a.get("role") in ("dialog", "alertdialog") or a.get("aria-modal") == "true" \
                or _words(a.get("id", "") + " " + a.get("class", "")) & OVERLAY_WORDS:
            return True
    return False


def _words(text: str) -> set[str]:
    """The words of an attribute (:func:`pagelens.baselines.keywords.words_of`:
    ``honeypot-textfield`` -> honeypot, textfield; ``fieldHp`` -> field, hp)."""
    return set(words_of(text).split())
