"""Fact pages (`{kind}/{id}/`): everything on record about one pledge, statement, contract, ruling or event."""

from __future__ import annotations

from dataclasses import dataclass

from .. import dates
from ..model import Comparison, Contract, Event, Fact, Filed, Party, Pledge, Ruling, Said
from ..validate import Record
from .cards import ComparisonCard, comparison_card, organisation_of, role_of, speaker_of
from .common import (
    Citations,
    Context,
    DateView,
    FactCard,
    LinkView,
    ReplyView,
    SourceView,
    UpdateView,
    date_view,
    fact_card,
    money_words,
    record_link,
    replies,
    updates,
    words_label,
)
from .prose import Prose, prose
from .timeline import entry


@dataclass(frozen=True, kw_only=True)
class Excerpt:
    """A verbatim passage and where it stands in its document."""

    text: str
    at: str | None
    cites: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class StatusChange:
    """One dated, sourced change of a pledge's status."""

    date: DateView
    status: str
    label: str
    reason: str
    cites: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class FactView:
    """A fact page."""

    card: FactCard
    period: DateView | None
    people: tuple[tuple[str, tuple[LinkView, ...]], ...]
    quote: str | None
    attribution: tuple[LinkView | None, str | None, LinkView | None]
    quote_cites: tuple[int, ...]
    context: str | None
    details: tuple[tuple[str, str, tuple[int, ...]], ...]
    covers: tuple[str, ...]
    excerpts: tuple[Excerpt, ...]
    status: tuple[str, str] | None
    status_history: tuple[StatusChange, ...]
    body: Prose
    replies: tuple[ReplyView, ...]
    updates: tuple[UpdateView, ...]
    comparisons: tuple[ComparisonCard, ...]
    referred_by: tuple[LinkView, ...]
    tags: tuple[str, ...]
    sources: tuple[SourceView, ...]


def fact_view(ctx: Context, record: Record[Fact]) -> FactView:
    model = record.model
    # Sources are numbered in this order, each keeping the number of its first citation: the fact's
    # own sources, then those the body cites, the value's conversions, the excerpts, the status
    # history and the replies.
    citations = Citations(ctx)
    own = citations.cite_all(model.sources)
    body = prose(ctx, model.body, citations)
    details = _details(model, citations)
    excerpts = tuple(
        Excerpt(text=e.text, at=e.at, cites=citations.cite_all([e.source] if e.source else [])) for e in model.excerpts
    )
    history = _history(model, citations)
    answers = replies(ctx, model, citations)
    return FactView(
        card=fact_card(ctx, record),
        period=entry(ctx, record).period,
        people=_people(ctx, model),
        quote=model.spoken(),
        attribution=_attribution(ctx, record),
        quote_cites=own,
        context=model.context if isinstance(model, Said) else None,
        details=details,
        covers=tuple(model.covers) if isinstance(model, (Said, Contract)) else (),
        excerpts=excerpts,
        status=(model.status, words_label(model.status)) if isinstance(model, Pledge) else None,
        status_history=history,
        body=body,
        replies=answers,
        updates=updates(model.updates),
        comparisons=tuple(comparison_card(ctx, c) for c in ctx.referring_as(record.id, "comparisons", Comparison)),
        referred_by=tuple(record_link(ctx, r) for r in _referred_by(ctx, record)),
        tags=tuple(model.tags),
        sources=citations.sources(),
    )


def _attribution(ctx: Context, record: Record[Fact]) -> tuple[LinkView | None, str | None, LinkView | None]:
    """(speaker, role, organisation) for the quote's caption."""
    speaker = speaker_of(ctx, record)
    organisation = organisation_of(ctx, record, speaker)
    return (
        record_link(ctx, speaker) if speaker else None,
        role_of(speaker, organisation),
        record_link(ctx, organisation) if organisation else None,
    )


def _people(ctx: Context, model: Fact) -> tuple[tuple[str, tuple[LinkView, ...]], ...]:
    rows = [(label, tuple(record_link(ctx, ctx.graph.get(i)) for i in ids)) for label, ids in _named(model) if ids]
    if isinstance(model, Ruling) and model.parties:
        rows.append(("Parties", tuple(_party(ctx, p) for p in model.parties)))
    return tuple(rows)


def _named(model: Fact) -> list[tuple[str, list[str]]]:
    """(label, ids) of the entities and rulings a fact names, in the order the page lists them."""
    if isinstance(model, Said):
        return [("By", [model.by]), ("Speaker", [model.speaker] if model.speaker else [])]
    if isinstance(model, Contract):
        return [("Buyer", [model.buyer]), ("Suppliers", list(model.suppliers))]
    if isinstance(model, Ruling):
        return [("Court", [model.court]), ("Appeal from", [model.appeal_of] if model.appeal_of else [])]
    if isinstance(model, Event):
        return [("Actors", list(model.actors))]
    return []


def _party(ctx: Context, party: Party) -> LinkView:
    link = record_link(ctx, ctx.graph.entity(party.entity))
    return LinkView(url=link.url, label=f"{link.label} ({party.role})", kind=link.kind)


def _details(model: Fact, citations: Citations) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    """(label, text, citation numbers) rows: case, citation, judges, outcome, term, dates, value."""
    rows: list[tuple[str, str, tuple[int, ...]]] = []
    if isinstance(model, Ruling):
        rows += [("Case", model.case_name, ()), ("Citation", model.citation, ()), ("Outcome", model.outcome, ())]
        if model.judges:
            rows.append(("Judges", ", ".join(model.judges), ()))
    if isinstance(model, Contract):
        rows += [(label, text, ()) for label, text in (("Term", model.term), ("Reference", model.reference)) if text]
        rows += [
            (label, dates.words(when), ()) for label, when in (("Starts", model.start), ("Ends", model.end)) if when
        ]
        if model.value:
            reported = [c.source for c in model.value.reported_as if c.source]
            rows.append(("Value", money_words(model.value), citations.cite_all(reported)))
    if isinstance(model, Event) and model.end:
        rows.append(("Ends", dates.words(model.end), ()))
    return tuple(rows)


def _history(model: Fact, citations: Citations) -> tuple[StatusChange, ...]:
    if not isinstance(model, Pledge):
        return ()
    return tuple(
        StatusChange(
            date=date_view(c.date),
            status=c.status,
            label=words_label(c.status),
            reason=c.reason,
            cites=citations.cite_all(c.sources),
        )
        for c in model.status_history
    )


def _referred_by(ctx: Context, record: Record[Fact]) -> list[Record[Filed]]:
    """Stories, facts and rulings that point at this fact (comparisons are shown as cards instead)."""
    kinds = ("stories", "pledges", "statements", "contracts", "rulings", "events")
    return [r for r in (ctx.graph.get(i) for i in ctx.graph.referrers.get(record.id, ())) if r.kind in kinds]
