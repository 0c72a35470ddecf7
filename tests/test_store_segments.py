"""Store: atomic Parquet segments, idempotent by document id, clean failure on write errors."""

from __future__ import annotations

import errno
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.query.views import run_sql, stats
from newsgraph.records import Actor, Analysis, Claim, Document, Event, Evidence, Quote, TimeExpression
from newsgraph.store.segments import Store, StoreError


def analysis(n: int) -> Analysis:
    text = f"Russia criticized Ukraine on Monday. Article {n}."
    return Analysis(
        document=Document(id=f"doc{n}", text=text, published="2021-12-06", source=f"f{n}.txt"),
        actors=(
            Actor("a1", "Russia", "RUS", "RUS", None, "country", ((0, 6),)),
            Actor("a2", "Ukraine", "UKR", "UKR", None, "country", ((18, 25),)),
        ),
        quotes=(Quote(text="criticized Ukraine", start=7, end=25, kind="indirect", speaker="a1"),),
        dates=(TimeExpression("Monday", 29, 35, "DATE", "2021-12-06"),),
        events=(
            Event("a1", "a2", "111", "Criticize or denounce", 3, -2.0, "asserted", "2021-12-06", Evidence(0, 35)),
        ),
        claims=(Claim(Evidence(7, 25), "a1", ("a2",), None),),
    )


def test_store_write_then_read_back_equal(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    result = store.write([analysis(1), analysis(2)])
    assert (result.written, result.skipped, result.segments) == (2, 0, 1)
    assert list(store.read_analyses()) == [analysis(1), analysis(2)]


def test_store_reingest_adds_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.write([analysis(1), analysis(2)])
    again = store.write([analysis(2), analysis(1), analysis(3)])
    assert (again.written, again.skipped) == (1, 2)
    assert run_sql(store, "SELECT count(*), count(DISTINCT doc_id) FROM documents").rows == ((3, 3),)


def test_store_segments_and_versions_recorded(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    result = store.write([analysis(i) for i in range(5)], segment_size=2)
    assert result.segments == 3 and len(store.segment_dirs()) == 3
    seg = store.segment_dirs()[0]
    assert (seg / "manifest.json").exists()
    row = pq.read_table(seg / "documents.parquet").to_pylist()[0]
    assert row["code_version"] and row["data_version"].startswith("data-")


def test_store_sql_over_events_with_actor_codes(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.write([analysis(1)])
    rows = run_sql(store, "SELECT source_code, target_code, code, root, quad_class FROM events").rows
    assert rows == (("RUS", "UKR", "111", "11", 3),)
    s = stats(store)
    assert s["rows"]["documents"] == 1 and s["rows"]["events"] == 1 and s["published"]["first"] == "2021-12-06"


def test_store_empty_store_queries_return_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.segments.mkdir(parents=True)
    assert run_sql(store, "SELECT count(*) FROM events").rows == ((0,),)


def test_store_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        stats(Store(tmp_path / "nowhere"))


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "disk full"), (errno.EROFS, "read-only")])
def test_store_write_failure_leaves_store_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    store = Store(tmp_path / "s")
    store.write([analysis(1)])
    before = sorted(p.name for p in store.segments.iterdir())

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, "simulated")

    monkeypatch.setattr("newsgraph.store.segments.pq.write_table", refuse)
    with pytest.raises(StoreError, match=words):
        store.write([analysis(2)])
    assert sorted(p.name for p in store.segments.iterdir()) == before  # no temp segment left
    monkeypatch.undo()
    assert run_sql(store, "SELECT doc_id FROM documents").rows == (("doc1",),)


def test_store_leftover_temp_segment_ignored_and_removed(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.write([analysis(1)])
    partial = store.segments / ".tmp-seg-killed"
    partial.mkdir()
    (partial / "documents.parquet").write_bytes(b"PAR1 half a file")
    assert run_sql(store, "SELECT count(*) FROM documents").rows == ((1,),)  # readers never see it
    store.write([analysis(2)])
    assert not partial.exists()


def test_store_unwritable_root_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot write to store"):
        Store(blocker / "store").write([analysis(1)])
