"""Where each quote of a fact comes from: what one file must say so its words trace to one source and
to whoever said them.

A quote or passage names the source it was copied from whenever the fact cites several, since a
reader checking it needs the one document that carries it. A statement says who spoke in its own
`speakers`; an event's quote, which has no author of its own, names its speakers.
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Problem
from .load import KeyPath, Marks, dotted
from .model import Event, Fact, Said


def words_problems(model: Fact, marks: Marks) -> Iterator[Problem]:
    """Every quote and passage of a fact: its source named when there is a choice, its speakers where
    they belong."""
    named = [cite for cite in model.sources if isinstance(cite, str)]
    for where, words in model.words():
        if words.source is None and len(model.sources) > 1:
            yield _unsourced(where, marks, named, len(model.sources))
        if words.source is not None and words.source not in named:
            yield _uncited(model, marks, _what(where), words.source, (*where, "source"))
    quote = model.quoted()
    if quote is None:
        return
    if isinstance(model, Said) and quote.speakers:
        yield Problem(
            marks.key(("quote", "speakers")),
            "who said a statement or pledge goes in its own 'speakers', not the quote's",
            "move the ids to 'speakers:' beside 'by:'",
        )
    if isinstance(model, Event) and not quote.speakers:
        yield Problem(
            marks.value(("quote",)),
            "an event's quote needs 'speakers': whose words they are",
            "write it with 'text:' and 'speakers:', the ids of the people or organisations who said it",
        )


def _what(where: KeyPath) -> str:
    return "the quote" if where == ("quote",) else f"excerpt {int(where[1]) + 1}"


def _uncited(model: Fact, marks: Marks, words: str, source: str, where: KeyPath) -> Problem:
    """Words said to come from a source the fact does not cite: readers follow the fact's sources to
    check them."""
    named = [cite for cite in model.sources if isinstance(cite, str)]
    inline = f"an inline source has no id: to take {words} from one, give it a file in sources/ and list its id"
    if not named:
        hint = f"this fact's sources are all inline, and {inline}"
    else:
        choices = named[0] if len(named) == 1 else f"one of {', '.join(named)}"
        hint = f"name {choices}, or add '{source}' to the fact's sources"
        hint += f"; {inline}" if len(named) < len(model.sources) else ""
    return Problem(marks.value(where), f"{dotted(where)}: '{source}' is not one of this fact's sources", hint)


def _unsourced(where: KeyPath, marks: Marks, named: list[str], count: int) -> Problem:
    what = _what(where)
    choices = f"one of: {', '.join(named)}" if named else "give that source a file in sources/ and name its id"
    return Problem(
        marks.value(where),
        f"{what} does not say which of the fact's {count} sources it is copied from",
        f"write the words as 'text:' and add 'source:', {choices}",
    )
