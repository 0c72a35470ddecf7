"""Amounts on short sentences: values, units, approximation, exclusions and claimants.

Each sentence states one pattern; actors are built by hand so the test does not depend
on the actor dictionary.
"""

from __future__ import annotations

import pytest

from hand_actors import mentions_of
from newsgraph.extract.amounts import AmountData, extract_amounts
from newsgraph.records import Actor, ActorKind, Amount

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def amount_data(nlp) -> AmountData:
    return AmountData.load(nlp)


def actors_for(text: str, names: dict[str, ActorKind]) -> list[Actor]:
    """One actor per name, with every occurrence of the name as a mention."""
    return [
        Actor(id=f"t{k}", name=name, code=None, country=None, role=None, kind=kind, mentions=mentions_of(text, name))
        for k, (name, kind) in enumerate(names.items())
    ]


def amounts_in(nlp, data: AmountData, text: str, names: dict[str, ActorKind] | None = None) -> list[Amount]:
    doc = nlp(text)
    return extract_amounts(doc, actors_for(text, names or {}), [], [], data)


def one(amounts: list[Amount], fragment: str) -> Amount:
    hits = [a for a in amounts if fragment in a.text]
    assert len(hits) == 1, (fragment, amounts)
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "fragment", "value", "unit", "approximate"),
    [
        ("The army moved 94,000 troops to the border.", "94,000", 94000, "troop", False),
        ("Donors pledged $1.5 billion in aid to the region.", "1.5", 1.5e9, "USD", False),
        ("The country imports 40% of gas from its neighbour.", "40", 40, "percent", False),
        ("Hundreds of protesters marched through the capital.", "Hundreds", 100, "protester", True),
        ("At least 12 dead were counted after the blast.", "12", 12, "dead", True),
        ("The two leaders spoke by telephone.", "two", 2, "leader", False),
        ("The bank lent 7.7 billion dlrs to the government.", "7.7", 7.7e9, "USD", False),
        ("Output fell 2.5 pct last quarter.", "2.5", 2.5, "percent", False),
        ("The firm offered 5.5 billion Canadian dlrs for the company.", "5.5", 5.5e9, "CAD", False),
        ("Nearly twenty thousand people fled the fighting.", "twenty", 20000, "person", True),
        ("The group has 13 members and a 13-nation council.", "13 members", 13, "member", False),
        ("The canal will lose five to six mln dlrs this year.", "five", 5e6, "USD", True),
        ("The shares rose 3/8 to 19-1/2 on heavy volume.", "19-1/2", 19.5, None, False),
        ("Production reached 15.8 mln bpd.", "15.8", 15.8e6, "barrel", False),
    ],
)
def test_amounts_value_unit_approximate(nlp, amount_data, sentence, fragment, value, unit, approximate):
    a = one(amounts_in(nlp, amount_data, sentence), fragment)
    assert a.value == pytest.approx(value)
    assert a.unit == unit
    assert a.approximate is approximate
    assert sentence[a.start : a.end] == a.text


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks began on Monday (6) in Geneva.",  # day number after a weekday
        "The treaty was signed in 1994 and renewed on March 19.",  # year, day of month
        "Volodimir Pilipiuk, 71, said he was hopeful.",  # age apposition
        "A 15-year-old girl was hurt, and the war lasted seven years.",  # age, duration
        "She finished second, the first time in a decade.",  # ordinals
        "Call 555-1234 for details.",  # phone number
        "It was the No. 1 issue for voters.",  # rank
        "One of the ministers resigned.",  # pronoun 'one'
    ],
)
def test_amounts_not_amounts(nlp, amount_data, sentence):
    assert amounts_in(nlp, amount_data, sentence) == []


def test_amounts_page_furniture_line_is_not_an_amount(nlp, amount_data):
    text = "The photos from the march.\n\n1.\n\nof.\n\n8.\n\nWorkers earn $5 an hour."
    found = amounts_in(nlp, amount_data, text)
    assert [a.value for a in found] == [5]


def test_amounts_claimant_is_reporting_subject(nlp, amount_data):
    text = "US officials warned of a troop movement of 94,000 troops near the border."
    a = one(amounts_in(nlp, amount_data, text, {"US": "country"}), "94,000")
    assert a.claimant == "t0"


def test_amounts_claimant_inherited_by_conjoined_verb(nlp, amount_data):
    text = "Ukrainian officials warned of an attack and expressed concern over a plan involving 175,000 troops."
    a = one(amounts_in(nlp, amount_data, text, {"Ukrainian": "group"}), "175,000")
    assert a.claimant == "t0"


def test_amounts_claimant_according_to(nlp, amount_data):
    text = "Exports rose to 469,100 tonnes, according to the Central Bank."
    a = one(amounts_in(nlp, amount_data, text, {"the Central Bank": "organization"}), "469,100")
    assert a.claimant == "t0"


def test_amounts_denier_is_not_claimant(nlp, amount_data):
    text = "Mexico denied reports that banks are resisting a 76 billion dlr loan."
    a = one(amounts_in(nlp, amount_data, text, {"Mexico": "country"}), "76")
    assert a.claimant is None


def test_amounts_unattributed_has_no_claimant(nlp, amount_data):
    text = "Mexico received a 76 billion dlr loan last year."
    a = one(amounts_in(nlp, amount_data, text, {"Mexico": "country"}), "76")
    assert a.claimant is None


def test_amounts_claimant_definite_noun_names_earlier_actor(nlp, amount_data):
    text = "The Finance Ministry met bankers. The ministry said 3.5 billion dlrs would arrive."
    a = one(amounts_in(nlp, amount_data, text, {"Finance Ministry": "organization"}), "3.5")
    assert a.claimant == "t0"


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Tens of thousands of people marched.", 10000, "person"),
        ("Hundreds of millions of dollars were spent.", 1e8, "USD"),
        ("A million people fled the city.", 1e6, "person"),
        ("Twenty-five trucks arrived.", 25, "truck"),
        ("The project costs Rs 500 crore.", 5e9, "INR"),
    ],
)
def test_amounts_spelled_and_vague_scales(nlp, amount_data, sentence, value, unit):
    found = amounts_in(nlp, amount_data, sentence)
    assert [(a.value, a.unit) for a in found] == [(pytest.approx(value), unit)]


@pytest.mark.parametrize(
    "sentence",
    ["The G-20 summit discussed F-16 jets and COVID-19 cases.", "He lives at 10 Downing Street."],
)
def test_amounts_numbers_inside_names(nlp, amount_data, sentence):
    assert amounts_in(nlp, amount_data, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The middle one-fifth paid little.", 0.2),
        ("Two thirds of voters agreed.", 2 / 3),
        ("It took three quarters of the budget.", 0.75),
    ],
)
def test_amounts_fractions_in_words(nlp, amount_data, sentence, value):
    found = amounts_in(nlp, amount_data, sentence)
    assert [a.value for a in found] == [pytest.approx(value)]


@pytest.mark.parametrize(
    ("sentence", "fragment", "unit"),
    [
        ("It raised its offer to 5.5 billion Canadian dlrs from 4.3 billion.", "4.3", "CAD"),
        ("Cruz was at 25 percent and Rubio at 14.", "14", "percent"),
        ("Output was 52 mln tonnes and will rise to 80 mln.", "80", "tonne"),
    ],
)
def test_amounts_elliptic_unit_from_previous_amount(nlp, amount_data, sentence, fragment, unit):
    assert one(amounts_in(nlp, amount_data, sentence), fragment).unit == unit


def test_amounts_day_range_does_not_inherit_a_unit(nlp, amount_data):
    found = amounts_in(nlp, amount_data, "The two sides meet in Washington from July 7 to 10.")
    assert [a.text for a in found] == ["two sides"]


def test_amounts_list_markers_and_headline_counts(nlp, amount_data):
    text = "5. ELEVEN POLICE KILLED IN BOMB ATTACK.\n\nAuthorities blame militants.\n\n6. GOVERNMENTS RECAST EFFORTS."
    found = amounts_in(nlp, amount_data, text)
    assert [(a.text, a.value, a.unit) for a in found] == [("ELEVEN POLICE", 11, "police")]
