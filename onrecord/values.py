"""The value types fields of the content model are made of: dates, ids, text, flags, web addresses,
currencies and amounts of money, each refusing with a message for the author what it cannot hold."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema

from . import dates, limits
from .currencies import ISO_4217

DATE_HELP = "EDTF date: 2020, 2020-06, 2020-06-08, 2020-06~ (about), 2023? (uncertain), 2020-06-10/2021-05, 2023-08/.."
Date = Annotated[
    dates.Point | dates.Interval,
    PlainValidator(dates.from_yaml),
    PlainSerializer(str),
    WithJsonSchema({"type": ["string", "integer"], "description": DATE_HELP}),
]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=limits.ID_CHARACTERS)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=limits.ID_CHARACTERS)]
Text = Annotated[str, Field(min_length=1)]
Flag = Annotated[bool, Field(strict=True)]
"""true or false, as written: never a number or a word taken for one."""


def _http_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{url}' is not a web address; only http:// and https:// links are allowed")
    if any(character.isspace() for character in url):
        raise ValueError(f"'{url}' contains a space; a web address has none (write %20 for one)")
    return url


def _amount(value: object) -> Decimal:
    """An amount as written, exactly: no binary rounding, no infinity, nothing past the limits."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ValueError(f"expected an amount written in digits, such as 54700000 or 12.50, got {value!r}")
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except ArithmeticError:
        raise ValueError(
            f"'{value}' is not an amount; write it in digits only, such as 54700000 or 12.50, "
            "without commas or a currency sign"
        ) from None
    if not amount.is_finite():
        raise ValueError(f"'{value}' is not an amount")
    if amount < 0:
        raise ValueError(f"{value} is negative; an amount is written without a sign")
    if amount >= limits.AMOUNT_BELOW:
        raise ValueError(f"{value} is too large; amounts must be below 10^18 (a quintillion)")
    places = _decimal_places(amount)
    if places > limits.AMOUNT_PLACES:
        raise ValueError(
            f"{value} has {places} digits after the decimal point; at most {limits.AMOUNT_PLACES} are allowed"
        )
    return amount


def _currency(code: str) -> str:
    if code not in ISO_4217:
        raise ValueError(f"'{code}' is not an ISO 4217 currency code (e.g. GBP, USD, EUR)")
    return code


def _decimal_places(amount: Decimal) -> int:
    """Digits after the point, trailing zeros aside (1.50 has 1), worked out without rounding."""
    if not amount:
        return 0
    _, digits, exponent = amount.as_tuple()
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(int(exponent) + zeros))


Url = Annotated[str, AfterValidator(_http_url), WithJsonSchema({"type": "string", "pattern": "^https?://"})]
Amount = Annotated[
    Decimal,
    PlainValidator(_amount),
    WithJsonSchema(
        {
            "type": ["number", "string"],
            "minimum": 0,
            "exclusiveMaximum": 1e18,
            "description": "In digits only, e.g. 54700000 or 12.50",
        }
    ),
]
Currency = Annotated[str, AfterValidator(_currency), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"})]
