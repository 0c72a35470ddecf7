"""Actors: resolve people, organizations, countries and places to CAMEO actor codes.

PLACEHOLDER until the actors work lands: entities from spaCy's NER, uncoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Actor

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group", "LOC": "place"}


@dataclass(frozen=True, slots=True)
class ActorData:
    @classmethod
    def load(cls, nlp: Language) -> ActorData:
        return cls()


def extract_actors(doc: Doc, published: date | None, data: ActorData) -> list[Actor]:
    by_name: dict[str, list[tuple[int, int]]] = {}
    kinds: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ in _KIND:
            by_name.setdefault(ent.text, []).append((ent.start_char, ent.end_char))
            kinds.setdefault(ent.text, _KIND[ent.label_])
    return [
        Actor(id=f"a{i}", name=name, code=None, country=None, role=None, kind=kinds[name], mentions=tuple(spans))  # type: ignore[arg-type]
        for i, (name, spans) in enumerate(by_name.items())
    ]
