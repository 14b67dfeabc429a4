"""Markdown fields cut into blocks: plain Markdown, and the fact cards, comparisons and timelines that
embed lines (`::fact ID`, `::comparison ID`, `::timeline ...`) stand for.

Our code draws the embeds; the Markdown between them is rendered and sanitised on its own, so no raw
HTML from an author ever reaches a page. Citations `[@id]` are numbered here, in order of first use,
and drawn by the renderer as superscript links to the page's sources list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import markup
from ..model import FACT_KINDS
from ..validate import Record
from .cards import comparison_card
from .common import Citations, Context, by_reading_order, fact_card
from .timeline import timeline


@dataclass(frozen=True)
class Block:
    """Markdown text (`kind` "markdown"), or an embedded "fact", "comparison" or "timeline" view."""

    kind: str
    text: str = ""
    item: Any = None


@dataclass(frozen=True)
class Prose:
    """A Markdown field ready to draw: its blocks and the number of every source it cites by id."""

    blocks: tuple[Block, ...]
    cites: tuple[tuple[str, int], ...]


def prose(ctx: Context, text: str, citations: Citations) -> Prose:
    """Blocks of `text`; its citations take the next free numbers in `citations`."""
    for citation in markup.citations(text):
        citations.cite(citation.id)
    blocks: list[Block] = []
    at = 0
    for index, match in enumerate(markup.EMBED_LINE.finditer(text)):
        embedded = _embed(ctx, match["what"], match["arg"], index)
        if embedded is None:
            continue
        _markdown(blocks, text[at:match.start()])
        blocks.append(embedded)
        at = match.end()
    _markdown(blocks, text[at:])
    return Prose(tuple(blocks), citations.ids())


def _markdown(blocks: list[Block], text: str) -> None:
    if text.strip():
        blocks.append(Block("markdown", text))


def _embed(ctx: Context, what: str, arg: str, index: int) -> Block | None:
    graph = ctx.graph
    if what == "fact":
        return Block("fact", item=fact_card(ctx, graph.get(arg)))
    if what == "comparison":
        return Block("comparison", item=comparison_card(ctx, graph.get(arg)))
    if what == "timeline":
        records = embedded_timeline_records(ctx, arg)
        return Block("timeline", item=timeline(ctx, records, prefix=f"t{index + 1}-", filterable=False))
    return None


def embedded_timeline_records(ctx: Context, arg: str) -> list[Record]:
    """Facts an embed line `::timeline entity=ID`, `tag=TAG` or `ids=A,B` names."""
    name, values = markup.Embed("timeline", arg, 0).timeline_filter()
    graph = ctx.graph
    if name == "entity":
        ids = [i for value in values for i in graph.referrers.get(value, ())]
    elif name == "tag":
        ids = [i for value in values for i in graph.tags.get(value, ())]
    else:
        ids = list(values)
    return by_reading_order(ctx, ids, FACT_KINDS)


def embedded_facts(ctx: Context, text: str) -> list[Record]:
    """Facts a text embeds directly or through a comparison, in order of appearance."""
    found: list[Record] = []
    for embed in markup.embeds(text):
        if embed.what == "fact":
            found.append(ctx.graph.get(embed.arg))
        elif embed.what == "comparison":
            model = ctx.graph.get(embed.arg).model
            found.extend(ctx.graph.get(s.fact) for s in (model.left, model.right))
    return found
