"""Pictures: how one is shown (a figure with its sizes, alt text, caption and credit), and the files of
its sizes, written beside its image's page (`images/{id}/{id}-{width}.png`).

Every size is listed in `srcset` with the picture's width and height set, so the browser picks the
smallest that fills the space and keeps that space from the start: nothing moves as it arrives. A
picture at the top of a page loads at once; one further down loads only as the reader nears it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import PIL

from .. import drawings, pictures
from ..model import Dated, Image
from ..pictures import Picture
from ..validate import Record
from .common import Context, record_url

SIZES = "(min-width: 47rem) 44.5rem, calc(100vw - 2.5rem)"
"""How wide a figure is drawn: a narrow page's width less its padding (site.css `.page.narrow`)."""


@dataclass(frozen=True, kw_only=True)
class FigureView:
    """A picture as a page shows it."""

    src: str
    srcset: tuple[tuple[str, int], ...]
    """(address, width) of each size, narrowest first."""
    sizes: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    page: str
    """The image's own page, with its licence and everything that shows it."""
    lazy: bool


def file_url(record: Record[Image], picture: Picture, width: int) -> str:
    return f"{record_url(record)}{record.id}-{width}{picture.ending}"


def figure(ctx: Context, image_id: str, lazy: bool) -> FigureView:
    """The image `image_id` as a figure: loading at once (`lazy` False) at the top of a page, else when near."""
    record = ctx.graph.typed(image_id, Image)
    picture = ctx.graph.pictures[image_id]
    widths = picture.widths()
    model = record.model
    return FigureView(
        src=file_url(record, picture, widths[-1]),
        srcset=tuple((file_url(record, picture, width), width) for width in widths),
        sizes=SIZES,
        width=widths[-1],
        height=picture.height_at(widths[-1]),
        alt=model.alt,
        caption=model.caption or "",
        credit=model.credit,
        page=record_url(record),
        lazy=lazy,
    )


def lead_figure(ctx: Context, model: Dated) -> FigureView | None:
    """A fact's or story's own image, shown at the top of its page."""
    return figure(ctx, model.image, lazy=False) if model.image else None


def picture_files(ctx: Context) -> Iterable[tuple[str, bytes]]:
    """Every size of every picture, made only when the drawings kept from earlier builds do not hold it."""
    cache = drawings.active()
    wanted = []
    for image_id, picture in ctx.graph.pictures.items():
        record = ctx.graph.typed(image_id, Image)
        for width in picture.widths():
            made = partial(_resize, picture, width)
            wanted.append((file_url(record, picture, width), _key(picture, width), made))
    cache.fill([(name, make) for _, name, make in wanted])
    return [(path, cache.get(name, make)) for path, name, make in wanted]


def _key(picture: Picture, width: int) -> str:
    """The name a size is kept under: the same for the same picture made by the same means, and only then."""
    means = (PIL.__version__, _source_digest())
    return hashlib.sha256(repr((picture.digest, picture.format, width, means)).encode()).hexdigest()


@functools.cache
def _source_digest() -> str:
    return hashlib.sha256(Path(pictures.__file__).read_bytes()).hexdigest()


def _resize(picture: Picture, width: int) -> bytes:
    return pictures.resized(picture, width)
