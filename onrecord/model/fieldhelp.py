"""Each field's help: the docstring written under it in the model's source.

Read only when a message, a new file or a schema asks for it: reading every model's source when the
models are defined would add half a second to every build and check.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import textwrap
from typing import Any


def field_help(model: type, name: str) -> str:
    """The docstring under field `name` in `model` or the nearest class it inherits it from; "" if none."""
    for owner in model.__mro__:
        if name in _docstrings(owner):
            return _docstrings(owner)[name]
    return ""


def add_field_help(schema: dict[str, Any], model: type) -> None:
    """Set each property's description in a model's JSON Schema (pydantic's `json_schema_extra` hook)."""
    for name, prop in schema.get("properties", {}).items():
        text = field_help(model, name)
        if text:
            prop["description"] = text


@functools.cache
def _docstrings(owner: type) -> dict[str, str]:
    """Field name to docstring for the fields a class itself declares."""
    try:
        source = textwrap.dedent(inspect.getsource(owner))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body
    if not body or not isinstance(body[0], ast.ClassDef):
        return {}
    found = {}
    statements = body[0].body
    for statement, following in itertools.pairwise(statements):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found
