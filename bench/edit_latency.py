"""How long the preview takes, through the real server, from an author saving one fact to its page on disk.

`site.py serve` runs in a process of its own over a copy of the content, as an author would run it.
Each edit rewrites one pledge's summary; the time runs from the moment the file is saved until the
pledge's page in `.serve/` holds the new words, so it includes noticing the save, settling, the
rebuild and the writing. The page is looked at every millisecond, which is the finest the figures are.

    python bench/edit_latency.py CONTENT [--edits 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIRST_BUILD = "first build:"
TIMEOUT = 600
"""Seconds the preview may take for its first build or one edit before the benchmark gives up."""


@dataclass(frozen=True)
class Latency:
    """Seconds from each save to its page on disk, in the order made."""

    edits: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.edits)

    @property
    def worst(self) -> float:
        return max(self.edits)


def measure(content: Path, edits: int) -> Latency:
    """Start the preview on a copy of `content`, wait for its first build, then time `edits` saves."""
    with tempfile.TemporaryDirectory(prefix="onrecord-latency-") as scratch:
        copy = Path(scratch, "content")
        shutil.copytree(content, copy)
        fact = sorted((copy / "pledges").glob("*.yaml"))[0]
        page = Path(scratch, ".serve", "pledges", fact.stem, "index.html")
        log = Path(scratch, "serve.log")
        with log.open("w", encoding="utf-8") as sink:
            command = [sys.executable, str(ROOT / "site.py"), "serve", "--content", str(copy), "--port", _free_port()]
            process = subprocess.Popen(command, cwd=scratch, stdout=sink, stderr=subprocess.STDOUT)
        try:
            _wait(lambda: FIRST_BUILD in log.read_text(encoding="utf-8"), process, log)
            return Latency(tuple(_edit(fact, page, number, process, log) for number in range(1, edits + 1)))
        finally:
            process.kill()
            process.wait()


def _edit(fact: Path, page: Path, number: int, process: subprocess.Popen[bytes], log: Path) -> float:
    data = yaml.safe_load(fact.read_text(encoding="utf-8"))
    marker = f"Edited {number} times."
    text = yaml.safe_dump({**data, "summary": marker}, allow_unicode=True)
    time.sleep(0.05)  # apart from the last save, as an author's saves are, so each is its own rebuild
    started = time.perf_counter()
    fact.write_text(text, encoding="utf-8")
    _wait(lambda: marker.encode() in _read(page), process, log)
    return time.perf_counter() - started


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _wait(done: Callable[[], bool], process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not done():
        if process.poll() is not None:
            raise SystemExit(f"the preview stopped:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise SystemExit(f"the preview did not update within {TIMEOUT} s:\n{_tail(log)}")
        time.sleep(0.001)


def _tail(log: Path) -> str:
    return log.read_text(encoding="utf-8")[-3000:]


def _free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> None:
    cli = argparse.ArgumentParser(prog="bench/edit_latency.py", description=__doc__.splitlines()[0])
    cli.add_argument("content", type=Path, help="a content folder (it is copied, never changed)")
    cli.add_argument("--edits", type=int, default=10, help="saves to time (default: 10)")
    args = cli.parse_args(argv)
    found = measure(args.content, max(1, args.edits))
    print(", ".join(f"{seconds * 1000:.0f}" for seconds in found.edits), "ms")
    print(f"median {found.median * 1000:.0f} ms, worst {found.worst * 1000:.0f} ms (load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
