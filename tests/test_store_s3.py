"""The store over the S3 protocol: moto's S3 server on 127.0.0.1, ingest, `sql`, compact, a writer killed mid-segment.

Queries read the bucket through PyArrow datasets registered in DuckDB (no httpfs extension,
nothing downloaded at run time).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pytest
from test_store_sigkill import COUNTRIES, SENTENCES
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.query.views import run_sql
from newsgraph.store.segments import ALL_TABLES, Store

pytest.importorskip("moto")
runner = CliRunner()
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",  # never ask an instance-metadata address for credentials
}


class HoldPuts:
    """WSGI middleware: holds the ``nth`` and later PUTs of one file name for ``seconds``.

    A writer blocked there has written a segment's first files and not yet its manifest,
    which is the moment the test kills it.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.name = ""
        self.nth = 0
        self.seconds = 0.0
        self.seen = 0
        self.lock = threading.Lock()
        self.holding = threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.name and environ["REQUEST_METHOD"] == "PUT" and environ.get("PATH_INFO", "").endswith(self.name):
            with self.lock:
                self.seen += 1
                hold = self.seen >= self.nth
            if hold:
                self.holding.set()
                time.sleep(self.seconds)
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def s3() -> Iterator[tuple[str, HoldPuts]]:
    """moto's S3 server on 127.0.0.1 (a free port) with a bucket; yields its endpoint and the PUT holder."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    with pytest.MonkeyPatch.context() as patch:
        for name, value in CREDENTIALS.items():
            patch.setenv(name, value)
        holder = HoldPuts(DomainDispatcherApplication(create_backend_app))
        server = make_server("127.0.0.1", 0, holder, threaded=True, request_handler=MotoRequestHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        endpoint = f"127.0.0.1:{server.server_address[1]}"
        try:
            pafs.S3FileSystem(endpoint_override=endpoint, scheme="http", allow_bucket_creation=True).create_dir("news")
            yield endpoint, holder
        finally:
            server.shutdown()
            thread.join(timeout=10)


def uri(endpoint: str, prefix: str) -> str:
    return f"s3://news/{prefix}?endpoint_override={endpoint}&scheme=http"


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
        body = " ".join(s.format(a=a, b=b) for s in SENTENCES)
        (folder / f"doc{i:03d}.txt").write_text(f"Report {i} on {a} and {b}\n\n{body}\n\nReport {i} ends here.\n")
    return folder


def sql_counts(store: str) -> dict[str, int]:
    query = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in ALL_TABLES)
    result = runner.invoke(app, ["sql", query, "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {row["t"]: row["n"] for row in map(json.loads, result.stdout.splitlines())}


@pytest.mark.slow
def test_store_s3_ingest_sql_compact_equal_local(tmp_path: Path, s3: tuple[str, HoldPuts]) -> None:
    endpoint, _ = s3
    corpus = write_corpus(tmp_path / "corpus", 9)
    local, remote = str(tmp_path / "local"), uri(endpoint, "equal")
    for store in (local, remote):
        result = runner.invoke(app, ["ingest", str(corpus), "--store", store, "--segment-size", "3"])
        assert result.exit_code == 0, result.output
    assert "ingested 9 new documents into news/equal (0 already stored, 0 refused, 3 segments)" in result.stderr
    counts = sql_counts(local)
    assert counts["documents"] == 9 and counts["events"] > 0 and counts["actors"] > 0
    assert sql_counts(remote) == counts
    assert not Store(remote).local and len(Store(remote).segment_dirs()) == 3

    result = runner.invoke(app, ["compact", "--store", remote])
    assert result.exit_code == 0, result.output
    assert len(Store(remote).segment_dirs()) == 1
    assert sql_counts(remote) == counts  # compaction changes no count

    again = runner.invoke(app, ["ingest", str(corpus), "--store", remote])
    assert again.exit_code == 0 and "(9 already stored," in again.stderr


def objects(endpoint: str, prefix: str) -> dict[str, set[str]]:
    """Each segment folder in the bucket and the files in it."""
    fs = pafs.S3FileSystem(endpoint_override=endpoint, scheme="http")
    found: dict[str, set[str]] = {}
    for info in fs.get_file_info(pafs.FileSelector(f"news/{prefix}/segments", recursive=True, allow_not_found=True)):
        if info.type == pafs.FileType.File:
            seg, name = info.path.split("/")[-2:]
            found.setdefault(seg, set()).add(name)
    return found


@pytest.mark.slow
def test_store_s3_writer_killed_mid_segment_readers_see_whole_segments(tmp_path: Path, s3: tuple[str, HoldPuts]) -> None:
    endpoint, holder = s3
    n = 12
    corpus = write_corpus(tmp_path / "corpus", n)
    store_uri = uri(endpoint, "killed")
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--store", store_uri, "--segment-size", "4"]
    # the second segment's quotes.parquet (written after documents.parquet, before the manifest) is held
    holder.name, holder.nth, holder.seconds, holder.seen = "/quotes.parquet", 2, 5.0, 0
    holder.holding.clear()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        assert holder.holding.wait(timeout=180) and proc.poll() is None, "the writer was not caught mid-segment"
        half = [seg for seg, files in objects(endpoint, "killed").items() if "manifest.json" not in files]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        holder.name = ""
        if proc.poll() is None:
            proc.kill()
    time.sleep(holder.seconds)  # the held PUT lands now; the manifest never will
    files = objects(endpoint, "killed")
    assert len(half) == 1 and len(files) == 2
    assert {"documents.parquet", "actors.parquet"} <= files[half[0]] and "manifest.json" not in files[half[0]]
    store = Store(store_uri)
    assert [seg.name for seg in store.segment_dirs()] == sorted(s for s in files if s != half[0])
    assert run_sql(store, "SELECT count(*), count(DISTINCT doc_id) FROM documents").rows == ((4, 4),)

    resume = runner.invoke(app, cmd[3:])  # in this process: the model is loaded already
    assert resume.exit_code == 0, resume.output
    assert "(4 already stored," in resume.stderr
    assert run_sql(store, "SELECT count(*), count(DISTINCT doc_id) FROM documents").rows == ((n, n),)
