"""What an author's Markdown may put on a page, declared once: the renderer enforces it, `check` explains it.

Markdown fields may hold a little raw HTML (the tags in ALLOWED_TAGS, with the attributes in
ALLOWED_ATTRIBUTES, linking only by the schemes in URL_SCHEMES). Everything else would be removed
by the sanitiser, and a removal nobody sees is data loss on a fact-checking site (an unclosed
`<style>` takes the rest of the field with it). So `losses` finds, before anything is rendered, each
piece of a text the sanitiser would drop, for the author to fix; HTML comments, hidden on purpose,
are the one exception.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

from . import limits

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"style"}, "th": {"style"}}
GENERATED_TAGS = {"div"}
GENERATED_ATTRIBUTES = {**{f"h{level}": {"id"} for level in range(2, 7)}, "sup": {"id"}, "li": {"id"}}
GENERATED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}
"""What Python-Markdown's own extensions write besides what authors may (typeset.py: heading ids and
footnotes). Pages keep it; `check` still refuses it in an author's raw HTML."""
STYLE_PROPERTIES = {"text-align"}
"""The one style Markdown writes itself, for table column alignment."""
URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "background"}
REMOVED_WITH_CONTENT = {"script", "style"}
CITATION_MARK = "[@"
SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
IMAGE = re.compile(r"!\[[^\[\]\n]*\](?:\(|\[)")
LINK_ADDRESS = re.compile(
    r"\]\(\s*<?(?P<url>(?:[^()\s>]|\([^()\s]*\))+)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<ref>[^\s>]+)", re.M
)
CITED_LINK = re.compile(r"\[[^\[\]\n]*\[@[^\[\]\s]+\][^\[\]\n]*\]\(|\]\([^()\[\n]*\[@")


def markdown_converter() -> markdown.Markdown:
    """Python-Markdown as every Markdown field is rendered: tables (aligned by style) and sane lists."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


_KEPT_ATTRIBUTES = {
    tag: ALLOWED_ATTRIBUTES.get(tag, set()) | GENERATED_ATTRIBUTES.get(tag, set())
    for tag in ALLOWED_ATTRIBUTES.keys() | GENERATED_ATTRIBUTES.keys()
}


def clean(fragment: str) -> str:
    """The rendered HTML with everything outside the policy removed (what `losses` warns of)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS | GENERATED_TAGS,
        attributes=_KEPT_ATTRIBUTES,
        allowed_classes=GENERATED_CLASSES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        link_rel="noopener",
    )


@dataclass(frozen=True)
class Loss:
    """Something in a text the page would not show: where it starts (a character index), what, and the fix."""

    offset: int
    message: str
    hint: str = ""


def knots(text: str) -> list[Loss]:
    """What in a Markdown text could not be rendered in reasonable time: tangles and deep nesting."""
    return _tangles(text) + _too_deep(text)


def losses(text: str) -> list[Loss]:
    """Every piece of a Markdown text that the renderer would drop, could not place, or could not render
    in reasonable time, in order."""
    knots = _tangles(text) + _too_deep(text)
    found = knots + [
        Loss(
            m.start(),
            "a Markdown image would not appear on the page: pictures come from images/, with their alt text and credit",
            "save it as images/ID.png, give its title, alt and credit in images/ID.yaml, and write ::figure ID",
        )
        for m in IMAGE.finditer(text)
    ]
    for match in LINK_ADDRESS.finditer(text):
        url = match["url"] or match["ref"]
        if _bad_scheme(url):
            found.append(
                Loss(
                    match.start("url" if match["url"] else "ref"),
                    _address_message(url),
                    "use an http, https or mailto address, or a link within the site",
                )
            )
    found += [
        Loss(
            m.start(), "a citation cannot go inside a link's text, address or title", "put the citation after the link"
        )
        for m in CITED_LINK.finditer(text)
    ]
    if "<" in text and not knots:
        found += _raw_html_losses(text)
    return sorted(found, key=lambda loss: loss.offset)


DEEP_CANDIDATE = re.compile(rf"^[ \t>]{{{limits.NESTING + 1},}}", re.M)
BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
SPLITTING_LINE = re.compile(r"^(?: {0,3}#|[ \t]*(?:=+|-+)[ \t]*$| {0,3}(?:[-*_][ \t]*){3,}$)", re.M)
WORK_PER_CHARACTER = 50
WORK_ALLOWANCE = 100_000
"""How much scanning a paragraph may cost Python-Markdown: any real paragraph costs a few times its length."""
TANGLES = {
    "[": ("'[' that are never closed by ']'", "write \\[ for a bracket meant as text"),
    "(": ("'(' that are never closed by ')'", "write \\( for a parenthesis meant as text"),
    "<": ("'<' with no '>' after them", "write &lt; for a '<' meant as text"),
    "#": ("headings or rules with no blank line between them", "leave a blank line after each heading"),
}


def _tangles(text: str) -> list[Loss]:
    """Paragraphs that would take Python-Markdown far longer than their length to render.

    Its link, HTML and heading rules rescan the rest of a paragraph from each unclosed '[', '(' or '<'
    and after each heading, so a paragraph of such marks costs the square of its length: 100,000
    unclosed brackets would take half an hour. The scanning each would cost is added up (in one pass,
    brackets paired with a stack) and a paragraph far beyond its length is refused, naming the cause.
    """
    found = []
    for start, block in _paragraphs(text):
        allowed = WORK_PER_CHARACTER * len(block) + WORK_ALLOWANCE
        marks = block.count("[") + block.count("(") + block.count("<") + block.count("\n") + 1
        if marks * len(block) <= allowed:  # even if every mark scanned to the end: the common case
            continue
        work = _scanning(block)
        if sum(cost for cost, _ in work.values()) > allowed:
            mark, (_, count) = max(work.items(), key=lambda item: item[1][0])
            what, hint = TANGLES[mark]
            detail = f"it has {count:,} {what}" if count else f"its '{mark}' marks are nested too deeply"
            found.append(Loss(start, f"this paragraph is too tangled to render in reasonable time: {detail}", hint))
    return found


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each run of text between blank lines, with where it starts."""
    start = 0
    for block_break in BLOCK_BREAK.finditer(text):
        yield start, text[start : block_break.start()]
        start = block_break.end()
    yield start, text[start:]


def _scanning(block: str) -> dict[str, tuple[int, int]]:
    """For each kind of mark: the characters Python-Markdown would scan past it, and how many marks."""
    work = {"[": _unclosed(block, "[", "]"), "(": _unclosed(block, "(", ")")}
    next_close, cost, count = len(block), 0, 0
    for at in range(len(block) - 1, -1, -1):
        character = block[at]
        if character == ">":
            next_close = at
        elif character == "<":
            cost, count = cost + next_close - at, count + (next_close == len(block))
    work["<"] = (cost, count)
    lines = [m.start() for m in SPLITTING_LINE.finditer(block)]
    work["#"] = (sum(len(block) - at for at in lines), len(lines))
    return work


def _too_deep(text: str) -> list[Loss]:
    """Lines nested so deep in lists and quotes that Python-Markdown would run out of stack rendering them.

    Each four columns of indentation, and each '>', count as a level; only a line that starts with more
    indenting characters than there may be levels can be too deep, so only those are measured."""
    found = []
    for line in DEEP_CANDIDATE.finditer(text):
        columns = 0
        for character in line.group():
            columns += 4 - columns % 4 if character == "\t" else 4 if character == ">" else 1
        if columns // 4 > limits.NESTING:
            found.append(
                Loss(
                    line.start(),
                    f"this line is nested {columns // 4} levels deep in lists or quotes; "
                    f"Markdown here may nest at most {limits.NESTING} levels",
                    "remove some of its indentation",
                )
            )
    return found


def _unclosed(block: str, opening: str, closing: str) -> tuple[int, int]:
    """The distance from each opening mark to its closing one (or the end), and how many are never closed."""
    if opening not in block:
        return 0, 0
    opened: list[int] = []
    cost = 0
    escaped = False
    for at, character in enumerate(block):
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == opening:
            opened.append(at)
        elif character == closing and opened:
            cost += at - opened.pop()
    return cost + sum(len(block) - at for at in opened), len(opened)


def _bad_scheme(url: str) -> bool:
    scheme = SCHEME.match(html.unescape(url))
    return scheme is not None and scheme.group(1).lower() not in URL_SCHEMES


def _address_message(url: str) -> str:
    return f"the link address '{url[:60]}' would be removed: only http, https and mailto links are allowed"


def _raw_html_losses(text: str) -> list[Loss]:
    """Losses in the raw HTML Python-Markdown passes through, found at the place each piece was written.

    Python-Markdown keeps block HTML before inline HTML, so each piece is looked for after the place
    of the last piece with the same text, not after the last piece."""
    converter = markdown_converter()
    converter.convert(text)
    found: list[Loss] = []
    last: dict[str, int] = {}
    for fragment in converter.htmlStash.rawHtmlBlocks:
        if isinstance(fragment, str):
            at = text.find(fragment, last.get(fragment, -1) + 1)
            last[fragment] = at
            found += [Loss(max(at, 0) + offset, message, hint) for offset, message, hint in _audit(fragment)]
    return found


def _audit(fragment: str) -> list[tuple[int, str, str]]:
    audit = _TagAudit(fragment)
    opened = fragment.rfind("<!--")
    if opened >= 0 and "-->" not in fragment[opened:]:
        audit.found.append(
            (opened, "this HTML comment is never closed, so everything after it would be hidden", "close it with -->")
        )
    return audit.found


class _TagAudit(HTMLParser):
    """Each tag, attribute and declaration of a fragment of raw HTML that the policy does not allow."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.fragment = fragment
        self.starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
        self.found: list[tuple[int, str, str]] = []
        self.feed(fragment)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            contents = ", with everything inside it" if tag in REMOVED_WITH_CONTENT else ""
            self.found.append(
                (
                    self._offset(),
                    f"the HTML tag <{tag}> is not allowed here: it would be removed{contents}",
                    "use Markdown, or an HTML tag docs/format.md allows; to show the "
                    "tag as text, put it in `backticks`",
                )
            )
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str) -> None:
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) - {"style"}
        written = re.search(rf"\s{re.escape(name)}\b", self.get_starttag_text() or "", re.I)
        at = self._offset() + (written.start() + 1 if written else 0)
        if CITATION_MARK in value:
            self.found.append(
                (
                    at,
                    f"a citation cannot go inside the {name}= of <{tag}>",
                    "put the citation after the tag, in the text",
                )
            )
        elif name not in allowed:
            hint = f"<{tag}> may have: {', '.join(sorted(allowed))}" if allowed else f"<{tag}> takes no attributes"
            self.found.append((at, f"the attribute {name}= on <{tag}> is not allowed: it would be removed", hint))
        elif name in URL_ATTRIBUTES and _bad_scheme(value):
            self.found.append(
                (at, _address_message(value), "use an http, https or mailto address, or a link within the site")
            )

    def handle_decl(self, decl: str) -> None:
        self.found.append((self._offset(), f"<!{decl[:30]}> is not allowed here: it would be removed", ""))

    def handle_pi(self, data: str) -> None:
        self.found.append((self._offset(), f"<?{data[:30]}> is not allowed here: it would be removed", ""))

    def unknown_decl(self, data: str) -> None:
        self.found.append((self._offset(), f"<![{data[:30]}]> is not allowed here: it would be removed", ""))
