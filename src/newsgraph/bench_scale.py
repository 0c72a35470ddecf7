"""Scale benchmarks: query time on synthetic stores of 1M to 10M events, and ingest peak memory.

1. Query time: a synthetic store is written straight as Parquet segments (numpy + pyarrow,
   no NLP), as consecutive time slices of two years, its event codes and country pairs drawn
   from the real GDELT export in ``data/gdelt`` (codes with their Goldstein values and quad classes; pairs mixed with
   independent draws from the same country marginals, so unseen pairs occur too), and a
   few pair-weeks made hostile so alerts have something to find. A one-year weekly dyad
   series and the top-20 alerts are timed at each size (best of three, after one warm-up).
2. Peak memory: ``newsgraph ingest`` on the first N Reuters articles, in a child process,
   sampling the memory of the process and all of its workers (PSS summed over the tree, and
   the largest single process's RSS).

Run: ``python -m newsgraph.bench_scale [--sizes 1,3,10] [--rss 1000,19000]``.
The synthetic store lives in a temp dir and is deleted afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsgraph.query.analytics import alerts, dyad_series
from newsgraph.store.segments import SCHEMAS, TABLES, Store
from newsgraph.store.rows import dyad_weeks

LOCATION_COLUMNS = ("location_name", "location_country", "location_lat", "location_lon", "location_feature")

SEGMENT_EVENTS = 1_000_000
EVENTS_PER_DOC = 4
FIRST_DAY = date(2020, 1, 6)
DAYS = 728  # two years
HOSTILE_SHARE = 0.02  # of pair-weeks whose codes are drawn from conflict codes only


@dataclass(frozen=True, slots=True)
class GdeltDistribution:
    """Event codes (with Goldstein and quad class) and country pairs observed in a GDELT export."""

    codes: np.ndarray
    goldstein: np.ndarray
    quad: np.ndarray
    pairs: np.ndarray  # shape (n, 2) of ISO3 codes
    countries: np.ndarray
    country_p: np.ndarray

    @classmethod
    def load(cls, data_dir: Path) -> GdeltDistribution:
        """Read every row of the GDELT export in ``data_dir/gdelt``."""
        codes, goldstein, quad, pairs, countries = [], [], [], [], []
        export = sorted((data_dir / "gdelt").glob("*.export.CSV"))[0]
        for line in export.read_text(encoding="utf-8", errors="replace").splitlines():
            cols = line.split("\t")
            if len(cols) < 35 or not cols[26] or not cols[30]:
                continue
            codes.append(cols[26])
            goldstein.append(float(cols[30]))
            quad.append(int(cols[29]))
            a, b = cols[7], cols[17]
            countries += [c for c in (a, b) if c]
            if a and b:
                pairs.append((a, b))
        names, counts = np.unique(np.array(countries), return_counts=True)
        return cls(
            np.array(codes), np.array(goldstein), np.array(quad, dtype=np.int8), np.array(pairs), names,
            counts / counts.sum(),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds for one query at one store size."""

    events: int
    query: str
    seconds: float
    cpu_seconds: float  # all threads: on a busy shared machine, wall time says more about the neighbours
    rows: int

    def line(self) -> str:
        return (
            f"{self.events / 1e6:5.1f}M events  {self.query:<28} {self.seconds * 1000:8.1f} ms wall "
            f"{self.cpu_seconds * 1000:8.1f} ms cpu  ({self.rows} rows)"
        )


def synthetic_segment(
    dist: GdeltDistribution, n_events: int, seed: int, tag: str, days: tuple[int, int] = (0, DAYS)
) -> dict[str, pa.Table]:
    """One segment of synthetic documents and events published in ``days`` (first, end) since FIRST_DAY."""
    rng = np.random.default_rng(seed)
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    doc_days = np.sort(rng.integers(days[0], days[1], n_docs))
    doc_ids = np.char.add(f"syn-{tag}-", np.arange(n_docs).astype(str))
    docs_of_events = np.sort(rng.integers(0, n_docs, n_events))
    days = doc_days[docs_of_events]
    tone = rng.normal(-1.0, 3.0, n_docs)
    seen = rng.random(n_events) < 0.7
    pair_idx = rng.integers(0, len(dist.pairs), n_events)
    src = dist.pairs[pair_idx, 0].copy()
    tgt = dist.pairs[pair_idx, 1].copy()
    fresh = ~seen
    src[fresh] = rng.choice(dist.countries, fresh.sum(), p=dist.country_p)
    tgt[fresh] = rng.choice(dist.countries, fresh.sum(), p=dist.country_p)
    code_idx = rng.integers(0, len(dist.codes), n_events)
    # hostile pair-weeks: a stable hash of (pair, week) picks them, the same in every segment
    week = days // 7
    pair_names, pair_of_event = np.unique(np.char.add(src.astype("U3"), tgt.astype("U3")), return_inverse=True)
    key = np.array([zlib.crc32(p.encode()) for p in pair_names.tolist()])[pair_of_event]
    hostile = ((key * 31 + week) % 1000) < HOSTILE_SHARE * 1000
    conflict = np.flatnonzero(dist.quad >= 3)
    code_idx[hostile] = rng.choice(conflict, hostile.sum())
    epoch = np.datetime64(FIRST_DAY.isoformat(), "D")
    day_values = pa.array(epoch + days.astype("timedelta64[D]"), type=pa.date32())
    null_date = pa.array(rng.random(n_events) < 0.6)
    codes = dist.codes[code_idx]
    events = {
        "doc_id": pa.array(doc_ids[docs_of_events]),
        "idx": pa.array(np.arange(n_events, dtype=np.int32) % 8),
        "source": pa.array(np.full(n_events, "a1")),
        "source_name": pa.array(src),
        "source_code": pa.array(src),
        "source_country": pa.array(src),
        "target": pa.array(np.full(n_events, "a2")),
        "target_name": pa.array(tgt),
        "target_code": pa.array(tgt),
        "target_country": pa.array(tgt),
        "code": pa.array(codes),
        "root": pa.array(np.char.ljust(codes.astype("U4"), 2).astype("U2")),
        "label": pa.nulls(n_events, pa.string()),
        "quad_class": pa.array(dist.quad[code_idx], type=pa.int8()),
        "goldstein": pa.array(dist.goldstein[code_idx]),
        "modality": pa.array(np.full(n_events, "asserted")),
        "date": pc.if_else(null_date, pa.scalar(None, pa.date32()), day_values),
        "published": day_values,
        "evidence_start": pa.array(np.zeros(n_events, dtype=np.int32)),
        "evidence_end": pa.array(np.full(n_events, 100, dtype=np.int32)),
        "day": day_values,
        "pair": pa.array(np.char.add(np.char.add(np.where(src <= tgt, src, tgt), "-"), np.where(src <= tgt, tgt, src))),
        "tone": pa.array(tone[docs_of_events]),
        # confidences spread over the bands, so alerts' per-band sums are as many as real ones
        "confidence": pa.array(np.round(rng.uniform(0.2, 1.0, n_events), 2)),
        **{name: pa.nulls(n_events, SCHEMAS["events"].field(name).type) for name in LOCATION_COLUMNS},
    }
    doc_day_values = pa.array(epoch + doc_days.astype("timedelta64[D]"), type=pa.date32())
    documents = {
        name: pa.nulls(n_docs, field.type) for name, field in zip(SCHEMAS["documents"].names, SCHEMAS["documents"])
    }
    documents.update(
        doc_id=pa.array(doc_ids), published=doc_day_values, story_id=pa.array(doc_ids), title=pa.array(doc_ids),
        tone_polarity=pa.array(tone), n_chars=pa.array(np.full(n_docs, 2000, dtype=np.int32)),
        n_events=pa.array(np.bincount(docs_of_events, minlength=n_docs).astype(np.int32)),
    )  # fmt: skip
    tables = {t: SCHEMAS[t].empty_table() for t in TABLES}
    tables["events"] = pa.Table.from_pydict(events, schema=SCHEMAS["events"])
    tables["documents"] = pa.Table.from_pydict(documents, schema=SCHEMAS["documents"])
    tables["minhash"] = SCHEMAS["minhash"].empty_table()
    tables["dyad_weeks"] = dyad_weeks(tables["events"])
    return tables


def _best(run: Callable[[], Any], rounds: int = 3) -> tuple[float, float, Any]:
    """Best wall time, best CPU time (process, all threads) and the result, after one warm-up run."""
    run()  # warm-up: file metadata and OS cache
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        best, best_cpu = min(best, time.perf_counter() - start), min(best_cpu, time.process_time() - cpu)
    return best, best_cpu, result


def top_pair(dist: GdeltDistribution) -> tuple[str, str]:
    """The most frequent international pair of the distribution: the heaviest dyad series."""
    intl = [(a, b) for a, b in dist.pairs.tolist() if a != b]
    values, counts = np.unique(np.array(intl), axis=0, return_counts=True)
    a, b = values[int(np.argmax(counts))]
    return str(a), str(b)


def query_timings(data_dir: Path, sizes_m: list[int], workdir: Path) -> list[Timing]:
    """Build a synthetic store of each size (millions of events) and time the dyad series and alerts.

    Every store spans the same two years; its segments are consecutive time slices, as a
    chronological ingest (or a compaction of one) leaves them.
    """
    dist = GdeltDistribution.load(data_dir)
    a, b = top_pair(dist)
    timings: list[Timing] = []
    for size in sorted(sizes_m):
        store = Store(workdir / f"synthetic-{size}")
        with store.writer():
            pass
        have, n_segments = 0, -(-size * 1_000_000 // SEGMENT_EVENTS)
        for k in range(n_segments):
            n = min(SEGMENT_EVENTS, size * 1_000_000 - have)
            span = (k * DAYS // n_segments, (k + 1) * DAYS // n_segments)
            store._write_segment(synthetic_segment(dist, n, seed=have, tag=str(have), days=span))
            have += n
        start, end = FIRST_DAY + timedelta(days=DAYS - 365), FIRST_DAY + timedelta(days=DAYS - 1)
        seconds, cpu, points = _best(lambda: dyad_series(store, a, b, start, end, by="week"))
        timings.append(Timing(have, f"dyad {a}-{b} 1 year weekly", seconds, cpu, len(points)))
        seconds, cpu, found = _best(lambda: alerts(store, limit=20))
        timings.append(Timing(have, "alerts top 20", seconds, cpu, len(found)))
        shutil.rmtree(store.root, ignore_errors=True)  # disk: one synthetic store at a time
    return timings


@dataclass(frozen=True, slots=True)
class PeakMemory:
    """Peak memory of an ingest: the whole process tree (PSS), and its largest single process (RSS)."""

    documents: int
    workers: int
    seconds: float
    peak_tree_mb: float
    peak_process_mb: float

    def line(self) -> str:
        return (
            f"ingest {self.documents:6d} docs, {self.workers} workers: peak PSS {self.peak_tree_mb:7.1f} MB "
            f"(all processes), peak RSS {self.peak_process_mb:7.1f} MB (largest process), {self.seconds:7.1f} s"
        )


def reuters_jsonl(data_dir: Path, n: int, out: Path) -> int:
    """Write the first ``n`` Reuters articles with a body as newsgraph JSONL; return how many."""
    written = 0
    with gzip.open(data_dir / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as src, out.open("w") as dst:
        for line in src:
            record = json.loads(line)
            if not (record.get("body") or "").strip():
                continue
            dst.write(json.dumps({"id": f"reuters-{record['newid']}", "text": record["body"],
                                  "title": record.get("title"), "published": record.get("date")}) + "\n")  # fmt: skip
            written += 1
            if written >= n:
                break
    return written


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """Total proportional (PSS) and largest resident (RSS) memory, in kB, of a process and its
    descendants, from /proc. PSS splits the pages forked workers share with their parent, so
    the total is what the tree really holds; summed RSS would count those pages once per process."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields.get("PPid", "0").strip())
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    return sum(_pss_kb(pid) for pid in tree), max((rss.get(pid, 0) for pid in tree), default=0)


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def peak_memory(data_dir: Path, n: int, workers: int, workdir: Path, engine: str = "local") -> PeakMemory:
    """Ingest the first ``n`` Reuters articles in a child process and sample its tree's RSS every 0.2 s."""
    corpus = workdir / f"reuters-{n}.jsonl"
    count = reuters_jsonl(data_dir, n, corpus)
    store = workdir / f"store-{n}-{workers}"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--store", str(store), "--workers", str(workers)]
    if engine != "local":
        cmd += ["--engine", engine]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_total = peak_one = 0
    while proc.poll() is None:
        total, one = _tree_memory_kb(proc.pid)
        peak_total, peak_one = max(peak_total, total), max(peak_one, one)
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"ingest of {n} documents failed with exit code {proc.returncode}")
    shutil.rmtree(store, ignore_errors=True)
    corpus.unlink()
    return PeakMemory(count, workers, seconds, peak_total / 1024, peak_one / 1024)


def main(argv: list[str] | None = None) -> int:
    """Print query timings at each synthetic size, then the ingest peak memory at each corpus size."""
    parser = argparse.ArgumentParser(prog="python -m newsgraph.bench_scale", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared" / "data")
    parser.add_argument("--sizes", default="1,3,10", help="synthetic store sizes in millions of events")
    parser.add_argument("--rss", default="", help="Reuters corpus sizes for the peak-memory ingest, e.g. 1000,19000")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    data_dir = args.data.resolve()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-scale-") as tmp:
        if args.sizes:
            for timing in query_timings(data_dir, [int(s) for s in args.sizes.split(",")], Path(tmp)):
                print(timing.line(), flush=True)
        for n in [int(s) for s in args.rss.split(",") if s]:
            print(peak_memory(data_dir, n, args.workers, Path(tmp)).line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
