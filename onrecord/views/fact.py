"""Fact pages (`{kind}/{id}/`): everything on record about one fact, whatever its kind.

The page is drawn from what the kind's model declares: the entities it names in a role (`Role`) are
its rows of people, the fields it marks `Detail` are its particulars, its amounts of money, its
status and stages, its words or its paraphrase. A kind added to the registry gets a full page with no
code here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import kinds
from ..model import Fact, Filed, Money, Particular, Quote, Said, Stage, mentions, particulars
from ..translation import _
from ..validate import Record
from .cards import Attribution, ComparisonCard, Named, attribution, comparison_card, people, words_source
from .common import (
    Citations,
    Context,
    DateView,
    FactCard,
    LinkView,
    ReplyView,
    Row,
    SourceView,
    UpdateView,
    compared,
    date_view,
    fact_card,
    record_link,
    replies,
    text_of,
    updates,
)
from .languages import InLanguage, in_language
from .money import MONEY_ROLES, describe
from .pictures import FigureView, lead_figure
from .prose import Prose, prose
from .scales import Badge, standing_badge
from .search import SearchMarks, search_marks
from .structured import Described, fact_node
from .timeline import entry


@dataclass(frozen=True, kw_only=True)
class Excerpt:
    """A verbatim passage and where it stands in its document."""

    text: str
    language: InLanguage | None
    at: str | None
    said: Attribution | None
    """Whose words, when the passage names its speakers or who reported it."""
    cites: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class StageView:
    """One dated step in a fact's standing: a pledge's status, a law's stage."""

    date: DateView
    status: Badge
    text: str
    cites: tuple[int, ...]
    comparisons: tuple[LinkView, ...]


@dataclass(frozen=True, kw_only=True)
class FactView(Described):
    """A fact page."""

    card: FactCard
    image: FigureView | None
    """The fact's own image, shown under its heading."""
    period: DateView | None
    people: tuple[tuple[str, tuple[Named, ...]], ...]
    quote: str | None
    quote_language: InLanguage | None
    quote_at: str | None
    paraphrase: str | None
    attribution: Attribution
    quote_cites: tuple[int, ...]
    """The source the quote is copied from; for a paraphrase, the fact's sources."""
    context: str | None
    details: tuple[Row, ...]
    excerpts: tuple[Excerpt, ...]
    status: Badge | None
    status_history: tuple[StageView, ...]
    body: Prose
    replies: tuple[ReplyView, ...]
    updates: tuple[UpdateView, ...]
    comparisons: tuple[ComparisonCard, ...]
    referred_by: tuple[LinkView, ...]
    tags: tuple[str, ...]
    sources: tuple[SourceView, ...]
    search: SearchMarks


def fact_view(ctx: Context, record: Record[Fact]) -> FactView:
    model = record.model
    # Sources are numbered in this order, each keeping the number of its first citation: the fact's
    # own sources, then those the body cites, those giving its amounts, its excerpts, its stages and
    # its replies.
    citations = Citations(ctx)
    own = citations.cite_all(model.sources)
    body = prose(ctx, model.body, citations)
    details = (*rows(particulars(model)), *money_rows(ctx, model.amounts, citations))
    excerpts = tuple(_excerpt(ctx, record, e, citations) for e in model.excerpts)
    history = tuple(_stage(ctx, stage, citations) for stage in model.stages())
    answers = replies(ctx, model, citations)
    standing = model.standing()
    quote = model.quoted()
    return FactView(
        image=lead_figure(ctx, model),
        card=fact_card(ctx, record),
        period=entry(ctx, record).period,
        people=people(ctx, mentions(model)),
        quote=quote.text if quote else None,
        quote_language=in_language(ctx.graph.site.language, quote),
        quote_at=quote.at if quote else None,
        paraphrase=model.paraphrase if isinstance(model, Said) else None,
        attribution=attribution(ctx, record, quote),
        quote_cites=citations.cite_all([words_source(model, quote)]) if quote else own,
        context=model.context if isinstance(model, Said) else None,
        details=details,
        excerpts=excerpts,
        status=standing_badge(ctx, standing) if standing else None,
        status_history=history,
        body=body,
        replies=answers,
        updates=updates(model.updates),
        comparisons=tuple(comparison_card(ctx, c) for c in compared(ctx, record.id)),
        referred_by=tuple(record_link(ctx, r) for r in _referred_by(ctx, record)),
        tags=tuple(model.tags),
        sources=citations.sources(),
        structured=fact_node(ctx, record),
        search=search_marks(ctx, record),
    )


def _excerpt(ctx: Context, record: Record[Fact], passage: Quote, citations: Citations) -> Excerpt:
    named = passage.speakers or passage.as_quoted_by
    return Excerpt(
        text=passage.text,
        language=in_language(ctx.graph.site.language, passage),
        at=passage.at,
        said=attribution(ctx, record, passage) if named else None,
        cites=citations.cite_all([words_source(record.model, passage)]),
    )


def rows(found: Iterable[Particular]) -> tuple[Row, ...]:
    """The particulars a fact declares, each as a line of text."""
    return tuple(Row(label=_(p.label), text=text_of(p.value, p.choice)) for p in found)


def money_rows(ctx: Context, amounts: Sequence[Money], citations: Citations) -> tuple[Row, ...]:
    """A line per amount: what it is, in words, given in full too where the words round it."""
    return tuple(
        Row(
            label=_(MONEY_ROLES[money.role]),
            text=describe(money, ctx.locale),
            cites=citations.cite_all(_money_sources(money)),
        )
        for money in amounts
    )


def _money_sources(money: Money) -> list[str]:
    """The sources of an amount: the one that gives it, and those reporting its conversions."""
    own = [money.source] if money.source else []
    return own + [c.source for c in money.reported_as if c.source]


def _stage(ctx: Context, stage: Stage, citations: Citations) -> StageView:
    return StageView(
        date=date_view(stage.date),
        status=standing_badge(ctx, stage.standing()),
        text=stage.explanation(),
        cites=citations.cite_all(stage.sources),
        comparisons=tuple(record_link(ctx, ctx.graph.comparison(c)) for c in stage.comparisons),
    )


def _referred_by(ctx: Context, record: Record[Fact]) -> list[Record[Filed]]:
    """Stories and facts that point at this fact (comparisons are shown as cards instead)."""
    shown = {kind.name for kind in kinds.kinds() if kind.page in ("fact", "story")}
    return [r for r in (ctx.graph.get(i) for i in ctx.graph.referrers.get(record.id, ())) if r.kind in shown]
