"""Structured data: every page declares schema.org JSON-LD that parses, names what the page is about and
cannot be broken out of; comparisons are ClaimReviews rated on the site's own scale."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_scales import CUSTOM, rated

from onrecord import pipeline
from onrecord.incremental import Builder
from onrecord.views import Context, page_specs

MakeSite = Callable[[Path, dict[str, str]], Path]
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
EXAMPLE = Path(__file__).resolve().parent.parent / "content"
EXAMPLE_BASE = "https://example.org/on-the-record/"
TINY_BASE = "https://news.example.org/desk/on-the-record/"
REQUIRED = ("claimReviewed", "reviewRating", "itemReviewed", "author", "url")
DEFAULT_LABELS = ["Contradicts", "In tension", "Unclear", "Consistent"]
WIKIDATA = "name: Acme Corp\ntype: company\nwikidata: Q1\nurl: https://acme.example.com\n"
LAW = """\
title: Acme adopts a face scanner policy
date: 2021-02-03
summary: Acme's board adopted a policy on face scanners.
type: company-policy
adopted_by: acme
jurisdiction: Acme's products worldwide
sources: [acme-letter]
"""
EVENT = """\
title: Acme pauses scanner sales
date: 2020-07-01
end: 2021-07-01
summary: Acme paused sales of face scanners for a year.
actors: [acme]
sources: [acme-letter]
updates:
  - date: 2021-08-02
    note: The end date was corrected.
"""


def pages_of(out: Path, content: Path = EXAMPLE) -> Iterator[tuple[str, str]]:
    """(address, HTML) of every page of the site's page list, as the build wrote it; not the old addresses of
    renamed records, which only forward to their pages."""
    for spec in page_specs(Context(pipeline.load_graph(content))):
        if spec.moved_to is None:
            yield spec.url, (out / spec.file).read_text(encoding="utf-8")


def declared(page: str) -> list[dict[str, object]]:
    """The nodes of the page's one JSON-LD block."""
    blocks = BLOCK.findall(page.split("</head>")[0])
    assert len(blocks) == 1, "one JSON-LD block in <head>"
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return list(data["@graph"])


def node(page: str, kind: str) -> dict[str, object]:
    """The page's node of type `kind`, also as the main entity of a WebPage."""
    found = [n for n in declared(page) for n in (n, n.get("mainEntity")) if isinstance(n, dict) and n["@type"] == kind]
    assert len(found) == 1, f"one {kind}"
    return found[0]


def crumbs_resolve(out: Path, base: str, url: str, page: str) -> None:
    items = node(page, "BreadcrumbList")["itemListElement"]
    assert isinstance(items, list) and items[0]["item"] == base and items[-1]["item"] == base + url
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    for item in items:
        target = str(item["item"]).removeprefix(base)
        assert (out / (target if target.endswith(".html") else target + "index.html")).is_file(), item


def test_every_page_of_the_example_declares_what_it_is(example_build: Path) -> None:
    shown = dict(pages_of(example_build))
    for url, page in shown.items():
        crumbs_resolve(example_build, EXAMPLE_BASE, url, page)
    reviews = [url for url in shown if re.fullmatch(r"comparisons/[^/]+/", url)]
    assert len(reviews) == 5
    for url in reviews:
        review = node(shown[url], "ClaimReview")
        assert all(review[field] for field in REQUIRED) and review["url"] == EXAMPLE_BASE + url
        label = html.unescape(re.findall(r'<h2 id="rationale-heading">Why “([^”]+)”</h2>', shown[url])[0])
        assert review["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": DEFAULT_LABELS.index(label) + 1,
            "bestRating": 4,
            "worstRating": 1,
            "alternateName": label,
        }
        claim = review["itemReviewed"]
        assert isinstance(claim, dict) and claim["@type"] == "Claim" and claim["author"] and claim["appearance"]
    stories = [url for url in shown if re.fullmatch(r"stories/[^/]+/", url)]
    for url in stories:
        article = node(shown[url], "NewsArticle")
        assert article["headline"] and article["author"] and article["publisher"] and article["datePublished"]
        cited = [c["url"] for c in article["citation"]]  # type: ignore[attr-defined]
        listed = re.findall(r'<li id="source-\d+">.*?<a[^>]* href="(http[^"]+)"', shown[url], re.S)
        assert cited == [html.unescape(u) for u in listed]
    assert node(shown["entities/ibm/"], "Organization")["sameAs"] == ["https://www.ibm.com"]
    krishna = node(shown["entities/arvind-krishna/"], "Person")
    assert krishna["memberOf"] == [{"@type": "Organization", "name": "IBM", "url": EXAMPLE_BASE + "entities/ibm/"}]
    pledge = node(shown["pledges/ibm-2020-facial-recognition-pledge/"], "Quotation")
    assert str(pledge["text"]).startswith("IBM no longer offers general purpose")


def test_a_claim_review_rates_on_the_sites_own_scale(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    out = tmp_path / "out"
    pipeline.build(make_site(tmp_path, rated(valid_files, CUSTOM)), out)
    expected = {"c0": ("Unclear", 5), "c1": ("Contradicts", 1), "c2": ("Partly consistent", 3)}
    for name, (label, value) in expected.items():
        rating = node((out / f"comparisons/{name}/index.html").read_text(encoding="utf-8"), "ClaimReview")
        assert rating["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        }
        assert rating["datePublished"] == f"202{int(name[1]) + 1}-0{3 if name != 'c2' else 5}-01"


def test_a_quote_cannot_break_out_of_the_script(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    words = "Acme will not sell </script><script>alert(1)</script> face scanners & <b>never</b> will."
    valid_files["pledges/acme-pledge.yaml"] = valid_files["pledges/acme-pledge.yaml"].replace(
        "quote: Acme no longer offers general purpose face scanners.", f'quote: "{words}"'
    )
    out = tmp_path / "out"
    pipeline.build(make_site(tmp_path, valid_files), out)
    page = (out / "comparisons/pledge-vs-reply/index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    assert head.count("<script") == 1 and "alert" not in head.replace(BLOCK.findall(head)[0], "")
    assert not re.search("[<>&]", BLOCK.findall(head)[0])
    review = node(page, "ClaimReview")
    assert review["claimReviewed"] == words
    assert review["itemReviewed"]["author"] == {  # type: ignore[index]
        "@type": "Organization",
        "name": "Acme Corp",
        "url": TINY_BASE + "entities/acme/",
    }
    assert "datePublished" not in review, "the later side is dated only to its month"


def test_facts_declare_their_types_and_corrections(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    valid_files.update({"laws/acme-policy.yaml": LAW, "events/acme-pause.yaml": EVENT, "entities/acme.yaml": WIKIDATA})
    valid_files["comparisons/pledge-vs-reply.yaml"] += "updates:\n  - date: 2024-01-05\n    note: Verdict explained.\n"
    out = tmp_path / "out"
    content = make_site(tmp_path, valid_files)
    pipeline.build(content, out)
    shown = dict(pages_of(out, content))
    law = node(shown["laws/acme-policy/"], "Legislation")
    assert (law["legislationType"], law["legislationDate"]) == ("Company policy", "2021-02-03")
    event = node(shown["events/acme-pause/"], "Event")
    assert (event["startDate"], event["endDate"]) == ("2020-07-01", "2021-07-01")
    page = node(shown["events/acme-pause/"], "WebPage")
    assert page["correction"] == [
        {"@type": "CorrectionComment", "text": "The end date was corrected.", "datePublished": "2021-08-02"}
    ]
    review = node(shown["comparisons/pledge-vs-reply/"], "ClaimReview")
    assert review["correction"] == [
        {"@type": "CorrectionComment", "text": "Verdict explained.", "datePublished": "2024-01-05"}
    ]
    assert node(shown["statements/acme-reply/"], "Quotation")["creator"]["name"] == "Acme Corp"  # type: ignore[index]
    acme = node(shown["entities/acme/"], "Organization")
    assert acme["sameAs"] == ["https://www.wikidata.org/wiki/Q1", "https://acme.example.com"]
    for url, text in shown.items():
        crumbs_resolve(out, TINY_BASE, url, text)


@pytest.mark.parametrize("edit", ["quote", "verdict"])
def test_the_preview_declares_what_a_full_build_does(tmp_path: Path, make_site: MakeSite, valid_files, edit) -> None:
    content = make_site(tmp_path, valid_files)
    builder = Builder(content, tmp_path / ".serve")
    assert not builder.rebuild().problems
    if edit == "quote":
        path, old, new = content / "pledges/acme-pledge.yaml", "general purpose", "any"
    else:
        path, old, new = content / "comparisons/pledge-vs-reply.yaml", "in-tension", "contradicts"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert "comparisons/pledge-vs-reply/index.html" in builder.rebuild().touched
    pipeline.build(content, tmp_path / "full", drafts=True)
    served = (tmp_path / ".serve/comparisons/pledge-vs-reply/index.html").read_text(encoding="utf-8")
    assert declared(served) == declared((tmp_path / "full/comparisons/pledge-vs-reply/index.html").read_text())


def test_two_builds_declare_byte_identical_json(tmp_path: Path, make_site: MakeSite, valid_files) -> None:
    content = make_site(tmp_path, valid_files)
    first, second = tmp_path / "one", tmp_path / "two"
    pipeline.build(content, first)
    pipeline.build(content, second)
    blocks = [{url: BLOCK.findall(page) for url, page in pages_of(out, content)} for out in (first, second)]
    assert blocks[0] == blocks[1] and len(blocks[0]) > 10
