"""The page a server sends for an address the site does not have (404.html): ways back into the record.

A server sends it for any missing address, at any depth, so its links start from the site's root path
(`PageSpec.root_path`) rather than climbing from its own address.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Comparison, Story
from .common import Context, LinkView, record_link

NOT_FOUND = "404.html"
SEARCH = "search/"
"""The search page's address: linked from here whether or not the site has one yet."""
RECENT = 5
"""How many of the newest stories, and of the newest comparisons, it offers."""


@dataclass(frozen=True, kw_only=True)
class NotFoundView:
    """The newest stories and comparisons, newest first, and where to search."""

    stories: tuple[LinkView, ...]
    comparisons: tuple[LinkView, ...]
    search: str


def not_found_view(ctx: Context) -> NotFoundView:
    graph = ctx.graph
    return NotFoundView(
        stories=tuple(record_link(ctx, r) for r in graph.listed("stories", Story)[::-1][:RECENT]),
        comparisons=tuple(record_link(ctx, r) for r in graph.listed("comparisons", Comparison)[::-1][:RECENT]),
        search=SEARCH,
    )
