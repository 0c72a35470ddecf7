"""Amounts and claims never crash and always point at their own text, whatever the input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.extract.amounts import AmountData, extract_amounts, gkg_amounts
from newsgraph.extract.claims import ClaimData, extract_claims
from newsgraph.records import Actor

pytestmark = pytest.mark.slow

WORDS = [
    "94,000", "troops", "$", "1.5", "billion", "%", "pct", "dlrs", "mln", "two", "twenty", "-", "five", "to",
    "hundreds", "of", "about", "at", "least", "71", ",", ".", "(", ")", "Monday", "March", "19", "1/2", "41-1/4",
    "denied", "that", "Moscow", "which", "denies", "said", "the", "claims", "false", "were", "exaggerated", "\n",
    "\n\n", "  ", "No.", "1", "G-20", "one", "a", "million", "people", "Reuters", "crore", "Rs", "half", "thirds",
]


@pytest.fixture(scope="module")
def data(nlp) -> tuple[AmountData, ClaimData]:
    claims = ClaimData.load(nlp)
    return claims.amounts, claims


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS), max_size=40))
def test_amounts_spans_point_at_their_text(nlp, data, words):
    text = " ".join(words)
    doc = nlp(text)
    spans = [(t.idx, t.idx + len(t)) for t in doc if t.text in ("Moscow", "Reuters")]
    actors = [Actor(id="a0", name="Moscow", code=None, country=None, role=None, kind="country", mentions=tuple(spans))]
    amounts = extract_amounts(doc, actors, [], [], data[0])
    for a in amounts:
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start : a.end] == a.text
        assert a.value is None or a.value >= 0
    claims = extract_claims(doc, actors, [], amounts, data[1])
    for c in claims:
        assert 0 <= c.statement.start <= c.statement.end <= len(text)
        assert set(c.disputed_by) <= {"a0"} and c.claimant in (None, "a0")
    assert gkg_amounts(amounts).count(";") == sum(a.unit != "percent" and a.value is not None for a in amounts)
