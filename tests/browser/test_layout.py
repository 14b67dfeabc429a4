"""Phone first: on a narrow screen the masthead leaves the first screen to the page, and no page is
wider than the phone it is read on; a site in a right-to-left language mirrors its layout."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from . import example
from .conftest import OpenPage


@pytest.mark.parametrize("path", example.reader_pages())
def test_on_a_phone_the_masthead_takes_little_of_the_first_screen(open_page: OpenPage, path: str) -> None:
    page = open_page(path, width=390)
    height = page.locator(".masthead").bounding_box()["height"]
    assert height <= 0.13 * 900, f"/{path}: the masthead is {height:.0f} px tall at 390 px"


@pytest.mark.parametrize("path", example.reader_pages())
def test_no_page_is_wider_than_a_small_phone(open_page: OpenPage, path: str) -> None:
    page = open_page(path, width=320)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320, f"/{path} is {wide} px wide at 320 px"


def test_a_right_to_left_site_mirrors_the_sides_of_a_comparison_and_the_timelines_axis(
    browser: Browser, arabic_site: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(arabic_site + "comparisons/ibm-pledge-vs-home-office-contract/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first, second = (page.locator(f".side-{side}").bounding_box() for side in ("left", "right"))
    assert first and second and first["x"] > second["x"], "the first side stands on the right"
    page.goto(arabic_site + "timeline/")
    axis, entries = page.locator(".axis").bounding_box(), page.locator(".timeline-years").bounding_box()
    assert axis and entries and axis["x"] > entries["x"], "the axis stands on the right of the entries"
    quote = page.locator(".entry").first
    assert quote.evaluate("e => getComputedStyle(e).borderRightWidth") != "0px", "rules stand on the reading side"
    context.close()


def test_a_quote_in_a_left_to_right_language_keeps_its_full_stop_at_its_end_on_a_right_to_left_page(
    browser: Browser, arabic_site: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(arabic_site + "pledges/ibm-2020-facial-recognition-pledge/")
    quote = page.locator(".pull-quote blockquote p")
    assert quote.inner_text().rstrip().endswith(".")
    # The x of the full stop and of the letter before it: read left to right, the stop comes after.
    stop, letter = quote.evaluate(
        """p => {
            const text = p.firstChild, end = text.length;
            const at = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                              return r.getBoundingClientRect().x; };
            return [at(end - 1), at(end - 2)];
        }"""
    )
    assert stop > letter, "the English quote's full stop stands at the start of its line, as in Arabic"
