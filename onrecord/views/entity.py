"""Entity pages (`entities/{id}/`): profile, what it pledged, signed, ruled and said, and a scorecard.

Each section lists the newest items first (at most SHOWN); the page's own timeline shows the latest
entries, and the entity's full, filterable timeline is at `entities/{id}/timeline/`.

The scorecard counts the entity's pledges by the verdicts of the comparisons they take part in (one
count per pledge and comparison), and by each pledge's current status. Facts are found through the
graph's backlinks, so an entity page costs only as much as the facts that name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from ..model import FACT_KINDS, Comparison, Contract, Entity, EntityType, Fact, Pledge, PledgeStatus, Ruling, Verdict
from ..validate import Record, as_kind
from .cards import ComparisonCard, comparison_card
from .common import (
    Context,
    FactCard,
    LinkView,
    by_reading_order,
    fact_card,
    facts_by_reading_order,
    money_words,
    record_link,
    record_url,
    words_label,
)
from .timeline import TimelineView, timeline

SHOWN = 12
TIMELINE_SHOWN = 30
TYPE_LABELS = {t: ("NGO" if t == "ngo" else words_label(t)) for t in get_args(EntityType)}


@dataclass(frozen=True, kw_only=True)
class PledgeRow:
    """A pledge with its status and the verdicts of the comparisons it takes part in."""

    card: FactCard
    status: str
    status_label: str
    verdicts: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, kw_only=True)
class ContractRow:
    """A contract with the entity's side of it and its value."""

    card: FactCard
    role: str
    value: str | None


@dataclass(frozen=True, kw_only=True)
class Scorecard:
    """Counts of (value, label, count) for every verdict and every status, zeros included."""

    pledges: int
    verdicts: tuple[tuple[str, str, int], ...]
    statuses: tuple[tuple[str, str, int], ...]


Item = PledgeRow | ContractRow | FactCard | ComparisonCard


@dataclass(frozen=True, kw_only=True)
class Shown:
    """The newest items of a section, newest first, at most SHOWN of them, and how many there are in all."""

    items: tuple[Item, ...]
    total: int


@dataclass(frozen=True, kw_only=True)
class EntityView:
    """An entity page."""

    id: str
    name: str
    type_label: str
    aliases: tuple[str, ...]
    url: str | None
    description: str
    memberships: tuple[tuple[LinkView, str], ...]
    members: tuple[tuple[LinkView, str], ...]
    scorecard: Scorecard
    pledges: Shown
    contracts: Shown
    rulings: Shown
    statements: Shown
    events: Shown
    comparisons: Shown
    timeline: TimelineView
    facts: int
    timeline_url: str
    draft: bool


def entity_facts(ctx: Context, record: Record[Entity]) -> list[Record[Fact]]:
    """Every fact that names the entity anywhere, in reading order; memoised for its page and its timeline's."""
    return ctx.memo(
        "entity-facts", record.id, lambda: facts_by_reading_order(ctx, ctx.graph.referrers.get(record.id, ()))
    )


def entity_view(ctx: Context, record: Record[Entity]) -> EntityView:
    """The profile; long sections show their newest items, and the page's timeline its latest entries."""
    model = record.model
    facts = entity_facts(ctx, record)
    own = {kind: [f for f in facts if f.kind == kind and _acts_in(record.id, f.model)] for kind in FACT_KINDS}
    pledges = [_pledge_row(ctx, as_kind(p, Pledge)) for p in own["pledges"]]
    return EntityView(
        id=record.id,
        name=model.name,
        type_label=TYPE_LABELS[model.type],
        aliases=tuple(model.aliases),
        url=model.url,
        description=model.description,
        memberships=tuple((record_link(ctx, ctx.graph.entity(m.entity)), m.role) for m in model.member_of),
        members=_members(ctx, record),
        scorecard=scorecard(pledges),
        pledges=newest(pledges),
        contracts=newest([_contract_row(ctx, record, as_kind(c, Contract)) for c in own["contracts"]]),
        rulings=newest([fact_card(ctx, f) for f in own["rulings"]]),
        statements=newest([fact_card(ctx, f) for f in own["statements"]]),
        events=newest([fact_card(ctx, f) for f in own["events"]]),
        comparisons=newest(_comparisons(ctx, facts)),
        timeline=timeline(ctx, facts[-TIMELINE_SHOWN:], filterable=False),
        facts=len(facts),
        timeline_url=f"{record_url(record)}timeline/",
        draft=model.draft,
    )


def newest(items: Sequence[Item]) -> Shown:
    """`items` in reading order -> the last SHOWN of them, newest first."""
    return Shown(items=tuple(reversed(items[-SHOWN:])), total=len(items))


def _acts_in(entity: str, fact: Fact) -> bool:
    """Whether the entity is one of the fact's actors in the fact's own terms (not just asked to reply)."""
    return entity in fact.actor_ids() or (isinstance(fact, Ruling) and any(p.entity == entity for p in fact.parties))


def _members(ctx: Context, record: Record[Entity]) -> tuple[tuple[LinkView, str], ...]:
    people: list[tuple[LinkView, str]] = []
    for person in ctx.referring_as(record.id, "entities", Entity):
        people.extend((record_link(ctx, person), m.role) for m in person.model.member_of if m.entity == record.id)
    return tuple(people)


def _pledge_row(ctx: Context, pledge: Record[Pledge]) -> PledgeRow:
    verdicts = tuple(
        (c.model.verdict, words_label(c.model.verdict), record_url(c))
        for c in ctx.referring_as(pledge.id, "comparisons", Comparison)
    )
    return PledgeRow(
        card=fact_card(ctx, pledge),
        status=pledge.model.status,
        status_label=words_label(pledge.model.status),
        verdicts=verdicts,
    )


def _contract_row(ctx: Context, entity: Record[Entity], contract: Record[Contract]) -> ContractRow:
    role = "Buyer" if contract.model.buyer == entity.id else "Supplier"
    value = money_words(contract.model.value) if contract.model.value else None
    return ContractRow(card=fact_card(ctx, contract), role=role, value=value)


def scorecard(pledges: list[PledgeRow]) -> Scorecard:
    verdicts = [v for row in pledges for v, _, _ in row.verdicts]
    statuses = [row.status for row in pledges]
    return Scorecard(
        pledges=len(pledges),
        verdicts=tuple((v, words_label(v), verdicts.count(v)) for v in get_args(Verdict)),
        statuses=tuple((s, words_label(s), statuses.count(s)) for s in get_args(PledgeStatus)),
    )


def _comparisons(ctx: Context, facts: list[Record[Fact]]) -> list[ComparisonCard]:
    found = {c.id: c for f in facts for c in ctx.referring(f.id, "comparisons")}
    return [comparison_card(ctx, as_kind(c, Comparison)) for c in by_reading_order(ctx, found, ("comparisons",))]
