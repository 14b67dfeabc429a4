"""The proportional time axis beside a timeline: an inline SVG where distance is time.

Long quiet spells look long. Each fact is a mark in its kind's column; periods (an event's `end`, a
contract's start and end, a date range) are drawn as bars. An axis of more than DENSE_ABOVE facts
draws each kind's marks, and its bars, as one stroke of merged spans instead of a shape per fact:
thousands of shapes would outweigh the rest of the page, and at that density they merge anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import dates
from ..dates import anchor
from ..model import Fact
from ..validate import Record
from .common import Context

AXIS_WIDTH = 60
AXIS_HEIGHT = 640
AXIS_PAD = 12
KIND_COLUMN = {"pledges": 34, "statements": 40, "contracts": 46, "rulings": 52, "events": 57}
DENSE_ABOVE = 300
MARK_SIZE = 6
BAR_WIDTH = 3


@dataclass(frozen=True, kw_only=True)
class Mark:
    """A fact's place on the axis; `kind` picks its shape and colour."""

    x: int
    y: int
    kind: str


@dataclass(frozen=True, kw_only=True)
class Bar:
    """A period on the axis; an open period runs to the axis end, flagged `open`."""

    x: int
    y1: int
    y2: int
    kind: str
    open: bool


@dataclass(frozen=True, kw_only=True)
class Strand:
    """On a dense axis, one kind's marks (or its bars, open or not) as (top, bottom) spans of one stroke."""

    x: int
    kind: str
    spans: tuple[tuple[int, int], ...]
    width: int
    bar: bool
    open: bool


@dataclass(frozen=True, kw_only=True)
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
    strands: tuple[Strand, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Place:
    """Where a fact sits in time, worked out once per build: its year, first day (and its ordinal), and its period."""

    year: int
    first: date
    day: int
    latest: date
    span: tuple[date, date | None] | None


def period(record: Record[Fact]) -> tuple[dates.Point | None, dates.Point | None, bool] | None:
    """(start, end, open) when the fact covers a period: a date range, an event's end, a contract's term."""
    model = record.model
    if isinstance(model.date, dates.Interval):
        return model.date.start, model.date.end, model.date.end_open
    begins, end = model.span()
    if end is None:
        return None
    start = anchor(begins)
    if isinstance(end, dates.Interval):
        return start, end.end, end.end_open
    return start, end, False


def place(ctx: Context, record: Record[Fact]) -> Place:
    return ctx.memo("place", record.id, lambda: _place(record))


def _place(record: Record[Fact]) -> Place:
    point = anchor(record.model.date)
    limits = period(record)
    span = None
    if limits is not None and limits[0] is not None and (limits[1] is not None or limits[2]):
        span = (limits[0].first_day(), limits[1].last_day() if limits[1] else None)
    latest = span[1] if span and span[1] else point.first_day()
    first = point.first_day()
    return Place(year=point.year, first=first, day=first.toordinal(), latest=latest, span=span)


def axis(facts: list[Record[Fact]], places: list[Place], prefix: str) -> Axis:
    """Ticks per year (or per 5 or 10 years on long spans), one mark per fact, one bar per period."""
    scale = _Scale(min(p.first for p in places), max(p.latest for p in places))
    pairs = list(zip(facts, places, strict=True))
    marks = tuple({Mark(x=KIND_COLUMN[r.kind], y=scale.y(p.first), kind=r.kind): None for r, p in pairs})
    bars = tuple(
        Bar(
            x=KIND_COLUMN[r.kind],
            y1=scale.y(p.span[0]),
            y2=scale.y(p.span[1]) if p.span[1] else scale.end,
            kind=r.kind,
            open=p.span[1] is None,
        )
        for r, p in pairs
        if p.span
    )
    dense = len(facts) > DENSE_ABOVE
    return Axis(
        id=f"{prefix}axis",
        width=AXIS_WIDTH,
        height=AXIS_HEIGHT,
        ticks=_ticks(scale),
        marks=() if dense else marks,
        bars=() if dense else bars,
        title="Time axis",
        description=_description(facts, places),
        strands=(*_bar_strands(bars), *_mark_strands(marks)) if dense else (),
    )


def _mark_strands(marks: Iterable[Mark]) -> tuple[Strand, ...]:
    """Marks of one kind that would touch become one span, drawn as a stroke as wide as a mark."""
    found: dict[str, list[int]] = {}
    for mark in marks:
        found.setdefault(mark.kind, []).append(mark.y)
    return tuple(
        Strand(
            x=KIND_COLUMN[kind],
            kind=kind,
            spans=_merged(((y, y) for y in ys), MARK_SIZE),
            width=MARK_SIZE,
            bar=False,
            open=False,
        )
        for kind, ys in sorted(found.items(), key=lambda item: KIND_COLUMN[item[0]])
    )


def _bar_strands(bars: Iterable[Bar]) -> tuple[Strand, ...]:
    """Overlapping bars of one kind (open ones apart, as they are drawn dashed) become one span."""
    found: dict[tuple[str, bool], list[tuple[int, int]]] = {}
    for bar in bars:
        found.setdefault((bar.kind, bar.open), []).append((bar.y1, bar.y2))
    ordered = sorted(found.items(), key=lambda item: (KIND_COLUMN[item[0][0]], item[0][1]))
    return tuple(
        Strand(x=KIND_COLUMN[kind], kind=kind, spans=_merged(spans, BAR_WIDTH), width=BAR_WIDTH, bar=True, open=is_open)
        for (kind, is_open), spans in ordered
    )


def _merged(spans: Iterable[tuple[int, int]], width: int) -> tuple[tuple[int, int], ...]:
    """Spans joined wherever the round-capped strokes of `width` drawing them would touch."""
    merged: list[tuple[int, int]] = []
    for top, bottom in sorted(spans):
        if merged and top <= merged[-1][1] + width:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return tuple(merged)


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


def _description(facts: list[Record[Fact]], places: list[Place]) -> str:
    """The axis in words: its extent and its longest gap, for screen readers and for the record."""
    first, last = (anchor(r.model.date) for r in (facts[0], facts[-1]))
    text = f"Proportional time axis: {len(facts)} entries from {first.words()} to {last.words()}."
    days = [p.day for p in places]
    longest = max(range(len(days) - 1), default=None, key=lambda index: days[index + 1] - days[index])
    if longest is None or days[longest + 1] == days[longest]:
        return text
    before, after = (anchor(r.model.date) for r in facts[longest : longest + 2])
    return (
        f"{text} The longest gap between entries runs from {before.words()} to {after.words()}: "
        f"{dates.elapsed(before, after).removesuffix(' later')}."
    )
