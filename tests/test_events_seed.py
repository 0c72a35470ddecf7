"""The seed article's events: criticism, the planned meeting, the demand, the threat, the offer to mediate."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.dates import DateRules, extract_dates
from newsgraph.extract.events import EventData, extract_events

SEED_DATE = date(2021, 12, 6)


@pytest.fixture(scope="module")
def seed(nlp):
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    actors = extract_actors(doc, SEED_DATE, ActorData.load(nlp))
    dates = extract_dates(doc, SEED_DATE, DateRules.load(nlp))
    events = extract_events(doc, actors, [], dates, [], SEED_DATE, EventData.load(nlp))
    codes = {a.id: a.code or "" for a in actors}
    return [(codes.get(e.source or "", ""), codes.get(e.target or "", ""), e) for e in events]


def test_events_seed_kremlin_criticizes_us(seed) -> None:
    assert any(s.startswith("RUS") and t.startswith("USA") and e.code == "111" and e.modality == "asserted" for s, t, e in seed)


def test_events_seed_planned_meeting_on_tuesday(seed) -> None:
    meetings = [e for s, t, e in seed if e.code.startswith("03") or e.code.startswith("04")]
    dated = [e for e in meetings if e.date == "2021-12-07"]
    assert dated and all(e.modality == "planned" for e in dated)


def test_events_seed_putin_demand_about_nato(seed) -> None:
    assert any(s == "RUSGOV" and t == "IGOWSTNAT" and e.code.startswith("10") for s, t, e in seed)


def test_events_seed_threatened_consequences_are_planned(seed) -> None:
    threats = [e for s, t, e in seed if e.code.startswith("13") and s.startswith("USA") and t.startswith("RUS")]
    assert any(e.code == "1312" and e.modality in {"planned", "hypothetical"} for e in threats)


def test_events_seed_us_offer_to_mediate(seed) -> None:
    assert any(s.startswith("USA") and e.code == "039" for s, t, e in seed)


def test_events_seed_no_invasion_or_attack_happened(seed) -> None:
    force = [e for s, t, e in seed if e.code[:2] in {"18", "19", "20"}]
    assert force  # the invasion is talked about ...
    assert all(e.modality != "asserted" for e in force)  # ... but never as having happened
