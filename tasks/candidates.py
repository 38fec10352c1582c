"""Which elements may be named a form field or a submit button (decoding and the field loss)."""

from __future__ import annotations

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
