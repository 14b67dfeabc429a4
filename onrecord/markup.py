"""The author-facing Markdown extensions: embed lines and citations, found without rendering.

In any Markdown field or story body:
- a line `::fact ID`, `::comparison ID`, `::timeline entity=ID`, `::timeline tag=TAG` or
  `::timeline ids=ID,ID,...` on its own embeds a fact card, a comparison card or a timeline;
- `[@SOURCE-ID]` cites a source as a numbered footnote, collected at the end of the page.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

EMBED_LINE = re.compile(r"^::(?P<what>[a-z]+)[ \t]+(?P<arg>\S(?:[^\n]*\S)?)[ \t]*$", re.M)
EMBED_LIKE = re.compile(r"^::(?P<what>\w+)(?P<arg>.*)$", re.M)
CITATION = re.compile(r"\[@(?P<id>[^\[\]\s]+)\]")
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


def embed_mistakes(text: str) -> list[tuple[int, str, str]]:
    """Lines that look like embeds but would embed nothing: (line from 0, message, hint)."""
    found = []
    for match in EMBED_LIKE.finditer(text):
        mistake = _embed_mistake(match["what"], match["arg"].strip())
        if mistake:
            found.append((text.count("\n", 0, match.start()), *mistake))
    return found


def _embed_mistake(what: str, arg: str) -> tuple[str, str] | None:
    if what not in EMBED_KINDS:
        close = difflib.get_close_matches(what.lower(), EMBED_KINDS, n=1)
        return f"unknown embed '::{what}'", (
            f"did you mean '::{close[0]}'?" if close else "embed lines start with ::fact, ::comparison or ::timeline"
        )
    if not arg:
        example = "entity=ID, tag=TAG or ids=ID,ID" if what == "timeline" else "an id"
        return f"'::{what}' needs {example} after it", ""
    name, values = Embed(what, arg, 0).timeline_filter()
    if what == "timeline" and ("=" not in arg or name not in TIMELINE_FILTERS):
        return f"unknown timeline filter '{name}'", "use entity=ID, tag=TAG or ids=ID,ID"
    if what == "timeline" and not values:
        return f"'::timeline {name}=' needs a value", ""
    return None


def _citation(text: str, match: re.Match[str]) -> Citation:
    line_start = text.rfind("\n", 0, match.start()) + 1
    return Citation(match["id"], text.count("\n", 0, match.start()), match.start() - line_start)
