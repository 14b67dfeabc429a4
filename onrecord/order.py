"""Reading order: dated records chronologically at their true precision, then by id; an `after` reference
places a fact straight after the one it names when their dates cannot tell which came first.

A record's place is a key that depends only on the record and the facts its `after` chain names, so
the preview can tell which pages a changed fact moves. A fact placed after another gets that fact's
key extended by its own: it sorts after the other and before anything that sorts after the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from . import date_words, dates
from .errors import Problem
from .memo import PerRecord
from .model import Fact, Filed
from .validate import Record

OrderKey = tuple[tuple[int, ...] | str, ...]
"""(date key, name, id) for a record, extended by the same for each fact it is placed after."""


def reading_order(record: Record[Filed], records: Mapping[str, Record[Filed]]) -> OrderKey:
    """Where a record is read, among `records` (those its `after` chain names are looked up there)."""
    own = _OWN_ORDER.of(record)
    earlier = _named_before(record, records)
    if earlier is None:
        return own
    chain = [own]
    seen = {record.id}
    while earlier is not None and earlier.id not in seen:
        seen.add(earlier.id)
        chain.append(_OWN_ORDER.of(earlier))
        earlier = _named_before(earlier, records)
    key = chain.pop()
    while chain:
        next_key = chain.pop()
        key = next_key if key < next_key else (*key, *next_key)
    return key


def _named_before(record: Record[Filed], records: Mapping[str, Record[Filed]]) -> Record[Filed] | None:
    model = record.model
    if not isinstance(model, Fact) or model.after is None:
        return None
    return records.get(model.after)


def _own_order(record: Record[Filed]) -> OrderKey:
    """Dated records chronologically (an unknown date last), ids breaking ties; others by name or title."""
    when = record.model.when()
    if when is None:
        return ((), record.model.label().casefold(), record.id)
    return (dates.sort_key(when), "", record.id)


_OWN_ORDER = PerRecord(_own_order)


def after_problems(records: Mapping[str, Record[Filed]]) -> Iterator[Problem]:
    """An `after` that no order could honour: a loop, or one that would move a fact after another dated
    wholly later, with no known date, or listed under another year. One the dates already honour is fine."""
    for record in records.values():
        model = record.model
        if not isinstance(model, Fact) or model.after in (None, record.id) or model.after not in records:
            continue
        named = records[model.after]
        other = named.model
        if not isinstance(other, Fact) or (
            _OWN_ORDER.of(named) < _OWN_ORDER.of(record) and not _loops(record, records)
        ):
            continue
        problem = _conflict(record, records, model, other)
        if problem:
            yield Problem(record.marks.value(("after",)), problem[0], problem[1])


def _conflict(
    record: Record[Filed], records: Mapping[str, Record[Filed]], model: Fact, other: Fact
) -> tuple[str, str] | None:
    named = model.after
    if _loops(record, records):
        return f"'after' goes round in a loop back to '{record.id}'", "one of the facts in the loop must come first"
    if isinstance(model.date, dates.Unknown):
        return None  # among facts of unknown date, `after` is all there is to order them by
    if isinstance(other.date, dates.Unknown):
        return f"'{named}' has no known date, so nothing can be placed after it", "remove 'after'"
    mine, theirs = dates.anchor(model.date), dates.anchor(other.date)
    if theirs.first_day() > mine.last_day():
        return (
            f"'{named}' is dated {date_words.english(other.date)}, "
            f"wholly after this fact's {date_words.english(model.date)}",
            "'after' orders facts whose dates are the same or overlap",
        )
    if dates.section(other.date) != dates.section(model.date):
        return (
            f"'{named}' is listed under {dates.section(other.date)} and this fact under "
            f"{dates.section(model.date)}; 'after' orders facts within the same year",
            "",
        )
    return None


def _loops(record: Record[Filed], records: Mapping[str, Record[Filed]]) -> bool:
    seen = {record.id}
    earlier = _named_before(record, records)
    while earlier is not None:
        if earlier.id in seen:
            return earlier.id == record.id
        seen.add(earlier.id)
        earlier = _named_before(earlier, records)
    return False
