"""A titled person with no dictionary entry does not take the country an act is aimed at."""

from __future__ import annotations

from newsgraph.extract.actors import extract_actors


def codes_of(nlp, knowledge, text: str) -> dict[str, str | None]:
    return {a.name: a.code for a in extract_actors(nlp(text), None, knowledge.actors)}


def test_actors_setting_target_country_is_not_the_persons(nlp, knowledge):
    codes = codes_of(nlp, knowledge, "Archbishop Olav Fykse on Sunday called for sanctions against Nigeria.")
    assert not any((c or "").startswith("NGA") for n, c in codes.items() if "Fykse" in n)


def test_actors_setting_country_named_after_a_title_still_counts(nlp, knowledge):
    codes = codes_of(nlp, knowledge, "Defence Minister Hans Olsen said Norway would send troops.")
    assert any((c or "").startswith("NOR") for n, c in codes.items() if "Olsen" in n)


def test_actors_setting_a_country_the_text_aims_at_anywhere_is_not_the_officials(nlp, knowledge):
    # the only country named is the target of the first sentence: no evidence for the spokesman of a pact
    text = "Brazil accused Peru of breaking a fishing accord. Andean Pact spokesman Jorge Salas told reporters."
    codes = codes_of(nlp, knowledge, text)
    assert not any((c or "")[:3] in ("PER", "BRA") for n, c in codes.items() if "Salas" in n)


def test_actors_setting_a_place_travelled_to_is_not_the_ministers(nlp, knowledge):
    codes = codes_of(nlp, knowledge, "Trade Secretary Harold Benning arrived in Seoul on Sunday for talks.")
    assert not any((c or "").startswith("KOR") for n, c in codes.items() if "Benning" in n)


def test_actors_setting_the_documents_country_not_aimed_at_is_the_officials(nlp, knowledge):
    # two countries near the minister: the one aimed at ("with the United States") is the other side, the
    # other is the one the document is about
    text = (
        "SOUTH KOREA TO CUT FARM TARIFFS\n\n"
        "South Korea will cut tariffs on farm goods to ease friction with the United States, Deputy Prime "
        "Minister Park Jae-won said.\n\nThe cuts will help South Korea's exporters, he said."
    )
    codes = codes_of(nlp, knowledge, text)
    assert next(c for n, c in codes.items() if "Park" in n) == "KORGOV"  # the whole title, not "deputy" (COP)


def test_actors_setting_two_countries_on_the_same_side_leave_the_official_unknown(nlp, knowledge):
    text = "South Korea and Japan will cut tariffs on farm goods, Deputy Prime Minister Park Jae-won said."
    codes = codes_of(nlp, knowledge, text)
    assert next(c for n, c in codes.items() if "Park" in n) is None


def test_actors_setting_a_title_the_parser_cut_off_still_names_the_country(nlp, knowledge):
    text = ("Chile and the UAE have agreed to expand trade, UAE Minister of State for Foreign Affairs "
            "Hamad Saeed al-Karimi said today.")
    codes = codes_of(nlp, knowledge, text)
    assert next(c for n, c in codes.items() if "Karimi" in n) == "AREGOV"


def test_actors_setting_a_place_before_a_title_is_not_part_of_it(nlp, knowledge):
    codes = codes_of(nlp, knowledge, "Speaking in Paris Trade Minister Olav Brekke said tariffs would fall.")
    assert not (next(c for n, c in codes.items() if "Brekke" in n) or "").startswith("FRA")
