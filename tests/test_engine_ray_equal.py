"""Ray engine: the same 200 Reuters articles give the same dataset, record for record, as the local engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsgraph
from newsgraph.bench_scale import reuters_jsonl
from newsgraph.query import run_sql
from newsgraph.store import ALL_TABLES, Store

pytest.importorskip("ray")
N = 200
ORDER = {"documents": "doc_id", "actors": "doc_id, actor_id", "quotes": "doc_id, idx", "events": "doc_id, idx",
         "minhash": "doc_id"}  # fmt: skip


def table_rows(store: Store, table: str) -> tuple[tuple[object, ...], ...]:
    """Every column but the ingest time, rows sorted by document id."""
    exclude = " EXCLUDE (ingested_at)" if table == "documents" else ""
    return run_sql(store, f"SELECT *{exclude} FROM {table} ORDER BY {ORDER.get(table, 'ALL')}").rows


def ingest(code: Path, corpus: Path, store: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--store", str(store), "--segment-size", "64"]
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(code)}  # Ray's local workers inherit it
    return subprocess.Popen([*cmd, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


@pytest.mark.slow
@pytest.mark.gold
def test_engine_ray_dataset_equals_local(tmp_path: Path, shared_data: Path) -> None:
    corpus = tmp_path / "reuters.jsonl"
    assert reuters_jsonl(shared_data, N, corpus) == N
    # both engines run one snapshot of the package: code and reference data cannot change between them
    code = tmp_path / "code"
    shutil.copytree(Path(newsgraph.__file__).parent, code / "newsgraph", ignore=shutil.ignore_patterns("__pycache__"))
    runs = [
        ingest(code, corpus, tmp_path / "local"),
        ingest(code, corpus, tmp_path / "ray", "--engine", "ray", "--workers", "1"),
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr.decode()[-2000:]
    a, b = Store(tmp_path / "local"), Store(tmp_path / "ray")
    assert run_sql(a, "SELECT count(*) FROM documents").rows == ((N,),)
    assert run_sql(a, "SELECT count(*) FROM actors").rows[0][0] > N  # the comparison has records to compare
    for table in ALL_TABLES:
        assert table_rows(a, table) == table_rows(b, table), table
