"""Money as readers expect it: in the currency the source gave, in words for large amounts with three
significant figures, in full where the words round it, and conversions exactly as reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from onrecord.model import Conversion, Money
from onrecord.views.money import amount_words, describe, exact, is_rounded, locale, money_words

BRITISH = locale("en-GB")


@pytest.mark.parametrize(
    "amount, currency, words",
    [
        ("54700000", "GBP", "£54.7 million"),
        ("54712345", "GBP", "£54.7 million"),
        ("69800000", "USD", "US$69.8 million"),
        ("1250000000", "USD", "US$1.25 billion"),
        ("7552800", "GBP", "£7.55 million"),
        ("54700", "GBP", "£54,700"),
        ("12.5", "GBP", "£12.50"),
        ("1000000", "HRK", "HRK\u00a01 million"),
        ("250000000", "DEM", "DEM\u00a0250 million"),
        ("1000", "JPY", "JP¥1,000"),
    ],
)
def test_amounts_read_in_words_in_their_own_currency(amount: str, currency: str, words: str) -> None:
    assert amount_words(Decimal(amount), currency, BRITISH) == words


def test_a_rounded_amount_is_also_given_in_full_and_an_exact_one_is_not() -> None:
    assert (is_rounded(Decimal("54712345")), is_rounded(Decimal("54700000"))) == (True, False)
    money = Money(role="penalty", amount=Decimal("7552800"), currency="GBP")
    assert describe(money, BRITISH) == "£7.55 million; in full, £7,552,800"
    assert describe(money.model_copy(update={"amount": Decimal("7500000")}), BRITISH) == "£7.5 million"
    assert exact(Decimal("12.5"), "GBP", BRITISH) == "£12.50"


def test_conversions_are_shown_exactly_as_reported_never_computed() -> None:
    money = Money(
        role="contract-value",
        amount=Decimal("54700000"),
        currency="GBP",
        reported_as=[Conversion(amount=Decimal("69800000"), currency="USD")],
    )
    assert money_words(money, BRITISH) == "£54.7 million (reported as US$69.8 million)"


def test_the_sites_language_sets_how_amounts_read() -> None:
    assert amount_words(Decimal("54700000"), "GBP", locale("de-DE")) == "54,7 Millionen\u00a0£"
    assert amount_words(Decimal("69800000"), "USD", locale("en-US")) == "$69.8 million"
    assert locale("xx-unknown").language == "en", "a language the CLDR does not know reads as English"


def test_historic_currency_codes_are_accepted_and_misspelt_ones_refused() -> None:
    for code in ("HRK", "DEM", "FRF"):
        assert Money(role="damages", amount=Decimal(1), currency=code).currency == code
    with pytest.raises(ValueError, match="'GPB' is not an ISO 4217 currency code"):
        Money(role="damages", amount=Decimal(1), currency="GPB")


def test_a_latin_currency_symbol_keeps_its_letters_in_order_on_a_right_to_left_page() -> None:
    arabic = locale("ar")
    assert amount_words(Decimal("54700000"), "GBP", arabic).endswith("\u2066UK£\u2069")
    assert "\u2066US$\u2069" in exact(Decimal("69800"), "USD", arabic)
    assert "\u2066" not in amount_words(Decimal("54700000"), "GBP", BRITISH)
