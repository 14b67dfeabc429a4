"""Comparison pages: two columns on a desktop, stacked on a phone; verbatim quotes, shared terms marked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from . import example
from .conftest import OpenPage

FIRST = f"comparisons/{example.ids('comparisons')[0]}/"
SIDES = """() => ['left', 'right'].map(side => {
    const box = document.querySelector(`.comparison .side-${side}`);
    const quote = box.querySelector('blockquote'), deed = box.querySelector('.deed-title');
    return {
        text: quote ? quote.textContent : null,
        marks: quote ? [...quote.querySelectorAll('mark')].map(m => m.textContent) : [],
        deed: deed ? deed.textContent : null,
    };
})"""


def boxes(open_page: OpenPage, width: int) -> tuple[dict[str, float], dict[str, float], int]:
    page = open_page(FIRST, width=width)
    comparison = page.locator(".comparison").first
    left, right = (comparison.locator(f".side-{side}").bounding_box() for side in ("left", "right"))
    assert left and right
    return left, right, page.evaluate("document.documentElement.scrollWidth")


def words(text: str) -> str:
    """Text as a reader compares it: case, spacing and hyphenation aside."""
    return " ".join(re.findall(r"\w+", text.lower()))


def test_columns_sit_side_by_side_at_1280px(open_page: OpenPage) -> None:
    left, right, _ = boxes(open_page, 1280)
    assert abs(left["y"] - right["y"]) <= 4, (left, right)
    assert left["x"] + left["width"] <= right["x"] + 0.5, (left, right)


def test_columns_stack_left_first_at_390px(open_page: OpenPage) -> None:
    left, right, scroll_width = boxes(open_page, 390)
    assert right["y"] >= left["y"] + left["height"] - 0.5, (left, right)
    assert scroll_width <= 390, f"the page scrolls sideways on a phone: {scroll_width}px wide"


def marked_in_both(shown: list[dict[str, Any]]) -> set[str]:
    left, right = ({words(mark) for mark in side["marks"]} for side in shown)
    return {m for m in left if within(m, right)} | {m for m in right if within(m, left)}


def within(phrase: str, texts: Iterable[str]) -> bool:
    """Whether the phrase occurs, as whole words, in any of the texts."""
    return any(f" {phrase} " in f" {text} " for text in texts)


def wrong_marks(shown: list[dict[str, Any]], listed: set[str]) -> list[str]:
    """A term in both quotes must be marked in both; a term in one only, if the author listed it."""
    problems = []
    for this, other in ((0, 1), (1, 0)):
        for mark in map(words, shown[this]["marks"]):
            if within(mark, [words(shown[other]["text"])]):
                if not within(mark, map(words, shown[other]["marks"])):
                    problems.append(f"{mark!r} is in both quotes but marked in one")
            elif mark not in listed:
                problems.append(f"{mark!r} is marked as shared but is not in the other quote")
    return problems


def test_a_shared_term_is_marked_in_both_quotes(open_page: OpenPage) -> None:
    shown = open_page(FIRST).evaluate(SIDES)
    assert marked_in_both(shown), f"no term is highlighted in both quotes: {shown}"


@pytest.mark.parametrize("comparison_id", example.ids("comparisons"))
def test_verbatim_quotes_or_deeds_verdict_and_marks(open_page: OpenPage, comparison_id: str) -> None:
    page = open_page(f"comparisons/{comparison_id}/")
    shown, written = page.evaluate(SIDES), example.comparison(comparison_id)
    for side, name in zip(shown, ("left", "right"), strict=False):
        what, text = example.shown(written[name])
        if what == "quote":
            assert side["deed"] is None and " ".join(side["text"].split()) == " ".join(text.split())
        else:
            assert side["text"] is None and side["marks"] == [] and side["deed"] == text
    assert words(written["verdict"]) in words(page.locator(".verdict").first.text_content() or "")
    assert not wrong_marks(shown, {words(phrase) for phrase in written.get("highlight", [])})
