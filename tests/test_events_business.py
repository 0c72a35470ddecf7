"""Business news: ordinary acts of firms and markets get no political code, deals between firms stay events.

Every sentence was written for this file (names are made up). Actors are hand-coded, so the event coder alone is
tested: the `armed`, `receive:043` and carried constraints and the `traded` words of ``event-rules-*.yaml``.
"""

from __future__ import annotations

from datetime import date

import pytest

from hand_actors import coded_actors
from newsgraph.extract.events import EventData, extract_events
from newsgraph.records import Actor


@pytest.fixture(scope="module")
def data(nlp) -> EventData:
    return EventData.load(nlp)


def actors_for(text: str, firms: dict[str, str], states: dict[str, str]) -> list[Actor]:
    """Firms and groups as organizations with their role, countries as countries (ids unique across both)."""
    out = coded_actors(text, firms, kind="organization", with_role=True) + coded_actors(text, states)
    return [Actor(f"x{i}", a.name, a.code, a.country, a.role, a.kind, a.mentions) for i, a in enumerate(out)]


def coded(nlp, data, text: str, firms: dict[str, str], states: dict[str, str] | None = None) -> list[tuple[str, str | None, str | None]]:
    """(code, source name, target name) of every event."""
    actors = actors_for(text, firms, states or {})
    name = {a.id: a.name for a in actors}
    events = extract_events(nlp(text), actors, [], [], [], date(1987, 4, 1), data)
    return [(e.code, name.get(e.source or ""), name.get(e.target or "")) for e in events]


@pytest.mark.parametrize(
    ("text", "firms", "states"),
    [
        # a firm leaving a market retreats from no battlefield (PETRARCH's "withdraw ... from" is 0874)
        ("Holmfirth Motors withdrew from Chile last year.", {"Holmfirth Motors": "MNCGBR"}, {"Chile": "CHL"}),
        ("Holmfirth Motors said it will withdraw from Chile next year.", {"Holmfirth Motors": "MNCGBR"}, {"Chile": "CHL"}),
        # pulling funds out of shares is no retreat, and the shares' country is no party
        ("Danish pension funds will withdraw their money from Peruvian shares.", {"Danish pension funds": "DNKBUS"}, {"Peruvian": "PER"}),
        # trading that stops declares no ceasefire
        ("Trading on the Quito exchange ceased in May after Ecuador intervened.", {"Quito exchange": "ECUBUS"}, {"Ecuador": "ECU"}),
    ],
)
def test_events_business_no_military_retreat_or_ceasefire(nlp, data, text, firms, states) -> None:
    got = coded(nlp, data, text, firms, states)
    assert not [g for g in got if g[0].startswith("087") or g[0] == "0356"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chile withdrew its troops from Peru on Monday.", "0874"),
        ("Chile will withdraw its troops from Peru.", "0356"),
    ],
)
def test_events_business_armed_forces_still_retreat(nlp, data, text, code) -> None:
    got = coded(nlp, data, text, {}, {"Chile": "CHL", "Peru": "PER"})
    assert (code, "Chile", "Peru") in got


@pytest.mark.parametrize(
    "text",
    [
        # money received hosts no visitor: the announced 043 (036) keeps the sense of "receive"
        "Holmfirth Motors will receive 30 mln dlrs from the sale of its Chilean unit.",
        # issuing notes is no intent to cooperate with anyone: a plan keeps what PETRARCH's "issue" default needs
        "Holmfirth Motors plans to issue 200 mln Swiss francs of notes next month.",
        "Holmfirth Motors agreed to pay 40 dlrs a share for the remaining stock.",
    ],
)
def test_events_business_money_and_paper_are_no_political_act(nlp, data, text) -> None:
    assert coded(nlp, data, text, {"Holmfirth Motors": "MNCGBR"}, {"Chile": "CHL"}) == []


def test_events_business_a_visitor_is_still_received(nlp, data) -> None:
    got = coded(nlp, data, "The Chilean president will receive the Peruvian foreign minister.", {"Chilean president": "CHLGOV", "Peruvian foreign minister": "PERGOV"})
    assert [g[0] for g in got] == ["036"]


@pytest.mark.parametrize(
    "text",
    [
        "Danish pension funds bought Peruvian government bonds heavily in March.",
        "The slump of the Peruvian stock market stunned Danish pension funds.",
        "Danish pension funds resumed buying Peruvian shares.",
    ],
)
def test_events_business_a_security_or_market_is_no_party(nlp, data, text) -> None:
    got = coded(nlp, data, text, {"Danish pension funds": "DNKBUS"}, {"Peruvian": "PER"})
    assert not [g for g in got if "Peruvian" in (g[1], g[2])]


def test_events_business_a_deal_between_firms_stays(nlp, data) -> None:
    got = coded(
        nlp,
        data,
        "Holmfirth Motors signed an agreement with Kanagawa Precision to build engines.",
        {"Holmfirth Motors": "MNCGBR", "Kanagawa Precision": "MNCJPN"},
    )
    assert ("057", "Holmfirth Motors", "Kanagawa Precision") in got


def test_events_business_sanctions_on_a_countrys_goods_still_hit_it(nlp, data) -> None:
    got = coded(nlp, data, "Chile imposed tariffs on Peruvian electronics products.", {}, {"Chile": "CHL", "Peruvian": "PER"})
    assert ("163", "Chile", "Peruvian") in got
