"""Dates in words: what readers read of an EDTF date in the site's language, and authors in English.

Readers read dates in the site's language (`translation.speaking()`): month names and the order of day,
month and year from Babel's CLDR data, qualifiers and units from the catalogue. English keeps the words
written here whatever English the site speaks, and so does a language without a catalogue. Authors read
English always: the dates their messages quote are worded by `english`. Qualifiers are spelled out
because readers do not know EDTF marks: "~" reads "about", "?" "(uncertain)".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from babel import Locale
from babel.dates import format_date, match_skeleton

from . import translation
from .dates import MONTHS, Edtf, Interval, Known, Point, Unknown, add_months, anchor, hidden_year_digits, placing_day
from .translation import N_

_UNITS = ("year", "month", "day")
_DEPTH = {"year": 1, "season": 2, "month": 2, "day": 3}
"""How many of `_UNITS` a date of each precision may honestly speak of."""


def words(value: Edtf) -> str:
    """A date in words, for prose and headings."""
    if isinstance(value, Point):
        return _noted(value, _about(value) if value.approximate else _plain(value, short=False))
    if isinstance(value, Interval):
        return _range(value)
    return _("date not known")


def short(value: Edtf) -> str:
    """A date in few words, for tight spaces such as timeline labels; an open end is left blank, an unknown
    one is a question mark."""
    if isinstance(value, Point):
        text = _plain(value, short=True)
        if value.approximate:
            text = _("c. %(date)s", date=text)
        return _("%(date)s?", date=text) if value.uncertain else text
    if isinstance(value, Interval):
        start = short(value.start) if value.start else "" if value.start_open else "?"
        end = short(value.end) if value.end else "" if value.end_open else "?"
        return f"{start} – {end}".strip()
    return _("Date not known")


def _range(value: Interval) -> str:
    """Open and unknown ends read differently: ongoing is not the same as unknown."""
    if value.start and value.end:
        return _("%(start)s to %(end)s", start=words(value.start), end=words(value.end))
    if value.start:
        if value.end_open:
            return _noted(value.start, _from(value.start))
        return _("%(start)s to an unknown date", start=words(value.start))
    end = anchor(value)
    if value.start_open:
        return _noted(end, _until(end))
    return _("an unknown date to %(end)s", end=words(end))


def section_words(value: Edtf) -> str:
    """The name readers see of a date's `section`: "2019", "2010s", "2000–2099", "Date not known"."""
    if isinstance(value, Unknown):
        return short(value)
    point = anchor(value)
    if point.precision == "year" and hidden_year_digits(point):
        return _years(point, short=True)
    return str(placing_day(point).year)


def loose(value: Known) -> str:
    """The span a date known no closer than its year is known to ("2020", "the 2010s"); else ""."""
    point = anchor(value)
    return _years(point, short=False) if point.precision == "year" else ""


def english(value: Edtf) -> str:
    """A date in words for its author, in English whatever language the site speaks: messages of check,
    validation and linking quote dates this way."""
    with _in_english():
        return words(value)


def elapsed(earlier: Edtf, later: Edtf) -> str:
    """Time between the starts of two facts, in no unit finer than both support ("" when either is unknown).

    Says "about" unless both are exact days; names the two largest non-zero units.
    """
    if isinstance(earlier, Unknown) or isinstance(later, Unknown):
        return ""
    a, b = anchor(earlier), anchor(later)
    depth = min(_DEPTH[a.precision], _DEPTH[b.precision])
    hedged = any(p.approximate or p.uncertain for p in (a, b))
    start, end = (_truncate(p.first_day(), depth) for p in (a, b))
    if start == end:
        return _("around the same time") if hedged else _same(depth)
    amount = _amount_words(_calendar_difference(*sorted((start, end)))[:depth])
    if hedged or depth < 3:
        if end > start:
            return _("about %(amount)s later", amount=amount)
        return _("about %(amount)s earlier", amount=amount)
    return _("%(amount)s later", amount=amount) if end > start else _("%(amount)s earlier", amount=amount)


def apart(earlier: Edtf, later: Edtf) -> bool:
    """Whether `elapsed` tells a time between the two (3 years later) rather than that they are of the
    same time (the same year) or that it cannot be told (""), in whatever language it speaks."""
    if isinstance(earlier, Unknown) or isinstance(later, Unknown):
        return False
    a, b = anchor(earlier), anchor(later)
    depth = min(_DEPTH[a.precision], _DEPTH[b.precision])
    return _truncate(a.first_day(), depth) != _truncate(b.first_day(), depth)


def _same(depth: int) -> str:
    if depth == 1:
        return _("the same year")
    return _("the same month") if depth == 2 else _("the same day")


def _truncate(day: date, depth: int) -> date:
    """Forget what the less precise date never said, so it cannot leak into the count."""
    return date(day.year, day.month if depth > 1 else 1, day.day if depth > 2 else 1)


def _calendar_difference(lo: date, hi: date) -> tuple[int, int, int]:
    """Whole years, months and days from lo to hi, as a person counts them."""
    months = (hi.year - lo.year) * 12 + hi.month - lo.month - (hi.day < lo.day)
    days = (hi - add_months(lo, months)).days
    return months // 12, months % 12, days


def _amount_words(amounts: tuple[int, ...]) -> str:
    """Two units are enough to read at a glance; a third is noise in a timeline."""
    named = [_unit(n, unit) for n, unit in zip(amounts, _UNITS, strict=False) if n][:2]
    if len(named) == 2:
        return _("%(larger)s, %(smaller)s", larger=named[0], smaller=named[1])
    return named[0] if named else ""


def _unit(count: int, unit: str) -> str:
    if unit == "year":
        return n_("%(count)s year", "%(count)s years", count)
    if unit == "month":
        return n_("%(count)s month", "%(count)s months", count)
    return n_("%(count)s day", "%(count)s days", count)


def stretch(lo: date, hi: date, ends: tuple[Point, Point]) -> str:
    """The length of the run of days from lo to hi that two dates bound, in no unit finer than both
    support unless the run is shorter than that unit; "about" unless both are exact days."""
    amounts = _calendar_difference(lo, hi)
    depth = max(min(_DEPTH[p.precision] for p in ends), next((i + 1 for i, n in enumerate(amounts) if n), 3))
    exact = all(p.precision == "day" and not p.approximate and not p.uncertain for p in ends)
    amount = _amount_words(amounts[:depth])
    return amount if exact else _("about %(amount)s", amount=amount)


_english = ContextVar("english", default=False)
"""True while dates are worded for authors, in English whatever the site speaks."""
_FIRST_OF_MONTH = {"fr": "1er"}
"""How a language writes the first day of a month where it is not the number alone (CLDR has no such
data): le 1er juin."""


@contextmanager
def _in_english() -> Iterator[None]:
    token = _english.set(True)
    try:
        yield
    finally:
        _english.reset(token)


def _locale() -> Locale | None:
    """The locale dates are worded in now; None for the English written here."""
    return None if _english.get() else _speaking_locale(translation.speaking())


@functools.cache
def _speaking_locale(language: str) -> Locale | None:
    """A language the interface speaks (one with a catalogue), as Babel knows it; else None (English)."""
    if translation.catalogue_language(language) is None:
        return None
    return Locale.parse(language, sep="-")


def _(message: str, **values: object) -> str:
    """`message` in the language dates speak now, with `values` put in: as the catalogue translates it for
    readers, as written for English and for authors."""
    if _locale() is None:
        return message % values if values else message
    return translation._(message, **values)


def n_(singular: str, plural: str, count: int) -> str:
    """The form of `singular` or `plural` for `count`, as `_` speaks; English writes the count bare (1200)."""
    if _locale() is None:
        return (singular if count == 1 else plural) % {"count": count}
    return translation.n_(singular, plural, count)


def _plain(point: Point, short: bool) -> str:
    """The date itself, before qualifiers."""
    if point.season:
        return _season(point)
    if point.month is None:
        return _years(point, short)
    locale = _locale()
    if locale is not None:
        return _cldr(point, locale, short)
    names = [name[:3] for name in MONTHS] if short else MONTHS
    if point.day:
        return f"{point.day} {names[point.month - 1]} {point.year}"
    return f"{names[point.month - 1]} {point.year}"


def _cldr(point: Point, locale: Locale, short: bool) -> str:
    """A day or a month as the locale writes it (CLDR's skeletons: yMMMMd is 8 juin 2020, yMMM juin 2020)."""
    skeleton = ("yMMMd" if short else "yMMMMd") if point.day else ("yMMM" if short else "yMMMM")
    pattern = str(locale.datetime_skeletons[match_skeleton(skeleton, locale.datetime_skeletons) or skeleton])
    first = _FIRST_OF_MONTH.get(locale.language) if point.day == 1 else None
    if first is not None:
        pattern = re.sub(r"(?<![d'])d(?!d)", f"'{first}'", pattern)
    return format_date(date(point.year, point.month or 1, point.day or 1), pattern, locale=locale)


def _season(point: Point) -> str:
    year = str(point.year)
    if point.season == 21:
        return _("Spring %(year)s", year=year)
    if point.season == 22:
        return _("Summer %(year)s", year=year)
    if point.season == 23:
        return _("Autumn %(year)s", year=year)
    return _("Winter %(year)s", year=year)


def _years(point: Point, short: bool) -> str:
    """201X is a decade and 20XX a century: say the span, not a made-up year."""
    hidden = hidden_year_digits(point)
    first, last = str(point.year), str(point.year + 10**hidden - 1)
    if hidden == 1:
        return _("%(year)ss", year=first) if short else _("the %(year)ss", year=first)
    if hidden == 2:
        if short:
            return _("%(first)s–%(last)s", first=first, last=last)
        return _("%(first)s to %(last)s", first=first, last=last)
    return first


def _kind(point: Point) -> str:
    """What a date names, which the words around it may depend on: a day, a month, a year, a decade, a
    century or a season (a French day takes "le", a month none)."""
    if point.season:
        return "season"
    if point.precision != "year":
        return point.precision
    return ("year", "decade", "century")[hidden_year_digits(point)]


def _about(point: Point) -> str:
    """About the date, without its notes."""
    plain, year = _plain(point, short=False), str(point.year)
    kind = _kind(point)
    if kind == "day":
        return _("about %(day)s", day=plain)
    if kind == "month":
        return _("about %(month)s", month=plain)
    if kind == "year":
        return _("about %(year)s", year=plain)
    if kind == "decade":
        return _("about the %(year)ss", year=year)
    if kind == "century":
        return _("about %(first)s to %(last)s", first=year, last=str(point.year + 99))
    return _about_season(point)


def _about_season(point: Point) -> str:
    year = str(point.year)
    if point.season == 21:
        return _("about Spring %(year)s", year=year)
    if point.season == 22:
        return _("about Summer %(year)s", year=year)
    if point.season == 23:
        return _("about Autumn %(year)s", year=year)
    return _("about Winter %(year)s", year=year)


_FROM: dict[object, str] = {
    (True, "day"): N_("from about %(day)s"),
    (True, "month"): N_("from about %(month)s"),
    (True, "year"): N_("from about %(year)s"),
    (True, "decade"): N_("from about the %(year)ss"),
    (False, "day"): N_("from %(day)s"),
    (False, "month"): N_("from %(month)s"),
    (False, "year"): N_("from %(start_year)s"),
    (False, "decade"): N_("from the %(year)ss"),
    (False, 21): N_("from Spring %(year)s"),
    (False, 22): N_("from Summer %(year)s"),
    (False, 23): N_("from Autumn %(year)s"),
    (False, 24): N_("from Winter %(year)s"),
    "other": N_("from %(date)s"),
}
"""A range that starts at a date and is still open, by (approximate?, what the date names): each its own
sentence, since a language may word each differently ("depuis le 1er août", "depuis août", "dès 2020")."""
_UNTIL: dict[object, str] = {
    (True, "day"): N_("until about %(day)s"),
    (True, "month"): N_("until about %(month)s"),
    (True, "year"): N_("until about %(year)s"),
    (True, "decade"): N_("until about the %(year)ss"),
    (False, "day"): N_("until %(day)s"),
    (False, "month"): N_("until %(month)s"),
    (False, "year"): N_("until %(year)s"),
    (False, "decade"): N_("until the %(year)ss"),
    (False, 21): N_("until Spring %(year)s"),
    (False, 22): N_("until Summer %(year)s"),
    (False, 23): N_("until Autumn %(year)s"),
    (False, 24): N_("until Winter %(year)s"),
    "other": N_("until %(date)s"),
}
"""A range that was open before a date and ends at it, as `_FROM` is keyed."""


def _from(point: Point) -> str:
    """A range that starts at the date and is still open, without the date's notes."""
    return _open_range(point, _FROM)


def _until(point: Point) -> str:
    """A range that was open before the date and ends at it, without the date's notes."""
    return _open_range(point, _UNTIL)


def _open_range(point: Point, sentences: Mapping[object, str]) -> str:
    plain, kind = _plain(point, short=False), _kind(point)
    sentence = sentences.get((point.approximate, point.season if kind == "season" else kind))
    if sentence is None:
        return _(sentences["other"], date=_about(point) if point.approximate else plain)
    year = plain if kind == "year" else str(point.year)
    return _(sentence, day=plain, month=plain, year=year, start_year=plain)


def _noted(point: Point, text: str) -> str:
    """`text`, the words of `point` (or of a range it ends), with what the record does not settle about
    it: a month or a day unknown, and whether it is uncertain."""
    unknown = _unknown_part(point)
    if unknown == "month":
        if point.uncertain:
            return _("%(date)s (month unknown; uncertain)", date=text)
        return _("%(date)s (month unknown)", date=text)
    if unknown == "day":
        if point.uncertain:
            return _("%(date)s (day unknown; uncertain)", date=text)
        return _("%(date)s (day unknown)", date=text)
    return _("%(date)s (uncertain)", date=text) if point.uncertain else text


def _unknown_part(point: Point) -> str:
    """An unknown month or day is a fact about the record worth telling readers: "month", "day" or ""."""
    if "X" not in point.unspecified[4:] or hidden_year_digits(point):
        return ""
    return "day" if point.month else "month"
