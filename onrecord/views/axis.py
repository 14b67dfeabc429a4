"""The proportional time axis beside a timeline: an inline SVG where distance is time.

Long quiet spells look long. Each fact is a mark in its kind's column (one column for each kind the
timeline holds, in registry order), in its kind's shape; periods (an event's `end`, a contract's
start and end, a date range) are drawn as bars. A fact known only to its year (or decade) is drawn as
a dotted bar over the whole of it, never as a point on 1 January; a fact whose date is not known at
all is listed at the end of the timeline and drawn nowhere. An axis of more than DENSE_ABOVE facts
draws each kind's marks, and its bars, as one stroke of merged spans instead of a shape per fact:
thousands of shapes would outweigh the rest of the page, and at that density they merge anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import date_words, dates, kinds
from ..dates import anchor
from ..model import Fact
from ..translation import _, n_
from ..validate import Record
from .common import Context, kind_label
from .shapes import shape_of

AXIS_HEIGHT = 640
AXIS_PAD = 12
SPINE = 36
"""Where the axis line runs; year labels sit left of it, the kinds' columns right of it."""
FIRST_COLUMN = 42
COLUMN_STEP = 7
DENSE_ABOVE = 300
MARK_SIZE = 6
BAR_WIDTH = 3
UNKNOWN_GROUP = "unknown"


@dataclass(frozen=True, kw_only=True)
class Mark:
    """A fact's place on the axis, drawn in its kind's shape and colour."""

    x: int
    y: int
    kind: str
    path: str
    hollow: bool


@dataclass(frozen=True, kw_only=True)
class Bar:
    """A period on the axis; an open period runs to the axis end (`open`), a loosely known date is `vague`."""

    x: int
    y1: int
    y2: int
    kind: str
    open: bool
    vague: bool = False


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
    spine: int
    ticks: tuple[tuple[int, str], ...]
    marks: tuple[Mark, ...]
    bars: tuple[Bar, ...]
    title: str
    description: str
    strands: tuple[Strand, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()
    """(kind, its words) of each column, left to right: what each shape and colour on the axis stands for."""
    periods: bool = False
    """Whether it draws periods (as bars), which the legend then explains."""


@dataclass(frozen=True, kw_only=True)
class Place:
    """Where a fact sits in time, worked out once per build.

    `group` is the timeline section it is listed in: its year ("2020"), the decade or century a date
    known no closer names ("2010s"), or "unknown". `loose` is set for a date known only to its year,
    listed at the end of the year's section under that heading. `first` is None for an unknown date.
    """

    group: str
    label: str
    """The section's name in year navigation: "2020", "2010s", "Date not known"."""
    heading: str
    loose: str
    first: date | None
    latest: date | None
    span: tuple[date, date | None] | None
    vague: bool


def period(record: Record[Fact]) -> tuple[dates.Point | None, dates.Point | None, bool] | None:
    """(start, end, open) when the fact covers a period: a date range, an event's end, a contract's term."""
    model = record.model
    if isinstance(model.date, dates.Interval):
        return model.date.start, model.date.end, model.date.end_open
    begins, end = model.span()
    if end is None or isinstance(begins, dates.Unknown):
        return None
    start = anchor(begins)
    if isinstance(end, dates.Interval):
        return start, end.end, end.end_open
    return start, end, False


def place(ctx: Context, record: Record[Fact]) -> Place:
    return ctx.memo_of("place", record, _place)


def _place(ctx: Context, record: Record[Fact]) -> Place:
    when = record.model.date
    if isinstance(when, dates.Unknown):
        return Place(
            group=UNKNOWN_GROUP,
            label=_("Date not known"),
            heading=_("Date not known"),
            loose="",
            first=None,
            latest=None,
            span=None,
            vague=False,
        )
    point = anchor(when)
    group, label, heading, loose = _section(point)
    limits = period(record)
    span = None
    if limits is not None and limits[0] is not None and (limits[1] is not None or limits[2]):
        span = (limits[0].first_day(), limits[1].last_day() if limits[1] else None)
    vague = span is None and point.precision == "year"
    if vague:
        span = (point.first_day(), point.last_day())
    latest = span[1] if span and span[1] else point.first_day()
    return Place(
        group=group,
        label=label,
        heading=heading,
        loose=loose,
        first=point.first_day(),
        latest=latest,
        span=span,
        vague=vague,
    )


def _section(point: dates.Point) -> tuple[str, str, str, str]:
    """(group, label, heading, loose heading): a year's section, or a decade's or century's own."""
    group, span = dates.section(point), date_words.loose(point)
    if span and span != str(point.year):
        heading = _("%(span)s, year not known", span=span)
        return group, date_words.section_words(point), f"{heading[:1].upper()}{heading[1:]}", ""
    return group, group, group, _("%(year)s, date within the year not known", year=group) if span else ""


def axis(facts: list[Record[Fact]], places: list[Place], prefix: str) -> Axis | None:
    """Ticks per year (or per 5 or 10 years on long spans), one mark per fact, one bar per period;
    None when no fact has a known date."""
    pairs = [(r, p) for r, p in zip(facts, places, strict=True) if p.first is not None]
    if not pairs:
        return None
    scale = _Scale(min(p.first for _, p in pairs if p.first), max(p.latest for _, p in pairs if p.latest))
    present = {r.kind for r, _ in pairs}
    columns = {
        name: FIRST_COLUMN + COLUMN_STEP * i for i, name in enumerate(k for k in kinds.fact_names() if k in present)
    }
    marks = tuple({_mark(columns, r.kind, scale.y(p.first)): None for r, p in pairs if p.first and not p.vague})
    bars = tuple(
        Bar(
            x=columns[r.kind],
            y1=scale.y(p.span[0]),
            y2=scale.y(p.span[1]) if p.span[1] else scale.end,
            kind=r.kind,
            open=p.span[1] is None,
            vague=p.vague,
        )
        for r, p in pairs
        if p.span
    )
    dense = len(pairs) > DENSE_ABOVE
    return Axis(
        id=f"{prefix}axis",
        width=max(columns.values()) + MARK_SIZE,
        height=AXIS_HEIGHT,
        spine=SPINE,
        ticks=_ticks(scale),
        marks=() if dense else marks,
        bars=() if dense else bars,
        title=_("Time axis"),
        description=_description(pairs, len(facts) - len(pairs)),
        strands=(*_bar_strands(bars), *_mark_strands(marks)) if dense else (),
        legend=tuple((name, kind_label(name)) for name in columns),
        periods=bool(bars),
    )


def _mark(columns: dict[str, int], kind: str, y: int) -> Mark:
    shape = shape_of(kind)
    return Mark(x=columns[kind], y=y, kind=kind, path=shape.path, hollow=shape.hollow)


def _mark_strands(marks: Iterable[Mark]) -> tuple[Strand, ...]:
    """Marks of one kind that would touch become one span, drawn as a stroke as wide as a mark."""
    found: dict[tuple[int, str], list[int]] = {}
    for mark in marks:
        found.setdefault((mark.x, mark.kind), []).append(mark.y)
    return tuple(
        Strand(x=x, kind=kind, spans=_merged(((y, y) for y in ys), MARK_SIZE), width=MARK_SIZE, bar=False, open=False)
        for (x, kind), ys in sorted(found.items())
    )


def _bar_strands(bars: Iterable[Bar]) -> tuple[Strand, ...]:
    """Overlapping bars of one kind (open ones apart, as they are drawn dashed) become one span."""
    found: dict[tuple[int, str, bool], list[tuple[int, int]]] = {}
    for bar in bars:
        found.setdefault((bar.x, bar.kind, bar.open or bar.vague), []).append((bar.y1, bar.y2))
    return tuple(
        Strand(x=x, kind=kind, spans=_merged(spans, BAR_WIDTH), width=BAR_WIDTH, bar=True, open=is_open)
        for (x, kind, is_open), spans in sorted(found.items())
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


def _description(pairs: list[tuple[Record[Fact], Place]], undated: int) -> str:
    """The axis in words: its extent and its longest blank stretch, for screen readers and for the record."""
    dated = sorted(pairs, key=lambda pair: (pair[1].first, pair[0].id))
    extents = [_extent(record, place) for record, place in dated]
    running = sum(covered is None for _, covered in extents)
    last = max((covered for _, covered in extents if covered), key=lambda reach: reach[0], default=None)
    first = date_words.words(extents[0][0][1])
    sentences = [
        n_(
            "Proportional time axis: %(count)s entry from %(first)s to %(last)s.",
            "Proportional time axis: %(count)s entries from %(first)s to %(last)s.",
            len(dated),
            first=first,
            last=date_words.words(last[1]),
        )
        if last
        else n_(
            "Proportional time axis: %(count)s entry from %(first)s.",
            "Proportional time axis: %(count)s entries from %(first)s.",
            len(dated),
            first=first,
        )
    ]
    if running:
        sentences.append(n_("%(count)s period is still running.", "%(count)s periods are still running.", running))
    if undated:
        sentences.append(
            n_(
                "%(count)s with no known date is listed at the end, not drawn.",
                "%(count)s with no known date are listed at the end, not drawn.",
                undated,
            )
        )
    blank = _longest_blank(extents)
    if blank is not None:
        (lo, before), (hi, after) = blank
        sentences.append(
            _(
                "The longest stretch with no entry runs from %(start)s to %(end)s: %(length)s.",
                start=date_words.words(before),
                end=date_words.words(after),
                length=date_words.stretch(lo, hi, (before, after)),
            )
        )
    return " ".join(sentences)


Reach = tuple[date, dates.Point]
"""A day on the axis and the written date that puts an entry's mark or period there."""


def _longest_blank(extents: list[tuple[Reach, Reach | None]]) -> tuple[Reach, Reach] | None:
    """The widest run of days that no mark or period covers, from where the entries so far reach to the
    next entry's start, given (start, last covered) in order of start; a period that runs on (None)
    covers the rest of the axis."""
    reach: Reach | None = None
    best: tuple[Reach, Reach] | None = None
    for start, covered in extents:
        if reach is not None and start[0] > reach[0]:
            if best is None or (start[0] - reach[0]) > (best[1][0] - best[0][0]):
                best = (reach, start)
        if covered is None:
            return best
        if reach is None or covered[0] > reach[0]:
            reach = covered
    return best


def _extent(record: Record[Fact], place: Place) -> tuple[Reach, Reach | None]:
    """Where a dated entry starts and the last day it is drawn on, each with the date that says so."""
    when = record.model.date
    if isinstance(when, dates.Unknown) or place.first is None or place.latest is None:
        raise ValueError(f"{record.id} has no known date and is not drawn")
    point = anchor(when)
    if place.span is not None and place.span[1] is None:
        return (place.first, point), None
    limits = period(record)
    end = limits[1] if limits is not None and place.span is not None and not place.vague else None
    return (place.first, point), (place.latest, end or point)
