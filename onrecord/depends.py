"""Stage 3b: the dependency layer, so that the preview computes again only what an edit reaches.

Views read the linked graph only through its tables: a record by id, a kind's records, who refers to an id, a tag's
ids, a record's place in reading order, an image's picture. Over a `recorded` graph each of those reads
is noted in the innermost result being computed. Results are memoised under a key (a family and what it
is of); each keeps the reads it made and the other results it used. After an edit, `changes` names the
reads whose answer differs between the two graphs, and a result of the last build is kept when none of
its reads changed and every result it used was kept too, or was computed again to an equal value (an
unchanged value stops the change there). Anything else is computed again.

A result's value must follow from its key and its reads alone: a maker gets records from the graph
by id, never from its caller (see `Context.memo_of` in views/common.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar, cast

from .link import SiteGraph
from .validate import Record

T = TypeVar("T")
V = TypeVar("V")
Read = tuple[str, str | None]
"""(table, key) of the graph; key None stands for the whole table."""
Key = tuple[str, Hashable]
"""A result's family and what it is of: ("card", "ibm-pledge"), ("page", spec)."""
TABLES = ("records", "kinds", "referrers", "tags", "order", "pictures")
"""The graph's tables that views read, in the order `tables` gives them. `site` is not one: a change to
site.yaml computes everything again."""


class Store(Protocol):
    """Where a context keeps results: a build's plain memo, or the preview's dependencies."""

    def memo(self, key: Key, make: Callable[[], T]) -> T: ...


class Memo:
    """A build's results, each made on first use and kept for the build."""

    def __init__(self) -> None:
        self.found: dict[Key, object] = {}

    def memo(self, key: Key, make: Callable[[], T]) -> T:
        found = self.found.get(key, self)
        if found is self:
            found = self.found[key] = make()
        return cast(T, found)


@dataclass(frozen=True)
class Result:
    """A computed value, with the reads it made and the results it used."""

    value: object
    reads: frozenset[Read]
    used: tuple[Key, ...]


@dataclass
class Frame:
    """What the result being computed has read and used so far."""

    reads: set[Read] = field(default_factory=set)
    used: dict[Key, None] = field(default_factory=dict)


class Dependencies:
    """The results of the last build and of this one, with what each read; `computed` counts, by family,
    the results this build computed rather than kept."""

    def __init__(self) -> None:
        self.graph: SiteGraph | None = None
        self.last: dict[Key, Result] = {}
        self.results: dict[Key, Result] = {}
        self.differ: set[Key] = set()
        self.changed: set[Read] = set()
        self.frames: list[Frame] = []
        self.computed: Counter[str] = Counter()

    def begin(self, graph: SiteGraph) -> SiteGraph:
        """Start a build of `graph`; returns the graph views are to read, which notes their reads."""
        changed = changes(self.graph, graph)
        self.last = {} if changed is None else self.results
        self.results, self.differ, self.changed = {}, set(), changed or set()
        self.frames, self.computed, self.graph = [], Counter(), graph
        return recorded(graph, self)

    def note(self, read: Read) -> None:
        if self.frames:
            self.frames[-1].reads.add(read)

    def memo(self, key: Key, make: Callable[[], T]) -> T:
        """The result for `key`: this build's, or the last build's if it still holds, or made now."""
        found = self.results.get(key)
        if found is None:
            found = self._current(key, make)
        if self.frames:
            self.frames[-1].used[key] = None
        return cast(T, found.value)

    def traced(self, make: Callable[[], T]) -> tuple[T, frozenset[Read], tuple[Key, ...]]:
        """Make a value that is not kept (a page's view, which a build renders once), with the reads it
        made itself and the results it used: what a build notes so the next one can keep the page."""
        self.frames.append(Frame())
        try:
            value = make()
        finally:
            frame = self.frames.pop()
        return value, frozenset(frame.reads), tuple(frame.used)

    def _current(self, key: Key, make: Callable[[], object]) -> Result:
        last = self.last.get(key)
        if last is not None and self._holds(last):
            self.results[key] = last
            return last
        self.frames.append(Frame())
        try:
            value = make()
        finally:
            frame = self.frames.pop()
        found = self.results[key] = Result(value, frozenset(frame.reads), tuple(frame.used))
        self.computed[key[0]] += 1
        if last is None or last.value != value:
            self.differ.add(key)
        return found

    def _holds(self, result: Result) -> bool:
        """Whether a result of the last build still holds: none of its reads changed, and each result it
        used was kept or computed again to an equal value. A used result not yet brought up to date, whose
        reads changed, cannot be made here (its maker belongs to its caller), so it counts as changed."""
        if not self.changed.isdisjoint(result.reads):
            return False
        for key in result.used:
            if key in self.results:
                if key in self.differ:
                    return False
                continue
            last = self.last.get(key)
            if last is None or not self._holds(last):
                return False
            self.results[key] = last
        return True


class Noted(Mapping[str, V], Generic[V]):
    """A table of the graph that notes the key of each lookup, and the whole table when a view goes through it."""

    def __init__(self, dependencies: Dependencies, table: str, data: Mapping[str, V]) -> None:
        self.dependencies, self.table, self.data = dependencies, table, data

    def __getitem__(self, key: str) -> V:
        self.dependencies.note((self.table, key))
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        self.dependencies.note((self.table, None))
        return iter(self.data)

    def __len__(self) -> int:
        self.dependencies.note((self.table, None))
        return len(self.data)


def recorded(graph: SiteGraph, dependencies: Dependencies) -> SiteGraph:
    """The graph as views of the preview read it: every table notes what is read from it."""
    return SiteGraph(
        graph.site,
        records=Noted(dependencies, "records", graph.records),
        kinds=Noted(dependencies, "kinds", graph.kinds),
        referrers=Noted(dependencies, "referrers", graph.referrers),
        tags=Noted(dependencies, "tags", graph.tags),
        order=Noted(dependencies, "order", graph.order),
        pictures=Noted(dependencies, "pictures", graph.pictures),
    )


def changes(old: SiteGraph | None, new: SiteGraph) -> set[Read] | None:
    """The reads whose answer differs between two graphs; None when everything may have changed.

    A record is the same only as itself: the preview keeps the record of every file whose bytes did not
    change, and reads every other file into a new one. A kind's list of records holds what they hold.
    """
    if old is None or old.site != new.site:
        return None
    changed: set[Read] = set()
    for table, before, after in zip(TABLES, tables(old), tables(new), strict=True):
        keys = {key for key in before.keys() | after.keys() if not _same(before.get(key), after.get(key))}
        changed.update((table, key) for key in keys)
        if keys or list(before) != list(after):
            changed.add((table, None))
    return changed


def tables(graph: SiteGraph) -> tuple[Mapping[str, object], ...]:
    """The graph's tables, in the order of TABLES."""
    return graph.records, graph.kinds, graph.referrers, graph.tags, graph.order, graph.pictures


def _same(old: object, new: object) -> bool:
    if isinstance(old, Record) or isinstance(new, Record):
        return old is new
    if isinstance(old, list) and isinstance(new, list) and old and new and isinstance(old[0], Record):
        return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))
    return bool(old == new)
