"""Dyad sums count what happened: a feared, denied or hypothetical invasion is not an invasion."""

from __future__ import annotations

from pathlib import Path

from newsgraph.query.analytics import dyad_series
from newsgraph.records import Actor, Analysis, Document, Event, Evidence
from newsgraph.store.segments import Store

TEXT = "Russia shelled Kharkiv. Russia may invade Ukraine. Russia did not attack Kyiv. Russia threatened Ukraine."


def event(code: str, quad: int, goldstein: float, modality: str) -> Event:
    return Event("a1", "a2", code, code, quad, goldstein, modality, "2022-02-21", Evidence(0, 22))  # type: ignore[arg-type]


def test_analytics_dyad_counts_only_occurred_events(tmp_path: Path) -> None:
    analysis = Analysis(
        document=Document(id="d1", text=TEXT, published="2022-02-21"),
        actors=(
            Actor("a1", "Russia", "RUS", "RUS", None, "country", ((0, 6),)),
            Actor("a2", "Ukraine", "UKR", "UKR", None, "country", ((43, 50),)),
        ),
        events=(
            event("195", 4, -10.0, "asserted"),
            event("192", 4, -9.0, "hypothetical"),
            event("190", 4, -10.0, "negated"),
            event("138", 3, -7.0, "planned"),  # a threat is an act of saying: it happened
        ),
    )
    store = Store(tmp_path / "s")
    store.write([analysis])
    [point] = [p for p in dyad_series(store, "RUS", "UKR", by="week") if p.events]
    assert point.events == 2
    assert point.goldstein_sum == -17.0
