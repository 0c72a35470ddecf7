"""Amounts that are not amounts: dates, years, durations, ages, labels, names, furniture.

Split out of ``newsgraph.extract.amounts``; ``excluded`` is called once per number run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.extract.amounts_data import AmountData, NumberRun, Unit
from newsgraph.extract.doctext import sentences

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")
_NOUNS = frozenset({"NOUN", "PROPN"})
_NAME_ENTS = frozenset({"ORG", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PRODUCT"})
_MAX_AGE = 120


def excluded(
    doc: Doc, text: str, run: NumberRun, unit: Unit, date_spans: Sequence[tuple[int, int]], data: AmountData
) -> bool:
    """True for dates, years, durations, ages, ordinals, pronoun 'one', ids, furniture."""
    first_tok = doc[run.start]
    number = text[first_tok.idx : doc[run.end - 1].idx + len(doc[run.end - 1])]
    has_unit = unit.kind in ("currency", "percent") or (unit.kind == "noun" and unit.name not in data.time_units)
    if unit.kind == "fraction":
        return False
    if unit.kind == "noun" and (unit.name in data.time_units or unit.name in data.non_count_nouns):
        return True  # "60 days", "two-year", "seven-year-old": a duration or an age; "one-time"
    if _hyphen_adjective(doc, run, unit):
        return True  # "three-pronged": a compound adjective, not a count
    if unit.kind not in ("currency", "percent") and _after_calendar_word(doc, run, data):
        return True  # "Dec. 2 attack", "July 1 deadline": a day of the month
    if unit.kind not in ("currency", "percent") and _after_label(doc, run, data):
        return True  # "No. 1 force", "Resolution 2231"
    if unit.kind not in ("currency", "percent") and (_alone_on_line(doc, text, run) or _list_marker(doc, text, run)):
        return True  # slide counters and list markers: "1." on a line of its own
    if run.end < len(doc) and _is_time_unit(doc[run.end], data):
        return True
    if run.end + 1 < len(doc) and doc[run.end].text == "-" and _is_time_unit(doc[run.end + 1], data):
        return True
    if unit.kind not in ("currency", "percent") and _YEAR.match(number) and run.end - run.start == 1:
        return True  # a year ("in 1986", "the 2001 invasion")
    if run.words_only and run.end - run.start == 1 and not has_unit and not run.approximate:
        return True  # "the other two", "one of them": a pronoun, not a count
    if data.number_words.get(first_tok.lower_) == 1 and run.end - run.start == 1 and first_tok.dep_ != "nummod":
        return True
    if not has_unit and _near_calendar_word(doc, run, data):
        return True  # "March 19", "Monday (6)", "April 22 or 23"
    if not has_unit and _is_age(doc, run, data):
        return True
    if not has_unit and _overlaps(date_spans, first_tok.idx, doc[run.end - 1].idx + len(doc[run.end - 1])):
        return True
    if not has_unit and _is_identifier(doc, run):
        return True
    if not has_unit and _is_furniture(doc, run):
        return True
    if unit.kind not in ("currency", "percent") and _inside_name(doc, run):
        return True  # "Fight for 15 Movement", "Group of 20" as a name
    return False


def _hyphen_adjective(doc: Doc, run: NumberRun, unit: Unit) -> bool:
    nxt = run.end
    return (
        unit.kind == "none"
        and nxt + 1 < len(doc)
        and doc[nxt].text == "-"
        and doc[run.end - 1].whitespace_ == ""
        and doc[nxt + 1].pos_ not in _NOUNS
    )


def _after_calendar_word(doc: Doc, run: NumberRun, data: AmountData) -> bool:
    """A month or weekday right before a day number ('Dec. 2', 'Monday (6)')."""
    if not (run.value.is_integer() and 1 <= run.value <= 31) or run.words_only:
        return False
    k = run.start - 1
    if k >= 0 and doc[k].text == "(":
        k -= 1
    return k >= 0 and doc[k].lower_.rstrip(".") in data.calendar_words


def _after_label(doc: Doc, run: NumberRun, data: AmountData) -> bool:
    k = run.start - 1
    if k >= 1 and doc[k].text == "." and doc[k - 1].whitespace_ == "":
        return doc[k - 1].lower_ + "." in data.label_cues and not run.words_only  # "No" "." "1"
    return k >= 0 and doc[k].lower_ in data.label_cues and not run.words_only


def _list_marker(doc: Doc, text: str, run: NumberRun) -> bool:
    """'2. STRONG AFTERSHOCK ...', '3) ...': a number opening its line, closed by '.' or ')'."""
    start = doc[run.start].idx
    end = doc[run.end - 1].idx + len(doc[run.end - 1])
    line_start = text.rfind("\n", 0, start) + 1
    opens_line = not text[line_start:start].strip()
    return opens_line and text[end : end + 1] in (".", ")") and text[end + 1 : end + 2] in (" ", "\t")


def _alone_on_line(doc: Doc, text: str, run: NumberRun) -> bool:
    lo = text.rfind("\n", 0, doc[run.start].idx) + 1
    end = doc[run.end - 1].idx + len(doc[run.end - 1])
    hi = text.find("\n", end)
    line = text[lo : hi if hi >= 0 else len(text)]
    rest = line.replace(doc[run.start : run.end].text, "", 1)
    return not any(c.isalnum() for c in rest)


def _is_time_unit(tok: Token, data: AmountData) -> bool:
    return tok.lower_ in data.time_units or tok.lemma_.lower() in data.time_units


def _near_calendar_word(doc: Doc, run: NumberRun, data: AmountData) -> bool:
    value_ok = run.value.is_integer() and 1 <= run.value <= 31
    if not value_ok:
        return False
    lo = max(sentences(doc).start(run.start), run.start - 4)
    for k in range(lo, run.start):
        if doc[k].lower_.rstrip(".") in data.calendar_words:
            return True
    nxt = doc[run.end] if run.end < len(doc) else None
    return nxt is not None and nxt.lower_.rstrip(".") in data.calendar_words


def _is_age(doc: Doc, run: NumberRun, data: AmountData) -> bool:
    """'Kovalenko, 64', 'aged 71', 'Age: 27'."""
    if not (run.value.is_integer() and 0 < run.value <= _MAX_AGE):
        return False
    for k in range(max(0, run.start - 4), run.start):  # "aged 71", "ages 55 to 65"
        if doc[k].lower_ in data.age_cues:
            return True
    if run.start >= 2 and doc[run.start - 1].text in (",", "("):
        before = doc[run.start - 2]
        after = doc[run.end] if run.end < len(doc) else None
        if before.pos_ == "PROPN" or before.ent_type_ == "PERSON":
            return after is None or after.is_punct or after.pos_ in ("AUX", "VERB", "CCONJ")
    return False


def _is_identifier(doc: Doc, run: NumberRun) -> bool:
    """Long digit strings without separators, phone-like '555-1234', scores like '3-2'."""
    text = doc[run.start].text
    if text.isdigit() and len(text) >= 7:
        return True
    nxt = doc[run.end] if run.end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "/") and doc[run.end - 1].whitespace_ == "" and run.end + 1 < len(doc):
        if doc[run.end + 1].text[:1].isdigit():
            return True
    if run.start >= 2 and doc[run.start - 1].text in ("-", "/") and doc[run.start - 1].whitespace_ == "":
        before = doc[run.start - 2]  # "555-1234", and "G-20", "F-16", "COVID-19", "mid-1990s"
        return before.whitespace_ == "" and (before.text[-1:].isdigit() or before.is_alpha)
    return False


def _is_furniture(doc: Doc, run: NumberRun) -> bool:
    """A number alone in its sentence ('1.', 'of. 8.'): slide counters, list markers."""
    sent = sentences(doc).span(doc, run.start)
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return len(words) <= 2 and all(t.i in range(run.start, run.end) or t.is_stop for t in words)


def _inside_name(doc: Doc, run: NumberRun) -> bool:
    """A number between a lower-case function word of a title and a capitalized word ('Fight for 15 Movement')."""
    if run.start < 2 or run.end >= len(doc):
        return run.start >= 1 and doc[run.start].ent_iob_ == "I" and doc[run.start].ent_type_ in _NAME_ENTS
    first = doc[run.start]
    if first.ent_type_ in _NAME_ENTS and first.ent_iob_ == "I" and doc[run.start - 1].is_title:
        return True  # "Intermediate School 285", "Apollo 11": the number ends a name
    nxt = doc[run.end]
    if first.ent_type_ in ("FAC", "ORG") and first.ent_iob_ == "B" and nxt.ent_iob_ == "I" and nxt.is_title:
        return nxt.pos_ == "PROPN"  # "10 Downing Street", "7 World Trade Center"
    prev, before = doc[run.start - 1], doc[run.start - 2]
    return prev.is_lower and prev.is_stop and before.is_title and nxt.is_title and nxt.pos_ == "PROPN"


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
