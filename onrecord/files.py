"""Opening the files a build reads: only regular files, only inside their own folder, never blocking.

A content folder may come from anyone (a pull request, a shared drive), so nothing in it may make a
build read elsewhere: a link is followed only when its target lies inside the same folder, and only
a regular file is ever read. Named pipes, sockets and devices are refused without waiting on them,
and no file is read past the size limit.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import limits

OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""No link is followed at open time (links are checked, then resolved, first) and a pipe never blocks."""
FILE_TYPES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


class Unreadable(Exception):
    """Why a file was not read, in words for its author, with what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def real_folder(folder: Path) -> str:
    """The folder's real path, links resolved: what 'inside the folder' is measured against."""
    return os.path.realpath(folder)


def is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def target(path: Path, root: str) -> str:
    """The real path to open for `path`; a link must lead to an existing file inside `root`.

    A file that has gone raises FileNotFoundError, for callers that expect files to come and go.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Unreadable(f"the file cannot be read: {error.strerror}") from None
    real = os.path.realpath(path)
    if stat.S_ISLNK(status.st_mode):
        if not os.path.exists(real):
            raise Unreadable("this is a link to a file that does not exist", "remove the link or restore its target")
        if not is_inside(real, root):
            raise Unreadable(
                "this is a link to a file outside the content folder, so it is not read",
                "copy the file into the content folder instead of linking to it",
            )
    elif not is_inside(real, root):
        raise Unreadable("this file lies outside the content folder, so it is not read")
    return real


def file_type(mode: int) -> str:
    """'a named pipe', 'a folder'...; '' for a regular file."""
    return next((name for test, name in FILE_TYPES if test(mode)), "" if stat.S_ISREG(mode) else "a special file")


@dataclass(frozen=True)
class Allowance:
    """How much a file may hold, and what to tell its author when it holds more."""

    size: int = limits.FILE_BYTES
    what: str = "a content file"
    hint: str = "split it into several files"


def read_bytes(path: Path, root: str, allowed: Allowance = Allowance()) -> bytes:
    """The bytes of the regular file at `path` inside `root` (a real path), at most `allowed.size` of them."""
    limit = allowed.size
    real = target(path, root)
    try:
        descriptor = os.open(real, OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Unreadable(f"the file cannot be read: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        kind = file_type(status.st_mode)
        if kind:
            raise Unreadable(f"this is {kind}, not a file, so it is not read", "content folders hold only files")
        wanted = min(status.st_size, limit) + 1
        data = file.read(wanted)
        if len(data) == wanted <= limit:  # it grew while being read: the rest, up to the limit
            data += file.read(limit + 1 - len(data))
        if len(data) > limit:
            raise Unreadable(
                f"the file is larger than {limit // 1024:,} KiB, the most {allowed.what} may be", allowed.hint
            )
    return data
