"""Event roles from the dependency parse: which actors are the source and the target.

Source = subject (or passive agent, or the subject inherited through xcomp/conj/relcl),
target = object, recipient, prepositional object, or the passive subject. A noun trigger
("a Russian invasion of Ukraine", "a meeting between Putin and Biden") takes its source
from a possessive/adjective/compound modifier or "by", its target from a preposition.
Conjuncts expand ("Russia and China agreed") so that the caller can emit one event per pair.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors_context import apposed_after
from newsgraph.extract.doctext import sentences
from newsgraph.records import Actor

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "iobj", "attr", "oprd"})
TARGET_PREPS = frozenset(
    {"to", "with", "against", "on", "at", "from", "for", "toward", "towards", "into", "over", "upon", "of", "about"}
    | {"in", "between", "among", "across", "near", "inside"}
)
PHRASE_PREPS = ("by", "of", "from", "in")
NOUN_SOURCE_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
# how a name modifies a traded thing ("U.S. stocks", "Japanese share prices"); not the possessive ("OPEC's prices")
TRADED_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
PRONOUN_RESOLVER = Callable[[Doc, int, Sequence[Actor]], "Actor | None"]  # coref.resolve_pronoun
# "Israel is opposed to", "forces were engaged in", "is committed to": a participle of state whose
# grammatical (passive) subject holds the stance, so it is the source (CAMEO codes the holder)
STATIVE_PARTICIPLES = frozenset(
    {"oppose", "engage", "commit", "determine", "involve", "prepare", "resolve", "poise", "dedicate", "devote"}
)
# clause links through which an embedded trigger with no subject of its own inherits its governor's
# ("US authorities said that removing the sanctions is out of the question": the authorities remove)
GOVERNING_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "csubj", "pcomp", "prep"})
# noun triggers that name a meeting or a cooperation its governor's subject takes part in
# ("negotiators return to Geneva for talks"); hostile nouns stay sourceless ("warned of an invasion")
PARTICIPATION_PREPS = frozenset({"for", "in", "into", "at", "to"})
# clauses of their own inside an object phrase: an actor there is what the clause is about, not the one acted upon
EMBEDDED_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "csubj", "parataxis"})


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Token index -> actor id, built once per document from the actors' mention spans."""

    by_token: dict[int, str]
    all_at: dict[int, tuple[str, ...]]  # "the ambassadors of A, B and C": one mention, several actors
    by_id: dict[str, Actor]
    mention_span: dict[int, tuple[int, int]]  # token index -> (first token, last token + 1) of its mention
    pairs: tuple[tuple[int, str, str], ...]  # (token index, first, second) of coordinated actor pairs, in text order
    actors: tuple[Actor, ...]
    resolve: PRONOUN_RESOLVER | None  # the actors work's pronoun resolver, when installed

    @classmethod
    def build(
        cls,
        doc: Doc,
        actors: Sequence[Actor],
        resolve: PRONOUN_RESOLVER | None = None,
        traded: Callable[[Token], bool] | None = None,
    ) -> ActorIndex:
        """Map every token inside a mention to the actor it names; with ``traded``, not a mention that names a
        security, a price or a market ("U.S. stocks", "U.S. Treasuries"): what is traded is no party."""
        by_token: dict[int, str] = {}
        all_at: dict[int, list[str]] = {}
        spans: dict[int, tuple[int, int]] = {}
        width: dict[tuple[int, str], int] = {}
        for actor in actors:
            business = actor.role == "BUS" or (actor.code or "").startswith("MNC")
            for start, end in actor.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                if traded is not None and _names_traded(span, business, traded):
                    continue
                for tok in span:
                    width[tok.i, actor.id] = max(width.get((tok.i, actor.id), 0), len(span))
                    by_token.setdefault(tok.i, actor.id)
                    if actor.id not in all_at.setdefault(tok.i, []):
                        all_at[tok.i].append(actor.id)
                    spans.setdefault(tok.i, (span.start, span.end))
        pairs: list[tuple[int, str, str]] = []
        for i in sorted(by_token):
            tok = doc[i]
            if tok.dep_ in {"conj", "amod", "compound"}:
                continue  # "Russian and American analysts" coordinates modifiers, not the two actors
            partners = (by_token[c.i] for c in tok.conjuncts if c.i > i and c.i in by_token)
            second = next((p for p in partners if p != by_token[i]), None)
            if second is not None and (not pairs or pairs[-1][0] != i):
                pairs.append((i, by_token[i], second))
        # a token inside a wider mention belongs to it: "the Canadian embassy" names the embassy, not also Canada
        all_ids: dict[int, tuple[str, ...]] = {}
        for k, v in all_at.items():
            widest = max(width[k, a] for a in v)
            all_ids[k] = tuple(a for a in v if width[k, a] == widest)
        return cls(by_token, all_ids, {a.id: a for a in actors}, spans, tuple(pairs), tuple(actors), resolve)


_MODIFIER_ORDER = {"poss": 0, "appos": 1}


def _names_traded(span: Span, business: bool, traded: Callable[[Token], bool]) -> bool:
    """'U.S. stocks', 'the U.S. stock market', 'Japanese share prices' (the mention modifies a traded thing), or a
    mention that is one ('U.S. Treasuries'), unless it is a firm's own name ('Nomura Securities')."""
    root = span.root
    if not business and traded(root):
        return True
    head = root
    while head.dep_ in TRADED_MODIFIER_DEPS and head.head.i != head.i:  # "U.S. Treasury bonds": up to the phrase's noun
        head = head.head
        if traded(head):
            return True
    return False


def actors_of_phrase(
    tok: Token, index: ActorIndex, depth: int = 0, possessor: bool = False, owner: bool = False
) -> list[str]:
    """Actors named by the noun phrase headed at ``tok``, conjuncts included, in text order; with
    ``possessor``, a possessive pronoun names its referent ("their forces had completed"); with ``owner``,
    only a country it refers to ("destroyed its platforms": the object's owner)."""
    out: list[str] = []
    # a coordination's head is its first conjunct; earlier ones belong to a larger phrase we entered from inside
    for head in [tok, *sorted((c for c in tok.conjuncts if c.i > tok.i), key=lambda t: t.i)]:
        for found in _actors_of_head(head, index, depth, possessor, owner):
            if found not in out:
                out.append(found)
    return out


def _first_in_phrase(
    tok: Token, index: ActorIndex, every: bool = False, victims: frozenset[str] = frozenset()
) -> list[str]:
    """Last resort, as PETRARCH does: the first actor named anywhere in the phrase ("leaders of the X coalition in Y");
    with ``every``, all of them ("relations between Russia and the US were called deplorable": the caller picks);
    none under a ``victims`` preposition ("an attack on a Kuwaiti port": Kuwait is hit)."""
    doc = tok.doc
    out: list[str] = []
    for i in range(tok.left_edge.i, tok.right_edge.i + 1):
        inside = [a for a in doc[i].ancestors if tok.left_edge.i < a.i <= tok.right_edge.i and a.i != tok.i]
        aimed = any(a.dep_ == "prep" and a.lower_ in victims for a in inside)
        if i in index.by_token and not aimed and not any(a.dep_ == "relcl" for a in inside):
            out.extend(a for a in index.all_at[i] if a not in out)
            if not every:
                break
    return out


def _actors_of_head(
    tok: Token, index: ActorIndex, depth: int, possessor: bool = False, owner: bool = False
) -> list[str]:
    if tok.i in index.by_token:
        return list(index.all_at[tok.i])
    if tok.pos_ == "PRON" and index.resolve is not None:
        hit = index.resolve(tok.doc, tok.i, index.actors)
        if hit is not None and not _named_in_own_content(tok, hit):
            return [hit.id]
    if depth == 0 and _is_pair_phrase(tok):
        pair = _previous_pair(tok, index)
        if pair:
            return pair
    # "Russian troops", "the Kremlin's spokesman": the modifier names the actor
    # (an apposition before the title's modifiers: "the U.S. ambassador, X," is X, not the country of the title;
    # a possessor still first: "Gulf Corp's publishing unit, X" is the possessor's)
    for child in sorted(tok.children, key=lambda c: _MODIFIER_ORDER.get(c.dep_, 2)):
        if child.dep_ in {"compound", "amod", "poss", "nmod", "appos"} and child.i in index.by_token:
            group = sorted([child, *child.conjuncts], key=lambda t: t.i)
            return [index.by_token[c.i] for c in group if c.i in index.by_token]
    # "their forces", "its army" as a subject: the possessor a pronoun refers to acts; as an object ("destroyed
    # its oil platforms") the owner is acted upon, when it is a country (the caller drops the actor's own side)
    for child in tok.children if possessor or owner else ():
        if child.dep_ == "poss" and child.pos_ == "PRON" and index.resolve is not None:
            hit = index.resolve(tok.doc, child.i, index.actors)
            if hit is not None and (possessor or hit.kind == "country"):
                return [hit.id]
    if depth < 1:
        # "an attack by Osgiliath soldiers", "officials from Moscow", "lawmakers in Fornost and Gondor"
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in PHRASE_PREPS]
        preps.sort(key=lambda c: PHRASE_PREPS.index(c.lower_))
        for child in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actors_of_phrase(pobj, index, depth + 1)
                    if found:
                        return found
    return []


def _named_in_own_content(pron: Token, actor: Actor) -> bool:
    """'China's largest venture so far, they said': a plural speaker is not a country or firm named only in
    what it says (the resolver's nearest mention is inside the clause the pronoun reports)."""
    if actor.kind not in ("country", "organization") or "Plur" not in pron.morph.get("Number"):
        return False
    doc = pron.doc
    content = [c for c in pron.head.children if c.dep_ == "ccomp" and c.i < pron.i]
    if not content:
        return False
    lo, hi = content[0].left_edge.idx, content[0].right_edge.idx
    before = [s for s, _ in actor.mentions if s < pron.idx]
    return bool(before) and lo <= max(before) <= hi + len(doc[content[0].right_edge.i].text)


PAIR_WORDS = frozenset({"two", "both"})
PAIR_LOOKBACK = 600  # tokens


def _is_pair_phrase(tok: Token) -> bool:
    """'the two presidents', 'both leaders', 'both': a definite pair that refers back."""
    if tok.lower_ == "both" and tok.pos_ in {"PRON", "DET"}:
        return True
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS":
        return False
    return any(c.lower_ in PAIR_WORDS and c.dep_ in {"nummod", "det", "predet"} for c in tok.children)


def _previous_pair(tok: Token, index: ActorIndex) -> list[str]:
    """The last two actors coordinated before ``tok`` ("Putin and Biden"), which a later 'the two ...' means."""
    pos = bisect.bisect_left(index.pairs, (tok.i,)) - 1
    if pos < 0 or tok.i - index.pairs[pos][0] > PAIR_LOOKBACK:
        return []
    _, first, second = index.pairs[pos]
    return [first, second]


def subject_tokens(verb: Token) -> tuple[list[Token], bool]:
    """The verb's subject heads (a parse may give two) and whether they are passive; climbs xcomp/conj/relcl."""
    subj, passive = _subject_token(verb)
    if subj is None:
        return [], False
    if subj.head.i == subj.i:
        return [subj], passive  # the root noun of a verbless parse (see _fragment_predicate)
    subjects = [t for t in subj.head.children if t.dep_ == subj.dep_]
    # a second "subject" set off by commas right after the first is its apposition, not another actor
    return [t for k, t in enumerate(subjects) if not (k and apposed_after(t.doc, subjects[k - 1].right_edge.i + 1, t))], passive


def _subject_token(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject head and whether it is a passive subject; climbs through xcomp/conj/relcl."""
    cur: Token | None = verb
    raised = False  # "Gollum was seen to break in": a passive subject raised through xcomp is the actor
    for _ in range(4):
        if cur is None:
            break
        for child in cur.children:
            if child.dep_ in SUBJECT_DEPS:
                return child, False
        for child in cur.children:
            if child.dep_ in PASSIVE_SUBJECT_DEPS:
                stative = cur.lemma_.lower() in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in cur.children)
                return child, not (raised or stative)
        if cur.dep_ in {"xcomp", "conj", "advcl", "acomp", "pcomp"} and cur.head.i != cur.i:
            raised = raised or cur.dep_ in {"xcomp", "acomp"}
            if cur.dep_ == "xcomp":
                # object control: "urged Russia to withdraw" -> Russia withdraws
                for sib in cur.head.children:
                    if sib.dep_ in {"dobj", "dative"} and sib.i < cur.i:
                        return sib, False
            cur = cur.head
            continue
        if cur.dep_ in {"relcl", "acl"} and cur.head.i != cur.i:
            if cur.dep_ == "acl" and _fragment_predicate(cur):
                return cur.doc[sentences(cur.doc).root(cur.i)], False
            return cur.head, cur.tag_ == "VBN" and cur.dep_ == "acl"
        break
    return None, False


def _fragment_predicate(verb: Token) -> bool:
    """'Doctors from two American aid groups donated goods', 'An official Syrian newspaper called on Arabs',
    parsed with the noun as the root: in a sentence with no verb at its root, the participle is the predicate."""
    return verb.doc[sentences(verb.doc).root(verb.i)].pos_ in {"NOUN", "PROPN"} and verb.tag_ in {"VBD", "VBN"}


def governing_subject(verb: Token, index: ActorIndex) -> list[str]:
    """A trigger with no subject of its own takes the active subject of the nearest clause governing it;
    a root verb the parser left without one takes the actor phrase just before it."""
    cur = verb
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ not in GOVERNING_DEPS:
            break
        cur = cur.head
        if cur.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        subj, passive = _subject_token(cur)
        if subj is not None and not (subj.left_edge.i <= verb.i <= subj.right_edge.i):
            # ("removing the sanctions is out of the question": the clause we came from is no subject of itself)
            return [] if passive else actors_of_phrase(subj, index) or _first_in_phrase(subj, index)
    if verb.dep_ == "ROOT":
        return _actor_before(verb, index)
    return []


def _actor_before(verb: Token, index: ActorIndex) -> list[str]:
    """'..., the Sudanese government and SPLM/A have agreed' with the subject misattached: the phrase
    ending right before the verb (auxiliaries and adverbs aside), up its coordination."""
    i, first = verb.i - 1, sentences(verb.doc).start(verb.i)
    while i >= first and verb.doc[i].dep_ in {"aux", "auxpass", "neg", "advmod", "punct"}:
        i -= 1
    if i < first or verb.doc[i].pos_ not in {"NOUN", "PROPN"}:
        return []
    tok = verb.doc[i]
    for _ in range(4):
        if tok.i in index.by_token:
            return list(index.all_at[tok.i])
        if tok.dep_ != "conj":
            break
        tok = tok.head
    return []


def participant_subject(noun: Token, index: ActorIndex) -> list[str]:
    """'negotiators return to Geneva for talks': the subject of the verb the meeting noun is attached to."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in PARTICIPATION_PREPS or prep.head.pos_ not in {"VERB", "AUX"}:
        return []
    subj, passive = _subject_token(prep.head)
    if subj is None or passive:
        return []
    return actors_of_phrase(subj, index)


def place_of_action(verb: Token, index: ActorIndex) -> list[str]:
    """'A missionary was arrested in Lebanon': an agentless passive act of state takes the country where it
    happened as its source (CAMEO codes arrests by unnamed authorities to the state of the place)."""
    if not any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return []
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actors_of_phrase(pobj, index)
                    return [a for a in found if index.by_id[a].kind in ("country", "place") and _country(a, index)]
    return []


FIRST_PERSON = frozenset({"i", "we", "us", "me"})


def subject_actors(verb: Token, index: ActorIndex) -> list[str]:
    """Actors of the verb's active subject (none for a passive one)."""
    subj, passive = _subject_token(verb)
    if subj is None or passive:
        return []
    return actors_of_phrase(subj, index) or _first_in_phrase(subj, index)


def speaks_for_itself(verb: Token) -> bool:
    """'we will respond', 'I don't take red lines': the subject is the speaker of the quote around it."""
    subj, _ = _subject_token(verb)
    return subj is not None and subj.lower_ in FIRST_PERSON and subj.text != "US"  # "US" is the country


def verb_roles(verb: Token, index: ActorIndex) -> tuple[list[str], list[str]]:
    """Source and target actor ids of a verb trigger (each list may hold several conjuncts)."""
    sources, targets, _ = verb_roles_explained(verb, index)
    return sources, targets


def verb_roles_explained(
    verb: Token,
    index: ActorIndex,
    content: bool = False,
    topics: frozenset[str] = frozenset(),
    owners: bool = False,
    victims: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str], bool]:
    """``verb_roles`` and whether the targets came from a fallback (an actor nested in the object, the
    complement's subject, a misparsed name) rather than the verb's own object or preposition; with ``content``
    (an appeal, demand, rejection or threat) the fallback may find it in the clauses inside the object; the
    objects of ``topics`` prepositions are what the act is about ('agreed on the removal of US sanctions'); with
    ``owners`` (violence), the country a possessive pronoun on the object names is acted upon ('shelled its rigs');
    an actor under a ``victims`` preposition in the subject is no source ('an attack on a Kuwaiti port damaged')."""
    subjects, passive = subject_tokens(verb)
    sources: list[str] = []
    targets: list[str] = []
    for subj in subjects:
        found = actors_of_phrase(subj, index, possessor=not passive) or _first_in_phrase(
            subj, index, every=passive, victims=frozenset() if passive else victims
        )
        found = [a for a in found if a not in sources + targets]
        (targets if passive else sources).extend(found)
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    sources[:0] = actors_of_phrase(pobj, index)
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            owner = owners and not passive and not any(_binds_possessive(s, child, index) for s in subjects)
            targets.extend(a for a in actors_of_phrase(child, index, owner=owner) if a not in targets)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.lower_ not in topics:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    targets.extend(a for a in actors_of_phrase(pobj, index) if a not in targets)
        elif child.dep_ == "prt":
            for sub in child.children:
                if sub.dep_ == "pobj":
                    targets.extend(a for a in actors_of_phrase(sub, index) if a not in targets)
    if not subjects and not sources and not _bare_participle(verb):
        sources = governing_subject(verb, index)
    targets = [t for t in targets if t not in sources]
    direct = bool(targets)
    if not targets:
        targets = _nested_target(verb, index, sources, content, topics)
    if not targets:
        targets = _complement_subject(verb, index, sources)
    if not targets:
        targets = _misparsed_object(verb, index, sources)
    return sources, _other_country_first(targets, sources, index), not direct and bool(targets)


SINGULAR_KINDS = frozenset({"country", "organization", "place"})  # "it", "its"
PLURAL_KINDS = frozenset({"group"})  # "they", "their"


def _binds_possessive(subj: Token, obj: Token, index: ActorIndex) -> bool:
    """'Iran had withdrawn its troops': a possessive pronoun on the object that agrees in number with the clause's
    subject is the subject's own; 'warships had shelled its platforms' (plural subject, singular 'its') is not."""
    pron = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pron is None:
        return False
    number = pron.morph.get("Number")
    # the subject's own mention ("the United States", "American warships"), else its head noun ("Iranian gunboats")
    kinds = {index.by_id[a].kind for a in index.all_at.get(subj.i, ()) if a in index.by_id}
    if kinds:
        subject_number = "Sing" if kinds & SINGULAR_KINDS else "Plur" if kinds & PLURAL_KINDS else None
    elif any(c.dep_ == "conj" for c in subj.children):
        subject_number = "Plur"
    else:
        subject_number = next(iter(subj.morph.get("Number")), None)
    return subject_number is None or not number or subject_number in number


def _bare_participle(verb: Token) -> bool:
    """'would discourage consumption of the oils, imported from Malaysia': a past participle clause with no
    auxiliary is passive, and the subject of the clause above it is no doer of it."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _misparsed_object(verb: Token, index: ActorIndex, sources: list[str]) -> list[str]:
    """'Peskov criticized Washington.': the small model can attach a name right after the verb as
    an adverbial noun (npadvmod, as for 'Monday'); a name that is an actor there is the object.
    Only right after it: further on, such a name usually belongs to another verb the parse missed."""
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.left_edge.i == verb.i + 1 and child.pos_ == "PROPN":
            return [a for a in actors_of_phrase(child, index) if a not in sources]
    return []


def _complement_subject(verb: Token, index: ActorIndex, sources: list[str]) -> list[str]:
    """'Arnor believes Dagolath can cope': with no object, the complement's subject is the target."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            for sub in child.children:
                if sub.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                    return [a for a in actors_of_phrase(sub, index) if a not in sources]
    return []


def _country(aid: str, index: ActorIndex) -> str | None:
    actor = index.by_id.get(aid)
    if actor is None:
        return None
    return actor.country or (actor.code[:3] if actor.code and len(actor.code) >= 3 else None)


def _other_country_first(targets: list[str], sources: list[str], index: ActorIndex) -> list[str]:
    """'relations between Russia and the US', said by the Kremlin: the Kremlin's target is the US."""
    own = {_country(s, index) for s in sources} - {None}
    if not own:
        return targets
    other = [t for t in targets if _country(t, index) not in own]
    return other or targets


def _nested_target(
    verb: Token, index: ActorIndex, sources: list[str], content: bool = False, topics: frozenset[str] = frozenset()
) -> list[str]:
    """Fallback: the first actor inside an object or a passive subject (not the source, not in a clause of its
    own there, but for ``content``: see ``_in_clause_below``)."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS | {"xcomp", "prep", "advcl"} or child.dep_ in PASSIVE_SUBJECT_DEPS:
            if child.dep_ == "prep" and child.lower_ in topics:
                continue
            for tok in child.subtree:
                aid = index.by_token.get(tok.i)
                if aid and aid not in sources and not _in_clause_below(tok, child, content):
                    found.append(tok)
    own = {_country(s, index) for s in sources} - {None}
    other = [t for t in found if _country(index.by_token[t.i], index) not in own]
    if not (other or found):
        return []
    first = (other or found)[0]
    start, end = index.mention_span.get(first.i, (first.i, first.i + 1))
    root = first.doc[start:end].root
    # the first actor and its conjuncts: "ties with Mordor, Rohan, Fornost and Bree"
    ids = [index.by_token[t.i] for t in sorted([root, *root.conjuncts], key=lambda t: t.i) if t.i in index.by_token]
    return [a for a in dict.fromkeys(ids or [index.by_token[first.i]]) if a not in sources]


def _in_clause_below(tok: Token, top: Token, content: bool = False) -> bool:
    """``tok`` sits in a clause of its own below ``top``: what a noun's clause says ('rumors that X had
    approached Y'), a reported or adverbial clause ('after he said that Japan ...'); with ``content`` only a
    relative clause ('a network that came to light at the embassy') counts, since a demand's or a threat's
    content or condition names whom it obliges. A participle with no subject of its own stays in the phrase
    ('chips imported from Japan'), and so does a noun the parser labelled a clause ('an anti-X parade')."""
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.pos_ not in {"NOUN", "PROPN"} and (cur.dep_ == "relcl" or (not content and _own_clause(cur))):
            return True
        cur = cur.head
    return False


def _own_clause(tok: Token) -> bool:
    """A clause with its own predicate edge, or a noun's clause with a subject of its own."""
    if tok.dep_ in EMBEDDED_CLAUSE_DEPS:
        return True
    return tok.dep_ == "acl" and any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in tok.children)


def noun_roles(
    noun: Token, index: ActorIndex, content: bool = False, topics: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """Source and target of a noun trigger ("Russia's invasion of Ukraine", "talks between A and B"); the objects
    of ``topics`` prepositions are what a meeting or an agreement is about ("a meeting over Tokyo's attempts")."""
    sources: list[str] = []
    targets: list[str] = []
    for child in noun.children:
        if child.dep_ in NOUN_SOURCE_DEPS and child.i in index.by_token:
            aid = index.by_token[child.i]
            if aid not in sources:
                sources.append(aid)
        elif child.dep_ == "prep":
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            for pobj in pobjs:
                found = actors_of_phrase(pobj, index)
                if child.lower_ in {"between", "among"}:
                    if not sources and found:
                        sources.append(found[0])
                        found = found[1:]
                    targets.extend(a for a in found if a not in targets)
                elif child.lower_ in {"by", "from"}:
                    sources.extend(a for a in found if a not in sources)
                elif child.lower_ in TARGET_PREPS and child.lower_ not in topics:
                    targets.extend(a for a in found if a not in targets)
    head = noun.head if noun.dep_ == "compound" else noun  # "held peace talks": the trigger modifies the object
    if not targets:
        # "a suspension of air links with Serbia", "a mediation mission between Syria and the PLO"
        targets = _nested_target(head, index, sources, content, topics)
    light = head.head
    predicate = light.pos_ in {"VERB", "AUX"} or any(c.dep_ in SUBJECT_DEPS for c in light.children)
    if not sources and head.dep_ in {"dobj", "attr"} and predicate:
        # "Russia launched an attack on Ukraine": the light verb's subject is the noun's source (a verb the
        # tagger took for an adjective, "X and Y, ..., held talks", still has its subject)
        subjects, passive = subject_tokens(head.head)
        if not passive:
            sources = [a for subj in subjects for a in actors_of_phrase(subj, index)]
    return sources, [t for t in targets if t not in sources]
