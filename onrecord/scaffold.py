"""Skeleton files for `site.py new`, made from the content model so they never fall behind it.

A skeleton holds every required field, each with a placeholder nobody could take for a fact: text
reads "TODO: ...", references name ids such as `todo-entity-id`, dates are `20XX`. Kinds that can be
drafts are written as drafts, so `check` passes as written and nothing reaches the published site
until the author removes `draft: true`; the preview (which shows drafts) and `check --drafts` point
at each reference still to fill in. A source cannot be a draft: its "TODO" address fails `check`
until a real one is written.
"""

from __future__ import annotations

import difflib
import json
import os
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import dates, limits, schemas
from .errors import UsageError
from .link import SINGULAR
from .load import ID_PATTERN, KINDS, find_files, suggest_id
from .model import FACT_KINDS, MODELS, Ref

NEUTRAL_CHOICES = ("unclear", "organisation")
"""Preferred when a field must name one of a fixed set: they claim the least."""
UNKNOWN_DATE = "20XX"
SCHEMAS = Path("schemas")
"""Where `site.py schemas` writes by default."""


def create(content: Path, kind: str, new_id: str) -> Path:
    """Write the skeleton of a new file; refuse an unknown kind, a malformed id or one already in use."""
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"choose one of: {', '.join(KINDS)}"
        raise UsageError(f"unknown kind '{kind}' ({hint})")
    if not ID_PATTERN.fullmatch(new_id):
        raise UsageError(
            f"'{new_id}' is not a valid id: use lowercase letters, digits and single hyphens, "
            f"e.g. '{suggest_id(new_id)}'"
        )
    if len(new_id) > limits.ID_CHARACTERS:
        raise UsageError(f"the id is {len(new_id)} characters long; an id may have at most {limits.ID_CHARACTERS}")
    if not content.is_dir():
        raise UsageError(f"no content folder at {content}/ (choose one with --content DIR)")
    taken = next((path for _, path in find_files(content)[0] if path.stem == new_id), None)
    if taken is not None:
        raise UsageError(f"the id '{new_id}' is already used by {taken}; ids are unique across the whole site")
    path = content / kind / (new_id + (".md" if kind == "stories" else ".yaml"))
    path.parent.mkdir(exist_ok=True)
    schema = os.path.relpath(SCHEMAS / schemas.file_name(kind), path.parent)
    with path.open("x", encoding="utf-8") as file:
        file.write(skeleton(kind, Path(schema).as_posix()))
    return path


def skeleton(kind: str, schema: str) -> str:
    """The text of a new file of `kind`, pointing editors at the JSON Schema `schema`."""
    model = MODELS[kind]
    lines = [f"# yaml-language-server: $schema={schema}"]
    if "draft" in model.model_fields:
        lines += [
            f"# A new {SINGULAR[kind]}: replace every TODO, then delete `draft: true` to publish it.",
            "draft: true",
        ]
    lines += _fields(model, "")
    if kind == "stories":
        return "---\n" + "\n".join(lines) + "\n---\n\nTODO: the story, in Markdown.\n"
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], indent: str) -> list[str]:
    lines = []
    for name, info in model.model_fields.items():
        if info.is_required():
            lines += _field(name, info, indent)
    return lines


def _field(name: str, info: FieldInfo, indent: str) -> list[str]:
    """One `name: placeholder` entry, with what to write there when the placeholder cannot say it."""
    annotation = info.annotation
    about = _sentence(info.description or name)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f"{indent}{name}:  # TODO: {about}", *_fields(annotation, indent + "  ")]
    value, note = _placeholder(info, about)
    comment = f"  # TODO: {note}" if note else ""
    if typing.get_origin(annotation) is list:
        return [f"{indent}{name}:{comment}", f"{indent}  - {value}"]
    return [f"{indent}{name}: {value}{comment}"]


def _placeholder(info: FieldInfo, about: str) -> tuple[str, str]:
    """A value the model accepts, and a note when the value itself does not say what is wanted."""
    ref = next((item for item in info.metadata if isinstance(item, Ref)), None)
    if ref is not None:
        noun = "fact" if ref.kinds == FACT_KINDS else " or ".join(SINGULAR[kind] for kind in ref.kinds)
        return f"todo-{noun.replace(' ', '-')}-id", about
    choices = typing.get_args(info.annotation)
    if typing.get_origin(info.annotation) is typing.Literal:
        chosen = next((c for c in NEUTRAL_CHOICES if c in choices), choices[0])
        listed = all(choice in about for choice in choices)
        return chosen, about if listed else f"{about}: one of {', '.join(choices)}"
    if dates.Point in choices:
        return UNKNOWN_DATE, f"{about}, e.g. 2020, 2020-06 or 2020-06-08"
    return json.dumps(f"TODO: {about}", ensure_ascii=False), ""


def _sentence(text: str) -> str:
    """'Headline of the fact.' as 'headline of the fact', to follow 'TODO: '."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
