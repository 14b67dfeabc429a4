"""Tests for onrecord.dates: EDTF parsing, wording (in English and in French), ordering and elapsed time."""

from collections.abc import Iterator
from datetime import date, datetime
from typing import Literal, get_args, get_origin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord import translation
from onrecord.date_words import (
    apart,
    elapsed,
    english,
    loose,
    section_words,
    short,
    stretch,
    words,
)
from onrecord.dates import (
    EdtfError,
    Interval,
    Point,
    Unknown,
    edtf_forms,
    from_yaml,
    known,
    parse,
    section,
    sort_key,
)
from onrecord.model import base, facts
from onrecord.views.common import date_view, kind_label
from onrecord.views.vocabulary import VOCABULARY_WORDS, words_label

FORMS = "expected forms like 2020, 2020-06, 2020-06-08, 2020-06~, 2023?, 2020-06-10/2021-05 or 2023-08/.."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020", Point(2020)),
        ("2020-06", Point(2020, 6)),
        ("2020-06-08", Point(2020, 6, 8)),
        ("2020-06~", Point(2020, 6, approximate=True)),
        ("2023?", Point(2023, uncertain=True)),
        ("2020-06-08%", Point(2020, 6, 8, approximate=True, uncertain=True)),
        ("2021-21", Point(2021, season=21)),
        ("2021-24", Point(2021, season=24)),
        ("201X", Point(2010, unspecified="201X")),
        ("2020-XX", Point(2020, unspecified="2020-XX")),
        ("2020-06-XX", Point(2020, 6, unspecified="2020-06-XX")),
        ("  2020-06 ", Point(2020, 6)),
        ("2020-06-10/2021-05", Interval(Point(2020, 6, 10), Point(2021, 5))),
        ("2023-08/..", Interval(Point(2023, 8), None, end_open=True)),
        ("../2021-05", Interval(None, Point(2021, 5), start_open=True)),
        ("2023-08/", Interval(Point(2023, 8), None)),
        ("/2021", Interval(None, Point(2021))),
    ],
)
def test_parse_accepts(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text, long, compact",
    [
        ("2020", "2020", "2020"),
        ("2020-06", "June 2020", "Jun 2020"),
        ("2020-06-08", "8 June 2020", "8 Jun 2020"),
        ("2020-06~", "about June 2020", "c. Jun 2020"),
        ("2023?", "2023 (uncertain)", "2023?"),
        ("2020-06-08%", "about 8 June 2020 (uncertain)", "c. 8 Jun 2020?"),
        ("2021-21", "Spring 2021", "Spring 2021"),
        ("2021-23", "Autumn 2021", "Autumn 2021"),
        ("201X", "the 2010s", "2010s"),
        ("20XX", "2000 to 2099", "2000–2099"),
        ("2020-XX", "2020 (month unknown)", "2020"),
        ("2020-06-XX", "June 2020 (day unknown)", "Jun 2020"),
        ("2020-XX?", "2020 (month unknown; uncertain)", "2020?"),
        ("2020-06-10/2021-05", "10 June 2020 to May 2021", "10 Jun 2020 – May 2021"),
        ("2023-08/..", "from August 2023", "Aug 2023 –"),
        ("../2021-05", "until May 2021", "– May 2021"),
        ("2023-08/", "August 2023 to an unknown date", "Aug 2023 – ?"),
        ("/2021", "an unknown date to 2021", "? – 2021"),
    ],
)
def test_words_and_short(text, long, compact):
    value = parse(text)
    assert (words(value), short(value)) == (long, compact)
    assert (words(value), short(value)) == (long, compact)


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("2020", "2020", "year"),
        ("2020-06~", "2020-06", "month"),
        ("2020-06-08%", "2020-06-08", "day"),
        ("2021-22", "2021", "season"),
        ("201X", "2010", "year"),
        ("2020-06-XX", "2020-06", "month"),
        ("0800", "0800", "year"),
    ],
)
def test_point_iso_and_precision(text, iso, precision):
    point = parse(text)
    assert (point.iso(), point.precision) == (iso, precision)


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2020", date(2020, 1, 1), date(2020, 12, 31)),
        ("2020-06", date(2020, 6, 1), date(2020, 6, 30)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2021-02", date(2021, 2, 1), date(2021, 2, 28)),
        ("2020-06-08", date(2020, 6, 8), date(2020, 6, 8)),
        ("201X", date(2010, 1, 1), date(2019, 12, 31)),
        ("20XX", date(2000, 1, 1), date(2099, 12, 31)),
        ("2021-21", date(2021, 3, 1), date(2021, 5, 31)),
        ("2021-22", date(2021, 6, 1), date(2021, 8, 31)),
        ("2021-23", date(2021, 9, 1), date(2021, 11, 30)),
        ("2023-24", date(2023, 12, 1), date(2024, 2, 29)),
        ("2020-06-10/2021-05", date(2020, 6, 10), date(2021, 5, 31)),
        ("2023-08/..", date(2023, 8, 1), None),
        ("../2021-05", None, date(2021, 5, 31)),
    ],
)
def test_first_and_last_day(text, first, last):
    value = parse(text)
    assert (value.first_day(), value.last_day()) == (first, last)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2020-06-10/2021-05", "2020-06-10"),
        ("../2021-05", "2021-05"),
    ],
)
def test_interval_iso_uses_start_or_else_end(text, iso):
    assert parse(text).iso() == iso


@pytest.mark.parametrize(
    "text, message",
    [
        ("2020-02-30", '"2020-02-30" is not a real date: February 2020 has 29 days'),
        ("2021-02-29", '"2021-02-29" is not a real date: February 2021 has 28 days'),
        ("2020-06-31", '"2020-06-31" is not a real date: June 2020 has 30 days'),
        (
            "2020-13",
            '"2020-13" is not a real date: there is no month 13; months run from '
            "01 to 12 (or 21 to 24 for spring, summer, autumn and winter)",
        ),
        (
            "2020-00",
            '"2020-00" is not a real date: there is no month 00; months run from '
            "01 to 12 (or 21 to 24 for spring, summer, autumn and winter)",
        ),
        ("2021-21-05", '"2021-21-05" is not a real date: a season cannot also have a month or a day'),
        ("0000", '"0000" is not a real date: years must be between 0001 and 9999'),
        (
            "2021-05/2020-06",
            '"2021-05/2020-06" is not a possible date range: the end (2020-06) is before the start (2021-05)',
        ),
        ("../..", '"../.." is not a possible date range: a date range needs a start, an end or both'),
        ("garbage", f'"garbage" is not an EDTF date; {FORMS}'),
        ("201X-06", f'"201X-06" is not an EDTF date; {FORMS}'),
        ("2020-XX-08", f'"2020-XX-08" is not an EDTF date; {FORMS}'),
        ("mid-2020", f'"mid-2020" is not an EDTF date; {FORMS}'),
        ("", f"no date was given; {FORMS}"),
        ("   ", f"no date was given; {FORMS}"),
        ("2020-02-30/2021", '"2020-02-30" is not a real date: February 2020 has 29 days'),
    ],
)
def test_parse_rejects_with_friendly_message(text, message):
    with pytest.raises(EdtfError) as caught:
        parse(text)
    assert (str(caught.value), caught.value.hint) == (message, "")


DAY_FIRST = "write the year first, then the month, then the day, as in 2020-06-08 for 8 June 2020"
YEARS = "only years 0001 to 9999 can be used, written with four digits"


@pytest.mark.parametrize(
    "text, hint",
    [
        ("June 2020", "write 2020-06"),
        ("Jun 2020", "write 2020-06"),
        ("Sept. 2020", "write 2020-09"),
        ("June 7, 2018", "write 2018-06-07"),
        ("7 June 2018", "write 2018-06-07"),
        ("7th June 2018", "write 2018-06-07"),
        ("7th of June, 2018", "write 2018-06-07"),
        ("2018/06/07", "write 2018-06-07"),
        ("2020/6/8", "write 2020-06-08"),
        ("2020-6-8", "write 2020-06-08"),
        ("2020-6~", "write 2020-06~"),
        ("2020-06-08T10:30:00Z", "write 2020-06-08"),
        ("13/06/2018", "write 2018-06-13"),
        ("06/13/2018", "write 2018-06-13"),
        ("06/06/2018", "write 2018-06-06"),
        (
            "07/06/2018",
            "the day and the month could be either way round: "
            "write 2018-06-07 for 7 June 2018, or 2018-07-06 for 6 July 2018",
        ),
        (
            "8.6.2020",
            "the day and the month could be either way round: "
            "write 2020-06-08 for 8 June 2020, or 2020-08-06 for 6 August 2020",
        ),
        ("circa 2019", "write 2019~"),
        ("c. 2019", "write 2019~"),
        ("about June 2020", "write 2020-06~"),
        ("June 2020?", "write 2020-06?"),
        ("Summer 2020", "write 2020-22"),
        ("autumn 2021", "write 2021-23"),
        ("the 2010s", "write 201X"),
        ("2019-2021", "write 2019/2021"),
        ("from June 2019 to May 2020", "write 2019-06/2020-05"),
        ("2023 to present", "write 2023/.."),
        ("08/06/20", DAY_FIRST),
        ("31/02/2020", DAY_FIRST),
        ("-0500", YEARS),
        ("20200", YEARS),
    ],
)
def test_a_date_written_another_way_is_refused_with_what_to_write(text, hint):
    with pytest.raises(EdtfError) as caught:
        parse(text)
    assert (str(caught.value), caught.value.hint) == (f'"{text}" is not an EDTF date', hint)


@pytest.mark.parametrize(
    "text, forms",
    [
        ("June 2020", ("2020-06",)),
        ("07/06/2018", ("2018-06-07", "2018-07-06")),
        ("June 31 2018", ()),
        ("2021-2019", ()),
        ("2020/21", ()),
        ("mid-2020", ()),
        ("early 2020", ()),
        ("garbage", ()),
        ("June " * 20 + "2020", ()),
    ],
)
def test_edtf_forms_offers_only_what_it_can_tell(text, forms):
    assert edtf_forms(text) == forms


_YEARS = st.one_of(st.integers(1900, 2100), st.integers(0, 10000)).map(str)
_DAYS = st.integers(0, 40).map(str)
_NAMES = st.sampled_from(["June", "jun", "Sept.", "February", "Summer", "winter", "fall"])
WRITTEN = st.one_of(
    st.builds("{} {}".format, _NAMES, _YEARS),
    st.builds("{}th of {}, {}".format, _DAYS, _NAMES, _YEARS),
    st.builds("{} {} {}".format, _NAMES, _DAYS, _YEARS),
    st.builds("{}/{}/{}".format, _DAYS, _DAYS, _YEARS),
    st.builds("{}.{}-{}".format, _YEARS, _DAYS, _DAYS),
    st.builds("circa {} - c. {}?".format, _YEARS, _YEARS),
    st.builds("{} to {} {}".format, _YEARS, _NAMES, _YEARS),
)
"""Dates as people write them, possible and impossible."""


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.one_of(WRITTEN, st.text(alphabet="0123456789 -/.,~?%JFMASONDaceghilmnoprstuvy", max_size=30)))
def test_every_form_offered_for_a_written_date_parses(text: str) -> None:
    for form in edtf_forms(text):
        assert words(parse(form))


def test_edtf_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse("nonsense")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"year": 2020, "day": 5}, "a day needs a month"),
        ({"year": 2020, "season": 25}, "there is no season 25; seasons run from 21 (spring) to 24 (winter)"),
        ({"year": 2020, "month": 6, "day": 31}, "June 2020 has 30 days"),
    ],
)
def test_point_constructor_rejects_impossible_dates(kwargs, message):
    with pytest.raises(EdtfError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Point(**kwargs)


def test_interval_constructor_needs_a_date():
    with pytest.raises(EdtfError, match="needs a start, an end or both"):
        Interval(None, None, True, True)


def test_interval_may_end_inside_its_start_month():
    assert parse("2020-06-10/2020-06").last_day() == date(2020, 6, 30)


def test_points_are_frozen():
    with pytest.raises(AttributeError):
        parse("2020").year = 2021


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-06", Point(2020, 6)),
        (2020, Point(2020)),
        (date(2020, 6, 8), Point(2020, 6, 8)),
        (datetime(2020, 6, 8, 14, 30), Point(2020, 6, 8)),
    ],
)
def test_from_yaml_accepts(value, expected):
    assert from_yaml(value) == expected


@pytest.mark.parametrize(
    "value, message",
    [
        (None, "expected a date such as 2020-06-08, 2020-06 or 2020, but found nothing"),
        (3.5, "expected a date such as 2020-06-08, 2020-06 or 2020, but found 3.5"),
        (True, "expected a date such as 2020-06-08, 2020-06 or 2020, but found True"),
        ([2020], "expected a date such as 2020-06-08, 2020-06 or 2020, but found [2020]"),
        (20200, '"20200" is not an EDTF date'),
    ],
)
def test_from_yaml_rejects(value, message):
    with pytest.raises(EdtfError) as caught:
        from_yaml(value)
    assert str(caught.value) == message


def _sorted(texts):
    return sorted(texts, key=lambda text: sort_key(parse(text)))


def test_sort_is_chronological():
    texts = ["2021-05", "2020-06-08", "2019", "2020-06-10/2021-05", "2023?"]
    assert _sorted(texts) == ["2019", "2020-06-08", "2020-06-10/2021-05", "2021-05", "2023?"]


def test_a_date_known_only_to_its_year_comes_after_every_day_of_that_year():
    texts = ["2020", "2020-01", "2020-01-01", "201X", "2020-12-31", "2021-01-01"]
    assert _sorted(texts) == ["201X", "2020-01-01", "2020-01", "2020-12-31", "2020", "2021-01-01"]


def test_a_month_comes_after_its_days_and_before_the_next_month():
    texts = ["2020-07-01", "2020-06-02", "2020-06-30", "2020-06", "2020-06-01", "2020-07"]
    assert _sorted(texts) == ["2020-06-01", "2020-06-02", "2020-06-30", "2020-06", "2020-07-01", "2020-07"]


def test_a_season_comes_after_its_months_and_a_winter_stays_in_its_own_year():
    assert _sorted(["2021-03", "2021-21", "2021-02", "2021-06"]) == ["2021-02", "2021-03", "2021-21", "2021-06"]
    assert _sorted(["2021-01-15", "2020-24", "2020-12-30"]) == ["2020-12-30", "2020-24", "2021-01-15"]


def test_an_unknown_date_comes_after_every_known_one():
    assert _sorted(["XXXX", "9999-12-31", "2020"]) == ["2020", "9999-12-31", "XXXX"]


def test_xxxx_is_a_date_not_known_and_is_refused_where_a_date_must_be_known():
    unknown = parse("XXXX")
    assert isinstance(unknown, Unknown)
    assert (words(unknown), short(unknown), unknown.iso()) == ("date not known", "Date not known", "")
    with pytest.raises(EdtfError, match="only for a fact's own date"):
        known(unknown)
    with pytest.raises(EdtfError, match="write XXXX alone"):
        parse("XXXX-06")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019-05-14", "2019"),
        ("2019", "2019"),
        ("2020-24", "2020"),
        ("201X", "2010s"),
        ("20XX", "2000-2099"),
        ("2019-05/2021", "2019"),
        ("XXXX", "unknown"),
    ],
)
def test_each_date_is_listed_in_its_section(text, expected):
    assert section(parse(text)) == expected


def test_qualifiers_do_not_change_order():
    assert sort_key(parse("2020-06~")) == sort_key(parse("2020-06?")) == sort_key(parse("2020-06"))


def test_point_before_interval_with_the_same_start():
    texts = ["2020-06/2021", "2020-06/..", "2020-06"]
    assert _sorted(texts) == ["2020-06", "2020-06/2021", "2020-06/.."]


def test_interval_without_start_sorts_by_its_end():
    assert _sorted(["2021-06", "../2021-05", "2021-04"]) == ["2021-04", "../2021-05", "2021-06"]


def test_sort_key_is_plain_ints_so_an_id_can_break_ties():
    key = sort_key(parse("2020-06-10/2021-05"))
    assert all(type(part) is int for part in key)
    assert (*key, 1) < (*key, 2)


@pytest.mark.parametrize(
    "earlier, later, expected",
    [
        ("2020-06-08", "2023-08", "about 3 years, 2 months later"),
        ("2020-06-08", "2020-08-11", "2 months, 3 days later"),
        ("2020-06-08", "2020-06-10", "2 days later"),
        ("2020-06-08", "2021-06-11", "1 year, 3 days later"),
        ("2020-06-08", "2021-08-11", "1 year, 2 months later"),
        ("2021-01-31", "2021-03-01", "1 month, 1 day later"),
        ("2020-06-08", "2020-06-08", "the same day"),
        ("2020-06", "2020-06-20", "the same month"),
        ("2020", "2020-11-30", "the same year"),
        ("2020~", "2020", "around the same time"),
        ("2021-07-15", "2020-06-15", "1 year, 1 month earlier"),
        ("2020-06-08", "2023-05", "about 2 years, 11 months later"),
        ("2020", "2023-05-01", "about 3 years later"),
        ("2020-12-31", "2021", "about 1 year later"),
        ("2020-06-08~", "2020-06-10", "about 2 days later"),
        ("2020-06-08", "2020-06-10?", "about 2 days later"),
        ("2021-21", "2021-08", "about 5 months later"),
        ("2020-06-10/2021-05", "2023-08/..", "about 3 years, 2 months later"),
        ("../2021-05-01", "2021-05-04", "3 days later"),
    ],
)
def test_elapsed(earlier, later, expected):
    assert elapsed(parse(earlier), parse(later)) == expected


def test_the_last_month_of_the_last_year_has_an_end_and_its_winter_is_refused() -> None:
    december = parse("9999-12")
    assert december.last_day() == date(9999, 12, 31) and words(december) == "December 9999"
    with pytest.raises(EdtfError, match="the winter of 9999 ends in 10000"):
        parse("9999-24")


EDTF_LIKE = r"\A(?:[0-9X]{4}(?:-[0-9X]{2}(?:-[0-9X]{2})?)?[~?%]?)?(?:/(?:[0-9X]{4}(?:-[0-9X]{2})?[~?%]?|\.\.)?)?\Z"


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.one_of(st.from_regex(EDTF_LIKE), st.text(max_size=24)))
def test_any_written_date_is_either_a_date_every_view_can_use_or_a_clear_error(text: str) -> None:
    try:
        value = parse(text)
    except EdtfError as error:
        assert str(error)
        return
    assert words(value) and short(value) and value.iso()
    assert sort_key(value)
    first, last = value.first_day(), value.last_day()
    assert first is None or last is None or first <= last
    assert elapsed(value, value)


def test_apart_tells_a_time_between_from_the_same_time_in_any_language():
    assert apart(parse("2020-06-08"), parse("2023-08"))
    assert not apart(parse("2020"), parse("2020-11-30"))
    assert not apart(parse("XXXX"), parse("2020"))


@pytest.mark.parametrize(
    "text, expected",
    [("2019-05-14", "2019"), ("201X", "2010s"), ("20XX", "2000–2099"), ("2020-24", "2020"), ("XXXX", "Date not known")],
)
def test_a_section_is_named_for_readers(text, expected):
    assert section_words(parse(text)) == expected


@pytest.fixture
def speaking() -> Iterator[None]:
    """Puts back the language spoken before the test."""
    before = translation.speaking()
    yield
    translation.use(before)


@pytest.fixture
def french(speaking: None) -> None:
    translation.use("fr-FR")


@pytest.fixture
def french_words(french: None) -> None:
    """The French catalogue's words for dates; a catalogue without them yet cannot be tested."""
    if translation.gettext("about %(month)s") == "about %(month)s":
        pytest.skip("the French catalogue does not hold the words of dates yet")


def test_every_english_reads_the_words_written_here(speaking):
    translation.use("en-US")
    assert (words(parse("2020-06-08")), short(parse("2020-09~"))) == ("8 June 2020", "c. Sep 2020")
    assert elapsed(parse("0800"), parse("2020")) == "about 1220 years later"


@pytest.mark.parametrize(
    "text, long, compact",
    [
        ("2020-06-08", "8 juin 2020", "8 juin 2020"),
        ("2020-06-01", "1er juin 2020", "1er juin 2020"),
        ("2020-01-08", "8 janvier 2020", "8 janv. 2020"),
        ("2020-06", "juin 2020", "juin 2020"),
        ("2020", "2020", "2020"),
    ],
)
def test_french_days_and_months_are_as_cldr_writes_them(french, text, long, compact):
    value = parse(text)
    assert (words(value), short(value)) == (long, compact)


def test_authors_read_english_whatever_the_site_speaks(french):
    assert english(parse("2020-06~")) == "about June 2020"
    with pytest.raises(EdtfError) as caught:
        parse("2021-05/2020-06")
    assert str(caught.value).endswith("the end (2020-06) is before the start (2021-05)")
    with pytest.raises(EdtfError) as caught:
        parse("07/06/2018")
    assert caught.value.hint.endswith("write 2018-06-07 for 7 June 2018, or 2018-07-06 for 6 July 2018")
    assert section(parse("201X")) == "2010s"


def test_a_date_is_viewed_in_the_language_spoken(speaking):
    translation.use("en-GB")
    assert date_view(parse("2020-06")).words == "June 2020"
    translation.use("fr-FR")
    assert (date_view(parse("2020-06")).words, date_view(parse("2020-06")).iso) == ("juin 2020", "2020-06")


NNBSP = "\u202f"


@pytest.mark.parametrize(
    "text, long, compact",
    [
        ("2020-06~", "vers juin 2020", "v. juin 2020"),
        ("2020-06-08~", "vers le 8 juin 2020", "v. 8 juin 2020"),
        ("2023?", "2023 (date incertaine)", f"2023{NNBSP}?"),
        ("2020-06-08%", "vers le 8 juin 2020 (date incertaine)", f"v. 8 juin 2020{NNBSP}?"),
        ("2021-21", "printemps 2021", "printemps 2021"),
        ("2021-22~", "vers l’été 2021", "v. été 2021"),
        ("201X", "les années 2010", "années 2010"),
        ("20XX", "de 2000 à 2099", "2000–2099"),
        ("2020-XX", "2020 (mois inconnu)", "2020"),
        ("2020-06-XX?", f"juin 2020 (jour inconnu{NNBSP}; date incertaine)", f"juin 2020{NNBSP}?"),
        ("2020-06-10/2021-05", "10 juin 2020 – mai 2021", "10 juin 2020 – mai 2021"),
        ("2023-08/..", "depuis août 2023", "août 2023 –"),
        ("2023-08-01/..", "depuis le 1er août 2023", "1er août 2023 –"),
        ("2021-23/..", "depuis l’automne 2021", "automne 2021 –"),
        ("2019~/..", "depuis 2019 environ", "v. 2019 –"),
        ("../2021-05", "jusqu’en mai 2021", "– mai 2021"),
        ("../2021-05-03", "jusqu’au 3 mai 2021", "– 3 mai 2021"),
        ("../201X", "jusqu’aux années 2010", "– années 2010"),
        ("2023-08/", "août 2023 – date inconnue", "août 2023 – ?"),
        ("/2021", "date inconnue – 2021", "? – 2021"),
        ("XXXX", "date inconnue", "Date inconnue"),
    ],
)
def test_french_readers_read_dates_in_french(french_words, text, long, compact):
    value = parse(text)
    assert (words(value), short(value)) == (long, compact)


@pytest.mark.parametrize(
    "earlier, later, expected",
    [
        ("2020-06-08", "2023-08", "environ 3 ans et 2 mois plus tard"),
        ("2020-06-08", "2020-06-10", "2 jours plus tard"),
        ("2021-07-15", "2020-06-15", "1 an et 1 mois plus tôt"),
        ("2020", "2020-11-30", "la même année"),
        ("2020~", "2020", "à peu près au même moment"),
    ],
)
def test_french_time_between_two_dates(french_words, earlier, later, expected):
    assert elapsed(parse(earlier), parse(later)) == expected


def test_french_stretches_decades_and_sections(french_words):
    ends = (parse("2020-06-08"), parse("2023-08"))
    assert isinstance(ends[0], Point) and isinstance(ends[1], Point)
    assert stretch(date(2020, 6, 8), date(2023, 8, 1), ends) == "environ 3 ans et 1 mois"
    assert (loose(parse("201X")), section_words(parse("201X")), section(parse("201X"))) == (
        "les années 2010",
        "années 2010",
        "2010s",
    )


def test_french_kinds_and_vocabularies(french_words):
    assert (kind_label("enforcement-actions"), kind_label("pledges")) == ("Sanction", "Engagement")
    assert (words_label("in-force"), words_label("disputed")) == ("En vigueur", "Contesté")


SHOWN_ELSEWHERE = {"SourceType", "MoneyRole", "ShownAs"}
"""Vocabularies whose words views give otherwise: SOURCE_TYPES, MONEY_ROLES; ShownAs is never shown."""


def test_every_vocabulary_word_shown_is_declared_for_the_catalogue():
    vocabularies = {
        name: value
        for module in (base, facts)
        for name, value in vars(module).items()
        if get_origin(value) is Literal and name not in SHOWN_ELSEWHERE
    }
    assert {"Verification", "EntityType", "LawStatus", "CaseStatus", "ActionType", "Liability"} <= set(vocabularies)
    shown = {words_label(value) for vocabulary in vocabularies.values() for value in get_args(vocabulary)}
    assert shown - {"Ngo"} <= set(VOCABULARY_WORDS)
