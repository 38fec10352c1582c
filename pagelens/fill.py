"""Filling a form from a profile: which value goes into which field of a parsed page.

A :class:`Profile` holds a person's details under the WHATWG ``autocomplete`` tokens pagelens
names (``given-name``, ``email``, ``cc-number``, ``country`` ...). :func:`plan_fill` reads a
:class:`pagelens.api.ParseResult` and gives a :class:`FillPlan`: per field the value to type or
the drop-down option to choose, written the way the field asks for it, and per field left alone
the reason. :func:`apply_plan` carries a plan out in an open Playwright page;
:meth:`pagelens.api.Parser.fill` and ``pagelens fill`` do both on a rendered page. Nothing is
ever submitted: the submit buttons found are listed for the caller to press.

Decisions:
- Values are derived where the profile says the same thing another way: ``name`` from the name
  parts and back (first word / last word), ``address-line1`` and ``address-line2`` from a
  two-line ``street-address`` and back, the card's expiry parts from ``cc-exp`` (``MM/YY`` or
  ``MM/YYYY``) and back, the birth date's parts from ``bday`` (``YYYY-MM-DD``), ``username``
  from ``email``.
- The format follows the field: a card expiry box whose placeholder or ``maxlength`` asks for
  four year digits gets ``MM/YYYY``, one with room for four characters ``MMYY``, else
  ``MM/YY``; a two-digit year box (``maxlength`` 2, ``YY``) gets ``29``; a month box ``07``.
  A value longer than the field's ``maxlength`` is written shorter where a shorter form says
  the same: a card number without its spaces, a phone number as its digits or as dialled within
  its country (``(415) 555-0100``, ``4155550100``; libphonenumber's rules through
  phonenumbers); else it is left out: a cut value is a wrong one.
- A phone number asked for in several boxes of one form (area code, exchange, line) goes in
  as its digits dialled within its country, split by the boxes' ``maxlength``.
- A drop-down gets the option whose value or text is the value (case, accents and spacing
  aside); a month also by number or by month name in English or the page's language; a
  country by its ISO 3166 codes and names (pycountry) or its name in any of the languages the
  rules read country lists in (CLDR names through babel); a region by its ISO 3166-2 code or
  name. No close option: the field is left alone. Measured on the saved forms of fold 0's
  websites (bench/fill_eval.py): of 6 drop-downs left alone on ddg-forms, a country list saying
  "United States of America" and a state list of full names were what led to the last two.
- Fields no person would fill are left alone, with their reason: not visible on the page (no
  box), disabled or read-only, and honeypots (:func:`pagelens.tasks.candidates.honeypot`: outside
  the page, or named or classed as one), which anti-spam scripts use to drop orders from robots.
  Not ``aria-hidden`` fields: on the saved real forms (bench/fill_eval.py) that hid real sign-in
  and sign-up forms (closed menus and dialogs) far more often than honeypots.
- One-time codes are never filled (they arrive per sign-in), and a password only when the
  profile holds one for that token: ``current-password`` for a sign-in, ``new-password`` for a
  new account (never made up).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from pagelens.product import page_language
from pagelens.records import Element, PageCapture
from pagelens.vocab import FIELD_TOKENS

if TYPE_CHECKING:
    from pagelens.api import ParseResult

# Tokens whose values are secrets: shown masked in reports and on the command line.
SECRET_TOKENS = frozenset({"cc-number", "cc-csc", "current-password", "new-password"})
# Tokens a profile may hold: every field token but the submit button and the one-time code.
PROFILE_TOKENS = tuple(t for t in FIELD_TOKENS if t not in ("submit", "one-time-code"))
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Profile:
    """A person's details by WHATWG ``autocomplete`` token (``{"given-name": "Ada", ...}``).
    Values are strings; ``cc-exp-month``, ``cc-exp-year`` and the ``bday-*`` parts may be
    numbers in the JSON. ``bday`` is ``YYYY-MM-DD``, ``cc-exp`` ``MM/YY`` or ``MM/YYYY``,
    ``country`` an ISO 3166 alpha-2 code or a country name."""

    values: Mapping[str, str] = field(default_factory=dict)
    source: str = "profile"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "profile") -> "Profile":
        if not isinstance(data, Mapping):
            raise ProfileError(f"{source}: expected a JSON object of autocomplete tokens")
        values: dict[str, str] = {}
        for key, value in data.items():
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise ProfileError(f"{source}: {key!r} must be a string, "
                                   f"got {type(value).__name__}")
            text = str(value).strip()
            if text:
                values[key] = text
        return cls(values, source)

    @classmethod
    def load(cls, path: str | Path) -> "Profile":
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ProfileError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"{path}: cannot read ({exc})") from None
        except json.JSONDecodeError as exc:
            raise ProfileError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
        return cls.from_dict(data, str(path))

    def __post_init__(self) -> None:
        for key in self.values:
            if key not in PROFILE_TOKENS:
                hint = " (asked for each sign-in; never filled)" if key == "one-time-code" else ""
                raise ProfileError(f"{self.source}: unknown key {key!r}{hint}; expected "
                                   f"autocomplete tokens: {', '.join(PROFILE_TOKENS)}")
        v = self.values
        month, year = v.get("cc-exp-month", "1"), v.get("cc-exp-year", "00")
        problems = {
            "bday": ("bday" in v and _iso_date(v["bday"]) is None, "expected a date, YYYY-MM-DD"),
            "cc-exp": ("cc-exp" in v and _expiry(v["cc-exp"]) is None, "expected MM/YY or MM/YYYY"),
            "cc-exp-month": (not (month.isdigit() and 1 <= int(month) <= 12), "expected 1-12"),
            "cc-exp-year": (not (year.isdigit() and len(year) in (2, 4)), "expected YY or YYYY"),
            "country": ("country" in v and country_code(v["country"]) is None,
                        "neither an ISO 3166 code nor a country name"),
        }
        for key, (bad, expected) in problems.items():
            if bad:
                raise ProfileError(f"{self.source}: {key!r} {v[key]!r}: {expected}")

    def value(self, token: str) -> str | None:
        """The profile's value for ``token``, given or derived (module docstring), or None.
        Expiry and birth-date parts come as numbers without padding (``7``, ``2029``)."""
        v = self.values
        if token in v and token not in ("cc-exp", "cc-exp-month", "cc-exp-year"):
            return v[token]
        if token == "name":
            parts = [v.get(t) for t in ("given-name", "additional-name", "family-name")]
            if not (v.get("given-name") or v.get("family-name")):
                return None
            return " ".join(p for p in parts if p)
        if token in ("given-name", "family-name") and "name" in v:
            words = v["name"].split()
            if len(words) >= 2:
                return words[0] if token == "given-name" else words[-1]
            return None
        if token in ("address-line1", "address-line2") and "street-address" in v:
            lines = [s.strip() for s in v["street-address"].splitlines() if s.strip()]
            i = 0 if token == "address-line1" else 1
            return lines[i] if i < len(lines) else None
        if token == "street-address" and "address-line1" in v:
            return "\n".join(s for s in (v["address-line1"], v.get("address-line2")) if s)
        if token in ("cc-exp-month", "cc-exp-year"):
            month, year = self.expiry()
            if month is None:
                return None
            return str(month) if token == "cc-exp-month" else str(year)
        if token == "cc-exp":
            month, year = self.expiry()
            return f"{month:02d}/{year % 100:02d}" if month is not None else None
        if token in ("bday-day", "bday-month", "bday-year") and "bday" in v:
            d = _iso_date(v["bday"])
            return str({"bday-day": d.day, "bday-month": d.month, "bday-year": d.year}[token])
        if token == "bday" and all(t in v for t in ("bday-year", "bday-month", "bday-day")):
            return f"{int(v['bday-year']):04d}-{int(v['bday-month']):02d}-{int(v['bday-day']):02d}"
        if token == "username":
            return v.get("email")
        return None

    def expiry(self) -> tuple[int | None, int | None]:
        """The card's expiry as (month 1-12, four-digit year), or (None, None)."""
        v = self.values
        if "cc-exp-month" in v and "cc-exp-year" in v:
            year = int(v["cc-exp-year"])
            return int(v["cc-exp-month"]), year + 2000 if year < 100 else year
        if "cc-exp" in v:
            return _expiry(v["cc-exp"])  # type: ignore[return-value]
        return None, None


@dataclass(frozen=True)
class FillStep:
    """One field to fill: ``action`` "fill" types ``value`` into it, "select" chooses the
    drop-down option whose ``value`` attribute is ``option`` (``value`` is its text).
    ``xpath`` is the capture's (``/html[1]/body[1]/...``); ``box`` CSS px of the full page."""

    id: int
    xpath: str
    autocomplete: str
    action: str
    value: str
    option: str | None = None
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Skipped:
    """A field left alone and why (``reason``, one line)."""

    id: int
    xpath: str
    autocomplete: str
    reason: str


@dataclass(frozen=True)
class FillPlan:
    """What :func:`plan_fill` decided for one page: ``steps`` in document order, ``skipped``
    fields with their reasons, and the ``submit`` buttons found (element ids; never pressed)."""

    source: str
    steps: tuple[FillStep, ...]
    skipped: tuple[Skipped, ...]
    submit: tuple[int, ...]

    def to_dict(self, reveal: bool = False) -> dict[str, Any]:
        """JSON-ready; values of :data:`SECRET_TOKENS` masked unless ``reveal``."""
        steps = []
        for s in self.steps:
            d = asdict(s)
            d["box"] = [round(x, 1) for x in s.box]
            if not reveal and s.autocomplete in SECRET_TOKENS:
                d["value"] = mask(s.value, s.autocomplete)
                d["option"] = None if s.option is None else mask(s.option, s.autocomplete)
            steps.append(d)
        return {"source": self.source, "steps": steps,
                "skipped": [asdict(s) for s in self.skipped], "submit": list(self.submit)}


def mask(value: str, token: str) -> str:
    """A secret ``value`` of ``token`` as shown in reports: a card number as its last four
    digits, anything else (a CVC, a password) as eight bullets, whatever its length."""
    if token == "cc-number":
        digits = re.sub(r"\D", "", value)
        return "•••• " + digits[-4:]
    return "•" * 8


# -- planning --

def plan_fill(result: "ParseResult", profile: Profile) -> FillPlan:
    """The values of ``profile`` for the fields of a parsed page (``result.capture`` needed)."""
    capture = result.capture
    if capture is None:
        raise ValueError(f"{result.source}: the parse result carries no capture to fill")
    steps: list[FillStep] = []
    skipped: list[Skipped] = []
    submit: list[int] = []
    parts = phone_parts(capture, [f.id for f in result.fields if f.label == "tel"], profile)
    for f in sorted(result.fields, key=lambda f: f.id):
        token = f.label
        if token == "submit":
            submit.append(f.id)
            continue
        el = capture.element(f.id)
        if f.id in parts:
            steps.append(FillStep(f.id, el.xpath, token, "fill", parts[f.id], None,
                                  tuple(el.box.to_list())))
            continue

        def skip(reason: str) -> None:
            skipped.append(Skipped(f.id, el.xpath, token, reason))

        why = why_not_fill(capture, el)
        if why is None and "#shadow-root" in el.xpath:
            why = "inside a shadow root (out of reach of an xpath)"
        if why:
            skip(why)
            continue
        if token == "one-time-code":
            skip("a one-time code is asked for each sign-in")
            continue
        raw = profile.value(token)
        if raw is None:
            skip(f"the profile has no {token}")
            continue
        if el.tag == "select":
            option = choose_option(capture, el, token, raw, profile.value("country"))
            if option is None:
                skip(f"no option of the drop-down matches the profile's {token}")
                continue
            opt_value, opt_text = option
            steps.append(FillStep(f.id, el.xpath, token, "select", opt_text, opt_value,
                                  tuple(el.box.to_list())))
            continue
        value = format_value(el, token, raw, profile)
        if value is None:
            skip(f"the profile's {token} does not fit the field (maxlength "
                 f"{el.attrs.get('maxlength')})")
            continue
        steps.append(FillStep(f.id, el.xpath, token, "fill", value, None, tuple(el.box.to_list())))
    return FillPlan(result.source, tuple(steps), tuple(skipped), tuple(submit))


def phone_parts(capture: PageCapture, tel_ids: list[int], profile: Profile) -> dict[int, str]:
    """A phone number split over several boxes of one form (``(415)`` ``555`` ``0100``): element
    id -> its digits, for each group of two or more fillable ``tel`` boxes of one form whose
    ``maxlength`` values add up to the digits of the number as dialled within its country.
    Other phone boxes are not in the result (each takes the whole number)."""
    from pagelens.tasks.candidates import form_of

    tel = profile.value("tel")
    national = national_number(tel, profile.value("country")) if tel else None
    if not national:
        return {}
    digits = re.sub(r"\D", "", national)
    groups: dict[int, list[int]] = {}
    for eid in sorted(tel_ids):
        el = capture.element(eid)
        if el.tag == "input" and why_not_fill(capture, el) is None:
            groups.setdefault(form_of(capture, eid), []).append(eid)
    out: dict[int, str] = {}
    for ids in groups.values():
        sizes = [_maxlength(capture.element(i)) for i in ids]
        if len(ids) < 2 or None in sizes or sum(sizes) != len(digits):  # type: ignore[arg-type]
            continue
        start = 0
        for eid, size in zip(ids, sizes):
            out[eid] = digits[start:start + size]  # type: ignore[operator]
            start += size  # type: ignore[operator]
    return out


def why_not_fill(capture: PageCapture, el: Element) -> str | None:
    """Why no person would type into ``el``, or None: hidden, disabled, read-only or a honeypot
    (module docstring)."""
    from pagelens.tasks.candidates import honeypot  # pagelens.tasks loads torch: only when used

    if el.tag not in ("input", "select", "textarea"):
        return f"not a form control (<{el.tag}>)"
    if el.attrs.get("type", "").lower() == "hidden":
        return "a hidden input"
    if "disabled" in el.attrs or "readonly" in el.attrs:
        return "disabled or read-only"
    trap = honeypot(capture, el.id)
    if trap:
        return f"a honeypot ({trap})"
    b = el.box
    if b.width <= 1 or b.height <= 1 or not el.visible:
        return "not visible on the page"
    return None


def format_value(el: Element, token: str, raw: str, profile: Profile) -> str | None:
    """``raw`` written the way the text field ``el`` asks for it, or None if it cannot fit."""
    hint = " ".join(el.attrs.get(a, "") for a in ("placeholder", "aria-label", "title")).lower()
    limit = _maxlength(el)
    value = raw
    if token == "cc-exp":
        month, year = profile.expiry()
        if "yyyy" in hint or "aaaa" in hint or "jjjj" in hint or (limit is not None and limit >= 7
                                                                  and "yy" not in hint):
            value = f"{month:02d}/{year}"
        elif limit == 4:
            value = f"{month:02d}{year % 100:02d}"
        else:
            sep = " / " if " / " in hint else "/"
            value = f"{month:02d}{sep}{year % 100:02d}"
    elif token in ("cc-exp-month", "bday-month", "bday-day"):
        value = f"{int(raw):02d}"
    elif token in ("cc-exp-year", "bday-year"):
        year = int(raw)
        two = limit == 2 or re.search(r"\b(yy|aa|jj)\b", hint) is not None
        value = f"{year % 100:02d}" if two else str(year)
    elif token == "bday" and el.attrs.get("type", "").lower() != "date":
        d = _iso_date(raw)
        day_first = re.search(r"(?:dd|jj|tt)(\W+)mm\W+(?:yyyy|aaaa|jjjj)", hint)
        month_first = re.search(r"mm(\W+)dd\W+yyyy", hint)
        if d is not None and day_first:
            sep = day_first.group(1)
            value = f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
        elif d is not None and month_first:
            sep = month_first.group(1)
            value = f"{d.month:02d}{sep}{d.day:02d}{sep}{d.year}"
    elif token == "country":
        code = country_code(raw)
        value = raw if code is None or len(raw) != 2 else _country_name(code, "en")
    elif token == "street-address" and el.tag != "textarea":
        value = ", ".join(s.strip() for s in raw.splitlines() if s.strip())
    if limit is None or len(value) <= limit:
        return value
    shorter = []  # what a person would write instead, in order of preference
    if token == "tel":
        national = national_number(value, profile.value("country"))
        if national:
            shorter += [national, re.sub(r"\D", "", national)]
    if token in ("tel", "cc-number"):
        shorter.append(re.sub(r"\D", "", value))
    return next((v for v in shorter if v and len(v) <= limit), None)


def national_number(tel: str, country: str | None) -> str | None:
    """``tel`` written as dialled within its own country (``+1 415 555 0100`` -> ``(415)
    555-0100``, ``+44 20 7946 0958`` -> ``020 7946 0958``), by libphonenumber's metadata
    (phonenumbers); None if it cannot be read as a phone number. ``country`` (a code or name)
    reads a number written without its country code."""
    import phonenumbers

    region = country_code(country) if country else None
    try:
        number = phonenumbers.parse(tel, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _maxlength(el: Element) -> int | None:
    v = el.attrs.get("maxlength", "")
    return int(v) if v.isdigit() and int(v) > 0 else None


def _fold(text: str) -> str:
    """Lower case, accents and spacing dropped: what option matching compares."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def choose_option(capture: PageCapture, select: Element, token: str, raw: str,
                  country: str | None = None) -> tuple[str, str] | None:
    """The ``(value, text)`` of the option of drop-down ``select`` that stands for ``raw``, or
    None. Options are the select's ``<option>`` children in the capture; an option without a
    ``value`` attribute has its text as value, as in the browser. ``country``: the profile's
    country, which names its regions (``address-level1``: ``CA`` or ``California``, ISO 3166-2
    through pycountry). A country's option may also be a longer name holding its name (``United
    States of America``): the shortest such option, when no option is the country exactly."""
    options = [(o.attrs.get("value", o.full_text or o.text), (o.full_text or o.text).strip())
               for o in capture.elements if o.parent == select.id and o.tag == "option"]
    if not options:
        return None
    wanted = {_fold(raw)}
    numbered = ("cc-exp-month", "bday-month", "bday-day", "cc-exp-year", "bday-year")
    if token in numbered and raw.isdigit():
        n = int(raw)
        wanted |= {str(n), f"{n:02d}"}
        if token == "cc-exp-year" or token == "bday-year":
            wanted.add(f"{n % 100:02d}")
        if token.endswith("month") and 1 <= n <= 12:
            names = _month_names(n, capture)
            wanted |= names | {f"{k} - {name}" for name in names for k in (f"{n:02d}", str(n))}
    code = country_code(raw) if token == "country" else None
    if code is not None:
        wanted |= {code.lower()} | {_fold(n) for n in _country_names_of(code)}
    if token == "address-level1":
        wanted |= {_fold(n) for n in region_names(raw, country)}
    for value, text in options:
        if _fold(value) in wanted or _fold(text) in wanted:
            return value, text
    if code is not None:  # "United States of America", not "... Minor Outlying Islands"
        names = [n for n in wanted if len(n) >= 4]
        holding = [(len(text), value, text) for value, text in options
                   if any(re.search(rf"\b{re.escape(n)}\b", _fold(text)) for n in names)]
        if holding:
            _, value, text = min(holding)
            return value, text
    return None


def region_names(text: str, country: str | None) -> set[str]:
    """Names of the region ``text`` (an ISO 3166-2 code with or without its country, ``CA`` /
    ``US-CA``, or a name) of ``country``: its code, its code without the country and its name
    (``{"US-CA", "CA", "California"}``); ``{text}`` when pycountry does not know it."""
    import pycountry

    code = country_code(country) if country else None
    folded = _fold(text)
    for sub in pycountry.subdivisions.get(country_code=code) or () if code else ():
        short = sub.code.split("-", 1)[1]
        if folded in (_fold(sub.code), _fold(short), _fold(sub.name)):
            return {sub.code, short, sub.name}
    return {text}


def _month_names(n: int, capture: PageCapture) -> set[str]:
    """Month ``n``'s names (full and abbreviated) in English and the page's language."""
    names = {_MONTHS_EN[n - 1], _MONTHS_EN[n - 1][:3]}
    lang = page_language(capture.html or "").replace("_", "-").split("-")[0].lower()
    if lang and lang != "en":
        try:
            from babel import Locale

            loc = Locale.parse(lang)
            for width in ("wide", "abbreviated"):
                names.add(_fold(loc.months["format"][width][n]).rstrip("."))
                names.add(_fold(loc.months["stand-alone"][width][n]).rstrip("."))
        except (ValueError, LookupError, TypeError):
            pass
    return {_fold(x) for x in names}


@lru_cache(maxsize=1)
def _territories() -> dict[str, frozenset[str]]:
    """ISO 3166 alpha-2 code -> its names in the languages the rules read country lists in
    (:func:`pagelens.baselines.rules.territory_names`), ISO 3166's names and its alpha-3 code
    (through pycountry)."""
    import pycountry

    from pagelens.baselines.rules import territory_names

    out = {code: set(names) for code, names in territory_names().items()}
    for c in pycountry.countries:  # ISO 3166's own names and three-letter codes ("USA")
        names = out.setdefault(c.alpha_2, set())
        names.update(n for n in (c.name, c.alpha_3, getattr(c, "official_name", None),
                                 getattr(c, "common_name", None)) if n)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    """Folded country name -> its alpha-2 code (the first code in :func:`_territories`'s order
    where two share a name)."""
    out: dict[str, str] = {}
    for code, names in _territories().items():
        for n in names:
            out.setdefault(_fold(n), code)
    return out


def _country_names_of(code: str) -> frozenset[str]:
    return _territories().get(code.upper(), frozenset())


def _country_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).territories.get(code.upper(), code)


def country_code(text: str) -> str | None:
    """The ISO 3166 alpha-2 code of a code or a country name (any language the rules read),
    or None. ``"gb"`` -> ``"GB"``; ``"Deutschland"`` -> ``"DE"``."""
    if len(text) == 2 and text.upper() in _territories():
        return text.upper()
    return _codes_by_name().get(_fold(text))


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _expiry(text: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"\s*(\d{1,2})\s*[/\-. ]\s*(\d{2}|\d{4})\s*", text)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    year = int(m.group(2))
    return int(m.group(1)), year + 2000 if year < 100 else year


# -- carrying a plan out --

@dataclass(frozen=True)
class StepOutcome:
    """What happened to one step in the browser: ``ok`` with the value the field holds after
    it (``now``; masked in reports like the plan), or the ``error``."""

    id: int
    ok: bool
    now: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class FillReport:
    """A page filled by :meth:`pagelens.api.Parser.fill`: its parse ``result``, the ``plan``,
    per step what happened (``outcomes``, in the plan's order) and a PNG of the filled page."""

    result: "ParseResult"
    plan: FillPlan
    outcomes: tuple[StepOutcome, ...]
    screenshot_png: bytes | None = None

    def to_dict(self, reveal: bool = False) -> dict[str, Any]:
        """JSON-ready: the plan (:meth:`FillPlan.to_dict`) with each step's ``ok``, the value the
        field held afterwards (``now``, masked like the plan's) and ``error``; the page type."""
        d = self.plan.to_dict(reveal)
        by_id = {o.id: o for o in self.outcomes}
        for step, row in zip(self.plan.steps, d["steps"]):
            o = by_id.get(step.id)
            row["ok"] = o.ok if o else False
            now = o.now if o else None
            row["now"] = mask(now, step.autocomplete) if now and not reveal and \
                step.autocomplete in SECRET_TOKENS else now
            row["error"] = o.error if o else "not carried out"
        d["page_type"] = self.result.page_type
        return d


def locate(page: Any, xpath: str) -> Any:
    """A Playwright locator for a capture's ``xpath`` in ``page``: inside a same-origin iframe
    (``.../iframe[1]/html[1]/...``) through a frame locator per iframe on the way."""
    parts = re.split(r"(?<=\])(?=/html\[1\]/)", xpath)  # a document's root after an iframe step
    scope = page
    for frame in parts[:-1]:
        scope = scope.frame_locator(f"xpath={frame}")
    return scope.locator(f"xpath={parts[-1]}")


async def apply_plan(page: Any, plan: FillPlan, timeout_s: float = 5.0) -> list[StepOutcome]:
    """Carry ``plan`` out in ``page`` (a Playwright async page showing the page it was planned
    on): type each value or choose each option, then read the field back. One step that fails
    (the field went away, is covered, refuses the value) does not stop the others. Nothing is
    submitted."""
    from playwright.async_api import Error as PlaywrightError

    out: list[StepOutcome] = []
    for step in plan.steps:
        loc = locate(page, step.xpath)
        try:
            if step.action == "select":
                await loc.select_option(value=step.option, timeout=timeout_s * 1000)
            else:
                await loc.fill(step.value, timeout=timeout_s * 1000)
            out.append(StepOutcome(step.id, True, await loc.input_value(timeout=timeout_s * 1000)))
        except PlaywrightError as exc:
            out.append(StepOutcome(step.id, False, error=str(exc).splitlines()[0]))
    return out
