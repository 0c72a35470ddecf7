"""Plain-text page dumps: find the article block among page furniture, with its title and byline.

How a page is read:
1. Lines are grouped into blocks (runs of non-blank lines); hard-wrapped prose inside a block is joined
   into paragraphs (units), so a wrapped line is never mistaken for a headline.
2. Each unit is labelled from its own shape (words, closing punctuation, share of function words or
   of lower-case words) and the furniture cues (data/furniture-*.yaml): prose, line (a short line with
   content, e.g. a table row), short (headlines, menus), furniture, notice, byline, end-of-article
   heading, or empty (no word character, e.g. a lone ".").
3. The article block is the run of units with the largest total score: prose counts its words (less
   when it stands alone between non-prose units or inside a list block, as teaser blurbs do), menus,
   furniture and repeated lines cost, an end-of-article heading costs a lot. It is then carried over
   the content lines that close the article (a list, a table), and notices are trimmed off its edges.
4. The title is the page's first headline-like line (or its repetition near the article, without the
   site name), else the headline just above the article; it is not repeated in the body.
A text with no furniture (fewer than two cue hits or repeated lines, e.g. a wire story) is kept whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

FURNITURE_FILE = "furniture-2026-11.yaml"
_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?…。！？](?:\s*\[\d+\])?$")
# scripts written without spaces between words: their characters are counted instead of tokens
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_UNSPACED_CHARS_PER_WORD = 2
_CLOSERS = "\"'”’»)]*"
_LEAD_STRIP = " \t•·*>|»›–—-"
_TRAIL_STRIP = " \t.:;,!?|•·»«›‹→←>–—-…"


class Kind(str, Enum):
    """What a unit of a page is (SHORT: menu-like; LINE: a short line with content, e.g. a table row)."""

    PROSE = "prose"
    SHORT = "short"
    LINE = "line"
    FURNITURE = "furniture"
    NOTICE = "notice"
    BYLINE = "byline"
    END = "end"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class CueSet:
    """Compiled patterns of one kind that apply to lines of at most max_words words.

    A set whose patterns are all lower case runs case-sensitively on the lower-cased line
    (``folded``): Python's ``re`` is about three times slower at IGNORECASE alternations.
    """

    kind: str
    max_words: int
    pattern: re.Pattern[str]
    contains: bool = False
    folded: bool = False

    def matches(self, key: str, lower: str | None = None) -> bool:
        """Whether the line (as line_key gives it; ``lower`` is its lower case, if at hand) is
        matched: whole, or anywhere for a `contains` set."""
        text = (key.lower() if lower is None else lower) if self.folded else key
        return bool(self.pattern.search(text) if self.contains else self.pattern.fullmatch(text))


@dataclass(frozen=True, slots=True)
class FurnitureCues:
    """The furniture cues of one data file, compiled once."""

    version: str
    sets: tuple[CueSet, ...]
    bylines: tuple[CueSet, ...]


@dataclass(frozen=True, slots=True)
class TextCleanOptions:
    """Cues and the weights of the article-block search (words of prose against costs of the rest)."""

    cues: FurnitureCues
    stop_words: frozenset[str]
    min_sentence_words: int = 6
    min_unpunctuated_prose_words: int = 20
    min_stop_ratio: float = 0.25
    min_lower_ratio: float = 0.45
    short_cost: float = 2.0
    short_cost_per_word: float = 0.3
    repeat_cost: float = 4.0
    furniture_cost: float = 3.0
    end_cost: float = 60.0
    prose_offset: float = 4.0
    isolated_prose_weight: float = 0.4
    content_line_weight: float = 0.0
    extend_lists: bool = True
    list_prose_weight: float = 0.3
    min_furniture_evidence: int = 2
    min_content_line_words: int = 4


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph of the page: its original lines, and what it was judged to be."""

    lines: tuple[str, ...]
    block: int
    key: str
    words: int
    kind: Kind
    byline: str | None = None
    in_list: bool = False

    @property
    def text(self) -> str:
        """The paragraph as one line: a hard-wrapped paragraph's lines joined by spaces, so every
        extractor reads sentences, not the lines of the wire or the terminal that wrapped them.

        A line broken after a hyphen ("cease-" / "fire") is joined without the space, the hyphen kept:
        a compound stays whole, and no character is added or removed."""
        out = self.lines[0] if self.lines else ""
        for line in self.lines[1:]:
            hyphenated = len(out) > 1 and out.endswith("-") and out[-2].isalpha() and line[:1].isalpha()
            out += line if hyphenated else " " + line
        return out


@dataclass(frozen=True, slots=True)
class TextParts:
    """The article found in a page dump: paragraphs of the body, title and byline."""

    paragraphs: tuple[str, ...]
    title: str | None
    byline: str | None
    units: tuple[Unit, ...] = field(default=(), repr=False)


def _parse(text: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: 10× faster
    return yaml.load(text, Loader=loader)  # noqa: S506 -- a safe loader


def load_cues(text: str) -> FurnitureCues:
    """Compile a furniture cue file's YAML text."""
    return _cues(_parse(text))


def _cues(data: dict[str, Any]) -> FurnitureCues:
    defaults: dict[str, int] = data["max_words"]
    groups: dict[tuple[str, int, bool], list[str]] = {}
    bylines: list[CueSet] = []
    for cue in data["cues"]:
        kind = cue["kind"]
        if kind not in defaults:
            raise ValueError(f"furniture cue of unknown kind {kind!r}")
        if cue.get("source") not in data.get("sources", {}):
            raise ValueError(f"furniture cue without a declared source: {cue['pattern']!r}")
        limit = int(cue.get("max_words", defaults[kind]))
        contains = cue.get("match", "full") == "contains"
        if kind == "byline":
            # kept apart: each carries its own "name" group
            bylines.append(CueSet(kind, limit, re.compile(cue["pattern"], re.IGNORECASE)))
        else:
            groups.setdefault((kind, limit, contains), []).append(cue["pattern"])
    # one alternation per kind and limit: a line is tested against a handful of compiled patterns
    sets = tuple(_cue_set(kind, limit, contains, "|".join(f"(?:{p})" for p in patterns))
                 for (kind, limit, contains), patterns in groups.items())
    return FurnitureCues(str(data["version"]), sets, tuple(bylines))


def _cue_set(kind: str, limit: int, contains: bool, pattern: str) -> CueSet:
    # lower case apart from escapes (\W, \S) and with no case-sensitive group: safe to fold
    folded = "(?-i" not in pattern and not any(c.isupper() for c in re.sub(r"\\.", "", pattern))
    return CueSet(kind, limit, re.compile(pattern, 0 if folded else re.IGNORECASE), contains, folded)


def load_stop_words(text: str) -> frozenset[str]:
    """The function words of a furniture cue file's YAML text (its `stop_words` entry)."""
    return _stop_words(_parse(text))


def _stop_words(data: dict[str, Any]) -> frozenset[str]:
    entry = data["stop_words"]
    if entry.get("source") not in data.get("sources", {}):
        raise ValueError("furniture stop_words without a declared source")
    return frozenset(entry["words"].split())


@lru_cache(maxsize=1)
def default_options() -> TextCleanOptions:
    """Options from the packaged cue file: cues and English stop words (loaded once, immutable; no spaCy import)."""
    text = resources.files("newsgraph.data").joinpath(FURNITURE_FILE).read_text(encoding="utf-8")
    data = _parse(text)
    return TextCleanOptions(cues=_cues(data), stop_words=_stop_words(data))


def line_key(text: str) -> str:
    """A line as the cues see it: bullets and trailing punctuation off, whitespace collapsed."""
    return " ".join(text.strip(_LEAD_STRIP).rstrip(_TRAIL_STRIP).split())


def _is_terminal(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip().rstrip(_CLOSERS)))


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_wrapped(block: list[str]) -> bool:
    """Hard-wrapped prose: long lines of even length whose continuations often start in lower case."""
    if len(block) < 2:
        return False
    lengths = [len(line.strip()) for line in block]
    width = max(lengths)
    if width < 40:
        return False
    body = lengths[:-1]
    if sum(n >= 0.5 * width for n in body) < 0.5 * len(body):
        return False
    follows_open = [b.strip() for a, b in zip(block, block[1:]) if not _is_terminal(a)]
    lower = sum(1 for line in follows_open if line[:1].islower())
    return bool(follows_open) and lower >= 0.3 * len(follows_open)


def _paragraphs(block: list[str]) -> list[list[str]]:
    """Split a block into paragraphs: one per line unless the block is hard-wrapped prose."""
    if not _is_wrapped(block):
        return [[line] for line in block]
    indents = [len(line) - len(line.lstrip()) for line in block]
    base = min(indents)
    uses_indent = any(i > base for i in indents[1:])
    width = max(len(line.strip()) for line in block)
    paragraphs: list[list[str]] = [[block[0]]]
    for prev, line, indent in zip(block, block[1:], indents[1:]):
        if uses_indent:
            starts = indent > base
        else:
            starts = _is_terminal(prev) and len(prev.strip()) < 0.8 * width
        if starts:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


@dataclass(frozen=True, slots=True)
class BylineMatch:
    """A byline line and the author names it gives (None for an empty byline such as "by")."""

    name: str | None


def _byline(key: str, words: int, cues: FurnitureCues) -> BylineMatch | None:
    for cue in cues.bylines:
        if words <= cue.max_words and (m := cue.pattern.fullmatch(key)):
            name = (m.groupdict().get("name") or "").strip(" ,")
            return BylineMatch(name or None)
    return None


def _classify(lines: list[str], block: int, options: TextCleanOptions) -> Unit:
    flat = " ".join(line.strip() for line in lines)
    key = line_key(flat)
    tokens = _WORD.findall(flat)
    unspaced = len(_UNSPACED.findall(flat))
    words = len(tokens) + unspaced // _UNSPACED_CHARS_PER_WORD
    stripped = tuple(line.strip() for line in lines)
    if not words:
        return Unit(stripped, block, key, 0, Kind.EMPTY)
    cues, lower = options.cues, key.lower()
    for cue in cues.sets:
        if cue.kind == "end" and words <= cue.max_words and cue.matches(key, lower):
            return Unit(stripped, block, key, words, Kind.END)
    if (byline := _byline(key, words, cues)) is not None:
        return Unit(stripped, block, key, words, Kind.BYLINE, byline.name)
    for cue in cues.sets:
        if cue.kind == "line" and words <= cue.max_words and cue.matches(key, lower):
            return Unit(stripped, block, key, words, Kind.FURNITURE)
    # a contact line is furniture when it is a label ("Email: ...", "Follow the author at ..."), but a
    # sentence that gives an address is article text, wherever it stands
    sentence = words >= options.min_sentence_words and _is_terminal(flat)
    for cue in cues.sets:
        if cue.kind == "contact" and not sentence and words <= cue.max_words and cue.matches(key, lower):
            return Unit(stripped, block, key, words, Kind.FURNITURE)
    for cue in cues.sets:
        if cue.kind == "notice" and cue.matches(key, lower):
            kind = Kind.FURNITURE if words <= cue.max_words else Kind.NOTICE
            return Unit(stripped, block, key, words, kind)
    # function words (English) or mostly lower-case words (any cased script): running text, not a
    # Title-Case menu or headline
    stops = sum(map(options.stop_words.__contains__, map(str.lower, tokens))) / words  # counted in C
    lettered = [t for t in tokens if t[0].isalpha()]
    lower = sum(1 for t in lettered if t[0].islower()) / len(lettered) if lettered else 0.0
    terminal = _is_terminal(flat)
    # text in an unspaced script has no case and no English function words: its punctuation tells
    textlike = stops >= options.min_stop_ratio or lower >= options.min_lower_ratio or unspaced >= len(flat) / 3
    prose = textlike and (
        (terminal and words >= options.min_sentence_words) or words >= options.min_unpunctuated_prose_words
    )
    if prose:
        return Unit(stripped, block, key, words, Kind.PROSE)
    # a short line with digits, inner punctuation or mostly lower-case words reads as content
    # (a table row, a list item, a result), unlike a Title-Case menu entry
    content = words >= options.min_content_line_words and (
        lower >= 0.5 or any(c.isdigit() for c in key) or any(c in ",;:()" for c in key)
    )
    return Unit(stripped, block, key, words, Kind.LINE if content else Kind.SHORT)


def _score(unit: Unit, repeats: int, isolated: bool, options: TextCleanOptions) -> float:
    if unit.kind is Kind.PROSE:
        if repeats > 1:
            return -options.repeat_cost
        # teaser lists alternate headline, blurb, date: a blurb has no prose beside it
        weight = options.isolated_prose_weight if isolated else 1.0
        # prose standing in a list block is a teaser blurb more often than article text
        weight *= options.list_prose_weight if unit.in_list else 1.0
        return weight * (unit.words - options.prose_offset)
    if unit.kind is Kind.END:
        return -options.end_cost
    if unit.kind is Kind.EMPTY:
        return 0.0
    if unit.kind in (Kind.FURNITURE, Kind.BYLINE, Kind.NOTICE):
        return -(options.furniture_cost + options.short_cost_per_word * unit.words)
    if unit.kind is Kind.LINE and repeats <= 1:
        return options.content_line_weight * unit.words
    cost = options.short_cost + options.short_cost_per_word * unit.words
    return -(cost + (options.repeat_cost if repeats > 1 else 0.0))


def _isolated(units: list[Unit]) -> list[bool]:
    """Per unit: prose whose nearest non-empty neighbours on both sides are not prose."""
    solid = [i for i, u in enumerate(units) if u.kind is not Kind.EMPTY]
    flags = [False] * len(units)
    for n, i in enumerate(solid):
        before = n > 0 and units[solid[n - 1]].kind is Kind.PROSE
        after = n + 1 < len(solid) and units[solid[n + 1]].kind is Kind.PROSE
        flags[i] = units[i].kind is Kind.PROSE and not before and not after
    return flags


def _extend(units: list[Unit], end: int, counts: Counter[str]) -> int:
    """Carry the article block over the content lines that follow it (a list or table closing the article)."""
    i = end
    while i < len(units):
        unit = units[i]
        if unit.kind is Kind.EMPTY:
            i += 1
            continue
        if unit.kind not in (Kind.LINE, Kind.PROSE) or counts[unit.key.lower()] > 1:
            break
        i += 1
        end = i
    return end


@dataclass(frozen=True, slots=True)
class Run:
    """Units start to end (exclusive)."""

    start: int
    end: int


def _best_run(scores: list[float]) -> Run:
    """The run with the largest sum (Kadane, linear); empty when no score is positive."""
    best, best_run = 0.0, Run(0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_run = total, Run(start, i + 1)
    return best_run


_NOT_TITLE = (Kind.EMPTY, Kind.BYLINE, Kind.FURNITURE, Kind.END, Kind.NOTICE)


def _headline_like(unit: Unit) -> bool:
    return unit.kind in (Kind.SHORT, Kind.LINE) and 2 <= unit.words <= 30 and not unit.key.endswith(".")


def same_title(a: str, b: str) -> bool:
    """Whether two lines name the same headline (one may carry the site name: "Headline | Site")."""
    x, y = a.lower(), b.lower()
    shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
    return len(_WORD.findall(shorter)) >= 2 and longer.startswith(shorter)


@dataclass(frozen=True, slots=True)
class TitleAt:
    """The unit that holds the title, and the title as it should read."""

    index: int
    text: str


_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|•·–—-]\s+(?P<site>[^|•·–—]{1,60})$")


def without_site(title: str) -> str:
    """A page title without its site name ("Headline | Site", "Headline - Site")."""
    m = _SITE_SUFFIX.match(title)
    if m and len(_WORD.findall(m["site"])) <= 4 and len(_WORD.findall(m["title"])) >= 3:
        return m["title"].strip()
    return title


def _title(units: list[Unit], start: int) -> TitleAt | None:
    """The title before the article block: the page title's repetition near it, the page title, or its headline."""
    first = next((i for i, u in enumerate(units) if u.kind not in _NOT_TITLE), None)
    if first is None or first >= start:
        return None
    head = units[first]
    if _headline_like(head):
        for i in range(start - 1, max(first, start - 40), -1):
            if _headline_like(units[i]) and same_title(units[i].key, head.key):
                return TitleAt(i, " ".join(units[i].lines))
        if head.words >= 3 and "@" not in head.key:
            return TitleAt(first, without_site(" ".join(head.lines)))
    # else the headline just above the article, past its byline, dateline and picture caption
    steps = 0
    for i in range(start - 1, first - 1, -1):
        unit = units[i]
        if unit.kind in _NOT_TITLE:
            continue
        steps += 1
        if _headline_like(unit) and unit.words >= 4 and "@" not in unit.key:
            return TitleAt(i, " ".join(unit.lines))
        if steps >= 3:
            break
    return None


def classify_paragraphs(paragraphs: list[str], options: TextCleanOptions | None = None) -> list[Unit]:
    """Judge each paragraph of an already extracted text on its own (no page structure)."""
    opts = options or default_options()
    return [_classify([p], i, opts) for i, p in enumerate(paragraphs)]


# how much each kind of unit tells that a text carries page furniture
_EVIDENCE = {Kind.END: 2, Kind.FURNITURE: 1, Kind.NOTICE: 1, Kind.BYLINE: 1}


def split_page(text: str, options: TextCleanOptions | None = None) -> TextParts:
    """Find the article in a plain-text page: body paragraphs, title and byline."""
    opts = options or default_options()
    units: list[Unit] = []
    for b, block in enumerate(_blocks(text)):
        paragraphs = _paragraphs(block)
        # a block of several one-line paragraphs is a list (links, teasers) in html-to-text dumps
        in_list = len(paragraphs) >= 3 and len(paragraphs) == len(block)
        units.extend(replace(_classify(p, b, opts), in_list=in_list) for p in paragraphs)
    if not units:
        return TextParts((), None, None, ())
    counts = Counter(u.key.lower() for u in units if u.kind is not Kind.EMPTY)
    bylines = [u for u in units if u.kind is Kind.BYLINE]
    byline = next((u.byline for u in bylines if u.byline), None)
    # one accidental cue match (a date line in a wire story) is not enough to cut a text
    evidence = sum(_EVIDENCE.get(u.kind, 0) for u in units)
    evidence += sum(1 for key, n in counts.items() if n > 2 or (n > 1 and " " in key))
    if evidence < opts.min_furniture_evidence:
        return _whole(units, byline)
    isolated = _isolated(units)
    scores = [_score(u, counts[u.key.lower()], iso, opts) for u, iso in zip(units, isolated)]
    run = _best_run(scores)
    start, end = run.start, run.end
    if start == end:
        # no prose anywhere (a table, a list): nothing to tell the article from, so nothing is cut
        return _whole(units, byline)
    if opts.extend_lists:
        end = _extend(units, end, counts)
    while start < end and units[start].kind is Kind.NOTICE:
        start += 1
    while end > start and units[end - 1].kind is Kind.NOTICE:
        end -= 1
    found = _title(units, start)
    title_key = units[found.index].key.lower() if found else None
    title = found.text if found else None
    keep = (Kind.PROSE, Kind.SHORT, Kind.LINE, Kind.NOTICE)
    paragraphs = tuple(
        u.text for u in units[start:end] if u.kind in keep and u.key.lower() != title_key
    )
    return TextParts(paragraphs, title, byline, tuple(units))


def _whole(units: list[Unit], byline: str | None) -> TextParts:
    """A text without furniture: all but wordless and byline lines, the first line as title when it stands alone."""
    first = next((i for i, u in enumerate(units) if u.kind not in (Kind.EMPTY, Kind.BYLINE)), None)
    if first is None:
        return TextParts((), None, byline, tuple(units))
    head = units[first]
    alone = first + 1 < len(units) and units[first + 1].block != head.block
    title = head.text if alone and _headline_like(head) else None
    paragraphs = tuple(
        u.text
        for i, u in enumerate(units)
        if u.kind not in (Kind.EMPTY, Kind.BYLINE) and not (title and i == first)
    )
    return TextParts(paragraphs, title, byline, tuple(units))
