"""Fact pages (`{kind}/{id}/`): everything on record about one pledge, statement, contract, ruling or event."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import dates
from ..validate import Record
from .cards import ComparisonCard, comparison_card, organisation_of, role_of, speaker_of
from .common import (Citations, Context, DateView, FactCard, LinkView, ReplyView, SourceView, UpdateView, date_view,
                     fact_card, field, money_words, record_link, replies, updates, words_label)
from .prose import Prose, prose
from .timeline import entry

LINK_FIELDS = (("by", "By"), ("speaker", "Speaker"), ("buyer", "Buyer"), ("suppliers", "Suppliers"),
          ("court", "Court"), ("actors", "Actors"), ("appeal_of", "Appeal from"))


@dataclass(frozen=True)
class Excerpt:
    """A verbatim passage and where it stands in its document."""

    text: str
    at: str | None
    cites: tuple[int, ...]


@dataclass(frozen=True)
class StatusChange:
    """One dated, sourced change of a pledge's status."""

    date: DateView
    status: str
    label: str
    reason: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
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


def fact_view(ctx: Context, record: Record) -> FactView:
    model = record.model
    citations = Citations(ctx)
    own = citations.cite_all(model.sources)
    body = prose(ctx, model.body, citations)
    status = (model.status, words_label(model.status)) if record.kind == "pledges" else None
    return FactView(
        fact_card(ctx, record), entry(ctx, record).period, _people(ctx, model), field(model, "quote"),
        _attribution(ctx, record), own,
        field(model, "context"), _details(model, citations), tuple(field(model, "covers", ())),
        tuple(Excerpt(e.text, e.at, citations.cite_all([e.source] if e.source else [])) for e in model.excerpts),
        status, _history(model, citations), body, replies(ctx, model, citations), updates(model),
        tuple(comparison_card(ctx, c) for c in ctx.referring(record.id, "comparisons")),
        tuple(record_link(ctx, r) for r in _referred_by(ctx, record)), tuple(model.tags), citations.sources(),
    )


def _attribution(ctx: Context, record: Record) -> tuple[LinkView | None, str | None, LinkView | None]:
    """(speaker, role, organisation) for the quote's caption."""
    speaker = speaker_of(ctx, record)
    organisation = organisation_of(ctx, record, speaker)
    return (record_link(ctx, speaker) if speaker else None, role_of(speaker, organisation),
            record_link(ctx, organisation) if organisation else None)


def _people(ctx: Context, model: Any) -> tuple[tuple[str, tuple[LinkView, ...]], ...]:
    rows = []
    for name, label in LINK_FIELDS:
        value = field(model, name)
        ids = [value] if isinstance(value, str) else list(value or [])
        if ids:
            rows.append((label, tuple(record_link(ctx, ctx.graph.get(i)) for i in ids)))
    parties = field(model, "parties", ())
    if parties:
        rows.append(("Parties", tuple(_party(ctx, p) for p in parties)))
    return tuple(rows)


def _party(ctx: Context, party: Any) -> LinkView:
    link = record_link(ctx, ctx.graph.get(party.entity))
    return LinkView(link.url, f"{link.label} ({party.role})", link.kind)


def _details(model: Any, citations: Citations) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    """(label, text, citation numbers) rows: case, citation, judges, outcome, term, dates, value."""
    rows: list[tuple[str, str, tuple[int, ...]]] = []
    for name, label in (("case_name", "Case"), ("citation", "Citation"), ("outcome", "Outcome"),
                        ("term", "Term"), ("reference", "Reference")):
        if field(model, name):
            rows.append((label, getattr(model, name), ()))
    if field(model, "judges"):
        rows.append(("Judges", ", ".join(model.judges), ()))
    for name, label in (("start", "Starts"), ("end", "Ends")):
        if field(model, name):
            rows.append((label, dates.words(getattr(model, name)), ()))
    if field(model, "value"):
        reported = [c.source for c in model.value.reported_as if c.source]
        rows.append(("Value", money_words(model.value), citations.cite_all(reported)))
    return tuple(rows)


def _history(model: Any, citations: Citations) -> tuple[StatusChange, ...]:
    return tuple(
        StatusChange(date_view(c.date), c.status, words_label(c.status), c.reason, citations.cite_all(c.sources))
        for c in field(model, "status_history", ())
    )


def _referred_by(ctx: Context, record: Record) -> list[Record]:
    """Stories, facts and rulings that point at this fact (comparisons are shown as cards instead)."""
    kinds = ("stories", "pledges", "statements", "contracts", "rulings", "events")
    return [r for r in (ctx.graph.get(i) for i in ctx.graph.referrers.get(record.id, ())) if r.kind in kinds]
