"""JSON Schemas for editors: one per kind, current with the model, documented field by field, stable byte for byte."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from onrecord import kinds
from onrecord.load import FRONT_MATTER

MODELS = kinds.models()

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schemas"


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (name, property) of a schema and of each of its definitions."""
    for part in [schema, *schema.get("$defs", {}).values()]:
        yield from part.get("properties", {}).items()


def test_the_schemas_verb_writes_one_schema_per_kind(cli, tmp_path: Path) -> None:
    result = cli("schemas", "--out", str(tmp_path / "schemas"))
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(f"{k}.schema.json" for k in MODELS)


def test_the_committed_schemas_match_the_model(cli, tmp_path: Path) -> None:
    cli("schemas", "--out", str(tmp_path))
    for kind in MODELS:
        name = f"{kind}.schema.json"
        assert (COMMITTED / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"schemas/{name} is out of date: run `make schemas`"
        )


def test_generating_twice_gives_the_same_bytes(cli, tmp_path: Path) -> None:
    cli("schemas", "--out", str(tmp_path / "a"))
    cli("schemas", "--out", str(tmp_path / "b"))
    assert [p.read_bytes() for p in sorted((tmp_path / "a").iterdir())] == [
        p.read_bytes() for p in sorted((tmp_path / "b").iterdir())
    ]


@pytest.mark.parametrize("kind", MODELS)
def test_each_schema_has_a_header_sorted_keys_and_a_final_newline(kind: str) -> None:
    text = (COMMITTED / f"{kind}.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{kind}.schema.json"
    assert kind in schema["title"] and schema["description"]


@pytest.mark.parametrize("kind", MODELS)
def test_each_schema_refuses_unknown_fields_and_requires_what_the_model_requires(kind: str) -> None:
    schema = json.loads((COMMITTED / f"{kind}.schema.json").read_text(encoding="utf-8"))
    model = MODELS[kind]
    assert schema["additionalProperties"] is False
    assert all(d.get("additionalProperties") is False for d in schema.get("$defs", {}).values() if "properties" in d)
    assert set(schema["required"]) == {name for name, field in model.model_fields.items() if field.is_required()}


@pytest.mark.parametrize("kind", MODELS)
def test_every_field_in_every_schema_is_documented(kind: str) -> None:
    schema = json.loads((COMMITTED / f"{kind}.schema.json").read_text(encoding="utf-8"))
    undocumented = [name for name, prop in properties(schema) if not prop.get("description")]
    assert not undocumented


def test_a_story_schema_leaves_the_body_to_the_markdown() -> None:
    schema = json.loads((COMMITTED / "stories.schema.json").read_text(encoding="utf-8"))
    assert "body" not in schema["properties"] and "authors" in schema["required"]


def test_the_pledge_schema_takes_a_status_id_and_dates_as_text_or_year_and_site_yaml_offers_the_scales() -> None:
    schema = json.loads((COMMITTED / "pledges.schema.json").read_text(encoding="utf-8"))
    status = schema["properties"]["status"]["anyOf"][0]
    assert (
        status["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$" and "site.yaml" in schema["properties"]["status"]["description"]
    )
    assert schema["properties"]["date"]["type"] == ["string", "integer"]
    site = json.loads((COMMITTED / "site.schema.json").read_text(encoding="utf-8"))
    verdicts = site["$defs"]["Scales"]["properties"]["verdicts"]["default"]
    assert [level["id"] for level in verdicts] == ["contradicts", "in-tension", "unclear", "consistent"]


def example_files() -> Iterator[tuple[str, Path]]:
    yield "site", ROOT / "content" / "site.yaml"
    for kind in MODELS:
        for path in sorted((ROOT / "content" / kind).glob("*.*")):
            if path.suffix not in (*kinds.kind(kind).stored_texts, *kinds.kind(kind).pictures):
                yield kind, path


def test_every_example_file_uses_only_fields_its_schema_knows_and_has_all_it_requires() -> None:
    checked = 0
    for kind, path in example_files():
        text = path.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text) if kind == "stories" else None
        data = yaml.safe_load(front.group(1) if front else text)
        schema = json.loads((COMMITTED / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert set(data) <= set(schema["properties"]), path
        assert set(schema["required"]) <= set(data), path
        checked += 1
    assert checked > 20
