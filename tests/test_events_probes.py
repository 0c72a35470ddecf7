"""One-sentence probes (issue 12): per sentence, the events that must appear and those that must not.

Every sentence was written for this file. An event is (CAMEO root, source country, target country,
modality); ``None`` is "no actor", ``"*"`` anything. Countries are the actor's country (or the first
three letters of its code, so IGOs read "IGO"). The packaged actor coder runs, so these probe the
whole chain: actors -> dates -> events.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.actors import extract_actors
from newsgraph.extract.dates import extract_dates
from newsgraph.extract.events import extract_events

PUBLISHED = date(2021, 12, 6)  # a Monday
Probe = tuple[str, str | None, str | None, str]


def coded(nlp, knowledge, text: str) -> list[tuple[str, str | None, str | None, str, str | None, float]]:
    """(root, source country, target country, modality, date, confidence) of every event in ``text``."""
    doc = nlp(text)
    actors = extract_actors(doc, PUBLISHED, knowledge.actors)
    dates = extract_dates(doc, PUBLISHED, knowledge.dates)
    by_id = {a.id: a for a in actors}

    def country(aid: str | None) -> str | None:
        a = by_id.get(aid or "")
        return None if a is None else a.country or (a.code or "")[:3] or a.name

    events = extract_events(doc, actors, [], dates, [], PUBLISHED, knowledge.events)
    return [(e.code[:2], country(e.source), country(e.target), e.modality, e.date, e.confidence) for e in events]


def _fits(want: tuple, got: tuple) -> bool:
    return all(w == "*" or w == g for w, g in zip(want, got))


# (sentence, events that must appear, events that must not); the class each probes is in its comment
PROBES: list[tuple[str, list[Probe], list[Probe]]] = [
    # 1. one event per act: compound subjects act on the object, not on each other; mutual verbs both ways
    ("France and Germany criticized Iran over its missile programme.",
     [("11", "FRA", "IRN", "asserted"), ("11", "DEU", "IRN", "asserted")], [("11", "FRA", "DEU", "*"), ("11", "DEU", "FRA", "*")]),
    ("Japan and South Korea agreed to resume fisheries talks.",
     [("03", "JPN", "KOR", "*"), ("03", "KOR", "JPN", "*")], [("04", "*", "*", "*")]),
    ("Malaysia and Thailand expanded rubber exports.", [], [("06", "MYS", "THA", "*"), ("06", "THA", "MYS", "*")]),
    ("The Egyptian foreign minister, Sameh Shoukry, criticized Israel.", [("11", "EGY", "ISR", "asserted")], [("*", "EGY", "EGY", "*")]),
    # 2. reporting clauses: the speaker states (01), the content is reported; speech is never 03/04/06
    ("Iraq said its warplanes attacked Iranian oil platforms.",
     [("01", "IRQ", None, "asserted"), ("19", "IRQ", "IRN", "reported")], [("19", "*", "*", "asserted")]),
    ("Chinese troops shelled Vietnamese border posts, the official news agency said.",
     [("19", "CHN", "VNM", "reported")], [("19", "*", "*", "asserted")]),
    ("The Canadian trade minister told reporters that talks with Mexico had gone well.",
     [("01", "CAN", None, "asserted")], [("04", "CAN", "*", "*"), ("03", "CAN", "*", "*"), ("06", "CAN", "*", "*")]),
    ("Germany told Reuters it would not join the embargo.", [], [("*", "DEU", "GBR", "*")]),
    ("Speaking to reporters in Cairo, the Egyptian president said the talks would continue.",
     [("01", "EGY", None, "asserted")], [("04", "EGY", "*", "*")]),
    ("China said it would send emergency aid to Nepal.", [("03", "CHN", "NPL", "planned")], [("07", "CHN", "NPL", "asserted")]),
    # 3. places are never source or target; a capital that acts is its government
    ("Iran and Iraq signed a ceasefire agreement in Geneva.", [("05", "IRN", "IRQ", "asserted")], [("*", "*", "CHE", "*")]),
    ("Delegations from Spain and Italy met in Lisbon on Tuesday.",
     [("04", "ESP", "ITA", "*"), ("04", "ITA", "ESP", "*")], [("*", "*", "PRT", "*"), ("*", "PRT", "*", "*")]),
    ("Moscow denied the accusations made by Washington.", [("*", "RUS", "*", "*")], []),
    ("CHINA CONDEMNS JAPANESE TEXTBOOK", [], [("*", "*", "*", "*")]),
    # 5. sense constraints as data
    ("Domestic demand in Germany rose sharply last year.", [], [("10", "*", "*", "*")]),
    ("The new Turkish ambassador took up his post in Athens on Monday.", [], [("17", "*", "*", "*")]),
    ("The Indian prime minister travelled to Mumbai on Friday.", [], [("04", "*", "*", "*")]),
    ("Kenyan opposition leaders said the plan threatens regional stability.", [], [("13", "*", "*", "*")]),
    ("The United States removed tariffs on Mexican steel.", [], [("17", "*", "*", "*")]),
    ("The Finance Ministry considered the Japanese package to be a major stimulus.", [], [("01", "*", "*", "*")]),
    # 6. missed classes: agentless violence, arrests, refusals, support, sanctions, ruling out, appeals
    ("Five Iraqi soldiers were killed in an attack near Basra.", [("*", None, "IRQ", "asserted")], []),
    ("Two Japanese journalists were arrested in Myanmar.", [("17", "MMR", "JPN", "asserted")], []),
    ("Argentina will not accept the conditions set by the International Monetary Fund.",
     [("12", "ARG", "*", "*")], [("08", "*", "*", "*")]),
    ("The Philippine president pledged support for Indonesia.", [("05", "PHL", "IDN", "*")], [("03", "PHL", "*", "*")]),
    ("The United States imposed punitive duties on Japanese electronics.",
     [("16", "USA", "JPN", "asserted")], [("17", "*", "*", "*"), ("13", "*", "*", "*")]),
    ("Britain ruled out talks with Argentina.", [("12", "GBR", "ARG", "*")], [("04", "*", "*", "*")]),
    ("Egypt urged Israel to withdraw from Gaza.", [("02", "EGY", "ISR", "asserted")], []),
    ("Brazil is seeking new loans from the World Bank.", [("02", "BRA", "IGO", "*")], [("03", "*", "*", "*")]),
    # 7. roles: passives, "with", giver and receiver of aid
    ("Sudan was condemned by Egypt on Monday.", [("11", "EGY", "SDN", "asserted")], [("11", "SDN", "*", "*")]),
    ("Japan gave Indonesia a loan of 500 million dollars.", [("07", "JPN", "IDN", "asserted")], [("07", "IDN", "JPN", "*")]),
    ("Indonesia received a large loan from Japan.", [("07", "JPN", "IDN", "asserted")], [("07", "IDN", "JPN", "*"), ("04", "*", "*", "*")]),
    ("Norway signed a fisheries agreement with Russia.", [("05", "NOR", "RUS", "asserted")], []),
    # 8. dates and modality from the event's own clause
    ("Spain is to send troops to Mali.", [("*", "ESP", "MLI", "planned")], [("*", "ESP", "MLI", "asserted")]),
    ("The Japanese prime minister is expected to visit China next month.", [("*", "JPN", "CHN", "planned")], [("*", "JPN", "CHN", "asserted")]),
    ("If Russia invades Ukraine, Britain would impose sanctions.", [], [("19", "RUS", "UKR", "asserted"), ("16", "GBR", "RUS", "asserted")]),
    ("Turkey threatened Greece with sanctions.", [("13", "TUR", "GRC", "asserted")], []),
    ("Russia attacked Ukraine, which Moscow denies.", [("19", "RUS", "UKR", "asserted")], []),
    # an act that did not happen stays negated under a reporting clause, and the saying stays a statement
    ("Iraq said its warplanes did not attack Iranian oil platforms.",
     [("19", "IRQ", "IRN", "negated"), ("01", "IRQ", None, "asserted")], [("19", "*", "*", "reported")]),
    # 9. a titled person with no dictionary entry: another country the sentence names is no evidence of its own
    ("After talks with American officials, Finance Minister Kenji Morita criticized European farm subsidies.",
     [], [("11", "USA", "*", "*")]),
    ("The Coffee Board will sell robusta coffee purchased in London last year, its president Mario Cruz told reporters.",
     [], [("01", "GBR", "*", "*")]),
    # a plural speaker ("they said") is not a country named only in what it says
    ("China's exports of steel to Japan will rise this year, they said.", [], [("01", "JPN", "*", "*"), ("01", "CHN", "*", "*")]),
    # a short name of an organization named in full before is that organization
    ("The Asian Development Bank opened a new office. The Bank said the loan supports road projects.",
     [("01", "IGO", None, "asserted")], [("01", "Bank", "*", "*")]),
    # 10. one actor per phrase: an agent placed by its own modifier is not also the country it is posted in
    ("An official at the Norwegian embassy in Madrid said the ban was unfair.",
     [("01", "NOR", None, "asserted")], [("01", "ESP", "*", "*")]),
]


@pytest.mark.parametrize(("text", "must", "must_not"), PROBES, ids=[p[0][:40] for p in PROBES])
def test_events_probe(nlp, knowledge, text: str, must: list[Probe], must_not: list[Probe]) -> None:
    got = [g[:4] for g in coded(nlp, knowledge, text)]
    for want in must:
        assert any(_fits(want, g) for g in got), (want, got)
    for bad in must_not:
        assert not any(_fits(bad, g) for g in got), (bad, got)


@pytest.mark.parametrize(
    ("text", "root", "when"),
    [
        ("Germany and France agreed on Wednesday to cut farm subsidies.", "05", "2021-12-01"),
        ("Chile and Peru signed a trade pact last week.", "05", "2021-W48"),
        ("Canada expelled two Russian diplomats yesterday.", "17", "2021-12-05"),
        # a date the parser hangs on the reported clause, between "said" and its subject, dates the saying
        ("Kenya said on Tuesday it had expelled two Somali diplomats.", "01", "2021-11-30"),
        # the date of the occasion an act is at
        ("The Italian prime minister will meet the leaders of Spain and Greece at a summit, which will take place "
         "in Rome on December 20.", "03", "2021-12-20"),
    ],
)
def test_events_probe_date_from_the_events_clause(nlp, knowledge, text: str, root: str, when: str) -> None:
    got = coded(nlp, knowledge, text)
    assert any(g[0] == root and g[4] == when for g in got), got


def test_events_probe_confidence_on_every_event_and_evidence_orders_it(nlp, knowledge) -> None:
    text = (
        "Turkey threatened Greece with sanctions. Officials said the company conducted research. "
        "Iraq said its warplanes attacked Iranian oil platforms."
    )
    got = coded(nlp, knowledge, text)
    assert got and all(0.0 <= g[5] <= 1.0 for g in got)
    threat = max(g[5] for g in got if g[0] == "13")
    reported = max(g[5] for g in got if g[3] == "reported")
    assert threat > reported  # our own pattern on a main verb beats a claim inside a reporting clause
