"""Quotes checked against the stored texts of their sources, and the site's evidence in figures.

A source may keep the text of its document beside its file (`sources/<id>.txt` or `.md`). Every quote
and passage copied from that source must then appear in it word for word, whitespace and the forms of
quote marks and dashes aside; a quote that differs is an error showing the closest passage and what
differs. What could not be checked (a source with no stored text) is counted for `check --report`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from . import sanitize
from .errors import Location, Problem
from .load import KeyPath, StoredText
from .model import Fact, Filed, Source, Verification
from .snapshots import Snapshot
from .validate import Record

Outcome = Literal["verbatim", "differs", "unchecked"]
PASSAGE_SHOWN = 300
"""Characters of the closest passage a message shows."""


@dataclass(frozen=True)
class QuoteCheck:
    """One quote or passage: where it is written, the source it is copied from, and what its check found."""

    path: str
    location: Location
    source: str | None
    """The source's id; None for a source written inline in the fact, which cannot keep a stored text."""
    outcome: Outcome


@dataclass(frozen=True)
class Evidence:
    """What the site's evidence amounts to, for `check --report`."""

    quotes: tuple[QuoteCheck, ...] = ()
    verification: tuple[tuple[str, int], ...] = ()
    """(status, facts) for each verification status in use."""
    sources: int = 0
    archived: int = 0
    stored: tuple[str, ...] = ()
    """Ids of the sources that keep a stored text."""
    not_archived: tuple[str, ...] = ()


def stored_text_problems(
    records: Mapping[str, Record[Filed]], texts: Sequence[StoredText], unreadable: frozenset[str]
) -> Iterator[Problem]:
    """A stored text must belong to a source, and a source may keep only one; a source file that failed
    earlier has its own problems already."""
    seen: dict[str, StoredText] = {}
    for text in texts:
        record = records.get(text.id)
        if text.id in unreadable:
            continue
        if text.id in seen:
            yield Problem(
                Location(text.path),
                f"source '{text.id}' already keeps a stored text in {seen[text.id].path}",
                "keep one: the .txt or the .md",
            )
        elif record is None or not isinstance(record.model, Source):
            yield Problem(
                Location(text.path),
                f"this stored text belongs to no source: there is no sources/{text.id}.yaml",
                "name it after the source whose document it holds, or add that source",
            )
        seen.setdefault(text.id, text)


def check_quotes(
    published: Mapping[str, Record[Filed]], texts: Sequence[StoredText]
) -> tuple[list[Problem], tuple[QuoteCheck, ...]]:
    """Each published quote against its source's stored text: a problem for each that differs."""
    stored = {text.id: text for text in reversed(texts)}
    snapshots: dict[str, Snapshot | None] = {}
    problems: list[Problem] = []
    checks: list[QuoteCheck] = []
    for record in published.values():
        if not isinstance(record.model, Fact):
            continue
        for where, words, source in _words(record.model):
            location = record.marks.value((*where, "text"))
            text = stored.get(source) if source else None
            if text is None or source is None:
                checks.append(QuoteCheck(record.path, location, source, "unchecked"))
                continue
            if source not in snapshots:
                snapshots[source] = _snapshot(text, problems)
            snapshot = snapshots[source]
            if snapshot is None:
                checks.append(QuoteCheck(record.path, location, source, "unchecked"))
                continue
            found = snapshot.find(words)
            checks.append(QuoteCheck(record.path, location, source, "verbatim" if found.found else "differs"))
            if not found.found:
                problems.append(_differs(location, where, text.path, found.passage, found.differences))
    return problems, tuple(checks)


def _snapshot(text: StoredText, problems: list[Problem]) -> Snapshot | None:
    """The stored text, ready to search; None, with a problem, for Markdown too tangled to read in time."""
    knotted = sanitize.knots(text.text) if text.markdown else []
    for knot in knotted[:1]:
        line = text.text.count("\n", 0, knot.offset) + 1
        column = knot.offset - text.text.rfind("\n", 0, knot.offset)
        problems.append(
            Problem(
                Location(text.path, line, column),
                f"this stored text cannot be read as Markdown: {knot.message}",
                "save the document as plain text, in a .txt file",
            )
        )
    return None if knotted else Snapshot(text.text, markdown=text.markdown)


def _words(model: Fact) -> Iterator[tuple[KeyPath, str, str | None]]:
    """(where, words, source id) of each quote and passage; the source is the one named, else the
    fact's only source; None when that is written inline."""
    for where, quote in model.words():
        source = quote.source or model.sources[0]
        yield where, quote.text, source if isinstance(source, str) else None


def _differs(
    location: Location, where: KeyPath, stored: str, passage: str | None, differences: Sequence[str]
) -> Problem:
    what = "the quote" if where == ("quote",) else f"excerpt {int(where[1]) + 1}"
    said = "; ".join(differences)
    if passage is None:
        return Problem(location, f"{what} is not in {stored}: {said}", "copy the words exactly as the source has them")
    passage = " ".join(passage.split())
    shown = passage if len(passage) <= PASSAGE_SHOWN else passage[:PASSAGE_SHOWN].rstrip() + "…"
    return Problem(
        location,
        f"{what} is not word for word in {stored}: {said}",
        f"the closest passage there reads “{shown}”",
    )


def evidence(
    published: Mapping[str, Record[Filed]], texts: Sequence[StoredText], checks: tuple[QuoteCheck, ...]
) -> Evidence:
    sources = [r for r in published.values() if isinstance(r.model, Source)]
    facts = [r.model for r in published.values() if isinstance(r.model, Fact)]
    archived = {r.id for r in sources if isinstance(r.model, Source) and r.model.archived_url}
    kept = {text.id for text in texts}
    counts = Counter(f.verification for f in facts)
    return Evidence(
        quotes=checks,
        verification=tuple((status, counts[status]) for status in get_args(Verification) if counts[status]),
        sources=len(sources),
        archived=len(archived),
        stored=tuple(r.id for r in sources if r.id in kept),
        not_archived=tuple(r.id for r in sources if r.id not in archived),
    )


def summary(found: Evidence) -> list[str]:
    """The evidence in figures, for `check --report`: facts by verification status, quotes checked and
    not, sources with and without stored texts and archived copies; what was not checked, listed."""
    outcomes = Counter(check.outcome for check in found.quotes)
    statuses = ", ".join(f"{count} {status}" for status, count in found.verification) or "none"
    lines = [
        f"Facts: {sum(count for _, count in found.verification)} ({statuses})",
        f"Quotes and passages: {len(found.quotes)}",
        f"  checked word for word against a stored text: {outcomes['verbatim']}",
        f"  whose source keeps no stored text: {outcomes['unchecked']}",
    ]
    lines += [
        f"    {check.location} ({_source_named(check.source)})"
        for check in found.quotes
        if check.outcome == "unchecked"
    ]
    lines += [
        f"Sources: {found.sources}",
        f"  with a stored text: {len(found.stored)}" + (f" ({', '.join(found.stored)})" if found.stored else ""),
        f"  with an archived copy: {found.archived}",
        f"  without an archived copy: {len(found.not_archived)}",
    ]
    lines += [f"    {source}" for source in found.not_archived]
    return lines


def _source_named(source: str | None) -> str:
    return f"source {source}" if source else "a source written inline"
