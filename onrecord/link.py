"""Stage 3: resolve ids across files into one graph, with backlinks, tag lists and every broken reference."""

from __future__ import annotations

import difflib
import functools
import inspect
import typing
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

from pydantic import BaseModel

from . import kinds, markup
from .checks import highlight_warnings, level_problems, stage_problems
from .errors import ContentErrors, Location, Problem
from .evidence import Evidence, check_quotes, evidence, stored_text_problems
from .load import KeyPath, StoredText
from .memo import PerRecord
from .model import Comparison, Dated, Entity, Fact, Filed, Ref, Said, Site, markdown_texts
from .order import OrderKey, after_problems, reading_order
from .pictures import Picture, picture_problems
from .previous import previous_id_problems
from .validate import ADDRESS, Record, as_kind, text_location

T = TypeVar("T")
F = TypeVar("F", bound=Filed)


@dataclass(frozen=True)
class Link:
    """One reference from a file to another id, with where it was written."""

    target: str
    kinds: tuple[str, ...]
    where: KeyPath
    quote_bearing: bool = False


@dataclass
class SiteGraph:
    """Everything the renderer needs: records by id and kind, in reading order, and who refers to whom.

    Linking has checked the kind of every reference, so the typed accessors (`entity`, `fact`...)
    cannot fail on a linked graph; a TypeError from one is a bug.
    """

    site: Site
    records: Mapping[str, Record[Filed]]
    kinds: Mapping[str, list[Record[Filed]]]
    referrers: Mapping[str, list[str]] = field(default_factory=dict)
    tags: Mapping[str, list[str]] = field(default_factory=dict)
    order: Mapping[str, OrderKey] = field(default_factory=dict)
    """Each record's place in reading order (see order.py), for views to sort by."""
    warnings: tuple[Problem, ...] = ()
    """What check tells the author without refusing the content (see Problem.warning)."""
    evidence: Evidence = field(default_factory=Evidence)
    """Each quote's check against its source's stored text, and the site's evidence in figures."""
    pictures: Mapping[str, Picture] = field(default_factory=dict)
    """The picture each image record keeps beside it, by the image's id."""

    def get(self, record_id: str) -> Record[Filed]:
        return self.records[record_id]

    def typed(self, record_id: str, cls: type[F]) -> Record[F]:
        """The record of an id, typed by the model its reference was checked to hold."""
        return as_kind(self.records[record_id], cls)

    def entity(self, record_id: str) -> Record[Entity]:
        return self.typed(record_id, Entity)

    def fact(self, record_id: str) -> Record[Fact]:
        return self.typed(record_id, Fact)

    def comparison(self, record_id: str) -> Record[Comparison]:
        return self.typed(record_id, Comparison)

    def listed(self, kind: str, cls: type[F]) -> list[Record[F]]:
        """Every record of `kind`, in reading order, typed as `cls` (which its model must be)."""
        holding(kind, cls)
        return cast(list[Record[F]], self.kinds[kind])

    def referring(self, record_id: str, kind: str) -> list[Record[Filed]]:
        """Records of `kind` that refer to `record_id`, in reading order."""
        return [self.records[i] for i in self.referrers.get(record_id, ()) if self.records[i].kind == kind]


def holding(kind: str, cls: type[F]) -> None:
    """Check that `kind` holds models of `cls`, without reading the graph; a TypeError (a bug) if not."""
    model = kinds.kind(kind).model
    if not issubclass(model, cls):
        raise TypeError(f"{kind} hold {model.__name__}, not {cls.__name__}")


def link(
    site: Site | None,
    records: list[Record[Filed]],
    drafts: bool,
    unreadable: frozenset[str] = frozenset(),
    problems: list[Problem] | None = None,
    texts: Sequence[StoredText] = (),
    pictures: Sequence[Picture] = (),
) -> SiteGraph:
    """Build the graph; raise ContentErrors listing every duplicate id and broken reference.

    `unreadable` holds ids of files that failed earlier stages: references to them are not
    reported again, and `problems` from those stages are raised together with these.
    """
    problems = list(problems or []) + _duplicate_problems(records)
    records = _first_of_each(records)
    problems += previous_id_problems(records)
    published = {r.id: r for r in records if drafts or not r.model.is_draft()}
    left_out = {r.id: r for r in records if r.id not in published}
    order = {record_id: reading_order(record, published) for record_id, record in published.items()}
    ordered = sorted(published.values(), key=lambda record: order[record.id])
    referrers = _backlinks(ordered, published, left_out, unreadable, problems)
    problems += _embed_problems(published)
    problems += after_problems(published)
    problems += stage_problems(published)
    if site is not None:
        problems += level_problems(site.scales, published)
    problems += stored_text_problems({r.id: r for r in records}, texts, unreadable)
    pictured = {r.id: r.path for r in records if kinds.kind(r.kind).pictures}
    unpictured, kept = picture_problems(pictures, pictured, unreadable, problems)
    problems += unpictured
    differing, checks = check_quotes(published, texts)
    problems += differing
    if problems or site is None:
        raise ContentErrors(problems)
    graph = _graph(site, published, ordered, referrers, order)
    graph.warnings = tuple(sorted(highlight_warnings(published)))
    graph.evidence = evidence(published, texts, checks)
    graph.pictures = {image: picture for image, picture in kept.items() if image in published}
    return graph


def _backlinks(
    ordered: list[Record[Filed]],
    published: dict[str, Record[Filed]],
    left_out: dict[str, Record[Filed]],
    unreadable: frozenset[str],
    problems: list[Problem],
) -> dict[str, list[str]]:
    """Who refers to each id, in reading order; each broken reference is added to `problems`.

    A reference to a record of the right kind is the common case and is told at a glance.
    """
    referrers: dict[str, list[str]] = {}
    suggestions: dict[tuple[str, tuple[str, ...]], str] = {}
    for record in ordered:
        for ref in _REFERENCES.of(record):
            target = published.get(ref.target)
            if target is None or target.kind not in ref.kinds or ref.quote_bearing or target is record:
                problem = _check(record, ref, published, left_out, suggestions)
                if problem and ref.target not in unreadable:
                    problems.append(problem)
                    continue
            found = referrers.setdefault(ref.target, [])
            if not found or found[-1] != record.id:
                found.append(record.id)
    return referrers


def _duplicate_problems(records: list[Record[Filed]]) -> list[Problem]:
    first: dict[str, Record[Filed]] = {}
    problems = []
    for record in records:
        if record.id in first:
            other = first[record.id]
            problems.append(
                Problem(
                    Location(record.path),
                    f"id '{record.id}' is already used by {other.path}",
                    "ids must be unique across the whole site; rename one file",
                )
            )
        else:
            first[record.id] = record
    return problems


def _embed_problems(published: dict[str, Record[Filed]]) -> list[Problem]:
    """Embed lines that would show nothing: misspelt, incomplete, or a timeline of a tag no fact carries."""
    tags = {tag for r in published.values() if isinstance(r.model, Fact) for tag in r.model.tags}
    problems = []
    for record in published.values():
        mistakes, wanted = _EMBEDS.of(record)
        problems += mistakes
        problems += [_tag_problem(at, tag, tags) for at, tag in wanted if tag not in tags]
    return problems


def _embeds(record: Record[Filed]) -> tuple[list[Problem], list[tuple[Location, str]]]:
    """The record's misspelt or incomplete embeds, and each tag its timelines ask for with where."""
    mistakes, wanted = [], []
    for name, text in _marked_up(record):
        mistakes += [
            Problem(_markdown_location(record, name, line, 0), message, hint)
            for line, message, hint in markup.embed_mistakes(text)
        ]
        for embed in markup.embeds(text):
            kind, values = embed.timeline_filter()
            if embed.what == "timeline" and kind == "tag":
                wanted += [(_markdown_location(record, name, embed.line, 0), tag) for tag in values]
    return mistakes, wanted


def _tag_problem(at: Location, tag: str, tags: set[str]) -> Problem:
    close = difflib.get_close_matches(tag, sorted(tags), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "tag a published fact with it"
    return Problem(at, f"no fact has the tag '{tag}'", hint)


def _first_of_each(records: list[Record[Filed]]) -> list[Record[Filed]]:
    """A duplicated id keeps its first file, so references to it are not also reported as the wrong kind."""
    kept: dict[str, Record[Filed]] = {}
    for record in records:
        kept.setdefault(record.id, record)
    return list(kept.values())


def references(record: Record[Filed]) -> Iterator[Link]:
    """Every reference in a record: declared Ref fields, then embeds and citations in its Markdown."""
    yield from _model_refs(record.model, ())
    yield from _markup_refs(record)


def _model_refs(model: BaseModel, where: KeyPath) -> Iterator[Link]:
    for name, ref in _ref_fields(type(model)):
        yield from _value_refs(getattr(model, name), ref, (*where, name))


@functools.cache
def _ref_fields(cls: type[BaseModel]) -> tuple[tuple[str, Ref | None], ...]:
    """The fields of `cls` that may hold a reference: marked with Ref, or holding models that may.

    Worked out once per model class, so linking does not look at every field of every record.
    """
    found = []
    for name, info in cls.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None)
        if ref is not None or any(_ref_fields(inner) for inner in _models_in(info.annotation)):
            found.append((name, ref))
    return tuple(found)


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """Model classes an annotation may hold, however deeply nested in lists, unions and Annotated."""
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        yield annotation
    for inner in typing.get_args(annotation):
        yield from _models_in(inner)


def _value_refs(value: object, ref: Ref | None, where: KeyPath) -> Iterator[Link]:
    if isinstance(value, BaseModel):
        yield from _model_refs(value, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _value_refs(item, ref, (*where, index))
    elif isinstance(value, str) and ref is not None:
        yield Link(value, kinds.accepted(ref.kinds, ref.facts), where, ref.quote_bearing)


def _marked_up(record: Record[Filed]) -> Iterator[tuple[str, str]]:
    """(field, text) of each Markdown field of the record that holds an embed or a citation."""
    for name, text, embeds in markdown_texts(record.model):
        if embeds and ("::" in text or "[@" in text):
            yield name, text


def _markup_refs(record: Record[Filed]) -> Iterator[Link]:
    for name, text in _marked_up(record):
        for embed in markup.embeds(text):
            yield from _embed_refs(embed, name)
        for citation in markup.citations(text):
            yield Link(citation.id, ("sources",), (name, "@", citation.line, citation.column))


def _embed_refs(embed: markup.Embed, name: str) -> Iterator[Link]:
    where: KeyPath = (name, "@", embed.line, 0)
    if embed.what == "fact":
        yield Link(embed.arg, kinds.fact_names(), where)
    elif embed.what == "comparison":
        yield Link(embed.arg, ("comparisons",), where)
    elif embed.what == "figure":
        yield Link(embed.arg, ("images",), where)
    elif embed.what == "timeline":
        name, values = embed.timeline_filter()
        if name in ("entity", "ids"):
            wanted = ("entities",) if name == "entity" else kinds.fact_names()
            yield from (Link(value, wanted, where) for value in values)


def location(record: Record[Filed], where: KeyPath) -> Location:
    """Where a reference was written; Markdown positions count from the body's first line."""
    if len(where) == 4 and where[1] == "@":
        return _markdown_location(record, str(where[0]), int(where[2]), int(where[3]))
    return record.marks.value(where)


def _markdown_location(record: Record[Filed], name: str, line: int, column: int) -> Location:
    return text_location(record.marks, record.body_line, name, line, column)


def _check(
    record: Record[Filed],
    ref: Link,
    published: dict[str, Record[Filed]],
    left_out: dict[str, Record[Filed]],
    suggestions: dict[tuple[str, tuple[str, ...]], str],
) -> Problem | None:
    """The problem with one reference, if any; where it was written is looked up only then."""
    target = published.get(ref.target)
    if target is None:
        return _missing(ref, location(record, ref.where), published, left_out, suggestions)
    if target is record:
        return Problem(location(record, ref.where), f"'{ref.target}' is this file itself", "name another record")
    if target.kind not in ref.kinds:
        return Problem(
            location(record, ref.where),
            f"'{ref.target}' is {_a(kinds.kind(target.kind).singular)}, but {_a(_either(ref.kinds))} is needed here",
        )
    if ref.quote_bearing:
        return _quote_problem(record, ref, target)
    return None


def _missing(
    ref: Link,
    at: Location,
    published: dict[str, Record[Filed]],
    left_out: dict[str, Record[Filed]],
    suggestions: dict[tuple[str, tuple[str, ...]], str],
) -> Problem:
    if ref.target in left_out:
        return Problem(
            at,
            f"'{ref.target}' is a draft, so it is left out of the site",
            "publish it (draft: false) or build with --drafts",
        )
    wanted = _either(ref.kinds)
    if ADDRESS.match(ref.target):
        return Problem(
            at,
            f"'{ref.target}' is a web address, not the id of {_a(wanted)}: the site shows only what it holds itself",
            f"save it in {ref.kinds[0]}/ and write its id",
        )
    close = _closest(ref.target, ref.kinds, published, suggestions)
    hint = f"did you mean '{close}'?" if close else f"add {_a(wanted)} file named {ref.target}"
    return Problem(at, f"no {wanted} has the id '{ref.target}'", hint)


def _closest(
    target: str,
    kinds: tuple[str, ...],
    published: dict[str, Record[Filed]],
    found: dict[tuple[str, tuple[str, ...]], str],
) -> str:
    """The published id of one of `kinds` nearest to `target`, worked out once per missing id and kinds:
    a deleted entity that thousands of facts name costs one search, not thousands."""
    if (target, kinds) not in found:
        candidates = [i for i, r in published.items() if r.kind in kinds]
        found[target, kinds] = next(iter(difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)), "")
    return found[target, kinds]


def _either(wanted: tuple[str, ...]) -> str:
    """'entity', 'pledge or statement', 'fact' (any fact kind)."""
    if len(wanted) > 1 and set(wanted) >= set(kinds.fact_names()):
        return "fact"
    names = [kinds.kind(name).singular for name in wanted]
    return " or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " or " + names[-1]


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _quote_problem(record: Record[Filed], ref: Link, target: Record[Filed]) -> Problem | None:
    """A side that shows words must have them: an excerpt the fact has, or the fact's own quote (a
    paraphrase is not one). A side that shows the deed needs nothing more."""
    side = as_kind(record, Comparison).model.side(str(ref.where[0]))
    fact = as_kind(target, Fact).model
    if side.excerpt is not None and side.excerpt > len(fact.excerpts):
        return Problem(
            record.marks.value((*ref.where[:-1], "excerpt")),
            f"'{ref.target}' has {len(fact.excerpts)} excerpt(s), so there is no excerpt {side.excerpt}",
        )
    if side.show == "quote" and side.excerpt is None and not fact.spoken():
        paraphrased = isinstance(fact, Said) and fact.paraphrase
        known = "is known only in paraphrase" if paraphrased else "has no words on record"
        return Problem(
            record.marks.value((*ref.where[:-1], "show")),
            f"'{ref.target}' {known}, so there is no quote to show",
            "show what was done instead with 'show: deed', or choose one of its excerpts with 'excerpt: 1'",
        )
    return None


def _graph(
    site: Site,
    published: dict[str, Record[Filed]],
    ordered: list[Record[Filed]],
    referrers: dict[str, list[str]],
    order: dict[str, OrderKey],
) -> SiteGraph:
    """Records by kind and tag lists, in reading order, as `ordered` and `referrers` already are."""
    by_kind: dict[str, list[Record[Filed]]] = {name: [] for name in kinds.names()}
    tags: dict[str, list[str]] = defaultdict(list)
    for record in ordered:
        by_kind[record.kind].append(record)
        model = record.model
        if isinstance(model, (Dated, Comparison, Entity)):
            for tag in model.tags:
                tags[tag].append(record.id)
    return SiteGraph(site, published, by_kind, referrers, dict(sorted(tags.items())), order)


_REFERENCES = PerRecord(lambda record: tuple(references(record)))
_EMBEDS = PerRecord(_embeds)
