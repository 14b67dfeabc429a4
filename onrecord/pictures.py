"""The pictures kept in images/ beside their records: checked when read, resized when a build writes them.

A picture is read as a whole image when loaded (so a file cut short, or one that is not the image its
ending says, is a problem naming it, not a blank on the page), but only its size and a digest are
kept; a build reads it again when it writes its sizes, each re-encoded from the pixels alone, so no
camera's EXIF data (places, times, serial numbers) reaches readers. A photograph the camera stored on
its side is turned upright first.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from . import files, limits
from .cache import digest
from .errors import ContentErrors, Location, Problem

FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
"""The endings a picture may have, and the format its bytes must then be in."""
WIDTHS = (400, 800, 1200, 1600)
"""The widths, in pixels, a picture is written at (those no wider than it, and its own width when less
than the widest): enough for a phone's screen at 1x to a wide one at 2x."""
QUALITY = 82
"""JPEG and WebP quality: no difference a reader sees, for about a third of the bytes of 95."""


@dataclass(frozen=True)
class Picture:
    """A picture in images/, as loaded: where it is, its digest, and its size in pixels."""

    kind: str
    id: str
    path: str
    digest: bytes
    width: int
    height: int
    format: str

    def widths(self) -> tuple[int, ...]:
        """The widths it is written at, narrowest first."""
        return (*(w for w in WIDTHS if w < self.width), min(self.width, WIDTHS[-1]))

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))

    @property
    def ending(self) -> str:
        return {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[self.format]


def probe(kind: str, id: str, shown: str, ending: str, data: bytes) -> Picture:
    """The picture in `data`, decoded once to be sure of it; ContentErrors naming `shown` if it is not one."""
    expected = FORMATS[ending.lower()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                _check_size(image.width, image.height, shown)
                if image.format != expected:
                    raise ContentErrors([_not_format(shown, ending, image.format or "unknown")])
                upright = ImageOps.exif_transpose(image)
                width, height = upright.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise ContentErrors([_unreadable(shown, ending)]) from None
    return Picture(kind, id, shown, digest(data), width, height, expected)


def read(picture: Picture) -> bytes:
    """The picture's bytes, read again as they were loaded (only from inside its own folder); ContentErrors
    if its file changed since."""
    path = Path(picture.path)
    data = files.read_bytes(path, files.real_folder(path.parent), files.Allowance(limits.PICTURE_BYTES))
    if digest(data) != picture.digest:
        raise ContentErrors(
            [Problem(Location(picture.path), "the picture changed while the site was built", "build again")]
        )
    return data


def upright(data: bytes) -> Image.Image:
    """The picture's pixels, turned as its EXIF orientation says, without its metadata."""
    with Image.open(io.BytesIO(data)) as image:
        turned = ImageOps.exif_transpose(image)
        turned.info = {"icc_profile": image.info["icc_profile"]} if "icc_profile" in image.info else {}
        return turned


def resized(picture: Picture, width: int) -> bytes:
    """The picture at `width` pixels wide, upright, without its metadata; ContentErrors if its file changed."""
    image = upright(read(picture))
    profile = image.info.get("icc_profile")
    if image.width != width:
        image = image.resize((width, picture.height_at(width)), Image.Resampling.LANCZOS)
    options: dict[str, object] = {"icc_profile": profile}
    if picture.format == "PNG":
        options["optimize"] = True
    else:
        options["quality"] = QUALITY
        if image.mode not in ("RGB", "L", *(("RGBA",) if picture.format == "WEBP" else ())):
            image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, picture.format, **options)
    return out.getvalue()


def _check_size(width: int, height: int, shown: str) -> None:
    if width * height > limits.PICTURE_PIXELS:
        raise ContentErrors(
            [
                Problem(
                    Location(shown),
                    f"the picture is {width:,} by {height:,} pixels; a picture may have at most "
                    f"{limits.PICTURE_PIXELS:,} pixels",
                    "save it smaller: 3,000 pixels wide is more than any screen shows",
                )
            ]
        )


def _not_format(shown: str, ending: str, found: str) -> Problem:
    right = next((end for end, name in FORMATS.items() if name == found), "")
    hint = f"rename it to end in {right}" if right else f"save it as {', '.join(sorted(set(FORMATS)))}"
    return Problem(Location(shown), f"the file ends in {ending} but holds a {found} image", hint)


def _unreadable(shown: str, ending: str) -> Problem:
    return Problem(
        Location(shown),
        "this file is not a picture that can be shown, or it is damaged",
        f"save it again as a {FORMATS[ending.lower()]} file",
    )


def picture_problems(
    pictures: Sequence[Picture], images: Mapping[str, str], unreadable: frozenset[str], earlier: Sequence[Problem]
) -> tuple[list[Problem], dict[str, Picture]]:
    """Each image record (`images`: id to its file) must keep one picture, and each picture belong to an
    image record; the pictures by id. A file that failed earlier (`earlier` names the pictures that did)
    has its own problems already."""
    unreadable |= {Path(p.location.path).stem for p in earlier if Path(p.location.path).suffix.lower() in FORMATS}
    problems: list[Problem] = []
    found: dict[str, Picture] = {}
    for picture in pictures:
        if picture.id in found:
            problems.append(
                Problem(
                    Location(picture.path),
                    f"image '{picture.id}' already keeps a picture in {found[picture.id].path}",
                    "keep one picture under each name",
                )
            )
        elif picture.id not in images and picture.id not in unreadable:
            problems.append(
                Problem(
                    Location(picture.path),
                    f"this picture belongs to no image: there is no {picture.kind}/{picture.id}.yaml",
                    "add one with the picture's title, alt text and credit",
                )
            )
        found.setdefault(picture.id, picture)
    for image, path in images.items():
        if image not in found and image not in unreadable:
            problems.append(
                Problem(
                    Location(path),
                    f"the image '{image}' has no picture beside it: no {image}{f' or {image}'.join(FORMATS)}",
                    "save the picture in the same folder under the same name",
                )
            )
    return problems, found
