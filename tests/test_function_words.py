"""The shared function words: the file, the selections the stages make, and one copy per Knowledge."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.data_files import load_yaml
from newsgraph.extract.function_words import DATA_FILE, FunctionWords


def _booleans(value: Any, path: str = "") -> list[str]:
    """Paths of YAML 1.1 booleans ('no', 'on' read as False/True) anywhere in a parsed file."""
    if isinstance(value, bool):
        return [path]
    if isinstance(value, dict):
        keys = [f"{path}/{k}" for k in value if isinstance(k, bool)]
        return keys + [p for k, v in value.items() for p in _booleans(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _booleans(v, f"{path}[{i}]")]
    return []


def test_function_words_file_names_sources_and_reads_as_strings():
    raw = load_yaml(DATA_FILE)
    assert raw["version"] in DATA_FILE
    assert all(section.get("source") for key, section in raw.items() if key != "version")
    assert _booleans(raw) == []


def test_function_words_selections():
    words = FunctionWords.load()
    assert words.numbers(["ones"])["nine"] == 9
    assert words.numbers(["teens", "tens"]) == {**words.cardinals["teens"], **words.cardinals["tens"]}
    assert words.pronoun_words(person=3, number="singular", gender="neuter", case="subject") == {"it"}
    assert words.pronoun_words(person=1, case="object") == {"me", "us"}
    assert words.demonstrative_words(number="singular") == {"this", "that"}
    assert words.demonstrative_words(distance="near", number="singular") == {"this"}
    assert words.relatives("thing", "any", "none") == {"which", "that", "what"}
    assert words.relatives("person", "thing", "any") == {"who", "which", "that"}


def test_function_words_unknown_cardinal_group_is_an_error():
    with pytest.raises(ValueError, match="unknown cardinal group"):
        FunctionWords.load().numbers(["ones", "gazillions"])


def test_function_words_feed_the_stages_number_tables(knowledge):
    cardinals = knowledge.words.numbers(["ones", "teens", "tens"])
    timex_numbers = knowledge.dates.vocab["number"]
    assert cardinals.items() <= timex_numbers.items()
    assert {"a", "couple", "half", "dozen", "hundred"} <= set(timex_numbers)
    assert "zero" not in timex_numbers  # 'zero days' is not a duration the rule file reads
    amounts = knowledge.amounts.number_words
    assert {w: float(v) for w, v in cardinals.items()}.items() <= amounts.items()
    assert amounts["zero"] == 0 and amounts["hundred"] == 100
    assert knowledge.amounts.multipliers["hundred"] == 100 and "m" not in knowledge.amounts.multipliers


def test_function_words_loaded_once_per_knowledge(knowledge):
    assert knowledge.dates.function_words is knowledge.words
    assert knowledge.claims.amounts is knowledge.amounts
