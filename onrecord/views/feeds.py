"""Atom feeds (RFC 4287): the whole site's, the corrections log's, and one per entity and per tag.

Readers subscribe to what they follow and hear of new facts, comparisons, stories and corrections
without visiting. Feeds are read away from the site, so every address in them is absolute (from
site.yaml's `base_url`, through `web.absolute`), and ids are those addresses: they change only when a
record is renamed, never between builds or because another record changed. Dates come from the
records themselves, never the build's clock, so two builds of the same content give the same bytes.
Every feed is written even when it has no entries yet, so a reader may subscribe before there is news.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree

from .. import dates, kinds
from ..link import SiteGraph
from ..model import Comparison, Dated, Fact, Filed, Site, Story, Update
from ..translation import _
from ..validate import Record
from .common import Context, record_url
from .web import absolute

FEED = "feed.xml"
"""The feed of a page is this file in the page's folder: `feed.xml`, `tags/{tag}/feed.xml`."""
UPDATES = "updates/"
SHOWN = 50
"""Entries a feed holds: the newest. Readers poll feeds often, so they stay small however large the site."""
ATOM = "http://www.w3.org/2005/Atom"
NO_DATE = date(1970, 1, 1)
"""A feed's `updated` when it has no entries: Atom requires a date, and the clock would break determinism."""


def feed_of(page_url: str) -> str:
    """The address of a page's feed: `entities/ibm/` -> `entities/ibm/feed.xml`."""
    return page_url + FEED


@dataclass(frozen=True)
class Entry:
    """One entry: a record, or one correction of a record."""

    id: str
    title: str
    link: str
    """The entry's page, as an address in the site."""
    updated: date
    published: date
    summary: str
    authors: tuple[str, ...]
    """Empty: the feed's author, the site's publisher."""
    tags: tuple[str, ...]


FAMILY = "feed"
"""The memoised family of feeds: the site's under "", the updates' under UPDATES, an entity's under its
id, a tag's under its page's address."""
Drawn = tuple[Entry, str]
"""An entry with its element, serialised."""


def feeds(ctx: Context) -> Iterator[tuple[str, bytes]]:
    """Every feed of the site as (file, bytes): the site's, the updates', each entity's, each tag's.

    Each feed, and each record's entries, is a memoised part, so the preview makes again only the feeds
    an edit reaches and draws each entry once however many feeds hold it."""
    graph = ctx.graph
    yield ctx.memo(FAMILY, "", lambda: _feed(ctx, "", graph.site.title, _entries(ctx, _published(ctx.graph))))
    yield ctx.memo(FAMILY, UPDATES, lambda: _feed(ctx, UPDATES, _("Corrections and updates"), _updates(ctx)))
    for entity in graph.kinds["entities"]:
        yield ctx.memo_of(FAMILY, entity, _entity_feed)
    for tag in graph.tags:
        yield ctx.memo(FAMILY, f"tags/{tag}/", functools.partial(_tag_feed, ctx, tag))


def _entity_feed(ctx: Context, entity: Record[Filed]) -> tuple[str, bytes]:
    graph = ctx.graph
    named = (graph.get(i) for i in dict.fromkeys(_naming(graph, entity)))
    return _feed(ctx, record_url(entity), entity.model.label(), _entries(ctx, named))


def _tag_feed(ctx: Context, tag: str) -> tuple[str, bytes]:
    graph = ctx.graph
    return _feed(ctx, f"tags/{tag}/", _("Tag: %(tag)s", tag=tag), _entries(ctx, map(graph.get, graph.tags[tag])))


def _entries(ctx: Context, records: Iterable[Record[Filed]]) -> Iterator[Drawn]:
    """The entries of those records that are published and dated, each drawn once per build."""
    for record in records:
        if _is_published(record) and (found := ctx.memo_of("feed-entry", record, _record_drawn)) is not None:
            yield found


def _record_drawn(ctx: Context, record: Record[Filed]) -> Drawn | None:
    base = absolute(ctx.graph.site, "")
    entry = record_entry(base, ctx.graph, record)
    return None if entry is None else (entry, _drawn(base, entry))


def _updates(ctx: Context) -> Iterator[Drawn]:
    for record in _published(ctx.graph):
        yield from ctx.memo_of("feed-updates", record, _updates_drawn)


def _updates_drawn(ctx: Context, record: Record[Filed]) -> tuple[Drawn, ...]:
    base = absolute(ctx.graph.site, "")
    return tuple((entry, _drawn(base, entry)) for entry in update_entries(base, [record]))


def _published(graph: SiteGraph) -> Iterator[Record[Filed]]:
    """Facts, comparisons and stories, drafts left out even of a build with --drafts: a feed is subscribed
    to, not previewed."""
    for kind in kinds.names():
        yield from filter(_is_published, graph.kinds[kind])


def _is_published(record: Record[Filed]) -> bool:
    return isinstance(record.model, (Dated, Comparison)) and not record.model.is_draft()


def _naming(graph: SiteGraph, entity: Record[Filed]) -> Iterator[str]:
    """The ids of the facts that name the entity, as its timeline lists them, and of the comparisons that
    set one of those facts on a side, as its page lists them."""
    facts = [i for i in graph.referrers.get(entity.id, ()) if isinstance(graph.get(i).model, Fact)]
    yield from facts
    for fact in facts:
        for other in graph.referrers.get(fact, ()):
            model = graph.get(other).model
            if isinstance(model, Comparison) and fact in (model.left.fact, model.right.fact):
                yield other


def first_day(value: dates.Edtf) -> date | None:
    """The day an entry is dated: the first day a date allows, so a date known to its month or year
    (2023-08, 2020) is dated the 1st of that month or of January, and a range by its start; None when
    the date is not known."""
    if isinstance(value, dates.Unknown):
        return None
    return dates.anchor(value).first_day()


def record_entry(base: str, graph: SiteGraph, record: Record[Filed]) -> Entry | None:
    """A fact, comparison or story as an entry, dated by its own date and updated by its latest change;
    None when it has no date at all (a fact of unknown date never corrected)."""
    model = record.model
    known = [day for day in map(first_day, _dates(graph, model)) if day is not None]
    if not known or not isinstance(model, (Dated, Comparison)):
        return None
    return Entry(
        id=base + record_url(record),
        title=model.label(),
        link=record_url(record),
        updated=max(known),
        published=known[0],
        summary=model.summary,
        authors=tuple(model.authors) if isinstance(model, Story) else (),
        tags=tuple(model.tags),
    )


def _dates(graph: SiteGraph, model: Filed) -> list[dates.Edtf]:
    """The record's own date first, then its later dates: a story's `updated`, each `updates` entry.

    A comparison has no date of its own: it is dated by the later of the facts it sets side by side,
    since it could not be made before both were on record."""
    found: list[dates.Edtf] = []
    if isinstance(model, Dated):
        found.append(model.date)
    if isinstance(model, Comparison):
        sides = (graph.fact(model.left.fact).model.date, graph.fact(model.right.fact).model.date)
        found.append(max(sides, key=dates.sort_key))
    if isinstance(model, Story) and model.updated is not None:
        found.append(model.updated)
    if isinstance(model, (Dated, Comparison)):
        found.extend(u.date for u in model.updates)
    return found


def update_entries(base: str, records: Iterable[Record[Filed]]) -> Iterator[Entry]:
    """One entry per `updates` entry of any record: the record's title, the note and the update's date.

    Its id is the record's address with the update's date, and a count when the record has several
    updates that day, so adding a correction to one record changes no other entry's id."""
    for record in records:
        model = record.model
        log: list[Update] = model.updates if isinstance(model, (Dated, Comparison)) else []
        tags = tuple(model.tags) if isinstance(model, (Dated, Comparison)) else ()
        seen: dict[str, int] = {}
        for update in log:
            day = first_day(update.date)
            if day is None:
                continue
            written = update.date.iso()
            seen[written] = count = seen.get(written, 0) + 1
            fragment = f"update-{written}" + (f"-{count}" if count > 1 else "")
            yield Entry(
                id=f"{base}{record_url(record)}#{fragment}",
                title=model.label(),
                link=record_url(record),
                updated=day,
                published=day,
                summary=update.note,
                authors=(),
                tags=tags,
            )


def newest(entries: Iterable[Drawn]) -> list[Drawn]:
    """The SHOWN newest entries, newest first; entries of the same day by id, so the order never varies."""
    return heapq.nsmallest(SHOWN, entries, key=lambda drawn: (-drawn[0].updated.toordinal(), drawn[0].id))


def feed_title(site: Site, heading: str) -> str:
    """A feed is called what its page's <title> says: "IBM · On the Record"; the site's feed, the site."""
    return heading if heading == site.title else f"{heading} · {site.title}"


def _feed(ctx: Context, page_url: str, heading: str, entries: Iterable[Drawn]) -> tuple[str, bytes]:
    """The feed of a page as (its file, its bytes): the feed's own elements, then its newest entries."""
    site, shown = ctx.graph.site, newest(entries)
    base = absolute(site, "")
    root = ElementTree.Element("feed", {"xmlns": ATOM, "xml:lang": site.language})
    _text(root, "title", feed_title(site, heading))
    if not page_url:
        _text(root, "subtitle", site.tagline)
    _alternate(root, base + page_url)
    address = base + feed_of(page_url)
    ElementTree.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": address})
    _text(root, "id", address)
    _text(root, "updated", _stamp(max((entry.updated for entry, _ in shown), default=NO_DATE)))
    _text(ElementTree.SubElement(root, "author"), "name", site.publisher)
    _text(root, "rights", site.licence)
    ElementTree.indent(root)
    head = ElementTree.tostring(root, encoding="unicode").removesuffix("</feed>")
    drawn = "".join(f"  {element}\n" for _, element in shown)
    return feed_of(page_url), f'<?xml version="1.0" encoding="utf-8"?>\n{head}{drawn}</feed>\n'.encode()


def _drawn(base: str, entry: Entry) -> str:
    """An entry's element, serialised (and so escaped) by ElementTree, indented to sit inside <feed>."""
    element = ElementTree.Element("entry")
    _text(element, "title", entry.title)
    _alternate(element, base + entry.link)
    _text(element, "id", entry.id)
    _text(element, "published", _stamp(entry.published))
    _text(element, "updated", _stamp(entry.updated))
    for name in entry.authors:
        _text(ElementTree.SubElement(element, "author"), "name", name)
    for tag in dict.fromkeys(entry.tags):
        ElementTree.SubElement(element, "category", {"term": tag, "scheme": base + "tags/", "label": tag})
    _text(element, "summary", entry.summary)
    ElementTree.indent(element, level=1)
    return ElementTree.tostring(element, encoding="unicode")


def _alternate(parent: ElementTree.Element, href: str) -> None:
    ElementTree.SubElement(parent, "link", {"rel": "alternate", "type": "text/html", "href": href})


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    """A child element holding text; ElementTree escapes it, so no text can become markup."""
    ElementTree.SubElement(parent, tag).text = text


def _stamp(day: date) -> str:
    """A day as an Atom date (RFC 3339): midnight UTC, since records are dated to the day at most."""
    return f"{day.isoformat()}T00:00:00Z"
