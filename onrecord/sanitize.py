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
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"style"}, "th": {"style"}}
STYLE_PROPERTIES = {"text-align"}
"""The one style Markdown writes itself, for table column alignment."""
URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "background"}
REMOVED_WITH_CONTENT = {"script", "style"}
CITATION_MARK = "[@"
SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
IMAGE = re.compile(r"!\[[^\]\n]*\](?:\(|\[)")
LINK_ADDRESS = re.compile(r"\]\(\s*<?(?P<url>(?:[^()\s>]|\([^()\s]*\))+)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<ref>[^\s>]+)",
                          re.M)
CITED_LINK = re.compile(r"\[[^\[\]\n]*\[@[^\]\s]+\][^\[\]\n]*\]\(|\]\([^)\n]*\[@")


def markdown_converter() -> markdown.Markdown:
    """Python-Markdown as every Markdown field is rendered: tables (aligned by style) and sane lists."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def clean(fragment: str) -> str:
    """The rendered HTML with everything outside the policy removed (what `losses` warns of)."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     filter_style_properties=STYLE_PROPERTIES, link_rel="noopener")


@dataclass(frozen=True)
class Loss:
    """Something in a text the page would not show: where it starts (a character index), what, and the fix."""

    offset: int
    message: str
    hint: str = ""


def losses(text: str) -> list[Loss]:
    """Every piece of a Markdown text that the renderer would drop or could not place, in order."""
    found = [Loss(m.start(), "images are not supported yet, so this one would not appear on the page",
                  "link to it instead: [what it shows](address)") for m in IMAGE.finditer(text)]
    for match in LINK_ADDRESS.finditer(text):
        url = match["url"] or match["ref"]
        if _bad_scheme(url):
            found.append(Loss(match.start("url" if match["url"] else "ref"), _address_message(url),
                              "use an http, https or mailto address, or a link within the site"))
    found += [Loss(m.start(), "a citation cannot go inside a link's text, address or title",
                   "put the citation after the link") for m in CITED_LINK.finditer(text)]
    if "<" in text:
        found += _raw_html_losses(text)
    return sorted(found, key=lambda loss: loss.offset)


def _bad_scheme(url: str) -> bool:
    scheme = SCHEME.match(html.unescape(url))
    return scheme is not None and scheme.group(1).lower() not in URL_SCHEMES


def _address_message(url: str) -> str:
    return f"the link address '{url[:60]}' would be removed: only http, https and mailto links are allowed"


def _raw_html_losses(text: str) -> list[Loss]:
    """Losses in the raw HTML Python-Markdown passes through, found at the place each piece was written.

    Python-Markdown keeps block HTML before inline HTML, so each piece is looked for from the start of
    the text, at the first place no other piece has taken."""
    converter = markdown_converter()
    converter.convert(text)
    found: list[Loss] = []
    taken: set[int] = set()
    for fragment in converter.htmlStash.rawHtmlBlocks:
        if isinstance(fragment, str):
            at = _place(text, fragment, taken)
            found += [Loss(at + offset, message, hint) for offset, message, hint in _audit(fragment)]
    return found


def _place(text: str, fragment: str, taken: set[int]) -> int:
    """Where a piece of raw HTML was written: the first untaken place it occurs (0 if nowhere)."""
    at = text.find(fragment)
    while at in taken:
        at = text.find(fragment, at + 1)
    if at < 0:
        return 0
    taken.add(at)
    return at


def _audit(fragment: str) -> list[tuple[int, str, str]]:
    audit = _TagAudit(fragment)
    opened = fragment.rfind("<!--")
    if opened >= 0 and "-->" not in fragment[opened:]:
        audit.found.append((opened, "this HTML comment is never closed, so everything after it would be hidden",
                            "close it with -->"))
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
            self.found.append((self._offset(), f"the HTML tag <{tag}> is not allowed here: it would be removed"
                               f"{contents}", "use Markdown, or an HTML tag docs/format.md allows; to show the "
                               "tag as text, put it in `backticks`"))
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str) -> None:
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) - {"style"}
        written = re.search(rf"\s{re.escape(name)}\b", self.get_starttag_text() or "", re.I)
        at = self._offset() + (written.start() + 1 if written else 0)
        if CITATION_MARK in value:
            self.found.append((at, f"a citation cannot go inside the {name}= of <{tag}>",
                               "put the citation after the tag, in the text"))
        elif name not in allowed:
            hint = f"<{tag}> may have: {', '.join(sorted(allowed))}" if allowed else f"<{tag}> takes no attributes"
            self.found.append((at, f"the attribute {name}= on <{tag}> is not allowed: it would be removed", hint))
        elif name in URL_ATTRIBUTES and _bad_scheme(value):
            self.found.append((at, _address_message(value),
                               "use an http, https or mailto address, or a link within the site"))

    def handle_decl(self, decl: str) -> None:
        self.found.append((self._offset(), f"<!{decl[:30]}> is not allowed here: it would be removed", ""))

    def handle_pi(self, data: str) -> None:
        self.found.append((self._offset(), f"<?{data[:30]}> is not allowed here: it would be removed", ""))

    def unknown_decl(self, data: str) -> None:
        self.found.append((self._offset(), f"<![{data[:30]}]> is not allowed here: it would be removed", ""))
