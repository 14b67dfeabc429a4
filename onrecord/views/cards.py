"""Comparison cards: two sides with who, where and when; each side is words on record or a deed.

A side shows a fact's words (its quote, or one of its excerpts), or the fact itself as what was done:
its title, summary and key particulars (amounts, parties, court or regulator, status), never in
quotation marks. A fact known only in paraphrase is always shown so. The same card is the heart of a
comparison page and appears, compact, in stories, entity pages and the pages of the facts it compares.
Quotes are never altered: they are cut into marked and unmarked pieces that join back into exactly
the words on record, and shown whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import date_words, terms
from ..model import (
    VERDICTS,
    Comparison,
    Entity,
    Fact,
    Mention,
    Quote,
    Said,
    ShownAs,
    Side,
    Source,
    mentions,
    particulars,
)
from ..translation import _
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
)
from .languages import InLanguage, in_language
from .money import MONEY_ROLES, describe
from .scales import Badge, level_badge, standing_badge

LONG_QUOTE = 280
"""Characters above which a card sets a quote in a smaller size: always whole, never cut."""


@dataclass(frozen=True, kw_only=True)
class Named:
    """Someone a fact names: a link to their page, or a name alone; with the words about their part."""

    label: str
    url: str | None


@dataclass(frozen=True, kw_only=True)
class Voice:
    """Someone whose words they are, with their role at the organisation the words belong to."""

    link: LinkView
    role: str | None


Piece = tuple[str, str | None]
"""Text, and the address it links to (None for plain text)."""


@dataclass(frozen=True, kw_only=True)
class Attribution:
    """Whose words or deed a side is: the speakers, the organisation, and who passed the words on."""

    speakers: tuple[Voice, ...]
    organisation: LinkView | None
    reported_by: LinkView | None
    """The outlet that quoted the words, when they reach us second-hand."""
    heading: LinkView | None
    """Who a comparison's side is headed by: its first speaker, else the organisation."""
    line: tuple[Piece, ...]
    """All of it in a line: "Arvind Krishna, Chief executive, IBM, as quoted by The Verge"."""
    rest: tuple[Piece, ...]
    """The line without the heading's name, for under the heading."""


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
    said: Attribution
    date: DateView
    venue: str
    shown: ShownAs
    quote: terms.Segments
    """The words, when the side shows words; empty for a deed."""
    language: InLanguage | None
    """The language of the words, where it is not the page's."""
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
    verdict: Badge
    verdict_note: str
    """What the verdict means: its level's definition."""
    left: SideView
    right: SideView
    elapsed: str
    timing: str
    """How the two dates relate: "apart" (elapsed says how far), "together" (the same day, month...) or
    "unknown" (a date is not known)."""
    terms: tuple[str, ...]
    draft: bool


def comparison_card(ctx: Context, record: Record[Comparison]) -> ComparisonCard:
    return ctx.memo_of("comparison", record, _card)


def _card(ctx: Context, record: Record[Comparison]) -> ComparisonCard:
    model = record.model
    left, right = ctx.graph.fact(model.left.fact), ctx.graph.fact(model.right.fact)
    texts = [model.left.words(left.model), model.right.words(right.model)]
    marked = terms.highlight_all(texts, model.highlight)
    elapsed = date_words.elapsed(left.model.date, right.model.date)
    return ComparisonCard(
        id=record.id,
        url=record_url(record),
        title=model.title,
        summary=model.summary,
        verdict=level_badge(ctx, VERDICTS.scale, model.verdict),
        verdict_note=_(ctx.graph.site.scales.level(VERDICTS.scale, model.verdict).definition),
        left=side(ctx, left, model.left, marked.segments[0]),
        right=side(ctx, right, model.right, marked.segments[1]),
        elapsed=elapsed,
        timing="unknown"
        if not elapsed
        else "apart"
        if date_words.apart(left.model.date, right.model.date)
        else "together",
        terms=marked.terms,
        draft=model.draft,
    )


def side_sources(record: Record[Fact], chosen: Side) -> list[str | Source]:
    """What a side cites: the source its words are copied from, or, for a deed, every source of the fact."""
    words = chosen.quote(record.model)
    return [words_source(record.model, words)] if words else list(record.model.sources)


def words_source(model: Fact, words: Quote) -> str | Source:
    """The source a quote is copied from: the one it names, else the fact's only source (validation
    asks a quote to name its source whenever the fact cites several)."""
    return words.source or model.sources[0]


def side(ctx: Context, record: Record[Fact], chosen: Side, quote: terms.Segments) -> SideView:
    shown = chosen.shown(record.model)
    return SideView(
        fact=record_link(ctx, record),
        kind=record.kind,
        kind_label=kind_label(record.kind),
        said=attribution(ctx, record, chosen.quote(record.model)),
        date=date_view(record.model.date),
        venue=_venue(record, chosen),
        shown=shown,
        quote=quote if shown == "quote" else (),
        language=in_language(ctx.graph.site.language, chosen.quote(record.model)) if shown == "quote" else None,
        long=shown == "quote" and sum(len(text) for text, _ in quote) > LONG_QUOTE,
        deed=deed(ctx, record) if shown == "deed" else None,
        verification=verification(record.model),
    )


def deed(ctx: Context, record: Record[Fact]) -> Deed:
    """The fact as what was done, with the particulars that say what it amounted to."""
    model = record.model
    named = people(ctx, (m for m in mentions(model) if m.role.on_cards))
    found = [Row(label=label, text=", ".join(n.label for n in items)) for label, items in named]
    found += [Row(label=_(p.label), text=text_of(p.value, p.choice)) for p in particulars(model) if p.key]
    found += [Row(label=_(MONEY_ROLES[m.role]), text=describe(m, ctx.locale)) for m in model.amounts]
    standing = model.standing()
    if standing:
        found.append(Row(label=_("Status"), text=standing_badge(ctx, standing).label))
    paraphrase = model.paraphrase if isinstance(model, Said) else None
    return Deed(title=model.title, summary=model.summary, particulars=tuple(found), paraphrase=paraphrase)


def people(ctx: Context, named: Iterable[Mention]) -> tuple[tuple[str, tuple[Named, ...]], ...]:
    """The rows of who a fact names, one a role, in the order its fields declare them."""
    found: dict[str, list[Named]] = {}
    for mention in named:
        found.setdefault(_(mention.role.label), []).append(_named(ctx, mention))
    return tuple((label, tuple(items)) for label, items in found.items())


def _named(ctx: Context, mention: Mention) -> Named:
    if mention.target is None:
        return Named(label=mention.note, url=None)
    link = record_link(ctx, ctx.graph.get(mention.target))
    return Named(label=f"{link.label} ({mention.note})" if mention.note else link.label, url=link.url)


def attribution(ctx: Context, record: Record[Fact], words: Quote | None) -> Attribution:
    """Whose words: the speakers the quote names, else the fact's (a statement's speakers, or its
    author when that is a person); the organisation they belong to; who reported them second-hand."""
    model = record.model
    named = (words.speakers if words else []) or (model.voices() if words else ())
    voices = [ctx.graph.entity(i) for i in named]
    given = bool(words and words.speakers) or (isinstance(model, Said) and bool(model.speakers))
    speakers = [v for v in voices if given or v.model.type == "person"]
    organisation = _organisation(ctx, record, speakers, own=not (words and words.speakers))
    reporter = words.as_quoted_by if words else None
    voiced = tuple(Voice(link=record_link(ctx, v), role=_role(ctx, v, organisation)) for v in speakers)
    owner = record_link(ctx, organisation) if organisation and organisation.id not in {s.id for s in speakers} else None
    reported_by = record_link(ctx, ctx.graph.entity(reporter)) if reporter else None
    return Attribution(
        speakers=voiced,
        organisation=owner,
        reported_by=reported_by,
        heading=voiced[0].link if voiced else owner,
        line=_line(voiced, owner, reported_by, named=True),
        rest=_line(voiced, owner, reported_by, named=False),
    )


def _line(
    speakers: tuple[Voice, ...], organisation: LinkView | None, reported_by: LinkView | None, named: bool
) -> tuple[Piece, ...]:
    """Each speaker with their role, then the organisation, then the outlet that quoted them; without
    the heading's name unless `named`."""
    people = [
        _joined((([(v.link.label, v.link.url)] if named or index else []), ([(v.role, None)] if v.role else [])), ", ")
        for index, v in enumerate(speakers)
    ]
    owner = [(organisation.label, organisation.url)] if organisation and (named or speakers) else []
    reporter = _quoted_by(reported_by) if reported_by else []
    # Between two speakers, each with their role: a semicolon, as the language sets it.
    return tuple(_joined((_joined(people, _("; ")), owner, reporter), ", "))


def _quoted_by(outlet: LinkView) -> list[Piece]:
    """ "as quoted by The Verge", the outlet's name a link wherever the language puts it."""
    before, _slot, after = _("as quoted by %(outlet)s").partition("%(outlet)s")
    pieces = [(before, None), (outlet.label, outlet.url), (after, None)]
    return [(text, url) for text, url in pieces if text]


def _joined(groups: Iterable[Sequence[Piece]], separator: str) -> list[Piece]:
    """The groups that have pieces, one after another, with the separator between them."""
    pieces: list[Piece] = []
    for group in groups:
        if group:
            pieces += [(separator, None), *group] if pieces else group
    return pieces


def _organisation(
    ctx: Context, record: Record[Fact], speakers: list[Record[Entity]], own: bool
) -> Record[Entity] | None:
    """Who the words or the deed belong to: the fact's owner (who said it, bought, ruled), unless that is
    the one speaker; else, and for words a quote gives to speakers of its own (a minister quoted in a
    report), the first speaker's organisation."""
    owner = record.model.owner() if own else None
    if owner is not None and [s.id for s in speakers] != [owner]:
        return ctx.graph.entity(owner)
    if speakers and speakers[0].model.member_of:
        return ctx.graph.entity(speakers[0].model.member_of[0].entity)
    return None


def _role(ctx: Context, speaker: Record[Entity], organisation: Record[Entity] | None) -> str | None:
    """The speaker's role at the organisation, from their `member_of`; for someone who is not its member,
    their first role with where they hold it, so no role is ever set beside the wrong organisation."""
    roles = {m.entity: m.role for m in speaker.model.member_of}
    if organisation is not None and organisation.id in roles:
        return roles[organisation.id]
    first = speaker.model.member_of[0] if speaker.model.member_of else None
    return f"{first.role}, {label(ctx.graph.entity(first.entity))}" if first else None


def _venue(record: Record[Fact], chosen: Side) -> str:
    """Where the words stand: the context of a quote, or the document of an excerpt; and where in it."""
    model = record.model
    if chosen.excerpt is None:
        place = model.context if isinstance(model, Said) else label(record)
    else:
        place = _document(model) or label(record)
    words = chosen.quote(model)
    return f"{place}, {words.at}" if words and words.at else place


def _document(model: Fact) -> str | None:
    """How a fact's document is cited: a ruling's neutral citation, a contract's notice number."""
    return next((str(p.value) for p in particulars(model) if p.document), None)
