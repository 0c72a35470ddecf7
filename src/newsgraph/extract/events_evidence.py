"""What an event candidate's evidence allows: reporting clauses, speech, sense constraints, confidence.

Reads ``event-rules-*.yaml`` (words and constants only). The event coder asks it:
- ``reporting_verb``: the verb whose reported clause holds a trigger ("X said *Y attacked Z*");
- ``speech_code``: what a verb of speaking codes (a statement only with the clause it reports);
- ``requires``: the argument constraints of a code (a target, a foreign one, a person object ...);
- ``Confidence.score``: base(evidence kind) x the factors that apply, clipped to [0, 1].
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token
from newsgraph.data_files import parse_yaml

from newsgraph.extract.doctext import sentences
from newsgraph.records import Actor

# the edges by which a clause is the content of the verb above it
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
# how far up a trigger may sit below the reporting verb ("said Y had agreed to send ...")
MAX_UP = 8


@dataclass(frozen=True, slots=True)
class Confidence:
    """The confidence formula's constants: a base per evidence kind and multiplicative factors."""

    base: dict[str, float]
    factors: dict[str, float]
    deep_from: int
    many_pairs_from: int
    targetless_roots: frozenset[str]
    trusted_defaults: frozenset[str]
    minimum: float
    threshold: float

    def score(self, basis: str, applies: Iterable[str]) -> float:
        """base[basis] x factor for every name in ``applies``, clipped to [0, 1] and rounded to 3 places."""
        value = self.base.get(basis, min(self.base.values()))
        for name in applies:
            value *= self.factors.get(name, 1.0)
        return round(max(0.0, min(1.0, value)), 3)


@dataclass(frozen=True, slots=True)
class EventRules:
    """Word lists and constants of ``event-rules-*.yaml``."""

    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    opinion_verbs: frozenset[str]
    audience_roles: frozenset[str]
    audience_words: frozenset[str]
    gatherings: frozenset[str]
    object_addressed: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_preps: frozenset[str]
    own_side_kept: frozenset[str]
    always_kept: frozenset[str]
    mutual_lemmas: frozenset[str]
    mutual_nouns: frozenset[str]
    topic_preps: frozenset[str]
    pair_words: frozenset[str]
    location_preps: frozenset[str]
    aimed_preps: frozenset[str]
    aimed_roots: frozenset[str]
    protection_words: frozenset[str]
    protection_preps: frozenset[str]
    guarded_preps: frozenset[str]
    opposition_nouns: frozenset[str]
    opposition_preps: frozenset[str]
    opposition_roots: frozenset[str]
    victim_preps: frozenset[str]
    addressed_codes: frozenset[str]
    occasion_preps: frozenset[str]
    raising: frozenset[str]
    weapons: frozenset[str]
    question_verbs: frozenset[str]
    content_target_roots: frozenset[str]
    reverse_kept: frozenset[str]
    petrarch_default: tuple[str, ...]
    noun: tuple[str, ...]
    noun_exempt_roots: frozenset[str]
    keep_every_reverse: bool  # another dictionary's reverse codes are its own system's (PETRARCH's tests)
    by_code: dict[str, tuple[str, ...]]
    by_lemma: dict[str, tuple[str, ...]]
    object_words: dict[str, frozenset[str]]
    person_nouns: frozenset[str]
    act_nouns: frozenset[str]
    military_words: frozenset[str]
    armed_preps: frozenset[str]
    carried: frozenset[str]  # constraints of a frame's or an announcement's complement that hold for the composed code
    carried_basis: frozenset[str]  # evidence kinds whose own constraints the composed code keeps
    carried_basis_roots: frozenset[str]  # ... when it is an intent of these roots (or the complement's own code)
    traded_words: frozenset[str]
    traded_markets: frozenset[str]
    market_modifiers: frozenset[str]
    confidence: Confidence
    relay_verbs: frozenset[str] = frozenset()  # "the radio quoted X as saying": X states, the radio relays
    relay_preps: frozenset[str] = frozenset()

    @classmethod
    def from_file(cls, path: Path, quote_cues: Path | None = None) -> EventRules:
        """Read the YAML rules file; the relaying verbs come from the quote cues (one list for both stages)."""
        raw: dict[str, Any] = parse_yaml(path.read_text(encoding="utf-8"))
        relaying: dict[str, Any] = parse_yaml(quote_cues.read_text(encoding="utf-8")).get("relaying", {}) if quote_cues else {}

        def words(section: str, key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in (raw.get(section) or {}).get(key, []))

        cons = raw.get("constraints") or {}
        conf = raw["confidence"]
        return cls(
            speech_verbs=words("speech", "verbs"),
            speech_nouns=words("speech", "nouns"),
            opinion_verbs=words("speech", "opinion"),
            audience_roles=frozenset(str(r) for r in raw["speech"].get("audience_roles", [])),
            audience_words=words("speech", "audience_words"),
            gatherings=words("speech", "gatherings"),
            object_addressed=words("speech", "object_addressed"),
            reporting_verbs=words("reporting", "verbs"),
            reporting_preps=words("reporting", "preps"),
            own_side_kept=words("reporting", "own_side_kept"),
            always_kept=words("reporting", "always_kept"),
            mutual_lemmas=words("mutual", "lemmas"),
            mutual_nouns=words("mutual", "nouns"),
            topic_preps=words("mutual", "topic_preps"),
            pair_words=words("mutual", "pair_words"),
            location_preps=frozenset(str(w).lower() for w in raw.get("location_preps", [])),
            aimed_preps=frozenset(str(w).lower() for w in raw.get("aimed_preps", [])),
            aimed_roots=frozenset(str(r) for r in raw.get("aimed_roots", [])),
            protection_words=words("protection", "words"),
            protection_preps=words("protection", "preps"),
            guarded_preps=words("protection", "guarded_preps"),
            opposition_nouns=words("opposition", "nouns"),
            opposition_preps=words("opposition", "preps"),
            addressed_codes=frozenset(str(c) for c in raw.get("addressed_codes", [])),
            victim_preps=frozenset(str(w).lower() for w in raw.get("victim_preps", [])),
            opposition_roots=frozenset(str(r) for r in (raw.get("opposition") or {}).get("roots", [])),
            occasion_preps=frozenset(str(w).lower() for w in raw.get("occasion_preps", [])),
            raising=frozenset(str(w).lower() for w in raw.get("raising", [])),
            weapons=frozenset(str(w).lower() for w in raw.get("weapons", [])),
            question_verbs=frozenset(str(w).lower() for w in raw.get("question_verbs", [])),
            content_target_roots=frozenset(str(r) for r in raw.get("content_target_roots", [])),
            reverse_kept=frozenset(str(c) for c in raw.get("reverse_kept", [])),
            petrarch_default=tuple(cons.get("petrarch_default", [])),
            noun=tuple(cons.get("noun", [])),
            noun_exempt_roots=frozenset(str(r) for r in cons.get("noun_exempt_roots", [])),
            keep_every_reverse=False,
            by_code={str(k): tuple(v) for k, v in (cons.get("by_code") or {}).items()},
            by_lemma={str(k).lower(): tuple(v) for k, v in (cons.get("by_lemma") or {}).items()},
            object_words={str(k).lower(): frozenset(str(w).lower() for w in v) for k, v in (cons.get("object_words") or {}).items()},
            person_nouns=frozenset(str(w).lower() for w in cons.get("person_nouns", [])),
            act_nouns=frozenset(str(w).lower() for w in cons.get("act_nouns", [])),
            military_words=frozenset(str(w).lower() for w in cons.get("military_words", [])),
            armed_preps=frozenset(str(w).lower() for w in cons.get("armed_preps", [])),
            carried=frozenset(str(w) for w in cons.get("carried", [])),
            carried_basis=frozenset(str(w) for w in cons.get("carried_basis", [])),
            carried_basis_roots=frozenset(str(r) for r in cons.get("carried_basis_roots", [])),
            traded_words=words("traded", "words"),
            traded_markets=words("traded", "markets"),
            market_modifiers=words("traded", "market_modifiers"),
            confidence=Confidence(
                base={str(k): float(v) for k, v in conf["base"].items()},
                factors={str(k): float(v) for k, v in conf["factors"].items()},
                deep_from=int(conf["deep_from"]),
                many_pairs_from=int(conf["many_pairs_from"]),
                targetless_roots=frozenset(str(r) for r in conf.get("targetless_roots", [])),
                trusted_defaults=frozenset(str(w).lower() for w in conf.get("trusted_defaults", [])),
                minimum=float(conf["min"]),
                threshold=float(conf["threshold"]),
            ),
            relay_verbs=frozenset(str(v["lemma"]).lower() for v in relaying.get("verbs", [])),
            relay_preps=frozenset(str(v["lemma"]).lower() for v in relaying.get("preps", [])),
        )

    def requires(self, code: str, lemma: str, basis: str, noun: bool = False) -> frozenset[str]:
        """Every constraint the code (longest matching prefix), the trigger's lemma (alone, or with the code:
        "receive:043"), its part of speech and its evidence kind impose."""
        out: set[str] = set(self.by_lemma.get(lemma, ()))
        if noun and code[:2] not in self.noun_exempt_roots:
            out.update(self.noun)
        for n in range(len(code), 1, -1):
            if code[:n] in self.by_code:
                out.update(self.by_code[code[:n]])
                break
        for n in range(len(code), 1, -1):
            if f"{lemma}:{code[:n]}" in self.by_lemma:  # "receive:043": a lemma's constraint for one of its codes
                out.update(self.by_lemma[f"{lemma}:{code[:n]}"])
                break
        if basis == "petrarch_default":
            out.update(self.petrarch_default)
        return frozenset(out)

    def by_lemma_needs(self, lemma: str) -> frozenset[str]:
        """The constraints a lemma imposes whatever code it carries (a frame's folded complement)."""
        return frozenset(self.by_lemma.get(lemma, ()))

    def carried_needs(self, code: str, lemma: str, basis: str, composed: str) -> frozenset[str]:
        """What the ``composed`` code of a frame or an announcement keeps of its complement's constraints: the
        complement's sense of its own arguments (``carried``), and, for an intent or a code kept as it is, what its
        evidence kind needs ("plans to issue notes": PETRARCH's default for "issue" needs a target); not the target
        the complement's code needs ("will meet" announces a meeting without one)."""
        if not code:
            return frozenset()
        own = self.requires(code, lemma, basis) & self.carried
        restated = composed[:2] in self.carried_basis_roots or composed == code
        return own | self.requires("", "", basis) if restated and basis in self.carried_basis else own

    def traded(self, tok: Token) -> bool:
        """'U.S. stocks', 'Japanese share prices', 'the U.S. stock market': a security, a price or a securities
        market, which names what is traded, not a party to an act."""
        low = tok.lower_
        if low in self.traded_words or tok.lemma_.lower() in self.traded_words:
            return True
        return low in self.traded_markets and any(
            c.dep_ in {"compound", "amod", "nmod"} and (c.lower_ in self.traded_words or c.lower_ in self.market_modifiers)
            for c in tok.children
        )


def reporting_verb(tok: Token, rules: EventRules) -> Token | None:
    """The nearest verb of reporting whose reported clause holds ``tok`` ("X said Y attacked Z", "..., X said"),
    or whose clause it modifies with "according to"; None for a trigger that is itself the report."""
    cur = tok
    entered = False  # the path from the trigger has gone up a reported-clause edge
    for _ in range(MAX_UP):
        if any(c.dep_ == "prep" and c.lower_ in rules.reporting_preps for c in cur.children):
            return cur  # "..., according to X"
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ == "relcl":
            return None  # ", which Moscow denies": a relative clause is the writer's, not the reported content
        entered = entered or cur.dep_ in REPORTED_DEPS
        if entered and head.lemma_.lower() in rules.reporting_verbs and head.pos_ in {"VERB", "AUX"}:
            return head
        if cur.dep_ in {"nsubj", "nsubjpass", "csubj"} and head.lemma_.lower() in rules.reporting_verbs:
            return None  # the speaker's own phrase
        cur = head
    # "Y attacked Z, X said" parsed with the report below the content: a reporting verb hanging off the clause root
    root = tok.doc[sentences(tok.doc).root(tok.i)]
    if root.i != tok.i:
        for child in root.children:
            if child.dep_ in REPORTED_DEPS and child.i > tok.i and child.lemma_.lower() in rules.reporting_verbs:
                if any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children) and not (
                    child.left_edge.i <= tok.i <= child.right_edge.i
                ):
                    return child
    return None


def in_reporters_question(tok: Token, rules: EventRules) -> bool:
    """'Asked if the bank would respond to a plea by Vietnam, he said ...': the trigger is the asking, or inside
    what was asked, of a participle clause with no subject or agent of its own (a reporter asks the main subject)."""
    for cur in (tok, *tok.ancestors):
        if cur.tag_ != "VBN" or cur.lemma_.lower() not in rules.question_verbs:
            continue
        opening = cur.dep_ == "advcl" or cur.i == sentences(cur.doc).start(cur.i)  # or the root of a parse the clause broke
        if not opening:
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in cur.children):
            return True
    return False


def has_reported_clause(verb: Token) -> bool:
    """A verb of speaking with the clause it reports (or a direct quote) below it."""
    return any(c.dep_ in REPORTED_DEPS or (c.dep_ == "dobj" and c.pos_ == "VERB") for c in verb.children) or (
        verb.dep_ in REPORTED_DEPS and verb.head.pos_ in {"VERB", "AUX"}  # "..., he said" hung below the content
    )


def is_headline(text: str) -> bool:
    """A sentence in capitals (a wire headline): its words are not parsed as names and acts reliably."""
    letters = "".join(filter(str.isalpha, text))  # filter and map loop in C: this runs per sentence
    return len(letters) >= 8 and sum(map(str.isupper, letters)) / len(letters) > 0.8


def object_words(tok: Token) -> set[str]:
    """Lemmas of the trigger's direct object head, or of a noun trigger's own modifiers ("domestic demand")."""
    if tok.pos_ in {"NOUN", "PROPN"}:
        return {c.lemma_.lower() for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"}} | {
            p.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
        }
    return {c.lemma_.lower() for c in tok.children if c.dep_ in {"dobj", "obj"}}


def person_object(tok: Token, actor_at: Container[int], person_nouns: frozenset[str]) -> bool:
    """The direct (or passive) object is a person or an actor: 'arrested two men', 'took them', not 'took a share'."""
    for c in tok.children:
        if c.dep_ in {"dobj", "obj", "nsubjpass"}:
            if c.i in actor_at or c.pos_ == "PRON" or c.ent_type_ in {"PERSON", "NORP", "ORG", "GPE"}:
                return True
            if c.lemma_.lower() in person_nouns:
                return True
            if any(t.i in actor_at for t in c.subtree):
                return True
    return tok.pos_ in {"NOUN", "PROPN"}  # an arrest noun's person is found by its roles


def actor_object(tok: Token, actor_at: Container[int], rules: EventRules) -> bool:
    """The direct object is an actor, a person, a thing an actor owns or does ("Japan's efforts", "the U.S.
    position") or an act noun ("the help"): 'appreciated the help', not 'appreciated French wine'."""
    for c in tok.children:
        if c.dep_ not in {"dobj", "obj", "nsubjpass"}:
            continue
        if c.i in actor_at or c.pos_ == "PRON" or c.lemma_.lower() in rules.person_nouns | rules.act_nouns:
            return True
        if any(m.dep_ in {"poss", "compound"} and any(t.i in actor_at for t in m.subtree) for m in c.children):
            return True
        return False
    return tok.pos_ in {"NOUN", "PROPN"}


def armed(tok: Token, sources: Sequence[str], actors: Mapping[int, str], by_id: Mapping[str, Actor], rules: EventRules) -> bool:
    """Armed forces take part in the act (CAMEO 087x): a military noun or a MIL actor in the trigger's subject, object or
    ``armed_preps`` phrase ("the withdrawal of troops"), or a state that withdraws with no object of its own ('Iraq
    withdrew from the border')."""
    args = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "obj", "poss", "compound", "amod"}]
    args += [p for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in rules.armed_preps for p in c.children]
    for arg in args:
        for t in arg.subtree:
            if t.lemma_.lower() in rules.military_words or t.lower_ in rules.military_words:
                return True
            actor = by_id.get(actors.get(t.i, ""))
            if actor is not None and actor.role == "MIL":
                return True
    if any(c.dep_ in {"dobj", "obj"} for c in tok.children):
        return False  # "withdraw funds", "pulled its bid": the thing withdrawn is not armed forces
    states = [by_id[s] for s in sources if s in by_id]
    return bool(states) and all(a.kind == "country" or a.role in {"GOV", "MIL"} for a in states)


def raising_passive(tok: Token, rules: EventRules) -> bool:
    """'is expected to visit', 'was said to have met': a passive raising verb over the complement that acts."""
    if tok.lemma_.lower() not in rules.raising:
        return False
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children) or tok.pos_ == "ADJ"
    return passive and any(c.dep_ == "xcomp" for c in tok.children)


def addressed_gathering(noun: Token, rules: EventRules) -> bool:
    """'told a meeting of industrialists', 'speaking at a conference': the gathering a speaker addresses is no act."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.lemma_.lower() in rules.speech_verbs and noun.dep_ in {"dobj", "dative", "pobj"}


def own_subject(tok: Token) -> Token | None:
    """The trigger's own subject, active or passive."""
    return next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def pronoun_subject(tok: Token) -> bool:
    """The subject is a pronoun (its actor came from coreference)."""
    subj = own_subject(tok)
    return subj is not None and subj.pos_ == "PRON"


def mutual_object(tok: Token, rules: EventRules) -> bool:
    """'held talks', 'signed a pact': the verb's direct object is a noun of acts the parties do together."""
    return any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in rules.mutual_nouns for c in tok.children)


def coordinated_subject(tok: Token, pair_words: frozenset[str]) -> bool:
    """'X and Y agreed': the subject (the trigger's, or its governing clause's) is a coordination."""
    cur = tok
    for _ in range(3):
        subj = own_subject(cur)
        if subj is not None:
            # "X and Y", "delegations from X and Y", "the two leaders", "both sides"
            return any(t.dep_ == "cc" or t.lower_ in pair_words for t in subj.subtree)
        if cur.dep_ not in {"xcomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def agentless(tok: Token, rules: EventRules) -> bool:
    """'were killed', 'a car bomb killed', 'the bombing of ...': an act whose doer the text does not name."""
    if tok.pos_ in {"NOUN", "PROPN"}:
        return True
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children):
        return True
    subj = own_subject(tok)
    return subj is not None and subj.lemma_.lower() in rules.weapons

