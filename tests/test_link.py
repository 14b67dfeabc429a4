"""Linking: every reference resolved to the right kind, backlinks derived, and every broken reference reported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import ContentErrors
from onrecord.pipeline import load_graph

CONTRACT = """\
title: Acme wins the scanner contract
date: 2023-08
summary: A five-year contract.
buyer: home-office
suppliers: [acme]
sources: [acme-letter]
excerpts:
  - text: facial matching for law enforcement
    at: stage five
"""
HOME_OFFICE = "name: Home Office\ntype: government\n"


def problems_of(content: Path, drafts: bool = False) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_graph(content, drafts)
    return [str(p).replace(f"{content}/", "") for p in caught.value.problems]


def test_references_become_backlinks_from_every_kind(make_site, valid_files, tmp_path: Path) -> None:
    graph = load_graph(make_site(tmp_path, valid_files))
    assert [r.id for r in graph.referring("acme", "pledges")] == ["acme-pledge"]
    assert [r.id for r in graph.referring("acme", "entities")] == ["jo-bloggs"]
    assert set(graph.referrers["acme-letter"]) == {"acme-pledge", "pledge-vs-reply", "did-acme-keep-its-word"}
    assert set(graph.referrers["acme-pledge"]) == {"pledge-vs-reply", "did-acme-keep-its-word"}
    assert "did-acme-keep-its-word" not in graph.referrers


def test_records_of_each_kind_are_in_reading_order(make_site, valid_files, tmp_path: Path) -> None:
    later_same_day = valid_files["pledges/acme-pledge.yaml"].replace("title: Acme promises", "title: Acme repeats")
    files = {
        **valid_files,
        "pledges/b-second.yaml": later_same_day,
        "pledges/a-first.yaml": later_same_day,
        "pledges/month-only.yaml": later_same_day.replace("2020-06-08", "2020-05"),
        "pledges/next-year.yaml": later_same_day.replace("2020-06-08", "2021"),
    }
    graph = load_graph(make_site(tmp_path, files))
    assert [r.id for r in graph.kinds["pledges"]] == ["month-only", "a-first", "acme-pledge", "b-second", "next-year"]
    assert [r.id for r in graph.kinds["entities"]] == ["acme", "jo-bloggs"]


def test_tags_collect_the_records_that_carry_them(make_site, valid_files, tmp_path: Path) -> None:
    files = {**valid_files, "entities/acme.yaml": "name: Acme Corp\ntype: company\ntags: [face-scanners]\n"}
    files["pledges/acme-pledge.yaml"] += "tags: [face-scanners, policing]\n"
    graph = load_graph(make_site(tmp_path, files))
    assert graph.tags == {"face-scanners": ["acme", "acme-pledge"], "policing": ["acme-pledge"]}


def test_a_dangling_reference_suggests_the_closest_id_of_the_right_kind(make_site, valid_files, tmp_path) -> None:
    files = {**valid_files}
    files["pledges/acme-pledge.yaml"] = files["pledges/acme-pledge.yaml"].replace(
        "speakers: [jo-bloggs]", "speakers: [jo-blogs]"
    )
    assert problems_of(make_site(tmp_path, files)) == [
        "pledges/acme-pledge.yaml:5:12: no entity has the id 'jo-blogs' (did you mean 'jo-bloggs'?)"
    ]


def test_a_dangling_reference_with_nothing_close_says_which_file_to_add(make_site, valid_files, tmp_path) -> None:
    files = {**valid_files, "contracts/scanners.yaml": CONTRACT}
    assert problems_of(make_site(tmp_path, files)) == [
        "contracts/scanners.yaml:4:8: no entity has the id 'home-office' (add an entity file named home-office)"
    ]


def test_a_reference_to_the_wrong_kind_points_at_the_list_item(make_site, valid_files, tmp_path: Path) -> None:
    files = {
        **valid_files,
        "entities/home-office.yaml": HOME_OFFICE,
        "contracts/scanners.yaml": CONTRACT.replace("suppliers: [acme]", "suppliers:\n  - acme\n  - acme-letter"),
    }
    assert problems_of(make_site(tmp_path, files)) == [
        "contracts/scanners.yaml:7:5: 'acme-letter' is a source, but an entity is needed here"
    ]


def test_a_duplicate_id_names_both_files_and_causes_no_knock_on_errors(make_site, valid_files, tmp_path) -> None:
    files = {**valid_files, "statements/acme.yaml": valid_files["statements/acme-reply.yaml"]}
    assert problems_of(make_site(tmp_path, files)) == [
        "statements/acme.yaml:1:1: id 'acme' is already used by entities/acme.yaml "
        "(ids must be unique across the whole site; rename one file)"
    ]


def test_a_reference_to_a_broken_file_is_not_reported_again(make_site, valid_files, tmp_path: Path) -> None:
    files = {**valid_files, "entities/acme.yaml": "name: Acme Corp\ntype: shop\n"}
    found = problems_of(make_site(tmp_path, files))
    assert len(found) == 1 and found[0].startswith("entities/acme.yaml:2:7: type: 'shop' is not one of")


def test_a_side_shows_words_it_has_or_the_deed(make_site, valid_files, tmp_path: Path) -> None:
    files = {**valid_files, "entities/home-office.yaml": HOME_OFFICE, "contracts/scanners.yaml": CONTRACT}
    comparison = files["comparisons/pledge-vs-reply.yaml"]
    files["comparisons/pledge-vs-reply.yaml"] = comparison.replace("fact: acme-reply", "fact: scanners")
    assert load_graph(make_site(tmp_path / "deed", files)).referrers["scanners"] == ["pledge-vs-reply"]
    files["comparisons/pledge-vs-reply.yaml"] = comparison.replace("fact: acme-reply", "fact: scanners\n  show: quote")
    assert problems_of(make_site(tmp_path / "a", files)) == [
        "comparisons/pledge-vs-reply.yaml:7:9: 'scanners' has no words on record, so there is no quote to show "
        "(show what was done instead with 'show: deed', or choose one of its excerpts with 'excerpt: 1')"
    ]
    files["comparisons/pledge-vs-reply.yaml"] = comparison.replace("fact: acme-reply", "fact: scanners\n  excerpt: 2")
    assert problems_of(make_site(tmp_path / "b", files)) == [
        "comparisons/pledge-vs-reply.yaml:7:12: 'scanners' has 1 excerpt(s), so there is no excerpt 2"
    ]
    files["comparisons/pledge-vs-reply.yaml"] = comparison.replace("fact: acme-reply", "fact: scanners\n  excerpt: 1")
    assert load_graph(make_site(tmp_path / "c", files)).referrers["scanners"] == ["pledge-vs-reply"]


def test_drafts_are_left_out_and_may_not_be_referenced_unless_drafts_are_built(make_site, valid_files, tmp_path):
    files = {**valid_files, "entities/jo-bloggs.yaml": valid_files["entities/jo-bloggs.yaml"] + "draft: true\n"}
    content = make_site(tmp_path, files)
    assert problems_of(content) == [
        "pledges/acme-pledge.yaml:5:12: 'jo-bloggs' is a draft, so it is left out of the site "
        "(publish it (draft: false) or build with --drafts)"
    ]
    assert "jo-bloggs" in load_graph(content, drafts=True).records


def test_an_unreferenced_draft_is_simply_left_out(make_site, valid_files, tmp_path: Path) -> None:
    files = {**valid_files, "pledges/secret.yaml": valid_files["pledges/acme-pledge.yaml"] + "draft: true\n"}
    graph = load_graph(make_site(tmp_path, files))
    assert "secret" not in graph.records
    assert [r.id for r in graph.kinds["pledges"]] == ["acme-pledge"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("::fact acme-reply", None),
        ("::fact acme", "'acme' is an entity, but a fact is needed here"),
        ("::comparison acme-pledge", "'acme-pledge' is a pledge, but a comparison is needed here"),
        ("::timeline entity=acmee", "no entity has the id 'acmee' (did you mean 'acme'?)"),
        ("::timeline ids=acme-pledge, acme-reply", None),
        (
            "::timeline ids=acme-pledge,acme-replies",
            "no fact has the id 'acme-replies' (did you mean 'acme-reply'?)",
        ),
        ("::timeline tag=face-scanners", None),
        ("::timeline tag=face-scaners", "no fact has the tag 'face-scaners' (did you mean 'face-scanners'?)"),
        ("::timeline tag=sport", "no fact has the tag 'sport' (tag a published fact with it)"),
        ("::facts acme-pledge", "unknown embed '::facts' (did you mean '::fact'?)"),
        ("::Fact acme-pledge", "unknown embed '::Fact' (did you mean '::fact'?)"),
        (
            "::quote acme-pledge",
            "unknown embed '::quote' (embed lines start with ::fact, ::comparison, ::timeline or ::figure)",
        ),
        ("::fact", "'::fact' needs an id after it"),
        ("::timeline who=acme", "unknown timeline filter 'who' (use entity=ID, tag=TAG or ids=ID,ID)"),
        ("::timeline acme", "unknown timeline filter 'acme' (use entity=ID, tag=TAG or ids=ID,ID)"),
        ("::timeline entity=", "'::timeline entity=' needs a value"),
    ],
)
def test_story_embeds_are_checked_where_they_are_written(make_site, valid_files, tmp_path, line, expected) -> None:
    files = {**valid_files}
    files["stories/did-acme-keep-its-word.md"] += f"\n{line}\n"
    files["pledges/acme-pledge.yaml"] += "tags: [face-scanners]\n"
    content = make_site(tmp_path, files)
    if expected is None:
        load_graph(content)
    else:
        assert problems_of(content) == [f"stories/did-acme-keep-its-word.md:13:1: {expected}"]


def test_citations_in_a_fact_body_and_a_rationale_are_placed_exactly(make_site, valid_files, tmp_path) -> None:
    files = {**valid_files}
    files["pledges/acme-pledge.yaml"] += "body: |\n  First line.\n  As reported [@acme-leter].\n"
    files["comparisons/pledge-vs-reply.yaml"] = files["comparisons/pledge-vs-reply.yaml"].replace(
        "rationale: The reply narrows what the promise covered [@acme-letter].",
        "rationale: |\n    The reply narrows\n    what the promise covered [@acme-lettre].",
    )
    assert problems_of(make_site(tmp_path, files)) == [
        "comparisons/pledge-vs-reply.yaml:10:30: no source has the id 'acme-lettre' (did you mean 'acme-letter'?)",
        "pledges/acme-pledge.yaml:11:15: no source has the id 'acme-leter' (did you mean 'acme-letter'?)",
    ]


def test_every_broken_reference_in_the_site_is_reported_together(make_site, valid_files, tmp_path: Path) -> None:
    files = {**valid_files}
    files["pledges/acme-pledge.yaml"] = files["pledges/acme-pledge.yaml"].replace("by: acme", "by: acne")
    files["statements/acme-reply.yaml"] = files["statements/acme-reply.yaml"].replace("by: acme", "by: acme-letter")
    files["stories/did-acme-keep-its-word.md"] += "\n::fact nothing-here\n"
    assert len(problems_of(make_site(tmp_path, files))) == 3
