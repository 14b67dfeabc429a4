"""The stage sequence: load -> validate -> link -> views -> render -> write. `check` stops before writing."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import drawings, search, write
from . import load as loading
from .errors import ContentErrors, Problem
from .link import SiteGraph, link
from .model import Filed
from .parallel import share
from .render import Renderer
from .validate import Record, validate_all, validate_site
from .views import Context, Page, PageSpec, made_files, page_specs, site_view

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = ROOT / "assets"


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the log line."""

    pages: int
    assets: int
    seconds: float
    warnings: tuple[Problem, ...] = ()
    search_seconds: float = 0.0
    """Of `seconds`, the time Pagefind took to index the site for search, while the other files were made."""


def load_graph(content: Path, drafts: bool = False) -> SiteGraph:
    """Read, validate and link the whole content folder; raise ContentErrors with every problem."""
    loaded = loading.load_all(content)
    records, invalid = validate_all(loaded.docs)
    return link_all(loaded.site, records, loaded.problems + invalid, drafts, loaded.texts)


def link_all(
    site_raw: loading.RawDoc | None,
    records: list[Record[Filed]],
    problems: list[Problem],
    drafts: bool,
    texts: Sequence[loading.StoredText] = (),
) -> SiteGraph:
    """Link validated records; raise ContentErrors with every problem so far and every broken reference."""
    site = None
    if site_raw is not None:
        try:
            site = validate_site(site_raw)
        except ContentErrors as errors:
            problems += errors.problems
    valid = {record.id for record in records}
    unreadable = frozenset(Path(p.location.path).stem for p in problems) - valid
    return link(site, records, drafts, unreadable, problems, texts)


def check(content: Path, drafts: bool = False) -> SiteGraph:
    """Everything a build does except writing: the content is good when this returns."""
    with _collector_paused():
        graph = load_graph(content, drafts)
        renderer = Renderer(TEMPLATES)
        ctx = Context(graph)
        specs = page_specs(ctx)
        share(specs, lambda part: len(render_pages(graph, [spec.page(ctx) for spec in part], renderer)))
        with drawings.using(drawings.Unset()):
            made_files(ctx, specs)
    return graph


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A build's objects all live until it ends, so the cycle collector's repeated sweeps over them
    (a third of loading time on a large site) would free nothing; forked processes inherit the pause."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pages(graph: SiteGraph, todo: list[Page], renderer: Renderer) -> list[tuple[str, bytes]]:
    """Render pages to (file path, bytes), in page order."""
    extra = {"site": site_view(graph)}
    return [(page.file, renderer.render(page, extra)) for page in todo]


def build(
    content: Path,
    out: Path,
    drafts: bool = False,
    templates: Path = TEMPLATES,
    assets: Path = ASSETS,
    waiting: Callable[[], None] = lambda: None,
) -> BuildReport:
    """Build the site into `out`; on any failure `out` is left exactly as it was.

    An `out` the build may not replace is refused before anything is read; `waiting` is told when
    another build into the same place must finish first."""
    started = time.perf_counter()
    output = write.Output(out, {"current": Path.cwd(), "content": content, "project": ROOT}, waiting)
    with _collector_paused():
        graph = load_graph(content, drafts)
        renderer = Renderer(templates)
        with output:
            staged = output.staged
            ctx = Context(graph)
            specs = page_specs(ctx)
            written = share(specs, lambda part: _render_and_write(ctx, part, renderer, staged))
            with search.Index(staged) as index:
                with drawings.using(drawings.Drawings(drawings.beside(output.real))) as drawn:
                    made = made_files(ctx, specs)
                    copied = write.copy_assets(assets, staged) + write.write_files(staged, made)
                indexing = index.finish()
            output.commit()
            drawn.prune()
    return BuildReport(written, copied, time.perf_counter() - started, graph.warnings, indexing)


def _render_and_write(ctx: Context, part: Sequence[PageSpec], renderer: Renderer, staged: Path) -> int:
    """One process's share of a build: prepare each page's view, render it and write it."""
    extra = {"site": site_view(ctx.graph)}
    return write.write_files(staged, ((spec.file, renderer.render(spec.page(ctx), extra)) for spec in part))
