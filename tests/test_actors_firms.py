"""Countries of firms and of the people who speak for them (issue 12, round 3)."""

from __future__ import annotations

from newsgraph.extract.actors import extract_actors


def actors_of(nlp, knowledge, text: str):
    return extract_actors(nlp(text), None, knowledge.actors)


def test_actors_firms_a_multinational_code_names_its_home_country(nlp, knowledge):
    actors = actors_of(nlp, knowledge, "A Mitsui spokesman said the new plant would open next spring.")
    spokesman = next(a for a in actors if "spokesman" in a.name)
    assert spokesman.code == "MNCJPN"  # the firm's own voice, no state role under it
    assert spokesman.country == "JPN"


def test_actors_firms_a_coded_name_inside_another_firms_name_is_not_its_country(nlp, knowledge):
    text = "Tom Reilly, general manager of Boulder Creek Mitsui Coal Pty Ltd, said exports would rise."
    reilly = next(a for a in actors_of(nlp, knowledge, text) if "Reilly" in a.name)
    assert reilly.country != "JPN" and "JPN" not in (reilly.code or "")


def test_actors_firms_a_sector_minister_is_an_official_not_a_bystander(nlp, knowledge):
    # "Agriculture Minister" is GOVAGR: an official like any GOV, so a country merely named before him
    # (two of them here) is no evidence of his
    text = "U.S. and Japanese officials met on Monday.\n\nAgriculture Minister Tom Brannigan said the quotas must go."
    brannigan = next(a for a in actors_of(nlp, knowledge, text) if "Brannigan" in a.name)
    assert brannigan.country is None


def test_actors_firms_a_person_of_an_uncoded_firm_takes_no_country_from_the_scene(nlp, knowledge):
    # where the story happens says nothing of the country of the firm the person speaks for
    text = (
        "In New York, stock prices fell sharply on Monday.\n\n"
        '"Investors will wait," said Kenji Moriyama of Tarrowby Asset Management Corp.\n\n'
        "In New York, traders sold bonds. Moriyama said the losses were large."
    )
    actors = [a for a in actors_of(nlp, knowledge, text) if "Moriyama" in a.name]
    assert actors and all(a.country != "USA" for a in actors)


def test_actors_firms_a_firm_named_after_its_country_is_not_the_state(nlp, knowledge):
    actors = actors_of(nlp, knowledge, "Bank of Norway Holdings Ltd said on Monday it would buy two ships.")
    firm = next(a for a in actors if "Holdings" in a.name)
    assert firm.code == "NORBUS"


def test_actors_firms_agents_of_something_named_take_no_country_from_the_dateline(nlp, knowledge):
    text = "TOKYO, May 4 - Representatives of member states asked the commission on Friday to drop the tariff."
    actors = actors_of(nlp, knowledge, text)
    assert not any(a.country == "JPN" and "epresentatives" in a.name for a in actors)
