"""Modality on every event: a feared, denied, demanded or threatened attack never comes out as having happened."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.events import EventData, extract_events
from hand_actors import coded_actors
from newsgraph.records import Actor, Claim, Evidence, TimeExpression


def actors_for(text: str, codes: dict[str, str]) -> list[Actor]:
    return coded_actors(text, codes)


@pytest.fixture(scope="module")
def data(nlp) -> EventData:
    return EventData.load(nlp)


def modalities(nlp, data, text: str, codes: dict[str, str], root: str, claims: tuple[Claim, ...] = ()) -> list[str]:
    """Modalities of the events whose CAMEO root is ``root``."""
    events = extract_events(nlp(text), actors_for(text, codes), [], [], list(claims), date(2021, 12, 6), data)
    return [e.modality for e in events if e.code.startswith(root)]


RU_UA = {"Russia": "RUS", "Ukraine": "UKR"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine on Friday.", "asserted"),
        ("Russia did not attack Ukraine.", "negated"),
        ("Russia denied an imminent invasion of Ukraine.", "negated"),
        ("Britain warned of sanctions if Russia invades Ukraine.", "hypothetical"),
        ("Russia could invade Ukraine in January.", "hypothetical"),
        ("Fears of a Russian invasion of Ukraine grew.", "hypothetical"),
        ("Officials discussed a possible Russian offensive against Ukraine.", "hypothetical"),
        # a capability is not an event; in the past or perfect "able to" says it happened
        ("Russia is able to attack Ukraine at any moment.", "hypothetical"),
        ("Russia is capable of invading Ukraine.", "hypothetical"),
        ("Russia was able to attack Ukraine from the north.", "asserted"),
        ("Russia has been able to attack Ukraine from the north.", "asserted"),
    ],
)
def test_events_modality_of_force(nlp, data, text: str, expected: str) -> None:
    codes = {**RU_UA, "Russian": "RUS", "Britain": "GBR"}
    codes = {k: v for k, v in codes.items() if k in text}
    got = modalities(nlp, data, text, codes, "19")
    assert got and set(got) == {expected}, got


def test_events_modality_planned_meeting_is_an_intent_to_meet(nlp, data) -> None:
    text = "Putin will meet Biden on Tuesday."
    events = extract_events(nlp(text), actors_for(text, {"Putin": "RUSGOV", "Biden": "USAGOV"}), [], [], [], None, data)
    assert {(e.code, e.modality) for e in events} == {("036", "planned")}


def test_events_modality_demanded_inside_a_demand(nlp, data) -> None:
    text = "Russia demands assurances that NATO will not expand toward Ukraine."
    events = extract_events(nlp(text), actors_for(text, {"Russia": "RUS", "NATO": "IGOWSTNAT", "Ukraine": "UKR"}), [], [], [], None, data)
    demand = [e for e in events if e.code.startswith("10")]
    inner = [e for e in events if not e.code.startswith("10")]
    assert demand and demand[0].modality == "asserted"
    assert inner and {e.modality for e in inner} == {"demanded"}


def test_events_modality_reported_inside_a_disputed_claim(nlp, data) -> None:
    text = "Ukraine said Russia shelled Kharkiv, which Moscow denies."
    start, end = text.index("Russia"), text.index("Kharkiv") + len("Kharkiv")
    claim = Claim(statement=Evidence(start, end), claimant="a0", disputed_by=("a2",))
    codes = {"Ukraine": "UKR", "Russia": "RUS", "Moscow": "RUSGOV", "Kharkiv": "UKR"}
    assert set(modalities(nlp, data, text, codes, "19", (claim,))) == {"reported"}
    # issue 12: content under "X said" is X's claim even when nobody disputes it
    assert set(modalities(nlp, data, text, codes, "19")) == {"reported"}
    plain = "Russia shelled Kharkiv, which Moscow denies."
    assert set(modalities(nlp, data, plain, codes, "19")) == {"asserted"}


def test_events_obligation_in_reported_speech_is_a_demand(nlp, data) -> None:
    text = "Russia said on Tuesday that Sudan must return the helicopter."
    events = extract_events(nlp(text), actors_for(text, {"Russia": "RUS", "Sudan": "SDN"}), [], [], [], None, data)
    demands = [e for e in events if e.code.startswith("10")]
    assert demands and (demands[0].source, demands[0].target, demands[0].modality) == ("a0", "a1", "asserted")
    assert {e.modality for e in events if e.source == "a1"} == {"demanded"}


def test_events_obligation_on_the_speakers_own_side_is_a_plan(nlp, data) -> None:
    text = "A Russian official said Moscow must warn Kyiv of sanctions."
    codes = {"Russian": "RUS", "Moscow": "RUSGOV", "Kyiv": "UKRGOV"}
    events = extract_events(nlp(text), actors_for(text, codes), [], [], [], None, data)
    assert not any(e.code.startswith("10") for e in events)
    assert {e.modality for e in events if e.code.startswith("13")} == {"planned"}


def test_events_modality_the_disputers_own_denial_is_not_reported(nlp, data) -> None:
    text = "Ukraine said Russia shelled Kharkiv, which Moscow denies."
    start = text.index("Russia")
    claim = Claim(statement=Evidence(start, len(text) - 1), claimant="a0", disputed_by=("a2",))
    codes = {"Ukraine": "UKR", "Russia": "RUS", "Moscow": "RUSGOV", "Kharkiv": "UKR"}
    events = extract_events(nlp(text), actors_for(text, codes), [], [], [claim], None, data)
    assert {e.modality for e in events if e.code.startswith("19")} == {"reported"}
    assert {e.modality for e in events if e.source == "a2"} == {"asserted"}


def test_events_dated_by_a_week_take_the_week(nlp, data) -> None:
    # "last week offered": the offer happened in the week before publication, not on its day
    text = "Turkey last week offered to mediate between Russia and Ukraine."
    codes = {"Turkey": "TUR", "Russia": "RUS", "Ukraine": "UKR"}
    doc = nlp(text)
    week = TimeExpression("last week", 7, 16, "DATE", "2021-W48")
    events = extract_events(doc, actors_for(text, codes), [], [week], [], date(2021, 12, 6), data)
    assert events and {e.date for e in events} == {"2021-W48"}


@pytest.mark.parametrize("text", ["Chile is going to attack Peru next week.", "Chile is gonna attack Peru next week."])
def test_events_modality_going_to_plans_from_the_cue_file(nlp, data, text: str) -> None:
    assert data.cues.going_to == {"going", "gon"}  # modality-cues: planned.going_to
    got = modalities(nlp, data, text, {"Chile": "CHL", "Peru": "PER"}, "19")
    assert got and set(got) == {"planned"}, got
