"""Words on record: a quote or a passage, verbatim, with the source that carries it and whose words they are.

A quote names the one source it was copied from (when its fact cites several), where in that source it
stands, who spoke or wrote the words, and, when they reach us second-hand, who reported them. `check`
compares it with the source's stored text, when the source keeps one.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator

from ..translation import N_
from ..values import Id, Language, Text
from .base import ENTITY, OptionalSource, Role, Strict


class Quote(Strict):
    """Words on record, verbatim, and where they come from."""

    text: Text
    """The words, exactly as the source gives them."""
    source: OptionalSource = None
    """The source the words are copied from; required when the fact cites more than one."""
    at: str | None = None
    """Where in the source they stand: "[91]" for a paragraph, "stage five", "p. 12"."""
    speakers: Annotated[list[Id], ENTITY, Role(N_("quoted"), N_("Quoted"), on_cards=False, own=False)] = []
    """Whose words they are (entity ids), one or several, when not the fact's own speakers. Their pages
    list the fact, but their scorecards do not count it: the fact as a whole is not theirs."""
    as_quoted_by: Annotated[Id | None, ENTITY, Role(N_("reporter"), N_("As quoted by"), on_cards=False, own=False)] = (
        None
    )
    """Who reported the words (an entity id, e.g. a newspaper), when they reach us second-hand."""
    language: Language | None = None
    """The language the words are in when it is not the site's, as a BCP 47 tag such as fr or ar: screen
    readers then speak them in it."""


def _text_alone(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


QuoteItem = Annotated[Quote, BeforeValidator(_text_alone, json_schema_input_type=Text | Quote)]
"""A quote written as its words alone (`quote: We will...`), or with its provenance (`text:`, `source:`...)."""
