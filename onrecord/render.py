"""Stage 4b: turn prepared pages into HTML with Jinja2; a missing value is an error, never a blank."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
from markupsafe import Markup

from .views import Page

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


class MarkdownRenderer:
    """Markdown to sanitised HTML: raw HTML from authors passes only through an allowlist."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")

    def __call__(self, text: str) -> Markup:
        html = self._md.reset().convert(text)
        clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                          url_schemes={"http", "https", "mailto"}, link_rel="noopener")
        return Markup(clean)


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page to another that works under any sub-path and from the file system."""
    if "#" in to_url:
        path, fragment = to_url.split("#", 1)
        return relative_url(from_url, path) + "#" + fragment if path else "#" + fragment
    base = "/" + posixpath.dirname(from_url.rstrip("/") + "/x")
    target = posixpath.relpath("/" + to_url, base) if to_url else posixpath.relpath("/", base)
    if to_url.endswith("/") or to_url == "":
        target = "./" if target == "." else target + "/"
    return target


class Renderer:
    """One Jinja2 environment for the whole build: templates are compiled once."""

    def __init__(self, templates: Path) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals["url"] = _url
        self.env.filters["markdown"] = MarkdownRenderer()

    def render(self, page: Page, extra: dict[str, Any]) -> bytes:
        """The page's HTML as UTF-8 bytes."""
        template = self.env.get_template(page.template)
        return template.render(page=page, view=page.view, **extra).encode("utf-8")


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    return relative_url(context["page"].url, target)
