"""Ray engine: 100 Reuters articles give the same dataset, record for record, as the local engine.

Once on a Ray the command starts itself, once on a real cluster: the test starts its own head
with `ray start --head` on 127.0.0.1 (token authentication on, as `ray start` sets it up), joins
it both ways (an explicit 127.0.0.1:PORT and `auto`), and stops exactly the processes it
started (`ray stop` would stop every Ray on the machine).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

import newsgraph
from newsgraph.bench_scale import reuters_jsonl
from newsgraph.query.views import run_sql
from newsgraph.store.segments import ALL_TABLES, Store

pytest.importorskip("ray")
N = 100
RAY = Path(sys.executable).with_name("ray")
ORDER = {"documents": "doc_id", "actors": "doc_id, actor_id", "quotes": "doc_id, idx", "events": "doc_id, idx",
         "minhash": "doc_id"}  # fmt: skip
pytestmark = [pytest.mark.slow, pytest.mark.gold]


def table_rows(store: Store, table: str) -> tuple[tuple[object, ...], ...]:
    """Every column but the ingest time, rows sorted by document id."""
    exclude = " EXCLUDE (ingested_at)" if table == "documents" else ""
    return run_sql(store, f"SELECT *{exclude} FROM {table} ORDER BY {ORDER.get(table, 'ALL')}").rows


def ingest(code: Path, corpus: Path, store: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--store", str(store), "--segment-size", "64"]
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(code)}  # Ray's local workers inherit it
    return subprocess.Popen([*cmd, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def finish(run: subprocess.Popen) -> str:
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr.decode()[-3000:]
    return stderr.decode()


def assert_same_dataset(a: Store, b: Store) -> None:
    counts = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM quotes)"
    assert run_sql(a, counts).rows == run_sql(b, counts).rows
    for table in ALL_TABLES:
        assert table_rows(a, table) == table_rows(b, table), table


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # every run (and every Ray worker) uses one snapshot of the package: code and data cannot change between them
    root = tmp_path_factory.mktemp("code")
    shutil.copytree(Path(newsgraph.__file__).parent, root / "newsgraph", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    path = tmp_path_factory.mktemp("reuters") / "reuters.jsonl"
    assert reuters_jsonl(shared_data, N, path) == N
    return path


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory, code: Path, corpus: Path) -> Store:
    """The local engine's store of the corpus, the reference for every Ray run."""
    root = tmp_path_factory.mktemp("local") / "store"
    finish(ingest(code, corpus, root))
    store = Store(root)
    assert run_sql(store, "SELECT count(*) FROM documents").rows == ((N,),)
    assert run_sql(store, "SELECT count(*) FROM actors").rows[0][0] > N  # the comparison has records to compare
    assert run_sql(store, "SELECT count(*) FROM events").rows[0][0] > 0
    return store


def test_engine_ray_dataset_equals_local(tmp_path: Path, code: Path, corpus: Path, local: Store) -> None:
    finish(ingest(code, corpus, tmp_path / "ray", "--engine", "ray", "--workers", "1"))
    assert_same_dataset(local, Store(tmp_path / "ray"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_cluster(temp_dir: Path) -> None:
    """Stop the processes of this cluster only: those naming its temp dir, and their children."""
    mine = [p for p in psutil.process_iter(["cmdline"]) if str(temp_dir) in " ".join(p.info["cmdline"] or ())]
    procs = {p.pid: p for p in mine}
    for p in mine:
        try:
            procs.update({c.pid: c for c in p.children(recursive=True)})
        except psutil.NoSuchProcess:
            pass
    for p in procs.values():
        try:
            p.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(list(procs.values()), timeout=5)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=5)


@pytest.fixture(scope="module")
def head(code: Path) -> Iterator[tuple[str, Path]]:
    """A one-node cluster on 127.0.0.1 with 2 CPUs; yields its address and its temp dir."""
    temp_dir = Path(tempfile.mkdtemp(prefix="ngray-", dir="/tmp"))  # short: Ray's socket paths have a length limit
    port = free_port()
    env = {**os.environ, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0", "PYTHONPATH": str(code)}
    env.pop("RAY_ADDRESS", None)
    cmd = [str(RAY), "start", "--head", "--node-ip-address", "127.0.0.1", "--port", str(port), "--num-cpus", "2",
           "--include-dashboard", "false", "--dashboard-port", str(free_port()),
           "--dashboard-agent-listen-port", str(free_port()),
           "--object-store-memory", str(300 * 1024 * 1024), "--disable-usage-stats", "--temp-dir", str(temp_dir)]  # fmt: skip
    try:
        started = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
        assert started.returncode == 0, started.stderr[-2000:]
        yield f"127.0.0.1:{port}", temp_dir
    finally:
        stop_cluster(temp_dir)
        shutil.rmtree(temp_dir, ignore_errors=True)


@pytest.mark.cluster
def test_engine_ray_cluster_explicit_address_equals_local(
    tmp_path: Path, code: Path, corpus: Path, local: Store, head: tuple[str, Path]
) -> None:
    address, temp_dir = head
    # no RAY_AUTH_MODE, no RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER: newsgraph sets both for a loopback address
    for name in ("RAY_AUTH_MODE", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "RAY_ADDRESS"):
        assert name not in os.environ
    run = ingest(code, corpus, tmp_path / "cluster", "--engine", "ray", "--ray-address", address, "--workers", "1")
    assert f"ingested {N} new documents" in finish(run)
    assert_same_dataset(local, Store(tmp_path / "cluster"))
    # the ingest's driver joined the cluster we started: its log is under the cluster's temp dir
    assert list(temp_dir.glob("session_*/logs/python-core-driver-*.log"))


@pytest.mark.cluster
def test_engine_ray_cluster_auto_address(tmp_path: Path, shared_data: Path, code: Path, head: tuple[str, Path]) -> None:
    _, temp_dir = head
    corpus = tmp_path / "reuters.jsonl"
    reuters_jsonl(shared_data, 4, corpus)
    # `auto` reads the address `ray start` left in its temp dir; a loopback head needs the variable here too
    env = {"RAY_TMPDIR": str(temp_dir), "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    run = ingest(code, corpus, tmp_path / "auto", "--engine", "ray", "--ray-address", "auto", "--workers", "1", env=env)
    assert "ingested 4 new documents" in finish(run)
