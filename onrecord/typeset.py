"""Markdown as pages show it: Python-Markdown with tables, sane lists and smart typography (curly
quotes, dashes and ellipses: its smarty extension) in every Markdown field; and, in the texts that
may hold embeds (a story's, a fact's, a comparison's: one on each page, so the ids they give are
unique there), footnotes and an id on every heading, which the renderer links to and lists.

Typography never reaches into a blockquote: quoted words stay exactly as the author copied them.
A heading's id is its words in any script; one that an id of the page's own could be gets
`section-` before it, so no link of the template is ever captured by a heading.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

FIELD_EXTENSIONS = ("tables", "sane_lists")
TYPOGRAPHY_MARKS = ("'", '"', "--", "...")
"""What smarty sets as typography: a text without any of them comes out the same without it, at half the cost."""
TEMPLATE_ID = re.compile(
    r"main|search|search-note|.*-heading|.*-title|.*-desc|source-\d+|data-\d+|(t\d+-)?(year-.*|axis)|fn-.*|fnref-.*"
)
"""The forms of the ids the templates give parts of a page (the sources, the timelines, the notes)."""
SLOT_OPEN, SLOT_CLOSE = "\ue002", "\ue003"
"""Around the number of an embed in the text given to Markdown: its place, set apart as a paragraph.
An author's text never holds them (views/prose.py takes them out); empty, they mark nothing."""


def slot(index: int) -> str:
    """The paragraph that holds the place of a text's embed number `index`."""
    return f"\n\n{SLOT_OPEN}{index}{SLOT_CLOSE}\n\n"


def typographic(text: str) -> bool:
    """Whether smart typography could change anything in `text`."""
    return any(mark in text for mark in TYPOGRAPHY_MARKS)


def field_converter(smart: bool = True) -> markdown.Markdown:
    """A Markdown field without embeds: an entity's description."""
    return markdown.Markdown(extensions=[*FIELD_EXTENSIONS, *_typography(smart)], output_format="html")


def _typography(smart: bool) -> list[str | Extension]:
    return ["smarty", _QuotesKept()] if smart else []


def prose_converter(smart: bool = True) -> markdown.Markdown:
    """A text that may hold embeds, citations and footnotes; its headings' ids are in `toc_tokens`."""
    notes = FootnoteExtension(
        SEPARATOR="-",
        USE_DEFINITION_ORDER=False,
        BACKLINK_TEXT="↩\ufe0e",
        BACKLINK_TITLE="Back to the text",
        PLACE_MARKER=SLOT_OPEN + SLOT_CLOSE,
    )
    headings = TocExtension(slugify=heading_id, marker="", toc_depth="2-6")
    extensions = [*FIELD_EXTENSIONS, *_typography(smart), notes, headings]
    return markdown.Markdown(extensions=extensions, output_format="html")


def heading_id(words: str, separator: str) -> str:
    """A heading's id: its words, lower case, joined by `separator`; never one of the templates' forms."""
    found = slugify_unicode(words, separator)
    return f"section-{found}" if TEMPLATE_ID.fullmatch(found) else found


class _QuotesKept(Extension):
    """Keeps smart typography out of blockquotes: their text is marked as not to be touched again once
    links and emphasis are made (Python-Markdown's inline step), before smarty's own step."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_KeepQuoted(md), "quotes-kept", 10)


class _KeepQuoted(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for quote in root.iter("blockquote"):
            for element in quote.iter():
                if element.text:
                    element.text = AtomicString(element.text)
                if element is not quote and element.tail:
                    element.tail = AtomicString(element.tail)
