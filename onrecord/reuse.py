"""Stage 4c: the pages a build takes from the last build's output instead of rendering them again.

A build notes, for every page it renders, what the page's view read from the graph (the reads of
depends.py, which the preview goes by too) and the digest of the bytes it wrote. The next build keeps
a page when its spec and the site's settings are the same and each of those reads gives the same
answer, compared by digest: a record by the digest of its file (pipeline.Sources), anything else by
its fingerprint. It takes a kept page's bytes from the last output only while they still have the
digest noted, so a page changed or lost since is rendered again. What else decides a page (the code,
the templates, the packages) is the cache's version: a cache of another is never read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .cache import fingerprint
from .depends import TABLES, Read, tables
from .link import SiteGraph
from .validate import Record
from .write import Stamp

PART = "pages"
"""The name of the cache's part that holds what a build noted of its pages."""
INDEX = "I"
"""The array type a page's reads are kept in, as places in the table of every read."""
Page = tuple[bytes, bytes, bytes, Stamp]
"""What is noted of a page: its spec's fingerprint, its reads' places, its bytes' digest, its stamp."""


@dataclass(frozen=True)
class Made:
    """A page as this build wrote it: its file, its spec's fingerprint, the reads its view made (None for
    a page kept from the last build, whose reads are as noted then), its bytes' digest and its stamp."""

    file: str
    spec: bytes
    reads: frozenset[Read] | None
    digest: bytes
    stamp: Stamp


@dataclass(frozen=True)
class Noted:
    """What the cache keeps of a build's pages: every read any page made, with its answer's digest, and
    each page's spec, reads (places in `reads`, as an array's bytes), digest and stamp, by file."""

    site: bytes
    reads: tuple[Read, ...]
    answers: tuple[bytes, ...]
    pages: dict[str, Page]


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
    """Which pages the last build's output holds as this build would write them."""

    def __init__(self, last: object, site: bytes, answers: Answers) -> None:
        self.site, self.answers = site, answers
        self.last = last if isinstance(last, Noted) and last.site == site else None
        self.changed: set[int] = set()
        if self.last is not None:
            pairs = zip(self.last.reads, self.last.answers, strict=True)
            self.changed = {place for place, (read, answer) in enumerate(pairs) if answers(read) != answer}

    def kept(self, file: str, spec: bytes) -> tuple[bytes, Stamp] | None:
        """The digest and stamp of the page in the last output, when the page holds for this build."""
        noted = self.last.pages.get(file) if self.last is not None else None
        if noted is None or noted[0] != spec:
            return None
        if self.changed and not self.changed.isdisjoint(array(INDEX, noted[1])):
            return None
        return noted[2], noted[3]

    def next(self, made: Iterable[Made]) -> Noted:
        """What to note for the next build: the kept pages as noted before, the rendered ones as made.

        The table of reads keeps the last one's places, so kept pages' reads stay as they are, unless
        most of it has fallen out of use; then it is made again from the reads still used."""
        made = list(made)
        reads = list(self.last.reads) if self.last is not None else []
        place = {read: index for index, read in enumerate(reads)}
        pages: dict[str, Page] = {}
        for page in made:
            if page.reads is None and self.last is not None:
                spec, noted, digest, _ = self.last.pages[page.file]
                pages[page.file] = (spec, noted, digest, page.stamp)
                continue
            for read in page.reads or ():
                if read not in place:
                    place[read] = len(reads)
                    reads.append(read)
            places = array(INDEX, sorted(map(place.__getitem__, page.reads or ())))
            pages[page.file] = (page.spec, places.tobytes(), page.digest, page.stamp)
        used = set().union(*(array(INDEX, noted[1]) for noted in pages.values()))
        if len(used) * 2 < len(reads):
            reads, pages = _compacted(reads, pages, used)
        return Noted(self.site, tuple(reads), tuple(map(self.answers, reads)), pages)


def _compacted(reads: list[Read], pages: dict[str, Page], used: set[int]) -> tuple[list[Read], dict[str, Page]]:
    """The table of reads without those no page made, and each page's places in it."""
    kept = sorted(used)
    moved = {old: new for new, old in enumerate(kept)}
    again = {
        file: (spec, array(INDEX, (moved[old] for old in array(INDEX, places))).tobytes(), digest, stamp)
        for file, (spec, places, digest, stamp) in pages.items()
    }
    return [reads[old] for old in kept], again
