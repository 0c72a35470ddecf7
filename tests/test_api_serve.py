"""The `newsgraph serve` command: documented, loopback by default, refuses a missing store or a short token."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli.main import app

runner = CliRunner()


def test_api_serve_help_has_an_example_and_loopback_default() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: newsgraph serve" in result.output
    assert "127.0.0.1" in result.output


def test_api_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no store at" in result.output


def test_api_serve_refuses_a_short_token(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--store", str(tmp_path), "--token", "short"])
    assert result.exit_code == 2
    assert "at least 16" in result.output
