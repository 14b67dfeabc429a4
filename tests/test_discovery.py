"""What the rest of the web reads of a built site: canonical links, descriptions, Open Graph, the sitemap,
robots.txt, the favicon and the page sent for a missing address, all from site.yaml's base_url."""

from __future__ import annotations

import dataclasses
import shutil
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import SITE_YAML, VALID_FILES
from test_build import Elements, fetch, offsite, pages_of, tree_bytes

from onrecord import dates, kinds, pipeline, views
from onrecord.model import Statement, Story
from onrecord.palette import READABLE, contrast
from onrecord.render import Renderer
from onrecord.views import site_view
from onrecord.views.web import absolute, modified, root_path

BASE = "https://papers.example.org/newsroom/on-the-record/"
ROOT_PATH = "/newsroom/on-the-record/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SVG_NS = "{http://www.w3.org/2000/svg}"
ARTICLES = {*kinds.fact_names(), "comparisons", "stories"}
"""Kinds whose pages are articles; an entity's or a source's page, an index, a timeline are not."""
MADE_ELSEWHERE = {"search/index.html"}
"""Linked from the 404 page before the search page is part of every build."""
UPDATED = {
    **VALID_FILES,
    "comparisons/pledge-vs-reply.yaml": VALID_FILES["comparisons/pledge-vs-reply.yaml"]
    + "updates:\n  - date: 2024-01-05\n    note: The verdict's wording was made clearer.\n  - date: 2023-11\n"
    "    note: A source was added.\n",
}


def site_yaml(base_url: str) -> str:
    return SITE_YAML.replace("https://news.example.org/desk/on-the-record/", base_url)


def build_at(make_site: Callable[[Path, dict[str, str]], Path], where: Path, base_url: str = BASE) -> Path:
    content = make_site(where, {**UPDATED, "site.yaml": site_yaml(base_url)})
    pipeline.build(content, where / "out")
    return where / "out"


@pytest.fixture
def built(make_site, tmp_path: Path) -> Path:
    return build_at(make_site, tmp_path)


def page_url(file: str) -> str:
    """A built file's address in the site: `x/index.html` is `x/`, `404.html` itself."""
    return file.removesuffix("index.html") if file.endswith("index.html") else file


def meta(page: Elements) -> dict[str, str]:
    """The page's <meta> values by name or property."""
    return {
        attrs.get("name") or attrs.get("property", ""): attrs.get("content", "")
        for tag, attrs in page.tags
        if tag == "meta" and "content" in attrs
    }


def links(page: Elements, rel: str) -> list[dict[str, str]]:
    return [attrs for tag, attrs in page.tags if tag == "link" and attrs.get("rel") == rel]


def sitemap_entries(out: Path) -> list[tuple[str, str | None]]:
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    return [
        (entry.findtext(f"{SITEMAP_NS}loc", ""), entry.findtext(f"{SITEMAP_NS}lastmod"))
        for entry in root.iter(f"{SITEMAP_NS}url")
    ]


def test_every_page_names_its_absolute_address_under_the_sub_path(built: Path) -> None:
    pages = pages_of(built)
    for name, page in pages.items():
        if name == "404.html":
            continue
        address = BASE + page_url(name)
        assert [link["href"] for link in links(page, "canonical")] == [address], name
        assert meta(page)["og:url"] == address, name
    assert len(pages) > 20


def test_every_page_describes_itself_for_search_engines_and_link_previews(built: Path) -> None:
    for name, page in pages_of(built).items():
        found = meta(page)
        assert found["description"].strip(), f"{name} has no description"
        assert found["og:description"] == found["description"], name
        assert found["og:title"] and found["og:site_name"] == "Test Desk", name
        assert found["og:locale"] == "en_GB", name
        large = "summary_large_image" if "og:image" in found else "summary"
        assert found["twitter:card"] == large and found.get("og:image", BASE).startswith(BASE), name
        record = name.count("/") == 2 and name.split("/")[0] in ARTICLES
        assert found["og:type"] == ("article" if record else "website"), name
        assert [link.get("type") for link in links(page, "icon")] == ["image/svg+xml"], name


def test_lists_timelines_entities_and_sources_say_what_they_hold(built: Path) -> None:
    def description(file: str) -> str:
        return meta(pages_of(built)[file])["description"]

    assert description("entities/acme/timeline/index.html") == "Everything on record that names Acme Corp."
    assert description("pledges/index.html") == "Public commitments, with their status on the site's scale."
    assert description("comparisons/pledge-vs-reply/index.html") == "Two things Acme said three years apart."
    source = description("sources/acme-letter/index.html")
    assert "Acme writes to lawmakers" in source and "The Daily Record" in source
    assert "Acme Corp" in description("entities/acme/index.html")
    descriptions = [meta(page)["description"] for page in pages_of(built).values()]
    assert len(set(descriptions)) > len(descriptions) * 0.9, "pages share one description"


def test_the_sitemap_lists_exactly_the_pages_with_the_days_their_records_changed(built: Path) -> None:
    entries = sitemap_entries(built)
    specs = views.page_specs(views.Context(pipeline.load_graph(built.parent / "content")))
    assert [loc for loc, _ in entries] == [BASE + s.url for s in specs if s.url != "404.html" and not s.moved_to]
    files = {page_url(p.relative_to(built).as_posix()) for p in built.rglob("*.html")}
    assert {loc.removeprefix(BASE) for loc, _ in entries} == files - {"404.html"}
    lastmod = dict(entries)
    assert lastmod[BASE + "pledges/acme-pledge/"] == "2020-06-08"
    assert lastmod[BASE + "statements/acme-reply/"] is None, "an approximate month gives no honest day"
    assert lastmod[BASE + "comparisons/pledge-vs-reply/"] == "2024-01-05", "its latest update"
    assert lastmod[BASE + "stories/did-acme-keep-its-word/"] == "2023-09-01"
    assert lastmod[BASE] is None and lastmod[BASE + "timeline/"] is None


def test_a_page_changed_last_in_a_month_not_known_to_the_day_has_no_lastmod() -> None:
    story = Story.model_validate(
        {"title": "T", "date": "2023-09-01", "summary": "S", "authors": ["A"], "updated": "2024-02"},
    )
    assert modified(story) is None
    said = Statement.model_validate(
        {"title": "T", "date": "XXXX", "summary": "S", "by": "acme", "quote": "Q", "context": "C"}
        | {"sources": ["s"]}
        | {"updates": [{"date": "2024-03-02", "note": "N"}]}
    )
    assert modified(said) == "2024-03-02", "an unknown date is no later than a known one"
    assert dates.parse("2024-03-02").iso() == "2024-03-02"


def test_robots_allows_everything_and_names_the_absolute_sitemap(built: Path) -> None:
    robots = (built / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_the_favicon_is_an_svg_of_the_title_letter_that_reads_on_its_ground(built: Path) -> None:
    svg = ET.parse(built / "favicon.svg").getroot()
    assert svg.tag == f"{SVG_NS}svg"
    ground, letter = svg.find(f"{SVG_NS}rect"), svg.find(f"{SVG_NS}text")
    assert ground is not None and letter is not None
    assert letter.text == "T"
    assert contrast(ground.attrib["fill"], letter.attrib["fill"]) >= READABLE
    site_css = (Path(pipeline.ASSETS) / "site.css").read_text(encoding="utf-8")
    assert f"--accent: {ground.attrib['fill']};" in site_css, "the favicon's ground is the brand colour"
    for name, page in pages_of(built).items():
        href = links(page, "icon")[0]["href"]
        assert urljoin(f"https://x.test{ROOT_PATH}{page_url(name)}", href) == f"https://x.test{ROOT_PATH}favicon.svg"


def resolves(built: Path, page_address: str, address: str) -> bool:
    """Whether a link from a page at `page_address` (under ROOT_PATH) reaches a file of the build."""
    target = urlsplit(urldefrag(urljoin(f"https://x.test{page_address}", address)).url)
    if target.netloc != "x.test" or not target.path.startswith(ROOT_PATH):
        return False
    file = target.path.removeprefix(ROOT_PATH)
    file = file + "index.html" if file == "" or file.endswith("/") else file
    return (built / file).is_file() or file in MADE_ELSEWHERE


def test_every_link_of_every_page_resolves_under_the_sub_path(built: Path) -> None:
    for name, page in pages_of(built).items():
        # the page sent for a missing address is asked for from anywhere: try it deep down
        at = ROOT_PATH + ("no/such/page/here/" if name == "404.html" else page_url(name))
        for tag, attribute, address in page.urls():
            if not offsite(address) and not address.startswith(("#", "mailto:", "data:")):
                assert resolves(built, at, address), f"{name}: <{tag} {attribute}={address!r}> leads nowhere"


def test_the_page_for_a_missing_address_leads_on_from_the_site_root(built: Path) -> None:
    page = pages_of(built)["404.html"]
    hrefs = page.hrefs()
    assert all(h.startswith((ROOT_PATH, "#")) for h in hrefs), hrefs
    for target in ("", "stories/", "comparisons/", "timeline/", "search/"):
        assert ROOT_PATH + target in hrefs, target
    assert ROOT_PATH + "stories/did-acme-keep-its-word/" in hrefs, "the newest story"
    assert ROOT_PATH + "comparisons/pledge-vs-reply/" in hrefs, "the newest comparison"
    assert meta(page)["robots"] == "noindex" and not links(page, "canonical")
    assert "Page not found" in page.words() and "Test Desk" in page.words()


class NotFoundHandler(SimpleHTTPRequestHandler):
    """A static server that answers a missing address with the site's 404.html, as servers are set up to."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / ROOT_PATH.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def serve_with_not_found(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    root = tmp_path / "www"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(NotFoundHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def serve(site: Path) -> str:
        shutil.copytree(site, root / ROOT_PATH.strip("/"))
        return f"http://127.0.0.1:{server.server_port}{ROOT_PATH}"

    yield serve
    server.shutdown()
    server.server_close()


@pytest.mark.server
def test_the_not_found_page_served_for_a_deep_missing_address_has_working_links(
    built: Path, serve_with_not_found
) -> None:
    start = serve_with_not_found(built)
    missing = start + "comparisons/gone/and/deeper/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(missing, timeout=10)
    assert answer.value.code == 404
    body = answer.value.read()
    assert b"Page not found" in body
    page = Elements(body.decode("utf-8"))
    addresses = {urldefrag(urljoin(missing, a)).url for _, _, a in page.urls() if not offsite(a) and a[0] != "#"}
    addresses -= {start + "search/"}
    assert len(addresses) > 15
    assert {a: fetch(a)[0] for a in addresses} == dict.fromkeys(addresses, 200)
    assert fetch(start + "stories/")[0] == 200


def test_the_base_url_drives_the_output_and_nothing_else_does(make_site, tmp_path: Path) -> None:
    one = build_at(make_site, tmp_path / "one")
    again = build_at(make_site, tmp_path / "elsewhere" / "again")
    other = build_at(make_site, tmp_path / "other", "https://other.example.net/")
    assert tree_bytes(one) == tree_bytes(again)
    first, second = tree_bytes(one), tree_bytes(other)
    assert first.keys() == second.keys()
    differing = {name for name in first if first[name] != second[name]}
    assert {"sitemap.xml", "robots.txt", "index.html", "404.html"} <= differing
    assert b"https://other.example.net/pledges/acme-pledge/" in second["pledges/acme-pledge/index.html"]
    assert b'href="/assets/site.css"' in second["404.html"]


def test_a_share_image_is_named_absolutely_with_a_large_card(built: Path) -> None:
    graph = pipeline.load_graph(built.parent / "content")
    ctx = views.Context(graph)
    spec = next(s for s in views.page_specs(ctx) if s.url == "comparisons/pledge-vs-reply/")
    page = dataclasses.replace(spec.page(ctx), image="comparisons/pledge-vs-reply/share.png")
    found = meta(Elements(Renderer(pipeline.TEMPLATES).render(page, {"site": site_view(graph)}).decode()))
    assert found["og:image"] == BASE + "comparisons/pledge-vs-reply/share.png"
    assert found["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize(
    ("base_url", "url", "address", "path"),
    [
        ("https://example.org", "", "https://example.org/", "/"),
        ("https://example.org/a/b", "tags/x/", "https://example.org/a/b/tags/x/", "/a/b/"),
        ("https://example.org/a/", "favicon.svg", "https://example.org/a/favicon.svg", "/a/"),
    ],
)
def test_absolute_addresses_treat_the_base_url_as_a_folder(base_url: str, url: str, address: str, path: str) -> None:
    site = SimpleNamespace(base_url=base_url)
    assert absolute(site, url) == address
    assert root_path(site) == path
