"""Incremental rebuilds for the preview, correct by construction rather than by a list of dependencies.

Each file is read once per content hash, so only edited files are parsed and validated again (see
inputs.py). Every rebuild then links the whole site in memory and brings the page views up to date,
computing again only the views whose reads from the graph changed (see depends.py); a page is
rendered again only when its view, its title or one of its templates (with those it extends,
includes or imports) differs from the last build. Views are frozen dataclasses, so `==` tells. The
scratch folder ends up byte for byte as a full build with drafts would write it: only files whose
bytes changed are written, and files of pages that disappeared are deleted.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import jinja2
from jinja2 import meta

from . import drawings, pipeline, write
from . import load as loading
from .depends import Dependencies
from .errors import ContentErrors, Location, Problem
from .inputs import CHUNK, Entry, Inputs, Listing, Progress, digest, shown
from .link import SiteGraph
from .render import Renderer
from .views import Context, Page, SiteView, made_files, page_specs, site_view

References = tuple[str, ...] | None
"""The templates a template pulls in; None when it may pull in any."""
PageKey = tuple[bytes, SiteView, Page]
"""What a page's bytes depend on: its templates' fingerprint, the site's settings and its view."""


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did, for the log line and the reload; `problems` is empty when it succeeded."""

    changes: tuple[str, ...]
    rendered: int
    touched: tuple[str, ...]
    seconds: float
    render_seconds: float
    problems: tuple[Problem, ...] = ()

    def summary(self, first: bool = False) -> str:
        """What changed, how many pages were rendered again and how long it took; or how many problems."""
        what = "first build" if first else _listed(self.changes)
        if self.problems:
            return f"{what}: {_count(len(self.problems), 'problem')}, shown in the browser until fixed"
        pages = _count(self.rendered, "page") + (" rendered" if first else " re-rendered")
        return f"{what}: {pages}, {_count(len(self.touched), 'file')} updated in {self.seconds * 1000:.0f} ms"


def _listed(changes: tuple[str, ...]) -> str:
    if len(changes) <= 3:
        return ", ".join(changes) or "nothing changed"
    return f"{len(changes)} files changed ({', '.join(change.rsplit(' ', 1)[0] for change in changes[:2])}, ...)"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s'[: number != 1]}"


class Views:
    """The preview's page views, each kept from the last build while what it read is unchanged."""

    def __init__(self) -> None:
        self.dependencies = Dependencies()
        self.context: Context | None = None

    def update(self, graph: SiteGraph) -> list[Page]:
        """Every page of `graph` with its view; `computed` tells how many views were computed again."""
        ctx = self.context = Context(self.dependencies.begin(graph), self.dependencies)
        return [self.dependencies.memo(("page", spec), functools.partial(spec.page, ctx)) for spec in page_specs(ctx)]

    @property
    def computed(self) -> int:
        return self.dependencies.computed["page"]

    def made_files(self, pages: list[Page]) -> list[tuple[str, bytes]]:
        """The site's made files, from the context the pages' views were made in, so that every part of
        them whose reads did not change (a kind's data, a share card) is kept too."""
        assert self.context is not None, "made files follow the pages"
        return made_files(self.context, pages)


class Builder:
    """Keeps the last build in memory and brings the scratch folder up to date with the least work."""

    def __init__(
        self, content: Path, out: Path, templates: Path = pipeline.TEMPLATES, assets: Path = pipeline.ASSETS
    ) -> None:
        self.content, self.out, self.templates, self.assets = content, out, templates, assets
        self.folder = loading.ContentFolder(content)
        self.scratch = write.Scratch(out)
        self.folders = Listing(content)
        self.sources: Inputs[pipeline.Source] = Inputs(pipeline.read_source, self.folder.read, refused=_itself)
        self.layouts = Inputs(_template_refs)
        self.files = Inputs(_bytes)
        self.renderer, self.renderer_key = Renderer(templates), frozenset[tuple[str, bytes]]()
        self.listing: tuple[list[tuple[str, Path]], list[Problem]] = ([], [])
        self.linked: tuple[SiteGraph, list[Page]] | list[Problem] | None = None
        self.views = Views()
        self.shown: dict[str, tuple[PageKey, str]] = {}
        self.site: SiteView | None = None
        self.written: dict[str, bytes] = {}
        self.drawings = drawings.Drawings(drawings.beside(out))

    def rebuild(self, progress: Progress | None = None) -> Rebuild:
        """Bring the scratch folder up to date; content and template problems are returned, never raised."""
        with _collector_paused():
            return self._rebuild(progress)

    def _rebuild(self, progress: Progress | None) -> Rebuild:
        started = time.perf_counter()
        self.renderer.fragments.age()
        content = self._read_content(progress)
        changes = content + self.layouts.refresh(_templates(self.templates)) + self.files.refresh(_assets(self.assets))
        try:
            graph, every = self._link(bool(content))
            todo, keys = self._stale(graph, every)
            render_started = time.perf_counter()
            rendered = self._render(graph, todo, progress)
        except ContentErrors as errors:
            return Rebuild(tuple(changes), 0, (), time.perf_counter() - started, 0.0, tuple(errors.problems))
        touched = self._write(every, rendered, keys)
        ended = time.perf_counter()
        return Rebuild(tuple(changes), len(rendered), touched, ended - started, ended - render_started)

    def _read_content(self, progress: Progress | None) -> list[str]:
        """Refresh the content files; a folder appearing or going where none belongs is a change too."""
        before = {problem.location.path for problem in self.listing[1]}
        self.listing = self.folders.files()
        files = {path: kind for kind, path in self.listing[0]}
        site = self.content / loading.SITE_FILE
        if os.path.lexists(site):
            files = {site: "site", **files}
        after = {problem.location.path for problem in self.listing[1]}
        folders = [f"{path} added" for path in sorted(after - before)]
        return self.sources.refresh(files, progress) + folders + [f"{path} removed" for path in sorted(before - after)]

    def _link(self, changed: bool) -> tuple[SiteGraph, list[Page]]:
        """The linked site and all its pages, computed again only when the content changed."""
        if changed or self.linked is None:
            self.linked = None
            try:
                graph = self._graph()
                self.linked = graph, self.views.update(graph)
            except ContentErrors as errors:
                self.linked = errors.problems
        if isinstance(self.linked, list):
            raise ContentErrors(self.linked)
        return self.linked

    def _graph(self) -> SiteGraph:
        """Link the cached records exactly as a full build with drafts would."""
        position = {path: index for index, (_, path) in enumerate(self.listing[0])}
        ordered = sorted(self.sources.entries.items(), key=lambda item: position.get(item[0], -1))
        read = [entry.value for _, entry in ordered]
        problems = list(self.listing[1])
        if not any(isinstance(source, loading.RawDoc) for source in read):
            problems += self._site_problems()
        return pipeline.link_sources(read, problems, True)

    def _site_problems(self) -> list[Problem]:
        try:
            loading.read_site(self.folder)
        except ContentErrors as errors:
            return errors.problems
        return []

    def _stale(self, graph: SiteGraph, every: list[Page]) -> tuple[list[Page], dict[str, PageKey]]:
        """Pages whose view, title, template or site settings differ from what the scratch folder shows."""
        prints = self._fingerprints({page.template for page in every})
        site = site_view(graph)
        if site == self.site:
            site = self.site  # the same object: each page's key then compares at a glance
        self.site = site
        keys = {page.url: (prints[page.template], site, page) for page in every}
        return [page for page in every if page.url not in self.shown or self.shown[page.url][0] != keys[page.url]], keys

    def _fingerprints(self, names: set[str]) -> dict[str, bytes]:
        """A hash of each template together with every template it may pull in."""
        digests = {label: entry.digest for label, entry in self._layouts()}
        refs = {label: entry.value for label, entry in self._layouts()}
        if frozenset(digests.items()) != self.renderer_key:
            self.renderer, self.renderer_key = Renderer(self.templates), frozenset(digests.items())
        return {
            name: digest(repr(sorted((n, digests.get(n)) for n in _reachable(name, refs))).encode()) for name in names
        }

    def _layouts(self) -> Iterable[tuple[str, Entry[References]]]:
        return ((path.relative_to(self.templates).as_posix(), entry) for path, entry in self.layouts.entries.items())

    def _render(self, graph: SiteGraph, todo: list[Page], progress: Progress | None) -> list[tuple[str, str, bytes]]:
        """(url, file, bytes) of each page in `todo`; a template error becomes a Problem at its line."""
        done: list[tuple[str, str, bytes]] = []
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            try:
                files = pipeline.render_pages(graph, chunk, self.renderer)
            except jinja2.TemplateError as error:
                raise ContentErrors([template_problem(error, self.templates)]) from None
            done += [(page.url, file, data) for page, (file, data) in zip(chunk, files, strict=True)]
            if progress:
                progress("Rendering pages", len(done), len(todo))
        return done

    def _write(
        self, pages: list[Page], rendered: list[tuple[str, str, bytes]], keys: dict[str, PageKey]
    ) -> tuple[str, ...]:
        """Make the scratch folder hold exactly the current pages, assets and made files; returns the files
        touched.

        The first time, whatever an earlier preview left there is cleared away.
        """
        if not self.written:
            self.scratch.claim()
        for url, file, _data in rendered:
            self.shown[url] = (keys[url], file)
        for gone in self.shown.keys() - keys.keys():
            del self.shown[gone]
        wanted = {file: (digest(data), data) for _, file, data in rendered}
        wanted.update(
            ("assets/" + path.relative_to(self.assets).as_posix(), (entry.digest, entry.value))
            for path, entry in self.files.entries.items()
        )
        with drawings.using(self.drawings):
            wanted.update((file, (digest(data), data)) for file, data in self.views.made_files(pages))
        self.drawings.prune()
        changed = {file: pair for file, pair in wanted.items() if self.written.get(file) != pair[0]}
        write.write_files(self.out, ((file, data) for file, (_, data) in changed.items()))
        self.written.update((file, digest) for file, (digest, _) in changed.items())
        kept = {file for _, file in self.shown.values()} | wanted.keys()
        removed = sorted(self.written.keys() - kept)
        for file in removed:
            del self.written[file]
            _remove(self.out, file)
        return tuple(sorted(changed)) + tuple(removed)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A rebuild makes millions of short-lived objects, and the cycle collector would scan the long-lived
    cache again and again on the way: on 10,000 files that added about 70% to each rebuild.

    What the rebuild kept is then counted as old at once (freezing and thawing moves it without a
    scan), so the first collection after it does not scan it all before the browser is told to reload.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _itself(problems: list[Problem]) -> pipeline.Source:
    return problems


def _bytes(path: Path, label: str, data: bytes) -> bytes:
    return data


def _templates(folder: Path) -> dict[Path, str]:
    if not folder.is_dir():
        return {}
    return {
        path: path.relative_to(folder).as_posix()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not loading.EDITOR_LITTER.search(path.name)
    }


def _assets(folder: Path) -> dict[Path, str]:
    """The files a full build copies from assets/, skipping what it skips."""
    found: dict[Path, str] = {}
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not _litter(name))
        found.update((Path(root, name), name) for name in sorted(names) if not _litter(name))
    return found


def _litter(name: str) -> bool:
    return any(fnmatch(name, pattern) for pattern in write.ASSET_LITTER)


def _template_refs(path: Path, name: str, data: bytes) -> References:
    return _references(data)


@functools.lru_cache(maxsize=256)
def _references(data: bytes) -> References:
    """Templates a template's text extends, includes or imports; None when it may pull in any of them.

    Worked out once per text: a preview started again, or another preview in the process, parses none again."""
    try:
        found = list(meta.find_referenced_templates(jinja2.Environment().parse(data.decode("utf-8"))))
    except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
        return None
    return None if None in found else tuple(ref for ref in found if ref is not None)


def _reachable(name: str, refs: dict[str, References]) -> set[str]:
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        found = refs.get(current, ())
        if found is None:
            return seen | refs.keys()
        todo.extend(found)
    return seen


def template_problem(error: jinja2.TemplateError, templates: Path) -> Problem:
    """Where in which template the error is, as a Problem an author can jump to."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return Problem(Location(shown(error.filename), error.lineno), f"template error: {error.message}")
    message = f"no template named '{error.name}'" if isinstance(error, jinja2.TemplateNotFound) else str(error)
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(templates.resolve())
    ]
    where = Location(shown(frames[-1].filename), frames[-1].lineno or 1) if frames else Location(shown(templates))
    return Problem(where, f"template error: {message}")


def _remove(root: Path, file: str) -> None:
    """Delete a file and the folders it leaves empty."""
    path = root / file
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root or not folder.is_relative_to(root) or any(folder.iterdir()):
            break
        folder.rmdir()
