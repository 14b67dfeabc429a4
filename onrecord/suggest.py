"""The field an author meant when they wrote one the model does not have.

Spelling alone misleads: `date_end` is nearest to `date`, which the file already gives, and `notes` to
`quote`. So a field already in the same group of fields is never offered, a field whose type could
hold the value written comes first (a date for a date, a list for a list), then a field that is one
of the words of the name written (`end_date` is `end`), and only then the nearest spelling.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Collection
from decimal import Decimal

from pydantic import BaseModel

from . import dates
from .load import Yaml

CLOSE = 0.75
"""How alike two names must be spelt to be offered: 'speeker' is 'speaker' (0.86), 'notes' is not 'quote' (0.6)."""


def meant_field(owner: type[BaseModel], name: str, value: Yaml, given: Collection[str]) -> str | None:
    """The field of `owner` that `name: value` most likely stands for, or None when none is a fair guess."""
    free = [field for field in sorted(owner.model_fields) if field not in given]
    fitting = [field for field in free if _holds(owner.model_fields[field].annotation, value)]
    words = re.split(r"[_\-\s]+", name.lower())
    for choices in (fitting, free):
        named = [word for word in words if word in choices]
        close = named or difflib.get_close_matches(name, choices, n=1, cutoff=CLOSE)
        if close:
            return close[0]
    return None


def _holds(annotation: object, value: Yaml) -> bool:
    """Whether a field of this type could hold the value as written; anything could be meant for nothing."""
    return value is None or bool(_shapes(annotation) & _shapes_of(value))


def _shapes_of(value: Yaml) -> set[str]:
    if isinstance(value, bool):
        return {"flag"}
    if isinstance(value, list):
        return {"list"}
    if isinstance(value, dict):
        return {"group"}
    if isinstance(value, int):
        return {"number", "date"} if 1 <= value <= 9999 else {"number"}
    if isinstance(value, Decimal):
        return {"number"}
    return {"date"} if _date_like(str(value)) else {"text"}


def _date_like(text: str) -> bool:
    """A date as EDTF writes it, or as people write it ("June 2020")."""
    try:
        dates.parse(text)
    except dates.EdtfError:
        return bool(dates.edtf_forms(text))
    return True


def _shapes(annotation: object) -> set[str]:
    """What a field of this type holds: text, a number, true or false, a date, a list, a group of fields."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _shapes(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set[str]().union(*map(_shapes, typing.get_args(annotation)))
    if origin is list:
        return {"list"}
    if annotation is type(None):
        return set()
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return {"group"}
        if issubclass(annotation, bool):
            return {"flag"}
        if issubclass(annotation, (int, Decimal)):
            return {"number"}
        if issubclass(annotation, (dates.Point, dates.Interval, dates.Unknown)):
            return {"date"}
    return {"text"}
