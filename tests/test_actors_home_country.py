"""State agents named without a country take the scene's, the dateline's or the document's (issue 12)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.actors import extract_actors


def codes(nlp, knowledge, text: str) -> dict[str, str | None]:
    return {a.name: a.code for a in extract_actors(nlp(text), date(1987, 4, 9), knowledge.actors)}


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("TOKYO, April 9 - The Finance Ministry said the yen would rise.", "Ministry", "JPNGOV"),
        ("Police arrested two men in Karachi.", "Police", "PAKCOP"),
        ("Chile's copper output rose. Chile's exports grew, and officials said the ministry would act.", "officials", "CHLGOV"),
    ],
)
def test_actors_home_country_of_an_unplaced_state_agent(nlp, knowledge, text: str, name: str, code: str) -> None:
    assert codes(nlp, knowledge, text).get(name) == code


@pytest.mark.parametrize(
    "text",
    [
        "European monetary officials said the meeting would go on in Paris.",  # a bloc, no one country
        "Chad said its forces had attacked rebels in Sudan.",  # the possessor places them
        "The defence ministry said Iraqi jets attacked Iran.",  # no scene, no dateline, no dominant country
    ],
)
def test_actors_home_country_not_guessed(nlp, knowledge, text: str) -> None:
    got = codes(nlp, knowledge, text)
    assert not any(n.lower() in {"officials", "forces", "ministry", "defence ministry"} and c for n, c in got.items()), got


def test_actors_titled_person_not_coded_by_the_country_addressed(nlp, knowledge) -> None:
    # a title with no country, a country named later as the addressee: no guess (issue 12)
    got = codes(nlp, knowledge, "Chancellor Nigel Lawson told Japanese officials that sanctions were possible.")
    assert not (got.get("Nigel Lawson") or "").startswith("JPN"), got


def test_actors_company_title_is_business(nlp, knowledge) -> None:
    got = codes(nlp, knowledge, "Robert Sinclair, president of Saab-Scania of America Inc, told reporters.")
    assert got.get("Robert Sinclair") == "USABUS", got
