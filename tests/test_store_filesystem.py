"""Store on a PyArrow filesystem other than the local one (the object-storage path: no rename, manifest last)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.fs as pafs
from test_analytics_dyads import MONDAY, article

from newsgraph.query.analytics import dyad_series
from newsgraph.query.views import run_sql
from newsgraph.store.segments import Store


def remote(tmp_path: Path) -> Store:
    # a SubTreeFileSystem is not a LocalFileSystem, so the store takes the object-storage code path
    return Store("bucket/store", filesystem=pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem()))


def test_store_filesystem_write_query_compact(tmp_path: Path) -> None:
    store = remote(tmp_path)
    assert not store.local
    result = store.write([article(i, MONDAY, [1, 3]) for i in range(5)], segment_size=2)
    assert result.segments == 3 and (tmp_path / "bucket/store/segments").is_dir()
    assert run_sql(store, "SELECT count(*), count(DISTINCT story_id) FROM documents").rows[0][0] == 5
    before = dyad_series(store, "RUS", "USA")
    assert before[0].events == 10
    assert store.compact(target=100).written == 1 and len(store.segment_dirs()) == 1
    assert dyad_series(store, "RUS", "USA") == before
    assert store.write([article(1, MONDAY, [1])]).skipped == 1


def test_store_filesystem_segment_without_manifest_is_invisible(tmp_path: Path) -> None:
    store = remote(tmp_path)
    store.write([article(1, MONDAY, [1])])
    seg = store.segment_dirs()[0]
    half = tmp_path / "bucket/store/segments/seg-99999999T000000-halfdone"
    half.mkdir()
    for name in ("documents.parquet", "events.parquet"):  # a writer died before the manifest
        (half / name).write_bytes((tmp_path / "bucket/store" / str(seg.relative_to("bucket/store")) / name).read_bytes())
    assert [s.name for s in store.segment_dirs()] == [seg.name]
    assert run_sql(store, "SELECT count(*) FROM documents").rows == ((1,),)


def test_store_filesystem_check_verifies_checksums_on_object_storage(tmp_path: Path) -> None:
    from newsgraph.store.check import check_store

    store = remote(tmp_path)
    store.write([article(i, MONDAY, [1]) for i in range(3)], segment_size=2)
    assert check_store(store).damaged == ()
    events = next((tmp_path / "bucket" / "store" / "segments").glob("seg-*/events.parquet"))
    events.write_bytes(events.read_bytes()[:-10])
    [damaged] = check_store(store).damaged
    assert damaged.segment == events.parent.name and "events.parquet" in damaged.problems[0]
