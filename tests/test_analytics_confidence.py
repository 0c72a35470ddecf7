"""Confidence thresholds and places in the corpus views: analytics, `dyad` and `alerts`, the API.

The store is built by hand: ten quiet weeks of confident Russia–US cooperation in Geneva, then
one hostile week whose events the coder rated 0.3. At the default threshold (0.5) the hostile
week does not count, so there is no alert; at 0.3 or below it counts and makes one.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_analytics_dyads import MONDAY, article
from typer.testing import CliRunner

from newsgraph.query.analytics import AnalyticsError, alerts, dyad_places, dyad_series, find_events
from newsgraph.cli.main import app
from newsgraph.records import Analysis, Location
from newsgraph.store.segments import Store
from newsgraph.store.rows import DEFAULT_MIN_CONFIDENCE, confidence_band

GENEVA = Location("Geneva", "CHE", 46.20222, 6.14569, "geonames:2660646", 0, 6)
KYIV = Location("KYIV", "UKR", 50.45466, 30.5238, "geonames:703448", 0, 4)
HOSTILE_WEEK = MONDAY + timedelta(weeks=10)


def _with(a: Analysis, confidence: float, location: Location) -> Analysis:
    events = tuple(dataclasses.replace(e, confidence=confidence, location=location) for e in a.events)
    return dataclasses.replace(a, events=events)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("conf") / "s")
    items = [_with(article(i, MONDAY + timedelta(weeks=i), [1, 1, 2, 3], 1.0), 0.9, GENEVA) for i in range(10)]
    hostile = article(10, HOSTILE_WEEK + timedelta(days=2), [4, 4, 4, 3], polarity=-3.0)
    items.append(_with(hostile, 0.3, KYIV))
    s.write(items, segment_size=4)
    return s


def test_analytics_confidence_dyad_series_counts_only_confident_events(store: Store) -> None:
    counted = {p.period: p.events for p in dyad_series(store, "RUS", "USA", fill=False)}
    assert HOSTILE_WEEK not in counted and sum(counted.values()) == 40
    everything = {p.period: p.events for p in dyad_series(store, "RUS", "USA", fill=False, min_confidence=0.0)}
    assert everything[HOSTILE_WEEK] == 4
    top = dyad_series(store, "RUS", "USA", fill=False, min_confidence=0.0)[-1].top_events[0]
    assert (top.confidence, top.location_name, top.location_country) == (0.3, "KYIV", "UKR")


def test_analytics_confidence_alerts_use_the_banded_weekly_sums(store: Store) -> None:
    assert alerts(store, k=2.0, window=8) == []
    found = alerts(store, k=2.0, window=8, min_confidence=0.3)
    assert [(x.a, x.b, x.week) for x in found] == [("RUS", "USA", HOSTILE_WEEK)]
    assert found[0].top_events and all(e.confidence == 0.3 for e in found[0].top_events)
    assert alerts(store, k=2.0, window=8, min_confidence=0.4) == []
    with pytest.raises(AnalyticsError, match="per 0.1 of confidence"):
        alerts(store, min_confidence=0.25)


def test_analytics_confidence_band_edges() -> None:
    assert [confidence_band(t) for t in (0.0, 0.1, 0.3, 0.7, 1.0)] == [0, 1, 3, 7, 10]
    with pytest.raises(ValueError):
        confidence_band(1.5)


def test_analytics_confidence_find_events_and_places(store: Store) -> None:
    assert {e.confidence for e in find_events(store, dyad="RUS-USA", limit=100)} == {0.9}
    assert len(find_events(store, dyad="RUS-USA", limit=100, min_confidence=0.0)) == 44
    places = dyad_places(store, "USA", "RUS")
    assert [(p.name, p.country, p.events, p.articles) for p in places] == [("Geneva", "CHE", 40, 10)]
    places = dyad_places(store, "USA", "RUS", min_confidence=0.0)
    assert [(p.name, p.events) for p in places] == [("Geneva", 40), ("KYIV", 4)]
    assert places[1].lat == pytest.approx(50.45466)


def test_analytics_confidence_cli_options(store: Store) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--store", str(store.root)], env={"COLUMNS": "160"})
        assert result.exit_code == 0, result.output
        return result.stdout

    table = run("dyad", "RUS", "USA")
    assert "Places" in table and "Geneva" in table and "KYIV" not in table
    assert "KYIV" in run("dyad", "RUS", "USA", "--min-confidence", "0")
    weeks = [json.loads(line)["period"] for line in run("dyad", "RUS", "USA", "-f", "json").splitlines()]
    assert HOSTILE_WEEK.isoformat() not in weeks
    lines = run("dyad", "RUS", "USA", "-f", "json", "--min-confidence", "0.3").splitlines()
    weeks = [json.loads(line)["period"] for line in lines]
    assert HOSTILE_WEEK.isoformat() in weeks
    assert "no alerts" in runner.invoke(app, ["alerts", "--store", str(store.root)]).output
    alerted = [json.loads(line) for line in run("alerts", "--min-confidence", "0.3", "-f", "json").splitlines()]
    assert [(x["a"], x["b"], x["week"]) for x in alerted] == [("RUS", "USA", HOSTILE_WEEK.isoformat())]
    bad = runner.invoke(app, ["alerts", "--min-confidence", "0.25", "--store", str(store.root)])
    assert bad.exit_code != 0 and "per 0.1 of confidence" in bad.output and len(bad.output.strip().splitlines()) == 1


def test_analytics_confidence_cli_default_matches_the_store() -> None:
    from newsgraph import library
    from newsgraph.cli.corpus import CONFIDENCE_DEFAULT

    assert CONFIDENCE_DEFAULT == DEFAULT_MIN_CONFIDENCE
    assert library.DEFAULT_MIN_CONFIDENCE == DEFAULT_MIN_CONFIDENCE


def test_analytics_confidence_api_parameters(store: Store) -> None:
    from newsgraph.api.app import create_app

    client = TestClient(create_app(store))
    points = client.get("/dyads/RUS/USA").json()["points"]
    assert sum(p["events"] for p in points) == 40
    points = client.get("/dyads/RUS/USA", params={"min_confidence": 0}).json()["points"]
    assert sum(p["events"] for p in points) == 44
    assert client.get("/alerts").json() == []
    assert len(client.get("/alerts", params={"min_confidence": 0.3}).json()) == 1
    assert client.get("/alerts", params={"min_confidence": 0.25}).status_code == 422
    assert client.get("/dyads/RUS/USA", params={"min_confidence": 2}).status_code == 422
    places = client.get("/dyads/RUS/USA/places", params={"min_confidence": 0}).json()
    assert [(p["name"], p["events"], p["feature"]) for p in places] == [
        ("Geneva", 40, GENEVA.feature), ("KYIV", 4, KYIV.feature),
    ]  # fmt: skip
    events = client.get("/events", params={"dyad": "RUS-USA", "limit": 100}).json()["items"]
    assert len(events) == 40 and {e["location_name"] for e in events} == {"Geneva"}
    events = client.get("/events", params={"dyad": "RUS-USA", "limit": 100, "min_confidence": 0}).json()["items"]
    assert len(events) == 44 and {e["confidence"] for e in events} == {0.9, 0.3}
    assert client.get("/dyads").json()["items"][0]["events"] == 40
    doc = client.get("/documents/doc010").json()
    assert doc["events"][0]["confidence"] == 0.3 and doc["events"][0]["location"]["name"] == "KYIV"


def test_analytics_confidence_segments_from_before_confidence_count_fully(tmp_path: Path) -> None:
    """A store written before events had a confidence (and dyad_weeks a band) counts its events as 1.0."""
    import json as json_module

    import pyarrow.parquet as pq

    s = Store(tmp_path / "old")
    items = [article(i, MONDAY + timedelta(weeks=i), [1, 1, 2, 3], 1.0) for i in range(10)]
    items.append(article(10, HOSTILE_WEEK + timedelta(days=2), [4, 4, 4, 3], polarity=-3.0))
    s.write(items, segment_size=4)
    expected = (len(dyad_series(s, "RUS", "USA", fill=False)), [(x.a, x.b, x.week) for x in alerts(s)])
    for seg in s.segment_dirs()[:2]:  # as schema 3 and before wrote them
        events = pq.read_table(seg / "events.parquet")
        pq.write_table(events.drop_columns(["confidence"]), seg / "events.parquet")
        weeks = pq.read_table(seg / "dyad_weeks.parquet")
        pq.write_table(weeks.drop_columns(["band"]), seg / "dyad_weeks.parquet")
        manifest = json_module.loads((seg / "manifest.json").read_text())
        manifest.pop("files", None)  # schema 3 manifests recorded no file sizes or hashes
        (seg / "manifest.json").write_text(json_module.dumps({**manifest, "schema": 3}))
    assert (len(dyad_series(s, "RUS", "USA", fill=False)), [(x.a, x.b, x.week) for x in alerts(s)]) == expected
    assert expected[1] == [("RUS", "USA", HOSTILE_WEEK)]
    assert {e.confidence for e in find_events(s, dyad="RUS-USA", limit=100)} == {1.0}
