"""Pages that gather others: the home page, an index per kind, tags, sources, and the updates log.

An index of more than PAGE_SIZE entries is split so that no page grows with the record: `{kind}/`
lists the first PAGE_SIZE and `{kind}/page/2/` onwards the rest, in the same order and groups, each
page linking to all the others. A source page lists the newest CITED_SHOWN records that cite it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from .. import dates
from ..dates import anchor
from ..model import FACT_KINDS, Comparison, Contract, Dated, Entity, Fact, Filed, Pledge, Ruling, Source, Story
from ..validate import Record, as_kind
from .cards import ComparisonCard, comparison_card
from .common import (
    KIND_TITLES,
    SOURCE_TYPES,
    Context,
    DateView,
    LinkView,
    SourceView,
    by_reading_order,
    date_view,
    facts_by_reading_order,
    kind_label,
    label,
    money_words,
    optional_date,
    record_link,
    source_view,
    words_label,
)
from .entity import TYPE_LABELS
from .story import StoryCard, story_card
from .timeline import TimelineView

HOME_COMPARISONS = 3
HOME_UPDATES = 5
HOME_STORIES = 3
PAGE_SIZE = 100
CITED_SHOWN = 50
VERDICT_WEIGHT = {"contradicts": 0, "in-tension": 1, "unclear": 2, "consistent": 3}
TYPED = ("entities", "sources")
"""Kinds whose index groups records by type."""


@dataclass(frozen=True, kw_only=True)
class ListEntry:
    """One line of an index: a link, its date, a summary and an optional badge (class, text)."""

    link: LinkView
    date: DateView | None
    summary: str
    badge: tuple[str, str] | None
    draft: bool


@dataclass(frozen=True, kw_only=True)
class Group:
    """Entries under one subheading (a year, an entity type, a source type)."""

    heading: str
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True, kw_only=True)
class PageLink:
    """One page of a split index: its number and address."""

    number: int
    url: str


@dataclass(frozen=True, kw_only=True)
class Paging:
    """Every page of a split index, and where this page sits among them."""

    pages: tuple[PageLink, ...]
    current: PageLink
    previous: PageLink | None
    next: PageLink | None


@dataclass(frozen=True, kw_only=True)
class ListView:
    """An index page, or one page of a split index (`paging`)."""

    kind: str
    heading: str
    intro: str
    groups: tuple[Group, ...]
    stories: tuple[StoryCard, ...]
    count: int
    paging: Paging | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateRow:
    """One correction or update, with what it belongs to."""

    date: DateView
    note: str
    link: LinkView
    kind_label: str


@dataclass(frozen=True, kw_only=True)
class HomeView:
    """The front page: lead story, key comparisons, latest updates, ways in."""

    lead: StoryCard | None
    stories: tuple[StoryCard, ...]
    comparisons: tuple[ComparisonCard, ...]
    updates: tuple[UpdateRow, ...]
    sections: tuple[tuple[str, str, int], ...]
    facts: int
    first: DateView | None
    last: DateView | None


@dataclass(frozen=True, kw_only=True)
class TimelinePage:
    """The site-wide timeline, an entity's or a tag's: heading, intro and the timeline."""

    heading: str
    intro: str
    parent: LinkView | None
    timeline: TimelineView
    related: tuple[LinkView, ...]


@dataclass(frozen=True, kw_only=True)
class SourcePage:
    """A source and the newest records that cite it, with how many cite it in all."""

    source: SourceView
    cited_by: tuple[LinkView, ...]
    cited_total: int


INTROS = {
    "pledges": "Public commitments, with their status on a fixed scale.",
    "statements": "Other things said on the record, word for word.",
    "contracts": "Contracts awarded, with values in their own currency and conversions as reported.",
    "rulings": "Court rulings, with their citations and key passages.",
    "events": "Things that happened: announcements, moratoria, policy changes.",
    "comparisons": "Two things said or done, side by side, with a verdict.",
    "stories": "Explainers that put the record together.",
    "entities": "Organisations, people, courts and public bodies on the record.",
    "sources": "Every document the facts cite.",
}


def list_pages(ctx: Context, kind: str) -> tuple[PageLink, ...]:
    """The pages the index of `kind` is split into; none when one page holds it (PAGE_SIZE)."""
    count = len(ctx.graph.kinds[kind])
    if count <= PAGE_SIZE:
        return ()
    last = -(-count // PAGE_SIZE)
    return tuple(PageLink(number=n, url=f"{kind}/page/{n}/" if n > 1 else f"{kind}/") for n in range(1, last + 1))


def list_view(ctx: Context, kind: str, pages: tuple[PageLink, ...] = (), number: int = 1) -> ListView:
    """The index of `kind`, or its page `number` of `pages` when it is split."""
    records = _ordered(ctx, kind)
    start = (number - 1) * PAGE_SIZE
    shown = records[start : start + PAGE_SIZE] if pages else records
    stories = tuple(story_card(ctx, as_kind(r, Story)) for r in shown) if kind == "stories" else ()
    groups = () if kind == "stories" else _groups(ctx, kind, shown)
    heading = f"{KIND_TITLES[kind]}, page {number}" if number > 1 else KIND_TITLES[kind]
    return ListView(
        kind=kind,
        heading=heading,
        intro=INTROS[kind],
        groups=groups,
        stories=stories,
        count=len(records),
        paging=_paging(pages, number),
    )


def _paging(pages: tuple[PageLink, ...], number: int) -> Paging | None:
    if not pages:
        return None
    at = number - 1
    return Paging(
        pages=pages,
        current=pages[at],
        previous=pages[at - 1] if at else None,
        next=pages[at + 1] if number < len(pages) else None,
    )


def _ordered(ctx: Context, kind: str) -> list[Record[Filed]]:
    """The records of an index in the order it lists them: newest story first, types by label then name."""
    records = ctx.graph.kinds[kind]
    if kind == "stories":
        return records[::-1]
    if kind in TYPED:
        return sorted(records, key=lambda r: (_type_label(r), label(r).casefold(), r.id))
    return records


def _type_label(record: Record[Filed]) -> str:
    """How an index of entities or sources names the record's type."""
    model = record.model
    if isinstance(model, Entity):
        return TYPE_LABELS[model.type]
    if isinstance(model, Source):
        return SOURCE_TYPES[model.type]
    return ""


def _groups(ctx: Context, kind: str, records: list[Record[Filed]]) -> tuple[Group, ...]:
    return tuple(
        Group(heading=heading, entries=tuple(list_entry(ctx, r) for r in group))
        for heading, group in groupby(records, _group_key(kind))
    )


def _group_key(kind: str) -> Callable[[Record[Filed]], str]:
    if kind in FACT_KINDS:
        return lambda r: str(anchor(as_kind(r, Fact).model.date).year)
    if kind in TYPED:
        return _type_label
    return lambda r: ""


def list_entry(ctx: Context, record: Record[Filed]) -> ListEntry:
    model = record.model
    return ListEntry(
        link=record_link(ctx, record),
        date=optional_date(model.when()),
        summary=_summary(ctx, model),
        badge=_badge(model),
        draft=model.is_draft(),
    )


def _summary(ctx: Context, model: Filed) -> str:
    """An index line's text: a fact's or a comparison's summary, a source's publisher, an entity's roles."""
    if isinstance(model, (Dated, Comparison)):
        return model.summary
    if isinstance(model, Source):
        return model.publisher
    if isinstance(model, Entity):
        roles = [f"{m.role}, {label(ctx.graph.get(m.entity))}" for m in model.member_of]
        return "; ".join(roles) or TYPE_LABELS[model.type]
    return ""


def _badge(model: Filed) -> tuple[str, str] | None:
    if isinstance(model, Pledge):
        return f"status-{model.status}", words_label(model.status)
    if isinstance(model, Comparison):
        return f"verdict-{model.verdict}", words_label(model.verdict)
    if isinstance(model, Contract) and model.value:
        return "value", money_words(model.value)
    if isinstance(model, Ruling):
        return "citation", model.citation
    return None


def update_rows(ctx: Context) -> tuple[UpdateRow, ...]:
    """Every `updates` entry on the site, newest first; same-day entries by what they belong to."""
    found = [
        (u, r)
        for kind in (*FACT_KINDS, "comparisons", "stories")
        for r in ctx.graph.kinds[kind]
        if isinstance(r.model, (Dated, Comparison))
        for u in r.model.updates
    ]
    found.sort(key=lambda pair: (dates.sort_key(pair[0].date), pair[1].id), reverse=True)
    return tuple(
        UpdateRow(date=date_view(u.date), note=u.note, link=record_link(ctx, r), kind_label=kind_label(r.kind))
        for u, r in found
    )


def home_view(ctx: Context, updates: tuple[UpdateRow, ...]) -> HomeView:
    graph = ctx.graph
    stories = [story_card(ctx, r) for r in sorted(graph.listed("stories", Story), key=_lead_order, reverse=True)]
    facts = facts_by_reading_order(ctx, (r.id for kind in FACT_KINDS for r in graph.kinds[kind]))
    sections = tuple(
        (f"{kind}/", KIND_TITLES[kind], len(graph.kinds[kind]))
        for kind in ("comparisons", *FACT_KINDS, "entities", "sources")
        if graph.kinds[kind]
    )
    return HomeView(
        lead=stories[0] if stories else None,
        stories=tuple(stories[1 : 1 + HOME_STORIES]),
        comparisons=_key_comparisons(ctx),
        updates=updates[:HOME_UPDATES],
        sections=sections,
        facts=len(facts),
        first=date_view(facts[0].model.date) if facts else None,
        last=date_view(facts[-1].model.date) if facts else None,
    )


def _lead_order(record: Record[Story]) -> tuple[tuple[int, int, int], tuple[int, int, int], int, str]:
    """The newest story leads; on the same day, the most recently updated, then the longest read."""
    model = record.model
    return dates.sort_key(model.date), dates.sort_key(model.updated or model.date), len(model.body), record.id


def _key_comparisons(ctx: Context) -> tuple[ComparisonCard, ...]:
    """The sharpest verdicts first, newest first among equals."""
    newest_first = ctx.graph.listed("comparisons", Comparison)[::-1]
    records = sorted(newest_first, key=lambda r: VERDICT_WEIGHT[r.model.verdict])
    return tuple(comparison_card(ctx, r) for r in records[:HOME_COMPARISONS])


def source_page(ctx: Context, record: Record[Source]) -> SourcePage:
    """The source, and the newest CITED_SHOWN records citing it, in reading order."""
    ids = ctx.graph.referrers.get(record.id, [])
    citing = (ctx.graph.get(i) for i in ids[-CITED_SHOWN:])
    return SourcePage(
        source=source_view(ctx.graph, 1, record.id),
        cited_by=tuple(record_link(ctx, r) for r in citing),
        cited_total=len(ids),
    )


def tag_links(ctx: Context, tag: str) -> tuple[LinkView, ...]:
    """Stories and comparisons carrying a tag (facts are on the tag's timeline)."""
    ids = ctx.graph.tags.get(tag, ())
    return tuple(record_link(ctx, r) for r in by_reading_order(ctx, ids, ("stories", "comparisons")))


def tags_index(ctx: Context) -> ListView:
    entries = tuple(
        ListEntry(
            link=LinkView(url=f"tags/{tag}/", label=tag),
            date=None,
            summary=f"{len(ids)} on record",
            badge=None,
            draft=False,
        )
        for tag, ids in ctx.graph.tags.items()
    )
    return ListView(
        kind="tags",
        heading="Tags",
        intro="Topics; each has its own timeline.",
        groups=(Group(heading="", entries=entries),),
        stories=(),
        count=len(entries),
    )
