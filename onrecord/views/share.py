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
from ..model import PLEDGE_STATUSES, VERDICTS, Comparison, Dated, Filed, Image, Pledge, Story
from ..model.scales import Level
from ..translation import _
from ..validate import Record, as_kind
from .cards import SideView, attribution, comparison_card
from .common import Context, PageSpec, date_view, record_url
from .images import HEIGHT, WIDTH, Card, CardSide, Mark, draw, key
from .pictures import lead_figure

FILE = "share.png"
"""A shared page's image, in the page's own folder."""
KINDS = ("comparisons", "stories", "pledges")
"""The kinds whose pages have a share image."""


def share_url(record: Record[Filed]) -> str:
    """The image's address inside the site."""
    return record_url(record) + FILE


def with_image(ctx: Context, record: Record[Filed], spec: PageSpec) -> PageSpec:
    """The record's page declared with its share image, for the Open Graph and Twitter tags, if it has one:
    its card, or else its own image."""
    if record.kind in KINDS:
        shown = card(ctx, record)
        return dataclasses.replace(spec, image=share_url(record), image_alt=alt_text(shown), image_size=(WIDTH, HEIGHT))
    own = lead_figure(ctx, record.model) if isinstance(record.model, Dated) else None
    if own is None:
        return spec
    return dataclasses.replace(spec, image=own.src, image_alt=own.alt, image_size=(own.width, own.height))


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
    image = model.image if isinstance(model, Dated) else None
    if isinstance(model, Comparison):
        shown = comparison_card(ctx, as_kind(record, Comparison))
        sides = (_side(shown.left), _side(shown.right))
        between = shown.elapsed if shown.timing == "apart" else ""
        mark = _mark(_("Verdict"), site.scales.level(VERDICTS.scale, model.verdict))
    elif isinstance(model, Story):
        authors = ", ".join(model.authors)
        lines = (_("By %(authors)s", authors=authors) if authors else "", date_view(model.date).words)
    elif isinstance(model, Pledge):
        said = attribution(ctx, as_kind(record, Pledge), model.quote)
        lines = ("".join(text for text, _ in said.line), date_view(model.date).words)
        mark = _mark(_("Status"), site.scales.level(PLEDGE_STATUSES.scale, model.status))
    return Card(
        site=site.title,
        address=_address(site.base_url),
        kind=_(kinds.kind(record.kind).singular).capitalize(),
        title=model.label(),
        lines=tuple(line for line in lines if line),
        sides=sides,
        between=between,
        mark=mark,
        picture=ctx.graph.pictures[image] if image else None,
        picture_title=ctx.graph.typed(image, Image).model.title if image else "",
    )


def _side(side: SideView) -> CardSide:
    who = "".join(text for text, _ in side.said.line) or side.fact.label
    return CardSide(kind=side.kind_label, colour=kinds.kind(side.kind).colour[0], who=who, when=side.date.words)


def _mark(caption: str, level: Level) -> Mark:
    return Mark(caption=caption, sign=level.sign or "", label=_(level.label), colour=level.colour)


def _address(base_url: str) -> str:
    """The site's address as a reader would type it: `example.org/on-the-record`."""
    parts = urlsplit(base_url)
    return (parts.netloc + parts.path).rstrip("/")


def alt_text(shown: Card) -> str:
    """A sentence saying what the card shows, for readers who cannot see it."""
    if shown.sides:
        left, right = shown.sides[0], shown.sides[1]
        body = _(
            "%(left)s (%(left_date)s) set beside %(right)s (%(right_date)s)",
            left=left.who,
            left_date=left.when,
            right=right.who,
            right_date=right.when,
        )
    else:
        body = ", ".join(shown.lines)
    if shown.mark:
        said = _(
            "%(shown)s; %(caption)s: %(label)s.", shown=body, caption=shown.mark.caption.lower(), label=shown.mark.label
        )
    else:
        said = f"{body}."
    title = shown.title if shown.title[-1:] in ".?!…" else f"{shown.title}."
    heading = _("%(site)s %(kind)s card: %(title)s", site=shown.site, kind=shown.kind.lower(), title=title)
    if shown.picture_title:
        said += " " + _("Beside it, the image: %(title)s.", title=shown.picture_title)
    return f"{heading} {said}"
