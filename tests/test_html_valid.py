"""Every page of the built example is valid HTML, and its stylesheet valid CSS, as the Nu Html Checker judges:
no error and no warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.process

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_built_page_is_valid_html(example_build: Path) -> None:
    assert shutil.which("java"), "the Nu checker needs Java: sudo apt-get install default-jre-headless"
    assert VNU.is_file(), "the Nu checker is missing: run `make system-deps` (npm ci)"
    pages = sorted(str(p) for p in example_build.rglob("*.html"))
    assert len(pages) > 5, f"the example built only {len(pages)} pages"
    stylesheets = sorted(str(p) for p in example_build.rglob("*.css"))
    command = ["java", "-Xss4m", "-jar", str(VNU), "--also-check-css", "--format", "gnu"]
    checked = subprocess.run(command + pages + stylesheets, capture_output=True, text=True, timeout=300)
    report = (checked.stdout + checked.stderr).replace(f"file:{example_build}/", "")
    if checked.returncode or report.strip():
        pytest.fail(f"the Nu checker found errors or warnings:\n{report}")
