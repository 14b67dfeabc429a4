"""What a build reads: only regular files inside the content folder, never through a link out of it, never
blocking on a pipe; and what it prints of them never acts on the author's terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord import files, report
from onrecord.errors import ContentErrors
from onrecord.incremental import Builder
from onrecord.pipeline import ASSETS, TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
SECRET = "hunter2-never-print-me"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """site.py as its own process, with a secret in its environment that nothing may print."""
    return subprocess.run(
        [sys.executable, str(ROOT / "site.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ONRECORD_TEST_SECRET": SECRET},
    )


@pytest.fixture
def content(make_site, valid_files, tmp_path: Path) -> Path:
    return make_site(tmp_path, valid_files)


@pytest.mark.process
@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd"])
def test_a_link_to_a_file_outside_the_content_folder_is_refused_and_never_read(
    content: Path, tmp_path: Path, target: str
) -> None:
    (content / "sources" / "env.yaml").symlink_to(target)
    result = run("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "content/sources/env.yaml:1:1: this is a link to a file outside the content "
        "folder, so it is not read (copy the file into the content folder"
    )
    assert SECRET not in result.stderr and "root:" not in result.stderr
    assert result.stderr.count("\n") == 2, "nothing of the linked file is echoed"


@pytest.mark.process
def test_an_outside_yaml_file_or_folder_reached_by_a_link_is_not_published(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "memo.yaml").write_text(
        "title: Private memo\npublisher: Nobody\nurl: https://example.org/m\ntype: letter\n"
    )
    (content / "sources" / "memo.yaml").symlink_to(outside / "memo.yaml")
    (content / "events").symlink_to(outside)
    result = run("build", "--content", "content", "--out", "site", cwd=tmp_path)
    assert result.returncode == 1
    assert "content/events:1:1: this is a link to a folder, and links to folders are not followed" in result.stderr
    assert "content/sources/memo.yaml:1:1: this is a link to a file outside the content folder" in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.process
def test_a_link_within_the_content_folder_is_read(content: Path, tmp_path: Path) -> None:
    shared = content / ".shared"
    shared.mkdir()
    (shared / "acme-memo.yaml").write_text(
        "title: Acme memo\npublisher: Acme\nurl: https://example.org/memo\ntype: letter\n"
    )
    (content / "sources" / "acme-memo.yaml").symlink_to(Path("..") / ".shared" / "acme-memo.yaml")
    result = run("build", "--content", "content", "--out", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Acme memo" in (tmp_path / "site" / "sources" / "acme-memo" / "index.html").read_text()


@pytest.mark.process
def test_a_dangling_link_and_a_linked_sub_folder_are_problems_not_silent_skips(content: Path, tmp_path: Path) -> None:
    (content / "entities" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (content / "entities" / "more").symlink_to(content / "sources")
    result = run("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert lines == [
        "content/entities/gone.yaml:1:1: this is a link to a file that does not exist (remove the link or restore "
        "its target)",
        "content/entities/more:1:1: this is a link to a folder, and links to folders are not followed "
        "(move the folder itself here)",
    ]


@pytest.mark.process
@pytest.mark.parametrize("where", ["site.yaml", "sources/pipe.yaml"])
def test_a_named_pipe_is_refused_at_once_never_waited_on(content: Path, tmp_path: Path, where: str) -> None:
    (content / where).unlink(missing_ok=True)
    os.mkfifo(content / where)
    result = run("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert f"content/{where}:1:1: this is a named pipe, not a file, so it is not read" in result.stderr


def test_the_preview_does_not_freeze_on_a_named_pipe(content: Path, tmp_path: Path) -> None:
    (content / "site.yaml").unlink()
    os.mkfifo(content / "site.yaml")
    builder = Builder(content, tmp_path / ".serve", TEMPLATES, ASSETS)
    result = builder.rebuild()
    assert [p.message for p in result.problems] == ["this is a named pipe, not a file, so it is not read"]


@pytest.mark.process
def test_a_socket_in_the_content_folder_is_a_problem(content: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(content / "sources" / "sock.yaml"))
        result = run("check", "--content", "content", cwd=tmp_path)
    assert "content/sources/sock.yaml:1:1: this is a socket, not a file, so it is not read" in result.stderr


def test_reading_refuses_anything_but_a_regular_file_inside_its_folder(tmp_path: Path) -> None:
    root = files.real_folder(tmp_path)
    (tmp_path / "ok.yaml").write_text("a: 1\n")
    assert files.read_bytes(tmp_path / "ok.yaml", root) == b"a: 1\n"
    with pytest.raises(files.Unreadable, match="outside the content folder"):
        files.read_bytes(Path("/etc/hostname"), root)
    with pytest.raises(files.Unreadable, match="larger than 1 KiB"):
        (tmp_path / "big.yaml").write_bytes(b"x" * 2048)
        files.read_bytes(tmp_path / "big.yaml", root, files.Allowance(1024))


def test_problem_lines_are_echoed_from_the_content_folder_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from onrecord.errors import Location, Problem

    inside = tmp_path / "content" / "a.yaml"
    inside.parent.mkdir()
    inside.write_text("title: x\n")
    problems = [Problem(Location(str(inside), 1, 8), "inside"), Problem(Location("/etc/passwd", 1, 1), "outside")]
    report.print_problems(problems, sys.stderr, tmp_path / "content")
    err = capsys.readouterr().err
    assert "    title: x\n           ^" in err and "root:x:0" not in err


def test_each_file_is_read_once_however_many_problems_it_has(
    cli, make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unknown = "".join(f"field_{n}: value\n" for n in range(8000))
    content = make_site(tmp_path, {"entities/acme.yaml": "name: Acme\ntype: company\n" + unknown})
    reads: list[str] = []
    real_read = files.read_bytes
    monkeypatch.setattr(files, "read_bytes", lambda path, *args: reads.append(str(path)) or real_read(path, *args))
    result = cli("check", "--content", str(content))
    assert result.code == 1
    assert result.err.count("unknown field 'field_") == 8000
    assert result.err.rstrip().endswith("8000 problems in 1 file; nothing was written.")
    assert reads.count(str(content / "entities" / "acme.yaml")) == 2, "once to check it, once to quote it"


CONTROL_CASES = {
    "escape in YAML": (
        "entities/acme.yaml",
        'name: "Acme\\e]0;pwned\\a"\ntype: company\n',
        "content/entities/acme.yaml:1:12: this text contains the control character U+001B",
    ),
    "NUL escape": (
        "entities/acme.yaml",
        'name: "Ac\\0me"\ntype: company\n',
        "content/entities/acme.yaml:1:10: this text contains the control character U+0000",
    ),
    "C1 control escape": (
        "entities/acme.yaml",
        'name: "Ac\\x9bme"\ntype: company\n',
        "content/entities/acme.yaml:1:10: this text contains the control character U+009B",
    ),
    "raw escape in a story": (
        "stories/s.md",
        "---\ntitle: T\ndate: 2020\nsummary: S\nauthors: [A]\n---\nText \x1b[2J\x1b]0;title\x07 more.\n",
        "content/stories/s.md:7:6: this text contains the control character U+001B",
    ),
}


@pytest.mark.process
@pytest.mark.parametrize("case", CONTROL_CASES)
def test_control_characters_are_refused_however_written_and_never_reach_the_terminal(
    make_site, valid_files, tmp_path: Path, case: str
) -> None:
    relative, text, expected = CONTROL_CASES[case]
    make_site(tmp_path, {**valid_files, relative: text})
    result = run("build", "--content", "content", "--out", "site", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(expected)
    assert not [c for c in result.stderr if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0]
    assert not (tmp_path / "site").exists()


@pytest.mark.process
def test_a_file_name_with_control_characters_or_bad_bytes_is_printed_safely(content: Path, tmp_path: Path) -> None:
    (content / "entities" / "bad\x1b]0;x\x07.yaml").write_text("name: x\n")
    (content / "entities").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text("name: y\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "site.py"), "check", "--content", "content"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert "content/entities/bad\\x1b]0;x\\x07.yaml:1:1: 'bad\\x1b]0;x\\x07' is not a valid id" in err
    assert "content/entities/caf\\udce9.yaml:1:1: 'caf\\udce9' is not a valid id" in err
    assert "\x1b" not in err and "\x07" not in err


@pytest.mark.process
def test_a_story_saved_with_a_byte_order_mark_is_read(make_site, valid_files, tmp_path: Path) -> None:
    story = valid_files["stories/did-acme-keep-its-word.md"]
    content = make_site(tmp_path, valid_files)
    (content / "stories" / "did-acme-keep-its-word.md").write_bytes(b"\xef\xbb\xbf" + story.encode())
    result = run("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_problem_page_of_the_preview_survives_a_file_name_that_is_not_utf8(content: Path, tmp_path: Path) -> None:
    from onrecord import serve

    (content / "entities").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text("name: y\n")
    preview = serve.Preview(Builder(content, tmp_path / ".serve", TEMPLATES, ASSETS))
    preview.problems = preview.builder.rebuild().problems
    page = serve.problems_page(preview)
    assert "caf\\udce9.yaml" in page
    page.encode("utf-8")


def test_loading_a_file_that_vanished_is_a_problem_not_a_crash(content: Path) -> None:
    from onrecord import load, pipeline

    folder = load.ContentFolder(content)
    with pytest.raises(FileNotFoundError):
        folder.read(content / "entities" / "nobody.yaml")
    problems = pipeline.Sources().read(folder, "entities", content / "entities" / "nobody.yaml")
    assert isinstance(problems, list) and problems[0].message == "the file disappeared while it was being read"
    assert isinstance(ContentErrors(problems), ContentErrors)


def test_the_preview_shows_thousands_of_problems_on_a_page_of_bounded_size(make_site, tmp_path: Path) -> None:
    from onrecord import serve

    unknown = "".join(f"field_{n}: value\n" for n in range(5000))
    content = make_site(tmp_path, {"entities/acme.yaml": "name: Acme\ntype: company\n" + unknown})
    preview = serve.Preview(Builder(content, tmp_path / ".serve", TEMPLATES, ASSETS))
    preview.problems = preview.builder.rebuild().problems
    page = serve.problems_page(preview)
    assert "5,000 problems to fix" in page and "… and 4,800 more, listed in the terminal." in page
    assert page.count("<li>") == serve.PAGE_PROBLEMS
