"""Comparison cards: two quotes side by side with speaker, role, organisation, venue and date.

The same card is the heart of a comparison page and appears, compact, in stories, entity pages and
the pages of the facts it compares. Quotes are never altered: they are cut into marked and unmarked
pieces that join back into exactly the words on record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import dates
from ..model import Side
from ..validate import Record
from . import terms
from .common import Context, DateView, LinkView, date_view, field, kind_label, label, record_link, record_url, words_label

VERDICT_NOTES = {
    "contradicts": "The two cannot both hold.",
    "in-tension": "They pull against each other, though both can be argued to hold.",
    "consistent": "The two agree.",
    "unclear": "The record does not settle it.",
}


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


def comparison_card(ctx: Context, record: Record) -> ComparisonCard:
    return ctx.memo("comparison", record.id, lambda: _card(ctx, record))


def _card(ctx: Context, record: Record) -> ComparisonCard:
    model = record.model
    left, right = (ctx.graph.get(s.fact) for s in (model.left, model.right))
    left_text, right_text = quote_text(left, model.left), quote_text(right, model.right)
    left_quote, right_quote, shared = terms.highlight(left_text, right_text, model.highlight)
    return ComparisonCard(
        record.id, record_url(record), model.title, model.summary, model.verdict, words_label(model.verdict),
        VERDICT_NOTES[model.verdict], side(ctx, left, model.left, left_quote), side(ctx, right, model.right, right_quote),
        dates.elapsed(left.model.date, right.model.date), shared, model.draft,
    )


def quote_text(record: Record, chosen: Side) -> str:
    """The words a side shows: the chosen excerpt, or the fact's quote."""
    if chosen.excerpt is not None:
        return record.model.excerpts[chosen.excerpt - 1].text
    return record.model.quote


def side_sources(record: Record, chosen: Side) -> list[Any]:
    """What a side cites: its excerpt's own source when it names one, else every source of the fact."""
    if chosen.excerpt is not None and record.model.excerpts[chosen.excerpt - 1].source:
        return [record.model.excerpts[chosen.excerpt - 1].source]
    return list(record.model.sources)


def side(ctx: Context, record: Record, chosen: Side, quote: terms.Segments) -> SideView:
    speaker = speaker_of(ctx, record)
    organisation = organisation_of(ctx, record, speaker)
    return SideView(
        record_link(ctx, record), record.kind, kind_label(record.kind),
        record_link(ctx, speaker) if speaker else None, role_of(speaker, organisation),
        record_link(ctx, organisation) if organisation else None,
        date_view(record.model.date), _venue(record, chosen), quote,
    )


def speaker_of(ctx: Context, record: Record) -> Record | None:
    """The person who spoke: the named speaker, or the `by` entity when that is a person."""
    model = record.model
    if field(model, "speaker"):
        return ctx.graph.get(model.speaker)
    by = field(model, "by")
    return ctx.graph.get(by) if by and ctx.graph.get(by).model.type == "person" else None


def organisation_of(ctx: Context, record: Record, speaker: Record | None) -> Record | None:
    """Who the words belong to: the speaker's organisation, a contract's buyer, a court, an actor."""
    model = record.model
    for name in ("by", "buyer", "court"):
        found = field(model, name)
        if found and ctx.graph.get(found) is not speaker:
            return ctx.graph.get(found)
    if speaker is not None and speaker.model.member_of:
        return ctx.graph.get(speaker.model.member_of[0].entity)
    actors = field(model, "actors")
    return ctx.graph.get(actors[0]) if actors else None


def role_of(speaker: Record | None, organisation: Record | None) -> str | None:
    """The speaker's role at the organisation, from their `member_of`."""
    if speaker is None:
        return None
    roles = {m.entity: m.role for m in speaker.model.member_of}
    if organisation is not None and organisation.id in roles:
        return roles[organisation.id]
    return next(iter(roles.values()), None)


def _venue(record: Record, chosen: Side) -> str:
    """Where the words stand: the context of a quote, or the document and place of an excerpt."""
    model = record.model
    if chosen.excerpt is None:
        return field(model, "context") or label(record)
    where = model.excerpts[chosen.excerpt - 1].at
    document = field(model, "citation") or field(model, "reference") or label(record)
    return f"{document}, {where}" if where else document
