"""A state whose CAMEO code changed over time (USRUKR until 1991, then UKR) is a country, not a person.

Phoenix lists such states with dated codes, the shape its people have; read as people, the
state's city aliases ("Chernobyl" for Ukraine) became elite persons acting in the news.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from newsgraph.extract.actors_petrarch import CodeRange, DictActor

CONVERTER = Path(__file__).resolve().parents[1] / "tools" / "convert_phoenix.py"


def _kind(record: DictActor) -> str:
    spec = importlib.util.spec_from_file_location("convert_phoenix", CONVERTER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._kind(record, "person")


def test_a_state_with_dated_codes_is_a_country():
    ranges = (CodeRange("USRSML", None, date(1991, 8, 24)), CodeRange("SML", date(1991, 8, 24), None))
    assert _kind(DictActor("SOMELAND", ("SOMELANDIAN",), ranges, None)) == "country"


def test_a_person_with_dated_codes_stays_a_person():
    assert _kind(DictActor("JOHN DOE", (), (CodeRange("SMLGOV", date(2001, 1, 1), None),), None)) == "person"


def test_a_city_alias_of_a_state_is_a_place_not_a_person(actors_of):
    actors = actors_of("Insurers blamed the Chernobyl accident for their losses this year.")
    assert not [a for a in actors if a.kind == "person"]
    assert all(a.kind == "place" for a in actors if a.country == "UKR")
