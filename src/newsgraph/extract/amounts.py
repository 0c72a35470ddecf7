"""Amounts: quantities with what they count, their value, and who claims them.

One pass over the tokens finds number runs ("94,000", "1.5 billion", "twenty thousand",
"41-1/4", "hundreds"); each run is then

1. dropped when it is a date, year, day of the month, duration, age, ordinal, identifier
   or page furniture (those belong to the dates extractor or to nobody);
2. given a unit: a currency (symbol before, word after), percent, or the lemma of the
   counted noun (its syntactic head, the noun after a hyphen, or the object of "of");
3. marked approximate after "about", "at least", ... or for vague counts and ranges;
4. given a claimant: the speaker of the quote around it, else the subject of the nearest
   reporting verb above it in the parse, else the source of "according to" / "in a poll".

The vocabulary is data (``amount-units-2026-11.yaml``, read by ``amounts_data``); the walk is linear in the tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.extract.amounts_attribution import Attribution, actor_of, attribution
from newsgraph.extract.amounts_data import AmountData, NumberRun, Unit
from newsgraph.extract.amounts_exclusions import excluded
from newsgraph.extract.doctext import doc_text, sentences, token_words
from newsgraph.records import Actor, Amount, Quote, TimeExpression

__all__ = ["AmountData", "Attribution", "actor_of", "attribution", "extract_amounts", "gkg_amounts"]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
_FRACTION = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)([a-z]{1,8})$")  # "54p", "25m", "2bn", "38million"
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 8, 16, 32})
_NOUNS = frozenset({"NOUN", "PROPN"})


def extract_amounts(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], dates: Sequence[TimeExpression], data: AmountData
) -> list[Amount]:
    """Every amount in the document, in text order."""
    date_spans = sorted((d.start, d.end) for d in dates)
    text = doc_text(doc)
    out: list[Amount] = []
    runs = _number_runs(doc, data)
    units = [_unit(doc, run, data) for run in runs]
    previous: tuple[int, Unit] | None = None  # the last kept amount's sentence start and unit
    for k, run in enumerate(runs):
        unit = _shared_unit(doc, runs, units, k, data)
        value = run.value
        if unit.kind == "noun" and unit.name in data.fractions and run.value < data.fractions[unit.name]:
            value, unit = run.value / data.fractions[unit.name], Unit(None, "fraction", unit.first, unit.last)
        if excluded(doc, text, run, unit, date_spans, data):
            continue
        sent_start = sentences(doc).start(run.start)
        if unit.kind == "none" and previous is not None and previous[0] == sent_start:
            unit = _elliptic_unit(doc, run, unit, previous[1], data)
        first, last = _approximator_start(doc, unit.first, data), unit.last
        approximate = run.approximate or first < unit.first
        start_char, end_char = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        if unit.kind != "none":
            previous = (sent_start, unit)
        att = attribution(doc, run.start, actors, quotes, data)
        out.append(
            Amount(
                text=text[start_char:end_char],
                start=start_char,
                end=end_char,
                value=value,
                unit=unit.name,
                claimant=att.actor if att else None,
                approximate=approximate,
            )
        )
    return out


def _elliptic_unit(doc: Doc, run: NumberRun, unit: Unit, before: Unit, data: AmountData) -> Unit:
    """'to 5.5 billion dlrs from 4.3 billion', 'Cruz at 25 percent and Rubio at 14': the unit is left out."""
    scaled = any(t.lower_ in data.scales for t in doc[run.start + 1 : run.end])
    after_prep = run.start > 0 and doc[run.start - 1].lower_ in data.elliptic_prepositions
    if scaled or after_prep and before.kind in ("currency", "percent"):
        return Unit(before.name, before.kind, unit.first, unit.last)
    return unit


def _shared_unit(doc: Doc, runs: Sequence[NumberRun], units: Sequence[Unit], k: int, data: AmountData) -> Unit:
    """'2.0 to 2.2 pct', 'between 20 and 30 dlrs': the first number takes the second's currency or percent."""
    unit = units[k]
    if unit.kind != "none" or k + 1 >= len(runs):
        return unit
    nxt, nxt_unit = runs[k + 1], units[k + 1]
    gap = nxt.start - runs[k].end
    if nxt_unit.kind in ("currency", "percent") and gap == 1 and doc[runs[k].end].lower_ in data.shared_unit_joiners:
        return Unit(nxt_unit.name, nxt_unit.kind, unit.first, unit.last)
    return unit


def gkg_amounts(amounts: Sequence[Amount]) -> str:
    """The GDELT GKG 2.1 ``Amounts`` field: ``value,object,offset;`` per amount (no percentages)."""
    blocks = []
    for a in amounts:
        if a.value is None or a.unit == "percent":
            continue  # GKG 2.1 does not carry percentages (codebook, Amounts field)
        value = str(int(a.value)) if float(a.value).is_integer() else repr(float(a.value))
        obj = (a.unit or "").replace(",", " ").replace(";", " ").replace("#", " ")
        blocks.append(f"{value},{obj},{a.start};")
    return "".join(blocks)


# --- numbers ---------------------------------------------------------------------------


def _token_value(tok: Token, data: AmountData) -> tuple[float, str | None] | None:
    """The value one token spells, with a suffix unit ("54p"), or None."""
    text = tok.text
    if _DIGITS.match(text):
        return float(text.replace(",", "")), None
    m = _FRACTION.match(text)
    if m and int(m.group(2)) in _FRACTION_DENOMINATORS and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)) / int(m.group(2)), None
    lower = text.lower()
    if lower in data.number_words:
        return data.number_words[lower], None
    m = _SUFFIXED.match(lower)
    if m:
        suffix = m.group(2)
        if suffix in data.scales:
            return float(m.group(1)) * data.scales[suffix], None
        if data.currency_words.get(suffix) in ("pence", "cent"):
            return float(m.group(1)), data.currency_words[suffix]
    return None


def _number_runs(doc: Doc, data: AmountData) -> list[NumberRun]:
    """Maximal runs of number tokens, scales and mixed fractions, plus vague counts."""
    runs: list[NumberRun] = []
    words = token_words(doc)
    i, n = 0, len(doc)
    while i < n:
        lower = words[i][0]
        # every number token starts with a digit or a point, or is a number, scale or vague word
        if not (lower[0].isdecimal() or lower[0] == "." or lower in data.number_words or lower in data.scales
                or lower in data.vague):
            i += 1
            continue
        tok = doc[i]
        if lower in data.vague and (tok.pos_ in ("NOUN", "NUM") or tok.is_upper):  # headlines: "DOZENS WOUNDED"
            j, value = i + 1, data.vague[lower]
            # "tens of thousands", "hundreds of millions": the second word scales the first
            if j + 1 < n and doc[j].lower_ in data.partitive_words and doc[j + 1].lower_ in data.vague:
                value *= data.vague[doc[j + 1].lower_]
                j += 2
            runs.append(NumberRun(i, j, value, True, True))
            i = j
            continue
        first = _token_value(tok, data)
        bare_scale = (
            first is None and lower in data.scales and len(lower) > 2 and i > 0
            and doc[i - 1].lower_ in data.indefinite_articles
        )
        if bare_scale:
            first = (1.0, None)  # "a million people": the scale word is the number
        if first is None:
            i += 1
            continue
        j, parts, suffix = i + 1, [first[0]], first[1]
        if bare_scale:
            parts.append(-data.scales[lower])
        words_only = not any(c.isdigit() for c in tok.text)
        while j < n and suffix is None:
            k = _skip_space(doc, j)
            low = doc[k].lower_ if k < n else ""
            if low == "-" and k + 1 < n and doc[k + 1].lower_ in data.scales:
                k, low = k + 1, doc[k + 1].lower_  # "109-billion dlr"
            if low in data.multipliers:
                parts.append(-data.multipliers[low])  # negative marks a multiplier
                j = k + 1
            elif words_only and low in data.number_words and low not in data.not_continuing_numbers:
                parts.append(data.number_words[low])
                j = k + 1
            elif low == "-" and j + 1 < n and _joins_after_hyphen(doc, j + 1, words_only, data):
                v = _token_value(doc[j + 1], data)
                parts.append(v[0] if v else 0.0)
                j += 2
            elif (
                low in data.number_conjunctions and words_only and len(parts) > 1 and j + 1 < n
                and doc[j + 1].lower_ in data.number_words
            ):
                j += 1
            else:
                break
        runs.append(NumberRun(i, j, _compose(parts), False, words_only, suffix))
        i = j
    return _merge_ranges(doc, runs, data)


def _skip_space(doc: Doc, i: int) -> int:
    """The first index at or after ``i`` that is not a whitespace token (wire text wraps lines)."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _joins_after_hyphen(doc: Doc, k: int, words_only: bool, data: AmountData) -> bool:
    """'41-1/4' (a mixed fraction) and 'twenty-five' continue a number; '3-2' does not."""
    text = doc[k].text
    if words_only:
        return text.lower() in data.number_words and data.number_words[text.lower()] < 10
    return bool(_FRACTION.match(text)) and doc[k - 1].whitespace_ == "" and doc[k - 2].whitespace_ == ""


def _compose(parts: list[float]) -> float:
    """Fold small numbers and multipliers (negative) into one value: 'two hundred thousand'."""
    total, current = 0.0, 0.0
    for p in parts:
        if p >= 0:
            current += p
        elif -p < 1000:
            current = (current or 1.0) * -p
        else:
            total += (current or 1.0) * -p
            current = 0.0
    return total + current


def _merge_ranges(doc: Doc, runs: list[NumberRun], data: AmountData) -> list[NumberRun]:
    """'five to six mln': the lower bound, scaled like the upper one, approximate."""
    out: list[NumberRun] = []
    for run in runs:
        prev = out[-1] if out else None
        scaled = any(t.lower_ in data.scales or t.lower_ in data.multipliers for t in doc[run.start + 1 : run.end])
        first = _token_value(doc[run.start], data)
        if (
            prev is not None
            and scaled
            and first is not None
            and first[0] > 0
            and prev.end + 1 == run.start
            and doc[prev.end].lower_ in data.range_joiners
            and prev.end - prev.start == 1
            and not prev.approximate
        ):
            scale = run.value / first[0]
            out[-1] = NumberRun(prev.start, run.end, prev.value * scale, True, prev.words_only and run.words_only)
            continue
        out.append(run)
    return out


# --- units ----------------------------------------------------------------------------


def _unit(doc: Doc, run: NumberRun, data: AmountData) -> Unit:
    """Currency, percent or counted noun of a number run, and the tokens it spans."""
    first, last = run.start, run.end
    if run.suffix_unit:
        return Unit(run.suffix_unit, "currency", first, last)
    symbol = _currency_symbol(doc, run.start, data)
    if symbol is not None:
        code, first = symbol
        return Unit(code, "currency", first, last)
    # words after the number: "Canadian dlrs", "pct", "per cent", "percentage points"
    country: str | None = None
    ahead = _word_indices(doc, last, 3)
    for k in ahead:
        if _layout_gap(doc, last - 1, k):
            break
        low = doc[k].lower_.rstrip(".")
        if low in data.dollar_countries and doc[k].pos_ in ("ADJ", "PROPN", "NOUN"):
            country = data.dollar_countries[low]
            continue
        if low in data.currency_words and (not doc[k].is_title or country is not None or low not in data.name_like):
            code = data.currency_words[low]
            if code == "USD" and country is not None:
                code = country
            if k > ahead[0] and country is None:
                break  # "two Chinese yen"-like gaps without a country are rare; stay strict
            return Unit(code, "currency", first, k + 1)
        after = _skip_space(doc, k + 1)
        if low in data.point_phrases and after < len(doc) and doc[after].lemma_.lower() in data.point_phrases[low]:
            return Unit("point", "percent", first, after + 1)
        two_words = low in data.percent_phrases and after < len(doc) and doc[after].lower_ in data.percent_phrases[low]
        if low in data.percent_words or two_words:
            return Unit("percent", "percent", first, after + 1 if two_words else k + 1)
        break
    noun = _counted_noun(doc, run, data)
    if noun is not None and noun.lower_ in data.currency_words and not noun.is_title:
        return Unit(data.currency_words[noun.lower_], "currency", first, max(last, noun.i + 1))  # "millions of dollars"
    if noun is not None:
        return Unit(_unit_name(noun, data), "noun", first, max(last, noun.i + 1))
    return Unit(None, "none", first, last)


def _word_indices(doc: Doc, start: int, count: int) -> list[int]:
    """Indices of the next ``count`` non-whitespace tokens from ``start``."""
    out: list[int] = []
    k = start
    while k < len(doc) and len(out) < count:
        if not doc[k].is_space:
            out.append(k)
        k += 1
    return out


def _currency_symbol(doc: Doc, start: int, data: AmountData) -> tuple[str, int] | None:
    """A currency sign right before the number ('$', 'US$', 'C$'), with its token index."""
    if start == 0:
        return None
    prev = doc[start - 1]
    if start >= 2 and doc[start - 2].text + prev.text in data.currency_symbols and doc[start - 2].whitespace_ == "":
        return data.currency_symbols[doc[start - 2].text + prev.text], start - 2
    if prev.text in data.currency_symbols:
        return data.currency_symbols[prev.text], start - 1
    return None


def _counted_noun(doc: Doc, run: NumberRun, data: AmountData) -> Token | None:
    """The noun a number counts, unless a layout break (table column, paragraph) separates them."""
    noun = _counted_candidate(doc, run, data)
    if noun is None or noun.i < run.end:
        return noun
    if _layout_gap(doc, run.end - 1, noun.i):
        return None
    low = noun.lower_
    if len(low) < 3 and low not in data.unit_aliases or not low.replace("-", "").isalpha() or low.endswith("-"):
        return None  # "IV", "Y": table labels and roman numerals, not counted things
    return noun


def _layout_gap(doc: Doc, a: int, b: int) -> bool:
    """Layout whitespace after a token in [a, b): a blank line, an indent, a column gap (not a line wrap)."""
    ws = ""
    for tok in doc[a:b]:
        if tok.is_space:
            ws += tok.text_with_ws
            continue
        if _is_layout(ws):
            return True
        ws = tok.whitespace_
    return _is_layout(ws)


def _is_layout(ws: str) -> bool:
    return ws.count("\n") >= 2 or "  " in ws.replace("\n", "") or "\n " in ws or "\n\t" in ws


def _counted_candidate(doc: Doc, run: NumberRun, data: AmountData) -> Token | None:
    """The noun a number counts: its head, the noun after a hyphen, or the object of 'of'."""
    last = doc[run.end - 1]
    after = _skip_space(doc, run.end)  # wire text wraps lines: "three\ndivisions"
    nxt = doc[after] if after < len(doc) else None
    # "13-nation group", "18-point lead": the noun after the hyphen, and nothing else
    if nxt is not None and nxt.text == "-" and run.end + 1 < len(doc) and last.whitespace_ == "":
        cand = doc[run.end + 1]
        return cand if cand.pos_ in _NOUNS or cand.lower_ in data.time_units else None
    # "hundreds of protesters", "two of the guns"
    if nxt is not None and nxt.lower_ in data.partitive_words:
        for child in nxt.children:
            if child.dep_ == "pobj" and child.pos_ in _NOUNS:
                return child
    head = last.head
    for tok in doc[run.start : run.end]:
        if tok.head.i >= run.end or tok.head.i < run.start:
            head = tok.head
            if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod"):
                break
    if head.i >= run.end and head.pos_ in _NOUNS and head.i - after <= 4 and not _punct_between(doc, run.end, head.i):
        return head
    # "at least 12 dead", "20 wounded": an adjective/participle right after the number
    participle = ("JJ", "VBN", "VBD") if nxt is not None and nxt.is_upper else ("JJ", "VBN")  # "DOZENS WOUNDED"
    if nxt is not None and nxt.pos_ in ("ADJ", "VERB") and nxt.tag_ in participle:
        after_nxt = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if after_nxt is None or after_nxt.is_punct or after_nxt.pos_ in ("AUX", "CCONJ"):
            return nxt
    # "four Central American states", "Twenty thousand fewer people": next noun in the phrase
    for k in _word_indices(doc, run.end, 4):
        tok = doc[k]
        following = _skip_space(doc, k + 1)
        if tok.pos_ in _NOUNS and (following >= len(doc) or doc[following].pos_ not in _NOUNS):
            return tok if tok.head.i == tok.i or tok.dep_ != "compound" or tok.head.pos_ not in _NOUNS else None
        if tok.pos_ not in ("ADJ", "PROPN", "NOUN") and tok.lower_ not in data.counted_noun_modifiers:
            break
    return None


def _punct_between(doc: Doc, a: int, b: int) -> bool:
    return any(t.is_punct for t in doc[a:b])


def _unit_name(noun: Token, data: AmountData) -> str:
    """The counted noun's lemma, through the alias table ('bpd' -> 'barrel')."""
    low = noun.lower_
    if low in data.unit_aliases:
        return data.unit_aliases[low]
    lemma = noun.lemma_.lower() if noun.pos_ in _NOUNS and noun.pos_ != "PROPN" else low
    if noun.pos_ == "PROPN" and low.endswith("s") and len(low) > 3:
        lemma = low[:-1]
    return data.unit_aliases.get(lemma, lemma)


def _approximator_start(doc: Doc, first: int, data: AmountData) -> int:
    """Token index where an approximating phrase before ``first`` starts, else ``first``."""
    words = tuple(lower for lower, _ in token_words(doc)[max(0, first - data.approximator_length) : first])
    for phrase in data.approximators:  # longest first
        if len(phrase) <= len(words) and words[len(words) - len(phrase) :] == phrase:
            return first - len(phrase)
    return first
