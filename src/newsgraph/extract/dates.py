"""Dates: temporal expressions normalized to TIMEX3. PLACEHOLDER until the dates work lands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import TimeExpression


@dataclass(frozen=True, slots=True)
class DateRules:
    @classmethod
    def load(cls, nlp: Language) -> DateRules:
        return cls()


def extract_dates(doc: Doc, published: date | None, rules: DateRules) -> list[TimeExpression]:
    return [
        TimeExpression(text=e.text, start=e.start_char, end=e.end_char, type="DATE", value=None)
        for e in doc.ents
        if e.label_ == "DATE"
    ]
