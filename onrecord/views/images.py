"""Share images: a card of 1200 by 630 pixels that link previews show for a comparison, story or pledge.

A card is drawn from a `Card` of plain strings and colours only, with fonts installed by Python
packages (Noto Serif for the headline, Source Sans 3 for the rest), never from the machine's fonts,
and with FreeType's basic layout, so the same card gives the same pixels wherever Pillow is the same
version; the PNG is written without times or other varying chunks. A title too long for its lines
ends with an ellipsis; quotes are never drawn, so no quote is ever cut.

`fingerprint` names everything besides the card that the pixels depend on (Pillow's, FreeType's and
zlib's versions, the fonts' bytes, this module's own source), so a cached drawing is reused only
when drawing again would give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from .. import palette, pictures
from ..errors import EnvironmentFailure
from ..pictures import Picture

WIDTH, HEIGHT = 1200, 630
"""The size link previews expect of a large image (Open Graph, and Twitter's summary_large_image)."""
MARGIN = 64
"""No text is drawn nearer the edges than this."""
BASE = HEIGHT - 44
"""The baseline of the card's last line: the verdict or status, and the site's address."""
COMPRESSION = 3
"""zlib's level for the PNG: its default, 6, takes half as long again for a quarter fewer bytes."""
BLENDS = 15
"""Steps between a text colour and its background, for the smoothed edges of letters."""
PAPER, PANEL = palette.BACKGROUNDS["light"]["paper"], palette.BACKGROUNDS["light"]["panel"]
INK, MUTED, RULE, ACCENT = "#1c1b19", "#595549", "#d8d2c2", "#a1281e"
"""The light page's colours in site.css: text, quieter text, rules and the masthead's band."""
FONTS = {
    "serif": ("fontpkg_noto_serif", "NotoSerif[wdth,wght].ttf"),
    "sans": ("fontpkg_source_sans_3", "SourceSans3[wght].ttf"),
}
"""Each face: the Python package that installs it, and its file there."""
PICTURE_WIDTH, PICTURE_HEIGHT, PICTURE_TOP = 440, 400, 124
"""The box a story's or pledge's own image is shown in, whole, at the right of its title."""
ELLIPSIS = "…"
LOOKALIKES = {"✕": "×", "✖": "×", "✔": "✓", "✘": "✗"}
"""Signs the sans face lacks, and the ones it has that look the same; a sign with neither is left off."""
BREAKS = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""The spaces a line may break at: any but the no-break ones, which hold a French « or ; to its word."""


@dataclass(frozen=True, kw_only=True)
class Mark:
    """A level of one of the site's scales, as the card shows it: what it is, its sign, label and colour."""

    caption: str
    sign: str
    label: str
    colour: str


@dataclass(frozen=True, kw_only=True)
class CardSide:
    """One side of a comparison: the kind of fact and its colour, whose words or deed, and when."""

    kind: str
    colour: str
    who: str
    when: str


@dataclass(frozen=True, kw_only=True)
class Card:
    """Everything a share image shows, and nothing else: its digest names the drawing."""

    site: str
    address: str
    kind: str
    title: str
    lines: tuple[str, ...]
    """Under the title, for a story or pledge: who, then when."""
    sides: tuple[CardSide, ...]
    """A comparison's two sides; none for a story or pledge."""
    between: str
    """How far apart a comparison's sides are ("3 years later"), shown with the second."""
    mark: Mark | None
    picture: Picture | None = None
    """A story's or pledge's own image, shown beside its title (its digest names its pixels)."""
    picture_title: str = ""
    """What that image is, for the card's alt text."""


@functools.cache
def _font_file(face: str) -> Path:
    """The face's file, which FreeType reads itself: no copy of its megabytes is held for each size."""
    package, name = FONTS[face]
    try:
        found = resources.files(package).joinpath("files", name)
    except ModuleNotFoundError:
        found = None
    if not isinstance(found, Path) or not found.is_file():
        raise EnvironmentFailure(
            f"the font package {package} is not installed as files; install the requirements: "
            "pip install -r requirements.txt (make does it)"
        )
    return found


@functools.cache
def _font(face: str, size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(_font_file(face)), size, layout_engine=ImageFont.Layout.BASIC)
    axes = font.get_variation_axes()
    font.set_variation_by_axes([weight if axis["name"] == b"Weight" else axis["default"] or 0 for axis in axes])
    return font


@functools.cache
def fingerprint() -> bytes:
    """What the pixels and bytes depend on besides the card."""
    parts = [
        PIL.__version__,
        str(features.version("freetype2")),
        str(features.version("zlib")),
        *(hashlib.sha256(_font_file(face).read_bytes()).hexdigest() for face in sorted(FONTS)),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    ]
    return "\n".join(parts).encode()


def key(card: Card) -> str:
    """The name of a card's drawing: the same for the same card drawn by the same means, and only then."""
    return hashlib.sha256(fingerprint() + b"\n" + repr(card).encode()).hexdigest()


class Canvas:
    """A palette image whose colours are exact: each solid colour, and each text colour blended with the
    background it sits on in BLENDS steps for the smoothed edges of letters. A third of the bytes of full
    colour, and quicker to write."""

    def __init__(self) -> None:
        self.image = Image.new("P", (WIDTH, HEIGHT), 0)
        self.colours: dict[tuple[int, ...], int] = {_rgb(PAPER): 0}
        self.pen = ImageDraw.Draw(self.image)

    def box(self, box: tuple[int, int, int, int], colour: str) -> None:
        self.pen.rectangle(box, fill=self._index(_rgb(colour)))

    def text(self, at: tuple[int, int], text: str, font: ImageFont.FreeTypeFont, colour: str, **options: str) -> None:
        """Draw `text` at `at` (anchored as `anchor` says) in `colour`, over `back` (the paper unless given).
        The letters are drawn in a band and cut to their ink, not to their layout's box, which the last
        stroke of a letter can pass."""
        anchor, back = options.get("anchor", "ls"), options.get("back", PAPER)
        if not legible(text, font):
            return
        letters = _letters(text, font, at[0], anchor)
        if letters is None:
            return
        cover, mask, (left, top) = letters
        shades = cover.point(self._shades(colour, back))
        self.image.paste(Image.frombytes("P", cover.size, shades.tobytes()), (left, at[1] + top), mask)

    def png(self) -> bytes:
        palette = [channel for colour in self.colours for channel in colour]
        self.image.putpalette(palette)
        out = io.BytesIO()
        self.image.save(out, "PNG", optimize=False, compress_level=COMPRESSION)
        return out.getvalue()

    def _shades(self, colour: str, back: str) -> list[int]:
        """For each coverage 0-255 of a letter's pixel, the palette index of `colour` blended over `back`."""
        indices = [self._index(shade) for shade in _ramp(colour, back)]
        return [indices[level] for level in _LEVELS]

    def _index(self, colour: tuple[int, ...]) -> int:
        found = self.colours.setdefault(colour, len(self.colours))
        if found > 255:
            raise ValueError("a share image holds at most 256 colours")
        return found


@functools.lru_cache(maxsize=64)
def _letters(
    text: str, font: ImageFont.FreeTypeFont, x: int, anchor: str
) -> tuple[Image.Image, Image.Image, tuple[int, int]] | None:
    """The coverage of `text`'s letters drawn at `x` on a baseline, cut to their ink; where to paste it (its
    top given from the baseline); and the mask of every pixel it inks. None when it inks nothing. Cards
    repeat their site's name, their kind and their verdict's words, which are drawn once for all."""
    line = round(font.size)
    band = Image.new("L", (WIDTH, 3 * line))
    ImageDraw.Draw(band).text((x, 2 * line), text, font=font, fill=255, anchor=anchor)
    inked = band.getbbox()
    if inked is None:
        return None
    cover = band.crop(inked)
    return cover, cover.point(_INKED), (inked[0], inked[1] - 2 * line)


@functools.cache
def _ramp(colour: str, back: str) -> tuple[tuple[int, ...], ...]:
    """`colour` blended over `back` in BLENDS steps, from `back` itself to `colour`."""
    front, behind = _rgb(colour), _rgb(back)
    return tuple(
        tuple(round(b + (f - b) * step / BLENDS) for f, b in zip(front, behind, strict=True))
        for step in range(BLENDS + 1)
    )


_LEVELS = [(value * BLENDS + 127) // 255 for value in range(256)]
"""The step of the ramp each coverage 0-255 is drawn with."""
_INKED = [0] + [255] * 255
"""Where a letter leaves any ink: its pixels are replaced whole, since palette entries cannot be mixed."""


def _rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def draw(card: Card) -> bytes:
    """The card as PNG bytes."""
    canvas = Canvas()
    canvas.box((0, 0, WIDTH - 1, 11), ACCENT)
    _masthead(canvas, card)
    if card.sides:
        bottom = _headline(canvas, card.title, 124, 292, (58, 52, 46), WIDTH - 2 * MARGIN)
        _sides(canvas, card, max(bottom + 28, 300))
    else:
        width = WIDTH - 2 * MARGIN - (PICTURE_WIDTH + 40 if card.picture else 0)
        bottom = _headline(canvas, card.title, 132, 390, (68, 60, 52, 46) if not card.picture else (56, 50, 44), width)
        _byline(canvas, card.lines, bottom + 24, width)
    if card.mark:
        _mark(canvas, card.mark)
    sans = _font("sans", 24, 400)
    canvas.text((WIDTH - MARGIN, BASE), _fitted(card.address, sans, 400), sans, MUTED, anchor="rs")
    if card.picture is None:
        return canvas.png()
    return _with_picture(canvas, card.picture)


def _with_picture(canvas: Canvas, picture: Picture) -> bytes:
    """The card in full colour, with the whole picture as large as its box allows: never cut, since what a
    crop leaves out (a chart's axis, a person beside another) can change what a picture says."""
    photo = pictures.upright(pictures.read(picture)).convert("RGB")
    palette = [channel for colour in canvas.colours for channel in colour]
    canvas.image.putpalette(palette)
    card = canvas.image.convert("RGB")
    shown = ImageOps.contain(photo, (PICTURE_WIDTH, PICTURE_HEIGHT), Image.Resampling.LANCZOS)
    top = PICTURE_TOP + (PICTURE_HEIGHT - shown.height) // 2
    card.paste(shown, (WIDTH - MARGIN - shown.width, top))
    out = io.BytesIO()
    card.save(out, "PNG", optimize=False, compress_level=COMPRESSION)
    return out.getvalue()


def _masthead(canvas: Canvas, card: Card) -> None:
    bold = _font("sans", 26, 700)
    kind = card.kind.upper()
    canvas.text((WIDTH - MARGIN, 72), kind, bold, MUTED, anchor="rs")
    room = WIDTH - 2 * MARGIN - bold.getlength(kind) - 32
    canvas.text((MARGIN, 72), _fitted(card.site.upper(), bold, room), bold, ACCENT)
    canvas.box((MARGIN, 91, WIDTH - MARGIN, 92), RULE)


def _headline(canvas: Canvas, title: str, top: int, limit: int, sizes: tuple[int, ...], width: int) -> int:
    """Draw the title `width` wide in the largest size at which it fits above `limit` (else the smallest,
    cut with an ellipsis); returns its bottom."""
    if not legible(title, _font("serif", sizes[0], 700)):
        return top
    for size in sizes:
        font, step = _font("serif", size, 700), round(size * 1.18)
        room = 1 + (limit - top - round(size * 1.3)) // step
        wrapped = wrap(title, font, width)
        if len(wrapped) <= room:
            break
    wrapped = wrap(title, font, width, room)
    for index, line in enumerate(wrapped):
        canvas.text((MARGIN, top + size + index * step), line, font, INK)
    return top + size + (len(wrapped) - 1) * step + round(size * 0.3)


def _byline(canvas: Canvas, lines: tuple[str, ...], top: int, width: int) -> None:
    font = _font("sans", 30, 600)
    for index, line in enumerate(lines[:2]):
        shown = _fitted(line, font, width)
        canvas.text((MARGIN, top + 30 + index * 42), shown, font, INK if index == 0 else MUTED)


def _sides(canvas: Canvas, card: Card, top: int) -> None:
    gap = 32
    width = (WIDTH - 2 * MARGIN - gap) // 2
    label, who, when = _font("sans", 22, 700), _font("sans", 28, 600), _font("sans", 24, 400)
    inner = width - 48
    named = [wrap(side.who, who, inner, 2) for side in card.sides[:2]]
    height = 112 + 34 * max(map(len, named))
    for index, (side, names) in enumerate(zip(card.sides, named, strict=False)):
        left = MARGIN + index * (width + gap)
        canvas.box((left, top, left + width - 1, top + height), PANEL)
        canvas.box((left, top, left + width - 1, top + 4), side.colour)
        heading = side.kind.upper() + (f" · {card.between.upper()}" if index and card.between else "")
        canvas.text((left + 24, top + 42), _fitted(heading, label, inner), label, side.colour, back=PANEL)
        for row, line in enumerate(names):
            canvas.text((left + 24, top + 80 + row * 34), line, who, INK, back=PANEL)
        below = top + 80 + len(names) * 34 + 6
        canvas.text((left + 24, below), _fitted(side.when, when, inner), when, MUTED, back=PANEL)


def _mark(canvas: Canvas, mark: Mark) -> None:
    caption, big = _font("sans", 22, 700), _font("sans", 40, 700)
    canvas.box((MARGIN, BASE - 72, MARGIN + 7, BASE + 8), mark.colour)
    canvas.text((MARGIN + 24, BASE - 44), mark.caption.upper(), caption, MUTED)
    sign = _sign(mark.sign, 40)
    text = f"{sign} {mark.label}" if sign else mark.label
    canvas.text((MARGIN + 24, BASE), _fitted(text, big, 600), big, mark.colour)


def _sign(sign: str, size: int) -> str:
    """The sign as the font can draw it, with lookalikes for what it lacks; empty when it cannot."""
    shown = "".join(LOOKALIKES.get(character, character) for character in sign)
    return shown if legible(shown, _font("sans", size, 700)) else ""


def legible(text: str, font: ImageFont.FreeTypeFont) -> bool:
    """Whether the face draws every character of `text` itself: a card leaves out what it would draw as
    the boxes of missing glyphs (a script its fonts do not cover), rather than show them."""
    return all(_drawable(font, character) for character in set(text))


@functools.lru_cache(maxsize=4096)
def _drawable(font: ImageFont.FreeTypeFont, character: str) -> bool:
    return character.isspace() or _ink(font, character) != _ink(font, "\U0010fffd")


def _ink(font: ImageFont.FreeTypeFont, text: str) -> tuple[tuple[float, float, float, float], bytes]:
    size = round(font.size)
    image = Image.new("L", (size * 3, size * 3))
    ImageDraw.Draw(image).text((size, size), text, font=font, fill=255)
    return font.getbbox(text), image.tobytes()


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, lines: int | None = None) -> list[str]:
    """The text in lines no wider than `width`, broken between words (inside a word only when it is wider
    than a line); beyond `lines` lines, the last one kept ends with an ellipsis."""
    found: list[str] = []
    for word in _words(text):
        for piece in _pieces(word, font, width):
            joined = f"{found[-1]} {piece}" if found else piece
            if found and font.getlength(joined) <= width:
                found[-1] = joined
            else:
                found.append(piece)
    if lines is None or len(found) <= lines:
        return found
    return [*found[: lines - 1], _fitted(" ".join(found[lines - 1 :]), font, width, cut=True)]


def _words(text: str) -> list[str]:
    """The text's words, as `str.split()` finds them, but kept whole across no-break spaces."""
    return [word for word in BREAKS.split(text) if word]


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A word, or for one wider than a line, the longest runs of its characters that fit."""
    if font.getlength(word) <= width:
        return [word]
    pieces = [""]
    for character in word:
        if pieces[-1] and font.getlength(pieces[-1] + character) > width:
            pieces.append("")
        pieces[-1] += character
    return pieces


def _fitted(text: str, font: ImageFont.FreeTypeFont, width: float, cut: bool = False) -> str:
    """The text, or when it is wider than `width` (or `cut` says some was left off), its longest start
    that fits with an ellipsis, ending after a whole word where it can."""
    if not cut and font.getlength(text) <= width:
        return text
    words = _words(text)
    while len(words) > 1 and font.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    shown = " ".join(words).rstrip(",;:.–—-\u00a0\u2007\u202f")
    while shown and font.getlength(shown + ELLIPSIS) > width:
        shown = shown[:-1]
    return shown + ELLIPSIS
