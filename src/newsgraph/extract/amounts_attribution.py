"""Attribution for amounts and claims: who the text at a token is attributed to.

The speaker of the quote around it, else the subject of the nearest reporting verb above
it in the parse (a dispute verb stops the walk: what X denies is not what X claims), else
the owner of a source noun ("his statements", "the Pentagon's estimate") or the object of
"according to" / "in a ... poll". Reads only the Doc, the actors and the quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.amounts_data import AmountData
from newsgraph.extract.coref import actor_at, resolve_pronoun
from newsgraph.extract.doctext import sentences
from newsgraph.records import Actor, Quote

_SUBJECTS = frozenset({"nsubj"})  # a passive subject is what is talked about, not the speaker
_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a stretch of text is attributed to, and the attributed statement's span."""

    actor: str | None
    statement_start: int
    statement_end: int
    verb_i: int | None  # the reporting verb's token index, when there is one


def attribution(
    doc: Doc, token_i: int, actors: Sequence[Actor], quotes: Sequence[Quote], data: AmountData
) -> Attribution | None:
    """Who the text at ``doc[token_i]`` is attributed to: quote speaker, reporting subject, source."""
    idx = doc[token_i].idx
    quote = next(
        (q for q in quotes if q.start <= idx < q.end and q.speaker is not None and not _disputing(doc, q, data)), None
    )
    found = _syntactic_attribution(doc, token_i, actors, data)
    if quote is None:
        return found
    if found is not None and found.verb_i is not None and quote.start <= doc[found.verb_i].idx < quote.end:
        return found  # a reporting verb inside the quote: the innermost source claims it
    return Attribution(quote.speaker, quote.start, quote.end, None)


def _disputing(doc: Doc, quote: Quote, data: AmountData) -> bool:
    """A 'quote' cued by 'deny'/'reject' is what its speaker disputes, not what they claim."""
    if quote.cue_span is None:
        return False
    cue = doc.char_span(quote.cue_span[0], quote.cue_span[1], alignment_mode="expand")
    return cue is not None and any(t.lemma_.lower() in data.dispute_verbs for t in cue)


def _syntactic_attribution(doc: Doc, token_i: int, actors: Sequence[Actor], data: AmountData) -> Attribution | None:
    """Walk up the parse to the nearest reporting verb (or source phrase) whose subject is an actor."""
    prev = doc[token_i]
    cur = prev.head
    while True:
        src = _source_child(doc, cur, prev, actors, data)
        if src is not None:
            return src
        lemma = cur.lemma_.lower()
        if lemma in data.dispute_verbs and cur.pos_ == "VERB":
            return None  # what X denies is not what X claims
        if lemma in data.source_nouns and cur.pos_ in _NOUNS:
            owner = next((c for c in cur.children if c.dep_ in ("poss", "compound") and c.i != prev.i), None)
            actor = actor_of(doc, owner, actors, data) if owner is not None else None
            if actor is not None:  # "his statements that ...", "the Pentagon's estimate of ..."
                return Attribution(actor.id, prev.left_edge.idx, _end_char(doc, prev.right_edge.i), None)
        if lemma in data.reporting_verbs and cur.pos_ in ("VERB", "AUX"):
            subj = _subject(cur)
            if subj is not None and not (subj.left_edge.i <= token_i <= subj.right_edge.i):
                actor = actor_of(doc, subj, actors, data)
                if actor is not None:
                    return Attribution(actor.id, prev.left_edge.idx, _end_char(doc, prev.right_edge.i), cur.i)
        if cur.head.i == cur.i:
            return None
        prev, cur = cur, cur.head


def _source_child(doc: Doc, cur: Token, prev: Token, actors: Sequence[Actor], data: AmountData) -> Attribution | None:
    """'according to X' or 'in a new X poll' attached to ``cur``."""
    for child in cur.children:
        if child.i == prev.i or child.dep_ != "prep":
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        according, to_word = data.according_to
        if child.lower_ == according:
            to = next((c for c in child.children if c.lower_ == to_word), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else pobj
        elif not (
            child.lower_ in data.source_noun_prepositions
            and pobj is not None
            and pobj.lemma_.lower() in data.source_nouns
        ):
            continue
        if pobj is not None:
            actor = actor_of(doc, pobj, actors, data)
            if actor is not None:
                sent = sentences(doc).span(doc, cur.i)
                return Attribution(actor.id, sent.start_char, sent.end_char, None)
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited from the first conjunct ('X warned ... and expressed')."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is None:
            continue
        for child in v.children:
            if child.dep_ in _SUBJECTS:
                return child
        if v.dep_ == "acl" and v.head.pos_ in _NOUNS:
            return v.head  # "figures released by X" handled by the agent below
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def actor_of(doc: Doc, tok: Token, actors: Sequence[Actor], data: AmountData) -> Actor | None:
    """The actor a subject phrase names: its head's mention, a pronoun's referent, a modifier."""
    if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
        return resolve_pronoun(doc, tok.i, actors)
    head = actor_at(actors, tok.idx, tok.idx + len(tok))
    if head is not None:
        return head
    for child in tok.children:  # "chairman Ernest Saunders", "the ministry, Minfin,"
        if child.dep_ == "appos":
            found = actor_at(actors, child.left_edge.idx, _end_char(doc, child.i))
            if found is not None:
                return found
    left, right = tok.left_edge.i, tok.i + 1
    phrase: Span = doc[left:right]
    found = actor_at(actors, phrase.start_char, phrase.end_char)
    if found is not None:
        return found
    resolved = resolve_pronoun(doc, tok.i, actors)  # role nouns: "the spokesman", "the ministry"
    if resolved is not None:
        return resolved
    tail = doc[tok.i : tok.right_edge.i + 1]
    found = actor_at(actors, tail.start_char, tail.end_char)
    if found is None and tok.pos_ == "NOUN" and any(c.lower_ in data.anaphoric_determiners for c in tok.children):
        found = _named_before(tok, actors)
    return found


def _named_before(tok: Token, actors: Sequence[Actor]) -> Actor | None:
    """'the ministry' after 'the Finance Ministry': the latest earlier actor whose name holds the noun."""
    words = {tok.lower_, tok.lemma_.lower()}
    best: tuple[int, Actor] | None = None
    for actor in actors:
        if not words & set(actor.name.lower().split()):
            continue
        for start, end in actor.mentions:
            if end <= tok.idx and (best is None or start > best[0]):
                best = (start, actor)
    return best[1] if best else None


def _end_char(doc: Doc, i: int) -> int:
    return doc[i].idx + len(doc[i])
