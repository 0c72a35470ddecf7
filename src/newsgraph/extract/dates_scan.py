"""What the words of a temporal expression say: one pass over the span against the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.extract.function_words import FunctionWords

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$")
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2((?:1[5-9]|20)\d\d)$")
_SHORT_DECADE = re.compile(r"^(\d)0s$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word tables a span is read against: the rule file's vocabulary and classes, and shared function words."""

    vocab: dict[str, dict[str, Any]]
    classes: dict[str, frozenset[str]]
    ones: dict[str, int]  # 'one' .. 'nine': the last word of 'nineteen ninety-six'
    tens: dict[str, int]  # 'ten' .. 'nineteen', 'twenty' .. 'ninety': its second word
    articles: frozenset[str]  # indefinite: 'a couple', 'a hundred', 'half an hour'
    edge_prefixes: tuple[str, ...]  # 'mid', 'early', 'late' written before a year or decade
    deictic_days: dict[str, int]  # one-word fixed dates ('yesterday') -> day offset
    approx_suffixes: frozenset[tuple[str, ...]]  # post-posed approximators ('or so')
    edge_year: re.Pattern[str]  # 'mid-1990'
    decade: re.Pattern[str]  # '1990s', 'the mid-1980s'
    day: re.Pattern[str]  # '6', '6th'
    clock: re.Pattern[str]  # '3', '10:30', '3pm'

    @classmethod
    def build(
        cls,
        vocab: dict[str, dict[str, Any]],
        classes: dict[str, frozenset[str]],
        function_words: FunctionWords,
        deictic_days: dict[str, int],
        approx_suffixes: frozenset[tuple[str, ...]],
    ) -> Lexicon:
        """The tables, the shared number words and articles, and the word patterns compiled from them."""
        edges = _alternatives(classes["DECADE_EDGE"])
        meridiem = _alternatives(w for w in vocab["meridiem"] if w.isalpha())
        return cls(
            vocab,
            classes,
            function_words.numbers(["ones"]),
            function_words.numbers(["teens", "tens"]),
            function_words.indefinite_articles,
            tuple(sorted(classes["DECADE_EDGE"])),
            deictic_days,
            approx_suffixes,
            edge_year=re.compile(rf"^({edges})-((?:1[5-9]|20)\d\d)$"),
            decade=re.compile(rf"^(?:(?:{edges})-)?((?:1[0-9]|20)\d)0'?s$"),
            day=re.compile(rf"^(\d{{1,2}})({_alternatives(classes['ORDINAL_SUFFIX'])})?$"),
            clock=re.compile(rf"^(\d{{1,2}})(?:[:.](\d\d))?({meridiem})?$"),
        )


def _alternatives(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


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


def _number(words: list[str], numbers: dict[str, Any], articles: frozenset[str]) -> float | None:
    """The value of number words/digits ('twenty four', '24', 'a', 'one hundred')."""
    total, current, seen = 0.0, 0.0, False
    if len(words) > 1:  # 'a couple', 'a hundred': the article only counts when alone
        words = [w for w in words if w not in articles] or words
    for raw in words:
        for w in raw.split("-"):
            if not w:
                continue
            if _DIGITS.match(w):
                current += float(w.replace(",", ""))
                seen = True
            elif w in numbers and float(numbers[w]).is_integer():  # 'half' is read apart (Parts.half)
                n = float(numbers[w])
                if n == 100 and seen:
                    current = (current or 1) * 100
                else:
                    current += n
                seen = True
    total += current
    return total if seen else None


def _spelled_year(words: list[str], lex: Lexicon) -> tuple[int, set[int]] | None:
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000, with the word indexes used."""
    centuries = lex.vocab["spelled_century"]
    for i, w in enumerate(words):
        if w in centuries and i + 1 < len(words) and words[i + 1] in lex.tens:
            used = {i, i + 1}
            year = int(centuries[w]) * 100 + lex.tens[words[i + 1]]
            j = i + 2
            if j < len(words) and words[j] == "-":
                used.add(j)
                j += 1
            if j < len(words) and words[j] in lex.ones:
                year += lex.ones[words[j]]
                used.add(j)
            return year, used
        if w == "two" and i + 1 < len(words) and words[i + 1] == "thousand" and i > 0 and words[i - 1] == "year":
            return 2000, {i, i + 1}
    return None


def _counts(word: str, vocab: dict[str, dict[str, Any]]) -> bool:
    """Is ``word`` a number (digits or a number word)?"""
    return _DIGITS.match(word) is not None or word in vocab["number"]


def scan(words: list[str], texts: list[str], lex: Lexicon) -> Parts:
    """Read a span's lower-cased words against the vocabulary tables."""
    vocab, classes = lex.vocab, lex.classes
    anaphoric, set_quant, plural_part = classes["ANAPHORIC"], classes["SET_QUANT"], classes["PLURAL_PART"]
    approximator, vague = vocab["approximator"], vocab["vague"]
    decade_word, clock_word = vocab["decade_word"], vocab["clock_word"]
    p = Parts()
    num_words: list[str] = []
    spelled = _spelled_year(words, lex)
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
        if w in anaphoric or (w == "next" and prev == "the"):
            p.anaphoric = True
        # a word both vague and approximating ('some') approximates only a number: 'some 20 years', not 'some time'
        if w in approximator and p.approx is None and i == 0 and (w not in vague or _counts(nxt, vocab)):
            p.approx = approximator[w]  # 'some 20 years' is approximate, 'some time' is not
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
        m = lex.edge_year.match(w)
        if m:
            p.edge, p.year = m.group(1), int(m.group(2))
            continue
        m = lex.decade.match(w)
        if m:
            p.decade = m.group(1)
            continue
        m = _SHORT_DECADE.match(w)
        if m and prev in ("'", "’"):
            p.decade = "19" + m.group(1)
            continue
        if w in decade_word:
            p.decade = str(decade_word[w])
            continue
        if w in vocab["month"] and (texts[i][:1].isupper() or i > 0):
            p.month = int(vocab["month"][w])
            continue
        if w in vocab["weekday"]:
            p.weekday = int(vocab["weekday"][w])
            continue
        if w in lex.deictic_days:
            p.offset = lex.deictic_days[w]
            continue
        if w in vocab["weekdays"]:
            p.weekdays = int(vocab["weekdays"][w])
            continue
        if w in vocab["season"]:
            p.season = str(vocab["season"][w])
            continue
        m = lex.day.match(w)
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
        if w in set_quant:
            p.every = True
            continue
        if w == "other":
            p.other = True
            continue
        if w in vocab["frequency"]:
            p.freq = str(vocab["frequency"][w])
            continue
        # an ordinal that is also a relative word ('last') reads as relative; one that is also a
        # unit ('second') is an ordinal only before the words that make it one
        if w in vocab["ordinal"] and w not in vocab["relative"]:
            if w not in vocab["unit"] or nxt in classes["SECOND_ORDINAL_BEFORE"]:
                p.ordinal = int(vocab["ordinal"][w])
                continue
        if w in classes["QUARTER_WORD"]:
            p.quarter_word = True
        if vocab["unit"].get(w) == "Q" and p.ordinal is not None:
            p.unit = "Q"
            continue
        if w == "half" and (p.ordinal is not None or nxt in lex.articles or prev in lex.articles or prev == "-"):
            p.half = True
            continue
        if w in vocab["part_of_day"]:
            p.part = str(vocab["part_of_day"][w])
            if w in plural_part:
                p.plural = True
            continue
        if w in vocab["unit"] and not (p.unit and p.direction is not None):
            p.unit = str(vocab["unit"][w])
            p.plural = w.endswith("s")
            continue
        if w in vocab["relative"] and p.rel is None:
            p.rel = vocab["relative"][w]
            continue
        if w in vague:  # 'couple' is not vague: it counts two (the number table)
            if w in approximator and _counts(nxt, vocab):
                continue
            p.vague = True
            continue
        if w in vocab["meridiem"]:
            p.meridiem = str(vocab["meridiem"][w])
            continue
        m = lex.clock.match(w)
        if m and (nxt in vocab["meridiem"] or m.group(2) or m.group(3) or nxt in ("o'clock", "in")):
            p.hour, p.minute = int(m.group(1)), int(m.group(2) or 0)
            p.meridiem = str(vocab["meridiem"][m.group(3)]) if m.group(3) else p.meridiem
            continue
        if w in clock_word:
            p.hour = int(clock_word[w])
            continue
        if _DIGITS.match(w) or w in vocab["number"]:
            num_words.append(w)
    if tuple(words[-2:]) in lex.approx_suffixes:
        p.approx = "APPROX"
    if num_words and p.num is None:
        p.num = _number(num_words, vocab["number"], lex.articles)
    if p.hour is not None and p.meridiem == "pm" and p.hour < 12:
        p.hour += 12
    if p.hour is not None and p.meridiem == "am" and p.hour == 12:
        p.hour = 0
    return p
