"""Page views computed again only when something they read changed: the preview's views after one edit.

A view is a pure function of what it reads from the linked site. Each view is computed over a stand-in
for the graph that notes every read: whether an id exists and what its record holds, who refers to an
id, a kind's or a tag's list, a whole table. Records reach views by many paths (page makers, arguments,
memoised parts), so records are stand-ins too, noting a read whenever a view looks inside one. The
next time, the old and new graphs are compared read by read; every view, and every memoised part of
one, whose reads all stayed the same is kept, and only the rest are computed again.

A maker may also hold values worked out before it runs (a timeline's years, listed with the pages),
so a view or a part is kept only when its maker is alike too: the same code holding equal values.

It fails closed: if the views' context holds or gains state besides its memo (a cache the reads would
miss), or a kept part hands out a record that has since changed, every view is computed afresh.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields
from functools import partial
from typing import Generic, TypeVar, cast

from .link import SiteGraph
from .model import Filed
from .order import reading_order
from .validate import Record
from .views import Page, PageSpec, made_files, page_specs
from .views.common import Context, Order

T = TypeVar("T")
U = TypeVar("U")
V = TypeVar("V")
Read = tuple[str, str | None]
"""(table, key) of the graph; key None stands for the whole table."""
Reads = frozenset[Read]
Part = tuple[object, Reads, Callable[[], object]]
"""A memoised part of a view, with what it read and the maker that made it."""
Kept = tuple[Page, Reads | None, Callable[[], object]]
"""A page with what its view read (None: not known) and the maker that made it."""
RECORDS = "records"
TABLES = tuple(f.name for f in fields(SiteGraph) if f.name not in ("site", "warnings", "evidence"))
"""The graph's tables: every field of SiteGraph but `site`, `warnings` and `evidence`, which no view
reads (`_tables` gives them in this order)."""


class StandIn(Record[Filed]):
    """A record that tells the tracker whenever a view looks inside it; its id alone tells nothing."""


class Tracker:
    """Notes each read in the innermost open frame; hands out one stand-in per record, the same while it lasts."""

    def __init__(self) -> None:
        self.records: Mapping[str, Record[Filed]] = {}
        self.reads: set[Read] = set()
        self.stand_ins: dict[int, StandIn] = {}
        self.parts: dict[tuple[str, str], Part] = {}
        self.kept: dict[tuple[str, str], Part] = {}
        self.changed: set[Read] = set()
        self.void = False
        self.context: Context | None = None
        self.setup: dict[str, tuple[int, int]] = {}

    def begin(self, graph: SiteGraph, changed: set[Read] | None) -> SiteGraph:
        """Start a build of `graph`'s views, offering last build's parts where `changed` leaves their reads alone.

        Returns the noting graph the views are to be given.
        """
        self.records, self.reads, self.void = graph.records, set(), False
        old, self.stand_ins = self.stand_ins, {id(r): self._stand_in(r) for r in graph.records.values()}
        for key, stand_in in old.items():
            if self.stand_ins.get(key) is not stand_in:
                stand_in.__dict__["_stale"] = True
        self.kept, self.parts = ({}, {}) if changed is None else (self.parts, {})
        self.changed = changed or set()
        return SiteGraph(
            graph.site,
            records=Noted(self, "records", graph.records, self.shown),
            kinds=Noted(self, "kinds", graph.kinds, self.shown_all),
            referrers=Noted(self, "referrers", graph.referrers, _itself),
            tags=Noted(self, "tags", graph.tags, _itself),
        )

    def _stand_in(self, record: Record[Filed]) -> StandIn:
        found = self.stand_ins.get(id(record))
        if found is None or found.__dict__["_record"] is not record:
            found = object.__new__(StandIn)
            found.__dict__.update(vars(record), _tracker=self, _record=record, _read=(RECORDS, record.id), _stale=False)
        return found

    def shown(self, record: Record[Filed]) -> Record[Filed]:
        """A record of the graph as views see it: its stand-in."""
        return self.stand_ins[id(record)]

    def shown_all(self, records: list[Record[Filed]]) -> list[Record[Filed]]:
        return [self.stand_ins[id(record)] for record in records]

    @contextlib.contextmanager
    def frame(self) -> Iterator[set[Read]]:
        """Collect the reads made until the block ends."""
        outer, self.reads = self.reads, set()
        try:
            yield self.reads
        finally:
            self.reads = outer

    def shared(self, key: tuple[str, str], make: Callable[[], object]) -> object:
        """A memoised part: made once per build, or kept from the last when its reads and maker are alike;
        its reads count for each user."""
        found = self.parts.get(key)
        if found is None:
            found = self.kept.get(key)
            if found is None or not self.changed.isdisjoint(found[1]) or not alike(make, found[2]):
                with self.frame() as reads:
                    value = make()
                found = (value, frozenset(reads), make)
            self.parts[key] = found
        self.reads.update(found[1])
        return found[0]


def _itself(value: T) -> T:
    return value


def _inside(name: str, stand_in: StandIn) -> object:
    """A view looks inside a record: note it; a stand-in of a record since changed means a kept part was stale."""
    state = stand_in.__dict__
    tracker = state["_tracker"]
    if state["_stale"]:
        tracker.void = True
    tracker.reads.add(state["_read"])
    return state[name]


for _field in fields(Record):
    if _field.name != "id":
        setattr(StandIn, _field.name, property(partial(_inside, _field.name)))


class Noted(Mapping[str, V], Generic[U, V]):
    """A table of the graph that notes the key of each lookup, or the whole table when a view goes through it;
    `shown` turns each value into what views are given (records into their stand-ins)."""

    def __init__(self, tracker: Tracker, table: str, data: Mapping[str, U], shown: Callable[[U], V]) -> None:
        self.tracker, self.table, self.data, self.shown = tracker, table, data, shown
        self.seen: dict[str, V] = {}

    def __getitem__(self, key: str) -> V:
        self.tracker.reads.add((self.table, key))
        try:
            return self.seen[key]
        except KeyError:
            found = self.seen[key] = self.shown(self.data[key])
            return found

    def __iter__(self) -> Iterator[str]:
        self.tracker.reads.add((self.table, None))
        return iter(self.data)

    def __len__(self) -> int:
        self.tracker.reads.add((self.table, None))
        return len(self.data)


class Watching(Context):
    """The views' context over a noting graph: memoised parts carry their reads, and a rank is an order key.

    Views only compare ranks, and a record's reading order depends on it and the facts its `after`
    chain names alone, so a rank is the record's reading order itself, read through the noting graph.
    All other state the context holds, now or later in the build, would be read unnoted: the tracker
    is told to give up.
    """

    def __init__(self, graph: SiteGraph, tracker: Tracker) -> None:
        super().__init__(graph)
        records = self.graph.records
        self.rank: Mapping[str, Order] = Noted(
            tracker, RECORDS, tracker.records, lambda record: reading_order(record, records)
        )
        self.tracker = tracker
        tracker.context, tracker.setup = self, _state(self)
        if not all(value is None or value == {} for name, value in vars(self).items() if name not in OWN):
            tracker.void = True

    def memo(self, family: str, key: str, make: Callable[[], T]) -> T:
        return cast(T, self.tracker.shared((family, key), make))

    def referring(self, record_id: str, kind: str) -> tuple[Record[Filed], ...]:
        """Records of `kind` that refer to `record_id`, read through the graph so that the reads are noted."""
        return self.memo("referring", f"{kind} {record_id}", lambda: tuple(self.graph.referring(record_id, kind)))


OWN = ("graph", "rank", "tracker", "locale")
"""The context's attributes that are the noting graph, the tracker's own, or the site's (a change to
site.yaml makes every view again)."""


class Views:
    """The last build's page views with what each read; brings them up to date with a new graph."""

    def __init__(self) -> None:
        self.graph: SiteGraph | None = None
        self.pages: dict[str, Kept] = {}
        self.tracker = Tracker()
        self.computed = 0

    def update(self, graph: SiteGraph) -> list[Page]:
        """Every page of `graph` with its view, computing only views whose reads changed (counted in `computed`)."""
        old, self.graph = self.graph, None
        changed = changes(old, graph)
        pages = self._pages(graph, changed)
        if self.tracker.void and changed is not None:
            pages = self._pages(graph, None)
        self.graph = graph
        return [page for page, _, _ in pages.values()]

    def made_files(self, pages: Sequence[Page]) -> list[tuple[str, bytes]]:
        """The site's made files (OUTPUTS) from the context the pages' views were made in, so that every
        part of them whose reads did not change (a kind's data, a share card) is kept too."""
        context, graph = self.tracker.context, self.graph
        assert context is not None and graph is not None, "made files follow the pages"
        made = made_files(context, pages)
        if self.tracker.void:
            self.tracker.parts = {}
            made = made_files(Context(graph), pages)
        return made

    def _pages(self, graph: SiteGraph, changed: set[Read] | None) -> dict[str, Kept]:
        watched = self.tracker.begin(graph, changed)
        self.computed = 0
        found = {
            spec.url: self._kept(spec, changed) or self._computed(spec)
            for spec in page_specs(watched, partial(Watching, tracker=self.tracker))
        }
        if self.tracker.void or _state(self.tracker.context) != self.tracker.setup:
            self.tracker.void = True
            found = {url: (page, None, make) for url, (page, _, make) in found.items()}
            self.tracker.parts = {}
        self.pages = found
        return found

    def _kept(self, spec: PageSpec, changed: set[Read] | None) -> Kept | None:
        """The last build's page, if nothing its view read changed and its maker is alike."""
        old = self.pages.get(spec.url)
        if changed is None or old is None or old[1] is None or not changed.isdisjoint(old[1]):
            return None
        return (_retitled(old[0], spec), old[1], spec.make) if alike(spec.make, old[2]) else None

    def _computed(self, spec: PageSpec) -> Kept:
        self.computed += 1
        with self.tracker.frame() as reads:
            page = spec.page()
        return page, frozenset(reads), spec.make


def alike(new: object, old: object) -> bool:
    """Whether two makers make the same view from the same reads: the same code holding alike values.

    Contexts, graphs and the same table of two graphs are alike, as each build has its own and reads
    through them are noted; records are alike when their ids are, as looking inside one is a read of
    its own. Other values must be equal.
    """
    if new is old:
        return True
    if type(new) is not type(old):
        return False
    if isinstance(new, (Context, SiteGraph)):
        return True
    if isinstance(new, partial) and isinstance(old, partial):
        return (
            alike(new.func, old.func)
            and _all_alike(new.args, old.args)
            and (new.keywords == old.keywords == {} or alike(new.keywords, old.keywords))
        )
    if isinstance(new, types.MethodType) and isinstance(old, types.MethodType):
        return alike(new.__func__, old.__func__) and alike(new.__self__, old.__self__)
    if isinstance(new, types.FunctionType) and isinstance(old, types.FunctionType):
        return (
            new.__code__ is old.__code__
            and alike(new.__defaults__, old.__defaults__)
            and alike(new.__kwdefaults__, old.__kwdefaults__)
            and _all_alike(_held(new), _held(old))
        )
    return _same_value(new, old)


def _same_value(new: object, old: object) -> bool:
    if isinstance(new, Record) and isinstance(old, Record):
        return bool(new.id == old.id)
    if isinstance(new, Noted) and isinstance(old, Noted):
        return bool(new.table == old.table)
    if isinstance(new, (tuple, list)) and isinstance(old, (tuple, list)):
        return _all_alike(new, old)
    if isinstance(new, dict) and isinstance(old, dict):
        return new.keys() == old.keys() and all(alike(new[key], old[key]) for key in new)
    return bool(new == old)


def _all_alike(new: Sequence[object], old: Sequence[object]) -> bool:
    return len(new) == len(old) and all(a is b or alike(a, b) for a, b in zip(new, old, strict=True))


def _held(function: types.FunctionType) -> tuple[object, ...]:
    """The variables a function closes over."""
    return tuple(cell.cell_contents for cell in function.__closure__ or ())


def _retitled(page: Page, spec: PageSpec) -> Page:
    """The kept page, as it is when all the spec declares of it (template, title, description...) is too."""
    declared = spec.showing(page.view)
    return page if declared == page else declared


def _state(context: Context | None) -> dict[str, tuple[int, int]]:
    """What a cache the context keeps would change: which objects its attributes hold, and their sizes."""
    return {
        name: (id(value), len(value) if isinstance(value, (dict, list, set)) else -1)
        for name, value in vars(context).items()
    }


def changes(old: SiteGraph | None, new: SiteGraph) -> set[Read] | None:
    """The reads whose answer differs between two graphs; None when everything may have changed."""
    if old is None or old.site != new.site:
        return None
    changed: set[Read] = set()
    for table, before, after in zip(TABLES, _tables(old), _tables(new), strict=True):
        keys = {key for key in before.keys() | after.keys() if not _same(before.get(key), after.get(key))}
        changed.update((table, key) for key in keys)
        if keys or list(before) != list(after):
            changed.add((table, None))
    return changed


def _tables(graph: SiteGraph) -> tuple[Mapping[str, object], ...]:
    """The graph's tables, in the order of TABLES."""
    return graph.records, graph.kinds, graph.referrers, graph.tags


def _same(old: object, new: object) -> bool:
    """A record is the same only as itself; in a list (a kind's), records stand for their ids."""
    if isinstance(old, list) and isinstance(new, list) and old and new and isinstance(old[0], Record):
        return len(old) == len(new) and all(a.id == b.id for a, b in zip(old, new, strict=False))
    return old is new or (not isinstance(old, Record) and old == new)
