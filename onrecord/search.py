"""Stage 5b: the site's full-text search index, made by Pagefind from the rendered pages.

Pagefind reads the HTML a build wrote and writes a static index with its own search interface into
`pagefind/`; the search page loads both from the site itself. Only what pages mark with
`data-pagefind-body` (the record pages' content) is indexed, with the kind and entity filters and
the date the pages declare (see templates/macros.html `search_marks`).

A build indexes its staging folder before swapping it in, so a failed index leaves the old site as it
was. `check` writes nothing, so it does not run Pagefind, and neither does the preview (its search page
says so).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

import pagefind_bin

from . import kinds, search_order, write
from .cache import Stamp, fingerprint, stamp
from .errors import EnvironmentFailure

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's interface."""
PAGES = "{" + ",".join(kinds.names()) + "}/*/index.html"
"""What Pagefind reads: the record pages, the only ones that mark words to index (a third of the site's
HTML is in timelines and lists, which mark none), and nothing the build writes beside them meanwhile."""
IGNORED = "a.url"
"""What the index leaves out of pages' words besides what they mark: web addresses written out in full."""
TIMEOUT = 600
"""Seconds an index may take: far beyond what 10,000 facts need, short of a hung build."""


PART = "search"
"""The name of the cache's part that holds what the last index was made from, and its files."""
CACHE_FILE = "search.pickle"
"""The cache's file of that part: saved once the index is made, after the rest is saved."""
Bundle = tuple[tuple[str, Stamp], ...]
"""The files of an index, each with its stamp, as the cache keeps them."""


def indexed(file: str) -> bool:
    """Whether Pagefind reads the page at `file` (PAGES, for the files a build writes)."""
    parts = file.split("/")
    return len(parts) == 3 and parts[0] in kinds.names() and parts[2] == "index.html"


class Index:
    """Pagefind indexing the pages under `site` in its own process, started once every page is written, so
    the build makes its other files (none of them pages) while Pagefind reads.

    An index depends on nothing but the pages Pagefind reads (and Pagefind's version, which is the
    cache's): when the last build's index was made from the same pages and its files in the last output
    are still as written, they are kept instead. Used as a context: leaving it before `finish`
    (a failure elsewhere, Ctrl-C) ends Pagefind."""

    def __init__(self, site: Path, pages: Iterable[tuple[str, bytes]], last: Path, noted: object) -> None:
        self.bundle = site / BUNDLE
        self.started = time.perf_counter()
        self.key = fingerprint(sorted(page for page in pages if indexed(page[0])))
        self.process: subprocess.Popen[str] | None = None
        self.files: Bundle = ()
        if isinstance(noted, tuple) and len(noted) == 2 and noted[0] == self.key and _copied(last, site, noted[1]):
            self.files = noted[1]
            return
        command = [str(_executable()), "--site", str(site), "--output-path", str(self.bundle), "--quiet"]
        command += ["--glob", PAGES, "--exclude-selectors", IGNORED]
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as error:
            raise EnvironmentFailure(f"could not run Pagefind to index the site for search: {error}") from None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process is None:
            return
        if self.process.returncode is None:
            self.process.kill()
        self.process.communicate()

    def finish(self) -> float:
        """Wait for the index and settle its files; the seconds since Pagefind started (0 for a copied index).

        Raises EnvironmentFailure, saying what Pagefind reported, when the index cannot be made."""
        if self.process is None:
            return 0.0
        try:
            out, err = self.process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise EnvironmentFailure(
                f"Pagefind did not finish indexing the site for search within {TIMEOUT} s"
            ) from None
        if self.process.returncode:
            code = self.process.returncode
            said = (err.strip() or out.strip()).splitlines()[-1:] or [f"exit status {code}"]
            raise EnvironmentFailure(f"Pagefind could not index the site for search: {said[0]}")
        search_order.settle(self.bundle)
        self.files = tuple(
            (path.relative_to(self.bundle).as_posix(), stamp(path))
            for path in sorted(self.bundle.rglob("*"))
            if path.is_file()
        )
        return time.perf_counter() - self.started

    def noted(self) -> tuple[bytes, Bundle]:
        """What the cache keeps of the index: the pages it was made from, and its files."""
        return self.key, self.files


def _copied(last: Path, site: Path, files: Bundle) -> bool:
    """Keep the last output's index in `site`, if every file of it is as written; otherwise none of it."""
    writer = write.Writer(site / BUNDLE)
    if all(writer.keep(last / BUNDLE, name, noted) for name, noted in files):
        return True
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    return False


def _executable() -> Path:
    """The Pagefind binary the `pagefind-bin` package ships."""
    try:
        return pagefind_bin.get_executable()
    except FileNotFoundError:
        raise EnvironmentFailure(
            "the Pagefind binary is missing; install the project's requirements (pip install -r requirements.txt)"
        ) from None
