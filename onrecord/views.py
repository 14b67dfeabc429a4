"""Stage 4a: prepare, from the linked graph, the read-only view of every page templates will show.

Views are frozen dataclasses of plain values, so two builds of the same content give equal views
and a page needs re-rendering only when its view (or its template) changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import dates
from .link import SINGULAR, SiteGraph
from .model import FACT_KINDS, Money, Source
from .validate import Record

KIND_TITLES = {
    "entities": "Entities", "sources": "Sources", "pledges": "Pledges", "statements": "Statements",
    "contracts": "Contracts", "rulings": "Rulings", "events": "Events", "comparisons": "Comparisons",
    "stories": "Stories",
}
CURRENCY_SIGNS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥"}


@dataclass(frozen=True)
class Page:
    """One output page: where it goes, which template draws it and the view it is given."""

    url: str
    template: str
    title: str
    view: Any


@dataclass(frozen=True)
class SiteView:
    """Site-wide settings every page shows."""

    title: str
    tagline: str
    language: str
    publisher: str
    licence: str
    base_url: str
    nav: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LinkView:
    """A link to another page of the site."""

    url: str
    label: str
    kind: str = ""


@dataclass(frozen=True)
class DateView:
    """A date as readers see it, with its machine form."""

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
    published: DateView | None
    archived_url: str | None
    page: str | None


@dataclass(frozen=True)
class FactView:
    """A fact page: the fact, what it links to and what it is cited from."""

    id: str
    kind: str
    kind_label: str
    title: str
    date: DateView
    summary: str
    body: str
    tags: tuple[str, ...]
    quote: str | None
    context: str | None
    details: tuple[tuple[str, str], ...]
    people: tuple[tuple[str, tuple[LinkView, ...]], ...]
    excerpts: tuple[tuple[str, str | None], ...]
    sources: tuple[SourceView, ...]
    updates: tuple[tuple[DateView, str], ...]
    referred_by: tuple[LinkView, ...]


@dataclass(frozen=True)
class ListView:
    """An index page: a heading and its entries."""

    heading: str
    intro: str
    entries: tuple[tuple[LinkView, DateView | None, str], ...]


def date_view(value: dates.Point | dates.Interval) -> DateView:
    return DateView(dates.words(value), dates.short(value), value.iso())


def record_url(record: Record) -> str:
    return f"{record.kind}/{record.id}/"


def record_link(record: Record) -> LinkView:
    label = getattr(record.model, "name", None) or getattr(record.model, "title")
    return LinkView(record_url(record), label, SINGULAR[record.kind])


def money_words(money: Money) -> str:
    """'£54.7 million (reported as $69.8 million)': conversions exactly as reported."""
    main = amount_words(money.amount, money.currency)
    reported = [amount_words(c.amount, c.currency) for c in money.reported_as]
    return f"{main} (reported as {', '.join(reported)})" if reported else main


def amount_words(amount: Decimal, currency: str) -> str:
    sign = CURRENCY_SIGNS.get(currency, "")
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(amount) >= size:
            scaled = (amount / size).normalize()
            return f"{sign or currency + ' '}{scaled:f} {word}"
    return f"{sign or currency + ' '}{amount:,f}"


def source_views(graph: SiteGraph, cites: list[Any]) -> tuple[SourceView, ...]:
    return tuple(_source_view(graph, number, cite) for number, cite in enumerate(cites, 1))


def _source_view(graph: SiteGraph, number: int, cite: str | Source) -> SourceView:
    source = graph.get(cite).model if isinstance(cite, str) else cite
    page = f"sources/{cite}/" if isinstance(cite, str) else None
    published = date_view(source.published) if source.published else None
    return SourceView(number, source.title, source.publisher, source.url, source.type, published,
                      source.archived_url, page)


def _people(graph: SiteGraph, model: Any) -> tuple[tuple[str, tuple[LinkView, ...]], ...]:
    roles = (("by", "By"), ("speaker", "Speaker"), ("buyer", "Buyer"), ("suppliers", "Suppliers"),
             ("court", "Court"), ("actors", "Actors"))
    rows = []
    for field, label in roles:
        value = getattr(model, field, None)
        ids = [value] if isinstance(value, str) else list(value or [])
        if ids:
            rows.append((label, tuple(record_link(graph.get(i)) for i in ids)))
    return tuple(rows)


def _details(model: Any) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    for field, label in (("case_name", "Case"), ("citation", "Citation"), ("outcome", "Outcome"),
                         ("term", "Term"), ("reference", "Reference"), ("status", "Status")):
        if getattr(model, field, None):
            rows.append((label, str(getattr(model, field)).replace("-", " ")))
    for field, label in (("start", "Starts"), ("end", "Ends")):
        if getattr(model, field, None):
            rows.append((label, dates.words(getattr(model, field))))
    if getattr(model, "value", None):
        rows.append(("Value", money_words(model.value)))
    if getattr(model, "covers", None):
        rows.append(("Covers", ", ".join(model.covers)))
    return tuple(rows)


def fact_view(graph: SiteGraph, record: Record) -> FactView:
    model = record.model
    return FactView(
        record.id, record.kind, SINGULAR[record.kind], model.title, date_view(model.date), model.summary,
        model.body, tuple(model.tags), getattr(model, "quote", None), getattr(model, "context", None),
        _details(model), _people(graph, model),
        tuple((e.text, e.at) for e in model.excerpts), source_views(graph, model.sources),
        tuple((date_view(u.date), u.note) for u in model.updates),
        tuple(record_link(r) for r in _referrers(graph, record)),
    )


def _referrers(graph: SiteGraph, record: Record) -> list[Record]:
    return [graph.get(i) for i in graph.referrers.get(record.id, ())]


def list_view(graph: SiteGraph, kind: str) -> ListView:
    entries = []
    for record in graph.kinds[kind]:
        when = getattr(record.model, "date", None) or getattr(record.model, "published", None)
        summary = getattr(record.model, "summary", None) or getattr(record.model, "publisher", "")
        entries.append((record_link(record), date_view(when) if when else None, summary))
    return ListView(KIND_TITLES[kind], "", tuple(entries))


def site_view(graph: SiteGraph) -> SiteView:
    site = graph.site
    nav = tuple((f"{kind}/", KIND_TITLES[kind]) for kind in ("stories", "comparisons") + FACT_KINDS + ("entities",))
    return SiteView(site.title, site.tagline, site.language, site.publisher, site.licence, site.base_url, nav)


def pages(graph: SiteGraph) -> list[Page]:
    """Every page of the site, in a fixed order."""
    result = [Page("", "home.html", graph.site.title, list_view(graph, "stories"))]
    for kind in KIND_TITLES:
        result.append(Page(f"{kind}/", "list.html", KIND_TITLES[kind], list_view(graph, kind)))
    for kind in FACT_KINDS:
        result.extend(Page(record_url(r), "fact.html", r.model.title, fact_view(graph, r)) for r in graph.kinds[kind])
    return result
