"""The pages of a timeline, the site's, an entity's or a tag's: the whole timeline on one page or, when it
is split, an overview and a page per year (timeline.py), each with the words that say whose it is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import kinds
from ..model import Fact
from ..translation import _, n_
from ..validate import Record
from .common import Context, LinkView, PageSpec, record_link
from .entity import entity_facts
from .lists import Related, TimelinePage, tag_links
from .timeline import PartLink, TimelineView, chronological, overview, timeline, year_page, year_pages


@dataclass(frozen=True, kw_only=True)
class Chronicle:
    """A timeline page's words and links, shared by its year pages."""

    heading: str
    intro: str
    parent: LinkView | None
    related: Related | None


SITE, ENTITY, TAG = "site", "entity", "tag"
"""Whose timeline a chronicle is: the site's, an entity's (by id) or a tag's."""


def timeline_pages(ctx: Context, url: str, whose: str, key: str) -> Iterator[PageSpec]:
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
        yield PageSpec(
            url=link.url,
            template="timeline.html",
            title=_year_heading(heading, link),
            description=f"{intro} {_this_page(link)}",
            draw=_year,
            args=(whose, key, url, years, link),
        )


def _year_heading(heading: str, link: PartLink) -> str:
    """A year page's heading: the timeline's, and which year (and which of its pages) it is."""
    return _("%(heading)s, %(part)s", heading=heading, part=link.label)


def _this_page(link: PartLink) -> str:
    """What a year page holds: "This page: the 12 entries from 2020 (page 1 of 2)."."""
    described = link.year.described
    if link.of == 1:
        return n_(
            "This page: the entry %(described)s.",
            "This page: the %(count)s entries %(described)s.",
            link.count,
            described=described,
        )
    return n_(
        "This page: the entry %(described)s (page %(number)s of %(of)s).",
        "This page: the %(count)s entries %(described)s (page %(number)s of %(of)s).",
        link.count,
        described=described,
        number=link.number,
        of=link.of,
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
        heading=_year_heading(shown.heading, link),
        intro=shown.intro,
        parent=LinkView(url=url, label=shown.heading),
        timeline=year_page(ctx, part, years, link.url),
        related=None,
    )


def _part(ctx: Context, whose: str, key: str, link: PartLink) -> list[Record[Fact]]:
    """A year page's entries, memoised while the pages are listed: when an edit elsewhere in the timeline
    leaves them as they were, the page is kept."""
    at = f"{link.url} {link.start} {link.count}"
    return ctx.memo("timeline-part", at, lambda: _facts(ctx, whose, key)[link.start : link.start + link.count])


def _chronicle(ctx: Context, whose: str, key: str) -> Chronicle:
    if whose == SITE:
        return Chronicle(
            heading=_("Timeline"), intro=_("Everything on record, in the order it happened."), parent=None, related=None
        )
    if whose == ENTITY:
        entity = ctx.graph.entity(key)
        name = entity.model.name
        return Chronicle(
            heading=_("%(name)s: timeline", name=name),
            intro=_("Everything on record that names %(name)s.", name=name),
            parent=record_link(ctx, entity),
            related=None,
        )
    return Chronicle(
        heading=_("Tag: %(tag)s", tag=key),
        intro=_("Everything on record tagged “%(tag)s”.", tag=key),
        parent=LinkView(url="tags/", label=_("Tags")),
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
