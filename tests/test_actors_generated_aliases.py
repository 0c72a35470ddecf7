"""Aliases the Phoenix converter derives by rule: short company names, persons without middle initials."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from newsgraph.extract.actors_data import norm_key

ROOT = Path(__file__).resolve().parents[1]


def _converter():
    spec = importlib.util.spec_from_file_location("convert_phoenix", ROOT / "tools" / "convert_phoenix.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_aliases_org_short_forms_drop_legal_suffixes_one_at_a_time():
    cp = _converter()
    assert cp._org_short_forms("Fjordvik Kraft ASA") == ["Fjordvik Kraft"]
    assert cp._org_short_forms("Halden & Co Ltd") == ["Halden & Co", "Halden"]
    assert cp._org_short_forms("Brannock Holdings") == []  # not a legal form
    assert cp._org_respelled("Brannock and Company") == ["Brannock and Co"]
    assert cp._org_respelled("Quillmere Corp") == ["Quillmere Corporation"]


def test_generated_aliases_person_forms_follow_naming_conventions():
    cp = _converter()
    assert cp._person_short_forms("Oswin T. Marlowe", "USA") == [("Oswin Marlowe", cp.RULE_INITIALS)]
    assert cp._person_short_forms("Oswin T. R. Marlowe", "GTM") == [("Oswin Marlowe", cp.RULE_INITIALS)]
    assert cp._person_short_forms("Oswin Teague Marlowe", "GBR") == [("Oswin Marlowe", cp.RULE_MIDDLE)]
    # two surnames, family name first, a syllable that looks like an initial: no short form
    assert cp._person_short_forms("Tomas Ilario Brenes", "CRI") == []
    assert cp._person_short_forms("Kwon O Dal", "KOR") == []
    assert cp._person_short_forms("Ahmed bin Tarek", "USA") == []


def test_generated_aliases_are_sourced_and_name_no_other_entry():
    rules = set()
    own: dict[str, set[str]] = {}
    generated: list[tuple[str, str]] = []
    with resources.files("newsgraph.data").joinpath("actors-phoenix-2014.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            coding = json.dumps([item["default"], item["codes"]])
            for phrase in (item["name"], *item["aliases"]):
                own.setdefault(norm_key(phrase), set()).add(coding)
            for g in item.get("generated", ()):
                assert g["alias"] and g["rule"], item["name"]
                rules.add(g["rule"])
                generated.append((norm_key(g["alias"]), coding))
    assert len(rules) == 4 and len(generated) > 3000
    codings: dict[str, set[str]] = {}
    for k, c in generated:  # an entry Phoenix lists twice with the same codes is one actor
        codings.setdefault(k, set()).add(c)
    assert all(len(c) == 1 for c in codings.values()), "one generated alias made for two actors"
    assert all(own.get(k, {c}) == {c} for k, c in generated), "a generated alias is another entry's name"


@pytest.mark.slow
def test_generated_aliases_resolve_in_text_with_dated_codes(nlp):
    from newsgraph.extract.actors import ActorData, extract_actors

    data = ActorData.load(nlp)

    def code(text: str, surface: str, day: date) -> str | None:
        start = text.index(surface)
        for actor in extract_actors(nlp(text), day, data):
            if any(s <= start < e for s, e in actor.mentions):
                return actor.code
        raise AssertionError(surface)

    text = "Statoil will drill two more wells next year, a company official said."
    assert code(text, "Statoil", date(1987, 3, 2)) == "MNCNOR"
    text = "On Tuesday Paul Volcker warned the bankers against lending more."
    assert code(text, "Paul Volcker", date(1987, 3, 2)) == "USAGOV"  # Fed chairman until August 1987 (Phoenix GOVBUS read as GOV)
    assert code(text, "Paul Volcker", date(1990, 3, 2)) == "USAELI"  # out of office after it
