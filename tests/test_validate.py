"""Typed validation: what each kind accepts, and problems that say where, what is wrong and what would be right."""

from __future__ import annotations

import re
import shutil
import textwrap
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

from onrecord import date_words, kinds
from onrecord.errors import ContentErrors
from onrecord.load import RawDoc, parse_yaml
from onrecord.model import Strict
from onrecord.pipeline import load_graph
from onrecord.suggest import meant_field
from onrecord.validate import Record, validate, validate_all
from onrecord.values import Date, Text

ROOT = Path(__file__).resolve().parent.parent

PLEDGE = """\
title: Acme promises to stop selling face scanners
date: 2020-06-08
summary: Acme said it would stop.
by: acme
quote: Acme no longer offers general purpose face scanners.
context: A letter to lawmakers.
sources: [acme-letter]
"""


def raw(kind: str, text: str, doc_id: str = "doc") -> RawDoc:
    data, marks = parse_yaml(textwrap.dedent(text), f"{kind}/{doc_id}.yaml")
    return RawDoc(kind, doc_id, f"{kind}/{doc_id}.yaml", data, marks)


def valid(kind: str, text: str) -> Record:
    return validate(raw(kind, text))


def problems(kind: str, text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        validate(raw(kind, text))
    return [str(p) for p in caught.value.problems]


def test_a_complete_pledge_validates_leaving_its_status_to_the_default_of_the_sites_scale() -> None:
    pledge = valid("pledges", PLEDGE).model
    assert pledge.by == "acme" and pledge.sources == ["acme-letter"]
    assert pledge.status is None, "which status is the default is known only with site.yaml"
    assert date_words.words(pledge.date) == "8 June 2020"


@pytest.mark.parametrize(
    "written, words",
    [
        ("2020", "2020"),
        ("2020-06", "June 2020"),
        ("2020-06~", "about June 2020"),
        ("2023?", "2023 (uncertain)"),
        ("2020-06-10/2021-05", "10 June 2020 to May 2021"),
        ("2023-08/..", "from August 2023"),
    ],
)
def test_every_edtf_form_is_accepted_as_a_fact_date(written: str, words: str) -> None:
    pledge = valid("pledges", PLEDGE.replace("2020-06-08", written)).model
    assert date_words.words(pledge.date) == words


def test_an_unknown_nested_field_suggests_the_closest_name() -> None:
    text = PLEDGE.replace(
        "sources: [acme-letter]",
        textwrap.dedent("""\
        sources:
          - title: Acme writes to lawmakers
            publsher: The Daily Record
            url: https://news.example.com/a
            type: news"""),
    )
    assert problems("pledges", text) == [
        "pledges/doc.yaml:8:5: missing required field 'sources[1].publisher' "
        "(Who published it (a newspaper, a court, a government department).)",
        "pledges/doc.yaml:9:5: unknown field 'sources[1].publsher' (did you mean 'publisher'?)",
    ]


def test_an_unknown_field_with_no_close_name_lists_the_known_ones() -> None:
    [problem] = problems("entities", "name: Acme\ntype: company\nheadquarters: Springfield\n")
    assert problem.startswith(
        "entities/doc.yaml:3:1: unknown field 'headquarters' (known fields: aliases, country, description,"
    )


EVENT = """\
title: A moratorium
date: 2020-06-10
summary: Paused.
actors: [acme]
sources: [acme-letter]
"""


@pytest.mark.parametrize(
    "kind, text, hint",
    [
        ("events", EVENT + "date_end: 2021-06\n", "did you mean 'end'?"),
        ("events", EVENT + "end-date: 2021-06\n", "did you mean 'end'?"),
        ("contracts", EVENT.replace("actors", "suppliers") + "buyer: b\nstart_date: 2021\n", "did you mean 'start'?"),
        ("entities", "name: Acme\ntype: company\nalias: Big Blue\n", "did you mean 'aliases'?"),
        ("pledges", PLEDGE + "sorces: [acme-memo]\n", "known fields: after,"),
    ],
)
def test_an_unknown_field_suggests_a_field_not_already_given(kind: str, text: str, hint: str) -> None:
    [problem] = problems(kind, text)
    assert f"({hint}" in problem


def test_a_note_written_as_a_field_is_told_to_be_a_comment() -> None:
    [problem] = problems("events", EVENT + "notes: Check the end date with the desk.\n")
    assert problem.startswith("events/doc.yaml:6:1: unknown field 'notes' (known fields: actors, after,")
    assert problem.endswith("; a note for yourself belongs in a YAML comment, a line starting with #)")


class Publication(Strict):
    published: Date | None = None
    publishers: list[Text] | None = None


@pytest.mark.parametrize(
    "value, meant",
    [("2020-06", "published"), ("June 2020", "published"), (["Acme"], "publishers"), (None, "published")],
)
def test_the_field_suggested_is_one_that_could_hold_the_value_written(value: object, meant: str) -> None:
    assert meant_field(Publication, "publish", value, ()) == meant
    assert meant_field(Publication, "publish", value, (meant,)) != meant


def test_a_missing_field_inside_a_list_points_at_the_list_item() -> None:
    text = "name: Jo\ntype: person\nmember_of:\n  - entity: acme\n"
    assert problems("entities", text) == [
        "entities/doc.yaml:4:5: missing required field 'member_of[1].role' "
        '(Their role there, e.g. "Chief executive".)'
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "status: in the works",
            "pledges/doc.yaml:8:9: status: 'in the works' must be lowercase letters, digits and single hyphens "
            "(e.g. 'in-the-works')",
        ),
        ("draft: maybe", "pledges/doc.yaml:8:8: draft: expected true or false, got 'maybe'"),
        (
            "tags: Technology",
            "pledges/doc.yaml:8:7: tags: expected a list (lines starting with '- '), got 'Technology'",
        ),
        (
            "tags: [Facial Recognition]",
            "pledges/doc.yaml:8:8: tags[1]: 'Facial Recognition' must be lowercase letters, "
            "digits and single hyphens (e.g. 'facial-recognition')",
        ),
        ("covers: [technology, 42]", "pledges/doc.yaml:8:22: covers[2]: expected text, got 42"),
    ],
)
def test_wrong_values_say_what_was_expected(line: str, expected: str) -> None:
    [problem] = problems("pledges", PLEDGE + line + "\n")
    assert expected in problem


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    text = PLEDGE.replace("date: 2020-06-08", "date: 2020-02-30").replace("by: acme", "by: [acme]") + "speeker: jo\n"
    found = problems("pledges", text)
    assert [p.split(": ", 1)[0] for p in found] == [
        "pledges/doc.yaml:2:7",
        "pledges/doc.yaml:4:5",
        "pledges/doc.yaml:8:1",
    ]


def test_validate_all_keeps_the_good_files_and_every_problem_of_the_bad_ones() -> None:
    docs = [
        raw("pledges", PLEDGE, "good"),
        raw("pledges", "title: Only a title\n", "bad"),
        raw("entities", "name: A\ntype: shop\n", "shop"),
    ]
    records, found = validate_all(docs)
    assert [r.id for r in records] == ["good"]
    assert len(found) == 7
    assert {p.location.path for p in found} == {"pledges/bad.yaml", "entities/shop.yaml"}


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,hi",
        "ftp://files.example.com/a",
        "//news.example.com/a",
        "news.example.com/a",
    ],
)
def test_only_web_addresses_are_accepted_as_urls(url: str) -> None:
    text = f"title: T\npublisher: P\nurl: '{url}'\ntype: news\n"
    [problem] = problems("sources", text)
    assert problem.startswith("sources/doc.yaml:3:6: url: ") and "only http:// and https:// links" in problem


def test_an_impossible_date_says_why() -> None:
    assert problems("pledges", PLEDGE.replace("2020-06-08", "2021-02-29")) == [
        'pledges/doc.yaml:2:7: date: "2021-02-29" is not a real date: February 2021 has 28 days'
    ]


def test_money_keeps_its_currency_and_reported_conversion_exactly() -> None:
    text = """\
        title: Acme wins the scanner contract
        date: 2023-08
        summary: A five-year contract.
        sources: [acme-letter]
        buyer: home-office
        suppliers: [acme]
        amounts:
          - role: contract-value
            amount: 54700000
            currency: GBP
            reported_as:
              - amount: 69800000
                currency: USD
        """
    [value] = valid("contracts", text).model.amounts
    assert (value.role, value.amount, value.currency) == ("contract-value", Decimal("54700000"), "GBP")
    assert [(c.amount, c.currency) for c in value.reported_as] == [(Decimal("69800000"), "USD")]
    assert problems("contracts", text.replace("GBP", "GPB")) == [
        "contracts/doc.yaml:10:15: amounts[1].currency: 'GPB' is not an ISO 4217 currency code (e.g. GBP, USD, EUR)"
    ]


def test_a_period_cannot_end_before_it_starts() -> None:
    text = """\
        title: A moratorium
        date: 2020-06-10
        end: 2019-05
        summary: Paused.
        actors: [acme]
        sources: [acme-letter]
        """
    assert problems("events", text) == ["events/doc.yaml:3:6: end (May 2019) is before the start (10 June 2020)"]


def test_a_reply_must_agree_with_whether_they_replied() -> None:
    replied_without_words = PLEDGE + "replies:\n  - party: acme\n    asked: 2023-08-30\n    replied: true\n"
    assert problems("pledges", replied_without_words) == [
        "pledges/doc.yaml:9:5: replied is true but there is no 'reply' text "
        "(add their words as 'reply', or set replied: false)"
    ]
    words_without_reply = PLEDGE + (
        "replies:\n  - party: acme\n    asked: 2023-08-30\n    replied: false\n    reply: No comment.\n"
    )
    assert problems("pledges", words_without_reply) == [
        "pledges/doc.yaml:12:5: a reply is given but replied is false (set replied: true)"
    ]


def test_a_right_of_reply_with_no_response_is_valid() -> None:
    pledge = valid("pledges", PLEDGE + "replies:\n  - party: acme\n    asked: 2023-08-30\n    replied: false\n").model
    assert pledge.replies[0].replied is False and pledge.replies[0].reply is None


def test_a_fact_must_cite_at_least_one_source() -> None:
    assert problems("pledges", PLEDGE.replace("sources: [acme-letter]", "sources: []")) == [
        "pledges/doc.yaml:7:10: sources: must not be empty"
    ]


def test_a_story_body_comes_after_the_front_matter_not_inside_it() -> None:
    front = "title: T\ndate: 2020\nsummary: S\nauthors: [Sam]\nbody: Inline body\n"
    data, marks = parse_yaml(front, "stories/s.md", line_offset=1)
    with pytest.raises(ContentErrors) as caught:
        validate(RawDoc("stories", "s", "stories/s.md", data, marks, "Real body", 8))
    assert [str(p) for p in caught.value.problems] == [
        "stories/s.md:6:1: a story's body is the Markdown after the front matter (remove the 'body' field)"
    ]


def test_site_settings_are_checked_like_any_file() -> None:
    text = "title: T\ntagline: L\nbase_url: example.org\nlanguage: English\npublisher: P\nlicense: CC BY 4.0\n"
    found = problems("site", text)
    assert "site/doc.yaml:6:1: unknown field 'license' (did you mean 'licence'?)" in found
    assert any(p.startswith("site/doc.yaml:3:11: base_url: 'example.org' is not a web address") for p in found)
    assert any(p.startswith("site/doc.yaml:4:11: language: 'English'") for p in found)


def test_a_comparison_side_cannot_point_at_excerpt_zero() -> None:
    text = """\
        title: T
        summary: S
        left: {fact: a, excerpt: 0}
        right: {fact: b}
        verdict: unclear
        rationale: R
        """
    assert problems("comparisons", text) == ["comparisons/doc.yaml:3:26: left.excerpt: 0 must be at least 1"]


def test_every_example_file_in_the_format_guide_passes_check(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    examples = re.findall(
        r"^`([a-z-]+/[a-z0-9-]+\.(?:yaml|md)|site\.yaml)`:\n\n```(?:yaml|markdown)\n(.*?)^```", guide, re.M | re.S
    )
    assert {path.split("/")[0] for path, _ in examples} == set(kinds.models()) - {"site"} | {"site.yaml"}
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for path, text in examples:
        (content / path).parent.mkdir(exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    load_graph(content)


WRONG_VALUES = ('""', "Not An Id", "June 2020", "42", "1.5", "true", "[]", "['']", "{}", "-1", "[" + "a, " * 60 + "a]")
LIBRARY_WORDING = re.compile(r"\b(should|Input|permitted|Value error|Field required)\b")


def wrong_files(model: type[BaseModel], nested: bool = True) -> Iterator[str]:
    """Each field of a model given each wrong value, and so for the fields of the groups it holds."""
    for name, info in model.model_fields.items():
        yield from (f"{name}: {value}" for value in WRONG_VALUES)
        inner = next((part for part in _parts(info.annotation) if issubclass(part, BaseModel)), None)
        if inner is not None and nested:
            listed = typing.get_origin(info.annotation) is list
            for text in wrong_files(inner, nested=False):
                yield f"{name}:\n  - {text}" if listed else f"{name}:\n  {text}"


def _parts(annotation: object) -> Iterator[type]:
    if isinstance(annotation, type):
        yield annotation
    for inner in typing.get_args(annotation):
        yield from _parts(inner)


@pytest.mark.parametrize("kind", sorted(kinds.models()))
def test_no_message_is_in_the_validation_library_s_words(kind: str) -> None:
    for text in wrong_files(kinds.models()[kind]):
        try:
            validate(raw(kind, text + "\n"))
        except ContentErrors as caught:
            leaked = [str(p) for p in caught.problems if LIBRARY_WORDING.search(p.message)]
            assert not leaked, text
