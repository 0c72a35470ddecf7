"""What the words of a temporal expression say: one pass over the span against the vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$")
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2((?:1[5-9]|20)\d\d)$")
_EDGE_YEAR = re.compile(r"^(mid|early|late)-((?:1[5-9]|20)\d\d)$")
_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_DECADE = re.compile(r"^(?:mid-|early-|late-)?((?:1[0-9]|20)\d)0'?s$")
_SHORT_DECADE = re.compile(r"^(\d)0s$")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d\d))?(am|pm)?$")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
_DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


@dataclass(slots=True)
class Parts:
    """What the words of one span say (filled by ``scan``, local to one reading)."""

    approx: str | None = None
    rel: Any = None
    edge: str | None = None
    num: float | None = None
    vague: bool = False
    unit: str | None = None
    plural: bool = False
    month: int | None = None
    day: int | None = None
    year: int | None = None
    weekday: int | None = None
    weekdays: int | None = None
    season: str | None = None
    part: str | None = None
    ordinal: int | None = None
    half: bool = False
    decade: str | None = None
    hour: int | None = None
    minute: int = 0
    meridiem: str | None = None
    direction: int | None = None
    every: bool = False
    other: bool = False
    freq: str | None = None
    offset: int | None = None
    hyphen_ago: bool = False
    year_rel: int | None = None
    anaphoric: bool = False
    quarter_word: bool = False


def _number(words: list[str], numbers: dict[str, Any]) -> float | None:
    """The value of number words/digits ('twenty four', '24', 'a', 'one hundred')."""
    total, current, seen = 0.0, 0.0, False
    if len(words) > 1:  # 'a couple', 'a hundred': the article only counts when alone
        words = [w for w in words if w not in ("a", "an")] or words
    for raw in words:
        for w in raw.split("-"):
            if not w:
                continue
            if _DIGITS.match(w):
                current += float(w.replace(",", ""))
                seen = True
            elif w in numbers and w != "half":
                n = float(numbers[w])
                if n == 100 and seen:
                    current = (current or 1) * 100
                else:
                    current += n
                seen = True
    total += current
    return total if seen else None


def _spelled_year(words: list[str]) -> tuple[int, set[int]] | None:
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000, with the word indexes used."""
    for i, w in enumerate(words):
        if w in ("eighteen", "nineteen") and i + 1 < len(words) and words[i + 1] in _TENS:
            used = {i, i + 1}
            year = (18 if w == "eighteen" else 19) * 100 + _TENS[words[i + 1]]
            j = i + 2
            if j < len(words) and words[j] == "-":
                used.add(j)
                j += 1
            if j < len(words) and words[j] in _ONES:
                year += _ONES[words[j]]
                used.add(j)
            return year, used
        if w == "two" and i + 1 < len(words) and words[i + 1] == "thousand" and i > 0 and words[i - 1] == "year":
            return 2000, {i, i + 1}
    return None


def scan(words: list[str], texts: list[str], vocab: dict[str, dict[str, Any]]) -> Parts:
    """Read a span's lower-cased words against the vocabulary tables."""
    p = Parts()
    num_words: list[str] = []
    spelled = _spelled_year(words)
    skip: set[int] = set()
    if spelled:
        p.year, skip = spelled
    if len(words) == 5 and words[1] == words[3] == "-" and _YEAR.match(words[0]):  # ISO 2021-11-30
        p.year, p.month, p.day = int(words[0]), int(words[2]), int(words[4])
        return p
    for i, w in enumerate(words):
        if i in skip:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = words[i - 1] if i else ""
        if w in ("following", "previous") or (w == "next" and prev == "the"):
            p.anaphoric = True
        some_count = w == "some" and (_DIGITS.match(nxt) is not None or nxt in vocab["number"])
        if w in vocab["approximator"] and p.approx is None and i == 0 and (w != "some" or some_count):
            p.approx = vocab["approximator"][w]  # 'some 20 years' is approximate, 'some time' is not
        two = f"{w} {nxt}"
        if two in vocab["approximator"] and i == 0:
            p.approx = vocab["approximator"][two]
        if _YEAR.match(w):
            p.year = int(w)
            continue
        m = _NUMERIC_DATE.match(w)
        if m:
            a, b = int(m.group(1)), int(m.group(3))
            # '/' with a first number that can be a month reads US month/day; '.' and a first
            # number above 12 read day.month (European and translated press)
            us = m.group(2) == "/" and a <= 12
            p.month, p.day = (a, b) if us else (b, a)
            p.year = int(m.group(4))
            continue
        m = _EDGE_YEAR.match(w)
        if m:
            p.edge, p.year = m.group(1), int(m.group(2))
            continue
        m = _DECADE.match(w)
        if m:
            p.decade = m.group(1)
            continue
        m = _SHORT_DECADE.match(w)
        if m and prev in ("'", "’"):
            p.decade = "19" + m.group(1)
            continue
        if w in _DECADE_WORDS:
            p.decade = f"19{_DECADE_WORDS[w]}"
            continue
        if w in vocab["month"] and (texts[i][:1].isupper() or i > 0):
            p.month = int(vocab["month"][w])
            continue
        if w in vocab["weekday"]:
            p.weekday = int(vocab["weekday"][w])
            continue
        if w in _DEICTIC_DAYS:
            p.offset = _DEICTIC_DAYS[w]
            continue
        if w in vocab["weekdays"]:
            p.weekdays = int(vocab["weekdays"][w])
            continue
        if w in vocab["season"]:
            p.season = str(vocab["season"][w])
            continue
        m = _DAY.match(w)
        if m and ((prev == "(" and nxt == ")") or p.month is not None or nxt in vocab["month"] or nxt == "of"):
            p.day = int(m.group(1))
            continue
        if w in vocab["direction"] and i > 0:
            p.direction = int(vocab["direction"][w])
            if prev == "-":
                p.hyphen_ago = True
            continue
        if w in vocab["edge"] and i == 0 or (w == "mid" and nxt == "-"):
            p.edge = str(vocab["edge"].get(w, "MID"))
            continue
        if w in ("every", "each", "per"):
            p.every = True
            continue
        if w == "other":
            p.other = True
            continue
        if w in vocab["frequency"]:
            p.freq = str(vocab["frequency"][w])
            continue
        if w in vocab["ordinal"] and w != "last":
            if w != "second" or nxt in ("quarter", "half", "-", "century"):
                p.ordinal = int(vocab["ordinal"][w])
                continue
        if w in ("quarter", "period"):
            p.quarter_word = True
        if w in ("quarter", "quarters") and p.ordinal is not None:
            p.unit = "Q"
            continue
        if w == "half" and (p.ordinal is not None or nxt in ("a", "an") or prev in ("a", "-")):
            p.half = True
            continue
        if w in vocab["part_of_day"]:
            p.part = str(vocab["part_of_day"][w])
            if w in ("nights", "mornings"):
                p.plural = True
            continue
        if w in vocab["unit"] and not (p.unit and p.direction is not None):
            p.unit = str(vocab["unit"][w])
            p.plural = w.endswith("s") and w != "hours" or w in ("hours", "centuries")
            continue
        if w in vocab["relative"] and p.rel is None:
            p.rel = vocab["relative"][w]
            continue
        if w in vocab["vague"] or w in ("few", "couple"):
            if w == "some" and (_DIGITS.match(nxt) or nxt in vocab["number"]):
                continue
            if w == "couple":
                num_words.append(w)
            else:
                p.vague = True
            continue
        if w in vocab["meridiem"]:
            p.meridiem = str(vocab["meridiem"][w])
            continue
        m = _CLOCK.match(w)
        if m and (nxt in vocab["meridiem"] or m.group(2) or m.group(3) or nxt in ("o'clock", "in")):
            p.hour, p.minute = int(m.group(1)), int(m.group(2) or 0)
            p.meridiem = m.group(3) or p.meridiem
            continue
        if w in ("noon", "midday"):
            p.hour = 12
            continue
        if w == "midnight":
            p.hour = 24
            continue
        if _DIGITS.match(w) or w in vocab["number"]:
            num_words.append(w)
    if words[-2:] == ["or", "so"]:
        p.approx = "APPROX"
    if num_words and p.num is None:
        p.num = _number(num_words, vocab["number"])
    if p.hour is not None and p.meridiem == "pm" and p.hour < 12:
        p.hour += 12
    if p.hour is not None and p.meridiem == "am" and p.hour == 12:
        p.hour = 0
    return p
