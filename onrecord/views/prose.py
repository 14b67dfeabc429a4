"""Markdown fields with embeds: the text, with each embed line (`::fact ID`, `::comparison ID`,
`::timeline ...`) replaced by a numbered slot, and the fact cards, comparisons and timelines they stand for.

Our code draws the embeds; the text is rendered and sanitised whole (so its footnotes and headings run
across the embeds) and cut at the slots, so no raw HTML from an author ever reaches a page. Citations
`[@id]` are numbered here, in order of first use, and drawn by the renderer as superscript links to
the page's sources list.

An embedded timeline of an entity or a tag shows at most EMBED_SHOWN entries, the latest, and links
to the full timeline; one of chosen `ids` shows them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import markup, typeset
from ..model import Fact
from ..translation import _
from ..validate import Record
from .cards import ComparisonCard, comparison_card
from .common import Citations, Context, FactCard, LinkView, fact_card, facts_by_reading_order, record_url
from .pictures import FigureView, figure
from .timeline import TimelineView, timeline

EMBED_SHOWN = 10


@dataclass(frozen=True, kw_only=True)
class EmbeddedTimeline:
    """A timeline in prose: the entries it shows, how many more there are, and the full timelines listing them."""

    timeline: TimelineView
    more: int
    full: tuple[LinkView, ...]


@dataclass(frozen=True, kw_only=True)
class Block:
    """An embed's view: a "fact" card, a "comparison" card, a "timeline" or a "figure"."""

    kind: str
    item: FactCard | ComparisonCard | EmbeddedTimeline | FigureView


@dataclass(frozen=True, kw_only=True)
class Prose:
    """A Markdown field ready to draw: its text with a slot for each embed (`typeset.slot`), the embeds
    in order, and the number of every source it cites by id; `text` is empty when the field is."""

    text: str
    embeds: tuple[Block, ...]
    cites: tuple[tuple[str, int], ...]


def prose(ctx: Context, text: str, citations: Citations) -> Prose:
    """The text and embeds of `text`; its citations take the next free numbers in `citations`."""
    for citation in markup.citations(text):
        citations.cite(citation.id)
    text = text.replace(typeset.SLOT_OPEN, "").replace(typeset.SLOT_CLOSE, "")
    embeds: list[Block] = []
    parts: list[str] = []
    at = 0
    for index, match in enumerate(markup.EMBED_LINE.finditer(text)):
        embedded = _embed(ctx, match["what"], match["arg"], index)
        if embedded is None:
            continue
        parts += (text[at : match.start()], typeset.slot(len(embeds)))
        embeds.append(embedded)
        at = match.end()
    parts.append(text[at:])
    joined = "".join(parts)
    return Prose(text=joined if joined.strip() else "", embeds=tuple(embeds), cites=citations.ids())


def _embed(ctx: Context, what: str, arg: str, index: int) -> Block | None:
    graph = ctx.graph
    if what == "fact":
        return Block(kind="fact", item=fact_card(ctx, graph.fact(arg)))
    if what == "comparison":
        return Block(kind="comparison", item=comparison_card(ctx, graph.comparison(arg)))
    if what == "timeline":
        return Block(kind="timeline", item=embedded_timeline(ctx, arg, f"t{index + 1}-"))
    if what == "figure":
        return Block(kind="figure", item=figure(ctx, arg, lazy=True))
    return None


def embedded_timeline(ctx: Context, arg: str, prefix: str) -> EmbeddedTimeline:
    """The timeline an embed line names: an entity's or a tag's latest EMBED_SHOWN entries, or the chosen ids."""
    records = embedded_timeline_records(ctx, arg)
    name, values = markup.Embed("timeline", arg, 0).timeline_filter()
    if name == "ids" or len(records) <= EMBED_SHOWN:
        return EmbeddedTimeline(timeline=timeline(ctx, records, prefix, filterable=False), more=0, full=())
    return EmbeddedTimeline(
        timeline=timeline(ctx, records[-EMBED_SHOWN:], prefix, filterable=False),
        more=len(records) - EMBED_SHOWN,
        full=tuple(_full_timeline(ctx, name, v) for v in values),
    )


def _full_timeline(ctx: Context, name: str, value: str) -> LinkView:
    """The page of an entity's or a tag's whole timeline."""
    if name == "entity":
        entity = ctx.graph.entity(value)
        return LinkView(url=f"{record_url(entity)}timeline/", label=_("%(name)s: timeline", name=entity.model.name))
    return LinkView(url=f"tags/{value}/", label=_("Tag: %(tag)s", tag=value))


def embedded_timeline_records(ctx: Context, arg: str) -> list[Record[Fact]]:
    """Facts an embed line `::timeline entity=ID`, `tag=TAG` or `ids=A,B` names."""
    name, values = markup.Embed("timeline", arg, 0).timeline_filter()
    graph = ctx.graph
    if name == "entity":
        ids = [i for value in values for i in graph.referrers.get(value, ())]
    elif name == "tag":
        ids = [i for value in values for i in graph.tags.get(value, ())]
    else:
        ids = list(values)
    return facts_by_reading_order(ctx, ids)


def embedded_facts(ctx: Context, text: str) -> list[Record[Fact]]:
    """Facts a text embeds directly or through a comparison, in order of appearance."""
    found: list[Record[Fact]] = []
    for embed in markup.embeds(text):
        if embed.what == "fact":
            found.append(ctx.graph.fact(embed.arg))
        elif embed.what == "comparison":
            model = ctx.graph.comparison(embed.arg).model
            found.extend(ctx.graph.fact(s.fact) for s in (model.left, model.right))
    return found
