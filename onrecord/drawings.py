"""Drawn images kept between builds, so a page whose image did not change is not drawn again.

Each drawing is kept under a key naming exactly what it draws and how (views/images.py `key`), in the
build's cache folder (cache.py `beside`). Pruning removes only files named as drawings, so after a
build the folder holds just that build's drawings. A file is stored with
the SHA-256 of its bytes first, so a file cut short or damaged is drawn again rather than used, and
it is written under a temporary name and renamed, so no reader sees half of one. The cache is only
ever a saving: if it cannot be read or written, the drawing is made again and the build goes on.

The preview keeps the drawings of its last two rebuilds in memory as well. `check`, which writes
nothing, prepares every image's card but draws none (`Unset`): drawing pixels finds no mistake in the
content, and would be most of its time.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .cache import beside, ours
from .parallel import share

__all__ = ["Drawings", "Unset", "active", "beside", "using"]

NAME = re.compile(r"[0-9a-f]{64}\.png|\.\w+\.tmp")
"""A kept drawing's file, or one a build killed while writing it left behind."""
SUFFIX = ".png"


class Drawings:
    """Drawings by key: those of this round and the last in memory, and, given a folder, kept there."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None and ours(folder) else None
        self.current: dict[str, bytes] = {}
        self.last: dict[str, bytes] = {}

    def get(self, key: str, draw: Callable[[], bytes]) -> bytes:
        """The drawing kept under `key`, drawn (and kept) when none is."""
        found = self.current.get(key) or self.last.get(key) or self._read(key)
        if found is None:
            found = draw()
            self._write(key, found)
        self.current[key] = found
        return found

    def fill(self, wanted: Sequence[tuple[str, Callable[[], bytes]]]) -> None:
        """Draw into the folder, sharing the work between the machine's cores, each (key, draw) not kept yet."""
        if self.folder is None:
            return
        try:
            kept = set(os.listdir(self.folder))
        except OSError:
            kept = set()
        missing = [
            (key, draw)
            for key, draw in wanted
            if key not in self.current and key not in self.last and key + SUFFIX not in kept
        ]
        share(missing, self._draw_all)

    def _draw_all(self, part: Sequence[tuple[str, Callable[[], bytes]]]) -> int:
        for key, draw in part:
            self._write(key, draw())
        return len(part)

    def age(self) -> None:
        """Start a new round: what the last one did not use is forgotten, so memory stays flat."""
        self.last, self.current = self.current, {}

    def prune(self) -> None:
        """Remove from the folder every drawing of ours this round did not use. A round that asked for
        none (a build that kept the last one's images whole) removes none."""
        if self.folder is None or not self.current:
            return
        with contextlib.suppress(OSError):
            for name in os.listdir(self.folder):
                if NAME.fullmatch(name) and name.removesuffix(SUFFIX) not in self.current:
                    (self.folder / name).unlink(missing_ok=True)

    def _read(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            stored = (self.folder / (key + SUFFIX)).read_bytes()
        except OSError:
            return None
        check, data = stored[:32], stored[32:]
        return data if hashlib.sha256(data).digest() == check else None

    def _write(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(hashlib.sha256(data).digest() + data)
            os.replace(temporary, self.folder / (key + SUFFIX))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


class Unset(Drawings):
    """Drawings planned but never made: every key is asked for, and each answer is empty."""

    def get(self, key: str, draw: Callable[[], bytes]) -> bytes:
        return b""

    def fill(self, wanted: Sequence[tuple[str, Callable[[], bytes]]]) -> None:
        return None


_ACTIVE: contextvars.ContextVar[Drawings | None] = contextvars.ContextVar("drawings", default=None)


def active() -> Drawings:
    """The drawings the current build or preview keeps; outside one (check), new ones in memory only."""
    return _ACTIVE.get() or Drawings()


@contextlib.contextmanager
def using(drawings: Drawings) -> Iterator[Drawings]:
    """Make `drawings` the ones used inside the block, starting a new round of them."""
    drawings.age()
    token = _ACTIVE.set(drawings)
    try:
        yield drawings
    finally:
        _ACTIVE.reset(token)
