"""Redirect pages: a renamed record's old addresses, from its `previous_ids`, send readers on to its page.

Links from elsewhere (other sites, bookmarks, search results) keep working after a rename. The page
is static, so it forwards with `<meta http-equiv="refresh">` and a plain link for readers whose browser
does not follow it; the link is relative, so it works under any sub-path and from disk. Its canonical
link names the new page, and it asks search engines not to index the old address.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import kinds
from ..translation import _
from .common import Context, PageSpec, record_url
from .web import absolute

TEMPLATE = "redirect.html"


@dataclass(frozen=True, kw_only=True)
class RedirectView:
    """Where an old address now leads: the page's address in the site, its absolute address and its title."""

    target: str
    canonical: str
    label: str
    kind: str


def redirect_pages(ctx: Context) -> Iterator[PageSpec]:
    """A page at each previous id's address (`{kind}/{old-id}/`) of every record, kind by kind."""
    for kind in kinds.kinds():
        for record in ctx.graph.kinds[kind.name]:
            for old in record.model.previous_ids:
                yield PageSpec(
                    url=f"{kind.name}/{old}/",
                    template=TEMPLATE,
                    title=record.model.label(),
                    description=_("%(title)s has moved to a new address.", title=record.model.label()),
                    moved_to=record_url(record),
                    draw=redirect_view,
                    args=(record.id,),
                )


def redirect_view(ctx: Context, record_id: str) -> RedirectView:
    record = ctx.graph.get(record_id)
    return RedirectView(
        target=record_url(record),
        canonical=absolute(ctx.graph.site, record_url(record)),
        label=record.model.label(),
        kind=_(kinds.kind(record.kind).singular),
    )
