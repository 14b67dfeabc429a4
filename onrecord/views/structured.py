"""What each page declares to search engines and fact-check readers: schema.org JSON-LD in its <head>.

A record's page declares its main entity, made with its view so that the preview, which compares
views, renders a page again whenever what it declares changes: a comparison is a ClaimReview, a story
a NewsArticle, an entity an Organization or a Person, a fact the type schema.org has for its kind.
Every page adds a BreadcrumbList, made as it is rendered from its address, its title and the site's
settings alone. The JSON is made by json.dumps with sorted keys, never by a template, and `<`, `>` and
`&` are written as \\u escapes, so no text on record can close the <script> it stands in. Addresses are
absolute, from site.yaml's `base_url`; dates are given only when known to the day.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup

from .. import dates, kinds
from ..model import VERDICTS, Comparison, Entity, Event, Fact, Law, Report, Said, Source, Story, Update
from ..translation import _
from ..validate import Record
from .cards import side_sources, words_source
from .common import Context, Page, SourceView, record_url
from .vocabulary import words_label
from .web import absolute

Node = dict[str, object]
CONTEXT = "https://schema.org"
CREATIVE_WORKS = frozenset({"ClaimReview", "NewsArticle", "Legislation", "Report", "Quotation", "CreativeWork"})
"""The types given here that are CreativeWorks, which may carry a `correction`; any other main entity
with corrections stands in a WebPage that carries them."""
ENTITY_TYPES = {"person": "Person", "product": "Product"}
"""schema.org's type for an entity's type; every other type of entity is an Organization."""


@dataclass(frozen=True, kw_only=True)
class Described:
    """A view whose page declares its main entity: schema.org JSON text, made here."""

    structured: str


class Settings(Protocol):
    """What the breadcrumbs read of the site's settings (the templates' `site`)."""

    @property
    def title(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def nav(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def more(self) -> tuple[tuple[str, str], ...]: ...


def script(page: Page, site: Settings) -> Markup:
    """The page's JSON-LD <script>: its main entity, if its view declares one, and its breadcrumbs."""
    declared = [json.loads(page.view.structured)] if isinstance(page.view, Described) else []
    graph = {"@context": CONTEXT, "@graph": [*declared, breadcrumbs(page, site)]}
    return Markup(f'<script type="application/ld+json">{script_json(graph)}</script>')


def script_json(value: object) -> str:
    """JSON that can stand inside a <script>: sorted keys, and no `<`, `>` or `&` as themselves."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def breadcrumbs(page: Page, site: Settings) -> Node:
    """Home, the index the page belongs to (a kind's, the timeline, the tags), then the page itself."""
    trail = [("", site.title)]
    section = page.url.partition("/")[0] + "/"
    name = _section(section, site)
    if page.url not in ("", section) and name:
        trail.append((section, name))
    if page.url:
        trail.append((page.url, page.title))
    items = [
        {"@type": "ListItem", "position": n, "name": label, "item": absolute(site, url)}
        for n, (url, label) in enumerate(trail, 1)
    ]
    return {"@type": "BreadcrumbList", "itemListElement": items}


def _section(url: str, site: Settings) -> str | None:
    """An index's title: a kind's from the registry, else the site's navigation's name for it."""
    name = url.rstrip("/")
    if name in kinds.names():
        return _(kinds.kind(name).title)
    return dict((*site.nav, *site.more)).get(url)


def claim_review(ctx: Context, record: Record[Comparison]) -> str:
    """A comparison reviews whether what came later matches what came first: the claim is the left side.

    The rating is the verdict's place on the site's scale, counted from its first level (the sharpest,
    1, the worst) to its last (the scale's length, the best: with the default scale, consistent)."""
    model, site = record.model, ctx.graph.site
    left, right = ctx.graph.fact(model.left.fact), ctx.graph.fact(model.right.fact)
    words = model.left.quote(left.model)
    level = site.scales.level(VERDICTS.scale, model.verdict)
    claim: Node = {
        "@type": "Claim",
        "appearance": _one_or_many([_work(ctx, cite) for cite in side_sources(left, model.left)]),
    }
    speakers = words.speakers if words and words.speakers else [i for i in [left.model.owner()] if i]
    if speakers:
        claim["author"] = _one_or_many([_party(ctx, ctx.graph.entity(i)) for i in speakers])
    node: Node = {
        "@type": "ClaimReview",
        "name": model.title,
        "description": model.summary,
        "url": absolute(site, record_url(record)),
        "claimReviewed": words.text if words else left.model.title,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": site.scales.rank(VERDICTS.scale, model.verdict) + 1,
            "bestRating": len(site.scales.levels(VERDICTS.scale)),
            "worstRating": 1,
            "alternateName": _(level.label),
        },
        "itemReviewed": _dated(claim, "datePublished", left.model.date),
        "author": publisher(ctx),
    }
    later = max(left.model.date, right.model.date, key=dates.sort_key)
    return _text(_corrected(_dated(node, "datePublished", later), model.updates))


def news_article(ctx: Context, record: Record[Story], sources: Sequence[SourceView]) -> str:
    """A story, by its byline's people, with the sources it cites."""
    model, site = record.model, ctx.graph.site
    node: Node = {
        "@type": "NewsArticle",
        "headline": model.title,
        "description": model.summary,
        "url": absolute(site, record_url(record)),
        "author": [{"@type": "Person", "name": name} for name in model.authors],
        "publisher": publisher(ctx),
        "citation": [_cited(source) for source in sources],
    }
    node = _dated(_dated(node, "datePublished", model.date), "dateModified", model.updated)
    return _text(_corrected(node, model.updates))


def entity_node(ctx: Context, record: Record[Entity]) -> str:
    """An organisation or a person, with its Wikidata item and its own website; a person's organisations."""
    model = record.model
    node = _party(ctx, record)
    same = [f"https://www.wikidata.org/wiki/{model.wikidata}" if model.wikidata else None, model.url]
    if any(same):
        node["sameAs"] = [address for address in same if address]
    if model.aliases:
        node["alternateName"] = list(model.aliases)
    if model.type == "person" and model.member_of:
        node["memberOf"] = [_party(ctx, ctx.graph.entity(m.entity)) for m in model.member_of]
    return _text(node)


def fact_node(ctx: Context, record: Record[Fact]) -> str:
    """A fact as the type schema.org has for it: a law is Legislation, an event an Event, a report a
    Report, words on record a Quotation; anything else a Thing, named and described."""
    model = record.model
    node: Node = {
        "name": model.title,
        "description": model.summary,
        "url": absolute(ctx.graph.site, record_url(record)),
    }
    if isinstance(model, Law):
        node.update({"@type": "Legislation", "legislationType": words_label(model.type)})
        node["legislationPassedBy"] = _party(ctx, ctx.graph.entity(model.adopted_by))
        node.update({"jurisdiction": model.jurisdiction} if model.jurisdiction else {})
        node.update({"legislationIdentifier": model.reference} if model.reference else {})
        node = _dated(node, "legislationDate", model.date)
    elif isinstance(model, Event):
        start, end = model.span()
        node = _dated(_dated({**node, "@type": "Event"}, "startDate", start), "endDate", end)
    elif isinstance(model, Report):
        node.update({"@type": "Report", "publisher": _parties(ctx, model.publishers)})
        node.update({"author": _parties(ctx, model.authors)} if model.authors else {})
        node = _dated(node, "datePublished", model.date)
    elif isinstance(model, Said):
        node = _said(ctx, model, node)
    else:
        node["@type"] = "Thing"
    return _text(_corrected(node, model.updates))


def _said(ctx: Context, model: Said, node: Node) -> Node:
    """Words on record as a Quotation by whoever made it, spoken by its speakers, based on its source;
    a paraphrase is no quotation, so a CreativeWork."""
    quote = model.quoted()
    node = _dated({**node, "creator": _party(ctx, ctx.graph.entity(model.by))}, "dateCreated", model.date)
    if quote is None:
        return {**node, "@type": "CreativeWork"}
    speakers = quote.speakers or model.speakers
    node.update({"@type": "Quotation", "text": quote.text, "isBasedOn": _work(ctx, words_source(model, quote))})
    if quote.language:
        node["inLanguage"] = quote.language
    return {**node, "spokenByCharacter": _parties(ctx, speakers)} if speakers else node


def publisher(ctx: Context) -> Node:
    """The site's publisher, at the site's home page."""
    site = ctx.graph.site
    return {"@type": "Organization", "name": site.publisher, "url": absolute(site, "")}


def _party(ctx: Context, record: Record[Entity]) -> Node:
    model = record.model
    kind = ENTITY_TYPES.get(model.type, "Organization")
    return {"@type": kind, "name": model.name, "url": absolute(ctx.graph.site, record_url(record))}


def _parties(ctx: Context, ids: Sequence[str]) -> object:
    return _one_or_many([_party(ctx, ctx.graph.entity(i)) for i in ids])


def _work(ctx: Context, cite: str | Source) -> Node:
    """A source as the work it is, at its own address."""
    source = ctx.graph.typed(cite, Source).model if isinstance(cite, str) else cite
    node: Node = {
        "@type": "CreativeWork",
        "name": source.label(),
        "url": source.url,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    return _dated(node, "datePublished", source.published)


def _cited(source: SourceView) -> Node:
    return {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }


def _corrected(node: Node, log: Sequence[Update]) -> Node:
    """The record's corrections log, on its main entity when that is a CreativeWork, else on its page."""
    if not log:
        return node
    corrections = [_dated({"@type": "CorrectionComment", "text": u.note}, "datePublished", u.date) for u in log]
    if node["@type"] in CREATIVE_WORKS:
        return {**node, "correction": corrections}
    return {"@type": "WebPage", "url": node["url"], "mainEntity": node, "correction": corrections}


def _dated(node: Node, key: str, value: dates.Edtf | None) -> Node:
    """`node` with the date under `key` when it is known to the day; a month or an approximate date
    gives no honest day, so none is given."""
    if value is None or not exact_day(value):
        return node
    return {**node, key: value.iso()}


def exact_day(value: dates.Edtf) -> bool:
    return (
        isinstance(value, dates.Point)
        and value.day is not None
        and not (value.approximate or value.uncertain or value.unspecified)
    )


def _one_or_many(nodes: list[Node]) -> object:
    return nodes[0] if len(nodes) == 1 else nodes


def _text(node: Node) -> str:
    return json.dumps(node, sort_keys=True, ensure_ascii=False)
