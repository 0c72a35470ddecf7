"""Compaction: merging small segments changes no query result, and a crash at any point shows no duplicates."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_analytics_dyads import MONDAY, article

import newsgraph.store.segments as store_module
from newsgraph.query.analytics import alerts, dyad_series
from newsgraph.query.views import run_sql
from newsgraph.store.segments import Store

QUERIES = (
    "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY doc_id",
    "SELECT * FROM events ORDER BY doc_id, idx",
    "SELECT * FROM quotes ORDER BY doc_id, idx",
    "SELECT * FROM actors ORDER BY doc_id, actor_id",
    "SELECT * FROM minhash ORDER BY doc_id",
    "SELECT * EXCLUDE (doc_ids) FROM story_events ORDER BY ALL",
)


def snapshot(store: Store) -> list[object]:
    return [run_sql(store, q).rows for q in QUERIES] + [dyad_series(store, "RUS", "USA"), alerts(store)]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "s")
    for i in range(11):  # eleven one-document segments
        s.write([article(i, MONDAY + timedelta(weeks=i), [1, 3] if i < 10 else [4, 4, 4])])
    return s


def test_compact_merges_without_changing_results(store: Store) -> None:
    before = snapshot(store)
    result = store.compact(target=4)
    assert (result.merged, result.written, result.documents) == (11, 3, 11)
    assert len(store.segment_dirs()) == 3
    assert snapshot(store) == before
    again = store.compact(target=100)
    assert again.written == 1 and len(store.segment_dirs()) == 1
    assert snapshot(store) == before


def test_compact_keeps_replaced_segments_for_a_while_then_a_writer_removes_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(store)
    store.compact(target=100)
    assert len(list(store.segments.glob("seg-*"))) == 12  # old ones still on disk ...
    assert snapshot(store) == before  # ... but replaced, so no reader sees them twice
    store.write([article(99, date(2022, 3, 7), [1])])  # within the grace period: kept
    assert len(store.segment_dirs()) == 2 and len(list(store.segments.glob("seg-*"))) == 13
    monkeypatch.setattr(store_module, "REPLACED_GRACE_SECONDS", 0.0)
    store.write([article(98, date(2022, 3, 14), [1])])  # past it: the writer removes them
    assert len(store.segment_dirs()) == 3 and len(list(store.segments.glob("seg-*"))) == 3
    assert run_sql(store, "SELECT count(*), count(DISTINCT doc_id) FROM documents").rows == ((13, 13),)


def test_compact_a_query_that_listed_the_segments_before_still_reads_them(store: Store) -> None:
    listed = store.files("documents")  # a reader lists the files, then the compaction runs
    store.compact(target=100)
    assert sum(store.read_table(path, ["doc_id"]).num_rows for path in listed) == 11


def test_compact_killed_while_writing_leaves_old_segments(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(store)
    calls = []

    def dies(table: object, where: object, **kwargs: object) -> None:
        calls.append(where)
        raise KeyboardInterrupt

    monkeypatch.setattr("newsgraph.store.segments.pq.write_table", dies)
    with pytest.raises(KeyboardInterrupt):
        store.compact(target=100)
    monkeypatch.undo()
    assert calls and snapshot(store) == before
    manifests = [json.loads((s / "manifest.json").read_text()) for s in store.segment_dirs()]
    assert all(not m["replaces"] for m in manifests)


def test_compact_upgrades_segments_written_before_the_derived_columns(store: Store) -> None:
    import pyarrow.parquet as pq

    before = snapshot(store)
    for seg in store.segment_dirs()[:5]:  # as an older newsgraph wrote them: no day/pair, no dyad_weeks
        events = pq.read_table(seg / "events.parquet")
        pq.write_table(events.drop_columns(["day", "pair"]), seg / "events.parquet")
        (seg / "dyad_weeks.parquet").unlink()
        manifest = json.loads((seg / "manifest.json").read_text())
        (seg / "manifest.json").write_text(json.dumps({k: v for k, v in manifest.items() if k not in ("schema", "files")}))
    assert [p.period for p in dyad_series(store, "RUS", "USA")] == [p.period for p in before[-2]]  # derived in views
    assert len(alerts(store)) <= len(before[-1])
    store.compact(target=100)
    assert snapshot(store) == before
