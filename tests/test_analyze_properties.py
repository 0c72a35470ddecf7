"""Property tests: arbitrary text or bytes never crash analyze, and every span points at its text."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest import Problem, iter_inputs
from newsgraph.pipeline import PipelineOptions, analyze_items
from newsgraph.records import Analysis

NEWSY = st.lists(
    st.sampled_from(
        [
            "Russia", "said", "“", "”", '"', "Putin", "on Monday (6)", "troops", "175,000", "Kiev", ",", ".",
            "\n\n", "denies", "NATO", "will meet", "last Friday", "according to", "he", "«", "»", "by", "$1.5 billion",
        ]
    ),
    max_size=60,
).map(" ".join)


def check_spans(a: Analysis) -> None:
    text = a.document.text
    n = len(text)

    def inside(start: int, end: int) -> None:
        assert 0 <= start <= end <= n, (start, end, n)

    for actor in a.actors:
        for s, e in actor.mentions:
            inside(s, e)
    for q in a.quotes:
        inside(q.start, q.end)
        assert text[q.start : q.end] == q.text
        for span in (q.speaker_span, q.cue_span):
            if span:
                inside(*span)
    for t in a.dates:
        inside(t.start, t.end)
        assert text[t.start : t.end] == t.text
    for m in a.amounts:
        inside(m.start, m.end)
        assert text[m.start : m.end] == m.text
    ids = {actor.id for actor in a.actors}
    for ev in a.events:
        inside(ev.evidence.start, ev.evidence.end)
        assert ev.source in ids | {None} and ev.target in ids | {None}
    for c in a.claims:
        inside(c.statement.start, c.statement.end)


def run(data: bytes) -> list[Analysis | Problem]:
    items = list(iter_inputs(["-"], stdin=io.BytesIO(data)))
    return list(analyze_items(items, PipelineOptions(published="2021-12-06")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), NEWSY))
def test_analyze_arbitrary_text_never_crashes_and_spans_match(text: str) -> None:
    for result in run(text.encode("utf-8")):
        if isinstance(result, Analysis):
            check_spans(result)
        else:
            assert "\n" not in result.message and "failed (" not in result.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_analyze_arbitrary_bytes_never_crash(data: bytes) -> None:
    for result in run(data):
        if isinstance(result, Analysis):
            check_spans(result)
        else:
            assert "\n" not in result.message and "failed (" not in result.message
