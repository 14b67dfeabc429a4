"""Evidence: quotes that say where they come from and whose they are, checked against the stored texts of
their sources, and the site's evidence summed up by `check --report`."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord import pipeline
from onrecord.errors import ContentErrors
from onrecord.views import Page, pages

MakeSite = Callable[[Path, dict[str, str]], Path]
ROOT = Path(__file__).resolve().parent.parent
LETTER = "Acme no longer offers general purpose face scanners."
TWO_SOURCES = """\
title: Acme promises to stop selling face scanners
date: 2020-06-08
summary: Acme's chief executive said the company would stop selling face scanners.
by: acme
speakers: [jo-bloggs]
quote:
  text: Acme no longer offers general purpose face scanners.
  source: acme-letter
context: A letter to lawmakers.
sources: [trade-weekly-report, acme-letter]
"""
TRADE_WEEKLY = """\
title: Acme's letter, as the trade press read it
title_supplied: true
publisher: Trade Weekly
original_publisher: The Daily Record
url: https://trade.example.com/acme
type: news
"""
ENTITIES = {
    "entities/sam-smith.yaml": "name: Sam Smith\ntype: person\nmember_of:\n  - entity: acme\n    role: President\n",
    "entities/trade-weekly.yaml": "name: Trade Weekly\ntype: media\n",
    "entities/regulator.yaml": "name: Data Protection Authority\ntype: regulator\n",
}


def site_pages(content: Path) -> dict[str, Page]:
    return {page.url: page for page in pages(pipeline.load_graph(content))}


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(content)
    return [str(problem).replace(f"{content}/", "") for problem in caught.value.problems]


def rendered(content: Path, out: Path, url: str) -> str:
    pipeline.build(content, out)
    return (out / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def case(valid_files: dict[str, str]) -> dict[str, str]:
    return {
        **valid_files,
        **ENTITIES,
        "pledges/acme-pledge.yaml": TWO_SOURCES,
        "sources/trade-weekly-report.yaml": TRADE_WEEKLY,
    }


def test_a_side_cites_only_the_source_its_words_are_copied_from(tmp_path: Path, make_site: MakeSite, case) -> None:
    view = site_pages(make_site(tmp_path, case))["comparisons/pledge-vs-reply/"].view
    numbers = {source.number: source.title for source in view.sources}
    assert [numbers[n] for n in view.left_cites] == ["Acme writes to lawmakers"]
    page = rendered(make_site(tmp_path / "built", case), tmp_path / "out", "pledges/acme-pledge/")
    caption = page.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
    assert caption.count('href="#source-') == 1, "the quote cites the letter alone, not every source of the fact"


def test_a_quote_that_does_not_name_its_source_among_several_is_an_error(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    case["pledges/acme-pledge.yaml"] = TWO_SOURCES.replace("  source: acme-letter\n", "")
    assert problems(make_site(tmp_path, case)) == [
        "pledges/acme-pledge.yaml:7:3: the quote does not say which of the fact's 2 sources it is copied from "
        "(write the words as 'text:' and add 'source:', one of: trade-weekly-report, acme-letter)"
    ]


def test_a_quote_with_one_source_needs_no_source_named(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    view = site_pages(make_site(tmp_path, valid_files))["pledges/acme-pledge/"].view
    assert view.quote == LETTER and len(view.quote_cites) == 1


def test_words_reported_second_hand_say_who_quoted_them(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["pledges/acme-pledge.yaml"] = TWO_SOURCES.replace(
        "  source: acme-letter\n", "  source: trade-weekly-report\n  as_quoted_by: trade-weekly\n"
    )
    found = site_pages(make_site(tmp_path, case))
    side = found["comparisons/pledge-vs-reply/"].view.card.left
    assert (
        "".join(text for text, _ in side.said.line)
        == "Jo Bloggs, Chief executive, Acme Corp, as quoted by Trade Weekly"
    )
    outlet = found["entities/trade-weekly/"].view
    assert [row.roles for section in outlet.sections for row in section.shown.items] == ["Reporter"]
    assert outlet.scorecard.comparisons == (), "passing words on does not make them the outlet's own"


def test_a_statement_with_two_speakers_is_on_both_their_pages(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["pledges/acme-pledge.yaml"] = TWO_SOURCES.replace("speakers: [jo-bloggs]", "speakers: [jo-bloggs, sam-smith]")
    found = site_pages(make_site(tmp_path, case))
    for person in ("jo-bloggs", "sam-smith"):
        sections = found[f"entities/{person}/"].view.sections
        assert [row.card.id for section in sections for row in section.shown.items] == ["acme-pledge"], person
    said = found["pledges/acme-pledge/"].view.attribution
    assert "".join(text for text, _ in said.line) == "Jo Bloggs, Chief executive; Sam Smith, President, Acme Corp"


def test_an_event_quote_is_the_speakers_words_not_its_first_actors(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["events/acme-pause.yaml"] = """\
title: Acme pauses sales to the police
date: 2021-05
summary: Acme paused sales of face scanners to police forces, under pressure from the regulator.
actors: [regulator, acme]
quote:
  text: We are pausing sales to police forces.
  speakers: [sam-smith]
sources: [acme-letter]
"""
    case["comparisons/pledge-vs-pause.yaml"] = (
        "title: T\nsummary: S\nleft:\n  fact: acme-pledge\nright:\n  fact: acme-pause\n"
        "verdict: consistent\nrationale: R\n"
    )
    side = site_pages(make_site(tmp_path, case))["comparisons/pledge-vs-pause/"].view.card.right
    assert side.said.heading is not None and side.said.heading.label == "Sam Smith"
    assert "Data Protection Authority" not in "".join(text for text, _ in side.said.line)
    case["events/acme-pause.yaml"] = case["events/acme-pause.yaml"].replace("  speakers: [sam-smith]\n", "")
    assert problems(make_site(tmp_path / "unattributed", case)) == [
        "events/acme-pause.yaml:6:3: an event's quote needs 'speakers': whose words they are "
        "(write it with 'text:' and 'speakers:', the ids of the people or organisations who said it)"
    ]


def test_a_supplied_title_is_shown_in_brackets_with_the_original_publisher(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    page = rendered(make_site(tmp_path, case), tmp_path / "out", "sources/trade-weekly-report/")
    assert "<h1>[Acme&#39;s letter, as the trade press read it]</h1>" in page
    assert "not the title it was published under" in page
    assert "First published by</dt><dd>The Daily Record" in page


def test_a_quote_is_checked_against_its_sources_stored_text(tmp_path: Path, make_site: MakeSite, case, cli) -> None:
    case["sources/acme-letter.txt"] = "Dear lawmakers,\n\nAcme no longer offers general\npurpose face scanners.\n"
    content = make_site(tmp_path, case)
    assert cli("check", "--content", str(content)).code == 0
    case["pledges/acme-pledge.yaml"] = TWO_SOURCES.replace("general purpose", "general-purpose")
    run = cli("check", "--content", str(make_site(tmp_path / "changed", case)))
    assert run.code == 1
    first = run.err.splitlines()[0]
    assert re.search(r"pledges/acme-pledge\.yaml:7:9: the quote is not word for word in .*acme-letter\.txt: ", first)
    assert '"general-purpose"' in first and '"general purpose"' in first, first
    assert "(the closest passage there reads “Acme no longer offers general purpose face scanners.”)" in first


def test_a_markdown_stored_text_is_matched_as_a_reader_sees_it(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["sources/acme-letter.md"] = (
        "# A letter\n\nAcme *no longer* offers [general purpose](https://x.example) face scanners.\n"
    )
    graph = pipeline.check(make_site(tmp_path, case))
    assert [check.outcome for check in graph.evidence.quotes] == ["verbatim", "unchecked"]


def test_a_stored_text_belongs_to_a_source(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["sources/acme-memo.txt"] = "Nothing to see.\n"
    case["sources/acme-letter.txt"] = LETTER
    case["sources/acme-letter.md"] = LETTER
    assert problems(make_site(tmp_path, case)) == [
        "sources/acme-letter.txt:1:1: source 'acme-letter' already keeps a stored text in "
        "sources/acme-letter.md (keep one: the .txt or the .md)",
        "sources/acme-memo.txt:1:1: this stored text belongs to no source: there is no sources/acme-memo.yaml "
        "(name it after the source whose document it holds, or add that source)",
    ]


def test_check_report_sums_up_the_evidence(tmp_path: Path, make_site: MakeSite, case, cli) -> None:
    case["sources/acme-letter.txt"] = LETTER
    run = cli("check", "--content", str(make_site(tmp_path, case)), "--report")
    assert run.code == 0, run.err
    report = run.out.split("Evidence:\n", 1)[1]
    assert "Facts: 2 (2 confirmed)" in report
    assert "checked word for word against a stored text: 1" in report
    assert "whose source keeps no stored text: 1" in report
    assert "statements/acme-reply.yaml:5:8 (a source written inline)" in report
    assert "with a stored text: 1 (acme-letter)" in report


def test_one_changed_word_of_an_example_quote_is_caught(tmp_path: Path, cli) -> None:
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    pledge = content / "pledges" / "ibm-2020-facial-recognition-pledge.yaml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("will not condone", "would not condone"), encoding="utf-8")
    run = cli("check", "--content", str(content))
    assert run.code == 1
    assert re.search(r"ibm-2020-facial-recognition-pledge\.yaml:\d+:\d+: the quote is not word for word in ", run.err)
    assert '"would"' in run.err and '"will"' in run.err
    assert "1 problem in " in run.err
    report = cli("check", "--content", str(ROOT / "content"), "--report").out
    assert re.search(r"checked word for word against a stored text: [4-9]", report), report


def test_a_markdown_stored_text_too_tangled_to_render_is_refused_quickly(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    case["sources/acme-letter.md"] = "Dear lawmakers,\n\n" + "[" * 100_000 + "\n"
    assert problems(make_site(tmp_path, case)) == [
        "sources/acme-letter.md:3:1: this stored text cannot be read as Markdown: this paragraph is too tangled "
        "to render in reasonable time: it has 100,000 '[' that are never closed by ']' "
        "(save the document as plain text, in a .txt file)"
    ]


def test_words_of_an_excerpt_are_the_speakers_not_the_whole_facts(tmp_path: Path, make_site: MakeSite, case) -> None:
    case["entities/minister.yaml"] = (
        "name: Mina Ster\ntype: person\nmember_of:\n  - entity: regulator\n    role: Minister\n"
    )
    case["pledges/acme-pledge.yaml"] = TWO_SOURCES + (
        "excerpts:\n  - text: The minister welcomed it.\n    source: acme-letter\n    speakers: [minister]\n"
    )
    found = site_pages(make_site(tmp_path, case))
    minister = found["entities/minister/"].view
    assert [row.roles for section in minister.sections for row in section.shown.items] == ["Quoted"]
    assert minister.scorecard.comparisons == () and minister.scorecard.pledges == 0
    card = found["pledges/acme-pledge/"].view.card
    assert [actor.label for actor in card.actors] == ["Acme Corp", "Jo Bloggs"], "cards name the fact's own people"
    passage = found["pledges/acme-pledge/"].view.excerpts[0].said
    assert passage is not None
    assert "".join(text for text, _ in passage.line) == "Mina Ster, Minister, Data Protection Authority"


def test_a_role_is_never_set_beside_an_organisation_it_is_not_held_at(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    case["statements/acme-reply.yaml"] = case["statements/acme-reply.yaml"].replace("by: acme", "by: regulator")
    case["statements/acme-reply.yaml"] += "speakers: [jo-bloggs]\n"
    side = site_pages(make_site(tmp_path, case))["comparisons/pledge-vs-reply/"].view.card.right
    line = "".join(text for text, _ in side.said.line)
    assert line == "Jo Bloggs, Chief executive, Acme Corp, Data Protection Authority"


def test_an_empty_quote_is_no_quote(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    pledge = valid_files["pledges/acme-pledge.yaml"]
    valid_files["pledges/acme-pledge.yaml"] = pledge.replace(f"quote: {LETTER}", "quote:")
    assert [p.split(": ", 1)[1] for p in problems(make_site(tmp_path, valid_files))] == [
        "missing required field 'quote' (the words, verbatim; or, when no wording survives, a 'paraphrase')"
    ]


def test_a_stored_text_of_a_source_that_failed_adds_no_second_problem(
    tmp_path: Path, make_site: MakeSite, case
) -> None:
    case["sources/acme-letter.yaml"] += "bogus: 1\n"
    case["sources/acme-letter.txt"] = LETTER
    assert [p for p in problems(make_site(tmp_path, case)) if "stored text" in p] == []
