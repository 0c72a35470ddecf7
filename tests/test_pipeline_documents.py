"""Pipeline: raw items become Documents with stable ids, normalized dates and their title in the text."""

from __future__ import annotations

import pytest

from newsgraph.ingest import Problem, RawItem
from newsgraph.pipeline import PipelineOptions, document_id, normalize_date, to_document

BODY = "Kyiv said on Monday that talks with Moscow would resume next week, officials said."


def test_pipeline_same_article_from_two_sources_is_one_document() -> None:
    a = to_document(RawItem("a.txt", BODY, False), PipelineOptions())
    b = to_document(RawItem("feed.jsonl", "  " + BODY.replace(" ", "  ") + "\n", False), PipelineOptions())
    assert not isinstance(a, Problem) and not isinstance(b, Problem)
    assert a.id == b.id == document_id(BODY)
    assert document_id(BODY) != document_id(BODY + " More.")


def test_pipeline_given_title_leads_the_text() -> None:
    doc = to_document(RawItem("x.jsonl", BODY, False, id="x1", title="Talks to resume"), PipelineOptions())
    assert not isinstance(doc, Problem)
    assert doc.id == "x1" and doc.title == "Talks to resume"
    assert doc.text.startswith("Talks to resume\n\n") and doc.text.endswith("officials said.")


def test_pipeline_published_override_and_item_dates() -> None:
    item = RawItem("x", BODY, False, published="1998-02-03T10:00:00Z")
    assert to_document(item, PipelineOptions()).published == "1998-02-03"  # type: ignore[union-attr]
    assert to_document(item, PipelineOptions(published="2021-12-06")).published == "2021-12-06"  # type: ignore[union-attr]
    bad = to_document(RawItem("x.jsonl", BODY, False, published="next Tuesday-ish"), PipelineOptions())
    assert isinstance(bad, Problem) and "unreadable date" in bad.message


@pytest.mark.parametrize(
    "raw, iso",
    [("2021-12-06", "2021-12-06"), ("20211206", "2021-12-06"), ("26-FEB-1987 15:01:01.79", "1987-02-26"), ("", None)],
)
def test_pipeline_normalize_date(raw: str, iso: str | None) -> None:
    assert normalize_date(raw) == iso


def test_pipeline_two_workers_recycled_match_one_worker() -> None:
    from newsgraph.pipeline import analyze_items

    texts = [f"{c} accused its neighbour of shelling border villages on Monday, officials said." for c in
             ("Armenia", "Azerbaijan", "Ethiopia", "Sudan", "India")]
    items = [RawItem(f"d{i}", t, False) for i, t in enumerate(texts)] + [Problem("bad.txt", "empty file")]
    one = list(analyze_items(items, PipelineOptions(published="2021-12-06")))
    two = list(analyze_items(items, PipelineOptions(published="2021-12-06", workers=2, chunk_size=2, chunks_per_worker=1)))
    assert one == two
    assert isinstance(two[-1], Problem) and [a.document.source for a in two[:-1]] == [f"d{i}" for i in range(5)]


def test_pipeline_text_over_the_limit_after_cleaning_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.pipeline

    monkeypatch.setattr(newsgraph.pipeline, "MAX_DOCUMENT_CHARS", 200)  # spaCy's 1,000,000, scaled down
    sentence = "The delegates met again on Monday and agreed to keep talking next week, officials said."
    html = "<html><body><article>" + "".join(f"<p>{i}. {sentence}</p>" for i in range(6)) + "</article></body></html>"
    problem = to_document(RawItem("long.html", "<div>" + "x" * 5000 + "</div>" + html, True), PipelineOptions())
    assert isinstance(problem, Problem) and "too long after cleaning" in problem.message
    one = "<html><body><article><p>" + sentence + "</p></article></body></html>"
    assert not isinstance(to_document(RawItem("one.html", one, True), PipelineOptions()), Problem)


def test_pipeline_page_title_stays_out_of_a_text_that_does_not_open_with_it() -> None:
    paragraph = "Kyiv said on Monday that talks with Moscow would resume next week, a spokesman told reporters there."
    html = (
        "<html><head><title>Talks to resume next week | Example</title></head><body><article>"
        + "".join(f"<p>{paragraph} Paragraph {i}.</p>" for i in range(4))
        + "</article></body></html>"
    )
    doc = to_document(RawItem("page.html", html, True), PipelineOptions())
    assert not isinstance(doc, Problem)
    assert doc.title == "Talks to resume next week" and doc.text.startswith("Kyiv said on Monday")
