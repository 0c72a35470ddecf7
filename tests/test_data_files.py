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
