"""The label vocabulary pagelens predicts: page types, product roles, form-field tokens.

Form fields are named with WHATWG ``autocomplete`` tokens
(https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill), so a filler
can map a profile onto them directly. ``submit`` marks a form's submit button.
"""

from __future__ import annotations

PAGE_TYPES: tuple[str, ...] = ("product", "cart", "checkout", "login", "signup", "listing", "other")

# Roles of page parts on product pages. Singletons (one per product page) are chosen listwise.
PRODUCT_ROLES: tuple[str, ...] = (
    "price",          # the main product's current price
    "old_price",      # its list / struck-out price
    "product_title",
    "product_image",  # the main image
    "add_to_cart",
    "rating",         # the aggregate stars or score
    "review_count",
    "review",         # one user review block
    "description",
    "features",
    "cart_link",      # go to cart
)
SINGLETON_ROLES: tuple[str, ...] = ("price", "old_price", "product_title", "product_image",
                                    "add_to_cart", "rating", "review_count")

# WHATWG autocomplete tokens for form fields, plus the submit button.
FIELD_TOKENS: tuple[str, ...] = (
    "cc-name", "cc-number", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc",
    "email", "tel", "name", "given-name", "additional-name", "family-name",
    "street-address", "address-line1", "address-line2", "address-level2", "address-level1",
    "postal-code", "country", "username", "current-password", "new-password", "one-time-code",
    "bday", "bday-day", "bday-month", "bday-year",
    "submit",
)

# WHATWG autocomplete field names that pagelens does not name: a field whose autocomplete
# attribute holds one is none of FIELD_TOKENS (a phone extension is not the phone number, a
# company is not a name). Not "nickname": a handle is often what one logs in with.
UNNAMED_AUTOCOMPLETE: frozenset[str] = frozenset({
    "organization", "organization-title", "honorific-prefix", "honorific-suffix",
    "tel-extension", "sex", "url", "photo", "language", "impp", "transaction-currency",
    "transaction-amount"})


def autocomplete_field_name(attribute: str) -> str:
    """The field name of an ``autocomplete`` attribute (WHATWG: the last token, before an
    optional ``webauthn``), lower-cased; "" when it has none."""
    parts = attribute.lower().split()
    if parts and parts[-1] == "webauthn":
        parts = parts[:-1]
    return parts[-1] if parts else ""


def declares_unnamed_field(attribute: str) -> bool:
    """True when an ``autocomplete`` attribute names a field pagelens does not name
    (:data:`UNNAMED_AUTOCOMPLETE`)."""
    return autocomplete_field_name(attribute) in UNNAMED_AUTOCOMPLETE


# Tokens that name the same thing; scoring treats each group as one class.
FIELD_TOKEN_ALIASES: dict[str, str] = {"street-address": "address-line1"}

OTHER = "none"  # an element with no role, or a field that is none of the tokens above

ALL_LABELS: tuple[str, ...] = PRODUCT_ROLES + FIELD_TOKENS


def is_known_label(label: str) -> bool:
    return label in ALL_LABELS or label == OTHER


def canonical_field_token(token: str) -> str:
    """The token scoring compares on (``street-address`` and ``address-line1`` are one class)."""
    return FIELD_TOKEN_ALIASES.get(token, token)
