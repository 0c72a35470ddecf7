"""The seed article through the real pipeline: troop figures with their claimant, Moscow's
denial linked to the 175,000 figure, the Kremlin's denial, ages not counted.

These follow from general rules (reporting-verb subjects, relative-clause denials, age
appositions), checked here on the one article every part of newsgraph must handle.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extract import analyze_doc
from newsgraph.records import Analysis, Document

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"


@pytest.fixture(scope="module")
def seed(nlp, knowledge) -> Analysis:
    text = SEED.read_text(encoding="utf-8")
    return analyze_doc(nlp(text), Document(id="seed", text=text, published="2021-12-06"), knowledge)


def mentions(analysis: Analysis, actor_id: str | None) -> list[str]:
    actor = next((a for a in analysis.actors if a.id == actor_id), None)
    assert actor is not None, actor_id
    return [analysis.document.text[s:e] for s, e in actor.mentions]


def test_amounts_seed_troop_figures_carry_us_officials(seed):
    by_value = {a.value: a for a in seed.amounts}
    for value in (94000, 175000):
        a = by_value[value]
        assert a.unit == "troop"
        assert any("US" in m for m in mentions(seed, a.claimant)), (value, a.claimant)


def test_amounts_seed_ages_and_day_numbers_are_not_amounts(seed):
    texts = [a.text for a in seed.amounts]
    assert not any(t.strip() in ("71", "28", "6", "7") for t in texts), texts
    assert {"president", "leader"} <= {a.unit for a in seed.amounts if a.value == 2}


def test_claims_seed_moscow_disputes_175000(seed):
    hit = [c for c in seed.claims if c.amount == 175000 and c.disputed_by]
    assert len(hit) == 1
    claim = hit[0]
    assert any("Moscow" in m for d in claim.disputed_by for m in mentions(seed, d))
    troops = next(a for a in seed.amounts if a.value == 175000)
    assert claim.claimant == troops.claimant
    statement = seed.document.text[claim.statement.start : claim.statement.end]
    assert "175,000 troops" in statement and "denies" not in statement


def test_claims_seed_kremlin_denies_invasion(seed):
    text = seed.document.text
    hit = [c for c in seed.claims if c.disputed_by and "invasion" in text[c.statement.start : c.statement.end]]
    assert hit and any("Kremlin" in m for d in hit[0].disputed_by for m in mentions(seed, d))
