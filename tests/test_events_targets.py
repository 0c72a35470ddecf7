"""Event targets: the actor acted upon, or none (issue 12; every sentence written for this file).

A target is the one the act is done to or the statement is addressed to. An actor named only in
what is said, in a clause about the object, in a reporter's question, or as the place left is no
target: none is better than a wrong one. Events are (CAMEO root, source country, target country,
modality) as in ``test_events_probes``; ``"*"`` is anything, ``None`` no actor.
"""

from __future__ import annotations

import pytest

from test_events_probes import Probe, _fits, coded

CASES: list[tuple[str, list[Probe], list[Probe]]] = [
    # a statement is addressed through "to", a statement noun's "to", or an audience's members
    ("The Mexican foreign ministry said in a letter to the United Nations that the border was calm.",
     [("01", "MEX", "IGO", "asserted")], []),
    ("The Canadian trade minister told an audience of the European Parliament that tariffs would fall.",
     [("01", "CAN", "IGO", "asserted")], []),
    ("The Greek minister told Turkey that the talks were over.", [("01", "GRC", "TUR", "asserted")], []),
    ("The Greek minister told reporters that the talks with Turkey were over.",
     [("01", "GRC", None, "asserted")], [("01", "GRC", "TUR", "*")]),
    # ... or by the speaking that frames the statement: a participle, a first verb sharing its subject, a speech
    ("Addressing a session of the Indian parliament, the Nepali prime minister said trade would grow.",
     [("01", "NPL", "IND", "asserted")], []),
    ("The Nepali prime minister addressed the Indian parliament and said trade would grow.",
     [("01", "NPL", "IND", "asserted")], []),
    ("The Nepali prime minister, in a speech to the Indian parliament, said trade would grow.",
     [("01", "NPL", "IND", "asserted")], []),
    ("Speaking to reporters in Kathmandu, the Nepali prime minister said trade would grow.",
     [("01", "NPL", None, "asserted")], []),
    # a declined comment is addressed, never aimed at its topic
    ("Nepal refused to comment on India.", [("01", "NPL", None, "asserted")], [("01", "NPL", "IND", "*")]),
    ("Nepal refused to respond to a demand from the Indian prime minister.", [("01", "NPL", "IND", "asserted")], []),
    # an actor in a clause of its own inside the object is what that clause is about
    ("Spain protested about a spy ring that had come to light at the French embassy.",
     [("11", "ESP", None, "asserted")], [("11", "ESP", "FRA", "*")]),
    ("Chile imposed new tariffs on steel after it said that Peru was dumping it.",
     [("16", "CHL", None, "asserted")], [("16", "CHL", "PER", "*")]),
    ("Norway denied reports that its navy had fired on a Russian trawler.", [], [("01", "NOR", "RUS", "*")]),
    ("Spain criticised the amount of aid the Moroccan authorities were prepared to give.",
     [("11", "ESP", None, "asserted")], [("11", "ESP", "MAR", "*")]),
    # ... except the condition or content of a threat or demand, which names whom it obliges
    ("Israel threatened to close the crossings unless Egypt stopped the smuggling.", [("13", "ISR", "EGY", "asserted")], []),
    # a participle with no subject of its own stays in the object's phrase: duties on goods imported from a country
    ("The United States imposed duties on computer chips imported from Japan.", [("16", "USA", "JPN", "asserted")], []),
    # parties that act on each other: what they agree or talk about is no party ("on", "about" in the rules file,
    # which YAML must read as words, not as booleans)
    ("The French and German ministers agreed on the removal of Japanese import quotas.",
     [("05", "FRA", "DEU", "asserted"), ("05", "DEU", "FRA", "asserted")], [("05", "*", "JPN", "*")]),
    # a light verb with an object of mutual acts ("held talks", "signed a pact") is mutual, as "met" is
    ("Peru and Chile held talks on fishing rights on Tuesday.",
     [("04", "PER", "CHL", "asserted"), ("04", "CHL", "PER", "asserted")], [("*", "*", None, "*")]),
    ("Peru and Chile, the two neighbours at odds over fishing, held talks.",
     [("04", "PER", "CHL", "asserted"), ("04", "CHL", "PER", "asserted")], []),
    # ... and what a meeting or an agreement is about is no party to it
    ("Canada and France are waging a quiet battle at this week's Asian Development Bank meeting over Tokyo's "
     "attempts to gain more votes.", [], [("04", "*", "JPN", "*")]),
    ("Chile criticised the agreement on Bolivian gas exports.", [], [("05", "CHL", "BOL", "*")]),
    # a past participle clause is passive: the subject of the clause above it did not do it
    ("The Canadian dairy industry believes labels saying foreign cheeses are high in salt would discourage "
     "consumption of the cheeses, imported mainly from France, Italy and Spain.", [], [("06", "CAN", "*", "*")]),
    # a reporter's question: neither the asking nor what was asked is an act
    ("Asked whether Peru would meet Chile, the Bolivian minister said he did not know.",
     [("01", "BOL", None, "asserted")], [("02", "*", "*", "*"), ("*", "PER", "CHL", "*"), ("*", "BOL", "PER", "*")]),
    ("Asked about the Iranian remarks, the American spokesman said the talks would go on.",
     [("01", "USA", None, "asserted")], [("02", "USA", "IRN", "*")]),
    # after violence "at" aims, it does not place: the country hit, or the country of the thing hit, is the target
    ("Libyan patrol boats fired at Malta on Friday.", [("19", "LBY", "MLT", "asserted")], []),
    ("Syrian troops fired rockets at a power station in northern Jordan.", [("19", "SYR", "JOR", "asserted")], []),
    # ... and a possessive pronoun on the thing hit names its owner, unless it agrees with the subject (its own)
    ("Egypt said Libyan jets had bombed its border posts.", [("19", "LBY", "EGY", "reported")], []),
    ("Greece said Turkey had withdrawn its warships from the area.", [], [("*", "TUR", "GRC", "*")]),
    ("Chad said Libya had bombed its own airfield.", [], [("*", "LBY", "TCD", "*")]),
    # violence guarded against is aimed at the guarded thing's owner; a warning against it protects nobody
    ("Britain sent frigates to escort Omani freighters against Yemeni attacks.", [("19", "YEM", "OMN", "*")], []),
    ("Qatar asked for protection for its oil terminals against Iranian air strikes.", [("19", "IRN", "QAT", "*")], []),
    ("France warned Chad against attacks on civilians.", [], [("19", "*", "TCD", "*")]),
    ("Oman laid a pipeline to shield part of its crude exports from Yemeni air attacks in the Gulf.",
     [("19", "YEM", "OMN", "*")], []),
    # a subject described as at odds with another party acts on it when the act names no target of its own
    ("Chile, which is at odds with Peru over fishing rights, rejected the plan.", [("12", "CHL", "PER", "asserted")], []),
    ("Chile, locked in a bitter row with Peru over fishing, recalled its ambassador.",
     [("16", "CHL", "PER", "asserted")], []),
    ("Chile, locked in a bitter row with Peru over fishing, signed a trade pact with Bolivia.",
     [("05", "CHL", "BOL", "asserted")], [("*", "CHL", "PER", "*")]),
    ("Chile, whose president criticised the row with Peru, rejected the plan.", [], [("*", "CHL", "PER", "*")]),
    ("Chile, at odds with Peru over fishing, said talks would resume.", [("01", "CHL", None, "asserted")], []),
    # an actor the subject's act is aimed at is no doer: "an attack on X's port" did not come from X
    ("A rocket attack on a Qatari oil terminal badly damaged a Greek tanker.", [], [("*", "QAT", "*", "*")]),
    ("Officials at the French embassy said the talks would resume.", [("01", "FRA", None, "asserted")], []),
    # the capital one leaves is a place, and leaving it no consultation
    ("The British minister repeated the threat before leaving Tokyo.", [], [("04", "GBR", "JPN", "*")]),
]


@pytest.mark.parametrize(("text", "must", "must_not"), CASES, ids=[c[0][:40] for c in CASES])
def test_events_target(nlp, knowledge, text: str, must: list[Probe], must_not: list[Probe]) -> None:
    got = [g[:4] for g in coded(nlp, knowledge, text)]
    for want in must:
        assert any(_fits(want, g) for g in got), (want, got)
    for bad in must_not:
        assert not any(_fits(bad, g) for g in got), (bad, got)


def test_events_target_said_object_is_content(nlp, knowledge) -> None:
    # only "tell"-like verbs address their object: the name the parser hangs on "noted" is what was noted
    got = coded(nlp, knowledge, "Kenyan officials noted Museveni this week promised that the refugees would be compensated.")
    assert any(g[:4] == ("01", "KEN", None, "asserted") for g in got), got
    assert not any(g[0] == "01" and g[2] is not None for g in got), got
