"""What site.yaml's scales must hold beyond the types of their fields, checked with site.yaml itself: each
level's id and label its own within its scale, and at most one default status. Whether the levels records
give are on the scales is checked once linking knows both (checks.py)."""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Problem
from .load import Marks
from .model import Scales, StatusLevel


def scale_problems(scales: Scales, marks: Marks) -> Iterator[Problem]:
    """A repeated id, a repeated label or a second default, each at the value that repeats it."""
    for scale in Scales.model_fields:
        levels = scales.levels(scale)
        ids: dict[str, int] = {}
        labels: dict[str, int] = {}
        default: int | None = None
        for number, level in enumerate(levels, 1):
            at = ("scales", scale, number - 1)
            if level.id in ids:
                yield Problem(
                    marks.value((*at, "id")),
                    f"'{level.id}' is already the id of level {ids[level.id]} of {scale}",
                    "records name a level by its id, so each needs one of its own",
                )
            if level.label.casefold() in labels:
                yield Problem(
                    marks.value((*at, "label")),
                    f"'{level.label}' is already the label of level {labels[level.label.casefold()]} of {scale}",
                    "readers tell levels apart by their labels, so each needs one of its own",
                )
            ids.setdefault(level.id, number)
            labels.setdefault(level.label.casefold(), number)
            if isinstance(level, StatusLevel) and level.default:
                if default is not None:
                    yield Problem(
                        marks.value((*at, "default")),
                        f"level {default} of {scale} is the default already",
                        "a pledge that gives no status has one: keep 'default: true' on one level",
                    )
                default = default or number
