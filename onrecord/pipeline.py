"""The stage sequence: load -> validate -> link -> views -> render -> write. `check` stops before writing."""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from . import cache, drawings, reuse, search, translation, write
from . import load as loading
from .depends import Key
from .errors import ContentErrors, Problem
from .link import SiteGraph, link
from .model import Filed
from .parallel import share
from .render import Renderer
from .validate import Record, validate_record, validate_site
from .views import OUTPUTS, Context, MadeFiles, Page, PageSpec, made_files, page_specs, site_view

Source = Record[Filed] | loading.RawDoc | loading.StoredText | loading.Picture | list[Problem]
"""What a content file is read into: its record, site.yaml's document, a source's stored text, an image's
picture, or its problems."""
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
    reused: int = 0
    """Of `pages`, those taken as they were from the last build's output."""


class Sources:
    """Each content file read into its source (its record, site.yaml's document, a stored text or its
    problems), found under a digest of its kind, path and bytes: from the last build's when a cache has
    it, since a file's source follows from those alone. Likewise the linked graph follows from the
    sources in the order they were read, and drafts or not."""

    def __init__(self, last: object = None, linked: object = None) -> None:
        self.last: Mapping[bytes, Source] = last if isinstance(last, dict) else {}
        self.current: dict[bytes, Source] = {}
        self.digests: dict[str, bytes] = {}
        """Each file's digest, by its path as records give it, for telling whether a record changed."""
        self.last_linked = linked if isinstance(linked, tuple) and len(linked) == 2 else None
        self.linked: tuple[bytes, SiteGraph] | None = None
        self.refused = False

    def read(self, folder: loading.ContentFolder, kind: str, path: Path) -> Source:
        try:
            data = folder.read(path)
        except ContentErrors as errors:
            self.refused = True
            return errors.problems
        except FileNotFoundError:
            self.refused = True
            return [loading.unread(kind, path)]
        key = self.digests[str(path)] = cache.digest(b"\0".join((kind.encode(), bytes(path), data)))
        found = self.current.get(key) or self.last.get(key)
        if found is None:
            found = read_source(path, kind, data)
        self.current[key] = found
        return found

    def link(self, read: list[Source], problems: list[Problem], drafts: bool) -> SiteGraph:
        """The linked graph of what was read: the last build's, when it was linked from the same."""
        key = cache.digest(b"".join((b"drafts" if drafts else b"published", *self.current)))
        last = self.last_linked
        if last is not None and last[0] == key and not problems and not self.refused:
            self.linked = last
            return cast(SiteGraph, last[1])
        graph = link_sources(read, problems, drafts)
        self.linked = key, graph
        return graph


def read_source(path: Path, kind: str, data: bytes) -> Source:
    """A validated record, site.yaml's raw document, a stored text, or the file's problems."""
    try:
        if kind == "site":
            return loading.load_site(data, str(path))
        loaded = loading.load_any(kind, path, str(path), data)
        return loaded if isinstance(loaded, loading.StoredText | loading.Picture) else validate_record(loaded)
    except ContentErrors as errors:
        return errors.problems


def read_all(content: Path, sources: Sources | None = None) -> tuple[list[Source], list[Problem]]:
    """Every content file's source, site.yaml's first, and the problems of the folder's own entries."""
    sources = sources or Sources()
    folder = loading.ContentFolder(content)
    found, problems = folder.files()
    read = [sources.read(folder, kind, path) for kind, path in (("site", content / loading.SITE_FILE), *found)]
    return read, problems


def load_graph(content: Path, drafts: bool = False, sources: Sources | None = None) -> SiteGraph:
    """Read, validate and link the whole content folder; raise ContentErrors with every problem."""
    sources = sources or Sources()
    return sources.link(*read_all(content, sources), drafts)


def link_sources(read: Iterable[Source], problems: list[Problem], drafts: bool) -> SiteGraph:
    """Link the files' sources, given in the order a build reads them: site.yaml, then each folder's files."""
    site: loading.RawDoc | None = None
    records: list[Record[Filed]] = []
    texts: list[loading.StoredText] = []
    pictures: list[loading.Picture] = []
    for source in read:
        if isinstance(source, list):
            problems += source
        elif isinstance(source, loading.RawDoc):
            site = source
        elif isinstance(source, loading.StoredText):
            texts.append(source)
        elif isinstance(source, loading.Picture):
            pictures.append(source)
        else:
            records.append(source)
    return link_all(site, records, problems, drafts, texts, pictures)


def link_all(
    site_raw: loading.RawDoc | None,
    records: list[Record[Filed]],
    problems: list[Problem],
    drafts: bool,
    texts: Sequence[loading.StoredText] = (),
    pictures: Sequence[loading.Picture] = (),
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
    graph = link(site, records, drafts, unreadable, problems, texts, pictures)
    if site_raw is not None and not translation.has_catalogue(graph.site.language):
        graph.warnings = tuple(sorted((*graph.warnings, _untranslated(site_raw, graph.site.language))))
    return graph


def _untranslated(site_raw: loading.RawDoc, language: str) -> Problem:
    """A language the interface has no catalogue for: the content may be in it, the interface's words not."""
    spoken = ", ".join(sorted({"en", *(path.stem for path in translation.LOCALES.glob("*.po"))}))
    return Problem(
        site_raw.marks.value(("language",)),
        f"the interface has no '{language}' catalogue, so pages give their own words (menus, headings, notes) "
        "in English",
        f"add onrecord/locales/{language.split('-')[0]}.po with make catalogues, or write one of: {spoken}",
        warning=True,
    )


def check(content: Path, drafts: bool = False) -> SiteGraph:
    """Everything a build does that can find a mistake in the content, writing nothing: stages 1-3, the
    list of pages, every template rendered with the site's own data (`samples`), and the files made from
    the whole site (feeds, data) but the share cards' pictures. Pages of one sort differ only in records
    that stages 1-3 have checked, so rendering each sort once is enough."""
    with _collector_paused():
        graph = load_graph(content, drafts)
        ctx = Context(graph)
        specs = page_specs(ctx)
        render_pages(graph, [spec.page(ctx) for spec in samples(specs)], Renderer(TEMPLATES))
        with drawings.using(drawings.Unset()):
            made_files(ctx, specs)
    return graph


def samples(specs: Iterable[PageSpec]) -> list[PageSpec]:
    """The first page of each sort: the same template, view maker and section of the site."""
    first: dict[tuple[str, object, str], PageSpec] = {}
    for spec in specs:
        first.setdefault((spec.template, spec.draw, spec.url.split("/", 1)[0]), spec)
    return list(first.values())


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
    another build into the same place must finish first. What the last build into `out` kept (cache.py)
    is used where it still holds, and what this one made is kept for the next: saved while Pagefind
    indexes, since what it notes of the staged files holds of the same files once swapped in, and
    means nothing (a stamp no file has) if the swap never comes."""
    started = time.perf_counter()
    protected = {"current": Path.cwd(), "content": content, "project": ROOT}
    output = write.Output(out, protected, waiting, keep_replaced=True)
    version = cache.version(templates)
    kept = cache.BuildCache(cache.beside(output.real), version)
    indexed = cache.BuildCache(cache.beside(output.real), version, search.CACHE_FILE)
    with _collector_paused():
        sources = Sources(kept.get("sources"), kept.get("graph"))
        graph = load_graph(content, drafts, sources)
        renderer = Renderer(templates)
        with output:
            staged, last = output.staged, output.real
            answers = reuse.Answers(graph, sources.digests)
            plan = reuse.Plan(kept.get(reuse.PART), cache.fingerprint(graph.site.model_dump()), answers)
            dependencies = reuse.Lasting(plan)
            ctx = Context(dependencies.begin(graph), dependencies)
            making = Making(ctx, dependencies, plan, staged, last)
            specs = page_specs(ctx)
            shares = share(specs, functools.partial(_make_pages, making, renderer))
            pages = [page for made, _ in shares for page in made]
            read = [(file, digest) for page in pages for file, digest, _ in page.files]
            with search.Index(staged, read, last, indexed.get(search.PART)) as index:
                copied = write.copy_assets(assets, staged)
                with drawings.using(drawings.Drawings(drawings.beside(last))) as drawn:
                    files = _make_files(making, specs, pages)
                kept.put("sources", sources.current)
                kept.put("graph", sources.linked)
                steps = {key: step for _, made in shares for key, step in made.items()} | dependencies.steps()
                kept.put(reuse.PART, plan.next([*pages, *files], steps, dependencies.lasting()))
                kept.save()
                indexing = index.finish()
            indexed.put(search.PART, index.noted())
            output.commit()
            drawn.prune()
            indexed.save()
    made = sum(len(part.files) for part in files)
    reused = sum(page.step is None for page in pages)
    seconds = time.perf_counter() - started
    return BuildReport(len(pages), copied + made, seconds, graph.warnings, indexing, reused)


@dataclass(frozen=True)
class Making:
    """What every part of one build is made with: the context views read, the dependencies that note
    their reads, the plan of what the last output holds, the staging folder and the last output."""

    ctx: Context
    dependencies: reuse.Lasting
    plan: reuse.Plan
    staged: Path
    last: Path


def _make_pages(
    making: Making, renderer: Renderer, part: Sequence[PageSpec]
) -> tuple[list[reuse.Made], dict[Key, reuse.Step]]:
    """One process's share of a build's pages, each kept or made (`_make_part`); with the step of each
    result the process made."""
    extra = {"site": site_view(making.ctx.graph)}
    writer = write.Writer(making.staged)
    made = [
        _make_part(
            making,
            writer,
            spec.file,
            cache.fingerprint(spec),
            functools.partial(_page, spec, making.ctx, renderer, extra),
        )
        for spec in part
    ]
    return made, making.dependencies.steps()


def _page(spec: PageSpec, ctx: Context, renderer: Renderer, extra: Mapping[str, object]) -> list[tuple[str, bytes]]:
    return [(spec.file, renderer.render(spec.page(ctx), extra))]


def _make_files(making: Making, specs: Sequence[PageSpec], pages: list[reuse.Made]) -> list[reuse.Made]:
    """The site's made files, each maker's kept or made (`_make_part`). A maker is given the list of
    pages too, so that list (the pages' specs, as their fingerprints tell) is what its files are made
    from besides the graph."""
    listed = cache.digest(b"".join(spec for _, spec in sorted((page.name, page.spec) for page in pages)))
    writer = write.Writer(making.staged)
    return [
        _make_part(
            making,
            writer,
            f"made/{maker.__name__}",
            cache.fingerprint((maker.__name__, listed)),
            functools.partial(_files_of, maker, making.ctx, specs),
        )
        for maker in OUTPUTS
    ]


def _make_part(
    making: Making, writer: write.Writer, name: str, spec: bytes, make: Callable[[], list[tuple[str, bytes]]]
) -> reuse.Made:
    """A part's files taken from the last build's output where the part holds; otherwise made, with
    what the making read, and written."""
    files = _kept(writer, making.last, making.plan.kept(name, spec))
    if files is not None:
        return reuse.Made(name, spec, None, files)
    written, reads, used = making.dependencies.traced(make)
    files = tuple((file, cache.digest(data), writer.write(file, data)) for file, data in written)
    return reuse.Made(name, spec, (reads, used), files)


def _files_of(maker: MadeFiles, ctx: Context, specs: Sequence[PageSpec]) -> list[tuple[str, bytes]]:
    return list(maker(ctx, specs))


def _kept(
    writer: write.Writer, last: Path, noted: tuple[reuse.Written, ...] | None
) -> tuple[reuse.Written, ...] | None:
    """A part's files kept from the last output, with their stamps here; None unless every one is as written."""
    if noted is None:
        return None
    files = []
    for file, digest, stamp in noted:
        now = writer.keep(last, file, stamp)
        if now is None:
            return None
        files.append((file, digest, now))
    return tuple(files)
