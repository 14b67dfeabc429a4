"""Stage 2: turn raw documents into typed models, translating every failure into a friendly Problem."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import date_words, dates, kinds, markup, sanitize
from .errors import ContentErrors, Location, Problem
from .load import KeyPath, Marks, RawDoc, Yaml, dotted, suggest_id
from .model import Comparison, Dated, Fact, Filed, Reply, Ruling, Site, Strict, field_help, markdown_texts
from .provenance import words_problems
from .scales import scale_problems
from .suggest import meant_field
from .values import ID_FORM

FRIENDLY = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "decimal_parsing": "expected a number",
    "decimal_type": "expected a number",
    "list_type": "expected a list (lines starting with '- ')",
    "tuple_type": "expected a list (lines starting with '- ')",
    "model_type": "expected fields ('name: value' lines)",
    "model_attributes_type": "expected fields ('name: value' lines)",
    "dict_type": "expected fields ('name: value' lines)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "none_required": "expected nothing here",
}

ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*:(?://|[^ ]*\.)|//", re.I)
"""The start of a web address (`https://`, `//`, `data:image/png...`) written where an id belongs."""
_NEEDS_NO_ARTICLE = {"the", "a", "an", "one", "who", "what", "why", "where", "when", "how", "which", "their", "its"}
"""First words after which "write" needs no "the": "write who published it", "write one line under the name"."""


M = TypeVar("M", bound=Strict, covariant=True)
K = TypeVar("K", bound=Strict)


@dataclass(frozen=True)
class Record(Generic[M]):
    """A validated file: its model, typed by its kind, plus what is needed to point back into the file."""

    kind: str
    id: str
    path: str
    model: M
    marks: Marks
    body_line: int = 0


def as_kind(record: Record[Strict], cls: type[K]) -> Record[K]:
    """The record, typed as holding a `cls`; a TypeError (a bug, never an author's mistake) if it does not."""
    if not isinstance(record.model, cls):
        raise TypeError(f"{record.id} is {type(record.model).__name__}, not {cls.__name__}")
    return cast(Record[K], record)


def validate(raw: RawDoc) -> Record[Strict]:
    """Validate one raw document (site.yaml included); raise ContentErrors with every problem in it."""
    cls = kinds.models()[raw.kind]
    data = _with_body(raw)
    choices = list(_alternative_problems(cls, data, raw.marks))
    try:
        model = cls.model_validate(data)
    except ValidationError as error:
        raise ContentErrors([_problem(cls, data, raw.marks, item) for item in error.errors()] + choices) from None
    problems = choices + list(_rule_problems(model, raw.marks)) + list(_markdown_problems(model, raw))
    if not (isinstance(model, Filed) and model.is_draft()):
        problems += _placeholder_problems(raw.data, raw.marks, ())
    if problems:
        raise ContentErrors(problems)
    return Record(raw.kind, raw.id, raw.path, model, raw.marks, raw.body_line)


def validate_record(raw: RawDoc) -> Record[Filed]:
    """Validate a content file (any kind but site.yaml)."""
    return as_kind(validate(raw), Filed)


def validate_site(raw: RawDoc) -> Site:
    """Validate site.yaml."""
    return as_kind(validate(raw), Site).model


def _with_body(raw: RawDoc) -> dict[str, Yaml]:
    """A Markdown file's fields with its body, which is the Markdown after its front matter."""
    if raw.kind == "site" or not kinds.kind(raw.kind).front_matter:
        return raw.data
    if "body" in raw.data:
        location = raw.marks.key(("body",))
        raise ContentErrors(
            [
                Problem(
                    location,
                    f"a {kinds.kind(raw.kind).singular}'s body is the Markdown after the front matter",
                    "remove the 'body' field",
                )
            ]
        )
    return {**raw.data, "body": raw.body}


def _problem(cls: type[BaseModel], data: Yaml, marks: Marks, item: ErrorDetails) -> Problem:
    where = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("|")))
    kind = item["type"]
    if kind == "extra_forbidden":
        return _unknown_field(cls, data, marks, where)
    if kind == "missing":
        return _missing_field(cls, marks, where)
    return Problem(marks.value(where), f"{dotted(where)}: {_message(cls, where, item)}", _hint(item))


def _unknown_field(cls: type[BaseModel], data: Yaml, marks: Marks, where: KeyPath) -> Problem:
    """Did you mean the field that fits, or else (since an author may have meant a note) where notes go."""
    owner = _model_at(cls, where[:-1])
    group = _yaml_at(data, where[:-1])
    given = group if isinstance(group, dict) else {}
    close = meant_field(owner, str(where[-1]), given.get(str(where[-1])), given)
    hint = (
        f"did you mean '{close}'?"
        if close
        else f"known fields: {', '.join(sorted(owner.model_fields))}; "
        "a note for yourself belongs in a YAML comment, a line starting with #"
    )
    return Problem(marks.key(where), f"unknown field '{dotted(where)}'", hint)


def _yaml_at(data: Yaml, where: KeyPath) -> Yaml:
    """The value written at `where`, or None when nothing is."""
    for part in where:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _missing_field(cls: type[BaseModel], marks: Marks, where: KeyPath) -> Problem:
    owner = _model_at(cls, where[:-1])
    hint = field_help(owner, str(where[-1]))
    return Problem(marks.value(where[:-1]), f"missing required field '{dotted(where)}'", hint)


def _model_at(cls: type[BaseModel], where: KeyPath) -> type[BaseModel]:
    """The model class that owns the mapping at `where`, found by following field annotations."""
    for part in where:
        if isinstance(part, str) and part in cls.model_fields:
            cls = _inner_model(cls.model_fields[part].annotation) or cls
    return cls


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        found = [m for m in map(_inner_model, typing.get_args(annotation)) if m]
        return found[0] if found else None
    return None


def _message(cls: type[BaseModel], where: KeyPath, item: ErrorDetails) -> str:
    kind = item["type"]
    if kind in FRIENDLY:
        return f"{FRIENDLY[kind]}, got {_shown(item.get('input'))}"
    if kind == "value_error":
        return str(item["ctx"]["error"])
    if kind == "literal_error":
        return f"{_shown(item.get('input'))} is not one of: {item['ctx']['expected']}"
    if kind == "string_pattern_mismatch" and item["ctx"]["pattern"] == ID_FORM and _is_address(item.get("input")):
        return f"{_shown(item.get('input'))} is a web address, not an id: the site shows only what it holds itself"
    if kind == "string_pattern_mismatch" and item["ctx"]["pattern"] == ID_FORM:
        return f"{_shown(item.get('input'))} must be lowercase letters, digits and single hyphens"
    if kind == "string_pattern_mismatch":
        return f"{_shown(item.get('input'))} is not in the right form; write {_what_to_write(cls, where)}"
    if kind == "string_too_short":
        return f"is empty; write {_what_to_write(cls, where)}"
    if kind == "too_short" and item["ctx"]["min_length"] == 1:
        return "must not be empty"
    if kind == "too_short":
        count = item["ctx"]["actual_length"]
        return (
            f"has {count} item{'s' if count != 1 else ''}, and at least {item['ctx']['min_length']} are needed; "
            f"list {_what_to_write(cls, where)}"
        )
    if kind == "too_long":
        return f"has {item['ctx']['actual_length']:,} items; at most {item['ctx']['max_length']} are allowed"
    if kind == "string_too_long":
        return f"is {len(item['input']):,} characters long; at most {item['ctx']['max_length']} are allowed"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = item["ctx"].get("ge", item["ctx"].get("le"))
        return f"{_shown(item.get('input'))} must be {'at least' if 'ge' in item['ctx'] else 'at most'} {bound}"
    return item["msg"]


def _what_to_write(cls: type[BaseModel], where: KeyPath) -> str:
    """A field's help as the words after "write" (its first clause): "the neutral citation, e.g. ..."."""
    path = where[: max(index for index, part in enumerate(where) if isinstance(part, str)) + 1]
    text = " ".join(field_help(_model_at(cls, path[:-1]), str(path[-1])).split())
    text = re.split(r"(?<!e\.g)(?<!i\.e)\.(?:\s|$)|;\s", text)[0]
    if not text:
        return "its value, or leave the field out"
    text = text[0].lower() + text[1:] if text[1:2].islower() else text
    return text if text.split()[0].lower().strip(",:") in _NEEDS_NO_ARTICLE else f"the {text}"


def _hint(item: ErrorDetails) -> str:
    if item["type"] == "literal_error" and isinstance(item.get("input"), str):
        choices = [c.strip(" '") for c in item["ctx"]["expected"].replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(item["input"].replace(" ", "-"), choices, n=1, cutoff=0.5)
        return f"did you mean '{close[0]}'?" if close else ""
    if item["type"] == "string_pattern_mismatch" and item["ctx"]["pattern"] == ID_FORM and _is_address(item["input"]):
        return "save the picture in images/, or the document as a source in sources/, and write its id"
    if item["type"] == "string_pattern_mismatch" and item["ctx"]["pattern"] == ID_FORM:
        return f"e.g. '{suggest_id(str(item['input']))}'"
    if item["type"] == "value_error" and isinstance(item["ctx"]["error"], dates.EdtfError):
        return item["ctx"]["error"].hint
    return ""


def _is_address(value: object) -> bool:
    """Whether a value written for an id is a web address (a remote picture, a page) instead."""
    return isinstance(value, str) and ADDRESS.match(value) is not None


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a group of fields"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:60] + "…")
    return "nothing" if value is None else str(value)


def _placeholder_problems(value: Yaml, marks: Marks, where: KeyPath) -> list[Problem]:
    """Skeleton placeholders (`TODO: ...`, a date written TODO) left in a file about to be published."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _placeholder_problems(item, marks, (*where, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _placeholder_problems(item, marks, (*where, index))]
    if isinstance(value, str) and value.startswith("TODO"):
        return [
            Problem(
                marks.value(where),
                f"{dotted(where)}: placeholder {value!r} is still here",
                "write the real value, or keep 'draft: true' until it is known",
            )
        ]
    return []


def text_location(marks: Marks, body_line: int, name: str, line: int, column: int) -> Location:
    """A character of a Markdown field, by its line and column in the text (from 0); a story's body counts
    from its first line in the file."""
    if name == "body" and body_line:
        return Location(marks.path, body_line + line, column + 1)
    return marks.text((name,), line, column)


def _markdown_problems(model: Strict, raw: RawDoc) -> typing.Iterator[Problem]:
    """What the page would silently lose of each Markdown field: raw HTML outside the allowlist, and more."""
    for name, text, embeds in markdown_texts(model):
        lost = [(loss.offset, loss.message, loss.hint) for loss in sanitize.losses(text)]
        for offset, message, hint in sorted([*lost, *markup.note_mistakes(text, embeds)]):
            line = text.count("\n", 0, offset)
            column = offset - text.rfind("\n", 0, offset) - 1
            yield Problem(text_location(raw.marks, raw.body_line, name, line, column), message, hint)


def _rule_problems(model: Strict, marks: Marks) -> typing.Iterator[Problem]:
    """Checks that span two fields, which types alone cannot express."""
    if isinstance(model, Dated):
        for index, reply in enumerate(model.replies):
            yield from _reply_problems(reply, marks, ("replies", index))
    if isinstance(model, Fact):
        yield from _order_problems(model, marks)
        yield from words_problems(model, marks)
        yield from _verification_problems(model, marks)
    if isinstance(model, Ruling):
        yield from (
            Problem(marks.value(("judges", index)), "a judge needs a 'name', an 'entity' or both")
            for index, judge in enumerate(model.judges)
            if judge.name is None and judge.entity is None
        )
    if isinstance(model, Comparison):
        yield from _side_problems(model, marks)
    if isinstance(model, Site):
        yield from scale_problems(model.scales, marks)


def _alternative_problems(cls: type[Strict], data: dict[str, Yaml], marks: Marks) -> typing.Iterator[Problem]:
    """Of two fields that stand for each other (a quote, or a paraphrase when no wording survives), exactly
    one is given; told beside every other problem of the file."""
    for name, other, about in cls.alternatives:
        if data.get(name) is None and data.get(other) is None:
            yield Problem(marks.value(()), f"missing required field '{name}'", about)
        elif data.get(name) is not None and data.get(other) is not None:
            yield Problem(marks.key((other,)), f"both '{name}' and '{other}' are given", f"give one: {about}")


def _verification_problems(model: Fact, marks: Marks) -> typing.Iterator[Problem]:
    """A fact that is not confirmed says why; a confirmed one has nothing to explain."""
    if model.verification != "confirmed" and not model.verification_note:
        yield Problem(
            marks.value(("verification",)),
            f"a fact marked {model.verification} needs a 'verification_note'",
            "say in a sentence what is and is not established, and by whom",
        )
    if model.verification == "confirmed" and model.verification_note:
        yield Problem(
            marks.key(("verification_note",)),
            "verification_note is given, but the fact is confirmed",
            "set verification to unverified, alleged or disputed, or remove the note",
        )


def _side_problems(model: Comparison, marks: Marks) -> typing.Iterator[Problem]:
    for name in ("left", "right"):
        side = model.side(name)
        if side.show == "deed" and side.excerpt is not None:
            yield Problem(
                marks.key((name, "excerpt")),
                "an excerpt is words, and this side shows the deed",
                "remove 'excerpt', or set 'show: quote'",
            )
    if (model.left.fact, model.left.excerpt) == (model.right.fact, model.right.excerpt):
        yield Problem(
            marks.value(("right", "fact")),
            f"both sides are '{model.right.fact}': a comparison sets two different things side by side",
            "compare it with another fact, or choose a different excerpt of it for each side",
        )


def _reply_problems(reply: Reply, marks: Marks, where: KeyPath) -> typing.Iterator[Problem]:
    if reply.replied and not reply.reply:
        yield Problem(
            marks.value(where),
            "replied is true but there is no 'reply' text",
            "add their words as 'reply', or set replied: false",
        )
    if not reply.replied and reply.reply:
        yield Problem(marks.key((*where, "reply")), "a reply is given but replied is false", "set replied: true")


def _order_problems(model: Fact, marks: Marks) -> typing.Iterator[Problem]:
    start, end = model.span()
    if end is not None and _ends_before(end, start):
        yield Problem(
            marks.value(("end",)), f"end ({date_words.english(end)}) is before the start ({date_words.english(start)})"
        )


def _ends_before(end: dates.Edtf, start: dates.Edtf) -> bool:
    """True only when the whole of `end` lies before the whole of `start` (2020 does not end before June 2020)."""
    if isinstance(end, dates.Unknown) or isinstance(start, dates.Unknown):
        return False
    last, first = end.last_day(), start.first_day()
    return last is not None and first is not None and last < first


def validate_all(raws: list[RawDoc]) -> tuple[list[Record[Filed]], list[Problem]]:
    """Validate every content file, collecting all problems rather than stopping at the first."""
    records: list[Record[Filed]] = []
    problems: list[Problem] = []
    for raw in raws:
        try:
            records.append(validate_record(raw))
        except ContentErrors as errors:
            problems.extend(errors.problems)
    return records, problems
