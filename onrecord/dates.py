"""EDTF dates: parsing, machine form and timeline order (`date_words` words them for readers).

Owns every date an author writes in Library of Congress EDTF (ISO 8601-2,
levels 0 and 1).  Facts carry the precision the reporting supports, and every
output keeps it: a month stays a month, "~" stays approximate, "?" uncertain.
Only years 0001-9999 are supported.  Seasons are northern meteorological ones
(spring March-May, ...); the winter of a year runs from its December to February.
A date nobody has on record is written XXXX (`Unknown`): allowed only where a model says so.
Authors write in English: month names and words such as "circa" in a date written another way are read
as English, so that `check` can say which EDTF they stand for.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
"""EDTF's season numbers, and their English names (as authors write them and as messages name them)."""
_FORMS = "forms like 2020, 2020-06, 2020-06-08, 2020-06~, 2023?, 2020-06-10/2021-05 or 2023-08/.."
_POINT = re.compile(r"(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?([~?%]?)")
_DAY_FIRST = "write the year first, then the month, then the day, as in 2020-06-08 for 8 June 2020"
_HINTS = (
    (re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"), _DAY_FIRST),
    (re.compile(r"(?:-|Y|\d{5}).*"), "only years 0001 to 9999 can be used, written with four digits"),
)
_MONTH = rf"(?P<month>{'|'.join(f'{name[:3]}(?:{name[3:]})?' for name in MONTHS)}|sept)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_SEASON_NAMES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_WRITTEN = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        rf"(?P<season>{'|'.join(_SEASON_NAMES)})(?: of)? {_YEAR}",
        rf"{_MONTH}(?: of)? {_YEAR}",
        rf"{_DAY}(?: of)? {_MONTH} {_YEAR}",
        rf"{_MONTH} {_DAY} {_YEAR}",
        rf"{_YEAR}[-/. ](?P<number>\d{{1,2}})(?:[-/. ]{_DAY})?(?:[T ]\d{{1,2}}:\d{{2}}\S*)?",
        rf"(?P<first>\d{{1,2}})[-/.](?P<second>\d{{1,2}})[-/.]{_YEAR}",
        r"(?:the )?(?P<decade>\d{3})0s",
    )
)
_CIRCA = re.compile(r"(?:circa|c\.|ca\.?|about|around|approx(?:imately|\.)?)\s*(.+)", re.I)
_SPAN = re.compile(r"\s*(?:/|-|–|—|\bto\b|\band\b|\buntil\b)\s*", re.I)
_SPAN_WORD = re.compile(r"^(?:from|between) ", re.I)
_ONGOING = ("present", "now", "today", "ongoing")
_LONGEST_WRITTEN = 60
"""Longer text is not read as a date written another way: no such date is, and reading costs time."""


class EdtfError(ValueError):
    """A date an author wrote that cannot be used; the message is for them, and so is the hint: what to
    write instead, when that can be told."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Point:
    """One date, kept at exactly the precision it was written with."""

    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None
    approximate: bool = False
    uncertain: bool = False
    unspecified: str = ""

    def __post_init__(self) -> None:
        if problem := _problem(self):
            raise EdtfError(problem)

    @property
    def precision(self) -> str:
        """Which units a statement about this date may honestly use."""
        if self.season:
            return "season"
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """HTML datetime strings have no seasons or decades: fall back to the year."""
        if self.month is None:
            return f"{self.year:04d}"
        month = f"{self.year:04d}-{self.month:02d}"
        return f"{month}-{self.day:02d}" if self.day else month

    def first_day(self) -> date:
        """Earliest day the written date allows."""
        return _bounds(self)[0]

    def last_day(self) -> date:
        """Latest day the written date allows."""
        return _bounds(self)[1]


@dataclass(frozen=True)
class Interval:
    """A span; a missing end is open ("..", ongoing) or unknown ("", not known)."""

    start: Point | None
    end: Point | None
    start_open: bool = False
    end_open: bool = False

    def __post_init__(self) -> None:
        if self.start is None and self.end is None:
            raise EdtfError("a date range needs a start, an end or both")
        if self.start and self.end and self.end.last_day() < self.start.first_day():
            raise EdtfError(f"the end ({_point_text(self.end)}) is before the start ({_point_text(self.start)})")

    def iso(self) -> str:
        """A <time> element can hold only one date: the start when there is one."""
        return anchor(self).iso()

    def first_day(self) -> date | None:
        """None when the start is open or unknown."""
        return self.start.first_day() if self.start else None

    def last_day(self) -> date | None:
        """None when the end is open or unknown."""
        return self.end.last_day() if self.end else None


@dataclass(frozen=True)
class Unknown:
    """A date not on record at all (EDTF XXXX): listed after every dated entry, drawn on no axis."""

    def iso(self) -> str:
        """No machine date can be given: pages show the words alone."""
        return ""


Known = Point | Interval
Edtf = Point | Interval | Unknown
UNKNOWN = "XXXX"


def parse(text: str) -> Edtf:
    """Read what an author wrote; every failure explains itself to them."""
    text = text.strip()
    if text == UNKNOWN:
        return Unknown()
    if text.startswith(UNKNOWN):
        raise EdtfError(f'"{text}" cannot be used: when the year is not known, write XXXX alone')
    try:
        return _read(text)
    except _NotEdtf:
        raise _not_edtf(text) from None


def known(value: Edtf) -> Known:
    """A date that must be on record; XXXX refused with a message for the author."""
    if isinstance(value, Unknown):
        raise EdtfError("XXXX (date not known) can be used only for a fact's own date; leave this field out instead")
    return value


def from_yaml(value: object) -> Edtf:
    """YAML turns 2020 into an int and 2020-06-08 into a date; take those too."""
    if isinstance(value, str):
        return parse(value)
    if isinstance(value, date):
        return Point(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return parse(f"{value:04d}")
    found = "nothing" if value is None else repr(value) if isinstance(value, (str, list, dict)) else str(value)
    raise EdtfError(f"expected a date such as 2020-06-08, 2020-06 or 2020, but found {found}")


def sort_key(value: Edtf) -> tuple[int, int, int]:
    """Chronological by the latest day a date places itself at, so a date known only to its month or year
    comes after every entry it might precede (2020 after 2020-12-31, June 2020 after 30 June 2020).
    Among equals, the more precise date leads, then points before ranges; an unknown date comes last."""
    if isinstance(value, Unknown):
        return (date.max.toordinal() + 1, 0, 0)
    point = anchor(value)
    placed = placing_day(point)
    return (placed.toordinal(), (point.last_day() - point.first_day()).days, int(isinstance(value, Interval)))


def placing_day(point: Point) -> date:
    """The day a date is listed at: its last, kept within its own year (a winter runs into the next)."""
    return min(point.last_day(), date(point.year + 10 ** hidden_year_digits(point) - 1, 12, 31))


def section(value: Edtf) -> str:
    """The part of a timeline a date is listed in: its year; the decade or century a date known no closer
    names ("2010s", "2000-2099"); or "unknown". The same in every language: addresses and ids are made
    of it (`section_words` is what readers see)."""
    if isinstance(value, Unknown):
        return "unknown"
    point = anchor(value)
    hidden = hidden_year_digits(point)
    if point.precision == "year" and hidden:
        return f"{point.year}s" if hidden == 1 else f"{point.year}-{point.year + 10**hidden - 1}"
    return str(placing_day(point).year)


def text(value: Edtf) -> str:
    """The EDTF a date is written in, as `parse` reads it back: what open data gives, precision kept."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, Interval):
        start = _point_text(value.start) if value.start else ".." if value.start_open else ""
        end = _point_text(value.end) if value.end else ".." if value.end_open else ""
        return f"{start}/{end}"
    return _point_text(value)


_MARKS = {(True, True): "%", (True, False): "~", (False, True): "?", (False, False): ""}
"""EDTF's mark for (approximate, uncertain)."""


def _point_text(point: Point) -> str:
    mark = _MARKS[point.approximate, point.uncertain]
    if point.unspecified:
        return point.unspecified + mark
    month = point.season or point.month
    core = f"{point.year:04d}" + (f"-{month:02d}" if month else "") + (f"-{point.day:02d}" if point.day else "")
    return core + mark


def anchor(value: Known) -> Point:
    """The point a value is placed at on a timeline: itself, or a range's start (else its end)."""
    if isinstance(value, Point):
        return value
    point = value.start or value.end
    if point is None:
        raise EdtfError("a date range needs a start, an end or both")  # Interval refuses this when made
    return point


class _NotEdtf(Exception):
    """Text not written as EDTF at all: `parse` turns it into an EdtfError saying what to write instead."""


def _read(text: str) -> Known:
    return _parse_interval(text) if "/" in text else _parse_point(text)


def _point_match(text: str) -> re.Match[str] | None:
    """The parts of an EDTF point, if `text` is written as one (X only in a year's last digits, a month or a day)."""
    match = _POINT.fullmatch(text)
    return match if match and "X" not in text.rstrip("~?%").replace("-", "").rstrip("X") else None


def _parse_point(text: str) -> Point:
    match = _point_match(text)
    if not match:
        raise _NotEdtf
    core = text.rstrip("~?%")
    try:
        return _point(match, unspecified=core if "X" in core else "")
    except EdtfError as error:
        raise EdtfError(f'"{text}" is not a real date: {error}') from None


def _point(match: re.Match[str], unspecified: str) -> Point:
    """Months 21-24 are EDTF's way of writing seasons."""
    year, month, day, mark = match.groups()
    number = int(month) if month and month != "XX" else None
    season = number if number in SEASONS else None
    return Point(
        year=int(year.replace("X", "0")),
        month=None if season else number,
        day=int(day) if day and day != "XX" else None,
        season=season,
        approximate=mark in ("~", "%"),
        uncertain=mark in ("?", "%"),
        unspecified=unspecified,
    )


def _parse_interval(text: str) -> Interval:
    parts = [part.strip() for part in text.split("/")]
    if len(parts) != 2 or not all(part in ("", "..") or _point_match(part) for part in parts):
        raise _NotEdtf
    (start, start_open), (end, end_open) = map(_side, parts)
    try:
        return Interval(start, end, start_open, end_open)
    except EdtfError as error:
        raise EdtfError(f'"{text}" is not a possible date range: {error}') from None


def _side(text: str) -> tuple[Point | None, bool]:
    """ ".." means the range really is open; "" means nobody knows."""
    if text in ("", ".."):
        return None, text == ".."
    return _parse_point(text), False


def _not_edtf(text: str) -> EdtfError:
    """Recognise dates written the usual other ways, and the usual slips, so the author is told what to write."""
    if not text:
        return EdtfError(f"no date was given; expected {_FORMS}")
    refused = f'"{text}" is not an EDTF date'
    forms = edtf_forms(text)
    if len(forms) == 1:
        return EdtfError(refused, f"write {forms[0]}")
    if forms:
        readings = ", or ".join(f"{form} for {_day_in_english(form)}" for form in forms)
        return EdtfError(refused, f"the day and the month could be either way round: write {readings}")
    for pattern, hint in _HINTS:
        if pattern.fullmatch(text):
            return EdtfError(refused, hint)
    return EdtfError(f"{refused}; expected {_FORMS}")


def edtf_forms(text: str) -> tuple[str, ...]:
    """The EDTF a date written another way stands for ("June 2020" is 2020-06, "circa 2019" 2019~): one
    form, two when the day and the month could be either way round (07/06/2018), none when it cannot be
    told ("mid-2020"). Every form returned parses."""
    text = " ".join(text.replace(",", " ").split())
    if len(text) > _LONGEST_WRITTEN:
        return ()
    forms = _points(text) or _span(_SPAN_WORD.sub("", text))
    return tuple(form for form in dict.fromkeys(forms) if _parses(form))


def _points(text: str) -> tuple[str, ...]:
    """The points `text` may stand for: itself when it is one, else what its words or digits say, with
    "circa" or a trailing ~ ? % kept as EDTF's mark."""
    core, mark = text, ""
    if circa := _CIRCA.fullmatch(text):
        core, mark = circa[1], "~"
    elif text[-1:] in ("~", "?", "%") and not _point_match(text):
        core, mark = text[:-1].rstrip(), text[-1]
    if _point_match(core):
        return (core + mark,)
    found = next((match.groupdict() for pattern in _WRITTEN if (match := pattern.fullmatch(core))), None)
    if found is None:
        return ()
    if found.get("decade"):
        return (f"{found['decade']}X{mark}",)
    if found.get("season"):
        return (f"{found['year']}-{_SEASON_NAMES[found['season'].lower()]}{mark}",)
    if found.get("first"):
        readings = [(found["second"], found["first"]), (found["first"], found["second"])]
    else:
        readings = [(found.get("number") or _month_number(found["month"]), found.get("day"))]
    return tuple(form + mark for month, day in readings if (form := _day(found["year"], month, day)))


def _day_in_english(form: str) -> str:
    """2020-06-08 as an author reads it: 8 June 2020."""
    year, month, day = (int(part) for part in form.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def _month_number(name: str) -> str:
    return str([month[:3].lower() for month in MONTHS].index(name[:3].lower()) + 1)


def _day(year: str, month: str, day: str | None) -> str:
    """year-month(-day) with two-digit parts; "" for a number that is no month (the 21 of 2020/21)."""
    if not 1 <= int(month) <= 12:
        return ""
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _span(text: str) -> tuple[str, ...]:
    """A span written with a dash, "to" or "until" ("2019-2021", "June 2019 to May 2020"), as start/end."""
    for separator in _SPAN.finditer(text):
        start, end = text[: separator.start()], text[separator.end() :]
        starts, ends = _points(start), ("..",) if end.lower() in _ONGOING else _points(end)
        if len(starts) == len(ends) == 1:
            return (f"{starts[0]}/{ends[0]}",)
    return ()


def _parses(form: str) -> bool:
    try:
        _read(form)
    except (EdtfError, _NotEdtf):
        return False
    return True


def _problem(point: Point) -> str | None:
    """Checked on construction, so no impossible date can reach a page."""
    if not 1 <= point.year <= 9999:
        return "years must be between 0001 and 9999"
    if point.season is not None:
        return _season_problem(point)
    if point.month is None:
        return "a day needs a month" if point.day is not None else None
    if not 1 <= point.month <= 12:
        return (
            f"there is no month {point.month:02d}; months run from 01 to 12 "
            "(or 21 to 24 for spring, summer, autumn and winter)"
        )
    days = _days_in(point.year, point.month)
    if point.day is not None and not 1 <= point.day <= days:
        return f"{MONTHS[point.month - 1]} {point.year} has {days} days"
    return None


def _season_problem(point: Point) -> str | None:
    if point.season not in SEASONS:
        return f"there is no season {point.season}; seasons run from 21 (spring) to 24 (winter)"
    if point.month is not None or point.day is not None:
        return "a season cannot also have a month or a day"
    if point.season == 24 and point.year == 9999:
        return "the winter of 9999 ends in 10000, after the last year that can be used"
    return None


def hidden_year_digits(point: Point) -> int:
    """How many of the year's last digits are unknown: 1 for a decade (201X), 2 for a century (20XX)."""
    return point.unspecified[:4].count("X")


def _bounds(point: Point) -> tuple[date, date]:
    if point.season:
        start = date(point.year, 3 * (point.season - 20), 1)
        return start, add_months(start, 3) - timedelta(days=1)
    if point.month is None:
        last_year = point.year + 10 ** hidden_year_digits(point) - 1
        return date(point.year, 1, 1), date(last_year, 12, 31)
    start = date(point.year, point.month, point.day or 1)
    return start, start if point.day else date(point.year, point.month, _days_in(point.year, point.month))


def add_months(day: date, months: int) -> date:
    """Clamps to the month's end: 31 January plus one month is 28 or 29 February."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, index + 1, min(day.day, _days_in(year, index + 1)))


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
