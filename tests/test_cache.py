"""The build cache: after any change a build gives the bytes a cold build gives, and takes the rest from
the last output; a cache of another version, a damaged cache or a changed output file is never trusted."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from example_copy import ExampleCopy, files_in, first_line

from onrecord import cache, pipeline, search, write
from onrecord.errors import ContentErrors, EnvironmentFailure
from onrecord.pipeline import BuildReport

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Site(ExampleCopy):
    """A copy of the example with its own templates and assets, built again and again into `site/`."""

    colds: int = 0

    @property
    def out(self) -> Path:
        return self.root / "site"

    def build(self, out: Path | None = None, drafts: bool = False) -> BuildReport:
        return pipeline.build(
            self.content, out or self.out, drafts=drafts, templates=self.templates, assets=self.assets
        )

    def cold(self, drafts: bool = False) -> dict[str, bytes]:
        """What a build with nothing kept writes: into a new folder, so with a cache of its own."""
        self.colds += 1
        out = self.root / "cold" / str(self.colds)
        assert not cache.beside(out).exists()
        self.build(out, drafts)
        return files_in(out)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    ExampleCopy.made(tmp_path)
    built = Site(tmp_path)
    built.build()
    return built


def retitle(site: Site, relative: str, title: str) -> Callable[[], None]:
    path = site.content / relative
    return lambda: site.edit(f"content/{relative}", first_line(path, "title"), f"title: {title}")


def test_after_every_kind_of_change_a_warm_build_is_a_cold_build_byte_for_byte(site: Site) -> None:
    pledge = site.content / "pledges" / "ibm-2020-facial-recognition-pledge.yaml"
    story = min((site.content / "stories").glob("*.md"))
    steps: list[tuple[str, Callable[[], None], bool]] = [
        ("a fact edited", retitle(site, "pledges/ibm-2020-facial-recognition-pledge.yaml", "IBM edited"), True),
        ("an entity edited", lambda: site.edit("content/entities/ibm.yaml", "name: IBM", "name: I.B.M."), True),
        ("a source edited", retitle(site, min_name(site, "sources", ".yaml"), "A source retitled"), True),
        (
            "a story edited",
            lambda: site.edit(str(story.relative_to(site.root)), "\n\n", "\n\nAn added line.\n\n"),
            True,
        ),
        ("a fact renamed", lambda: site.rename(pledge, "ibm-pledge-renamed"), True),
        (
            "an entity added",
            lambda: shutil.copy(site.content / "entities" / "ibm.yaml", site.content / "entities" / "added.yaml"),
            True,
        ),
        ("a file deleted", lambda: (site.content / "entities" / "added.yaml").unlink(), True),
        ("a stylesheet edited", lambda: site.edit("assets/site.css", "", "/* edited */\n"), True),
        (
            "site.yaml edited",
            lambda: site.edit(
                "content/site.yaml", first_line(site.content / "site.yaml", "title"), "title: A Renamed Desk"
            ),
            False,
        ),
        (
            "a template edited",
            lambda: site.edit("templates/base.html", "</main>", "</main>\n<p>Edited base</p>"),
            False,
        ),
    ]
    for what, step, keeps_some in steps:
        step()
        report = site.build()
        assert files_in(site.out) == site.cold(), f"after {what}"
        assert (report.reused > 0) == keeps_some, f"after {what}: {report.reused} of {report.pages} pages kept"


def min_name(site: Site, folder: str, suffix: str) -> str:
    return f"{folder}/{min(path.name for path in (site.content / folder).glob('*' + suffix))}"


def test_an_unchanged_site_is_taken_whole_from_the_last_build(site: Site) -> None:
    before = {name: (site.out / name).stat().st_mtime_ns for name in files_in(site.out)}
    report = site.build()
    assert report.reused == report.pages and report.search_seconds == 0
    after = {name: (site.out / name).stat().st_mtime_ns for name in files_in(site.out)}
    made_again = {name for name in after if after[name] != before.get(name)}
    assert all(name.startswith("assets/") or name == write.MARKER for name in made_again), sorted(made_again)[:5]


def test_one_edited_fact_renders_only_the_pages_that_show_it(site: Site) -> None:
    retitle(site, "pledges/ibm-2020-facial-recognition-pledge.yaml", "IBM edited")()
    report = site.build()
    rendered = report.pages - report.reused
    assert 0 < rendered < report.pages / 2
    assert files_in(site.out) == site.cold()


def test_a_build_with_drafts_after_one_without_is_a_cold_build_with_drafts(site: Site) -> None:
    pledge = site.content / "pledges" / "ibm-2020-facial-recognition-pledge.yaml"
    (pledge.parent / "a-draft.yaml").write_text("draft: true\n" + pledge.read_text(encoding="utf-8"), encoding="utf-8")
    site.build()
    site.build(drafts=True)
    assert files_in(site.out) == site.cold(drafts=True)


def test_a_cache_of_another_version_of_the_templates_is_not_used(site: Site) -> None:
    site.edit("templates/base.html", "</body>", "<!-- another version -->\n</body>")
    report = site.build()
    assert report.reused == 0 and report.search_seconds > 0
    assert files_in(site.out) == site.cold()


@pytest.mark.parametrize("damage", ["garbage", "cut short", "same version, garbage after"])
def test_a_damaged_cache_is_ignored(site: Site, damage: str) -> None:
    kept = cache.beside(site.out) / cache.FILE
    data = kept.read_bytes()
    version = cache.version(site.root / "templates")
    damaged = {
        "garbage": os.urandom(len(data)),
        "cut short": data[: len(data) // 2],
        "same version, garbage after": version + os.urandom(64),
    }[damage]
    kept.write_bytes(damaged)
    report = site.build()
    assert report.reused == 0
    assert files_in(site.out) == site.cold()


def test_a_file_changed_in_the_last_output_is_made_again(site: Site) -> None:
    page = site.out / "pledges" / "ibm-2020-facial-recognition-pledge" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"IBM", b"Tampered", 1))
    index = next((site.out / "pagefind").glob("pagefind-entry.json"))
    index.write_text("{}", encoding="utf-8")
    report = site.build()
    assert page.read_bytes() == original
    assert report.reused == report.pages - 1 and report.search_seconds > 0
    assert files_in(site.out) == site.cold()


def test_a_build_never_writes_into_the_files_of_the_last_output(site: Site) -> None:
    """Kept files are the last output's own (linked): one made again after all is replaced, not written into,
    so a build that fails later leaves the old site as it was."""
    witnesses = {}
    for name in ("sitemap.xml", "robots.txt"):
        os.link(site.out / name, site.root / name)
        witnesses[name] = (site.root / name).stat().st_mtime_ns
    (site.out / "favicon.svg").write_text("<svg/>", encoding="utf-8")  # so the files made with it are made again
    site.build()
    assert {name: (site.root / name).stat().st_mtime_ns for name in witnesses} == witnesses
    assert files_in(site.out) == site.cold()


def test_the_cache_lies_beside_the_output_and_a_failed_build_leaves_none(
    make_site, valid_files, tmp_path: Path
) -> None:
    content = make_site(tmp_path, {**valid_files, "entities/acme.yaml": "name: Acme\ntype: nonsense\n"})
    with pytest.raises(ContentErrors):
        pipeline.build(content, tmp_path / "site")
    assert not (tmp_path / cache.FOLDER).exists()


@pytest.mark.process
def test_a_build_under_another_hash_seed_keeps_every_page(site: Site) -> None:
    """What a build notes is the same in any process: a set's order, which the hash seed decides, never shows."""
    for seed in ("1", "2"):
        shown = subprocess.run(
            [sys.executable, "site.py", "build", "--content", str(site.content), "--out", str(site.root / "seeded")],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    pages = re.search(r"Built (\d+) pages \((\d+) unchanged", shown)
    assert pages is not None and pages[1] == pages[2], shown


def test_the_replaced_site_waits_in_the_cache_folder_until_the_next_build(site: Site) -> None:
    replaced = cache.beside(site.out) / cache.REPLACED
    site.build()
    assert (replaced / write.MARKER).is_file() and not any(site.root.glob(".site.*"))
    (replaced / "left-by-an-earlier-build").write_text("gone after the next build", encoding="utf-8")
    site.build()
    assert not (replaced / "left-by-an-earlier-build").exists()
    assert files_in(site.out) == site.cold()


def test_a_build_that_fails_after_saving_the_cache_misleads_no_later_build(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is saved while Pagefind indexes: when the index then fails, what it noted of the staged
    files matches no file of the old site but those it kept, which are the same."""
    retitle(site, "pledges/ibm-2020-facial-recognition-pledge.yaml", "IBM edited")()
    with monkeypatch.context() as patched:
        patched.setattr(search, "_executable", lambda: Path("/bin/false"))
        with pytest.raises(EnvironmentFailure):
            site.build()
    report = site.build()
    assert 0 < report.reused < report.pages
    assert files_in(site.out) == site.cold()
