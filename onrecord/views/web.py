"""What a page says about itself to the rest of the web: its absolute address, its description and when it
last changed.

Links between pages stay relative (`render.relative_url`), so a build works under any sub-path and from
disk. Only what is read away from the site needs absolute addresses (canonical links, Open Graph, the
sitemap, robots.txt, feeds, JSON-LD), and every one of them comes from `absolute`, here, from site.yaml's
`base_url`. Templates call it as `absolute(site, url)`.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from .. import date_words, dates
from ..model import Comparison, Dated, Entity, Fact, Filed, Source, Story
from ..translation import _


class Published(Protocol):
    """Whatever knows where the site is published: site.yaml's model (`graph.site`) or the templates' `site`."""

    @property
    def base_url(self) -> str: ...


def absolute(site: Published, url: str) -> str:
    """The absolute address of a page or file from its address in the site (`comparisons/x/`, `favicon.svg`,
    `` for the home page)."""
    return _base(site.base_url) + url


def root_path(site: Published) -> str:
    """The path of the site's root on its host (`/newsroom/on-the-record/`): where the links of a page served
    at any address (404.html) start, since relative links would climb from wherever it was asked for."""
    return urlsplit(_base(site.base_url)).path


def _base(base_url: str) -> str:
    """base_url as a folder: with the trailing slash it may be written without, and no query or fragment."""
    parts = urlsplit(base_url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def record_description(model: Filed) -> str:
    """The sentence a record's page gives search engines and link previews."""
    if isinstance(model, (Dated, Comparison)):
        return model.summary
    if isinstance(model, Entity):
        return _("%(name)s on the record: the facts that name %(name)s, and what comparisons found.", name=model.name)
    if isinstance(model, Source):
        title, publisher = model.label(), model.publisher
        if model.published:
            return _(
                "%(title)s, published by %(publisher)s, %(date)s: the source, and what on record cites it.",
                title=title,
                publisher=publisher,
                date=date_words.words(model.published),
            )
        return _(
            "%(title)s, published by %(publisher)s: the source, and what on record cites it.",
            title=title,
            publisher=publisher,
        )
    return model.label()


def record_article(model: Filed) -> bool:
    """Whether a record's page is an article (Open Graph's og:type): facts, comparisons and stories are;
    entity and source pages describe something else."""
    return isinstance(model, (Dated, Comparison))


def modified(model: Filed) -> str | None:
    """The day a record's page last changed, as far as the record itself says (YYYY-MM-DD), for the sitemap.

    The latest of its `updates`, a story's `updated` and `date`, a fact's `date`: given only when that latest
    date is a day known exactly, since a month or an approximate date gives no honest day. Never the build's
    clock, so a build stays byte-identical."""
    known: list[dates.Edtf] = [u.date for u in model.updates] if isinstance(model, (Dated, Comparison)) else []
    if isinstance(model, Story) and model.updated is not None:
        known.append(model.updated)
    if isinstance(model, (Story, Fact)) and not isinstance(model.date, dates.Unknown):
        known.append(model.date)
    if not known:
        return None
    latest = max(known, key=dates.sort_key)
    return latest.iso() if _exact_day(latest) else None


def _exact_day(value: dates.Edtf) -> bool:
    return (
        isinstance(value, dates.Point)
        and value.day is not None
        and not (value.approximate or value.uncertain or value.unspecified)
    )


def css_string(text: str) -> str:
    """Text inside a CSS string, every character escaped, so no sign can end the string or the rule."""
    return "".join(f"\\{ord(character):06x}" for character in text)
