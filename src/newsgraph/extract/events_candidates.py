"""The event coder's intermediate records: a coded trigger with its roles, and a codebook entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One CAMEO event code: its name, Goldstein value and quad class."""

    label: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A coded trigger with its roles, before it becomes one Event per actor pair."""

    trigger: int
    code: str
    reverse_code: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    modality: str
    date: str | None
    depth: int  # distance of the trigger from its sentence root (main clause = 0)
    first_person: bool  # the subject is "I"/"we": inside a quote, the speaker is the source
    start: int  # evidence character span
    end: int
    basis: str = "own_default"  # the evidence kind that chose the code (the confidence formula's base)
    lemma: str = ""
    noun: bool = False
    reporter: int = -1  # token of the verb that reports the trigger's clause, -1 when none
    located: tuple[str, ...] = ()  # actors named only as where the act happens ("in Paris")
    object_ok: bool = True  # the direct object satisfies a person_object constraint
    actor_ok: bool = True  # the direct object satisfies an actor_object constraint
    reported_condition: bool = False  # a reporter's clause states another side's condition: kept hypothetical
    act_lemma: str = ""  # a frame's folded complement ("began to *appreciate*"): its lemma's constraints hold too
    act_code: str = ""  # the code of the act a frame or an announcement carries ("plans to *issue*" 060, "will withdraw" 0874)
    act_basis: str = ""  # that act's evidence kind: the constraints ``EventRules.carried_needs`` keeps of it
    armed_ok: bool = True  # armed forces take part, or a state withdraws (the `armed` constraint)
    indirect_target: bool = False  # the targets came from a fallback, not the trigger's object or preposition
    pronoun_source: bool = False  # the source is a pronoun resolved to an actor
    agentless: bool = False  # a passive without agent, a noun, or a weapon as subject: the source may be unknown
    coordinated: bool = False  # the subject is a coordination ("X and Y"): it may act mutually
    mutual_act: bool = False  # the verb's object names an act done together ("held talks"), as a mutual verb does
