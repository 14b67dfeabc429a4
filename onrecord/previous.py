"""Previous ids: a renamed file lists the ids it had, and each old address forwards to its page.

An old address can forward to only one page, so a previous id may be neither the id of a record
(drafts included: a build with --drafts has their pages) nor listed twice anywhere on the site. A
source written inline in a fact has no address, so it has no previous ids either.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from .errors import Problem
from .model import Filed
from .validate import Record
from .yaml_reader import KeyPath


def previous_id_problems(records: Iterable[Record[Filed]]) -> Iterator[Problem]:
    """Each previous id that is a record's id, or already listed, at the line and column it is written."""
    records = list(records)
    ids = {record.id: record for record in records}
    listed: dict[str, Record[Filed]] = {}
    for record in records:
        yield from _inline_problems(record)
        for index, old in enumerate(record.model.previous_ids):
            at = record.marks.value(("previous_ids", index))
            if old == record.id:
                yield Problem(at, f"'{old}' is this file's own id", "list only the ids the file had before")
            elif old in ids:
                yield Problem(
                    at,
                    f"'{old}' is the id of {ids[old].path}, so it cannot be a previous id of this file",
                    "an address leads to one page: remove it here or rename the other file",
                )
            elif old in listed:
                owner = "this file" if listed[old] is record else listed[old].path
                yield Problem(
                    at,
                    f"'{old}' is already listed as a previous id in {owner}",
                    "an old address can forward to only one page: list it once",
                )
            else:
                listed[old] = record


def _inline_problems(record: Record[Filed]) -> Iterator[Problem]:
    for where in _inline(record.model, ()):
        yield Problem(
            record.marks.value((*where, "previous_ids")),
            "a source written inside a fact has no address of its own, so it has no previous ids",
            "give the source a file in sources/ and list its previous ids there",
        )


def _inline(model: BaseModel, where: KeyPath) -> Iterator[KeyPath]:
    """Where, inside a record, a file's model written inline (a fact's source) lists previous ids."""
    for name in _nesting(type(model)):
        value = getattr(model, name)  # a field that may hold models: a model, a list of them, or ids
        for index, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
            path = (*where, name) if index is None else (*where, name, index)
            if isinstance(item, Filed) and item.previous_ids:
                yield path
            if isinstance(item, BaseModel):
                yield from _inline(item, path)


@functools.cache
def _nesting(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` that may hold, however deep, a file's model written inline; worked out once per
    class, so a site's thousands of facts are not searched field by field."""
    return tuple(
        name
        for name, info in cls.model_fields.items()
        if any(issubclass(inner, Filed) or _nesting(inner) for inner in _models(info.annotation))
    )


def _models(annotation: object) -> Iterator[type[BaseModel]]:
    """Model classes an annotation may hold, in lists, unions and Annotated."""
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        yield annotation
    for inner in typing.get_args(annotation):
        yield from _models(inner)
