"""A person's country is their own description, not a place near them (issue 12, the persons round): a spokesman
"for" an organization speaks for it, a place where talks were held sets no scene for the people around, and a
surname the tagger took for a place is the person the document named in full."""

from __future__ import annotations

import pytest

from newsgraph.records import Analysis

pytestmark = pytest.mark.slow


def _codes(a: Analysis, word: str) -> list[str | None]:
    """The codes of the actors with a mention that contains ``word``."""
    return [x.code for x in a.actors if any(word in a.document.text[s:e] for s, e in x.mentions)]


def test_actors_own_a_spokesman_for_an_organization_is_its_country(analyze_text) -> None:
    text = ("Norway and the U.S. have renewed their fishing accord after negotiations in Washington this week, "
            "a spokesman for the Norwegian Fishermen's Federation said.")
    codes = _codes(analyze_text(text), "spokesman")
    assert codes and all((c or "").startswith("NOR") for c in codes)  # not USAGOV from "in Washington"


def test_actors_own_talks_in_a_capital_set_no_scene_for_a_later_person(analyze_text) -> None:
    text = ("Taiwan and the U.S. have renewed their shoe accord after negotiations in Washington this week. "
            "Charles Wu told Reuters the accord runs for two more years.")
    assert not any((c or "").startswith("USA") for c in _codes(analyze_text(text), "Wu"))  # the talks' venue is not his


def test_actors_own_a_surname_after_a_locative_phrase_is_the_person(analyze_text) -> None:
    text = ("WASHINGTON, April 1 - The United States and Australia discussed wheat subsidies. Australian Trade "
            "Minister John Kerin met U.S. Agriculture Secretary Richard Lyng on Tuesday. After talks in Washington, "
            "Kerin said Australia would retaliate.")
    a = analyze_text(text)
    people = [x for x in a.actors if any(a.document.text[s:e] == "Kerin" for s, e in x.mentions)]
    assert len(people) == 1 and people[0].kind == "person" and people[0].code == "AUSGOV"
    quote = next(q for q in a.quotes if "retaliate" in q.text)
    assert quote.speaker == people[0].id


def test_actors_own_a_name_the_tagger_missed_keeps_its_apposed_description(analyze_text) -> None:
    text = ("WASHINGTON, April 1 - Yukio Tanaka, the Japanese Foreign Ministry's deputy director for North America, "
            "said Japan would buy more U.S. beef. Tanaka said the U.S. should stop its threats.")
    a = analyze_text(text)
    assert set(_codes(a, "Tanaka")) == {"JPNGOV"}  # not the dateline's USA, not a police deputy
    speakers = {x.id: x for x in a.actors}
    assert all(speakers[q.speaker].code == "JPNGOV" for q in a.quotes if q.speaker is not None)
    assert len([q for q in a.quotes if q.speaker is not None]) == 2


def test_actors_own_a_rank_before_a_noun_is_no_role(analyze_text) -> None:
    a = analyze_text("Deputy Director Wang Li-min of the Economics Ministry said Taiwan would cut tariffs.")
    assert not any((c or "").endswith("COP") for c in _codes(a, "Wang"))


def test_actors_own_he_said_is_not_someone_named_in_passing(analyze_text) -> None:
    text = ("Noting the aid package announced by Japanese Prime Minister Yasuhiro Nakasone last week, British "
            "Chancellor Nigel Lawson said \"more imports are needed.\" Lawson doubted that Japan's partners would "
            "attack it, especially after the announcement of Nakasone's plans to raise aid. Japan's more open "
            "stance on bank licences would also help, he said.")
    a = analyze_text(text)
    names = {x.id: x.name for x in a.actors}
    quote = next(q for q in a.quotes if "licences" in q.text)
    assert names.get(quote.speaker) == "Nigel Lawson"


def test_actors_own_the_minister_paragraphs_later_is_the_minister_named(analyze_text) -> None:
    text = ("TOKYO, April 1 - Japan will open its markets, British Corporate Affairs Minister Michael Howard said. "
            "Japan has a large trade surplus. The surplus rose in March. Tokyo says it is doing its best. Exporters "
            "disagree. The minister said Britain would press Japan on financial services.")
    a = analyze_text(text)
    quote = next(q for q in a.quotes if "financial services" in q.text)
    speaker = next(x for x in a.actors if x.id == quote.speaker)
    assert (speaker.name, speaker.code) == ("Michael Howard", "GBRGOV")  # not the dateline's JPNGOV


def test_actors_own_a_bracket_inside_a_firms_name_still_titles_its_economist(analyze_text) -> None:
    a = analyze_text('"Rates will fall," said Nomura Securities (Europe) Ltd economist Kevin Hart.')
    assert _codes(a, "Kevin Hart") == ["JPNBUS"]  # the firm's, not an economist of no firm (EDU)


def test_actors_own_a_foreign_economist_is_not_the_economist_named_before(analyze_text) -> None:
    text = ('"Rates will stay low," said Toshio Inoue, an economist at Fuji Bank Ltd. Stocks fell sharply on Monday. '
            'The dollar weakened. Bonds rallied. Gold rose. "It is a nightmare," said the foreign economist.')
    a = analyze_text(text)
    quote = next(q for q in a.quotes if "nightmare" in q.text)
    assert quote.speaker is None or next(x for x in a.actors if x.id == quote.speaker).name != "Toshio Inoue"


def test_actors_own_he_said_passes_over_a_relative_clause_for_the_subject(analyze_text) -> None:
    text = ("Analysts were gloomy. British Chancellor Peter Lyle, who hosted the Downing Street meeting, was the "
            "only minister to respond to Smith's remarks. He called for firm adherence to the accord.")
    a = analyze_text(text)
    names = {x.id: x.name for x in a.actors}
    assert [names.get(q.speaker) for q in a.quotes if "adherence" in q.text] == ["Peter Lyle"]
