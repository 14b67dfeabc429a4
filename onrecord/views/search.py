"""What record pages tell the search index, and the search page (`search/`).

The index itself is made by Pagefind from the built pages (see onrecord/search.py): each record page
marks its content as the body to index and declares, in markup readers never see, its kind and the
entities it names as filters and its date as meta. The search page works without JavaScript as a
way into every index; with it, Pagefind's interface loads from the site's own `pagefind/` folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import date_words, kinds
from ..model import Comparison, Entity, Fact, Filed, Story, mentions
from ..translation import N_, _
from ..validate import Record
from .common import Context, LinkView, kind_label
from .prose import embedded_facts

SEARCH = ("search/", N_("Search"))
"""The search page's address and title."""
BUNDLE = "pagefind/"
"""Where Pagefind writes the index and its interface, from the site's root."""


@dataclass(frozen=True, kw_only=True)
class SearchMarks:
    """A record page's filters and meta for the index: its kind, the entities it names, its date."""

    kind: str
    entities: tuple[str, ...]
    date: str
    """The date in words, as the page gives it, or "" for a record without one."""


@dataclass(frozen=True, kw_only=True)
class SearchView:
    """The search page: where Pagefind's files are, and the indexes to browse without it."""

    bundle: str
    indexes: tuple[LinkView, ...]


def search_marks(ctx: Context, record: Record[Filed]) -> SearchMarks:
    """The kind as readers call it, the names of the entities the record names (each once), its date."""
    when = record.model.when()
    names = (ctx.graph.entity(i).model.name for i in dict.fromkeys(_entities(ctx, record)))
    return SearchMarks(kind=kind_label(record.kind), entities=tuple(names), date=date_words.words(when) if when else "")


def _entities(ctx: Context, record: Record[Filed]) -> Iterable[str]:
    """A fact's entities in every role; a comparison's sides'; the facts a story embeds'; an entity itself."""
    model = record.model
    if isinstance(model, Fact):
        return _named(model)
    if isinstance(model, Comparison):
        return (i for side in (model.left, model.right) for i in _named(ctx.graph.fact(side.fact).model))
    if isinstance(model, Story):
        return (i for fact in embedded_facts(ctx, model.body) for i in _named(fact.model))
    if isinstance(model, Entity):
        return (record.id,)
    return ()


def _named(fact: Fact) -> list[str]:
    return [m.target for m in mentions(fact) if m.role.entity and m.target]


def search_view(ctx: Context) -> SearchView:
    """Links to the timeline, every index that has entries, and the tags."""
    listed = [kind for kind in kinds.kinds() if ctx.graph.kinds[kind.name]]
    indexes = (
        LinkView(url="timeline/", label=_("Timeline")),
        *(LinkView(url=f"{kind.name}/", label=_(kind.title)) for kind in listed),
        LinkView(url="tags/", label=_("Tags")),
    )
    return SearchView(bundle=BUNDLE, indexes=indexes)
