"""Atom feeds: every feed parses cleanly in a feed reader's parser, links into the built site, keeps its ids from
build to build, leaves drafts out, and is advertised in the <head> of the page it belongs to."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from conftest import SITE_YAML, VALID_FILES, write_site

from onrecord import pipeline

BASE = re.search(r"base_url: (\S+)", SITE_YAML)[1]  # type: ignore[index]
EXAMPLE_BASE = "https://example.org/on-the-record/"
UPDATED_FACT = """\
title: Acme signs a contract for face scanners
date: 2023-08-11
summary: Acme agreed to supply face scanners to the city.
buyer: acme
suppliers: [acme]
sources: [acme-letter]
tags: [scanners, "contracts"]
updates:
  - date: 2023-09-02
    note: Corrected the contract's start date.
  - date: 2023-09-02
    note: Named the buyer's department.
  - date: 2024-02
    note: Added the second stage of the contract.
"""
DRAFT = """\
title: Acme plans a secret scanner
date: 2024-05-01
summary: Not yet confirmed.
by: acme
paraphrase: Acme said it was planning a new scanner.
context: A briefing.
sources: [acme-letter]
tags: [scanners]
draft: true
updates:
  - date: 2024-05-02
    note: Draft note.
"""
OPEN_DAY = """\
title: Acme holds an open day
date: 2025-01-05
summary: Visitors came to see the scanners.
actors: [acme]
sources: [acme-letter]
"""


def feeds_of(site: Path) -> dict[str, feedparser.FeedParserDict]:
    """Every feed of a build, by file, as a feed reader parses it."""
    return {p.relative_to(site).as_posix(): feedparser.parse(p.read_bytes()) for p in sorted(site.rglob("feed.xml"))}


def in_build(site: Path, base: str, address: str) -> Path:
    """The file an absolute address of the site is served from."""
    assert address.startswith(base), address
    path = address.removeprefix(base).partition("#")[0]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def assert_sound(site: Path, base: str) -> dict[str, feedparser.FeedParserDict]:
    found = feeds_of(site)
    for name, feed in found.items():
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.version == "atom10", name
        assert in_build(site, base, feed.feed.link).is_file(), name
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), name
        for entry in feed.entries:
            assert in_build(site, base, entry.link).is_file(), (name, entry.link)
            assert entry.title and entry.summary and entry.updated_parsed, (name, entry.id)
        newest = max((entry.updated for entry in feed.entries), default=None)
        assert newest is None or feed.feed.updated == newest, name
    return found


def tiny_files() -> dict[str, str]:
    """The small site of conftest with a corrected contract, a draft and a tag shared by two facts."""
    files = dict(VALID_FILES)
    files["contracts/acme-scanners.yaml"] = UPDATED_FACT
    files["statements/acme-secret.yaml"] = DRAFT
    files["pledges/acme-pledge.yaml"] += "tags: [scanners]\n"
    return files


@pytest.fixture
def tiny() -> dict[str, str]:
    return tiny_files()


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny site built once for the tests that only read it."""
    root = tmp_path_factory.mktemp("feeds")
    pipeline.build(write_site(root, tiny_files()), root / "site")
    return root / "site"


def build(make_site, files: dict[str, str], root: Path, drafts: bool = False) -> Path:
    pipeline.build(make_site(root, files), root / "site", drafts=drafts)
    return root / "site"


def test_every_feed_of_the_example_parses_and_links_into_the_build(example_build: Path) -> None:
    found = assert_sound(example_build, EXAMPLE_BASE)
    assert {"feed.xml", "updates/feed.xml", "entities/ibm/feed.xml", "tags/facial-recognition/feed.xml"} <= set(found)
    assert len(found["feed.xml"].entries) > 10


def test_every_feed_of_a_tiny_site_parses_and_links_into_the_build(tiny_site: Path) -> None:
    found = assert_sound(tiny_site, BASE)
    assert {"feed.xml", "updates/feed.xml", "entities/acme/feed.xml", "tags/scanners/feed.xml"} <= set(found)


def test_drafts_are_in_no_feed_even_of_a_build_with_drafts(make_site, tiny, tmp_path: Path, tiny_site: Path) -> None:
    drafted = build(make_site, tiny, tmp_path, drafts=True)
    assert (drafted / "statements/acme-secret/index.html").is_file()
    for site in (tiny_site, drafted):
        found = assert_sound(site, BASE)
        for name in found:
            text = (site / name).read_text(encoding="utf-8")
            assert "secret" not in text and "Draft note" not in text, name


def test_the_updates_feed_has_one_entry_per_update_with_its_record_note_and_day(tiny_site: Path) -> None:
    feed = feeds_of(tiny_site)["updates/feed.xml"]
    assert [(e.title, e.summary, e.updated[:10]) for e in feed.entries] == [
        ("Acme signs a contract for face scanners", "Added the second stage of the contract.", "2024-02-01"),
        ("Acme signs a contract for face scanners", "Corrected the contract's start date.", "2023-09-02"),
        ("Acme signs a contract for face scanners", "Named the buyer's department.", "2023-09-02"),
    ]
    assert feed.feed.updated == "2024-02-01T00:00:00Z"
    assert all(e.link == f"{BASE}contracts/acme-scanners/" for e in feed.entries)


def test_entries_are_dated_by_their_records_and_carry_authors_and_tags(tiny_site: Path) -> None:
    feed = feeds_of(tiny_site)["feed.xml"]
    entries = {e.link.removeprefix(BASE): e for e in feed.entries}
    contract = entries["contracts/acme-scanners/"]
    assert (contract.published[:10], contract.updated[:10]) == ("2023-08-11", "2024-02-01")
    assert [t.term for t in contract.tags] == ["scanners", "contracts"]
    assert entries["statements/acme-reply/"].published[:10] == "2023-08-01"  # written 2023-08~
    story = entries["stories/did-acme-keep-its-word/"]
    assert [a.name for a in story.authors] == ["Sam Writer"]
    assert feed.feed.author == "Test Desk"
    assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries), reverse=True)


def test_each_entity_and_tag_feed_holds_what_names_it(tiny_site: Path) -> None:
    found = feeds_of(tiny_site)
    tagged = {e.link.removeprefix(BASE) for e in found["tags/scanners/feed.xml"].entries}
    assert tagged == {"contracts/acme-scanners/", "pledges/acme-pledge/"}
    named = {e.link.removeprefix(BASE) for e in found["entities/jo-bloggs/feed.xml"].entries}
    assert named == {"pledges/acme-pledge/", "comparisons/pledge-vs-reply/"}


def test_entry_ids_stay_the_same_from_build_to_build_and_when_another_record_is_added(
    make_site, tiny, tmp_path: Path, tiny_site: Path
) -> None:
    def ids(site: Path) -> dict[tuple[str, str], str]:
        return {(name, e.link + e.summary): e.id for name, f in feeds_of(site).items() for e in f.entries}

    first, again = ids(tiny_site), ids(build(make_site, tiny, tmp_path / "b"))
    more = dict(tiny)
    more["events/acme-open-day.yaml"] = OPEN_DAY
    later = ids(build(make_site, more, tmp_path / "c"))
    assert first == again
    assert len(first) > 10
    assert {key: later[key] for key in first} == first
    assert len(later) > len(first)


def test_titles_and_text_are_escaped_not_read_as_markup(make_site, tiny, tmp_path: Path) -> None:
    tiny["pledges/acme-pledge.yaml"] = tiny["pledges/acme-pledge.yaml"].replace(
        "title: Acme promises to stop selling face scanners", 'title: "Acme <b>promises</b> & stops ]]> selling"'
    )
    found = assert_sound(build(make_site, tiny, tmp_path), BASE)
    titles = {e.title for e in found["feed.xml"].entries}
    assert "Acme <b>promises</b> & stops ]]> selling" in titles


def test_every_page_advertises_the_site_feed_and_its_own(tiny_site: Path) -> None:
    site = tiny_site
    found = feeds_of(site)
    for page, own in [
        ("index.html", None),
        ("pledges/acme-pledge/index.html", None),
        ("updates/index.html", "updates/feed.xml"),
        ("entities/acme/index.html", "entities/acme/feed.xml"),
        ("tags/scanners/index.html", "tags/scanners/feed.xml"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', html)
        resolved = [(title, (site / page).parent.joinpath(href).resolve()) for title, href in links]
        wanted = [("Test Desk", site / "feed.xml")]
        if own:
            wanted.append((found[own].feed.title, site / own))
        assert resolved == [(title, path.resolve()) for title, path in wanted], page
