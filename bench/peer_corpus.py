"""Our generated content folder, read once into the plain records every peer's exporter writes out.

A peer is timed only on building what its exporter wrote, so this reading is not timed. The records hold
what each peer's pages show, the same for all three: a fact's title, dates, kind, summary, the entities
it refers to, its Markdown body, quote and sources; each entity's facts, newest first; comparisons'
sides, verdicts and rationales; and stories as their authors wrote them. Drafts are left out, as a
public build of ours leaves them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.generate import to_yaml

NOT_FACTS = frozenset({"entities", "sources", "images", "comparisons", "stories"})
"""Content folders that hold no facts; every other folder is a fact kind."""
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Fact:
    """One fact; `shown` is its date as written, `day` the first day it can mean, for a peer's front matter."""

    id: str
    kind: str
    title: str
    shown: str
    day: str
    summary: str
    entities: tuple[str, ...]
    body: str
    quote: str
    sources: tuple[Source, ...]

    def front_matter(self) -> dict[str, object]:
        """The fact's front matter as Hugo and Eleventy read it alike."""
        return {
            "title": self.title,
            "date": self.day,
            "shown_date": self.shown,
            "summary": self.summary,
            "entities": list(self.entities),
            "quote": self.quote,
            "sources": [{"title": source.title, "url": source.url} for source in self.sources],
        }


@dataclass(frozen=True)
class Entity:
    """One entity and the ids of the facts that refer to it, newest first."""

    id: str
    name: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Two facts set side by side, by their ids, with the verdict and its Markdown rationale."""

    id: str
    title: str
    summary: str
    left: str
    right: str
    verdict: str
    rationale: str


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    day: str
    summary: str
    authors: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class Corpus:
    """A whole site; facts are newest first."""

    title: str
    facts: dict[str, Fact]
    entities: dict[str, Entity]
    comparisons: tuple[Comparison, ...]
    stories: tuple[Story, ...]

    def years(self) -> list[tuple[str, list[Fact]]]:
        """Every fact under its year, newest year first."""
        grouped: dict[str, list[Fact]] = {}
        for fact in self.facts.values():
            grouped.setdefault(fact.day[:4], []).append(fact)
        return list(grouped.items())


def read(content: Path) -> Corpus:
    """Read a content folder as bench/generate.py writes it."""
    site = _load(content / "site.yaml")
    names = {path.stem: _load(path)["name"] for path in sorted((content / "entities").glob("*.yaml"))}
    sources = {path.stem: _load(path) for path in sorted((content / "sources").glob("*.yaml"))}
    kinds = sorted(p.name for p in content.iterdir() if p.is_dir() and p.name not in NOT_FACTS)
    facts = [
        _fact(path.stem, kind, data, names, sources)
        for kind in kinds
        for path in sorted((content / kind).glob("*.yaml"))
        if not (data := _load(path)).get("draft")
    ]
    facts.sort(key=lambda fact: (fact.day, fact.id), reverse=True)
    referring: dict[str, list[str]] = {entity: [] for entity in names}
    for fact in facts:
        for entity in fact.entities:
            referring[entity].append(fact.id)
    return Corpus(
        title=site["title"],
        facts={fact.id: fact for fact in facts},
        entities={entity: Entity(entity, name, tuple(referring[entity])) for entity, name in names.items()},
        comparisons=tuple(_comparison(p.stem, _load(p)) for p in sorted((content / "comparisons").glob("*.yaml"))),
        stories=tuple(_story(path) for path in sorted((content / "stories").glob("*.md"))),
    )


def full_day(date: str) -> str:
    """The first day a date can mean, as YYYY-MM-DD: "2019-10-07/2020-03" -> 2019-10-07, "2021?" -> 2021-01-01."""
    year, month, day = [*date.split("/", 1)[0].rstrip("~?").split("-"), "01", "01"][:3]
    return f"{year}-{month}-{day}"


def page(path: Path, front: dict[str, Any], body: str) -> None:
    """A Markdown file with YAML front matter; empty fields are left out, as an author would."""
    kept = {key: value for key, value in front.items() if value not in ("", (), [], None)}
    write(path, f"---\n{to_yaml(kept)}---\n{body}\n")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fact(
    fact_id: str, kind: str, data: dict[str, Any], names: dict[str, str], sources: dict[str, dict[str, Any]]
) -> Fact:
    quote = data.get("quote", "")
    cited = [sources[cite] if isinstance(cite, str) else cite for cite in data["sources"]]
    return Fact(
        id=fact_id,
        kind=kind,
        title=data["title"],
        shown=str(data["date"]),
        day=full_day(str(data["date"])),
        summary=data["summary"],
        entities=tuple(dict.fromkeys(text for text in _strings(data) if text in names)),
        body=data.get("body", ""),
        quote=quote["text"] if isinstance(quote, dict) else quote,
        sources=tuple(Source(source["title"], source["url"]) for source in cited),
    )


def _strings(value: Any) -> Iterator[str]:
    """Every string anywhere in a fact: entity ids sit in many fields (by, parties, court, targets, ...)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _comparison(comparison_id: str, data: dict[str, Any]) -> Comparison:
    return Comparison(
        id=comparison_id,
        title=data["title"],
        summary=data["summary"],
        left=data["left"]["fact"],
        right=data["right"]["fact"],
        verdict=data["verdict"],
        rationale=data["rationale"],
    )


def _story(path: Path) -> Story:
    """A story's front matter and Markdown; `::fact ID` and other embed lines stay as plain paragraphs."""
    text = path.read_text(encoding="utf-8")
    found = FRONT_MATTER.match(text)
    if found is None:
        raise ValueError(f"{path} has no front matter")
    front = yaml.safe_load(found.group(1))
    return Story(
        id=path.stem,
        title=front["title"],
        day=full_day(str(front["date"])),
        summary=front.get("summary", ""),
        authors=tuple(front.get("authors", ())),
        body=text[found.end() :],
    )
