"""Stage 4c: the parts of a site a build takes from the last build's output instead of making them again.

A part is a page, or the files one maker of files makes (views.OUTPUTS). A build notes, for every part
it makes and every memoised result those used, what it read from the graph itself (the reads of
depends.py, which the preview goes by too) and which results it used: the build's dependency graph,
each read once, however many parts use the result that made it. For each part it notes too the files
it wrote, each with its digest and its stamp. The next build keeps a part when what it was made from
besides the graph (a page's spec; the list of pages, for makers) and the site's settings are the
same, and none of its reads, nor of any result it used, at any depth, gives another answer, compared
by digest: a record by the digest of its file (pipeline.Sources), anything else by its fingerprint.
It takes a kept part's files from the last output only while each still has the stamp noted
(write.Writer.keep), so a file changed or lost since is made again. What else decides a part (the
code, the templates, the packages) is the cache's version: a cache of another is never read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import filterfalse

from .cache import Stamp, fingerprint
from .depends import TABLES, Dependencies, Key, Read, Result, tables
from .link import SiteGraph
from .validate import Record
from .views import LASTING

PART = "parts"
"""The name of the cache's entry that holds what a build noted of its parts."""
INDEX = "I"
"""The array type reads are kept in, as places in the table of every read."""


Written = tuple[str, bytes, Stamp]
"""A file a build wrote: its path in the site, its bytes' digest and its stamp."""
Step = tuple[frozenset[Read], tuple[Key, ...]]
"""What a part or a result read from the graph itself, and the results it used."""
NotedStep = tuple[bytes, tuple[Key, ...]]
"""A step as noted: its reads as places in the table of reads (an array's bytes), and the results used."""
Part = tuple[bytes, NotedStep, tuple[Written, ...]]
"""What is noted of a part: what it was made from besides the graph, its step, its files."""


@dataclass(frozen=True)
class Made:
    """One part of the site as this build wrote it (a page, or the files of one maker of files): its
    name, the fingerprint of what it was made from besides the graph (a page's spec), its step (None for
    a part kept from the last build, whose step is as noted then) and its files."""

    name: str
    spec: bytes
    step: Step | None
    files: tuple[Written, ...]


@dataclass(frozen=True)
class Noted:
    """What the cache keeps of a build: every read anything made, with its answer's digest; each part
    by name; each result's step by key; and the lasting results' values (views.LASTING) by key."""

    site: bytes
    reads: tuple[Read, ...]
    answers: tuple[bytes, ...]
    parts: dict[str, Part]
    results: dict[Key, NotedStep]
    values: dict[Key, object]


class Answers:
    """The digest of the graph's answer to each read, each worked out once."""

    def __init__(self, graph: SiteGraph, sources: Mapping[str, bytes]) -> None:
        self.tables = dict(zip(TABLES, tables(graph), strict=True))
        self.sources = sources
        self.found: dict[Read, bytes] = {}

    def __call__(self, read: Read) -> bytes:
        found = self.found.get(read)
        if found is None:
            found = self.found[read] = self._answer(*read)
        return found

    def _answer(self, table: str, key: str | None) -> bytes:
        data = self.tables[table]
        if key is None:
            return fingerprint([(each, self((table, each))) for each in data])
        if key not in data:
            return b""
        value = data[key]
        if isinstance(value, Record):
            return self.sources[value.path]
        if isinstance(value, list) and value and isinstance(value[0], Record):
            return fingerprint([self.sources[record.path] for record in value])
        return fingerprint(value)


class Plan:
    """Which parts the last build's output holds as this build would write them, and which of its
    lasting results still hold."""

    def __init__(self, last: object, site: bytes, answers: Answers) -> None:
        self.site, self.answers = site, answers
        self.last = last if isinstance(last, Noted) and last.site == site else None
        self.changed: set[int] = set()
        self.holding: dict[Key, bool] = {}
        if self.last is not None:
            pairs = zip(self.last.reads, self.last.answers, strict=True)
            self.changed = {place for place, (read, answer) in enumerate(pairs) if answers(read) != answer}

    def result(self, key: Key) -> Result | None:
        """The last build's lasting result for `key`, when it holds."""
        if self.last is None or key not in self.last.values or not self._holds(key):
            return None
        places, used = self.last.results[key]
        return Result(self.last.values[key], frozenset(map(self.last.reads.__getitem__, array(INDEX, places))), used)

    def kept(self, name: str, spec: bytes) -> tuple[Written, ...] | None:
        """The part's files as the last build wrote them, when the part holds for this build."""
        noted = self.last.parts.get(name) if self.last is not None else None
        if noted is None or noted[0] != spec or not self._step_holds(noted[1]):
            return None
        return noted[2]

    def _holds(self, key: Key) -> bool:
        """Whether the last build's result for `key` would be the same now: none of its reads, nor of
        the results it used, gives another answer."""
        found = self.holding.get(key)
        if found is None:
            step = self.last.results.get(key) if self.last is not None else None
            found = self.holding[key] = step is not None and self._step_holds(step)
        return found

    def _step_holds(self, step: NotedStep) -> bool:
        places, used = step
        unchanged = not self.changed or self.changed.isdisjoint(array(INDEX, places))
        return unchanged and all(map(self._holds, used))

    def next(self, made: Iterable[Made], steps: Mapping[Key, Step], values: Mapping[Key, object]) -> Noted:
        """What to note for the next build: the parts as made now or kept, each result reached from
        them (as made now, or as noted before when it was not made again and holds), and the lasting
        values made now or still holding.

        The table of reads keeps the last one's places, so what is kept keeps its places, unless most
        of it has fallen out of use; then it is made again from the reads still used."""
        last = self.last
        reads = list(last.reads) if last is not None else []
        place = {read: index for index, read in enumerate(reads)}

        def placed(step: Step) -> NotedStep:
            made_reads, used = step
            for read in list(filterfalse(place.__contains__, made_reads)):
                place[read] = len(reads)
                reads.append(read)
            return array(INDEX, map(place.__getitem__, made_reads)).tobytes(), used

        parts: dict[str, Part] = {}
        for part in made:
            if part.step is None and last is not None:
                parts[part.name] = (part.spec, last.parts[part.name][1], part.files)
            else:
                parts[part.name] = (part.spec, placed(part.step or (frozenset(), ())), part.files)
        kept_values = {**(last.values if last is not None else {}), **values}
        lasting = {key: value for key, value in kept_values.items() if key in values or self._holds(key)}
        results: dict[Key, NotedStep] = {}
        todo = [key for noted in parts.values() for key in noted[1][1]] + list(lasting)
        while todo:
            key = todo.pop()
            if key in results:
                continue
            if key in steps:
                results[key] = placed(steps[key])
            elif last is not None and key in last.results:
                results[key] = last.results[key]
            else:
                continue
            todo.extend(results[key][1])
        used = set().union(*(array(INDEX, step[0]) for step in (*results.values(), *(p[1] for p in parts.values()))))
        if len(used) * 2 < len(reads):
            reads, parts, results = _compacted(reads, parts, results, used)
        return Noted(self.site, tuple(reads), tuple(map(self.answers, reads)), parts, results, lasting)


class Lasting(Dependencies):
    """A build's dependencies, which take a lasting result (views.LASTING) from the last build when it
    holds, and otherwise make it as any other."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.restored: set[Key] = set()

    def _current(self, key: Key, make: Callable[[], object]) -> Result:
        kept = self.plan.result(key) if key[0] in LASTING else None
        if kept is None:
            return super()._current(key, make)
        self.results[key] = kept
        self.restored.add(key)
        return kept

    def steps(self) -> dict[Key, Step]:
        """The step of each result this process made in this build."""
        return {key: (r.reads, r.used) for key, r in self.results.items() if key not in self.restored}

    def lasting(self) -> dict[Key, object]:
        """The values of the lasting results this process made in this build."""
        return {key: r.value for key, r in self.results.items() if key[0] in LASTING and key not in self.restored}


def _compacted(
    reads: list[Read], parts: dict[str, Part], results: dict[Key, NotedStep], used: set[int]
) -> tuple[list[Read], dict[str, Part], dict[Key, NotedStep]]:
    """The table of reads without those nothing made, and each part's and result's places in it."""
    kept = sorted(used)
    moved = {old: new for new, old in enumerate(kept)}

    def again(step: NotedStep) -> NotedStep:
        return array(INDEX, (moved[old] for old in array(INDEX, step[0]))).tobytes(), step[1]

    parts = {name: (spec, again(step), files) for name, (spec, step, files) in parts.items()}
    results = {key: again(step) for key, step in results.items()}
    return [reads[old] for old in kept], parts, results
