"""Share a build's pages between the machine's cores: forked processes, each rendering its slice.

Pages are independent once the graph is linked, so each process prepares, renders and writes its own
slice; the output is the same bytes whichever process made a page. A worker dies with the process
that started it, however that one ends (even by kill -9), so nothing writes on after a build stops.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")
PAGES_PER_PROCESS = 300
"""Below this many pages a second process costs more than it saves."""
PR_SET_PDEATHSIG = 1


def cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def share(items: Sequence[T], work: Callable[[Sequence[T]], R]) -> list[R]:
    """Run `work` on interleaved slices of `items`, one per process; what each returned, this one's first.

    An exception in any process is raised here, after every process has stopped.
    """
    count = max(1, min(cores(), len(items) // PAGES_PER_PROCESS))
    if count == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(items)]
    context = multiprocessing.get_context("fork")
    children = [_start(context, work, items[index::count]) for index in range(1, count)]
    try:
        own = work(items[0::count])
    finally:
        results = [cast(R, _finish(*child)) for child in children]
    return [own, *results]


class Background:
    """`work` running in another process from now until `wait` (deleting the site the last build replaced
    while this one works); where processes cannot be forked, it is done at once."""

    def __init__(self, work: Callable[[], object]) -> None:
        self.child: tuple[multiprocessing.process.BaseProcess, Connection] | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            work()
            return
        self.child = _start(multiprocessing.get_context("fork"), lambda _: work(), ())

    def wait(self) -> None:
        """Wait for the work to end; an exception it raised is raised here."""
        child, self.child = self.child, None
        if child is not None:
            _finish(*child)


def _start(
    context: multiprocessing.context.ForkContext, work: Callable[[Sequence[T]], R], part: Sequence[T]
) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, part, sender, os.getpid()), daemon=True)
    process.start()
    sender.close()
    return process, receiver


def _child(work: Callable[[Sequence[T]], R], part: Sequence[T], sender: Connection, parent: int) -> None:
    _die_with(parent)
    try:
        sender.send((True, work(part)))
    except BaseException as error:  # every failure must reach the parent, which decides what it means
        sender.send((False, _picklable(error)))


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies; if the parent is already gone, stop now."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


def _finish(process: multiprocessing.process.BaseProcess, receiver: Connection) -> object:
    try:
        ok, value = receiver.recv()
    except EOFError:
        ok, value = False, RuntimeError(f"a build process stopped unexpectedly (exit code {process.exitcode})")
    process.join()
    if not ok:
        raise value
    return value
