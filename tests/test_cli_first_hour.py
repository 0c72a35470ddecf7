"""A new user's first hour: the README's commands in order, fast starts, exit codes, full-width pipes, serve."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer.main
from test_analytics_dyads import article
from typer.testing import CliRunner

from newsgraph import __version__
from newsgraph.cli.main import app
from newsgraph.records import Actor, Analysis, Document, Quote
from newsgraph.store.segments import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REUTERS = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578.jsonl.gz"
HEAVY = ("spacy", "thinc", "trafilatura", "htmldate", "ray", "datasketch", "scipy", "pandas", "fastapi", "uvicorn",
         "pydantic")  # fmt: skip
runner = CliRunner()


def invoke(*args: str, env: dict[str, str | None] | None = None):
    return runner.invoke(app, list(args), env=env)


def loaded_after(commands: list[list[str]], cwd: Path, heavy: tuple[str, ...] = HEAVY) -> tuple[set[str], str]:
    """Run CLI commands in a fresh interpreter; the heavy top-level modules it imported, and its stderr."""
    probe = (
        "import sys\nfrom newsgraph.cli.main import app\n"
        f"for args in {commands!r}:\n"
        "    try:\n        app(args, standalone_mode=False)\n    except SystemExit:\n        pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in %r or m == 'pyarrow.dataset')\n"
        "print('\\nMODULES:', *heavy)\n" % (heavy,)
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.rsplit("MODULES:", 1)[1].split()), done.stderr


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Russia and the United States over eleven weeks of late 2021, with Putin's quotes (no model needed)."""
    root = tmp_path_factory.mktemp("hour") / "s"
    monday = date(2021, 11, 1)
    Store(root).write([article(i, monday + timedelta(weeks=i), [1, 3]) for i in range(11)], segment_size=4)
    return root


@pytest.mark.slow
def test_cli_first_hour_ingest_examples_then_dyad_then_repair(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    first = invoke("ingest", str(EXAMPLES), "--store", store)
    assert first.exit_code == 0, first.output
    assert "ingested 1 new documents" in first.stderr and "no publication date" not in first.stderr
    published = invoke("sql", "SELECT published FROM documents", "--store", store, "--format", "csv")
    assert published.stdout.splitlines()[1] == "2021-12-06"  # from examples/seed-article.meta.json
    dyad = invoke("dyad", "RUS", "USA", "--by", "month", "--store", store)
    assert dyad.exit_code == 0, dyad.output
    assert "RUS–USA" in dyad.stdout and "2021-12-01" in dyad.stdout

    [seg] = Store(store).segment_dirs()
    events = seg / "events.parquet"
    events.write_bytes(events.read_bytes()[:100])
    broken = invoke("stats", "--store", store)
    assert broken.exit_code == 1 and len(broken.stderr.splitlines()) == 1 and seg.name in broken.stderr
    repaired = invoke("check", "--repair", "--store", store)
    assert repaired.exit_code == 0 and f"newsgraph ingest {EXAMPLES / 'seed-article.txt'}" in repaired.stderr
    assert invoke("ingest", str(EXAMPLES / "seed-article.txt"), "--store", store).exit_code == 0
    again = invoke("stats", "--store", store, "--format", "json")
    assert json.loads(again.stdout)["rows"]["documents"] == 1


@pytest.mark.slow
def test_cli_reingest_parses_nothing_and_says_so(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    rows = [{"key": f"n{i}", "body": f"Chile and Peru signed a fishing accord in Lima, report {i} said.",
             "day": "02-MAR-2021 09:15:00.00"} for i in range(3)]  # fmt: skip
    rows.append({"key": "n3", "body": "Peru recalled its ambassador from Chile on Friday."})
    docs.write_text("".join(json.dumps(r) + "\n" for r in rows))
    store = str(tmp_path / "store")
    flags = ["--id-field", "key", "--text-field", "body", "--published-field", "day"]
    first = invoke("ingest", str(docs), "--store", store, *flags)
    assert first.exit_code == 0, first.output
    assert "ingested 4 new documents" in first.stderr
    assert "1 of 4 documents have no publication date" in first.stderr  # the last line has no "day"
    modules, stderr = loaded_after([["ingest", str(docs), "--store", store, *flags]], tmp_path)
    assert "ingested 0 new documents" in stderr and "(4 already stored, 0 refused" in stderr
    assert not modules & {"spacy", "thinc"}, modules


def test_cli_query_commands_import_no_analysis_modules(corpus_store: Path, tmp_path: Path) -> None:
    store = str(corpus_store)
    commands = [["sql", "select 1", "--store", store], ["stats", "--store", store],
                ["dyad", "RUS", "USA", "--store", store], ["quotes", "--speaker", "Putin", "--store", store],
                ["actors", "--store", store], ["check", "--store", store], ["--version"]]  # fmt: skip
    modules, stderr = loaded_after(commands, tmp_path)
    assert modules == set(), modules
    assert "Traceback" not in stderr


def test_cli_query_commands_for_machines_import_no_rich(corpus_store: Path, tmp_path: Path) -> None:
    store = str(corpus_store)
    commands = [[*args, "--store", store, "--format", form] for form in ("csv", "json")
                for args in (["sql", "select 1"], ["stats"], ["dyad", "RUS", "USA"], ["quotes"], ["actors"],
                             ["actors", "Putin"], ["alerts"])]  # fmt: skip
    modules, stderr = loaded_after(commands, tmp_path, heavy=("rich",))
    assert modules == set(), modules
    assert "Traceback" not in stderr
    table, _ = loaded_after([["sql", "select 1", "--store", store]], tmp_path, heavy=("rich",))
    assert "rich" in table  # the probe sees rich when a table is printed


def test_cli_commands_annotations_are_evaluated_when_they_load() -> None:
    """Typer reads each command's annotations on every start: strings would be evaluated again each time."""
    group = typer.main.get_command(app)
    commands = [c for sub in group.commands.values() for c in getattr(sub, "commands", {sub.name: sub}).values()]
    assert len(commands) > 20
    postponed = sorted(
        c.name for c in commands if any(isinstance(a, str) for a in c.callback.__wrapped__.__annotations__.values())
    )
    assert postponed == []


def test_cli_analyze_missing_path_fails_before_the_model(tmp_path: Path) -> None:
    modules, stderr = loaded_after([["analyze", str(tmp_path / "no-such-file.txt")]], tmp_path)
    assert f"{tmp_path / 'no-such-file.txt'}: no such file or directory" in stderr
    assert "no input could be read" in stderr and not modules & {"spacy", "thinc"}


@pytest.mark.slow
@pytest.mark.gold
def test_cli_reuters_ingests_with_field_flags(tmp_path: Path) -> None:
    sample = tmp_path / "reuters.jsonl"
    with gzip.open(REUTERS, "rt", encoding="utf-8") as lines:
        sample.write_text("".join(next(lines) for _ in range(12)))
    with_body = sum(1 for line in sample.read_text().splitlines() if (json.loads(line).get("body") or "").strip())
    store = str(tmp_path / "store")
    plain = invoke("ingest", str(sample), "--store", store)
    assert plain.exit_code == 1
    assert len([x for x in plain.stderr.splitlines() if "--text-field" in x]) == 1  # once, not per line
    flags = ["--id-field", "newid", "--text-field", "body", "--title-field", "title", "--published-field", "date_raw"]
    result = invoke("ingest", str(sample), "--store", store, *flags)
    assert result.exit_code == 0, result.output
    assert f"ingested {with_body} new documents" in result.stderr and f"{12 - with_body} refused" in result.stderr
    rows = json.loads(invoke("sql", "SELECT min(doc_id) AS id, min(published) AS day FROM documents", "--store", store,
                             "--format", "json").stdout)  # fmt: skip
    assert rows == {"id": "1", "day": "1987-02-26"}
    names = invoke("sql", "SELECT count(*) AS n FROM actors WHERE regexp_matches(name, '\\s\\s|\\n')", "--store", store,
                   "--format", "json")  # fmt: skip
    assert json.loads(names.stdout) == {"n": 0}  # names wrapped across the wire's lines are collapsed


def test_cli_version_prints_code_and_data_versions() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith(f"newsgraph {__version__} (data-")


def test_cli_dyad_exit_codes_empty_answer_and_unknown_country(corpus_store: Path) -> None:
    empty = invoke("dyad", "USA", "RUS", "--from", "2030-01-01", "--store", str(corpus_store))
    assert empty.exit_code == 0 and "no events" in empty.stderr
    other = invoke("dyad", "USA", "JPN", "--store", str(corpus_store))
    assert other.exit_code == 0  # a real country with no events is an empty answer
    unknown = invoke("dyad", "USA", "XXX", "--store", str(corpus_store))
    assert unknown.exit_code == 1 and unknown.stderr.count("\n") == 1 and "unknown country code XXX" in unknown.stderr


def test_cli_quotes_speaker_matches_words_not_substrings(tmp_path: Path) -> None:
    def said(n: int, speaker: str) -> Analysis:
        text = f'{speaker} said: "The talks went well." Report {n}.'
        end = len(speaker)
        return Analysis(
            document=Document(id=f"q{n}", text=text, published="2021-03-02"),
            actors=(Actor("a1", speaker, None, None, None, "person", ((0, end),)),),
            quotes=(Quote(text="The talks went well.", start=end + 8, end=end + 28, kind="direct", speaker="a1"),),
        )

    root = tmp_path / "s"
    Store(root).write([said(1, "Wang Yi"), said(2, "Anan Wanglee"), said(3, "Chen Wang")])
    result = invoke("quotes", "--speaker", "wang", "--store", str(root), "--format", "csv")
    assert result.exit_code == 0
    speakers = sorted(line.split(",")[1] for line in result.stdout.splitlines()[1:])
    assert speakers == ["Chen Wang", "Wang Yi"]


def test_cli_piped_table_uses_the_full_width(corpus_store: Path) -> None:
    long = "asserted " * 40
    result = invoke("sql", f"SELECT '{long.strip()}' AS words, 1 AS n", "--store", str(corpus_store),
                    env={"COLUMNS": None})  # fmt: skip
    assert result.exit_code == 0
    assert long.strip() in result.stdout  # on one line: no cell folded at 80 columns


def test_cli_serve_prints_its_url_and_stops_on_ctrl_c(corpus_store: Path) -> None:
    cmd = [sys.executable, "-m", "newsgraph", "serve", "--store", str(corpus_store), "--port", "0"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        line = proc.stderr.readline()  # type: ignore[union-attr]
        assert line.startswith("newsgraph: serving ") and "http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "health", timeout=5) as response:
                    assert json.loads(response.read())["documents"] == 11
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()  # type: ignore[union-attr]
        assert proc.wait(timeout=30) == 0
        assert "Traceback" not in rest and "stopped" in rest
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def test_cli_document_ids_with_dots_and_colons_work_in_the_api(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app

    root = tmp_path / "s"
    doc = Analysis(document=Document(id="wire:1987.0042", text="Chile praised Peru.", published="2021-03-02"))
    Store(root).write([doc])
    client = TestClient(create_app(Store(root)))
    assert client.get("/documents/wire:1987.0042").json()["document"]["id"] == "wire:1987.0042"
    assert client.get("/documents/wire%3A1987.0042").status_code == 200
    assert client.get("/documents/a%2Fb").status_code in (404, 422)


@pytest.mark.parametrize("words", ["O'Brien", "\\", "(Wang", "[x]", "\x80", "a*b", "José", "\u200b", "$5", "Wang.Yi"])
def test_cli_speaker_words_of_any_characters_are_a_valid_pattern(words: str) -> None:
    import duckdb

    from newsgraph.query.analytics import words_pattern

    name = f"Minister {words} spoke"
    assert duckdb.execute("SELECT regexp_matches(?, ?)", [name, words_pattern(words)]).fetchone() == (True,)
    assert duckdb.execute("SELECT regexp_matches(?, ?)", ["Minister X spoke", words_pattern(words)]).fetchone() == (False,)


@pytest.mark.slow
def test_cli_ingest_in_a_fresh_process_prints_its_summary_and_nothing_else(tmp_path: Path) -> None:
    # the model and reference data are frozen out of the garbage collector once loaded; they must
    # come back at exit, or DuckDB's bindings report every object still alive as "leaked"
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "ingest", str(EXAMPLES), "--store", str(tmp_path / "s")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"newsgraph: ingested 1 new documents into {tmp_path / 's'} (0 already stored, 0 refused, 1 segments)"
    ]
