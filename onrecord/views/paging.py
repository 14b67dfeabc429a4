"""Numbered pages for a list too long for one page: `{url}` holds the first PAGE_SIZE entries and
`{url}page/2/` onwards the rest. Each page links to the first and the last, to WINDOW pages either side of
itself and to the pages before and after, so no page grows with the record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
PAGE_SIZE = 50
"""Entries a numbered page lists at most."""
WINDOW = 2
"""Pages either side of the current one that a pager links to by number."""


@dataclass(frozen=True, kw_only=True)
class PageLink:
    """One page of a split list: its number and address."""

    number: int
    url: str


@dataclass(frozen=True, kw_only=True)
class Paging:
    """Every page of a split list, and where this page sits among them."""

    pages: tuple[PageLink, ...]
    shown: tuple[PageLink | None, ...]
    """The pages linked to by number, in order, None where a run of pages is left out."""
    current: PageLink
    previous: PageLink | None
    next: PageLink | None


def numbered_pages(url: str, count: int) -> tuple[PageLink, ...]:
    """The pages `count` entries listed at `url` are split into; none when one page holds them."""
    if count <= PAGE_SIZE:
        return ()
    last = -(-count // PAGE_SIZE)
    return tuple(PageLink(number=n, url=f"{url}page/{n}/" if n > 1 else url) for n in range(1, last + 1))


def page_of(items: Sequence[T], pages: tuple[PageLink, ...], number: int) -> Sequence[T]:
    """The entries page `number` lists: all of them when the list is not split."""
    start = (number - 1) * PAGE_SIZE
    return items[start : start + PAGE_SIZE] if pages else items


def paging(pages: tuple[PageLink, ...], number: int) -> Paging | None:
    """Where page `number` sits among `pages`; None when the list is not split."""
    if not pages:
        return None
    at = number - 1
    return Paging(
        pages=pages,
        shown=window(pages, at),
        current=pages[at],
        previous=pages[at - 1] if at else None,
        next=pages[at + 1] if number < len(pages) else None,
    )


def window(pages: Sequence[T], at: int) -> tuple[T | None, ...]:
    """The first and the last of `pages`, and WINDOW either side of the one at `at`, in order: None stands
    for each run left out, unless the run is a single page, which is shown instead."""
    wanted = {0, len(pages) - 1, *range(at - WINDOW, at + WINDOW + 1)}
    wanted |= {index for index in range(1, len(pages) - 1) if {index - 1, index + 1} <= wanted}
    shown: list[T | None] = []
    for index, page in enumerate(pages):
        if index in wanted:
            shown.append(page)
        elif shown[-1] is not None:
            shown.append(None)
    return tuple(shown)
