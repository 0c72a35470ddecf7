"""The `serve` command (HTTP API and web page): registered on the main app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `serve` command to ``app``."""
