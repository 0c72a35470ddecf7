"""The GKG 2.1 Amounts field built from Amount records (no model needed)."""

from __future__ import annotations

from newsgraph.extract.amounts import gkg_amounts
from newsgraph.records import Amount


def test_amounts_gkg_blocks_value_object_offset():
    amounts = [
        Amount(text="94,000 troops", start=433, end=446, value=94000.0, unit="troop"),
        Amount(text="$1.5 billion", start=10, end=22, value=1.5e9, unit="USD"),
        Amount(text="2.5 kg", start=50, end=56, value=2.5, unit="kg"),
    ]
    assert gkg_amounts(amounts) == "94000,troop,433;1500000000,USD,10;2.5,kg,50;"


def test_amounts_gkg_skips_percentages_and_unknown_values():
    amounts = [
        Amount(text="40%", start=0, end=3, value=40.0, unit="percent"),
        Amount(text="some", start=5, end=9, value=None, unit=None),
    ]
    assert gkg_amounts(amounts) == ""


def test_amounts_gkg_object_has_no_field_separators():
    field = gkg_amounts([Amount(text="3 a,b", start=1, end=6, value=3.0, unit="a,b;c")])
    assert field == "3,a b c,1;"
