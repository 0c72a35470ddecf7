"""The throughput benchmark runs end to end and reports both ratios (no timing is asserted)."""

import re
from pathlib import Path

from newsgraph.bench import Rate, _total, run_bench


def test_bench_reports_both_ratios_on_a_few_articles(shared_data: Path) -> None:
    lines = list(run_bench(shared_data, 20))
    assert lines[0].startswith("bench on 20 Reuters-21578 articles")
    assert not any(line.startswith("warning") for line in lines)
    m = re.fullmatch(r"bench: pipeline/spacy=(\d+\.\d\d) workers2/workers1=(\d+\.\d\d)", lines[-1])
    assert m, lines[-1]
    assert float(m.group(1)) > 0 and float(m.group(2)) > 0


def test_chunk_totals_add_up() -> None:
    parts = [Rate("x", 1.0, 64, 1000, 0.9), Rate("x", 0.5, 16, 300, 0.4)]
    assert _total("x", parts) == Rate("x", 1.5, 80, 1300, 1.3)


def test_bench_html_reports_the_cleaning_ratio_on_a_few_pages(shared_data: Path) -> None:
    from newsgraph.bench_html import run_html_bench

    lines = list(run_html_bench(shared_data, pages=3, pipeline=False))
    assert lines[0].startswith("bench --html on 3 Zyte benchmark pages")
    assert any(line.startswith("first page of the process") for line in lines)
    m = re.fullmatch(r"bench --html: clean/extract=(\d+\.\d\d)", lines[-1])
    assert m and float(m.group(1)) > 0, lines[-1]
