"""Quotes: direct and indirect speech, each with its speaker, cue and character spans.

The stages, each a pure function over the one parse:

1. Passages: the quotation marks, one linear scan (``quotes_marks``): curly, straight,
   guillemets, ‘…’ when clearly quotation, '' … ''; capped at the paragraph.
2. Attribution of each passage (``quotes_attribution.attribute``): the nearest cue in its
   sentence, then the start of the sentence after it, then a colon intro, then the verb
   governing a fragment. Nothing found: the passage stays unattributed (speaker None) —
   scare quotes are not guessed.
3. Assembly: a passage inside a reported clause ("said it “prepares …” to help") gives the
   clause, direct when mostly quoted, else indirect; an interrupted quote ("“A,” he said.
   “B.”") is one quote as PolNeAR annotates it (``start``/``end`` cover both parts and
   ``text`` is exactly that slice, attribution included: every record's text is its span);
   the paragraphs of a multi-paragraph quote share the first one's attribution.
   A direct quote's span is its words inside the marks; a stray mark quotes nothing.
4. Indirect speech (``quotes_attribution.indirect_at``): a reporting verb's complement,
   "according to X, …", a sentence-initial "For X, …" with X a named actor.
5. Speakers (``quotes_speaker``): ``speaker_span`` is the words of the attribution (a
   pronoun stays a pronoun); ``speaker`` is the actor they name or refer to.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.extract.doctext import doc_text, token_words
from newsgraph.extract.quotes_attribution import Attribution, attribute, byline, indirect_at
from newsgraph.extract.quotes_cues import QuoteCues, VerbCue
from newsgraph.extract.quotes_marks import QuotedPassage, find_passages
from newsgraph.extract.quotes_speaker import MentionIndex, speaker_span
from newsgraph.records import Actor, Quote, Span

__all__ = ["QuoteCues", "VerbCue", "extract_quotes"]

_MAX_INTERRUPTION = 300  # characters of attribution between the halves of an interrupted quote
_NEIGHBOURS = 8  # sorted quote spans compared either side when checking overlap
_RESUME_AFTER = frozenset(".,:;—-")  # punctuation that ends the attribution of an interrupted quote
_MAX_CONTINUED = 3  # paragraphs of one multi-paragraph quote before its closing paragraph
_OBJECT_DEPS = frozenset({"pobj", "dobj", "poss"})  # a noun someone else's clause names: its speaker is met in passing
_CHAIN_CHARS = 1500  # how far back "he said" still means the previous person speaker (about two paragraphs)
_MIN_UNATTRIBUTED_WORDS = 6  # shorter unattributed passages are titles, slogans and scare quotes
_NAMED = frozenset({"ORG", "GPE", "NORP"})
# "WASHINGTON, April 2 (Reuters) - ": a dateline opening a paragraph is never part of a quote
_DATELINE = re.compile(r"[A-Z][A-Z.' ]+(?:/[A-Z][A-Z.' ]+)?(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z]+\))? ?(?:--|[-—–]) ?")


def extract_quotes(doc: Doc, actors: Sequence[Actor], cues: QuoteCues) -> list[Quote]:
    """Direct and indirect quotes of one parsed document, in text order."""
    passages = find_passages(doc_text(doc))
    in_quote = [-1] * len(doc)
    para = _paragraph_ids(doc)
    ranges: list[tuple[int, int]] = []
    for n, p in enumerate(passages):
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        lo, hi = (span.start, span.end) if span is not None else (0, 0)
        ranges.append((lo, hi))
        for i in range(lo, hi):
            in_quote[i] = n
    found = [
        (byline(doc, p.start, p.end, cues.byline_dashes) if p.closed else None)
        or (attribute(doc, lo, hi, in_quote, para, cues) if hi > lo else None)
        for p, (lo, hi) in zip(passages, ranges, strict=True)
    ]
    found = _carry_continuations(passages, found)
    direct = _direct_quotes(doc, passages, found, cues.relative)
    indirect = _indirect_quotes(doc, in_quote, direct, cues)
    quotes = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    quotes = [_without_dateline(doc_text(doc), q) for q in quotes]
    quotes = _carry_bare_paragraphs(doc_text(doc), quotes)
    quotes = _classify(doc_text(doc), quotes, passages)
    quotes = [q for q in quotes if not _shouted(doc_text(doc), q)]
    index = MentionIndex.build(doc, actors, cues.pronoun_kinds, [(q.start, q.end) for q in quotes], cues.relative, cues.indefinite)
    return _resolve_speakers(doc, quotes, index, cues)


def _paragraph_ids(doc: Doc) -> list[int]:
    """Each token's paragraph number (a new one after every line break)."""
    ids, n = [], 0
    for lower, _ in token_words(doc):
        ids.append(n)
        if "\n" in lower and lower.isspace():  # spaCy's is_space is str.isspace
            n += 1
    return ids


def _resolve_speakers(doc: Doc, quotes: Sequence[Quote], index: MentionIndex, cues: QuoteCues) -> list[Quote]:
    """Link each speaker phrase to the actor it names or refers to.

    A speaker pronoun is the previous speaker of its class, as wire copy chains them: "he" /
    "she" the previous person ("Kasahara said … ¶ “…,” he said"), "they" the previous plural
    speaker ("industry sources said … they said"), "it" the previous organization ("the
    paper said … it said") — even when the actors work found no actor for that speaker (the
    nearest earlier actor would be someone else the article mentions); a person named after
    the previous person speaker takes "he" ("X said … Y sees little chance. “…,” he said": Y).
    """
    definite = cues.definite
    out: list[Quote] = []
    last: dict[str, tuple[int, Actor | None]] = {}  # the previous speaker of each class: where its attribution ends, who
    roles: dict[str, tuple[int, Actor | None]] = {}  # the previous speaker named by each role noun ("spokesman"): where, who
    for q in quotes:
        if q.speaker_span is None:
            out.append(q)
            continue
        phrase = doc.char_span(*q.speaker_span, alignment_mode="expand")
        head = phrase.root if phrase is not None else None
        if head is None:
            out.append(q)
            continue
        actor = index.resolve(head, q.speaker_span)
        if head.pos_ == "NOUN" and (actor is None or actor.kind == "person"):
            actor = index.body_in(q.speaker_span, head) or actor  # "an APT spokesman": APT, not a generic spokesman
        if head.pos_ == "NOUN" and actor is None and _definite(head, definite):
            actor = index.named_by_head(head)  # "the bank said" after "The World Bank said"
            if actor is None and head.lemma_.lower() in cues.company_nouns and head.tag_ == "NN":  # not "the companies"
                actor = index.company_before(head, cues.legal_words)  # "the company said" after "Orton Mining Corp said"
        if head.pos_ == "PROPN" and (actor is None or actor.kind != "person"):
            actor = index.person_by_surname(head.text) or actor  # "Fritschi said" after "Herbert Fritschi"
        words = q.speaker_text or ""  # the text of speaker_span
        if head.pos_ == "PROPN" and (actor is None or _short_name_of_another_kind(actor, words)):
            # "Giant Bay said" after "Giant Bay Resources Ltd": the company, whatever the short
            # name was read as (a country stays a country: "Japan said" is not "Japan Tobacco";
            # a person named in full stays that person: "Macron said" is not "the Macron government")
            actor = index.by_name_start(words) or actor
        kind = _speaker_class(head, actor, index.pronoun_kinds)
        prev = last.get(kind) if head.lower_ in index.pronoun_kinds else None
        if prev is not None and q.speaker_span[0] - prev[0] <= _CHAIN_CHARS:
            # a person named after the previous speaker's attribution takes "he"; one named
            # inside it ("Koo, an aide to Kim, said … ¶ “…,” he said") does not
            named = index.last_person_before(q.speaker_span[0]) if kind == "person" else None
            if named is None or named <= prev[0]:
                if prev[1] is not None or kind != "thing":
                    actor = prev[1]
                elif actor is not None and actor.kind != "organization":
                    actor = None  # "Holm GmbH of West Germany said … it said": not the country its speaker had no actor for
        role = head.lemma_.lower() if head.pos_ == "NOUN" else None
        if role is not None and _definite(head, definite) and role in roles and q.speaker_span[0] - roles[role][0] <= _CHAIN_CHARS:
            # "A Treasury spokesman said … The spokesman added": the same spokesman, and no
            # one else when that spokesman had no actor (not a president named in between)
            actor = roles[role][1]
        elif role is not None:
            roles[role] = (q.speaker_span[0], actor)
        said_at = max(q.speaker_span[1], q.cue_span[1] if q.cue_span else 0)
        if kind != "person" or not _said_in_passing(head, index.relative):
            for k in ("person", "thing") if kind == "either" else (kind,):
                last[k] = (said_at, actor)
        if actor is not None:
            q = replace(q, speaker=actor.id)
        out.append(q)
    return out


def _said_in_passing(head: Token, relative: frozenset[str]) -> bool:
    """A speaker met inside someone else's sentence through a relative clause on an object ("X was
    asked about remarks by an official who said …"): not the one a later "he said" continues."""
    if head.lower_ in relative and head.head.dep_ == "relcl":
        noun = head.head.head
    elif any(c.dep_ == "relcl" and any(w.lower_ in relative for w in c.lefts) for c in head.rights):
        noun = head  # the phrase runs from the noun to its pronoun ("a senior official who")
    else:
        return False
    while noun.dep_ in ("conj", "appos") and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ in _OBJECT_DEPS


def _definite(head: Token, definite: frozenset[str]) -> bool:
    """A noun phrase that refers back: "the spokesman", "this official" (a definite determiner
    and no possessor or modifier naming someone else)."""
    dets = [c for c in head.lefts if c.dep_ in ("det", "poss", "compound", "amod")]
    return len(dets) == 1 and dets[0].dep_ == "det" and dets[0].lower_ in definite


def _short_name_of_another_kind(actor: Actor, phrase: str) -> bool:
    """Whether ``actor`` may give way to an organization whose name begins with ``phrase``:
    not a country or organization, and not a person known by a fuller name than the phrase."""
    if actor.kind in ("organization", "country"):
        return False
    return not (actor.kind == "person" and actor.name != phrase and actor.name.endswith(phrase))


def _speaker_class(head: Token, actor: Actor | None, pronoun_kinds: dict[str, frozenset[str]]) -> str:
    """person, plural, thing, or either (a singular common noun: "the source", "the ministry")."""
    kinds = pronoun_kinds.get(head.lower_)
    if kinds is not None:
        return "person" if kinds == {"person"} else "plural" if "person" in kinds else "thing"
    if head.ent_type_ == "PERSON" or actor is not None and actor.kind == "person":
        return "person"
    if head.tag_ in ("NNS", "NNPS"):
        return "plural"
    if head.ent_type_ in _NAMED or actor is not None:
        return "thing"
    return "either"


def _shouted(text: str, q: Quote) -> bool:
    """Whether the quote's cue sits in a line written all in capitals: a wire headline
    ("OECD WARNS SWEDEN ON LABOUR COSTS"), whose parse is unreliable (the object read as what
    was said) and whose claim the article's first paragraph states again in full."""
    if q.cue_span is None:
        return False
    lo = text.rfind("\n", 0, q.cue_span[0]) + 1
    hi = text.find("\n", q.cue_span[1])
    line = text[lo : hi if hi >= 0 else len(text)]
    return line.isupper() and sum(c.isalpha() for c in line) > 1


def _without_dateline(text: str, q: Quote) -> Quote:
    """The quote without a dateline it opens with ("WASHINGTON, April 2 - Troops left, X said")."""
    para = text.rfind("\n", 0, q.start) + 1
    m = _DATELINE.match(text, para, q.end)
    if m is None or m.end() <= q.start or m.end() >= q.end:
        return q
    return replace(q, start=m.end(), text=text[m.end() : q.end])


def _carry_bare_paragraphs(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """A quotation opening its paragraph with no cue of its own ("X denied the charges. ¶
    “I did what I set out to do.”") belongs to the speaker of the previous paragraph's last
    attribution, as wire copy writes it. (The same rule for a quotation opening a sentence
    mid-paragraph added 38 false direct quotes on PolNeAR train for 7 right ones.)"""
    out: list[Quote] = []
    for q in quotes:
        para = text.rfind("\n", 0, q.start) + 1
        if q.cue_span is None and para > 0 and not text[para : q.start].strip(" \t\"“«'"):
            before = text[:para].rstrip()
            prev = before.rfind("\n") + 1
            said = [
                o
                for o in out
                if o.speaker_span and o.cue_span and o.cue and o.cue.isalpha() and prev <= o.cue_span[0] < para
            ]  # a dash signs only its own paragraph's quote
            if said and before:
                s = said[-1]
                q = replace(q, speaker_text=s.speaker_text, speaker_span=s.speaker_span, cue=s.cue, cue_span=s.cue_span)
        out.append(q)
    return out


def _classify(text: str, quotes: Sequence[Quote], passages: Sequence[QuotedPassage]) -> list[Quote]:
    """Each quote's kind as PARC and PolNeAR define it, from the quotation marks in its span:
    direct when it begins and ends inside marks, mixed (with its quoted parts) when it holds
    quoted words among reported ones, indirect when it holds none. A passage nobody is said to
    have said that is short (a title, a slogan, a scare-quoted phrase) is no quote at all."""
    marks = [(p.start, p.end) for p in passages]
    words = [_words(text, p) for p in passages]
    starts = [m[0] for m in marks]
    out: list[Quote] = []
    for q in quotes:
        k = bisect_left(starts, q.start + 1) - 1
        inside = [w for m, w in zip(marks[max(0, k) :], words[max(0, k) :], strict=True) if m[0] < q.end]
        parts = tuple((max(lo, q.start), min(hi, q.end)) for lo, hi in inside if lo < q.end and hi > q.start)
        if not parts:
            out.append(replace(q, kind="indirect", quoted_spans=()))
            continue
        begins = any(s <= q.start < e for s, e in marks)
        ends = any(s < q.end <= e for s, e in marks)
        if begins and ends:
            if q.cue_span is None and len(text[q.start : q.end].split()) < _MIN_UNATTRIBUTED_WORDS:
                continue  # "the so-called “peace dividend”": not a quote
            out.append(replace(q, kind="direct", quoted_spans=parts if len(parts) > 1 else ()))
        else:
            out.append(replace(q, kind="mixed", quoted_spans=parts))
    return out


def _direct_quotes(
    doc: Doc, passages: Sequence[QuotedPassage], found: Sequence[Attribution | None], relative: frozenset[str]
) -> list[Quote]:
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
            quotes.append(_make_quote(doc, clause[0], clause[1], doc_text(doc)[clause[0] : clause[1]], kind, att, relative))
            prev_att = att
            continue
        lo, hi = _words(doc_text(doc), p)
        if lo >= hi:
            continue
        if prev is not None and prev_att is not None and _interrupted(doc_text(doc), prev, p, att, prev_att):
            # "A," he said. "B." — one quote, as PolNeAR annotates it; its text is the
            # covered slice, attribution included, so the span still matches its text
            quotes[-1] = replace(prev, text=doc_text(doc)[prev.start : hi], end=hi)
            continue
        quotes.append(_make_quote(doc, lo, hi, doc_text(doc)[lo:hi], "direct", att, relative))
        prev_att = att
    return quotes


def _words(text: str, p: QuotedPassage) -> Span:
    """The quoted words of a passage: inside its marks, without edge spaces."""
    lo, hi = p.inner
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


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
        # the attribution ends before the resumption ("he said. “B" / "he said, “B"), not a
        # new phrase that quotes something of its own ("Then a “half quote")
        and gap.rstrip()[-1:] in _RESUME_AFTER
    )


def _make_quote(
    doc: Doc, start: int, end: int, text: str, kind: str, att: Attribution | None, relative: frozenset[str]
) -> Quote:
    """A quote with its attribution's words; the speaker actor is linked later, in text order."""
    if att is None:
        return Quote(text=text, start=start, end=end, kind=kind)  # type: ignore[arg-type]
    cue = doc[att.cue_start : att.cue_end]
    who = att.speaker
    span = speaker_span(doc, who, relative) if who is not None else None
    return Quote(
        text=text,
        start=start,
        end=end,
        kind=kind,  # type: ignore[arg-type]
        speaker_text=doc_text(doc)[span[0] : span[1]] if span is not None else None,
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


def _indirect_quotes(doc: Doc, in_quote: Sequence[int], direct: Sequence[Quote], cues: QuoteCues) -> list[Quote]:
    """Reported speech not already covered by a direct quote (nor by an earlier indirect one)."""
    out: list[Quote] = []
    taken = sorted((q.start, q.end) for q in direct)
    # a cue that attributes a quotation reports that quotation, not also a phrase before it
    # ("Commenting on the pledges, Wardhana said, “I am surprised”")
    quoting = {q.cue_span for q in direct if q.cue_span is not None and q.start > q.cue_span[1]}
    # indirect_at needs a reporting verb or noun lemma, or a framing word ("according", "for")
    openers = {words[0] for words in cues.according} | set(cues.framing)
    for i, (lower, lemma) in enumerate(token_words(doc)):
        if in_quote[i] >= 0 or not (lemma in cues.verbs or lemma in cues.nouns or lower in openers):
            continue
        tok = doc[i]
        att = indirect_at(tok, in_quote, cues)
        if att is None or att.content is None:
            continue
        if (tok.idx, tok.idx + len(tok)) in quoting and _subjectless_before(doc, att):
            continue  # "Commenting on …, X said, “…”": the phrase before a cue whose quotation follows it
        span = _trim(doc, *att.content)
        # "A happened, sources said": a report set off by a comma before its reporting clause
        fronted = (
            lemma in cues.verbs
            and span is not None
            and att.speaker is not None
            and span[1] <= att.speaker.left_edge.idx
            and doc_text(doc)[span[1] : att.speaker.left_edge.idx].strip() == ","
        )
        if span is None or _covered(taken, span) and not (fronted and _wraps(out, span)):
            continue
        insort(taken, span)
        out.append(_make_quote(doc, span[0], span[1], doc_text(doc)[span[0] : span[1]], "indirect", att, cues.relative))
    return out


def _wraps(found: Sequence[Quote], span: Span) -> bool:
    """Whether ``span`` is a fronted report that holds an earlier one, cue and all ("Banks
    confirmed the loans, banking sources said"): both are attributions, the outer one the
    sources'."""
    inner = [q for q in found if _mostly_overlaps((q.start, q.end), span)]
    return bool(inner) and all(
        q.cue_span is not None and span[0] <= q.cue_span[0] and q.cue_span[1] <= span[1] and q.end <= span[1] for q in inner
    )


def _subjectless_before(doc: Doc, att: Attribution) -> bool:
    """Whether an attribution's content is a phrase before its cue with no subject of its own
    ("Commenting on the pledges," / "Claiming the critics were wrong,")."""
    lo, hi = att.content or (0, 0)
    if hi > att.cue_start:
        return False
    roots = [t for t in doc[lo:hi] if not lo <= t.head.i < hi]
    return all(not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in r.children) for r in roots)


def _covered(taken: Sequence[Span], span: Span) -> bool:
    """Whether a sorted neighbour mostly overlaps ``span`` (quotes nest only a few deep)."""
    k = bisect_left(taken, span)
    return any(_mostly_overlaps(span, t) for t in taken[max(0, k - _NEIGHBOURS) : k + _NEIGHBOURS])


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
