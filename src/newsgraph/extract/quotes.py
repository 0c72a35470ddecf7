"""Quotes: direct and indirect speech with speakers. PLACEHOLDER until the quotes work lands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Actor, Quote


@dataclass(frozen=True, slots=True)
class QuoteCues:
    @classmethod
    def load(cls, nlp: Language) -> QuoteCues:
        return cls()


def extract_quotes(doc: Doc, actors: Sequence[Actor], cues: QuoteCues) -> list[Quote]:
    return []
