"""The preview keeps a page's view only when nothing it read changed: after any edit its views are fresh ones."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import yaml

from bench.generate import generate
from onrecord import pipeline, tracking
from onrecord.incremental import Builder
from onrecord.link import SiteGraph, link
from onrecord.tracking import Tracker, Views, Watching, alike, changes
from onrecord.validate import Record
from onrecord.views import PageSpec, pages
from onrecord.views.common import Context

EXAMPLE = Path(__file__).resolve().parent.parent / "content"


def make_builder(root: Path, content: Path) -> Builder:
    for folder, source in (("templates", pipeline.TEMPLATES), ("assets", pipeline.ASSETS)):
        shutil.copytree(source, root / folder)
    builder = Builder(content, root / ".serve", root / "templates", root / "assets")
    assert not builder.rebuild().problems
    return builder


def assert_views_fresh(builder: Builder, content: Path) -> None:
    """Every page the preview holds, view included, is the page a fresh build computes."""
    result = builder.rebuild()
    assert not result.problems, "\n".join(map(str, result.problems))
    kept = {page.url: page for page in builder.linked[1]}  # type: ignore[index]
    fresh = {page.url: page for page in pages(pipeline.load_graph(content, drafts=True))}
    assert kept.keys() == fresh.keys()
    assert [url for url in fresh if kept[url] != fresh[url]] == []


def change_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def first(content: Path, kind: str) -> Path:
    return sorted((content / kind).glob("*.*"))[0]


def unreferred(content: Path, kind: str) -> Path:
    graph = pipeline.load_graph(content, drafts=True)
    return next(Path(r.path) for r in graph.kinds[kind] if not graph.referrers.get(r.id))


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Builder, Path]:
    """A generated site big enough for timelines split by year, with a preview built over it."""
    content = tmp_path / "content"
    generate(content, 700)
    return make_builder(tmp_path, content), content


@pytest.mark.slow
def test_after_varied_edits_every_view_the_preview_keeps_is_a_fresh_one(corpus) -> None:
    builder, content = corpus
    pledge, entity = first(content, "pledges"), first(content, "entities")
    other_entity = sorted((content / "entities").glob("*.yaml"))[1].stem
    story = first(content, "stories")
    edits = [
        lambda: change_yaml(pledge, lambda d: d.update(summary="A summary edited in the preview.")),
        lambda: change_yaml(pledge, lambda d: d.update(date="2031-02-03")),
        lambda: change_yaml(first(content, "events"), lambda d: d.update(tags=[*d.get("tags", []), "brand-new"])),
        lambda: change_yaml(entity, lambda d: d.update(name="A Renamed Company")),
        lambda: change_yaml(pledge, lambda d: d.update(by=other_entity)),
        lambda: unreferred(content, "statements").unlink(),
        lambda: shutil.copy(first(content, "rulings"), content / "rulings" / "a-copied-ruling.yaml"),
        lambda: story.write_text(story.read_text(encoding="utf-8") + f"\n::fact {pledge.stem}\n", encoding="utf-8"),
        lambda: change_yaml(first(content, "contracts"), lambda d: d.update(draft=True)),
        lambda: change_yaml(content / "site.yaml", lambda d: d.update(title="A Renamed Desk")),
    ]
    for edit in edits:
        edit()
        assert_views_fresh(builder, content)


@pytest.mark.slow
def test_one_fact_edited_computes_only_a_few_views_again(corpus) -> None:
    builder, content = corpus
    change_yaml(first(content, "pledges"), lambda d: d.update(summary="A summary edited in the preview."))
    builder.rebuild()
    total = len(builder.linked[1])  # type: ignore[index]
    assert 0 < builder.views.computed < total / 10


@pytest.fixture
def example(tmp_path: Path) -> tuple[Builder, Path]:
    shutil.copytree(EXAMPLE, tmp_path / "content")
    return make_builder(tmp_path, tmp_path / "content"), tmp_path / "content"


def test_a_context_holding_more_than_its_memo_makes_every_view_computed_again(example, monkeypatch) -> None:
    setup = Context.__init__

    def with_index(self: Context, graph) -> None:
        setup(self, graph)
        self.index = {"made": "from the graph, read by no view's reads"}  # type: ignore[attr-defined]

    monkeypatch.setattr(Context, "__init__", with_index)
    builder, content = example
    change_yaml(first(content, "pledges"), lambda d: d.update(summary="A summary edited in the preview."))
    assert_views_fresh(builder, content)
    assert builder.views.computed == len(builder.linked[1])  # type: ignore[index]


def test_a_context_gaining_state_while_views_are_made_makes_every_view_computed_again(example, monkeypatch) -> None:
    setup, memo = Context.__init__, Watching.memo

    def with_cache(self: Context, graph) -> None:
        setup(self, graph)
        self.cache = {}  # type: ignore[attr-defined]

    def cached(self: Watching, family: str, key: str, make: Callable) -> object:
        return self.cache.setdefault((family, key), memo(self, family, key, make))  # type: ignore[attr-defined]

    monkeypatch.setattr(Context, "__init__", with_cache)
    monkeypatch.setattr(Watching, "memo", cached)
    builder, content = example
    change_yaml(first(content, "pledges"), lambda d: d.update(summary="A summary edited in the preview."))
    assert_views_fresh(builder, content)
    assert builder.views.computed == len(builder.linked[1])  # type: ignore[index]


def first_of(graph: SiteGraph, kind: str) -> Record:
    """A part that reads a kind's list but not inside the record it hands out."""
    return graph.kinds[kind][0]


def test_a_kept_part_handing_out_a_record_since_edited_gives_up_tracking() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    tracker = Tracker()
    tracker.shared(("first pledge", ""), partial(first_of, tracker.begin(graph, None), "pledges"))
    pledge = graph.kinds["pledges"][0]
    edited = dataclasses.replace(pledge, model=pledge.model.model_copy(update={"summary": "Edited."}))
    again = link(graph.site, [edited if r is pledge else r for r in graph.records.values()], drafts=True)
    watched = tracker.begin(again, changes(graph, again))
    kept = tracker.shared(("first pledge", ""), partial(first_of, watched, "pledges"))
    assert kept.id == pledge.id and not tracker.void
    assert kept.model.summary != "Edited."
    assert tracker.void


def test_a_page_whose_maker_holds_a_value_worked_out_while_listing_is_made_again_when_it_changes(
    example, monkeypatch
) -> None:
    listed = tracking.page_specs

    def with_count(graph, context):
        """The pages, and one showing a count its maker is handed rather than reads."""
        count = len(graph.kinds["pledges"])
        return [
            *listed(graph, context),
            PageSpec(url="count/", template="list.html", title="Count", description="", make=partial(str, count)),
        ]

    monkeypatch.setattr(tracking, "page_specs", with_count)
    _, content = example
    views = Views()
    views.update(pipeline.load_graph(content, drafts=True))
    shutil.copy(first(content, "pledges"), content / "pledges" / "one-more.yaml")
    shown = {page.url: page.view for page in views.update(pipeline.load_graph(content, drafts=True))}
    assert shown["count/"] == str(len(list((content / "pledges").iterdir())))


def test_makers_are_alike_when_they_run_the_same_code_over_equal_values() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    one, other = Context(graph), Context(graph)
    pledge, again = graph.kinds["pledges"][0], pipeline.load_graph(EXAMPLE, drafts=True).kinds["pledges"][0]

    def shown(*values: object) -> Callable[[], object]:
        return lambda: values

    assert alike(partial(pages, one, pledge, (2020, 1)), partial(pages, other, again, (2020, 1)))
    assert not alike(partial(pages, one, pledge, (2020, 1)), partial(pages, one, pledge, (2020, 2)))
    assert not alike(partial(pages, one, pledge), partial(pages, one, graph.kinds["pledges"][1]))
    assert alike(shown(one, "2020"), shown(other, "2020"))
    assert not alike(shown(one, "2020"), shown(one, "2021"))
    assert not alike(shown(one), lambda: one)


def test_the_watching_context_tells_who_refers_to_a_record_as_the_views_own_does() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    own, tracker = Context(graph), Tracker()
    watching = Watching(tracker.begin(graph, None), tracker)
    for record_id in graph.records:
        for kind in graph.kinds:
            assert [r.id for r in watching.referring(record_id, kind)] == [r.id for r in own.referring(record_id, kind)]
