"""The search index every build makes with Pagefind: what it holds, what it leaves out, and that a failed
index leaves the previous site as it was. The search page in a browser is tested in tests/browser/."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import VALID_FILES, write_site

from onrecord import pipeline, search
from onrecord.errors import EnvironmentFailure


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def fragments(site: Path) -> dict[str, dict[str, object]]:
    """Each indexed page's record in the index, by address: its words, filters and meta."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small valid site, built once for the tests that only read it."""
    root = tmp_path_factory.mktemp("search")
    pipeline.build(write_site(root, VALID_FILES), root / "site")
    return root / "site"


def test_every_record_page_is_indexed_and_nothing_else(built: Path) -> None:
    records = {
        "/entities/acme/",
        "/entities/jo-bloggs/",
        "/sources/acme-letter/",
        "/pledges/acme-pledge/",
        "/statements/acme-reply/",
        "/comparisons/pledge-vs-reply/",
        "/stories/did-acme-keep-its-word/",
    }
    assert set(fragments(built)) == records
    assert (built / "pagefind" / "pagefind-ui.js").is_file() and (built / "pagefind" / "pagefind-ui.css").is_file()


def test_pages_are_filtered_by_kind_and_entity_and_carry_their_title_and_date(built: Path) -> None:
    index = fragments(built)
    pledge = index["/pledges/acme-pledge/"]
    assert pledge["filters"] == {"kind": ["Pledge"], "entity": ["Acme Corp", "Jo Bloggs"]}
    assert pledge["meta"] == {"title": "Acme promises to stop selling face scanners", "date": "8 June 2020"}
    assert index["/comparisons/pledge-vs-reply/"]["filters"] == {
        "kind": ["Comparison"],
        "entity": ["Acme Corp", "Jo Bloggs"],
    }
    assert index["/entities/jo-bloggs/"]["filters"] == {"kind": ["Entity"], "entity": ["Jo Bloggs"]}
    assert index["/sources/acme-letter/"]["filters"] == {"kind": ["Source"]}


def test_only_a_page_s_own_content_is_searched(built: Path) -> None:
    index = fragments(built)
    pledge = str(index["/pledges/acme-pledge/"]["content"])
    assert "Acme no longer offers general purpose face scanners" in pledge
    assert "Daily Record" not in pledge, "the list of sources is not the page's words"
    assert "Stories" not in pledge and "Published by" not in pledge, "nor are the navigation and the footer"
    assert "news.example.com" not in str(index["/sources/acme-letter/"]["content"])
    story = str(index["/stories/did-acme-keep-its-word/"]["content"])
    assert "In 2020 Acme made a promise" in story


def test_the_search_page_reads_and_links_on_without_javascript(built: Path) -> None:
    page = (built / "search" / "index.html").read_text(encoding="utf-8")
    assert "Searching needs JavaScript" in page
    links = re.findall(r'<li><a href="([^"]+)">', page.split('id="browse-heading"')[1])
    assert {"../timeline/", "../pledges/", "../entities/", "../sources/", "../tags/"} <= set(links)
    assert all((built / "search" / link / "index.html").resolve().is_file() for link in links)
    for script in re.findall(r'<script src="([^"]+)"', page):
        assert not script.startswith(("http:", "https:", "//")) and (built / "search" / script).resolve().is_file()
    assert 'href="search/"' in (built / "index.html").read_text(encoding="utf-8"), "every page links to it"


def test_an_index_that_fails_leaves_the_previous_site_as_it_was(
    make_site, valid_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = make_site(tmp_path, valid_files), tmp_path / "site"
    pipeline.build(content, out)
    before = tree_bytes(out)
    (content / "entities" / "acme.yaml").write_text("name: Acme Renamed\ntype: company\n", encoding="utf-8")
    monkeypatch.setattr(search, "_executable", lambda: Path("/bin/false"))
    with pytest.raises(EnvironmentFailure, match="Pagefind could not index the site for search"):
        pipeline.build(content, out)
    assert tree_bytes(out) == before
    assert not list(tmp_path.glob(".site.*")), "no staging folder is left behind"
