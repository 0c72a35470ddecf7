"""Dates: temporal expressions found by token patterns and normalized to TIMEX3.

The cascade, in the order ``extract_dates`` runs it:

1. the Matcher (patterns from ``data/timex-*.yaml``) proposes core spans, each with a rule family;
2. context filters drop readings that are not times (a month name used as a verb or a name,
   a four-digit count, 'a second' as an ordinal);
3. the longest non-overlapping spans win; a clock time directly followed by its day is merged;
4. each span grows to its TimeML extent (determiner, approximator, 'early'/'the end of');
5. the words are read (``dates_normalize``) against the published date, the tense around the
   span and the last date the text mentioned ('a year earlier', 'the quarter').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newsgraph.data_files import load_yaml
from newsgraph.extract.dates_normalize import (
    READERS,
    Context,
    Reading,
    duration_value,
    read_holiday,
    read_word,
    with_approx,
)
from newsgraph.extract.dates_scan import Lexicon, scan
from newsgraph.extract.doctext import sentences
from newsgraph.extract.function_words import FunctionWords
from newsgraph.records import TimeExpression

DATA_FILE = "timex-2026-11.yaml"
ANCHOR_TABLES = ("month", "weekday", "weekdays", "season", "unit", "part_of_day", "frequency", "meridiem")
# which reading families each kind of prefix / suffix (rule file) may join; 'dated' is a
# fixed word with a date ('today', 'yesterday'), 'ref' one without ('now', 'recently')
_PREFIX_RULES: dict[str, frozenset[str]] = {
    "approx": frozenset({"duration", "anchored", "calendar", "clock"}),
    "edge": frozenset({"calendar", "weekday", "relative", "quarter", "holiday", "dated", "that-day"}),
    "compare": frozenset({"calendar", "relative", "quarter", "holiday", "that-day"}),
    "this": frozenset({"relative", "weekday", "calendar"}),
    "rel": frozenset({"holiday"}),
    "det": frozenset({"duration", "relative", "calendar", "quarter", "anchored", "weekday"}),
}
_SUFFIX_RULES: dict[str, frozenset[str]] = {
    "approx": frozenset({"duration", "anchored", "relative"}),
    "zone": frozenset({"clock"}),
}


@dataclass(frozen=True, slots=True)
class Affix:
    """Words that may join an expression's extent on the left (prefix) or right (suffix)."""

    tokens: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class PatternInfo:
    """What a matched pattern means: its id, reading family and leading tokens to drop."""

    id: str
    rule: str
    trim: int = 0
    priority: int = 0  # position in the rule file: earlier wins among equally long matches


@dataclass(frozen=True, slots=True)
class DateRules:
    """The compiled temporal patterns and vocabulary (one per process)."""

    matchers: dict[str, Matcher]  # one per anchor group, plus "" for patterns with no anchor word
    #: per anchor group, how many tokens before and after one of its anchors its patterns reach
    #: ('past few of twenty four - years': 6 before the unit; 'Dec. 6 , 2021': 3 after the month)
    reach: dict[str, tuple[int, int]]
    patterns: dict[int, PatternInfo]
    vocab: dict[str, dict[str, Any]]
    classes: dict[str, frozenset[str]]
    words: dict[tuple[str, ...], dict[str, Any]]
    holidays: dict[tuple[str, ...], dict[str, Any]]
    prefixes: tuple[Affix, ...]  # longest first
    suffixes: tuple[Affix, ...]
    version: str
    anchors: dict[int, str]  # LOWER hash of a word an expression must contain one of -> its anchor group
    anchor_shapes: frozenset[int]  # SHAPE hashes of the patterns' digit tokens ('dddd', 'ddxx' ...)
    prefix_ends: frozenset[str]
    suffix_starts: frozenset[str]
    lexicon: Lexicon  # what a span's words are read against
    plausible_year: re.Pattern[str]  # '1990', 'mid-1990'
    function_words: FunctionWords

    @classmethod
    def load(
        cls, nlp: Language, data: dict[str, Any] | None = None, function_words: FunctionWords | None = None
    ) -> DateRules:
        """Compile the packaged rules (or ``data`` of the same shape) against ``nlp.vocab``."""
        if data is None:
            data = load_yaml(DATA_FILE)
        fw = FunctionWords.load() if function_words is None else function_words
        # a table may take number words from the shared function words ('cardinals: [ones, ...]')
        vocab = {
            name: {**fw.numbers(table.get("cardinals", ())), **{str(k): v for k, v in table["entries"].items()}}
            for name, table in data["vocab"].items()
        }
        classes = {name.upper(): frozenset(table) for name, table in vocab.items()}
        classes.update({name: frozenset(str(w) for w in c["entries"]) for name, c in data["classes"].items()})
        words: dict[tuple[str, ...], dict[str, Any]] = {tuple(w["text"].split()): w for w in data["words"]["entries"]}
        # anchor groups: each anchor word belongs to one group (its vocabulary table, else the
        # ANCHOR class, else the fixed words), and a window runs only the patterns that can
        # contain one of its anchors
        group_of: dict[str, str] = {}
        for group, members in [(t, vocab[t]) for t in ANCHOR_TABLES] + [
            ("ANCHOR", classes["ANCHOR"]),
            ("word", {key[-1] for key in words}),
        ]:
            for w in members:
                group_of.setdefault(str(w), group)
        shapes = classes["ANCHOR_SHAPE"]
        matchers: dict[str, Matcher] = {}
        patterns: dict[int, PatternInfo] = {}
        specs: list[tuple[str, list[dict[str, Any]], PatternInfo]] = []
        for i, p in enumerate(data["patterns"]):
            if p["rule"] not in READERS and p["rule"] not in ("holiday", "word"):
                raise ValueError(f"timex pattern {p['id']}: unknown rule {p['rule']!r}")
            if any(tok.get("OP") in ("*", "+") for tok in p["tokens"]):
                raise ValueError(f"timex pattern {p['id']}: repeating operators ('*', '+') are not supported")
            info = PatternInfo(p["id"], p["rule"], int(p.get("trim", 0)), i)
            specs.append((f"timex:{p['id']}", [_expand(tok, classes) for tok in p["tokens"]], info))
        for w in data["words"]["entries"]:
            info = PatternInfo(f"word:{w['text']}", "word", int(w.get("trim", 0)), len(specs))
            specs.append((f"timex:word:{w['text']}", [{"LOWER": t} for t in w["text"].split()], info))
        reach: dict[str, tuple[int, int]] = {}
        flagged = _flag_word_lists([tokens for _, tokens, _ in specs], nlp.vocab)
        for (key, tokens, info), matched in zip(specs, flagged, strict=True):
            patterns[nlp.vocab.strings.add(key)] = info
            for group, (before, after) in (_pattern_reach(tokens, group_of, shapes) or {"": (0, 0)}).items():
                matchers.setdefault(group, Matcher(nlp.vocab, validate=False)).add(key, [matched])
                known = reach.get(group, (0, 0))
                reach[group] = (max(known[0], before), max(known[1], after))
        holidays = {tuple(h["text"].split()): h for h in data["holidays"]["entries"]}
        prefixes = _affixes(data["prefixes"]["entries"])
        suffixes = _affixes(data["suffixes"]["entries"])
        anchors = {nlp.vocab.strings.add(w): group for w, group in group_of.items()}
        anchor_shapes = frozenset(nlp.vocab.strings.add(x) for x in shapes)
        deictic_days = {  # 'today', 'yesterday', 'tomorrow': one-word fixed dates
            str(w["text"]): int(w["offset_days"])
            for w in data["words"]["entries"]
            if w.get("type") == "DATE" and "offset_days" in w and " " not in w["text"]
        }
        approx_suffixes = frozenset(a.tokens for a in suffixes if a.kind == "approx")
        edges = "|".join(re.escape(w) for w in sorted(classes["DECADE_EDGE"]))
        return cls(
            matchers,
            reach,
            patterns,
            vocab,
            classes,
            words,
            holidays,
            prefixes,
            suffixes,
            data["version"],
            anchors,
            anchor_shapes,
            frozenset(p.tokens[-1] for p in prefixes),
            frozenset(p.tokens[0] for p in suffixes),
            Lexicon.build(vocab, classes, fw, deictic_days, approx_suffixes),
            re.compile(rf"^(({edges})-)?(1[5-9]|20)\d\d$"),
            fw,
        )


def _affixes(entries: list[dict[str, Any]]) -> tuple[Affix, ...]:
    """Prefix or suffix entries of the rule file, longest first."""
    found = (Affix(tuple(str(t) for t in e["tokens"]), str(e["kind"])) for e in entries)
    return tuple(sorted(found, key=lambda a: len(a.tokens), reverse=True))


def _pattern_reach(
    tokens: list[dict[str, Any]], group_of: dict[str, str], shapes: frozenset[str]
) -> dict[str, tuple[int, int]]:
    """The groups of the anchor words (or digit shapes: group "shape") a pattern's tokens can
    match, each with the most tokens the pattern has before and after such a token (the rule
    file uses no repeating operator, so a pattern token is at most one word)."""
    found: dict[str, tuple[int, int]] = {}
    for k, tok in enumerate(tokens):
        groups = {group_of[w] for w in _values(tok.get("LOWER")) if w in group_of}
        if _values(tok.get("SHAPE")) & shapes:
            groups.add("shape")
        for group in groups:
            known = found.get(group, (0, 0))
            found[group] = (max(known[0], k), max(known[1], len(tokens) - 1 - k))
    return found


def _values(spec: Any) -> frozenset[str]:
    """The strings a token attribute spec accepts: a string or an {"IN": [...]} list (expanded)."""
    if isinstance(spec, str):
        return frozenset({spec})
    if isinstance(spec, dict) and "IN" in spec:
        return frozenset(str(v) for v in spec["IN"])
    return frozenset()


class _WordList:
    """A lexeme flag getter: is the word's ``attr`` (LOWER, SHAPE or ORTH) one of ``words``?"""

    def __init__(self, attr: int, words: frozenset[str], vocab: Vocab) -> None:
        self.attr, self.words = attr, words
        self._form = vocab.lex_attr_getters[attr] if attr != ORTH else str

    def __call__(self, string: str) -> bool:
        return self._form(string) in self.words


_FLAGGED = {"LOWER": LOWER, "SHAPE": SHAPE, "ORTH": ORTH}


def _flag_word_lists(patterns: list[list[dict[str, Any]]], vocab: Vocab) -> list[list[dict[str, Any]]]:
    """The patterns with each word list (``{"LOWER": {"IN": [...]}}``) replaced by a lexeme flag
    the list sets (a one-word list by the word), while the vocabulary has free flag bits: the
    Matcher tests a flag in C, a list by a Python call per window token and list. First tokens
    are flagged first: theirs are tested at every window token, later ones after a partial match."""
    out = [list(tokens) for tokens in patterns]
    for k in range(max((len(tokens) for tokens in out), default=0)):
        for tokens in out:
            if k < len(tokens):
                tokens[k] = _flagged(tokens[k], vocab)
    return out


def _flagged(token: dict[str, Any], vocab: Vocab) -> dict[str, Any]:
    """``token`` with its word lists replaced by a word or a flag where one is free."""
    out: dict[str, Any] = {}
    for attr, value in token.items():
        if attr in _FLAGGED and isinstance(value, dict) and set(value) == {"IN"}:
            words = frozenset(str(v) for v in value["IN"])
            if len(words) == 1:
                out[attr] = next(iter(words))
                continue
            flag = _word_list_flag(_FLAGGED[attr], words, vocab)
            if flag is not None:
                out[flag] = True
                continue
        out[attr] = value
    return out


def _word_list_flag(attr: int, words: frozenset[str], vocab: Vocab) -> int | None:
    """The flag bit set on the words of a list (added once per vocabulary), or None when all
    63 bits are taken."""
    for bit, getter in vocab.lex_attr_getters.items():
        if isinstance(getter, _WordList) and getter.attr == attr and getter.words == words:
            return int(bit)
    if attr != ORTH and attr not in vocab.lex_attr_getters:
        return None
    try:
        return int(vocab.add_flag(_WordList(attr, words, vocab)))
    except ValueError:  # no free bit
        return None


def _expand(token: dict[str, Any], classes: dict[str, frozenset[str]]) -> dict[str, Any]:
    """Replace ``"$CLASS"`` attribute values by ``{"IN": [...]}`` lists."""
    out: dict[str, Any] = {}
    for attr, value in token.items():
        if isinstance(value, str) and value.startswith("$"):
            out[attr] = {"IN": sorted(classes[value[1:]])}
        else:
            out[attr] = value
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    info: PatternInfo
    core: tuple[int, int]  # the whole match, before trimming context words ('at the time')


def extract_dates(doc: Doc, published: date | None, rules: DateRules) -> list[TimeExpression]:
    """Temporal expressions in ``doc`` with TIMEX3 type and value, resolved against ``published``."""
    chosen = _select(doc, rules)
    out: list[TimeExpression] = []
    last_date: date | None = None
    last_quarter: tuple[int, int] | None = None
    prev_end = 0
    for i, cand in enumerate(chosen):
        next_start = chosen[i + 1].start if i + 1 < len(chosen) else len(doc)
        start, end = _extent(doc, cand, prev_end, next_start, rules)
        prev_end = end
        reading = _read(doc, cand, start, end, published, last_date, last_quarter, rules)
        if reading is None:
            continue
        span = doc[start:end]
        out.append(
            TimeExpression(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                type=reading.type,
                value=reading.value,
                approximate=reading.approximate,
            )
        )
        # derived readings ('a year earlier', 'the year-ago quarter') do not move the reference
        derived = cand.info.rule == "anchored" or cand.info.id == "unit-ago-quarter"
        if reading.type in ("DATE", "TIME") and reading.anchor is not None and not derived:
            last_date = reading.anchor
            # a day ('quarter ended Sept. 30', 'said yesterday') does not end talk about a quarter
            day_level = reading.value is not None and len(reading.value) >= 10
            if reading.quarter is not None or not day_level:
                last_quarter = reading.quarter
    return out


def _select(doc: Doc, rules: DateRules) -> list[_Candidate]:
    """Longest non-overlapping accepted matches, in text order, clock times merged with their day."""
    cands: list[tuple[tuple[int, bool, int, int], int, int, _Candidate]] = []
    for order, (match_id, start, end) in enumerate(_matches(doc, rules)):
        info = rules.patterns[match_id]
        matched = start
        start += info.trim
        if start >= end or not _accept(doc, start, end, info, rules):
            continue
        # on equal length a pattern beats a fixed word ('past year' over 'the past')
        rank = (-(end - start), info.rule == "word", start, info.priority)
        cands.append((rank, start, order, _Candidate(start, end, info, (matched, end))))
    cands.sort(key=lambda c: c[0])
    taken = bytearray(len(doc))
    chosen: list[_Candidate] = []
    for _, start, _, cand in cands:
        if any(taken[start : cand.end]):
            continue
        taken[start : cand.end] = b"\x01" * (cand.end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    merged: list[_Candidate] = []
    for cand in chosen:
        gap = doc[merged[-1].end : cand.start] if merged else doc[0:0]
        if (
            merged
            and merged[-1].info.rule == "clock"
            and len(gap) <= 2
            and all(t.lower_ in rules.vocab["timezone"] or t.text == "," for t in gap)
            and cand.info.rule in ("weekday", "word", "calendar")
        ):
            last = merged[-1]
            merged[-1] = _Candidate(last.start, cand.end, last.info, (last.start, cand.end))
            continue
        merged.append(cand)
    return merged


def _matches(doc: Doc, rules: DateRules) -> list[tuple[int, int, int]]:
    """Matcher results, computed only in windows around anchor words (the Matcher is the cost)."""
    if len(doc) == 0:
        return []
    n = len(doc)
    # per group, the token ranges its patterns can reach from its anchors (overlaps merged)
    windows: dict[str, list[list[int]]] = {"": [[0, n]]} if "" in rules.matchers else {}
    anchors, shapes, reach = rules.anchors, rules.anchor_shapes, rules.reach
    for i, (lower, shape) in enumerate(doc.to_array([LOWER, SHAPE]).tolist()):
        group, by_shape = anchors.get(lower), shape in shapes
        if group is None and not by_shape:
            continue
        for g in (group, "shape" if by_shape else None):
            if g is None or g not in reach:
                continue
            before, after = reach[g]
            lo, hi = max(0, i - before), min(n, i + after + 1)
            spans = windows.setdefault(g, [])
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = hi
            else:
                spans.append([lo, hi])
    found: set[tuple[int, int, int]] = set()
    for group, spans in windows.items():
        matcher = rules.matchers[group]
        for lo, hi in spans:
            for match_id, start, end in matcher(doc[lo:hi]):
                found.add((match_id, lo + start, lo + end))
    return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _accept(doc: Doc, start: int, end: int, info: PatternInfo, rules: DateRules) -> bool:
    """Context filters: is this match a time at all?"""
    classes = rules.classes
    tok = doc[start]
    prev = doc[start - 1].lower_ if start > 0 else ""
    nxt = doc[end] if end < len(doc) else None
    if info.id == "month":
        if tok.pos_ in ("VERB", "AUX"):
            return False
        return prev in classes["EDGE_CONTEXT"] or (tok.lower_ not in classes["MODAL_MONTH"] and tok.ent_type_ == "DATE")
    if info.id == "season":
        return tok.pos_ in ("NOUN", "PROPN") and prev in rules.classes["EDGE_CONTEXT"] and prev not in (",", "and")
    if info.id == "year":
        if not rules.plausible_year.match(tok.text):
            return False
        if prev in classes["NOT_YEAR_BEFORE"] or (nxt is not None and nxt.lower_ in classes["NOT_YEAR_AFTER"]):
            return False
        if nxt is not None and nxt.text in ("-", "/") and end + 1 < len(doc) and doc[end + 1].like_num:
            return prev in rules.classes["TEMPORAL_PREP"]
        if tok.ent_type_ == "DATE" or prev in rules.classes["TEMPORAL_PREP"]:
            return True
        if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            return False
        return nxt is None or nxt.tag_ != "NNS"
    if info.rule == "duration":
        last = doc[end - 1].lower_
        if rules.vocab["unit"].get(last) == "Q" and any(t.text == "-" for t in doc[start:end]):
            return False  # 'three-quarters' is a fraction, 'four-quarter' an adjective
        if info.id == "a-unit" and start > 0 and doc[start - 1].pos_ in ("NUM", "NOUN", "PROPN", "SYM"):
            return False  # a rate: '$500 million a year', 'four flights a week'

        if rules.vocab["unit"].get(last) == "S" and doc[start].lower_ in rules.function_words.indefinite_articles:
            return nxt is None or nxt.pos_ not in ("NOUN", "ADJ", "PROPN")
        if doc[start].lower_ in rules.classes["NOT_DURATION_FIRST"] and end - start == 2:
            return False  # 'first year' is not a duration; 'last year' is read by the relative rule
        if nxt is not None and nxt.lower_ in classes["AGE_AFTER"] and not any(t.text == "-" for t in doc[start:end]):
            return False  # ages: '28 years old'
        if nxt is not None and nxt.text == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in classes["AGE_AFTER"]:
            return False  # ages: 'a 6-year-old boy'
        if rules.vocab["unit"].get(last) == "WE":
            return False
    if info.id == "word:soon" and (
        prev in rules.classes["SOON_CONJUNCTION_BEFORE"]
        or (nxt is not None and nxt.lower_ in rules.classes["SOON_CONJUNCTION_AFTER"])
    ):
        return False  # 'as soon as trading opened', 'soon after': a conjunction, not a time
    if info.rule in ("relative", "duration") and end - start > 1:
        unit_tok = doc[end - 1]
        if unit_tok.is_title and not unit_tok.is_sent_start and unit_tok.lower_ in rules.vocab["unit"]:
            return False  # a title: ABC's "This Week", CBS's "60 Minutes"
    if info.id == "frequency-word":
        # 'appears daily'; not 'daily flights', 'daily life' or 'the party daily Granma'
        return tok.pos_ == "ADV" and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX")
    return True


def _extent(doc: Doc, cand: _Candidate, lower: int, upper: int, rules: DateRules) -> tuple[int, int]:
    """Grow a core span to its TimeML extent with the prefix and suffix tables."""
    start, end = cand.start, cand.end
    family = _family(cand, rules)
    for _ in range(3):  # 'at least' + 'the' + 'past 18 months'
        if start == 0 or doc[start - 1].lower_ not in rules.prefix_ends:
            break
        for prefix in rules.prefixes:
            n = len(prefix.tokens)
            if start - n < lower or tuple(t.lower_ for t in doc[start - n : start]) != prefix.tokens:
                continue
            if family not in _PREFIX_RULES[prefix.kind]:
                continue
            if prefix.kind == "det" and (doc[start].lower_ == "the" or not _the_fits(doc, start, end, family, rules)):
                continue
            if prefix.kind == "this" and doc[start].lower_ not in rules.classes["THIS_JOINS"]:
                continue
            start -= n
            break
        else:
            break
    if end >= len(doc) or doc[end].lower_ not in rules.suffix_starts:
        return start, end
    for suffix in rules.suffixes:
        n = len(suffix.tokens)
        if end + n <= upper and tuple(t.lower_ for t in doc[end : end + n]) == suffix.tokens:
            if family in _SUFFIX_RULES[suffix.kind]:
                end += n
            break
    return start, end


def _family(cand: _Candidate, rules: DateRules) -> str:
    """The reading family for extent purposes ('that-day', 'dated' and 'ref' words apart)."""
    if cand.info.id == "that-day":
        return "that-day"
    if cand.info.rule == "word":
        entry = rules.words.get(tuple(cand.info.id.removeprefix("word:").split()), {})
        return "dated" if "offset_days" in entry else "ref"
    return cand.info.rule


def _the_fits(doc: Doc, start: int, end: int, rule: str, rules: DateRules) -> bool:
    """TimeML keeps 'the' unless the expression only modifies a following noun ('the 1990 elections')."""
    first = doc[start].lower_
    if rule == "weekday":
        return first in rules.classes["THE_JOINS_WEEKDAY"]
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and doc[end - 1].head.i >= end:
        return False
    if rule == "calendar":  # 'the 1990s', 'the mid-1980s'; not 'the 1996 election'
        return first[:1].isdigit() and first.endswith("s") or first.startswith(rules.lexicon.edge_prefixes)
    return True


def _read(
    doc: Doc,
    cand: _Candidate,
    start: int,
    end: int,
    published: date | None,
    last_date: date | None,
    last_quarter: tuple[int, int] | None,
    rules: DateRules,
) -> Reading | None:
    """Read one span's words into a TIMEX3 type and value."""
    toks = doc[start:end]
    words = [t.lower_ for t in toks]
    texts = [t.text for t in toks]
    parts = scan(words, texts, rules.lexicon)
    tense = _tense(doc, start, end, rules)
    deadline = start > 0 and doc[start - 1].lower_ in rules.classes["DEADLINE_PREP"]
    if tense == "past" and deadline:
        tense = None  # 'was extended to Nov. 16': a deadline after a past verb can lie ahead
    ctx = Context(published, tense, last_date, last_quarter, deadline, _direct(doc, start, end, rules))
    year_rel = rules.vocab["year_possessive"].get(" ".join(words[:3]))
    if year_rel is not None:  # 'this year's third quarter'
        parts.year_rel = int(year_rel)
    rule = cand.info.rule
    core = tuple(t.lower_ for t in doc[cand.core[0] : cand.core[1]])
    if rule == "word":
        entry = rules.words.get(core[-len(core) :]) or rules.words.get(_word_key(core, rules))
        if entry is None:
            return None
        reading = read_word(entry, parts, ctx)
    elif rule == "holiday":
        entry = rules.holidays.get(core)
        reading = read_holiday(entry, parts, ctx) if entry else None
    else:
        reading = READERS[rule](parts, ctx)
    period_end = end < len(doc) and doc[end].lower_ in rules.classes["PERIOD_END"]
    if reading is not None and cand.info.id == "the-unit" and period_end:
        reading = Reading("DURATION", duration_value(1, parts.unit or "Y"))  # 'the year ended Sept. 30'
    return with_approx(reading, parts) if reading is not None else None


def _word_key(core: tuple[str, ...], rules: DateRules) -> tuple[str, ...]:
    for key in rules.words:
        if core[-len(key) :] == key:
            return key
    return core


def _tense(doc: Doc, start: int, end: int, rules: DateRules) -> str | None:
    """'past' | 'future' | 'present' | 'scheduled' | None for the clause around a span, from its governing verb."""
    sent_start = sentences(doc).start(start) if doc.has_annotation("SENT_START") else 0
    for t in doc[max(sent_start, start - 4) : start]:
        if t.lower_ in rules.classes["FUTURE_ADJ"] and (t.pos_ == "ADJ" or t.dep_ == "amod"):
            return "future"
    head: Token = doc[start:end].root
    if head.dep_ == "poss":
        return None  # 'Tuesday's declaration': a modifier of a noun, not a time of the verb
    above = head.head
    while above.pos_ == "ADP" and above.head.i != above.i:
        above = above.head
    if above.pos_ == "ADJ" and not start <= above.i < end:
        return None  # 'payable Dec. 7', 'effective Feb. 1': the adjective, not the verb, sets the time
    direct = above.pos_ in ("VERB", "AUX")
    for _ in range(3):
        verb = _governing_verb(head, start, end)
        if verb is None:
            return None
        tense = _verb_tense(verb, rules)
        if tense == "present" and direct and verb.lemma_ not in rules.classes["REPORTING_VERB"]:
            return "scheduled"  # the news present of an event is scheduled ('meet Monday'); of saying, past
        if tense != "infinitive":
            return tense
        governor = verb.head
        if governor.i != verb.i and (
            governor.lemma_ in rules.classes["FUTURE_BE"] or governor.lemma_ in rules.classes["FUTURE_VERB"]
        ):
            past_perfect = rules.function_words.past_perfect_auxiliaries
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in past_perfect for c in governor.children):
                return "past"  # 'had been scheduled to expire Friday': the plan's time has passed
            return "future"  # 'is to resume trading Tuesday', 'planned to leave on Thursday'
        head = verb
        start, end = verb.i, verb.i + 1
    return None


def _direct(doc: Doc, start: int, end: int, rules: DateRules) -> bool:
    """Does a verb govern the span through prepositions and time nouns only ('fell in the first week of January')?"""
    tok = doc[start:end].root
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if start <= tok.i < end or tok.pos_ == "ADP" or tok.lower_ in rules.vocab["unit"]:
            continue
        return tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VB"  # an infinitive borrows its tense
    return False


def _governing_verb(tok: Token, start: int, end: int) -> Token | None:
    for _ in range(8):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") and not start <= tok.i < end else None
        tok = tok.head
        if start <= tok.i < end:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _verb_tense(verb: Token, rules: DateRules) -> str | None:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in rules.classes["FUTURE_AUX"] for c in aux):
        return "future"
    if any(c.lower_ in rules.function_words.past_perfect_auxiliaries for c in aux):
        return "past"
    if verb.tag_ == "VBD":
        return "past"  # 'planned on Friday': the planning is what happened then
    if verb.lemma_ in rules.classes["FUTURE_VERB"]:
        return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and any(c.lower_ in rules.function_words.perfect_auxiliaries for c in aux):
        return "past"  # present perfect ('have been searching since ...') looks back
    if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "present"
    if verb.tag_ == "VB" and any(c.lower_ in rules.function_words.infinitive_markers for c in aux):
        return "infinitive"
    return None
