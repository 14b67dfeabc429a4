"""Comparison pages (`comparisons/{id}/`): the card drawn in full, with rationale and numbered sources."""
from __future__ import annotations

from dataclasses import dataclass

from ..validate import Record
from .cards import ComparisonCard, comparison_card, side_sources
from .common import Citations, Context, SourceView, UpdateView, updates
from .prose import Prose, prose


@dataclass(frozen=True)
class ComparisonView:
    """A comparison page: each side cites its sources by number, listed at the end with the rationale's."""

    card: ComparisonCard
    left_cites: tuple[int, ...]
    right_cites: tuple[int, ...]
    rationale: Prose
    updates: tuple[UpdateView, ...]
    tags: tuple[str, ...]
    sources: tuple[SourceView, ...]


def comparison_view(ctx: Context, record: Record) -> ComparisonView:
    model = record.model
    citations = Citations(ctx)
    left, right = (citations.cite_all(side_sources(ctx.graph.get(s.fact), s)) for s in (model.left, model.right))
    rationale = prose(ctx, model.rationale, citations)
    return ComparisonView(comparison_card(ctx, record), left, right, rationale, updates(model), tuple(model.tags),
                          citations.sources())
