"""A firm's country comes from its own words, never from a currency or a market named beside it: "a Swiss
franc bond" of an Australian group is no Swiss act, and "the Perth-based group" says where a firm is at
home (issue 12)."""

from __future__ import annotations

import pytest

from newsgraph.records import Actor

pytestmark = pytest.mark.slow


def _actor(actors: list[Actor], text: str, surface: str) -> Actor | None:
    start = text.index(surface)
    return next((a for a in actors if any(s <= start < e for s, e in a.mentions)), None)


def test_actors_firm_country_a_currency_names_no_country(actors_of):
    text = "Korvin Mining Ltd will raise 80 mln Swiss francs and 2 bln Belgian francs in two notes, dealers said."
    actors = actors_of(text)
    assert _actor(actors, text, "Swiss") is None
    assert _actor(actors, text, "Belgian") is None
    assert not any(a.country in ("CHE", "BEL") for a in actors)


def test_actors_firm_country_a_verb_after_a_country_is_no_currency(actors_of):
    text = "Japan won the bid for the games, officials in Tokyo said."
    actor = _actor(actors_of(text), text, "Japan")
    assert actor is not None and actor.country == "JPN"


def test_actors_firm_country_based_in_a_city_of_its_apposition(actors_of):
    text = ("GENEVA, May 4 - Tallowood Holdings Ltd, the Perth-based resources group, issued a 50 mln Swiss franc "
            "bond. Tallowood said the notes would carry a coupon of five pct.")
    actors = actors_of(text)
    firm = _actor(actors, text, "Tallowood Holdings")
    assert firm is not None and firm.code == "MNCAUS"
    assert firm.name == "Tallowood Holdings Ltd"  # the dateline's date opens no name
    later = _actor(actors, text, "Tallowood said")
    assert later is not None and later.id == firm.id


def test_actors_firm_country_of_a_country_after_the_legal_form(actors_of):
    text = "Harbourline Finance Corp of Australia priced a Luxembourg franc issue on Monday."
    actors = actors_of(text)
    firm = _actor(actors, text, "Harbourline")
    assert firm is not None and firm.country == "AUS"
    assert _actor(actors, text, "Luxembourg") is None


def test_actors_firm_country_a_list_of_names_is_no_apposition(actors_of):
    text = "The lenders are Quenby Leasing Ltd, Norrland Finance AB and Harcourt Trust Ltd, the agent said."
    firm = _actor(actors_of(text), text, "Quenby")
    assert firm is None or firm.country != "SWE"


def test_actors_firm_country_a_currency_entity_is_no_actor(actors_of):
    text = "Dealers said the U.S. Dollar fell against the Swiss Franc in quiet trading on Friday."
    actors = actors_of(text)
    assert _actor(actors, text, "Dollar") is None
    assert _actor(actors, text, "Franc") is None

