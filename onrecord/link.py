"""Stage 3: resolve ids across files into one graph, with backlinks, tag lists and every broken reference."""
from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from . import dates, markup
from .errors import ContentErrors, Location, Problem
from .load import KeyPath
from .model import FACT_KINDS, Ref, Site
from .validate import Record

MARKDOWN_FIELDS = ("body", "rationale")
SINGULAR = {
    "entities": "entity", "sources": "source", "pledges": "pledge", "statements": "statement",
    "contracts": "contract", "rulings": "ruling", "events": "event", "comparisons": "comparison",
    "stories": "story",
}


@dataclass(frozen=True)
class Link:
    """One reference from a file to another id, with where it was written."""

    target: str
    kinds: tuple[str, ...]
    where: KeyPath
    quote_bearing: bool = False


@dataclass
class SiteGraph:
    """Everything the renderer needs: records by id and kind, in reading order, and who refers to whom."""

    site: Site
    records: dict[str, Record]
    kinds: dict[str, list[Record]]
    referrers: dict[str, list[str]] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)

    def get(self, record_id: str) -> Record:
        return self.records[record_id]

    def referring(self, record_id: str, kind: str) -> list[Record]:
        """Records of `kind` that refer to `record_id`, in reading order."""
        return [self.records[i] for i in self.referrers.get(record_id, ()) if self.records[i].kind == kind]


def link(site: Site | None, records: list[Record], drafts: bool,
         unreadable: frozenset[str] = frozenset(), problems: list[Problem] | None = None) -> SiteGraph:
    """Build the graph; raise ContentErrors listing every duplicate id and broken reference.

    `unreadable` holds ids of files that failed earlier stages: references to them are not
    reported again, and `problems` from those stages are raised together with these.
    """
    problems = list(problems or []) + _duplicate_problems(records)
    records = _first_of_each(records)
    published = {r.id: r for r in records if drafts or not getattr(r.model, "draft", False)}
    left_out = {r.id: r for r in records if r.id not in published}
    referrers: dict[str, set[str]] = defaultdict(set)
    for record in published.values():
        for ref in references(record):
            problem = _check(record, ref, published, left_out)
            if problem and ref.target not in unreadable:
                problems.append(problem)
            else:
                referrers[ref.target].add(record.id)
    problems += _embed_problems(published)
    if problems or site is None:
        raise ContentErrors(problems)
    return _graph(site, published, referrers)


def _duplicate_problems(records: list[Record]) -> list[Problem]:
    first: dict[str, Record] = {}
    problems = []
    for record in records:
        if record.id in first:
            other = first[record.id]
            problems.append(Problem(Location(record.path), f"id '{record.id}' is already used by {other.path}",
                                    "ids must be unique across the whole site; rename one file"))
        else:
            first[record.id] = record
    return problems


def _embed_problems(published: dict[str, Record]) -> list[Problem]:
    """Embed lines that would show nothing: misspelt, incomplete, or a timeline of a tag no fact carries."""
    tags = sorted({tag for r in published.values() if r.kind in FACT_KINDS for tag in r.model.tags})
    problems = []
    for record in published.values():
        for name, text in _marked_up(record):
            for line, message, hint in markup.embed_mistakes(text):
                problems.append(Problem(_markdown_location(record, name, line, 0), message, hint))
            problems.extend(_tag_problems(record, name, text, tags))
    return problems


def _tag_problems(record: Record, name: str, text: str, tags: list[str]) -> Iterator[Problem]:
    for embed in markup.embeds(text):
        kind, values = embed.timeline_filter()
        if embed.what != "timeline" or kind != "tag":
            continue
        for tag in (value for value in values if value not in tags):
            close = difflib.get_close_matches(tag, tags, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "tag a published fact with it"
            yield Problem(_markdown_location(record, name, embed.line, 0), f"no fact has the tag '{tag}'", hint)


def _first_of_each(records: list[Record]) -> list[Record]:
    """A duplicated id keeps its first file, so references to it are not also reported as the wrong kind."""
    kept: dict[str, Record] = {}
    for record in records:
        kept.setdefault(record.id, record)
    return list(kept.values())


def references(record: Record) -> Iterator[Link]:
    """Every reference in a record: declared Ref fields, then embeds and citations in its Markdown."""
    yield from _model_refs(record.model, ())
    yield from _markup_refs(record)


def _model_refs(model: BaseModel, where: KeyPath) -> Iterator[Link]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        yield from _value_refs(value, ref, where + (name,))


def _value_refs(value: Any, ref: Ref | None, where: KeyPath) -> Iterator[Link]:
    if isinstance(value, BaseModel):
        yield from _model_refs(value, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _value_refs(item, ref, where + (index,))
    elif isinstance(value, str) and ref is not None:
        yield Link(value, ref.kinds, where, ref.quote_bearing)


def _marked_up(record: Record) -> Iterator[tuple[str, str]]:
    """(field, text) of each Markdown field of the record that may hold an embed or a citation."""
    fields = type(record.model).model_fields
    for name in MARKDOWN_FIELDS:
        text = getattr(record.model, name) if name in fields else ""
        if "::" in text or "[@" in text:
            yield name, text


def _markup_refs(record: Record) -> Iterator[Link]:
    for name, text in _marked_up(record):
        for embed in markup.embeds(text):
            yield from _embed_refs(embed, name)
        for citation in markup.citations(text):
            yield Link(citation.id, ("sources",), (name, "@", citation.line, citation.column))


def _embed_refs(embed: markup.Embed, name: str) -> Iterator[Link]:
    where: KeyPath = (name, "@", embed.line, 0)
    if embed.what == "fact":
        yield Link(embed.arg, FACT_KINDS, where)
    elif embed.what == "comparison":
        yield Link(embed.arg, ("comparisons",), where)
    elif embed.what == "timeline":
        name, values = embed.timeline_filter()
        if name in ("entity", "ids"):
            kinds = ("entities",) if name == "entity" else FACT_KINDS
            yield from (Link(value, kinds, where) for value in values)


def location(record: Record, where: KeyPath) -> Location:
    """Where a reference was written; Markdown positions count from the body's first line."""
    if len(where) == 4 and where[1] == "@":
        return _markdown_location(record, str(where[0]), int(where[2]), int(where[3]))
    return record.marks.value(where)


def _markdown_location(record: Record, name: str, line: int, column: int) -> Location:
    if record.kind == "stories" and name == "body":
        return Location(record.path, record.body_line + line, column + 1)
    return record.marks.text((name,), line, column)


def _check(record: Record, ref: Link, published: dict[str, Record], left_out: dict[str, Record]) -> Problem | None:
    at = location(record, ref.where)
    wanted = _either(ref.kinds)
    target = published.get(ref.target)
    if target is None:
        return _missing(ref, at, wanted, published, left_out)
    if target.kind not in ref.kinds:
        return Problem(at, f"'{ref.target}' is {_a(SINGULAR[target.kind])}, but {_a(wanted)} is needed here")
    if ref.quote_bearing:
        return _quote_problem(record, ref, target, at)
    return None


def _missing(ref: Link, at: Location, wanted: str, published: dict[str, Record],
             left_out: dict[str, Record]) -> Problem:
    if ref.target in left_out:
        return Problem(at, f"'{ref.target}' is a draft, so it is left out of the site",
                       "publish it (draft: false) or build with --drafts")
    candidates = [i for i, r in published.items() if r.kind in ref.kinds]
    close = difflib.get_close_matches(ref.target, candidates, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"add {_a(wanted)} file named {ref.target}"
    return Problem(at, f"no {wanted} has the id '{ref.target}'", hint)


def _either(kinds: tuple[str, ...]) -> str:
    names = [SINGULAR[k] for k in kinds]
    return " or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " or " + names[-1]


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _quote_problem(record: Record, ref: Link, target: Record, at: Location) -> Problem | None:
    side = getattr(record.model, str(ref.where[0]))
    excerpts = getattr(target.model, "excerpts", [])
    if side.excerpt is not None and side.excerpt > len(excerpts):
        return Problem(record.marks.value(ref.where[:-1] + ("excerpt",)),
                       f"'{ref.target}' has {len(excerpts)} excerpt(s), so there is no excerpt {side.excerpt}")
    if side.excerpt is None and not getattr(target.model, "quote", None):
        return Problem(at, f"'{ref.target}' has no quote to compare",
                       "choose one of its excerpts with 'excerpt: 1', or compare a pledge or statement")
    return None


def _graph(site: Site, published: dict[str, Record], referrers: dict[str, set[str]]) -> SiteGraph:
    kinds: dict[str, list[Record]] = {kind: [] for kind in SINGULAR}
    for record in sorted(published.values(), key=reading_order):
        kinds[record.kind].append(record)
    tags: dict[str, list[str]] = defaultdict(list)
    for kind in FACT_KINDS + ("comparisons", "stories", "entities"):
        for record in kinds[kind]:
            for tag in record.model.tags:
                tags[tag].append(record.id)
    ordered = {target: sorted(ids, key=lambda i: reading_order(published[i])) for target, ids in referrers.items()}
    return SiteGraph(site, published, kinds, ordered, dict(sorted(tags.items())))


def reading_order(record: Record) -> tuple[Any, ...]:
    """Dated records chronologically, ids breaking ties; others by name or title."""
    when = getattr(record.model, "date", None) or getattr(record.model, "published", None)
    label = getattr(record.model, "name", None) or getattr(record.model, "title", "")
    if when is None:
        return ((), label.casefold(), record.id)
    return (dates.sort_key(when), "", record.id)
