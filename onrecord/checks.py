"""Checks across files that only make sense once every reference resolves: what a comparison's highlights
mark, and what a status change says it rests on. They run on the published records, after linking
has found every reference sound."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from . import terms
from .errors import Problem
from .model import Comparison, Fact, Filed
from .validate import Record, as_kind


def highlight_warnings(published: Mapping[str, Record[Filed]]) -> Iterator[Problem]:
    """A highlight phrase missing from the words a side shows marks nothing there: told, not refused."""
    for record in published.values():
        if not isinstance(record.model, Comparison):
            continue
        model = record.model
        worded = {
            name: text
            for name in ("left", "right")
            if (text := model.side(name).words(_fact(published, model.side(name).fact))) is not None
        }
        for index, phrase in enumerate(model.highlight):
            missing = [name for name, text in worded.items() if terms.unmatched([text], [phrase])]
            if not worded:
                yield _warning(record, index, f"'{phrase}' marks nothing: neither side shows words", "")
            elif missing:
                where = " and ".join(f"the {name} side's words" for name in missing)
                hint = "copy it from the words, in any letter case, or remove it"
                yield _warning(record, index, f"'{phrase}' is not in {where}, so it marks nothing there", hint)


def _warning(record: Record[Filed], index: int, message: str, hint: str) -> Problem:
    return Problem(record.marks.value(("highlight", index)), f"highlight: {message}", hint, warning=True)


def _fact(published: Mapping[str, Record[Filed]], fact_id: str) -> Fact:
    return as_kind(published[fact_id], Fact).model


def stage_problems(published: Mapping[str, Record[Filed]]) -> Iterator[Problem]:
    """A status change rests only on comparisons that set its fact on one side or the other."""
    for record in published.values():
        if not isinstance(record.model, Fact):
            continue
        for number, stage in enumerate(record.model.stages()):
            for index, named in enumerate(stage.comparisons):
                compared = published[named].model
                if isinstance(compared, Comparison) and record.id not in (compared.left.fact, compared.right.fact):
                    yield Problem(
                        record.marks.value((type(record.model).stages_field, number, "comparisons", index)),
                        f"'{named}' does not set '{record.id}' on either side",
                        "name a comparison of this fact, or cite the comparison in the text instead",
                    )
