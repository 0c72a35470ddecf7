"""The packaged reference data (``newsgraph/data/``): one loader for every file, and the list the data version hashes.

Every stage reads its rules and word lists through these functions, and ``data_version``
hashes exactly the files ``data_files`` lists, so a file the extractors read cannot change
without the version changing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

#: what a reference data file can be; the folder's README is documentation, not data
DATA_SUFFIXES = (".yaml", ".csv", ".jsonl", ".json")


class _CoreLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's booleans: only true and false.

    YAML 1.1 also reads yes/no/on/off/y/n as booleans, so the word lists' "no" (a negation) and "on" (a
    preposition) became False and True.
    """


_CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def parse_yaml(text: str) -> Any:
    """YAML text parsed safely, with only true/false as booleans (a word list's "no" and "on" stay words)."""
    return yaml.load(text, Loader=_CoreLoader)  # noqa: S506 - a SafeLoader subclass


def _root() -> Traversable:
    return resources.files("newsgraph") / "data"


def data_files() -> tuple[str, ...]:
    """Names of the reference data files, sorted."""
    return tuple(sorted(p.name for p in _root().iterdir() if p.is_file() and p.name.endswith(DATA_SUFFIXES)))


def read_bytes(name: str) -> bytes:
    """The bytes of one reference data file; raises ValueError for a name that is not one."""
    if name not in data_files():
        raise ValueError(f"not a reference data file: {name!r} (see newsgraph/data/README.md)")
    return (_root() / name).read_bytes()


def read_text(name: str) -> str:
    """The text of one reference data file (UTF-8)."""
    return read_bytes(name).decode("utf-8")


def load_yaml(name: str) -> Any:
    """A YAML data file, parsed with ``parse_yaml``."""
    return parse_yaml(read_text(name))


def load_csv(name: str) -> list[dict[str, str]]:
    """A CSV data file as one dict per row, keyed by the header."""
    return list(csv.DictReader(io.StringIO(read_text(name))))


def load_jsonl(name: str) -> list[Any]:
    """A JSON-lines data file, one value per non-blank line."""
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]
