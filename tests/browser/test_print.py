"""Printed pages: A4 with margins and a running head, the main story in a few pages, each source's
addresses printed once and nothing left dangling where the screen's links were."""

from __future__ import annotations

import re

from .conftest import OpenPage

STORY = "stories/did-ibm-break-its-facial-recognition-pledge/"
RUNNING_HEAD = re.compile(r'@top-left \{ content: "((?:\\[0-9a-f]{6})+)"; \}')


def test_the_main_story_prints_in_at_most_five_a4_pages(open_page: OpenPage) -> None:
    page = open_page(STORY)
    printed = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", printed))
    assert 1 <= pages <= 5, f"the story prints in {pages} pages"


def test_printed_pages_carry_the_pages_title_as_their_running_head(open_page: OpenPage) -> None:
    page = open_page(STORY)
    escaped = RUNNING_HEAD.search(page.content())
    assert escaped, "no running head for printed pages"
    head = "".join(chr(int(code, 16)) for code in escaped[1].split("\\")[1:])
    assert head == f"{page.locator('h1').inner_text()} · On the Record"


def test_each_source_prints_its_addresses_once_and_no_separator_dangles(open_page: OpenPage) -> None:
    page = open_page(STORY)
    page.emulate_media(media="print")
    sources = page.locator(".sources li")
    assert sources.count() >= 5
    for index in range(sources.count()):
        item = sources.nth(index)
        assert not item.inner_text().rstrip().endswith("·"), item.inner_text()
        printed = item.evaluate(
            """li => [...li.querySelectorAll('a')].filter(a => a.checkVisibility())
                .map(a => getComputedStyle(a, '::after').content)"""
        )
        addresses = [content for content in printed if content.startswith('" <')]
        assert len(addresses) == len(set(addresses)) == len(printed), printed


def test_printed_boxes_are_set_no_larger_than_the_story_around_them(open_page: OpenPage) -> None:
    page = open_page(STORY)
    page.emulate_media(media="print")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    prose = page.locator(".story-body > p").first.evaluate(size)
    for boxed in (".deed-summary", ".deed-particulars", ".reply blockquote"):
        found = page.locator(boxed).first.evaluate(size)
        assert found <= prose, f"{boxed} prints at {found} px, larger than the story's {prose} px"
