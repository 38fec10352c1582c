"""The product a product page sells, normalised: money as decimal strings with ISO 4217 codes, a
rating as a number, a review count as an integer, availability as a schema.org name.

Where each field comes from:
- ``name``, ``price``, ``old_price``, ``image``, ``rating``, ``review_count``: the elements the
  predictor gave those roles (their text, or an image's ``src``). These are what the parser saw on
  the page, so they agree with the boxes it reports. Without an ``old_price`` element, a higher
  amount struck out inside the price element is the old price (:func:`struck_price_text`).
- ``availability`` and ``sku`` have no role; they come from the page's structured data (JSON-LD
  or microdata ``Product``/``Offer``), else from the visible text ("In stock", "Item #…").
- Structured data fills any role field the predictor left empty, and its ``priceCurrency`` settles
  an ambiguous symbol (``$``, ``kr``, ``¥``) before the page language is consulted. A price shown
  without any mark takes that currency, else the one most of the page's shown prices are in
  (:func:`page_currency`).

Prices are parsed by ``price-parser``; only the symbol-to-code step is ours
(:func:`currency_code`). A price element is read for what it shows as current
(:func:`price_text`: struck-out and hidden parts left out): the old price inside it
(``<del>$79.99</del> <ins>$39.99</ins>``) was read before and cost 2 of 48 fathom pages their
price value (docs/model.md, Decisions); cents set small or raised without a separator
(``$249<sup>00</sup>``) join as minor units (no shared page sets them so: a reading for shops
that do, not a measured gain).
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping
from urllib.parse import urljoin

from price_parser import Price

log = logging.getLogger(__name__)

# A currency marker in a page's text: a symbol, or an ISO code or common abbreviation standing
# alone. The model's style features (fusion.features) and price decoding (tasks.decode) both read
# it; what it names is settled by currency_code.
CURRENCY_MARK = re.compile(r"[$€£¥₹₩₽₺₫₪฿₴₱]|\b(?:USD|EUR|GBP|JPY|CHF|SEK|NOK|DKK|PLN|CZK|CAD|AUD|"
                           r"KRW|CNY|RMB|INR|BRL|MXN|kr|zł|Kč|Fr)\b")

# Symbols and abbreviations that name one currency wherever they appear.
CURRENCY_SYMBOLS: dict[str, str] = {
    "€": "EUR", "£": "GBP", "₩": "KRW", "₹": "INR", "₽": "RUB", "₺": "TRY", "₪": "ILS",
    "₫": "VND", "฿": "THB", "₱": "PHP", "₴": "UAH", "₦": "NGN", "₡": "CRC", "₲": "PYG",
    "₸": "KZT", "₾": "GEL", "₼": "AZN", "₵": "GHS",
    "US$": "USD", "USD$": "USD", "R$": "BRL", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD",
    "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "SG$": "SGD",
    "MX$": "MXN", "NT$": "TWD", "RD$": "DOP",
    "zł": "PLN", "zl": "PLN", "Kč": "CZK", "Ft": "HUF", "lei": "RON", "лв": "BGN", "лв.": "BGN",
    "руб": "RUB", "руб.": "RUB", "р.": "RUB", "Rp": "IDR", "RM": "MYR", "Rs": "INR", "Rs.": "INR",
    "CHF": "CHF", "Fr.": "CHF", "SFr.": "CHF", "元": "CNY", "円": "JPY", "원": "KRW",
    "ريال": "SAR", "د.إ": "AED", "AED": "AED",
}
# Symbols shared by several currencies: the language of the page picks one, else the default.
AMBIGUOUS_SYMBOLS: dict[str, tuple[str, dict[str, str]]] = {
    "$": ("USD", {"en-CA": "CAD", "fr-CA": "CAD", "en-AU": "AUD", "en-NZ": "NZD", "es-MX": "MXN",
                  "es-AR": "ARS", "es-CL": "CLP", "es-CO": "COP", "zh-TW": "TWD", "en-SG": "SGD",
                  "en-HK": "HKD", "zh-HK": "HKD", "pt": "BRL"}),
    "kr": ("SEK", {"sv": "SEK", "nb": "NOK", "nn": "NOK", "no": "NOK", "da": "DKK", "is": "ISK"}),
    "kr.": ("DKK", {"sv": "SEK", "nb": "NOK", "no": "NOK", "da": "DKK", "is": "ISK"}),
    "¥": ("JPY", {"zh": "CNY", "ja": "JPY"}),
    "￥": ("JPY", {"zh": "CNY", "ja": "JPY"}),
    "R": ("ZAR", {}),
}
_ISO_CODE = re.compile(r"^[A-Z]{3}$")
# A short allowlist of ISO codes price-parser may return verbatim; any three capitals are
# accepted, this only guards against words like "NEW" in shouting text being taken for codes.
_NOT_CURRENCIES = {"NEW", "ADD", "BUY", "NOW", "OFF", "THE", "FOR", "AND", "TAX", "VAT", "QTY"}

SCHEMA_AVAILABILITY = ("InStock", "OutOfStock", "PreOrder", "BackOrder", "LimitedAvailability",
                       "SoldOut", "Discontinued", "InStoreOnly", "OnlineOnly", "PreSale")
# Visible phrases that state availability, checked in order (out-of-stock phrases first, so
# "not in stock" is never read as "in stock").
_AVAILABILITY_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\b(out of stock|not in stock|sold out|currently unavailable|not available|no longer available)\b", "OutOfStock"),
    (r"\b(ausverkauft|nicht (mehr )?lieferbar|épuisé|rupture de stock|agotado|esaurito|uitverkocht)\b", "OutOfStock"),
    (r"\b(pre-?order)\b", "PreOrder"),
    (r"\b(back-?order(ed)?)\b", "BackOrder"),
    (r"\b(only \d+ left|low stock|few left)\b", "LimitedAvailability"),
    (r"\b(in stock|available now|ready to ship|ships (today|within))\b", "InStock"),
    (r"\b(auf lager|sofort lieferbar|lieferbar|en stock|disponible|disponibile|op voorraad|i lager|på lager|w magazynie)\b", "InStock"),
)
_SKU_PATTERN = re.compile(
    r"(?:\bSKU|\bItem\s*(?:#|No\.?|number)|\bModel\s*(?:#|No\.?)|\bArt\.?-?Nr\.?|\bArtikelnummer|"
    r"\bRéf\.?|\bPart\s*#)\s*:?\s*#?\s*(?=[A-Za-z._/-]*\d)([A-Za-z0-9][A-Za-z0-9._/-]{2,40})",
    re.IGNORECASE)  # the code must hold a digit: "SKU here" is no code


@dataclass(frozen=True)
class Money:
    """An amount of money: ``amount`` a decimal string with ``.`` as separator and no grouping
    (``"1299.00"``); ``currency`` an ISO 4217 code or None when the page gave no clue;
    ``text`` the text it was read from, as shown."""

    amount: str
    currency: str | None
    text: str

    def __post_init__(self) -> None:
        try:
            Decimal(self.amount)
        except InvalidOperation:
            raise ValueError(f"Money amount {self.amount!r} is not a decimal number") from None
        if self.currency is not None and not _ISO_CODE.match(self.currency):
            raise ValueError(f"Money currency {self.currency!r} is not an ISO 4217 code")

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.amount)

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Money":
        return cls(str(d["amount"]), d.get("currency"), str(d.get("text", "")))


@dataclass(frozen=True)
class Product:
    """The product of a product page. Every field may be None when the page does not show it.

    ``image`` is an absolute URL (or a ``data:`` URI as on the page); ``rating`` is on the page's
    own scale, usually 0-5; ``availability`` is a schema.org ``ItemAvailability`` name such as
    ``InStock``.
    """

    name: str | None = None
    price: Money | None = None
    old_price: Money | None = None
    image: str | None = None
    rating: float | None = None
    review_count: int | None = None
    availability: str | None = None
    sku: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name,
                "price": self.price.to_dict() if self.price else None,
                "old_price": self.old_price.to_dict() if self.old_price else None,
                "image": self.image, "rating": self.rating, "review_count": self.review_count,
                "availability": self.availability, "sku": self.sku}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Product":
        return cls(name=d.get("name"),
                   price=Money.from_dict(d["price"]) if d.get("price") else None,
                   old_price=Money.from_dict(d["old_price"]) if d.get("old_price") else None,
                   image=d.get("image"), rating=d.get("rating"),
                   review_count=d.get("review_count"), availability=d.get("availability"),
                   sku=d.get("sku"))


def currency_code(symbol: str | None, language: str = "", hint: str | None = None) -> str | None:
    """The ISO 4217 code for a currency symbol or abbreviation as written on a page.

    ``language`` is the page's BCP 47 language (``<html lang>``, e.g. ``de-CH``) and settles
    shared symbols (``kr`` is SEK in Swedish, NOK in Norwegian); ``hint`` is a code the page
    states elsewhere (structured data's ``priceCurrency``) and wins over the language when the
    symbol is shared. Returns None for an unknown symbol.
    """
    if not symbol:
        return hint if hint and _ISO_CODE.match(hint) else None
    s = symbol.strip()
    if s.upper() in {"US$", "C$", "A$", "R$", "HK$", "NZ$", "S$"}:
        s = s.upper()
    if _ISO_CODE.match(s.upper()) and s.upper() not in _NOT_CURRENCIES and s.upper() not in {"RMB"}:
        return s.upper()
    if s.upper() == "RMB":
        return "CNY"
    if s in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[s]
    for key in (s, s.lower()):
        if key in AMBIGUOUS_SYMBOLS:
            default, by_language = AMBIGUOUS_SYMBOLS[key]
            if hint and _ISO_CODE.match(hint):
                return hint
            lang = language.replace("_", "-")
            primary = lang.split("-")[0].lower()
            for tag in (lang, primary):
                for k, code in by_language.items():
                    if k.lower() == tag.lower():
                        return code
            return default
    return None


# Currency signs CURRENCY_MARK leaves out (the network's style features read it as trained)
# that still name a currency: the fullwidth yen, yen and yuan characters.
MORE_MARKS = re.compile(r"[円元￥]")
STARS = re.compile(r"[★☆✩✪✫✬✭✮✯✰⭐]")  # rating stars: a line holding them is a rating


def page_currency(capture: Any, language: str = "", share: float = 0.6) -> str | None:
    """The currency most of a page's shown prices are in: the ISO code of the currency marks
    read in its short visible texts (:data:`CURRENCY_MARK`), when one code holds at least
    ``share`` of them; None when the page shows no marked price or no currency dominates. For a
    price shown without its mark ("3182.57") on a page of "$" prices."""
    counts: dict[str, int] = {}
    for el in capture.elements:
        text = el.text
        if not el.visible or not 0 < len(text) <= 40 or not (CURRENCY_MARK.search(text)
                                                              or MORE_MARKS.search(text)):
            continue
        money = parse_money(text, language)
        if money is not None and money.currency:
            counts[money.currency] = counts.get(money.currency, 0) + 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n >= share * sum(counts.values()) else None


# A number as prices write it: digit groups of three after a separator, then decimals.
PRICE_NUMBER = re.compile(r"\d+(?:[ .,\u00a0\u202f']\d{3})*(?:[.,]\d{1,2})?(?!\d)")


def _from_marked_number(text: str) -> str:
    """``text`` from the number a currency mark belongs to, when its first number has no mark
    beside it and a later one has: price-parser reads the first number it meets, so "Set of 5
    $1.99" would be 5 and "Qty 2 $19.99" 2. A mark belongs to the number right beside it (no
    gap) before one a space away: in "5 $1.99" the "$" is 1.99's."""
    numbers = list(PRICE_NUMBER.finditer(text))
    if len(numbers) < 2:
        return text
    owners: dict[int, int] = {}  # number index -> start of the text from its mark on
    for mark in list(CURRENCY_MARK.finditer(text)) + list(MORE_MARKS.finditer(text)):
        gaps = []  # (characters between, number index) for the numbers beside the mark
        for i, n in enumerate(numbers):
            before = n.end() <= mark.start()  # "19,90 €" against "$1.99"
            start, end = (n.end(), mark.start()) if before else (mark.end(), n.start())
            if end - start <= 1 and not text[start:end].strip():
                gaps.append((end - start, i))
        if gaps:
            _, i = min(gaps)
            owners.setdefault(i, min(mark.start(), numbers[i].start()))
    if not owners or 0 in owners:
        return text
    return text[owners[min(owners)]:]


def parse_money(text: str | None, language: str = "", currency_hint: str | None = None) -> Money | None:
    """Read a price from text as shown on a page (``"129,99 €"``, ``"$1,022"``, ``"CHF 49.90"``).

    Returns None when the text holds no digit (price-parser reads "Free" as 0; a page part that
    says "Free" is not a price we can report). The amount keeps the page's decimals
    (``"159.00"``); the currency is resolved by :func:`currency_code`.
    """
    if not text:
        return None
    text = " ".join(text.split())
    if not re.search(r"\d", text):
        return None
    price = Price.fromstring(_from_marked_number(join_split_cents(text[:200])))
    if price.amount is None:
        return None
    amount = price.amount
    if amount < 0:
        amount = -amount
    code = currency_code(price.currency, language, currency_hint)
    return Money(amount=format(amount, "f"), currency=code, text=text[:200])


# Class tokens that draw an element struck out or hide it, for pages whose style sheets did not
# load (saved pages, blocked CSS): then the class is all that says "old price" or "not shown".
_STRUCK_CLASS = re.compile(r"strike|line-?through", re.IGNORECASE)
_HIDDEN_CLASSES = frozenset({"hide", "hidden", "sr-only", "visually-hidden", "visuallyhidden",
                             "screen-reader-text"})


def _struck(el: Any) -> bool:
    """Whether ``el`` is drawn struck out: the old price beside a sale price, as in
    WooCommerce's ``<del>$79.99</del> <ins>$39.99</ins>``."""
    if el.tag in ("s", "del", "strike") or "line-through" in el.style.text_decoration:
        return True
    return any(_STRUCK_CLASS.search(t) for t in el.attrs.get("class", "").lower().split())


def _hidden(el: Any) -> bool:
    """Whether ``el`` is hidden from sight by a class: screen-reader text such as "Original price
    was: $79.99", or a hiding class whose style sheet did not load."""
    return any(t in _HIDDEN_CLASSES for t in el.attrs.get("class", "").lower().split())


def _struck_or_hidden(el: Any) -> bool:
    """Whether a person reading the page would not take ``el``'s text as the current price."""
    return _struck(el) or _hidden(el)


def struck_price_text(capture: Any, element_id: int,
                      children: Mapping[int, list[int]] | None = None) -> str:
    """The text of the parts of a price element drawn struck out (not hidden), in document
    order: the old price a sale price shows beside itself (``$79.99`` of
    ``<del>$79.99</del> <ins>$39.99</ins>``); "" when none is. Same arguments as
    :func:`price_text`."""
    kids = capture.children() if children is None else children
    parts, stack = [], list(reversed(kids.get(element_id, ())))
    while stack:
        child = capture.elements[stack.pop()]
        if _hidden(child):
            continue
        if _struck(child):
            # inline pieces join as the page draws them ("$" "79." "99" -> "$79.99")
            inline = child.style.display.startswith("inline")
            parts.append(child.full_text if inline else f" {child.full_text} ")
        else:
            stack.extend(reversed(kids.get(child.id, ())))
    return " ".join("".join(parts).split())


def price_text(capture: Any, element_id: int,
               children: Mapping[int, list[int]] | None = None) -> str:
    """The text of a price element that shows its current price: its visible text less the text
    of descendants drawn struck out or hidden (:func:`_struck_or_hidden`), so that
    ``<p class="price"><del>$79.99</del> <ins>$39.99</ins></p>`` reads ``$39.99``. Falls back to
    the whole text when nothing with a digit is left (the element is the old price itself).

    ``capture``: the :class:`pagelens.records.PageCapture` the element belongs to;
    ``children``: its :meth:`~pagelens.records.PageCapture.children`, passed in when reading many
    elements of one page. The product record, the decoding's reading of amounts and ``pagelens
    eval``'s price-value figure all read prices here.
    """
    el = capture.element(element_id)
    text = el.full_text
    if not text or _struck_or_hidden(el):
        return text
    kids = capture.children() if children is None else children
    out, cursor = text, 0  # cursor: where the next piece in document order is looked for
    top_font = _digit_font(capture, el.id, kids)
    stack = list(reversed(kids.get(el.id, ())))
    while stack:  # depth first, document order; a removed element's subtree goes with it
        child = capture.elements[stack.pop()]
        piece = child.full_text
        if not _struck_or_hidden(child):
            if kids.get(child.id):
                stack.extend(reversed(kids[child.id]))
            elif piece:
                at = out.find(piece, cursor)
                if at > 0 and _minor_units(child, top_font) and out[at - 1].isdigit():
                    # "$249" + "00" -> "$249.00"; "1.299" + "00" -> "1.299,00"
                    units = re.search(r"[\d.,\s]*$", out[:at]).group()
                    mark = "," if "." in units else "."
                    out, at = out[:at] + mark + out[at:], at + 1
                cursor = at + len(piece) if at >= 0 else cursor
            continue
        if piece:
            at = out.find(piece, cursor)
            if at >= 0:
                out, cursor = out[:at] + " " + out[at + len(piece):], at
    out = " ".join(out.split())
    return out if re.search(r"\d", out) else text


def _digit_font(capture: Any, element_id: int, kids: Mapping[int, list[int]]) -> float:
    """The largest font size (CSS px) among the descendants of an element that show digits,
    the element's own font when none does: the size the main units of its price are set in."""
    sizes, stack = [], [element_id]
    while stack:
        el = capture.elements[stack.pop()]
        if re.search(r"\d", el.text):
            sizes.append(el.style.font_size)
        stack.extend(kids.get(el.id, ()))
    return max(sizes, default=capture.elements[element_id].style.font_size)


def _minor_units(el: Any, top_font: float) -> bool:
    """Whether a piece of a price is its cents set small or raised without a separator: two
    digits alone, in a ``<sup>`` or at most 0.8 of the main units' font (``top_font``)."""
    return bool(re.fullmatch(r"\d{2}", el.full_text)) and (
        el.tag == "sup" or el.style.font_size <= 0.8 * top_font)


def join_split_cents(text: str) -> str:
    """Undo the gaps that superscript cents leave in an element's text: ``"$ 79. 99"`` is
    ``"$ 79.99"`` and ``"7 $ .99"`` is ``"$7.99"``."""
    text = re.sub(r"(\d)\s*([.,])\s+(\d{2})\b", r"\1\2\3", text)
    return re.sub(r"(\d)\s*([^\d\s.,]{1,3})\s*([.,]\d{2})\b", r"\2\1\3", text)


def parse_rating(text: str | None) -> float | None:
    """The rating a text states (``"4.5"``, ``"4,3 von 5"``, ``"Rated 4.5 out of 5 stars"``);
    failing a number, the count of full stars (``"★★★★☆"`` is 4). None when neither is there."""
    if not text:
        return None
    m = re.search(r"(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:/|out of|of|von|sur|su|de|van|av|z)\s*(\d{1,3})\b",
                  text, re.IGNORECASE)
    if m:
        return float(m.group(1).replace(",", "."))
    m = re.search(r"(?<![\d.,])(\d(?:[.,]\d{1,2})?)(?![\d.,]*\s*(?:reviews?|ratings?|%))", text)
    if m:
        value = float(m.group(1).replace(",", "."))
        if 0 <= value <= 10:
            return value
    stars = text.count("★")
    if stars:
        return float(stars)
    return None


def parse_count(text: str | None) -> int | None:
    """The first whole number in a text, grouping separators removed (``"1,284 reviews"`` and
    ``"(1.284)"`` are 1284; ``"2.3k"`` is 2300)."""
    if not text:
        return None
    m = re.search(r"(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+(?:[.,]\d)?\s*[kK]\b|\d+)", text)
    if not m:
        return None
    token = m.group(1)
    if token[-1] in "kK":
        return int(round(float(token[:-1].strip().replace(",", ".")) * 1000))
    return int(re.sub(r"[^\d]", "", token))


def availability_from_text(text: str) -> str | None:
    """A schema.org availability name stated by visible text, or None."""
    low = text.lower()
    for pattern, value in _AVAILABILITY_PHRASES:
        if re.search(pattern, low):
            return value
    return None


def sku_from_text(text: str) -> str | None:
    """A stock-keeping unit stated by visible text (``"SKU: AB-123"``, ``"Item #NW-RTR3"``,
    ``"Art.-Nr. 4711-0815"``), or None."""
    m = _SKU_PATTERN.search(text)
    return m.group(1) if m else None


def _schema_availability(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    name = value.rstrip("/").rsplit("/", 1)[-1]
    for known in SCHEMA_AVAILABILITY:
        if known.lower() == name.lower():
            return known
    return None


@dataclass(frozen=True)
class StructuredProduct:
    """The fields of a page's schema.org ``Product`` (JSON-LD or microdata), as strings."""

    name: str | None = None
    price: str | None = None
    currency: str | None = None
    image: str | None = None
    rating: str | None = None
    review_count: str | None = None
    availability: str | None = None
    sku: str | None = None
    products: int = 1  # Products declared where this one was (JSON-LD, else microdata), nested ones too


# A JSON-LD block: read with a pattern instead of parsing the whole page (extruct's reader
# parses it with lxml first: 6.6 ms p50, 51 ms p95 and 235 ms at most on the 48 fathom pages).
_JSONLD = re.compile(r"<script\b[^>]*?\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
                     re.IGNORECASE | re.DOTALL)
# Comment lines before a block's JSON that make it invalid (as extruct strips them).
_COMMENT_LINE = re.compile(r"^\s*(//.*|<!--.*-->)")


def _jsonld_items(html: str) -> list[Any]:
    """The items of every JSON-LD block of the page; a block that is not JSON is skipped (the
    others stand)."""
    items: list[Any] = []
    for m in _JSONLD.finditer(html):
        script = m.group(1)
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            try:
                import jstyleson  # extruct's dependency: JSON with comments

                data = jstyleson.loads(_COMMENT_LINE.sub("", script), strict=False)
            except Exception:  # noqa: BLE001 - a broken block must not stop a parse
                log.debug("a JSON-LD block of the page is not JSON")
                continue
        items.extend(data if isinstance(data, list) else [data])
    return items


@functools.lru_cache(maxsize=8)
def structured_product(html: str, url: str = "") -> StructuredProduct | None:
    """The first schema.org ``Product`` in the page's JSON-LD, else in its microdata (read by
    extruct), or None. Cached for the last few pages: decoding (the declared price) and the
    product record both read it."""
    if not html or ("schema.org" not in html and "ld+json" not in html):
        return None
    product = _first_product(_jsonld_items(html)) if "ld+json" in html else None
    if product is None and "itemprop" in html:
        try:
            import extruct

            data = extruct.extract(html, base_url=url or None, syntaxes=["microdata"],
                                   uniform=True, errors="ignore")
        except Exception as exc:  # malformed markup must not stop a parse
            log.debug("microdata of %s unreadable: %s", url, exc)
            return None
        product = _first_product(data.get("microdata", []))
    return product


def _first_product(items: Any) -> StructuredProduct | None:
    """The first ``Product`` among structured-data items (nested ones included), with the
    number of Products among them."""
    found = [item for item in _walk_items(items) if "Product" in (
        item.get("@type") if isinstance(item.get("@type"), list) else [item.get("@type")])]
    if not found:
        return None
    item = found[0]
    offers = item.get("offers") or {}
    if isinstance(offers, list):
        offers = offers[0] if offers else {}
    if not isinstance(offers, dict):
        offers = {}
    rating = item.get("aggregateRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    image = item.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    price = offers.get("price") or offers.get("lowPrice")
    if price is None and isinstance(offers.get("priceSpecification"), dict):
        price = offers["priceSpecification"].get("price")
    return StructuredProduct(
        name=_str(item.get("name")), price=_str(price),
        currency=_str(offers.get("priceCurrency")), image=_str(image),
        rating=_str(rating.get("ratingValue")) if isinstance(rating, dict) else None,
        review_count=_str(rating.get("reviewCount") or rating.get("ratingCount"))
        if isinstance(rating, dict) else None,
        availability=_schema_availability(offers.get("availability")),
        sku=_str(item.get("sku") or item.get("mpn")), products=len(found))


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    s = str(value).strip()
    return s or None


def _walk_items(items: Any):
    """Every dict in nested JSON-LD (``@graph`` lists and nested objects included)."""
    stack = list(items) if isinstance(items, list) else [items]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            yield item
            stack.extend(v for k, v in item.items() if k == "@graph" or isinstance(v, (list, dict)))
        elif isinstance(item, list):
            stack.extend(item)


def absolute_url(src: str, base: str) -> str:
    """``src`` resolved against the page's URL (``data:`` URIs and absolute URLs unchanged)."""
    if not src or src.startswith(("data:", "http://", "https://")):
        return src
    if src.startswith("//") and not base.startswith(("http://", "https://")):
        return "https:" + src  # a scheme-relative URL in a saved page: the web page was https
    if not base:
        return src
    try:
        return urljoin(base, src)
    except ValueError:
        return src


def page_language(html: str) -> str:
    """The ``lang`` of the page's ``<html>`` element, or ``""``."""
    m = re.search(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)",
                  html[:5000], re.IGNORECASE)
    return m.group(1) if m else ""
