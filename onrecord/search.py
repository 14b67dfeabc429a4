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


def index(site: Path, bundle: Path | None = None) -> float:
    """Index the pages under `site` into `bundle` (by default `site/pagefind/`); returns the seconds taken.

    Raises EnvironmentFailure, saying what Pagefind reported, when the index cannot be made."""
    started = time.perf_counter()
    target = bundle or site / BUNDLE
    command = [str(_executable()), "--site", str(site), "--output-path", str(target), "--quiet"]
    command += ["--exclude-selectors", IGNORED]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise EnvironmentFailure(f"could not run Pagefind to index the site for search: {error}") from None
    if done.returncode:
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or [f"exit status {done.returncode}"]
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

    def request(self) -> None:
        """Index the scratch folder soon; returns at once."""
        with self._lock:
            if self._running:
                self._stale = True
                return
            self._running = True
        threading.Thread(target=self._run, name="search-index", daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                self.index_now()
            except (EnvironmentFailure, OSError) as failure:
                print(f"search index not updated: {failure}", flush=True)
            with self._lock:
                if not self._stale:
                    self._running = False
                    return
                self._stale = False

    def index_now(self) -> None:
        """Index the scratch folder once, in this thread, and swap the new index in."""
        fresh = Path(tempfile.mkdtemp(prefix=f".{BUNDLE}.", suffix=".new", dir=self.site))
        try:
            index(self.site, fresh / BUNDLE)
            write.swap_in(fresh / BUNDLE, self.site / BUNDLE)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
