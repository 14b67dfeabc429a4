"""The value types fields of the content model are made of: dates, ids, text, flags, web addresses,
currencies and amounts of money, each refusing with a message for the author what it cannot hold."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from pydantic import AfterValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema

from . import dates, limits

DATE_HELP = "EDTF date: 2020, 2020-06, 2020-06-08, 2020-06~ (about), 2023? (uncertain), 2020-06-10/2021-05, 2023-08/.."
PLACEHOLDER_DATE = "TODO"
"""What `site.py new` writes for a record's date: read as not known, refused when published."""


def _known_date(value: object) -> dates.Known:
    return dates.known(dates.from_yaml(value))


def _record_date(value: object) -> dates.Edtf:
    """A record's own date may be XXXX, or the skeleton's placeholder (which publishing refuses)."""
    return dates.Unknown() if value == PLACEHOLDER_DATE else dates.from_yaml(value)


Date = Annotated[
    dates.Known,
    PlainValidator(_known_date),
    PlainSerializer(dates.text, return_type=str, when_used="json"),
    WithJsonSchema({"type": ["string", "integer"], "description": DATE_HELP}),
]
RecordDate = Annotated[
    dates.Edtf,
    PlainValidator(_record_date),
    PlainSerializer(dates.text, return_type=str, when_used="json"),
    WithJsonSchema({"type": ["string", "integer"], "description": f"{DATE_HELP}; XXXX when not known at all"}),
]
ID_FORM = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""How ids and tags are written: lowercase letters and digits, in words joined by single hyphens."""
Id = Annotated[str, Field(pattern=ID_FORM, max_length=limits.ID_CHARACTERS)]
Slug = Annotated[str, Field(pattern=ID_FORM, max_length=limits.ID_CHARACTERS)]
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


def _amount_text(amount: Decimal) -> str:
    """Digits as written, never a float nor an exponent (1E+3 is 1000), so open data keeps the exact value."""
    return format(amount, "f")


CURRENCIES = frozenset(list_currencies())
"""ISO 4217 codes as the CLDR knows them, current and historic (DEM, HRK), so 'GPB' is caught."""
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})
"""Regions the CLDR names with two letters that are not countries: the EU, the eurozone, the UN..."""
TERRITORIES = frozenset(
    code for code in Locale("en").territories if isinstance(code, str) and code.isalpha() and code not in NOT_COUNTRIES
)
"""ISO 3166 codes the CLDR knows, countries and territories (GB, US, XK)."""


def _currency(code: str) -> str:
    if code not in CURRENCIES:
        raise ValueError(f"'{code}' is not an ISO 4217 currency code (e.g. GBP, USD, EUR)")
    return code


def country(code: str) -> str:
    """An ISO 3166 country code, as the model takes it."""
    if code not in TERRITORIES:
        raise ValueError(f"'{code}' is not an ISO 3166 country code (e.g. GB, US, DE)")
    return code


def _language(tag: str) -> str:
    """A language the CLDR knows, so that dates and numbers can be worded in it: a BCP 47 tag Babel knows."""
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        example = "e.g. en-GB, fr, de-AT or ar"
        raise ValueError(f"'{tag}' is not a language the CLDR knows; write its BCP 47 tag, {example}") from None
    return tag


Language = Annotated[
    str,
    Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"),
    AfterValidator(_language),
]
"""A BCP 47 tag (en-GB) for a language the CLDR knows: the site's, or a quote's."""


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
    PlainSerializer(_amount_text, return_type=str, when_used="json"),
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
