"""Stage 4a: prepare, from the linked graph, the read-only view of every page templates will show.

One module per page family: `fact`, `comparison` (with `cards` and `terms`), `entity`, `story`,
`timeline`, `lists` (home, indexes, tags, sources, updates); `common` holds what they share and
`prose` the Markdown fields with their embeds and citations. Every view is a frozen dataclass of
plain values and tuples: two builds of the same content give equal views, and a page needs
re-rendering only when its view (or its template) changed.

Page addresses: `` (home), `{kind}/` and `{kind}/{id}/` for every kind, `timeline/`,
`entities/{id}/timeline/`, `tags/`, `tags/{tag}/`, `updates/`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..link import SiteGraph
from ..model import FACT_KINDS
from .common import KIND_TITLES, Context, LinkView, Page, amount_words, money_words, record_link, record_url
from .comparison import comparison_view
from .entity import entity_facts, entity_view
from .fact import fact_view
from .lists import TimelinePage, home_view, list_view, source_page, tag_links, tags_index, update_rows
from .story import story_view
from .timeline import timeline

__all__ = ["Page", "SiteView", "amount_words", "money_words", "pages", "site_view"]
NAV = (("stories/", "Stories"), ("timeline/", "Timeline"), ("comparisons/", "Comparisons"),
       ("entities/", "Entities"), ("updates/", "Updates"))


@dataclass(frozen=True)
class SiteView:
    """Site-wide settings and navigation every page shows."""

    title: str
    tagline: str
    language: str
    publisher: str
    licence: str
    base_url: str
    nav: tuple[tuple[str, str], ...]
    more: tuple[tuple[str, str], ...]


def site_view(graph: SiteGraph) -> SiteView:
    site = graph.site
    more = tuple((f"{kind}/", KIND_TITLES[kind]) for kind in (*FACT_KINDS, "sources")) + (("tags/", "Tags"),)
    return SiteView(site.title, site.tagline, site.language, site.publisher, site.licence, site.base_url, NAV, more)


def pages(graph: SiteGraph) -> list[Page]:
    """Every page of the site, in a fixed order."""
    ctx = Context(graph)
    return list(_pages(ctx))


def _pages(ctx: Context) -> Iterator[Page]:
    graph = ctx.graph
    updates = update_rows(ctx)
    yield Page("", "home.html", graph.site.title, home_view(ctx, updates))
    for kind in KIND_TITLES:
        yield Page(f"{kind}/", "list.html", KIND_TITLES[kind], list_view(ctx, kind))
    yield from _record_pages(ctx)
    yield from _timeline_pages(ctx)
    yield Page("updates/", "updates.html", "Corrections and updates", updates)


def _record_pages(ctx: Context) -> Iterator[Page]:
    graph = ctx.graph
    for kind in FACT_KINDS:
        yield from (Page(record_url(r), "fact.html", r.model.title, fact_view(ctx, r)) for r in graph.kinds[kind])
    for r in graph.kinds["comparisons"]:
        yield Page(record_url(r), "comparison.html", r.model.title, comparison_view(ctx, r))
    for r in graph.kinds["stories"]:
        yield Page(record_url(r), "story.html", r.model.title, story_view(ctx, r))
    for r in graph.kinds["entities"]:
        yield Page(record_url(r), "entity.html", r.model.name, entity_view(ctx, r))
    for r in graph.kinds["sources"]:
        yield Page(record_url(r), "source.html", r.model.title, source_page(ctx, r))


def _timeline_pages(ctx: Context) -> Iterator[Page]:
    graph = ctx.graph
    everything = [r for kind in FACT_KINDS for r in graph.kinds[kind]]
    yield Page("timeline/", "timeline.html", "Timeline", TimelinePage(
        "Timeline", "Everything on record, in the order it happened.", None, timeline(ctx, everything), ()))
    for r in graph.kinds["entities"]:
        heading = f"{r.model.name}: timeline"
        view = TimelinePage(heading, f"Everything on record that names {r.model.name}.",
                            record_link(r), timeline(ctx, entity_facts(ctx, r)), ())
        yield Page(f"{record_url(r)}timeline/", "timeline.html", heading, view)
    yield Page("tags/", "list.html", "Tags", tags_index(ctx))
    for tag, ids in graph.tags.items():
        view = TimelinePage(f"Tag: {tag}", f"Everything on record tagged “{tag}”.", LinkView("tags/", "Tags"),
                            timeline(ctx, (graph.get(i) for i in ids)), tag_links(ctx, tag))
        yield Page(f"tags/{tag}/", "timeline.html", f"Tag: {tag}", view)
