"""Stage 5: put the rendered site on disk, replacing only a folder a build made, in one atomic step.

A build never deletes what is not its own. Every output folder it makes holds the MARKER file, and
an `--out` that exists without one (unless it is empty), is a file, or is, holds or lies inside the
content, the project or the current folder is refused before anything is touched.

The new site is written into a staging folder beside the output, then exchanged with it by one
rename (RENAME_EXCHANGE), so at every instant the output path holds a whole site, old or new. Builds
into one output take turns (a lock on its parent folder); the next build removes what a killed one
left behind; folders get the modes the umask asks for. When the machine refuses to write (disk full,
read-only, no permission), the error says where and what to do, and the old site stays as it was.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from . import cache
from .errors import EnvironmentFailure, UsageError
from .parallel import Background

MARKER = ".onrecord-build"
MARKER_TEXT = b"Made by On the Record (site.py build); the next build replaces this folder whole.\n"
ASSET_LITTER = (".*", "*~")
"""Names in assets/ that are never copied: hidden files and editor backups."""
RENAME_EXCHANGE = 2
AT_FDCWD = -100
ADVICE = {
    errno.ENOSPC: "free some disk space and build again",
    errno.EDQUOT: "free some space within your disk quota and build again",
    errno.EROFS: "that disk is mounted read-only; choose another --out",
    errno.EACCES: "you may not write there; choose another --out or change the folder's permissions",
    errno.EPERM: "you may not write there; choose another --out or change the folder's permissions",
    errno.ENAMETOOLONG: "choose a shorter --out path",
    errno.EMFILE: "too many files are open; close some programs and build again",
}


def safe_output(out: Path, protected: dict[str, Path]) -> Path:
    """The real path of `out`, once it is sure a build may replace it; UsageError saying why not otherwise.

    `protected` names folders (content, project, current) the output may not be, hold or lie in."""
    real = Path(os.path.realpath(out))
    if real.exists() and not real.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; choose a folder for the site")
    if os.path.ismount(real):
        raise UsageError(f"--out {out} is a mount point, which a build cannot replace; choose a folder inside it")
    inner = {name: Path(os.path.realpath(folder)) for name, folder in protected.items()}
    for name, folder in inner.items():
        if folder == real:
            raise UsageError(
                f"--out {out} is the {name} folder, which a build would replace whole; "
                "choose a folder of its own, such as build/"
            )
    for name, folder in inner.items():
        if folder.is_relative_to(real):
            raise UsageError(
                f"--out {out} contains the {name} folder, which a build would replace whole; "
                "choose a folder of its own, such as build/"
            )
        if name == "content" and real.is_relative_to(folder):
            raise UsageError(f"--out {out} lies inside the content folder; choose a folder outside it, such as build/")
    strangers = _strangers(real)
    if strangers:
        shown = ", ".join(strangers[:3]) + (", ..." if len(strangers) > 3 else "")
        raise UsageError(
            f"--out {out} already holds files a build did not make ({shown}); a build replaces "
            "its output folder whole, so it will not use this one: choose a new or empty folder"
        )
    return real


def _strangers(folder: Path) -> list[str]:
    """What a folder holds when a build did not make it; nothing for a missing or empty one, or a build."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except OSError as error:
        raise UsageError(f"--out {folder} cannot be read ({error.strerror}), so a build will not replace it") from None
    return [] if not names or MARKER in names else names


class Output:
    """One build's turn at an output folder: staged, swapped in on `commit`, discarded on failure."""

    def __init__(
        self, out: Path, protected: dict[str, Path], waiting: Callable[[], None], keep_replaced: bool = False
    ) -> None:
        """With `keep_replaced`, the site this build replaces is kept in the build cache's folder until the
        next build, which deletes it while it works; otherwise it is deleted at once."""
        self.shown, self.protected, self.waiting = out, protected, waiting
        self.real = safe_output(out, protected)
        self.retired = cache.beside(self.real) / cache.REPLACED if keep_replaced else None
        self.staged = self.real
        self._lock = -1
        self.clearing: Background | None = None

    def __enter__(self) -> Output:
        try:
            self.real.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.real.parent, self.waiting)
            self.real = safe_output(self.shown, self.protected)
            sweep(self.real)
            self.staged = _stage(self.real)
        except OSError as error:
            self._release()
            raise failure(error, self.shown) from None
        if self.retired is not None and self.retired.is_dir() and not self.retired.is_symlink():
            self.clearing = Background(functools.partial(shutil.rmtree, self.retired, ignore_errors=True))
        return self

    def commit(self) -> None:
        """Put the staged site in place of the old one, at once."""
        if self.clearing is not None:
            self.clearing.wait()
        swap_in(self.staged, self.real, self.retired)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self.clearing is not None:
                self.clearing.wait()
            if error is not None and self.staged.exists() and self.staged != self.real:
                shutil.rmtree(self.staged, ignore_errors=True)
        finally:
            self._release()
        if isinstance(error, OSError):
            raise failure(error, self.shown) from None

    def _release(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1


def _lock(folder: Path, waiting: Callable[[], None]) -> int:
    """An exclusive lock on the output's parent folder, waited for if another build holds it."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        waiting()
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _leftovers(out: Path) -> re.Pattern[str]:
    """Names of the staging and retired folders of builds into `out` (tempfile's eight random characters)."""
    return re.compile(rf"\.{re.escape(out.name)}\.[a-z0-9_]{{8}}\.(?:new|old)")


def sweep(out: Path) -> None:
    """Remove what killed builds into `out` left beside it; only run while holding the lock.

    Where the swap takes two steps, a build killed between them left the old site aside: it goes back.
    """
    pattern = _leftovers(out)
    for name in sorted(os.listdir(out.parent)):
        path = out.parent / name
        if not pattern.fullmatch(name) or not path.is_dir() or path.is_symlink():
            continue
        if not os.path.lexists(out) and (path / out.name / MARKER).is_file():
            os.rename(path / out.name, out)
        shutil.rmtree(path, ignore_errors=True)


def _stage(out: Path) -> Path:
    """A fresh folder beside `out` (same file system, so the swap is a rename) holding the marker."""
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    os.chmod(staged, 0o777 & ~umask())
    (staged / MARKER).write_bytes(MARKER_TEXT)
    return staged


def umask() -> int:
    """The process's umask; reading it means setting it, so it is set straight back."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def swap_in(staged: Path, out: Path, retired: Path | None = None) -> None:
    """Make `out` the staged site in one step, then set the old one aside at `retired`, or delete it."""
    if not os.path.lexists(out):
        os.rename(staged, out)
        return
    if not _exchange(staged, out):
        _replace_in_two_steps(staged, out, retired)
        return
    old = staged.with_name(staged.name.removesuffix(".new") + ".old")
    os.rename(staged, old)
    _retire(old, retired)


def _retire(old: Path, retired: Path | None) -> None:
    """Move the replaced site to `retired` when that is free and in a folder of ours; else delete it now."""
    if retired is not None and not os.path.lexists(retired) and cache.ours(retired.parent):
        try:
            os.rename(old, retired)
            return
        except OSError:
            pass
    shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system or file system cannot."""
    function = getattr(_LIBC, "renameat2", None) if _LIBC is not None else None
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _replace_in_two_steps(staged: Path, out: Path, retired: Path | None) -> None:
    """Where no exchange exists: the old site is moved aside, then the new one into place."""
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    os.rename(out, aside / out.name)
    os.rename(staged, out)
    _retire(aside, retired)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
    except OSError:
        return None


_LIBC = _libc()


def failure(error: OSError, out: Path) -> EnvironmentFailure:
    """One line for the author: what could not be written, where, and what to do; the old site is kept."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list):
        source, _, why = error.args[0][0]
        return EnvironmentFailure(f"could not copy {source}: {why}; the site in {out}/ is unchanged")
    where = error.filename or out
    advice = ADVICE.get(error.errno or 0, "check the disk and the folder, then build again")
    return EnvironmentFailure(
        f"could not write {where}: {error.strerror or error}; {advice}. The site in {out}/ is unchanged."
    )


def write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write each (relative path, content) under `root`; returns how many were written."""
    writer, count = Writer(root), 0
    for relative, content in files:
        writer.write(relative, content)
        count += 1
    return count


class Writer:
    """Puts a site's files under `root`: written from their bytes, or kept from the last output as they are."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: set[Path] = set()
        self.linked: set[str] = set()

    def write(self, relative: str, content: bytes) -> cache.Stamp:
        """Write one file; its stamp. A file kept by a link is unlinked first, never written through, since
        the last output holds the same file."""
        target = self._place(relative)
        if relative in self.linked:
            target.unlink()
            self.linked.discard(relative)
        target.write_bytes(content)
        return cache.stamp(target)

    def keep(self, last: Path, relative: str, noted: cache.Stamp) -> cache.Stamp | None:
        """Put the last output's file in place, if it is a file with the stamp noted when it was written:
        linked, as the same file, where the disk allows, and copied where it does not. Its stamp here, or
        None (and nothing put in place) when it is not as written."""
        source = last / relative
        try:
            if cache.stamp(source) != noted:
                return None
            target = self._place(relative)
            try:
                os.link(source, target, follow_symlinks=False)
                self.linked.add(relative)
            except OSError:
                shutil.copyfile(source, target, follow_symlinks=False)
            return cache.stamp(target)
        except OSError:
            return None

    def _place(self, relative: str) -> Path:
        target = self.root / relative
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        return target


def copy_assets(assets: Path, root: Path) -> int:
    """Copy the assets folder verbatim to `root/assets`."""
    if not assets.is_dir():
        return 0
    shutil.copytree(assets, root / "assets", ignore=shutil.ignore_patterns(*ASSET_LITTER))
    return sum(1 for p in (root / "assets").rglob("*") if p.is_file())


class Scratch:
    """The preview's folder: one preview at a time, and only a folder the preview made is ever emptied."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._lock = -1

    def claim(self) -> None:
        """Make the folder ours and empty, or raise UsageError; held until `release`."""
        safe_output(self.out, {})
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self._lock = os.open(self.out, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as error:
            raise failure(error, self.out) from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.release()
            raise UsageError(
                f"another preview is already using {self.out}/; stop it, or run this one from another folder"
            ) from None
        for name in os.listdir(self.out):
            path = self.out / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        (self.out / MARKER).write_bytes(MARKER_TEXT)

    def release(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1
