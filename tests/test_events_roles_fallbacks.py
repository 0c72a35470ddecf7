"""Event roles when the trigger's own subject is missing, and codes taken from CAMEO labels (hand-written sentences)."""

from __future__ import annotations

from newsgraph.extract.actors import extract_actors
from newsgraph.extract.events import extract_events


def events_of(nlp, knowledge, text: str) -> list[tuple[str, str, str, str]]:
    """(source code, target code, event code, modality) of every event the packaged coders find."""
    doc = nlp(text)
    actors = extract_actors(doc, None, knowledge.actors)
    codes = {a.id: a.code or "" for a in actors}
    events = extract_events(doc, actors, [], [], [], None, knowledge.events)
    return [(codes.get(e.source or "", ""), codes.get(e.target or "", ""), e.code, e.modality) for e in events]


def test_events_roles_clausal_subject_takes_the_speaker(nlp, knowledge):
    text = "Canadian officials said that lifting the sanctions on Cuba is out of the question."
    found = events_of(nlp, knowledge, text)
    assert any(s.startswith("CAN") and c.startswith("08") for s, t, c, m in found)
    assert not any(s.startswith("CUB") for s, t, c, m in found)


def test_events_roles_stative_participle_holder_is_source(nlp, knowledge):
    # "has been engaged" is a passive in form: its subject still holds the talks, which the light verb carries
    found = events_of(nlp, knowledge, "Norway has been engaged in talks with Sweden.")
    assert ("NOR", "SWE", "046", "asserted") in found
    assert not any(c.startswith("19") for s, t, c, m in found)


def test_events_roles_stance_adjective_is_a_comment(nlp, knowledge):
    text = "The Egyptian foreign minister said he was pessimistic about the talks with Israel."
    found = events_of(nlp, knowledge, text)
    assert any(s.startswith("EGY") and c == "012" for s, t, c, m in found)
    found = events_of(nlp, knowledge, "The Kenyan president said he was optimistic about relations with Ethiopia.")
    assert any(s.startswith("KEN") and c == "013" for s, t, c, m in found)


def test_events_roles_obligation_without_coded_verb_is_a_demand(nlp, knowledge):
    found = events_of(nlp, knowledge, "The Canadian government declared that Brazil must lower its tariffs.")
    assert any(s.startswith("CAN") and t.startswith("BRA") and c.startswith("10") for s, t, c, m in found)


def test_events_roles_intent_to_coerce_is_a_threat(nlp, knowledge):
    found = events_of(nlp, knowledge, "The Kenyan government is prepared to impose martial law in the region.")
    assert any(s.startswith("KEN") and c.startswith("13") for s, t, c, m in found)
    assert not any(c.startswith("17") for s, t, c, m in found)


def test_events_roles_possessive_pronoun_subject(nlp, knowledge):
    found = events_of(nlp, knowledge, "Chad said on Tuesday its forces had attacked rebels in Sudan.")
    assert any(s.startswith("TCD") and c.startswith("19") for s, t, c, m in found)


def test_events_label_codes_for_coarse_verbs(nlp, knowledge):
    found = events_of(nlp, knowledge, "Peru expelled the inspectors of the International Atomic Energy Agency.")
    assert any(s.startswith("PER") and c == "1662" for s, t, c, m in found)
    found = events_of(nlp, knowledge, "Ghana rejected accusations by Togo that it had armed the rebels.")
    assert any(s.startswith("GHA") and c == "016" for s, t, c, m in found)
    found = events_of(nlp, knowledge, "Mali declined to comment on the French report.")
    assert any(s.startswith("MLI") and c == "011" for s, t, c, m in found)


def test_events_modality_would_under_a_past_report_is_planned(nlp, knowledge):
    found = events_of(nlp, knowledge, "Chile said on Friday it would send troops to Peru.")
    assert any(s.startswith("CHL") and m == "planned" for s, t, c, m in found)
    found = events_of(nlp, knowledge, "Chile said it would send troops to Peru if the talks failed.")
    assert not any(s.startswith("CHL") and m == "planned" and c != "010" for s, t, c, m in found)


def test_events_roles_agentless_arrest_is_the_place_state(nlp, knowledge):
    found = events_of(nlp, knowledge, "A Canadian journalist was arrested in Egypt on Monday.")
    assert any(s == "EGY" and t.startswith("CAN") and c.startswith("17") for s, t, c, m in found)
    found = events_of(nlp, knowledge, "A Canadian journalist was arrested in Egypt by Libyan agents.")
    assert not any(s == "EGY" for s, t, c, m in found)


def test_events_roles_noun_target_inside_its_phrase(nlp, knowledge):
    found = events_of(nlp, knowledge, "Spain announced a suspension of air links with Morocco on Tuesday.")
    assert any(s.startswith("ESP") and t.startswith("MAR") and c.startswith("16") for s, t, c, m in found)
