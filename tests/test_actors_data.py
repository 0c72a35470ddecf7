"""The actor data files: every entry names its source, codes are CAMEO-shaped, dates ordered."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from importlib import resources

import yaml

DATA = resources.files("newsgraph.data")
CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def _yaml(name: str) -> dict:
    return yaml.safe_load(DATA.joinpath(name).read_text(encoding="utf-8"))


def test_actors_data_curated_entries_have_sources_codes_and_ordered_dates():
    for item in _yaml("actors-leaders-2026-11.yaml")["actors"]:
        assert item.get("source"), item["name"]
        assert item.get("default") is None or CODE.match(item["default"]), item["name"]
        for code, start, end in item.get("codes", []):
            assert CODE.match(code), (item["name"], code)
            assert isinstance(start, date) and (end is None or start <= end), (item["name"], start, end)


def test_actors_data_agents_and_context_are_sourced():
    for item in _yaml("agents-2026-11.yaml")["agents"]:
        assert item.get("source") and CODE.match(item["role"]), item
    context = _yaml("actor-context-2026-11.yaml")
    assert {"locative_prepositions", "former_words", "honorifics"} <= set(context)


def test_actors_data_csv_and_converted_files_are_sourced():
    for name in ("countries-2026-11.csv", "places-capitals-2026-11.csv"):
        with DATA.joinpath(name).open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows and all(r["source"] and re.match(r"^[A-Z]{3}$", r["iso3"]) for r in rows), name
    for name in ("actors-phoenix-2014.jsonl", "agents-phoenix-2014.jsonl"):
        with DATA.joinpath(name).open(encoding="utf-8") as fh:
            first = [json.loads(next(fh)) for _ in range(50)]
        assert all(item["source"].startswith("openeventdata/petrarch2@") for item in first), name
