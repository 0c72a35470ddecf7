"""Calendar arithmetic behind TIMEX3 values (no model needed)."""

from __future__ import annotations

from datetime import date

from newsgraph.extract import dates_calendar as cal

MONDAY = date(2021, 12, 6)


def test_dates_calendar_iso_week_value():
    assert cal.fmt_week(date(2021, 11, 29)) == "2021-W48"
    assert cal.fmt_week(date(2021, 1, 3)) == "2020-W53"  # ISO year differs from calendar year


def test_dates_calendar_weekday_before_after_and_nearest():
    assert cal.weekday_near(MONDAY, 5, -1, include_anchor=False) == date(2021, 12, 3)
    assert cal.weekday_near(MONDAY, 1, -1, include_anchor=True) == MONDAY
    assert cal.weekday_near(MONDAY, 1, -1, include_anchor=False) == date(2021, 11, 29)
    assert cal.weekday_near(MONDAY, 2, 1, include_anchor=False) == date(2021, 12, 7)
    assert cal.weekday_near(MONDAY, 3, 0, include_anchor=True) == date(2021, 12, 8)


def test_dates_calendar_day_of_month_beats_weekday_guess():
    assert cal.weekday_with_day(MONDAY, 2, 7) == date(2021, 12, 7)
    assert cal.weekday_with_day(MONDAY, 1, 6) == MONDAY


def test_dates_calendar_month_year_by_tense_and_distance():
    assert cal.year_for_month(MONDAY, 1, "future") == 2022
    assert cal.year_for_month(MONDAY, 1, None) == 2022  # one month ahead is nearer than eleven back
    assert cal.year_for_month(MONDAY, 3, "past") == 2021
    assert cal.year_for_month(MONDAY, 11, "past", strict=True) == 2021  # "last November": the latest before
    assert cal.year_for_month(MONDAY, 12, "past", strict=True) == 2020  # "last December" in December


def test_dates_calendar_month_day_prefers_fitting_weekday():
    # 'Saturday, April 25' written on 1998-04-24: 1998-04-25 is a Saturday
    assert cal.nearest_day(date(1998, 4, 24), 4, 25, "past", weekday=6) == date(1998, 4, 25)


def test_dates_calendar_rounding_and_shifts():
    eight_back = cal.shift_date(MONDAY, "Y", -8)
    assert eight_back == date(2013, 12, 6)
    assert cal.round_to_unit(eight_back, "Y") == date(2014, 1, 1)
    assert cal.shift_date(date(2021, 3, 31), "M", -1) == date(2021, 2, 28)
    assert cal.fmt_unit(MONDAY, "Q") == "2021-Q4"
    assert cal.fmt_unit(MONDAY, "DE") == "202"


def test_dates_calendar_holidays():
    assert cal.easter(2021) == date(2021, 4, 4)
    assert cal.nth_weekday(2021, 11, 4, 4) == date(2021, 11, 25)  # US Thanksgiving
    assert cal.nth_weekday(2021, 5, 1, -1) == date(2021, 5, 31)  # US Memorial Day
