"""The few exceptions the engine raises: author mistakes are `ContentErrors`, command-line mistakes
`UsageError`, a machine that refuses to write `EnvironmentFailure`; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in an author's file; lines and columns count from 1 as editors show them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, with where it is and, when one helps, how to fix it."""

    location: Location
    message: str
    hint: str = ""
    warning: bool = False
    """Worth the author's attention but publishable as it is (a highlight that marks nothing): told, never fatal."""

    def __str__(self) -> str:
        text = f"{self.location}: {'warning: ' if self.warning else ''}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ContentErrors(Exception):
    """Every problem found in one run, so authors fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the content")

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        """Pickle with the problems, so errors found in a worker process reach the author intact."""
        return ContentErrors, (self.problems,)


class UsageError(Exception):
    """A command-line mistake such as a missing content folder; exits with status 2."""


class EnvironmentFailure(Exception):
    """The machine refused what a build needs (disk full, read-only, no permission); exits with status 2.

    Its message says what failed, on which path and what to do; the previous site is always intact."""
