"""A real Ray cluster: `ray start --head` on 127.0.0.1, `ingest --engine ray --ray-address`, same dataset as local.

The test starts its own head (token authentication on, as `ray start` sets it up), joins it
both ways (an explicit 127.0.0.1:PORT and `auto`), and stops exactly the processes it started.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from test_engine_ray_equal import ingest, table_rows

import newsgraph
from newsgraph.bench_scale import reuters_jsonl
from newsgraph.query import run_sql
from newsgraph.store import ALL_TABLES, Store

pytest.importorskip("ray")
N = 100
RAY = Path(sys.executable).with_name("ray")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_cluster(temp_dir: Path) -> None:
    """Stop the processes of this cluster only (`ray stop` would stop every Ray on the machine)."""
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
def code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the driver and the cluster's workers run one snapshot of the package
    root = tmp_path_factory.mktemp("code")
    shutil.copytree(Path(newsgraph.__file__).parent, root / "newsgraph", ignore=shutil.ignore_patterns("__pycache__"))
    return root


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


def finish(run: subprocess.Popen) -> str:
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr.decode()[-3000:]
    return stderr.decode()


@pytest.mark.slow
@pytest.mark.gold
@pytest.mark.cluster
def test_ray_cluster_explicit_address_equals_local(tmp_path: Path, shared_data: Path, code: Path, head) -> None:
    address, temp_dir = head
    corpus = tmp_path / "reuters.jsonl"
    assert reuters_jsonl(shared_data, N, corpus) == N
    started = time.monotonic()
    finish(ingest(code, corpus, tmp_path / "local"))
    local_seconds = time.monotonic() - started
    # no RAY_AUTH_MODE, no RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER: newsgraph sets both for a loopback address
    for name in ("RAY_AUTH_MODE", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "RAY_ADDRESS"):
        assert name not in os.environ
    started = time.monotonic()
    stderr = finish(ingest(code, corpus, tmp_path / "cluster", "--engine", "ray", "--ray-address", address, "--workers", "1"))
    print(f"local {local_seconds:.0f} s, cluster {time.monotonic() - started:.0f} s")
    assert f"ingested {N} new documents" in stderr
    a, b = Store(tmp_path / "local"), Store(tmp_path / "cluster")
    counts = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM quotes)"
    assert run_sql(a, counts).rows == run_sql(b, counts).rows
    assert run_sql(a, "SELECT count(*) FROM events").rows[0][0] > 0
    for table in ALL_TABLES:
        assert table_rows(a, table) == table_rows(b, table), table
    # the ingest's driver joined the cluster we started: its log is under the cluster's temp dir
    assert list(temp_dir.glob("session_*/logs/python-core-driver-*.log"))


@pytest.mark.slow
@pytest.mark.gold
@pytest.mark.cluster
def test_ray_cluster_auto_address(tmp_path: Path, shared_data: Path, code: Path, head) -> None:
    _, temp_dir = head
    corpus = tmp_path / "reuters.jsonl"
    reuters_jsonl(shared_data, 4, corpus)
    # `auto` reads the address `ray start` left in its temp dir; a loopback head needs the variable here too
    env = {"RAY_TMPDIR": str(temp_dir), "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    run = ingest(code, corpus, tmp_path / "auto", "--engine", "ray", "--ray-address", "auto", "--workers", "1", env=env)
    assert "ingested 4 new documents" in finish(run)
