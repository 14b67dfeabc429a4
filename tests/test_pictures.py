"""Pictures as readers get them: every size written, upright, without the camera's metadata, with a page's
space kept from the start; at the top of a page at once, further down only when the reader nears it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import PIL.Image
import pytest

from onrecord import pipeline
from onrecord.errors import ContentErrors

PHOTO = """\
title: Acme's head office
alt: A grey office block with Acme's sign over the door.
caption: Acme's head office, where the letter was signed.
credit: "Photo: Jo Bloggs"
licence: CC BY 4.0
"""
CAMERA, PLACE = 0x010F, 0x8825
"""EXIF tags: the camera's maker, and the GPS block (where the photograph was taken)."""


def photograph(path: Path) -> None:
    """A JPEG as a phone saves one: 2000 by 1000 pixels stored on its side, with its maker and place."""
    exif = PIL.Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90 degrees clockwise to show it upright
    exif[CAMERA] = "Acme Phone"
    exif[PLACE] = {1: "N", 2: (51.0, 30.0, 0.0)}
    PIL.Image.new("RGB", (2000, 1000), (40, 90, 160)).save(path, "JPEG", exif=exif, quality=90)


@pytest.fixture
def built(tmp_path: Path, make_site, valid_files: dict[str, str]) -> Path:
    valid_files["images/acme-office.yaml"] = PHOTO
    valid_files["pledges/acme-pledge.yaml"] += "image: acme-office\n"
    story = "stories/did-acme-keep-its-word.md"
    valid_files[story] += "\nA picture further down.\n\n::figure acme-office\n"
    content = make_site(tmp_path, valid_files)
    photograph(content / "images" / "acme-office.jpg")
    out = tmp_path / "build"
    pipeline.build(content, out)
    return out


def test_every_size_is_written_upright_and_without_the_cameras_metadata(built: Path) -> None:
    written = sorted((built / "images" / "acme-office").glob("*.jpg"))
    assert [path.name for path in written] == [f"acme-office-{w}.jpg" for w in (1000, 400, 800)]
    for path in written:
        with PIL.Image.open(path) as picture:
            width = int(path.stem.rsplit("-", 1)[1])
            assert picture.size == (width, width * 2)  # stored 2000 wide on its side: upright it is tall
            assert picture.getexif() == {} and "exif" not in picture.info
    assert b"Acme Phone" not in b"".join(path.read_bytes() for path in written)


def test_a_page_lists_every_size_and_keeps_the_pictures_space(built: Path) -> None:
    page = (built / "pledges" / "acme-pledge" / "index.html").read_text(encoding="utf-8")
    [img] = re.findall(r"<img [^>]+>", page)
    assert 'srcset="../../images/acme-office/acme-office-400.jpg 400w, ' in img
    assert "acme-office-800.jpg 800w, ../../images/acme-office/acme-office-1000.jpg 1000w" in img
    assert 'width="1000" height="2000"' in img and 'alt="A grey office block with Acme&#39;s sign' in img
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert "Acme&#39;s head office, where the letter was signed." in page and "Photo: Jo Bloggs" in page


def test_a_figure_further_down_a_story_loads_as_the_reader_nears_it(built: Path) -> None:
    page = (built / "stories" / "did-acme-keep-its-word" / "index.html").read_text(encoding="utf-8")
    [img] = re.findall(r"<img [^>]+>", page)
    assert 'loading="lazy"' in img and 'width="1000" height="2000"' in img


def test_the_images_page_names_its_credit_licence_and_every_page_showing_it(built: Path) -> None:
    page = (built / "images" / "acme-office" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in page and "Photo: Jo Bloggs" in page
    assert 'href="../../pledges/acme-pledge/"' in page and 'href="../../stories/did-acme-keep-its-word/"' in page


def test_a_picture_claiming_more_pixels_than_allowed_is_refused_before_it_is_decoded(
    tmp_path: Path, make_site, valid_files: dict[str, str]
) -> None:
    valid_files["images/acme-office.yaml"] = PHOTO
    content = make_site(tmp_path, valid_files)
    huge = io.BytesIO()
    PIL.Image.new("1", (10_000, 6_000)).save(huge, "PNG")
    (content / "images" / "acme-office.png").write_bytes(huge.getvalue())
    with pytest.raises(ContentErrors) as refused:
        pipeline.check(content)
    [problem] = refused.value.problems
    assert problem.location.path.endswith("acme-office.png") and "at most 50,000,000 pixels" in problem.message


def test_a_pledges_share_card_shows_its_picture_whole(built: Path) -> None:
    with PIL.Image.open(built / "pledges" / "acme-pledge" / "share.png") as card:
        pixels = card.convert("RGB").get_flattened_data()
        blue = sum(1 for r, g, b in pixels if abs(r - 40) < 12 and abs(g - 90) < 12 and abs(b - 160) < 12)
    assert card.size == (1200, 630)
    assert blue == pytest.approx(200 * 400, rel=0.05)  # upright, 1,000 by 2,000, shrunk whole into 440 by 400
    page = (built / "pledges" / "acme-pledge" / "index.html").read_text(encoding="utf-8")
    assert "Beside it, the image: Acme&#39;s head office." in page


def test_a_fact_without_a_card_shares_its_own_picture_at_its_real_size(
    tmp_path: Path, make_site, valid_files: dict[str, str]
) -> None:
    valid_files["images/acme-office.yaml"] = PHOTO
    valid_files["statements/acme-reply.yaml"] += "image: acme-office\n"
    content = make_site(tmp_path, valid_files)
    PIL.Image.new("RGB", (900, 600), "olive").save(content / "images" / "acme-office.png")
    pipeline.build(content, tmp_path / "build")
    page = (tmp_path / "build" / "statements" / "acme-reply" / "index.html").read_text(encoding="utf-8")
    assert (
        'og:image" content="https://news.example.org/desk/on-the-record/images/acme-office/acme-office-900.png"' in page
    )
    assert '<meta property="og:image:width" content="900">' in page
    assert '<meta property="og:image:height" content="600">' in page
