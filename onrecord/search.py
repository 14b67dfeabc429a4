"""Stage 5b: the site's full-text search index, made by Pagefind from the rendered pages.

Pagefind reads the HTML a build wrote and writes a static index with its own search interface into
`pagefind/`; the search page loads both from the site itself. Only what pages mark with
`data-pagefind-body` (the record pages' content) is indexed, with the kind and entity filters and
the date the pages declare (see templates/macros.html `search_marks`).

A build indexes its staging folder before swapping it in, so a failed index leaves the old site as it
was. `check` writes nothing, so it does not run Pagefind. The preview indexes its scratch folder in
the background after each rebuild (see `Reindexer`), swapping a fresh index in whole.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pagefind_bin

from . import search_order, write
from .errors import EnvironmentFailure

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's interface."""
IGNORED = "a.url"
"""What the index leaves out of pages' words besides what they mark: web addresses written out in full."""
TIMEOUT = 600
"""Seconds an index may take: far beyond what 10,000 facts need, short of a hung build."""


def index(site: Path, bundle: Path | None = None, running: list[subprocess.Popen[str]] | None = None) -> float:
    """Index the pages under `site` into `bundle` (by default `site/pagefind/`); returns the seconds taken.
    `running` is told of the Pagefind process while it runs, so a preview that stops can stop it too.

    Raises EnvironmentFailure, saying what Pagefind reported, when the index cannot be made."""
    started = time.perf_counter()
    target = bundle or site / BUNDLE
    command = [str(_executable()), "--site", str(site), "--output-path", str(target), "--quiet"]
    command += ["--exclude-selectors", IGNORED]
    held = running if running is not None else []
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
            held.append(process)
            try:
                out, err = process.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                raise
            finally:
                held.remove(process)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise EnvironmentFailure(f"could not run Pagefind to index the site for search: {error}") from None
    if process.returncode:
        said = (err.strip() or out.strip()).splitlines()[-1:] or [f"exit status {process.returncode}"]
        raise EnvironmentFailure(f"Pagefind could not index the site for search: {said[0]}")
    search_order.settle(target)
    return time.perf_counter() - started


def _executable() -> Path:
    """The Pagefind binary the `pagefind-bin` package ships."""
    try:
        return pagefind_bin.get_executable()
    except FileNotFoundError:
        raise EnvironmentFailure(
            "the Pagefind binary is missing; install the project's requirements (pip install -r requirements.txt)"
        ) from None


class Reindexer:
    """The preview's index: made again in a background thread after a rebuild, never two at once.

    Each index is written beside the scratch folder's and swapped in whole, so a search in the browser
    sees the last index or the next one. A rebuild during an index marks it stale and one more follows.
    """

    def __init__(self, site: Path) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._running = False
        self._stale = False
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._children: list[subprocess.Popen[str]] = []

    def stop(self) -> None:
        """Stop indexing when the preview stops: end a running Pagefind and wait for the thread, so the
        process exits at once and nothing writes on after it."""
        with self._lock:
            self._stopped = True
            thread = self._thread
        for child in list(self._children):
            child.kill()
        if thread is not None:
            thread.join(timeout=TIMEOUT)

    def request(self) -> None:
        """Index the scratch folder soon; returns at once."""
        with self._lock:
            if self._stopped:
                return
            if self._running:
                self._stale = True
                return
            self._running = True
            self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                self.index_now()
            except (EnvironmentFailure, OSError) as failure:
                print(f"search index not updated: {failure}", flush=True)
            with self._lock:
                if self._stopped or not self._stale:
                    self._running = False
                    return
                self._stale = False

    def index_now(self) -> None:
        """Index the scratch folder once, in this thread, and swap the new index in."""
        fresh = Path(tempfile.mkdtemp(prefix=f".{BUNDLE}.", suffix=".new", dir=self.site))
        try:
            index(self.site, fresh / BUNDLE, self._children)
            write.swap_in(fresh / BUNDLE, self.site / BUNDLE)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
