"""The seed article (published Monday 2021-12-06): every temporal expression resolves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.extract.dates import DateRules, extract_dates

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"
PUBLISHED = date(2021, 12, 6)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_dates(nlp):
    text = SEED.read_text(encoding="utf-8")
    found = extract_dates(nlp(text), PUBLISHED, DateRules.load(nlp))
    return text, found


@pytest.mark.parametrize(
    ("text", "value", "approximate"),
    [
        ("Monday (6)", "2021-12-06", False),
        ("this Tuesday (7)", "2021-12-07", False),
        ("last Friday", "2021-12-03", False),
        ("last month", "2021-11", False),
        ("January", "2022-01", False),  # "a possible Russian offensive in January" looks ahead
        ("last week", "2021-W48", False),
        ("nearly eight years ago", "2014", True),
    ],
)
def test_dates_seed_expression_resolves(seed_dates, text, value, approximate):
    _, found = seed_dates
    matches = [t for t in found if t.text == text]
    assert matches, f"{text!r} not found in {[t.text for t in found]}"
    assert matches[0].value == value
    assert matches[0].approximate is approximate
    assert matches[0].type == "DATE"


def test_dates_seed_on_monday_is_the_published_day(seed_dates):
    _, found = seed_dates
    mondays = [t for t in found if t.text == "Monday"]
    assert mondays and all(t.value == "2021-12-06" for t in mondays)


def test_dates_seed_offsets_point_into_the_text(seed_dates):
    text, found = seed_dates
    assert found
    for t in found:
        assert text[t.start : t.end] == t.text


def test_dates_seed_ages_and_counts_are_not_dates(seed_dates):
    text, found = seed_dates
    age = text.index("Pilipiuk, 71") + len("Pilipiuk, ")
    troops = text.index("94,000")
    for t in found:
        assert not t.start <= age < t.end, t
        assert not t.start <= troops < t.end, t
    assert "71" not in {t.text for t in found}
    assert "28" not in {t.text for t in found}
