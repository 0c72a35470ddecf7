"""Tone: GDELT-style document tone from a word list.

As in the GDELT GKG ``V2Tone`` field: ``positive`` and ``negative`` are the percentages of
all words found in the positive / negative list, and ``polarity`` is the signed tone,
``positive - negative`` (GDELT's Tone and AvgTone: below zero reads negative; the export,
the table view and the analytics read it so). GDELT's own "Polarity" (the share of
charged words) is ``positive + negative``. Words are matched by lower-cased form, then by
lemma, so "threatened" counts through "threaten".

The lexicon (``tone-lexicon-2026-11.csv``: word, polarity, source) is a small hand-curated
list of general-English evaluative words, its source stated per entry; no package in the
environment ships a sentiment lexicon with a compatible license.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_ALPHA
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.data_files import load_csv
from newsgraph.extract.doctext import token_words
from newsgraph.records import Tone

DATA_FILE = "tone-lexicon-2026-11.csv"


@dataclass(frozen=True, slots=True)
class ToneLexicon:
    """Positive and negative word lists, loaded once."""

    version: str
    positive: frozenset[str]
    negative: frozenset[str]

    @classmethod
    def load(cls, nlp: Language) -> ToneLexicon:
        """Read ``newsgraph/data/tone-lexicon-2026-11.csv``."""
        rows = load_csv(DATA_FILE)
        return cls(
            version=DATA_FILE.removeprefix("tone-lexicon-").removesuffix(".csv"),
            positive=frozenset(r["word"].lower() for r in rows if r["polarity"] == "positive"),
            negative=frozenset(r["word"].lower() for r in rows if r["polarity"] == "negative"),
        )

    @classmethod
    def from_words(cls, positive: set[str], negative: set[str]) -> ToneLexicon:
        """A lexicon from given word sets (tests, custom lists)."""
        return cls("custom", frozenset(positive), frozenset(negative))


def extract_tone(doc: Doc, lexicon: ToneLexicon) -> Tone:
    """Positive and negative percentages of all words, and the signed tone (positive - negative)."""
    words = pos = neg = 0
    alpha = doc.to_array(IS_ALPHA).tolist() if len(doc) else []
    for (low, lemma), is_alpha in zip(token_words(doc), alpha, strict=True):
        if not is_alpha:
            continue
        words += 1
        if low in lexicon.positive:
            pos += 1
        elif low in lexicon.negative:
            neg += 1
        else:
            pos += lemma in lexicon.positive
            neg += lemma in lexicon.negative
    if words == 0:
        return Tone()
    p, n = 100.0 * pos / words, 100.0 * neg / words
    return Tone(positive=round(p, 4), negative=round(n, 4), polarity=round(p - n, 4))
