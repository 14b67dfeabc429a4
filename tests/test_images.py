"""Share images: a 1200x630 PNG for every comparison, story and pledge, named by its page's <head>, the same
bytes every build, drawn again only when what it shows changed, and never drawing past its margins."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import struct
from pathlib import Path

import pytest
from conftest import EXAMPLE
from PIL import Image, ImageDraw

from onrecord import cache, drawings, pipeline
from onrecord.views import images, share
from onrecord.views.common import Context
from onrecord.views.images import Card, CardSide, Mark

SHARED = ("comparisons", "stories", "pledges")


def example_records() -> list[tuple[str, str]]:
    return [(kind, path.stem) for kind in SHARED for path in sorted((EXAMPLE / kind).iterdir())]


def chunks(data: bytes) -> list[bytes]:
    """The PNG's chunk types, in order."""
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        found.append(data[at + 4 : at + 8])
        at += 12 + length
    return found


def meta(page: str, name: str) -> list[str]:
    return [html.unescape(value) for value in re.findall(rf'<meta (?:property|name)="{name}" content="([^"]*)">', page)]


@pytest.mark.parametrize(("kind", "record"), example_records())
def test_every_comparison_story_and_pledge_of_the_example_has_its_card(example_build: Path, kind, record) -> None:
    data = (example_build / kind / record / "share.png").read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert set(chunks(data)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, "no times, text or other varying chunks"


def test_the_pages_head_names_its_card_with_its_size_and_what_it_shows(example_build: Path) -> None:
    page = (example_build / "comparisons" / "ibm-pledge-vs-home-office-contract" / "index.html").read_text()
    address = "https://example.org/on-the-record/comparisons/ibm-pledge-vs-home-office-contract/share.png"
    assert meta(page, "og:image") == [address]
    with Image.open(example_build / "comparisons" / "ibm-pledge-vs-home-office-contract" / "share.png") as image:
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == (
            [str(image.width)],
            [str(image.height)],
        )
    assert meta(page, "twitter:card") == ["summary_large_image"]
    (alt,) = meta(page, "og:image:alt")
    for shown in (
        "IBM's 2020 pledge and its 2023 Home Office contract",
        "Arvind Krishna",
        "UK Home Office",
        "In tension",
    ):
        assert shown in alt
    assert meta(page, "twitter:image:alt") == [alt]
    pledge = (example_build / "pledges" / "ibm-2020-facial-recognition-pledge" / "index.html").read_text()
    assert "Compromise" in meta(pledge, "og:image:alt")[0]
    entity = (example_build / "entities" / "ibm" / "index.html").read_text()
    assert meta(entity, "og:image") == [] and meta(entity, "twitter:card") == ["summary"]


def test_no_quote_is_drawn(make_site, valid_files, tmp_path: Path) -> None:
    graph = pipeline.load_graph(make_site(tmp_path, valid_files))
    shown = repr([card for _, card in share._cards(Context(graph))])
    assert "Acme promises to stop selling face scanners" in shown and "Jo Bloggs" in shown
    assert "face scanners." not in shown and "mass surveillance." not in shown


class Draws:
    """Counts the cards drawn, by title."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles: list[str] = []
        drawn = images.draw

        def counting(card: Card) -> bytes:
            self.titles.append(card.title)
            return drawn(card)

        monkeypatch.setattr(share, "draw", counting)

    def taken(self) -> list[str]:
        titles, self.titles = self.titles, []
        return sorted(titles)


def cards_of(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("share.png"))}


def kept(out: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in drawings.beside(out).glob("*.png")}


def test_an_unchanged_card_is_not_drawn_again_and_a_changed_title_redraws_only_its_own(
    make_site, valid_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = Draws(monkeypatch)
    content, out = make_site(tmp_path, valid_files), tmp_path / "site"
    pipeline.build(content, out)
    titles = ["Acme promises to stop selling face scanners", "Did Acme keep its word?", "The promise and the reply"]
    assert draws.taken() == titles
    first, cached = cards_of(out), kept(out)
    assert len(first) == 3 and len(cached) == 3

    pipeline.build(content, out)
    assert draws.taken() == []
    assert cards_of(out) == first and kept(out) == cached

    story = content / "stories" / "did-acme-keep-its-word.md"
    story.write_text(story.read_text().replace("Did Acme keep its word?", "Did Acme keep its promise?"))
    pipeline.build(content, out)
    assert draws.taken() == ["Did Acme keep its promise?"]
    changed = cards_of(out)
    assert changed.keys() == first.keys()
    assert [name for name in first if changed[name] != first[name]] == ["stories/did-acme-keep-its-word/share.png"]
    assert len(kept(out)) == 3, "the old title's drawing is pruned"
    assert len(set(kept(out).items()) & set(cached.items())) == 2


def test_a_damaged_cache_is_drawn_again_and_a_folder_not_ours_is_left_alone(
    make_site, valid_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = Draws(monkeypatch)
    content, out = make_site(tmp_path, valid_files), tmp_path / "site"
    pipeline.build(content, out)
    first = cards_of(out)
    draws.taken()
    damaged = min(drawings.beside(out).glob("*.png"))
    damaged.write_bytes(damaged.read_bytes()[:-100])
    (drawings.beside(out) / cache.FILE).unlink()  # else the last output's cards are kept, and none is asked for
    pipeline.build(content, out)
    assert len(draws.taken()) == 1 and cards_of(out) == first

    other = tmp_path / "other"
    drawings.beside(other).mkdir(parents=True)
    (drawings.beside(other) / "notes.txt").write_text("mine")
    pipeline.build(content, other)
    assert len(draws.taken()) == 3 and cards_of(other) == first
    assert [p.name for p in drawings.beside(other).iterdir()] == ["notes.txt"]


def test_the_preview_draws_a_card_again_only_when_it_changed(
    make_site, valid_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord.incremental import Builder

    draws = Draws(monkeypatch)
    content = make_site(tmp_path, valid_files)
    builder = Builder(content, tmp_path / ".serve")
    builder.rebuild()
    assert len(draws.taken()) == 3
    pledge = content / "pledges" / "acme-pledge.yaml"
    pledge.write_text(pledge.read_text().replace("date: 2020-06-08", "date: 2020-06-07"))
    builder.rebuild()
    assert draws.taken() == ["Acme promises to stop selling face scanners", "The promise and the reply"]
    assert builder.rebuild().touched == ()
    assert draws.taken() == []


LONG = " ".join(["Extraordinarily"] * 30) + " " + "x" * 300


@pytest.mark.parametrize(
    "card",
    [
        Card(
            site=LONG,
            address="example.org/" + "y" * 200,
            kind="Comparison",
            title=LONG,
            lines=(),
            sides=(
                CardSide(kind="Enforcement action", colour="#9b1c31", who=LONG, when=LONG),
                CardSide(kind="Pledge", colour="#1d5a9e", who=LONG, when=LONG),
            ),
            between="about 12 years, 11 months later",
            mark=Mark(caption="Verdict", sign="✕", label=LONG, colour="#a4231a"),
        ),
        Card(
            site="On the Record",
            address="example.org",
            kind="Story",
            title=LONG,
            lines=(LONG, LONG),
            sides=(),
            between="",
            mark=None,
        ),
        Card(
            site="On the Record",
            address="example.org",
            kind="Pledge",
            title=LONG,
            lines=(LONG, "8 June 2020"),
            sides=(),
            between="",
            mark=Mark(caption="Status", sign="", label="Broken", colour="#a4231a"),
        ),
    ],
    ids=["comparison", "story", "pledge"],
)
def test_text_never_runs_into_the_margins_however_long(card: Card) -> None:
    with Image.open(io.BytesIO(images.draw(card))) as drawn:
        image = drawn.convert("RGB")
    band = images.MARGIN - 8
    paper = tuple(int(images.PAPER[i : i + 2], 16) for i in (1, 3, 5))
    strips = [(0, 12, band, 630), (1200 - band, 12, 1200, 630), (0, 630 - 12, 1200, 630)]
    for strip in strips:
        assert image.crop(strip).getcolors() == [((strip[2] - strip[0]) * (strip[3] - strip[1]), paper)], strip


def test_a_title_too_long_for_its_lines_ends_with_an_ellipsis() -> None:
    font = images._font("serif", 46, 700)
    lines = images.wrap(LONG, font, 1072, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1072 for line in lines)
    assert images.wrap("Short title", font, 1072, 3) == ["Short title"]


@pytest.mark.parametrize("anchor", ["ls", "rs"])
def test_every_letter_is_drawn_whole_even_where_its_ink_passes_its_advance(anchor: str) -> None:
    """A letter's ink can reach past the box its layout gives it (the last stroke of a bold "n"); none is cut."""
    text, font, at = "Maeve Castillo, Head of policy, Lumen", images._font("sans", 28, 600), (600, 200)
    canvas = images.Canvas()
    canvas.text(at, text, font, images.INK, anchor=anchor)
    alone = Image.new("L", (images.WIDTH, images.HEIGHT))
    ImageDraw.Draw(alone).text(at, text, font=font, fill=255, anchor=anchor)
    faintest = next(level for level in range(256) if (level * images.BLENDS + 127) // 255)
    drawn = canvas.image.point(lambda index: 255 * (index != 0)).getbbox()
    assert drawn == alone.point(lambda level: 255 * (level >= faintest)).getbbox()


def test_a_card_leaves_out_words_its_fonts_cannot_draw_rather_than_drawing_boxes() -> None:
    arabic = "تعهد آي بي إم لعام 2020"
    card = Card(
        site="On the Record",
        address="example.org",
        kind="Story",
        title=arabic,
        lines=(arabic, "8 June 2020"),
        sides=(),
        between="",
        mark=None,
    )
    assert not images.legible(arabic, images._font("serif", 68, 700))
    assert images.legible("IBM’s pledge — 2020", images._font("serif", 68, 700))
    with Image.open(io.BytesIO(images.draw(card))) as drawn:
        image = drawn.convert("RGB")
    paper = tuple(int(images.PAPER[i : i + 2], 16) for i in (1, 3, 5))
    headline_and_first_line = (0, 100, 1200, 190)
    assert image.crop(headline_and_first_line).getcolors() == [(1200 * 90, paper)]
    with Image.open(io.BytesIO(images.draw(dataclasses.replace(card, title="A title", lines=())))) as drawn:
        assert drawn.convert("RGB").crop(headline_and_first_line).getcolors() != [(1200 * 90, paper)]
