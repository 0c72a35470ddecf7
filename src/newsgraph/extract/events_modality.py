"""Modality of an event trigger: asserted, negated, planned, hypothetical or demanded.

From the trigger we walk up the dependency tree. Cues on the trigger's own clause
(negation, auxiliaries, "if" markers, modifiers of a noun trigger) count while we stay in
that clause (through xcomp, conj and aux heads); governing words count at any level
("fears of an invasion", "denies an invasion", "demands assurances that NATO will not
expand"). The strongest cue by the data file's priority wins; ``reported`` is decided by
the caller from disputed claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

GOVERNED_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "dative"}
    | {"compound", "amod", "nmod", "poss", "aux", "auxpass"}
)
from newsgraph.data_files import parse_yaml
SAME_CLAUSE_DEPS = frozenset({"xcomp", "conj", "aux", "auxpass"})
MAX_STEPS = 10


@dataclass(frozen=True, slots=True)
class ModalityCues:
    """Cue words per modality, loaded from ``modality-cues-*.yaml``."""

    priority: tuple[str, ...]
    neg_deps: frozenset[str]
    neg_words: frozenset[str]
    aux: dict[str, str]  # auxiliary word -> modality
    marks: dict[str, str]  # subordinating marker -> modality
    modifiers: dict[str, str]  # modifier lemma of a noun trigger -> modality
    governors: dict[str, str]  # governing lemma -> modality of what it governs
    future_aux: frozenset[str] = frozenset()  # "would" under a past reporting verb is a plan
    reporters: frozenset[str] = frozenset()
    capability: frozenset[str] = frozenset()  # "able to": hypothetical unless said in the past
    going_to: frozenset[str] = frozenset()  # "going to meet": the head of an xcomp that plans it
    conditional_marks: frozenset[str] = frozenset()  # "if", "unless": the clause is a condition
    conditional_aux: frozenset[str] = frozenset()  # "will", "would": a main clause that depends on the condition
    periods: frozenset[str] = frozenset()  # "every *year*": a period adverbial that makes an act habitual
    period_words: frozenset[str] = frozenset()

    @classmethod
    def from_file(cls, path: Path) -> ModalityCues:
        """Read the YAML cue file; a governor listed under two modalities keeps the stronger."""
        raw: dict[str, Any] = parse_yaml(path.read_text(encoding="utf-8"))
        priority = tuple(raw["priority"])
        rank = {m: i for i, m in enumerate(priority)}
        aux: dict[str, str] = {}
        marks: dict[str, str] = {}
        modifiers: dict[str, str] = {}
        governors: dict[str, str] = {}

        def put(table: dict[str, str], words: list[str], modality: str) -> None:
            for w in words or []:
                w = str(w).lower()
                if w not in table or rank[modality] < rank[table[w]]:
                    table[w] = modality

        for modality in priority:
            section = raw.get(modality) or {}
            put(aux, section.get("aux", []), modality)
            put(marks, section.get("marks", []), modality)
            put(modifiers, section.get("modifiers", []), modality)
            put(governors, section.get("governors", []) + section.get("heads", []), modality)
        neg = raw.get("negated") or {}
        future = raw.get("reported_future") or {}
        hypo = raw.get("hypothetical") or {}
        habit = raw.get("habitual") or {}

        def low(section: dict[str, Any], key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in section.get(key, []))

        return cls(
            priority=priority,
            neg_deps=frozenset(neg.get("deps", [])),
            neg_words=frozenset(str(w).lower() for w in neg.get("words", [])),
            aux=aux,
            marks=marks,
            modifiers=modifiers,
            governors=governors,
            future_aux=frozenset(str(w).lower() for w in future.get("aux", [])),
            reporters=frozenset(str(w).lower() for w in future.get("reporters", [])),
            capability=frozenset(str(w).lower() for w in (raw.get("hypothetical") or {}).get("capability", [])),
            going_to=frozenset(str(w).lower() for w in (raw.get("planned") or {}).get("going_to", [])),
            conditional_marks=low(hypo, "conditional_marks"),
            conditional_aux=low(hypo, "conditional_aux"),
            periods=low(habit, "periods"),
            period_words=low(habit, "period_words"),
        )

    def strongest(self, found: set[str]) -> str:
        """The highest-priority modality among those found, else asserted."""
        for m in self.priority:
            if m in found:
                return m
        return "asserted"


def _reported_future(tok: Token, cues: ModalityCues) -> bool:
    """'said it would send troops': the clause is reported by a past-tense verb and carries no condition."""
    head = tok.head
    if tok.dep_ != "ccomp" or head.tag_ != "VBD" or head.lemma_.lower() not in cues.reporters:
        return False
    return not any(c.dep_ in {"mark", "advcl"} and c.lower_ in cues.marks for c in tok.subtree)


def _has_condition(tok: Token, cues: ModalityCues) -> bool:
    """The verb carries an 'if'/'unless' clause: 'Japan will retaliate if Washington imposes sanctions'."""
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in cues.conditional_marks for g in c.children)
        for c in tok.children
    )


def conditional(trigger: Token, cues: ModalityCues, main_clause: bool = True) -> bool:
    """The trigger's clause is a condition ('if Washington imposes sanctions'), or (``main_clause``) the clause that
    depends on one with a modal ('Japan would retaliate if ...'): what it says is hypothetical, whoever reports it."""
    cur = trigger
    for _ in range(MAX_STEPS):
        if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in cur.children):
            return True
        if main_clause and _has_condition(cur, cues) and any(c.dep_ == "aux" and c.lower_ in cues.conditional_aux for c in cur.children):
            return True
        if cur.dep_ not in SAME_CLAUSE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _said_in_the_past(adjective: Token) -> bool:
    """'was able to resist', 'has been able to': the adjective's copula is past or perfect, or an
    auxiliary of its clause is past."""
    verb = adjective.head if adjective.dep_ == "acomp" else adjective
    return verb.tag_ in {"VBD", "VBN"} or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)


def _local(tok: Token, cues: ModalityCues, found: set[str], with_negation: bool) -> None:
    for child in tok.children:
        low = child.lower_
        if with_negation and (child.dep_ in cues.neg_deps or (child.dep_ == "det" and low == "no")):
            found.add("negated")
        elif child.dep_ in {"aux", "auxpass"} and low in cues.future_aux and _reported_future(tok, cues):
            found.add("planned")
        elif child.dep_ in {"aux", "auxpass"} and low in cues.aux:
            found.add(cues.aux[low])
        elif child.dep_ == "mark" and low in cues.marks:
            found.add(cues.marks[low])
        elif child.dep_ in {"amod", "compound", "advmod"} and child.lemma_.lower() in cues.modifiers:
            found.add(cues.modifiers[child.lemma_.lower()])
        elif child.dep_ == "npadvmod" and low in cues.periods and any(g.lower_ in cues.period_words for g in child.children):
            found.add("habitual")  # "meet every year", "twice a year"
    # "Japan will retaliate if Washington imposes sanctions": the main clause of a condition
    if _has_condition(tok, cues) and any(c.dep_ in {"aux", "auxpass"} and c.lower_ in cues.conditional_aux for c in tok.children):
        found.add("hypothetical")
    # "Spain is to send troops": "be" + "to" over the verb schedules it
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        found.add("planned")
    # "going to meet": the aux chain sits on the head ("going") which is itself a planned cue
    if tok.lower_ in cues.going_to and any(c.dep_ == "xcomp" for c in tok.children):
        found.add("planned")


def modality_of(trigger: Token, cues: ModalityCues, skip: frozenset[int] = frozenset()) -> str:
    """Walk from the trigger to the root collecting cues; ``skip`` holds governors already folded into the code."""
    found: set[str] = set()
    cur = trigger
    same_clause = True
    _local(cur, cues, found, with_negation=True)
    for _ in range(MAX_STEPS):
        head = cur.head
        if head.i == cur.i:
            break
        dep = cur.dep_
        if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            # "will meet Chun on Monday to discuss markets": a purpose is not yet done; it shares its head's plan,
            # and its habit ("meet every year to review the accord")
            purpose_of: set[str] = set()
            _local(head, cues, purpose_of, with_negation=False)
            found.add("habitual" if "habitual" in purpose_of else "planned")
            same_clause = False
            cur = head
            continue
        if dep not in GOVERNED_DEPS and dep != "conj":
            break  # a subject, an adverbial clause or an aside is not the content of the verb above it
        if dep == "conj":
            # "denied X and attacked Y": the first verb's meaning does not govern the second
            cur = head
            if same_clause:
                _local(cur, cues, found, with_negation=False)
            continue
        same_clause = same_clause and dep in SAME_CLAUSE_DEPS
        lemma = head.lemma_.lower()
        if head.i not in skip and lemma in cues.governors:
            found.add(cues.governors[lemma])
        elif lemma in cues.capability and not _said_in_the_past(head):
            found.add("hypothetical")
        if same_clause:
            _local(head, cues, found, with_negation=True)
        cur = head
    return cues.strongest(found)
