"""Name keys, surname folding, the stdlib Jaro-Winkler used to merge spelling variants of one
person, and the name words of actor-names-2026-12.yaml."""

from __future__ import annotations

import pytest

from newsgraph.extract.actors_names import ActorWords, fold_name, jaro_winkler, norm_key, same_surname
from newsgraph.extract.function_words import FunctionWords


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelensky", "Zelenskyy"), ("Zelenski", "Zelenskiy"), ("Mitterand", "Mitterrand"), ("Volodimir", "Wolodimir")],
)
def test_actors_names_fold_transliteration_variants(a, b):
    assert fold_name(a) == fold_name(b)


def test_actors_names_norm_key_folds_accents_case_and_punctuation():
    assert norm_key("U. S.") == norm_key("US") == "us"
    assert norm_key("Pérez-Ríos") == "perezrios"


def test_actors_names_jaro_winkler_reference_values():
    # Winkler's textbook pairs (Winkler 1990): MARTHA/MARHTA 0.961, DIXON/DICKSONX 0.813.
    assert round(jaro_winkler("martha", "marhta"), 3) == 0.961
    assert round(jaro_winkler("dixon", "dicksonx"), 3) == 0.813
    assert jaro_winkler("abc", "xyz") == 0.0


def test_actors_names_same_surname_needs_long_close_names():
    assert same_surname("kortunov", "kortunov")
    assert same_surname("petrovsky", "petrovski")
    assert not same_surname("lee", "li")
    assert not same_surname("ivanov", "smirnov")


def test_actors_names_words_plurals_from_the_data_file():
    words = ActorWords.load()
    assert [words.plural_agent(w) for w in ["spokesman", "deputy", "envoy", "coach", "rebel"]] == [
        "spokesmen", "deputies", "envoys", "coaches", "rebels"
    ]
    assert [words.plural_demonym(w) for w in ["Ukrainian", "Japanese", "Welsh", "Yemeni", "Frenchman"]] == [
        "Ukrainians", "", "", "", "Frenchmen"
    ]


def test_actors_names_words_are_strings_and_determiners_come_from_function_words():
    words = ActorWords.load()
    # "on" is a YAML 1.1 boolean unless quoted: "Council on Foreign Relations" keeps its connector
    assert "on" in words.connectors and all(isinstance(w, str) for w in words.connectors)
    assert words.standalone_particles <= words.particles
    fw = FunctionWords.load()
    assert words.definite_determiners == fw.definite_articles | fw.demonstrative_words(number="singular")


def test_actors_names_surname_tagged_as_a_firm_joins_the_full_name(nlp):
    # the tagger can read a lone surname as an organization ("Korvel said"); it is the person named in full before
    from newsgraph.extract.actors import _Mention, _surnames_to_full_names

    doc = nlp("Trade Minister Anna Korvel arrived on Monday. Korvel said talks would resume.")
    full = _Mention(2, 4, "Anna Korvel", "NORGOV", "person", "person:korvel")
    lone = _Mention(8, 9, "Korvel", None, "organization", "org:korvel:None")
    coded_firm = _Mention(8, 9, "Korvel", "NORBUS", "organization", "org:korvel:NORBUS")
    merged = _surnames_to_full_names(doc, [full, lone])
    assert (merged[1].key, merged[1].kind) == ("person:korvel", "person")
    assert _surnames_to_full_names(doc, [full, coded_firm])[1].kind == "organization"  # a coded firm stays one
