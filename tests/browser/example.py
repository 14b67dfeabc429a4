"""What the example content holds, read at collection time so tests follow the content, not fixed ids."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from onrecord import kinds, pipeline
from onrecord.link import SiteGraph

FACT_KINDS = kinds.fact_names()

CONTENT = Path(__file__).resolve().parents[2] / "content"


@cache
def graph() -> SiteGraph:
    """The published example, as the build sees it (drafts left out)."""
    return pipeline.load_graph(CONTENT)


def ids(kind: str) -> list[str]:
    """Published ids of one kind, in the site's reading order."""
    return [record.id for record in graph().kinds[kind]]


def fact_count() -> int:
    """Published facts of every kind: each belongs on the site-wide timeline."""
    return sum(len(graph().kinds[kind]) for kind in FACT_KINDS)


def busiest_entity() -> str:
    """The entity the most facts refer to: its page has the most to show."""
    facts = {record.id for kind in FACT_KINDS for record in graph().kinds[kind]}
    return max(ids("entities"), key=lambda i: len(facts.intersection(graph().referrers.get(i, ()))))


def reader_pages() -> list[str]:
    """Home, the lead story, the timeline, the busiest entity, the first comparison, the methodology and open data."""
    return [
        "",
        f"stories/{ids('stories')[0]}/",
        "timeline/",
        f"entities/{busiest_entity()}/",
        f"comparisons/{ids('comparisons')[0]}/",
        "methodology/",
        "data/",
    ]


def comparison(comparison_id: str) -> dict[str, Any]:
    """A comparison file as the author wrote it."""
    return _yaml(CONTENT / "comparisons" / f"{comparison_id}.yaml")


def shown(side: dict[str, Any]) -> tuple[str, str]:
    """What one side of a comparison shows, straight from the fact file it names: ("quote", the words)
    or ("deed", the fact's title)."""
    fact = _yaml(next(p for kind in FACT_KINDS for p in (CONTENT / kind).rglob(f"{side['fact']}.yaml")))
    if side.get("show") == "deed" or (not side.get("excerpt") and not fact.get("quote")):
        return "deed", fact["title"]
    quote = fact["quote"] if isinstance(fact.get("quote"), str) else fact.get("quote", {}).get("text")
    return "quote", fact["excerpts"][side["excerpt"] - 1]["text"] if side.get("excerpt") else quote


def _yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))
