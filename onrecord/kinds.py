"""The kinds of file a content folder holds, each declared once; everything else is derived from here.

A kind is its folder, its model (whose fields declare what they hold, see model.py), the words readers
see for it, the page family that draws it and, for facts, the colour and shape that mark it on
timelines. Loading, validation, linking, the pages, the stylesheet's kind colours and the timeline
filter all ask this registry; adding a kind is its model, one entry here and a colour.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import palette
from .model import (
    Comparison,
    Contract,
    EnforcementAction,
    Entity,
    Event,
    Fact,
    Filed,
    Image,
    Law,
    Lawsuit,
    Pledge,
    Report,
    Ruling,
    Settlement,
    Site,
    Source,
    Statement,
    Story,
    Strict,
)
from .pictures import FORMATS
from .translation import N_

PAGE_FAMILIES = ("fact", "comparison", "story", "entity", "source", "image")
"""How a kind's records are drawn: each family is a template (`{family}.html`) and a view."""
SHAPES = (
    "circle",
    "ring",
    "square",
    "square-ring",
    "diamond",
    "diamond-ring",
    "triangle",
    "triangle-down",
    "hexagon",
    "plus",
    "pentagon",
    "star",
)
"""The marks that tell kinds of fact apart beside their colour (drawn by views/shapes.py)."""


@dataclass(frozen=True, kw_only=True, eq=False)
class Kind:
    """One kind of file: where it lives, what it holds, what readers call it and how it is drawn.

    Each kind is equal only to itself, so finding one by name never compares or hashes its fields."""

    name: str
    """Its folder in the content folder, and its name everywhere: `pledges`."""
    model: type[Filed]
    singular: str
    """What one record is called: `pledge`. In English, as authors' messages name it; readers see it
    translated (`_(kind.singular)`), and so its title and intro, which are marked for the catalogue."""
    title: str
    """What its index is called: `Pledges`."""
    intro: str
    """One sentence under its index's title."""
    page: str
    """Its page family, one of PAGE_FAMILIES."""
    colour: tuple[str, str] = ("", "")
    """Facts: the colour marking it, on a light page and on a dark one (each readable as text there)."""
    shape: str = ""
    """Facts: the shape marking it beside the colour, one of SHAPES."""
    suffix: str = ".yaml"
    """The ending of its files."""
    stored_texts: tuple[str, ...] = ()
    """Endings of the text a record may keep beside its file, under the same name: a source's stored
    copy of its document (plain text or Markdown), which quotes are checked against."""
    pictures: tuple[str, ...] = ()
    """Endings of the picture a record must keep beside its file, under the same name: an image's."""

    def __post_init__(self) -> None:
        """A kind that could not be drawn is a mistake in the registry, found when it is declared."""
        if self.page not in PAGE_FAMILIES:
            raise ValueError(f"{self.name}: no page family {self.page!r}; one of {', '.join(PAGE_FAMILIES)}")
        if self.is_fact and (self.shape not in SHAPES or not all(map(palette.COLOUR.fullmatch, self.colour))):
            raise ValueError(f"{self.name}: a kind of fact needs a shape from SHAPES and two colours like #1d5a9e")

    @property
    def is_fact(self) -> bool:
        """Facts are dated records on timelines, with a page of their own drawn by the fact family."""
        return issubclass(self.model, Fact)

    @property
    def template(self) -> str:
        return f"{self.page}.html"

    @property
    def front_matter(self) -> bool:
        """Markdown files whose fields are YAML front matter and whose body is the rest (stories)."""
        return self.suffix == ".md"


REGISTRY: list[Kind] = [
    Kind(
        name="entities",
        model=Entity,
        singular=N_("entity"),
        title=N_("Entities"),
        page="entity",
        intro=N_("Organisations, people, courts and public bodies on the record."),
    ),
    Kind(
        name="sources",
        model=Source,
        singular=N_("source"),
        title=N_("Sources"),
        page="source",
        intro=N_("Every document the facts cite."),
        stored_texts=(".txt", ".md"),
    ),
    Kind(
        name="images",
        model=Image,
        singular=N_("image"),
        title=N_("Images"),
        page="image",
        intro=N_("Every picture the site shows, with who made it and where it appears."),
        pictures=tuple(FORMATS),
    ),
    Kind(
        name="pledges",
        model=Pledge,
        singular=N_("pledge"),
        title=N_("Pledges"),
        page="fact",
        intro=N_("Public commitments, with their status on the site's scale."),
        colour=("#1d5a9e", "#8fbaf5"),
        shape="circle",
    ),
    Kind(
        name="statements",
        model=Statement,
        singular=N_("statement"),
        title=N_("Statements"),
        page="fact",
        intro=N_("Other things said on the record, word for word."),
        colour=("#0d6b68", "#6fd2cb"),
        shape="ring",
    ),
    Kind(
        name="contracts",
        model=Contract,
        singular=N_("contract"),
        title=N_("Contracts"),
        page="fact",
        intro=N_("Contracts awarded, with values in their own currency and conversions as reported."),
        colour=("#8a4700", "#f0b468"),
        shape="square",
    ),
    Kind(
        name="rulings",
        model=Ruling,
        singular=N_("ruling"),
        title=N_("Rulings"),
        page="fact",
        intro=N_("Court rulings, with their citations and key passages."),
        colour=("#6a3b99", "#cba8f3"),
        shape="diamond",
    ),
    Kind(
        name="enforcement-actions",
        model=EnforcementAction,
        singular=N_("enforcement action"),
        title=N_("Enforcement actions"),
        page="fact",
        intro=N_("What regulators did: fines, orders, bans and warnings, with their penalties as reported."),
        colour=("#9b1c31", "#ff9aa8"),
        shape="triangle-down",
    ),
    Kind(
        name="settlements",
        model=Settlement,
        singular=N_("settlement"),
        title=N_("Settlements"),
        page="fact",
        intro=N_("Disputes settled: who paid whom, for which claims, approved by which court."),
        colour=("#66560a", "#e3cf6e"),
        shape="square-ring",
    ),
    Kind(
        name="lawsuits",
        model=Lawsuit,
        singular=N_("lawsuit"),
        title=N_("Lawsuits and complaints"),
        page="fact",
        intro=N_("Cases filed in court or with a regulator, and where they stand."),
        colour=("#803a63", "#eba5cd"),
        shape="diamond-ring",
    ),
    Kind(
        name="laws",
        model=Law,
        singular=N_("law or policy"),
        title=N_("Laws and policies"),
        page="fact",
        intro=N_("Statutes, ordinances, ballot measures and company policies, through every stage."),
        colour=("#1f5566", "#8ccfe6"),
        shape="hexagon",
    ),
    Kind(
        name="reports",
        model=Report,
        singular=N_("report"),
        title=N_("Reports"),
        page="fact",
        intro=N_("Investigations and reports, and what they found."),
        colour=("#4b4b8f", "#b8b8f7"),
        shape="plus",
    ),
    Kind(
        name="events",
        model=Event,
        singular=N_("event"),
        title=N_("Events"),
        page="fact",
        intro=N_("Things that happened: announcements, moratoria, policy changes."),
        colour=("#2f6a34", "#93d49a"),
        shape="triangle",
    ),
    Kind(
        name="comparisons",
        model=Comparison,
        singular=N_("comparison"),
        title=N_("Comparisons"),
        page="comparison",
        intro=N_("Two things said or done, side by side, with a verdict."),
    ),
    Kind(
        name="stories",
        model=Story,
        singular=N_("story"),
        title=N_("Stories"),
        page="story",
        intro=N_("Explainers that put the record together."),
        suffix=".md",
    ),
]
"""Every kind, in the order the content folder is read."""


def kinds() -> tuple[Kind, ...]:
    return tuple(REGISTRY)


def names() -> tuple[str, ...]:
    return tuple(kind.name for kind in REGISTRY)


@functools.cache
def _by_name(registry: tuple[Kind, ...]) -> dict[str, Kind]:
    return {kind.name: kind for kind in registry}


def kind(name: str) -> Kind:
    """The kind named `name` (a KeyError for a name no kind has)."""
    return _by_name(tuple(REGISTRY))[name]


def facts() -> tuple[Kind, ...]:
    """The kinds that are facts: dated, on timelines, in registry order."""
    return tuple(kind for kind in REGISTRY if kind.is_fact)


def fact_names() -> tuple[str, ...]:
    return tuple(kind.name for kind in facts())


def models() -> dict[str, type[Strict]]:
    """The model of each kind, and of site.yaml."""
    return {**{kind.name: kind.model for kind in REGISTRY}, "site": Site}


def accepted(kinds: tuple[str, ...], facts: bool) -> tuple[str, ...]:
    """The kinds a reference may name: those listed, and every fact kind when `facts`."""
    return (*kinds, *(name for name in fact_names() if name not in kinds)) if facts else kinds


def of_model(model: type[Filed]) -> Kind:
    """The kind whose records hold `model`."""
    return next(kind for kind in REGISTRY if kind.model is model)


@contextmanager
def registered(extra: Kind) -> Iterator[Kind]:
    """A kind added for as long as the block runs: how a new kind is tried without touching any module."""
    REGISTRY.append(extra)
    try:
        yield extra
    finally:
        REGISTRY.remove(extra)
