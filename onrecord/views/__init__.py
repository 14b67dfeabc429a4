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
from functools import partial
from typing import Iterator

from ..link import SiteGraph
from ..model import FACT_KINDS
from ..validate import Record
from .common import KIND_TITLES, Context, LinkView, Page, PageSpec, amount_words, money_words, record_link, record_url
from .comparison import comparison_view
from .entity import entity_facts, entity_view
from .fact import fact_view
from .lists import TimelinePage, home_view, list_view, source_page, tag_links, tags_index, update_rows
from .story import story_view
from .timeline import timeline

__all__ = ["Page", "PageSpec", "SiteView", "page_specs", "amount_words", "money_words", "pages", "site_view"]
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
    """Every page of the site with its view, in a fixed order."""
    return [spec.page() for spec in page_specs(graph)]


def page_specs(graph: SiteGraph) -> list[PageSpec]:
    """Every page of the site in a fixed order, each view prepared only when its page is asked for."""
    return list(_pages(Context(graph)))


def _pages(ctx: Context) -> Iterator[PageSpec]:
    graph = ctx.graph
    updates = partial(ctx.memo, "updates", "", partial(update_rows, ctx))
    yield PageSpec("", "home.html", graph.site.title, lambda: home_view(ctx, updates()))
    for kind in KIND_TITLES:
        yield PageSpec(f"{kind}/", "list.html", KIND_TITLES[kind], partial(list_view, ctx, kind))
    yield from _record_pages(ctx)
    yield from _timeline_pages(ctx)
    yield PageSpec("updates/", "updates.html", "Corrections and updates", updates)


RECORD_PAGES = (
    (FACT_KINDS, "fact.html", fact_view), (("comparisons",), "comparison.html", comparison_view),
    (("stories",), "story.html", story_view), (("entities",), "entity.html", entity_view),
    (("sources",), "source.html", source_page),
)


def _record_pages(ctx: Context) -> Iterator[PageSpec]:
    for kinds, template, view in RECORD_PAGES:
        for kind in kinds:
            for r in ctx.graph.kinds[kind]:
                title = r.model.name if kind == "entities" else r.model.title
                yield PageSpec(record_url(r), template, title, partial(view, ctx, r))


def _timeline_pages(ctx: Context) -> Iterator[PageSpec]:
    graph = ctx.graph
    yield PageSpec("timeline/", "timeline.html", "Timeline", partial(_site_timeline, ctx))
    for r in graph.kinds["entities"]:
        heading = f"{r.model.name}: timeline"
        yield PageSpec(f"{record_url(r)}timeline/", "timeline.html", heading, partial(_entity_timeline, ctx, r))
    yield PageSpec("tags/", "list.html", "Tags", partial(tags_index, ctx))
    for tag in graph.tags:
        yield PageSpec(f"tags/{tag}/", "timeline.html", f"Tag: {tag}", partial(_tag_timeline, ctx, tag))


def _site_timeline(ctx: Context) -> TimelinePage:
    everything = [r for kind in FACT_KINDS for r in ctx.graph.kinds[kind]]
    return TimelinePage("Timeline", "Everything on record, in the order it happened.", None,
                        timeline(ctx, everything), ())


def _entity_timeline(ctx: Context, r: Record) -> TimelinePage:
    return TimelinePage(f"{r.model.name}: timeline", f"Everything on record that names {r.model.name}.",
                        record_link(r), timeline(ctx, entity_facts(ctx, r)), ())


def _tag_timeline(ctx: Context, tag: str) -> TimelinePage:
    records = (ctx.graph.get(i) for i in ctx.graph.tags[tag])
    return TimelinePage(f"Tag: {tag}", f"Everything on record tagged “{tag}”.", LinkView("tags/", "Tags"),
                        timeline(ctx, records), tag_links(ctx, tag))
