"""Checks across files that only make sense once every reference resolves: what a comparison's highlights
mark, what a status change says it rests on, and that each verdict and status is on the site's scale
(known only with site.yaml). They run on the published records, after linking has found every
reference sound."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from . import terms
from .errors import Problem
from .model import Comparison, Fact, Filed, Scales, levels_given
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


def level_problems(scales: Scales, published: Mapping[str, Record[Filed]]) -> Iterator[Problem]:
    """Each verdict a comparison gives and each status a pledge has is the id of a level of the site's scale."""
    known = {scale: [level.id for level in scales.levels(scale)] for scale in Scales.model_fields}
    for record in published.values():
        for where, marker, value in levels_given(record.model):
            ids = known[marker.scale]
            if value not in ids:
                close = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
                yield Problem(
                    record.marks.value(where),
                    f"{where[-1]}: '{value}' is not one of the site's {marker.scale.replace('_', ' ')}: {_either(ids)}",
                    f"did you mean '{close[0]}'?" if close else "use one of them, or add a level to site.yaml's scales",
                )


def _either(ids: list[str]) -> str:
    """'a', 'b' or 'c'."""
    quoted = [f"'{i}'" for i in ids]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else quoted[0]
