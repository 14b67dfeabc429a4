"""The author-facing Markdown extensions: embed lines and citations, found without rendering.

In any Markdown field or story body:
- a line `::fact ID`, `::comparison ID`, `::timeline entity=ID`, `::timeline tag=TAG`,
  `::timeline ids=ID,ID,...` or `::figure ID` on its own embeds a fact card, a comparison card, a
  timeline or an image from images/;
- `[@SOURCE-ID]` cites a source as a numbered footnote, collected at the end of the page.

In a text that may hold embeds, `[^label]` points to the note written on a line `[^label]: ...`
(Python-Markdown's footnotes), numbered in order of first mention and listed at the end of the text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

EMBED_LINE = re.compile(r"^::(?P<what>[a-z]+)[ \t]+(?P<arg>\S(?:[^\n]*\S)?)[ \t]*$", re.M)
EMBED_LIKE = re.compile(r"^::(?P<what>\w+)(?P<arg>.*)$", re.M)
CITATION = re.compile(r"\[@(?P<id>[^\[\]\s]+)\]")
NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\n]*)\]:", re.M)
NOTE_MENTION = re.compile(r"\[\^(?P<label>[^\]\n]*)\]")
CODE_SPAN = re.compile(r"`[^`\n]*`")
NOTE_LABEL = re.compile(r"[\w-]+")
"""What a footnote's label may hold (`[^1]`, `[^court-date]`): it becomes part of two ids of the page."""
EMBED_KINDS = ("fact", "comparison", "timeline", "figure")
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
            f"did you mean '::{close[0]}'?"
            if close
            else "embed lines start with ::fact, ::comparison, ::timeline or ::figure"
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


def note_mistakes(text: str, allowed: bool) -> list[tuple[int, str, str]]:
    """Footnotes that would not work: (where in the text, message, hint). `allowed` is whether the field
    may hold them (the fields that may hold embeds); a note needs a mention and a mention its note."""
    visible = CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
    written = {m.start("label") - 2: m["label"] for m in NOTE_DEFINITION.finditer(visible)}
    mentions = [(m.start(), m["label"]) for m in NOTE_MENTION.finditer(visible) if m.start() not in written]
    if not allowed:
        hint = "write the note into the text, or cite a source with [@SOURCE-ID]"
        first = sorted([*written, *(at for at, _ in mentions)])[:1]
        return [(at, "footnotes belong in a story's, a fact's or a comparison's text, not here", hint) for at in first]
    labelled = [*written.items(), *mentions]
    found = [
        (at, f"the footnote label '{label}' may hold only letters, digits and hyphens", "as in [^1] or [^court-date]")
        for at, label in labelled
        if not NOTE_LABEL.fullmatch(label)
    ]
    written = {at: label for at, label in written.items() if NOTE_LABEL.fullmatch(label)}
    mentions = [(at, label) for at, label in mentions if NOTE_LABEL.fullmatch(label)]
    seen: set[str] = set()
    for at, label in sorted(written.items()):
        if label in seen:
            found.append((at, f"the note [^{label}] is written twice", "give each note a label of its own"))
        seen.add(label)
    mentioned = {label for _, label in mentions}
    found += [
        (at, f"the note [^{label}] is never mentioned", f"put [^{label}] in the text where the note belongs")
        for at, label in written.items()
        if label not in mentioned
    ]
    found += [
        (at, f"the footnote [^{label}] has no note", f"write the note on a line of its own: [^{label}]: ...")
        for at, label in mentions
        if label not in seen
    ]
    return sorted(found)
