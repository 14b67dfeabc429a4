"""Entity pages (`entities/{id}/`): profile, what it pledged, signed, ruled and said, and a scorecard.

Each section lists the newest items first (at most SHOWN); the page's own timeline shows the latest
entries, and the entity's full, filterable timeline is at `entities/{id}/timeline/`.

The scorecard counts the entity's pledges by the verdicts of the comparisons they take part in (one
count per pledge and comparison), and by each pledge's current status. Facts are found through the
graph's backlinks, so an entity page costs only as much as the facts that name it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from ..model import FACT_KINDS, EntityType, PledgeStatus, Verdict
from ..validate import Record
from .cards import ComparisonCard, comparison_card
from .common import (Context, FactCard, LinkView, by_reading_order, fact_card, money_words, record_link, record_url,
                     words_label)
from .timeline import TimelineView, timeline

ROLES = {
    "pledges": ("by", "speaker"), "statements": ("by", "speaker"), "contracts": ("buyer", "suppliers"),
    "rulings": ("court",), "events": ("actors",),
}
SHOWN = 12
TIMELINE_SHOWN = 30
TYPE_LABELS = {t: ("NGO" if t == "ngo" else words_label(t)) for t in get_args(EntityType)}


@dataclass(frozen=True)
class PledgeRow:
    """A pledge with its status and the verdicts of the comparisons it takes part in."""

    card: FactCard
    status: str
    status_label: str
    verdicts: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class ContractRow:
    """A contract with the entity's side of it and its value."""

    card: FactCard
    role: str
    value: str | None


@dataclass(frozen=True)
class Scorecard:
    """Counts of (value, label, count) for every verdict and every status, zeros included."""

    pledges: int
    verdicts: tuple[tuple[str, str, int], ...]
    statuses: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class Shown:
    """The newest items of a section, newest first, at most SHOWN of them, and how many there are in all."""

    items: tuple[Any, ...]
    total: int


@dataclass(frozen=True)
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


def entity_facts(ctx: Context, record: Record) -> list[Record]:
    """Every fact that names the entity anywhere, in reading order; memoised for its page and its timeline's."""
    return ctx.memo("entity-facts", record.id,
                    lambda: by_reading_order(ctx, ctx.graph.referrers.get(record.id, ()), FACT_KINDS))


def entity_view(ctx: Context, record: Record) -> EntityView:
    """The profile; long sections show their newest items, and the page's timeline its latest entries."""
    model = record.model
    facts = entity_facts(ctx, record)
    own = {kind: [f for f in facts if f.kind == kind and _acts_in(record.id, f)] for kind in FACT_KINDS}
    pledges = [_pledge_row(ctx, p) for p in own["pledges"]]
    return EntityView(
        record.id, model.name, TYPE_LABELS[model.type], tuple(model.aliases), model.url, model.description,
        tuple((record_link(ctx, ctx.graph.get(m.entity)), m.role) for m in model.member_of), _members(ctx, record),
        scorecard(pledges), newest(pledges), newest([_contract_row(ctx, record, c) for c in own["contracts"]]),
        *(newest([fact_card(ctx, f) for f in own[kind]]) for kind in ("rulings", "statements", "events")),
        newest(_comparisons(ctx, facts)), timeline(ctx, facts[-TIMELINE_SHOWN:], filterable=False), len(facts),
        f"{record_url(record)}timeline/", model.draft,
    )


def newest(items: list[Any]) -> Shown:
    """`items` in reading order -> the last SHOWN of them, newest first."""
    return Shown(tuple(reversed(items[-SHOWN:])), len(items))


def _acts_in(entity: str, fact: Record) -> bool:
    """Whether the entity is one of the fact's actors in the fact's own terms (not just asked to reply)."""
    for name in ROLES[fact.kind]:
        value = getattr(fact.model, name)
        if value == entity or (isinstance(value, list) and entity in value):
            return True
    return fact.kind == "rulings" and any(p.entity == entity for p in fact.model.parties)


def _members(ctx: Context, record: Record) -> tuple[tuple[LinkView, str], ...]:
    people = []
    for person in ctx.referring(record.id, "entities"):
        people.extend((record_link(ctx, person), m.role) for m in person.model.member_of if m.entity == record.id)
    return tuple(people)


def _pledge_row(ctx: Context, pledge: Record) -> PledgeRow:
    verdicts = tuple((c.model.verdict, words_label(c.model.verdict), record_url(c))
                     for c in ctx.referring(pledge.id, "comparisons"))
    return PledgeRow(fact_card(ctx, pledge), pledge.model.status, words_label(pledge.model.status), verdicts)


def _contract_row(ctx: Context, entity: Record, contract: Record) -> ContractRow:
    role = "Buyer" if contract.model.buyer == entity.id else "Supplier"
    value = money_words(contract.model.value) if contract.model.value else None
    return ContractRow(fact_card(ctx, contract), role, value)


def scorecard(pledges: list[PledgeRow]) -> Scorecard:
    verdicts = [v for row in pledges for v, _, _ in row.verdicts]
    statuses = [row.status for row in pledges]
    return Scorecard(
        len(pledges),
        tuple((v, words_label(v), verdicts.count(v)) for v in get_args(Verdict)),
        tuple((s, words_label(s), statuses.count(s)) for s in get_args(PledgeStatus)),
    )


def _comparisons(ctx: Context, facts: list[Record]) -> list[ComparisonCard]:
    found = {c.id: c for f in facts for c in ctx.referring(f.id, "comparisons")}
    return [comparison_card(ctx, c) for c in by_reading_order(ctx, found, ("comparisons",))]
