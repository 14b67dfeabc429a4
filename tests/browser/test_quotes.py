"""Quotes are never clipped: on every page of the example, at a phone's width and a desktop's, each quote's
box holds all of its text, and nothing around it cuts it off."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import OpenPage

CLIPPED = """() => [...document.querySelectorAll('blockquote')].flatMap(quote => {
    const found = [];
    const text = quote.textContent.trim().slice(0, 60);
    if (quote.scrollHeight > quote.clientHeight + 1 || quote.scrollWidth > quote.clientWidth + 1) {
        found.push(`"${text}" overflows its own box`);
    }
    for (let box = quote; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '') {
            found.push(`"${text}" is line-clamped by <${box.tagName.toLowerCase()} class="${box.className}">`);
        }
        const clips = [style.overflowX, style.overflowY].some(value => value !== 'visible');
        if (clips && (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)) {
            found.push(`"${text}" is cut off by <${box.tagName.toLowerCase()} class="${box.className}">`);
        }
    }
    return found;
})"""


def quoting_pages(build: Path) -> list[str]:
    """Every page of a build that holds a quote, by address."""
    return sorted(
        page.parent.relative_to(build).as_posix() + "/"
        for page in build.rglob("index.html")
        if "<blockquote" in page.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_no_quote_on_any_page_is_clipped(open_page: OpenPage, example_build: Path, base_url: str, width: int) -> None:
    first, *rest = [url.removeprefix("./") for url in quoting_pages(example_build)]
    assert len(rest) > 10, "the example should quote on many pages"
    page = open_page(first, width=width)
    clipped = {}
    for url in [first, *rest]:
        if url != first:
            page.goto(base_url + url)
        if found := page.evaluate(CLIPPED):
            clipped[url] = found
    assert not clipped, clipped
