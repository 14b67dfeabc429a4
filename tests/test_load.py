"""Reading content files: where every value was written, what is refused, and that nothing an author saves
crashes it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from onrecord import pipeline
from onrecord.errors import ContentErrors, Location, Problem, UsageError
from onrecord.load import RawDoc, StoredText, load_file, parse_yaml
from onrecord.validate import Record


@dataclass(frozen=True)
class Loaded:
    """A content folder as a build reads it, sorted out: site.yaml, the records, the stored texts, the problems."""

    site: RawDoc | None
    records: list[Record]
    texts: list[StoredText]
    problems: list[Problem]


def load_all(content: Path) -> Loaded:
    sources, problems = pipeline.read_all(content)
    site = next((source for source in sources if isinstance(source, RawDoc)), None)
    records = [source for source in sources if isinstance(source, Record)]
    texts = [source for source in sources if isinstance(source, StoredText)]
    return Loaded(
        site, records, texts, problems + [p for source in sources if isinstance(source, list) for p in source]
    )


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        parse_yaml(text, "f.yaml")
    return [str(p) for p in caught.value.problems]


def test_marks_point_at_keys_and_values_in_nested_lists() -> None:
    data, marks = parse_yaml(
        "title: T\nsources:\n  - id-one\n  - title: Inline\n    url: https://a.example\n", "f.yaml"
    )
    assert data["sources"][1]["url"] == "https://a.example"
    assert marks.value(("sources", 1, "url")) == Location("f.yaml", 5, 10)
    assert marks.key(("sources", 1, "url")) == Location("f.yaml", 5, 5)
    assert marks.value(("sources", 0)) == Location("f.yaml", 3, 5)


def test_a_missing_value_is_placed_at_its_nearest_written_parent() -> None:
    _, marks = parse_yaml("left:\n  excerpt: 2\n", "f.yaml")
    assert marks.value(("left", "fact")) == Location("f.yaml", 2, 3)


def test_dates_stay_as_written_rather_than_becoming_python_dates() -> None:
    data, _ = parse_yaml("date: 2020-06-08\nyear: 2020\n", "f.yaml")
    assert data == {"date": "2020-06-08", "year": 2020}


def test_text_marks_find_characters_inside_block_and_quoted_text() -> None:
    _, marks = parse_yaml('a: |\n    one\n    two [@x]\nb: "quoted [@y]"\nc: >\n  folded\n', "f.yaml")
    assert marks.text(("a",), 1, 4) == Location("f.yaml", 3, 9)
    assert marks.text(("b",), 0, 7) == Location("f.yaml", 4, 12)
    assert marks.text(("c",), 0, 0) == Location("f.yaml", 6, 3)


def test_duplicate_keys_are_refused_at_any_depth_naming_the_first_line() -> None:
    assert problems_of("name: A\ntype: company\nname: B\n") == [
        "f.yaml:3:1: duplicate field 'name' (it is already set on line 1; keep one)"
    ]
    assert problems_of("member_of:\n  - entity: a\n    role: CEO\n    role: CFO\n") == [
        "f.yaml:4:5: duplicate field 'role' (it is already set on line 3; keep one)"
    ]


def test_all_duplicate_keys_of_a_file_are_reported_together() -> None:
    assert len(problems_of("a: 1\na: 2\nb: 1\nb: 2\n")) == 2


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file() -> None:
    [problem] = problems_of('title: T\nsummary: "never closed\ndate: 2020\n')
    assert problem.startswith("f.yaml:2:10: YAML syntax error: found unexpected end of stream")


def test_story_front_matter_lines_count_from_the_top_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stories" / "s.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: T\ndate: 2020\n---\nFirst paragraph.\n", encoding="utf-8")
    doc = load_file("stories", path, "s.md", path.read_bytes())
    assert doc.marks.value(("date",)) == Location("s.md", 3, 7)
    assert doc.body == "First paragraph.\n"
    assert doc.body_line == 5


def test_a_story_saved_with_windows_line_endings_loads(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_bytes(b"---\r\ntitle: T\r\n---\r\nBody.\r\n")
    doc = load_file("stories", path, "s.md", path.read_bytes())
    assert doc.data == {"title": "T"}
    assert doc.body.strip() == "Body."


def test_editor_litter_and_hidden_folders_are_skipped_but_stray_folders_are_not(make_site, tmp_path: Path) -> None:
    content = make_site(
        tmp_path,
        {
            "entities/acme.yaml": "name: Acme\ntype: company\n",
            "entities/.acme.yaml.swp": "binary junk",
            "entities/acme.yaml~": "old copy",
            "entities/#acme.yaml#": "autosave",
            ".git/config": "[core]",
            "drafts/idea.yaml": "name: x\n",
        },
    )
    loaded = load_all(content)
    assert loaded.site is not None and [r.id for r in loaded.records] == ["acme"]
    assert [p.message for p in loaded.problems] == ["unknown content folder 'drafts'"]


def test_a_file_with_the_wrong_extension_is_refused(make_site, tmp_path: Path) -> None:
    content = make_site(tmp_path, {"entities/acme.yml": "name: Acme\ntype: company\n"})
    loaded = load_all(content)
    assert loaded.records == []
    assert [(p.message, p.hint) for p in loaded.problems] == [
        ("a file in entities/ must end in '.yaml'", "rename it to acme.yaml")
    ]


def test_a_source_may_keep_its_documents_text_beside_it(make_site, tmp_path: Path) -> None:
    content = make_site(tmp_path, {"sources/letter.txt": "Dear lawmakers,\n", "sources/memo.pdf": "title: Memo\n"})
    loaded = load_all(content)
    assert [(text.id, text.text, text.markdown) for text in loaded.texts] == [("letter", "Dear lawmakers,\n", False)]
    assert [(p.message, p.hint) for p in loaded.problems] == [
        (
            "a file in sources/ must end in '.yaml', or, for the document's stored text, in .txt or .md",
            "rename it to memo.yaml",
        )
    ]


def test_a_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no content folder"):
        load_all(tmp_path / "nowhere")


BAD_FILES = {
    "binary file": ("entities/logo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "file is not UTF-8 text"),
    "Latin-1 text": (
        "entities/cafe.yaml",
        "name: Caf\u00e9\ntype: company\n".encode("latin-1"),
        "file is not UTF-8 text",
    ),
    "UTF-16 text": ("entities/wide.yaml", "name: Wide\n".encode("utf-16"), "file is not UTF-8 text"),
    "list at top level": (
        "entities/list.yaml",
        b"- name: Acme\n- type: company\n",
        "expected 'field: value' lines at the top level",
    ),
    "plain text": ("entities/note.yaml", b"Just a note to self\n", "expected 'field: value' lines at the top level"),
    "story without front matter": (
        "stories/s.md",
        b"# A story\n\nNo front matter.\n",
        "a story must start with YAML front matter",
    ),
    "story front matter never closed": (
        "stories/s.md",
        b"---\ntitle: T\n",
        "a story must start with YAML front matter",
    ),
    "story front matter is a list": (
        "stories/s.md",
        b"---\n- a\n---\nBody\n",
        "expected 'field: value' lines at the top level",
    ),
    "empty file": ("entities/empty.yaml", b"", "missing required field 'name'"),
    "python object tag": (
        "entities/evil.yaml",
        b"name: !!python/object/apply:os.system ['true']\ntype: company\n",
        "YAML tags such as '!!python/object/apply:os.system' are not allowed",
    ),
    "python name tag": (
        "entities/evil.yaml",
        b"name: !!python/name:os.system x\ntype: company\n",
        "YAML tags such as '!!python/name:os.system' are not allowed",
    ),
    "unknown tag": (
        "entities/odd.yaml",
        b"name: !upper acme\ntype: company\n",
        "YAML tags such as '!upper' are not allowed",
    ),
    "control character": (
        "entities/bell.yaml",
        b"name: Ac\x07me\ntype: company\n",
        "YAML does not allow the control character U+0007",
    ),
    "NUL byte": (
        "entities/nul.yaml",
        b"name: Ac\x00me\ntype: company\n",
        "YAML does not allow the control character U+0000",
    ),
    "tab indentation": ("entities/tab.yaml", b"member_of:\n\t- entity: x\n", "YAML syntax error"),
    "undefined alias": (
        "entities/alias.yaml",
        b"name: *nothing\ntype: company\n",
        "YAML aliases such as '*nothing' are not allowed",
    ),
    "two documents": (
        "entities/two.yaml",
        b"name: A\ntype: company\n---\nname: B\n",
        "a file holds one YAML document, but another one starts here",
    ),
    "merge key": (
        "entities/merge.yaml",
        b"base: &b {type: company}\nname: M\n<<: *b\n",
        "YAML aliases such as '*b' are not allowed",
    ),
    "number as field name": (
        "entities/num.yaml",
        b"1: one\nname: A\ntype: company\n",
        "a field name must be plain text",
    ),
    "hostile nesting": (
        "entities/deep.yaml",
        b"name: " + b"[" * 400 + b"]" * 400 + b"\ntype: company\n",
        "nested more than",
    ),
    "huge number": (
        "entities/big.yaml",
        b"name: 1" + b"0" * 5000 + b"\ntype: company\n",
        "cannot read the number 100000000000…: it has 5,001 digits, and a number may have at most 30",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_input_is_a_clean_problem_never_a_crash(cli, make_site, tmp_path: Path, name: str) -> None:
    relative, data, says = BAD_FILES[name]
    content = make_site(tmp_path, {})
    (content / relative).parent.mkdir(parents=True, exist_ok=True)
    (content / relative).write_bytes(data)
    result = cli("check", "--content", str(content))
    assert result.code == 1, result.out
    assert says in result.err
    assert f"{content / relative}:" in result.err
