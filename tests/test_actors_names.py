"""Surname folding and the stdlib Jaro-Winkler used to merge spelling variants of one person."""

from __future__ import annotations

import pytest

from newsgraph.extract.actors_names import fold_name, jaro_winkler, same_surname


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelensky", "Zelenskyy"), ("Zelenski", "Zelenskiy"), ("Mitterand", "Mitterrand"), ("Volodimir", "Wolodimir")],
)
def test_actors_names_fold_transliteration_variants(a, b):
    assert fold_name(a) == fold_name(b)


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
