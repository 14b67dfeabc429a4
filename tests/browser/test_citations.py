"""Citation numbers on stories and comparisons each lead to a source listed on the same page."""

from __future__ import annotations

import re

import pytest

from . import example
from .conftest import OpenPage

CITED_PAGES = [f"stories/{i}/" for i in example.ids("stories")] + [
    f"comparisons/{i}/" for i in example.ids("comparisons")
]
CITATIONS = """() => {
    const sources = [...document.querySelectorAll('li[id^="source-"]')];
    return {
        cites: [...document.querySelectorAll('a.cite')].map(a => [a.getAttribute('href'), a.textContent]),
        sources: sources.map(li => li.id),
        unlinked: sources.filter(li => !li.querySelector('a[href^="http"]')).map(li => li.id)};
}"""
IN_VIEW = "e => { const box = e.getBoundingClientRect(); return box.bottom > 0 && box.top < innerHeight; }"


@pytest.mark.parametrize("path", CITED_PAGES)
def test_every_citation_links_to_a_listed_source(open_page: OpenPage, path: str) -> None:
    page = open_page(path)
    found = page.evaluate(CITATIONS)
    cites, sources = found["cites"], found["sources"]
    assert cites, "no citation on the page"
    assert sources == [f"source-{n}" for n in range(1, len(sources) + 1)], f"sources misnumbered: {sources}"
    for href, text in cites:
        number = re.fullmatch(r"#source-(\d+)", href or "")
        assert number and f"source-{number[1]}" in sources, f"citation {text!r} points at {href!r}"
        assert re.sub(r"\D", "", text) == number[1], f"citation {text!r} links to {href}"
    uncited = set(sources) - {href[1:] for href, _ in cites}
    assert not uncited, f"listed sources nothing cites: {sorted(uncited)}"
    assert not found["unlinked"], f"sources without a link to the document: {found['unlinked']}"
    page.locator("a.cite").first.click()
    assert page.url.endswith(cites[0][0]) and page.locator(cites[0][0]).evaluate(IN_VIEW)
