"""Comparison pages (`comparisons/{id}/`): the card drawn in full, with rationale and numbered sources."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Comparison
from ..validate import Record
from .cards import ComparisonCard, comparison_card, side_sources
from .common import Citations, Context, SourceView, UpdateView, updates
from .prose import Prose, prose
from .search import SearchMarks, search_marks
from .structured import Described, claim_review


@dataclass(frozen=True, kw_only=True)
class ComparisonView(Described):
    """A comparison page: each side cites its sources by number, listed at the end with the rationale's."""

    card: ComparisonCard
    left_cites: tuple[int, ...]
    right_cites: tuple[int, ...]
    rationale: Prose
    updates: tuple[UpdateView, ...]
    tags: tuple[str, ...]
    sources: tuple[SourceView, ...]
    search: SearchMarks


def comparison_view(ctx: Context, record: Record[Comparison]) -> ComparisonView:
    model = record.model
    # Sources are numbered in order of first citation: the left side's, the right side's, the rationale's.
    citations = Citations(ctx)
    left = citations.cite_all(side_sources(ctx.graph.fact(model.left.fact), model.left))
    right = citations.cite_all(side_sources(ctx.graph.fact(model.right.fact), model.right))
    rationale = prose(ctx, model.rationale, citations)
    return ComparisonView(
        card=comparison_card(ctx, record),
        left_cites=left,
        right_cites=right,
        rationale=rationale,
        updates=updates(model.updates),
        tags=tuple(model.tags),
        sources=citations.sources(),
        structured=claim_review(ctx, record),
        search=search_marks(ctx, record),
    )
