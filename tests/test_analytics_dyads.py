"""Analytics: dyad series, alerts, actor summary and searches over hand-built Analyses."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from newsgraph.query.analytics import (
    AnalyticsError,
    actor_summary,
    alerts,
    dyad_series,
    find_documents,
    find_events,
    find_quotes,
    top_actors,
)
from newsgraph.records import Actor, Analysis, Document, Event, Evidence, Quote, Tone
from newsgraph.store.segments import Store

CODES = {1: ("043", "Rally support", 2.8), 2: ("071", "Provide economic aid", 7.4),
         3: ("111", "Criticize or denounce", -2.0), 4: ("190", "Use conventional military force", -10.0)}  # fmt: skip


def article(n: int, day: date, quads: list[int], polarity: float = 0.0, event_date: str | None = None) -> Analysis:
    """An article in which Russia acts on the United States once per quad class given; Putin speaks."""
    text = f"Putin said: \"We will answer.\" Russia and the United States met. Article {n}."
    events = tuple(
        Event("a1", "a2", CODES[q][0], CODES[q][1], q, CODES[q][2], "asserted", event_date, Evidence(30, 64))
        for q in quads
    )
    return Analysis(
        document=Document(id=f"doc{n:03d}", text=text, published=day.isoformat(), title=f"Title {n}"),
        actors=(
            Actor("a1", "Russia", "RUS", "RUS", None, "country", ((30, 36),)),
            Actor("a2", "United States", "USA", "USA", None, "country", ((41, 54),)),
            Actor("a3", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person", ((0, 5),)),
        ),
        quotes=(Quote(text="We will answer.", start=12, end=27, kind="direct", speaker="a3"),),
        events=events,
        tone=Tone(polarity=polarity),
    )


MONDAY = date(2021, 11, 1)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "s")
    items = [article(i, MONDAY + timedelta(weeks=i), [1, 1, 2, 3], polarity=1.0) for i in range(10)]
    items.append(article(10, MONDAY + timedelta(weeks=10, days=2), [4, 4, 4, 3], polarity=-3.0))
    s.write(items, segment_size=4)
    return s


def test_analytics_dyad_series_weekly_counts_and_means(store: Store) -> None:
    points = dyad_series(store, "USA", "RUS")
    assert len(points) == 11 and points[0].period == MONDAY
    first = points[0]
    assert (first.quads.verbal_cooperation, first.quads.material_cooperation, first.quads.verbal_conflict) == (2, 1, 1)
    assert first.events == 4 and first.articles == 1
    assert first.goldstein_sum == pytest.approx(2.8 * 2 + 7.4 - 2.0)
    assert first.goldstein_mean == pytest.approx((2.8 * 2 + 7.4 - 2.0) / 4)
    assert first.tone == pytest.approx(1.0)
    last = points[-1]
    assert last.period == MONDAY + timedelta(weeks=10) and last.quads.material_conflict == 3
    assert last.top_events[0].goldstein == -10.0 and last.top_events[0].doc_id == "doc010"
    assert last.top_quotes[0].speaker_name == "Vladimir Putin"


def test_analytics_dyad_directed_and_range(store: Store) -> None:
    assert dyad_series(store, "USA", "RUS", directed=True) == []
    points = dyad_series(store, "RUS", "USA", start="2021-11-08", end="2021-11-21", by="day", directed=True)
    assert points[0].period == date(2021, 11, 8) and len(points) == 14
    assert sum(p.events for p in points) == 8


def test_analytics_dyad_by_month_and_event_date_wins(tmp_path: Path) -> None:
    s = Store(tmp_path / "s")
    s.write([article(1, date(2021, 12, 6), [3], event_date="2021-10-15"), article(2, date(2021, 12, 6), [3])])
    points = dyad_series(s, "RUS", "USA", by="month")
    assert [(p.period, p.events) for p in points] == [(date(2021, 10, 1), 1), (date(2021, 11, 1), 0), (date(2021, 12, 1), 1)]
    with pytest.raises(AnalyticsError):
        dyad_series(s, "RUS", "USA", by="year")  # type: ignore[arg-type]


def test_analytics_alerts_flag_the_hostile_week_with_its_evidence(store: Store) -> None:
    found = alerts(store, k=2.0, window=8)
    assert len(found) == 1
    alert = found[0]
    assert (alert.a, alert.b, alert.week) == ("RUS", "USA", MONDAY + timedelta(weeks=10))
    assert alert.goldstein_z < -2 and alert.conflict_share == 1.0
    assert alert.top_events[0].goldstein == -10.0
    assert [d.doc_id for d in alert.articles] == ["doc010"]
    assert alerts(store, since="2022-06-01") == []
    assert alerts(store, k=100.0) == []


def test_analytics_actor_summary_and_searches(store: Store) -> None:
    summary = actor_summary(store, "russia")
    assert summary.codes == ("RUS",) and summary.documents == 11
    assert summary.as_source.verbal_cooperation == 20 and summary.as_target.total == 0
    assert summary.counterparts[0].code == "USA" and summary.counterparts[0].events == 44
    putin = actor_summary(store, "RUSGOV")
    assert putin.quotes == 11 and putin.top_quotes[0].doc_id == "doc010"
    assert actor_summary(store, "putin").names == ("Vladimir Putin",)  # no whole-name match: a part will do
    assert actor_summary(store, "Russ").documents == 11 and actor_summary(store, "Nobody").documents == 0
    assert len(find_quotes(store, speaker="putin", limit=5)) == 5
    assert find_quotes(store, text="nothing like this") == []
    assert len(find_events(store, dyad="RUS-USA", quad_class=4)) == 3
    assert len(find_events(store, actor="USA", root="19", start="2022-01-01")) == 3
    assert find_events(store, code="190", end="2021-12-31") == []
    docs = find_documents(store, text="Article 3.")
    assert [(d.doc_id, d.n_events, d.n_quotes) for d in docs] == [("doc003", 4, 1)]
    assert top_actors(store, top=1)[0].documents == 11


def test_analytics_event_dated_by_a_week_counts_in_that_week(tmp_path: Path) -> None:
    # "last week offered": published on a Monday, the event belongs to the week before
    s = Store(tmp_path / "s")
    s.write([article(1, date(2021, 12, 6), [1], event_date="2021-W48")])
    points = dyad_series(s, "RUS", "USA", by="week")
    assert [(p.period, p.events) for p in points if p.events] == [(date(2021, 11, 29), 1)]
