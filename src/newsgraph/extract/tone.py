"""Tone: positive and negative word shares. PLACEHOLDER until the tone work lands."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Tone


@dataclass(frozen=True, slots=True)
class ToneLexicon:
    @classmethod
    def load(cls, nlp: Language) -> ToneLexicon:
        return cls()


def extract_tone(doc: Doc, lexicon: ToneLexicon) -> Tone:
    return Tone()
