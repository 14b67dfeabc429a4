"""Stage 4a: prepare, from the linked graph, the read-only view of every page templates will show.

One module per page family: `fact`, `comparison` (with `cards` and `terms`), `entity`, `story`,
`timeline`, `lists` (home, indexes, tags, sources, updates); `common` holds what they share and
`prose` the Markdown fields with their embeds and citations. Every view is a frozen dataclass of
plain values and tuples: two builds of the same content give equal views, and a page needs
re-rendering only when its view (or its template) changed.

Page addresses: `` (home), `{kind}/` and `{kind}/{id}/` for every kind, `timeline/`,
`entities/{id}/timeline/`, `tags/`, `tags/{tag}/`, `updates/`, `methodology/`, `search/`, `data/` (the open
data, `data.py`) and `404.html` (sent for any missing address); a long timeline adds a page per year
under its own address (`timeline/2020/`, `entities/{id}/timeline/2020/`, `tags/{tag}/2020/`), and a long
index a page per PAGE_SIZE entries after the first (`sources/page/2/`). A record's old addresses
(`{kind}/{old-id}/`, from its `previous_ids`) are redirect pages (`redirects`); the Atom feeds (`feeds`)
are made files, written beside the pages they belong to.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from .. import kinds
from ..link import SiteGraph
from ..model import Comparison, Entity, Fact, Filed, Source, Story
from ..validate import Record, as_kind
from .common import Context, Declared, LinkView, Page, PageSpec, record_link, record_url
from .comparison import comparison_view
from .data import PAGE as DOWNLOADS
from .data import data_files, downloads_view
from .discovery import FAVICON, ROBOTS, SITEMAP, favicon, robots, sitemap
from .entity import (
    comparisons_listed_apart,
    comparisons_page,
    comparisons_url,
    entity_comparisons,
    entity_facts,
    entity_scorecard,
    entity_view,
    scorecard_listed_apart,
    scorecard_page,
    scorecard_url,
)
from .fact import fact_view
from .feeds import feed_of, feeds
from .lists import (
    UPDATES_TITLE,
    TimelinePage,
    UpdateRow,
    home_view,
    list_pages,
    list_view,
    source_page,
    tag_links,
    tags_index,
    update_rows,
    updates_view,
)
from .notfound import NOT_FOUND, not_found_view
from .paging import PageLink, numbered_pages
from .redirects import redirect_pages
from .scales import METHODOLOGY, methodology_view, scales_stylesheet
from .scales import STYLESHEET as SCALES_STYLESHEET
from .search import SEARCH, search_view
from .shapes import STYLESHEET, kinds_stylesheet
from .share import share_images, with_image
from .story import story_view
from .timeline import PartLink, TimelineView, chronological, overview, timeline, year_page, year_pages
from .web import modified, record_article, record_description, root_path

__all__ = ["OUTPUTS", "Context", "Page", "PageSpec", "SiteView", "made_files", "page_specs", "pages", "site_view"]
NAV = (
    ("stories/", "Stories"),
    ("timeline/", "Timeline"),
    ("comparisons/", "Comparisons"),
    ("entities/", "Entities"),
    ("updates/", "Updates"),
)


@dataclass(frozen=True, kw_only=True)
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
    more = (
        *((f"{kind.name}/", kind.title) for kind in (*kinds.facts(), kinds.kind("sources"))),
        ("tags/", "Tags"),
        METHODOLOGY,
        SEARCH,
        DOWNLOADS,
    )
    return SiteView(
        title=site.title,
        tagline=site.tagline,
        language=site.language,
        publisher=site.publisher,
        licence=site.licence,
        base_url=site.base_url,
        nav=NAV,
        more=more,
    )


MadeFiles = Callable[[Context, Sequence[Declared]], Iterable[tuple[str, bytes]]]
"""What makes some of the site's files that are not pages: (path in the output, bytes) for each, from the
context the pages' views were made in (so parts they share are made once) and the list of pages."""


def stylesheets(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    """The kinds' stylesheet, from the registry, and the scales', from site.yaml."""
    return [(STYLESHEET, kinds_stylesheet()), (SCALES_STYLESHEET, scales_stylesheet(ctx.graph.site.scales))]


def discovery_files(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    """The sitemap of every page, robots.txt and the favicon (discovery.py)."""
    site = ctx.graph.site
    return [(SITEMAP, sitemap(site, pages)), (ROBOTS, robots(site)), (FAVICON, favicon(site))]


def feed_files(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    return feeds(ctx.graph)


def open_data(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    return data_files(ctx)


def share_pictures(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    return share_images(ctx)


OUTPUTS: tuple[MadeFiles, ...] = (stylesheets, discovery_files, feed_files, open_data, share_pictures)
"""Every kind of made file, declared once: build writes them, check makes them without writing, and the
preview writes those whose bytes changed."""


def made_files(ctx: Context, pages: Sequence[Declared]) -> list[tuple[str, bytes]]:
    """Every file of the site that is made rather than copied and is not a page, in a fixed order."""
    return [file for make in OUTPUTS for file in make(ctx, pages)]


def pages(graph: SiteGraph) -> list[Page]:
    """Every page of the site with its view, in a fixed order."""
    return [spec.page() for spec in page_specs(graph)]


def page_specs(graph: SiteGraph, context: Callable[[SiteGraph], Context] = Context) -> list[PageSpec]:
    """Every page of the site in a fixed order, each view prepared only when its page is asked for.

    `context` lets the preview watch what each view reads (see tracking.py).
    """
    return list(_pages(context(graph)))


def _pages(ctx: Context) -> Iterator[PageSpec]:
    site = ctx.graph.site
    updates = partial(ctx.memo, "updates", "", partial(update_rows, ctx))
    yield PageSpec(
        url="", template="home.html", title=site.title, description=site.tagline, make=lambda: home_view(ctx, updates())
    )
    for kind in kinds.names():
        yield from _index_pages(ctx, kind, list_pages(ctx, kind))
    yield from _record_pages(ctx)
    yield from redirect_pages(ctx)
    yield from _timeline_pages(ctx)
    yield from _updates_pages(ctx, updates)
    url, title = METHODOLOGY
    yield PageSpec(
        url=url,
        template="methodology.html",
        title=title,
        description=f"What each verdict and each pledge status on {site.title} means.",
        make=partial(methodology_view, ctx),
    )
    url, title = SEARCH
    yield PageSpec(
        url=url,
        template="search.html",
        title=title,
        description=f"Search everything on record on {site.title}, or browse its indexes.",
        make=partial(search_view, ctx),
    )
    url, title = DOWNLOADS
    yield PageSpec(
        url=url,
        template="data.html",
        title=title,
        description=f"Every record on {site.title} as JSON and CSV, free to reuse under {site.licence}.",
        make=partial(downloads_view, ctx),
    )
    yield PageSpec(
        url=NOT_FOUND,
        template="404.html",
        title="Page not found",
        description=f"There is no page at this address on {site.title}: where to find what you were looking for.",
        root_path=root_path(site),
        make=partial(not_found_view, ctx),
    )


def _updates_pages(ctx: Context, updates: Callable[[], tuple[UpdateRow, ...]]) -> Iterator[PageSpec]:
    about = f"Every correction and update on {ctx.graph.site.title}, newest first."
    pages = numbered_pages("updates/", len(updates()))
    first, *rest = _numbered(
        "updates/", "updates.html", UPDATES_TITLE, about, pages, partial(_updates_page, updates, pages)
    )
    yield dataclasses.replace(first, feed=feed_of("updates/"))
    yield from rest


def _updates_page(updates: Callable[[], tuple[UpdateRow, ...]], pages: tuple[PageLink, ...], number: int) -> object:
    return updates_view(updates(), pages, number)


def _index_pages(ctx: Context, kind: str, pages: tuple[PageLink, ...]) -> Iterator[PageSpec]:
    title, intro = kinds.kind(kind).title, kinds.kind(kind).intro
    return _numbered(f"{kind}/", "list.html", title, intro, pages, partial(list_view, ctx, kind, pages))


def _scorecard_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """An entity's own scorecard page, when its page cannot list every comparison it counts."""
    if not scorecard_listed_apart(ctx, record):
        return iter(())
    url, name = scorecard_url(record), record.model.name
    about = f"Every comparison with {name}’s own words or deeds on a side, counted by verdict."
    pages = numbered_pages(url, len(entity_scorecard(ctx, record).comparisons))
    return _numbered(
        url, "scorecard.html", f"{name}: scorecard", about, pages, partial(scorecard_page, ctx, record, pages)
    )


def _comparisons_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """The list of every comparison of the entity's facts, when its page shows only the newest."""
    if not comparisons_listed_apart(ctx, record):
        return iter(())
    url, name = comparisons_url(record), record.model.name
    about = f"Every comparison of something on record about {name}, newest first."
    pages = numbered_pages(url, len(entity_comparisons(ctx, record)))
    make = partial(comparisons_page, ctx, record, pages)
    return _numbered(url, "entity-comparisons.html", f"{name}: comparisons", about, pages, make)


def _numbered(
    url: str, template: str, title: str, about: str, pages: tuple[PageLink, ...], make: Callable[[int], object]
) -> Iterator[PageSpec]:
    """A list's page at `url` and, when it is split, its numbered pages after the first."""
    yield PageSpec(url=url, template=template, title=title, description=about, make=partial(make, 1))
    for link in pages[1:]:
        yield PageSpec(
            url=link.url,
            template=template,
            title=f"{title}, page {link.number}",
            description=f"{about} Page {link.number} of {len(pages)}.",
            make=partial(make, link.number),
        )


def _record_pages(ctx: Context) -> Iterator[PageSpec]:
    """A page per record, kind by kind in registry order, each drawn by its kind's page family."""
    for kind in kinds.kinds():
        for record in ctx.graph.kinds[kind.name]:
            spec = with_image(ctx, record, _record_page(record, kind.template, _drawing(ctx, kind.page, record)))
            yield dataclasses.replace(spec, feed=feed_of(spec.url)) if kind.page == "entity" else spec


def _drawing(ctx: Context, family: str, record: Record[Filed]) -> Callable[[], object]:
    """How a page family prepares the view of one of its records."""
    if family == "fact":
        return partial(fact_view, ctx, as_kind(record, Fact))
    if family == "comparison":
        return partial(comparison_view, ctx, as_kind(record, Comparison))
    if family == "story":
        return partial(story_view, ctx, as_kind(record, Story))
    if family == "entity":
        return partial(entity_view, ctx, as_kind(record, Entity))
    return partial(source_page, ctx, as_kind(record, Source))


def _record_page(record: Record[Filed], template: str, make: Callable[[], object]) -> PageSpec:
    model = record.model
    return PageSpec(
        url=record_url(record),
        template=template,
        title=model.label(),
        description=record_description(model),
        article=record_article(model),
        modified=modified(model),
        make=make,
    )


def _timeline_pages(ctx: Context) -> Iterator[PageSpec]:
    graph = ctx.graph
    yield from _timeline(ctx, "timeline/", "Timeline", partial(_site_timeline, ctx))
    for r in graph.listed("entities", Entity):
        yield from _timeline(
            ctx, f"{record_url(r)}timeline/", f"{r.model.name}: timeline", partial(_entity_timeline, ctx, r)
        )
        yield from _scorecard_pages(ctx, r)
        yield from _comparisons_pages(ctx, r)
    yield PageSpec(
        url="tags/",
        template="list.html",
        title="Tags",
        description=f"Every topic on {graph.site.title}, each with its own timeline.",
        make=partial(tags_index, ctx),
    )
    for tag in graph.tags:
        yield from _advertising(_timeline(ctx, f"tags/{tag}/", f"Tag: {tag}", partial(_tag_timeline, ctx, tag)))


def _advertising(specs: Iterator[PageSpec]) -> Iterator[PageSpec]:
    """A timeline's pages, the first (at the timeline's own address) advertising the feed of that address."""
    first = next(specs)
    yield dataclasses.replace(first, feed=feed_of(first.url))
    yield from specs


@dataclass(frozen=True, kw_only=True)
class Chronicle:
    """A timeline page's words and links, and its facts in reading order (made once, shared by its year pages)."""

    heading: str
    intro: str
    parent: LinkView | None
    related: tuple[LinkView, ...]
    facts: list[Record[Fact]]


def _timeline(ctx: Context, url: str, heading: str, chronicle: Callable[[], Chronicle]) -> Iterator[PageSpec]:
    """The timeline's page and, when it is split, a page per year.

    Each page makes its chronicle again (cheaply: the facts are memoised), so that what it shows is
    all read while its own view is made.
    """
    shown = chronicle()
    years, intro = year_pages(ctx, shown.facts, url), shown.intro
    if not years:
        yield PageSpec(
            url=url, template="timeline.html", title=heading, description=intro, make=partial(_whole, chronicle, ctx)
        )
        return
    yield PageSpec(
        url=url,
        template="timeline.html",
        title=heading,
        description=intro,
        make=partial(_overview, chronicle, ctx, years),
    )
    for link in years:
        entries = "the entry" if link.count == 1 else f"the {link.count} entries"
        whose = link.year.described if link.of == 1 else f"{link.year.described} (page {link.number} of {link.of})"
        yield PageSpec(
            url=link.url,
            template="timeline.html",
            title=f"{heading}, {link.label}",
            description=f"{intro} This page: {entries} {whose}.",
            make=partial(_year, url, chronicle, ctx, years, link),
        )


def _whole(chronicle: Callable[[], Chronicle], ctx: Context) -> TimelinePage:
    shown = chronicle()
    return _page(shown, timeline(ctx, shown.facts))


def _overview(chronicle: Callable[[], Chronicle], ctx: Context, years: tuple[PartLink, ...]) -> TimelinePage:
    shown = chronicle()
    return _page(shown, overview(ctx, shown.facts, years))


def _page(shown: Chronicle, drawn: TimelineView) -> TimelinePage:
    return TimelinePage(
        heading=shown.heading, intro=shown.intro, parent=shown.parent, timeline=drawn, related=shown.related
    )


def _year(
    url: str, chronicle: Callable[[], Chronicle], ctx: Context, years: tuple[PartLink, ...], link: PartLink
) -> TimelinePage:
    shown = chronicle()
    return TimelinePage(
        heading=f"{shown.heading}, {link.label}",
        intro=shown.intro,
        parent=LinkView(url=url, label=shown.heading),
        timeline=year_page(ctx, shown.facts, years, link.url),
        related=(),
    )


def _site_timeline(ctx: Context) -> Chronicle:
    listed = ctx.graph.kinds
    facts = ctx.memo("timeline", "", lambda: chronological(ctx, (r for k in kinds.fact_names() for r in listed[k])))
    return Chronicle(
        heading="Timeline",
        intro="Everything on record, in the order it happened.",
        parent=None,
        related=(),
        facts=facts,
    )


def _entity_timeline(ctx: Context, r: Record[Entity]) -> Chronicle:
    return Chronicle(
        heading=f"{r.model.name}: timeline",
        intro=f"Everything on record that names {r.model.name}.",
        parent=record_link(ctx, r),
        related=(),
        facts=entity_facts(ctx, r),
    )


def _tag_timeline(ctx: Context, tag: str) -> Chronicle:
    facts = ctx.memo("tag-timeline", tag, lambda: chronological(ctx, map(ctx.graph.get, ctx.graph.tags[tag])))
    return Chronicle(
        heading=f"Tag: {tag}",
        intro=f"Everything on record tagged “{tag}”.",
        parent=LinkView(url="tags/", label="Tags"),
        related=tag_links(ctx, tag),
        facts=facts,
    )
