"""Stage 1: read the content folder into raw documents that remember where every value was written.

Only what the content folder holds is read (see files.py): a link is followed only to a file inside the
folder, and special files are reported, never opened. A link to a folder, a link to nothing, a pipe
or a socket is a problem naming it, never a silent skip.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import files, kinds, limits
from .errors import ContentErrors, Location, Problem, UsageError
from .pictures import Picture, probe
from .yaml_reader import (
    CONTROL_HINT,
    KeyPath,
    Marks,
    Yaml,
    control_character,
    control_message,
    dotted,
    parse_yaml,
)

__all__ = ["KeyPath", "Marks", "Picture", "Yaml", "dotted", "parse_yaml"]
SITE_FILE = "site.yaml"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EDITOR_LITTER = re.compile(r"(^\.|~$|\.swp$|\.swx$|\.tmp$|^4913$|^#.*#$)")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
BYTE_ORDER_MARK = "\ufeff"


@dataclass
class RawDoc:
    """One content file as plain data, before any checking of its fields."""

    kind: str
    id: str
    path: str
    data: dict[str, Yaml]
    marks: Marks
    body: str = ""
    body_line: int = 0


@dataclass(frozen=True)
class StoredText:
    """The text of a source's document, kept beside its file under the same name, for checking quotes."""

    kind: str
    id: str
    path: str
    text: str
    markdown: bool


class ContentFolder:
    """The content folder an author named: what is in it, and its files' bytes, read only from inside it."""

    def __init__(self, path: Path) -> None:
        if not path.is_dir():
            raise UsageError(f"no content folder at {path}/ (choose one with --content DIR)")
        self.path = path
        self.real = files.real_folder(path)

    def read(self, path: Path) -> bytes:
        """A file's bytes; ContentErrors naming it when it may not be read. A file that has gone raises
        FileNotFoundError, which the preview expects while files are renamed."""
        try:
            return files.read_bytes(path, self.real, self._allowance(path))
        except files.Unreadable as refused:
            raise ContentErrors([Problem(Location(str(path)), refused.message, refused.hint)]) from None

    def _allowance(self, path: Path) -> files.Allowance:
        """The most a file may hold: a document stored as plain text may be longer than any record."""
        folder = path.relative_to(self.path).parts[0] if path.is_relative_to(self.path) else ""
        if folder in kinds.names() and is_picture(folder, path):
            return files.Allowance(limits.PICTURE_BYTES, "a picture", "save it smaller, or as a JPEG")
        if not (folder in kinds.names() and is_stored_text(folder, path)):
            return files.Allowance()
        if path.suffix == ".md":
            return files.Allowance(
                limits.FILE_BYTES,
                "a stored text in Markdown",
                "save it as plain text, in a .txt file, which may be larger",
            )
        return files.Allowance(
            limits.STORED_TEXT_BYTES,
            "a stored text",
            "keep the passages the site quotes rather than the whole document",
        )

    def files(self) -> tuple[list[tuple[str, Path]], list[Problem]]:
        """Every content file with its kind, in a stable order; stray or unreadable entries are problems,
        editor litter is not."""
        found: list[tuple[str, Path]] = []
        problems: list[Problem] = []
        for entry in _entries(self.path, problems):
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and os.path.isdir(entry.path):
                problems.append(_folder_link(entry.path))
            elif entry.is_dir(follow_symlinks=False) and entry.name not in kinds.names():
                problems.append(_stray_folder(entry.path, entry.name))
            elif entry.is_dir(follow_symlinks=False):
                inside: list[Path] = []
                _walk(Path(entry.path), inside, problems)
                found.extend((entry.name, path) for path in sorted(inside, key=str))
        return found, problems


def find_files(content: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every content file of the folder with its kind (see ContentFolder.files)."""
    return ContentFolder(content).files()


def _entries(folder: Path | str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        problems.append(Problem(Location(str(folder)), f"this folder cannot be read: {error.strerror}"))
        return []


def _walk(folder: Path, found: list[Path], problems: list[Problem]) -> None:
    """Files under a kind's folder, at any depth; a link to a file is listed, and checked when read."""
    for entry in _entries(folder, problems):
        if EDITOR_LITTER.search(entry.name):
            continue
        path = folder / entry.name
        if entry.is_symlink():
            if os.path.isdir(entry.path):
                problems.append(_folder_link(entry.path))
            else:
                found.append(path)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, found, problems)
        elif kind := files.file_type(entry.stat(follow_symlinks=False).st_mode):
            problems.append(
                Problem(
                    Location(str(path)),
                    f"this is {kind}, not a file, so it is not read",
                    "content folders hold only files",
                )
            )
        else:
            found.append(path)


def _folder_link(path: str) -> Problem:
    return Problem(
        Location(path),
        "this is a link to a folder, and links to folders are not followed",
        "move the folder itself here",
    )


def _stray_folder(path: str, name: str) -> Problem:
    return Problem(Location(path), f"unknown content folder '{name}'", f"expected one of: {', '.join(kinds.names())}")


def is_stored_text(kind: str, path: Path) -> bool:
    """Whether the file is a record's stored text (a source's document) rather than a record."""
    return path.suffix in kinds.kind(kind).stored_texts


def is_picture(kind: str, path: Path) -> bool:
    """Whether the file is the picture an image record keeps beside it."""
    return path.suffix.lower() in kinds.kind(kind).pictures


def load_any(kind: str, path: Path, shown: str, data: bytes) -> RawDoc | StoredText | Picture:
    """A record's raw document, a source's stored text, or an image's picture, from the file's bytes."""
    if is_picture(kind, path):
        problems = _check_name(kind, path, shown)
        if problems:
            raise ContentErrors(problems)
        return probe(kind, path.stem, shown, path.suffix, data)
    if not is_stored_text(kind, path):
        return load_file(kind, path, shown, data)
    problems = _check_name(kind, path, shown)
    text = decode(data, shown)
    index = control_character(text.replace("\f", ""))
    if index >= 0:
        line, column = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
        problems.append(Problem(Location(shown, line, column), control_message(text[index]), CONTROL_HINT))
    if problems:
        raise ContentErrors(problems)
    return StoredText(kind, path.stem, shown, text, path.suffix == ".md")


def load_file(kind: str, path: Path, shown: str, data: bytes) -> RawDoc:
    """Parse one file's bytes; raise ContentErrors naming `shown` (the path as the author knows it)."""
    text = decode(data, shown)
    problems = _check_name(kind, path, shown)
    body, body_line = "", 0
    front_matter = kinds.kind(kind).front_matter
    if front_matter:
        text, body, body_line = _split_front_matter(text, shown)
        problems += _body_problems(body, body_line, shown)
    try:
        parsed, marks = parse_yaml(text, shown, line_offset=1 if front_matter else 0)
    except ContentErrors as errors:
        raise ContentErrors(problems + errors.problems) from None
    if problems:
        raise ContentErrors(problems)
    return RawDoc(kind, path.stem, shown, parsed, marks, body, body_line)


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text, without the byte order mark some editors put first."""
    try:
        return data.decode("utf-8").removeprefix(BYTE_ORDER_MARK)
    except UnicodeDecodeError as error:
        raise ContentErrors(
            [Problem(Location(shown), f"file is not UTF-8 text ({error.reason})", "save it as UTF-8")]
        ) from None


def _body_problems(body: str, body_line: int, shown: str) -> list[Problem]:
    """A story's Markdown is not YAML, so nothing has refused its control characters yet."""
    index = control_character(body)
    if index < 0:
        return []
    line, column = body.count("\n", 0, index), index - body.rfind("\n", 0, index)
    return [Problem(Location(shown, body_line + line, column), control_message(body[index]), CONTROL_HINT)]


def _check_name(kind: str, path: Path, shown: str) -> list[Problem]:
    expected = kinds.kind(kind).suffix
    stored, pictures = kinds.kind(kind).stored_texts, kinds.kind(kind).pictures
    problems = []
    if path.suffix != expected and path.suffix not in stored and path.suffix.lower() not in pictures:
        also = f", or, for the document's stored text, in {' or '.join(stored)}" if stored else ""
        also += f", or, for the picture, in {', '.join(pictures)}" if pictures else ""
        problems.append(
            Problem(
                Location(shown),
                f"a file in {kind}/ must end in '{expected}'{also}",
                f"rename it to {path.stem}{expected}",
            )
        )
    if not ID_PATTERN.fullmatch(path.stem):
        problems.append(
            Problem(
                Location(shown),
                f"'{path.stem}' is not a valid id (the file name is the id)",
                f"use lowercase letters, digits and single hyphens, e.g. '{suggest_id(path.stem)}'",
            )
        )
    elif len(path.stem) > limits.ID_CHARACTERS:
        problems.append(
            Problem(
                Location(shown),
                f"the id (the file name) is {len(path.stem)} characters long; "
                f"an id may have at most {limits.ID_CHARACTERS}",
                "rename the file to a shorter id",
            )
        )
    return problems


def suggest_id(text: str) -> str:
    """A valid id close to what the author wrote."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "my-fact"


def _split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentErrors(
            [
                Problem(
                    Location(shown),
                    "a story must start with YAML front matter",
                    "begin the file with a line '---', the fields, then another '---'",
                )
            ]
        )
    body_line = text.count("\n", 0, match.end()) + 1
    return match.group(1), text[match.end() :], body_line


def load_site(data: bytes, shown: str) -> RawDoc:
    """site.yaml, the one file that describes the whole site, from its bytes."""
    parsed, marks = parse_yaml(decode(data, shown), shown)
    return RawDoc("site", "site", shown, parsed, marks)


def read_site(folder: ContentFolder) -> RawDoc:
    """Read and parse site.yaml."""
    path = folder.path / SITE_FILE
    try:
        data = folder.read(path)
    except FileNotFoundError:
        raise ContentErrors([unread("site", path)]) from None
    return load_site(data, str(path))


def unread(kind: str, path: Path) -> Problem:
    """What to tell of a file that was gone when it was to be read; site.yaml must exist."""
    if kind == "site":
        return Problem(
            Location(str(path)),
            f"the content folder has no {SITE_FILE}",
            "create it with title, tagline, base_url, language, publisher, licence",
        )
    return Problem(Location(str(path)), "the file disappeared while it was being read", "build again once it is saved")
