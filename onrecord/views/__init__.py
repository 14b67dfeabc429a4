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
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from .. import kinds
from ..link import SiteGraph
from ..model import Comparison, Entity, Fact, Filed, Source, Story
from ..validate import Record, as_kind
from .common import Context, Declared, LinkView, Page, PageSpec, record_link, record_url
from .comparison import comparison_view
from .data import KIND_DATA, data_files, downloads_view
from .data import PAGE as DOWNLOADS
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
    return feeds(ctx)


def open_data(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    return data_files(ctx)


def share_pictures(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    return share_images(ctx)


PAGE_LIST = "pages"
"""The memoised family of the list of every page (one result, of every page's spec)."""
LASTING = frozenset({KIND_DATA, PAGE_LIST})
"""Families of memoised results a build keeps in its cache for the next one (reuse.Lasting): plain values
(bytes, tuples, specs), dear to make and needed whole by every build; others are made again when needed."""

OUTPUTS: tuple[MadeFiles, ...] = (stylesheets, discovery_files, feed_files, open_data, share_pictures)
"""Every kind of made file, declared once: build writes them, check makes them without writing, and the
preview writes those whose bytes changed."""


def made_files(ctx: Context, pages: Sequence[Declared]) -> list[tuple[str, bytes]]:
    """Every file of the site that is made rather than copied and is not a page, in a fixed order."""
    return [file for make in OUTPUTS for file in make(ctx, pages)]


def pages(graph: SiteGraph) -> list[Page]:
    """Every page of the site with its view, in a fixed order."""
    ctx = Context(graph)
    return [spec.page(ctx) for spec in page_specs(ctx)]


def page_specs(ctx: Context) -> list[PageSpec]:
    """Every page of the site in a fixed order, each view prepared only when its page is asked for.

    Memoised as a whole, and record by record, so that the preview lists again only what an edit reaches.
    """
    return ctx.memo(PAGE_LIST, "", lambda: list(_pages(ctx)))


def _pages(ctx: Context) -> Iterator[PageSpec]:
    site = ctx.graph.site
    yield PageSpec(url="", template="home.html", title=site.title, description=site.tagline, draw=_home)
    for kind in kinds.names():
        yield from _index_pages(ctx, kind, list_pages(ctx, kind))
    for name in kinds.names():
        for record in ctx.graph.kinds[name]:
            yield ctx.memo_of("page-of", record, _record_page)
    yield from redirect_pages(ctx)
    yield from _timeline_pages(ctx)
    yield from _updates_pages(ctx)
    url, title = METHODOLOGY
    yield PageSpec(
        url=url,
        template="methodology.html",
        title=title,
        description=f"What each verdict and each pledge status on {site.title} means.",
        draw=methodology_view,
    )
    url, title = SEARCH
    yield PageSpec(
        url=url,
        template="search.html",
        title=title,
        description=f"Search everything on record on {site.title}, or browse its indexes.",
        draw=search_view,
    )
    url, title = DOWNLOADS
    yield PageSpec(
        url=url,
        template="data.html",
        title=title,
        description=f"Every record on {site.title} as JSON and CSV, free to reuse under {site.licence}.",
        draw=downloads_view,
    )
    yield PageSpec(
        url=NOT_FOUND,
        template="404.html",
        title="Page not found",
        description=f"There is no page at this address on {site.title}: where to find what you were looking for.",
        root_path=root_path(site),
        draw=not_found_view,
    )


def _updates(ctx: Context) -> tuple[UpdateRow, ...]:
    return ctx.memo("updates", "", partial(update_rows, ctx))


def _home(ctx: Context) -> object:
    return home_view(ctx, _updates(ctx))


def _updates_pages(ctx: Context) -> Iterator[PageSpec]:
    about = f"Every correction and update on {ctx.graph.site.title}, newest first."
    pages = numbered_pages("updates/", len(_updates(ctx)))
    first, *rest = _numbered("updates/", "updates.html", UPDATES_TITLE, about, pages, _updates_page, (pages,))
    yield dataclasses.replace(first, feed=feed_of("updates/"))
    yield from rest


def _updates_page(ctx: Context, pages: tuple[PageLink, ...], number: int) -> object:
    return updates_view(_updates(ctx), pages, number)


def _index_pages(ctx: Context, kind: str, pages: tuple[PageLink, ...]) -> Iterator[PageSpec]:
    title, intro = kinds.kind(kind).title, kinds.kind(kind).intro
    return _numbered(f"{kind}/", "list.html", title, intro, pages, list_view, (kind, pages))


def _scorecard_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """An entity's own scorecard page, when its page cannot list every comparison it counts."""
    if not scorecard_listed_apart(ctx, record):
        return iter(())
    url, name = scorecard_url(record), record.model.name
    about = f"Every comparison with {name}’s own words or deeds on a side, counted by verdict."
    pages = numbered_pages(url, len(entity_scorecard(ctx, record).comparisons))
    return _numbered(url, "scorecard.html", f"{name}: scorecard", about, pages, _scorecard, (record.id, pages))


def _scorecard(ctx: Context, entity: str, pages: tuple[PageLink, ...], number: int) -> object:
    return scorecard_page(ctx, ctx.graph.entity(entity), pages, number)


def _comparisons_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """The list of every comparison of the entity's facts, when its page shows only the newest."""
    if not comparisons_listed_apart(ctx, record):
        return iter(())
    url, name = comparisons_url(record), record.model.name
    about = f"Every comparison of something on record about {name}, newest first."
    pages = numbered_pages(url, len(entity_comparisons(ctx, record)))
    title = f"{name}: comparisons"
    return _numbered(url, "entity-comparisons.html", title, about, pages, _comparisons, (record.id, pages))


def _comparisons(ctx: Context, entity: str, pages: tuple[PageLink, ...], number: int) -> object:
    return comparisons_page(ctx, ctx.graph.entity(entity), pages, number)


def _numbered(
    url: str,
    template: str,
    title: str,
    about: str,
    pages: tuple[PageLink, ...],
    draw: Callable[..., object],
    args: tuple[Hashable, ...],
) -> Iterator[PageSpec]:
    """A list's page at `url` and, when it is split, its numbered pages after the first; `draw` takes the
    page's number after `args`."""
    yield PageSpec(url=url, template=template, title=title, description=about, draw=draw, args=(*args, 1))
    for link in pages[1:]:
        yield PageSpec(
            url=link.url,
            template=template,
            title=f"{title}, page {link.number}",
            description=f"{about} Page {link.number} of {len(pages)}.",
            draw=draw,
            args=(*args, link.number),
        )


def _record_page(ctx: Context, record: Record[Filed]) -> PageSpec:
    """A record's page, drawn by its kind's page family."""
    model = record.model
    spec = PageSpec(
        url=record_url(record),
        template=kinds.kind(record.kind).template,
        title=model.label(),
        description=record_description(model),
        article=record_article(model),
        modified=modified(model),
        draw=_record_view,
        args=(record.id,),
    )
    spec = with_image(ctx, record, spec)
    return dataclasses.replace(spec, feed=feed_of(spec.url)) if kinds.kind(record.kind).page == "entity" else spec


def _record_view(ctx: Context, record_id: str) -> object:
    record = ctx.graph.get(record_id)
    family = kinds.kind(record.kind).page
    if family == "fact":
        return fact_view(ctx, as_kind(record, Fact))
    if family == "comparison":
        return comparison_view(ctx, as_kind(record, Comparison))
    if family == "story":
        return story_view(ctx, as_kind(record, Story))
    if family == "entity":
        return entity_view(ctx, as_kind(record, Entity))
    return source_page(ctx, as_kind(record, Source))


def _timeline_pages(ctx: Context) -> Iterator[PageSpec]:
    graph = ctx.graph
    yield from _timeline(ctx, "timeline/", SITE, "")
    for r in graph.listed("entities", Entity):
        yield from ctx.memo_of("entity-pages", r, _entity_pages)
    yield PageSpec(
        url="tags/",
        template="list.html",
        title="Tags",
        description=f"Every topic on {graph.site.title}, each with its own timeline.",
        draw=tags_index,
    )
    for tag in graph.tags:
        yield from ctx.memo("tag-pages", tag, partial(_tag_pages, ctx, tag))


def _tag_pages(ctx: Context, tag: str) -> list[PageSpec]:
    return list(_advertising(_timeline(ctx, f"tags/{tag}/", TAG, tag)))


def _entity_pages(ctx: Context, record: Record[Entity]) -> list[PageSpec]:
    """An entity's timeline, and its scorecard and comparisons when they have pages of their own."""
    return [
        *_timeline(ctx, f"{record_url(record)}timeline/", ENTITY, record.id),
        *_scorecard_pages(ctx, record),
        *_comparisons_pages(ctx, record),
    ]


def _advertising(specs: Iterator[PageSpec]) -> Iterator[PageSpec]:
    """A timeline's pages, the first (at the timeline's own address) advertising the feed of that address."""
    first = next(specs)
    yield dataclasses.replace(first, feed=feed_of(first.url))
    yield from specs


@dataclass(frozen=True, kw_only=True)
class Chronicle:
    """A timeline page's words and links, shared by its year pages."""

    heading: str
    intro: str
    parent: LinkView | None
    related: tuple[LinkView, ...]


SITE, ENTITY, TAG = "site", "entity", "tag"
"""Whose timeline a chronicle is: the site's, an entity's (by id) or a tag's."""


def _timeline(ctx: Context, url: str, whose: str, key: str) -> Iterator[PageSpec]:
    """The timeline's page and, when it is split, a page per year."""
    shown = _chronicle(ctx, whose, key)
    years, intro, heading = year_pages(ctx, _facts(ctx, whose, key), url), shown.intro, shown.heading
    if not years:
        yield PageSpec(
            url=url, template="timeline.html", title=heading, description=intro, draw=_whole, args=(whose, key)
        )
        return
    yield PageSpec(
        url=url,
        template="timeline.html",
        title=heading,
        description=intro,
        draw=_overview,
        args=(whose, key, years),
    )
    for link in years:
        _part(ctx, whose, key, link)
        entries = "the entry" if link.count == 1 else f"the {link.count} entries"
        whole = link.year.described if link.of == 1 else f"{link.year.described} (page {link.number} of {link.of})"
        yield PageSpec(
            url=link.url,
            template="timeline.html",
            title=f"{heading}, {link.label}",
            description=f"{intro} This page: {entries} {whole}.",
            draw=_year,
            args=(whose, key, url, years, link),
        )


def _whole(ctx: Context, whose: str, key: str) -> TimelinePage:
    return _page(_chronicle(ctx, whose, key), timeline(ctx, _facts(ctx, whose, key)))


def _overview(ctx: Context, whose: str, key: str, years: tuple[PartLink, ...]) -> TimelinePage:
    return _page(_chronicle(ctx, whose, key), overview(ctx, _facts(ctx, whose, key), years))


def _page(shown: Chronicle, drawn: TimelineView) -> TimelinePage:
    return TimelinePage(
        heading=shown.heading, intro=shown.intro, parent=shown.parent, timeline=drawn, related=shown.related
    )


def _year(ctx: Context, whose: str, key: str, url: str, years: tuple[PartLink, ...], link: PartLink) -> TimelinePage:
    shown = _chronicle(ctx, whose, key)
    part = _part(ctx, whose, key, link)
    return TimelinePage(
        heading=f"{shown.heading}, {link.label}",
        intro=shown.intro,
        parent=LinkView(url=url, label=shown.heading),
        timeline=year_page(ctx, part, years, link.url),
        related=(),
    )


def _part(ctx: Context, whose: str, key: str, link: PartLink) -> list[Record[Fact]]:
    """A year page's entries, memoised while the pages are listed: when an edit elsewhere in the timeline
    leaves them as they were, the page is kept."""
    at = f"{link.url} {link.start} {link.count}"
    return ctx.memo("timeline-part", at, lambda: _facts(ctx, whose, key)[link.start : link.start + link.count])


def _chronicle(ctx: Context, whose: str, key: str) -> Chronicle:
    if whose == SITE:
        return Chronicle(
            heading="Timeline", intro="Everything on record, in the order it happened.", parent=None, related=()
        )
    if whose == ENTITY:
        entity = ctx.graph.entity(key)
        name = entity.model.name
        return Chronicle(
            heading=f"{name}: timeline",
            intro=f"Everything on record that names {name}.",
            parent=record_link(ctx, entity),
            related=(),
        )
    return Chronicle(
        heading=f"Tag: {key}",
        intro=f"Everything on record tagged “{key}”.",
        parent=LinkView(url="tags/", label="Tags"),
        related=tag_links(ctx, key),
    )


def _facts(ctx: Context, whose: str, key: str) -> list[Record[Fact]]:
    """The timeline's facts in reading order, memoised for its pages."""
    if whose == SITE:
        listed = ctx.graph.kinds
        return ctx.memo("timeline", "", lambda: chronological(ctx, (r for k in kinds.fact_names() for r in listed[k])))
    if whose == ENTITY:
        return entity_facts(ctx, ctx.graph.entity(key))
    return ctx.memo("tag-timeline", key, lambda: chronological(ctx, map(ctx.graph.get, ctx.graph.tags[key])))
