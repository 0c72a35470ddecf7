"""The command line: analyze's output shapes, ingest/stats/sql, and one-line errors with exit codes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli.main import app

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"
runner = CliRunner()

ARTICLE = (
    "Ukraine accuses Russia of massing troops\n\n"
    "KYIV, Dec 6 - Ukraine's foreign minister said on Monday that Russia had massed 90,000 troops "
    "near the border, and the Kremlin denied the report.\n\n"
    "\"We will defend our land,\" the minister told reporters in Kyiv.\n"
)


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "article.txt"
    path.write_text(ARTICLE)
    return path


def test_cli_analyze_one_file_prints_one_json_object(article: Path) -> None:
    result = invoke("analyze", str(article), "--published", "2021-12-06")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"document", "actors", "quotes", "dates", "amounts", "events", "claims", "tone"}
    doc = data["document"]
    assert doc["published"] == "2021-12-06" and doc["source"] == str(article)
    assert doc["title"] == "Ukraine accuses Russia of massing troops"
    assert "90,000 troops" in doc["text"]


def test_cli_analyze_seed_keeps_title_and_sentences_drops_furniture() -> None:
    result = invoke("analyze", str(SEED), "--published", "2021-12-06")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["document"]
    text = doc["text"]
    assert doc["title"].startswith("Russia calls US relations deplorable")
    for sentence in (
        "Amid rising tensions in Ukraine and fears of a Russian invasion",
        "It is in this context that the two presidents will meet this Tuesday (7)",
        "Bartender Ruslan Lapuk, 28, sees little chance.",
        "“We have no one to rely on, except our own strength,” he said.",
    ):
        assert sentence in text
    for furniture in ("You May Also Like", "Recommended for you", "Immediate Peak"):
        assert furniture not in text
    assert "\nby\n" not in f"\n{text}\n" and "\n.\n" not in f"\n{text}\n"


def test_cli_analyze_several_files_print_jsonl_in_order(article: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Moscow rejected the proposal on Friday, officials said.")
    result = invoke("analyze", str(other), str(article), "--published", "2021-12-06")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"]["source"] for line in lines] == [str(other), str(article)]


def test_cli_analyze_jsonl_keeps_ids_and_dates_per_line(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(
        json.dumps({"id": "x1", "text": "Russia met Ukraine last Friday.", "published": "2021-12-06"})
        + "\nnot json\n"
        + json.dumps({"id": "x2", "html": "<html><body><article><p>China praised Kenya on Monday in talks "
                      "held in the capital, officials said.</p></article></body></html>", "published": "2020-01-01"})
        + "\n"
    )
    result = invoke("analyze", str(f))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["document"]["id"], d["document"]["published"]) for d in lines] == [
        ("x1", "2021-12-06"),
        ("x2", "2020-01-01"),
    ]
    assert f"{f}:2: malformed JSON" in result.stderr


def test_cli_analyze_stdin(article: Path) -> None:
    result = invoke("analyze", "-", "--published", "2021-12-06", input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["source"] == "<stdin>"


def test_cli_analyze_table_is_for_people(article: Path) -> None:
    result = invoke("analyze", str(article), "--published", "2021-12-06", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Actors (" in result.stdout and "Events (" in result.stdout and "{" not in result.stdout.split("\n")[0]
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty file"),
        (b"\x00\x01\x02" * 100, "binary file"),
        (gzip.compress(b"<html>" + b"x" * 4000)[:30], "truncated gzip"),
        (b"<html><head><title>t</title></head><body></body></html>", ""),
    ],
    ids=["empty", "binary", "truncated-gzip", "html-no-body"],
)
def test_cli_analyze_bad_input_one_line_error_nonzero(tmp_path: Path, content: bytes, words: str) -> None:
    name = "page.html.gz" if content[:2] == b"\x1f\x8b" else ("page.html" if content.startswith(b"<html") else "in.txt")
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("analyze", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith(f"newsgraph: {path}: ") and words in errors[0]
    assert errors[-1] == "newsgraph: error: no document could be analyzed"


def test_cli_analyze_latin1_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a déclaré que la Russie menace l'Ukraine.".encode("latin-1"))
    result = invoke("analyze", str(path))
    assert result.exit_code == 0, result.output
    assert "déclaré" in json.loads(result.stdout)["document"]["text"]


def test_cli_analyze_bad_published_date(article: Path) -> None:
    result = invoke("analyze", str(article), "--published", "2021-13-45")
    assert result.exit_code == 2
    assert "--published" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_ingest_stats_sql_and_reingest(article: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = invoke("ingest", str(article), str(SEED), "--store", str(store), "--published", "2021-12-06")
    assert first.exit_code == 0, first.output
    assert "ingested 2 new documents" in first.stderr
    again = invoke("ingest", str(article), "--store", str(store))
    assert again.exit_code == 0 and "ingested 0 new documents" in again.stderr and "1 already stored" in again.stderr
    stats = invoke("stats", "--store", str(store), "--format", "json")
    assert json.loads(stats.stdout)["rows"]["documents"] == 2
    sql = invoke("sql", "SELECT count(*) AS n FROM documents", "--store", str(store), "--format", "json")
    assert json.loads(sql.stdout) == {"n": 2}
    bad = invoke("sql", "SELECT nope FROM documents", "--store", str(store))
    assert bad.exit_code == 1 and bad.stderr.startswith("newsgraph: error:") and len(bad.stderr.splitlines()) == 1


def test_cli_stats_without_store_is_one_line_error(tmp_path: Path) -> None:
    result = invoke("stats", "--store", str(tmp_path / "none"))
    assert result.exit_code == 1 and "no store at" in result.stderr


def test_cli_every_command_has_an_example() -> None:
    from typer.main import get_command

    root = get_command(app)
    commands = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        commands += [(f"{name} {n}", c) for n, c in sub.items()] if sub else [(name, cmd)]
    for name, cmd in commands:
        assert "Example: newsgraph" in (cmd.help or ""), f"`newsgraph {name}` help has no example"


def test_cli_ingest_bad_inputs_leave_store_untouched(article: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert invoke("ingest", str(article), "--store", str(store)).exit_code == 0
    before = sorted(p.name for p in (store / "segments").iterdir())
    empty, binary = tmp_path / "empty.txt", tmp_path / "bin.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x00\xff" * 64)
    result = invoke("ingest", str(empty), str(binary), "--store", str(store))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"newsgraph: {empty}: empty file" and lines[1].startswith(f"newsgraph: {binary}: binary file")
    assert sorted(p.name for p in (store / "segments").iterdir()) == before


def test_cli_clean_prints_text_and_json_without_parsing(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    paragraph = "The council met on Tuesday and voted to build a new bridge over the river, the mayor said."
    page.write_text(
        "<html><head><title>Council votes for a new bridge</title></head><body><article>"
        "<h1>Council votes for a new bridge</h1>"
        f"<p>{paragraph}</p><p>{paragraph.replace('Tuesday', 'Friday')}</p></article></body></html>"
    )
    result = invoke("clean", str(page))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Council votes for a new bridge\n\nThe council met on Tuesday")
    result = invoke("clean", str(page), str(tmp_path / "missing.html"), "--format", "json")
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    data = json.loads(line)
    assert data["title"] == data["headline"] == "Council votes for a new bridge"
    assert data["body"].startswith("The council met on Tuesday") and data["source"] == str(page)
    assert "missing.html: no such file or directory" in result.stderr


def test_cli_clean_nothing_cleaned_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = invoke("clean", str(empty))
    assert result.exit_code == 1
    assert "no document could be cleaned" in result.stderr


def test_cli_eval_boilerplate_on_a_benchmark_folder(tmp_path: Path) -> None:
    # a one-page benchmark in the Zyte shape, its page in KOI8-R (sentences written for this test)
    first = "Министры иностранных дел двух стран встретились во вторник в Женеве и обсудили новый договор."
    second = "Переговоры продлятся до конца недели, сообщили представители обеих делегаций журналистам."
    (tmp_path / "html").mkdir()
    html = f"<html><head><meta charset='koi8-r'></head><body><article><p>{first}</p><p>{second}</p></article></body></html>"
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode("koi8_r")))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": f"{first}\n{second}", "url": "u"}}))
    result = invoke("eval", "boilerplate", "--track", "html", "--data", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    scores = {(s["system"], s["name"]): s["value"] for s in json.loads(result.stdout)["scores"]}
    assert scores["newsgraph", "F1"] == 1.0
    result = invoke("eval", "boilerplate", "--track", "text", "--data", str(tmp_path))
    assert result.exit_code == 2 and "html-text.json" in result.stderr


def test_cli_sql_table_shows_cells_as_text_not_markup(tmp_path: Path) -> None:
    from newsgraph import Analysis, Document, Store

    Store(tmp_path / "s").write([Analysis(document=Document(id="d1", text="The envoy spoke."))])
    cell = "[the minister] said the talks were :fire: [/]"
    result = invoke("sql", f"SELECT '{cell}' AS \"[b]quote[/b]\"", "--store", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    assert cell in result.stdout and "[b]quote[/b]" in result.stdout
