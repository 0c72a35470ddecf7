"""Ingest: sidecar .meta.json files, JSONL field maps, ids that travel in URLs, and problems that name file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.ingest import Fields, InputOptions, Problem, RawItem, find_sidecar, iter_inputs, normalize_date

TEXT = "The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss the border."


def items(*paths: str | Path, **fields: str) -> list[RawItem | Problem]:
    return list(iter_inputs([str(p) for p in paths], options=InputOptions(fields=Fields(**fields))))


def test_ingest_sidecar_gives_date_url_title_and_id(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TEXT)
    meta = {"published": "2021-03-02", "url": "https://example.org/lima", "title": "Ministers meet", "id": "lima-1",
            "note": "keys other than the four are notes"}  # fmt: skip
    (tmp_path / "story.meta.json").write_text(json.dumps(meta))
    [item] = items(tmp_path)  # the folder walk does not read the sidecar as a document
    assert isinstance(item, RawItem)
    assert (item.published, item.url, item.title, item.id) == ("2021-03-02", "https://example.org/lima",
                                                                 "Ministers meet", "lima-1")  # fmt: skip


def test_ingest_sidecar_full_name_and_gzipped_html(tmp_path: Path) -> None:
    import gzip

    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(f"<html><body><p>{TEXT}</p></body></html>".encode()))
    (tmp_path / "page.html.gz.meta.json").write_text('{"published": "5 March 2021"}')
    assert find_sidecar(page) == tmp_path / "page.html.gz.meta.json"
    [item] = items(page)
    assert isinstance(item, RawItem) and item.is_html and item.published == "2021-03-05"


@pytest.mark.parametrize(
    "sidecar, words",
    [('{"published": "sometime soon"}', "unreadable date"), ('{"published": ', "malformed sidecar"),
     ('{"id": "a/b"}', "cannot travel in a URL path"), ("[1, 2]", "JSON object")],
    ids=["bad-date", "malformed", "bad-id", "not-object"],
)  # fmt: skip
def test_ingest_bad_sidecar_refuses_the_document_naming_the_sidecar(tmp_path: Path, sidecar: str, words: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.meta.json").write_text(sidecar)
    [problem] = items(tmp_path / "a.txt")
    assert isinstance(problem, Problem) and problem.source == str(tmp_path / "a.meta.json") and words in problem.message


def test_ingest_jsonl_field_map_with_dotted_paths(tmp_path: Path) -> None:
    f = tmp_path / "export.jsonl"
    rows = [
        {"key": 7, "story": {"body": TEXT, "headline": "Talks in Lima"}, "meta": {"when": "02-MAR-2021 09:15:00.00",
         "link": "https://example.org/7"}},
        {"key": 8, "story": {"body": "Peru recalled its ambassador from Chile on Friday."}, "meta": {}},
    ]  # fmt: skip
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    got = items(f, text="story.body", id="key", title="story.headline", published="meta.when", url="meta.link")
    assert [(i.id, i.title, i.published, i.url) for i in got if isinstance(i, RawItem)] == [
        ("7", "Talks in Lima", "2021-03-02", "https://example.org/7"),
        ("8", None, None, None),
    ]


def test_ingest_jsonl_without_the_text_field_is_one_line_naming_fields_and_flag(tmp_path: Path) -> None:
    f = tmp_path / "wire.jsonl"
    f.write_text("".join(json.dumps({"num": i, "body": TEXT, "when": "2021-03-02"}) + "\n" for i in range(40)))
    got = items(f)
    assert len(got) == 1 and isinstance(got[0], Problem)
    problem = got[0]
    assert problem.source == str(f) and problem.items == 40
    assert "body, num, when" in problem.message and "--text-field" in problem.message


def test_ingest_jsonl_each_kind_of_problem_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"text": TEXT, "published": "2021-03-02"}),
        '{"text": "a tab\tinside a string"}',  # a raw control character: json's message ends in "at"
        json.dumps({"text": TEXT, "published": "the day after"}),
        json.dumps({"text": TEXT, "id": "x/1"}),
        json.dumps({"html": ""}),
        json.dumps({"title": "no text at all"}),
    ]
    f.write_text("\n".join(lines) + "\n")
    got = items(f)
    problems = {p.source: p.message for p in got if isinstance(p, Problem)}
    assert set(problems) == {f"{f}:{n}" for n in (2, 3, 4, 5, 6)}
    assert "malformed JSON" in problems[f"{f}:2"] and "at at" not in problems[f"{f}:2"]
    assert "unreadable date" in problems[f"{f}:3"]
    assert "URL path" in problems[f"{f}:4"]
    assert "empty" in problems[f"{f}:5"] and "no " in problems[f"{f}:6"]


@pytest.mark.parametrize(
    "raw, iso",
    [("26-FEB-1987 15:01:01.79", "1987-02-26"), ("1987-02-26T15:01:01", "1987-02-26"),
     ("Tue, 02 Mar 2021 09:15:00 GMT", "2021-03-02"), ("March 2, 2021", "2021-03-02"), (None, None)],
)  # fmt: skip
def test_ingest_normalize_date_spellings(raw: str | None, iso: str | None) -> None:
    assert normalize_date(raw) == iso


def test_ingest_ids_that_cannot_travel_in_a_url_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "ids.jsonl"
    ids = ["ok-1", "ok:2.v3", "a/b", "../up", "sp ace", ".hidden", "x" * 129]
    f.write_text("".join(json.dumps({"id": i, "text": TEXT}) + "\n" for i in ids))
    got = items(f)
    assert [g.id for g in got if isinstance(g, RawItem)] == ["ok-1", "ok:2.v3"]
    assert all("URL path" in g.message for g in got if isinstance(g, Problem))


def test_ingest_jsonl_cleaning_problem_names_the_line(tmp_path: Path) -> None:
    from newsgraph.pipeline import PipelineOptions, to_document

    f = tmp_path / "pages.jsonl"
    rows = [{"text": TEXT}, {"html": "<html><head><title>Menu</title></head><body></body></html>"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    staged = [to_document(i, PipelineOptions()) for i in items(f) if isinstance(i, RawItem)]
    assert not isinstance(staged[0], Problem)
    assert isinstance(staged[1], Problem) and staged[1].source == f"{f}:2"
