"""YAML text to plain data that remembers where every key and value was written.

Built from libyaml's stream of events, not its node tree, so every limit holds while the file is
read: an alias is refused where it is written (aliases are how a file of a kilobyte expands to
gigabytes), and a file with too many values, too long a text or too deep a nesting stops costing
anything the moment it crosses the line.

Plain values follow YAML 1.2's core schema, strictly: `true` and `false`, `null`, `~` or nothing,
whole numbers in plain decimal, and decimal fractions, read exactly (as Decimal, never a binary
float, so money keeps every digit). All else is text: `+2020`, `0x7E4`, `1_000`, `yes` and `NO`
stay as written, and a field that wants a date, a number or true/false says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, cast

import yaml

from . import limits
from .errors import ContentErrors, Location, Problem

try:
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # libyaml missing: same results, slower
    from yaml import SafeLoader as YamlLoader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]


def dotted(where: KeyPath) -> str:
    """A key path as the author's file nests it: `excerpts[1].source`; `file` for the whole file."""
    text = ""
    for part in where:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


Yaml = None | bool | int | Decimal | str | list["Yaml"] | dict[str, "Yaml"]
"""A value as a YAML file holds it, before anything checks what it means."""
Node = yaml.ScalarEvent | yaml.CollectionStartEvent
"""An event that starts a value: a scalar, a mapping or a list."""
PLAIN_TEXT = "tag:yaml.org,2002:str"
TEXT_TAGS = (None, "!", PLAIN_TEXT)
"""No tag, YAML's "not specific" tag, or `!!str`: the value is read as it is written."""
NULLS = {"", "~", "null", "Null", "NULL"}
BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
NUMBER_STARTS = frozenset("-0123456789")
WHOLE = re.compile(r"-?(?:0|[1-9][0-9]*)")
FRACTION = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no reader can be shown: controls other than tab and line breaks, lone surrogates,
non-characters. YAML refuses most of them raw, but its escapes (`"\\e"`, `"\\0"`) make them."""
CONTROL_HINT = "delete it; such characters arrive by copy and paste or from escapes such as \\e, and cannot be shown"


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


class Events(Protocol):
    """What the reader needs of a YAML loader: its stream of events."""

    def get_event(self) -> yaml.Event: ...
    def peek_event(self) -> yaml.Event: ...
    def dispose(self) -> None: ...


def parse_yaml(text: str, shown: str, line_offset: int = 0) -> tuple[dict[str, Yaml], Marks]:
    """A YAML mapping as plain data plus marks; every problem in it raised together as ContentErrors."""
    marks = Marks(shown)
    loader = cast(Events, YamlLoader(text))  # its stubs allow None past the stream's end, never reached here
    reader = _Reader(loader, marks, line_offset, text)
    try:
        data = reader.document()
    except yaml.MarkedYAMLError as error:
        raise ContentErrors([_syntax_problem(error, text, shown, line_offset)]) from None
    except yaml.reader.ReaderError as error:
        raise ContentErrors([_character_problem(error, text, shown, line_offset)]) from None
    except _TooMany as stop:
        raise ContentErrors([*reader.problems, stop.problem]) from None
    finally:
        loader.dispose()
    if reader.problems:
        raise ContentErrors(reader.problems)
    return data, marks


def control_character(text: str) -> int:
    """The index of the first character no reader can be shown, or -1."""
    found = CONTROL.search(text)
    return found.start() if found else -1


def control_message(character: str) -> str:
    return f"this text contains the control character U+{ord(character):04X}"


class _TooMany(Exception):
    """The file holds more values than any file may: reading stops at once."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Reader:
    """Turns YAML events into dicts, lists and scalars, recording marks and refusing what may not be."""

    def __init__(self, loader: Events, marks: Marks, line_offset: int, text: str) -> None:
        self.loader, self.marks, self.offset, self.text = loader, marks, line_offset, text
        self.get, self.peek = loader.get_event, loader.peek_event
        self.problems: list[Problem] = []
        self.count = 0
        self.aliases: set[str] = set()
        self._lines: list[str] | None = None
        self.controls = "\\" in text or CONTROL.search(text) is not None
        """Whether any value may hold a control character: only through an escape, or one YAML lets by."""

    def document(self) -> dict[str, Yaml]:
        self.get()
        if isinstance(self.peek(), yaml.StreamEndEvent):
            return {}
        self.get()
        first = self.peek()
        if not isinstance(first, yaml.MappingStartEvent) and not self._is_null(first):
            self.problems.append(Problem(self._location(first), "expected 'field: value' lines at the top level"))
            return {}
        data = self.value((), 0)
        self.get()
        if not isinstance(self.peek(), yaml.StreamEndEvent):
            self.problems.append(
                Problem(
                    self._location(self.peek()),
                    "a file holds one YAML document, but another one starts here",
                    "remove the '---' line, or move what follows into a file of its own",
                )
            )
        return data if isinstance(data, dict) else {}

    def value(self, where: KeyPath, depth: int) -> Yaml:
        event = self._next()
        self.marks.values[where] = self._position(event)
        if isinstance(event, yaml.AliasEvent):
            self._alias(event)
            return None
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            raise yaml.YAMLError(f"unexpected {type(event).__name__}")  # libyaml sends only values here
        if event.tag not in TEXT_TAGS:
            self.problems.append(self._tag_problem(event))
            self._skip(event)
            return None
        if depth > limits.NESTING:
            self.problems.append(
                Problem(self._location(event), f"values are nested more than {limits.NESTING} levels deep")
            )
            self._skip(event)
            return None
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(where, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(where, depth)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, where)
        raise yaml.YAMLError(f"unexpected {type(event).__name__}")  # libyaml has no other collection

    def _next(self) -> yaml.Event:
        """The next event, counting values against the file's limit."""
        event = self.get()
        self.count += 1
        if self.count > limits.VALUES_PER_FILE:
            raise _TooMany(
                Problem(
                    self._location(event),
                    f"the file holds more than {limits.VALUES_PER_FILE:,} values, the most one file may have",
                    "split it into several files",
                )
            )
        return event

    def _skip(self, event: yaml.Event) -> None:
        """Read past the rest of a value that will not be used."""
        depth = int(isinstance(event, yaml.CollectionStartEvent))
        while depth:
            event = self._next()
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)

    def _mapping(self, where: KeyPath, depth: int) -> dict[str, Yaml]:
        result: dict[str, Yaml] = {}
        while type(self.peek()) is not yaml.MappingEndEvent:
            key = self._key(where, result)
            if key is None:
                self._skip(self._next())
            else:
                result[key] = self.value((*where, key), depth + 1)
        self.get()
        return result

    def _key(self, where: KeyPath, seen: dict[str, Yaml]) -> str | None:
        event = self._next()
        if isinstance(event, yaml.AliasEvent):
            self._alias(event)
            return None
        key = self._plain(event) if isinstance(event, yaml.ScalarEvent) and event.tag in TEXT_TAGS else None
        if not isinstance(key, str) or (self.controls and control_character(key) >= 0):
            self._skip(event)
            self.problems.append(Problem(self._location(event), "a field name must be plain text"))
            return None
        if key in seen:
            first = self.marks.keys[(*where, key)]
            self.problems.append(
                Problem(
                    self._location(event), f"duplicate field '{key}'", f"it is already set on line {first[0]}; keep one"
                )
            )
            return None
        self.marks.keys[(*where, key)] = self._position(event)
        return key

    def _sequence(self, where: KeyPath, depth: int) -> list[Yaml]:
        items: list[Yaml] = []
        while type(self.peek()) is not yaml.SequenceEndEvent:
            if len(items) < limits.LIST_ITEMS:
                items.append(self.value((*where, len(items)), depth + 1))
                continue
            if len(items) == limits.LIST_ITEMS:
                self.problems.append(
                    Problem(
                        self.marks.value(where),
                        f"this list has more than {limits.LIST_ITEMS:,} items, the most one list may have",
                    )
                )
                items.append(None)
            self._skip(self._next())
        self.get()
        return items[: limits.LIST_ITEMS]

    def _scalar(self, event: yaml.ScalarEvent, where: KeyPath) -> Yaml:
        if event.style in ("|", ">", '"', "'"):
            self.marks.texts[where] = self._text_start(event)
        if len(event.value) > limits.TEXT_CHARACTERS:
            self.problems.append(
                Problem(
                    self._location(event),
                    f"this text is {len(event.value):,} characters long; "
                    f"one value may have at most {limits.TEXT_CHARACTERS:,}",
                    "shorten it, or tell the longer story in a story file",
                )
            )
            return None
        value = self._plain(event)
        if self.controls and isinstance(value, str) and (index := control_character(value)) >= 0:
            line, column = value.count("\n", 0, index), index - value.rfind("\n", 0, index) - 1
            self.problems.append(
                Problem(self.marks.text(where, line, column), control_message(value[index]), CONTROL_HINT)
            )
            return None
        return value

    def _plain(self, event: yaml.ScalarEvent) -> Yaml:
        """A plain value by YAML 1.2's core schema, strictly; quoted values, block text and `!!str` stay text."""
        text = event.value
        if not event.implicit[0]:
            return text
        if text[:1] not in NUMBER_STARTS:
            return None if text in NULLS else BOOLEANS.get(text, text)
        whole, fraction = WHOLE.fullmatch(text), FRACTION.fullmatch(text)
        if not (whole or fraction):
            return text
        digits = sum(character.isdigit() for character in re.split("[eE]", text)[0])
        if digits > limits.NUMBER_DIGITS:
            self.problems.append(
                Problem(
                    self._location(event),
                    f"cannot read the number {text[:12]}…: it has "
                    f"{digits:,} digits, and a number may have at most {limits.NUMBER_DIGITS}",
                )
            )
            return None
        return int(text) if whole else Decimal(text)

    def _is_null(self, event: yaml.Event) -> bool:
        return isinstance(event, yaml.ScalarEvent) and self._plain(event) is None

    def _alias(self, event: yaml.AliasEvent) -> None:
        """The first use of each alias is reported: enough to find them all, without a line for every use."""
        anchor = event.anchor or ""
        if anchor not in self.aliases:
            self.aliases.add(anchor)
            self.problems.append(
                Problem(
                    self._location(event),
                    f"YAML aliases such as '*{event.anchor}' are not allowed",
                    "write the value out in full where it is needed",
                )
            )

    def _tag_problem(self, event: Node) -> Problem:
        tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
        return Problem(
            self._location(event),
            f"YAML tags such as '{tag}' are not allowed",
            "remove the tag and write the value itself",
        )

    def _text_start(self, event: yaml.ScalarEvent) -> tuple[int, int]:
        """Where the text itself begins: past the opening quote, or at the indent of a block."""
        line, column = self._position(event)
        if event.style not in ("|", ">"):
            return line, column + 1
        if self._lines is None:
            self._lines = self.text.splitlines()
        following = itertools.islice(self._lines, line - self.offset, None)
        indent = next((len(s) - len(s.lstrip(" ")) for s in following if s.strip()), 0)
        return line + 1, indent + 1

    def _location(self, event: yaml.Event) -> Location:
        return Location(self.marks.path, *self._position(event))

    def _position(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1 + self.offset, mark.column + 1) if mark else (1, 1)


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
    return Problem(
        Location(shown, line, column),
        f"YAML does not allow the control character U+{error.character:04X}",
        "delete it; such characters usually arrive by copy and paste",
    )
