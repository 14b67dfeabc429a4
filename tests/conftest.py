"""Shared fixtures: tiny content folders written into tmp_path, the command line run in-process, the example
built once."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from preview import Preview, running_preview

from onrecord import pipeline, translation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content"
SITE_YAML = """\
title: Test Desk
tagline: Promises and records, side by side.
base_url: https://news.example.org/desk/on-the-record/
language: en-GB
publisher: Test Desk
licence: CC BY 4.0
"""

# A small site that makes each kind of reference a fact file can make; tests add or replace files.
VALID_FILES = {
    name: textwrap.dedent(text)
    for name, text in {
        "entities/acme.yaml": """\
        name: Acme Corp
        type: company
        """,
        "entities/jo-bloggs.yaml": """\
        name: Jo Bloggs
        type: person
        member_of:
          - entity: acme
            role: Chief executive
        """,
        "sources/acme-letter.yaml": """\
        title: Acme writes to lawmakers
        publisher: The Daily Record
        url: https://news.example.com/acme-letter
        type: news
        published: 2020-06-09
        """,
        "pledges/acme-pledge.yaml": """\
        title: Acme promises to stop selling face scanners
        date: 2020-06-08
        summary: Acme's chief executive said the company would stop selling face scanners.
        by: acme
        speakers: [jo-bloggs]
        quote: Acme no longer offers general purpose face scanners.
        context: A letter to lawmakers.
        sources: [acme-letter]
        """,
        "statements/acme-reply.yaml": """\
        title: Acme says the contract is not mass surveillance
        date: 2023-08~
        summary: Acme said its new contract has nothing to do with mass surveillance.
        by: acme
        quote: The contract is not used in mass surveillance.
        context: A statement to reporters.
        sources:
          - title: Acme answers its critics
            publisher: The Evening Post
            url: https://post.example.net/acme-answers
            type: news
            published: 2023-09
        """,
        "comparisons/pledge-vs-reply.yaml": """\
        title: The promise and the reply
        summary: Two things Acme said three years apart.
        left:
          fact: acme-pledge
        right:
          fact: acme-reply
        verdict: in-tension
        rationale: The reply narrows what the promise covered [@acme-letter].
        """,
        "stories/did-acme-keep-its-word.md": """\
        ---
        title: Did Acme keep its word?
        date: 2023-09-01
        summary: A promise, a contract and a reply.
        authors: [Sam Writer]
        ---
        In 2020 Acme made a promise [@acme-letter].

        ::fact acme-pledge

        ::comparison pledge-vs-reply
        """,
    }.items()
}


def write_site(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write a content folder under tmp_path: a valid site.yaml unless `files` has one, then each file, dedented."""
    content = tmp_path / "content"
    for relative, text in {"site.yaml": SITE_YAML, **files}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


@pytest.fixture(autouse=True)
def speaking_english() -> Iterator[None]:
    """Each test starts as a new process does, speaking the source language, whatever the last one built."""
    translation.use(translation.SOURCE)
    yield
    translation.use(translation.SOURCE)


@pytest.fixture
def make_site() -> Callable[[Path, dict[str, str]], Path]:
    """`make_site(tmp_path, {"entities/acme.yaml": "name: Acme\\n..."})` -> the content folder."""
    return write_site


@pytest.fixture
def valid_files() -> dict[str, str]:
    """A fresh copy of VALID_FILES, to extend or break."""
    return dict(VALID_FILES)


@dataclass(frozen=True)
class Run:
    """What a command printed and the status it exited with."""

    code: int
    out: str
    err: str


@functools.cache
def site_module() -> ModuleType:
    """site.py shares its name with Python's own `site` module, so it is loaded from its path."""
    spec = importlib.util.spec_from_file_location("site_cli", ROOT / "site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `site.py ARGS` in this process (fast), from `cwd` (default: the repository root)."""

    def run(*args: str, cwd: Path = ROOT) -> Run:
        monkeypatch.chdir(cwd)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = site_module().main(list(args))
            except SystemExit as exit_:  # argparse exits on usage errors
                code = exit_.code
        return Run(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def run_site() -> Callable[..., Run]:
    """Run `python site.py ARGS` as its own process, exactly as an author would."""

    def run(*args: str, cwd: Path = ROOT) -> Run:
        done = subprocess.run(
            [sys.executable, str(ROOT / "site.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content built once per session, as `site.py build` would."""
    out = tmp_path_factory.mktemp("example") / "build"
    pipeline.build(EXAMPLE, out)
    return out


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`site.py serve` running over a copy of the project, on a free port of 127.0.0.1."""
    with running_preview(tmp_path) as running:
        yield running
