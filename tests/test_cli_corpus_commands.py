"""Corpus commands: dyad, alerts, actors, quotes, stories, compact over a hand-built store; every help has an example."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from test_analytics_dyads import MONDAY, article
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.cli.corpus import sparkline
from newsgraph.store.segments import Store

runner = CliRunner()
CORPUS_COMMANDS = ("dyad", "alerts", "actors", "quotes", "stories", "compact")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli") / "s"
    items = [article(i, MONDAY + timedelta(weeks=i), [1, 1, 2, 3], polarity=1.0) for i in range(10)]
    items.append(article(10, MONDAY + timedelta(weeks=10, days=2), [4, 4, 4, 3], polarity=-3.0))
    Store(root).write(items, segment_size=3)
    return root


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_corpus_every_command_help_ends_with_an_example() -> None:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    assert set(CORPUS_COMMANDS) <= names
    for name in sorted(names):
        text = run(name, "--help")
        last = [line.strip(" │") for line in text.splitlines() if line.strip(" │")][-1:]
        assert any("Example: newsgraph " in line for line in text.splitlines()), name
        assert last, name


def test_cli_corpus_sparkline_scales_and_marks_gaps() -> None:
    assert sparkline([0, 1, 2, None, 7]) == "▁▂▃ █"
    assert sparkline([3, 3]) == "▁▁" and sparkline([]) == ""


def test_cli_corpus_dyad_table_json_csv(store_dir: Path) -> None:
    table = run("dyad", "rus", "usa", "--store", str(store_dir))
    assert "RUS–USA" in table and "▁" in table and "RUS→USA 190 -10.0 doc010" in table
    lines = run("dyad", "RUS", "USA", "--store", str(store_dir), "--format", "json").splitlines()
    points = [json.loads(line) for line in lines]
    assert len(points) == 11 and points[-1]["quads"]["material_conflict"] == 3
    assert points[-1]["top_events"][0]["doc_id"] == "doc010"
    csv_text = run("dyad", "RUS", "USA", "--store", str(store_dir), "--format", "csv", "--by", "month")
    assert csv_text.splitlines()[0].startswith("period,events,verbal_coop")
    bad = runner.invoke(app, ["dyad", "RUS", "USA", "--store", str(store_dir), "--by", "year"])
    assert bad.exit_code != 0 and "unknown period" in bad.stderr


def test_cli_corpus_alerts_actors_quotes_stories(store_dir: Path) -> None:
    alerts = [json.loads(x) for x in run("alerts", "--store", str(store_dir), "--format", "json").splitlines()]
    assert [(a["a"], a["b"], a["week"]) for a in alerts] == [("RUS", "USA", "2022-01-10")]
    assert "doc010" in run("alerts", "--store", str(store_dir))
    assert "Vladimir Putin" in run("actors", "--store", str(store_dir), "--top", "3")
    summary = json.loads(run("actors", "Russia", "--store", str(store_dir), "--format", "json"))
    assert summary["documents"] == 11 and summary["counterparts"][0]["code"] == "USA"
    quotes = run("quotes", "--speaker", "Putin", "--store", str(store_dir), "--format", "csv", "--limit", "2")
    assert len(quotes.strip().splitlines()) == 3 and "We will answer." in quotes
    stories = run("stories", "--store", str(store_dir), "--format", "csv")
    assert stories.splitlines()[0] == "story_id,documents,first_published,last_published,title,events"


def test_cli_corpus_compact_keeps_answers(tmp_path: Path) -> None:
    root = tmp_path / "s"
    Store(root).write([article(i, MONDAY + timedelta(weeks=i), [1, 3]) for i in range(6)], segment_size=1)
    before = run("dyad", "RUS", "USA", "--store", str(root), "--format", "json")
    result = runner.invoke(app, ["compact", "--store", str(root), "--target", "100"])
    assert result.exit_code == 0 and "compacted 6 segments into 1" in result.stderr
    assert len(Store(root).segment_dirs()) == 1
    assert run("dyad", "RUS", "USA", "--store", str(root), "--format", "json") == before
