"""A copy of the example site with its own templates and assets, and the edits an author makes to it:
what the preview's and the build cache's tests change before comparing with a cold build."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from onrecord import pipeline

EXAMPLE = Path(__file__).resolve().parent.parent / "content"


@dataclass
class ExampleCopy:
    """The example's content, templates and assets copied under `root`."""

    root: Path

    @classmethod
    def made(cls, root: Path) -> ExampleCopy:
        for folder, source in (("content", EXAMPLE), ("templates", pipeline.TEMPLATES), ("assets", pipeline.ASSETS)):
            shutil.copytree(source, root / folder)
        return cls(root)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace the first `old` in the file at `relative` (under the root) with `new`."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rename(self, path: Path, new_id: str) -> None:
        """Rename a file and every reference to it, as an author would."""
        old_id = path.stem
        path.rename(path.with_name(new_id + path.suffix))
        pattern = re.compile(rf"(?<![a-z0-9-]){re.escape(old_id)}(?![a-z0-9-])")
        for other in self.content.rglob("*.*"):
            if other.suffix == ".png":
                continue
            text = other.read_text(encoding="utf-8")
            if pattern.search(text):
                other.write_text(pattern.sub(new_id, text), encoding="utf-8")


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def first_line(path: Path, key: str) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(key + ":"))
