"""GDELT 2.0 export: 61 columns that read back with the published names and column types."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsgraph.export import (
    GDELT_EVENT_COLUMNS,
    ActorCodeTables,
    _date_fields,
    action_geo,
    global_event_id,
    write_gdelt_events,
)
from newsgraph.records import Actor, Analysis, Document, Event, Evidence, Location

TEXT = "Russia criticized the United States on Monday. Putin will meet Biden."
# as extract/places.py writes them: the GeoNames features of Moscow and of the United States
MOSCOW = Location("Moscow", "RUS", 55.75204, 37.61781, "geonames:524901", 0, 6)
USA = Location("the United States", "USA", 37.77, -91.9, "geonames:6252001", 18, 35)


def _analysis() -> Analysis:
    actors = (
        Actor("a0", "Kremlin", "RUSGOV", "RUS", "GOV", "organization", ((0, 6),)),
        Actor("a1", "NATO", "IGOWSTNAT", None, "IGO", "organization", ((22, 35),)),
    )
    events = (
        Event(
            "a0", "a1", "111", "Criticize or denounce", 3, -2.0, "asserted", "2021-12-06", Evidence(0, 35),
            confidence=0.75, location=MOSCOW,
        ),
        Event(
            "a0", None, "1312", "Threaten with sanctions", 3, -5.8, "reported", "2021-11", Evidence(0, 17),
            location=USA,
        ),
        Event("a0", "a1", "040", "Consult", 1, 1.0, "planned", "2021-12-07", Evidence(47, 68)),
    )
    doc = Document(id="doc1", text=TEXT, url="https://example.org/a", published="2021-12-06")
    return Analysis(document=doc, actors=actors, events=events)


def _types(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        return {row["name"]: row["type"] for row in csv.DictReader(fh)}


def _check(value: str, kind: str) -> bool:
    if value == "":
        return True
    try:
        {"INTEGER": int, "FLOAT": float, "STRING": str}[kind](value)
    except ValueError:
        return False
    return True


def test_export_gdelt_columns_and_types_match_the_published_export(tmp_path: Path, shared_data: Path) -> None:
    out, ev = tmp_path / "events.CSV", tmp_path / "events.evidence.jsonl"
    n = write_gdelt_events([_analysis()], out, ev)
    assert n == 2  # the planned meeting is not a GDELT event
    types = _types(shared_data / "gdelt" / "schema" / "events2.csv")
    assert tuple(types) == GDELT_EVENT_COLUMNS
    real = (shared_data / "gdelt" / "20150218230000.export.CSV").read_text(encoding="utf-8").splitlines()[:200]
    ours = out.read_text(encoding="utf-8").splitlines()
    for line in real + ours:
        values = line.split("\t")
        assert len(values) == 61
        for name, value in zip(GDELT_EVENT_COLUMNS, values):
            assert _check(value, types[name]), (name, value)
    rows = [dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"))) for line in ours]
    first = rows[0]
    assert (first["Actor1Code"], first["Actor1CountryCode"], first["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert (first["Actor2Type1Code"], first["Actor2KnownGroupCode"], first["Actor2CountryCode"]) == ("IGO", "NAT", "")
    assert (first["SQLDATE"], first["EventRootCode"], first["QuadClass"], first["SOURCEURL"]) == ("20211206", "11", "3", "https://example.org/a")
    assert rows[1]["SQLDATE"] == "20211101" and rows[1]["Actor2Code"] == ""
    assert first["FractionDate"] == "2021.9205"  # (11 * 30 + 6) / 365, as GDELT computes 20140218 -> 2014.1315
    evidence = [json.loads(x) for x in ev.read_text(encoding="utf-8").splitlines()]
    assert [e["GLOBALEVENTID"] for e in evidence] == [int(r["GLOBALEVENTID"]) for r in rows]
    assert evidence[0]["text"] == TEXT[0:35]
    # the event's place reads back from the ActionGeo columns, and its record from the evidence file
    geo = {k[len("ActionGeo_") :]: v for k, v in first.items() if k.startswith("ActionGeo_")}
    assert geo == {
        "Type": "4", "FullName": "Moscow, Russia", "CountryCode": "RS", "ADM1Code": "RS48", "ADM2Code": "",
        "Lat": "55.752", "Long": "37.6178", "FeatureID": "524901",
    }  # fmt: skip
    assert (float(geo["Lat"]), float(geo["Long"])) == pytest.approx((MOSCOW.lat, MOSCOW.lon), abs=1e-4)
    assert rows[1]["ActionGeo_Type"] == "1" and rows[1]["ActionGeo_CountryCode"] == "US"
    assert rows[1]["ActionGeo_FeatureID"] == "US" and rows[1]["ActionGeo_FullName"] == "United States"
    assert Location(**evidence[0]["location"]) == MOSCOW and evidence[1]["location"]["feature"] == USA.feature
    assert (evidence[0]["confidence"], evidence[1]["confidence"]) == (0.75, 1.0)


def test_export_action_geo_matches_gdelt_conventions(shared_data: Path) -> None:
    """Mumbai and a US state written as GDELT writes them (the sample export's Mumbai row: IN, IN16)."""
    from newsgraph.extract.gazetteer import load_gazetteer

    places = load_gazetteer()
    mumbai = max((p for p in places.lookup("Mumbai") if p.kind == "city"), key=lambda p: p.population)
    sample = (shared_data / "gdelt" / "20150218230000.export.CSV").read_text(encoding="utf-8").splitlines()
    rows = (dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"))) for line in sample)
    theirs = next(r for r in rows if r["ActionGeo_FullName"] == "Mumbai, Maharashtra, India")
    ours = action_geo(Location("Mumbai", "IND", mumbai.lat, mumbai.lon, mumbai.feature, 0, 6), places)
    for column in ("ActionGeo_Type", "ActionGeo_CountryCode", "ActionGeo_ADM1Code"):
        assert ours[column] == theirs[column], column
    assert abs(float(ours["ActionGeo_Lat"]) - float(theirs["ActionGeo_Lat"])) < 0.2
    texas = places.states["TX"]
    geo = action_geo(Location("Texas", "USA", texas.lat, texas.lon, texas.feature, 0, 5), places)
    columns = (geo["ActionGeo_Type"], geo["ActionGeo_ADM1Code"], geo["ActionGeo_FullName"])
    assert columns == ("2", "USTX", "Texas, United States")
    assert action_geo(None, places) == {"ActionGeo_Type": "0"}


def test_export_global_event_id_is_stable_and_distinct() -> None:
    a = _analysis()
    ids = [global_event_id("doc1", e) for e in a.events]
    assert ids == [global_event_id("doc1", e) for e in a.events]
    assert len(set(ids)) == 3 and all(0 < i < 2**63 for i in ids)
    assert global_event_id("doc2", a.events[0]) != ids[0]


def test_export_actor_code_split() -> None:
    tables = ActorCodeTables.load()
    cols = tables.split(Actor("x", "Ukrainian army", "UKRMIL", None, "MIL", "organization"))
    assert (cols.country, cols.types[0]) == ("UKR", "MIL")
    assert tables.split(None).code == ""


@pytest.mark.parametrize("modality", ["planned", "hypothetical", "negated", "demanded"])
def test_export_skips_events_that_did_not_happen(tmp_path: Path, modality: str) -> None:
    base = _analysis()
    ev = Event("a0", "a1", "192", "Occupy territory", 4, -9.5, modality, None, Evidence(0, 6))  # type: ignore[arg-type]
    a = Analysis(document=base.document, actors=base.actors, events=(ev,))
    assert write_gdelt_events([a], tmp_path / "o.csv", tmp_path / "o.jsonl") == 0


def test_export_dates_a_week_by_its_monday_and_a_month_by_its_first_day() -> None:
    assert _date_fields("2022-W09")[0] == "20220228"
    assert _date_fields("2021-11")[:3] == ("20211101", "202111", "2021")
    assert _date_fields("2021-12-06")[0] == "20211206"
    assert _date_fields("2021")[0] == "20210101"


def test_export_sourceurl_is_the_url_never_the_input_file(tmp_path: Path) -> None:
    from dataclasses import replace

    base = _analysis()
    local = Analysis(document=replace(base.document, url=None, source="/home/me/news/a.txt"), actors=base.actors,
                     events=base.events)  # fmt: skip
    out = tmp_path / "o.csv"
    write_gdelt_events([base, replace(local, document=replace(local.document, id="doc2"))], out, tmp_path / "o.jsonl")
    urls = [dict(zip(GDELT_EVENT_COLUMNS, line.split("\t")))["SOURCEURL"] for line in out.read_text().splitlines()]
    assert urls == ["https://example.org/a", "https://example.org/a", "", ""]
