"""Tests for onrecord.snapshots: finding a quote in the stored text of its source, or saying how it differs."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord import snapshots
from onrecord.snapshots import NOT_CLOSE, Snapshot

# Two paragraphs of a news article about IBM's 2020 pledge, as the article printed them.
ARTICLE = """\
In June 2020, IBM’s CEO Arvind Krishna sent a letter to the US Congress stating, “IBM firmly opposes and \
will not condone uses of any technology, including facial recognition technology offered by other vendors, \
for mass surveillance, racial profiling, violations of basic human rights and freedoms, or any purpose that \
is not consistent with our values and ‘Principles of Trust and Transparency.'” The company later called for \
the introduction of export control regulations in the US that would prevent the use of facial recognition \
systems “for suppressing dissent, infringing on human rights and freedoms, or conducting mass surveillance,” \
even abroad.

IBM appears to be acting in contradiction to its own statements. Imtiaz Mufti, a spokesperson for the \
company, stated, “In line with our commitments in 2020, IBM no longer offers general-purpose facial \
recognition technology, does not support the use of facial recognition technology for mass surveillance, \
racial profiling, violations of human rights, or other purposes inconsistent with our values. […] The Home \
Office Biometrics Matcher Platform and related services are not used for mass surveillance.”
"""
PLEDGE = (
    "IBM firmly opposes and will not condone uses of any technology, including facial recognition technology "
    "offered by other vendors, for mass surveillance, racial profiling, violations of basic human rights and "
    "freedoms, or any purpose that is not consistent with our values and 'Principles of Trust and "
    "Transparency.'"
)


@pytest.fixture(scope="module")
def article() -> Snapshot:
    return Snapshot(ARTICLE)


def test_the_pledge_is_found_when_quoted_with_straight_quotes(article):
    finding = article.find(PLEDGE)
    assert finding.found
    assert finding.differences == ()
    assert finding.passage is not None
    assert finding.passage.startswith("IBM firmly opposes")
    assert "‘Principles of Trust and Transparency.'" in finding.passage


@pytest.mark.parametrize(
    "text, quote",
    [
        ("we will not\nsell it\r\n\tto anyone", "we will not sell it to anyone"),
        ("she said “we won’t” and left", 'she said "we won\'t" and left'),
        ('she said "we won\'t" and left', "she said “we won’t” and left"),
        ("«non», dit-il", '"non", dit-il'),
        ("pages 10–12 — all of them", "pages 10-12 - all of them"),
        ("a well-known case", "a well‑known case"),
        ("the 10\u00a0000\u202fpeople here", "the 10 000 people here"),
        ("a deci\u00adsion made\u200b today", "a decision made today"),
        ("the cafe\u0301 opened", "the café opened"),
        ("the café opened", "the cafe\u0301 opened"),
        ("words.  ", "  words.\n"),
    ],
    ids=[
        "line breaks",
        "curly source",
        "curly quote",
        "guillemets",
        "dashes",
        "no-break hyphen",
        "no-break spaces",
        "soft hyphen and zero width",
        "decomposed source",
        "decomposed quote",
        "whitespace around the quote",
    ],
)
def test_verbatim_quotes_are_found_through_the_forms_of_writing_that_do_not_change_words(text, quote):
    assert Snapshot(text).find(quote).found


MARKDOWN = """\
# IBM's letter to *Congress*

In June 2020, **IBM** wrote to [members of Congress](https://example.org/letter)
that it would not sell _general-purpose_ facial recognition. AT&amp;T &mdash; too.

- firstly, no mass surveillance;
- secondly, no racial profiling.

<script>var hidden = 1;</script>
"""


@pytest.mark.parametrize(
    "quote",
    [
        "IBM's letter to Congress",
        "In June 2020, IBM wrote to members of Congress that it would not sell general-purpose facial recognition.",
        "AT&T — too.",
        "too. firstly, no mass surveillance; secondly, no racial profiling.",
        "IBM's letter to Congress In June 2020",
    ],
)
def test_markdown_is_matched_as_a_reader_sees_it(quote):
    assert Snapshot(MARKDOWN, markdown=True).find(quote).found


def test_markdown_passages_are_the_text_a_reader_sees_and_hidden_scripts_are_not_matched():
    snapshot = Snapshot(MARKDOWN, markdown=True)
    finding = snapshot.find("IBM wrote to members of Congress that it would sell")
    assert finding.passage == "IBM wrote to members of Congress\nthat it would not sell"
    assert finding.differences == ('the source has "not" after "would", which the quote leaves out',)
    assert not snapshot.find("var hidden = 1;").found
    assert "[" not in snapshot.text and "*" not in snapshot.text


def test_one_changed_word_names_both_words_and_shows_the_source_as_written(article):
    finding = article.find("or any purpose which is not consistent with our values and 'Principles of Trust")
    assert not finding.found
    assert finding.differences == ('the quote has "which" where the source has "that"',)
    assert finding.passage == "or any purpose that is not consistent with our values and ‘Principles of Trust"


@pytest.mark.parametrize(
    "quote, difference",
    [
        (
            "IBM firmly opposes and will condone uses of any technology",
            'the source has "not" after "will", which the quote leaves out',
        ),
        (
            "IBM firmly opposes and will not ever condone uses of any technology",
            'the quote has "ever" that the source does not',
        ),
        (
            "IBM firmly opposes … for mass surveillance, racial profiling",
            'the quote has "…" where the source has "and will not condone uses of […] other vendors," (16 words)',
        ),
        (
            "inconsistent with our values. The Home Office Biometrics Matcher Platform",
            'the source has "[…]" after "values.", which the quote leaves out',
        ),
        (
            "IBM no longer offers general purpose facial recognition technology",
            'the quote has "general purpose" where the source has "general-purpose"',
        ),
        (
            "the use of facial recognition systems for suppressing dissent",
            'the source has "“" after "systems", which the quote leaves out',
        ),
        (
            "The company later called for the Introduction of export",
            'the quote has "Introduction" where the source has "introduction"',
        ),
        ("ibm appears to be acting", 'the quote has "ibm" where the source has "IBM"'),
        ("IBM appears to be acting in contradiction with its own", 'the quote has "with" where the source has "to"'),
    ],
    ids=[
        "dropped word",
        "added word",
        "elision",
        "elision in the source left out",
        "space for a hyphen",
        "punctuation",
        "case",
        "case at the start",
        "word near the end",
    ],
)
def test_each_kind_of_difference_is_named(article, quote, difference):
    finding = article.find(quote)
    assert not finding.found
    assert finding.differences == (difference,)


def test_spacing_alone_is_a_difference():
    finding = Snapshot("The minister said: we will act.").find("said : we will act")
    assert not finding.found
    assert finding.differences == ('the quote has "said :" where the source has "said:"',)


def test_a_quote_never_matches_inside_a_word():
    snapshot = Snapshot("Cities grew urban and suburban; the bank banned nothing.")
    assert not snapshot.find("ban").found
    assert not snapshot.find("urba").found
    assert not snapshot.find("bank ban").found
    assert snapshot.find("urban").found
    assert snapshot.find("suburban; the").found
    finding = snapshot.find("grew urban and ban; the bank")
    assert finding.differences == ('the quote has "ban" where the source has "suburban"',)


def test_a_quote_repeating_inside_one_long_word_is_refused_without_trying_every_overlap():
    # 180,000 overlapping occurrences, each 40,001 characters long: checked one by one, hours of work.
    snapshot = Snapshot("ab" * 200_000 + " ab ab")
    assert not snapshot.find("ab" * 20_000 + "a").found
    assert snapshot.find("ab ab").passage == "ab ab"
    assert Snapshot("ha" * 50_000 + " haha.").find("haha").passage == "haha"


def test_case_is_a_difference(article):
    assert not article.find("ibm firmly opposes").found
    assert not article.find("IBM FIRMLY OPPOSES").found


def test_words_the_source_does_not_hold_are_not_close_to_anything(article):
    finding = article.find("The regulator fined the bank for laundering money through shell companies")
    assert finding == snapshots.Finding(False, None, (NOT_CLOSE,))
    assert article.find("   ").differences == ("the quote has no words",)


def test_more_than_three_differences_are_counted(article):
    finding = article.find("IBM firmly backs and will now condone all uses of every technology, excluding facial")
    assert not finding.found
    assert len(finding.differences) == 4
    assert finding.differences[-1] == "and 2 more differences"


def test_a_long_quote_names_each_of_its_few_changes():
    rng = random.Random(3)
    words = [f"w{rng.randrange(4000)}" for _ in range(30_000)]
    snapshot = Snapshot(" ".join(words))
    quoted = words[1_000:9_000]
    for at, new in [(100, "first"), (4_000, "second"), (7_900, "third")]:
        quoted[at] = new
    finding = snapshot.find(" ".join(quoted))
    assert finding.differences == (
        f'the quote has "first" where the source has "{words[1_100]}"',
        f'the quote has "second" where the source has "{words[5_000]}"',
        f'the quote has "third" where the source has "{words[8_900]}"',
    )
    assert finding.passage == " ".join(words[1_000:9_000])


WORD = st.text(alphabet="abcdeé'’-—.,“", min_size=1, max_size=5).filter(lambda w: any(c.isalnum() for c in w))
SPACE = st.sampled_from([" ", "\n", "\u00a0", "  ", "\t"])


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(WORD, SPACE), min_size=2, max_size=160), st.data())
def test_any_slice_of_words_is_found_and_one_replaced_word_is_named(pieces, data):
    text = "".join(word + space for word, space in pieces)
    words = [word for word, _ in pieces]
    snapshot = Snapshot(text)
    start = data.draw(st.integers(0, len(words) - 2))
    end = data.draw(st.integers(start + 2, len(words)))
    assert snapshot.find(" ".join(words[start:end])).found
    replaced = data.draw(st.integers(start, end - 1))
    quote = " ".join([*words[start:replaced], "QQQ", *words[replaced + 1 : end]])
    finding = snapshot.find(quote)
    assert not finding.found
    assert any("QQQ" in difference for difference in finding.differences)


def test_a_large_snapshot_and_hundreds_of_quotes_cost_a_few_bounded_windows_each(monkeypatch):
    rng = random.Random(11)
    vocabulary = [f"{rng.choice('bcdfg')}{rng.choice('aeiou')}{n}" for n in range(3_000)]
    words = rng.choices(vocabulary, weights=[1 / (rank + 1) for rank in range(3_000)], k=380_000)
    pieces = [word + rng.choice([" ", " ", " ", ", ", ".\n"]) for word in words]
    text = "".join(pieces)
    assert len(text) > 2 * 1_048_576
    snapshot = Snapshot(text)
    windows, areas = [], []
    compare = Snapshot._compare

    def counted(self, *args):
        windows[-1] += 1
        return compare(self, *args)

    class Measured(snapshots.SequenceMatcher):
        def __init__(self, junk, a, b, autojunk):
            areas.append(len(a) * len(b))
            super().__init__(junk, a, b, autojunk)

    monkeypatch.setattr(Snapshot, "_compare", counted)
    monkeypatch.setattr(snapshots, "SequenceMatcher", Measured)
    for n in range(200):
        start = rng.randrange(len(words) - 60)
        quoted = pieces[start : start + rng.randrange(3, 60)]
        windows.append(0)
        if n % 2:
            at = rng.randrange(len(quoted))
            quoted[at] = quoted[at].replace(words[start + at], f"new{n}")
            finding = snapshot.find("".join(quoted))
            assert any(f"new{n}" in difference for difference in finding.differences)
        else:
            assert snapshot.find("".join(quoted)).found
    assert max(windows) <= snapshots.MOST_WINDOWS
    assert max(areas) <= snapshots.DIFF_AREA
