"""Robustness: any mix of quotation marks and text parses to quotes inside the text, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.extract.quotes_marks import find_passages

pytestmark = pytest.mark.slow

_PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", "«", "»", "''", "'", "\n\n", ", ", ". ", ": ", "said ", "he ", "Putin ",
     "the minister ", "according to ", "NATO ", "we will ", "don’t ", "For Moscow, ", "claims that ", "x"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_quotes_robust_passages_stay_in_their_paragraph(text: str) -> None:
    for p in find_passages(text):
        assert 0 <= p.start < p.end <= len(text)
        assert "\n" not in text[p.start : p.end]


@pytest.fixture(scope="module")
def cues(nlp) -> QuoteCues:
    return QuoteCues.load(nlp)


@given(_TEXTS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_quotes_robust_extract_never_crashes(nlp, cues, text: str) -> None:
    doc = nlp(text)
    for q in extract_quotes(doc, (), cues):
        assert 0 <= q.start < q.end <= len(text)
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span[0] < q.speaker_span[1] <= len(text)
        if q.cue_span is not None:
            assert text[q.cue_span[0] : q.cue_span[1]] == q.cue
