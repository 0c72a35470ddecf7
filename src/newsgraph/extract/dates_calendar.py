"""Calendar arithmetic and TIMEX3 value formatting for the dates extractor."""

from __future__ import annotations

from datetime import date, timedelta

SEASON_OF_MONTH: dict[int, str] = {
    12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
    6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA",
}  # fmt: skip
TENSE_REACH_MONTHS = 9
SEASON_ORDER: tuple[str, ...] = ("SP", "SU", "FA", "WI")  # winter counted with its December


def fmt_day(d: date) -> str:
    """ISO calendar date, 2021-12-06."""
    return d.isoformat()


def fmt_month(year: int, month: int) -> str:
    """TIMEX3 month value, 2021-11."""
    return f"{year:04d}-{month:02d}"


def fmt_week(d: date) -> str:
    """TIMEX3 ISO week value of the week holding ``d``, 2021-W48."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmt_quarter(year: int, quarter: int) -> str:
    """TIMEX3 quarter value, 1998-Q3."""
    return f"{year:04d}-Q{quarter}"


def quarter_of(d: date) -> int:
    """Calendar quarter 1..4 of a date."""
    return (d.month - 1) // 3 + 1


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by n months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift_date(d: date, unit: str, n: int) -> date:
    """A date moved by n calendar units (D, W, M, Y, DE, CE, Q, FN); months clamp the day."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "FN":
        return d + timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return d
    y, m = add_months(d.year, d.month, n * months)
    if y < 1 or y > 9999:
        return d
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def fmt_unit(d: date, unit: str) -> str:
    """The TIMEX3 value of the unit-sized period holding ``d`` (week -> 2021-W48, Y -> 2021)."""
    if unit == "D":
        return fmt_day(d)
    if unit in ("W", "FN"):
        return fmt_week(d)
    if unit == "WE":
        return fmt_week(d) + "-WE"
    if unit == "M":
        return fmt_month(d.year, d.month)
    if unit == "Q":
        return fmt_quarter(d.year, quarter_of(d))
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def round_to_unit(d: date, unit: str) -> date:
    """``d`` rounded to the nearest start of its unit (years round at July 1, months at the 16th)."""
    if unit == "Y" and d.month >= 7:
        return date(d.year + 1, 1, 1)
    if unit == "M" and d.day >= 16:
        y, m = add_months(d.year, d.month, 1)
        return date(y, m, 1)
    if unit == "DE" and d.year % 10 >= 5:
        return date(d.year + 10 - d.year % 10, 1, 1)
    return d


def weekday_near(anchor: date, weekday: int, direction: int, include_anchor: bool) -> date:
    """The date with ISO ``weekday`` before (-1), after (+1) or nearest to (0) ``anchor``."""
    diff = weekday - anchor.isoweekday()
    if direction < 0:
        back = (-diff) % 7
        if back == 0 and not include_anchor:
            back = 7
        return anchor - timedelta(days=back)
    if direction > 0:
        ahead = diff % 7
        if ahead == 0 and not include_anchor:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back, ahead = (-diff) % 7, diff % 7
    # news reports mostly what happened: an undecided weekday leans to the past on ties
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def weekday_with_day(anchor: date, weekday: int, day: int) -> date | None:
    """The date within two weeks of ``anchor`` whose day of month is ``day`` (weekday as tie-break)."""
    best: date | None = None
    for k in range(-14, 15):
        cand = anchor + timedelta(days=k)
        if cand.day != day:
            continue
        if cand.isoweekday() == weekday:
            return cand
        if best is None or abs(k) < abs((best - anchor).days):
            best = cand
    return best


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) ISO weekday of a month, e.g. US Thanksgiving."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    y, m = add_months(year, month, 1)
    last = date(y, m, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def year_for_month(
    anchor: date, month: int, tense: str | None, strict: bool = False, reach: int = TENSE_REACH_MONTHS
) -> int:
    """The year of an unanchored month: past -> latest not after the anchor, future -> next not
    before it, unknown tense -> the nearest occurrence.

    ``strict`` ('last November', 'next January') means the latest one before / the first one
    after the anchor's month.
    """
    if strict:
        if tense == "past":
            return anchor.year if month < anchor.month else anchor.year - 1
        return anchor.year if month > anchor.month else anchor.year + 1
    if month == anchor.month:
        return anchor.year
    back = (anchor.month - month) % 12
    # the tense picks the side only while that side is within ~9 months (a past-tense report of
    # a dividend 'payable Dec. 7' still points ahead); beyond that the nearest occurrence wins
    if tense == "past" and back <= reach:
        return anchor.year - (month > anchor.month)
    if tense == "future" and 12 - back <= reach:
        return anchor.year + (month < anchor.month)
    return anchor.year - (month > anchor.month) if back <= 12 - back else anchor.year + (month < anchor.month)


def nearest_day(
    anchor: date, month: int, day: int, tense: str | None, weekday: int | None = None, reach: int = TENSE_REACH_MONTHS
) -> date | None:
    """The year of a month-and-day date: the one whose weekday fits, else by tense, else the nearest."""
    cands: list[date] = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    if weekday is not None:
        fitting = [c for c in cands if c.isoweekday() == weekday]
        if fitting:
            cands = fitting
    days = reach * 31
    past = [c for c in cands if c <= anchor and (anchor - c).days <= days]
    ahead = [c for c in cands if c >= anchor and (c - anchor).days <= days]
    if tense == "past" and past:
        return max(past)
    if tense == "future" and ahead:
        return min(ahead)
    return min(cands, key=lambda c: abs((c - anchor).days))


def season_year(anchor: date, season: str, rel: int, tense: str | None) -> int:
    """The year of 'last/this/next <season>' or a bare season (winter counted by its December)."""
    cur = SEASON_OF_MONTH[anchor.month]
    cur_year = anchor.year - 1 if (cur == "WI" and anchor.month < 3) else anchor.year
    ci, si = SEASON_ORDER.index(cur), SEASON_ORDER.index(season)
    if rel < 0:  # 'last spring': the latest one before the current season
        return cur_year if si < ci else cur_year - 1
    if rel > 0:
        return cur_year if si > ci else cur_year + 1
    if tense == "past" and si > ci:
        return cur_year - 1
    if tense == "future" and si < ci:
        return cur_year + 1
    return cur_year
