"""Story pages (`stories/{id}/`): the explainer article with its embeds, citations and related facts."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import markup
from ..model import Fact, Story
from ..validate import Record
from .common import (
    Citations,
    Context,
    DateView,
    FactCard,
    ReplyView,
    SourceView,
    UpdateView,
    date_view,
    fact_card,
    facts_by_reading_order,
    optional_date,
    record_url,
    replies,
    updates,
)
from .pictures import FigureView, lead_figure
from .prose import Prose, embedded_facts, prose
from .search import SearchMarks, search_marks
from .structured import Described, news_article

WORDS_PER_MINUTE = 230
RELATED_LIMIT = 8


@dataclass(frozen=True, kw_only=True)
class StoryCard:
    """A story as the home page and the stories index show it."""

    url: str
    title: str
    summary: str
    authors: tuple[str, ...]
    date: DateView
    updated: DateView | None
    minutes: int
    draft: bool


@dataclass(frozen=True, kw_only=True)
class StoryView(Described):
    """A story page."""

    card: StoryCard
    image: FigureView | None
    """The story's lead image, shown under its heading."""
    body: Prose
    contents: bool
    """Whether the page lists the body's headings (the story's `toc`)."""
    related: tuple[FactCard, ...]
    tags: tuple[str, ...]
    replies: tuple[ReplyView, ...]
    updates: tuple[UpdateView, ...]
    sources: tuple[SourceView, ...]
    search: SearchMarks


def reading_minutes(text: str) -> int:
    """Words of the text a reader reads (embed lines left out) at 230 a minute, rounded up; at least 1."""
    prose_only = markup.CITATION.sub("", markup.EMBED_LINE.sub("", text))
    return max(1, math.ceil(len(prose_only.split()) / WORDS_PER_MINUTE))


def story_card(ctx: Context, record: Record[Story]) -> StoryCard:
    return ctx.memo_of("story", record, _story_card)


def _story_card(ctx: Context, record: Record[Story]) -> StoryCard:
    model = record.model
    return StoryCard(
        url=record_url(record),
        title=model.title,
        summary=model.summary,
        authors=tuple(model.authors),
        date=date_view(model.date),
        updated=optional_date(model.updated),
        minutes=reading_minutes(model.body),
        draft=model.draft,
    )


def story_view(ctx: Context, record: Record[Story]) -> StoryView:
    model = record.model
    # Sources are numbered in order of first citation: the body's, then the replies'.
    citations = Citations(ctx)
    body = prose(ctx, model.body, citations)
    answers = replies(ctx, model, citations)
    sources = citations.sources()
    return StoryView(
        image=lead_figure(ctx, model),
        card=story_card(ctx, record),
        body=body,
        contents=model.toc,
        related=tuple(fact_card(ctx, r) for r in related(ctx, record)),
        tags=tuple(model.tags),
        replies=answers,
        updates=updates(model.updates),
        sources=sources,
        structured=news_article(ctx, record, sources),
        search=search_marks(ctx, record),
    )


def related(ctx: Context, record: Record[Story]) -> list[Record[Fact]]:
    """Facts the story embeds, then the newest facts sharing its tags; at most RELATED_LIMIT, oldest first."""
    embedded = [r.id for r in embedded_facts(ctx, record.model.body)]
    tagged = facts_by_reading_order(ctx, (i for tag in record.model.tags for i in ctx.graph.tags.get(tag, ())))
    chosen = list(dict.fromkeys(embedded + [r.id for r in reversed(tagged)]))[:RELATED_LIMIT]
    return facts_by_reading_order(ctx, chosen)
