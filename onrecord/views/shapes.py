"""The marks that tell kinds of fact apart without colour, and the stylesheet that gives each kind its look.

Each shape is one SVG path, drawn from the centre of the mark: the time axis draws it beside the
entry, and the stylesheet masks a kind's label chip with the same path, so the chip in a label and
the mark on the axis always match. `kinds_stylesheet` is written to `assets/kinds.css` from the
registry: a kind added there gets its colours (light and dark) and its chip with no stylesheet edit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import quote

from .. import kinds

STYLESHEET = "assets/kinds.css"
"""Where the kinds' stylesheet is written in the site."""
CHIP_BOX = 7.6
"""The width of the square, in axis units, a label chip shows of a mark."""


@dataclass(frozen=True)
class Shape:
    """A mark: its outline as relative SVG path commands from its centre, and whether it is drawn hollow."""

    path: str
    hollow: bool = False


SHAPES = {
    "circle": Shape("m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0z"),
    "ring": Shape("m-2.6 0a2.6 2.6 0 1 0 5.2 0a2.6 2.6 0 1 0-5.2 0z", hollow=True),
    "square": Shape("m-2.6-2.6h5.2v5.2h-5.2z"),
    "square-ring": Shape("m-2.3-2.3h4.6v4.6h-4.6z", hollow=True),
    "diamond": Shape("m0-3.6l3.6 3.6-3.6 3.6-3.6-3.6z"),
    "diamond-ring": Shape("m0-3.1l3.1 3.1-3.1 3.1-3.1-3.1z", hollow=True),
    "triangle": Shape("m0-3.2l3.5 6.1h-7z"),
    "triangle-down": Shape("m0 3.2l3.5-6.1h-7z"),
    "hexagon": Shape("m-1.7-3h3.4l1.7 3-1.7 3h-3.4l-1.7-3z"),
    "plus": Shape("m-1.1-3.3h2.2v2.2h2.2v2.2h-2.2v2.2h-2.2v-2.2h-2.2v-2.2h2.2z"),
    "pentagon": Shape("m0-3.2l3.33 2.42-1.27 3.91h-4.12l-1.27-3.91z"),
    "star": Shape("m0-3.5l.94 2.51 2.67.12-2.09 1.66.71 2.58-2.23-1.47-2.23 1.47.71-2.58-2.09-1.66 2.67-.12z"),
}
"""Every shape a kind may take, by the name kinds.py gives it."""


@functools.cache
def shape_of(kind: str) -> Shape:
    """The shape marking a kind of fact."""
    return SHAPES[kinds.kind(kind).shape]


def kinds_stylesheet() -> bytes:
    """Each fact kind's colour on light and dark pages, and its label chip in its own shape."""
    facts = kinds.facts()
    light = [f".k-{k.name} {{ --kind: {k.colour[0]}; --chip: {_chip(SHAPES[k.shape])}; }}" for k in facts]
    dark = [f"  .k-{k.name} {{ --kind: {k.colour[1]}; }}" for k in facts]
    lines = [
        "/* The kinds of fact, written from the registry: colours on light and dark pages, label chips. */",
        *light,
        "@media (prefers-color-scheme: dark) {",
        *dark,
        "}",
    ]
    return ("\n".join(lines) + "\n").encode()


def _chip(shape: Shape) -> str:
    """The mark as an image: the label's chip is its colour seen through it (site.css masks with `--chip`)."""
    half = CHIP_BOX / 2
    paint = "fill='none' stroke='black' stroke-width='1.4'" if shape.hollow else "fill='black'"
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='{-half:g} {-half:g} {CHIP_BOX:g} {CHIP_BOX:g}'>"
        f"<path d='M0 0{shape.path}' {paint}/></svg>"
    )
    return 'url("data:image/svg+xml,' + quote(svg, safe=" =/:,.-'") + '")'
