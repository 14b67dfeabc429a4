"""Every input limit (onrecord/limits.py) has a fixture of its own and a clear message.

The small fixtures are folders in tests/invalid/limit-*; those that need a large file are made here.
Hostile inputs run in a real process with a memory ceiling, so a limit that fails shows as a failure,
not as a machine brought down.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
from pathlib import Path

import PIL.Image
import pytest

from onrecord import limits

pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).parent / "invalid"
MEMORY_CEILING = 1 << 30
"""1 GiB of address space for a check of hostile content: far above what a bounded check needs."""


def check(content: Path) -> subprocess.CompletedProcess[str]:
    """`site.py check` in its own process, with at most MEMORY_CEILING of memory and a minute to finish."""

    def ceiling() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))

    return subprocess.run(
        [sys.executable, str(ROOT / "site.py"), "check", "--content", str(content)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=ceiling,
    )


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("/", "content/")) and ":" in line]


LARGE = {
    "file size": (
        "sources/big.yaml",
        lambda: "title: T\npublisher: P\nurl: https://a.example\ntype: news\n" + "#" * limits.FILE_BYTES + "\n",
        "1:1: the file is larger than 1,024 KiB, the most a content file may be (split it into several files)",
    ),
    "stored text size": (
        "sources/acme-letter.txt",
        lambda: "Dear lawmakers. " * (limits.STORED_TEXT_BYTES // 16 + 1),
        "1:1: the file is larger than 8,192 KiB, the most a stored text may be "
        "(keep the passages the site quotes rather than the whole document)",
    ),
    "stored markdown size": (
        "sources/acme-letter.md",
        lambda: "Dear lawmakers. " * (limits.FILE_BYTES // 16 + 1),
        "1:1: the file is larger than 1,024 KiB, the most a stored text in Markdown may be "
        "(save it as plain text, in a .txt file, which may be larger)",
    ),
    "values per file": (
        "entities/many.yaml",
        lambda: (
            "name: Many\ntype: company\naliases:\n"
            + "".join(f"  - [{', '.join(f'a{n}' for n in range(30))}]\n" for _ in range(900))
        ),
        "648:136: the file holds more than 20,000 values, the most one file may have (split it into several files)",
    ),
    "unknown fields": (
        "entities/fields.yaml",
        lambda: "name: A\ntype: company\n" + "".join(f"f{n}: v\n" for n in range(100_000)),
        "10000:8: the file holds more than 20,000 values, the most one file may have (split it into several files)",
    ),
    "text length": (
        "entities/long.yaml",
        lambda: "name: A\ntype: company\ndescription: " + "x" * 100_001 + "\n",
        "3:14: this text is 100,001 characters long; one value may have at most 100,000 "
        "(shorten it, or tell the longer story in a story file)",
    ),
    "list items": (
        "entities/listy.yaml",
        lambda: "name: A\ntype: company\naliases:\n" + "".join(f"  - alias {n}\n" for n in range(1001)),
        "4:3: this list has more than 1,000 items, the most one list may have",
    ),
}


@pytest.mark.parametrize("case", LARGE)
def test_a_large_input_is_refused_at_its_limit(make_site, tmp_path: Path, case: str) -> None:
    relative, text, expected = LARGE[case]
    content = make_site(tmp_path, {relative: text()})
    result = check(content)
    assert result.returncode == 1, result.stderr[-2000:]
    assert problem_lines(result.stderr)[0] == f"{content / relative}:{expected}"


def _png(width: int, height: int) -> bytes:
    """A PNG of one-bit pixels: a few KiB on disk, but width times height pixels once decoded."""
    encoded = io.BytesIO()
    PIL.Image.new("1", (width, height)).save(encoded, "PNG")
    return encoded.getvalue()


PICTURES = {
    "picture size": (
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(limits.PICTURE_BYTES),
        "1:1: the file is larger than 20,480 KiB, the most a picture may be (save it smaller, or as a JPEG)",
    ),
    "picture pixels": (
        lambda: _png(10_000, 6_000),
        "1:1: the picture is 10,000 by 6,000 pixels; a picture may have at most 50,000,000 pixels "
        "(save it smaller: 3,000 pixels wide is more than any screen shows)",
    ),
}


@pytest.mark.parametrize("case", PICTURES)
def test_a_large_picture_is_refused_at_its_limit_without_being_decoded(
    make_site, valid_files: dict[str, str], tmp_path: Path, case: str
) -> None:
    picture, expected = PICTURES[case]
    content = make_site(tmp_path, {**valid_files, "images/acme-office.yaml": "title: T\nalt: A.\ncredit: C\n"})
    (content / "images" / "acme-office.png").write_bytes(picture())
    result = check(content)
    assert result.returncode == 1, result.stderr[-2000:]
    assert problem_lines(result.stderr) == [f"{content / 'images' / 'acme-office.png'}:{expected}"]


def test_every_limit_has_its_own_fixture() -> None:
    fixtures = {p.name for p in INVALID.iterdir()}
    small = {
        "limit-amount-too-large",
        "limit-amount-too-precise",
        "limit-id-length",
        "limit-tag-length",
        "limit-nesting",
        "limit-number-digits",
        "limit-excerpt-number",
        "limit-highlights",
        "limit-markdown-tangle",
        "limit-markdown-nesting",
        "yaml-alias-bomb",
    }
    assert small <= fixtures
    declared = {name for name in vars(limits) if name.isupper()}
    covered = {
        "FILE_BYTES",
        "STORED_TEXT_BYTES",
        "VALUES_PER_FILE",
        "TEXT_CHARACTERS",
        "LIST_ITEMS",
        "NESTING",
        "NUMBER_DIGITS",
        "ID_CHARACTERS",
        "AMOUNT_BELOW",
        "AMOUNT_PLACES",
        "EXCERPT_NUMBER",
        "HIGHLIGHTS",
        "PICTURE_BYTES",
        "PICTURE_PIXELS",
    }
    assert declared == covered, "a new limit needs a fixture here or in tests/invalid/"


def test_an_alias_bomb_is_refused_at_once_within_a_small_memory_ceiling(tmp_path: Path) -> None:
    """Nine levels of nine aliases would expand to 387 million strings; the first alias is refused instead."""
    case = INVALID / "yaml-alias-bomb" / "content"
    result = check(case)
    assert result.returncode == 1
    assert "YAML aliases such as '*a' are not allowed" in result.stderr
    assert (case / "entities" / "acme.yaml").stat().st_size < 1200


HOSTILE_MARKDOWN = {
    "unclosed brackets": "[" * 100_000,
    "unclosed images": "![" * 50_000,
    "unclosed tags": "<a " * 33_000,
    "unclosed parentheses": "[a](" * 25_000,
    "headings in one paragraph": "# h\n" * 25_000,
    "nested lists": "".join("    " * i + "- x\n" for i in range(300)),
    "embed line of spaces": "::fact x" + " " * 90_000 + "y",
    "citation openers": "[@" * 50_000,
}


@pytest.mark.parametrize("case", HOSTILE_MARKDOWN)
def test_markdown_that_would_take_quadratic_time_or_deep_recursion_is_refused_quickly(
    make_site, valid_files, tmp_path: Path, case: str
) -> None:
    body = HOSTILE_MARKDOWN[case]
    story = "---\ntitle: T\ndate: 2023\nsummary: S\nauthors: [A]\n---\n" + body + "\n"
    content = make_site(tmp_path, {**valid_files, "stories/hostile.md": story})
    result = check(content)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert problem_lines(result.stderr)[0].startswith(f"{content / 'stories' / 'hostile.md'}:")
