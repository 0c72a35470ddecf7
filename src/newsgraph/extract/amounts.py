"""Amounts: quantities with what they count. PLACEHOLDER until the amounts work lands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Actor, Amount, Quote, TimeExpression


@dataclass(frozen=True, slots=True)
class AmountData:
    @classmethod
    def load(cls, nlp: Language) -> AmountData:
        return cls()


def extract_amounts(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], dates: Sequence[TimeExpression], data: AmountData
) -> list[Amount]:
    return []
