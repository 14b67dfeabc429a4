"""The preview's input files, each read again only when its stamp says it may have changed.

A file's stamp (modification and change times, size, inode) is compared before anything is read; a
file whose stamp changed is hashed, and parsed again only when its bytes changed too. The content
folder is listed again only when one of its folders changed, since adding, removing or renaming a
file changes its folder's stamp. A stamp too recent to be sure of, taken while the file or folder may
still be written within the same tick, is never trusted: that file is read (that folder listed) again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from . import kinds
from . import load as loading
from .cache import digest
from .errors import ContentErrors, Problem

__all__ = ["CHUNK", "Entry", "Inputs", "Listing", "Progress", "digest", "shown"]

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
"""Told (stage, done, total) as a long build goes."""
Stamp = tuple[int, int, int, int]
RACY_NS = 2_000_000_000
"""A file modified this recently may be rewritten within its timestamp's resolution: read it again next time."""
CHUNK = 250
"""Files read, or pages rendered, between two progress reports."""
Listed = tuple[list[tuple[str, Path]], list[Problem]]


@dataclass
class Entry(Generic[T]):
    """One input file as last read: its stat stamp (None when it cannot be trusted), content hash and parsed value."""

    stamp: Stamp | None
    digest: bytes
    value: T


class Inputs(Generic[T]):
    """The files of one folder, each parsed once per content hash.

    `read` gets a file's bytes; when it refuses one with ContentErrors, `refused` turns those problems
    into the file's value (without it they are raised), and the file is read again next time.
    """

    def __init__(
        self,
        parse: Callable[[Path, str, bytes], T],
        read: Callable[[Path], bytes] = Path.read_bytes,
        refused: Callable[[list[Problem]], T] | None = None,
    ) -> None:
        self.parse, self.read, self.refused = parse, read, refused
        self.entries: dict[Path, Entry[T]] = {}

    def refresh(self, files: dict[Path, str], progress: Progress | None = None) -> list[str]:
        """Bring every entry up to date with `files` (path to label); say which were added, changed or removed."""
        changes, present, now = [], set(), time.time_ns()
        for done, (path, label) in enumerate(files.items(), 1):
            if progress and done % CHUNK == 0:
                progress("Reading files", done, len(files))
            try:
                how = self._refresh(path, label, now)
            except FileNotFoundError:
                continue
            present.add(path)
            if how:
                changes.append(f"{shown(path)} {how}")
        if len(present) < len(self.entries):
            for gone in sorted(self.entries.keys() - present):
                del self.entries[gone]
                changes.append(f"{shown(gone)} removed")
        return changes

    def _refresh(self, path: Path, label: str, now: int) -> str:
        entry = self.entries.get(path)
        stamp = _stamp(path, now)
        if entry is not None and stamp is not None and entry.stamp == stamp:
            return ""
        try:
            data = self.read(path)
        except ContentErrors as errors:
            if self.refused is None:
                raise
            value = self.refused(errors.problems)
            self.entries[path] = Entry(None, b"", value)
            return "" if entry is not None and entry.value == value else "changed" if entry else "added"
        hashed = digest(data)
        if entry is not None and entry.digest == hashed:
            entry.stamp = stamp
            return ""
        value = self.parse(path, label, data)
        if self.read(path) != data:
            stamp, hashed = None, b""
        self.entries[path] = Entry(stamp, hashed, value)
        return "changed" if entry else "added"


class Listing:
    """The content files as `load.find_files` lists them, listed again only when a folder among them changed.

    The folders' stamps are taken before listing, so a change made meanwhile shows next time. A
    symbolic link, whose target may change without any folder here changing, means listing every time.
    """

    def __init__(self, content: Path) -> None:
        self.content = content
        self.stamps: dict[str, Stamp] | None = None
        self.found: Listed = ([], [])

    def files(self) -> Listed:
        if not self._unchanged():
            stamps = _folders(self.content)
            self.found = loading.find_files(self.content) if self.content.is_dir() else ([], [])
            self.stamps = stamps
        return self.found

    def _unchanged(self) -> bool:
        if self.stamps is None:
            return False
        now = time.time_ns()
        try:
            return all(_stamp(folder, now) == stamp for folder, stamp in self.stamps.items())
        except OSError:
            return False


def _folders(content: Path) -> dict[str, Stamp] | None:
    """The stamp of the content folder and of every folder a listing looks into; None if one cannot be trusted."""
    stamps: dict[str, Stamp] = {}
    todo, now = [str(content)], time.time_ns()
    while todo:
        folder = todo.pop()
        found = _folder(folder, now, kinds_only=folder == str(content))
        if found is None:
            return None
        stamps[folder], inner = found
        todo += inner
    return stamps


def _folder(folder: str, now: int, kinds_only: bool) -> tuple[Stamp, list[str]] | None:
    """A folder's stamp and the folders in it (at the top, only those of a kind); None if it cannot be trusted."""
    try:
        stamp = _stamp(folder, now)
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return None
    if stamp is None or any(entry.is_symlink() for entry in found):
        return None
    return stamp, [entry.path for entry in found if entry.is_dir() and (not kinds_only or entry.name in kinds.names())]


def _stamp(path: Path | str, now: int) -> Stamp | None:
    """The file's stamp, or None when it changed too recently to be sure of."""
    status = os.stat(path)
    if now - status.st_mtime_ns < RACY_NS:
        return None
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


def shown(path: str | Path) -> str:
    """A path relative to the working folder when it is inside it, as authors type paths."""
    return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
