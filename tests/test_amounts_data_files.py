"""The amount and dispute vocabularies load as plain strings (YAML 1.1 reads bare off/no/yes as booleans)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

FILES = ["amount-units-2026-11.yaml", "dispute-cues-2026-11.yaml"]


def booleans(value: Any, path: str = "") -> list[str]:
    if isinstance(value, bool):
        return [path]
    if isinstance(value, dict):
        keys = [f"{path}/{k}" for k in value if isinstance(k, bool)]
        return keys + [p for k, v in value.items() for p in booleans(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in booleans(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("name", FILES)
def test_amounts_data_files_have_no_yaml_booleans(name):
    raw = yaml.safe_load(resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8"))
    assert booleans(raw) == []


@pytest.mark.parametrize("name", FILES)
def test_amounts_data_files_name_their_sources(name):
    raw = yaml.safe_load(resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8"))
    for key, section in raw.items():
        if key == "version":
            continue
        entries = section if isinstance(section, list) else [section]
        assert all("source" in e for e in entries), key
