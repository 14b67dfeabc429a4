"""Stage 4b: turn prepared pages into HTML with Jinja2; a missing value is an error, never a blank."""

from __future__ import annotations

import contextvars
import html
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markdown
from markupsafe import Markup

from . import markup, sanitize, translation, typeset
from .translation import _
from .views import Page
from .views.prose import Prose
from .views.structured import script as json_ld
from .views.web import absolute, css_string

CITE_OPEN, CITE_CLOSE = "\ue000", "\ue001"
CITE_RUN = re.compile(f"(?:{CITE_OPEN}\\d+{CITE_CLOSE})+")
TAG_OR_CITATIONS = re.compile(f"<[^>]*>|{CITE_RUN.pattern}")
"""nh3 writes `<` and `>` inside attribute values as entities, so a `<...>` run is exactly one tag."""
SPACE_BEFORE_CITE = re.compile(f"(?<=[^\\s>])\\s+(?={CITE_OPEN})")
"""Space between a word and its citation: the footnote number sits against the word it follows."""


HEADING = re.compile(r'<h([2-6]) id="([^"<>]+)">(.*?)</h\1>', re.S)
NOTES_OPEN, NOTES_CLOSE = '<div class="footnote">\n<hr>\n<ol>', "</div>"
NOTES_SECTION = '<section class="notes" aria-labelledby="notes-heading">\n<h2 id="notes-heading">%s</h2>\n<ol type="a">'
NOTE_BACK = 'title="Back to the text" rel="noopener">'
"""A note's link back as Python-Markdown writes it; it is named for screen readers instead (`_noted`), which
would read its arrow by name."""
NOTE_MENTION = re.compile(r'<a class="footnote-ref" href="#(fn-[^"<>]+)" rel="noopener">(\d+)</a>')
"""Notes are lettered (a, b, ... z, aa), so that no reader takes one for a source's number."""
HEADING_LEVEL = re.compile(r"<h([2-6])\b")
SLOT = re.compile(f"<p>{typeset.SLOT_OPEN}(\\d+){typeset.SLOT_CLOSE}</p>\n?")


@dataclass(frozen=True)
class DrawnProse:
    """A text with embeds, drawn: the HTML before, between and after its embeds (one more part than
    embeds), and its headings (level, id, words) for a table of contents."""

    parts: tuple[Markup, ...]
    embeds: tuple[int, ...]
    """The embeds shown, by index, in order: one inside an HTML comment is commented out with it."""
    headings: tuple[tuple[int, str, str], ...]
    levels: tuple[int, ...]
    """For each embed shown, the level of a heading of its own: one below the last heading before it."""


class MarkdownRenderer:
    """Markdown to sanitised HTML: raw HTML from authors passes only through the allowlist in sanitize.py.

    A citation `[@id]` of a source numbered on the page becomes a placeholder that Markdown and the
    sanitiser leave alone, then the superscript link to `#source-N`, so that markup is ours alone. Only
    placeholders in text become links: one inside a tag (which `check` refuses) is dropped, so no
    citation can ever break out of an attribute.

    A text with embeds (`prose`) is converted whole, so its footnotes and headings are numbered and
    named across its embeds: each heading gets a link to itself, and its notes a heading of their own.
    """

    def __init__(self) -> None:
        self._field = {smart: typeset.field_converter(smart) for smart in (True, False)}
        self._prose = {smart: typeset.prose_converter(smart) for smart in (True, False)}

    def __call__(self, text: str, cites: Iterable[tuple[str, int]] = ()) -> Markup:
        return _html(self._field[typeset.typographic(text)], text, cites)

    def prose(self, prose: Prose, under: int = 1) -> DrawnProse:
        """`prose` drawn; `under` is the level of the heading it sits under (the page's h1, a section's h2)."""
        converter = self._prose[typeset.typographic(prose.text)]
        drawn = str(_html(converter, prose.text, prose.cites))
        back = f'aria-label="{html.escape(_("Back to the text"))}">'
        drawn = NOTE_MENTION.sub(_lettered_mention, HEADING.sub(_linked_heading, drawn)).replace(NOTE_BACK, back)
        if NOTES_OPEN in drawn:
            before, notes = drawn.rsplit(NOTES_OPEN, 1)
            section = NOTES_SECTION % html.escape(_("Notes"))
            drawn = before + section + notes.removesuffix("\n").removesuffix(NOTES_CLOSE) + "</section>\n"
        pieces = SLOT.split(drawn)
        headings = tuple(_flat(converter.toc_tokens))  # type: ignore[attr-defined]  # toc's addition
        parts = pieces[::2]
        levels, last = [], under
        for part in parts[:-1]:
            last = next((int(found) for found in HEADING_LEVEL.findall(part)[::-1]), last)
            levels.append(min(last + 1, 6))
        shown = tuple(int(index) for index in pieces[1::2])
        return DrawnProse(parts=tuple(map(Markup, parts)), embeds=shown, headings=headings, levels=tuple(levels))


def _html(converter: markdown.Markdown, text: str, cites: Iterable[tuple[str, int]]) -> Markup:
    numbers = dict(cites)
    marked = markup.CITATION.sub(lambda m: _placeholder(m, numbers), _strip_placeholders(text))
    clean = sanitize.clean(converter.reset().convert(marked))
    if CITE_OPEN not in clean:
        return Markup(clean)
    return Markup(TAG_OR_CITATIONS.sub(_citations_in_text, SPACE_BEFORE_CITE.sub("", clean)))


def _linked_heading(match: re.Match[str]) -> str:
    level, id_, words = match.groups()
    link = f'<a class="heading-link" href="#{id_}" aria-label="{html.escape(_("Link to this section"))}">#</a>'
    return f'<h{level} id="{id_}">{words} {link}</h{level}>'


def _lettered_mention(match: re.Match[str]) -> str:
    letter = note_letter(int(match[2]))
    label = html.escape(_("Note %(letter)s", letter=letter))
    return f'<a class="footnote-ref" href="#{match[1]}" aria-label="{label}">{letter}</a>'


def note_letter(number: int) -> str:
    """The letter a list of `type="a"` gives its item `number` (from 1): a ... z, aa, ab ..."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _flat(tokens: list[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    for token in tokens:
        yield int(token["level"]), str(token["id"]), html.unescape(str(token["name"]))
        yield from _flat(token["children"])


def _strip_placeholders(text: str) -> str:
    return text.replace(CITE_OPEN, "").replace(CITE_CLOSE, "")


def _placeholder(match: re.Match[str], numbers: dict[str, int]) -> str:
    number = numbers.get(match["id"])
    return match.group() if number is None else f"{CITE_OPEN}{number}{CITE_CLOSE}"


def _citations_in_text(match: re.Match[str]) -> str:
    """A tag stays as it is, without placeholders; a run of citations in text becomes their links.

    Citations side by side are set apart by commas: 1,2 rather than 12."""
    if match.group().startswith("<"):
        return CITE_RUN.sub("", match.group())
    numbers = re.findall(r"\d+", match.group())
    return "".join(
        f'<sup>{"," if index else ""}<a class="cite" href="#source-{number}">{number}</a></sup>'
        for index, number in enumerate(numbers)
    )


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page to another that works under any sub-path and from the file system.

    Every link climbs to the site root, then descends: one "../" per folder of the page's address.
    """
    return _from_root(_climb(from_url), to_url)


def _climb(page_url: str) -> str:
    """From a page to the site root: one "../" per folder of its address."""
    return "../" * page_url.count("/")


def _from_root(root: str, to_url: str) -> str:
    """A link to `to_url` from a page whose way to the site root is `root` (a climb, or an absolute path)."""
    path, hash_, fragment = to_url.partition("#")
    if hash_ and not path:
        return "#" + fragment
    target = root + path
    return (target or "./") + hash_ + fragment


ROOT = "<root/>"
"""Stands for the climb to the site root in HTML drawn once for pages at any depth; escaped text never holds it."""
SHARED_FRAGMENTS = 1 << 15
"""Fragments kept for reuse: every timeline entry and card of a large site, at a few hundred bytes each."""


class Fragments:
    """Drawn fragments by (macro, view) and the language spoken, in two generations so memory stays bounded
    however long it runs (the preview of a site whose language is changed draws its fragments again).

    A fragment used is kept in the current generation; when that is full, or the preview starts a new
    rebuild (`age`), it becomes the previous one, and whatever was not used since is forgotten. So a
    preview keeps what its last rebuilds drew, not every view it ever saw.
    """

    def __init__(self, draw: Callable[..., str], limit: int = SHARED_FRAGMENTS) -> None:
        self.draw, self.limit = draw, limit
        self.current: dict[tuple[str, object, tuple[Hashable, ...]], str] = {}
        self.previous: dict[tuple[str, object, tuple[Hashable, ...]], str] = {}

    def __call__(self, macro: str, view: object, *options: Hashable) -> str:
        key = (macro, view, (translation.speaking(), *options))
        found = self.current.get(key)
        if found is None:
            found = self.previous.pop(key, None)
            if found is None:
                found = self.draw(macro, view, *options)
            self.current[key] = found
            if len(self.current) >= self.limit:
                self.age()
        return found

    def age(self) -> None:
        self.previous, self.current = self.current, {}


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process and per version of their text, whichever Renderer asks.

    A template is compiled anew only when its text changed (Jinja2 checks its checksum), so the
    preview recompiles just the template an author edited, and a check followed by a build compiles
    each template once. Keyed by the environment's settings too, since they change the code.
    """

    def __init__(self) -> None:
        self.compiled: dict[tuple[str, tuple[object, ...]], bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.compiled.get(_cache_key(bucket))
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[_cache_key(bucket)] = bucket.bytecode_to_string()


def _cache_key(bucket: jinja2.bccache.Bucket) -> tuple[str, tuple[object, ...]]:
    env = bucket.environment
    return bucket.key, (env.autoescape, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.undefined)


COMPILED = CompiledTemplates()


class Renderer:
    """One Jinja2 environment for the whole build: templates are compiled once (see CompiledTemplates).

    `reuse(macro, view)` in a template draws a fragment that depends on its view alone (a timeline
    entry, a card) once per build, instead of once per page that shows it: a fact is on the site's
    timeline, its actors' and its tags'. Links in it are drawn from ROOT, which each page then
    replaces with its own climb to the root.
    """

    def __init__(self, templates: Path) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            bytecode_cache=COMPILED,
        )
        self.env.globals.update(_=_said, gettext=_said, ngettext=_counted)
        self.env.globals["url"] = _url
        self.env.globals["reuse"] = self._reuse
        self.env.globals["json_ld"] = json_ld
        self.env.globals["absolute"] = absolute
        markdown_renderer = MarkdownRenderer()
        self.env.filters["markdown"] = markdown_renderer
        self.env.globals["typeset"] = markdown_renderer.prose
        self.env.filters["css_string"] = lambda text: Markup(css_string(str(text)))
        self.fragments = Fragments(self._draw)

    def _reuse(self, macro: str, view: object, *options: Hashable) -> Markup:
        root, drawn = _ROOT_LINK.get(), self.fragments(macro, view, *options)
        return Markup(drawn if root is None else drawn.replace(ROOT, root))

    def _draw(self, macro: str, view: object, *options: Hashable) -> str:
        """The fragment with links from ROOT, whichever page asked for it first."""
        token = _ROOT_LINK.set(None)
        try:
            return str(getattr(self.env.get_template("macros.html").module, macro)(view, *options))
        finally:
            _ROOT_LINK.reset(token)

    def render(self, page: Page, extra: Mapping[str, object]) -> bytes:
        """The page's HTML as UTF-8 bytes."""
        template = self.env.get_template(page.template)
        token = _ROOT_LINK.set(_climb(page.url) if page.root_path is None else page.root_path)
        try:
            return template.render(page=page, view=page.view, **extra).encode("utf-8")
        finally:
            _ROOT_LINK.reset(token)


_ROOT_LINK: contextvars.ContextVar[str | None] = contextvars.ContextVar("root_link")
"""How links from the page being rendered reach the site root: its climb ("../../"), or the absolute path of
a page served at any address; None while drawing a fragment for pages at any depth."""


def _said(message: str, **values: object) -> Markup:
    """A template's `_()`: the message in the language spoken, its values escaped and put in. Jinja's own
    newstyle gettext does the same through two calls of its runtime for every string; pages hold many."""
    text = Markup(translation.gettext(message))
    return text % values if values or "%" in text else text


def _counted(singular: str, plural: str, count: int, **values: object) -> Markup:
    """A template's `ngettext`: the form for `count`, with `%(num)s` the count as the language writes numbers."""
    return Markup(translation.ngettext(singular, plural, count)) % {"num": translation.number(count), **values}


def _url(target: str) -> str:
    """`url()` in templates: relative to the page being rendered, so imported macros can link too."""
    root = _ROOT_LINK.get()
    if root is None:
        return target if target.startswith("#") else Markup(ROOT) + target
    return _from_root(root, target)
