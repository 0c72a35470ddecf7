"""Verb and noun patterns -> CAMEO codes: the index built once, the match per trigger token.

Records (``event-patterns-*.jsonl``) come in three kinds:
- ``verb``/``noun``/``adj``: a lemma (plus irregular forms and phrase words such as "call *off*")
  belongs to a block and carries the block's default code;
- ``pattern``: words that must occur before / after the trigger inside its subtree
  ("- * (OF TORTURE) [1122]") give a more specific code for every lemma of the block.
The most specific matching pattern wins (most words; earlier files, then earlier lines,
break ties), else the lemma's default code; a code of None means "no event".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

FOREIGN_DEPS = frozenset({"ccomp", "conj", "cc", "advcl", "relcl", "parataxis", "punct", "mark", "csubj", "appos"})
WINDOW = 15  # tokens after the trigger that a pattern may reach (TABARI-style flat patterns)
PHRASE_REACH = 3  # tokens on either side where a phrase verb's other words may stand


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words around a trigger that select a code inside a block."""

    code: str | None
    reverse_code: str | None
    before: tuple[tuple[tuple[str, ...], ...], ...]  # elements -> alternatives -> words
    after: tuple[tuple[tuple[str, ...], ...], ...]
    specificity: int
    order: int
    tier: int  # which record set (0 = highest precedence)
    source: str
    keys: tuple[frozenset[str], ...] = ()  # per element, the 3-letter prefixes it can match: a cheap pre-filter


@dataclass(frozen=True, slots=True)
class Entry:
    """A trigger lemma in a block, with its default code and the phrase words it needs."""

    lemma: str
    pos: str  # VERB, NOUN or ADJ
    block: str
    code: str | None
    reverse_code: str | None
    phrase_before: tuple[str, ...]
    phrase_after: tuple[str, ...]
    order: int
    tier: int
    source: str
    final: bool = False  # no default code, and no fallback to a later dictionary's default


@dataclass(frozen=True, slots=True)
class CodeMatch:
    """The code chosen for one trigger token, and the tokens the pattern consumed."""

    code: str
    reverse_code: str | None
    consumed: tuple[int, ...]
    source: str
    specificity: int
    tier: int = 0  # which record set coded it (0 = ours): the confidence formula's evidence kind


@dataclass(frozen=True, slots=True)
class PatternIndex:
    """Lookup from a token's word form or lemma to its entries, and from a block to its patterns."""

    words: frozenset[str]  # every trigger word form: a cheap first test per token
    entries: dict[str, tuple[Entry, ...]]  # "VERB:lemma" / "NOUN:lemma" (and irregular forms) -> entries
    blocks: dict[str, tuple[Pattern, ...]]
    # block -> 3-letter prefix -> positions of the patterns whose first word has it
    first_keys: dict[str, dict[str, tuple[int, ...]]]

    @classmethod
    def from_records(cls, record_sets: Iterable[Iterable[dict[str, Any]]]) -> PatternIndex:
        """Earlier record sets take precedence at equal specificity (our own before PETRARCH's)."""
        entries: dict[str, list[Entry]] = {}
        blocks: dict[str, list[Pattern]] = {}
        order = 0
        for tier, records in enumerate(record_sets):
            for r in records:
                order += 1
                kind = r.get("kind")
                if kind in {"verb", "noun", "adj"}:
                    e = Entry(
                        lemma=r["lemma"].lower().rstrip("_"),
                        pos={"verb": "VERB", "noun": "NOUN", "adj": "ADJ"}[kind],
                        block=r["block"],
                        code=r.get("code"),
                        reverse_code=r.get("reverse_code"),
                        phrase_before=tuple(w.lower() for w in r.get("phrase_before", [])),
                        phrase_after=tuple(w.lower() for w in r.get("phrase_after", [])),
                        order=order,
                        tier=tier,
                        source=r.get("source", ""),
                        final=bool(r.get("final", False)),
                    )
                    for key in {e.lemma, *(f.lower() for f in r.get("forms", []))}:
                        entries.setdefault(f"{e.pos}:{key}", []).append(e)
                elif kind == "pattern":
                    if any(not el for el in r.get("before", []) + r.get("after", [])):
                        continue  # an element whose synset did not resolve: dropping it would widen the pattern
                    before = _elements(r.get("before", []))
                    after = _elements(r.get("after", []))
                    if not before and not after:
                        continue  # differs from the block default only by role markers, which the parse decides
                    blocks.setdefault(r["block"], []).append(
                        Pattern(
                            code=r.get("code"),
                            reverse_code=r.get("reverse_code"),
                            before=before,
                            after=after,
                            specificity=sum(len(el[0]) for el in before + after),
                            order=order,
                            tier=tier,
                            source=r.get("source", ""),
                            keys=tuple(frozenset(alt[0].rstrip("_")[:3] for alt in el) for el in before + after),
                        )
                    )
        sorted_blocks = {k: tuple(sorted(v, key=lambda p: (-p.specificity, p.order))) for k, v in blocks.items()}
        by_key: dict[str, dict[str, list[int]]] = {}
        for name, pats in sorted_blocks.items():
            table = by_key.setdefault(name, {})
            for pos, p in enumerate(pats):
                for key in p.keys[0]:
                    table.setdefault(key, []).append(pos)
        return cls(
            words=frozenset(k.split(":", 1)[1] for k in entries),
            entries={k: tuple(v) for k, v in entries.items()},
            blocks=sorted_blocks,
            first_keys={b: {k: tuple(v) for k, v in t.items()} for b, t in by_key.items()},
        )

    def lookup(self, tok: Token) -> tuple[Entry, ...]:
        """Entries whose lemma or form is this token, for its part of speech."""
        if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
            pos = "VERB"
        elif tok.pos_ == "ADJ":
            pos = "ADJ"  # "said he was pessimistic": a stance adjective is the verbal act (012/013)
        else:
            pos = "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else ""
        if not pos:
            return ()
        found = self.entries.get(f"{pos}:{tok.lemma_.lower()}", ()) or self.entries.get(f"{pos}:{tok.lower_}", ())
        if not found:
            return ()
        if all(not (e.phrase_after or e.phrase_before) for e in found):
            return found
        after, before = _near_words(tok)
        return tuple(
            e
            for e in found
            if all(w.rstrip("_") in after for w in e.phrase_after)
            and all(w.rstrip("_") in before for w in e.phrase_before)
        )

    def match(self, tok: Token, words: Sequence[tuple[str, str]] | None = None) -> CodeMatch | None:
        """The most specific code for this trigger, or None; ``words`` caches (lower, lemma) per token of the doc."""
        entries = self.lookup(tok)
        if not entries:
            return None
        if not any(e.block in self.blocks for e in entries):
            return self._default(entries)
        if words is None:
            words = [(t.lower_, t.lemma_.lower()) for t in tok.doc]
        own = _own_scope(tok)
        right = [i for i in range(tok.i + 1, min(tok.right_edge.i, tok.i + WINDOW) + 1) if i in own]
        own |= _governing_scope(tok)
        left = [i for i in range(max(0, tok.i - 8), tok.i) if i in own]  # own and governing tokens stay in the sentence
        right_words = [words[i] for i in right]
        left_words = [words[i] for i in left]
        present = {w[:3] for pair in right_words + left_words for w in pair}
        best: tuple[tuple[int, int], CodeMatch] | None = None
        seen: set[str] = set()
        # the first coded entry anchors the event family: other blocks' patterns may refine its
        # code within the same CAMEO root but not switch family (PETRARCH's DEMAND block holds URGE's 02x)
        anchor = next((e for e in sorted(entries, key=lambda e: e.order) if e.code), None)
        for e in entries:
            if e.block in seen:
                continue
            seen.add(e.block)
            patterns = self.blocks.get(e.block, ())
            table = self.first_keys.get(e.block, {})
            # only patterns whose first word can be present; positions keep the specificity order
            positions = sorted({pos for key in present for pos in table.get(key, ())})
            for p in (patterns[pos] for pos in positions):
                if best is not None and (-p.specificity, p.order) >= best[0]:
                    break
                if _off_family(p, e, anchor):
                    continue
                if not all(k & present for k in p.keys):
                    continue
                hit_after = _seq_match(p.after, right_words, p.keys[len(p.before) :])
                if hit_after is None:
                    continue
                hit_before = _seq_match(p.before, left_words, p.keys[: len(p.before)])
                if hit_before is None:
                    continue
                if p.code is None and p.reverse_code is None:
                    cm = CodeMatch("", None, (), p.source, p.specificity, p.tier)  # an explicit "no event" pattern
                else:
                    consumed = tuple(right[i] for i in hit_after) + tuple(left[i] for i in hit_before)
                    cm = CodeMatch(p.code or "", p.reverse_code, consumed, p.source, p.specificity, p.tier)
                best = ((-p.specificity, p.order), cm)
                break
        if best is not None:
            return best[1] if best[1].code or best[1].reverse_code else None
        return self._default(entries)

    @staticmethod
    def _default(entries: tuple[Entry, ...]) -> CodeMatch | None:
        for e in sorted(entries, key=lambda e: e.order):
            if e.code or e.reverse_code:
                return CodeMatch(e.code or "", e.reverse_code, (), e.source, 0, e.tier)
            if e.final:
                return None
        return None


def _off_family(p: Pattern, e: Entry, anchor: Entry | None) -> bool:
    """A later dictionary's pattern that would switch the anchor entry's CAMEO root."""
    if anchor is None or p.tier <= anchor.tier or e.block == anchor.block or not (p.code and anchor.code):
        return False
    return p.code[:2] != anchor.code[:2]


def _own_scope(tok: Token) -> set[int]:
    """Tokens of the trigger's own arguments: a pattern must not reach into a reported clause or a conjunct."""
    scope: set[int] = set()
    for child in tok.children:
        if child.dep_ not in FOREIGN_DEPS:
            scope.update(range(child.left_edge.i, child.right_edge.i + 1))  # subtrees are contiguous
    return scope


def _governing_scope(tok: Token) -> set[int]:
    """Words before the trigger that bear on it from above: 'indicated it *would act*', 'failed to *'."""
    scope: set[int] = set()
    cur = tok
    for _ in range(2):
        if cur.head.i == cur.i or cur.dep_ not in {"xcomp", "ccomp", "pcomp", "acl"}:
            break
        cur = cur.head
        scope.add(cur.i)
        scope.update(c.i for c in cur.children if c.dep_ in {"aux", "auxpass", "neg", "mark"})
    return scope


def _elements(raw: list[list[str]]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    return tuple(tuple(tuple(alt.split()) for alt in el if alt.strip()) for el in raw if el)


def _word_ok(w: str, lower: str, lemma: str) -> bool:
    if w.endswith("_"):
        w = w[:-1]
        return w == lower or w == lemma
    if len(w) >= 4:
        return lower.startswith(w) or lemma.startswith(w)
    return w == lower or w == lemma


def _seq_match(
    elements: tuple[tuple[tuple[str, ...], ...], ...],
    words: list[tuple[str, str]],
    keys: tuple[frozenset[str], ...] = (),
) -> list[int] | None:
    """Positions where each element matches, in order, or None; ``keys`` (each element's first-word
    3-letter prefixes) skip positions no alternative can start at, the hot path of coding."""
    pos = 0
    hits: list[int] = []
    for n, alternatives in enumerate(elements):
        found = -1
        first = keys[n] if n < len(keys) else None
        for i in range(pos, len(words)):
            if first is not None and words[i][0][:3] not in first and words[i][1][:3] not in first:
                continue
            for alt in alternatives:
                if i + len(alt) <= len(words) and all(_word_ok(w, *words[i + k]) for k, w in enumerate(alt)):
                    found = i
                    break
            if found >= 0:
                hits.append(found)
                pos = found + len(alternatives[0])
                break
        if found < 0:
            return None
    return hits


def _near_words(tok: Token) -> tuple[set[str], set[str]]:
    """Words that can complete a phrase verb ("call off", "ask for", "wire tap"): beside the trigger or below it."""
    doc = tok.doc
    after = {doc[i].lower_ for i in range(tok.i + 1, min(len(doc), tok.i + 1 + PHRASE_REACH))}
    after |= {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep", "dobj", "advmod"}}
    before = {doc[i].lower_ for i in range(max(0, tok.i - PHRASE_REACH), tok.i)}
    return after, before
