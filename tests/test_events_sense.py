"""A CAMEO code needs an act of its kind, and modality its own clause's reading (issue 12).

Every sentence was written for this file. Actors are hand-coded (every occurrence of the name is a mention),
so the event coder alone is tested: the sense constraints and patterns of the data files, the conditional and
habitual cues of the modality file.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.events import EventData, extract_events
from hand_actors import coded_actors
from newsgraph.records import Actor


def actors_for(text: str, codes: dict[str, str]) -> list[Actor]:
    return coded_actors(text, codes)


@pytest.fixture(scope="module")
def data(nlp) -> EventData:
    return EventData.load(nlp)


def coded(nlp, data, text: str, codes: dict[str, str]) -> list[tuple[str, str | None, str | None, str]]:
    """(code, source name, target name, modality) of every event."""
    actors = actors_for(text, codes)
    name = {a.id: a.name for a in actors}
    events = extract_events(nlp(text), actors, [], [], [], date(2021, 12, 6), data)
    return [(e.code, name.get(e.source or ""), name.get(e.target or ""), e.modality) for e in events]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # who heads a company is no act between actors (PETRARCH's OVERSEE_MANAGE default is 060)
        ("Vandermeer Shipping is led by the Okafor family of Lagos.", {"Vandermeer Shipping": "NLDBUS", "Okafor family": "NGACVL"}),
        # appreciating a product praises nobody, even through "began to"
        ("Swedes have begun to appreciate Chilean wine.", {"Swedes": "SWECVL", "Chilean": "CHL"}),
        # continuing efforts is no cooperation
        ("The Thai cabinet will continue its efforts to widen domestic consumption.", {"Thai cabinet": "THAGOV"}),
        # causing and ranking are no intent to cooperate ("lead to", "leads X in")
        ("Expansion in Chile or Peru leads me to expect lower copper prices.", {"Chile": "CHL", "Peru": "PER"}),
        ("Chile leads Peru in copper output.", {"Chile": "CHL", "Peru": "PER"}),
        # a satellite launch attacks nobody
        ("India launched a weather satellite on Tuesday.", {"India": "IND"}),
        # cutting credit to one's own firms reduces no aid to another country
        ("Korea cut export credits to Korean shipyards.", {"Korea": "KOR", "Korean shipyards": "KORBUS"}),
    ],
)
def test_events_sense_no_act_of_the_kind(nlp, data, text: str, codes: dict[str, str]) -> None:
    assert coded(nlp, data, text, codes) == []


@pytest.mark.parametrize("text", ["India launched the Swift Strike rocket on Monday.", "China launched the Long March rocket on Monday."])
def test_events_sense_a_word_of_a_name_is_no_act(nlp, data, text: str) -> None:
    # a rocket called "Long March" or "Swift Strike" is no protest march and no strike
    got = coded(nlp, data, text, {"India": "IND", "China": "CHN"})
    assert not [g for g in got if g[0].startswith("14")]


def test_events_sense_appreciating_an_actors_help_is_praise(nlp, data) -> None:
    got = coded(nlp, data, "Peru appreciated the help of Chile.", {"Peru": "PER", "Chile": "CHL"})
    assert [g[0][:2] for g in got] == ["05"]


@pytest.mark.parametrize(
    ("text", "code", "target"),
    [
        ("The Kenyan envoy delivered a letter to Uganda.", "010", "Uganda"),
        ("The Kenyan envoy delivered a stern warning to Uganda.", "130", "Uganda"),
        ("Kenya withdrew its diplomats from Uganda.", "161", "Uganda"),
        ("Kenya entered into talks with Uganda.", "046", "Uganda"),
        ("The Kenyan envoy led a trade delegation to Uganda.", "042", "Uganda"),
        ("The Kenyan envoy delivered a protest note to Uganda.", "114", "Uganda"),
    ],
)
def test_events_sense_what_is_delivered_or_withdrawn_decides_the_code(nlp, data, text: str, code: str, target: str) -> None:
    got = coded(nlp, data, text, {"Kenya": "KEN", "Kenyan envoy": "KENGOV", "Uganda": "UGA"})
    assert [(g[0], g[2]) for g in got] == [(code, target)]


def test_events_sense_agreeing_with_a_view_is_a_statement(nlp, data) -> None:
    got = coded(nlp, data, "The Danish minister agreed with the Polish minister's assessment.",
                {"Danish minister": "DNKGOV", "Polish minister": "POLGOV"})
    assert [g[0] for g in got] == ["010"]


@pytest.mark.parametrize(
    "text",
    [
        "If Brazil imposes sanctions on Argentina, Argentina would expel its diplomats.",
        "Argentina said that if Brazil imposed sanctions on it, it would expel Brazilian diplomats.",
    ],
)
def test_events_modality_a_condition_is_hypothetical_even_when_reported(nlp, data, text: str) -> None:
    got = coded(nlp, data, text, {"Brazil": "BRA", "Argentina": "ARG", "Brazilian": "BRA"})
    assert got and all(g[3] == "hypothetical" for g in got)


def test_events_modality_a_negated_condition_is_no_refusal(nlp, data) -> None:
    got = coded(nlp, data, "If Chile did not accept the proposal, Peru would impose tariffs on Chile.", {"Chile": "CHL", "Peru": "PER"})
    assert got and all(g[3] == "hypothetical" for g in got)
    assert not any(g[0].startswith("12") and g[3] == "asserted" for g in got)


def test_events_modality_a_refusal_that_sets_a_condition_is_still_a_rejection(nlp, data) -> None:
    got = coded(nlp, data, "Chile will not accept the proposal unless Peru lifts its tariffs.", {"Chile": "CHL", "Peru": "PER"})
    assert [g[0][:2] for g in got if g[1] == "Chile"] == ["12"]


@pytest.mark.parametrize(
    "text",
    [
        "Officials of Norway and Sweden normally meet twice a year.",
        "Norwegian and Swedish officials meet every year to review the fishing accord.",
        "Norway usually consults Sweden before such votes.",
    ],
)
def test_events_modality_a_habit_is_no_event(nlp, data, text: str) -> None:
    assert coded(nlp, data, text, {"Norway": "NOR", "Sweden": "SWE", "Norwegian": "NOR", "Swedish": "SWE"}) == []


def test_events_modality_a_habitual_adverb_does_not_undo_a_plan(nlp, data) -> None:
    got = coded(nlp, data, "Ghana will buy 20,000 tonnes of cocoa annually from Ivory Coast.", {"Ghana": "GHA", "Ivory Coast": "CIV"})
    assert got and all(g[3] == "planned" for g in got)
