"""The site-wide timeline: chronological, grouped by year, complete without JavaScript, filterable with it."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from playwright.sync_api import Page

from onrecord import kinds
from onrecord.dates import parse, sort_key
from onrecord.model import Fact

from . import example
from .conftest import OpenPage

ENTRIES = """els => els.map(e => ({
    id: e.querySelector('.what a').getAttribute('href').split('/').filter(Boolean).pop(),
    date: e.dataset.date, kind: e.dataset.kind, verification: e.dataset.verification,
    entities: (e.dataset.entities || '').split(/\\s+/),
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
    """Each entry comes no earlier than the one before it, unless it names that one as what it comes `after`."""
    rows = entries(open_page("timeline/"))
    assert len(rows) >= 2
    named_before = {r.id: r.model.after for r in example.graph().records.values() if isinstance(r.model, Fact)}
    out_of_order = [
        f"{earlier['id']} ({earlier['date']}) before {later['id']} ({later['date']})"
        for earlier, later in pairwise(rows)
        if sort_key(parse(earlier["date"])) > sort_key(parse(later["date"]))
        and named_before.get(later["id"]) != earlier["id"]
    ]
    assert not out_of_order, f"entries out of date order: {out_of_order}"


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


def test_kind_filter_offers_each_kind_listed_in_registry_order(open_page: OpenPage) -> None:
    page = open_page("timeline/")
    offered = page.eval_on_selector_all('input[name="kind"]', "boxes => boxes.map(b => b.value)")
    listed = {row["kind"] for row in entries(page)}
    assert offered == [name for name in kinds.fact_names() if name in listed]


def test_kind_filter_hides_and_shows_entries(open_page: OpenPage) -> None:
    page = open_page("timeline/")
    pledge = page.locator('form.timeline-filter input[name="kind"][value="pledges"]')
    assert {row["kind"] for row in entries(page)} > {"pledges"}, "the example needs pledges and other kinds"
    assert all(box.is_checked() for box in page.locator('input[name="kind"]').all())
    pledge.uncheck()
    assert not shown_wrongly(page, lambda row: row["kind"] != "pledges")
    pledge.check()
    assert not shown_wrongly(page, lambda row: True)


def test_verification_filter_hides_what_is_not_confirmed(open_page: OpenPage) -> None:
    page = open_page("timeline/")
    statuses = {row["verification"] for row in entries(page)}
    assert statuses > {"confirmed"}, "the example needs a fact that is not confirmed"
    unverified = page.locator('form.timeline-filter input[name="verification"][value="unverified"]')
    unverified.uncheck()
    assert not shown_wrongly(page, lambda row: row["verification"] != "unverified")
    unverified.check()
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


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const shift of list.getEntries()) { if (!shift.hadRecentInput) total += shift.value; }
    }).observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


def test_the_filter_is_in_the_page_from_the_start_so_nothing_moves_when_the_script_enables_it(
    open_page: OpenPage,
) -> None:
    without = open_page("timeline/", width=390, javascript=False)
    assert without.locator('form.timeline-filter input[name="kind"]').first.is_disabled()
    listed = len(entries(without))
    assert without.locator(".filter-status").inner_text() == f"Showing {listed} of {listed} entries."
    for width in (390, 1280):
        page = open_page("timeline/", width=width)
        page.wait_for_function("() => !document.querySelector('.filter-controls').disabled")
        assert page.evaluate(LAYOUT_SHIFT) == 0
        assert page.locator(".filter-status").inner_text().startswith("Showing ")
