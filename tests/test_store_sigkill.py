"""An ingest killed with SIGKILL leaves no partial segment; the next run completes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsgraph.query.views import run_sql
from newsgraph.store.segments import Store

SENTENCES = [
    "The foreign minister of {a} met his counterpart from {b} in Geneva on Tuesday.",
    "Officials in {a} said the talks with {b} had been constructive but difficult.",
    "{a} accused {b} of moving troops toward the border, which {b} denied.",
    "Analysts said the two governments might agree to ease tensions next week.",
]
COUNTRIES = ["Russia", "Ukraine", "France", "Germany", "China", "India", "Brazil", "Kenya", "Japan", "Egypt"]


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
        body = " ".join(s.format(a=a, b=b) for s in SENTENCES)
        paragraphs = "\n\n".join(f"{body} Paragraph {k} of report {i}." for k in range(15))
        (folder / f"doc{i:03d}.txt").write_text(f"Report {i} on {a} and {b}\n\n{paragraphs}\n")


def ingest(corpus: Path, store: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--store", str(store), "--segment-size", "4"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_store_sigkill_mid_ingest_then_resume(tmp_path: Path) -> None:
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    n = 48  # about 900 words each: long enough that the kill lands mid-run
    write_corpus(corpus, n)
    proc = ingest(corpus, store_dir)
    store = Store(store_dir)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(store.segment_dirs()) < 2 and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest ended before it could be killed; enlarge the corpus"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    stored_after_kill = run_sql(store, "SELECT count(*) FROM documents").rows[0][0]
    assert 0 < stored_after_kill < n
    for seg in store.segment_dirs():  # every visible segment is whole
        assert {p.name for p in seg.iterdir()} >= {"documents.parquet", "events.parquet", "manifest.json"}

    resume = ingest(corpus, store_dir)
    _, stderr = resume.communicate(timeout=600)
    assert resume.returncode == 0, stderr.decode()
    rows = run_sql(store, "SELECT count(*), count(DISTINCT doc_id) FROM documents").rows
    assert rows == ((n, n),)
    assert not list(store.segments.glob(".tmp-*"))
    assert f"{stored_after_kill} already stored" in stderr.decode()
