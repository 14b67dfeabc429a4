"""Values worked out once per record and forgotten with it, for the stages that revisit records often."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from .model import Filed
from .validate import Record

T = TypeVar("T")


class PerRecord(Generic[T]):
    """A value worked out once per record and forgotten with it.

    The preview keeps the records of files that did not change, so linking again after one edit works
    out only the edited file's references and place in reading order. A record is known by its model,
    made once per reading of its file and never changed; anything standing in for the record gets
    at the model as every reader of the record does.
    """

    def __init__(self, work: Callable[[Record[Filed]], T]) -> None:
        self.work = work
        self.found: dict[int, tuple[weakref.ref[Filed], T]] = {}

    def of(self, record: Record[Filed]) -> T:
        model = record.model
        hit = self.found.get(id(model))
        if hit is not None and hit[0]() is model:
            return hit[1]
        value = self.work(record)
        self.found[id(model)] = (weakref.ref(model, functools.partial(self._forget, id(model))), value)
        return value

    def _forget(self, key: int, _: object) -> None:
        self.found.pop(key, None)
