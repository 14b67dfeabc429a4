"""Stage 4a: prepare, from the linked graph, the read-only view of every page templates will show.

One module per page family: `fact`, `comparison` (with `cards` and `terms`), `entity`, `story`,
`timeline` (with `chronicles`, its pages), `lists` (home, indexes, tags, sources, updates); `common`
holds what they share and `prose` the Markdown fields with their embeds and citations. Every view is
a frozen dataclass of plain values and tuples: two builds of the same content give equal views, and a
page needs re-rendering only when its view (or its template) changed.

Page addresses: `` (home), `{kind}/` and `{kind}/{id}/` for every kind, `timeline/`,
`entities/{id}/timeline/` (and `people/`, `scorecard/`, `comparisons/` beside it when long), `tags/`,
`tags/{tag}/`, `tags/{tag}/related/` (when long), `updates/`, `methodology/`, `search/`, `data/` (the open
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
from ..model import Comparison, Entity, Fact, Filed, Image, Source, Story
from ..translation import N_, _
from ..validate import Record, as_kind
from .chronicles import ENTITY, SITE, TAG, timeline_pages
from .common import Context, Declared, Page, PageSpec, record_url
from .comparison import comparison_view
from .data import KIND_DATA, data_files, downloads_view
from .data import PAGE as DOWNLOADS
from .discovery import FAVICON, ROBOTS, SITEMAP, favicon, robots, sitemap
from .entity import (
    comparisons_listed_apart,
    comparisons_page,
    comparisons_url,
    entity_comparisons,
    entity_members,
    entity_scorecard,
    entity_view,
    members_listed_apart,
    members_url,
    scorecard_listed_apart,
    scorecard_page,
    scorecard_url,
)
from .fact import fact_view
from .feeds import feed_of, feeds
from .image import image_page
from .languages import direction
from .lists import (
    UPDATES_TITLE,
    UpdateRow,
    home_view,
    list_pages,
    list_view,
    members_view,
    numbered_heading,
    source_page,
    tag_links,
    tag_related_view,
    tags_index,
    update_rows,
    updates_view,
)
from .notfound import NOT_FOUND, not_found_view
from .paging import PageLink, numbered_pages
from .pictures import picture_files
from .redirects import redirect_pages
from .scales import METHODOLOGY, methodology_view, scales_stylesheet
from .scales import STYLESHEET as SCALES_STYLESHEET
from .search import SEARCH, search_view
from .shapes import STYLESHEET, kinds_stylesheet
from .share import share_images, with_image
from .story import story_view
from .web import modified, record_article, record_description, root_path

__all__ = ["OUTPUTS", "Context", "Page", "PageSpec", "SiteView", "made_files", "page_specs", "pages", "site_view"]
NAV = (
    ("stories/", N_("Stories")),
    ("timeline/", N_("Timeline")),
    ("comparisons/", N_("Comparisons")),
    ("entities/", N_("Entities")),
    ("updates/", N_("Updates")),
)


@dataclass(frozen=True, kw_only=True)
class SiteView:
    """Site-wide settings and navigation every page shows."""

    title: str
    tagline: str
    language: str
    direction: str
    """The way the language is written, as `dir` takes it: "ltr", or "rtl" (Arabic, Hebrew...)."""
    publisher: str
    licence: str
    base_url: str
    nav: tuple[tuple[str, str], ...]
    more: tuple[tuple[str, str], ...]


def site_view(graph: SiteGraph) -> SiteView:
    site = graph.site
    more = (
        *((f"{kind.name}/", kind.title) for kind in (*kinds.facts(), kinds.kind("sources"), kinds.kind("images"))),
        ("tags/", N_("Tags")),
        METHODOLOGY,
        SEARCH,
        DOWNLOADS,
    )
    return SiteView(
        title=site.title,
        tagline=site.tagline,
        language=site.language,
        direction=direction(site.language),
        publisher=site.publisher,
        licence=site.licence,
        base_url=site.base_url,
        nav=tuple((target, _(label)) for target, label in NAV),
        more=tuple((target, _(label)) for target, label in more),
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


def image_sizes(ctx: Context, pages: Sequence[Declared]) -> Iterable[tuple[str, bytes]]:
    return picture_files(ctx)


PAGE_LIST = "pages"
"""The memoised family of the list of every page (one result, of every page's spec)."""
LASTING = frozenset({KIND_DATA, PAGE_LIST})
"""Families of memoised results a build keeps in its cache for the next one (reuse.Lasting): plain values
(bytes, tuples, specs), dear to make and needed whole by every build; others are made again when needed."""

OUTPUTS: tuple[MadeFiles, ...] = (stylesheets, discovery_files, feed_files, open_data, share_pictures, image_sizes)
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
        title=_(title),
        description=_("What each verdict and each pledge status on %(site)s means.", site=site.title),
        draw=methodology_view,
    )
    url, title = SEARCH
    yield PageSpec(
        url=url,
        template="search.html",
        title=_(title),
        description=_("Search everything on record on %(site)s, or browse its indexes.", site=site.title),
        draw=search_view,
    )
    url, title = DOWNLOADS
    yield PageSpec(
        url=url,
        template="data.html",
        title=_(title),
        description=_(
            "Every record on %(site)s as JSON and CSV, free to reuse under %(licence)s.",
            site=site.title,
            licence=site.licence,
        ),
        draw=downloads_view,
    )
    yield PageSpec(
        url=NOT_FOUND,
        template="404.html",
        title=_("Page not found"),
        description=_(
            "There is no page at this address on %(site)s: where to find what you were looking for.", site=site.title
        ),
        root_path=root_path(site),
        draw=not_found_view,
    )


def _updates(ctx: Context) -> tuple[UpdateRow, ...]:
    return ctx.memo("updates", "", partial(update_rows, ctx))


def _home(ctx: Context) -> object:
    return home_view(ctx, _updates(ctx))


def _updates_pages(ctx: Context) -> Iterator[PageSpec]:
    about = _("Every correction and update on %(site)s, newest first.", site=ctx.graph.site.title)
    pages = numbered_pages("updates/", len(_updates(ctx)))
    first, *rest = _numbered("updates/", "updates.html", _(UPDATES_TITLE), about, pages, _updates_page, (pages,))
    yield dataclasses.replace(first, feed=feed_of("updates/"))
    yield from rest


def _updates_page(ctx: Context, pages: tuple[PageLink, ...], number: int) -> object:
    return updates_view(_updates(ctx), pages, number)


def _index_pages(ctx: Context, kind: str, pages: tuple[PageLink, ...]) -> Iterator[PageSpec]:
    title, intro = _(kinds.kind(kind).title), _(kinds.kind(kind).intro)
    return _numbered(f"{kind}/", "list.html", title, intro, pages, list_view, (kind, pages))


def _scorecard_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """An entity's own scorecard page, when its page cannot list every comparison it counts."""
    if not scorecard_listed_apart(ctx, record):
        return iter(())
    name = record.model.name
    about = _("Every comparison with %(name)s’s own words or deeds on a side, counted by verdict.", name=name)
    title = _("%(name)s: scorecard", name=name)
    count = len(entity_scorecard(ctx, record).comparisons)
    return _entity_list(record, scorecard_url(record), count, ("scorecard.html", title, about), _scorecard)


def _scorecard(ctx: Context, entity: str, pages: tuple[PageLink, ...], number: int) -> object:
    return scorecard_page(ctx, ctx.graph.entity(entity), pages, number)


def _comparisons_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """The list of every comparison of the entity's facts, when its page shows only the newest."""
    if not comparisons_listed_apart(ctx, record):
        return iter(())
    name = record.model.name
    about = _("Every comparison of something on record about %(name)s, newest first.", name=name)
    title = _("%(name)s: comparisons", name=name)
    count = len(entity_comparisons(ctx, record))
    return _entity_list(record, comparisons_url(record), count, ("entity-comparisons.html", title, about), _comparisons)


def _entity_list(
    record: Record[Entity], url: str, count: int, words: tuple[str, str, str], draw: Callable[..., object]
) -> Iterator[PageSpec]:
    """The pages of one of an entity's lists, of `count` entries at `url`; `words` are the template, the
    list's title and what its pages are about."""
    template, title, about = words
    pages = numbered_pages(url, count)
    return _numbered(url, template, title, about, pages, draw, (record.id, pages))


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
            title=numbered_heading(title, link.number),
            description=f"{about} " + _("Page %(number)s of %(total)s.", number=link.number, total=len(pages)),
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
    if family == "image":
        return image_page(ctx, as_kind(record, Image))
    return source_page(ctx, as_kind(record, Source))


def _timeline_pages(ctx: Context) -> Iterator[PageSpec]:
    graph = ctx.graph
    yield from timeline_pages(ctx, "timeline/", SITE, "")
    for r in graph.listed("entities", Entity):
        yield from ctx.memo_of("entity-pages", r, _entity_pages)
    about = _("Every topic on %(site)s, each with its own timeline.", site=graph.site.title)
    pages = numbered_pages("tags/", len(graph.tags))
    yield from _numbered("tags/", "list.html", _("Tags"), about, pages, tags_index, (pages,))
    for tag in graph.tags:
        yield from ctx.memo("tag-pages", tag, partial(_tag_pages, ctx, tag))


def _tag_pages(ctx: Context, tag: str) -> list[PageSpec]:
    """A tag's timeline and, when its page cannot list every story and comparison carrying it, their pages."""
    return [*_advertising(timeline_pages(ctx, f"tags/{tag}/", TAG, tag)), *_tag_related_pages(ctx, tag)]


def _tag_related_pages(ctx: Context, tag: str) -> Iterator[PageSpec]:
    related = tag_links(ctx, tag)
    if related is None or not related.url:
        return iter(())
    about = _("Every story and comparison tagged “%(tag)s”, newest first.", tag=tag)
    pages = numbered_pages(related.url, related.total)
    title = _("Tag: %(tag)s: stories and comparisons", tag=tag)
    return _numbered(related.url, "list.html", title, about, pages, tag_related_view, (tag, pages))


def _entity_pages(ctx: Context, record: Record[Entity]) -> list[PageSpec]:
    """An entity's timeline, and its scorecard and comparisons when they have pages of their own."""
    return [
        *timeline_pages(ctx, f"{record_url(record)}timeline/", ENTITY, record.id),
        *_scorecard_pages(ctx, record),
        *_comparisons_pages(ctx, record),
        *_members_pages(ctx, record),
    ]


def _members_pages(ctx: Context, record: Record[Entity]) -> Iterator[PageSpec]:
    """The list of everyone on record as a member of the entity, when its page lists only the first."""
    if not members_listed_apart(ctx, record):
        return iter(())
    name = record.model.name
    about = _("Everyone on record as a member of %(name)s, with their role.", name=name)
    count = len(entity_members(ctx, record))
    return _entity_list(
        record, members_url(record), count, ("list.html", _("%(name)s: people", name=name), about), _members
    )


def _members(ctx: Context, entity: str, pages: tuple[PageLink, ...], number: int) -> object:
    return members_view(ctx, ctx.graph.entity(entity), pages, number)


def _advertising(specs: Iterator[PageSpec]) -> Iterator[PageSpec]:
    """A timeline's pages, the first (at the timeline's own address) advertising the feed of that address."""
    first = next(specs)
    yield dataclasses.replace(first, feed=feed_of(first.url))
    yield from specs
