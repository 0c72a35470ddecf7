"""Events: who did what to whom, CAMEO-coded. PLACEHOLDER until the events work lands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Actor, Claim, Event, Quote, TimeExpression


@dataclass(frozen=True, slots=True)
class EventData:
    @classmethod
    def load(cls, nlp: Language) -> EventData:
        return cls()


def extract_events(
    doc: Doc,
    actors: Sequence[Actor],
    quotes: Sequence[Quote],
    dates: Sequence[TimeExpression],
    claims: Sequence[Claim],
    published: date | None,
    data: EventData,
) -> list[Event]:
    return []
