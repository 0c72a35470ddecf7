"""The one loader of the packaged reference data, and the data version over the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import data_files
from newsgraph.data_version import data_version

DATA = Path(data_files.__file__).parent / "data"


def test_data_files_lists_every_data_file_and_not_the_readme():
    on_disk = sorted(p.name for p in DATA.iterdir() if p.is_file() and p.name != "README.md")
    assert list(data_files.data_files()) == on_disk
    assert "README.md" not in data_files.data_files()


def test_data_files_refuses_a_name_outside_the_list():
    with pytest.raises(ValueError, match="not a reference data file"):
        data_files.read_text("README.md")
    with pytest.raises(ValueError):
        data_files.read_text("../data_version.py")


def test_data_files_version_follows_the_listed_files(monkeypatch):
    before = data_version()
    data_version.cache_clear()
    monkeypatch.setattr("newsgraph.data_version.data_files", lambda: data_files.data_files()[:-1])
    try:
        assert data_version() != before
    finally:
        data_version.cache_clear()


def test_data_files_loads_each_format():
    assert data_files.load_yaml("timex-2026-11.yaml")["version"] == "2026-11"
    rows = data_files.load_csv("tone-lexicon-2026-11.csv")
    assert {"word", "polarity", "source"} <= set(rows[0])
    assert all(isinstance(r, dict) for r in data_files.load_jsonl("event-patterns-newsgraph-2026-11.jsonl"))


def test_data_files_yaml_words_no_and_on_stay_words() -> None:
    # YAML 1.1 reads no/on/yes/off as booleans; a negation list and a preposition list need them as words
    from newsgraph.data_files import parse_yaml

    assert parse_yaml("words: [not, no, on, off, yes, y, n]\nflag: true\nother: False") == {
        "words": ["not", "no", "on", "off", "yes", "y", "n"],
        "flag": True,
        "other": False,
    }


def test_data_files_no_word_list_holds_a_boolean() -> None:
    # every boolean in the YAML data is a flag keyed by name, never an item of a list of words
    from newsgraph.data_files import data_files, load_yaml

    def items(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from items(v)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, bool):
                    yield v
                yield from items(v)

    found = {name: list(items(load_yaml(name))) for name in data_files() if name.endswith(".yaml")}
    assert not any(found.values()), {k: v for k, v in found.items() if v}
