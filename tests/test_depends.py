"""The dependency layer: the preview keeps a page's view only when nothing it read changed, so after any edit
its views are fresh ones."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import yaml

from bench.generate import generate
from onrecord import kinds, pipeline
from onrecord.depends import Dependencies, changes
from onrecord.incremental import Builder, Views
from onrecord.link import SiteGraph, link
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


def a_fact_nothing_refers_to(content: Path) -> Path:
    graph = pipeline.load_graph(content, drafts=True)
    facts = (r for kind in kinds.fact_names() for r in graph.kinds[kind])
    return next(Path(r.path) for r in facts if not graph.referrers.get(r.id))


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


def test_one_edit_in_the_example_computes_again_only_the_pages_that_show_it(example) -> None:
    builder, content = example
    change_yaml(a_fact_nothing_refers_to(content), lambda d: d.update(summary="A summary edited in the preview."))
    assert_views_fresh(builder, content)
    assert 0 < builder.views.computed < len(builder.linked[1]) / 3  # type: ignore[index]


def edited(graph: SiteGraph, record: Record, **update: object) -> SiteGraph:
    """The graph linked again with `record`'s model changed as an author's edit would."""
    changed = dataclasses.replace(record, model=record.model.model_copy(update=update))
    records = [changed if r is record else r for r in graph.records.values()]
    return link(graph.site, records, drafts=True, pictures=tuple(graph.pictures.values()))


def summary_of(graph: SiteGraph, record_id: str) -> str:
    return str(graph.records[record_id].model.summary)


def test_a_result_is_computed_again_only_when_a_read_of_it_changed() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    one, other = graph.kinds["pledges"][:2]
    dependencies = Dependencies()
    read = dependencies.begin(graph)
    for record in (one, other):
        dependencies.memo(("summary", record.id), partial(summary_of, read, record.id))
    again = edited(graph, one, summary="Edited.")
    read = dependencies.begin(again)
    found = {r.id: dependencies.memo(("summary", r.id), partial(summary_of, read, r.id)) for r in (one, other)}
    assert found == {one.id: "Edited.", other.id: other.model.summary}
    assert dependencies.computed["summary"] == 1


def test_a_result_computed_again_to_an_equal_value_keeps_what_used_it() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    pledge = graph.kinds["pledges"][0]
    dependencies = Dependencies()

    def length(read: SiteGraph) -> int:
        return dependencies.memo(("length", ""), lambda: len(summary_of(read, pledge.id)))

    def shown(read: SiteGraph) -> str:
        return dependencies.memo(("shown", ""), lambda: f"{length(read)} characters")

    read = dependencies.begin(graph)
    length(read), shown(read)
    same_length = "x" * len(pledge.model.summary)
    read = dependencies.begin(edited(graph, pledge, summary=same_length))
    assert (length(read), shown(read)) == (len(same_length), f"{len(same_length)} characters")
    assert dependencies.computed == {"length": 1}
    read = dependencies.begin(edited(graph, pledge, summary="Shorter."))
    assert dependencies.memo(("shown", ""), lambda: f"{length(read)} characters") == "8 characters"
    assert dependencies.computed == {"length": 1, "shown": 1}


def test_a_kind_list_read_changes_when_a_record_in_it_does() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    pledge = graph.kinds["pledges"][0]
    changed = changes(graph, edited(graph, pledge, summary="Edited."))
    assert changed is not None
    assert {("records", pledge.id), ("kinds", "pledges"), ("records", None), ("kinds", None)} <= changed
    assert ("kinds", "statements") not in changed and ("records", graph.kinds["pledges"][1].id) not in changed


def test_a_page_declared_with_a_record_instead_of_its_id_is_refused() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    with pytest.raises(TypeError, match="by id"):
        PageSpec(url="x/", template="list.html", title="X", description="", draw=str, args=(graph.kinds["pledges"][0],))


def test_a_page_showing_what_its_arguments_say_is_made_again_when_they_change(example) -> None:
    _, content = example
    views = Views()
    views.update(pipeline.load_graph(content, drafts=True))
    shutil.copy(first(content, "pledges"), content / "pledges" / "one-more.yaml")
    shown = {page.url: page for page in views.update(pipeline.load_graph(content, drafts=True))}
    fresh = {page.url: page for page in pages(pipeline.load_graph(content, drafts=True))}
    assert shown["pledges/"] == fresh["pledges/"] and "pledges/one-more/" in shown


def test_the_views_context_tells_who_refers_to_a_record_as_the_graph_does() -> None:
    graph = pipeline.load_graph(EXAMPLE, drafts=True)
    dependencies = Dependencies()
    recorded = Context(dependencies.begin(graph), dependencies)
    for record_id in graph.records:
        for kind in graph.kinds:
            assert [r.id for r in recorded.referring(record_id, kind)] == [
                r.id for r in graph.referring(record_id, kind)
            ]
