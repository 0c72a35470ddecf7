"""Function words several stages share: number words, articles, pronouns, auxiliaries.

Read once from ``function-words-2026-12.yaml`` into ``FunctionWords``, which ``Knowledge``
holds and hands to the stages that read it (as spaCy keeps its number words in
``lang/en/lex_attrs.py``, not in the components).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.data_files import load_yaml

DATA_FILE = "function-words-2026-12.yaml"


@dataclass(frozen=True, slots=True)
class Pronoun:
    """One personal pronoun form and the grammatical features it carries."""

    word: str
    person: int
    number: str  # singular | plural | any
    cases: frozenset[str]  # subject | object | possessive | possessive-pronoun | reflexive
    gender: str | None = None  # masculine | feminine | neuter (third person singular)


@dataclass(frozen=True, slots=True)
class Demonstrative:
    """A demonstrative ('this', 'those') with its distance and number."""

    word: str
    distance: str  # near | far
    number: str  # singular | plural


@dataclass(frozen=True, slots=True)
class FunctionWords:
    """The shared closed-class words, loaded once per process."""

    version: str
    cardinals: dict[str, dict[str, int]]  # group ('ones', 'teens', ...) -> word -> value
    indefinite_articles: frozenset[str]
    definite_articles: frozenset[str]
    demonstratives: tuple[Demonstrative, ...]
    pronouns: tuple[Pronoun, ...]
    relative_pronouns: dict[str, str]  # word -> what it refers back to: person | thing | any | none
    complementizers: frozenset[str]
    negations: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    past_perfect_auxiliaries: frozenset[str]
    infinitive_markers: frozenset[str]

    @classmethod
    def load(cls, data: dict[str, Any] | None = None) -> FunctionWords:
        """Read ``newsgraph/data/function-words-2026-12.yaml`` (or ``data`` of the same shape)."""
        raw = load_yaml(DATA_FILE) if data is None else data
        cardinals = {
            group: {str(w): int(v) for w, v in table.items()}
            for group, table in raw["cardinals"].items()
            if group != "source"
        }
        aux = raw["auxiliaries"]
        return cls(
            version=str(raw["version"]),
            cardinals=cardinals,
            indefinite_articles=frozenset(raw["articles"]["indefinite"]),
            definite_articles=frozenset(raw["articles"]["definite"]),
            demonstratives=tuple(
                Demonstrative(e["word"], e["distance"], e["number"]) for e in raw["demonstratives"]["entries"]
            ),
            pronouns=tuple(
                Pronoun(e["word"], int(e["person"]), e["number"], frozenset(e["case"]), e.get("gender"))
                for e in raw["pronouns"]["entries"]
            ),
            relative_pronouns={str(w): str(k) for w, k in raw["relative_pronouns"]["entries"].items()},
            complementizers=frozenset(raw["complementizers"]["words"]),
            negations=frozenset(raw["negations"]["words"]),
            perfect_auxiliaries=frozenset(aux["perfect"]),
            past_perfect_auxiliaries=frozenset(aux["past_perfect"]),
            infinitive_markers=frozenset(aux["infinitive_marker"]),
        )

    def numbers(self, groups: Iterable[str]) -> dict[str, int]:
        """The number words of the named cardinal groups ('ones', 'teens', 'tens', ...) with their values."""
        out: dict[str, int] = {}
        for group in groups:
            if group not in self.cardinals:
                raise ValueError(f"unknown cardinal group {group!r} (function words have {sorted(self.cardinals)})")
            out.update(self.cardinals[group])
        return out

    def pronoun_words(
        self,
        *,
        person: int | None = None,
        number: str | None = None,
        gender: str | None = None,
        case: str | None = None,
    ) -> frozenset[str]:
        """Personal pronoun forms with all the given features ('it': person 3, neuter, subject)."""
        return frozenset(
            p.word
            for p in self.pronouns
            if (person is None or p.person == person)
            and (number is None or p.number == number)
            and (gender is None or p.gender == gender)
            and (case is None or case in p.cases)
        )

    def demonstrative_words(self, *, distance: str | None = None, number: str | None = None) -> frozenset[str]:
        """Demonstratives with the given distance and number ('this', 'that': singular)."""
        return frozenset(
            d.word
            for d in self.demonstratives
            if (distance is None or d.distance == distance) and (number is None or d.number == number)
        )

    def relatives(self, *refers_to: str) -> frozenset[str]:
        """Relative pronouns that refer back to any of the given kinds ('thing', 'any', 'none', 'person')."""
        return frozenset(w for w, kind in self.relative_pronouns.items() if kind in refers_to)
