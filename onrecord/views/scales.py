"""The site's scales as readers meet them: badges, the methodology page, and the stylesheet of their looks.

Every verdict and pledge-status badge links to its level's entry on the methodology page
(`methodology/#verdict-contradicts`), which explains each scale in order: each level's label, sign,
colours and definition. `scales_stylesheet` is written to `assets/scales.css` by every build and
preview from site.yaml's scales (or the defaults): each level's colour on light and dark pages and
its sign (before a badge's label: `.level`), after the page backgrounds (palette.py) those colours
were checked against. Class names and anchors join a scale's noun and a level's id, which is a slug:
`verdict--in-tension` names no other class, and `#verdict-in-tension` no other element of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import palette
from ..model import Scales, Standing
from ..translation import N_, _
from .common import Context
from .vocabulary import words_label
from .web import css_string

STYLESHEET = "assets/scales.css"
"""Where the scales' stylesheet is written in the site."""
METHODOLOGY = ("methodology/", N_("Methodology"))
"""The methodology page's address and title."""


@dataclass(frozen=True, kw_only=True)
class ScaleWords:
    """How readers meet a scale: the noun its classes and anchors start with, the badge it is drawn as,
    its heading and intro on the methodology page, and what is said of its default level, if it has one
    (marked with N_, translated where shown)."""

    noun: str
    box: str
    heading: str
    intro: str
    default: str = ""


SCALES = {
    "verdicts": ScaleWords(
        noun="verdict",
        box="verdict",
        heading=N_("Verdicts"),
        intro=N_(
            "Each comparison sets two things said or done side by side and gives one of these verdicts. "
            "They are listed sharpest first, the order in which the home page leads with comparisons "
            "and scorecards count them."
        ),
    ),
    "pledge_statuses": ScaleWords(
        noun="pledge-status",
        box="badge",
        heading=N_("Pledge statuses"),
        intro=N_("Where a pledge stands, as its sources show it; every change of status is dated and sourced."),
        default=N_("A pledge not given a status is counted as"),
    ),
}
"""Each of site.yaml's scales, by its field in `Scales`."""


@dataclass(frozen=True, kw_only=True)
class Badge:
    """A badge beside a record: its classes, its words, and where it links (a level's definition), if anywhere."""

    cls: str
    label: str
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class LevelView:
    """One level on the methodology page, under its own anchor."""

    anchor: str
    look: str
    """The class that gives what it wraps the level's colours (`--level-light`, `--level-dark`)."""
    badge: Badge
    sign: str | None
    colour: str
    colour_dark: str
    definition: str


@dataclass(frozen=True, kw_only=True)
class ScaleView:
    """One scale on the methodology page: its levels in order, and the label of its default, if it has one."""

    id: str
    heading: str
    intro: str
    levels: tuple[LevelView, ...]
    default: tuple[str, str] | None
    """(what is said of it, its label)."""


@dataclass(frozen=True, kw_only=True)
class MethodologyView:
    """The methodology page: every scale the site rates by."""

    scales: tuple[ScaleView, ...]


def _anchor(scale: str, level: str) -> str:
    return f"{SCALES[scale].noun}-{level}"


def _look(scale: str, level: str) -> str:
    return f"{SCALES[scale].noun}--{level}"


def _classes(scale: str, level: str) -> str:
    return f"{SCALES[scale].box} level {_look(scale, level)}"


def level_badge(ctx: Context, scale: str, value: str | None) -> Badge:
    """The badge of a level a record gives (None: the scale's default), linking to its definition."""
    level = ctx.graph.site.scales.level(scale, value)
    url = f"{METHODOLOGY[0]}#{_anchor(scale, level.id)}"
    return Badge(cls=_classes(scale, level.id), label=_(level.label), url=url)


def standing_badge(ctx: Context, standing: Standing) -> Badge:
    """A fact's standing as a badge: a level of its scale, or a word of its kind's vocabulary."""
    if standing.scale:
        return level_badge(ctx, standing.scale, standing.value)
    return Badge(cls="badge", label=words_label(standing.value or ""))


def methodology_view(ctx: Context) -> MethodologyView:
    scales = ctx.graph.site.scales
    return MethodologyView(scales=tuple(_scale(scales, scale, words) for scale, words in SCALES.items()))


def _scale(scales: Scales, scale: str, words: ScaleWords) -> ScaleView:
    levels = tuple(
        LevelView(
            anchor=_anchor(scale, level.id),
            look=_look(scale, level.id),
            badge=Badge(cls=_classes(scale, level.id), label=_(level.label)),
            sign=level.sign,
            colour=level.colour,
            colour_dark=level.colour_dark,
            definition=_(level.definition),
        )
        for level in scales.levels(scale)
    )
    default = (_(words.default), _(scales.level(scale, None).label)) if words.default else None
    return ScaleView(
        id=f"scale-{words.noun}", heading=_(words.heading), intro=_(words.intro), levels=levels, default=default
    )


def scales_stylesheet(scales: Scales) -> bytes:
    """The page backgrounds of each scheme, then each level's colours (site.css picks the scheme's) and sign."""
    light, dark = palette.BACKGROUNDS["light"], palette.BACKGROUNDS["dark"]
    lines = [
        "/* Written from palette.py and site.yaml's scales: the backgrounds every colour is read against, */",
        "/* then each level's colour on light and dark pages and its sign. */",
        f":root {{ {_properties(light)} }}",
        f"@media (prefers-color-scheme: dark) {{ :root {{ {_properties(dark)} }} }}",
    ]
    for scale in SCALES:
        for level in scales.levels(scale):
            name = f".{_look(scale, level.id)}"
            lines.append(f"{name} {{ --level-light: {level.colour}; --level-dark: {level.colour_dark}; }}")
            if level.sign:
                sign = css_string(level.sign)
                lines.append(f'.level{name}::before {{ content: "{sign}"; content: "{sign}" / ""; }}')
    return ("\n".join(lines) + "\n").encode()


def _properties(backgrounds: dict[str, str]) -> str:
    return " ".join(f"--{name}: {value};" for name, value in backgrounds.items())
