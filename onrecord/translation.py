"""The words of the interface in the site's language: every string readers see that the content does not
supply, from a gettext catalogue per language in `locales/` (`locales/fr.po`), English being the source.

Python marks a string with `_()` (or `n_()` when it depends on a count), templates with `{{ _("...") }}`,
and a string declared before any language is known (a kind's title, a role's label) with `N_()`, which
only marks it for the catalogue: it is translated with `_()` where it is shown. Values go into a string
as `%(name)s`, so a translation may put them in its own order. `make catalogues` brings the catalogues up
to date with the strings marked; tests/test_translation.py holds every catalogue the project ships to
be complete.

A build, a check and the preview speak the site's language (`use`), the one the whole run renders in:
forked workers inherit it. A language without a catalogue keeps the English words (`check` says so).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).resolve().parent / "locales"
SOURCE = "en"
"""The language the strings are written in: it needs no catalogue."""

_speaking: list[NullTranslations] = [NullTranslations()]
_language: list[str] = [SOURCE]


def catalogue_language(language: str) -> str | None:
    """The catalogue that speaks `language` (a BCP 47 tag): its own (pt-BR), its language's (fr for fr-CA),
    or none; None for English, which needs none."""
    try:
        parsed = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    if parsed.language == SOURCE:
        return None
    for name in (str(parsed), parsed.language):
        if (LOCALES / f"{name}.po").is_file():
            return name
    return None


def has_catalogue(language: str) -> bool:
    """Whether the interface can speak `language`: English always can."""
    return Locale.parse(language, sep="-").language == SOURCE or catalogue_language(language) is not None


@functools.cache
def _translations(name: str) -> NullTranslations:
    with (LOCALES / f"{name}.po").open("rb") as source:
        catalogue = read_po(source, locale=name)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


def use(language: str) -> None:
    """Speak `language` from now on, in this process and in those it forks."""
    name = catalogue_language(language)
    _speaking[0] = _translations(name) if name else NullTranslations()
    _language[0] = language


def speaking() -> str:
    """The language the interface speaks now (the site's, as site.yaml gives it)."""
    return _language[0]


def gettext(message: str) -> str:
    """`message` in the language spoken, as written where no translation has it."""
    return _speaking[0].gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of `singular` or `plural` that the language spoken uses for `count`."""
    return _speaking[0].ngettext(singular, plural, count)


def _(message: str, **values: object) -> str:
    """`message` translated, with `values` put in where it says `%(name)s`."""
    text = gettext(message)
    return text % values if values else text


def n_(singular: str, plural: str, count: int, **values: object) -> str:
    """The form for `count` translated, with `count` (written as the language writes numbers) and `values`
    put in (`%(count)s`)."""
    return ngettext(singular, plural, count) % {"count": number(count), **values}


def number(value: int) -> str:
    """A whole number as the language spoken writes it: 1,234 in English, 1 234 in French."""
    return _number(value, _language[0])


@functools.lru_cache(maxsize=4096)
def _number(value: int, language: str) -> str:
    return format_decimal(value, locale=_locale(language))


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE)


def N_(message: str) -> str:
    """Marks `message` for the catalogue where no language is known yet; `_()` translates it when shown."""
    return message
