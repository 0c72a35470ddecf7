"""HTML benchmark: cleaning cost against trafilatura's own ``extract``, and the pipeline on HTML input.

Both figures come from one run on the Zyte benchmark pages (``boilerplate/html``), in CPU seconds of
this process: ``clean/extract`` pairs each page's ``clean_html`` with trafilatura's ``extract`` with
default options on the same page (one call each, alternating, so a burst of load from a neighbour
hits both); ``spacy/pipeline`` is the bare parse of the cleaned texts against the whole pipeline on
the raw pages (clean + parse + every extractor). The first page is timed on its own, after the
warm-up a process does at start (``warm_html``), and again (the median of three) once every page has
been cleaned.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from newsgraph.clean import CleanError, clean_html, warm_html
from newsgraph.evaluate.boilerplate import load_gold, load_html

BATCH = 32


def _cpu(run: object) -> tuple[float, object]:
    start = time.process_time()
    result = run()  # type: ignore[operator]
    return time.process_time() - start, result


def run_html_bench(data_dir: Path, pages: int | None = None, pipeline: bool = True) -> Iterator[str]:
    """Yield report lines, ending with ``bench --html: clean/extract=R spacy/pipeline=S``."""
    import trafilatura

    keys = sorted(load_gold(data_dir))[:pages]
    htmls = [load_html(data_dir, k) for k in keys]
    warm, _ = _cpu(warm_html)
    first, _ = _cpu(lambda: _clean(htmls[0]))
    trafilatura.extract(htmls[0])  # trafilatura's own first call pays its lazy loading: not counted
    ours: list[float] = []
    theirs: list[float] = []
    texts: list[str] = []
    for html in htmls:
        seconds, text = _cpu(lambda: _clean(html))
        ours.append(seconds)
        texts.append(str(text))
        seconds, _ = _cpu(lambda: trafilatura.extract(html))
        theirs.append(seconds)
    n = len(htmls)
    yield f"bench --html on {n} Zyte benchmark pages ({sum(len(h) for h in htmls) / 1e6:.1f} MB of HTML)"
    for name, times in (("clean_html", ours), ("trafilatura.extract", theirs)):
        mean, median = sum(times) / n * 1000, statistics.median(times) * 1000
        yield f"{name:<21} {mean:7.1f} ms per page (CPU), median {median:.1f} ms"
    # one page's time varies by a fifth under load: the first cleaning against the median of three more
    again = statistics.median(_cpu(lambda: _clean(htmls[0]))[0] for _ in range(3))
    yield (
        f"first page of the process {first * 1000:.1f} ms, the same page again {again * 1000:.1f} ms"
        f" (median of 3; after {warm:.2f} s of warm-up at start)"
    )
    ratio = sum(ours) / sum(theirs)
    if not pipeline:
        yield f"bench --html: clean/extract={ratio:.2f}"
        return
    yield from _pipeline_lines(data_dir, keys, htmls, [t for t in texts if t], ratio)


def _pipeline_lines(data_dir: Path, keys: list[str], htmls: list[str], texts: list[str], ratio: float) -> Iterator[str]:
    from newsgraph.bench import bare_model
    from newsgraph.ingest import Problem, RawItem
    from newsgraph.pipeline import PipelineOptions, analyze_items

    nlp = bare_model()
    items = [RawItem(source=k, content=h, is_html=True) for k, h in zip(keys, htmls)]
    options = PipelineOptions(batch_size=BATCH)
    list(analyze_items(items[:1], options))  # warm-up: the model, reference data, lazy imports
    spacy, _ = _cpu(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH)))
    piped, done = _cpu(lambda: sum(1 for r in analyze_items(items, options) if not isinstance(r, Problem)))
    yield (
        f"bare parse of the {len(texts)} cleaned texts {spacy:.2f} s;"
        f" pipeline on the {len(items)} pages {piped:.2f} s ({done} analyzed)"
    )
    yield f"bench --html: clean/extract={ratio:.2f} spacy/pipeline={spacy / piped:.2f}"


def _clean(html: str) -> str:
    try:
        return clean_html(html).text
    except CleanError:
        return ""
