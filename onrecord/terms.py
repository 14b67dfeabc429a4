"""Shared key terms of two quotes, and marking them without changing a character of either quote.

A shared term is a phrase within one sentence or clause, found in both texts (compared
case-insensitively, hyphens read as spaces), that neither starts nor ends with a stop word:
"facial recognition", "violations of human rights", or a single word of four letters or more such as
"surveillance". Longer phrases win, up to MOST_TERMS of them; a phrase inside a longer one is dropped,
and marks never overlap.
The author's own phrases are marked first; every phrase marked in one quote is marked in the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
CLAUSE_BREAK = re.compile(r"[.!?;:]")
LONGEST = 10
SHORTEST_WORD = 4
MOST_TERMS = 20
"""Shared terms marked at most, longest first: more is noise to a reader, and keeps long quotes cheap."""
STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either few for from further had has have
having he her here hers him his how i if in into is it its itself just may me might more most must my no
nor not now of off on once only or other our ours out over own per same shall she should so some such
than that the their theirs them then there these they this those through to too under until up upon us
very was we were what when where which while who whom why will with within would yet you your
said says use used uses using made make makes like one two three new many much
""".split()
)

Span = tuple[int, int]
Segments = tuple[tuple[str, bool], ...]


class Word(NamedTuple):
    """A word folded for comparison, where it stands, and which clause it belongs to."""

    folded: str
    span: Span
    clause: int


def words(text: str) -> list[Word]:
    """Every word of the text; a full stop, colon or semicolon between two words starts a new clause."""
    found: list[Word] = []
    clause, at = 0, 0
    for match in WORD.finditer(text):
        clause += bool(CLAUSE_BREAK.search(text, at, match.start()))
        found.append(Word(match.group().casefold().replace("’", "'"), match.span(), clause))
        at = match.end()
    return found


def shared_terms(left: str, right: str) -> tuple[str, ...]:
    """Phrases both texts contain, longest first, none inside another, as folded words."""
    return _shared(words(left), words(right))


def _shared(left: list[Word], right: list[Word]) -> tuple[str, ...]:
    a, b = _phrases(left), _phrases(right)
    chosen: list[tuple[str, ...]] = []
    for phrase in sorted(a.keys() & b.keys(), key=lambda p: (-len(p), a[p])):
        if len(chosen) == MOST_TERMS:
            break
        if not any(_contains(longer, phrase) for longer in chosen):
            chosen.append(phrase)
    return tuple(" ".join(p) for p in chosen)


def _phrases(found: list[Word]) -> dict[tuple[str, ...], int]:
    """Candidate phrases with where each first starts."""
    folded, clauses = [w.folded for w in found], [w.clause for w in found]
    phrases: dict[tuple[str, ...], int] = {}
    for start, word in enumerate(folded):
        if word in STOP_WORDS:
            continue
        if len(word) >= SHORTEST_WORD and not word.isdigit():
            phrases.setdefault((word,), start)
        for end in range(start + 2, min(start + LONGEST, len(found)) + 1):
            if clauses[end - 1] != clauses[start]:
                break
            if folded[end - 1] not in STOP_WORDS:
                phrases.setdefault(tuple(folded[start:end]), start)
    return phrases


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def placements(found: list[Word], phrases: list[tuple[str, list[str]]]) -> list[tuple[Span, str]]:
    """Where each (phrase, folded words) occurs as whole words, earlier phrases first, never overlapping."""
    taken = [False] * len(found)
    placed = []
    for phrase, wanted in phrases:
        for start in _occurrences(found, wanted):
            end = start + len(wanted)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(wanted)
                placed.append(((found[start].span[0], found[end - 1].span[1]), phrase))
    return sorted(placed)


def _occurrences(found: list[Word], wanted: list[str]) -> list[int]:
    size = len(wanted)
    if not size:
        return []
    return [
        i
        for i in range(len(found) - size + 1)
        if found[i].folded == wanted[0]
        and found[i + size - 1].clause == found[i].clause
        and [w.folded for w in found[i : i + size]] == wanted
    ]


def segments(text: str, spans: list[Span]) -> Segments:
    """The text cut into (piece, marked) pairs whose pieces join back into exactly the text."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return tuple(pieces)


def highlight(left: str, right: str, extra: Iterable[str]) -> tuple[Segments, Segments, tuple[str, ...]]:
    """Both texts as segments with the terms marked, and the terms as the left text words them.

    The author's phrases come first, then the shared terms, longest first. A phrase that ends up
    marked in one text only (another phrase took its words in the other) is dropped and the rest are
    placed again, until every marked phrase is marked in both texts.
    """
    in_left, in_right = words(left), words(right)
    kept = [(p, [w.folded for w in words(p)]) for p in dict.fromkeys([*extra, *_shared(in_left, in_right)])]
    while True:
        placed_left, placed_right = placements(in_left, kept), placements(in_right, kept)
        both = {p for _, p in placed_left} & {p for _, p in placed_right}
        if len(both) == len(kept):
            break
        kept = [(p, folded) for p, folded in kept if p in both]
    shown = {p: left[s:e] for (s, e), p in reversed(placed_left)}
    return (
        segments(left, [s for s, _ in placed_left]),
        segments(right, [s for s, _ in placed_right]),
        tuple(shown[p] for p, _ in kept),
    )


@dataclass(frozen=True)
class Highlighted:
    """Two sides' words cut into marked pieces (empty for a side with no words), and the terms marked."""

    segments: tuple[Segments, Segments]
    terms: tuple[str, ...]


def highlight_all(texts: list[str | None], extra: Iterable[str]) -> Highlighted:
    """Both sides marked as `highlight` marks two quotes; beside a deed, the author's phrases are marked in
    the one quote alone, since there is nothing to share terms with."""
    left, right = texts
    if left is not None and right is not None:
        marked_left, marked_right, shared = highlight(left, right, extra)
        return Highlighted((marked_left, marked_right), shared)
    quoted = left if left is not None else right
    if quoted is None:
        return Highlighted(((), ()), ())
    placed = placements(words(quoted), [(p, [w.folded for w in words(p)]) for p in dict.fromkeys(extra)])
    marked = segments(quoted, [span for span, _ in placed])
    shown = tuple(dict.fromkeys(quoted[s:e] for (s, e), _ in placed))
    return Highlighted((marked, ()) if left is not None else ((), marked), shown)


def unmatched(texts: Sequence[str | None], phrases: Iterable[str]) -> list[str]:
    """The phrases that do not occur, as whole words, in every side that has words."""
    quoted = [words(text) for text in texts if text is not None]
    return [p for p in phrases if not all(_occurrences(found, [w.folded for w in words(p)]) for found in quoted)]
