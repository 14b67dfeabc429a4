"""Prose as readers get it: footnotes, headings they can link to, a story's contents, and typography that
curls quotes in the text while every quote of the record stays exactly as copied."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import EXAMPLE

from onrecord import markup, pipeline
from onrecord.render import MarkdownRenderer, note_letter
from onrecord.views import pages

MakeSite = Callable[[Path, dict[str, str]], Path]
STORY = "stories/did-ibm-break-its-facial-recognition-pledge/index.html"
STRAIGHT = re.compile(r"[\"']")


def story(example_build: Path) -> str:
    return (example_build / STORY).read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    """What a reader reads of some HTML, without its blockquotes and code."""
    kept = re.sub(r"<(blockquote|code|pre)\b.*?</\1>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", kept))


def text_of_page(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_example_storys_footnotes_are_lettered_and_link_both_ways(example_build: Path) -> None:
    page = story(example_build)
    mentions = re.findall(
        r'<sup id="fnref-([\w-]+)"><a class="footnote-ref" href="#fn-\1" aria-label="Note (\w+)">\2</a>', page
    )
    assert mentions == [("dialogue", "a"), ("grounds", "b")]
    notes = page.split('<section class="notes" aria-labelledby="notes-heading">')[1].split("</section>")[0]
    assert '<h2 id="notes-heading">Notes</h2>' in notes and '<ol type="a">' in notes
    assert re.findall(r'<li id="fn-([\w-]+)">', notes) == ["dialogue", "grounds"]
    assert notes.count('href="#fnref-') == 2 and 'aria-label="Back to the text"' in notes
    assert "[^" not in page, "no footnote is left as text"
    assert notes.count('class="cite"') == 2, "a note cites its source like the text does"


def test_the_example_storys_headings_have_ids_self_links_and_a_contents_list(example_build: Path) -> None:
    page = story(example_build)
    headings = re.findall(
        r'<h2 id="([^"]+)">([^<]+) <a class="heading-link" href="#\1" aria-label="Link to this section">#</a></h2>',
        page,
    )
    assert ("the-promise", "The promise") in headings and ("our-assessment", "Our assessment") in headings
    contents = page.split('<nav class="contents" aria-labelledby="contents-heading">')[1].split("</nav>")[0]
    assert re.findall(r'<a href="#([^"]+)">', contents) == [id_ for id_, _ in headings]
    assert page.index("contents-heading") < page.index('id="the-promise"')
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "every id of the page is its own"


def test_prose_has_no_straight_quotes_while_every_quote_of_the_record_stays_as_written(example_build: Path) -> None:
    story_view = next(
        page.view for page in pages(pipeline.load_graph(EXAMPLE)) if page.url == STORY[: -len("index.html")]
    )
    prose = " ".join(text_of(part) for part in MarkdownRenderer().prose(story_view.body).parts)
    assert "IBM’s" in prose and "“general purpose”" in prose
    assert not STRAIGHT.findall(prose)
    quotes = []
    for path in sorted(EXAMPLE.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        quote = data.get("quote") if isinstance(data, dict) else None
        written = quote.get("text") if isinstance(quote, dict) else quote
        if isinstance(written, str):
            shown = (example_build / path.parent.name / path.stem / "index.html").read_text(encoding="utf-8")
            assert " ".join(written.split()) in " ".join(text_of_page(shown).split()), path
            quotes.append(written)
    assert any("'" in quote for quote in quotes), "a quote with a straight apostrophe keeps it"


def built_story(tmp_path: Path, make_site: MakeSite, files: dict[str, str], front: str, body: str) -> str:
    """The page of a story `stories/words.md` with front matter `front` added and `body`, built beside the rest."""
    files["stories/words.md"] = (
        f"---\ntitle: Words\ndate: 2024-01-02\nsummary: On words.\nauthors: [Sam Writer]\n{front}---\n{body}"
    )
    out = tmp_path / "site"
    pipeline.build(make_site(tmp_path, files), out)
    return (out / "stories/words/index.html").read_text(encoding="utf-8")


def test_typography_leaves_blockquotes_and_code_as_written(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    page = built_story(
        tmp_path,
        make_site,
        valid_files,
        "",
        'Acme\'s "plan" -- in short...\n\n> "We\'ll see," it said.\n\nRun `"x"` to test.\n',
    )
    body = page.split('<div class="prose story-body">')[1]
    assert "Acme’s “plan” – in short…" in body
    assert "<p>&quot;We'll see,&quot; it said.</p>" in body or '<p>"We\'ll see," it said.</p>' in body
    assert '<code>"x"</code>' in body or "<code>&quot;x&quot;</code>" in body
    assert '<nav class="contents"' not in body, "a story lists its headings only with toc: true"


def test_a_heading_never_takes_an_id_the_page_gives_its_own_parts(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    body = "## Main\n\nOne.\n\n## Sources heading\n\nTwo.\n\n## Source 1\n\nThree.\n\n## Déjà vu\n\nFour.\n"
    page = built_story(tmp_path, make_site, valid_files, "toc: true\n", body)
    assert re.findall(r'<h2 id="([^"]+)">', page.split('<div class="prose story-body">')[1]) == [
        "section-main",
        "section-sources-heading",
        "section-source-1",
        "déjà-vu",
    ]


def test_footnote_mistakes_are_found_where_they_are_written() -> None:
    text = "One[^a] and[^a] two[^b].\n\n[^a]: First.\n[^a]: Again.\n[^c]: Never.\n"
    found = [(text[at : at + 4], message) for at, message, _ in markup.note_mistakes(text, allowed=True)]
    assert found == [
        ("[^b]", "the footnote [^b] has no note"),
        ("[^a]", "the note [^a] is written twice"),
        ("[^c]", "the note [^c] is never mentioned"),
    ]
    assert markup.note_mistakes("`[^a]` is code.", allowed=True) == []
    assert len(markup.note_mistakes("A[^1] b[^2]\n\n[^1]: x\n", allowed=False)) == 1


def test_notes_past_z_go_on_as_lists_letter_them() -> None:
    assert [note_letter(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        *("a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"),
    ]


def test_an_embed_in_an_html_comment_is_commented_out_with_it(
    tmp_path: Path, make_site: MakeSite, valid_files: dict[str, str]
) -> None:
    body = "Before.\n\n<!--\n::fact acme-pledge\n-->\n\nAfter.\n\n::fact acme-reply\n"
    page = built_story(tmp_path, make_site, valid_files, "", body)
    text = page.split('<div class="prose story-body">')[1].split('<section class="related"')[0]
    assert 'href="../../pledges/acme-pledge/"' not in text
    assert 'href="../../statements/acme-reply/"' in text and "-->" not in text
