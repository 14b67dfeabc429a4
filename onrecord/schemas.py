"""JSON Schemas of the content model, so editors can check fact files while authors type.

Generated from the pydantic models of each kind (model/): the field docstrings become the hover help.
Written with sorted keys and a trailing newline, so regenerating an unchanged model changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import kinds

DIALECT = "https://json-schema.org/draft/2020-12/schema"
WHERE = {
    "site": "the site.yaml at the top of the content folder",
    "stories": "the front matter of a Markdown file in stories/",
}


def schema(kind: str) -> dict[str, Any]:  # JSON Schema is untyped JSON, as pydantic makes it
    """The schema of one kind, with the header editors show."""
    body = kinds.models()[kind].model_json_schema()
    if kind == "stories":
        # A story's body is the Markdown after its front matter, never a front-matter field.
        body["properties"].pop("body")
    where = WHERE.get(kind, f"a file in {kind}/ (its file name is its id)")
    return {
        **body,
        "$schema": DIALECT,
        "$id": file_name(kind),
        "title": f"On the Record: {kind}",
        "description": f"{body['description']} Checks {where}.",
    }


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def text(kind: str) -> str:
    """The schema as written to disk: stable key order, two-space indent, trailing newline."""
    return json.dumps(schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(out: Path) -> list[Path]:
    """Write one schema per kind into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds.models():
        path = out / file_name(kind)
        path.write_text(text(kind), encoding="utf-8")
        written.append(path)
    return written
