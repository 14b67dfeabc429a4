"""The language a run of text is in, and the way it is written, where it is not the page's own.

A quote stays verbatim in the language it was said in; its page marks that language (`lang`) and its
direction (`dir`), so that a screen reader speaks the words in their own language (WCAG 3.1.2) and an
Arabic quote on an English page reads right to left.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Quote
from .money import locale


@dataclass(frozen=True)
class InLanguage:
    """A quote's `lang` and `dir`."""

    language: str
    direction: str


def direction(language: str) -> str:
    """How a language is written, as `dir` takes it: "ltr", or "rtl" (Arabic, Hebrew...)."""
    return "rtl" if locale(language).character_order == "right-to-left" else "ltr"


def in_language(page_language: str, quote: Quote | None) -> InLanguage | None:
    """The quote's language where it names one other than the page's; None when the page's language is its own."""
    if quote is None or quote.language is None or quote.language.lower() == page_language.lower():
        return None
    return InLanguage(language=quote.language, direction=direction(quote.language))
