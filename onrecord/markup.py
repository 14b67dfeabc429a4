"""The author-facing Markdown extensions: embed lines and citations, found without rendering.

In any Markdown field or story body:
- a line `::fact ID`, `::comparison ID`, `::timeline entity=ID`, `::timeline tag=TAG` or
  `::timeline ids=ID,ID,...` on its own embeds a fact card, a comparison card or a timeline;
- `[@SOURCE-ID]` cites a source as a numbered footnote, collected at the end of the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

EMBED_LINE = re.compile(r"^::(?P<what>[a-z]+)[ \t]+(?P<arg>\S.*?)[ \t]*$", re.M)
CITATION = re.compile(r"\[@(?P<id>[^\]\s]+)\]")
EMBED_KINDS = ("fact", "comparison", "timeline")
TIMELINE_FILTERS = ("entity", "tag", "ids")


@dataclass(frozen=True)
class Embed:
    """One embed line: what to embed, its argument, and its line within the text (from 0)."""

    what: str
    arg: str
    line: int

    def timeline_filter(self) -> tuple[str, tuple[str, ...]]:
        """`entity=ibm` -> ("entity", ("ibm",)); `ids=a,b` -> ("ids", ("a", "b"))."""
        name, _, value = self.arg.partition("=")
        return name.strip(), tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Citation:
    """One `[@id]` citation and its line within the text (from 0)."""

    id: str
    line: int
    column: int


def embeds(text: str) -> list[Embed]:
    """Every embed line, in order."""
    return [Embed(m["what"], m["arg"], text.count("\n", 0, m.start())) for m in EMBED_LINE.finditer(text)]


def citations(text: str) -> list[Citation]:
    """Every citation, in order of appearance."""
    return [_citation(text, m) for m in CITATION.finditer(text)]


def _citation(text: str, match: re.Match[str]) -> Citation:
    line_start = text.rfind("\n", 0, match.start()) + 1
    return Citation(match["id"], text.count("\n", 0, match.start()), match.start() - line_start)
