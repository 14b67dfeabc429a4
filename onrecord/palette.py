"""The backgrounds text sits on in each colour scheme, declared once, and how well a colour reads on them.

The generated stylesheet `assets/scales.css` writes these backgrounds for site.css (views/scales.py),
a scale's colours in site.yaml are refused unless they read on them (model/scales.py), and the tests
hold the kinds' colours to the same measure: WCAG 2's contrast ratio, at least 4.5:1 for text.
"""

from __future__ import annotations

import re
from typing import Literal

Scheme = Literal["light", "dark"]
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
"""A colour as the site writes one: #rrggbb."""
BACKGROUNDS: dict[Scheme, dict[str, str]] = {
    "light": {"paper": "#fbfaf6", "panel": "#f3f0e7"},
    "dark": {"paper": "#141311", "panel": "#1f1d1a"},
}
"""Each scheme's page (`--paper`) and the panels cards and boxes sit on (`--panel`)."""
BRAND = "#a1281e"
"""The site's own colour, site.css's light `--accent` (the masthead's rule): the favicon's ground."""
READABLE = 4.5
"""The least contrast text needs against its background (WCAG 2, level AA, body text)."""


def luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour, from 0 (black) to 1 (white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def faintest(colour: str, scheme: Scheme) -> tuple[float, str, str]:
    """(ratio, background's name, background) of the scheme's background the colour reads least well on."""
    return min((contrast(colour, value), name, value) for name, value in BACKGROUNDS[scheme].items())
