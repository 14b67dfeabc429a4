"""Stage 1: read the content folder into raw documents that remember where every value was written."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentErrors, Location, Problem, UsageError

try:
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # libyaml missing: same results, slower
    from yaml import SafeLoader as YamlLoader  # type: ignore[assignment]

KINDS = (
    "entities", "sources", "pledges", "statements", "contracts",
    "rulings", "events", "comparisons", "stories",
)
SITE_FILE = "site.yaml"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EDITOR_LITTER = re.compile(r"(^\.|~$|\.swp$|\.swx$|\.tmp$|^4913$|^#.*#$)")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
PLAIN_TEXT = "tag:yaml.org,2002:str"
KEEP_AS_TEXT = {PLAIN_TEXT, "tag:yaml.org,2002:timestamp"}
"""Taken as written: text needs no converting, and dates are read by the EDTF parser, not YAML's."""
MAX_DEPTH = 50  # far deeper than any content file; stops hostile nesting before Python's recursion limit

KeyPath = tuple[str | int, ...]


@dataclass
class Marks:
    """Where each value (and each mapping key) sits in its file, keyed by its path in the document."""

    path: str
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    texts: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def value(self, where: KeyPath) -> Location:
        """The value's place, or its nearest written ancestor's when the value is missing."""
        return self._nearest(self.values, where)

    def key(self, where: KeyPath) -> Location:
        """The key's place, falling back to the value's."""
        return self._nearest(self.keys, where) if where in self.keys else self.value(where)

    def text(self, where: KeyPath, line: int, column: int) -> Location:
        """A character inside a text value, by its line and column within the text (from 0).

        Exact for `|` blocks and for the first line of other text; YAML folds the rest.
        """
        first_line, first_column = self.texts.get(where) or self.values.get(where, (1, 1))
        return Location(self.path, first_line + line, first_column + column)

    def _nearest(self, table: dict[KeyPath, tuple[int, int]], where: KeyPath) -> Location:
        while where and where not in table:
            where = where[:-1]
        line, column = table.get(where, (1, 1))
        return Location(self.path, line, column)


@dataclass
class RawDoc:
    """One content file as plain data, before any checking of its fields."""

    kind: str
    id: str
    path: str
    data: dict[str, Any]
    marks: Marks
    body: str = ""
    body_line: int = 0


def find_files(content: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every content file with its kind, in a stable order; stray files are problems, editor litter is not."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for folder in sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name not in KINDS:
            problems.append(_stray_folder(content, folder))
            continue
        found.extend((folder.name, path) for path in sorted(folder.rglob("*"), key=str) if _is_content_file(path))
    return found, problems


def _is_content_file(path: Path) -> bool:
    return path.is_file() and not EDITOR_LITTER.search(path.name)


def _stray_folder(content: Path, folder: Path) -> Problem:
    return Problem(
        Location(str(folder)), f"unknown content folder '{folder.name}'",
        f"expected one of: {', '.join(KINDS)}",
    )


def load_file(kind: str, path: Path, shown: str) -> RawDoc:
    """Parse one file; raise ContentErrors naming `shown` (the path as the author knows it)."""
    text = _read_text(path, shown)
    doc_id = path.stem
    problems = _check_name(kind, path, shown)
    body, body_line = "", 0
    if kind == "stories":
        text, body, body_line = _split_front_matter(text, shown)
    try:
        data, marks = parse_yaml(text, shown, line_offset=1 if kind == "stories" else 0)
    except ContentErrors as errors:
        raise ContentErrors(problems + errors.problems) from None
    if problems:
        raise ContentErrors(problems)
    return RawDoc(kind, doc_id, shown, data, marks, body, body_line)


def _read_text(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentErrors([Problem(Location(shown), f"file is not UTF-8 text ({error.reason})",
                                     "save it as UTF-8")]) from None


def _check_name(kind: str, path: Path, shown: str) -> list[Problem]:
    expected = ".md" if kind == "stories" else ".yaml"
    problems = []
    if path.suffix != expected:
        problems.append(Problem(Location(shown), f"a file in {kind}/ must end in '{expected}'",
                                f"rename it to {path.stem}{expected}"))
    if not ID_PATTERN.fullmatch(path.stem):
        problems.append(Problem(
            Location(shown), f"'{path.stem}' is not a valid id (the file name is the id)",
            f"use lowercase letters, digits and single hyphens, e.g. '{suggest_id(path.stem)}'",
        ))
    return problems


def suggest_id(text: str) -> str:
    """A valid id close to what the author wrote."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "my-fact"


def _split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentErrors([Problem(Location(shown), "a story must start with YAML front matter",
                                     "begin the file with a line '---', the fields, then another '---'")])
    body_line = text.count("\n", 0, match.end()) + 1
    return match.group(1), text[match.end():], body_line


def load_site_file(content: Path, shown: str) -> RawDoc:
    """Read site.yaml, the one file that describes the whole site."""
    path = content / SITE_FILE
    if not path.is_file():
        raise ContentErrors([Problem(Location(shown), f"the content folder has no {SITE_FILE}",
                                     "create it with title, tagline, base_url, language, publisher, licence")])
    data, marks = parse_yaml(_read_text(path, shown), shown)
    return RawDoc("site", "site", shown, data, marks)


def parse_yaml(text: str, shown: str, line_offset: int = 0) -> tuple[dict[str, Any], Marks]:
    """YAML mapping to plain data plus marks; duplicate keys and syntax errors become Problems."""
    marks = Marks(shown)
    try:
        loader = YamlLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        raise ContentErrors([_syntax_problem(error, text, shown, line_offset)]) from None
    except yaml.reader.ReaderError as error:
        raise ContentErrors([_character_problem(error, text, shown, line_offset)]) from None
    if node is None:
        return {}, marks
    if not isinstance(node, yaml.MappingNode):
        raise ContentErrors([Problem(_at(node, shown, line_offset), "expected 'field: value' lines at the top level")])
    builder = _Builder(marks, line_offset, text)
    data = builder.build(node, ())
    if builder.problems:
        raise ContentErrors(builder.problems)
    return data, marks


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown: str, line_offset: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or "the file is not valid YAML"
    if mark and error.context_mark and mark.index >= len(text.rstrip()):
        # Text that is never closed is noticed at the end of the file; point where it was opened.
        mark, what = error.context_mark, f"{what} {error.context}"
    line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
    hint = "check indentation, and put text containing ': ' or starting with a quote mark in quotes"
    return Problem(Location(shown, line, column), f"YAML syntax error: {what}", hint)


def _character_problem(error: yaml.reader.ReaderError, text: str, shown: str, line_offset: int) -> Problem:
    """YAML refuses control characters before parsing; find the first one to point at it."""
    found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
    index = found if found >= 0 else error.position
    line = text.count("\n", 0, index) + 1 + line_offset
    column = index - text.rfind("\n", 0, index)
    return Problem(Location(shown, line, column), f"YAML does not allow the control character U+{error.character:04X}",
                   "delete it; such characters usually arrive by copy and paste")


def _at(node: yaml.Node, shown: str, line_offset: int) -> Location:
    return Location(shown, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


class _Builder:
    """Turns YAML nodes into dicts, lists and scalars, recording marks and refusing duplicate keys."""

    def __init__(self, marks: Marks, line_offset: int, text: str) -> None:
        self.marks = marks
        self.offset = line_offset
        self.text = text
        self._lines: list[str] | None = None
        self.problems: list[Problem] = []
        self._scalars = YamlLoader("")

    def build(self, node: yaml.Node, where: KeyPath) -> Any:
        self.marks.values[where] = self._position(node)
        if len(where) > MAX_DEPTH:
            self.problems.append(Problem(self._location(node), f"values are nested more than {MAX_DEPTH} levels deep"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, where + (index,)) for index, item in enumerate(node.value)]
        if node.style in ("|", ">", '"', "'"):
            self.marks.texts[where] = self._text_start(node)
        return self._scalar(node)

    def _text_start(self, node: yaml.ScalarNode) -> tuple[int, int]:
        """Where the text itself begins: past the opening quote, or at the indent of a block."""
        line, column = self._position(node)
        if node.style not in ("|", ">"):
            return line, column + 1
        if self._lines is None:
            self._lines = self.text.splitlines()
        following = self._lines[node.start_mark.line + 1:]
        indent = next((len(s) - len(s.lstrip(" ")) for s in following if s.strip()), 0)
        return line + 1, indent + 1

    def _location(self, node: yaml.Node) -> Location:
        return Location(self.marks.path, *self._position(node))

    def _position(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def _mapping(self, node: yaml.MappingNode, where: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, where, result)
            if key is not None:
                self.marks.keys[where + (key,)] = self._position(key_node)
                result[key] = self.build(value_node, where + (key,))
        return result

    def _key(self, node: yaml.Node, where: KeyPath, seen: dict[str, Any]) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != PLAIN_TEXT:
            self.problems.append(Problem(self._location(node), "a field name must be plain text"))
            return None
        if node.value in seen:
            first = self.marks.keys[where + (node.value,)]
            self.problems.append(Problem(self._location(node), f"duplicate field '{node.value}'",
                                         f"it is already set on line {first[0]}; keep one"))
            return None
        return node.value

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag in KEEP_AS_TEXT:
            return node.value
        try:
            return self._scalars.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError) as error:
            reason = error.problem if isinstance(error, yaml.MarkedYAMLError) else error
            self.problems.append(Problem(self._location(node), f"cannot read value '{node.value}': {reason}"))
            return None


def load_all(content: Path) -> tuple[RawDoc | None, list[RawDoc], list[Problem]]:
    """site.yaml and every content file, with every problem found while reading them."""
    if not content.is_dir():
        raise UsageError(f"no content folder at {content}/ (choose one with --content DIR)")
    site, problems = _attempt(lambda: load_site_file(content, str(content / SITE_FILE)))
    files, stray = find_files(content)
    problems += stray
    docs = []
    for kind, path in files:
        doc, found = _attempt(lambda: load_file(kind, path, str(path)))
        problems += found
        if doc is not None:
            docs.append(doc)
    return site, docs, problems


def _attempt(read: Any) -> tuple[RawDoc | None, list[Problem]]:
    try:
        return read(), []
    except ContentErrors as errors:
        return None, errors.problems
