"""How problems reach the author's terminal: one line per problem, the line it is on, a count.

The quoted line comes from the author's own file, read once however many problems it has, and only
from inside the content folder (never through a link out of it, never from a pipe). Whatever a
terminal would act on rather than show (escape sequences, bells, direction overrides) is printed as
an escape such as \\x1b, so content can never retitle, clear or rearrange the author's screen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TextIO

from . import files
from .errors import Problem
from .pictures import FORMATS

UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
"""Controls (but tab), lone surrogates (from file names that are not UTF-8), and the marks that
reorder or break a terminal line."""
LINE_BREAK = re.compile(r"\r\n|\r|\n")
SHOWN_WIDTH = 160
"""Characters of the offending line shown around the column; a longer line is cut at both ends."""


def printable(text: str) -> str:
    """`text` with every character a terminal would act on written as an escape."""
    return UNPRINTABLE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Several lines, each made printable."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class SourceLines:
    """The lines of the files problems point into, each file read at most once."""

    def __init__(self, content: Path | None) -> None:
        self.root = files.real_folder(content) if content is not None and content.is_dir() else None
        self.read: dict[str, list[str]] = {}

    def line(self, path: str, number: int) -> str:
        """Line `number` (from 1) of the file, or '' when it is outside the content folder or unreadable."""
        if path not in self.read:
            self.read[path] = self._lines(path)
        lines = self.read[path]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def _lines(self, path: str) -> list[str]:
        if self.root is None or Path(path).suffix.lower() in FORMATS:
            return []
        try:
            data = files.read_bytes(Path(path), self.root)
        except (files.Unreadable, OSError):
            return []
        return LINE_BREAK.split(data.decode("utf-8", errors="replace").removeprefix("\ufeff"))


def format_problem(problem: Problem, lines: SourceLines) -> str:
    """`file:line:column: message (hint)` followed by the line and a caret under the column."""
    text = printable(str(problem))
    line = lines.line(problem.location.path, problem.location.line)
    if line.strip():
        shown, caret = _window(line, problem.location.column - 1)
        text += f"\n    {shown}\n    {' ' * caret}^"
    return text


def _window(line: str, column: int) -> tuple[str, int]:
    """The printable line, cut to SHOWN_WIDTH around the column, and where the caret goes in it."""
    before, after = printable(line[:column]), printable(line[column:])
    start = max(0, len(before) - SHOWN_WIDTH // 2)
    head = ("…" if start else "") + before[start:]
    tail = after[: SHOWN_WIDTH - len(head)]
    return head + tail + ("…" if len(tail) < len(after) else ""), len(head)


def summary(problems: list[Problem]) -> str:
    count = len({p.location.path for p in problems})
    return (
        f"{len(problems)} problem{'s'[: len(problems) != 1]} in {count} file{'s'[: count != 1]}; nothing was written."
    )


def print_problems(problems: list[Problem], stream: TextIO, content: Path | None) -> None:
    _print_each(problems, stream, content)
    print(summary(problems), file=stream)


def print_warnings(warnings: list[Problem], stream: TextIO, content: Path | None) -> None:
    """Each warning shown as a problem is, then how many there were; nothing when there are none."""
    if warnings:
        _print_each(warnings, stream, content)
        count = len(warnings)
        print(f"{count} warning{'s'[: count != 1]}; the content is used as written.", file=stream)


def _print_each(problems: list[Problem], stream: TextIO, content: Path | None) -> None:
    lines = SourceLines(content)
    for problem in problems:
        print(format_problem(problem, lines), file=stream)
