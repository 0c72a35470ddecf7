"""Skip before parsing: documents the store holds are recognised by id before the parse, and the model is not loaded."""

from __future__ import annotations

import pytest

from newsgraph import pipeline
from newsgraph.clean import clean_text
from newsgraph.ingest import Problem, RawItem
from newsgraph.pipeline import PipelineOptions, Stored, analyze_items, document_id

TEXTS = [
    "Bolivia and Paraguay signed a water-sharing accord on Thursday, their ministers said.",
    "Ghana protested to Togo over the closure of a border crossing on Monday.",
]


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the model was loaded although nothing was left to parse")

    monkeypatch.setattr(pipeline, "resources", refuse)


def test_pipeline_stored_by_text_hash_and_by_given_id_without_the_model(no_model: None) -> None:
    items = [RawItem("a.txt", TEXTS[0], False), RawItem("b.jsonl", "<p>not even cleaned</p>", True, id="wire-7"),
             Problem("c.txt", "empty file")]  # fmt: skip
    stored = {document_id(clean_text(TEXTS[0]).text), "wire-7"}
    got = list(analyze_items(items, PipelineOptions(), stored))
    assert got == [Stored("a.txt", document_id(clean_text(TEXTS[0]).text)), Stored("b.jsonl", "wire-7"), items[2]]


def test_pipeline_stored_in_worker_processes(no_model: None) -> None:
    items = [RawItem(f"{i}.txt", t, False) for i, t in enumerate(TEXTS)]
    stored = {document_id(clean_text(t).text) for t in TEXTS}
    got = list(analyze_items(items, PipelineOptions(workers=2, chunk_size=1), stored))
    assert [type(g) for g in got] == [Stored, Stored] and [g.source for g in got] == ["0.txt", "1.txt"]


@pytest.mark.slow
def test_pipeline_only_what_is_missing_is_analyzed() -> None:
    items = [RawItem(f"{i}.txt", t, False, published="2021-03-04") for i, t in enumerate(TEXTS)]
    stored = {document_id(clean_text(TEXTS[0]).text)}
    first, second = analyze_items(items, PipelineOptions(), stored)
    assert isinstance(first, Stored) and second.document.source == "1.txt"  # type: ignore[union-attr]


def test_pipeline_stored_in_a_ray_analyzer_actor(no_model: None) -> None:
    from newsgraph.engine_ray import Analyzer, _item_row

    rows = [_item_row(RawItem("w.jsonl", "<p>x</p>", True, id="wire-9", line=3)), _item_row(Problem("e.txt", "empty"))]
    batch = {"kind": [r["kind"] for r in rows], "payload": [r["payload"] for r in rows]}
    out = Analyzer(PipelineOptions(), frozenset({"wire-9"}))(batch)
    assert out["kind"] == ["stored", "problem"]
