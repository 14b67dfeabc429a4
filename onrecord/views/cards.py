"""Comparison cards: two quotes side by side with speaker, role, organisation, venue and date.

The same card is the heart of a comparison page and appears, compact, in stories, entity pages and
the pages of the facts it compares. Quotes are never altered: they are cut into marked and unmarked
pieces that join back into exactly the words on record.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import dates
from ..model import Comparison, Contract, Entity, Event, Fact, Ruling, Said, Side, Source
from ..validate import Record
from . import terms
from .common import Context, DateView, LinkView, date_view, kind_label, label, record_link, record_url, words_label

VERDICT_NOTES = {
    "contradicts": "The two cannot both hold.",
    "in-tension": "They pull against each other, though both can be argued to hold.",
    "consistent": "The two agree.",
    "unclear": "The record does not settle it.",
}


@dataclass(frozen=True, kw_only=True)
class SideView:
    """One column: who said or wrote it, in what role, for which organisation, where and when."""

    fact: LinkView
    kind: str
    kind_label: str
    speaker: LinkView | None
    role: str | None
    organisation: LinkView | None
    date: DateView
    venue: str
    quote: terms.Segments


@dataclass(frozen=True, kw_only=True)
class ComparisonCard:
    """A comparison as cards and pages show it."""

    id: str
    url: str
    title: str
    summary: str
    verdict: str
    verdict_label: str
    verdict_note: str
    left: SideView
    right: SideView
    elapsed: str
    terms: tuple[str, ...]
    draft: bool


def comparison_card(ctx: Context, record: Record[Comparison]) -> ComparisonCard:
    return ctx.memo("comparison", record.id, lambda: _card(ctx, record))


def _card(ctx: Context, record: Record[Comparison]) -> ComparisonCard:
    model = record.model
    left, right = ctx.graph.fact(model.left.fact), ctx.graph.fact(model.right.fact)
    left_quote, right_quote, shared = terms.highlight(
        quote_text(left, model.left), quote_text(right, model.right), model.highlight
    )
    return ComparisonCard(
        id=record.id,
        url=record_url(record),
        title=model.title,
        summary=model.summary,
        verdict=model.verdict,
        verdict_label=words_label(model.verdict),
        verdict_note=VERDICT_NOTES[model.verdict],
        left=side(ctx, left, model.left, left_quote),
        right=side(ctx, right, model.right, right_quote),
        elapsed=dates.elapsed(left.model.date, right.model.date),
        terms=shared,
        draft=model.draft,
    )


def quote_text(record: Record[Fact], chosen: Side) -> str:
    """The words a side shows: the chosen excerpt, or the fact's quote (linking made sure there is one)."""
    if chosen.excerpt is not None:
        return record.model.excerpts[chosen.excerpt - 1].text
    quote = record.model.spoken()
    if quote is None:
        raise TypeError(f"{record.id} has no quote, which linking should have refused")
    return quote


def side_sources(record: Record[Fact], chosen: Side) -> list[str | Source]:
    """What a side cites: its excerpt's own source when it names one, else every source of the fact."""
    if chosen.excerpt is not None:
        own = record.model.excerpts[chosen.excerpt - 1].source
        if own:
            return [own]
    return list(record.model.sources)


def side(ctx: Context, record: Record[Fact], chosen: Side, quote: terms.Segments) -> SideView:
    speaker = speaker_of(ctx, record)
    organisation = organisation_of(ctx, record, speaker)
    return SideView(
        fact=record_link(ctx, record),
        kind=record.kind,
        kind_label=kind_label(record.kind),
        speaker=record_link(ctx, speaker) if speaker else None,
        role=role_of(speaker, organisation),
        organisation=record_link(ctx, organisation) if organisation else None,
        date=date_view(record.model.date),
        venue=_venue(record, chosen),
        quote=quote,
    )


def speaker_of(ctx: Context, record: Record[Fact]) -> Record[Entity] | None:
    """The person who spoke: the named speaker, or the `by` entity when that is a person."""
    model = record.model
    if not isinstance(model, Said):
        return None
    if model.speaker:
        return ctx.graph.entity(model.speaker)
    by = ctx.graph.entity(model.by)
    return by if by.model.type == "person" else None


def organisation_of(ctx: Context, record: Record[Fact], speaker: Record[Entity] | None) -> Record[Entity] | None:
    """Who the words belong to: the speaker's organisation, a contract's buyer, a court, an actor."""
    owner = _owner(record.model)
    if owner is not None and ctx.graph.entity(owner) is not speaker:
        return ctx.graph.entity(owner)
    if speaker is not None and speaker.model.member_of:
        return ctx.graph.entity(speaker.model.member_of[0].entity)
    model = record.model
    return ctx.graph.entity(model.actors[0]) if isinstance(model, Event) else None


def _owner(model: Fact) -> str | None:
    """The entity a fact belongs to by its kind: who said it, who bought, which court ruled."""
    if isinstance(model, Said):
        return model.by
    if isinstance(model, Contract):
        return model.buyer
    if isinstance(model, Ruling):
        return model.court
    return None


def role_of(speaker: Record[Entity] | None, organisation: Record[Entity] | None) -> str | None:
    """The speaker's role at the organisation, from their `member_of`."""
    if speaker is None:
        return None
    roles = {m.entity: m.role for m in speaker.model.member_of}
    if organisation is not None and organisation.id in roles:
        return roles[organisation.id]
    return next(iter(roles.values()), None)


def _venue(record: Record[Fact], chosen: Side) -> str:
    """Where the words stand: the context of a quote, or the document and place of an excerpt."""
    model = record.model
    if chosen.excerpt is None:
        return model.context if isinstance(model, Said) else label(record)
    where = model.excerpts[chosen.excerpt - 1].at
    document = _document(model) or label(record)
    return f"{document}, {where}" if where else document


def _document(model: Fact) -> str | None:
    """How a fact's document is cited: a ruling's neutral citation, a contract's reference."""
    if isinstance(model, Ruling):
        return model.citation
    if isinstance(model, Contract):
        return model.reference
    return None
