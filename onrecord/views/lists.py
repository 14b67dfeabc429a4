"""Pages that gather others: the home page, an index per kind, tags, sources, and the updates log.

An index, and the updates log, of more than a page's entries go on over numbered pages (paging.py),
an index keeping its order and groups. A source page lists the newest CITED_SHOWN records that cite it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from .. import dates, kinds
from ..model import VERDICTS, Comparison, Dated, Entity, Fact, Filed, Source, Story, particulars
from ..translation import N_, _, n_
from ..validate import Record, as_kind
from .axis import place
from .cards import ComparisonCard, comparison_card
from .common import (
    Context,
    DateView,
    LinkView,
    SourceView,
    by_reading_order,
    date_view,
    facts_by_reading_order,
    kind_label,
    label,
    optional_date,
    record_link,
    source_view,
    text_of,
)
from .entity import TYPE_LABELS, entity_members
from .money import amount_words
from .paging import PageLink, Paging, numbered_pages, page_of, paging
from .scales import Badge, level_badge, standing_badge
from .search import SearchMarks, search_marks
from .story import StoryCard, story_card
from .timeline import TimelineView
from .vocabulary import SOURCE_TYPES

HOME_COMPARISONS = 3
HOME_UPDATES = 5
HOME_STORIES = 3
CITED_SHOWN = 50
RELATED_SHOWN = 10
"""Stories and comparisons a tag's timeline page lists, the newest: every one is on the tag's related pages."""
RELATED = ("stories", "comparisons")
TYPED = ("entities", "sources")
"""Kinds whose index groups records by type."""


@dataclass(frozen=True, kw_only=True)
class ListEntry:
    """One line of an index: a link, its date, a summary and an optional badge."""

    link: LinkView
    date: DateView | None
    summary: str
    badge: Badge | None
    draft: bool


@dataclass(frozen=True, kw_only=True)
class Group:
    """Entries under one subheading (a year, an entity type, a source type)."""

    heading: str
    entries: tuple[ListEntry, ...]


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


UPDATES_TITLE = N_("Corrections and updates")


@dataclass(frozen=True, kw_only=True)
class UpdatesView:
    """The log of corrections and updates, newest first, or one page of it."""

    heading: str
    rows: tuple[UpdateRow, ...]
    paging: Paging | None


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
class Related:
    """The newest of a tag's stories and comparisons, newest first, how many there are, and the pages that
    list them all ("" when these are all)."""

    shown: tuple[LinkView, ...]
    total: int
    url: str


@dataclass(frozen=True, kw_only=True)
class TimelinePage:
    """The site-wide timeline, an entity's or a tag's: heading, intro and the timeline."""

    heading: str
    intro: str
    parent: LinkView | None
    timeline: TimelineView
    related: Related | None


@dataclass(frozen=True, kw_only=True)
class SourcePage:
    """A source and the newest records that cite it, with how many cite it in all."""

    source: SourceView
    cited_by: tuple[LinkView, ...]
    cited_total: int
    search: SearchMarks


def list_pages(ctx: Context, kind: str) -> tuple[PageLink, ...]:
    """The pages the index of `kind` is split into; none when one page holds it (PAGE_SIZE)."""
    return numbered_pages(f"{kind}/", len(ctx.graph.kinds[kind]))


def list_view(ctx: Context, kind: str, pages: tuple[PageLink, ...] = (), number: int = 1) -> ListView:
    """The index of `kind`, or its page `number` of `pages` when it is split."""
    records = _ordered(ctx, kind)
    shown = page_of(records, pages, number)
    stories = tuple(story_card(ctx, as_kind(r, Story)) for r in shown) if kind == "stories" else ()
    groups = () if kind == "stories" else _groups(ctx, kind, shown)
    declared = kinds.kind(kind)
    return ListView(
        kind=kind,
        heading=numbered_heading(_(declared.title), number),
        intro=_(declared.intro),
        groups=groups,
        stories=stories,
        count=len(records),
        paging=paging(pages, number),
    )


def numbered_heading(heading: str, number: int) -> str:
    """A list's heading on its page `number`: the heading itself on the first."""
    return _("%(heading)s, page %(number)s", heading=heading, number=number) if number > 1 else heading


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
        return _(TYPE_LABELS[model.type])
    if isinstance(model, Source):
        return _(SOURCE_TYPES[model.type])
    return ""


def _groups(ctx: Context, kind: str, records: Sequence[Record[Filed]]) -> tuple[Group, ...]:
    return tuple(
        Group(heading=heading, entries=tuple(list_entry(ctx, r) for r in group))
        for heading, group in groupby(records, _group_key(ctx, kind))
    )


def _group_key(ctx: Context, kind: str) -> Callable[[Record[Filed]], str]:
    if kinds.kind(kind).is_fact:
        return lambda r: place(ctx, as_kind(r, Fact)).label
    if kind in TYPED:
        return _type_label
    return lambda r: ""


def list_entry(ctx: Context, record: Record[Filed]) -> ListEntry:
    model = record.model
    return ListEntry(
        link=record_link(ctx, record),
        date=optional_date(model.when()),
        summary=_summary(ctx, model),
        badge=_badge(ctx, model),
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
        return _("; ").join(roles) or _(TYPE_LABELS[model.type])
    return ""


def _badge(ctx: Context, model: Filed) -> Badge | None:
    """What an index line shows beside the link: a comparison's verdict; a fact's standing, else its first
    amount, else how its document is cited."""
    if isinstance(model, Comparison):
        return level_badge(ctx, VERDICTS.scale, model.verdict)
    if not isinstance(model, Fact):
        return None
    standing = model.standing()
    if standing:
        return standing_badge(ctx, standing)
    if model.amounts:
        first = model.amounts[0]
        return Badge(cls="badge value", label=amount_words(first.amount, first.currency, ctx.locale))
    document = next((p for p in particulars(model) if p.document), None)
    return Badge(cls="badge citation", label=text_of(document.value, document.choice)) if document else None


def update_rows(ctx: Context) -> tuple[UpdateRow, ...]:
    """Every `updates` entry on the site, newest first; same-day entries by what they belong to."""
    found = [
        (u, r)
        for kind in kinds.names()
        for r in ctx.graph.kinds[kind]
        if isinstance(r.model, (Dated, Comparison))
        for u in r.model.updates
    ]
    found.sort(key=lambda pair: (dates.sort_key(pair[0].date), pair[1].id), reverse=True)
    return tuple(
        UpdateRow(date=date_view(u.date), note=u.note, link=record_link(ctx, r), kind_label=kind_label(r.kind))
        for u, r in found
    )


def updates_view(rows: tuple[UpdateRow, ...], pages: tuple[PageLink, ...] = (), number: int = 1) -> UpdatesView:
    """The log of corrections and updates, or its page `number` of `pages` when it is split."""
    return UpdatesView(
        heading=numbered_heading(_(UPDATES_TITLE), number),
        rows=tuple(page_of(rows, pages, number)),
        paging=paging(pages, number),
    )


def home_view(ctx: Context, updates: tuple[UpdateRow, ...]) -> HomeView:
    graph = ctx.graph
    stories = [story_card(ctx, r) for r in sorted(graph.listed("stories", Story), key=_lead_order, reverse=True)]
    facts = facts_by_reading_order(ctx, (r.id for kind in kinds.fact_names() for r in graph.kinds[kind]))
    shown = (kinds.kind("comparisons"), *kinds.facts(), kinds.kind("entities"), kinds.kind("sources"))
    sections = tuple(
        (f"{kind.name}/", _(kind.title), len(graph.kinds[kind.name])) for kind in shown if graph.kinds[kind.name]
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
    """The sharpest verdicts first (the order of the site's verdicts), newest first among equals."""
    newest_first = ctx.graph.listed("comparisons", Comparison)[::-1]
    scales = ctx.graph.site.scales
    records = sorted(newest_first, key=lambda r: scales.rank(VERDICTS.scale, r.model.verdict))
    return tuple(comparison_card(ctx, r) for r in records[:HOME_COMPARISONS])


def source_page(ctx: Context, record: Record[Source]) -> SourcePage:
    """The source, and the newest CITED_SHOWN records citing it, in reading order."""
    ids = ctx.graph.referrers.get(record.id, [])
    citing = (ctx.graph.get(i) for i in ids[-CITED_SHOWN:])
    return SourcePage(
        source=source_view(ctx.graph, 1, record.id),
        cited_by=tuple(record_link(ctx, r) for r in citing),
        cited_total=len(ids),
        search=search_marks(ctx, record),
    )


def tag_related(ctx: Context, tag: str) -> list[Record[Filed]]:
    """Stories and comparisons carrying a tag, in reading order (facts are on its timeline): memoised."""
    return ctx.memo("tag-related", tag, lambda: by_reading_order(ctx, ctx.graph.tags.get(tag, ()), RELATED))


def tag_related_url(tag: str) -> str:
    return f"tags/{tag}/related/"


def tag_links(ctx: Context, tag: str) -> Related | None:
    """What a tag's timeline page shows of its stories and comparisons; memoised for its pages."""
    return ctx.memo("tag-links", tag, lambda: _tag_links(ctx, tag))


def _tag_links(ctx: Context, tag: str) -> Related | None:
    records = tag_related(ctx, tag)
    if not records:
        return None
    return Related(
        shown=tuple(record_link(ctx, r) for r in reversed(records[-RELATED_SHOWN:])),
        total=len(records),
        url=tag_related_url(tag) if len(records) > RELATED_SHOWN else "",
    )


def tag_related_view(ctx: Context, tag: str, pages: tuple[PageLink, ...], number: int) -> ListView:
    """Every story and comparison carrying a tag, newest first, or page `number` of them."""
    records = tag_related(ctx, tag)[::-1]
    shown = page_of(records, pages, number)
    return ListView(
        kind="tags",
        heading=numbered_heading(_("Tag: %(tag)s: stories and comparisons", tag=tag), number),
        intro=_("Every story and comparison tagged “%(tag)s”, newest first.", tag=tag),
        groups=(Group(heading="", entries=tuple(list_entry(ctx, r) for r in shown)),),
        stories=(),
        count=len(records),
        paging=paging(pages, number),
    )


def members_view(ctx: Context, record: Record[Entity], pages: tuple[PageLink, ...], number: int) -> ListView:
    """Everyone on record as a member of an entity, with their role, or page `number` of them."""
    members = entity_members(ctx, record)
    return ListView(
        kind="entities",
        heading=numbered_heading(_("%(name)s: people", name=record.model.name), number),
        intro=_("Everyone on record as a member of %(name)s, with their role.", name=record.model.name),
        groups=(
            Group(heading="", entries=tuple(_member(link, role) for link, role in page_of(members, pages, number))),
        ),
        stories=(),
        count=len(members),
        paging=paging(pages, number),
    )


def _member(link: LinkView, role: str) -> ListEntry:
    return ListEntry(link=link, date=None, summary=role, badge=None, draft=False)


def tags_index(ctx: Context, pages: tuple[PageLink, ...], number: int) -> ListView:
    """Every tag with how many records carry it, or page `number` of them."""
    tags = list(ctx.graph.tags.items())
    entries = tuple(
        ListEntry(
            link=LinkView(url=f"tags/{tag}/", label=tag),
            date=None,
            summary=n_("%(count)s on record", "%(count)s on record", len(ids)),
            badge=None,
            draft=False,
        )
        for tag, ids in page_of(tags, pages, number)
    )
    return ListView(
        kind="tags",
        heading=numbered_heading(_("Tags"), number),
        intro=_("Topics; each has its own timeline."),
        groups=(Group(heading="", entries=entries),),
        stories=(),
        count=len(tags),
        paging=paging(pages, number),
    )
