"""The input limits: how much any one content file may ask of a build, declared once.

Each is far beyond what a real file needs and small enough that no file, however written, can make a
build slow or large: work and memory grow with the size of the content, never faster. A site of
100,000 facts stays within every limit, since each applies to one file or one value. docs/format.md
lists them for authors; every one has a test with a fixture of its own.
"""

from __future__ import annotations

from decimal import Decimal

FILE_BYTES = 1_048_576
"""A content file (YAML or a story with its front matter) may be at most 1 MiB."""
VALUES_PER_FILE = 20_000
"""Fields, list items and values together in one file's YAML."""
TEXT_CHARACTERS = 100_000
"""Characters in one text value of a YAML file (a quote, a body written in YAML)."""
LIST_ITEMS = 1_000
"""Items in one list (sources, excerpts, tags, updates...)."""
NESTING = 50
"""Levels of lists and fields inside each other."""
NUMBER_DIGITS = 30
"""Digits in a number as written in YAML."""
ID_CHARACTERS = 100
"""Characters in an id (a file name without its ending), a tag or a slug: keeps every output path
well inside file-system limits (255 bytes a name, 4,096 a path)."""
AMOUNT_BELOW = Decimal(10) ** 18
"""Amounts of money must be smaller than a quintillion, in any currency."""
AMOUNT_PLACES = 8
"""Digits after the decimal point in an amount of money."""
STORED_TEXT_BYTES = 8 * FILE_BYTES
"""A source's stored text in plain text (the document a quote is checked against) may be at most 8 MiB:
a long judgment or report, with room to spare. One in Markdown, which must be rendered first, may be
as large as any content file."""
HIGHLIGHTS = 50
"""Phrases a comparison may ask to highlight."""
EXCERPT_NUMBER = LIST_ITEMS
"""The highest excerpt number a comparison can name: a fact has at most LIST_ITEMS excerpts."""
PICTURE_BYTES = 20 * FILE_BYTES
"""A picture in images/ may be at most 20 MiB: a full-size photograph as a camera saves it."""
PICTURE_PIXELS = 50_000_000
"""Pixels in a picture (width times height), checked before it is decoded: a small file claiming to be
huge (a decompression bomb) costs nothing."""
