"""Query: DuckDB views over the store's Parquet segments; analytics are SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph.store import SCHEMAS, TABLES, Store, StoreError


@dataclass(frozen=True, slots=True)
class Result:
    """Column names and rows of one query."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def connect(store: Store) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table of the store (empty tables when there is no data)."""
    if not store.root.exists():
        raise StoreError(f"no store at {store.root} (run `newsgraph ingest` first, or pass --store)")
    con = duckdb.connect()
    have_segments = bool(store.segment_dirs())
    for table in TABLES:
        if have_segments:
            glob = store.glob(table).replace("'", "''")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}', union_by_name = true)")
        else:
            con.register(table, pa.Table.from_pylist([], schema=SCHEMAS[table]))
    return con


def run_sql(store: Store, sql: str, params: list[Any] | None = None) -> Result:
    """Run one SQL statement against the store's views."""
    con = connect(store)
    try:
        cursor = con.execute(sql, params or [])
    except duckdb.Error as err:
        raise QueryError(str(err).splitlines()[0]) from None
    if cursor.description is None:
        return Result((), ())
    columns = tuple(d[0] for d in cursor.description)
    return Result(columns, tuple(tuple(r) for r in cursor.fetchall()))


class QueryError(Exception):
    """A query the database refused; the message is DuckDB's first line."""


def stats(store: Store) -> dict[str, Any]:
    """Row counts per table, segments, the published-date range and the versions recorded."""
    con = connect(store)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    first, last = con.execute("SELECT min(published), max(published) FROM documents").fetchone()  # type: ignore[misc]
    versions = con.execute(
        "SELECT code_version, data_version, count(*) FROM documents GROUP BY ALL ORDER BY 3 DESC"
    ).fetchall()
    return {
        "store": str(store.root),
        "segments": len(store.segment_dirs()),
        "rows": counts,
        "published": {"first": first.isoformat() if first else None, "last": last.isoformat() if last else None},
        "versions": [{"code": c, "data": d, "documents": n} for c, d, n in versions],
    }
