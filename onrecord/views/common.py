"""Views shared by every page family: links, dates, money, sources with their numbers, fact cards.

Every view is a frozen dataclass of plain values and tuples, so two builds of the same content give
equal views and the live preview can re-render only the pages whose view changed.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, TypeVar

from .. import dates
from ..link import SINGULAR, SiteGraph, reading_order
from ..model import Money, Source
from ..validate import Record

T = TypeVar("T")
KIND_TITLES = {
    "stories": "Stories", "comparisons": "Comparisons", "pledges": "Pledges", "statements": "Statements",
    "contracts": "Contracts", "rulings": "Rulings", "events": "Events", "entities": "Entities",
    "sources": "Sources",
}
CURRENCY_SIGNS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥"}
ACTOR_FIELDS = ("by", "speaker", "buyer", "suppliers", "court", "actors")
SOURCE_TYPES = {
    "news": "News report", "primary-document": "Primary document", "court-record": "Court record",
    "letter": "Letter", "press-release": "Press release", "contract-notice": "Contract notice", "report": "Report",
}


@dataclass(frozen=True)
class Page:
    """One output page: where it goes, which template draws it and the view it is given."""

    url: str
    template: str
    title: str
    view: Any


@dataclass(frozen=True)
class PageSpec:
    """A page whose view is prepared only when asked for, so processes can share a build's pages."""

    url: str
    template: str
    title: str
    make: Callable[[], Any]

    def page(self) -> Page:
        return Page(self.url, self.template, self.title, self.make())


@dataclass(frozen=True)
class LinkView:
    """A link to another page of the site."""

    url: str
    label: str
    kind: str = ""


@dataclass(frozen=True)
class DateView:
    """A date in words, in short form for tight spaces, and in the form <time datetime> takes."""

    words: str
    short: str
    iso: str


@dataclass(frozen=True)
class SourceView:
    """A cited source with its number on the page."""

    number: int
    title: str
    publisher: str
    url: str
    type: str
    author: str | None
    published: DateView | None
    accessed: DateView | None
    archived_url: str | None
    page: str | None


@dataclass(frozen=True)
class UpdateView:
    """One entry of a corrections log."""

    date: DateView
    note: str


@dataclass(frozen=True)
class ReplyView:
    """A right-of-reply record; `reply` is verbatim, or None when they did not respond."""

    party: LinkView
    asked: DateView
    asked_by: tuple[LinkView, ...]
    reply: str | None
    cites: tuple[int, ...]


@dataclass(frozen=True)
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


class Context:
    """The graph plus memoised views, so a fact shown on many pages is prepared once per build.

    `rank` is each record's place in reading order: sorting by it is cheaper than comparing dates again.
    """

    def __init__(self, graph: SiteGraph) -> None:
        self.graph = graph
        self._memo: dict[tuple[str, str], Any] = {}
        self._referring: dict[tuple[str, str], tuple[Record, ...]] | None = None
        ordered = sorted(graph.records.values(), key=reading_order)
        self.rank = {record.id: index for index, record in enumerate(ordered)}

    def memo(self, family: str, key: str, make: Callable[[], T]) -> T:
        """The view for (family, key), made on first use."""
        found = self._memo.get((family, key))
        if found is None:
            found = self._memo[(family, key)] = make()
        return found

    def referring(self, record_id: str, kind: str) -> tuple[Record, ...]:
        """Records of `kind` that refer to `record_id`, in reading order, from an index made once per build.

        Scanning an entity's or a source's referrers for every page that asks would cost as much as
        the whole site's references each time.
        """
        if self._referring is None:
            self._referring = _referring_index(self.graph)
        return self._referring.get((record_id, kind), ())


def _referring_index(graph: SiteGraph) -> dict[tuple[str, str], tuple[Record, ...]]:
    found: dict[tuple[str, str], list[Record]] = {}
    for target, ids in graph.referrers.items():
        for record in map(graph.records.__getitem__, ids):
            found.setdefault((target, record.kind), []).append(record)
    return {key: tuple(records) for key, records in found.items()}


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


@functools.lru_cache(maxsize=4096)
def date_view(value: dates.Edtf) -> DateView:
    """Cached: many facts share a date, and wording one is not free."""
    return DateView(dates.words(value), dates.short(value), value.iso())


def anchor(value: dates.Edtf) -> dates.Point:
    """The point a date is placed at: itself, or the start (else end) of a range."""
    if isinstance(value, dates.Point):
        return value
    return value.start or value.end  # type: ignore[return-value]


def record_url(record: Record) -> str:
    return f"{record.kind}/{record.id}/"


def label(record: Record) -> str:
    return record.model.name if record.kind == "entities" else record.model.title


def field(model: Any, name: str, default: Any = None) -> Any:
    """A field's value, or `default` when the model's kind has no such field (cheaper than getattr's miss).

    `__pydantic_fields__` is the class's plain dict; `model_fields` would go through a slow property.
    """
    return getattr(model, name) if name in type(model).__pydantic_fields__ else default


def record_link(ctx: Context, record: Record) -> LinkView:
    """Memoised: an entity is linked from thousands of pages."""
    return ctx.memo("link", record.id, lambda: LinkView(record_url(record), label(record), SINGULAR[record.kind]))


def kind_label(kind: str) -> str:
    """'pledges' -> 'Pledge'."""
    return SINGULAR[kind].capitalize()


def words_label(value: str) -> str:
    """'in-tension' -> 'In tension'."""
    return value.replace("-", " ").capitalize()


def actor_ids(model: Any) -> tuple[str, ...]:
    """Entities a fact names as its actors, in field order, without repeats."""
    found: dict[str, None] = {}
    for name in ACTOR_FIELDS:
        value = field(model, name)
        for entity in [value] if isinstance(value, str) else value or ():
            found[entity] = None
    return tuple(found)


def money_words(money: Money) -> str:
    """'£54.7 million (reported as $69.8 million)': conversions exactly as reported."""
    main = amount_words(money.amount, money.currency)
    reported = [amount_words(c.amount, c.currency) for c in money.reported_as]
    return f"{main} (reported as {', '.join(reported)})" if reported else main


def amount_words(amount: Decimal, currency: str) -> str:
    sign = CURRENCY_SIGNS.get(currency) or currency + " "
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(amount) >= size:
            return f"{sign}{(amount / size).normalize():f} {word}"
    return f"{sign}{amount:,f}"


def source_view(graph: SiteGraph, number: int, cite: str | Source) -> SourceView:
    source = graph.get(cite).model if isinstance(cite, str) else cite
    return SourceView(
        number, source.title, source.publisher, source.url, SOURCE_TYPES[source.type], source.author,
        optional_date(source.published), optional_date(source.accessed), source.archived_url,
        f"sources/{cite}/" if isinstance(cite, str) else None,
    )


def optional_date(value: dates.Edtf | None) -> DateView | None:
    return date_view(value) if value is not None else None


def fact_card(ctx: Context, record: Record) -> FactCard:
    """Memoised: the same card serves timelines, lists and stories."""
    return ctx.memo("card", record.id, lambda: _fact_card(ctx, record))


def _fact_card(ctx: Context, record: Record) -> FactCard:
    model = record.model
    actors = tuple(record_link(ctx, ctx.graph.get(i)) for i in actor_ids(model))
    return FactCard(record.id, record_url(record), record.kind, kind_label(record.kind), model.title,
                    date_view(model.date), model.summary, actors, model.draft)


def updates(model: Any) -> tuple[UpdateView, ...]:
    return tuple(UpdateView(date_view(u.date), u.note) for u in model.updates)


def replies(ctx: Context, model: Any, citations: Citations) -> tuple[ReplyView, ...]:
    return tuple(
        ReplyView(record_link(ctx, ctx.graph.get(r.party)), date_view(r.asked),
                  tuple(record_link(ctx, ctx.graph.get(i)) for i in r.asked_by), r.reply if r.replied else None,
                  citations.cite_all([r.source] if r.source else []))
        for r in model.replies
    )


def by_reading_order(ctx: Context, ids: Iterable[str], kinds: tuple[str, ...]) -> list[Record]:
    """Records of `kinds` among `ids`, in the graph's reading order, without repeats."""
    records = {i: ctx.graph.get(i) for i in ids if i in ctx.graph.records}
    return sorted((r for r in records.values() if r.kind in kinds), key=lambda r: ctx.rank[r.id])
