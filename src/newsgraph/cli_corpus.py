"""Corpus commands (dyad, alerts, actors, quotes, compact, stories): registered on the main app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the corpus-scale commands to ``app``."""
