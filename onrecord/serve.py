"""`site.py serve`: the authoring preview, a thin layer over livereload.

It builds with drafts into the scratch folder `.serve/` (never `build/`), serves it, and after each save
rebuilds only what changed (see incremental.py), then tells the browser to reload: just the stylesheet
when only CSS changed. While the content or a template is wrong, every page the browser asks for shows
the problems instead, and the page comes back by itself once they are fixed.
"""
from __future__ import annotations

import errno
import html
import ipaddress
import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import livereload
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from . import pipeline
from .errors import Problem, UsageError
from .incremental import Builder, Progress, Rebuild
from .load import EDITOR_LITTER
from .report import format_problem

SCRATCH = Path(".serve")
SETTLE = 0.1
"""Seconds between noticing a change and rebuilding, so a burst of saves makes one rebuild."""
POLL = 0.2
"""Seconds between looks for changes, on a site small enough to look at in a fifth of that."""
STYLE = ("body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
         "pre{background:#fff4f4;border-left:4px solid #b00020;padding:.5rem 1rem;overflow-x:auto}")


class Preview:
    """The builder and what the browser is shown: the last build, or the problems stopping the next one."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.problems: tuple[Problem, ...] = ()
        self.failure = ""
        self.pending = False
        self.built = False

    @property
    def broken(self) -> bool:
        return bool(self.problems or self.failure)

    def changed(self) -> None:
        """One rebuild shortly after a change, however many files changed."""
        if not self.pending:
            self.pending = True
            IOLoop.current().call_later(SETTLE, self.rebuild)

    def rebuild(self) -> None:
        """Rebuild, log what happened and reload the browser if what it shows changed."""
        self.pending, was_broken = False, self.broken
        try:
            result = self.builder.rebuild(_progress(time.perf_counter()))
        except Exception:
            self.failure = traceback.format_exc()
            print(self.failure, file=sys.stderr, flush=True)
            LiveReloadHandler.reload_waiters("*")
            return
        if self.built and not result.changes and not self.failure:
            return  # the watcher reports a burst of saves one file per look; the first rebuild took them all
        self.failure, self.problems = "", result.problems
        _log(result, first=not self.built)
        self.built = True
        if was_broken or self.broken or result.touched:
            LiveReloadHandler.reload_waiters(_reload_path(result, was_broken or self.broken))


def _reload_path(result: Rebuild, errors_shown: bool) -> str:
    """A stylesheet's path reloads just the styles; '*' reloads the page."""
    styles_only = result.touched and all(file.endswith(".css") for file in result.touched)
    return result.touched[0] if styles_only and not errors_shown else "*"


def _log(result: Rebuild, first: bool) -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    print(time.strftime("%H:%M:%S"), result.summary(first), flush=True)
    for problem in result.problems:
        print(format_problem(problem), file=sys.stderr, flush=True)


def _progress(began: float) -> Progress:
    """A counter on a terminal once a build has taken a second; nothing when output goes to a file or a pipe."""
    def report(stage: str, done: int, total: int) -> None:
        if sys.stderr.isatty() and time.perf_counter() - began > 1:
            print(f"\r\033[K{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)

    return report


class Poller(Watcher):
    """livereload's watcher, polling as often as stays cheap, never reloading by itself: livereload would
    reload before the rebuild and skip saves less than 3 s apart, so Preview reloads after each rebuild."""

    def examine(self) -> tuple[str | None, float | None]:
        found = super().examine()
        return found if found[0] == "__livereload__" else (None, None)

    def start(self, callback: Callable[[], None]) -> bool:
        def poll() -> None:
            began = time.perf_counter()
            callback()
            IOLoop.current().call_later(max(POLL, 4 * (time.perf_counter() - began)), poll)

        IOLoop.current().add_callback(poll)
        return True


class PageHandler(StaticFileHandler):
    """Serves the scratch folder, or the problems in place of every page while there are any."""

    preview: Preview

    async def get(self, path: str, include_body: bool = True) -> None:
        if self.preview.broken and _is_page(path):
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_extra_headers(path)
            self.finish(problems_page(self.preview) if include_body else None)
            return
        await super().get(path, include_body)

    def set_extra_headers(self, path: str) -> None:
        """Never let the browser keep an old copy: a reload must show the latest build."""
        self.set_header("Cache-Control", "no-cache")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """With a <head>, so the reload script comes along and a page that appears later is shown."""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(_html(f"{status_code} {self._reason}", "<p>Nothing is built at this address (yet).</p>"))


def _is_page(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name == "" or name.endswith(".html") or "." not in name


def problems_page(preview: Preview) -> str:
    """Every problem as the terminal shows it, with the offending line; or the failure, which is a bug."""
    if preview.failure:
        return _html("The preview failed", "<p>This is a bug in the site generator, not a mistake in the "
                     f"content. Saving a file tries again.</p><pre>{html.escape(preview.failure)}</pre>")
    count = len(preview.problems)
    items = "".join(f"<li><pre>{html.escape(format_problem(p))}</pre></li>" for p in preview.problems)
    return _html(f"{count} problem{'s'[:count != 1]} to fix",
                 f"<p>Fix and save; the page comes back by itself.</p><ol>{items}</ol>")


def _html(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>")


def serve(content: Path, host: str, port: int, open_browser: bool) -> None:
    """Preview `content` with drafts at http://host:port/ until Ctrl-C."""
    if not content.is_dir():
        raise UsageError(f"no content folder at {content}/ (choose one with --content DIR)")
    if not 0 < port < 65536:
        raise UsageError(f"--port must be a number from 1 to 65535, not {port}")
    preview = Preview(Builder(content, SCRATCH))
    server = livereload.Server(watcher=Poller())
    server.SFH = type("Handler", (PageHandler,), {"preview": preview})
    for folder in (content, pipeline.TEMPLATES, pipeline.ASSETS):
        server.watch(str(folder), preview.changed, ignore=_is_litter)
    logging.getLogger("livereload").addFilter(lambda record: record.levelno >= logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
    IOLoop.current().add_callback(_start, preview, content, host, port)
    try:
        server.serve(port=port, host=host, root=str(SCRATCH), open_url_delay=0 if open_browser else None)
    except OSError as error:
        raise UsageError(_cannot_listen(error, host, port)) from None
    print("Stopped.", flush=True)


def _start(preview: Preview, content: Path, host: str, port: int) -> None:
    """Runs once the server listens: say where, then build."""
    announce(content, host, port)
    preview.rebuild()


def announce(content: Path, host: str, port: int) -> None:
    """Where the preview is, with a warning when other computers can reach it."""
    private = _is_loopback(host)
    where = "only this computer can open it" if private else "other computers can open it too"
    print(f"Previewing {content}/ with drafts at http://{host}:{port}/ ({where}); Ctrl-C stops.", flush=True)
    if not private:
        print(f"Warning: listening on {host}, so anyone who can reach this computer can read your drafts; "
              "leave out --host to keep the preview private.", file=sys.stderr, flush=True)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _is_litter(path: str) -> bool:
    return bool(EDITOR_LITTER.search(Path(path).name))


def _cannot_listen(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {host} (is another preview running?); choose another with --port"
    return f"cannot listen on {host} port {port}: {error.strerror or error}"
