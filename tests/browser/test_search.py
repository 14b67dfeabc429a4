"""The search page over the built example: Pagefind finds a fact by a word of its body, its kind filter
narrows the results, nothing is asked of another host, and without JavaScript the page still leads on."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml
from playwright.sync_api import Page

from . import example
from .conftest import OpenPage
from .test_accessibility import AXE, RUN_AXE, describe

RESULT_LINKS = ".pagefind-ui__result-link"
MESSAGE = ".pagefind-ui__message"
SHOWN = f"""([words, within]) => {{
    const message = document.querySelector("{MESSAGE}")?.textContent || "";
    const links = [...document.querySelectorAll("{RESULT_LINKS}")].map(link => link.pathname);
    return message.includes(words) && (message.startsWith("No ") || links.length > 0)
        && links.every(link => link.startsWith(within));
}}"""
"""Pagefind has answered `words` and shows only results under `within`."""


@cache
def body_word() -> tuple[str, str]:
    """(a fact's address, a word of its body that no other file of the example holds, however it ends)."""
    texts = [
        p.read_text(encoding="utf-8").lower() for p in example.CONTENT.rglob("*") if p.is_file() and p.suffix != ".png"
    ]
    for kind in example.FACT_KINDS:
        for fact in example.ids(kind):
            path = next((example.CONTENT / kind).rglob(f"{fact}.yaml"))
            body = yaml.safe_load(path.read_text(encoding="utf-8")).get("body") or ""
            for word in sorted(set(re.findall(r"[a-z]{8,}", body.lower()))):
                if sum(word[:-2] in text for text in texts) == 1:
                    return f"/{kind}/{fact}/", word
    raise AssertionError("no fact of the example has a word of its own in its body")


def search(page: Page, words: str) -> list[str]:
    """Type into Pagefind's box and wait for its results; the addresses of those shown."""
    page.fill(".pagefind-ui__search-input", words)
    page.wait_for_function(SHOWN, arg=[words, ""])
    return shown(page)


def shown(page: Page) -> list[str]:
    return list(page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.pathname)"))


def count(page: Page) -> int:
    return int(re.findall(r"\d+", page.inner_text(MESSAGE))[0])


def test_a_word_of_one_fact_s_body_finds_that_fact(open_page: OpenPage, offsite: list[str]) -> None:
    url, word = body_word()
    page = open_page("search/")
    assert url in search(page, word)
    page.click(f'{RESULT_LINKS}[href$="{url}"]')
    page.wait_for_url(f"**{url}")
    assert not offsite, f"searching asked other hosts for {offsite}"


def test_the_kind_filter_narrows_the_results(open_page: OpenPage, offsite: list[str]) -> None:
    page = open_page("search/")
    search(page, "facial")
    everything = count(page)
    page.click(".pagefind-ui__filter-name:text-is('Kind')")
    page.check("input[name='kind'][value='Pledge']")
    page.wait_for_function(SHOWN, arg=["facial", "/pledges/"])
    assert 0 < count(page) <= len(example.ids("pledges")) < everything
    assert shown(page)
    assert not offsite, f"filtering asked other hosts for {offsite}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_page_with_results_has_no_axe_violation(
    open_page: OpenPage, offsite: list[str], scheme: str
) -> None:
    page = open_page("search/", scheme=scheme)
    search(page, "contract")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)
    if violations:
        pytest.fail(f"/search/ with results in the {scheme} scheme:\n{describe(violations)}")
    assert not offsite


def test_without_javascript_the_search_page_says_so_and_leads_to_the_indexes(
    open_page: OpenPage, offsite: list[str]
) -> None:
    page = open_page("search/", javascript=False)
    assert page.is_visible("text=Searching needs JavaScript")
    assert not page.query_selector(".pagefind-ui")
    page.click("main a:text-is('Timeline')")
    page.wait_for_url("**/timeline/")
    assert page.inner_text("h1") == "Timeline"
    assert not offsite
