"""Entity pages (`entities/{id}/`): profile, a section per kind of fact it acts in, and a scorecard.

Each section lists the newest facts first (at most SHOWN), saying in which role the entity is in each;
the page's own timeline shows the latest entries, and the entity's full, filterable timeline is at
`entities/{id}/timeline/`. The page lists the newest SCORED_SHOWN comparisons it counts; when it
counts more, every one is listed on `entities/{id}/scorecard/` (in numbered pages), beside the same
tallies. So an entity page stays small however much is on record about it.

The scorecard counts every comparison in which the entity's own words or deeds are on a side: it is
named in one of that side's fact's roles (author, speaker, buyer, supplier, regulator, target, party,
actor...). Each comparison counts once, and the scorecard says in which role the entity is there;
another entity's words never count. The statuses of its pledges are tallied apart from verdicts.
Facts are found through the graph's backlinks, so an entity page costs only as much as the facts that
name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import kinds
from ..model import PLEDGE_STATUSES, VERDICTS, Comparison, Entity, EntityType, Fact, Pledge, mentions
from ..translation import N_, _
from ..validate import Record, as_kind
from .cards import ComparisonCard, comparison_card
from .common import (
    Context,
    FactCard,
    LinkView,
    by_reading_order,
    compared,
    fact_card,
    facts_by_reading_order,
    record_link,
    record_url,
)
from .money import MONEY_ROLES, money_words
from .paging import PageLink, Paging, page_of, paging
from .scales import Badge, level_badge, standing_badge
from .search import SearchMarks, search_marks
from .structured import Described, entity_node
from .timeline import TimelineView, timeline

SHOWN = 3
TIMELINE_SHOWN = 5
SCORED_SHOWN = 10
MEMBERS_SHOWN = 20
SIDE_WORDS = {"left": N_("%(role)s on the first side"), "right": N_("%(role)s on the second side")}
"""An entity's role on a side, in words: first and second read true whether the sides stand side by side or
stacked."""
TYPE_LABELS: dict[EntityType, str] = {
    "company": N_("Company"),
    "person": N_("Person"),
    "government": N_("Government"),
    "local-government": N_("Local government"),
    "legislature": N_("Legislature"),
    "regulator": N_("Regulator"),
    "police": N_("Police"),
    "court": N_("Court"),
    "tribunal": N_("Tribunal"),
    "media": N_("Media"),
    "ngo": N_("NGO"),
    "organisation": N_("Organisation"),
    "product": N_("Product"),
    "group": N_("Group"),
}
"""What readers call each type of entity (translated where shown)."""


@dataclass(frozen=True, kw_only=True)
class FactRow:
    """A fact on an entity's page: its card, the entity's roles in it, and what it amounted to."""

    card: FactCard
    roles: str
    notes: tuple[str, ...]
    """Its amounts and status: "Penalty: £1.2 million", "Status: Broken"."""
    status: Badge | None
    verdicts: tuple[tuple[LinkView, Badge], ...]
    """(the comparison, its verdict) of each comparison it is on a side of."""


@dataclass(frozen=True, kw_only=True)
class Scored:
    """A comparison the entity is on a side of, and in which role."""

    verdict: str
    badge: Badge
    url: str
    title: str
    roles: str


@dataclass(frozen=True, kw_only=True)
class Scorecard:
    """Every comparison the entity's words or deeds are on a side of, counted by verdict, and its pledges'
    statuses apart; (id, badge, count) for every level of each scale, in its order, zeros included."""

    comparisons: tuple[Scored, ...]
    verdicts: tuple[tuple[str, Badge, int], ...]
    pledges: int
    statuses: tuple[tuple[str, Badge, int], ...]


@dataclass(frozen=True, kw_only=True)
class Shown:
    """The newest items of a section, newest first, at most SHOWN of them, and how many there are in all."""

    items: tuple[FactRow, ...] | tuple[ComparisonCard, ...]
    total: int


@dataclass(frozen=True, kw_only=True)
class Section:
    """The facts of one kind the entity acts in."""

    kind: str
    heading: str
    shown: Shown


@dataclass(frozen=True, kw_only=True)
class EntityView(Described):
    """An entity page."""

    id: str
    name: str
    type_label: str
    aliases: tuple[str, ...]
    country: str | None
    wikidata: str | None
    url: str | None
    description: str
    memberships: tuple[tuple[LinkView, str], ...]
    members: tuple[tuple[LinkView, str], ...]
    """The first MEMBERS_SHOWN people on record as its members, each with their role."""
    members_total: int
    members_url: str
    """The pages listing every member, when there are more than the entity page shows."""
    scorecard: Scorecard
    scored: tuple[Scored, ...]
    """The newest SCORED_SHOWN comparisons the scorecard counts, newest first."""
    scorecard_url: str
    """The page listing every comparison it counts, when there are more than the entity page shows."""
    sections: tuple[Section, ...]
    comparisons: Shown
    timeline: TimelineView
    facts: int
    timeline_url: str
    comparisons_url: str
    """The page listing every comparison, when there are more than the page shows."""
    draft: bool
    search: SearchMarks


@dataclass(frozen=True, kw_only=True)
class ComparedRow:
    """A comparison on the list of every one that weighs a fact naming the entity."""

    link: LinkView
    verdict: Badge
    summary: str


@dataclass(frozen=True, kw_only=True)
class ComparisonsPage:
    """Every comparison of a fact that names the entity, newest first, or one page of them."""

    name: str
    entity: LinkView
    rows: tuple[ComparedRow, ...]
    total: int
    paging: Paging | None


@dataclass(frozen=True, kw_only=True)
class ScorecardPage:
    """An entity's scorecard on a page of its own: the tallies, and this page's share of what they count."""

    name: str
    entity: LinkView
    scorecard: Scorecard
    scored: Sequence[Scored]
    paging: Paging | None


def entity_facts(ctx: Context, record: Record[Entity]) -> list[Record[Fact]]:
    """Every fact that names the entity anywhere, in reading order; memoised for its page and its timeline's."""
    return ctx.memo(
        "entity-facts", record.id, lambda: facts_by_reading_order(ctx, ctx.graph.referrers.get(record.id, ()))
    )


def entity_view(ctx: Context, record: Record[Entity]) -> EntityView:
    """The profile; long sections show their newest items, and the page's timeline its latest entries."""
    model = record.model
    facts = entity_facts(ctx, record)
    acting = [fact for fact in facts if roles_in(record.id, fact.model)]
    card = entity_scorecard(ctx, record)
    sections = tuple(
        Section(kind=kind.name, heading=_(kind.title), shown=newest([_row(ctx, record, f) for f in own]))
        for kind in kinds.facts()
        if (own := [f for f in acting if f.kind == kind.name])
    )
    return EntityView(
        id=record.id,
        name=model.name,
        type_label=_(TYPE_LABELS[model.type]),
        aliases=tuple(model.aliases),
        country=ctx.locale.territories.get(model.country) if model.country else None,
        wikidata=f"https://www.wikidata.org/wiki/{model.wikidata}" if model.wikidata else None,
        url=model.url,
        description=model.description,
        memberships=tuple((record_link(ctx, ctx.graph.entity(m.entity)), m.role) for m in model.member_of),
        members=entity_members(ctx, record)[:MEMBERS_SHOWN],
        members_total=len(entity_members(ctx, record)),
        members_url=members_url(record) if members_listed_apart(ctx, record) else "",
        scorecard=card,
        scored=tuple(reversed(card.comparisons[-SCORED_SHOWN:])),
        scorecard_url=scorecard_url(record),
        sections=sections,
        comparisons=newest([comparison_card(ctx, c) for c in entity_comparisons(ctx, record)]),
        timeline=timeline(ctx, facts[-TIMELINE_SHOWN:], filterable=False),
        facts=len(facts),
        timeline_url=f"{record_url(record)}timeline/",
        comparisons_url=comparisons_url(record),
        structured=entity_node(ctx, record),
        draft=model.draft,
        search=search_marks(ctx, record),
    )


def entity_scorecard(ctx: Context, record: Record[Entity]) -> Scorecard:
    """The entity's scorecard, memoised for its page and its scorecard pages."""
    return ctx.memo_of("scorecard", record, _scorecard_of)


def _scorecard_of(ctx: Context, record: Record[Entity]) -> Scorecard:
    own = [fact for fact in entity_facts(ctx, record) if roles_in(record.id, fact.model, own=True)]
    return scorecard(ctx, record, own)


def scorecard_url(record: Record[Entity]) -> str:
    return f"{record_url(record)}scorecard/"


def scorecard_listed_apart(ctx: Context, record: Record[Entity]) -> bool:
    """Whether the entity's scorecard counts more comparisons than its page lists, and so has a page of its own."""
    return len(entity_scorecard(ctx, record).comparisons) > SCORED_SHOWN


def scorecard_page(ctx: Context, record: Record[Entity], pages: tuple[PageLink, ...], number: int) -> ScorecardPage:
    """Page `number` of the entity's scorecard: the tallies, and its share of the comparisons, newest first."""
    card = entity_scorecard(ctx, record)
    return ScorecardPage(
        name=record.model.name,
        entity=record_link(ctx, record),
        scorecard=card,
        scored=page_of(card.comparisons[::-1], pages, number),
        paging=paging(pages, number),
    )


def entity_comparisons(ctx: Context, record: Record[Entity]) -> list[Record[Comparison]]:
    """Every comparison of a fact that names the entity, in reading order; memoised for its pages."""
    return ctx.memo_of("entity-comparisons", record, _entity_comparisons)


def _entity_comparisons(ctx: Context, record: Record[Entity]) -> list[Record[Comparison]]:
    return _comparisons(ctx, entity_facts(ctx, record))


def comparisons_url(record: Record[Entity]) -> str:
    return f"{record_url(record)}comparisons/"


def comparisons_listed_apart(ctx: Context, record: Record[Entity]) -> bool:
    """Whether the entity has more comparisons than its page shows, and so a page listing them all."""
    return len(entity_comparisons(ctx, record)) > SHOWN


def comparisons_page(ctx: Context, record: Record[Entity], pages: tuple[PageLink, ...], number: int) -> ComparisonsPage:
    """Page `number` of the entity's comparisons, newest first."""
    found = entity_comparisons(ctx, record)[::-1]
    rows = tuple(
        ComparedRow(
            link=record_link(ctx, c),
            verdict=level_badge(ctx, VERDICTS.scale, c.model.verdict),
            summary=c.model.summary,
        )
        for c in page_of(found, pages, number)
    )
    return ComparisonsPage(
        name=record.model.name,
        entity=record_link(ctx, record),
        rows=rows,
        total=len(found),
        paging=paging(pages, number),
    )


def newest(items: Sequence[FactRow] | Sequence[ComparisonCard]) -> Shown:
    """`items` in reading order -> the last SHOWN of them, newest first."""
    return Shown(items=tuple(reversed(items[-SHOWN:])), total=len(items))  # type: ignore[arg-type]


def roles_in(entity: str, fact: Fact, own: bool = False) -> list[str]:
    """The parts the entity plays in a fact, in the fact's own terms (being asked to reply is none);
    with `own`, only those that make the fact its own words or deed (not reporting someone's words)."""
    return list(
        dict.fromkeys(
            f"{_(m.role.role)} ({m.note})" if m.note else _(m.role.role)
            for m in mentions(fact)
            if m.role.entity and m.target == entity and (m.role.own or not own)
        )
    )


def _row(ctx: Context, entity: Record[Entity], fact: Record[Fact]) -> FactRow:
    model = fact.model
    standing = model.standing()
    notes = [
        _("%(role)s: %(amount)s", role=_(MONEY_ROLES[m.role]), amount=money_words(m, ctx.locale)) for m in model.amounts
    ]
    verdicts = tuple(
        (record_link(ctx, c), level_badge(ctx, VERDICTS.scale, c.model.verdict)) for c in compared(ctx, fact.id)
    )
    return FactRow(
        card=fact_card(ctx, fact),
        roles=sentence_case(", ".join(roles_in(entity.id, model))),
        notes=tuple(notes),
        status=standing_badge(ctx, standing) if standing else None,
        verdicts=verdicts,
    )


def sentence_case(text: str) -> str:
    """The first letter made a capital and nothing else changed: a party's own words keep their case."""
    return text[:1].upper() + text[1:]


def entity_members(ctx: Context, record: Record[Entity]) -> tuple[tuple[LinkView, str], ...]:
    """Everyone on record as a member of the entity, with their role: memoised for its page and its people pages."""
    return ctx.memo_of("members", record, _members)


def members_url(record: Record[Entity]) -> str:
    return f"{record_url(record)}people/"


def members_listed_apart(ctx: Context, record: Record[Entity]) -> bool:
    """Whether the entity has more members than its page lists, and so pages listing them all."""
    return len(entity_members(ctx, record)) > MEMBERS_SHOWN


def _members(ctx: Context, record: Record[Entity]) -> tuple[tuple[LinkView, str], ...]:
    people: list[tuple[LinkView, str]] = []
    for person in ctx.referring_as(record.id, "entities", Entity):
        people.extend((record_link(ctx, person), m.role) for m in person.model.member_of if m.entity == record.id)
    return tuple(people)


def scorecard(ctx: Context, entity: Record[Entity], acting: list[Record[Fact]]) -> Scorecard:
    """Comparisons the entity's own words or deeds are on a side of, each once, and its pledges' statuses."""
    scored: dict[str, Scored] = {}
    for fact in acting:
        own = roles_in(entity.id, fact.model, own=True)
        for comparison in compared(ctx, fact.id):
            sides = [name for name in ("left", "right") if comparison.model.side(name).fact == fact.id]
            roles = ", ".join(_(SIDE_WORDS[name], role=role) for name in sides for role in own)
            if comparison.id in scored:
                roles = scored[comparison.id].roles + _("; ") + roles
            scored[comparison.id] = Scored(
                verdict=comparison.model.verdict,
                badge=level_badge(ctx, VERDICTS.scale, comparison.model.verdict),
                url=record_url(comparison),
                title=comparison.model.title,
                roles=sentence_case(roles),
            )
    ordered = [scored[c.id] for c in by_reading_order(ctx, scored, ("comparisons",))]
    scales = ctx.graph.site.scales
    pledges = [as_kind(p, Pledge).model.status for p in acting if p.kind == "pledges"]
    statuses = [scales.level(PLEDGE_STATUSES.scale, status).id for status in pledges]
    verdicts = [s.verdict for s in ordered]
    return Scorecard(
        comparisons=tuple(ordered),
        verdicts=_counts(ctx, VERDICTS.scale, verdicts),
        pledges=len(statuses),
        statuses=_counts(ctx, PLEDGE_STATUSES.scale, statuses),
    )


def _counts(ctx: Context, scale: str, given: list[str]) -> tuple[tuple[str, Badge, int], ...]:
    """(id, badge, how many of `given` it is) for every level of the scale, in order."""
    levels = ctx.graph.site.scales.levels(scale)
    return tuple((level.id, level_badge(ctx, scale, level.id), given.count(level.id)) for level in levels)


def _comparisons(ctx: Context, facts: list[Record[Fact]]) -> list[Record[Comparison]]:
    found = {c.id: c for f in facts for c in compared(ctx, f.id)}
    return [as_kind(c, Comparison) for c in by_reading_order(ctx, found, ("comparisons",))]
