"""The image page family: a picture at its largest, whose it is and under what terms, and what shows it."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Image
from ..validate import Record
from .common import Context, LinkView, record_link
from .pictures import FigureView, figure
from .search import SearchMarks, search_marks

USES_SHOWN = 50
"""Pages an image's own page lists as showing it; it says how many more there are."""


@dataclass(frozen=True, kw_only=True)
class ImagePage:
    """An image's own page: the picture at its largest, its rights, and the pages that show it."""

    figure: FigureView
    licence: str
    source_url: str
    used_in: tuple[LinkView, ...]
    used_total: int
    search: SearchMarks


def image_page(ctx: Context, record: Record[Image]) -> ImagePage:
    """The image at its largest, its licence and where it came from, and the newest pages that show it."""
    ids = ctx.graph.referrers.get(record.id, [])
    return ImagePage(
        figure=figure(ctx, record.id, lazy=False),
        licence=record.model.licence or "",
        source_url=record.model.source_url or "",
        used_in=tuple(record_link(ctx, ctx.graph.get(i)) for i in ids[-USES_SHOWN:]),
        used_total=len(ids),
        search=search_marks(ctx, record),
    )
