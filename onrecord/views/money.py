"""Amounts of money as readers of the site's language expect them, from the CLDR (Babel).

Large amounts are written in words with three significant figures ("£54.7 million", "US$1.25 billion"),
smaller ones in full ("£54,700", "£12.50"); the currency is the one the source gave, never converted,
and conversions are shown exactly as a source reported them. Where the short form rounds, `exact`
gives the amount in full for the fact's page.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from unicodedata import bidirectional

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_currency, get_currency_symbol

from ..model import Money
from ..translation import N_, _

MONEY_ROLES = {
    "contract-value": N_("Contract value"),
    "penalty": N_("Penalty"),
    "settlement": N_("Settlement"),
    "damages": N_("Damages"),
    "award": N_("Award"),
    "grant": N_("Grant"),
    "budget": N_("Budget"),
    "spending": N_("Spending"),
    "other": N_("Amount"),
}
"""What each role of an amount is called on a page (translated with `_()` where it is shown)."""
MILLION = Decimal(10) ** 6
SIGNIFICANT = 3


@functools.cache
def locale(language: str) -> Locale:
    """The CLDR locale of a BCP 47 tag (en-GB); English when the CLDR does not know it."""
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def amount_words(amount: Decimal, currency: str, where: Locale) -> str:
    """£54.7 million, US$69.8 million, £54,700, £12.50."""
    if amount < MILLION:
        return exact(amount, currency, where)
    figures = len(str(int(amount / _scale(amount))))
    number = format_compact_decimal(
        amount, format_type="long", locale=where, fraction_digits=max(0, SIGNIFICANT - figures)
    )
    symbol = get_currency_symbol(currency, locale=where)
    pattern = where.currency_formats["standard"].pattern
    digits = min((pattern.find(mark) for mark in "#0" if mark in pattern), default=len(pattern))
    text = _spaced(f"{symbol}{number}", symbol) if pattern.find("¤") < digits else f"{number}\u00a0{symbol}"
    return _isolated(text, symbol, where)


def exact(amount: Decimal, currency: str, where: Locale) -> str:
    """The amount in full, in the currency's own digits: £54,712,345; £12.50; JP¥1,234."""
    symbol = get_currency_symbol(currency, locale=where)
    if amount == amount.to_integral_value():
        whole = re.sub(r"\.0+", "", where.currency_formats["standard"].pattern)
        text = format_currency(amount, currency, format=whole, locale=where, currency_digits=False)
    else:
        text = format_currency(amount, currency, locale=where)
    return _isolated(_spaced(text, symbol), symbol, where)


def _spaced(text: str, symbol: str) -> str:
    """The CLDR's currency spacing, which Babel leaves out: a symbol ending in a letter stands apart from the
    digits after it (HRK 1 million, not HRK1 million)."""
    rest = text[len(symbol) :]
    if text.startswith(symbol) and symbol[-1:].isalpha() and rest[:1].isdigit():
        return f"{symbol}\u00a0{rest}"
    return text


def _isolated(text: str, symbol: str, where: Locale) -> str:
    """In a language written right to left, a symbol with Latin letters kept whole in their own order
    (UK£, not £UK), by Unicode's isolate marks around it."""
    if where.character_order != "right-to-left" or not any(bidirectional(c) == "L" for c in symbol):
        return text
    return text.replace(symbol, f"\u2066{symbol}\u2069", 1)


def is_rounded(amount: Decimal) -> bool:
    """Whether the words for an amount leave digits out, so its page should give it in full too."""
    if amount < MILLION:
        return False
    figures = len(str(int(amount / _scale(amount))))
    return len(amount.normalize().as_tuple().digits) > max(figures, SIGNIFICANT)


def _scale(amount: Decimal) -> Decimal:
    """The power of a thousand the words name: a million, a billion, a trillion."""
    scale = MILLION
    while amount >= scale * 1000 and scale < Decimal(10) ** 15:
        scale *= 1000
    return scale


def describe(money: Money, where: Locale) -> str:
    """The amount in words, and in full too where the words round it."""
    words = money_words(money, where)
    if is_rounded(money.amount):
        return _("%(amount)s; in full, %(exact)s", amount=words, exact=exact(money.amount, money.currency, where))
    return words


def money_words(money: Money, where: Locale) -> str:
    """'£54.7 million (reported as US$69.8 million)': conversions exactly as reported."""
    main = amount_words(money.amount, money.currency, where)
    reported = [amount_words(c.amount, c.currency, where) for c in money.reported_as]
    return (
        _("%(amount)s (reported as %(conversions)s)", amount=main, conversions=", ".join(reported))
        if reported
        else main
    )
