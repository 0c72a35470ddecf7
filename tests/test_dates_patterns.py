"""Each pattern family on a short sentence, published Monday 2021-12-06 unless stated."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.dates import DateRules, extract_dates
from newsgraph.records import TimeExpression

PUBLISHED = date(2021, 12, 6)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rules(nlp) -> DateRules:
    return DateRules.load(nlp)


@pytest.fixture(scope="module")
def dates_in(nlp, rules):
    def run(text: str, published: date | None = PUBLISHED) -> list[TimeExpression]:
        return extract_dates(nlp(text), published, rules)

    return run


CASES = [
    # (sentence, expression text, type, value) -- what each case tests is in its comment
    ("The Kremlin spoke on Monday (6).", "Monday (6)", "DATE", "2021-12-06"),  # weekday + day of month
    ("The presidents will meet this Tuesday (7).", "this Tuesday (7)", "DATE", "2021-12-07"),
    ("The talks ended on Thursday (2).", "Thursday (2)", "DATE", "2021-12-02"),  # day number decides
    ("Officials briefed reporters on Monday.", "Monday", "DATE", "2021-12-06"),  # 'on' is outside the extent
    ("Biden said last Friday that he disagreed.", "last Friday", "DATE", "2021-12-03"),
    ("The ministers met on Friday.", "Friday", "DATE", "2021-12-03"),  # past tense: the Friday before
    ("The ministers will meet on Friday.", "Friday", "DATE", "2021-12-10"),  # future tense: the next one
    ("The United States last week offered to mediate.", "last week", "DATE", "2021-W48"),
    ("Officials warned last month of troop movements.", "last month", "DATE", "2021-11"),
    ("They fear a possible offensive in January.", "January", "DATE", "2022-01"),  # looks ahead
    ("Prices rose sharply in March.", "March", "DATE", "2021-03"),  # past, within reach
    ("The government fell nearly eight years ago.", "nearly eight years ago", "DATE", "2014"),
    ("The government fell two years ago.", "two years ago", "DATE", "2019"),
    ("The treaty was signed on Dec. 6.", "Dec. 6", "DATE", "2021-12-06"),
    ("The treaty was signed on 6 December 2021.", "6 December 2021", "DATE", "2021-12-06"),
    ("The treaty was signed on December 6, 2021.", "December 6, 2021", "DATE", "2021-12-06"),
    ("Growth was strong in the 1990s.", "the 1990s", "DATE", "199"),
    ("The visit lasted two weeks.", "two weeks", "DURATION", "P2W"),
    ("Fighting has continued since 2014.", "2014", "DATE", "2014"),
    ("Sales fell earlier this year.", "earlier this year", "DATE", "2021"),
    ("The leaders will speak Tuesday night.", "Tuesday night", "TIME", "2021-12-07TNI"),
    ("Prices doubled over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("Prices doubled over the past year.", "the past year", "DURATION", "P1Y"),
    ("The army is now on alert.", "now", "DATE", "PRESENT_REF"),
    ("Troops are currently deployed.", "currently", "DATE", "PRESENT_REF"),
    ("The minister arrives today.", "today", "DATE", "2021-12-06"),
    ("The minister arrived yesterday.", "yesterday", "DATE", "2021-12-05"),
    ("The call starts at 3 p.m.", "3 p.m.", "TIME", "2021-12-06T15:00"),
    ("Inspectors visit the plant every week.", "every week", "SET", "P1W"),
    ("The paper appears daily.", "daily", "SET", "P1D"),
    ("Profit rose in the third quarter.", "the third quarter", "DATE", "2021-Q3"),
    ("The company lost money in fiscal 1998.", "fiscal 1998", "DATE", "1998"),
    ("Tensions have grown in recent years.", "recent years", "DATE", "PAST_REF"),
    ("Nobody knows what the future holds.", "the future", "DATE", "FUTURE_REF"),
    ("Negotiations broke off at noon Thursday.", "noon Thursday", "TIME", "2021-12-02T12:00"),
    ("Sales rose last spring.", "last spring", "DATE", "2021-SP"),  # the latest spring before now
    ("The offer expires in mid-1996.", "mid-1996", "DATE", "1996"),
    ("A bomb exploded in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
    ("The strike lasted several years.", "several years", "DURATION", "PXY"),
    ("“We met last week,” the minister said.", "last week", "DATE", "2021-W48"),  # inside a quotation
    ("The memo is dated 2021-11-30.", "2021-11-30", "DATE", "2021-11-30"),  # ISO 8601
    ("The memo is dated 30/11/2021.", "30/11/2021", "DATE", "2021-11-30"),  # day first when it must be
    ("Prices fell in January.", "January", "DATE", "2021-01"),  # the verb governs it: a year back is fine
    ("Investors will sell in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
    ("The offer expires at the end of March 2022.", "the end of March 2022", "DATE", "2022-03"),
    ("Growth was strong in the mid-2000s.", "the mid-2000s", "DATE", "200"),
    ("The leaders met on Christmas Eve.", "Christmas Eve", "DATE", "2020-12-24"),
    ("The minister arrived yesterday afternoon.", "yesterday afternoon", "TIME", "2021-12-05TAF"),
    ("The minister left at 3 p.m. yesterday.", "3 p.m. yesterday", "TIME", "2021-12-05T15:00"),
]


@pytest.mark.parametrize(("sentence", "text", "type_", "value"), CASES, ids=[c[1] for c in CASES])
def test_dates_patterns_reading(dates_in, sentence, text, type_, value):
    found = {t.text: t for t in dates_in(sentence)}
    assert text in found, f"{text!r} not in {list(found)}"
    assert (found[text].type, found[text].value) == (type_, value)


def test_dates_patterns_offsets_match_text(dates_in):
    sentence = "On Dec. 6 the envoy said talks would resume in two weeks."
    for t in dates_in(sentence):
        assert sentence[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "sentence",
    [
        "“We will see,” said Volodimir Pilipiuk, 71.",  # an age after a name
        "Russia massed 94,000 troops near the border.",  # a count
        "The deal is worth $2,000 million.",  # money
        "May we ask the minister a question?",  # a modal, not the month
        "Troops march toward the capital.",  # a verb, not the month
    ],
)
def test_dates_patterns_non_dates_are_skipped(dates_in, sentence):
    assert dates_in(sentence) == []


def test_dates_patterns_approximate_flag(dates_in):
    found = {t.text: t for t in dates_in("The war began about two years ago and lasted two months.")}
    assert found["about two years ago"].approximate is True
    assert found["two months"].approximate is False


def test_dates_patterns_without_published_relative_stay_unresolved(dates_in):
    found = {t.text: t for t in dates_in("Talks stalled last week and resumed on 6 December 2021.", None)}
    assert found["last week"].value is None
    assert found["6 December 2021"].value == "2021-12-06"


def test_dates_patterns_anaphoric_following_year(dates_in):
    found = {t.text: t for t in dates_in("He was promoted on May 22, 1995, and the following year he retired.")}
    assert found["the following year"].value == "1996"


def test_dates_patterns_huge_counts_do_not_overflow(dates_in):
    # a livestock count before 'week ago' must not crash the calendar arithmetic
    found = dates_in("Traders put the slaughter at 300,000 head versus 292,000 week ago.", date(1987, 3, 1))
    assert all(t.value is None or not t.value.startswith("-") for t in found)
