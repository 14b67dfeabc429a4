"""The built site: atomic, reproducible, drafts kept out, author HTML made safe, sources shown, links that work
anywhere."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import jinja2
import pytest

from onrecord import kinds, pipeline
from onrecord.errors import ContentErrors, EnvironmentFailure
from onrecord.render import MarkdownRenderer

FACT_KINDS = kinds.fact_names()
EXAMPLE = Path(__file__).resolve().parent.parent / "content"
URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "data", "action", "formaction", "background", "cite")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
HOSTILE = """\
<script>alert("script")</script>

Click <a href="javascript:alert('href')" onclick="alert('click')">here</a>
or [there](javascript:alert('markdown')).

<img src="https://tracker.example.net/pixel.gif" onerror="alert('img')">
<iframe src="https://tracker.example.net/frame"></iframe>
<p onmouseover="alert('hover')" style="background: url(https://tracker.example.net/bg.png)">Hover</p>
"""


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, plus its text, style sheets and scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._inside = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._inside = tag if tag in self.raw else ""

    def handle_endtag(self, tag: str) -> None:
        self._inside = ""

    def handle_data(self, data: str) -> None:
        (self.raw[self._inside] if self._inside else self.text).append(data)

    def words(self) -> str:
        """The visible text with runs of white space made single."""
        return " ".join(" ".join(self.text).split())

    def urls(self) -> Iterator[tuple[str, str, str]]:
        """(tag, attribute, address) for every address on the page, srcset candidates split."""
        for tag, attrs in self.tags:
            for name in URL_ATTRIBUTES:
                for value in _split_srcset(attrs.get(name, "")) if name == "srcset" else [attrs.get(name, "")]:
                    if value.strip():
                        yield tag, name, value.strip()

    def canonical(self) -> set[str]:
        """The page's own absolute address, named for search engines and never fetched."""
        return {attrs["href"] for tag, attrs in self.tags if tag == "link" and attrs.get("rel") == "canonical"}

    def hrefs(self, tag: str = "a") -> list[str]:
        return [attrs["href"] for name, attrs in self.tags if name == tag and "href" in attrs]


def _split_srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path: equal dicts mean byte-identical trees."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def pages_of(root: Path) -> dict[str, Elements]:
    return {
        p.relative_to(root).as_posix(): Elements(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.html"))
    }


def offsite(address: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", address, re.I)) or address.lower().startswith("http")


@pytest.fixture
def small_build(make_site, valid_files, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    pipeline.build(make_site(tmp_path, valid_files), out)
    return out


def test_two_builds_of_the_same_content_are_byte_identical(make_site, valid_files, tmp_path: Path) -> None:
    first, second = make_site(tmp_path / "a", valid_files), make_site(tmp_path / "elsewhere" / "b", valid_files)
    pipeline.build(first, tmp_path / "one")
    pipeline.build(second, tmp_path / "two")
    pipeline.build(first, tmp_path / "one")
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    assert len(tree_bytes(tmp_path / "one")) > 5


@pytest.mark.process
def test_the_example_builds_byte_identically_whatever_the_hash_seed(tmp_path: Path) -> None:
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "site.py", "build", "--out", str(tmp_path / seed)],
            cwd=EXAMPLE.parent,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert tree_bytes(tmp_path / "1") == tree_bytes(tmp_path / "2")


def test_a_build_rejected_for_content_leaves_the_previous_site_as_it_was(make_site, valid_files, tmp_path) -> None:
    content, out = make_site(tmp_path, valid_files), tmp_path / "site"
    pipeline.build(content, out)
    before = tree_bytes(out)
    (content / "pledges" / "acme-pledge.yaml").write_text("title: [never closed\n", encoding="utf-8")
    (content / "stories" / "new.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        pipeline.build(content, out)
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".onrecord-cache", "content", "site"]


def test_a_build_that_fails_while_writing_leaves_the_previous_site_as_it_was(make_site, valid_files, tmp_path) -> None:
    content, out = make_site(tmp_path, valid_files), tmp_path / "site"
    pipeline.build(content, out)
    before = tree_bytes(out)
    pledge = content / "pledges" / "acme-pledge.yaml"
    pledge.write_text(pledge.read_text(encoding="utf-8").replace("Acme promises", "Acme vows"), encoding="utf-8")
    broken_assets = tmp_path / "assets"
    shutil.copytree(pipeline.ASSETS, broken_assets)
    (broken_assets / "logo.png").symlink_to(tmp_path / "deleted-logo.png")
    with pytest.raises(EnvironmentFailure, match=r"could not copy .*logo\.png"):
        pipeline.build(content, out, assets=broken_assets)
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".onrecord-cache", "assets", "content", "site"]


def test_drafts_are_left_out_unless_asked_for(cli, make_site, valid_files, tmp_path: Path) -> None:
    secret = valid_files["pledges/acme-pledge.yaml"].replace("Acme promises", "Zanzibar plan") + "draft: true\n"
    unfinished = valid_files["stories/did-acme-keep-its-word.md"].replace(
        "title: Did Acme keep its word?", "title: Quixotic draft story\ndraft: true"
    )
    content = make_site(
        tmp_path, {**valid_files, "pledges/secret-plan.yaml": secret, "stories/unfinished.md": unfinished}
    )
    assert cli("build", "--content", str(content), "--out", str(tmp_path / "public")).code == 0
    published = b"".join(tree_bytes(tmp_path / "public").values())
    assert b"secret-plan" not in published and b"Zanzibar" not in published
    assert b"unfinished" not in published and b"Quixotic" not in published
    assert cli("build", "--content", str(content), "--out", str(tmp_path / "preview"), "--drafts").code == 0
    assert "Zanzibar plan" in (tmp_path / "preview" / "pledges" / "secret-plan" / "index.html").read_text()
    assert "Quixotic draft story" in (tmp_path / "preview" / "stories" / "unfinished" / "index.html").read_text()


def test_raw_html_the_sanitiser_would_drop_is_refused_in_every_markdown_field(
    make_site, valid_files, tmp_path: Path
) -> None:
    files = {**valid_files}
    files["pledges/acme-pledge.yaml"] += "body: |\n" + "".join(f"  {line}\n" for line in HOSTILE.splitlines())
    files["stories/did-acme-keep-its-word.md"] += "\n" + HOSTILE
    files["entities/acme.yaml"] += "description: |\n" + "".join(f"  {line}\n" for line in HOSTILE.splitlines())
    files["comparisons/pledge-vs-reply.yaml"] = files["comparisons/pledge-vs-reply.yaml"].replace(
        "rationale: The reply narrows what the promise covered [@acme-letter].",
        "rationale: |\n" + "".join(f"  {line}\n" for line in HOSTILE.splitlines()),
    )
    content = make_site(tmp_path, files)
    with pytest.raises(ContentErrors) as refused:
        pipeline.build(content, tmp_path / "site")
    story = [
        f"{p.location.line}:{p.location.column} {p.message.split(':')[0]}"
        for p in refused.value.problems
        if p.location.path.endswith(".md")
    ]
    assert story == [
        "13:1 the HTML tag <script> is not allowed here",
        "15:10 the link address 'javascript",
        "15:42 the attribute onclick= on <a> is not allowed",
        "16:12 the link address 'javascript",
        "18:1 the HTML tag <img> is not allowed here",
        "19:1 the HTML tag <iframe> is not allowed here",
        "20:4 the attribute onmouseover= on <p> is not allowed",
        "20:33 the attribute style= on <p> is not allowed",
    ]
    files_with_problems = {Path(p.location.path).name for p in refused.value.problems}
    assert files_with_problems == {"acme-pledge.yaml", "did-acme-keep-its-word.md", "acme.yaml", "pledge-vs-reply.yaml"}
    assert not (tmp_path / "site").exists()


def test_a_stray_style_tag_is_refused_rather_than_taking_the_rest_of_the_field(
    make_site, valid_files, tmp_path: Path
) -> None:
    story = valid_files["stories/did-acme-keep-its-word.md"].replace(
        "In 2020 Acme made a promise",
        "A stray <style> here.\n\nThis paragraph must not vanish. In 2020 Acme made a promise",
    )
    content = make_site(tmp_path, {**valid_files, "stories/did-acme-keep-its-word.md": story})
    with pytest.raises(ContentErrors) as refused:
        pipeline.check(content)
    [problem] = refused.value.problems
    assert (problem.location.line, problem.location.column) == (7, 9)
    assert "<style> is not allowed here: it would be removed, with everything inside it" in problem.message


@pytest.mark.parametrize("template", ["source.html", "fact.html", "macros.html"])
def test_check_renders_every_template_with_the_sites_own_data(
    template: str, make_site, valid_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` renders one page of each sort, not every page, yet a template that fails on the site fails it."""
    templates = tmp_path / "templates"
    shutil.copytree(pipeline.TEMPLATES, templates)
    broken = templates / template
    before, end, after = broken.read_text(encoding="utf-8").rpartition("{% endblock %}")
    broken.write_text(f"{before}{{{{ view.not_a_field }}}}{end}{after}" if end else f"{after}{{{{ no_such_name }}}}\n")
    content = make_site(tmp_path / "site", valid_files)
    assert pipeline.check(content), "the site is good with the real templates"
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    with pytest.raises(jinja2.UndefinedError):
        pipeline.check(content)


def test_the_renderer_still_removes_what_check_refuses() -> None:
    """Defence in depth: Markdown that somehow reaches the renderer unchecked is sanitised all the same."""
    page = Elements(MarkdownRenderer()(HOSTILE))
    assert not [(tag, a) for tag, attrs in page.tags for a in attrs if a.startswith("on")]
    assert not [u for _, _, u in page.urls() if "javascript:" in u.lower() or "tracker.example" in u]
    assert not [tag for tag, _ in page.tags if tag in ("iframe", "object", "embed", "img", "script")]
    assert not [a for _, a in page.tags if "tracker.example" in a.get("style", "")]
    assert "Click here or there" in page.words()


def test_a_citation_inside_an_attribute_is_refused_and_can_never_break_out_of_it(
    make_site, valid_files, tmp_path: Path
) -> None:
    attribute = 'The <abbr title="Home Office [@acme-letter]">HO</abbr> signed.'
    story = valid_files["stories/did-acme-keep-its-word.md"].replace("In 2020 Acme made a promise", attribute)
    content = make_site(tmp_path, {**valid_files, "stories/did-acme-keep-its-word.md": story})
    with pytest.raises(ContentErrors) as refused:
        pipeline.check(content)
    assert [(p.location.line, p.location.column, p.message) for p in refused.value.problems] == [
        (7, 11, "a citation cannot go inside the title= of <abbr>")
    ]
    rendered = str(MarkdownRenderer()(attribute, [("acme-letter", 1)]))
    assert rendered == '<p>The <abbr title="Home Office">HO</abbr> signed.</p>'


def sources_cited(graph, record) -> list[tuple[str, str]]:
    """(url, title) of every source a fact cites, by id or inline."""
    cites = [graph.get(c).model if isinstance(c, str) else c for c in record.model.sources]
    return [(source.url, source.title) for source in cites]


def assert_fact_pages_list_their_sources(content: Path, out: Path) -> int:
    graph, checked = pipeline.load_graph(content), 0
    for kind in FACT_KINDS:
        for record in graph.kinds[kind]:
            page = out / kind / record.id / "index.html"
            elements = Elements(page.read_text(encoding="utf-8"))
            text = elements.words()
            for url, title in sources_cited(graph, record):
                assert url in elements.hrefs(), f"{page} does not link to its source {url}"
                assert " ".join(title.split()) in text, f"{page} does not name its source '{title}'"
            checked += 1
    return checked


def test_every_fact_page_lists_its_sources(make_site, valid_files, tmp_path: Path) -> None:
    content = make_site(tmp_path, valid_files)
    pipeline.build(content, tmp_path / "site")
    assert assert_fact_pages_list_their_sources(content, tmp_path / "site") == 2


def test_every_fact_of_the_example_has_a_page_listing_its_sources(example_build: Path) -> None:
    assert assert_fact_pages_list_their_sources(EXAMPLE, example_build) >= 9


def test_every_fact_entity_source_and_story_has_a_page_and_every_kind_an_index(example_build: Path) -> None:
    graph = pipeline.load_graph(EXAMPLE)
    assert (example_build / "index.html").is_file()
    for kind in (*FACT_KINDS, "entities", "sources", "stories"):
        assert (example_build / kind / "index.html").is_file(), kind
        for record in graph.kinds[kind]:
            assert (example_build / kind / record.id / "index.html").is_file(), f"{kind}/{record.id}"


def test_a_story_page_shows_the_facts_it_embeds(small_build: Path) -> None:
    story = small_build / "stories" / "did-acme-keep-its-word" / "index.html"
    elements = Elements(story.read_text(encoding="utf-8"))
    assert "Acme no longer offers general purpose face scanners." in elements.words()
    targets = {urljoin("/stories/did-acme-keep-its-word/", href).split("#")[0] for href in elements.hrefs()}
    assert "/pledges/acme-pledge/" in targets


def assert_links_are_relative(out: Path, base_url: str) -> None:
    host = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    for name, page in pages_of(out).items():
        if name == "404.html":
            continue  # sent for any missing address, so its links start from the root path (test_discovery.py)
        for tag, attribute, address in page.urls():
            if address in page.canonical():
                continue
            assert not address.startswith("/"), f"{name}: <{tag} {attribute}={address!r}> is site-absolute"
            assert not address.startswith(host), f"{name}: <{tag} {attribute}={address!r}> names the site's host"


def test_internal_links_are_relative(small_build: Path, example_build: Path) -> None:
    assert_links_are_relative(small_build, "https://news.example.org/desk/on-the-record/")
    assert_links_are_relative(example_build, pipeline.load_graph(EXAMPLE).site.base_url)


def assert_no_other_host_is_asked_for_anything(out: Path) -> None:
    for name, page in pages_of(out).items():
        for tag, attribute, address in page.urls():
            # links readers follow, citations and the page's own canonical address are never fetched
            if tag != "a" and attribute != "cite" and address not in page.canonical():
                assert not offsite(address), f"{name}: <{tag} {attribute}={address!r}> loads from another host"
        inline = page.raw["style"] + [attrs.get("style", "") for _, attrs in page.tags]
        assert not [u for css in inline for u in CSS_URL.findall(css) if offsite("".join(u))], name
    for sheet in out.rglob("*.css"):
        found = ["".join(u) for u in CSS_URL.findall(sheet.read_text(encoding="utf-8"))]
        assert not [u for u in found if offsite(u)], f"{sheet.name} loads from another host: {found}"


def test_no_page_loads_anything_from_another_host(small_build: Path, example_build: Path) -> None:
    assert_no_other_host_is_asked_for_anything(small_build)
    assert_no_other_host_is_asked_for_anything(example_build)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def serve_under_sub_path(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """Serve a built site at http://127.0.0.1:PORT/news/desk/on-the-record/, as under a sub-path of base_url."""
    root = tmp_path / "www"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def serve(site: Path) -> str:
        shutil.copytree(site, root / "news" / "desk" / "on-the-record")
        return f"http://127.0.0.1:{server.server_port}/news/desk/on-the-record/"

    yield serve
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def crawl(start: str) -> dict[str, int]:
    """Follow every address from the home page within the site; returns each one's HTTP status."""
    seen: dict[str, int] = {}
    todo = [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        status, body, kind = fetch(url)
        seen[url] = status
        if kind == "text/html":
            addresses = [a for _, _, a in Elements(body.decode("utf-8")).urls()]
        elif kind == "text/css":
            addresses = ["".join(u) for u in CSS_URL.findall(body.decode("utf-8"))]
        else:
            addresses = []
        for address in addresses:
            if not offsite(address) and not address.startswith(("mailto:", "#", "data:")):
                todo.append(urldefrag(urljoin(url, address)).url)
    return seen


@pytest.mark.server
@pytest.mark.parametrize("which", ["small", "example"])
def test_every_link_works_when_the_site_is_served_under_a_sub_path(
    serve_under_sub_path, small_build, example_build, which: str
) -> None:
    start = serve_under_sub_path(small_build if which == "small" else example_build)
    statuses = crawl(start)
    broken = sorted(url for url, status in statuses.items() if status != 200)
    assert not broken, f"broken links under a sub-path: {broken}"
    assert all(url.startswith(start) for url in statuses), "a link climbed out of the sub-path"
    assert sum(url.endswith("/") for url in statuses) > 10
