"""`site.py new KIND ID` and `site.py new site`: a skeleton that check accepts, that editors can validate, and
that never clobbers an id or a site.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import PIL.Image
import pytest

from onrecord import kinds, pipeline
from onrecord.errors import ContentErrors

FILLED_IDS = {"entity": "acme", "source": "acme-letter", "fact": "acme-pledge"}
"""What each kind of placeholder id is filled in with; a comparison's right side gets another fact."""
URL_PLACEHOLDER = '"TODO: where readers can find it; http or https only"'


@pytest.fixture
def content(tmp_path: Path, make_site: Callable[[Path, dict[str, str]], Path], valid_files: dict[str, str]) -> Path:
    return make_site(tmp_path, valid_files)


@pytest.mark.parametrize("kind", [kind for kind in kinds.names() if kind not in ("sources", "images")])
def test_a_new_draft_passes_check_as_written_and_with_drafts_once_filled_in(kind: str, content: Path, cli) -> None:
    run = cli("new", kind, "fresh-one", cwd=content.parent)
    assert run.code == 0, run.err
    path = content.parent / run.out.strip()
    assert path.parent == content / kind and path.stem == "fresh-one"
    assert "draft: true" in path.read_text(encoding="utf-8")
    assert pipeline.check(content).records.keys().isdisjoint({"fresh-one"})
    try:
        pipeline.check(content, drafts=True)
    except ContentErrors as unfilled:
        assert all(p.location.path == str(path) and "todo-" in p.message for p in unfilled.problems)
    fill_in(path)
    assert "fresh-one" in pipeline.check(content, drafts=True).records


def test_a_new_source_fails_check_until_it_has_a_real_address(content: Path, cli) -> None:
    path = content.parent / cli("new", "sources", "fresh-source", cwd=content.parent).out.strip()
    with pytest.raises(ContentErrors) as unfilled:
        pipeline.check(content)
    [problem] = unfilled.value.problems
    assert problem.location.path == str(path) and "not a web address" in problem.message
    url_line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("url:")))
        + 1
    )
    assert problem.location.line == url_line
    fill_in(path)
    assert "fresh-source" in pipeline.check(content).records


def test_a_new_image_fails_check_until_its_picture_is_saved_beside_it(content: Path, cli) -> None:
    path = content.parent / cli("new", "images", "fresh-picture", cwd=content.parent).out.strip()
    fill_in(path)
    with pytest.raises(ContentErrors) as unpictured:
        pipeline.check(content)
    [problem] = unpictured.value.problems
    assert problem.location.path == str(path) and "has no picture beside it" in problem.message
    PIL.Image.new("RGB", (640, 360), "navy").save(path.with_suffix(".jpg"))
    assert "fresh-picture" in pipeline.check(content).records


def with_ids(text: str) -> str:
    """The skeleton's placeholder ids and address replaced by real ones of the test site."""
    text = text.replace("todo-right-fact-id", "acme-reply").replace(URL_PLACEHOLDER, "https://news.example.com/found")
    return re.sub(r"todo-(?:[a-z0-9]+-)*?(entity|source|fact)-id", lambda found: FILLED_IDS[found[1]], text)


def fill_in(path: Path) -> None:
    """Do what the TODOs ask, with ids that exist in the test site, and publish."""
    text = with_ids(path.read_text(encoding="utf-8").replace("draft: true\n", ""))
    text = re.sub(r'"TODO: (?:[^"\\]|\\.)*"', '"Filled in by the author"', text).replace("date: TODO ", "date: 2020 ")
    path.write_text(text.replace("TODO: the story", "The story"), encoding="utf-8")


def test_publishing_a_skeleton_without_filling_it_in_is_refused(content: Path, cli) -> None:
    path = content.parent / cli("new", "pledges", "fresh-pledge", cwd=content.parent).out.strip()
    path.write_text(with_ids(path.read_text(encoding="utf-8").replace("draft: true\n", "")), encoding="utf-8")
    with pytest.raises(ContentErrors) as unfilled:
        pipeline.check(content)
    messages = [p.message for p in unfilled.value.problems]
    assert "date: placeholder 'TODO' is still here" in messages
    assert any(m.startswith("title: placeholder 'TODO:") for m in messages)


def test_the_first_line_points_editors_at_the_kind_schema(content: Path, cli) -> None:
    path = content.parent / cli("new", "pledges", "fresh-pledge", cwd=content.parent).out.strip()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/pledges.schema.json"
    story = content.parent / cli("new", "stories", "fresh-story", cwd=content.parent).out.strip()
    assert story.read_text(encoding="utf-8").splitlines()[:2] == [
        "---",
        "# yaml-language-server: $schema=../../schemas/stories.schema.json",
    ]


def test_an_id_used_anywhere_in_the_site_is_refused(content: Path, cli) -> None:
    before = (content / "entities" / "acme.yaml").read_text(encoding="utf-8")
    run = cli("new", "pledges", "acme", cwd=content.parent)
    assert run.code == 2
    assert "'acme' is already used by content/entities/acme.yaml" in run.err
    assert not (content / "pledges" / "acme.yaml").exists()
    assert (content / "entities" / "acme.yaml").read_text(encoding="utf-8") == before


def test_an_invalid_id_is_refused_with_a_suggestion(content: Path, cli) -> None:
    run = cli("new", "pledges", "Acme Pledge 2020", cwd=content.parent)
    assert run.code == 2
    assert "'Acme Pledge 2020' is not a valid id" in run.err and "'acme-pledge-2020'" in run.err
    assert not list(content.rglob("*Acme*"))


def test_an_unknown_kind_is_refused_with_the_closest_kind(content: Path, cli) -> None:
    run = cli("new", "pledge", "fresh-one", cwd=content.parent)
    assert (run.code, run.out) == (2, "")
    assert "unknown kind 'pledge'" in run.err and "did you mean 'pledges'?" in run.err


def test_an_id_too_long_for_a_file_name_is_refused_before_anything_is_written(content: Path, cli) -> None:
    before = sorted(content.rglob("*"))
    run = cli("new", "pledges", "a" * 300, cwd=content.parent)
    assert (run.code, run.out) == (2, "")
    assert run.err == "site.py: the id is 300 characters long; an id may have at most 100\n"
    assert sorted(content.rglob("*")) == before


SITE_FILLED_IN = {
    "site name": "Test Desk",
    "one line under the name": "Promises and records, side by side.",
    "address the site is published at, may include a sub-path": "https://news.example.org/desk/",
    "BCP 47 language tag, e.g. en-GB": "en-GB",
    "who publishes the site": "Test Desk",
    "licence of the content, e.g. CC BY 4.0": "CC BY 4.0",
}


def test_a_new_site_gets_a_site_yaml_that_check_accepts_once_filled_in(content: Path, cli) -> None:
    (content / "site.yaml").unlink()
    run = cli("new", "site", cwd=content.parent)
    assert run.code == 0, run.err
    path = content.parent / run.out.strip()
    assert path == content / "site.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/site.schema.json"
    with pytest.raises(ContentErrors) as unfilled:
        pipeline.check(content)
    assert {p.location.path for p in unfilled.value.problems} == {str(path)}
    for placeholder, value in SITE_FILLED_IN.items():
        text = text.replace(f'"TODO: {placeholder}"', f'"{value}"')
    path.write_text(text, encoding="utf-8")
    assert "TODO" not in text
    assert pipeline.check(content).site.title == "Test Desk"


def test_a_new_site_yaml_is_written_into_a_content_folder_it_makes(tmp_path: Path, cli) -> None:
    run = cli("new", "site", "--content", "desk", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "desk" / "site.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_a_second_new_site_is_refused_and_the_first_is_kept(content: Path, cli) -> None:
    before = (content / "site.yaml").read_text(encoding="utf-8")
    run = cli("new", "site", cwd=content.parent)
    assert (run.code, run.out) == (2, "")
    assert run.err == "site.py: content/site.yaml already exists; edit it there (a content folder has one site.yaml)\n"
    assert (content / "site.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    "args, says",
    [
        (["site", "my-site"], "site.yaml has no id: write 'site.py new site', without 'my-site'"),
        (["pledges"], "a new file needs an id: write 'site.py new pledges ID'"),
        (["sites"], "unknown kind 'sites' (did you mean 'site'?)"),
    ],
)
def test_new_says_when_an_id_is_missing_or_not_wanted(content: Path, cli, args: list[str], says: str) -> None:
    before = sorted(content.rglob("*"))
    run = cli("new", *args, cwd=content.parent)
    assert (run.code, run.out) == (2, "")
    assert says in run.err
    assert sorted(content.rglob("*")) == before
