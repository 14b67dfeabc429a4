"""Skeleton files for `site.py new`, made from the content model so they never fall behind it.

A skeleton holds every required field, each with a placeholder nobody could take for a fact: text
reads "TODO: ...", references name ids such as `todo-entity-id`, dates are `TODO` (which no date can
be). Kinds that can be drafts are written as drafts, so `check` passes as written and nothing
reaches the published site until the author removes `draft: true`; the preview (which shows drafts)
and `check --drafts` point at each reference still to fill in. A source cannot be a draft: its
"TODO" address fails `check` until a real one is written; nor can an image, which fails until its
picture is saved beside it; nor can site.yaml (`site.py new site`).
"""

from __future__ import annotations

import difflib
import json
import os
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import dates, kinds, limits, schemas
from .errors import UsageError
from .load import ID_PATTERN, SITE_FILE, find_files, suggest_id
from .model import OnScale, Prompted, Ref, Scales, field_help
from .values import PLACEHOLDER_DATE

NEUTRAL_CHOICES = ("unclear", "organisation")
"""Preferred when a field must name one of a fixed set, or a level of a default scale: they claim the least."""
SCHEMAS = Path("schemas")
"""Where `site.py schemas` writes by default."""


def create(content: Path, kind: str, new_id: str | None) -> Path:
    """Write the skeleton of a new file; refuse an unknown kind, a malformed id or one already in use.
    The kind `site` is site.yaml, which has no id."""
    choices = (*kinds.names(), "site")
    if kind not in choices:
        close = difflib.get_close_matches(kind, choices, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"choose one of: {', '.join(choices)}"
        raise UsageError(f"unknown kind '{kind}' ({hint})")
    if kind == "site":
        if new_id is not None:
            raise UsageError(f"site.yaml has no id: write 'site.py new site', without '{new_id}'")
        return _create_site(content)
    if new_id is None:
        raise UsageError(f"a new file needs an id: write 'site.py new {kind} ID', e.g. 'site.py new {kind} acme-2020'")
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
    path = content / kind / (new_id + kinds.kind(kind).suffix)
    path.parent.mkdir(exist_ok=True)
    return _write(path, kind)


def _create_site(content: Path) -> Path:
    """site.yaml in the content folder (made if need be, to start a new site); never one written over."""
    path = content / SITE_FILE
    if path.exists() or path.is_symlink():
        raise UsageError(f"{path} already exists; edit it there (a content folder has one site.yaml)")
    try:
        content.mkdir(exist_ok=True)
    except OSError:
        raise UsageError(f"cannot make the content folder {content}/ (choose another with --content DIR)") from None
    return _write(path, "site")


def _write(path: Path, kind: str) -> Path:
    schema = os.path.relpath(SCHEMAS / schemas.file_name(kind), path.parent)
    with path.open("x", encoding="utf-8") as file:
        file.write(skeleton(kind, Path(schema).as_posix()))
    return path


def skeleton(kind: str, schema: str) -> str:
    """The text of a new file of `kind` (or of site.yaml, `site`), pointing editors at the JSON Schema `schema`."""
    model = kinds.models()[kind]
    lines = [f"# yaml-language-server: $schema={schema}"]
    if "draft" in model.model_fields:
        lines += [
            f"# A new {kinds.kind(kind).singular}: replace every TODO, then delete `draft: true` to publish it.",
            "draft: true",
        ]
    lines += _fields(model, "")
    if kind != "site" and kinds.kind(kind).front_matter:
        return "---\n" + "\n".join(lines) + "\n---\n\nTODO: the story, in Markdown.\n"
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], indent: str, within: str = "") -> list[str]:
    lines = []
    for name, info in model.model_fields.items():
        if info.is_required() or any(isinstance(marker, Prompted) for marker in info.metadata):
            lines += _field(model, name, info, indent, within)
    return lines


def _field(model: type[BaseModel], name: str, info: FieldInfo, indent: str, within: str) -> list[str]:
    """One `name: placeholder` entry, with what to write there when the placeholder cannot say it.

    A list holds as many items as it must; ids inside a group of fields say which group they fill in
    (`todo-left-fact-id`), so two groups never name the same placeholder."""
    annotation = info.annotation
    about = _sentence(field_help(model, name) or name)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f"{indent}{name}:  # TODO: {about}", *_fields(annotation, indent + "  ", name)]
    if typing.get_origin(annotation) is list:
        return [f"{indent}{name}:  # TODO: {about}", *_items(name, info, indent, about)]
    value, note = _placeholder(info, about, within)
    comment = f"  # TODO: {note}" if note else ""
    return [f"{indent}{name}: {value}{comment}"]


def _items(name: str, info: FieldInfo, indent: str, about: str) -> list[str]:
    """The items a required list starts with: one, or as many as it must have."""
    count = max((getattr(m, "min_length", 0) or 0 for m in info.metadata), default=0) or 1
    (item,) = typing.get_args(info.annotation)
    lines = []
    for number in range(1, count + 1):
        within = f"{name}-{number}" if count > 1 else name
        if isinstance(item, type) and issubclass(item, BaseModel):
            first, *rest = _fields(item, indent + "    ", within)
            lines += [f"{indent}  - {first.lstrip()}", *rest]
        else:
            lines.append(f"{indent}  - {_placeholder(info, about)[0]}")
    return lines


def _placeholder(info: FieldInfo, about: str, within: str = "") -> tuple[str, str]:
    """A value the model accepts, and a note when the value itself does not say what is wanted."""
    ref = next((item for item in info.metadata if isinstance(item, Ref)), None)
    if ref is not None:
        noun = "fact" if ref.facts else " or ".join(kinds.kind(kind).singular for kind in ref.kinds)
        return "-".join(filter(None, ("todo", within, noun.replace(" ", "-"), "id"))), about
    scale = next((item for item in info.metadata if isinstance(item, OnScale)), None)
    if scale is not None:
        ids = [level.id for level in Scales().levels(scale.scale)]
        return next((i for i in NEUTRAL_CHOICES if i in ids), ids[0]), f"{about}; by default one of {', '.join(ids)}"
    choices = typing.get_args(info.annotation)
    if typing.get_origin(info.annotation) is typing.Literal:
        chosen = next((c for c in NEUTRAL_CHOICES if c in choices), choices[0])
        listed = all(choice in about for choice in choices)
        return chosen, about if listed else f"{about}: one of {', '.join(choices)}"
    if dates.Point in choices:
        return PLACEHOLDER_DATE, f"{about}, e.g. 2020, 2020-06 or 2020-06-08"
    return json.dumps(f"TODO: {about}", ensure_ascii=False), ""


def _sentence(text: str) -> str:
    """'Headline of the fact.' as 'headline of the fact', to follow 'TODO: '."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
