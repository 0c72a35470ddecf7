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
