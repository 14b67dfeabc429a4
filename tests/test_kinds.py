"""The registry of kinds: every kind can be drawn, told apart and documented, and a kind added to the
registry alone (its model and one entry) is read, checked, linked, listed, filtered and drawn."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pytest

from onrecord import kinds, palette, pipeline, schemas
from onrecord.kinds import Kind
from onrecord.model import ENTITY, Detail, Fact, Role
from onrecord.values import Id, Text
from onrecord.views.shapes import SHAPES, kinds_stylesheet

ROOT = Path(__file__).resolve().parent.parent


class Petition(Fact):
    """A petition handed in; a kind no module of the site knows about."""

    organisers: Annotated[list[Id], ENTITY, Role("organiser", "Organised by", owner=True)]
    """Who organised it."""
    signatures: Annotated[int | None, Detail("Signatures", key=True)] = None
    """How many signed it."""
    demand: Annotated[Text, Detail("Demand", key=True)]
    """What it asks for."""


PETITIONS = Kind(
    name="petitions",
    model=Petition,
    singular="petition",
    title="Petitions",
    intro="Petitions handed in, and what they asked for.",
    page="fact",
    colour=("#5b4a8a", "#c9b8f5"),
    shape="star",
)
PETITION = """\
title: Residents hand in a petition against live facial recognition
date: 2023-05-02
summary: Residents asked the force to stop using live facial recognition in the city centre.
organisers: [acme]
signatures: 12040
demand: Stop live facial recognition in the city centre.
sources: [acme-letter]
"""
COMPARED = """\
title: The promise and the petition
summary: What Acme said, and what residents asked for.
left:
  fact: acme-pledge
right:
  fact: city-petition
verdict: unclear
rationale: The petition asks for more than the promise gave.
"""


@pytest.mark.parametrize("kind", kinds.kinds(), ids=kinds.names())
def test_every_kind_has_a_template_a_folder_name_and_words_for_readers(kind: Kind) -> None:
    assert (ROOT / "templates" / kind.template).is_file()
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", kind.name)
    assert kind.singular and kind.title and kind.intro.endswith(".")


@pytest.mark.parametrize("kind", kinds.facts(), ids=kinds.fact_names())
def test_every_kind_of_fact_has_a_shape_and_colours_readable_as_text_in_both_schemes(kind: Kind) -> None:
    assert kind.shape in SHAPES
    for colour, scheme in zip(kind.colour, ("light", "dark"), strict=True):
        assert palette.faintest(colour, scheme)[0] >= palette.READABLE, (kind.name, scheme, colour)


def test_kinds_of_fact_are_told_apart_by_shape_as_well_as_colour() -> None:
    shapes = [kind.shape for kind in kinds.facts()]
    colours = [kind.colour for kind in kinds.facts()]
    assert len(set(shapes)) == len(shapes) and len(set(colours)) == len(colours)


def test_every_kind_is_documented_with_an_example_file() -> None:
    guide = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for kind in kinds.kinds():
        assert f"\n## {kind.name}\n" in guide, f"docs/format.md has no section for {kind.name}"
        assert re.search(rf"^`{kind.name}/[a-z0-9-]+\{kind.suffix}`:\n\n```", guide, re.M), kind.name


def test_a_kind_that_cannot_be_drawn_is_refused_when_declared() -> None:
    with pytest.raises(ValueError, match="shape"):
        Kind(name="odd", model=Petition, singular="odd", title="Odd", intro="Odd.", page="fact", shape="blob")
    with pytest.raises(ValueError, match="page family"):
        Kind(name="odd", model=Petition, singular="odd", title="Odd", intro="Odd.", page="poster")


def test_a_kind_added_to_the_registry_alone_is_read_checked_linked_and_drawn(
    tmp_path: Path, make_site: Callable[[Path, dict[str, str]], Path], valid_files: dict[str, str]
) -> None:
    files = {**valid_files, "petitions/city-petition.yaml": PETITION, "comparisons/promise-vs-petition.yaml": COMPARED}
    with kinds.registered(PETITIONS):
        content = make_site(tmp_path, files)
        broken = make_site(tmp_path / "broken", {**files, "petitions/city-petition.yaml": PETITION + "signers: 3\n"})
        with pytest.raises(pipeline.ContentErrors) as caught:
            pipeline.check(broken)
        out = tmp_path / "site"
        pipeline.build(content, out)
        schema = schemas.schema("petitions")
        stylesheet = kinds_stylesheet().decode()
    assert "unknown field 'signers'" in str(caught.value.problems[0])
    page = (out / "petitions" / "city-petition" / "index.html").read_text(encoding="utf-8")
    assert "Signatures</dt><dd>12040" in page and "Organised by" in page and 'class="kind k-petitions"' in page
    assert "Residents hand in a petition" in (out / "petitions" / "index.html").read_text(encoding="utf-8")
    timeline = (out / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'data-kind="petitions"' in timeline and 'name="kind" value="petitions"' in timeline
    assert 'class="k-petitions"' in timeline, "the axis draws the new kind's marks"
    comparison = (out / "comparisons" / "promise-vs-petition" / "index.html").read_text(encoding="utf-8")
    assert 'class="deed"' in comparison and "Demand" in comparison
    assert "Petitions" in (out / "entities" / "acme" / "index.html").read_text(encoding="utf-8")
    assert ".k-petitions { --kind: #5b4a8a" in stylesheet and "#c9b8f5" in stylesheet
    assert (out / "assets" / "kinds.css").read_text(encoding="utf-8") == stylesheet
    assert "demand" in schema["required"]
    assert "petitions" not in kinds.names(), "the kind is gone once the block ends"
