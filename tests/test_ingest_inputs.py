"""Ingest: every kind of input becomes raw items, and every bad input a one-line Problem."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from newsgraph.ingest import MAX_FILE_BYTES, Problem, RawItem, count_inputs, decode, iter_inputs


def items(*paths: str | Path) -> list[RawItem | Problem]:
    return list(iter_inputs([str(p) for p in paths]))


def test_ingest_plain_text_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Russia and Ukraine met in Minsk on Monday.", encoding="utf-8")
    [item] = items(f)
    assert isinstance(item, RawItem) and not item.is_html and item.source == str(f)
    assert item.content.startswith("Russia")


def test_ingest_html_detected_by_suffix_and_by_content(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>Hello</p>")
    (tmp_path / "b.txt").write_text("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    a, b = items(tmp_path / "a.html", tmp_path / "b.txt")
    assert isinstance(a, RawItem) and a.is_html
    assert isinstance(b, RawItem) and b.is_html


def test_ingest_gzipped_html(tmp_path: Path) -> None:
    f = tmp_path / "page.html.gz"
    f.write_bytes(gzip.compress(b"<html><body><p>Text</p></body></html>"))
    [item] = items(f)
    assert isinstance(item, RawItem) and item.is_html and "<p>Text</p>" in item.content


def test_ingest_truncated_gzip_is_a_problem(tmp_path: Path) -> None:
    f = tmp_path / "page.html.gz"
    f.write_bytes(gzip.compress(b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>")[:40])
    [item] = items(f)
    assert isinstance(item, Problem) and "gzip" in item.message and item.source == str(f)


def test_ingest_empty_and_binary_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    got = items(tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "bin.txt")
    assert [type(g) for g in got] == [Problem, Problem, Problem]
    assert "empty" in got[0].message and "empty" in got[1].message and "binary" in got[2].message


def test_ingest_huge_file_refused_without_reading(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse 50 MB
    assert f.stat().st_size > MAX_FILE_BYTES
    [item] = items(f)
    assert isinstance(item, Problem) and "too large" in item.message


def test_ingest_decode_latin1_and_broken_utf8() -> None:
    assert decode("Zelensky à Kyiv, café".encode("latin-1")) == "Zelensky à Kyiv, café"
    broken = "Kyiv — déjà vu, naïve".encode() + b"\xff" + " end".encode()
    text = decode(broken)
    assert text.startswith("Kyiv — déjà vu, naïve") and text.endswith(" end") and "\ufffd" in text


def test_ingest_jsonl_malformed_line_reported_with_number(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "d1", "text": "First article.", "published": "2021-12-06"}),
        '{"id": "d2", "text": broken',
        json.dumps({"html": "<p>Third</p>", "url": "https://example.org/3"}),
        json.dumps({"id": "d4"}),
    ]
    f.write_text("\n".join(lines) + "\n")
    got = items(f)
    assert isinstance(got[0], RawItem) and got[0].id == "d1" and got[0].published == "2021-12-06"
    assert isinstance(got[1], Problem) and got[1].source == f"{f}:2" and "malformed JSON" in got[1].message
    assert isinstance(got[2], RawItem) and got[2].is_html and got[2].url == "https://example.org/3"
    assert isinstance(got[3], Problem) and got[3].source == f"{f}:4"
    assert count_inputs([str(f)]) == 4


def test_ingest_folder_recursive_sorted_and_unreadable(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta text.")
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    bad = tmp_path / "b" / "locked.txt"
    bad.write_text("secret")
    bad.chmod(0)
    got = items(tmp_path)
    sources = [g.source for g in got]
    assert sources[0] == str(tmp_path / "a.txt")
    assert str(tmp_path / "b" / "z.txt") in sources
    assert not any("image.png" in s or ".hidden" in s for s in sources)
    if os.geteuid() != 0:  # root reads files whatever their mode
        [problem] = [g for g in got if isinstance(g, Problem)]
        assert problem.source == str(bad) and "permission" in problem.message


def test_ingest_missing_path_is_a_problem(tmp_path: Path) -> None:
    [item] = items(tmp_path / "nope.txt")
    assert isinstance(item, Problem) and "no such file" in item.message


def test_ingest_stdin_text_and_jsonl() -> None:
    [text] = list(iter_inputs(["-"], stdin=io.BytesIO(b"Moscow denies the report.")))
    assert isinstance(text, RawItem) and text.source == "<stdin>"
    lines = b'{"text": "One."}\n{"text": "Two."}\n'
    got = list(iter_inputs(["-"], stdin=io.BytesIO(lines)))
    assert [g.content for g in got if isinstance(g, RawItem)] == ["One.", "Two."]


def test_ingest_warc_and_wet(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = b"<html><body><article><p>Kyiv said on Monday.</p></article></body></html>"
        writer.write_record(
            writer.create_warc_record("https://example.org/a", "response", payload=io.BytesIO(body), http_headers=http)
        )
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://example.org/i.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img)
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/b", "conversion", payload=io.BytesIO(b"Plain text of page b."),
                warc_content_type="text/plain",
            )
        )
    got = items(path)
    assert [(g.url, g.is_html) for g in got if isinstance(g, RawItem)] == [
        ("https://example.org/a", True),
        ("https://example.org/b", False),
    ]


def test_ingest_corrupt_warc_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a warc file at all\n" * 3)
    got = items(path)
    assert got and all(isinstance(g, Problem) for g in got)


@pytest.mark.parametrize("name", ["x.txt", "x.jsonl"])
def test_ingest_count_inputs_counts_files(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text('{"text": "a"}\n' if name.endswith("jsonl") else "a")
    assert count_inputs([str(tmp_path)]) == 1


def test_ingest_folder_dangling_link_reported_others_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Kyiv and Moscow exchanged prisoners on Sunday.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    got = items(tmp_path)
    problems = [g for g in got if isinstance(g, Problem)]
    assert [p.source for p in problems] == [str(tmp_path / "gone.txt")]
    assert [g.source for g in got if isinstance(g, RawItem)] == [str(tmp_path / "ok.txt")]


def test_ingest_html_in_a_declared_charset_is_decoded_by_its_meta(tmp_path: Path) -> None:
    text = "Ciężar sporu o cła spadł na rolników."
    f = tmp_path / "page.html"
    f.write_bytes(f'<html><head><meta charset="windows-1250"></head><body><p>{text}</p></body></html>'.encode("cp1250"))
    [item] = items(f)
    assert isinstance(item, RawItem) and item.is_html and text in item.content


def test_ingest_large_html_page_is_read_and_its_text_limited_after_cleaning(tmp_path: Path) -> None:
    # 3 MB of markup around a short article: a page's weight, not a document's length
    f = tmp_path / "big.html"
    f.write_text("<html><body>" + "<div>" + "x" * 3_000_000 + "</div><p>Short article.</p></body></html>")
    [item] = items(f)
    assert isinstance(item, RawItem) and item.is_html
    g = tmp_path / "long.txt"
    g.write_text("word " * 300_000)
    [text] = items(g)
    assert isinstance(text, Problem) and "too long" in text.message
