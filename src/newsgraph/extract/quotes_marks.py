"""Quotation marks: find the quoted passages of a text, one linear scan, paragraph by paragraph.

Conventions handled, in order of precedence:

1. Curly “…”, guillemets «…» and low-high „…“ pair by their shapes; straight "…" toggles.
2. Single ‘…’ counts as quotation only outside double quotes, opening after a non-letter and
   closing before a non-letter, so apostrophes (“don’t”, “students’ ”) never open or close.
3. A quote never crosses a paragraph: an unclosed mark ends at its paragraph end. When the
   next paragraph begins with an opening mark, that is the multi-paragraph convention: the
   passage is marked ``continued`` (one speech with the paragraphs after it).
4. An unclosed mark anywhere else is capped at its sentence-ending punctuation or the
   paragraph end, so unbalanced marks never swallow the rest of the article.
5. Apostrophes written as double marks (some wire archives print ``the bloc"s``, ``don"t``,
   ``farmers" incomes``): a double mark between two letters is never a quotation mark; one
   after a plural ``s`` and before a space and a lower-case word is an apostrophe outside a
   quote, and inside one unless the next mark of the paragraph could only close ("exit
   bonds" are … ends the quote, ``"farmers" incomes fell,"`` does not).
6. Inside a straight quote, a mark after a space and before a word opens a new quote: the
   one before it was left unclosed (``"… last week. "The parties …," X said``), so it ends
   where that mark begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_FILLER = "\x00"
_APOSTROPHE = "\x01"  # stands in for a double mark read as an apostrophe (offsets unchanged)
_DOUBLES = frozenset({'"', "“", "”"})
_APOSTROPHE_LIKE = re.compile(r'[^\W\d_]["“”][^\W\d_]|s" [a-z]', re.IGNORECASE)
_MARKS = re.compile("[" + re.escape("".join(_OPEN_CLOSE) + _STRAIGHT + _SINGLE_OPEN) + "]")  # what can open
_MAX_UNCLOSED = 400  # characters an unclosed mid-paragraph quote may run before it is dropped


@dataclass(frozen=True, slots=True)
class QuotedPassage:
    """Characters between (and including) a pair of quotation marks."""

    start: int  # the opening mark
    end: int  # after the closing mark (or the paragraph end when unclosed)
    closed: bool
    continued: bool  # multi-paragraph quote: the next paragraph continues it
    single: bool = False
    width: int = 1  # characters of the opening mark: 2 for the typewriter '' … '' convention
    close_width: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without the marks."""
        return self.start + self.width, self.end - self.close_width if self.closed else self.end


def find_passages(text: str, typewriter: bool = True) -> list[QuotedPassage]:
    """All quoted passages of ``text`` in order, none nested, none crossing a paragraph.

    ``typewriter`` also reads '' … '' (two apostrophes) as quotation marks.
    """
    return list(_passages(text, typewriter))


@lru_cache(maxsize=4)
def _passages(text: str, typewriter: bool) -> tuple[QuotedPassage, ...]:
    """``find_passages``, kept for the last few texts: the quotes and the coreference index scan the same Doc."""
    paragraphs = text.split("\n")
    # whether the next non-blank paragraph opens with a mark, filled back to front (linear)
    next_opens = [False] * len(paragraphs)
    upcoming = False
    for n in range(len(paragraphs) - 1, -1, -1):
        next_opens[n] = upcoming
        if paragraphs[n].strip():
            upcoming = _opens(paragraphs[n].lstrip(), typewriter)
    out: list[QuotedPassage] = []
    pos = 0
    for n, para in enumerate(paragraphs):
        if para.strip():
            out.extend(_scan_paragraph(para, pos, next_opens[n], typewriter))
        pos += len(para) + 1
    return tuple(out)


def _opens(para: str, typewriter: bool = False) -> bool:
    """Whether a (left-stripped) paragraph begins with an opening quotation mark."""
    ch = para[:1]
    return ch in _OPEN_CLOSE or ch == _STRAIGHT or ch == _SINGLE_OPEN or typewriter and para.startswith("''")


def _scan_paragraph(para: str, offset: int, next_opens: bool, typewriter: bool) -> list[QuotedPassage]:
    # '' (two apostrophes, as some wire and newspaper archives write quotes) scans as a
    # straight double mark followed by a filler, so every offset stays where it was
    doubled = typewriter and "''" in para
    if doubled:
        para = para.replace("''", '"' + _FILLER)
    para = _mask_apostrophes(para)
    out: list[QuotedPassage] = []
    starts_with_mark = _opens(para.lstrip())
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        close = _OPEN_CLOSE.get(ch) or (_STRAIGHT if ch == _STRAIGHT else None)
        if close is None and ch == _SINGLE_OPEN and (i == 0 or not para[i - 1].isalnum()):
            close = _SINGLE_CLOSE
        if close is None:
            mark = _MARKS.search(para, i + 1)  # skip to the next character that could open a quote
            if mark is None:
                break
            i = mark.start()
            continue
        j = _find_close(para, i + 1, close, ch)
        if j is not None and close == _STRAIGHT and _opener_shaped(para, j):
            # rule 6: a new quote opens here; the one before it was left unclosed
            end = j
            while end > i + 1 and para[end - 1].isspace():
                end -= 1
            if any(c.isalpha() for c in para[i + 1 : end]):
                out.append(QuotedPassage(offset + i, offset + end, False, False, False, 1))
            i = j
            continue
        if j is not None:
            width = 2 if doubled and para[i + 1 : i + 2] == _FILLER else 1
            close_width = 2 if doubled and para[j + 1 : j + 2] == _FILLER else 1
            end = j + close_width
            if end > i + width + close_width and any(c.isalpha() for c in para[i:end]):
                single = close == _SINGLE_CLOSE
                out.append(QuotedPassage(offset + i, offset + end, True, False, single, width, close_width))
            i = end
            continue
        if close == _SINGLE_CLOSE:
            i += 1  # an unmatched ‘ is more likely a typo or an apostrophe than a quote
            continue
        first = not para[:i].strip()
        width = 2 if doubled and para[i + 1 : i + 2] == _FILLER else 1
        if (first and starts_with_mark) or next_opens:
            end = n
        elif n - i <= _MAX_UNCLOSED:
            end = _sentence_end(para, i + 1)
        else:
            break
        # a stray mark with no words after it ("0«") quotes nothing
        if any(c.isalpha() for c in para[i + width : end]):
            out.append(QuotedPassage(offset + i, offset + end, False, next_opens, False, width))
        break
    return out


def _mask_apostrophes(para: str) -> str:
    """The paragraph with double marks that are apostrophes (rule 5) replaced by a filler."""
    if ('"' not in para and "”" not in para) or _APOSTROPHE_LIKE.search(para) is None:
        return para  # the common case, one regex pass
    chars = list(para)
    inside = False
    for k, c in enumerate(para):
        if c not in _DOUBLES:
            continue
        before = para[k - 1] if k > 0 else " "
        after = para[k + 1] if k + 1 < len(para) else " "
        if before.isalpha() and after.isalpha():
            chars[k] = _APOSTROPHE
            continue
        if c == '"' and before in "sS" and _plural_possessive(para, k) and (not inside or _next_mark_closes(para, k)):
            chars[k] = _APOSTROPHE
            continue
        inside = not inside if c == '"' else c == "“"
    return "".join(chars)


def _plural_possessive(para: str, k: int) -> bool:
    """``s" word``: the mark after a plural ``s``, before a space and a lower-case word."""
    return para[k + 1 : k + 2] == " " and para[k + 2 : k + 3].islower()


def _next_mark_closes(para: str, k: int) -> bool:
    """Whether the first double mark after ``k`` (not between letters) can only close a quote."""
    for j in range(k + 1, len(para)):
        if para[j] in _DOUBLES and not (para[j - 1].isalpha() and para[j + 1 : j + 2].isalpha()):
            return not _opener_shaped(para, j)
    return False


def _opener_shaped(para: str, j: int) -> bool:
    """A mark after a space (or at the start) and before a word: it opens, never closes."""
    return (j == 0 or para[j - 1].isspace()) and para[j + 1 : j + 2].isalnum()


def _find_close(para: str, i: int, close: str, opening: str) -> int | None:
    """Index of the closing mark; for single quotes, one followed by a non-letter.

    Scraped text mixes shapes (“…" and "…”), so a double quote closes at the first double
    closing mark of either shape.
    """
    if close != _SINGLE_CLOSE:
        alts = [j for j in (para.find(close, i), para.find(_STRAIGHT if close != _STRAIGHT else "”", i)) if j >= 0]
        if opening == "„":
            alts = [j for j in (para.find("“", i), para.find("”", i)) if j >= 0]
        return min(alts) if alts else None
    while True:
        j = para.find(close, i)
        if j < 0:
            return None
        if (j + 1 >= len(para) or not para[j + 1].isalnum()) and para[j - 1] != " ":
            return j
        i = j + 1


def _sentence_end(para: str, i: int) -> int:
    for k in range(i, len(para)):
        if para[k] in ".!?" and (k + 1 == len(para) or para[k + 1] == " "):
            return k + 1
    return len(para)
