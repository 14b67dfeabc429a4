"""The benchmark corpus must be a site an author could have written: valid, varied and reproducible."""

import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from onrecord import kinds

ROOT = Path(__file__).resolve().parent.parent
KINDS = kinds.names()


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.process
def test_generated_corpus_passes_check(tmp_path):
    content = tmp_path / "content"
    generate(content, 200)
    result = subprocess.run(
        [sys.executable, "site.py", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    files = tree(content)
    stored = [name for name in files if name.startswith("sources/") and name.endswith(".txt")]
    pictures = [name for name in files if name.startswith("images/") and name.endswith(".jpg")]
    assert len(files) - len(stored) - len(pictures) == 201 and "site.yaml" in files
    assert stored, "some sources keep a stored text, so checking quotes is measured"
    assert pictures and len(pictures) == len([name for name in files if name.startswith("images/")]) // 2
    assert all(any(name.startswith(kind + "/") for name in files) for kind in KINDS)
    text = b"".join(data for name, data in files.items() if name not in pictures).decode()
    marks = (
        '~"',
        '?"',
        '/.."',
        "::fact ",
        "::timeline tag=",
        "[@",
        "reported_as:",
        'show: "deed"',
        "::figure ",
        "image: ",
    )
    assert all(mark in text for mark in marks)


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path):
    generate(tmp_path / "a", 200, seed=7)
    generate(tmp_path / "b", 200, seed=7)
    generate(tmp_path / "c", 200, seed=8)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")
