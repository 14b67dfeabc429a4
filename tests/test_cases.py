"""What real cases need, built from tiny sites: deeds beside words, the kinds accountability records, money
wherever money is, verification, honest dates and scorecards that count what they claim."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord import pipeline
from onrecord.errors import ContentErrors
from onrecord.views import Page, pages

MakeSite = Callable[[Path, dict[str, str]], Path]
FILES = {
    name: textwrap.dedent(text)
    for name, text in {
        "entities/regulator.yaml": """\
        name: Data Protection Authority
        type: regulator
        country: GB
        wikidata: Q1000001
        """,
        "entities/city.yaml": """\
        name: Springfield City Council
        type: local-government
        """,
        "entities/voters.yaml": """\
        name: Springfield voters
        type: group
        """,
        "entities/claimants.yaml": """\
        name: Springfield residents
        type: group
        """,
        "entities/court.yaml": """\
        name: Springfield District Court
        type: court
        """,
        "enforcement-actions/acme-fine.yaml": """\
        title: Regulator fines Acme for scraping faces
        date: 2022-05-23
        summary: The regulator fined Acme and ordered it to delete the faces it had collected.
        regulator: regulator
        targets: [acme]
        action: fine
        grounds: [processing without a lawful basis]
        reference: ENF0962
        status: under-appeal
        amounts:
          - role: penalty
            amount: 7552800
            currency: GBP
        sources: [acme-letter]
        """,
        "settlements/acme-settlement.yaml": """\
        title: Acme settles the residents' privacy case
        date: 2022-05
        summary: Acme agreed to stop selling its face database to most private companies.
        parties:
          - entity: claimants
            role: plaintiffs
          - entity: acme
            role: defendant
        court: court
        approved: 2022-11
        docket: 1:20-cv-04353
        claims: [biometric privacy]
        liability: denied
        amounts:
          - role: settlement
            amount: 51750000
            currency: USD
        sources: [acme-letter]
        """,
        "lawsuits/acme-suit.yaml": """\
        title: Residents sue Acme over face scanning
        date: 2020-05-28
        summary: Residents asked the court to stop Acme collecting their faces.
        court: court
        parties:
          - entity: claimants
            role: plaintiffs
          - entity: acme
            role: defendant
        docket: 1:20-cv-04353
        status: settled
        sources: [acme-letter]
        """,
        "laws/city-ban.yaml": """\
        title: Springfield bans face scanning by city departments
        date: 2019-05-14
        summary: The council banned city departments from using face scanners.
        type: ordinance
        adopted_by: city
        jurisdiction: Springfield
        status: in-force
        history:
          - date: 2019-05-14
            status: adopted
            votes: {in_favour: 8, against: 1}
            sources: [acme-letter]
          - date: 2019
            status: in-force
            note: The ban took effect.
            sources: [acme-letter]
        sources: [acme-letter]
        """,
        "reports/acme-report.yaml": """\
        title: Report finds Acme's scanners misidentify people
        date: 2021-03-01
        summary: An investigation found Acme's scanners wrong in most matches.
        publishers: [regulator]
        findings: [Most matches were wrong.]
        sources: [acme-letter]
        """,
        "comparisons/pledge-vs-fine.yaml": """\
        title: The promise and the fine
        summary: What Acme said, and what the regulator did.
        left:
          fact: acme-pledge
        right:
          fact: acme-fine
        verdict: contradicts
        rationale: The fine shows Acme went on collecting faces.
        """,
    }.items()
}


def site_pages(content: Path) -> dict[str, Page]:
    return {page.url: page for page in pages(pipeline.load_graph(content))}


def built(content: Path, out: Path) -> Path:
    pipeline.build(content, out)
    return out


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def case(tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]) -> dict[str, str]:
    return {**valid_files, **FILES}


def test_a_deed_is_shown_as_what_was_done_never_in_quotation_marks(tmp_path: Path, make_site: MakeSite, case) -> None:
    out = built(make_site(tmp_path, case), tmp_path / "out")
    page = html(out, "comparisons/pledge-vs-fine/")
    right = page.split('class="side side-right', 1)[1].split("</section>", 1)[0]
    assert "<blockquote" not in right and "“" not in right
    assert "Regulator fines Acme for scraping faces" in right
    for particular in (
        "Regulator</dt><dd>Data Protection Authority",
        "Against</dt><dd>Acme Corp",
        "Action</dt><dd>Fine",
        "Penalty</dt><dd>£7.55 million; in full, £7,552,800",
        "Status</dt><dd>Under appeal",
    ):
        assert particular in right, particular
    assert "What was done" in right
    cards = html(out, "entities/acme/").split('<article class="card comparison-card">')[1:]
    card = next(card for card in cards if "The promise and the fine" in card)
    assert "<blockquote" in card and 'class="deed"' in card, "the card shows the quote and the deed, whole"


def test_both_sides_may_be_deeds(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["comparisons/ban-vs-suit.yaml"] = (
        "title: T\nsummary: S\nleft:\n  fact: city-ban\nright:\n  fact: acme-suit\nverdict: unclear\nrationale: R\n"
    )
    card = site_pages(make_site(tmp_path, case))["comparisons/ban-vs-suit/"].view.card
    assert card.left.deed and card.right.deed and card.left.quote == card.right.quote == ()


@pytest.mark.parametrize(
    "url, shown",
    [
        (
            "enforcement-actions/acme-fine/",
            ["Regulator", "Against", "Penalty", "£7.55 million", "ENF0962", "Under appeal"],
        ),
        (
            "settlements/acme-settlement/",
            [
                "Parties",
                "Springfield residents (plaintiffs)",
                "Acme Corp (defendant)",
                "Settlement",
                "US$51.8 million",
                "Approved",
                "November 2022",
                "Liability",
                "Denied",
                "1:20-cv-04353",
            ],
        ),
        ("lawsuits/acme-suit/", ["Filed with", "Springfield District Court", "Docket", "Settled"]),
        (
            "laws/city-ban/",
            [
                "Adopted by",
                "Springfield City Council",
                "Ordinance",
                "Applies to",
                "In force",
                "Vote: 8 for, 1 against.",
                "The ban took effect.",
            ],
        ),
        ("reports/acme-report/", ["Published by", "Data Protection Authority", "Findings", "Most matches were wrong."]),
    ],
)
def test_each_kind_of_deed_has_its_own_page_with_its_particulars(
    tmp_path: Path, make_site: MakeSite, case, url: str, shown: list[str]
) -> None:
    page = html(built(make_site(tmp_path, case), tmp_path / "out"), url)
    missing = [text for text in shown if text not in page]
    assert not missing, missing


def test_money_reads_as_readers_expect_in_its_own_currency(tmp_path: Path, make_site: MakeSite, case) -> None:
    found = site_pages(make_site(tmp_path, case))
    fine = found["enforcement-actions/acme-fine/"].view
    settlement = found["settlements/acme-settlement/"].view
    assert [(r.label, r.text) for r in fine.details if r.label == "Penalty"] == [
        ("Penalty", "£7.55 million; in full, £7,552,800")
    ]
    assert [(r.label, r.text) for r in settlement.details if r.label == "Settlement"] == [
        ("Settlement", "US$51.8 million; in full, US$51,750,000")
    ]


@pytest.mark.parametrize("status", ["unverified", "alleged", "disputed"])
def test_a_fact_that_is_not_confirmed_says_so_everywhere_it_is_shown(
    tmp_path: Path, make_site: MakeSite, case, status: str
) -> None:
    case["enforcement-actions/acme-fine.yaml"] += f"verification: {status}\nverification_note: Acme denies it.\n"
    out = built(make_site(tmp_path, case), tmp_path / "out")
    badge = f'<span class="badge verification v-{status}">{status.capitalize()}</span>'
    for url in ("enforcement-actions/acme-fine/", "comparisons/pledge-vs-fine/", "timeline/", "entities/acme/"):
        assert badge in html(out, url), url
    assert "Acme denies it." in html(out, "enforcement-actions/acme-fine/")
    assert f'data-verification="{status}"' in html(out, "timeline/")


def test_a_confirmed_fact_shows_no_badge_and_an_unconfirmed_one_needs_a_note(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    out = built(make_site(tmp_path, case), tmp_path / "out")
    assert "verification v-" not in html(out, "timeline/")
    case["enforcement-actions/acme-fine.yaml"] += "verification: alleged\n"
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(make_site(tmp_path / "again", case))
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/again/content/enforcement-actions/acme-fine.yaml:15:15: a fact marked alleged needs a "
        "'verification_note' (say in a sentence what is and is not established, and by whom)"
    ]


def test_a_fact_known_only_to_its_year_is_listed_after_the_years_dated_facts(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    case["events/ban-takes-effect.yaml"] = (
        "title: The ban takes effect\ndate: 2019\nsummary: S.\nactors: [city]\nsources: [acme-letter]\n"
    )
    view = site_pages(make_site(tmp_path, case))["timeline/"].view.timeline
    year = next(y for y in view.years if y.label == "2019")
    assert [e.card.id for e in year.entries] == ["city-ban"]
    assert year.loose == "2019, date within the year not known"
    assert [e.card.id for e in year.loose_entries] == ["ban-takes-effect"]
    bar = next(b for b in view.axis.bars if b.kind == "events" and b.vague)
    assert bar.y2 > bar.y1, "a year-only fact is a span over its year on the axis"
    assert not [m for m in view.axis.marks if m.kind == "events" and bar.y1 <= m.y <= bar.y2]


def test_an_unknown_date_is_listed_last_and_drawn_nowhere(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["events/undated.yaml"] = (
        "title: An undated memo\ndate: XXXX\nsummary: S.\nactors: [acme]\nsources: [acme-letter]\n"
    )
    content = make_site(tmp_path, case)
    view = site_pages(content)["timeline/"].view.timeline
    last = view.years[-1]
    assert (last.label, last.heading, [e.card.id for e in last.entries]) == (
        "Date not known",
        "Date not known",
        ["undated"],
    )
    assert view.axis is not None and "1 with no known date is listed at the end, not drawn." in view.axis.description
    page = html(built(content, tmp_path / "out"), "events/undated/")
    assert '<span class="date-unknown">date not known</span>' in page and 'datetime=""' not in page


def test_after_orders_two_facts_of_the_same_day(tmp_path: Path, make_site: MakeSite, case) -> None:
    event = "title: {t}\ndate: 2021-03-01\nsummary: S.\nactors: [acme]\nsources: [acme-letter]\n"
    case["events/a-reply.yaml"] = event.format(t="Acme replies") + "after: acme-report\n"
    view = site_pages(make_site(tmp_path, case))["timeline/"].view.timeline
    year = next(y for y in view.years if y.label == "2021")
    assert [e.card.id for e in year.entries] == ["acme-report", "a-reply"], "ids alone would put a-reply first"
    case["events/a-reply.yaml"] = event.format(t="Acme replies") + "after: acme-pledge\n"
    assert pipeline.check(make_site(tmp_path / "earlier", case)), "an 'after' the dates already honour is fine"


@pytest.mark.parametrize(
    "mine, theirs, message",
    [
        ("2021-03-01", "2022-01-01", "'other' is dated 1 January 2022, wholly after this fact's 1 March 2021"),
        ("2019-24", "2020-01-15", "'other' is listed under 2020 and this fact under 2019"),
        ("2020-06", "XXXX", "'other' has no known date, so nothing can be placed after it"),
    ],
)
def test_an_after_no_order_can_honour_is_an_error(
    tmp_path: Path, make_site: MakeSite, case, mine: str, theirs: str, message: str
) -> None:
    event = "title: {t}\ndate: {d}\nsummary: S.\nactors: [acme]\nsources: [acme-letter]\n"
    case["events/mine.yaml"] = event.format(t="Mine", d=mine) + "after: other\n"
    case["events/other.yaml"] = event.format(t="Other", d=theirs)
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(make_site(tmp_path, case))
    [problem] = caught.value.problems
    assert problem.location.path.endswith("events/mine.yaml") and problem.message.startswith(message)


def test_an_after_that_loops_is_an_error(tmp_path: Path, make_site: MakeSite, case) -> None:
    event = "title: {t}\ndate: 2021-03-01\nsummary: S.\nactors: [acme]\nsources: [acme-letter]\nafter: {a}\n"
    case["events/one.yaml"] = event.format(t="One", a="two")
    case["events/two.yaml"] = event.format(t="Two", a="one")
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(make_site(tmp_path, case))
    assert [p.message for p in caught.value.problems] == [
        "'after' goes round in a loop back to 'one'",
        "'after' goes round in a loop back to 'two'",
    ]


def test_the_scorecard_of_an_entity_that_only_acts_counts_its_deeds(tmp_path: Path, make_site: MakeSite, case) -> None:
    card = site_pages(make_site(tmp_path, case))["entities/regulator/"].view.scorecard
    assert [(s.title, s.roles) for s in card.comparisons] == [
        ("The promise and the fine", "Regulator on the second side")
    ]
    assert {v: n for v, _, n in card.verdicts}["contradicts"] == 1 and card.pledges == 0


def test_the_scorecard_of_a_speaker_counts_only_their_own_words(tmp_path: Path, make_site: MakeSite, case) -> None:
    found = site_pages(make_site(tmp_path, case))
    speaker = found["entities/jo-bloggs/"].view.scorecard
    assert [(s.title, s.roles) for s in speaker.comparisons] == [
        ("The promise and the fine", "Speaker on the first side"),
        ("The promise and the reply", "Speaker on the first side"),
    ]
    claimants = found["entities/claimants/"].view.scorecard
    assert claimants.comparisons == (), "no comparison has their words or deeds on a side"


def test_a_paraphrase_is_never_shown_as_a_quote(tmp_path: Path, make_site: MakeSite, case) -> None:
    pledge = case["pledges/acme-pledge.yaml"]
    case["pledges/acme-pledge.yaml"] = pledge.replace(
        "quote: Acme no longer offers general purpose face scanners.",
        "paraphrase: Acme said it would stop selling face scanners.",
    )
    out = built(make_site(tmp_path, case), tmp_path / "out")
    page = html(out, "pledges/acme-pledge/")
    assert 'class="pull-quote"' not in page and "No verbatim wording is on record" in page
    side = html(out, "comparisons/pledge-vs-fine/").split('class="side side-left', 1)[1].split("</section>", 1)[0]
    assert "<blockquote" not in side and "In paraphrase, no wording on record:" in side
    case["comparisons/pledge-vs-fine.yaml"] += "highlight: [face scanners]\n"
    case["comparisons/pledge-vs-fine.yaml"] = case["comparisons/pledge-vs-fine.yaml"].replace(
        "  fact: acme-pledge\n", "  fact: acme-pledge\n  show: quote\n"
    )
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(make_site(tmp_path / "quoted", case))
    assert [p.message for p in caught.value.problems] == [
        "'acme-pledge' is known only in paraphrase, so there is no quote to show"
    ]


def test_a_highlight_missing_from_a_quote_is_a_warning_not_an_error(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str], cli
) -> None:
    valid_files["comparisons/pledge-vs-reply.yaml"] += "highlight: [general purpose]\n"
    content = make_site(tmp_path, valid_files)
    run = cli("check", "--content", str(content))
    assert run.code == 0, run.err
    assert re.findall(r"^.*warning: .*$", run.err, re.M) == [
        f"{content}/comparisons/pledge-vs-reply.yaml:9:13: warning: highlight: 'general purpose' is not in the "
        "right side's words, so it marks nothing there (copy it from the words, in any letter case, or remove it)"
    ]
    assert "1 warning; the content is used as written." in run.err


def test_entities_carry_a_country_and_a_wikidata_link(tmp_path: Path, make_site: MakeSite, case) -> None:
    view = site_pages(make_site(tmp_path, case))["entities/regulator/"].view
    assert (view.type_label, view.country, view.wikidata) == (
        "Regulator",
        "United Kingdom",
        "https://www.wikidata.org/wiki/Q1000001",
    )
