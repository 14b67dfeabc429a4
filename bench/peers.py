"""Other generators on our data, so the benchmark can say "N x Hugo" from runs made in the same sitting.

Hugo, Eleventy and MkDocs each get the same site as ours in their own idiom (bench/peer_hugo.py,
bench/peer_eleventy.py, bench/peer_mkdocs.py): a page per fact, entity, comparison and story, and a
timeline by year, under a minimal shared layout with no CSS; Hugo runs twice, alone and then with the
same Pagefind as ours indexing its site, since ours has search and theirs has none. Exporting is not timed;
bench/run.py times each peer's cold build beside ours. `sh bench/peers.sh` installs what is missing:
Hugo from Debian, Eleventy and MkDocs into bench/.peers/.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from bench import peer_corpus, peer_eleventy, peer_hugo, peer_mkdocs
from bench.peer_corpus import Corpus

INSTALLED = Path(__file__).resolve().parent / ".peers"
ELEVENTY = INSTALLED / "node_modules" / ".bin" / "eleventy"
MKDOCS = INSTALLED / "mkdocs-venv" / "bin" / "mkdocs"


@dataclass(frozen=True)
class Peer:
    """One other generator: the program found here, how our corpus becomes its site, and the build timed."""

    name: str
    program: str
    export: Callable[[Corpus, Path], None]
    command: Callable[[str, Path, Path], list[str]]

    def argv(self, site: Path, out: Path) -> list[str]:
        """The cold build of the exported `site` into the new folder `out`."""
        return self.command(self.program, site, out)

    @property
    def folder(self) -> str:
        """The name of the peer's folders: its site and its output."""
        return self.name.lower().replace(" + ", "-")


def find() -> tuple[list[Peer], list[str]]:
    """The peers installed here, and the names of those that are not."""
    candidates = (
        ("Hugo", shutil.which("hugo"), peer_hugo.export, peer_hugo.command),
        ("Eleventy", _program(ELEVENTY) if shutil.which("node") else None, peer_eleventy.export, peer_eleventy.command),
        ("MkDocs", _program(MKDOCS), peer_mkdocs.export, peer_mkdocs.command),
        ("Hugo + Pagefind", shutil.which("hugo"), peer_hugo.export, _hugo_then_pagefind),
    )
    found = [Peer(name, program, export, command) for name, program, export, command in candidates if program]
    return found, [name for name, program, _, _ in candidates if not program]


def export(content: Path, peers: list[Peer], folder: Path) -> list[tuple[Peer, Path]]:
    """Read `content` once and write each peer's site into a folder of its own under `folder`."""
    corpus = peer_corpus.read(content)
    sites = []
    for peer in peers:
        site = folder / peer.folder
        peer.export(corpus, site)
        sites.append((peer, site))
    return sites


def _hugo_then_pagefind(program: str, site: Path, out: Path) -> list[str]:
    """Hugo's build, then the same Pagefind as ours indexing all of its pages: a Hugo site with search,
    as ours has."""
    script = '"$1" --quiet --source "$2" --destination "$3" && "$4" --site "$3" --quiet'
    return ["/bin/sh", "-c", script, "sh", program, str(site), str(out), str(pagefind_bin.get_executable())]


def _program(path: Path) -> str | None:
    return str(path) if path.is_file() else None
