"""A running `site.py serve` for tests: a copy of the project, a free port on 127.0.0.1, its log."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass
class Preview:
    """A running `site.py serve` in its own copy of the project."""

    project: Path
    process: subprocess.Popen[str]
    log: Path
    url: str

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def copy_project(target: Path) -> Path:
    """site.py, the engine, templates, assets and the example content: everything `serve` reads."""
    target.mkdir()
    shutil.copy(ROOT / "site.py", target)
    for folder in ("onrecord", "templates", "assets", "content"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def wait_until_up(url: str, process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"serve exited early:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"serve did not answer at {url}:\n{log.read_text()}")


@contextmanager
def running_preview(folder: Path) -> Iterator[Preview]:
    """`site.py serve` in a copy of the project under `folder`, stopped (killed if need be) afterwards."""
    project = copy_project(folder / "project")
    port = free_port()
    log = folder / "serve.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "site.py", "serve", "--port", str(port)],
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
    running = Preview(project, process, log, f"http://{HOST}:{port}/")
    try:
        wait_until_up(running.url, process, log)
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
