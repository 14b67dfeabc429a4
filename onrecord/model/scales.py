"""The scales a newsroom rates by: the verdicts comparisons give and the statuses pledges have.

site.yaml declares them (`scales:`); a scale it leaves out is the default below. A level's order is
the order written (the home page lists the sharpest verdicts first, scorecards count in that order),
and records store a level's id, never its label, so renaming a label changes no record. A comparison
is validated before site.yaml's scales are known, so its `verdict` is any id here: a field marked
`OnScale` is checked against the site's scale once linking knows it (checks.py).
"""

from __future__ import annotations

import functools
import inspect
import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, PlainValidator, WithJsonSchema

from .. import palette
from ..translation import N_
from ..values import Flag, Slug, Text
from ..yaml_reader import KeyPath
from .base import Strict


@dataclass(frozen=True)
class OnScale:
    """Marks a field as holding the id of a level of one of the site's scales: a field of `Scales`."""

    scale: str


VERDICTS = OnScale("verdicts")
"""The marker of a field holding a verdict."""
PLEDGE_STATUSES = OnScale("pledge_statuses")
"""The marker of a field holding a pledge's status."""
Verdict = Annotated[Slug, VERDICTS]
PledgeStatus = Annotated[Slug, PLEDGE_STATUSES]


@dataclass(frozen=True)
class Standing:
    """Where a fact stands, or what a stage changed it to: a word from its kind's fixed vocabulary (a
    law's, a case's), or the id of a level of the site's scale `scale` (None: the scale's default)."""

    value: str | None
    scale: str = ""


def _colour(scheme: palette.Scheme) -> typing.Callable[[object], str]:
    """A #rrggbb colour that text of it reads on every background of the scheme."""

    def readable(value: object) -> str:
        if value is None:
            raise ValueError('no colour: in YAML # starts a comment, so write a colour in quotes, e.g. "#a4231a"')
        if not isinstance(value, str) or not palette.COLOUR.fullmatch(value):
            raise ValueError(f"{value!r} is not a colour written #rrggbb, such as #a4231a")
        ratio, name, background = palette.faintest(value, scheme)
        if ratio < palette.READABLE:
            way = "darker" if scheme == "light" else "lighter"
            raise ValueError(
                f"{value} is too faint to read on {scheme} pages: {ratio:.2f}:1 against their {name} "
                f"({background}); text needs at least {palette.READABLE}:1, so choose a {way} colour"
            )
        return value

    return readable


def _sign(value: str) -> str:
    if not any(unicodedata.category(character)[0] in "LNPS" for character in value):
        raise ValueError("a sign must be a character readers can see, such as ✕")
    return value


COLOUR_SCHEMA = {"type": "string", "pattern": f"^{palette.COLOUR.pattern}$"}
LightColour = Annotated[str, PlainValidator(_colour("light")), WithJsonSchema(COLOUR_SCHEMA)]
DarkColour = Annotated[str, PlainValidator(_colour("dark")), WithJsonSchema(COLOUR_SCHEMA)]
Sign = Annotated[str, Field(min_length=1, max_length=3), AfterValidator(_sign)]


class Level(Strict):
    """One level of a scale: a verdict a comparison may give, or a status a pledge may have."""

    id: Slug
    """What records write (`verdict: contradicts`, `status: kept`); a label may change, the id stays."""
    label: Text
    """What readers see on badges, e.g. "Contradicts"."""
    definition: Text
    """What the level means, in a sentence: shown beside a verdict and on the methodology page."""
    colour: LightColour
    """Its colour on light pages, "#rrggbb" in quotes, reading at 4.5:1 or more against them."""
    colour_dark: DarkColour
    """Its colour on dark pages, "#rrggbb" in quotes, reading at 4.5:1 or more against them."""
    sign: Sign | None = None
    """A sign shown before the label, so colour is never the only cue, e.g. ✕; at most 3 characters."""


class StatusLevel(Level):
    """A status a pledge may have."""

    default: Flag = False
    """True for the status of a pledge that gives none (at most one level); else it is the first."""


DEFAULT_VERDICTS = [
    Level(
        id="contradicts",
        label=N_("Contradicts"),
        definition=N_("The two cannot both hold."),
        colour="#a4231a",
        colour_dark="#ff9a8c",
        sign="✕",
    ),
    Level(
        id="in-tension",
        label=N_("In tension"),
        definition=N_("They pull against each other, though both can be argued to hold."),
        colour="#8a4d00",
        colour_dark="#f2b45e",
        sign="≠",
    ),
    Level(
        id="unclear",
        label=N_("Unclear"),
        definition=N_("The record does not settle it."),
        colour="#555249",
        colour_dark="#c4bcad",
        sign="?",
    ),
    Level(
        id="consistent",
        label=N_("Consistent"),
        definition=N_("The two agree."),
        colour="#2f6a34",
        colour_dark="#93d49a",
        sign="=",
    ),
]
"""The verdicts when site.yaml gives none, sharpest first: their labels and definitions are marked for the
catalogue, so a site that keeps them reads them in its language (`_()` where shown)."""
DEFAULT_PLEDGE_STATUSES = [
    StatusLevel(
        id="not-yet-rated",
        label=N_("Not yet rated"),
        definition=N_("No sourced assessment has been made yet."),
        colour="#595549",
        colour_dark="#b7ae9d",
    ),
    StatusLevel(
        id="in-the-works",
        label=N_("In the works"),
        definition=N_("Steps to keep the pledge are under way."),
        colour="#1b4f8f",
        colour_dark="#9fc3ff",
    ),
    StatusLevel(
        id="stalled",
        label=N_("Stalled"),
        definition=N_("Progress has stopped, or the steps under way were halted."),
        colour="#8a4d00",
        colour_dark="#f2b45e",
    ),
    StatusLevel(
        id="kept",
        label=N_("Kept"),
        definition=N_("The pledge was kept as made."),
        colour="#2f6a34",
        colour_dark="#93d49a",
    ),
    StatusLevel(
        id="compromise",
        label=N_("Compromise"),
        definition=N_("It was kept only in part, or in a narrower sense than its words suggested."),
        colour="#8a4d00",
        colour_dark="#f2b45e",
    ),
    StatusLevel(
        id="broken",
        label=N_("Broken"),
        definition=N_("The pledge was not kept."),
        colour="#a4231a",
        colour_dark="#ff9a8c",
    ),
]
"""The pledge statuses when site.yaml gives none; the first is the default."""


class Scales(Strict):
    """site.yaml's `scales`: each scale's levels, in the order readers meet them."""

    verdicts: Annotated[list[Level], Field(min_length=1)] = DEFAULT_VERDICTS
    """The verdicts a comparison may give, sharpest first; left out, the default four."""
    pledge_statuses: Annotated[list[StatusLevel], Field(min_length=1)] = DEFAULT_PLEDGE_STATUSES
    """The statuses a pledge may have; left out, the default six."""

    def levels(self, scale: str) -> list[Level]:
        """The levels of `scale`, the name of one of the fields above, in order."""
        found: list[Level] = getattr(self, scale)
        return found

    def level(self, scale: str, value: str | None) -> Level:
        """The level a record gives by its id; None is the scale's default (a pledge that gives no status)."""
        levels = self.levels(scale)
        if value is None:
            return next((x for x in levels if isinstance(x, StatusLevel) and x.default), levels[0])
        return next(x for x in levels if x.id == value)

    def rank(self, scale: str, value: str | None) -> int:
        """The level's place in its scale's order, from 0."""
        found = self.level(scale, value).id
        return next(index for index, level in enumerate(self.levels(scale)) if level.id == found)


def levels_given(model: BaseModel, where: KeyPath = ()) -> Iterator[tuple[KeyPath, OnScale, str]]:
    """(where, scale, id) of each level a record gives, in its parts too (a pledge's status changes)."""
    for name, marker in _scaled_fields(type(model)):
        value = getattr(model, name)  # an id on a scale, or parts (or lists of them) that hold some
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _given(item, (*where, name, index), marker)
        else:
            yield from _given(value, (*where, name), marker)


def _given(value: object, where: KeyPath, marker: OnScale | None) -> Iterator[tuple[KeyPath, OnScale, str]]:
    if isinstance(value, BaseModel):
        yield from levels_given(value, where)
    elif isinstance(value, str) and marker is not None:
        yield where, marker, value


@functools.cache
def _scaled_fields(cls: type[BaseModel]) -> tuple[tuple[str, OnScale | None], ...]:
    """The fields of `cls` marked OnScale, and (with None) those holding parts that may have some."""
    found = []
    for name, info in cls.model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, OnScale)), None)
        if marker is not None or any(_scaled_fields(inner) for inner in _models_in(info.annotation)):
            found.append((name, marker))
    return tuple(found)


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        yield annotation
    for inner in typing.get_args(annotation):
        yield from _models_in(inner)
