"""Claims: attributed statements and who disputes them. PLACEHOLDER until the claims work lands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Actor, Amount, Claim, Quote


@dataclass(frozen=True, slots=True)
class ClaimData:
    @classmethod
    def load(cls, nlp: Language) -> ClaimData:
        return cls()


def extract_claims(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], amounts: Sequence[Amount], data: ClaimData
) -> list[Claim]:
    return []
