"""Incremental rebuilds: after any edit the preview's output is a full build with drafts, and no more is redone."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
import PIL.Image
import pytest
from example_copy import ExampleCopy, files_in, first_line

from onrecord import kinds, pipeline
from onrecord import load as loading
from onrecord.incremental import Builder, Rebuild
from onrecord.render import Renderer
from onrecord.views import pages


@dataclass
class Site(ExampleCopy):
    """A copy of the example with its own templates and assets, and a preview builder over it."""

    builder: Builder

    def rebuild(self) -> Rebuild:
        result = self.builder.rebuild()
        assert not result.problems, "\n".join(map(str, result.problems))
        return result

    def full_build(self) -> dict[str, bytes]:
        out = self.root / "full"
        pipeline.build(self.content, out, drafts=True, templates=self.templates, assets=self.assets)
        # The preview makes no search index (its search page says so); a build does.
        return {name: data for name, data in files_in(out).items() if not name.startswith("pagefind/")}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    copy = ExampleCopy.made(tmp_path)
    built = Site(tmp_path, Builder(copy.content, tmp_path / ".serve", copy.templates, copy.assets))
    built.rebuild()
    return built


def served(site: Site) -> dict[str, bytes]:
    return files_in(site.root / ".serve")


def a_fact(site: Site, referred: bool) -> Path:
    """A fact file that other files do (or do not) refer to."""
    graph = pipeline.load_graph(site.content, drafts=True)
    for kind in kinds.fact_names():
        for record in graph.kinds[kind]:
            if bool(graph.referrers.get(record.id)) == referred:
                return Path(record.path)
    raise AssertionError(f"the example has no fact that {'is' if referred else 'is not'} referred to")


def test_after_edits_deletions_and_renames_the_output_is_a_full_build_byte_for_byte(site: Site) -> None:
    assert served(site) == site.full_build()
    referred, alone = a_fact(site, referred=True), a_fact(site, referred=False)
    steps = [
        lambda: site.edit(
            str(referred.relative_to(site.root)), first_line(referred, "title"), "title: A title edited in the preview"
        ),
        lambda: site.rename(referred, "renamed-in-the-preview"),
        lambda: alone.unlink(),
        lambda: shutil.copy(min((site.content / "entities").iterdir()), site.content / "entities" / "added.yaml"),
        lambda: site.edit(
            "content/site.yaml", first_line(site.content / "site.yaml", "title"), "title: A Renamed Desk"
        ),
        lambda: site.edit("templates/base.html", "</main>", "</main>\n<p>Edited base</p>"),
        lambda: site.edit("assets/site.css", "", "/* edited */\n"),
        lambda: (site.root / "assets" / "extra.js").write_text("// added\n"),
    ]
    for step in steps:
        step()
        site.rebuild()
        assert served(site) == site.full_build()


def test_a_picture_saved_again_rewrites_its_sizes_and_the_pages_that_show_it(site: Site) -> None:
    picture = next((site.content / "images").glob("*.png"))
    PIL.Image.new("RGB", (1000, 1000), "purple").save(picture)
    result = site.rebuild()
    assert f"{picture} changed" in " ".join(result.changes)
    written = served(site)
    assert written == site.full_build()
    sizes = sorted(name for name in written if name.startswith(f"images/{picture.stem}/") and name.endswith(".png"))
    assert [name.rsplit("-", 1)[1] for name in sizes] == ["1000.png", "400.png", "800.png"]
    assert f"{picture.stem}-1600.png" not in " ".join(written)
    assert 'width="1000" height="1000"' in written[f"stories/{first_story(site)}/index.html"].decode()


def test_a_site_switched_to_another_language_is_redrawn_whole_in_it(site: Site) -> None:
    site.edit("content/site.yaml", first_line(site.content / "site.yaml", "language"), "language: fr-FR")
    site.rebuild()
    written = served(site)
    assert written == site.full_build()
    assert (
        "Aller au contenu" in written["index.html"].decode() and "Skip to content" not in written["index.html"].decode()
    )


def first_story(site: Site) -> str:
    return next(path.stem for path in sorted((site.content / "stories").glob("*.md")) if "image:" in path.read_text())


def test_one_fact_edited_re_renders_only_pages_whose_output_changes(site: Site) -> None:
    fact = a_fact(site, referred=True)
    before = site.full_build()
    site.edit(str(fact.relative_to(site.root)), first_line(fact, "title"), "title: A title edited in the preview")
    after = site.full_build()
    result = site.rebuild()
    assert set(result.touched) == {name for name in after if before.get(name) != after[name]}
    assert fact.stem in " ".join(result.touched)
    assert result.rendered < len(after) / 2


def test_a_template_edit_re_renders_just_the_pages_drawn_with_it(site: Site) -> None:
    every = pages(pipeline.load_graph(site.content, drafts=True))
    used = {page.template for page in every}
    others = "".join(p.read_text() for p in (site.root / "templates").rglob("*.html"))
    leaf = next(name for name in sorted(used) if f'"{name}"' not in others and f"'{name}'" not in others)
    (site.root / "templates" / leaf).write_text((site.root / "templates" / leaf).read_text() + "{# edited #}\n")
    assert site.rebuild().rendered == sum(page.template == leaf for page in every) < len(every)
    drawn_with_base = [
        p for p in every if '{% extends "base.html" %}' in (site.root / "templates" / p.template).read_text()
    ]
    site.edit("templates/base.html", "</main>", "</main>\n<p>Edited base</p>")
    assert site.rebuild().rendered == len(drawn_with_base) > len(every) / 2


def test_a_stylesheet_edit_copies_the_stylesheet_and_renders_nothing(site: Site) -> None:
    site.edit("assets/site.css", "", "body { color: rgb(1, 2, 3); }\n")
    result = site.rebuild()
    assert (result.rendered, result.touched) == (0, ("assets/site.css",))
    assert served(site)["assets/site.css"].startswith(b"body { color: rgb(1, 2, 3); }")


def test_a_content_problem_keeps_the_output_and_clears_once_fixed(site: Site) -> None:
    fact = a_fact(site, referred=True)
    before = served(site)
    title = first_line(fact, "title")
    line = fact.read_text(encoding="utf-8").splitlines().index(title) + 1
    site.edit(str(fact.relative_to(site.root)), title, "title: Broken: on purpose")
    result = site.builder.rebuild()
    assert [(p.location.path, p.location.line) for p in result.problems] == [(str(fact), line)]
    assert served(site) == before
    site.edit(str(fact.relative_to(site.root)), "title: Broken: on purpose", title)
    assert site.rebuild().touched == ()
    assert served(site) == before


def test_a_template_problem_names_the_template_and_line(site: Site) -> None:
    base = site.root / "templates" / "base.html"
    lines = base.read_text().splitlines()
    at = lines.index(next(line for line in lines if "</main>" in line))
    base.write_text("\n".join([*lines[:at], "{{ view.no_such_field_anywhere }}", *lines[at:]]) + "\n")
    problems = site.builder.rebuild().problems
    assert len(problems) == 1 and problems[0].location.line == at + 1
    assert problems[0].location.path.endswith("templates/base.html")
    assert "no_such_field_anywhere" in problems[0].message
    base.write_text("\n".join([*lines[:at], "{% if %}", *lines[at:]]) + "\n")
    problems = site.builder.rebuild().problems
    assert [(p.location.path.endswith("base.html"), p.location.line) for p in problems] == [(True, at + 1)]


def test_editor_temporary_files_are_not_changes(site: Site) -> None:
    fact = a_fact(site, referred=True)
    for name in (f".{fact.name}.swp", f"{fact.name}~", f".#{fact.name}", "4913"):
        (fact.parent / name).write_text("not: [yaml")
    (site.root / "templates" / ".base.html.swp").write_text("{% if %}")
    (site.root / "assets" / "site.css~").write_text("body { color: red }")
    result = site.rebuild()
    assert (result.changes, result.touched) == ((), ())


def test_a_stray_folder_is_a_problem_until_it_is_removed(site: Site) -> None:
    (site.content / "notes").mkdir()
    result = site.builder.rebuild()
    assert [p.location.path for p in result.problems] == [str(site.content / "notes")]
    (site.content / "notes").rmdir()
    assert site.rebuild().problems == ()


def age(folder: Path) -> None:
    """Date every file and folder an hour back, so their stamps are old enough to be trusted."""
    hour_ago = time.time() - 3600
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (hour_ago, hour_ago), follow_symlinks=False)


def test_a_file_added_to_a_folder_unchanged_for_a_while_is_noticed(site: Site) -> None:
    age(site.content)
    site.rebuild()
    shutil.copy(min((site.content / "entities").iterdir()), site.content / "entities" / "added-later.yaml")
    assert any("added-later.yaml added" in change for change in site.rebuild().changes)
    assert served(site) == site.full_build()


def test_an_edit_in_place_does_not_list_the_folders_again(site: Site, monkeypatch) -> None:
    fact = a_fact(site, referred=True)
    age(site.content)
    site.rebuild()
    listings = []
    monkeypatch.setattr(loading, "find_files", lambda content: listings.append(content))
    site.edit(str(fact.relative_to(site.root)), first_line(fact, "title"), "title: A title edited in the preview")
    assert site.rebuild().changes and listings == []


def test_a_linked_file_whose_target_appears_later_is_noticed(site: Site, tmp_path: Path) -> None:
    target = site.content / ".kept-elsewhere" / "linked.yaml"
    (site.content / "entities" / "linked.yaml").symlink_to(target)
    age(site.content)
    site.rebuild()
    target.parent.mkdir()
    target.write_text("name: An Entity Kept Elsewhere\ntype: company\n")
    site.rebuild()
    assert served(site) == site.full_build()
    assert "entities/linked/index.html" in served(site)


def test_templates_are_compiled_once_per_version_of_their_text(tmp_path: Path, monkeypatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(pipeline.TEMPLATES, templates)
    compiled: list[str | None] = []
    compile_source = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        compiled.append(name)
        return compile_source(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    Renderer(templates).env.get_template("home.html")
    assert "home.html" in compiled
    compiled.clear()
    Renderer(templates).env.get_template("home.html")
    assert compiled == []
    (templates / "home.html").write_text((templates / "home.html").read_text() + "\n{# edited #}\n")
    Renderer(templates).env.get_template("home.html")
    assert compiled == ["home.html"]
