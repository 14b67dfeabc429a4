"""Stage 4c: the parts of a site a build takes from the last build's output instead of making them again.

A part is a page, or the files one maker of files makes (views.OUTPUTS). A build notes, for every part
it makes, what it read from the graph (the reads of depends.py, which the preview goes by too) and the
files it wrote, each with its digest and its stamp. The next build keeps a part when what it was made
from besides the graph (a page's spec; the list of pages, for makers) and the site's settings are the
same, and each of those reads gives the same answer, compared by digest: a record by the digest of
its file (pipeline.Sources), anything else by its fingerprint. It takes a kept part's files from the
last output only while each still has the stamp noted (write.Writer.keep), so a file changed or lost
since is made again. What else decides a part (the code, the templates, the packages) is the cache's
version: a cache of another is never read.
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
"""The array type a page's reads are kept in, as places in the table of every read."""


Written = tuple[str, bytes, Stamp]
"""A file a build wrote: its path in the site, its bytes' digest and its stamp."""
Part = tuple[bytes, bytes, tuple[Written, ...]]
"""What is noted of a part: what it was made from besides the graph, its reads' places, its files."""


@dataclass(frozen=True)
class Made:
    """One part of the site as this build wrote it (a page, or the files of one maker of files): its
    name, the fingerprint of what it was made from besides the graph (a page's spec), the reads it made
    (None for a part kept from the last build, whose reads are as noted then) and its files."""

    name: str
    spec: bytes
    reads: frozenset[Read] | None
    files: tuple[Written, ...]


@dataclass(frozen=True)
class Noted:
    """What the cache keeps of a build's parts: every read any part made, with its answer's digest, and
    each part's spec, reads (places in `reads`, as an array's bytes) and files, by name; and the lasting
    results (views.LASTING) with their reads' places and values, by key."""

    site: bytes
    reads: tuple[Read, ...]
    answers: tuple[bytes, ...]
    parts: dict[str, Part]
    results: dict[Key, tuple[bytes, object]]


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
    """Which parts the last build's output holds as this build would write them."""

    def __init__(self, last: object, site: bytes, answers: Answers) -> None:
        self.site, self.answers = site, answers
        self.last = last if isinstance(last, Noted) and last.site == site else None
        self.changed: set[int] = set()
        if self.last is not None:
            pairs = zip(self.last.reads, self.last.answers, strict=True)
            self.changed = {place for place, (read, answer) in enumerate(pairs) if answers(read) != answer}

    def result(self, key: Key) -> Result | None:
        """The last build's lasting result for `key`, with every read it made, when those reads answer the same."""
        noted = self.last.results.get(key) if self.last is not None else None
        if noted is None or not self._holds(noted[0]):
            return None
        assert self.last is not None
        return Result(noted[1], frozenset(map(self.last.reads.__getitem__, array(INDEX, noted[0]))), ())

    def _holds(self, places: bytes) -> bool:
        return not self.changed or self.changed.isdisjoint(array(INDEX, places))

    def kept(self, name: str, spec: bytes) -> tuple[Written, ...] | None:
        """The part's files as the last build wrote them, when the part holds for this build."""
        noted = self.last.parts.get(name) if self.last is not None else None
        if noted is None or noted[0] != spec or not self._holds(noted[1]):
            return None
        return noted[2]

    def next(self, made: Iterable[Made], results: Mapping[Key, Result]) -> Noted:
        """What to note for the next build: the kept parts as noted before, the others as made now; the
        lasting results made now, and those of the last build that still hold.

        The table of reads keeps the last one's places, so kept parts' reads stay as they are, unless
        most of it has fallen out of use; then it is made again from the reads still used."""
        reads = list(self.last.reads) if self.last is not None else []
        place = {read: index for index, read in enumerate(reads)}

        def placed(made_reads: frozenset[Read]) -> bytes:
            for read in list(filterfalse(place.__contains__, made_reads)):
                place[read] = len(reads)
                reads.append(read)
            return array(INDEX, map(place.__getitem__, made_reads)).tobytes()

        parts: dict[str, Part] = {}
        for part in made:
            if part.reads is None and self.last is not None:
                parts[part.name] = (part.spec, self.last.parts[part.name][1], part.files)
            else:
                parts[part.name] = (part.spec, placed(part.reads or frozenset()), part.files)
        lasting = {key: (placed(result.reads), result.value) for key, result in results.items()}
        if self.last is not None:
            lasting.update(
                (key, noted) for key, noted in self.last.results.items() if key not in lasting and self._holds(noted[0])
            )
        places = [*(noted[1] for noted in parts.values()), *(noted[0] for noted in lasting.values())]
        used = set().union(*(array(INDEX, each) for each in places))
        if len(used) * 2 < len(reads):
            reads, parts, lasting = _compacted(reads, parts, lasting, used)
        return Noted(self.site, tuple(reads), tuple(map(self.answers, reads)), parts, lasting)


class Lasting(Dependencies):
    """A build's dependencies, which take a lasting result (views.LASTING) from the last build when its
    reads answer the same, and otherwise make it as any other."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def _current(self, key: Key, make: Callable[[], object]) -> Result:
        kept = self.plan.result(key) if key[0] in LASTING else None
        if kept is None:
            return super()._current(key, make)
        self.results[key] = kept
        return kept

    def lasting(self) -> dict[Key, Result]:
        """This build's lasting results, each with every read it made."""
        return {
            key: Result(result.value, self.closure(key), ())
            for key, result in self.results.items()
            if key[0] in LASTING
        }


def _compacted(
    reads: list[Read], parts: dict[str, Part], lasting: dict[Key, tuple[bytes, object]], used: set[int]
) -> tuple[list[Read], dict[str, Part], dict[Key, tuple[bytes, object]]]:
    """The table of reads without those nothing made, and each part's and result's places in it."""
    kept = sorted(used)
    moved = {old: new for new, old in enumerate(kept)}

    def again(places: bytes) -> bytes:
        return array(INDEX, (moved[old] for old in array(INDEX, places))).tobytes()

    parts = {name: (spec, again(places), files) for name, (spec, places, files) in parts.items()}
    lasting = {key: (again(places), value) for key, (places, value) in lasting.items()}
    return [reads[old] for old in kept], parts, lasting
