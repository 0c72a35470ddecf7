"""Targets the verb's own arguments do not name: whom a statement addresses, where an act happens, the owner of a
thing guarded against violence, the other party of an opposition that describes the subject.

Each takes a trigger token, the document's ``ActorIndex`` and the ``EventRules`` (their words live in
``event-rules-2026-12.yaml``) and returns actor ids; ``events`` calls them when ``events_roles`` found no target.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.events_evidence import EventRules
from newsgraph.extract.events_roles import SUBJECT_DEPS, ActorIndex, actors_of_phrase, subject_tokens

def protected_owner(noun: Token, index: ActorIndex, rules: EventRules) -> list[str]:
    """'escort Kuwaiti tankers against Iranian attacks', 'protect its exports from Iraqi raids', 'protection for
    Saudi ports against air strikes': violence guarded against is aimed at the guarded thing's owner (its
    possessive pronoun included: the guard's own exports)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in rules.protection_preps:
        return []
    guard = prep.head
    if guard.lemma_.lower() not in rules.protection_words:
        # "escort Omani freighters against raids", "protection for its ports against air strikes", "protect part
        # of its exports from raids": the preposition hung on the thing guarded (up an "of"/"for" chain)
        thing = cur = guard
        for _ in range(3):
            prep_above = cur.head if cur.dep_ == "pobj" and cur.head.lower_ in rules.guarded_preps else None
            above = prep_above.head if prep_above is not None else cur.head
            if prep_above is None and cur.dep_ not in {"dobj", "obj"}:
                return []
            if above.lemma_.lower() in rules.protection_words:
                return actors_of_phrase(thing, index, possessor=True) or actors_of_phrase(cur, index, possessor=True)
            cur = above
        return []
    if guard.pos_ in {"VERB", "AUX"}:
        guarded = [c for c in guard.children if c.dep_ in {"dobj", "obj"}]
    else:
        guarded = [p for c in guard.children if c.dep_ == "prep" and c.lower_ in rules.guarded_preps for p in _pobjs(c)]
    return [a for g in guarded for a in actors_of_phrase(g, index, possessor=True)]


# how a description hangs on the subject it describes: "Japan, at odds with ...", "Japan, which is in a row with
# ...", "Japan, locked in a dispute with ..."
DESCRIBING_DEPS = frozenset({"prep", "appos", "relcl", "acl", "amod"})


def opponents(verb: Token, index: ActorIndex, rules: EventRules) -> list[str]:
    """'Japan, at odds with the United States over rice, refused': the other party of an opposition that
    describes the verb's subject (never one inside a clause on another noun)."""
    subjects, passive = subject_tokens(verb)
    if passive:
        return []
    descriptions = [c for subj in subjects for c in subj.children if c.dep_ in DESCRIBING_DEPS]
    if verb.dep_ == "conj":  # "Chile, locked in a row with Peru, recalled ...", parsed as two coordinated verbs
        descriptions.extend(c for c in verb.head.children if c.dep_ == "prep")
    found: list[str] = []
    for child in descriptions:
        for tok in child.subtree:
            if tok.lemma_.lower() not in rules.opposition_nouns and tok.lower_ not in rules.opposition_nouns:
                continue
            if not _through_preps(tok, child):
                continue  # "whose minister criticised the dispute with X": what another verb acts on
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in rules.opposition_preps:
                    found.extend(a for p in _pobjs(prep) for a in actors_of_phrase(p, index) if a not in found)
    own = set(actors_of_phrase(subjects[0], index)) if subjects else set()
    return [a for a in found if a not in own]


def _through_preps(tok: Token, top: Token) -> bool:
    """``tok`` hangs on ``top`` through prepositions only ('at odds', 'locked in a row'), or is ``top``."""
    cur = tok
    while cur.i != top.i:
        if cur.dep_ not in {"prep", "pobj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def addressees(tok: Token, index: ActorIndex, rules: EventRules) -> list[str]:
    """Whom a statement was addressed to ('told Japan', 'said to Iran', 'in a report to Congress', 'told an
    audience of the X council'), never an audience that relays it, nor what was said: only a verb that takes
    its addressee as object ('tell') has its object addressed ('noted Andriessen promised' addresses nobody).
    With none of its own, the speaking that frames it: 'Addressing a meeting of X, the minister said',
    'addressed X and said', 'the minister, in a speech to X, said', 'refused to respond to X' (a declined
    comment: 'refused to comment on Iraq' addresses nobody)."""
    found = _own_addressees(tok, index, rules)
    if found or tok.pos_ not in {"VERB", "AUX"}:
        return found
    # "Addressing X, ...", and the complement of a declined comment ("refused to respond to X's demand")
    framing = [c for c in tok.children if c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in rules.speech_verbs]
    framing = [c for c in framing if not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
    own_subject = any(c.dep_ in SUBJECT_DEPS for c in tok.children)
    if tok.dep_ == "conj" and tok.head.lemma_.lower() in rules.speech_verbs and not own_subject:
        framing.append(tok.head)  # "addressed X and said": the second verb shares the first's subject
    for verb in framing:
        found.extend(a for a in _own_addressees(verb, index, rules) if a not in found)
    for subj in subject_tokens(tok)[0] if not found else ():
        # "the minister, in a speech to X, said": the statement noun hangs on the speaker
        preps = [c for c in subj.children if c.dep_ == "prep"]
        spoken = [p for c in preps for p in _pobjs(c) if p.lemma_.lower() in rules.speech_nouns]
        found.extend(a for a in _listeners([t for p in spoken for t in _to_phrase(p)], index, rules) if a not in found)
    return found


def _own_addressees(tok: Token, index: ActorIndex, rules: EventRules) -> list[str]:
    phrases: list[Token] = []
    by_object = tok.lemma_.lower() in rules.object_addressed
    for child in tok.children:
        if child.dep_ in {"dobj", "dative"} and child.lemma_.lower() in rules.speech_nouns:
            phrases.extend(_to_phrase(child))  # "addressed a letter to Iran"
            by_object = False
        elif child.dep_ in {"dobj", "dative"} and by_object:
            phrases.append(child)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "to" and not by_object:
            # "said to Iran"; "told a news conference shipments to the US" is what was told
            phrases.extend(_pobjs(child))
        elif child.dep_ == "prep":
            # "said in a report to Congress": the statement's own noun names the addressee
            spoken = [p for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() in rules.speech_nouns]
            phrases.extend(t for p in spoken for t in _to_phrase(p))
    return _listeners(phrases, index, rules)


def _listeners(phrases: list[Token], index: ActorIndex, rules: EventRules) -> list[str]:
    """The actors of addressee phrases, audiences that relay (reporters, agencies) left out."""
    found: list[str] = []
    for p in phrases:
        if p.lemma_.lower() in rules.audience_words:
            continue
        if p.lemma_.lower() in rules.gatherings:
            ids = [a for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for o in _pobjs(c) for a in actors_of_phrase(o, index)]
        else:
            ids = actors_of_phrase(p, index)
        for aid in ids:
            actor = index.by_id.get(aid)
            if actor is not None and actor.role not in rules.audience_roles and aid not in found:
                found.append(aid)
    return found


def _pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ == "pobj"]


def _to_phrase(noun: Token) -> list[Token]:
    """The objects of a noun's 'to' ('a letter to Iran')."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "to" for p in _pobjs(c)]


def located(tok: Token, index: ActorIndex, rules: EventRules, code: str = "") -> list[str]:
    """Actors named where the act happens: 'signed a pact in Paris', 'met at the border near Narva'; after
    violence, 'at' aims ('fired at Kuwait', 'shelled a tanker at the Saudi port'), so it places nothing."""
    aimed = rules.aimed_preps if code[:2] in rules.aimed_roots else frozenset()
    out: list[str] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in rules.location_preps and child.lower_ not in aimed:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(a for a in actors_of_phrase(pobj, index) if index.by_id[a].kind in {"place", "country"})
    return out
