"""Timelines: facts in chronological order grouped by year, beside a proportional time axis (`axis`).

The site-wide timeline is at `timeline/`, each entity's at `entities/{id}/timeline/`, each tag's at
`tags/{tag}/`; stories embed timelines with `::timeline entity=ID|tag=TAG|ids=A,B`. A timeline of
more than PAGE_ENTRIES entries is split so that no page grows with the record: its own address keeps
the axis of every entry and links to a page per year (`timeline/2020/`, `tags/{tag}/2020/`...), each
listing that year's entries with the same markup and linking to the pages before and after. A year of
more than PAGE_ENTRIES entries goes on over numbered pages (`timeline/2020/2/`...).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import get_args

from .. import dates, kinds
from ..model import Fact, Filed, Verification
from ..translation import _
from ..validate import Record, as_kind
from .axis import UNKNOWN_GROUP, Axis, Place, axis, period, place
from .common import Context, DateView, FactCard, date_view, fact_card, kind_label
from .paging import window
from .vocabulary import words_label

PAGE_ENTRIES = 30
"""Entries a timeline page lists at most: about 40 KB of HTML with its filter, so a page stays small at any size."""


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One fact on a timeline."""

    card: FactCard
    entities: str
    period: DateView | None


@dataclass(frozen=True, kw_only=True)
class Year:
    """The entries of one section of a timeline (a year, a decade known no closer, or "date not known"), with
    the id the year navigation links to; entries known only to the year come last, under `loose`."""

    label: str
    """Its name in the year navigation: "2020", "2010s", "Date not known"."""
    heading: str
    anchor: str
    entries: tuple[Entry, ...]
    loose: str
    loose_entries: tuple[Entry, ...]


@dataclass(frozen=True, kw_only=True)
class YearLink:
    """A section of a split timeline: what it is called, its first page and how many entries it lists."""

    group: str
    label: str
    url: str
    count: int
    described: str
    """What its entries have in common, to follow "entries": "from 2020", "with no known date"."""


@dataclass(frozen=True, kw_only=True)
class PartLink:
    """One page of a split timeline: a year, or one of the pages a long year goes on over."""

    year: YearLink
    number: int
    of: int
    url: str
    start: int
    """Where its entries begin among the timeline's, in reading order."""
    count: int

    @property
    def label(self) -> str:
        """What the links before and after call it: "2020", or "2020, page 2 of 3"."""
        if self.of == 1:
            return self.year.label
        return _("%(year)s, page %(number)s of %(pages)s", year=self.year.label, number=self.number, pages=self.of)


@dataclass(frozen=True, kw_only=True)
class Split:
    """A timeline too long for one page: its years, every page, the entries in all, and where this page sits.

    `current`, `previous` and `next` are None on the overview page, which lists no entries itself.
    """

    years: tuple[YearLink, ...]
    pages: tuple[PartLink, ...]
    shown: tuple[PartLink | None, ...]
    """The current year's pages that the pager links to by number (paging.window)."""
    total: int
    current: PartLink | None
    previous: PartLink | None
    next: PartLink | None


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One value a filter offers, and its words."""

    value: str
    label: str


@dataclass(frozen=True, kw_only=True)
class TimelineFilter:
    """What a timeline's filter offers: the kinds it lists (in registry order), the verification statuses
    when it lists more than one, and the entities its entries name (by name). It is drawn in the page,
    disabled until the script enables it, so nothing moves when the script runs."""

    kinds: tuple[Choice, ...]
    statuses: tuple[Choice, ...]
    entities: tuple[Choice, ...]


@dataclass(frozen=True, kw_only=True)
class TimelineView:
    """A timeline, or one year of a split one: years in order, the axis, whether the filter script may enhance it."""

    years: tuple[Year, ...]
    axis: Axis | None
    count: int
    filter: TimelineFilter | None
    split: Split | None = None


def timeline(ctx: Context, records: Iterable[Record[Filed]], prefix: str = "", filterable: bool = True) -> TimelineView:
    """The timeline of `records` (facts only, any order): chronological, ties broken by id."""
    return _view(ctx, chronological(ctx, records), prefix, filterable, None)


def chronological(ctx: Context, records: Iterable[Record[Filed]]) -> list[Record[Fact]]:
    """The facts among `records`, without repeats, in reading order."""
    names = kinds.fact_names()
    facts = {r.id: as_kind(r, Fact) for r in records if r.kind in names}
    return sorted(facts.values(), key=ctx.order)


def year_pages(ctx: Context, facts: list[Record[Fact]], url: str) -> tuple[PartLink, ...]:
    """The pages the timeline at `url` is split into, year by year; none when one page holds it."""
    if len(facts) <= PAGE_ENTRIES:
        return ()
    sections = [place(ctx, r) for r in facts]
    counts = Counter(p.group for p in sections)
    labels = {p.group: p.label for p in sections}
    pages, start = [], 0
    for group, count in counts.items():
        year = YearLink(
            group=group,
            label=labels[group],
            url=f"{url}{group}/",
            count=count,
            described=_("with no known date") if group == UNKNOWN_GROUP else _("from %(year)s", year=labels[group]),
        )
        of = -(-count // PAGE_ENTRIES)
        for number in range(1, of + 1):
            shown = min(PAGE_ENTRIES, count - (number - 1) * PAGE_ENTRIES)
            address = year.url if number == 1 else f"{year.url}{number}/"
            pages.append(PartLink(year=year, number=number, of=of, url=address, start=start, count=shown))
            start += shown
    return tuple(pages)


def _split(total: int, pages: tuple[PartLink, ...], at: int | None) -> Split:
    years = tuple(page.year for page in pages if page.number == 1)
    if at is None:
        return Split(years=years, pages=pages, shown=(), total=total, current=None, previous=None, next=None)
    same_year = [page for page in pages if page.year == pages[at].year]
    return Split(
        years=years,
        pages=pages,
        shown=window(same_year, pages[at].number - 1),
        total=total,
        current=pages[at],
        previous=pages[at - 1] if at else None,
        next=pages[at + 1] if at + 1 < len(pages) else None,
    )


def overview(ctx: Context, facts: list[Record[Fact]], pages: tuple[PartLink, ...]) -> TimelineView:
    """A split timeline's first page: the axis of every entry, and the way to each year's page."""
    drawn = axis(facts, [place(ctx, r) for r in facts], "")
    return TimelineView(years=(), axis=drawn, count=len(facts), filter=None, split=_split(len(facts), pages, None))


def year_page(ctx: Context, shown: list[Record[Fact]], pages: tuple[PartLink, ...], url: str) -> TimelineView:
    """One page of a split timeline (`shown`, its entries), with links to the pages before and after it."""
    at = next(index for index, page in enumerate(pages) if page.url == url)
    return _view(ctx, shown, "", True, _split(sum(page.count for page in pages), pages, at))


def _view(ctx: Context, facts: list[Record[Fact]], prefix: str, filterable: bool, split: Split | None) -> TimelineView:
    places = [place(ctx, r) for r in facts]
    years = tuple(
        _year(ctx, prefix, list(group))
        for _, group in groupby(zip(facts, places, strict=True), key=lambda p: p[1].group)
    )
    return TimelineView(
        years=years,
        axis=axis(facts, places, prefix),
        count=len(facts),
        filter=_filter(ctx, facts) if filterable else None,
        split=split,
    )


def _filter(ctx: Context, facts: list[Record[Fact]]) -> TimelineFilter:
    present = {r.kind for r in facts}
    found = {r.model.verification for r in facts}
    statuses = tuple(Choice(value=s, label=words_label(s)) for s in get_args(Verification) if s in found)
    named = {i: ctx.graph.entity(i).model.name for r in facts for i in r.model.actor_ids()}
    return TimelineFilter(
        kinds=tuple(Choice(value=k.name, label=kind_label(k.name)) for k in kinds.facts() if k.name in present),
        statuses=statuses if len(statuses) > 1 else (),
        entities=tuple(
            Choice(value=i, label=name) for i, name in sorted(named.items(), key=lambda p: (p[1].casefold(), p[0]))
        ),
    )


def _year(ctx: Context, prefix: str, group: list[tuple[Record[Fact], Place]]) -> Year:
    """A section's entries; those known only to its year are listed last (reading order puts them there)."""
    first = group[0][1]
    return Year(
        label=first.label,
        heading=first.heading,
        anchor=f"{prefix}year-{first.group}",
        entries=tuple(entry(ctx, r) for r, p in group if not p.loose),
        loose=next((p.loose for _, p in group if p.loose), ""),
        loose_entries=tuple(entry(ctx, r) for r, p in group if p.loose),
    )


def entry(ctx: Context, record: Record[Fact]) -> Entry:
    return ctx.memo_of("entry", record, _entry)


def _entry(ctx: Context, record: Record[Fact]) -> Entry:
    bounds = period(record)
    shown = None
    if bounds is not None:
        start, end, is_open = bounds
        when = record.model.date
        shown = date_view(
            when if isinstance(when, dates.Interval) else dates.Interval(start, end, start is None, is_open)
        )
    return Entry(card=fact_card(ctx, record), entities=" ".join(record.model.actor_ids()), period=shown)
