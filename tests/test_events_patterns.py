"""Event codes per pattern family, roles from the parse, on short hand-written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.events import EventData, extract_events
from hand_actors import coded_actors
from newsgraph.records import Actor, Event


def actors_for(text: str, codes: dict[str, str]) -> list[Actor]:
    return coded_actors(text, codes, "organization", with_role=True)


@pytest.fixture(scope="module")
def data(nlp) -> EventData:
    return EventData.load(nlp)


def code_events(nlp, data: EventData, text: str, codes: dict[str, str]) -> list[tuple[str | None, str | None, str, str]]:
    doc = nlp(text)
    actors = actors_for(text, codes)
    names = {a.id: a.name for a in actors}
    events: list[Event] = extract_events(doc, actors, [], [], [], date(2021, 12, 6), data)
    return [(names.get(e.source or ""), names.get(e.target or ""), e.code, e.modality) for e in events]


def test_events_criticize_by_evaluative_call(nlp, data) -> None:
    got = code_events(nlp, data, "The Kremlin called its relations with Washington deplorable.", {"Kremlin": "RUSGOV", "Washington": "USAGOV"})
    assert ("Kremlin", "Washington", "111", "asserted") in got


def test_events_criticize_verb(nlp, data) -> None:
    got = code_events(nlp, data, "France condemned Iran over the arrests.", {"France": "FRA", "Iran": "IRN"})
    assert [g[:3] for g in got if g[2].startswith("11")] == [("France", "Iran", "111")]


def test_events_demand_keeps_its_family(nlp, data) -> None:
    got = code_events(nlp, data, "Putin demanded security guarantees from NATO.", {"Putin": "RUSGOV", "NATO": "IGOWSTNAT"})
    assert any(s == "Putin" and c.startswith("10") for s, _, c, _ in got), got


def test_events_threat_of_sanctions(nlp, data) -> None:
    got = code_events(nlp, data, "Washington warned Moscow of severe economic sanctions.", {"Washington": "USAGOV", "Moscow": "RUSGOV"})
    assert ("Washington", "Moscow", "1312", "asserted") in got


def test_events_offer_to_mediate_is_intent_to_mediate(nlp, data) -> None:
    got = code_events(nlp, data, "Turkey offered to mediate between Armenia and Azerbaijan.", {"Turkey": "TUR", "Armenia": "ARM", "Azerbaijan": "AZE"})
    assert {("Turkey", "Armenia", "039"), ("Turkey", "Azerbaijan", "039")} <= {g[:3] for g in got}
    assert not any(c == "045" for _, _, c, _ in got)  # the complement is folded into the offer


def test_events_visit_gives_the_reverse_host_event(nlp, data) -> None:
    got = {g[:3] for g in code_events(nlp, data, "Modi visited Japan on Monday.", {"Modi": "INDGOV", "Japan": "JPN"})}
    assert {("Modi", "Japan", "042"), ("Japan", "Modi", "043")} <= got


def test_events_compound_subject_gives_one_event_per_pair(nlp, data) -> None:
    got = {g[:2] for g in code_events(nlp, data, "Russia and China criticized Japan.", {"Russia": "RUS", "China": "CHN", "Japan": "JPN"})}
    assert {("Russia", "Japan"), ("China", "Japan")} <= got


def test_events_passive_agent_is_the_source(nlp, data) -> None:
    got = code_events(nlp, data, "Israel was condemned by Turkey on Friday.", {"Israel": "ISR", "Turkey": "TUR"})
    assert ("Turkey", "Israel", "111", "asserted") in got


def test_events_noun_meeting_between_two_actors(nlp, data) -> None:
    got = code_events(nlp, data, "Analysts discussed the meeting between Macron and Scholz.", {"Macron": "FRAGOV", "Scholz": "DEUGOV"})
    assert any(s == "Macron" and t == "Scholz" and c.startswith("04") for s, t, c, _ in got), got


def test_events_noun_without_actors_is_not_coded(nlp, data) -> None:
    assert code_events(nlp, data, "The meeting lasted two hours.", {}) == []


def test_events_date_from_the_governing_time_expression(nlp, data) -> None:
    from newsgraph.records import TimeExpression

    text = "Putin met Biden on Tuesday."
    doc = nlp(text)
    start = text.index("Tuesday")
    tx = TimeExpression("Tuesday", start, start + 7, "DATE", "2021-12-07")
    actors = actors_for(text, {"Putin": "RUSGOV", "Biden": "USAGOV"})
    with_date = extract_events(doc, actors, [], [tx], [], date(2021, 12, 6), data)
    without = extract_events(doc, actors, [], [], [], date(2021, 12, 6), data)
    assert with_date and {e.date for e in with_date} == {"2021-12-07"}
    assert {e.date for e in without} == {"2021-12-06"}
    assert all(text[e.evidence.start : e.evidence.end].startswith("Putin") for e in with_date)


def test_events_target_is_the_other_country_of_a_relation(nlp, data) -> None:
    text = "Relations between Russia and the United States were called deplorable by the Kremlin."
    got = code_events(nlp, data, text, {"Russia": "RUS", "United States": "USA", "Kremlin": "RUSGOV"})
    assert ("Kremlin", "United States", "111", "asserted") in got
    assert not any(s == "Kremlin" and t == "Russia" for s, t, _, _ in got)


def test_events_two_leaders_refer_to_the_last_coordinated_pair(nlp, data) -> None:
    text = "Analysts expect a summit of Putin and Biden. The two presidents will meet on Tuesday."
    got = {g[:2] for g in code_events(nlp, data, text, {"Putin": "RUSGOV", "Biden": "USAGOV"}) if g[2].startswith("03")}
    assert {("Putin", "Biden"), ("Biden", "Putin")} <= got


ARM_AZE = {"Armenia": "ARM", "Azerbaijan": "AZE"}


@pytest.mark.parametrize(
    ("text", "codes", "expected"),
    [
        # PETRARCH files "resist" with "deny" and "refuse", whose "deny ... attack" pattern read
        # resisting an attack as denying responsibility (016)
        ("Armenia resisted Azerbaijan's attacks near the border.", ARM_AZE, ("Armenia", "Azerbaijan", "190")),
        ("Armenia was able to resist the Azerbaijani offensive.", {"Armenia": "ARM", "Azerbaijani": "AZE"},
         ("Armenia", "Azerbaijani", "190")),
        ("Armenia resisted pressure from Azerbaijan to reopen the corridor.", ARM_AZE, ("Armenia", "Azerbaijan", "120")),
    ],
)
def test_events_resisting_an_attack_is_force_and_resisting_pressure_a_rejection(nlp, data, text, codes, expected) -> None:
    got = code_events(nlp, data, text, codes)
    assert expected in {g[:3] for g in got}, got
    assert not any(c == "016" for _, _, c, _ in got), got


def test_events_a_name_and_its_apposition_are_one_actor(nlp, data) -> None:
    # the model parses this apposition as a second subject of "vowed": that is not a second
    # actor, so there is no event between the name and its own title
    text = "Ban Ki-moon, the secretary general of the United Nations, vowed to act."
    got = code_events(nlp, data, text, {"Ban Ki-moon": "IGOUNOGOV", "United Nations": "IGOUNO"})
    assert got and all(target is None for _, target, _, _ in got), got


def test_events_a_name_the_parser_made_adverbial_right_after_the_verb_is_the_target(nlp, data) -> None:
    # the model attaches "Washington" to "criticized" as npadvmod (like "Monday"), not dobj
    text = "Dmitry Peskov, the Kremlin spokesman, criticized Washington."
    got = code_events(nlp, data, text, {"Dmitry Peskov": "RUSGOV", "Washington": "USAGOV"})
    assert ("Dmitry Peskov", "Washington", "111") in {g[:3] for g in got}, got
