"""The command line as authors meet it: exit statuses, exact problem lines, and no traceback for bad input."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).parent / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "expected.txt").is_file())
REQUIRED_CASES = {
    "malformed-yaml",
    "duplicate-key",
    "wrong-type",
    "unknown-field",
    "missing-required-field",
    "dangling-reference",
    "wrong-kind-reference",
    "duplicate-id",
    "impossible-date",
    "javascript-url",
    "id-with-dots",
    "id-upper-case",
    "draft-referenced",
    "three-faults",
    "image-without-alt",
    "image-missing-file",
    "image-remote-url",
}
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+: ")


def problem_lines(stderr: str) -> list[str]:
    """The `file:line:column: message` lines of a report, without the quoted source lines and carets."""
    return [line for line in stderr.splitlines() if PROBLEM_LINE.match(line)]


@pytest.mark.process
def test_check_passes_on_the_example_content(run_site) -> None:
    result = run_site("check")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err


def test_every_required_invalid_case_is_present() -> None:
    assert REQUIRED_CASES <= set(CASES)
    assert all((INVALID / case / "content").is_dir() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_invalid_content_reports_exactly_the_expected_problems(cli, case: str) -> None:
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = cli("check", "--content", "content", cwd=INVALID / case)
    assert result.code == 1, result.out + result.err
    assert problem_lines(result.err) == expected
    count = len(expected)
    assert f"{count} problem{'s' if count != 1 else ''} in " in result.err


def test_a_build_with_problems_exits_1_and_names_every_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = cli("build", "--content", "content", "--out", str(out), cwd=INVALID / "three-faults")
    assert result.code == 1
    assert [line.split(":", 1)[0] for line in problem_lines(result.err)] == [
        "content/entities/jo-bloggs.yaml",
        "content/pledges/acme-pledge.yaml",
        "content/sources/acme-memo.yaml",
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args, says",
    [
        (["publish"], "invalid choice: 'publish'"),
        ([], "the following arguments are required"),
        (["build", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["serve", "--port", "eighty"], "invalid int value: 'eighty'"),
    ],
)
def test_command_line_mistakes_exit_2(cli, args: list[str], says: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert says in result.err


@pytest.mark.parametrize("verb", ["check", "build"])
def test_a_missing_content_folder_is_a_usage_error(cli, tmp_path: Path, verb: str) -> None:
    result = cli(verb, "--content", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("site.py: ") and str(tmp_path / "nowhere") in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "build").exists()


@pytest.mark.process
def test_bad_files_exit_1_without_a_traceback_in_a_real_process(run_site, make_site, tmp_path: Path) -> None:
    content = make_site(tmp_path, {"entities/acme.yaml": "name: [unclosed\n"})
    (content / "sources").mkdir()
    (content / "sources" / "scan.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run_site("check", "--content", str(content))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert [line.split(":", 1)[0] for line in problem_lines(result.err)] == [
        str(content / "entities" / "acme.yaml"),
        str(content / "sources" / "scan.yaml"),
    ]
    assert result.err.rstrip().endswith("2 problems in 2 files; nothing was written.")


@pytest.mark.process
def test_a_python_without_the_project_libraries_says_how_to_run_site_py() -> None:
    """-S leaves site-packages out, so this Python has the standard library and the project, nothing more."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-S", str(ROOT / "site.py"), "check", "--drafts"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"site.py: {sys.executable} does not have ")
    assert "which site.py needs. Run 'make check', 'make build' or 'make serve'" in done.stderr
    assert done.stderr.rstrip().endswith("run: .venv/bin/python site.py check --drafts")


def test_build_writes_the_site_and_says_so(cli, make_site, valid_files, tmp_path: Path) -> None:
    content = make_site(tmp_path, valid_files)
    result = cli("build", "--content", str(content), "--out", str(tmp_path / "site"))
    assert result.code == 0, result.err
    assert (tmp_path / "site" / "index.html").is_file()
    assert re.match(r"Built \d+ pages", result.out)


def test_check_writes_nothing(cli, make_site, valid_files, tmp_path: Path) -> None:
    content = make_site(tmp_path, valid_files)
    before = sorted(tmp_path.rglob("*"))
    result = cli("check", "--content", str(content), cwd=tmp_path)
    assert result.code == 0, result.err
    assert sorted(tmp_path.rglob("*")) == before
