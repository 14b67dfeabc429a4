"""The reader pages' logic: shared terms and marks, reading time, citation numbers, timelines, scorecards."""

from __future__ import annotations

import importlib
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline, terms
from onrecord.render import MarkdownRenderer
from onrecord.views import Page, axis, pages, paging, prose
from onrecord.views.common import Row
from onrecord.views.story import reading_minutes

MakeSite = Callable[[Path, dict[str, str]], Path]
TIMELINE = importlib.import_module("onrecord.views.timeline")
ENTITY = importlib.import_module("onrecord.views.entity")
LISTS = importlib.import_module("onrecord.views.lists")

PLEDGE = textwrap.dedent("""\
    title: Acme pledge {n}
    date: {date}
    summary: A pledge.
    by: acme
    quote: {quote}
    context: A speech.
    status: {status}
    sources: [acme-letter]
    """)
EVENT = textwrap.dedent("""\
    title: Event {n}
    date: {date}
    summary: Something happened.
    actors: [acme]
    sources: [acme-letter]
    """)
ENTRY = re.compile(
    r'<li class="entry [^"]+" data-kind="[\w-]+" data-verification="\w+" data-entities="[^"]*" data-date="([^"]*)"'
)
COMPARISON = textwrap.dedent("""\
    title: Comparison {n}
    summary: Two pledges.
    left:
      fact: {left}
    right:
      fact: {right}
    verdict: {verdict}
    rationale: Because.
    """)


def site_pages(content: Path, drafts: bool = False) -> dict[str, Page]:
    return {page.url: page for page in pages(pipeline.load_graph(content, drafts))}


def built(content: Path, tmp_path: Path, drafts: bool = False) -> Path:
    out = tmp_path / "site"
    pipeline.build(content, out, drafts=drafts)
    return out


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_shared_terms_are_phrases_in_both_texts_longest_first_without_overlaps() -> None:
    left = "We oppose facial recognition technology for mass surveillance by law enforcement."
    right = "The contract brings facial recognition technology to law enforcement, not mass surveillance."
    assert terms.shared_terms(left, right) == ("facial recognition technology", "mass surveillance", "law enforcement")


def test_shared_terms_neither_start_nor_end_with_stop_words() -> None:
    assert terms.shared_terms("for the people of the world", "people of the world, for the") == ("people of the world",)


def test_shared_terms_do_not_run_across_sentences() -> None:
    assert terms.shared_terms("We saw the mass. Surveillance followed.", "They fear mass surveillance.") == (
        "mass",
        "surveillance",
    )


def test_single_shared_words_count_when_nothing_longer_is_shared() -> None:
    assert terms.shared_terms("General purpose facial software", "Facial matching for police") == ("facial",)


def test_highlighting_keeps_every_character_of_both_quotes() -> None:
    left = "IBM no longer offers general purpose IBM facial recognition — “ever”."
    right = "A general-purpose Facial Recognition tool, in the UK’s case."
    marked_left, marked_right, shown = terms.highlight(left, right, ["uk’s"])
    assert "".join(text for text, _ in marked_left) == left
    assert "".join(text for text, _ in marked_right) == right
    assert [text for text, marked in marked_right if marked] == ["general-purpose", "Facial Recognition"]
    assert shown == ("general purpose", "facial recognition")


def test_a_term_is_marked_in_both_quotes_or_in_neither() -> None:
    left = "facial recognition technology for police, and facial recognition at airports"
    right = "Facial recognition technology in shops"
    marked_left, marked_right, _ = terms.highlight(left, right, ["facial recognition"])
    picked = [{text.lower() for text, marked in side if marked} for side in (marked_left, marked_right)]
    assert picked[0] == picked[1] == {"facial recognition"}


def test_reading_time_is_words_over_230_rounded_up_without_embed_lines() -> None:
    assert reading_minutes("word " * 230) == 1
    assert reading_minutes("word " * 231) == 2
    assert reading_minutes("word " * 230 + "\n::timeline tag=a-very-long-tag-name\n[@some-source]") == 1


def test_story_citations_are_numbered_by_first_use_and_listed_in_that_order(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["sources/second.yaml"] = """\
        title: A second report
        publisher: The Other Paper
        url: https://other.example.com/report
        type: news
        """
    valid_files["stories/did-acme-keep-its-word.md"] = """\
        ---
        title: Did Acme keep its word?
        date: 2023-09-01
        summary: A promise and a reply.
        authors: [Sam Writer]
        ---
        First [@second], then [@acme-letter], and [@second] again.
        """
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "stories/did-acme-keep-its-word/")
    cited = re.findall(r'<sup><a class="cite" href="#source-(\d)">(\d)</a></sup>', page)
    assert cited == [("1", "1"), ("2", "2"), ("1", "1")]
    listed = re.findall(r'<li id="source-(\d)"><cite><a href="([^"]+)"', page)
    assert listed == [("1", "https://other.example.com/report"), ("2", "https://news.example.com/acme-letter")]


def test_comparison_page_marks_terms_in_both_quotes_and_escapes_them(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["pledges/acme-pledge.yaml"] = valid_files["pledges/acme-pledge.yaml"].replace(
        "quote: Acme no longer offers general purpose face scanners.",
        "quote: 'Acme & partners <b>never</b> sell face scanners for mass surveillance.'",
    )
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "comparisons/pledge-vs-reply/")
    left = page.split('class="side side-left', 1)[1].split("</section>", 1)[0]
    right = page.split('class="side side-right', 1)[1].split("</section>", 1)[0]
    assert "Acme &amp; partners &lt;b&gt;never&lt;/b&gt; sell face scanners for <mark>mass surveillance</mark>." in left
    assert "<mark>mass surveillance</mark>" in right
    assert 'href="#source-1"' in left and 'id="source-1"' in page


def test_timeline_groups_by_year_in_date_order_at_true_precision(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    for n, when in enumerate(["2021-03-02", "2020-06", "2021", "2020-07-01", "2020-06-30"]):
        valid_files[f"events/event-{n}.yaml"] = EVENT.format(n=n, date=when)
    view = site_pages(make_site(tmp_path, valid_files))["timeline/"].view.timeline
    assert [year.label for year in view.years] == ["2020", "2021", "2023"]
    shown = [(entry.card.title, entry.card.date.short) for year in view.years[:2] for entry in year.entries]
    assert shown == [
        ("Acme promises to stop selling face scanners", "8 Jun 2020"),
        ("Event 4", "30 Jun 2020"),
        ("Event 1", "Jun 2020"),
        ("Event 3", "1 Jul 2020"),
        ("Event 0", "2 Mar 2021"),
    ]
    known_to_the_year = view.years[1]
    assert known_to_the_year.loose == "2021, date within the year not known"
    assert [entry.card.title for entry in known_to_the_year.loose_entries] == ["Event 2"]


def test_timeline_page_keeps_the_markup_the_filter_script_relies_on(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "timeline/")
    assert '<nav class="years" aria-label="Jump to year"><ul><li><a href="#year-2020">2020</a>' in page
    assert '<section class="year" id="year-2023">' in page
    found = re.findall(
        r'<li class="entry [^"]+" data-kind="([\w-]+)" data-verification="(\w+)" data-entities="([^"]*)" '
        r'data-date="([^"]+)"',
        page,
    )
    assert found == [
        ("pledges", "confirmed", "acme jo-bloggs", "2020-06-08"),
        ("statements", "confirmed", "acme", "2023-08"),
    ]


def test_a_period_is_shown_in_words_and_drawn_as_a_span_on_the_axis(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["events/pause.yaml"] = EVENT.format(n="pause", date="2020-06-10") + "end: 2021-05\n"
    view = site_pages(make_site(tmp_path, valid_files))["timeline/"].view.timeline
    entry = next(e for year in view.years for e in year.entries if e.card.id == "pause")
    assert entry.period is not None and entry.period.words == "10 June 2020 to May 2021"
    bar = next(b for b in view.axis.bars if b.kind == "events")
    assert bar.y2 > bar.y1
    assert view.axis.description.endswith(
        "The longest stretch with no entry runs from May 2021 to about August 2023: about 2 years, 2 months."
    )
    assert view.axis.legend == (("pledges", "Pledge"), ("statements", "Statement"), ("events", "Event"))
    assert view.axis.periods, "the legend says what a bar stands for"


def test_the_axis_never_calls_a_stretch_covered_by_a_period_blank(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["events/inquiry.yaml"] = EVENT.format(n="inquiry", date="2020-01-01/2023-12")
    view = site_pages(make_site(tmp_path, valid_files))["timeline/"].view.timeline
    assert view.axis.description == "Proportional time axis: 3 entries from 1 January 2020 to December 2023."


def test_the_axis_says_how_many_periods_are_still_running(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["events/review.yaml"] = EVENT.format(n="review", date="2021-02/..")
    view = site_pages(make_site(tmp_path, valid_files))["timeline/"].view.timeline
    assert view.axis.description == (
        "Proportional time axis: 3 entries from 8 June 2020 to about August 2023. 1 period is still running. "
        "The longest stretch with no entry runs from 8 June 2020 to February 2021: about 7 months."
    )


def test_scorecard_counts_each_comparison_of_its_own_words_once_and_pledges_by_status(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    for n, status in ((1, "broken"), (2, "kept")):
        valid_files[f"pledges/p{n}.yaml"] = PLEDGE.format(n=n, date=f"202{n}", quote="We will.", status=status)
    for n, (left, right, verdict) in enumerate(
        [("p1", "p2", "contradicts"), ("p1", "acme-reply", "contradicts"), ("p2", "acme-reply", "consistent")]
    ):
        valid_files[f"comparisons/c{n}.yaml"] = COMPARISON.format(n=n, left=left, right=right, verdict=verdict)
    card = site_pages(make_site(tmp_path, valid_files))["entities/acme/"].view.scorecard
    assert card.pledges == 3
    assert {v: n for v, _, n in card.verdicts} == {
        "contradicts": 2,
        "in-tension": 1,
        "consistent": 1,
        "unclear": 0,
    }
    statuses = {s: n for s, _, n in card.statuses}
    assert (statuses["broken"], statuses["kept"], statuses["not-yet-rated"]) == (1, 1, 1)


def test_a_long_scorecard_lists_every_comparison_it_counts_on_its_own_pages(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ENTITY, "SCORED_SHOWN", 1)
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    for n, status in ((1, "broken"), (2, "kept")):
        valid_files[f"pledges/p{n}.yaml"] = PLEDGE.format(n=n, date=f"202{n}", quote="We will.", status=status)
    for n, (left, right, verdict) in enumerate(
        [("p1", "p2", "contradicts"), ("p1", "acme-reply", "contradicts"), ("p2", "acme-reply", "consistent")]
    ):
        valid_files[f"comparisons/c{n}.yaml"] = COMPARISON.format(n=n, left=left, right=right, verdict=verdict)
    site = built(make_site(tmp_path, valid_files), tmp_path)
    scored = re.compile(r'<li><a href="[./]*comparisons/([\w-]+)/">')
    entity = html(site, "entities/acme/")
    assert len(scored.findall(entity.split('class="scored"')[1].split("</ul>")[0])) == 1
    assert re.search(r'<a href="[./]*entities/acme/scorecard/">all 4 are on its scorecard page</a>', entity)
    pages = [html(site, "entities/acme/scorecard/"), html(site, "entities/acme/scorecard/page/2/")]
    listed = [scored.findall(page.split('class="scored"')[1].split("</ul>")[0]) for page in pages]
    assert sorted(listed[0] + listed[1]) == ["c0", "c1", "c2", "pledge-vs-reply"] and len(listed[0]) == 2
    for page in pages:
        assert "4 comparisons have Acme Corp’s own words or deeds on a side" in page
        assert re.search(r'>Contradicts</a> <strong class="count">2</strong>', page)
    assert_links_lead_to_pages(site)


def test_an_entity_with_more_comparisons_than_its_page_shows_lists_them_all_on_another(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ENTITY, "SHOWN", 1)
    valid_files["pledges/p1.yaml"] = PLEDGE.format(n=1, date="2021", quote="We will.", status="broken")
    for n, (left, right) in enumerate([("p1", "acme-pledge"), ("p1", "acme-reply")]):
        valid_files[f"comparisons/c{n}.yaml"] = COMPARISON.format(n=n, left=left, right=right, verdict="consistent")
    site = built(make_site(tmp_path, valid_files), tmp_path)
    entity = html(site, "entities/acme/")
    assert re.search(
        r'The newest 1 of 3 comparisons; <a href="[./]*entities/acme/comparisons/">all of them are on a page', entity
    )
    assert re.search(
        r'The newest 1 of 2 pledges; <a href="[./]*entities/acme/timeline/">all of them are on the', entity
    )
    listed = re.findall(
        r'<p class="entry-title"><a href="[./]*comparisons/([\w-]+)/">', html(site, "entities/acme/comparisons/")
    )
    assert sorted(listed) == ["c0", "c1", "pledge-vs-reply"]
    assert_links_lead_to_pages(site)


def test_person_and_organisation_link_to_each_other(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    found = site_pages(make_site(tmp_path, valid_files))
    assert [(link.url, role) for link, role in found["entities/acme/"].view.members] == [
        ("entities/jo-bloggs/", "Chief executive")
    ]
    assert [(link.url, role) for link, role in found["entities/jo-bloggs/"].view.memberships] == [
        ("entities/acme/", "Chief executive")
    ]


def test_updates_page_lists_every_update_newest_first(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["events/late.yaml"] = EVENT.format(n="late", date="2021") + (
        "updates:\n  - date: 2022-01-05\n    note: Older note.\n  - date: 2024-03\n    note: Newest note.\n"
    )
    valid_files["pledges/acme-pledge.yaml"] += "updates:\n  - date: 2023-02-01\n    note: Middle note.\n"
    rows = site_pages(make_site(tmp_path, valid_files))["updates/"].view.rows
    assert [row.note for row in rows] == ["Newest note.", "Middle note.", "Older note."]


def test_a_long_updates_log_goes_on_over_numbered_pages(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    valid_files["events/late.yaml"] = EVENT.format(n="late", date="2021") + (
        "updates:\n  - date: 2022-01-05\n    note: Older note.\n  - date: 2024-03\n    note: Newest note.\n"
    )
    valid_files["pledges/acme-pledge.yaml"] += "updates:\n  - date: 2023-02-01\n    note: Middle note.\n"
    site = built(make_site(tmp_path, valid_files), tmp_path)
    first, second = html(site, "updates/"), html(site, "updates/page/2/")
    assert "Newest note." in first and "Middle note." in first and "Older note." not in first
    assert "Older note." in second and "<h1>Corrections and updates, page 2</h1>" in second
    assert re.search(r'<a href="[./]*updates/page/2/" rel="next">Next</a>', first)
    assert re.search(r'<a href="[./]*updates/" rel="prev">Previous</a>', second)
    assert_links_lead_to_pages(site)


def test_drafts_carry_a_visible_marker_when_built_with_drafts(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["events/draft-one.yaml"] = EVENT.format(n="draft", date="2021") + "draft: true\n"
    content = make_site(tmp_path, valid_files)
    assert 'class="draft-flag">Draft<' in html(built(content, tmp_path, drafts=True), "events/draft-one/")
    assert not (built(content, tmp_path / "published") / "events" / "draft-one").exists()


def test_contract_value_keeps_its_currency_and_conversions_as_reported(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["contracts/deal.yaml"] = """\
        title: A deal
        date: 2023-08
        summary: A contract.
        buyer: acme
        suppliers: [acme]
        amounts:
          - role: contract-value
            amount: 54700000
            currency: GBP
            reported_as:
              - amount: 69800000
                currency: USD
                source: acme-letter
        sources: [acme-letter]
        """
    view = site_pages(make_site(tmp_path, valid_files))["contracts/deal/"].view
    assert Row(label="Contract value", text="£54.7 million (reported as US$69.8 million)", cites=(1,)) in view.details


def test_two_builds_give_equal_views(tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]) -> None:
    content = make_site(tmp_path, valid_files)
    first, second = (list(site_pages(content).values()) for _ in range(2))
    assert first == second
    assert all(_plain(page.view) for page in first)


def _plain(value: Any) -> bool:
    """Views hold only plain values and tuples, so equality is cheap and exact."""
    if isinstance(value, (list, dict, set)):
        return False
    if hasattr(value, "__dataclass_fields__"):
        return type(value).__dataclass_params__.frozen and all(  # type: ignore[attr-defined]
            _plain(getattr(value, name)) for name in value.__dataclass_fields__
        )
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return isinstance(value, (str, int, float, bool, type(None)))


@pytest.mark.parametrize("kind", ["pledges", "statements", "comparisons", "stories", "entities", "sources"])
def test_every_index_page_is_built(tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], kind: str) -> None:
    assert f"{kind}/" in site_pages(make_site(tmp_path, valid_files))


def test_markdown_citations_become_numbered_links_and_author_html_never_passes() -> None:
    render = MarkdownRenderer()
    html_out = str(
        render(
            "Said so [@a][@b], again [@a] and [@unknown].\n\n<script>alert(1)</script><b onclick=x>b</b>",
            [("a", 1), ("b", 2)],
        )
    )
    assert (
        'so<sup><a class="cite" href="#source-1">1</a></sup><sup>,<a class="cite" href="#source-2">2</a></sup>'
        in html_out
    )
    assert 'again<sup><a class="cite" href="#source-1">1</a></sup>' in html_out
    assert "[@unknown]" in html_out
    assert "<script" not in html_out and "alert" not in html_out and "onclick" not in html_out


def test_story_embeds_are_drawn_by_our_templates(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["stories/did-acme-keep-its-word.md"] += "\n::timeline entity=acme\n"
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "stories/did-acme-keep-its-word/")
    assert "::fact" not in page and "::comparison" not in page and "::timeline" not in page
    assert '<article class="card fact-card k-pledges">' in page
    assert '<article class="card comparison-card">' in page
    assert '<div class="year" id="t3-year-2020">' in page


def test_every_internal_link_of_a_built_site_leads_to_a_page(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    assert_links_lead_to_pages(built(make_site(tmp_path, valid_files), tmp_path))


def assert_links_lead_to_pages(site: Path) -> None:
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        ids = set(re.findall(r' id="([^"]+)"', text))
        for target in re.findall(r'(?:href|src)="([^"]+)"', text):
            if target.startswith("http"):
                continue
            path, _, fragment = target.partition("#")
            resolved = (page.parent / path).resolve()
            assert (resolved / "index.html" if path.endswith("/") or not path else resolved).is_file(), (page, target)
            if not path and fragment:
                assert fragment in ids, (page, target)


def split_site(valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Six facts over four years, tagged, with timelines split above three entries."""
    monkeypatch.setattr(TIMELINE, "PAGE_ENTRIES", 3)
    for n, when in enumerate(["2019-03-02", "2019-11", "2021-05-01", "2021-06-07"]):
        valid_files[f"events/event-{n}.yaml"] = EVENT.format(n=n, date=when) + "tags: [privacy]\n"
    valid_files["pledges/acme-pledge.yaml"] += "tags: [privacy]\n"
    valid_files["comparisons/pledge-vs-reply.yaml"] += "tags: [privacy]\n"
    return valid_files


def test_a_long_timeline_gets_a_page_per_year_that_lists_only_that_year(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = built(make_site(tmp_path, split_site(valid_files, monkeypatch)), tmp_path)
    for url in ("timeline/", "entities/acme/timeline/", "tags/privacy/"):
        overview = html(site, url)
        assert not ENTRY.search(overview), url
        years = re.findall(r'<li><a href="[./]*(\S+?)">(\d+)</a> <span class="entry-meta">(\d+) entr', overview)
        assert years[:3] == [(f"{url}2019/", "2019", "2"), (f"{url}2020/", "2020", "1"), (f"{url}2021/", "2021", "2")]
        page = html(site, f"{url}2021/")
        assert re.search(r'<section class="year" id="year-2021">\s*<h2>2021</h2>\s*<ol class="timeline">', page)
        assert ENTRY.findall(page) == ["2021-05-01", "2021-06-07"]
        assert re.search(r'<a href="[./]*' + url + r'2020/" rel="prev">Earlier: 2020</a>', page)
        assert f'{url}2021/" aria-current="page">2021</a>' in page
    assert [len(ENTRY.findall(html(site, f"timeline/{year}/"))) for year in (2019, 2020, 2021, 2023)] == [2, 1, 2, 1]
    assert 'rel="next"' not in html(site, "timeline/2023/")
    assert "Stories and comparisons" in html(site, "tags/privacy/")
    assert "Stories and comparisons" not in html(site, "tags/privacy/2021/")
    assert_links_lead_to_pages(site)


def test_a_year_longer_than_a_page_goes_on_over_numbered_pages(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = split_site(valid_files, monkeypatch)
    monkeypatch.setattr(TIMELINE, "PAGE_ENTRIES", 1)
    site = built(make_site(tmp_path, files), tmp_path)
    first, second = html(site, "timeline/2019/"), html(site, "timeline/2019/2/")
    assert ENTRY.findall(first) == ["2019-03-02"] and ENTRY.findall(second) == ["2019-11"]
    assert "1 of its 6 entries is from 2019 (page 2 of 2)" in second
    assert re.search(r'<a href="[./]*timeline/2019/" rel="prev">Earlier: 2019, page 1 of 2</a>', second)
    assert re.search(r'<a href="[./]*timeline/2020/" rel="next">Later: 2020</a>', second)
    assert re.search(
        r'Pages of 2019: <a href="[./]*timeline/2019/">1</a> <a href="[./]*timeline/2019/2/" aria-current="page">2</a>',
        second,
    )
    assert re.search(r'<a href="[./]*timeline/2019/2/" rel="next">Later: 2019, page 2 of 2</a>', first)
    overview = html(site, "timeline/")
    assert re.findall(r'<li><a href="[./]*(\S+?)">2019</a> <span class="entry-meta">(\d+) entr', overview) == [
        ("timeline/2019/", "2")
    ], "the overview lists each year once, with all its entries"
    assert_links_lead_to_pages(site)


def test_below_the_threshold_a_timeline_stays_on_one_page(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = split_site(valid_files, monkeypatch)
    monkeypatch.setattr(TIMELINE, "PAGE_ENTRIES", 6)
    found = site_pages(make_site(tmp_path, files))
    assert found["timeline/"].view.timeline.split is None
    assert [year.label for year in found["timeline/"].view.timeline.years] == ["2019", "2020", "2021", "2023"]
    assert not any(url.startswith("timeline/20") for url in found)


def test_a_dense_axis_merges_each_kinds_marks_into_one_stroke(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(axis, "DENSE_ABOVE", 3)
    for n, when in enumerate(["2020-01-01", "2020-01-02", "2020-01-03", "2023-12-31"]):
        valid_files[f"events/event-{n}.yaml"] = EVENT.format(n=n, date=when)
    drawn = site_pages(make_site(tmp_path, valid_files))["timeline/"].view.timeline.axis
    assert drawn.marks == () and drawn.bars == ()
    events = next(s for s in drawn.strands if s.kind == "events" and not s.bar)
    assert len(events.spans) == 2 and events.spans[0][0] < events.spans[0][1]
    assert drawn.description.startswith("Proportional time axis: 6 entries")


def test_an_embedded_timeline_shows_its_latest_entries_and_links_to_the_rest(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prose, "EMBED_SHOWN", 2)
    for n, when in enumerate(["2019-03-02", "2021-05-01"]):
        valid_files[f"events/event-{n}.yaml"] = EVENT.format(n=n, date=when)
    valid_files["stories/did-acme-keep-its-word.md"] += (
        "\n::timeline entity=acme\n\n::timeline ids=event-0,event-1,acme-pledge\n"
    )
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "stories/did-acme-keep-its-word/")
    embedded = page.split('<div class="embedded-timeline">')[1:]
    shown = re.compile(r'<li class="entry [\w-]+">\s*<p class="when"><time datetime="([^"]+)"')
    assert shown.findall(embedded[0]) == ["2021-05-01", "2023-08"]
    assert "data-kind" not in embedded[0], "an unfiltered timeline's entries carry nothing for a filter"
    assert (
        "The latest 2 of 4 entries. The rest are on the full timeline: "
        '<a href="../../entities/acme/timeline/">Acme Corp: timeline</a>.'
    ) in embedded[0]
    assert len(shown.findall(embedded[1])) == 3 and "The latest" not in embedded[1]


def test_a_reply_says_who_asked_when_other_reporters_did(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["entities/the-ledger.yaml"] = "name: The Ledger\ntype: media\n"
    valid_files["pledges/acme-pledge.yaml"] += textwrap.dedent("""\
        replies:
          - party: acme
            asked: 2021-03
            asked_by: [the-ledger]
            replied: false
          - party: acme
            asked: 2021-04
            replied: false
        """)
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "pledges/acme-pledge/")
    assert 'asked for comment by <a href="../../entities/the-ledger/">The Ledger</a>: ' in page
    assert re.search(r"asked for comment: <time[^>]*>April 2021", page)


LISTS = importlib.import_module("onrecord.views.lists")
LIST_ENTRY = re.compile(r'<p class="entry-title"><a href="[./]*events/([\w-]+)/">')


def five_events(valid_files: dict[str, str]) -> dict[str, str]:
    """Five events over four years, each citing the letter."""
    for n, when in enumerate(["2019-03-02", "2019-11", "2019-12-01", "2021-05-01", "2022-01"]):
        valid_files[f"events/event-{n}.yaml"] = EVENT.format(n=n, date=when)
    return valid_files


def test_a_long_index_continues_on_numbered_pages_in_the_same_order_and_groups(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    site = built(make_site(tmp_path, five_events(valid_files)), tmp_path)
    shown = {url: html(site, url) for url in ("events/", "events/page/2/", "events/page/3/")}
    assert [LIST_ENTRY.findall(page) for page in shown.values()] == [
        ["event-0", "event-1"],
        ["event-2", "event-3"],
        ["event-4"],
    ]
    assert re.findall(r"<h2>(\d+)</h2>", shown["events/page/2/"]) == ["2019", "2021"]
    assert "<h1>Events, page 2</h1>" in shown["events/page/2/"]
    nav = shown["events/page/2/"].split('<nav class="years" aria-label="Pages">')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', nav) == [
        ("../../../events/", ' rel="prev"', "Previous"),
        ("../../../events/", "", "1"),
        ("../../../events/page/2/", ' aria-current="page"', "2"),
        ("../../../events/page/3/", "", "3"),
        ("../../../events/page/3/", ' rel="next"', "Next"),
    ]
    assert 'rel="prev"' not in shown["events/"] and 'rel="next"' not in shown["events/page/3/"]
    assert not (site / "events" / "page" / "1").exists() and not (site / "events" / "page" / "4").exists()
    assert not (site / "pledges" / "page").exists()
    assert_links_lead_to_pages(site)


def test_a_pager_links_to_the_ends_and_the_nearby_pages_so_it_stays_small_at_any_length(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    for n in range(12):
        valid_files[f"events/event-{n}.yaml"] = EVENT.format(n=n, date=f"2019-03-{n + 1:02}")
    site = built(make_site(tmp_path, valid_files), tmp_path)
    nav = html(site, "events/page/6/").split('<nav class="years" aria-label="Pages">')[1].split("</nav>")[0]
    assert re.sub(r"<[^>]+>", " ", nav).split() == [
        *("Previous", "1", "…", "4", "5", "6", "7", "8", "…", "12", "Next"),
    ]
    numbered = re.compile(r'<a href="[./]*events/(?:page/(\d+)/)?"[^>]*>\d+</a>')
    reached, todo = set(), {"1"}
    while todo:
        number = todo.pop()
        reached.add(number)
        page = html(site, "events/" if number == "1" else f"events/page/{number}/")
        todo |= {found or "1" for found in numbered.findall(page)} - reached
    assert reached == {str(n) for n in range(1, 13)}, "every page is reached by following the numbers"
    assert_links_lead_to_pages(site)


def test_a_tag_page_lists_its_newest_stories_and_comparisons_and_every_one_on_pages_of_their_own(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LISTS, "RELATED_SHOWN", 2)
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    for n in range(4):
        valid_files[f"comparisons/c{n}.yaml"] = (
            COMPARISON.format(n=n, left="acme-pledge", right="acme-reply", verdict="contradicts").replace(
                "2023-09-01", f"2024-0{n + 1}-01"
            )
            + "tags: [privacy]\n"
        )
    site = built(make_site(tmp_path, valid_files), tmp_path)
    linked = re.compile(r'<li><(?:p class="entry-title"><)?a href="[./]*comparisons/(c\d)/">')
    tag = html(site, "tags/privacy/")
    assert linked.findall(tag.split('id="related-heading"')[1]) == ["c3", "c2"], "the newest, newest first"
    assert re.search(r'<a href="[./]*tags/privacy/related/">all 4 are on pages of their own</a>', tag)
    listed = [linked.findall(html(site, url)) for url in ("tags/privacy/related/", "tags/privacy/related/page/2/")]
    assert listed == [["c3", "c2"], ["c1", "c0"]]
    assert_links_lead_to_pages(site)


def test_an_entity_page_lists_its_first_members_and_every_one_on_its_people_pages(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ENTITY, "MEMBERS_SHOWN", 1)
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    valid_files["entities/ann-other.yaml"] = (
        valid_files["entities/jo-bloggs.yaml"].replace("Jo Bloggs", "Ann Other").replace("Chief executive", "Counsel")
    )
    site = built(make_site(tmp_path, valid_files), tmp_path)
    members = html(site, "entities/acme/").split('id="members-heading"')[1].split("</section>")[0]
    assert re.findall(r'<li><a href="[./]*entities/([\w-]+)/">', members) == ["ann-other"]
    assert re.search(r'<a href="[./]*entities/acme/people/">all 2 are on its people pages</a>', members)
    person = re.compile(
        r'<a href="[./]*entities/([\w-]+)/">[^<]+</a></p>\s*<p class="entry-meta"></p>\s*'
        r'<p class="entry-summary">(\w[\w ]*)'
    )
    listed = [person.findall(html(site, url)) for url in ("entities/acme/people/", "entities/acme/people/page/2/")]
    assert listed == [[("ann-other", "Counsel")], [("jo-bloggs", "Chief executive")]]
    assert_links_lead_to_pages(site)


def test_the_tags_index_goes_on_over_numbered_pages(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    for n, tag in enumerate(["alpha", "beta", "gamma"]):
        valid_files[f"events/e{n}.yaml"] = EVENT.format(n=n, date="2021") + f"tags: [{tag}]\n"
    site = built(make_site(tmp_path, valid_files), tmp_path)
    tag = re.compile(r'<a href="[./]*tags/([\w-]+)/">')
    assert len(tag.findall(html(site, "tags/"))) == 2 and len(tag.findall(html(site, "tags/page/2/"))) == 1
    assert_links_lead_to_pages(site)


def test_below_the_page_size_an_index_stays_on_one_page(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 5)
    site = built(make_site(tmp_path, five_events(valid_files)), tmp_path)
    assert LIST_ENTRY.findall(html(site, "events/")) == [f"event-{n}" for n in range(5)]
    assert 'aria-label="Pages"' not in html(site, "events/")
    assert not list(site.rglob("page"))


def test_a_source_page_lists_the_newest_records_citing_it_and_counts_the_rest(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LISTS, "CITED_SHOWN", 2)
    page = html(built(make_site(tmp_path, five_events(valid_files)), tmp_path), "sources/acme-letter/")
    cited = page.split('id="cited-heading"')[1].split("</section>")[0]
    assert re.findall(r'<li><a href="[./]*(\w+/[\w-]+)/">', cited) == [
        "events/event-4",
        "stories/did-acme-keep-its-word",
    ]
    assert "The newest 2 are listed, and 6 more cite it." in cited


def test_the_home_page_leads_with_the_sharpest_verdicts_and_the_later_comparison_among_equals(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    files = dict(valid_files)
    for n, verdict in enumerate(("consistent", "in-tension", "contradicts", "in-tension"), 1):
        files[f"comparisons/c{n}.yaml"] = COMPARISON.format(
            n=n, left="acme-pledge", right="acme-reply", verdict=verdict
        )
    home = site_pages(make_site(tmp_path, files))[""].view
    assert [card.title for card in home.comparisons] == ["Comparison 3", "The promise and the reply", "Comparison 4"]


def test_a_comparison_names_its_sides_first_and_second_which_reads_true_stacked_or_side_by_side(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    page = html(built(make_site(tmp_path, valid_files), tmp_path), "comparisons/pledge-vs-reply/")
    assert re.search(
        r"The second side, the statement, came <strong>[^<]+later</strong> than the first, the pledge\.", page
    )
    assert not re.search(r"on the (left|right)|(left|right) side", page)


def test_a_quote_in_another_language_is_marked_with_it_wherever_it_is_shown(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    valid_files["pledges/acme-pledge.yaml"] = valid_files["pledges/acme-pledge.yaml"].replace(
        "quote: Acme no longer offers general purpose face scanners.",
        "quote:\n  text: Acme ne vend plus de scanners faciaux.\n  language: fr",
    )
    valid_files["statements/acme-reply.yaml"] = valid_files["statements/acme-reply.yaml"].replace(
        "quote: The contract is not used in mass surveillance.",
        "quote:\n  text: لا يُستخدم العقد في المراقبة الجماعية.\n  language: ar",
    )
    site = built(make_site(tmp_path, valid_files), tmp_path)
    assert '<blockquote lang="fr" dir="ltr"><p>Acme ne vend plus' in html(site, "pledges/acme-pledge/")
    assert '<blockquote lang="ar" dir="rtl"><p>لا يُستخدم' in html(site, "statements/acme-reply/")
    comparison = html(site, "comparisons/pledge-vs-reply/")
    assert 'lang="fr" dir="ltr"><p>' in comparison and 'lang="ar" dir="rtl"><p>' in comparison
    assert '"inLanguage":"fr"' in html(site, "pledges/acme-pledge/")
