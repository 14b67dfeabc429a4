"""Comparison cards: two sides with who, where and when; each side is words on record or a deed.

A side shows a fact's words (its quote, or one of its excerpts), or the fact itself as what was done:
its title, summary and key particulars (amounts, parties, court or regulator, status), never in
quotation marks. A fact known only in paraphrase is always shown so. The same card is the heart of a
comparison page and appears, compact, in stories, entity pages and the pages of the facts it compares.
Quotes are never altered: they are cut into marked and unmarked pieces that join back into exactly
the words on record, and shown whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import dates, terms
from ..model import Comparison, Entity, Fact, Mention, Said, ShownAs, Side, Source, mentions, particulars
from ..validate import Record
from .common import (
    Context,
    DateView,
    LinkView,
    Row,
    VerificationView,
    date_view,
    kind_label,
    label,
    record_link,
    record_url,
    text_of,
    verification,
    words_label,
)
from .money import MONEY_ROLES, describe

LONG_QUOTE = 280
"""Characters above which a card sets a quote in a smaller size: always whole, never cut."""
VERDICT_NOTES = {
    "contradicts": "The two cannot both hold.",
    "in-tension": "They pull against each other, though both can be argued to hold.",
    "consistent": "The two agree.",
    "unclear": "The record does not settle it.",
}


@dataclass(frozen=True, kw_only=True)
class Named:
    """Someone a fact names: a link to their page, or a name alone; with the words about their part."""

    label: str
    url: str | None


@dataclass(frozen=True, kw_only=True)
class Deed:
    """A fact shown as what was done: what, its summary, its key particulars, and its words in paraphrase."""

    title: str
    summary: str
    particulars: tuple[Row, ...]
    paraphrase: str | None


@dataclass(frozen=True, kw_only=True)
class SideView:
    """One column: who said or did it, in what role, for which organisation, where and when, and what."""

    fact: LinkView
    kind: str
    kind_label: str
    speaker: LinkView | None
    role: str | None
    organisation: LinkView | None
    date: DateView
    venue: str
    shown: ShownAs
    quote: terms.Segments
    """The words, when the side shows words; empty for a deed."""
    long: bool
    """Words long enough for a card to set them smaller."""
    deed: Deed | None
    verification: VerificationView | None


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
    timing: str
    """How the two dates relate: "apart" (elapsed says how far), "together" (the same day, month...) or
    "unknown" (a date is not known)."""
    terms: tuple[str, ...]
    draft: bool


def comparison_card(ctx: Context, record: Record[Comparison]) -> ComparisonCard:
    return ctx.memo("comparison", record.id, lambda: _card(ctx, record))


def _card(ctx: Context, record: Record[Comparison]) -> ComparisonCard:
    model = record.model
    left, right = ctx.graph.fact(model.left.fact), ctx.graph.fact(model.right.fact)
    texts = [model.left.words(left.model), model.right.words(right.model)]
    marked = terms.highlight_all(texts, model.highlight)
    elapsed = dates.elapsed(left.model.date, right.model.date)
    return ComparisonCard(
        id=record.id,
        url=record_url(record),
        title=model.title,
        summary=model.summary,
        verdict=model.verdict,
        verdict_label=words_label(model.verdict),
        verdict_note=VERDICT_NOTES[model.verdict],
        left=side(ctx, left, model.left, marked.segments[0]),
        right=side(ctx, right, model.right, marked.segments[1]),
        elapsed=elapsed,
        timing="unknown" if not elapsed else "apart" if elapsed.endswith(("later", "earlier")) else "together",
        terms=marked.terms,
        draft=model.draft,
    )


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
    shown = chosen.shown(record.model)
    return SideView(
        fact=record_link(ctx, record),
        kind=record.kind,
        kind_label=kind_label(record.kind),
        speaker=record_link(ctx, speaker) if speaker else None,
        role=role_of(speaker, organisation),
        organisation=record_link(ctx, organisation) if organisation else None,
        date=date_view(record.model.date),
        venue=_venue(record, chosen),
        shown=shown,
        quote=quote if shown == "quote" else (),
        long=shown == "quote" and sum(len(text) for text, _ in quote) > LONG_QUOTE,
        deed=deed(ctx, record) if shown == "deed" else None,
        verification=verification(record.model),
    )


def deed(ctx: Context, record: Record[Fact]) -> Deed:
    """The fact as what was done, with the particulars that say what it amounted to."""
    model = record.model
    named = people(ctx, (m for m in mentions(model) if m.role.on_cards))
    found = [Row(label=label, text=", ".join(n.label for n in items)) for label, items in named]
    found += [Row(label=p.label, text=text_of(p.value, p.choice)) for p in particulars(model) if p.key]
    found += [Row(label=MONEY_ROLES[m.role], text=describe(m, ctx.locale)) for m in model.amounts]
    standing = model.standing()
    if standing:
        found.append(Row(label="Status", text=words_label(standing)))
    paraphrase = model.paraphrase if isinstance(model, Said) else None
    return Deed(title=model.title, summary=model.summary, particulars=tuple(found), paraphrase=paraphrase)


def people(ctx: Context, named: Iterable[Mention]) -> tuple[tuple[str, tuple[Named, ...]], ...]:
    """The rows of who a fact names, one a role, in the order its fields declare them."""
    found: dict[str, list[Named]] = {}
    for mention in named:
        found.setdefault(mention.role.label, []).append(_named(ctx, mention))
    return tuple((label, tuple(items)) for label, items in found.items())


def _named(ctx: Context, mention: Mention) -> Named:
    if mention.target is None:
        return Named(label=mention.note, url=None)
    link = record_link(ctx, ctx.graph.get(mention.target))
    return Named(label=f"{link.label} ({mention.note})" if mention.note else link.label, url=link.url)


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
    """Who the words or the deed belong to: its owner (who said it, bought, ruled), else the speaker's
    organisation."""
    owner = record.model.owner()
    if owner is not None and ctx.graph.entity(owner) is not speaker:
        return ctx.graph.entity(owner)
    if speaker is not None and speaker.model.member_of:
        return ctx.graph.entity(speaker.model.member_of[0].entity)
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
    """How a fact's document is cited: a ruling's neutral citation, a contract's notice number."""
    return next((str(p.value) for p in particulars(model) if p.document), None)
