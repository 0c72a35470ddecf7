"""Readings of temporal expressions: a matched span's words -> TIMEX3 type and value.

Each rule family (``calendar``, ``weekday``, ``relative``, ``anchored``, ``quarter``,
``duration``, ``clock``, ``set``, ``holiday``, ``word``) has one function here; all of them
read the same ``Parts`` (what the words of the span say, from the vocabulary tables) and
a ``Context`` (published date, tense around the span, the last date the text mentioned).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from newsgraph.extract import dates_calendar as cal
from newsgraph.extract.dates_scan import Parts

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
_DURATION_UNIT = {"Y": ("P", "Y", 1), "M": ("P", "M", 1), "W": ("P", "W", 1), "D": ("P", "D", 1),
                  "DE": ("P", "E", 1), "CE": ("P", "C", 1), "Q": ("P", "Q", 1), "FN": ("P", "W", 2),
                  "H": ("PT", "H", 1), "MIN": ("PT", "M", 1), "S": ("PT", "S", 1), "WE": ("P", "WE", 1)}  # fmt: skip
_VAGUE_UNIT = {"MIN": "M", "FN": "W"}  # TimeML (TBAQ) writes decades E, centuries C: P2E, PXC
_FINER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "Q": ("M", 3)}


@dataclass(frozen=True, slots=True)
class Reading:
    """A normalized expression; ``anchor`` is the day it points at (for later anaphora)."""

    type: TimexType
    value: str | None
    approximate: bool = False
    anchor: date | None = None
    quarter: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a reading may depend on besides its words."""

    published: date | None
    tense: str | None  # "past" | "future" | "present" | "scheduled" (present of an event) | None
    last_date: date | None = None
    last_quarter: tuple[int, int] | None = None  # set only while the last DATE mention was a quarter
    deadline: bool = False  # after 'until', 'by', 'through' ...
    direct: bool = False  # the verb governs the span through prepositions only ('fell in January')


def _fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P3Y, PT5M, PXY (n None = unknown)."""
    if n is not None and not float(n).is_integer() and unit in _FINER:
        finer, k = _FINER[unit]
        n, unit = n * k, finer
    prefix, letter, factor = _DURATION_UNIT[unit]
    if n is None:
        return f"{prefix}X{_VAGUE_UNIT.get(unit, letter)}"
    return f"{prefix}{_fmt_number(n * factor)}{letter}"


def _date_reading(d: date, unit: str = "D", approximate: bool = False) -> Reading:
    value = cal.fmt_unit(d, unit)
    quarter = (d.year, cal.quarter_of(d)) if unit == "Q" else None
    return Reading("DATE", value, approximate, anchor=d, quarter=quarter)


def read_calendar(p: Parts, ctx: Context) -> Reading | None:
    """Dates written out: '6 December 2021', 'Dec. 6', 'July 1997', '1990', 'the 1990s'."""
    pub = ctx.published
    if p.decade is not None:
        return Reading("DATE", p.decade, p.approx == "APPROX")
    if p.ordinal is not None and p.unit == "CE":
        return Reading("DATE", f"{p.ordinal - 1:02d}")
    if p.year is not None:
        if p.month is not None and p.day is not None:
            try:
                d = date(p.year, p.month, p.day)
            except ValueError:
                return None
            return _date_reading(d)
        if p.month is not None:
            return Reading("DATE", cal.fmt_month(p.year, p.month), anchor=date(p.year, p.month, 1))
        if p.season is not None:
            return Reading("DATE", f"{p.year:04d}-{p.season}", anchor=date(p.year, 1, 1))
        return Reading("DATE", f"{p.year:04d}", p.approx == "APPROX", anchor=date(p.year, 1, 1))
    if p.month is None and p.season is None:
        return None
    if pub is None:
        return Reading("DATE", None)
    if p.season is not None:
        year = cal.season_year(pub, p.season, 0, ctx.tense)
        return Reading("DATE", f"{year:04d}-{p.season}", anchor=date(year, 1, 1))
    assert p.month is not None
    if p.unit == "Y" and isinstance(p.rel, int):  # 'June last year'
        year = pub.year + p.rel
        return Reading("DATE", cal.fmt_month(year, p.month), anchor=date(year, p.month, 1))
    if p.day is not None:
        found = cal.nearest_day(pub, p.month, p.day, ctx.tense, p.weekday, reach=_reach(ctx))
        return _date_reading(found) if found else None
    year = cal.year_for_month(pub, p.month, ctx.tense, reach=_reach(ctx))
    return Reading("DATE", cal.fmt_month(year, p.month), anchor=date(year, p.month, 1))


def _reach(ctx: Context) -> int:
    """How far (months) the tense may push a month: a year when the verb governs the date itself."""
    return 12 if ctx.direct else cal.TENSE_REACH_MONTHS


def _weekday_date(p: Parts, ctx: Context, pub: date) -> date:
    wd = p.weekday or 1
    if p.day is not None:
        found = cal.weekday_with_day(pub, wd, p.day)
        if found is not None:
            return found
    rel = p.rel
    if rel in (-1, "past"):
        return cal.weekday_near(pub, wd, -1, include_anchor=False)
    if rel in (1, "coming"):
        return cal.weekday_near(pub, wd, 1, include_anchor=False)
    if rel == 0:
        if ctx.tense == "future":
            return cal.weekday_near(pub, wd, 1, include_anchor=True)
        if ctx.tense == "past":
            return cal.weekday_near(pub, wd, -1, include_anchor=True)
        return cal.shift_date(pub, "D", wd - pub.isoweekday())
    if ctx.tense in ("future", "scheduled"):
        return cal.weekday_near(pub, wd, 1, include_anchor=True)
    if ctx.deadline:
        return cal.weekday_near(pub, wd, 0, include_anchor=True)
    # news mostly reports what happened: a bare weekday without a future verb is the last one
    return cal.weekday_near(pub, wd, -1, include_anchor=True)


def read_weekday(p: Parts, ctx: Context) -> Reading | None:
    """'Monday (6)', 'last Friday', 'this Tuesday', 'Tuesday night'."""
    if ctx.published is None:
        return Reading("TIME" if p.part else "DATE", None)
    base = (ctx.last_date or ctx.published) if p.anaphoric else ctx.published
    d = _weekday_date(p, ctx, base)
    if p.part:
        return Reading("TIME", f"{d.isoformat()}T{p.part}", anchor=d)
    return _date_reading(d)


def read_relative(p: Parts, ctx: Context) -> Reading | None:
    """'last week' -> 2021-W48, 'last month' -> 2021-11, 'this summer', 'the weekend'."""
    pub = ctx.published
    unit = p.unit
    if p.rel == "past" and unit not in (None, "WE") and p.month is None and p.season is None:
        return Reading("DURATION", duration_value(1, unit))
    if pub is None:
        return Reading("DATE", None)
    step = p.rel if isinstance(p.rel, int) else {"coming": 1, "past": -1}.get(str(p.rel), 0)
    if p.rel == "same" or (p.rel == 0 and p.unit is None and p.month is None and p.season is None):
        base = ctx.last_date or pub
        return _date_reading(base, unit or "D")
    if p.month is not None:
        tense = "past" if step < 0 else "future" if step > 0 else None
        year = cal.year_for_month(pub, p.month, tense, strict=True) if tense else pub.year
        return Reading("DATE", cal.fmt_month(year, p.month), anchor=date(year, p.month, 1))
    if p.season is not None:
        year = cal.season_year(pub, p.season, step, None)
        return Reading("DATE", f"{year:04d}-{p.season}", anchor=date(year, 1, 1))
    if unit == "WE":
        if p.rel is None:  # 'the weekend': the coming one when ahead or under way, else the last one
            step = 0 if ctx.tense == "future" or pub.isoweekday() >= 6 else -1
        return Reading("DATE", cal.fmt_week(cal.shift_date(pub, "W", step)) + "-WE")
    if unit is None:
        return None
    if unit == "Q" and (p.rel in ("latest", None) or p.rel == "recent"):
        if ctx.last_quarter:
            y, q = ctx.last_quarter
            return Reading("DATE", cal.fmt_quarter(y, q), anchor=date(y, 3 * q - 2, 1), quarter=(y, q))
        step = -1
    if unit in ("H", "MIN", "S"):
        return None
    base = (ctx.last_date or pub) if p.anaphoric else pub
    return _date_reading(cal.shift_date(base, unit, step), unit)


def read_anchored(p: Parts, ctx: Context) -> Reading | None:
    """'two years ago', 'a year earlier', 'year-ago', 'the next day', 'that day'."""
    unit = p.unit or "D"
    approx = p.approx == "APPROX"
    if p.direction is None:  # 'the next day', 'that morning', 'the same week'
        base = ctx.last_date or ctx.published
        if base is None:
            return Reading("DATE", None)
        step = p.rel if isinstance(p.rel, int) else 0
        if p.part:
            d = cal.shift_date(base, "D", step)
            return Reading("TIME", f"{d.isoformat()}T{p.part}", anchor=d)
        return _date_reading(cal.shift_date(base, unit, step), unit)
    if p.vague or (p.num is None and p.plural):
        return Reading("DATE", "PAST_REF" if p.direction < 0 else "FUTURE_REF", approx)
    n = max(1, round(p.num)) if p.num is not None else 1
    ago = p.direction < 0
    # 'two years ago' and the adjectives 'year-ago', 'year-earlier' count from the published date;
    # 'a year earlier' / 'two days later' from the last date the text mentioned
    base = ctx.published if (ago or p.hyphen_ago) else (ctx.last_date or ctx.published)
    if base is None:
        return Reading("DATE", None, approx)
    quarter = ctx.last_quarter
    if quarter is None and p.hyphen_ago and p.quarter_word and ctx.published is not None:
        last_done = cal.shift_date(ctx.published, "Q", -1)  # 'the year-ago quarter': the last one reported
        quarter = (last_done.year, cal.quarter_of(last_done))
    if quarter and unit == "Y":
        y, q = quarter
        y = y + n * p.direction
        return Reading("DATE", cal.fmt_quarter(y, q), approx, anchor=date(y, 3 * q - 2, 1), quarter=(y, q))
    if unit in ("H", "MIN", "S"):
        return Reading("TIME", cal.fmt_day(base), approx, anchor=base)
    try:
        d = cal.shift_date(base, unit, n * p.direction)
    except (OverflowError, ValueError):
        return None  # '292,000 week ago' counts hogs, not weeks
    if approx:
        d = cal.round_to_unit(d, unit)
    # 'a decade ago' names a year, not the decade it falls in
    return _date_reading(d, {"WE": "W", "DE": "Y", "CE": "Y"}.get(unit, unit), approx)


def read_quarter(p: Parts, ctx: Context) -> Reading | None:
    """'the third quarter' -> 1998-Q3, 'first half' -> 1998-H1, 'the quarter' -> last one mentioned."""
    pub = ctx.published
    if p.ordinal is None:
        if ctx.last_quarter:
            y, q = ctx.last_quarter
        elif pub is not None:
            d = cal.shift_date(pub, "Q", -1)
            y, q = d.year, cal.quarter_of(d)
        else:
            return Reading("DATE", None)
        if p.year is not None:
            y = p.year
        elif p.year_rel is not None and pub is not None:
            y = pub.year + p.year_rel
        if p.direction is not None:
            y -= 1
        return Reading("DATE", cal.fmt_quarter(y, q), anchor=date(y, 3 * q - 2, 1), quarter=(y, q))
    n = p.ordinal
    is_half = p.half
    if is_half and n > 2 or not is_half and n > 4:
        return None
    if p.year is not None:
        year = p.year
    elif pub is None:
        return Reading("DATE", None)
    else:
        year = pub.year + (p.year_rel or 0)
        current = cal.quarter_of(pub) if not is_half else (1 if pub.month <= 6 else 2)
        if p.year_rel is None and n > current and ctx.tense != "future":
            year -= 1
        if p.direction is not None:
            year -= 1
    if is_half:
        return Reading("DATE", f"{year:04d}-H{n}", anchor=date(year, 6 * n - 5, 1))
    return Reading("DATE", cal.fmt_quarter(year, n), anchor=date(year, 3 * n - 2, 1), quarter=(year, n))


def read_duration(p: Parts, ctx: Context) -> Reading | None:
    """'two weeks' -> P2W, 'the past three years' -> P3Y, 'several years' -> PXY."""
    approx = p.approx == "APPROX"
    if p.unit is None:
        return Reading("DURATION", "PXX", approx) if not p.half else None
    if p.rel == "recent" and p.num is None:
        return Reading("DATE", "PAST_REF", approx)
    if p.rel == "coming" and p.num is None:
        return Reading("DATE", "FUTURE_REF", approx)
    if p.half:
        return Reading("DURATION", duration_value(0.5 if p.num in (None, 1) else p.num, p.unit), approx)
    if p.num is None and not (p.vague or p.plural):
        return None
    n = None if (p.vague or p.num is None) else p.num
    if n is not None and n <= 0:
        return None
    return Reading("DURATION", duration_value(n, p.unit), approx)


def read_clock(p: Parts, ctx: Context) -> Reading | None:
    """'3 p.m.' -> 2021-12-06T15:00, '9 a.m. Tuesday', 'midnight'."""
    if p.hour is None or p.hour > 24 or p.minute > 59:
        return None
    pub = ctx.published
    d: date | None
    if p.weekday is not None and pub is not None:
        d = _weekday_date(p, ctx, pub)
    elif p.month is not None and p.day is not None and pub is not None:
        d = date(p.year, p.month, p.day) if p.year else cal.nearest_day(pub, p.month, p.day, ctx.tense)
    elif p.offset is not None and pub is not None:
        d = cal.shift_date(pub, "D", p.offset)
    else:
        d = pub
    if d is None:
        return Reading("TIME", None)
    return Reading("TIME", f"{d.isoformat()}T{p.hour:02d}:{p.minute:02d}", anchor=d)


def read_set(p: Parts, ctx: Context) -> Reading | None:
    """'every week' -> P1W, 'daily' -> P1D, 'Tuesday nights' -> XXXX-WXX-2TNI."""
    if p.freq is not None:
        return Reading("SET", p.freq)
    wd = p.weekdays or p.weekday
    if wd is not None:
        suffix = f"T{p.part}" if p.part else ""
        return Reading("SET", f"XXXX-WXX-{wd}{suffix}")
    if p.month is not None:
        return Reading("SET", f"XXXX-{p.month:02d}")
    if p.season is not None:
        return Reading("SET", f"XXXX-{p.season}")
    if p.part is not None:
        return Reading("SET", f"XXXX-XX-XXT{p.part}")
    if p.unit is None:
        return None
    n = p.num or 1
    if p.other:
        n *= 2
    return Reading("SET", duration_value(n, p.unit))


def read_word(entry: dict[str, Any], p: Parts, ctx: Context) -> Reading | None:
    """Fixed expressions: 'now' -> PRESENT_REF, 'yesterday', 'tonight' -> ...TNI."""
    kind: TimexType = entry.get("type", "DATE")
    if "value" in entry:
        return Reading(kind, str(entry["value"]))
    if ctx.published is None:
        return Reading(kind, None)
    d = cal.shift_date(ctx.published, "D", int(entry.get("offset_days", 0)))
    part = p.part or entry.get("part")
    if part:
        return Reading("TIME", f"{d.isoformat()}T{part}", anchor=d)
    return _date_reading(d)


def read_holiday(entry: dict[str, Any], p: Parts, ctx: Context) -> Reading | None:
    """'Christmas' -> 2021-12-25, 'Thanksgiving' -> fourth Thursday of November."""
    pub = ctx.published
    if pub is None and p.year is None:
        return Reading("DATE", None)

    def on(year: int) -> date:
        if "easter" in entry:
            return cal.shift_date(cal.easter(year), "D", int(entry["easter"]))
        if "weekday" in entry:
            return cal.nth_weekday(year, int(entry["month"]), int(entry["weekday"]), int(entry["nth"]))
        return date(year, int(entry["month"]), int(entry["day"]))

    if p.year is not None:
        return _date_reading(on(p.year))
    assert pub is not None
    cands = [on(pub.year - 1), on(pub.year), on(pub.year + 1)]
    if p.rel in (-1, "past") or (p.rel is None and ctx.tense == "past"):
        cands = [c for c in cands if c < pub or (c == pub and p.rel is None)]
        return _date_reading(max(cands))
    if p.rel in (1, "coming") or (p.rel is None and ctx.tense == "future"):
        return _date_reading(min(c for c in cands if c >= pub))
    return _date_reading(min(cands, key=lambda c: abs((c - pub).days)))


def read_deictic(p: Parts, ctx: Context) -> Reading | None:
    """'yesterday afternoon' -> 2021-12-05TAF, 'tomorrow morning'."""
    if ctx.published is None:
        return Reading("TIME", None)
    d = cal.shift_date(ctx.published, "D", p.offset or 0)
    if p.part:
        return Reading("TIME", f"{d.isoformat()}T{p.part}", anchor=d)
    return _date_reading(d)


READERS = {
    "deictic": read_deictic,
    "calendar": read_calendar,
    "weekday": read_weekday,
    "relative": read_relative,
    "anchored": read_anchored,
    "quarter": read_quarter,
    "duration": read_duration,
    "clock": read_clock,
    "set": read_set,
}


def with_approx(reading: Reading, p: Parts) -> Reading:
    """Mark APPROX modifiers ('nearly', 'about', 'some', 'or so') as approximate."""
    if p.approx == "APPROX" and not reading.approximate:
        return replace(reading, approximate=True)
    return reading
