"""Timelines: facts in chronological order grouped by year, with a proportional time axis.

The list is the timeline; the axis beside it is an inline SVG where distance is time, so long quiet
spells look long. Periods (an event's `end`, a contract's start and end, a date range) are drawn as
spans. The site-wide timeline is at `timeline/`, each entity's at `entities/{id}/timeline/`, each
tag's at `tags/{tag}/`; stories embed timelines with `::timeline entity=ID|tag=TAG|ids=A,B`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Iterable

from .. import dates
from ..model import FACT_KINDS
from ..validate import Record
from .common import Context, DateView, FactCard, actor_ids, anchor, date_view, fact_card, field

AXIS_WIDTH = 60
AXIS_HEIGHT = 640
AXIS_PAD = 12
KIND_COLUMN = {"pledges": 34, "statements": 40, "contracts": 46, "rulings": 52, "events": 57}


@dataclass(frozen=True)
class Entry:
    """One fact on a timeline."""

    card: FactCard
    entities: str
    period: DateView | None


@dataclass(frozen=True)
class Year:
    """The entries of one year, with the id the year navigation links to."""

    year: int
    anchor: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Mark:
    """A fact's place on the axis; `kind` picks its shape and colour."""

    x: int
    y: int
    kind: str


@dataclass(frozen=True)
class Bar:
    """A period on the axis; an open period runs to the axis end, flagged `open`."""

    x: int
    y1: int
    y2: int
    kind: str
    open: bool


@dataclass(frozen=True)
class Axis:
    """The proportional time axis as SVG drawing instructions plus its accessible text."""

    id: str
    width: int
    height: int
    ticks: tuple[tuple[int, str], ...]
    marks: tuple[Mark, ...]
    bars: tuple[Bar, ...]
    title: str
    description: str


@dataclass(frozen=True)
class TimelineView:
    """A whole timeline: years in order, the axis, and whether the filter script may enhance it."""

    years: tuple[Year, ...]
    axis: Axis | None
    count: int
    filterable: bool


@dataclass(frozen=True)
class Place:
    """Where a fact sits in time, worked out once per build: its year and first day, and its period."""

    year: int
    first: date
    latest: date
    span: tuple[date, date | None] | None


def timeline(ctx: Context, records: Iterable[Record], prefix: str = "", filterable: bool = True) -> TimelineView:
    """The timeline of `records` (facts only, any order): chronological, ties broken by id."""
    facts = sorted({r.id: r for r in records if r.kind in FACT_KINDS}.values(), key=lambda r: ctx.rank[r.id])
    places = [place(ctx, r) for r in facts]
    years = tuple(
        Year(year, f"{prefix}year-{year}", tuple(entry(ctx, r) for r, _ in group))
        for year, group in groupby(zip(facts, places), key=lambda pair: pair[1].year)
    )
    return TimelineView(years, axis(facts, places, prefix) if facts else None, len(facts), filterable)


def entry(ctx: Context, record: Record) -> Entry:
    return ctx.memo("entry", record.id, lambda: _entry(ctx, record))


def _entry(ctx: Context, record: Record) -> Entry:
    limits = period(record)
    shown = None
    if limits is not None:
        start, end, is_open = limits
        shown = date_view(record.model.date if isinstance(record.model.date, dates.Interval)
                          else dates.Interval(start, end, start is None, is_open))
    return Entry(fact_card(ctx, record), " ".join(actor_ids(record.model)), shown)


def period(record: Record) -> tuple[dates.Point | None, dates.Point | None, bool] | None:
    """(start, end, open) when the fact covers a period: a date range, an event's end, a contract's term."""
    model = record.model
    if isinstance(model.date, dates.Interval):
        return model.date.start, model.date.end, model.date.end_open
    end = field(model, "end")
    if end is None:
        return None
    start = anchor(field(model, "start") or model.date)
    if isinstance(end, dates.Interval):
        return start, end.end, end.end_open
    return start, end, False


def place(ctx: Context, record: Record) -> Place:
    return ctx.memo("place", record.id, lambda: _place(record))


def _place(record: Record) -> Place:
    point = anchor(record.model.date)
    limits = period(record)
    span = None
    if limits is not None and limits[0] is not None and (limits[1] is not None or limits[2]):
        span = (limits[0].first_day(), limits[1].last_day() if limits[1] else None)
    latest = span[1] if span and span[1] else point.first_day()
    return Place(point.year, point.first_day(), latest, span)


def axis(facts: list[Record], places: list[Place], prefix: str) -> Axis:
    """Ticks per year (or per 5 or 10 years on long spans), one mark per fact, one bar per period."""
    scale = _Scale(min(p.first for p in places), max(p.latest for p in places))
    marks = {Mark(KIND_COLUMN[r.kind], scale.y(p.first), r.kind): None for r, p in zip(facts, places)}
    bars = tuple(Bar(KIND_COLUMN[r.kind], scale.y(p.span[0]), scale.y(p.span[1]) if p.span[1] else scale.end,
                     r.kind, p.span[1] is None)
                 for r, p in zip(facts, places) if p.span)
    return Axis(f"{prefix}axis", AXIS_WIDTH, AXIS_HEIGHT, _ticks(scale), tuple(marks), bars,
                "Time axis", _description(facts, places))


class _Scale:
    """Maps days to axis heights; positions are rounded so thousands of facts share few marks."""

    end = AXIS_HEIGHT - AXIS_PAD

    def __init__(self, first: date, last: date) -> None:
        self.first, self.last = first.replace(month=1, day=1), last.replace(month=12, day=31)
        self.days = (self.last - self.first).days or 1

    def y(self, day: date) -> int:
        share = (day - self.first).days / self.days
        return round(AXIS_PAD + share * (AXIS_HEIGHT - 2 * AXIS_PAD))


def _ticks(scale: _Scale) -> tuple[tuple[int, str], ...]:
    years = range(scale.first.year, scale.last.year + 1)
    step = next(s for s in (1, 2, 5, 10, 25, 50, 100, 1000) if len(years) / s <= 24)
    return tuple((scale.y(date(y, 1, 1)), str(y)) for y in years if y % step == 0 or y == years[0])


def _description(facts: list[Record], places: list[Place]) -> str:
    """The axis in words: its extent and its longest gap, for screen readers and for the record."""
    first, last = (anchor(r.model.date) for r in (facts[0], facts[-1]))
    text = f"Proportional time axis: {len(facts)} entries from {first.words()} to {last.words()}."
    gaps = [(b.first - a.first, index) for index, (a, b) in enumerate(zip(places, places[1:]))]
    longest = max(gaps, default=None, key=lambda gap: gap[0])
    if longest is None or not longest[0].days:
        return text
    before, after = (anchor(r.model.date) for r in facts[longest[1]:longest[1] + 2])
    return (f"{text} The longest gap between entries runs from {before.words()} to {after.words()}: "
            f"{dates.elapsed(before, after).removesuffix(' later')}.")
