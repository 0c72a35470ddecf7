"""Tone: GDELT-style word shares, on hand-built Docs and the packaged lexicon."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.extract.tone import DATA_FILE, ToneLexicon, extract_tone


def test_tone_shares_are_percent_of_words():
    doc = Doc(spacy.blank("en").vocab, words=["peace", "talks", "ended", "in", "war", ",", "war", "again", "."])
    tone = extract_tone(doc, ToneLexicon.from_words({"peace"}, {"war"}))
    # 7 words (punctuation is not a word): 1 positive, 2 negative
    assert tone.positive == pytest.approx(100 / 7, abs=1e-3)
    assert tone.negative == pytest.approx(200 / 7, abs=1e-3)
    assert tone.polarity == pytest.approx(-100 / 7, abs=1e-3)  # signed tone, GDELT's Tone


def test_tone_empty_document_is_neutral():
    tone = extract_tone(Doc(spacy.blank("en").vocab, words=[]), ToneLexicon.from_words({"good"}, {"bad"}))
    assert (tone.positive, tone.negative, tone.polarity) == (0.0, 0.0, 0.0)


def test_tone_lexicon_file_has_source_for_every_entry():
    text = resources.files("newsgraph.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) > 300
    assert all(r["source"] and r["polarity"] in ("positive", "negative") for r in rows)
    words = [r["word"] for r in rows]
    assert len(words) == len(set(words))


@pytest.mark.slow
def test_tone_seed_article_is_negative(nlp):
    seed = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"
    doc = nlp(seed.read_text(encoding="utf-8"))
    tone = extract_tone(doc, ToneLexicon.load(nlp))
    assert tone.negative > tone.positive > 0
    assert tone.polarity == pytest.approx(tone.positive - tone.negative, abs=1e-3)
    assert tone.polarity < 0
