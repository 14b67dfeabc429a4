"""Views shared by every page family: links, dates, money, sources with their numbers, fact cards.

Every view is a frozen dataclass of plain values and tuples, so two builds of the same content give
equal views and the live preview can re-render only the pages whose view changed.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar, cast

from .. import date_words, dates, kinds, translation
from ..depends import Memo, Store
from ..link import SiteGraph, holding
from ..model import Comparison, Dated, Fact, Filed, Reply, Source, Update, Verification
from ..order import OrderKey
from ..translation import _
from ..validate import Record, as_kind
from .money import locale
from .vocabulary import SOURCE_TYPES, words_label

T = TypeVar("T")
F = TypeVar("F", bound=Filed)


@dataclass(frozen=True, kw_only=True)
class Declared:
    """What a page is, decided where the page is declared: base.html writes its <head> from these."""

    url: str
    template: str
    title: str
    description: str
    """One sentence for search engines and link previews (meta description, og:description)."""
    article: bool = False
    """og:type article (a record's page) rather than website."""
    image: str | None = None
    """The address in the site of its share image (`comparisons/x/share.png`), written as an absolute og:image."""
    image_alt: str = ""
    """A sentence saying what its share image shows (og:image:alt, twitter:image:alt)."""
    image_size: tuple[int, int] = (0, 0)
    """Its share image's width and height in pixels (og:image:width, og:image:height)."""
    modified: str | None = None
    """The day its record last changed (YYYY-MM-DD), for the sitemap; None when no honest day is known."""
    root_path: str | None = None
    """Only for a page served at any address (404.html): the absolute path its links start from. Such a page
    has no address of its own, so no canonical link and no place in the sitemap."""
    feed: str | None = None
    """The address of the page's own Atom feed (an entity's, a tag's, the updates'), advertised in its <head>
    beside the site's."""
    moved_to: str | None = None
    """Only for a renamed record's old address: the address of the page it forwards to. It is no page of its
    own, so it has no place in the sitemap."""

    @property
    def file(self) -> str:
        return page_file(self.url)


@dataclass(frozen=True, kw_only=True)
class Page(Declared):
    """One output page: where it goes, which template draws it and the view it is given."""

    view: object
    """A frozen view dataclass: templates read its fields."""


def page_file(url: str) -> str:
    """The file a page is written to: `comparisons/x/` is `comparisons/x/index.html`; an address naming
    a file (`404.html`) is that file."""
    return url if url.endswith(".html") else url + "index.html"


@dataclass(frozen=True, kw_only=True)
class PageSpec(Declared):
    """A page whose view is prepared only when asked for, so processes can share a build's pages.

    The view is `draw(ctx, *args)`. Arguments are plain values (ids, numbers, links), never records, so
    that a view reads every record it shows from the graph and two specs are equal when their pages are.
    """

    draw: Callable[..., object]
    args: tuple[Hashable, ...] = ()

    def __post_init__(self) -> None:
        if any(isinstance(arg, Record) for arg in self.args):
            raise TypeError(f"{self.url}: a page's arguments name records by id")

    def page(self, ctx: Context) -> Page:
        return self.showing(self.draw(ctx, *self.args))

    def showing(self, view: object) -> Page:
        """The page as declared here, with `view`."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(Declared)}
        return Page(**fields, view=view)


@dataclass(frozen=True, kw_only=True)
class LinkView:
    """A link to another page of the site."""

    url: str
    label: str
    kind: str = ""


@dataclass(frozen=True, kw_only=True)
class DateView:
    """A date in words, in short form for tight spaces, and in the form <time datetime> takes."""

    words: str
    short: str
    iso: str


@dataclass(frozen=True, kw_only=True)
class SourceView:
    """A cited source with its number on the page."""

    number: int
    title: str
    """As published, or in [square brackets] when the title is a description supplied for this site."""
    supplied: bool
    publisher: str
    original_publisher: str | None
    url: str
    type: str
    author: str | None
    published: DateView | None
    accessed: DateView | None
    archived_url: str | None
    page: str | None


@dataclass(frozen=True, kw_only=True)
class UpdateView:
    """One entry of a corrections log."""

    date: DateView
    note: str


@dataclass(frozen=True, kw_only=True)
class ReplyView:
    """A right-of-reply record; `reply` is verbatim, or None when they did not respond."""

    party: LinkView
    asked: DateView
    asked_by: tuple[LinkView, ...]
    reply: str | None
    cites: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class Row:
    """One particular of a fact: what it is, its text, and the sources that give it."""

    label: str
    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class VerificationView:
    """A fact's verification status when it is not confirmed: its word, and why."""

    status: Verification
    label: str
    note: str


@dataclass(frozen=True, kw_only=True)
class FactCard:
    """A fact as it appears in lists, timelines and stories."""

    id: str
    url: str
    kind: str
    kind_label: str
    title: str
    date: DateView
    summary: str
    actors: tuple[LinkView, ...]
    draft: bool
    verification: VerificationView | None
    """None for a confirmed fact, the default; shown as a badge otherwise."""


class Context:
    """The graph views read, and the store their memoised parts are kept in: a build's memo, so that a fact
    shown on many pages is prepared once, or the preview's dependencies (depends.py)."""

    def __init__(self, graph: SiteGraph, store: Store | None = None) -> None:
        """Views, and the pages rendered from them, speak the site's language from here on."""
        self.graph = graph
        self.store = store or Memo()
        self.locale = locale(graph.site.language)
        translation.use(graph.site.language)

    def memo(self, family: str, key: str, make: Callable[[], T]) -> T:
        """The part for (family, key), made on first use; `make` may hold nothing but this context and `key`."""
        return self.store.memo((family, key), make)

    def memo_of(self, family: str, record: Record[F], make: Callable[[Context, Record[F]], T]) -> T:
        """The part of `family` for a record, made from the graph's record of that id."""
        return self.store.memo((family, record.id), lambda: make(self, self._fetched(record)))

    def _fetched(self, record: Record[F]) -> Record[F]:
        return cast(Record[F], self.graph.records[record.id])

    def referring(self, record_id: str, kind: str) -> tuple[Record[Filed], ...]:
        """Records of `kind` that refer to `record_id`, in reading order.

        Grouped by kind once per record: an entity's or a source's referrers are asked for by many pages.
        """
        return self.memo("referring", record_id, lambda: _referring_by_kind(self.graph, record_id)).get(kind, ())

    def referring_as(self, record_id: str, kind: str, cls: type[F]) -> tuple[Record[F], ...]:
        """`referring`, typed as the model the kind holds."""
        holding(kind, cls)
        return cast(tuple[Record[F], ...], self.referring(record_id, kind))

    def order(self, record: Record[Filed]) -> OrderKey:
        """A sort key placing records in reading order."""
        return self.graph.order[record.id]


def _referring_by_kind(graph: SiteGraph, record_id: str) -> dict[str, tuple[Record[Filed], ...]]:
    found: dict[str, list[Record[Filed]]] = {}
    for record in map(graph.records.__getitem__, graph.referrers.get(record_id, ())):
        found.setdefault(record.kind, []).append(record)
    return {kind: tuple(records) for kind, records in found.items()}


class Citations:
    """Numbers sources in order of first citation; the same source keeps its number."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._numbers: dict[str | Source, int] = {}

    def cite(self, cite: str | Source) -> int:
        """The number of `cite`, giving it the next number when it is new."""
        return self._numbers.setdefault(cite, len(self._numbers) + 1)

    def cite_all(self, cites: Iterable[str | Source]) -> tuple[int, ...]:
        return tuple(sorted({self.cite(c) for c in cites}))

    def ids(self) -> tuple[tuple[str, int], ...]:
        """(source id, number) for sources that Markdown may cite by id."""
        return tuple((c, n) for c, n in self._numbers.items() if isinstance(c, str))

    def sources(self) -> tuple[SourceView, ...]:
        return tuple(self._source(n, c) for c, n in self._numbers.items())

    def _source(self, number: int, cite: str | Source) -> SourceView:
        """Memoised for sources cited by id: a popular source is listed, as number 1 or 2, on many pages."""
        if isinstance(cite, Source):
            return source_view(self.ctx.graph, number, cite)
        return self.ctx.memo("source", f"{number} {cite}", lambda: source_view(self.ctx.graph, number, cite))


def date_view(value: dates.Edtf) -> DateView:
    """A date in the language spoken."""
    return _date_view(value, translation.speaking())


@functools.lru_cache(maxsize=4096)
def _date_view(value: dates.Edtf, language: str) -> DateView:
    """Cached: many facts share a date, and wording one is not free."""
    return DateView(words=date_words.words(value), short=date_words.short(value), iso=value.iso())


def record_url(record: Record[Filed]) -> str:
    return f"{record.kind}/{record.id}/"


def label(record: Record[Filed]) -> str:
    return record.model.label()


def record_link(ctx: Context, record: Record[Filed]) -> LinkView:
    """Memoised: an entity is linked from thousands of pages."""
    return ctx.memo_of("link", record, _link)


def _link(ctx: Context, record: Record[Filed]) -> LinkView:
    return LinkView(url=record_url(record), label=label(record), kind=_(kinds.kind(record.kind).singular))


def kind_label(kind: str) -> str:
    """'pledges' -> 'Pledge'; 'enforcement-actions' -> 'Enforcement action', in the language spoken."""
    singular = _(kinds.kind(kind).singular)
    return singular[:1].upper() + singular[1:]


def source_view(graph: SiteGraph, number: int, cite: str | Source) -> SourceView:
    source = graph.typed(cite, Source).model if isinstance(cite, str) else cite
    return SourceView(
        number=number,
        title=source.label(),
        supplied=source.title_supplied,
        publisher=source.publisher,
        original_publisher=source.original_publisher,
        url=source.url,
        type=_(SOURCE_TYPES[source.type]),
        author=source.author,
        published=optional_date(source.published),
        accessed=optional_date(source.accessed),
        archived_url=source.archived_url,
        page=f"sources/{cite}/" if isinstance(cite, str) else None,
    )


def optional_date(value: dates.Edtf | None) -> DateView | None:
    return date_view(value) if value is not None else None


def fact_card(ctx: Context, record: Record[Fact]) -> FactCard:
    """Memoised: the same card serves timelines, lists and stories."""
    return ctx.memo_of("card", record, _fact_card)


def _fact_card(ctx: Context, record: Record[Fact]) -> FactCard:
    model = record.model
    return FactCard(
        id=record.id,
        url=record_url(record),
        kind=record.kind,
        kind_label=kind_label(record.kind),
        title=model.title,
        date=date_view(model.date),
        summary=model.summary,
        actors=tuple(record_link(ctx, ctx.graph.entity(i)) for i in model.actor_ids()),
        draft=model.draft,
        verification=verification(model),
    )


def verification(model: Fact) -> VerificationView | None:
    """The badge of a fact that is not confirmed."""
    if model.verification == "confirmed":
        return None
    return VerificationView(
        status=model.verification, label=words_label(model.verification), note=model.verification_note or ""
    )


def text_of(value: object, choice: bool) -> str:
    """A particular's value as text: a date in words, a list joined, a word from a vocabulary as words."""
    if isinstance(value, list):
        return ", ".join(text_of(item, choice) for item in value)
    if isinstance(value, (dates.Point, dates.Interval)):
        return date_words.words(value)
    if isinstance(value, str):
        return words_label(value) if choice else value
    return str(value)


def updates(log: Iterable[Update]) -> tuple[UpdateView, ...]:
    return tuple(UpdateView(date=date_view(u.date), note=u.note) for u in log)


def replies(ctx: Context, model: Dated, citations: Citations) -> tuple[ReplyView, ...]:
    return tuple(_reply(ctx, reply, citations) for reply in model.replies)


def _reply(ctx: Context, reply: Reply, citations: Citations) -> ReplyView:
    return ReplyView(
        party=record_link(ctx, ctx.graph.entity(reply.party)),
        asked=date_view(reply.asked),
        asked_by=tuple(record_link(ctx, ctx.graph.entity(i)) for i in reply.asked_by),
        reply=reply.reply if reply.replied else None,
        cites=citations.cite_all([reply.source] if reply.source else []),
    )


def compared(ctx: Context, fact_id: str) -> tuple[Record[Comparison], ...]:
    """The comparisons that set the fact on a side, in reading order; not those whose rationale only cites it."""
    return tuple(
        c
        for c in ctx.referring_as(fact_id, "comparisons", Comparison)
        if fact_id in (c.model.left.fact, c.model.right.fact)
    )


def by_reading_order(ctx: Context, ids: Iterable[str], kinds: tuple[str, ...]) -> list[Record[Filed]]:
    """Records of `kinds` among `ids`, in the graph's reading order, without repeats."""
    records = {i: ctx.graph.get(i) for i in ids if i in ctx.graph.records}
    return sorted((r for r in records.values() if r.kind in kinds), key=ctx.order)


def facts_by_reading_order(ctx: Context, ids: Iterable[str]) -> list[Record[Fact]]:
    """The facts among `ids`, in reading order, without repeats."""
    return [as_kind(r, Fact) for r in by_reading_order(ctx, ids, kinds.fact_names())]
