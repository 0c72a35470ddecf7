"""Coreference helpers shared by the quote, event and claim extractors.

``actor_at`` maps a character span to the actor mentioned there; ``resolve_pronoun``
maps a pronoun or a role noun ("he", "its", "the spokesman") to the actor it most likely
refers to. Both read only the Doc and the actors already extracted.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.records import Actor

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
# Role nouns a definite NP uses to point back at a person ("the spokesman said").
ROLE_NOUNS: dict[str, str] = {
    "president": "GOV", "premier": "GOV", "minister": "GOV", "chancellor": "GOV", "spokesman": "GOV",
    "spokeswoman": "GOV", "spokesperson": "GOV", "official": "GOV", "ambassador": "GOV", "envoy": "GOV",
    "diplomat": "GOV", "leader": "GOV", "king": "GOV", "general": "MIL", "commander": "MIL",
    "analyst": "ELI", "expert": "EDU", "professor": "EDU", "lawmaker": "LEG", "senator": "LEG",
}
COUNTRY_NOUNS = frozenset({"country", "nation", "state"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_WINDOW_SENTENCES = 3


def actor_at(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end), the longest overlap winning."""
    best: Actor | None = None
    best_overlap = 0
    for actor in actors:
        for m_start, m_end in actor.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap or (overlap == best_overlap and overlap > 0 and best is None):
                best, best_overlap = actor, overlap
    return best


def resolve_pronoun(doc: Doc, token_i: int, actors: Sequence[Actor]) -> Actor | None:
    """The actor a pronoun or role noun at ``doc[token_i]`` refers to, or None."""
    token = doc[token_i]
    word = token.text.lower()  # not lower_: hand-built Docs may lack lexical attributes
    if word in PERSON_PRONOUNS:
        return _nearest(doc, token, actors, lambda a: a.kind == "person", prefer_subjects=True)
    if word in THING_PRONOUNS:
        return _nearest(doc, token, actors, lambda a: a.kind in ("country", "organization"), prefer_subjects=True)
    if word in PLURAL_PRONOUNS:
        return _nearest(doc, token, actors, lambda a: a.kind in ("group", "country", "organization"), prefer_subjects=True)
    lemma = (token.lemma_ or token.text).lower()
    if lemma in COUNTRY_NOUNS:
        return _nearest(doc, token, actors, lambda a: a.kind == "country", prefer_subjects=False)
    role = ROLE_NOUNS.get(lemma)
    if role is not None:
        return _nearest(doc, token, actors, lambda a: a.kind == "person" and a.role == role, prefer_subjects=False)
    return None


def _nearest(doc: Doc, token: Token, actors: Sequence[Actor], accept, prefer_subjects: bool) -> Actor | None:  # type: ignore[no-untyped-def]
    """The latest accepted mention before ``token`` within a few sentences; subjects first if asked."""
    sent_starts = _window_start(doc, token)
    limit = token.idx
    best: tuple[int, int, Actor] | None = None
    for actor in actors:
        if not accept(actor):
            continue
        for start, end in actor.mentions:
            if end > limit or start < sent_starts:
                continue
            if start <= token.idx < end:
                continue
            subject = 0
            if prefer_subjects:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and span.root.dep_ in _SUBJECT_DEPS:
                    subject = 1
                if span is not None and token.sent.start - span.sent.end > 0:
                    subject = 0  # only the current and the previous sentence's subjects are favoured
            score = (subject, start)
            if best is None or score > best[:2]:
                best = (score[0], score[1], actor)
    return None if best is None else best[2]


def _window_start(doc: Doc, token: Token) -> int:
    sent = token.sent
    for _ in range(_WINDOW_SENTENCES - 1):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start_char
