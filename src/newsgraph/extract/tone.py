"""Tone: GDELT-style document tone from a word list.

As in the GDELT GKG ``V2Tone`` field: ``positive`` and ``negative`` are the percentages of
all words found in the positive / negative list, and ``polarity`` is the percentage of
words found in either list (how emotionally charged the text is). GDELT's signed Tone is
``positive - negative``. Words are matched by lower-cased form, then by lemma, so
"threatened" counts through "threaten".

The lexicon (``tone-lexicon-2026-11.csv``: word, polarity, source) is a small hand-curated
list of general-English evaluative words, its source stated per entry; no package in the
environment ships a sentiment lexicon with a compatible license.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

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
        text = resources.files("newsgraph.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
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
    """Positive, negative and charged-word percentages of all words in the document."""
    words = pos = neg = 0
    for tok in doc:
        if not tok.is_alpha:
            continue
        words += 1
        low = tok.lower_
        if low in lexicon.positive:
            pos += 1
        elif low in lexicon.negative:
            neg += 1
        else:
            lemma = tok.lemma_.lower()
            pos += lemma in lexicon.positive
            neg += lemma in lexicon.negative
    if words == 0:
        return Tone()
    p, n = 100.0 * pos / words, 100.0 * neg / words
    return Tone(positive=round(p, 4), negative=round(n, 4), polarity=round(p + n, 4))
