"""What every command of the `newsgraph` CLI shares: its output streams, one-line errors, the
``--store`` and ``--format`` options, and the rows of a query printed as a table, JSON or CSV."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.library import Store

#: Columns of a table written to a pipe or file: wide enough that no cell is folded ("asserte d").
PIPED_WIDTH = 10_000


def _stdout_console() -> Console:
    """Standard output: the terminal's width on a terminal; piped, as wide as the rows (unless $COLUMNS says)."""
    from rich.console import Console, ConsoleDimensions

    class Out(Console):
        @property
        def size(self) -> ConsoleDimensions:
            if not self.is_terminal and "COLUMNS" not in os.environ:
                return ConsoleDimensions(PIPED_WIDTH, 25)
            return super().size

        @size.setter
        def size(self, new_size: tuple[int, int]) -> None:
            Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    return Out(soft_wrap=False)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


class LazyConsole:
    """A rich Console made on first use: JSON and CSV output, and commands that print none, never import rich."""

    def __init__(self, make: Callable[[], Console]) -> None:
        self._make = make

    @cached_property
    def console(self) -> Console:
        return self._make()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)


out = LazyConsole(_stdout_console)
err = LazyConsole(_stderr_console)


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Store directory (default: $NEWSGRAPH_STORE or the user data dir).")
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on stderr and exit non-zero."""
    sys.stderr.write(f"newsgraph: error: {_one_line(message)}\n")
    raise typer.Exit(code)


def warn(message: str) -> None:
    """One line on stderr (never wrapped: scripts grep these)."""
    sys.stderr.write(f"newsgraph: {_one_line(message)}\n")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def open_store(path: Path | None) -> Store:
    """The store of ``--store`` (default: $NEWSGRAPH_STORE, else the user's data directory)."""
    from newsgraph.library import Store

    return Store(path)


def write_rows(columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...], format: QueryFormat) -> None:
    """Print query rows as a table, JSON lines or CSV."""
    if format == QueryFormat.table:
        from newsgraph.render import result_table

        out.print(result_table(columns, rows))
    elif format == QueryFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n")
    else:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
