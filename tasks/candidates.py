"""Which elements may be named a form field or a submit button (decoding and the field loss)."""

from __future__ import annotations

from pagelens.records import PageCapture

CONTROL_TAGS = ("input", "select", "textarea")


def is_field_candidate(capture: PageCapture, eid: int) -> bool:
    """An element decoding may name a form field or a submit button."""
    return capture.elements[eid].tag in CONTROL_TAGS or is_submit_candidate(capture, eid)


def is_submit_candidate(capture: PageCapture, eid: int) -> bool:
    el = capture.elements[eid]
    if el.tag == "button" or el.tag == "a" or el.attrs.get("role") == "button":
        return True
    if el.tag == "input" and el.attrs.get("type", "").lower() in ("submit", "button", "image"):
        return True
    return el.interactive or el.style.cursor == "pointer"


def form_of(capture: PageCapture, eid: int) -> int:
    """The id of ``eid``'s nearest ``<form>`` ancestor (itself included), -1 outside forms."""
    els = capture.elements
    while 0 <= eid < len(els):
        if els[eid].tag == "form":
            return eid
        eid = els[eid].parent
    return -1
