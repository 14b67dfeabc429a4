"""What a build keeps between builds, so that a build after a small change does only what it reaches.

A build keeps its cache in `.onrecord-cache/{output's name}/` beside its output folder: never inside
the content (a build refuses an output there), never in the output itself (which a build replaces
whole). The folder holds a CACHEDIR.TAG, and only a folder holding ours is written to.

Everything kept is content-addressed: a part is found under a digest of all it was made from, so an
entry is either right for this build or never looked up. The whole cache is tied to a `version`: the
bytes of the engine's code and the templates, the installed packages and the Python that runs them;
a cache of any other version is not read at all. The cache is only ever a saving: one that cannot be
read, or is damaged, is ignored, and one that cannot be written is not written; the build goes on.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib.metadata
import io
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISREG

FOLDER = ".onrecord-cache"
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# What On the Record (site.py build) keeps between builds: drawings and built parts; safe to delete.\n"
)
"""The cache directory tag (bford.info/cachedir) that backup tools skip, and that marks the folder ours."""
FILE = "build.pickle"
"""The file of a build's kept parts (sources, graph, pages and made files), beside the kept drawings."""
REPLACED = "replaced"
"""The folder that holds the site a build replaced until the next build, which deletes it while it works."""
ENGINE = Path(__file__).resolve().parent
Stamp = tuple[int, int, int]
"""A file's inode, size and modification time: what tells that a file a build wrote is as it was written."""


def beside(out: Path) -> Path:
    """The folder a build into `out` keeps its cache in."""
    return out.parent / FOLDER / out.name


def ours(folder: Path) -> bool:
    """Make the folder ours if it is new or empty; True when it holds our tag, and so may be written to."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.listdir(folder):
            (folder / TAG).write_bytes(TAG_TEXT)
    except OSError:
        return False
    return tagged(folder)


def tagged(folder: Path) -> bool:
    """Whether the folder holds our tag, and so holds what our builds kept."""
    tag = folder / TAG
    try:
        return tag.is_file() and not tag.is_symlink() and tag.read_bytes() == TAG_TEXT
    except OSError:
        return False


def stamp(path: Path) -> Stamp:
    """The stamp of a regular file; a link or anything else raises OSError, so it is never kept."""
    status = os.lstat(path)
    if not S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return status.st_ino, status.st_size, status.st_mtime_ns


def digest(data: bytes) -> bytes:
    """The digest a cache compares bytes by."""
    return hashlib.blake2b(data, digest_size=20).digest()


def fingerprint(value: object) -> bytes:
    """A digest of a plain value (a page's spec, the graph's answers), pickled without a memo so that it
    follows the value's own order: equal values give equal digests in any process. A plain value holds
    no set, whose order is its members' hashes' and so changes with the hash seed (a pydantic model
    holds the set of its given fields: fingerprint its `model_dump()`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return digest(buffer.getvalue())


def version(templates: Path) -> bytes:
    """A digest of everything besides the content that decides a build's output."""
    parts = hashlib.blake2b(digest_size=20)
    parts.update(sys.version.encode())
    for root in (ENGINE, templates):
        for path in sorted(_files(root)):
            parts.update(path.relative_to(root).as_posix().encode() + b"\0" + _bytes(path) + b"\0")
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    parts.update("\n".join(installed).encode())
    return parts.digest()


def _files(root: Path) -> Iterable[Path]:
    if not root.is_dir():
        return ()
    return (path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"unreadable"


class BuildCache:
    """One file of a build's kept parts by name (`sources`, `graph`, `parts`; the search index's in a file
    of its own): the last build's, and this build's. Only what this build `put` is saved, so the cache
    holds just what the last build used."""

    def __init__(self, folder: Path, version: bytes, name: str = FILE) -> None:
        self.folder = folder
        self.version = version
        self.file = folder / name
        self.last: dict[str, object] = self._read()
        self.current: dict[str, object] = {}

    def get(self, part: str) -> object | None:
        """The last build's part of that name, or None."""
        return self.last.get(part)

    def put(self, part: str, value: object) -> None:
        self.current[part] = value

    def save(self) -> None:
        """Write this build's parts, replacing the last build's in one step; a build that changed none of
        them leaves the file as it is. Builds into one output take turns, so the file written first has a
        name of its own."""
        if self.current == self.last or not ours(self.folder):
            return
        temporary = self.file.with_name(self.file.name + ".new")
        try:
            with open(temporary, "wb") as file:
                file.write(self.version)
                pickle.dump(self.current, file, protocol=5)
            os.replace(temporary, self.file)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _read(self) -> dict[str, object]:
        """The kept parts, when the folder is ours and the file starts with this version; the rest of a
        file of another version is not even unpickled."""
        if not tagged(self.folder):
            return {}
        try:
            with open(self.file, "rb") as file:
                if file.read(len(self.version)) != self.version:
                    return {}
                stored = pickle.load(file)
        except Exception:  # a damaged cache is any error unpickling can raise; it is ignored whole
            return {}
        return stored if isinstance(stored, dict) else {}
