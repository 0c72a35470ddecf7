"""Store integrity: manifests record sizes and SHA-256; a damaged segment is one line for readers, `check` names it,
`check --repair` quarantines it with the list of its documents, and the store answers again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_store_segments import analysis
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.query.views import run_sql, stats
from newsgraph.store.segments import Store, StoreError
from newsgraph.store.check import check_store, digest_file

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "s")
    s.write([analysis(i) for i in range(6)], segment_size=2)  # three segments of two documents
    return s


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def zero_fill(path: Path) -> None:
    path.write_bytes(b"\0" * path.stat().st_size)


def held(seg: Path) -> list[tuple[str, str]]:
    """The ids and sources of a segment's documents (segments written in the same second sort at random)."""
    import pyarrow.parquet as pq

    rows = pq.read_table(seg / "documents.parquet", columns=["doc_id", "source"]).to_pylist()
    return sorted((r["doc_id"], r["source"]) for r in rows)


def delete(path: Path) -> None:
    path.unlink()


def flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_store_check_manifest_records_size_and_sha256(store: Store) -> None:
    for seg in store.segment_dirs():
        files = json.loads((seg / "manifest.json").read_text())["files"]
        assert "events.parquet" in files and "documents.parquet" in files
        for name, record in files.items():
            actual = digest_file(seg / name)
            assert (actual.bytes, actual.sha256) == (record["bytes"], record["sha256"])
    assert check_store(store).damaged == ()


@pytest.mark.parametrize("damage", [truncate, empty, zero_fill, delete], ids=lambda f: f.__name__)
def test_store_check_damaged_events_file_one_line_then_check_then_repair(store: Store, damage) -> None:
    seg = store.segment_dirs()[1]
    expected = held(seg)
    damage(seg / "events.parquet")
    root = str(store.root)

    answer = invoke("stats", "--store", root)
    assert answer.exit_code == 1 and answer.stdout == ""
    [line] = answer.stderr.strip().splitlines()
    assert seg.name in line and "events.parquet" in line and "newsgraph check --repair" in line

    found = invoke("check", "--store", root)
    assert found.exit_code == 1
    assert found.stdout.startswith(f"{seg.name}: events.parquet") and seg.name in found.stderr

    repaired = invoke("check", "--repair", "--store", root)
    assert repaired.exit_code == 0, repaired.output
    moved = store.root / "quarantine" / seg.name
    assert moved.is_dir() and not seg.exists()
    listing = [json.loads(x) for x in (store.root / "quarantine" / f"{seg.name}.documents.jsonl").read_text().splitlines()]
    assert sorted((row["id"], row["source"]) for row in listing) == expected and len(expected) == 2
    assert f"newsgraph ingest {expected[0][1]} {expected[1][1]}" not in repaired.stderr  # gone inputs: ids listed

    again = invoke("stats", "--store", root, "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)["rows"]["documents"] == 4
    assert invoke("check", "--store", root).exit_code == 0


def test_store_check_finds_changed_bytes_the_quick_check_cannot(store: Store) -> None:
    seg = store.segment_dirs()[0]
    flip_middle_byte(seg / "documents.parquet")
    [damaged] = check_store(store).damaged
    assert damaged.segment == seg.name and "SHA-256" in damaged.problems[0]


def test_store_check_repair_lists_ids_when_the_documents_file_is_gone(store: Store) -> None:
    seg = store.segment_dirs()[2]
    expected = [doc_id for doc_id, _ in held(seg)]
    delete(seg / "documents.parquet")
    result = invoke("check", "--repair", "--store", str(store.root))
    assert result.exit_code == 0, result.output
    rows = (store.root / "quarantine" / f"{seg.name}.documents.jsonl").read_text().splitlines()
    assert sorted(json.loads(r)["id"] for r in rows) == expected


def test_store_check_readers_and_writers_refuse_a_damaged_store_with_one_line(store: Store) -> None:
    truncate(store.segment_dirs()[0] / "events.parquet")
    for read in (lambda: stats(store), lambda: run_sql(store, "SELECT 1"), store.document_ids,
                 lambda: list(store.read_analyses()), lambda: store.write([analysis(9)])):  # fmt: skip
        with pytest.raises(StoreError, match="check --repair"):
            read()


def test_store_check_segment_without_manifest_still_ignored_silently(store: Store) -> None:
    seg = store.segment_dirs()[0]
    (seg / "manifest.json").unlink()  # as a writer killed before the manifest (object storage) leaves it
    assert run_sql(store, "SELECT count(*) FROM documents").rows == ((4,),)
    report = check_store(store)
    assert report.segments == 2 and report.damaged == ()
    result = invoke("check", "--store", str(store.root))
    assert result.exit_code == 0 and "all whole" in result.stderr


def test_store_check_segments_from_before_checksums_are_checked_by_their_footers(store: Store) -> None:
    for seg in store.segment_dirs():
        manifest = json.loads((seg / "manifest.json").read_text())
        del manifest["files"]
        (seg / "manifest.json").write_text(json.dumps(manifest))
    assert check_store(store).damaged == ()
    zero_fill(store.segment_dirs()[0] / "quotes.parquet")
    [damaged] = check_store(store).damaged
    assert "quotes.parquet" in damaged.problems[0]


def test_store_check_missing_store_is_one_line(tmp_path: Path) -> None:
    result = invoke("check", "--store", str(tmp_path / "none"))
    assert result.exit_code == 1 and "no store at" in result.stderr
