"""Companies get their country: from their own name, their ticker's exchange, a one-country legal form or the
curated company list; the people a company describes get its country with the business role (issue 12)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.records import Actor

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def actor_data(knowledge) -> ActorData:  # type: ignore[no-untyped-def]
    return knowledge.actors  # the session's reference data, not a second load


def _actors(nlp, data, text: str) -> list[Actor]:
    return extract_actors(nlp(text), date(1987, 4, 2), data)


def _actor(actors: list[Actor], text: str, surface: str) -> Actor:
    start = text.index(surface)
    for actor in actors:
        if any(s <= start < e for s, e in actor.mentions):
            return actor
    raise AssertionError(f"no actor at {surface!r}: {actors}")


def test_actors_companies_mnc_codes_carry_the_home_country(actor_data):
    assert actor_data.split_code("MNCJPN") == ("JPN", "MNC")
    assert actor_data.split_code("MNCUSAHLH") == ("USA", "HLH")  # a health-care company of the US
    assert actor_data.split_code("MNC") == (None, "MNC")
    assert actor_data.split_code("IGOWSTNAT") == (None, "IGO")


def test_actors_companies_country_in_the_name_is_one_company_not_the_country(nlp, actor_data):
    text = "Air Latvia said it would add two routes next summer, and Latvian Steel Corp said output fell."
    actors = _actors(nlp, actor_data, text)
    air = _actor(actors, text, "Air Latvia")
    assert (air.code, air.country, air.kind) == ("MNCLVA", "LVA", "organization")
    assert _actor(actors, text, "Latvian Steel").code == "MNCLVA"
    assert not [a for a in actors if a.kind == "country"]  # Latvia is named only inside the names


def test_actors_companies_bracketed_name_of_an_unlisted_company(nlp, actor_data):
    text = "Shares of <Central Fund of Iceland Ltd> rose after the fund said it held more gold."
    actor = _actor(_actors(nlp, actor_data, text), text, "Central Fund")
    assert (actor.code, actor.country) == ("MNCISL", "ISL")


def test_actors_companies_ticker_exchange_gives_the_listing_country(nlp, actor_data):
    text = "Kestrel Mining Ltd <KSTL.TO> said it would close its copper mine in Peru."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Kestrel").code == "MNCCAN"  # Toronto, not the mine's country
    text = "Orvieto Cementi (ORVC.MI) said demand rose, and Halvard Foods Inc <HLVD> said it would cut prices."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Orvieto").country == "ITA"
    assert _actor(actors, text, "Halvard").country == "USA"  # a Reuters ticker without suffix: a US listing


def test_actors_companies_ticker_is_no_actor_and_later_mentions_join(nlp, actor_data):
    text = "Barrow Textiles Inc's <UK.> unit said it would hire. Later Barrow Textiles said it would not."
    actors = _actors(nlp, actor_data, text)
    barrow = _actor(actors, text, "Barrow")
    assert barrow.country == "USA" and len(barrow.mentions) == 2
    assert not any(a.country == "GBR" for a in actors)  # "UK" in the ticker names no one


def test_actors_companies_one_country_legal_forms(nlp, actor_data):
    text = "Brunello Tessile S.p.A. said it agreed to sell a stake to a French group."
    assert _actor(_actors(nlp, actor_data, text), text, "Brunello").country == "ITA"
    text = "Hakala Oyj said it would buy Trondvik ASA for cash."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Hakala").country == "FIN"
    assert _actor(actors, text, "Trondvik").country == "NOR"


def test_actors_companies_legal_form_alone_names_no_company(nlp, actor_data):
    text = "The Wheat Growers Association (ASA) said the tariff was unfair."
    actors = _actors(nlp, actor_data, text)
    assert not any(a.country == "NOR" for a in actors)


def test_actors_companies_curated_list_and_central_banks(nlp, actor_data):
    text = "Citicorp said it would raise its prime rate after the Bank of Japan and the Bundesbank cut theirs."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Citicorp").code == "MNCUSA"
    assert _actor(actors, text, "Bank of Japan").code == "JPNGOV"
    assert _actor(actors, text, "Bundesbank").code == "DEUGOV"
    text = "China Airlines said it would buy four jets."
    assert _actor(_actors(nlp, actor_data, text), text, "China Airlines").country == "TWN"  # the list beats the name


def test_actors_companies_subsidiary_names_its_own_country(nlp, actor_data):
    text = "Fujitsu Australia Ltd said it won a contract from the state of Victoria."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Fujitsu Australia").code == "MNCAUS"


def test_actors_companies_government_body_with_an_industry_word_is_no_company(nlp, actor_data):
    text = "The Latvian Oil Ministry said exports rose."
    actor = _actor(_actors(nlp, actor_data, text), text, "Oil Ministry")
    assert not actor_data.is_company(actor.code)


def test_actors_companies_people_who_speak_for_a_company(nlp, actor_data):
    text = "Merrill Lynch economist Joan Perkins said rates would fall."
    assert _actor(_actors(nlp, actor_data, text), text, "Joan Perkins").code == "USABUS"
    text = "Tomas Berglund, chairman of Hakala Oyj, said the offer was too low."
    assert _actor(_actors(nlp, actor_data, text), text, "Tomas Berglund").code == "FINBUS"
    text = "Ingrid Solheim of Trondvik ASA said the yard would stay open."
    assert _actor(_actors(nlp, actor_data, text), text, "Ingrid Solheim").code == "NORBUS"


def test_actors_companies_legal_form_of_another_country_makes_a_subsidiary(nlp, actor_data):
    text = "Hitachi Display Devices Pte Ltd said it would stop selling tubes."
    assert _actor(_actors(nlp, actor_data, text), text, "Hitachi").code == "MNCSGP"  # not Hitachi of Japan


def test_actors_companies_stray_legal_word_is_not_the_company_it_ends(nlp, actor_data):
    text = "Anna Berg of Lindqvist and Co said Atlantic Richfield Co would gain."
    actors = _actors(nlp, actor_data, text)
    arco = _actor(actors, text, "Atlantic Richfield")
    assert arco.country == "USA" and len(arco.mentions) == 1


def test_actors_companies_first_word_names_the_one_company_named_with_it(nlp, actor_data):
    text = "Halvard Foods Inc <HLVD> said sales rose. Analysts said Halvard would gain market share."
    actors = _actors(nlp, actor_data, text)
    halvard = _actor(actors, text, "Halvard Foods")
    assert halvard.country == "USA" and _actor(actors, text, "Halvard would") is halvard


def test_actors_companies_a_firms_deputy_is_business_not_police(nlp, actor_data):
    text = "Kenji Arata, deputy manager of Yamaichi Securities, said stocks would recover by spring."
    assert _actor(_actors(nlp, actor_data, text), text, "Kenji Arata").code == "JPNBUS"


def test_actors_companies_acronym_after_the_name_is_the_company(nlp, actor_data):
    text = "Sri Lanka Oil Corp (SLOC) has renewed its crude contract. SLOC said the price was fair."
    actors = _actors(nlp, actor_data, text)
    company = _actor(actors, text, "Sri Lanka Oil")
    assert company.country == "LKA" and _actor(actors, text, "SLOC said") is company
    text = "Banque Commerciale du Luxembourg SA (BCL) delayed a bond issue, BCL director Paul Weber said."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Banque Commerciale").country == "LUX"
    assert _actor(actors, text, "Paul Weber").code == "LUXBUS"


def test_actors_companies_repeated_name_tagged_as_a_person_is_the_company(nlp, actor_data):
    text = "Kelby House Plc <KELB.L> bought a builder. The builder will sell 500 homes, Kelby House said."
    actors = _actors(nlp, actor_data, text)
    kelby = _actor(actors, text, "Kelby House Plc")
    assert kelby.country == "GBR" and len(kelby.mentions) == 2


def test_actors_companies_foreign_issuer_ticker_gives_no_us_country(nlp, actor_data):
    text = "Granite Bay Resources Ltd <GRBYF> said it found gold in Idaho."
    actors = _actors(nlp, actor_data, text)
    assert not any(a.country == "USA" and a.kind == "organization" for a in actors)


def test_actors_companies_us_ticker_yields_to_the_country_an_apposition_gives(nlp, actor_data):
    text = "Nordvik Printing Inc <NRDV>, one of Norway's largest printers, plans a new daily."
    assert _actor(_actors(nlp, actor_data, text), text, "Nordvik").code == "MNCNOR"


def test_actors_companies_country_in_brackets_makes_a_subsidiary(nlp, actor_data):
    text = "Anna Tan, director of Barclays Finance (Malaysia) Ltd, said the market would grow."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Barclays Finance").code == "MNCMYS"
    assert _actor(actors, text, "Anna Tan").code == "MYSBUS"


def test_actors_companies_ticker_after_a_name_cut_by_the_tagger(nlp, actor_data):
    text = "Ann Lowe, chairman of Halvard Lynch and Co <HLY>, joined the board."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Halvard Lynch").code == "MNCUSA"
    assert _actor(actors, text, "Ann Lowe").code == "USABUS"
    text = "Kwong Tai (Holdings) Ltd <KWTH.HK> expects strong results."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Kwong Tai").code == "MNCHKG"
    assert len(actors) == 1  # the ticker is no one


def test_actors_companies_name_no_tagger_found_ends_in_a_legal_form(nlp, actor_data):
    text = "OIL DEAL RENEWED\n\nCeylon Refining Corp (CRC) has renewed its contract, CRC officials said."
    actors = _actors(nlp, actor_data, text)
    company = _actor(actors, text, "Ceylon Refining")
    assert company.code == "MNCLKA" and _actor(actors, text, "CRC)") is company


def test_actors_companies_dictionary_name_inside_a_foreign_firms_name_is_not_that_firm(nlp, actor_data):
    text = "Volvo said its talks with Nordvik Fiat Holding und Cie <NFHC.Z> had ended."
    actors = _actors(nlp, actor_data, text)
    assert _actor(actors, text, "Nordvik Fiat").country == "CHE"  # Zurich-listed, not the Italian Fiat


def test_actors_companies_a_move_of_home_is_dated(nlp, actor_data):
    text = "Anglo American Corp said gold output rose."
    assert extract_actors(nlp(text), date(1987, 4, 2), actor_data)[0].country == "ZAF"
    assert extract_actors(nlp(text), date(2020, 4, 2), actor_data)[0].country == "GBR"
