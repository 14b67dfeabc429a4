"""Stage 5: put the rendered site on disk atomically, so a failed build never leaves half a site."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

ASSET_LITTER = (".*", "*~")
"""Names in assets/ that are never copied: hidden files and editor backups."""


def stage_dir(out: Path) -> Path:
    """A fresh, empty folder beside `out`, on the same file system so the final swap is a rename."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))


def write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write each (relative path, content) under `root`; returns how many were written."""
    count = 0
    made: set[Path] = set()
    for relative, content in files:
        target = root / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)
        count += 1
    return count


def copy_assets(assets: Path, root: Path) -> int:
    """Copy the assets folder verbatim to `root/assets`."""
    if not assets.is_dir():
        return 0
    shutil.copytree(assets, root / "assets", ignore=shutil.ignore_patterns(*ASSET_LITTER))
    return sum(1 for p in (root / "assets").rglob("*") if p.is_file())


def swap_in(staged: Path, out: Path) -> None:
    """Replace `out` with `staged` in two renames; the old site is kept until the new one is in place."""
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        os.rename(out, retired / out.name)
        os.rename(staged, out)
        shutil.rmtree(retired)
    else:
        os.rename(staged, out)


def discard(staged: Path) -> None:
    """Remove a staging folder after a failure."""
    shutil.rmtree(staged, ignore_errors=True)
