"""What the share image of each comparison, story and pledge shows, and where it is written.

`share.png` beside the page (`comparisons/{id}/share.png`), listed in OUTPUTS so build writes it,
check makes it and the preview writes it when its bytes change. A card shows the site's title, the
record's title, then for a comparison each side's kind, whose words or deed and when, and its verdict;
for a story its authors and date; for a pledge who made it, when, and its status. Verdicts and statuses
take their label, sign and light-page colour from the site's scales. No quote is drawn.

Drawings come from `drawings.active()`: a build keeps them beside its output, so an unchanged card is
never drawn twice (see drawings.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import partial
from urllib.parse import urlsplit

from .. import drawings, kinds
from ..model import PLEDGE_STATUSES, VERDICTS, Comparison, Filed, Pledge, Story
from ..model.scales import Level
from ..validate import Record, as_kind
from .cards import SideView, attribution, comparison_card
from .common import Context, PageSpec, date_view, record_url
from .images import Card, CardSide, Mark, draw, key

FILE = "share.png"
"""A shared page's image, in the page's own folder."""
KINDS = ("comparisons", "stories", "pledges")
"""The kinds whose pages have a share image."""


def share_url(record: Record[Filed]) -> str:
    """The image's address inside the site."""
    return record_url(record) + FILE


def with_image(ctx: Context, record: Record[Filed], spec: PageSpec) -> PageSpec:
    """The record's page declared with its share image, for the Open Graph and Twitter tags, if it has one."""
    if record.kind not in KINDS:
        return spec
    return dataclasses.replace(spec, image=share_url(record), image_alt=alt_text(card(ctx, record)))


def share_images(ctx: Context) -> Iterable[tuple[str, bytes]]:
    """Every card's PNG, drawn only when the drawings kept from earlier builds do not hold it."""
    cache = drawings.active()
    wanted = [(share_url(record), key(shown), partial(draw, shown)) for record, shown in _cards(ctx)]
    cache.fill([(name, drawing) for _, name, drawing in wanted])
    return [(path, cache.get(name, drawing)) for path, name, drawing in wanted]


def _cards(ctx: Context) -> Iterator[tuple[Record[Filed], Card]]:
    for kind in KINDS:
        for record in ctx.graph.kinds[kind]:
            yield record, card(ctx, record)


def card(ctx: Context, record: Record[Filed]) -> Card:
    """What the record's image shows (memoised for its page's description of it and the image)."""
    return ctx.memo_of("share-card", record, _card)


def _card(ctx: Context, record: Record[Filed]) -> Card:
    site = ctx.graph.site
    model = record.model
    lines: tuple[str, ...] = ()
    sides: tuple[CardSide, ...] = ()
    between, mark = "", None
    if isinstance(model, Comparison):
        shown = comparison_card(ctx, as_kind(record, Comparison))
        sides = (_side(shown.left), _side(shown.right))
        between = shown.elapsed if shown.timing == "apart" else ""
        mark = _mark("Verdict", site.scales.level(VERDICTS.scale, model.verdict))
    elif isinstance(model, Story):
        authors = ", ".join(model.authors)
        lines = (f"By {authors}" if authors else "", date_view(model.date).words)
    elif isinstance(model, Pledge):
        said = attribution(ctx, as_kind(record, Pledge), model.quote)
        lines = ("".join(text for text, _ in said.line), date_view(model.date).words)
        mark = _mark("Status", site.scales.level(PLEDGE_STATUSES.scale, model.status))
    return Card(
        site=site.title,
        address=_address(site.base_url),
        kind=kinds.kind(record.kind).singular.capitalize(),
        title=model.label(),
        lines=tuple(line for line in lines if line),
        sides=sides,
        between=between,
        mark=mark,
    )


def _side(side: SideView) -> CardSide:
    who = "".join(text for text, _ in side.said.line) or side.fact.label
    return CardSide(kind=side.kind_label, colour=kinds.kind(side.kind).colour[0], who=who, when=side.date.words)


def _mark(caption: str, level: Level) -> Mark:
    return Mark(caption=caption, sign=level.sign or "", label=level.label, colour=level.colour)


def _address(base_url: str) -> str:
    """The site's address as a reader would type it: `example.org/on-the-record`."""
    parts = urlsplit(base_url)
    return (parts.netloc + parts.path).rstrip("/")


def alt_text(shown: Card) -> str:
    """A sentence saying what the card shows, for readers who cannot see it."""
    if shown.sides:
        left, right = shown.sides[0], shown.sides[1]
        body = f"{left.who} ({left.when}) set beside {right.who} ({right.when})"
    else:
        body = ", ".join(shown.lines)
    verdict = f"; {shown.mark.caption.lower()}: {shown.mark.label}" if shown.mark else ""
    return f"{shown.site} {shown.kind.lower()} card: {shown.title}. {body}{verdict}."
