"""A surname alone is the person named in full before it, with that person's code, not one guessed from the scene
around the surname; a person a firm describes is business (surname round 6)."""

from __future__ import annotations

import pytest

from newsgraph.records import Analysis

pytestmark = pytest.mark.slow


def _people(a: Analysis, word: str) -> list:
    """The person actors with a mention that is exactly ``word``."""
    return [x for x in a.actors if x.kind == "person" and any(a.document.text[s:e] == word for s, e in x.mentions)]


def test_surname_code_a_surname_takes_no_country_from_its_scene(analyze_text) -> None:
    text = ("Egypt and Libya signed an oil accord, the news agency said. It quoted Oil Minister Tarek Samir as saying "
            "output rose in May. In Paris, Samir said France would buy more crude next year.")
    people = _people(analyze_text(text), "Samir")
    assert len(people) == 1 and not (people[0].code or "").startswith("FRA")  # Paris is where he spoke, not his


def test_surname_code_a_surname_written_first_joins_the_full_name(analyze_text) -> None:
    text = ("Japan and Taiwan signed an accord, the news agency said. It quoted Economic Minister Lin Cheng-wu as "
            "saying exports rose. In New York, Lin said investors would get cheap loans.")
    people = _people(analyze_text(text), "Lin")
    assert len(people) == 1 and "Lin Cheng-wu" in people[0].name
    assert not (people[0].code or "").startswith("USA")  # "Lin" is his surname, New York only where he spoke


def test_surname_code_an_analyst_for_an_uncoded_firm_is_business(analyze_text) -> None:
    text = "Sonja Berg, an oil analyst for Halvard and Co Ltd in Oslo, said prices would fall."
    a = analyze_text(text)
    people = [x for x in a.actors if x.kind == "person" and any("Berg" in a.document.text[s:e] for s, e in x.mentions)]
    assert [p.code for p in people] == ["NORBUS"]  # not the pundit's NORELI


def test_surname_code_an_untitled_head_of_a_coded_firm_unit_is_business(analyze_text) -> None:
    text = "Lena Voss, head of the U.S. unit of Saab-Scania AB of Sweden, said sales would rise."
    a = analyze_text(text)
    people = [x for x in a.actors if x.kind == "person" and any("Voss" in a.document.text[s:e] for s, e in x.mentions)]
    assert [p.code for p in people] == ["USABUS"]  # not the bare USA
