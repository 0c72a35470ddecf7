"""Claims: attributed statements, and the actors who dispute them.

1. Base claims: every quote (its speaker claims its content) and every attributed amount
   outside a quote (its claimant claims the clause it sits in). A quote cued by a dispute
   verb ("X denied that ...") is not X's claim: it is handled as a dispute below.
2. Disputes, found in one pass over the tokens (cues in ``dispute-cues-2026-11.yaml``):
   a. a dispute verb with a clause or object: "denied that S", "denies an invasion",
      "rejected reports that S", "which Moscow denies" (the relative clause's antecedent);
   b. a label verb with a falsity word: "called the claims false", "calls alarmism",
      "described as exaggerated reports that S";
   c. a claim noun said to be false: "the figures were exaggerated", "rumors S are not true"
      (disputed by whoever says so).
   A claim noun without its own clause ("dismissed the claims") points back to the latest
   claim in the sentences before it.
3. Each dispute joins the base claim its statement overlaps (the one holding an amount
   inside the statement first); otherwise it becomes a claim of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.data_files import load_yaml
from newsgraph.extract.amounts import AmountData, actor_of, attribution
from newsgraph.extract.doctext import token_words
from newsgraph.extract.function_words import FunctionWords
from newsgraph.records import Actor, Amount, Claim, Evidence, Quote

DATA_FILE = "dispute-cues-2026-11.yaml"
_SUBJECT = "nsubj"
_CLAUSES = frozenset({"ccomp", "acl", "relcl", "xcomp", "advcl"})
_LOOKBACK_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class ClaimData:
    """Dispute cues (verbs, claim nouns, falsity words), plus the amount attribution vocabulary."""

    version: str
    verbs: dict[str, str]  # lemma -> "any" | "claims"
    particle_verbs: dict[tuple[str, str], str]  # (lemma, particle) -> objects
    label_verbs: frozenset[str]
    nouns: frozenset[str]
    no_truth_nouns: frozenset[str]
    untrue_that: frozenset[str]
    claim_nouns: frozenset[str]
    false_predicates: frozenset[str]
    true_predicates: frozenset[str]
    withhold_objects: frozenset[str]
    audiences: frozenset[str]
    no_truth_determiners: frozenset[str]
    no_truth_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    disputer_prepositions: frozenset[str]
    source_prepositions: frozenset[str]
    recipient_prepositions: frozenset[str]
    relative_objects: frozenset[str]  # 'which', 'that', 'what' as a verb's object: its content is elsewhere
    relative_subjects: frozenset[str]  # 'who', 'which', 'that' opening a relative clause: the antecedent acts
    relative_pronouns: frozenset[str]
    pointing_back: frozenset[str]  # 'it', 'this', 'that' as a subject: the claim just before
    expletives: frozenset[str]  # 'it is not true that S'
    complementizers: frozenset[str]
    negations: frozenset[str]
    amounts: AmountData = field(repr=False)

    @classmethod
    def load(
        cls, nlp: Language, amounts: AmountData | None = None, function_words: FunctionWords | None = None
    ) -> ClaimData:
        """Read ``newsgraph/data/dispute-cues-2026-11.yaml``, with the amount vocabulary and shared function words."""
        raw = load_yaml(DATA_FILE)
        fw = FunctionWords.load() if function_words is None else function_words
        it = fw.pronoun_words(person=3, number="singular", gender="neuter", case="subject")
        verbs = {v["lemma"]: v["objects"] for v in raw["verbs"] if "particle" not in v}
        particles = {(v["lemma"], v["particle"]): v["objects"] for v in raw["verbs"] if "particle" in v}
        return cls(
            version=str(raw["version"]),
            verbs=verbs,
            particle_verbs=particles,
            label_verbs=frozenset(raw["label_verbs"]["lemmas"]),
            nouns=frozenset(raw["nouns"]["lemmas"]),
            no_truth_nouns=frozenset(raw["no_truth_nouns"]["lemmas"]),
            untrue_that=frozenset(raw["untrue_that"]["lemmas"]),
            claim_nouns=frozenset(raw["claim_nouns"]["lemmas"]),
            false_predicates=frozenset(raw["false_predicates"]["lemmas"]),
            true_predicates=frozenset(raw["true_predicates"]["lemmas"]),
            withhold_objects=frozenset(raw["withhold_objects"]["lemmas"]),
            audiences=frozenset(raw["audiences"]["lemmas"]),
            no_truth_determiners=frozenset(raw["no_truth_determiners"]["words"]),
            no_truth_prepositions=frozenset(raw["no_truth_prepositions"]["words"]),
            target_prepositions=frozenset(raw["target_prepositions"]["words"]),
            disputer_prepositions=frozenset(raw["disputer_prepositions"]["words"]),
            source_prepositions=frozenset(raw["source_prepositions"]["words"]),
            recipient_prepositions=frozenset(raw["recipient_prepositions"]["words"]),
            relative_objects=fw.relatives("thing", "any", "none"),
            relative_subjects=fw.relatives("person", "thing", "any"),
            relative_pronouns=frozenset(fw.relative_pronouns),
            pointing_back=it | fw.demonstrative_words(number="singular"),
            expletives=it,
            complementizers=fw.complementizers,
            negations=fw.negations,
            amounts=AmountData.load(nlp, fw) if amounts is None else amounts,
        )


@dataclass(frozen=True, slots=True)
class Dispute:
    """One disputing act: who disputes, the disputed statement, and the cue token."""

    disputer: str
    start: int
    end: int
    cue_i: int
    source: str | None = None  # the actor a disputed report is attributed to, if named


def extract_claims(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], amounts: Sequence[Amount], data: ClaimData
) -> list[Claim]:
    """Attributed statements (quotes, attributed amounts) with the actors disputing each."""
    claims = _base_claims(doc, actors, quotes, amounts, data)
    for d in _disputes(doc, actors, quotes, claims, data):
        claims = _attach(doc, claims, d, amounts)
    return sorted(claims, key=lambda c: (c.statement.start, c.statement.end))


# --- base claims ----------------------------------------------------------------------


def _base_claims(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], amounts: Sequence[Amount], data: ClaimData
) -> list[Claim]:
    claims: list[Claim] = []
    for q in quotes:
        if _cue_lemma(doc, q) in data.verbs:
            continue
        inside = [a for a in amounts if q.start <= a.start < q.end and a.value is not None]
        claims.append(
            Claim(Evidence(q.start, q.end), q.speaker, (), inside[0].value if inside else None)
        )
    for a in amounts:
        if a.claimant is None or any(c.statement.start <= a.start < c.statement.end for c in claims):
            continue
        tok = doc.char_span(a.start, a.end, alignment_mode="expand")
        att = attribution(doc, tok.start, actors, quotes, data.amounts) if tok is not None else None
        start, end = (att.statement_start, att.statement_end) if att else (a.start, a.end)
        claims.append(Claim(Evidence(start, end), a.claimant, (), a.value))
    return claims


def _cue_lemma(doc: Doc, q: Quote) -> str | None:
    if q.cue_span is None:
        return None
    span = doc.char_span(q.cue_span[0], q.cue_span[1], alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None else None


# --- disputes -------------------------------------------------------------------------


def _disputes(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], claims: Sequence[Claim], data: ClaimData
) -> list[Dispute]:
    found: list[Dispute] = []
    # every kind of dispute below is anchored on one of these lemmas
    anchors = (
        set(data.verbs)
        | {verb for verb, _ in data.particle_verbs}
        | set(data.label_verbs)
        | set(data.false_predicates)
        | set(data.true_predicates)
        | set(data.nouns)
        | set(data.no_truth_nouns)
    )
    for i, (_, lemma) in enumerate(token_words(doc)):
        if lemma not in anchors:
            continue
        tok = doc[i]
        d: Dispute | None = None
        if tok.pos_ == "VERB" and (lemma in data.verbs or _particle(tok, data) is not None):
            d = _verb_dispute(doc, tok, actors, claims, data)
        if d is None and tok.pos_ == "VERB" and lemma in data.label_verbs:
            d = _label_dispute(doc, tok, actors, claims, data)
        if d is None and (lemma in data.false_predicates or lemma in data.true_predicates):
            d = _predicate_dispute(doc, tok, actors, quotes, claims, data)
        if d is None and tok.pos_ == "NOUN" and lemma in data.nouns:
            d = _noun_dispute(doc, tok, actors, claims, data)
        if d is None and tok.pos_ == "NOUN" and lemma in data.no_truth_nouns:
            d = _no_truth_dispute(doc, tok, actors, quotes, data)
        if d is not None and not any((d.start, d.end, d.disputer) == (o.start, o.end, o.disputer) for o in found):
            found.append(d)
    return found


def _particle(verb: Token, data: ClaimData) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return data.particle_verbs.get((verb.lemma_.lower(), child.lower_))
    return None


def _verb_dispute(
    doc: Doc, verb: Token, actors: Sequence[Actor], claims: Sequence[Claim], data: ClaimData
) -> Dispute | None:
    """'X denied that S', 'X denies an invasion', 'X rejected reports that S', 'which X denies'."""
    if _negated(verb):
        return None
    objects = data.verbs.get(verb.lemma_.lower()) or _particle(verb, data) or "claims"
    disputer = _disputer(doc, verb, actors, data)
    if disputer is None:
        return None
    children = list(verb.children)
    if sum(c.dep_ in ("dobj", "dative") for c in children) > 1 or any(c.dep_ == "dative" for c in children):
        return None  # "denied British competitors more orders": withholding, not disputing
    objects_of = [c for c in children if c.dep_ in ("dobj", "npadvmod", "attr", "oprd")]
    if any(c.lemma_.lower() in data.withhold_objects for c in objects_of):
        return None  # "denied Garland a hearing" parsed with the hearing elsewhere
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in data.recipient_prepositions):
        recipient = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if recipient is not None and recipient.pos_ != "PRON" and recipient.lemma_.lower() not in data.audiences:
            return None  # "denied class-action status to employees" (but "denied it to reporters")
    clause = next(  # a clause before the verb is not its content ("This time, X engaged: X denied ...")
        (c for c in children if c.i > verb.i and (c.dep_ == "ccomp" or (c.dep_ == "xcomp" and objects == "any"))), None
    )
    if clause is not None:
        return _dispute(disputer, doc, clause, verb)
    obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and verb.dep_ == "conj":
        return None  # "denies and calls alarmism": the first conjunct carries the dispute
    if obj is None:
        return None
    return _object_dispute(doc, verb, obj, disputer, objects, actors, claims, data)


def _object_dispute(
    doc: Doc,
    verb: Token,
    obj: Token,
    disputer: Actor,
    objects: str,
    actors: Sequence[Actor],
    claims: Sequence[Claim],
    data: ClaimData,
) -> Dispute | None:
    if obj.lower_ in data.relative_objects and verb.dep_ == "relcl":
        ante = verb.head
        claim = _claim_above(ante, data)
        if claim is not None and claim.i != ante.i:  # "allegations that he assaulted X, which he denied"
            clause = _clause_of(claim, data)
            return _dispute(disputer, doc, clause if clause is not None else claim, verb, stop=verb.left_edge.i)
        if objects != "any" and ante.lemma_.lower() not in data.claim_nouns:
            return None  # "advice which X rejected": rejecting advice is not disputing a claim
        start = ante.left_edge.idx
        end = max((t.idx + len(t) for t in doc[ante.left_edge.i : verb.left_edge.i] if not t.is_punct), default=start)
        return Dispute(disputer.id, start, end, verb.i)
    lemma = obj.lemma_.lower()
    if lemma in data.claim_nouns:
        clause = _clause_of(obj, data)
        if clause is not None:
            return _dispute(disputer, doc, clause, verb, source=_noun_source(doc, obj, actors, data))
        earlier = _latest_claim(doc, verb, claims, disputer.id) if _bare(obj) else None
        if earlier is not None:  # "dismissed the claims": the claims made just before
            return Dispute(disputer.id, earlier.statement.start, earlier.statement.end, verb.i)
        return _dispute(disputer, doc, obj, verb)
    content = _clause_of(obj, data)
    if content is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in content.children):
        return _dispute(disputer, doc, content, verb)  # "rejected attacks that he was not a conservative"
    if objects != "any" or lemma in data.withhold_objects or obj.pos_ == "PRON" or obj.ent_type_ == "PERSON":
        return None  # one denies a person something, never a person
    if any(t.lemma_.lower() in data.withhold_objects and t.dep_ in ("appos", "npadvmod") for t in obj.subtree):
        return None  # "denied Garland, the nominee, a hearing" parsed as an apposition
    return _dispute(disputer, doc, obj, verb)


def _bare(noun: Token) -> bool:
    """'the claims', 'these reports': a claim noun that only points back (no owner, no content)."""
    return all(c.dep_ in ("det", "amod", "punct", "advmod") for c in noun.children)


def _claim_above(tok: Token, data: ClaimData, steps: int = 6) -> Token | None:
    """The nearest claim noun at or above ``tok`` in its phrase (the parser often attaches 'which' low)."""
    for _ in range(steps):
        if tok.lemma_.lower() in data.claim_nouns and tok.pos_ in ("NOUN", "PROPN"):
            return tok
        if tok.head.i == tok.i or tok.dep_ in ("nsubj", "dobj", "ROOT") and tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def _label_dispute(
    doc: Doc, verb: Token, actors: Sequence[Actor], claims: Sequence[Claim], data: ClaimData
) -> Dispute | None:
    """'called the claims false', 'calls alarmism', 'described as exaggerated reports that S'."""
    if _negated(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ == _SUBJECT), None)
    in_subject = set(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject is not None else set()
    if not any(t.i != verb.i and t.i not in in_subject and _is_false(t, data) for t in verb.subtree):
        return None
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in data.verbs:
        return None  # "denies and calls alarmism": already disputed by the first verb
    disputer = _disputer(doc, verb, actors, data)
    if disputer is None:
        return None
    for tok in verb.subtree:
        if tok.lemma_.lower() in data.claim_nouns and tok.pos_ in ("NOUN", "PROPN"):
            clause = _clause_of(tok, data)
            if clause is not None:
                return _dispute(disputer, doc, clause, verb, source=_noun_source(doc, tok, actors, data))
            earlier = _latest_claim(doc, verb, claims, disputer.id)
            if earlier is not None:
                return Dispute(disputer.id, earlier.statement.start, earlier.statement.end, verb.i)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and not _is_false(c, data)), None)
    if obj is not None and obj.lower_ in data.relative_objects and verb.dep_ == "relcl":
        return _object_dispute(doc, verb, obj, disputer, "any", actors, claims, data)
    if obj is not None and obj.pos_ != "PRON":
        return _dispute(disputer, doc, obj, verb)
    earlier = _latest_claim(doc, verb, claims, disputer.id)
    return Dispute(disputer.id, earlier.statement.start, earlier.statement.end, verb.i) if earlier else None


def _predicate_dispute(
    doc: Doc, pred: Token, actors: Sequence[Actor], quotes: Sequence[Quote], claims: Sequence[Claim], data: ClaimData
) -> Dispute | None:
    """'the figures were exaggerated', 'rumors S are not true': disputed by whoever says so."""
    lemma = pred.lemma_.lower()
    negated = _negated(pred) or _negated(pred.head) and pred.dep_ in ("acomp", "attr")
    if lemma in data.true_predicates and not negated or lemma in data.false_predicates and negated:
        return None
    if pred.dep_ == "amod" and pred.head.lemma_.lower() in data.claim_nouns:
        return _false_noun_dispute(doc, pred, actors, quotes, data)  # "charged him with filing a false report"
    if pred.dep_ in ("acomp", "attr"):
        holder = pred.head
    elif pred.pos_ == "VERB":
        holder = pred
    else:
        return None
    subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    extraposed = next((c for c in holder.children if c.dep_ == "ccomp" and c.i > pred.i), None)
    if subj is not None and subj.lower_ in data.pointing_back and extraposed is None:
        if lemma not in data.true_predicates and lemma not in data.untrue_that:
            return None
        att = attribution(doc, pred.i, actors, quotes, data.amounts)  # "'It's nonsense,' X said"
        earlier = _latest_claim(doc, pred, claims, att.actor) if att is not None and att.actor else None
        if att is None or att.actor is None or earlier is None:
            return None
        return Dispute(att.actor, earlier.statement.start, earlier.statement.end, pred.i)
    if subj is not None and subj.lower_ in data.expletives and extraposed is not None:
        if lemma not in data.true_predicates and lemma not in data.untrue_that:
            return None  # "it is ridiculous that S" judges S, it does not call S false
        target: Token = extraposed  # "it is not true that S"
    elif subj is None or subj.lemma_.lower() not in data.claim_nouns:
        return None
    else:
        clause = _clause_of(subj, data)
        target = clause if clause is not None else subj
    att = attribution(doc, pred.i, actors, quotes, data.amounts)
    if att is None or att.actor is None:
        return None
    start, end = _span_of(doc, target)
    return Dispute(att.actor, start, end, pred.i, _noun_source(doc, subj, actors, data) if subj is not None else None)


def _false_noun_dispute(
    doc: Doc, adj: Token, actors: Sequence[Actor], quotes: Sequence[Quote], data: ClaimData
) -> Dispute | None:
    """'a false robbery report', 'fabricated allegations that S': disputed by whoever calls them so."""
    if _negated(adj) or any(c.lower_ in data.negations for c in adj.children):
        return None
    noun = adj.head
    att = attribution(doc, noun.i, actors, quotes, data.amounts)
    if att is None or att.actor is None:
        return None
    clause = _clause_of(noun, data)
    start, end = _span_of(doc, clause) if clause is not None else _span_of(doc, noun)
    return Dispute(att.actor, start, end, adj.i, _noun_source(doc, noun, actors, data))


def _no_truth_dispute(
    doc: Doc, noun: Token, actors: Sequence[Actor], quotes: Sequence[Quote], data: ClaimData
) -> Dispute | None:
    """'there is no truth to the reports', 'the allegations have no basis': disputed by whoever says so."""
    if not any(c.lower_ in data.no_truth_determiners and c.dep_ == "det" for c in noun.children):
        return None
    claim: Token | None = None
    for child in noun.children:  # "no truth to/in the reports"
        if child.dep_ == "prep" and child.lower_ in data.no_truth_prepositions:
            claim = next((c for c in child.children if c.dep_ == "pobj"), None)
    if claim is None and noun.dep_ == "dobj":  # "the allegations have no basis"
        claim = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if claim is None or claim.lemma_.lower() not in data.claim_nouns:
        return None
    att = attribution(doc, noun.i, actors, quotes, data.amounts)
    if att is None or att.actor is None:
        return None
    clause = _clause_of(claim, data)
    start, end = _span_of(doc, clause if clause is not None else claim)
    return Dispute(att.actor, start, end, noun.i, _noun_source(doc, claim, actors, data))


def _noun_dispute(
    doc: Doc, noun: Token, actors: Sequence[Actor], claims: Sequence[Claim], data: ClaimData
) -> Dispute | None:
    """'X's denial that S', 'a denial by X of the report', 'X issued a denial of S'."""
    disputer: Actor | None = None
    target: Token | None = None
    for child in noun.children:
        if child.dep_ == "poss":
            disputer = actor_of(doc, child, actors, data.amounts)
        elif child.dep_ == "prep" and child.lower_ in data.disputer_prepositions:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            disputer = actor_of(doc, pobj, actors, data.amounts) if pobj is not None else disputer
        elif child.dep_ == "prep" and child.lower_ in data.target_prepositions:
            target = next((c for c in child.children if c.dep_ == "pobj"), target)
    target = _clause_of(noun, data) or target
    if disputer is None and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        disputer = _disputer(doc, noun.head, actors, data)  # "X issued a denial"
    if disputer is None:
        return None
    if target is None:
        earlier = _latest_claim(doc, noun, claims, disputer.id)
        return Dispute(disputer.id, earlier.statement.start, earlier.statement.end, noun.i) if earlier else None
    if target.lemma_.lower() in data.withhold_objects or any(
        t.lemma_.lower() in data.withhold_objects for t in target.children if t.dep_ == "compound"
    ):
        return None  # "a denial of due process", "denial of service": withholding
    if target.pos_ in ("NOUN", "PROPN") and target.lemma_.lower() in data.claim_nouns:
        clause = _clause_of(target, data)
        if clause is not None:
            return _dispute(disputer, doc, clause, noun, source=_noun_source(doc, target, actors, data))
    return _dispute(disputer, doc, target, noun)


def _is_false(tok: Token, data: ClaimData) -> bool:
    return tok.lemma_.lower() in data.false_predicates or tok.lower_ in data.false_predicates


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _disputer(doc: Doc, verb: Token, actors: Sequence[Actor], data: ClaimData) -> Actor | None:
    """The subject of the verb (inherited from a first conjunct or a main clause), or a passive's agent."""
    for v in (verb, verb.head if verb.dep_ in ("conj", "advcl", "xcomp") else None):
        if v is None:
            continue
        subj = next((c for c in v.children if c.dep_ == _SUBJECT), None)
        if subj is not None and subj.lower_ in data.relative_subjects and v.dep_ == "relcl":
            return actor_of(doc, v.head, actors, data.amounts)  # "Moscow, which denies the reports, ..."
        if subj is not None:
            return actor_of(doc, subj, actors, data.amounts)
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return actor_of(doc, pobj, actors, data.amounts) if pobj is not None else None
    return None


def _clause_of(noun: Token, data: ClaimData) -> Token | None:
    """The clause a claim noun carries: 'reports that S', 'allegations he ordered ...'."""
    doc = noun.doc
    k = noun.i + 1
    if k < len(doc) and doc[k].dep_ == "mark" and doc[k].head.i > noun.i and doc[k].head.pos_ in ("VERB", "AUX"):
        return doc[k].head  # "assertions that S" however the parser attached S
    for child in noun.children:
        if child.dep_ in _CLAUSES and child.pos_ in ("VERB", "AUX") and _full_clause(child, data):
            return child
    for child in noun.children:  # "a report in Politico that S": the clause hangs off the PP
        if child.dep_ == "prep":
            for grand in child.subtree:
                marked = any(m.dep_ == "mark" for m in grand.children)
                if grand.dep_ in _CLAUSES and grand.pos_ in ("VERB", "AUX") and marked:
                    return grand
    return None


def _full_clause(verb: Token, data: ClaimData) -> bool:
    """A content clause ('that S', 'he ordered ...'), not a reduced relative ('charges filed against it')."""
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in data.complementizers:
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.lower_ not in data.relative_pronouns:
            return True
    return False


def _noun_source(doc: Doc, noun: Token, actors: Sequence[Actor], data: ClaimData) -> str | None:
    """Whose report it is: 'an Iranian report', 'Politico's report', 'a report in Politico'."""
    for child in noun.children:
        by_prep = child.dep_ == "prep" and child.lower_ in data.source_prepositions
        if child.dep_ in ("poss", "compound", "amod") or by_prep:
            tok = child if child.dep_ != "prep" else next((c for c in child.children if c.dep_ == "pobj"), None)
            actor = actor_of(doc, tok, actors, data.amounts) if tok is not None else None
            if actor is not None:
                return actor.id
    return None


def _span_of(doc: Doc, tok: Token, stop: int | None = None) -> tuple[int, int]:
    """Characters of ``tok``'s subtree before ``stop``, without a leading 'that', punctuation, a noun's conjuncts."""
    cut = tok.right_edge.i + 1 if stop is None else stop
    if tok.pos_ in ("NOUN", "PROPN"):
        cut = min([cut] + [c.i for c in tok.children if c.dep_ in ("cc", "conj") and c.i > tok.i])
    tokens = [t for t in tok.subtree if t.i < cut]
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return tok.idx, tok.idx + len(tok)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _dispute(
    disputer: Actor, doc: Doc, target: Token, cue: Token, source: str | None = None, stop: int | None = None
) -> Dispute:
    start, end = _span_of(doc, target, stop)
    return Dispute(disputer.id, start, end, cue.i, source)


def _latest_claim(doc: Doc, cue: Token, claims: Sequence[Claim], disputer: str) -> Claim | None:
    """The last claim by someone else ending before the cue's sentence, within a few sentences."""
    sent = cue.sent
    for _ in range(_LOOKBACK_SENTENCES - 1):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    lo, hi = sent.start_char, cue.sent.start_char
    before = [c for c in claims if lo <= c.statement.start and c.statement.end <= hi and c.claimant != disputer]
    return max(before, key=lambda c: c.statement.end, default=None)


# --- linking --------------------------------------------------------------------------


def _attach(doc: Doc, claims: list[Claim], d: Dispute, amounts: Sequence[Amount]) -> list[Claim]:
    """Add the disputer to the claim the statement overlaps, or add a new disputed claim."""
    inside = [a for a in amounts if d.start <= a.start and a.end <= d.end and a.value is not None]
    cue_char = doc[d.cue_i].idx
    best: int | None = None
    best_key: tuple[int, int] = (0, 0)
    for k, c in enumerate(claims):
        s, e = c.statement.start, c.statement.end
        overlap = min(e, d.end) - max(s, d.start)
        if overlap <= 0 or c.claimant == d.disputer:
            continue  # the disputer's own statement of the denial is not what is disputed
        holds_amount = int(c.amount is not None and any(a.value == c.amount for a in inside))
        if s <= cue_char < e and not holds_amount:
            continue  # a claim reporting the denial itself ("X dismissed ..., the agency reported")
        key = (holds_amount, overlap)
        if key > best_key:
            best, best_key = k, key
    if best is not None:
        c = claims[best]
        if d.disputer not in c.disputed_by:
            amount = c.amount if c.amount is not None else (inside[0].value if inside else None)
            statement = c.statement
            if statement.start <= d.end <= cue_char < statement.end:
                # "... 175,000 troops — which Moscow denies": the denial is not part of what is claimed
                statement = Evidence(statement.start, d.end)
            claims[best] = replace(c, statement=statement, disputed_by=(*c.disputed_by, d.disputer), amount=amount)
        return claims
    amount = inside[0].value if inside else None
    claims.append(Claim(Evidence(d.start, d.end), d.source, (d.disputer,), amount))
    return claims
