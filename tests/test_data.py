"""Open data: data/ holds every published record as JSON and CSV, never a draft, with exact amounts, cells a
spreadsheet cannot run, a Frictionless Data Package that validates, and a downloads page listing it all."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest
from conftest import EXAMPLE, VALID_FILES, write_site

from onrecord import dates, kinds, pipeline
from onrecord.views.tables import neutralise

EXACT = "12345678901234567.25"
"""An amount no float can hold: as a float it would read 12345678901234568."""
FORMULA = '=HYPERLINK("https://evil.example.com/","Click")'
CONTRACT = f"""\
title: Acme wins the scanner contract
date: 2023-08~
summary: The ministry bought face scanners from Acme.
buyer: acme
suppliers: [acme]
covers: ["fingerprints, and faces", "line one\\nline two"]
amounts:
  - role: contract-value
    amount: {EXACT}
    currency: GBP
    reported_as:
      - amount: 0.10
        currency: USD
sources: [acme-letter]
"""
DRAFT = """\
title: Zanzibar secret plan
date: 2024-01-01
summary: Not ready.
by: acme
quote: Not yet.
context: A draft.
sources: [acme-letter]
draft: true
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site with a contract holding an exact amount, a title a spreadsheet would run, and a draft."""
    files = {**VALID_FILES, "contracts/acme-contract.yaml": CONTRACT, "statements/zanzibar-plan.yaml": DRAFT}
    files["statements/acme-reply.yaml"] = files["statements/acme-reply.yaml"].replace(
        "title: Acme says the contract is not mass surveillance", f"title: '{FORMULA}'"
    )
    return write_site(tmp_path_factory.mktemp("tiny"), files)


@pytest.fixture(scope="module")
def data(tiny: Path) -> Path:
    """The tiny site's data/, built once for the tests that only read it."""
    return _build(tiny, tiny.parent / "site")


def _build(content: Path, out: Path, drafts: bool = False) -> Path:
    pipeline.build(content, out, drafts=drafts)
    return out / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _published_ids(content: Path) -> dict[str, list[str]]:
    graph = pipeline.load_graph(content)
    return {kind: sorted(r.id for r in graph.kinds[kind]) for kind in kinds.names()}


def test_the_example_data_is_a_valid_data_package(example_build: Path) -> None:
    report = frictionless.validate(str(example_build / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["resource/name", "type", "note"])
    descriptor = json.loads((example_build / "data" / "datapackage.json").read_text())
    described = {resource["path"] for resource in descriptor["resources"]}
    on_disk = {str(p.relative_to(example_build / "data")) for p in (example_build / "data").rglob("*") if p.is_file()}
    assert described == on_disk - {"datapackage.json", "index.html"}
    assert descriptor["homepage"] == "https://example.org/on-the-record/"
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0", "title": "CC BY 4.0"}]
    assert descriptor["name"] == "on-the-record"


def test_the_example_json_holds_every_published_record_by_id(example_build: Path) -> None:
    everything = json.loads((example_build / "data" / "site.json").read_text(encoding="utf-8"))
    published = _published_ids(EXAMPLE)
    assert {kind: [r["id"] for r in records] for kind, records in everything["records"].items()} == published
    for kind, ids in published.items():
        alone = json.loads((example_build / "data" / f"{kind}.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in alone["records"]] == ids
        assert [row["id"] for row in _rows(example_build / "data" / f"{kind}.csv")] == ids
    assert everything["site"]["licence"] == "CC BY 4.0"


def test_the_json_files_joined_from_each_kind_s_records_are_canonical_json(example_build: Path) -> None:
    """site.json and each kind's file are joined from text encoded once per kind: each must read exactly as
    its whole value encoded at once (sorted keys, the standard separators, one final newline)."""
    for path in [example_build / "data" / "site.json", *(example_build / "data" / f"{k}.json" for k in kinds.names())]:
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False) + "\n", path.name


def test_the_example_schemas_are_copied(example_build: Path) -> None:
    for kind in kinds.models():
        copied = example_build / "data" / "schemas" / f"{kind}.schema.json"
        assert copied.read_bytes() == (Path(__file__).parent.parent / "schemas" / f"{kind}.schema.json").read_bytes()


def test_drafts_are_in_no_data_file_even_in_a_preview(tiny: Path, data: Path, tmp_path: Path) -> None:
    for folder in (data, _build(tiny, tmp_path / "preview", drafts=True)):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".json", ".csv"):
                assert "zanzibar" not in path.read_text(encoding="utf-8").lower(), path
    assert "Zanzibar" in (tmp_path / "preview" / "statements" / "zanzibar-plan" / "index.html").read_text()
    statements = json.loads((data / "statements.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in statements["records"]] == _published_ids(tiny)["statements"]


def test_amounts_keep_their_exact_value_and_currency(data: Path) -> None:
    text = (data / "contracts.json").read_text(encoding="utf-8")
    (money,) = json.loads(text)["records"][0]["amounts"]
    assert money["amount"] == EXACT and money["currency"] == "GBP"
    assert money["reported_as"] == [{"amount": "0.10", "currency": "USD", "source": None}]
    assert json.loads(text, parse_float=Decimal) == json.loads(text)  # no float anywhere in the file
    (row,) = _rows(data / "amounts.csv")
    assert (row["record"], row["role"], row["amount"], row["currency"]) == (
        "acme-contract",
        "contract-value",
        EXACT,
        "GBP",
    )
    assert row["reported_as"] == "0.10 USD"
    (contract,) = _rows(data / "contracts.csv")
    assert contract["amounts"] == f"contract-value {EXACT} GBP"


def test_the_example_amounts_equal_the_yaml(example_build: Path) -> None:
    records = json.loads((example_build / "data" / "contracts.json").read_text(encoding="utf-8"))["records"]
    (contract,) = (r for r in records if r["id"] == "home-office-biometrics-matcher-platform")
    assert contract["amounts"][0]["amount"] == "54700000"
    assert contract["amounts"][0]["reported_as"][0]["amount"] == "69800000"
    assert "amount: 54700000\n" in (EXAMPLE / "contracts" / f"{contract['id']}.yaml").read_text()


def test_dates_are_their_edtf_text(data: Path) -> None:
    (contract,) = json.loads((data / "contracts.json").read_text(encoding="utf-8"))["records"]
    assert contract["date"] == "2023-08~"
    assert _rows(data / "contracts.csv")[0]["date"] == "2023-08~"
    for written in (
        "2020",
        "2020-06-08",
        "2020-06~",
        "2023?",
        "2020-21%",
        "201X",
        "2020-XX",
        "2019/2021-05",
        "../2021",
    ):
        assert dates.text(dates.parse(written)) == written


def test_spreadsheet_formulas_are_neutralised_in_csv_only(data: Path) -> None:
    (row,) = (r for r in _rows(data / "statements.csv") if r["id"] == "acme-reply")
    assert row["title"] == "'" + FORMULA
    (record,) = (r for r in json.loads((data / "statements.json").read_text())["records"] if r["id"] == "acme-reply")
    assert record["title"] == FORMULA
    assert [neutralise(cell) for cell in ("+1", "-2", "@x", "\tx", "\rx", "ok", "a=b", "")] == [
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "'\rx",
        "ok",
        "a=b",
        "",
    ]


def test_csv_lists_are_flattened_and_quoted(data: Path) -> None:
    raw = (data / "contracts.csv").read_bytes()
    assert b"\r\n" not in raw and raw.endswith(b"\n")
    (row,) = _rows(data / "contracts.csv")
    assert (row["covers_1"], row["covers_2"]) == ("fingerprints, and faces", "line one\nline two")
    assert row["suppliers"] == "acme" and row["sources"] == "acme-letter"
    (reply,) = (r for r in _rows(data / "statements.csv") if r["id"] == "acme-reply")
    assert reply["sources"] == "Acme answers its critics <https://post.example.net/acme-answers>"
    cited = {(r["record"], r["field"], r["source"], r["url"]) for r in _rows(data / "sources-cited.csv")}
    assert ("acme-reply", "sources", "", "https://post.example.net/acme-answers") in cited
    assert ("pledge-vs-reply", "rationale", "acme-letter", "https://news.example.com/acme-letter") in cited
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resource/name", "type", "note"])


def test_two_builds_give_identical_data(tiny: Path, data: Path, tmp_path: Path) -> None:
    first, second = data, _build(tiny, tmp_path / "again")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path
    assert all((first / p).read_bytes().endswith(b"\n") for p in files if p.suffix == ".json")


def test_the_downloads_page_lists_every_file_and_is_in_the_footer(example_build: Path) -> None:
    page = (example_build / "data" / "index.html").read_text(encoding="utf-8")
    for path in (example_build / "data").rglob("*"):
        if path.is_file() and path.name != "index.html":
            assert f'href="../data/{path.relative_to(example_build / "data")}"' in page, path
    assert "CC BY 4.0" in page
    assert "(CSV, " in page and " kB)" in page
    assert 'href="../data/">Open data</a>' in (example_build / "methodology" / "index.html").read_text()
