"""Readings that rest on words now in the data files (timex rule file and shared function words)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.dates import DateRules, extract_dates

PUBLISHED = date(2021, 12, 6)


@pytest.fixture(scope="module")
def rules(nlp):
    return DateRules.load(nlp)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 'some' is vague and an approximator: it approximates a number only
        ("The dispute has lasted some 20 years.", [("some 20 years", "DURATION", "P20Y", True)]),
        ("The talks stalled for some time.", [("some time", "DURATION", "PXX", False)]),
        # 'second' is an ordinal and a unit; 'last' an ordinal and a relative word
        ("Exports rose in the second quarter.", [("the second quarter", "DATE", "2021-Q2", False)]),
        ("Exports fell last quarter.", [("last quarter", "DATE", "2021-Q3", False)]),
        # 'half' counts apart from the cardinals; the article before 'hour' does not add one
        ("The meeting lasted half an hour.", [("half an hour", "DURATION", "PT30M", False)]),
        # spelled decades and decade edges
        (
            "The ceasefire began in the nineties and held until the mid-1990s.",
            [("the nineties", "DATE", "199", False), ("the mid-1990s", "DATE", "199", False)],
        ),
        # spelled years: a century word, a tens word and a ones word from the function words
        ("It was founded in nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996", False)]),
        # a clock word and a meridiem suffix
        ("The vote closed at midnight.", [("midnight", "TIME", "2021-12-06T24:00", False)]),
        # a period ended on a day is one unit long
        (
            "Sales grew in the year ended Sept. 30.",
            [("the year", "DURATION", "P1Y", False), ("Sept. 30", "DATE", "2021-09-30", False)],
        ),
    ],
)
def test_dates_words_data_readings(nlp, rules, sentence, expected):
    found = [(d.text, d.type, d.value, d.approximate) for d in extract_dates(nlp(sentence), PUBLISHED, rules)]
    assert found == expected
