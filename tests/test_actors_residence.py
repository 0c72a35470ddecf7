"""Ethnic groups are coded by the country they live in (CAMEO), and IGO prefixes are not doubled."""

from __future__ import annotations

from newsgraph.extract.actors import extract_actors
from newsgraph.extract.actors_context import compose


def codes_of(nlp, knowledge, text: str) -> dict[str, str]:
    return {a.name: a.code or "" for a in extract_actors(nlp(text), None, knowledge.actors)}


def test_actors_residence_ethnic_group_in_a_country(nlp, knowledge):
    codes = codes_of(nlp, knowledge, "Ethnic Hungarians in Romania protested on Sunday.")
    assert any(c.startswith("ROU") and c.endswith("CVL") for c in codes.values())
    assert not any(c.startswith("HUN") for c in codes.values())


def test_actors_residence_national_adjective_on_a_people(nlp, knowledge):
    codes = codes_of(nlp, knowledge, "Bosnian Croats demanded a new constitution.")
    assert any(c.startswith("BIH") for c in codes.values())
    assert not any(c.startswith("HRV") for c in codes.values())


def test_actors_compose_keeps_a_single_igo_prefix():
    assert compose("IGOEUREEC", "IGO", prefix=True) == "IGOEUREEC"
    assert compose("EUR", "IGO", prefix=True) == "IGOEUR"
    assert compose("RUS", "GOV") == "RUSGOV"
