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
import json
import logging
import os
import signal
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import livereload
import watchfiles
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from . import pipeline
from .errors import Problem, UsageError
from .incremental import Builder, Rebuild
from .inputs import Progress
from .load import EDITOR_LITTER
from .report import SourceLines, format_problem, printable, printable_lines

SCRATCH = Path(".serve")
EVENT_STEP = 10
"""Milliseconds without a further file event before a burst of them (a save, a checkout) is reported."""
PAGE_PROBLEMS = 200
"""Problems listed on the error page; the terminal lists every one."""
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "pre{background:#fff4f4;border-left:4px solid #b00020;padding:.5rem 1rem;overflow-x:auto}"
)


class Preview:
    """The builder and what the browser is shown: the last build, or the problems stopping the next one."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.problems: tuple[Problem, ...] = ()
        self.failure = ""
        self.pending = False
        self.built = False
        self.reloads = 0
        self.served: dict[str, int] = {}
        """The number of reloads sent before each page address was last served."""

    @property
    def broken(self) -> bool:
        return bool(self.problems or self.failure)

    def changed(self) -> None:
        """One rebuild shortly after a change, however many files changed."""
        if not self.pending:
            self.pending = True
            IOLoop.current().add_callback(self.rebuild)

    def rebuild(self) -> None:
        """Rebuild, log what happened and reload the browser if what it shows changed."""
        self.pending, was_broken = False, self.broken
        try:
            result = self.builder.rebuild(_progress(time.perf_counter()))
        except Exception:
            self.failure = traceback.format_exc()
            print(self.failure, file=sys.stderr, flush=True)
            self.reload("*")
            return
        if self.built and not result.changes and not self.failure:
            return  # the watcher reports a burst of saves one file per look; the first rebuild took them all
        self.failure, self.problems = "", result.problems
        _log(result, not self.built, self.builder.content)
        self.built = True
        if was_broken or self.broken or result.touched:
            self.reload(_reload_path(result, was_broken or self.broken))

    def reload(self, path: str) -> None:
        """Tell every connected page; a page still loading connects later and is told by `stale`."""
        self.reloads += 1
        LiveReloadHandler.reload_waiters(path)

    def stale(self, address: str) -> bool:
        """Whether the page at `address` was served before the latest reload, which it then missed."""
        return self.served.get(urllib.parse.urlsplit(address).path, self.reloads) < self.reloads


def _reload_path(result: Rebuild, errors_shown: bool) -> str:
    """A stylesheet's path reloads just the styles; '*' reloads the page."""
    styles_only = result.touched and all(file.endswith(".css") for file in result.touched)
    return result.touched[0] if styles_only and not errors_shown else "*"


def _log(result: Rebuild, first: bool, content: Path) -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    print(time.strftime("%H:%M:%S"), printable(result.summary(first)), flush=True)
    lines = SourceLines(content)
    for problem in result.problems:
        print(format_problem(problem, lines), file=sys.stderr, flush=True)


def _progress(began: float) -> Progress:
    """A counter on a terminal once a build has taken a second; nothing when output goes to a file or a pipe."""

    def report(stage: str, done: int, total: int) -> None:
        if sys.stderr.isatty() and time.perf_counter() - began > 1:
            print(f"\r\033[K{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)

    return report


class FileEvents(Watcher):
    """The folders livereload is told to watch, watched through the system's file events (watchfiles):
    a save is noticed as it happens, however large the site, instead of by looking over every file.

    livereload would reload the browser before the rebuild and skip saves less than 3 s apart, so the
    Preview reloads it after each rebuild, and this watcher only calls the watch tasks."""

    def __init__(self) -> None:
        super().__init__()
        self.stopped = threading.Event()
        self.tasks: dict[str, Callable[[], object]] = {}

    def watch(
        self,
        path: str,
        func: Callable[[], object] | None = None,
        delay: float = 0,
        ignore: Callable[[str], bool] | None = None,
    ) -> None:
        super().watch(path, func, delay, ignore)
        if func is not None:
            self.tasks[os.path.abspath(path)] = func

    def start(self, callback: Callable[[], None]) -> bool:
        loop = IOLoop.current()
        folders = [path for path in self.tasks if Path(path).is_dir()]
        thread = threading.Thread(target=self._watch, args=(loop, folders), name="file-events", daemon=True)
        thread.start()
        return True

    def stop(self) -> None:
        self.stopped.set()

    def _watch(self, loop: IOLoop, folders: list[str]) -> None:
        def wanted(change: watchfiles.Change, path: str) -> bool:
            return not _is_litter(path)

        batches = watchfiles.watch(
            *folders,
            watch_filter=wanted,
            step=EVENT_STEP,
            stop_event=self.stopped,
            rust_timeout=1000,
            raise_interrupt=False,
            ignore_permission_denied=True,
        )
        for batch in batches:
            loop.add_callback(self._run_tasks, {path for _, path in batch})

    def _run_tasks(self, paths: set[str]) -> None:
        changed = {os.path.abspath(path) for path in paths}
        for folder, task in self.tasks.items():
            if any(path == folder or path.startswith(folder + os.sep) for path in changed):
                task()


class Addresses:
    """Where the preview may be reached: its own address and this computer's names for itself, on its port.

    Checking the Host header and the WebSocket Origin is what stops a web page elsewhere from reading
    the preview through a name of its own that it points at 127.0.0.1 (DNS rebinding). When the preview
    listens beyond this computer, any numeric address is accepted too: rebinding needs a name.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host.strip("[]").lower(), port
        self.numeric = not _is_loopback(host)

    def allows(self, authority: str) -> bool:
        """Whether `host[:port]` (a Host header, or an Origin's) names this preview."""
        name, port = _split_authority(authority)
        if port != self.port:
            return False
        if name in LOCAL_NAMES or name == self.host or name.endswith(".localhost") or _is_loopback(name):
            return True
        return self.numeric and _is_address(name)

    def allows_origin(self, origin: str) -> bool:
        scheme, _, authority = origin.partition("://")
        return scheme in ("http", "https") and self.allows(authority.split("/", 1)[0])


def _split_authority(authority: str) -> tuple[str, int | None]:
    """("example.org", 8000) from "example.org:8000"; an absent port is HTTP's 80."""
    authority = authority.strip().lower()
    if authority.startswith("["):
        name, _, rest = authority[1:].partition("]")
        port_text = rest.removeprefix(":")
    else:
        name, _, port_text = authority.partition(":")
    if not port_text:
        return name, 80
    return (name, int(port_text)) if port_text.isdigit() else (name, None)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class LocalOnly(web.RequestHandler):
    """Answers only requests addressed to the preview itself; anything else gets 403 and no content."""

    addresses: Addresses

    def prepare(self) -> None:
        if not self.addresses.allows(self.request.host):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("This preview answers only at its own address.\n")


class ReloadSocket(LocalOnly, LiveReloadHandler):
    """The reload channel: only the preview's own pages may open it."""

    preview: Preview

    def check_origin(self, origin: str) -> bool:
        return self.addresses.allows_origin(origin)

    def on_message(self, message: str | bytes) -> None:
        """After the handshake, a page that missed a reload while it loaded is reloaded at once."""
        super().on_message(message)
        address = json.loads(message).get("url")
        if isinstance(address, str) and self in LiveReloadHandler.waiters and self.preview.stale(address):
            self.write_message({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})


class ReloadScript(LocalOnly, LiveReloadJSHandler):
    """livereload's browser script."""


class PreviewServer(livereload.Server):
    """livereload's server reduced to what the preview uses: pages, the reload script and its channel.

    Its `/forcereload` address is left out: nothing here uses it, and any page could call it."""

    addresses: Addresses
    preview: Preview

    def application(
        self, port: int, host: str, liveport: int | None = None, debug: bool | None = None, live_css: bool = True
    ) -> None:
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()
        local = {"addresses": self.addresses, "preview": self.preview}
        handlers: list[tuple[str, type[web.RequestHandler], dict[str, Any]]] = [  # tornado: untyped settings
            (r"/livereload", type("Socket", (ReloadSocket,), local), {}),
            (r"/livereload.js", type("Script", (ReloadScript,), local), {}),
            *self.get_web_handlers(script),
        ]
        injector = type("Injector", (LiveScriptInjector,), {"script": script})
        web.Application(handlers=handlers, transforms=[injector]).listen(port, address=host)


class PageHandler(LocalOnly, StaticFileHandler):
    """Serves the scratch folder, or the problems in place of every page while there are any."""

    preview: Preview

    async def get(self, path: str, include_body: bool = True) -> None:
        if _is_page(path):
            self.preview.served[self.request.path] = self.preview.reloads
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

    def write_error(self, status_code: int, **kwargs: Any) -> None:  # tornado's own signature
        """With a <head>, so the reload script comes along and a page that appears later is shown."""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(_html(f"{status_code} {self._reason}", "<p>Nothing is built at this address (yet).</p>"))


def _is_page(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name == "" or name.endswith(".html") or "." not in name


def problems_page(preview: Preview) -> str:
    """Every problem as the terminal shows it, with the offending line; or the failure, which is a bug."""
    if preview.failure:
        return _html(
            "The preview failed",
            "<p>This is a bug in the site generator, not a mistake in the "
            f"content. Saving a file tries again.</p><pre>{html.escape(printable_lines(preview.failure))}</pre>",
        )
    count = len(preview.problems)
    lines = SourceLines(preview.builder.content)
    items = "".join(
        f"<li><pre>{html.escape(format_problem(p, lines))}</pre></li>" for p in preview.problems[:PAGE_PROBLEMS]
    )
    more = f"<p>… and {count - PAGE_PROBLEMS:,} more, listed in the terminal.</p>" if count > PAGE_PROBLEMS else ""
    return _html(
        f"{count:,} problem{'s'[: count != 1]} to fix",
        f"<p>Fix and save; the page comes back by itself.</p><ol>{items}</ol>{more}",
    )


def _html(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def serve(content: Path, host: str, port: int, open_browser: bool) -> None:
    """Preview `content` with drafts at http://host:port/ until Ctrl-C, or SIGINT from a script that
    started it in the background, where the shell starts it with SIGINT ignored."""
    if not content.is_dir():
        raise UsageError(f"no content folder at {content}/ (choose one with --content DIR)")
    if not 0 < port < 65536:
        raise UsageError(f"--port must be a number from 1 to 65535, not {port}")
    preview = Preview(Builder(content, SCRATCH))
    watcher = FileEvents()
    server = PreviewServer(watcher=watcher)
    server.addresses, server.preview = Addresses(host, port), preview
    server.SFH = type("Handler", (PageHandler,), {"preview": preview, "addresses": server.addresses})
    for folder in (content, pipeline.TEMPLATES, pipeline.ASSETS):
        server.watch(str(folder), preview.changed, ignore=_is_litter)
    logging.getLogger("livereload").addFilter(lambda record: record.levelno >= logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
    IOLoop.current().add_callback(_start, preview, content, host, port)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server.serve(port=port, host=host, root=str(SCRATCH), open_url_delay=0 if open_browser else None)
    except OSError as error:
        raise UsageError(_cannot_listen(error, host, port)) from None
    finally:
        watcher.stop()
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
        print(
            f"Warning: listening on {host}, so anyone who can reach this computer can read your drafts; "
            "leave out --host to keep the preview private.",
            file=sys.stderr,
            flush=True,
        )


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
