"""How problems and progress reach the author's terminal: one line per problem, the line it is on, a count."""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from .errors import Problem


def source_line(problem: Problem) -> str:
    """The offending line of the author's file, or '' when it cannot be read."""
    try:
        lines = Path(problem.location.path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    index = problem.location.line - 1
    return lines[index] if 0 <= index < len(lines) else ""


def format_problem(problem: Problem) -> str:
    """`file:line:column: message (hint)` followed by the line and a caret under the column."""
    text = str(problem)
    line = source_line(problem)
    if line.strip():
        caret = " " * (problem.location.column - 1) + "^"
        text += f"\n    {line}\n    {caret}"
    return text


def summary(problems: list[Problem]) -> str:
    files = len({p.location.path for p in problems})
    return f"{len(problems)} problem{'s'[:len(problems) != 1]} in {files} file{'s'[:files != 1]}; nothing was written."


def print_problems(problems: list[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(format_problem(problem), file=stream)
    print(summary(problems), file=stream)
