"""Quotes: direct and indirect speech, each with its speaker, cue and character spans.

Direct quotes come from the quotation marks (``quotes_marks``); each passage is attributed
by the first rule that finds a cue, in this order:

1. Ancestors: walking up the parse from the passage's words to the first word outside it
   ("said it “prepares …”", "was called “very deplorable” by the Kremlin").
2. Attachments: a cue verb hanging off the passage's root ("“…,” he said").
3. Window: the nearest cue outside any quote in the passage's sentences, the short
   sentence right after it ("“…” He said.") or the one ending in a colon before it.
4. Continuation: a paragraph of a multi-paragraph quote takes the speaker of the paragraph
   that closes it. Otherwise the passage stays unattributed (speaker None): scare quotes
   are not guessed.

An interrupted quote ("“A,” he said. “B.”") is one quote, as PolNeAR annotates it: one
Content from A to B; ``text`` joins the quoted parts, ``start``/``end`` cover both.

Indirect speech is a cue verb's content clause (ccomp, or dobj / a prepositional phrase
for the verbs whose data says so), "according to X, …", and a sentence-initial
"For X, …" with X a named actor. The speaker is the cue's subject, the passive agent, or
the prepositional object; pronouns resolve to the actor they refer to while
``speaker_span`` stays on the pronoun.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract.quotes_marks import QuotedPassage, find_passages
from newsgraph.extract.quotes_speaker import MentionIndex, speaker_span
from newsgraph.records import Actor, Quote, Span

CUE_FILE = "quote-cues-2026-11.yaml"
_SUBJECTS = frozenset({"nsubj", "csubj"})
_MAX_INTERRUPTION = 300  # characters of attribution between the halves of an interrupted quote
_MAX_CONTINUED = 3  # paragraphs of one multi-paragraph quote before its closing paragraph
_AFTER_LEAD = 6  # a following sentence attributes a quote only by its root or its first few words
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_OBJECTS = frozenset({"pobj", "dobj", "dative", "iobj"})
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


@dataclass(frozen=True, slots=True)
class VerbCue:
    """A reporting verb and the relations whose subtree holds what was reported."""

    lemma: str
    content: frozenset[str]
    preps: frozenset[str]
    direct: bool = True  # also attributes quoted passages (stance verbs like "support" do not)


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """Attribution cue data (``data/quote-cues-*.yaml``), loaded once."""

    verbs: dict[str, VerbCue]
    according: tuple[tuple[str, ...], ...]
    framing: frozenset[str]
    pronoun_kinds: dict[str, frozenset[str]]
    version: str = ""

    @classmethod
    def load(cls, nlp: Language) -> QuoteCues:
        """Read the packaged cue file; ``nlp`` is unused (the cues are lemma sets)."""
        raw = yaml.safe_load(resources.files("newsgraph.data").joinpath(CUE_FILE).read_text(encoding="utf-8"))
        verbs = {
            v["lemma"]: VerbCue(
                v["lemma"], frozenset(v.get("content", [])), frozenset(v.get("preps", [])), bool(v.get("direct", True))
            )
            for v in raw["speech_verbs"]
        }
        return cls(
            verbs=verbs,
            according=tuple(tuple(a["words"]) for a in raw["according_to"]),
            framing=frozenset(f["lemma"] for f in raw["framing_preps"]),
            pronoun_kinds={p["text"]: frozenset(p["kinds"]) for p in raw["pronouns"]},
            version=str(raw.get("version", "")),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it (a token heading the speaker phrase) and the cue words."""

    speaker: Token | None
    cue_start: int  # token indices, end exclusive
    cue_end: int
    content: tuple[int, int] | None = None  # token range of the reported clause, when larger than the passage


def extract_quotes(doc: Doc, actors: Sequence[Actor], cues: QuoteCues) -> list[Quote]:
    """Direct and indirect quotes of one parsed document, in text order."""
    passages = find_passages(doc.text)
    in_quote = [-1] * len(doc)
    para = _paragraph_ids(doc)
    ranges: list[tuple[int, int]] = []
    for n, p in enumerate(passages):
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        lo, hi = (span.start, span.end) if span is not None else (0, 0)
        ranges.append((lo, hi))
        for i in range(lo, hi):
            in_quote[i] = n
    found = [_attribute(doc, lo, hi, in_quote, para, cues) if hi > lo else None for lo, hi in ranges]
    found = _carry_continuations(passages, found)
    direct = _direct_quotes(doc, passages, found)
    indirect = _indirect_quotes(doc, in_quote, direct, cues)
    quotes = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    index = MentionIndex.build(doc, actors, cues.pronoun_kinds, [(q.start, q.end) for q in quotes])
    return _resolve_speakers(doc, quotes, index)


def _paragraph_ids(doc: Doc) -> list[int]:
    """Each token's paragraph number (a new one after every line break)."""
    ids, n = [], 0
    for tok in doc:
        ids.append(n)
        if tok.is_space and "\n" in tok.text:
            n += 1
    return ids


def _resolve_speakers(doc: Doc, quotes: Sequence[Quote], index: MentionIndex) -> list[Quote]:
    """Link each speaker phrase to the actor it names or refers to."""
    out: list[Quote] = []
    for q in quotes:
        if q.speaker_span is None:
            out.append(q)
            continue
        phrase = doc.char_span(*q.speaker_span, alignment_mode="expand")
        actor = index.resolve(phrase.root, q.speaker_span) if phrase is not None else None
        if actor is not None:
            q = replace(q, speaker=actor.id)
        out.append(q)
    return out


def _direct_quotes(doc: Doc, passages: Sequence[QuotedPassage], found: Sequence[Attribution | None]) -> list[Quote]:
    """One quote per passage; a passage inside a reported clause ("said it “prepares …” to
    help") gives the clause, direct when mostly quoted and indirect otherwise."""
    quotes: list[Quote] = []
    prev_att: Attribution | None = None
    quoted = [(p.start, p.end) for p in passages]
    for p, att in zip(passages, found, strict=True):
        prev = quotes[-1] if quotes else None
        clause = _trim(doc, *att.content) if att is not None and att.content is not None else None
        if clause is not None and (clause[0] < p.start or clause[1] > p.end):
            if prev is not None and _mostly_overlaps((prev.start, prev.end), clause):
                continue  # a second fragment of a clause already taken
            kind = "direct" if _quoted_share(quoted, clause) * 2 >= clause[1] - clause[0] else "indirect"
            quotes.append(_make_quote(doc, clause[0], clause[1], doc.text[clause[0] : clause[1]], kind, att))
            prev_att = att
            continue
        if prev is not None and prev_att is not None and _interrupted(doc.text, prev, p, att, prev_att):
            # "A," he said. "B." — one quote, as PolNeAR annotates it
            inner = doc.text[p.inner[0] : p.inner[1]]
            quotes[-1] = replace(prev, text=f"{prev.text} {inner}", end=p.end)
            continue
        quotes.append(_make_quote(doc, p.start, p.end, doc.text[p.inner[0] : p.inner[1]], "direct", att))
        prev_att = att
    return quotes


def _quoted_share(quoted: Sequence[Span], span: Span) -> int:
    """Characters of ``span`` inside quotation marks."""
    return sum(max(0, min(e, span[1]) - max(s, span[0])) for s, e in quoted if s < span[1] and e > span[0])


def _interrupted(text: str, prev: Quote, p: QuotedPassage, att: Attribution | None, prev_att: Attribution) -> bool:
    """The passage resumes the previous quote after its attribution, in the same paragraph."""
    if att is not None and att.cue_start != prev_att.cue_start:
        return False
    cue = prev.cue_span
    gap = text[prev.end : p.start]
    return (
        cue is not None
        and prev.end <= cue[0]
        and cue[1] <= p.start
        and "\n" not in gap
        and len(gap) <= _MAX_INTERRUPTION
    )


def _make_quote(doc: Doc, start: int, end: int, text: str, kind: str, att: Attribution | None) -> Quote:
    """A quote with its attribution's words; the speaker actor is linked later, in text order."""
    if att is None:
        return Quote(text=text, start=start, end=end, kind=kind)  # type: ignore[arg-type]
    cue = doc[att.cue_start : att.cue_end]
    who = att.speaker
    span = speaker_span(doc, who) if who is not None else None
    return Quote(
        text=text,
        start=start,
        end=end,
        kind=kind,  # type: ignore[arg-type]
        speaker_text=doc.text[span[0] : span[1]] if span is not None else None,
        speaker_span=span,
        cue=cue.text,
        cue_span=(cue.start_char, cue.end_char),
    )


def _carry_continuations(
    passages: Sequence[QuotedPassage], found: list[Attribution | None]
) -> list[Attribution | None]:
    """The paragraphs of one multi-paragraph quote take the attribution of its first
    paragraph ("X said: “A … ¶ “B … ¶ “C.”"). Taking an attribution found only in a later
    paragraph was wrong more often on PolNeAR train (0.89 vs 0.93 speaker accuracy); a run
    longer than ``_MAX_CONTINUED`` paragraphs is more likely a list of separate quotes."""
    out = list(found)
    n = 0
    while n < len(passages):
        end = n
        while end < len(passages) - 1 and passages[end].continued:
            end += 1
        if 0 < end - n <= _MAX_CONTINUED:
            shared = out[n]
            for k in range(n, end + 1):
                if out[k] is None and shared is not None:
                    out[k] = replace(shared, content=None)
        n = end + 1
    return out


def _attribute(
    doc: Doc, lo: int, hi: int, in_quote: Sequence[int], para: Sequence[int], cues: QuoteCues
) -> Attribution | None:
    """The cue nearest the passage, outside any quote: in its own sentences first, then the
    short sentence right after it, then the sentence before it when that ends in a colon."""
    for tier in _window(doc, lo, hi, in_quote, para):
        for i in tier:
            att = _cue_at(doc[i], in_quote, cues)
            if att is not None:
                return replace(att, content=_content_of(doc, lo, hi, att))
    colon = _colon_intro(doc, lo, in_quote, para)
    if colon is not None:
        return colon
    governing = _governing(doc, lo, hi, in_quote)
    return replace(governing, content=_content_of(doc, lo, hi, governing)) if governing is not None else None


def _colon_intro(doc: Doc, lo: int, in_quote: Sequence[int], para: Sequence[int]) -> Attribution | None:
    """"Clinton: “…”" and "Her response was: “…”": a colon hands the floor to whoever its
    clause is about — the subject of the verb before it, or the bare name."""
    k = lo - 1
    while k >= 0 and doc[k].is_space and para[k] == para[lo]:
        k -= 1
    if k < 0 or doc[k].text != ":" or para[k] != para[lo]:
        return None
    name = doc[k - 1] if k > 0 else None
    if (
        name is not None
        and name.ent_type_ in ("PERSON", "ORG")
        and (name.dep_ not in _OBJECTS or _after_dash(name))
        and in_quote[name.i] < 0
    ):
        return Attribution(name, k, k + 1)  # "… - Carl Bialik: “…”": the name right before the colon
    head = doc[k].head
    for _ in range(5):
        if head.i == k or in_quote[head.i] >= 0:
            return None
        if head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
            if subj is None or in_quote[subj.i] >= 0:
                return None
            return Attribution(subj, k, k + 1)  # "X had one message: “…”"
        if head.head.i == head.i:
            # a verbless heading: "Gillibrand on the transcripts: “…”"
            return Attribution(head, k, k + 1) if head.pos_ in ("PROPN", "NOUN", "PRON") else None
        head = head.head
    return None


def _content_of(doc: Doc, lo: int, hi: int, att: Attribution) -> tuple[int, int] | None:
    """The reported clause around a passage: the cue verb's dependent that contains it, or
    the clause an "according to X" / "For X," phrase frames; None when the passage is all."""
    cue = doc[att.cue_start]
    root = next((t for t in doc[lo:hi] if not lo <= t.head.i < hi or t.head.i == t.i), None)
    if root is None:
        return None
    path = [root]
    while path[-1].head.i != path[-1].i and len(path) < 8:
        path.append(path[-1].head)
    if cue in path[1:]:
        child = path[path.index(cue) - 1]
        if child.dep_ in _SUBJECTS or child.dep_ in ("nsubjpass", "agent"):
            return None
        if lo > 0 and doc[lo - 1].text in (":", "—", "-"):
            return None  # "cited three topics: “…”": the colon hands over to the quote itself
        return min(lo, child.left_edge.i), max(hi, child.right_edge.i + 1)
    if cue.dep_ == "prep" and cue.head in path[1:]:
        return _clause_without(cue.head, cue)
    return None


def _clause_without(clause: Token, prep: Token) -> tuple[int, int] | None:
    """A clause's tokens without a leading or trailing framing phrase ("according to X")."""
    doc = clause.doc
    prep_lo, prep_hi = prep.left_edge.i, prep.right_edge.i + 1
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    while hi > prep_hi and doc[hi - 1].is_punct:
        hi -= 1
    if prep_lo <= lo:
        return prep_hi, hi
    if prep_hi >= hi:
        return lo, prep_lo
    return None


def _window(doc: Doc, lo: int, hi: int, in_quote: Sequence[int], para: Sequence[int]) -> list[list[int]]:
    """Token indices that may attribute the passage, in tiers, nearest first within each.

    A passage ending in a comma inside its marks ("“…,” he said") is attributed after it,
    so candidates after it come first. Neighbouring sentences count only within the
    paragraph ("“…” He said." when the parser splits there; "X said:" before).
    """
    text = doc.text
    first, last = doc[lo].sent, doc[hi - 1].sent
    comma = any(t.text == "," for t in doc[max(lo, hi - 3) : hi])

    def order(idx: range) -> list[int]:
        keep = [i for i in idx if in_quote[i] < 0 and para[i] == para[lo]]
        return sorted(keep, key=lambda i: (min(abs(i - lo), abs(i - hi + 1)) + (3 if comma and i < lo else 0)))

    tiers = [order(range(first.start, last.end))]
    if last.end < len(doc) and last.end - hi <= 1:
        after = doc[last.end].sent
        if "\n" not in text[doc[hi - 1].idx : after[0].idx]:
            # only the attribution itself: "Hannity pressed." / "He tweeted when …"
            lead = [i for i in order(range(after.start, after.end)) if i - after.start < _AFTER_LEAD or doc[i].dep_ == "ROOT"]
            tiers.append(lead)
    if first.start > 0 and lo - first.start <= 1:
        before = doc[first.start - 1].sent
        if any(t.text == ":" for t in before[-2:]) and "\n" not in text[before[-1].idx : doc[lo].idx]:
            tiers.append(order(range(before.start, before.end)))
    return tiers


def _after_dash(name: Token) -> bool:
    """The entity ending at ``name`` follows a dash ("HEADLINE - Carl Bialik:"), however parsed."""
    i = name.i
    while i > 0 and name.doc[i].ent_iob_ == "I":
        i -= 1
    return i > 0 and name.doc[i - 1].text in ("-", "–", "—")


def _governing(doc: Doc, lo: int, hi: int, in_quote: Sequence[int]) -> Attribution | None:
    """A quoted fragment inside someone's clause ("Trump blasted Disney for its “outrageous
    practices”") is theirs: the nearest verb above it whose subject names an actor or is a
    personal pronoun. A fragment under an impersonal subject stays unattributed."""
    sent = doc[lo].sent
    if not any(not t.is_punct and not t.is_space for t in doc[sent.start : lo]):
        return None  # the passage opens its sentence: not a fragment inside a clause
    roots = [t for t in doc[lo:hi] if not lo <= t.head.i < hi]
    for root in roots[:1]:
        h = root.head
        for _ in range(4):
            if h.pos_ in ("VERB", "AUX"):
                subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
                if subj is not None and in_quote[subj.i] < 0 and (subj.ent_type_ in _ENTITY_LABELS or subj.lower_ in _PERSONAL):
                    return Attribution(subj, h.i, h.i + 1)
                if subj is not None:
                    return None
            if h.head.i == h.i:
                break
            h = h.head
    return None


def _cue_at(tok: Token, in_quote: Sequence[int], cues: QuoteCues) -> Attribution | None:
    """An attribution anchored on this token: a reporting verb, or a verb framed by "according to X"."""
    verb = cues.verbs.get(tok.lemma_.lower())
    if verb is not None and verb.direct and tok.pos_ in ("VERB", "AUX"):
        who = _speaker_of(tok, in_quote, cues.verbs)
        if who is not None:
            return Attribution(who, tok.i, tok.i + 1)
    for child in tok.children:
        att = _prep_cue(child, cues)
        if att is not None:
            return att
    att = _prep_cue(tok, cues)
    return att


def _prep_cue(tok: Token, cues: QuoteCues) -> Attribution | None:
    """"according to X" (anywhere) or sentence-initial "For X," with X a named entity."""
    doc = tok.doc
    for words in cues.according:
        n = len(words)
        if tok.lower_ == words[0] and tok.i + n <= len(doc):
            if tuple(t.lower_ for t in doc[tok.i : tok.i + n]) == words:
                obj = _pobj(doc[tok.i + n - 1]) or _pobj(tok)
                if obj is not None:
                    return Attribution(obj, tok.i, tok.i + n)
    if tok.lower_ in cues.framing and tok.dep_ == "prep" and tok.i == tok.sent.start:
        obj = _pobj(tok)
        if obj is not None and obj.ent_type_ in _ENTITY_LABELS and tok.doc[obj.right_edge.i + 1 : obj.right_edge.i + 2].text == ",":
            return Attribution(obj, tok.i, tok.i + 1)
    return None


def _pobj(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "pobj"), None)


def _speaker_of(verb: Token, in_quote: Sequence[int], verbs: Mapping[str, VerbCue]) -> Token | None:
    """The subject of a reporting verb, the passive agent, or the subject it shares with its head.

    Never a word inside a quotation, nor a date ("said Wednesday" parsed as a subject). A
    relative pronoun stays the speaker phrase (as PolNeAR marks it); its actor is resolved later.
    """
    v = verb
    for _ in range(3):
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        if agent is not None:
            return _pobj(agent)
        subj = next((c for c in v.children if c.dep_ in _SUBJECTS and c.ent_type_ not in _NOT_SPEAKERS), None)
        if subj is not None:
            return subj if in_quote[subj.i] < 0 else None
        if any(c.dep_ == "nsubjpass" for c in v.children):
            return None
        # "X said A, adding B" / "X stood up and said": the subject is the head verb's
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i and in_quote[v.head.i] < 0:
            h = v.head
            # "X said it was early but added …": the parser joins "added" to the reported
            # clause; the one who adds is the one who said
            if h.dep_ == "ccomp" and h.head.lemma_.lower() in verbs and h.lemma_.lower() not in verbs:
                h = h.head
            v = h
            continue
        return _inverted_subject(v, in_quote)
    return None


def _inverted_subject(verb: Token, in_quote: Sequence[int]) -> Token | None:
    """"…,” said spokesman Dmitri Peskov" / "…?” asked the boy": some parses leave the
    inverted subject as an object; a common noun counts only right after a quote."""
    after_quote = verb.i > 0 and (in_quote[verb.i - 1] >= 0 or verb.doc[verb.i - 1].is_punct)
    for c in verb.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod") and (c.pos_ == "PROPN" or after_quote and c.pos_ == "NOUN"):
            return c
    return None


def _indirect_quotes(doc: Doc, in_quote: Sequence[int], direct: Sequence[Quote], cues: QuoteCues) -> list[Quote]:
    out: list[Quote] = []
    taken = [(q.start, q.end) for q in direct]
    for tok in doc:
        if in_quote[tok.i] >= 0:
            continue
        found = _indirect_at(tok, in_quote, cues)
        if found is None:
            continue
        (lo, hi), att = found
        span = _trim(doc, lo, hi)
        if span is None or any(_mostly_overlaps(span, t) for t in taken):
            continue
        taken.append(span)
        out.append(_make_quote(doc, span[0], span[1], doc.text[span[0] : span[1]], "indirect", att))
    return out


def _indirect_at(tok: Token, in_quote: Sequence[int], cues: QuoteCues) -> tuple[tuple[int, int], Attribution] | None:
    """Reported content anchored on this token: a reporting verb's complement (after it, or
    before it in "X happened, officials said"), or the clause an "according to" frames."""
    verb = cues.verbs.get(tok.lemma_.lower())
    if verb is not None and tok.pos_ in ("VERB", "AUX"):
        for child in tok.children:
            if child.dep_ in verb.content and (child.i > tok.i or child.dep_ == "ccomp" and _fronted(child, tok)):
                if child.dep_ == "prep" and child.lower_ not in verb.preps:
                    continue
                who = _speaker_of(tok, in_quote, cues.verbs)
                if who is None:
                    return None
                lo = child.left_edge.i
                return (lo, child.right_edge.i + 1), Attribution(who, tok.i, tok.i + 1)
        return None
    att = _prep_cue(tok, cues)
    if att is None or tok.head.i == tok.i:
        return None
    clause = tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    rng = _clause_without(clause, tok)
    return (rng, att) if rng is not None else None


def _fronted(clause: Token, verb: Token) -> bool:
    """A complement before its verb, set off by a comma: "Troops left, the ministry said"."""
    doc = verb.doc
    return any(t.text == "," for t in doc[clause.right_edge.i + 1 : verb.i]) or (
        clause.right_edge.i + 1 < len(doc) and doc[clause.right_edge.i + 1].text == ","
    )


def _trim(doc: Doc, lo: int, hi: int) -> Span | None:
    """Strip edge punctuation and spaces from a token range; None when nothing is left."""
    while lo < hi and (doc[lo].is_punct and not doc[lo].is_quote or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct and not doc[hi - 1].is_quote or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < 2:
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _mostly_overlaps(a: Span, b: Span) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap * 2 >= min(a[1] - a[0], b[1] - b[0])
