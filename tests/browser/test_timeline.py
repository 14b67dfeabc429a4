"""The site-wide timeline: chronological, grouped by year, complete without JavaScript, filterable with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page

from onrecord.dates import parse, sort_key

from . import example
from .conftest import OpenPage

ENTRIES = """els => els.map(e => ({
    date: e.dataset.date, kind: e.dataset.kind, entities: (e.dataset.entities || '').split(/\\s+/),
    section: e.closest('section.year') && e.closest('section.year').id, visible: e.checkVisibility()}))"""
SECTIONS = """els => els.map(s => ({
    id: s.id, heading: s.querySelector('h2') && s.querySelector('h2').textContent,
    lists: s.querySelectorAll('ol.timeline').length}))"""


def entries(page: Page) -> list[dict[str, Any]]:
    return page.eval_on_selector_all("li.entry", ENTRIES)


def shown_wrongly(page: Page, should_show: Callable[[dict[str, Any]], bool]) -> list[str]:
    """Entries whose visibility differs from what `should_show(entry)` says."""
    rows = entries(page)
    return [
        f"{r['date']} {r['kind']} {'shown' if r['visible'] else 'hidden'}"
        for r in rows
        if r["visible"] != should_show(r)
    ]


def test_entries_are_in_date_order(open_page: OpenPage) -> None:
    dates = [row["date"] for row in entries(open_page("timeline/"))]
    assert len(dates) >= 2
    keys = [sort_key(parse(text)) for text in dates]
    assert keys == sorted(keys), f"entries out of date order: {dates}"


def test_entries_are_grouped_by_ascending_year(open_page: OpenPage) -> None:
    page = open_page("timeline/")
    sections = page.eval_on_selector_all("section.year", SECTIONS)
    years = [int(s["id"].removeprefix("year-")) for s in sections]
    assert years and years == sorted(set(years)), f"year sections out of order: {years}"
    for section, year in zip(sections, years, strict=False):
        assert str(year) in section["heading"] and section["lists"] == 1, section
    rows = entries(page)
    misplaced = [f"{r['date']} in {r['section']}" for r in rows if r["section"] != f"year-{r['date'][:4]}"]
    assert not misplaced, f"entries outside their year's section: {misplaced}"
    jumps = page.eval_on_selector_all("nav.years a", "links => links.map(a => a.getAttribute('href'))")
    assert jumps == [f"#{s['id']}" for s in sections]


def test_every_entry_is_listed_and_visible_without_javascript(open_page: OpenPage) -> None:
    page = open_page("timeline/", javascript=False)
    assert len(entries(page)) >= example.fact_count()
    assert not shown_wrongly(page, lambda row: True)


def test_kind_filter_hides_and_shows_entries(open_page: OpenPage) -> None:
    page = open_page("timeline/")
    pledge = page.locator('form.timeline-filter input[name="kind"][value="pledge"]')
    assert {row["kind"] for row in entries(page)} > {"pledge"}, "the example needs pledges and other kinds"
    assert all(box.is_checked() for box in page.locator('input[name="kind"]').all())
    pledge.uncheck()
    assert not shown_wrongly(page, lambda row: row["kind"] != "pledge")
    pledge.check()
    assert not shown_wrongly(page, lambda row: True)


def test_entity_filter_shows_only_that_entitys_entries(open_page: OpenPage) -> None:
    page = open_page("timeline/")
    rows = entries(page)
    options = page.eval_on_selector_all('select[name="entity"] option', "os => os.map(o => o.value)")
    narrowing = [v for v in options if 0 < sum(v in r["entities"] for r in rows) < len(rows)]
    assert narrowing, f"no entity option narrows the timeline: {options}"
    page.select_option('select[name="entity"]', narrowing[0])
    assert not shown_wrongly(page, lambda row: narrowing[0] in row["entities"])
    page.select_option('select[name="entity"]', options[0])
    assert not shown_wrongly(page, lambda row: True)
