"""Finding a quote in the stored text of its source document, so `check` can prove it was copied verbatim.

A source may keep a snapshot of its document: plain text, or Markdown matched against the text a reader
sees. A quote is found when its words occur in the snapshot exactly, whole words at both ends, after the
one normalisation both sides get: any run of whitespace is one space, every form of quote mark and of
dash is one form, soft hyphens and zero-width characters are dropped, and both are in Unicode NFC. Case,
punctuation, spelling and ellipses all count: an elided quote is not the quote.

When a quote is not found, the closest passage is shown in the snapshot's own characters with its
differences word by word. The quote is never compared with the whole snapshot: words the snapshot holds
rarely vote for where the quote would start, the quote's longest beginning and end found verbatim point
at two more places, and only those few windows are diffed, so a quote costs about its length plus a few
scans of the text, however large the snapshot.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser
from itertools import chain, compress, count

from .sanitize import REMOVED_WITH_CONTENT, markdown_converter

RARE = 100
"""A word the snapshot holds at most this many times votes for where each quote containing it starts."""
VOTED_WINDOWS = 3
"""The places with the most votes that are diffed against a quote."""
MOST_WINDOWS = VOTED_WINDOWS + 2
"""Windows diffed per quote at most: the voted ones, and where its longest beginning and end occur."""
SLACK = 8
"""Words a window reaches beyond twice the quote's length, for words the quote leaves out or adds."""
DIFF_AREA = 4_000
"""Pairs of words (quote words times window words) one difflib comparison may weigh: its worst case grows
with the cube of the words, so a longer quote is first cut at the words it shares once with its window."""
LEVELS = 6
"""How many times a long quote's pieces are cut again before a large piece left is taken as replaced."""
SHOWN = 3
"""Differences listed one by one; the rest are counted."""
LONG_PHRASE = 12
"""Words of a difference shown whole; a longer phrase shows its first and last words."""
NOT_CLOSE = "no passage of the source is close to these words"

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = str.maketrans(
    {
        **dict.fromkeys((c for c in map(chr, range(0x3001)) if c.isspace()), " "),  # U+3000 is the last space
        **dict.fromkeys('“”„‟«»″"', '"'),
        **dict.fromkeys("‘’‚‛′'", "'"),
        **dict.fromkeys("‐‑‒–—―−-", "-"),
    }
)
_GAP = f"[ {_INVISIBLE}]{{2,}}|[{_INVISIBLE}]"
_GAPS = re.compile(f"(?P<gap>{_GAP})")
_GAPS_AND_LETTERS = re.compile(f"(?P<gap>{_GAP})|[\\x00-\\x7f]?[^\\x00-\\x7f{_INVISIBLE}]+")
"""Runs of spaces and invisible characters; and, for a text not in NFC, runs of non-ASCII characters with
the character before them, the only places NFC can change."""
_TOKEN = re.compile(r"\w(?:[^ ]*\w)?|[^\w ]")
_BLOCKS = frozenset("blockquote br caption dd div dl dt h1 h2 h3 h4 h5 h6 hr li ol p pre table td th tr ul".split())

Range = tuple[int, int]
Op = tuple[str, int, int, int, int]
"""A difflib opcode: what the quote's words [i1:i2] are to the window's words [j1:j2]."""


@dataclass(frozen=True)
class Finding:
    """What a snapshot holds for a quote.

    `passage` is the matched text, or the closest passage, in the snapshot's own characters (None when
    nothing is close); `differences` says, for a journalist, how the quote differs from that passage.
    """

    found: bool
    passage: str | None
    differences: tuple[str, ...]


@dataclass(frozen=True)
class _Offsets:
    """Where positions of a rewritten text stood before: the start and end of each rewritten piece, after
    (`new`) and before (`old`) rewriting, so memory grows with the pieces, not with the text."""

    new: list[int]
    old: list[int]

    def before(self, at: int) -> int:
        """The position before rewriting; a position inside a rewritten piece is kept inside it."""
        k = bisect_right(self.new, at) - 1
        if k < 0:
            return at
        moved = self.old[k] + at - self.new[k]
        return min(moved, self.old[k + 1]) if k + 1 < len(self.old) else moved


def _normalise(text: str) -> tuple[str, _Offsets]:
    """The text with every allowed difference of writing erased, and the way back; linear in its length."""
    folded = text.translate(_FOLD)
    runs = _GAPS if unicodedata.is_normalized("NFC", folded) else _GAPS_AND_LETTERS
    parts: list[str] = []
    offsets, at, size = _Offsets([], []), 0, 0
    for run in runs.finditer(folded):
        old = run.group()
        new = (" " if " " in old else "") if run["gap"] is not None else unicodedata.normalize("NFC", old)
        if new != old:
            parts += (folded[at : run.start()], new)
            size += run.start() - at
            offsets.new.extend((size, size + len(new)))
            offsets.old.extend(run.span())
            size, at = size + len(new), run.end()
    parts.append(folded[at:])
    return "".join(parts), offsets


class _Reader(HTMLParser):
    """The text of rendered HTML as a reader sees it: blocks apart, entities decoded, no scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in REMOVED_WITH_CONTENT
        self.parts += "\n" * (tag in _BLOCKS)

    def handle_endtag(self, tag: str) -> None:
        self._hidden = max(self._hidden - (tag in REMOVED_WITH_CONTENT), 0)
        self.parts += "\n" * (tag in _BLOCKS)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _reader_text(text: str) -> str:
    """The text a reader sees of a Markdown document, rendered as the site renders Markdown."""
    reader = _Reader()
    reader.feed(markdown_converter().convert(text))
    reader.close()
    return "".join(reader.parts)


@dataclass(frozen=True)
class _Words:
    """A text cut into words and marks (each punctuation mark is one of its own), where each stands in the
    normalised text, and the way back to the text's own characters."""

    original: str
    normal: str
    offsets: _Offsets
    starts: array[int]
    ends: array[int]

    def __len__(self) -> int:
        return len(self.starts)

    def texts(self) -> Iterator[str]:
        return map(self.normal.__getitem__, map(slice, self.starts, self.ends))

    def is_word(self, k: int) -> bool:
        return _wordy(self.normal[self.starts[k]])

    def spaced(self, k: int) -> bool:
        """Whether a space stands before word k: the one thing a list of words leaves out."""
        start = self.starts[k]
        return start == 0 or self.normal[start - 1] == " "

    def span(self, start: int, end: int) -> str:
        """The text's own characters between two positions of the normalised text."""
        return self.original[self.offsets.before(start) : self.offsets.before(end)]

    def phrase(self, i1: int, i2: int) -> str:
        """Words i1 to i2 quoted on one line, a long run by its first and last words."""
        if i2 - i1 <= LONG_PHRASE:
            return f'"{self._line(i1, i2)}"'
        count = sum(map(self.is_word, range(i1, i2)))
        return f'"{self._line(i1, i1 + 6)} […] {self._line(i2 - 3, i2)}" ({count} words)'

    def _line(self, i1: int, i2: int) -> str:
        return " ".join(self.span(self.starts[i1], self.ends[i2 - 1]).split())


def _cut(original: str) -> _Words:
    normal, offsets = _normalise(original)
    spans = array("I", chain.from_iterable(map(re.Match.span, _TOKEN.finditer(normal))))  # C loops: millions
    return _Words(original, normal, offsets, spans[::2], spans[1::2])


class Snapshot:
    """A source's stored text, indexed once (in time and memory linear in its size) for any number of quotes.

    `text` is what quotes are matched against: the file's text, or for Markdown the text a reader sees.
    """

    def __init__(self, text: str, *, markdown: bool = False) -> None:
        self.text = _reader_text(text) if markdown else text
        self._words = _cut(self.text)
        self._vocabulary = {word: k for k, word in enumerate(dict.fromkeys(self._words.texts()))}
        self._ids = array("I", map(self._vocabulary.__getitem__, self._words.texts()))
        rare = {word for word, times in Counter(self._ids).items() if times <= RARE}
        self._places: dict[int, list[int]] = {}  # where each rare word stands
        for at in compress(count(), map(rare.__contains__, self._ids)):
            self._places.setdefault(self._ids[at], []).append(at)

    def find(self, quote: str) -> Finding:
        """The quote found verbatim, or the closest passage and how the quote differs from it."""
        said = _cut(quote)
        if not len(said):
            return Finding(False, None, ("the quote has no words",))
        needle = said.normal[said.starts[0] : said.ends[-1]]
        at = self._verbatim(needle)
        if at >= 0:
            return Finding(True, self._words.span(at, at + len(needle)), ())
        words = [self._vocabulary.get(text, -1) for text in said.texts()]
        starts = dict.fromkeys([*self._voted(words), *self._ends_found(said)])
        aligned = (self._compare(words, said, start) for start in starts)
        # the closest: the most matching words, then the fewest differences
        ops, matched = max(aligned, key=lambda pair: (pair[1], -len(pair[0])), default=([], 0))
        if matched * 3 < len(words):
            return Finding(False, None, (NOT_CLOSE,))
        passage = self._words.span(self._words.starts[ops[0][3]], self._words.ends[ops[-1][4] - 1])
        return Finding(False, passage, _listed(self._differences(ops, said)))

    def _verbatim(self, needle: str) -> int:
        """Where the needle first occurs as whole words, or -1: linear however often it occurs inside words.

        Occurrences that overlap come in runs a period apart, and all but the first and last of a run have
        the same characters either side, so a run costs three checks, not one for each occurrence.
        """
        text, size = self._words.normal, len(needle)
        at = text.find(needle)
        while at >= 0 and not self._whole(at, at + size, needle):
            after = text.find(needle, at + 1)
            if 0 <= after < at + size:
                period = after - at
                last = at + (_repeating(text, at, period, period + size) - size) // period * period
                if after < last and self._whole(after, after + size, needle):
                    return after
                after = last
            at = after
        return at

    def _whole(self, start: int, end: int, needle: str) -> bool:
        """Whether the needle at start neither begins nor ends inside a word of the snapshot."""
        text = self._words.normal
        return not (start > 0 and _wordy(needle[0]) and _wordy(text[start - 1])) and not (
            end < len(text) and _wordy(needle[-1]) and _wordy(text[end])
        )

    def _voted(self, words: list[int]) -> list[int]:
        """Where the quote's first word would stand, for the few alignments its rare words agree on most."""
        votes: Counter[int] = Counter()
        for j, word in enumerate(words):
            votes.update(at - j for at in self._places.get(word, ()))
        chosen: list[int] = []
        for start, _ in votes.most_common():
            if len(chosen) == VOTED_WINDOWS:
                break
            if all(abs(start - other) > len(words) for other in chosen):
                chosen.append(start)
        return chosen

    def _ends_found(self, said: _Words) -> list[int]:
        """Where the quote's first word would stand by its longest beginning, and by its longest end, found
        verbatim: a few scans of the text, which find a quote of common words that cast no votes."""
        quote, text, size, found = said.normal, self._words.normal, len(said), []
        begin = _longest(size, lambda k: text.find(quote[said.starts[0] : said.ends[k - 1]]))
        if begin:
            found.append(self._word_at(begin[1]))
        end = _longest(size, lambda k: text.find(quote[said.starts[size - k] : said.ends[-1]]))
        if end:
            found.append(self._word_at(end[1]) - (size - end[0]))
        return found

    def _word_at(self, at: int) -> int:
        return bisect_right(self._words.starts, at) - 1

    def _compare(self, words: list[int], said: _Words, start: int) -> tuple[list[Op], int]:
        """The quote diffed against the window around start: the trimmed opcodes (window words numbered as
        the snapshot's) and how many words match; no opcodes when none match."""
        size = len(words)
        low = max(0, start - size - SLACK)
        window = self._ids[low : max(low, min(len(self._ids), start + 2 * size + SLACK))]
        anchors = _anchors(words, window)
        if anchors:
            (i0, j0), (i1, j1) = anchors[0], anchors[-1]
            cut = max(0, j0 - i0 - i0 // 2 - 2), j1 + 1 + (size - 1 - i1) * 3 // 2 + 2
        else:
            cut = max(0, start - low - 2), max(0, start - low + size + 2)
        base = low + cut[0]
        tight = window[cut[0] : cut[1]]
        ops = _align(words, tight, (0, size), (0, len(tight)), LEVELS)
        trimmed = self._trim([(tag, i1, i2, j1 + base, j2 + base) for tag, i1, i2, j1, j2 in ops], said)
        merged = _merged(trimmed)
        return merged, sum(i2 - i1 for tag, i1, i2, _, _ in merged if tag == "equal")

    def _trim(self, ops: list[Op], said: _Words) -> list[Op]:
        """The opcodes from the first matching word to the last. The window's words beyond are no part of
        the passage, except the nearest, as many as the quote has words there, of the same kind (words or
        marks) as the quote's first and last: those the quote has in their place."""
        equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
        if not equal:
            return []
        first, last, size = ops[equal[0]], ops[equal[-1]], len(said)
        keep = min(first[1], first[3] - ops[0][3])
        while keep and self._words.is_word(first[3] - keep) != said.is_word(0):
            keep -= 1
        head: list[Op] = [("replace" if keep else "delete", 0, first[1], first[3] - keep, first[3])]
        keep = min(size - last[2], ops[-1][4] - last[4])
        while keep and self._words.is_word(last[4] + keep - 1) != said.is_word(size - 1):
            keep -= 1
        tail: list[Op] = [("replace" if keep else "delete", last[2], size, last[4], last[4] + keep)]
        return head[: first[1] > 0] + ops[equal[0] : equal[-1] + 1] + tail[: size > last[2]]

    def _differences(self, ops: list[Op], said: _Words) -> list[str]:
        """Each difference in words a journalist reads at a glance, spacing within matching words too."""
        held, found = self._words, []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                found += [
                    f"the quote has {said.phrase(i1 + k - 1, i1 + k + 1)} where the source has "
                    f"{held.phrase(j1 + k - 1, j1 + k + 1)}"
                    for k in range(1, i2 - i1)
                    if said.spaced(i1 + k) != held.spaced(j1 + k)
                ]
            elif tag == "replace":
                found.append(f"the quote has {said.phrase(i1, i2)} where the source has {held.phrase(j1, j2)}")
            elif tag == "delete":
                found.append(f"the quote has {said.phrase(i1, i2)} that the source does not")
            else:
                after = held.phrase(j1 - 2 if j1 > 1 and not held.is_word(j1 - 1) else j1 - 1, j1)
                found.append(f"the source has {held.phrase(j1, j2)} after {after}, which the quote leaves out")
        return found


def _wordy(character: str) -> bool:
    return character.isalnum() or unicodedata.category(character).startswith("M")


def _repeating(text: str, start: int, period: int, known: int) -> int:
    """How far from start the text keeps repeating every `period` characters, knowing it does for `known`:
    chunks doubling in size, then halving, so the cost is linear in the answer."""
    length, step, end = known, known, len(text) - start
    while length < end:
        stop = min(length + step, end)
        if text[start + length : start + stop] != text[start + length - period : start + stop - period]:
            break
        length, step = stop, step * 2
    else:
        return length
    while stop - length > 1:
        middle = (length + stop) // 2
        if text[start + length : start + middle] == text[start + length - period : start + middle - period]:
            length = middle
        else:
            stop = middle
    return length


def _longest(size: int, found_at: Callable[[int], int]) -> tuple[int, int] | None:
    """The most words k (of size) for which found_at(k) finds a place, with that place; None for none."""
    best, low, high = None, 0, size
    while low < high:
        middle = (low + high + 1) // 2
        at = found_at(middle)
        if at >= 0:
            best, low = (middle, at), middle
        else:
            high = middle - 1
    return best


def _anchors(words: Sequence[int], window: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (quote word, window word) of words each holds once, the longest chain in the same order in both."""
    in_quote, in_window = Counter(words), Counter(window)
    once = {word: j for j, word in enumerate(window) if in_window[word] == 1}
    pairs = [(i, once[word]) for i, word in enumerate(words) if in_quote[word] == 1 and word in once]
    tails: list[int] = []  # the smallest window word ending a chain of each length, and its pair
    ends: list[int] = []
    before: list[int] = []
    for k, (_, j) in enumerate(pairs):
        place = bisect_left(tails, j)
        before.append(ends[place - 1] if place else -1)
        tails[place : place + 1], ends[place : place + 1] = [j], [k]
    chain, k = [], ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = before[k]
    return chain[::-1]


def _align(words: Sequence[int], window: Sequence[int], quoted: Range, held: Range, levels: int) -> list[Op]:
    """The opcodes of the quote's words in `quoted` against the window's in `held`.

    Words both share at either end match first. What is left is compared by difflib when small; when
    large, it is cut at the words it holds once on each side and each piece between aligned the same
    way, at most `levels` deep; a large piece left over counts as replaced whole. So the cost stays
    about linear in the lengths, whatever the words.
    """
    (i1, i2), (j1, j2) = quoted, held
    head = _shared(words[i1:i2], window[j1:j2])
    tail = _shared(words[i1 + head : i2][::-1], window[j1 + head : j2][::-1])
    ops: list[Op] = [("equal", i1, i1 + head, j1, j1 + head)] if head else []
    (i1, i2), (j1, j2) = (i1 + head, i2 - tail), (j1 + head, j2 - tail)
    anchors = _anchors(words[i1:i2], window[j1:j2]) if levels and (i2 - i1) * (j2 - j1) > DIFF_AREA else []
    if (i2 - i1) * (j2 - j1) <= DIFF_AREA:
        matcher = SequenceMatcher(None, words[i1:i2], window[j1:j2], autojunk=False)
        ops += [(tag, i1 + a1, i1 + a2, j1 + b1, j1 + b2) for tag, a1, a2, b1, b2 in matcher.get_opcodes()]
    elif anchors:
        at = (i1, j1)
        for i, j in ((i1 + i, j1 + j) for i, j in anchors):
            ops += [*_align(words, window, (at[0], i), (at[1], j), levels - 1), ("equal", i, i + 1, j, j + 1)]
            at = (i + 1, j + 1)
        ops += _align(words, window, (at[0], i2), (at[1], j2), levels - 1)
    else:
        ops.append(("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert", i1, i2, j1, j2))
    return ops + ([("equal", i2, i2 + tail, j2, j2 + tail)] if tail else [])


def _shared(quoted: Sequence[int], held: Sequence[int]) -> int:
    """How many words both begin with."""
    return next((k for k, (a, b) in enumerate(zip(quoted, held, strict=False)) if a != b), min(len(quoted), len(held)))


def _merged(ops: list[Op]) -> list[Op]:
    """The opcodes with each run of matching ones as one."""
    merged: list[Op] = []
    for op in ops:
        if merged and op[0] == merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], op[2], merged[-1][3], op[4])
        else:
            merged.append(op)
    return merged


def _listed(said: list[str]) -> tuple[str, ...]:
    more = len(said) - SHOWN
    if more <= 0:
        return tuple(said)
    return (*said[:SHOWN], f"and {more} more difference{'s' if more > 1 else ''}")
