"""axe-core finds no violation on the reader pages in either colour scheme, and no page calls another host."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from . import example
from .conftest import OpenPage

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per rule, then the offending elements with axe's own explanation."""
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}  {node['html'][:120]}\n        {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", example.reader_pages())
def test_axe_finds_no_violation(open_page: OpenPage, offsite: list[str], path: str, scheme: str) -> None:
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does it)"
    page = open_page(path, scheme=scheme)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)
    if violations:
        pytest.fail(f"/{path} in the {scheme} scheme:\n{describe(violations)}")
    assert not offsite, f"/{path} asked other hosts for {offsite}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", example.reader_pages())
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_axe_finds_no_violation_in_every_language_built(
    browser: Browser, translated_site: Callable[[str], str], language: str, path: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(translated_site(language) + path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)
    context.close()
    if violations:
        pytest.fail(f"/{path} of the {language} build in the {scheme} scheme:\n{describe(violations)}")


def test_no_page_requests_another_host(
    open_page: OpenPage, offsite: list[str], example_build: Path, base_url: str
) -> None:
    pages = example_build.rglob("index.html")
    paths = sorted(p.relative_to(example_build).as_posix().removesuffix("index.html") for p in pages)
    page = open_page("")
    for path in paths:
        page.goto(base_url + path)
    assert len(paths) > 5
    assert not offsite, f"pages asked other hosts for {offsite}"
