"""Query: DuckDB views over the store's Parquet segments; analytics are SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph.store.segments import ALL_TABLES, SCHEMAS, TABLES, Store, StoreError

SEGMENT_FILE = re.compile(r"segments/(seg-[^/'\"\s]+)/([a-z_]+\.parquet)")

# GDELT's NumMentions / NumArticles / NumSources, counted per story instead of per 15-minute
# window: one row per (story, source actor, target actor, CAMEO root, day). An outlet is the
# URL's host, else the document's source (file name), else the document itself.
STORY_EVENTS = """
CREATE VIEW story_events AS
SELECT coalesce(d.story_id, e.doc_id) AS story_id,
       coalesce(e.source_code, lower(e.source_name)) AS source_actor,
       coalesce(e.target_code, lower(e.target_name)) AS target_actor,
       e.root,
       coalesce(e.date, e.published) AS day,
       any_value(e.source_country) AS source_country,
       any_value(e.target_country) AS target_country,
       mode(e.code) AS code,
       mode(e.quad_class) AS quad_class,
       avg(e.goldstein) AS goldstein,
       count(*) AS num_mentions,
       count(DISTINCT e.doc_id) AS num_articles,
       count(DISTINCT coalesce(nullif(regexp_extract(d.url, '^[a-zA-Z]+://([^/:]+)', 1), ''), d.source, e.doc_id))
           AS num_sources,
       min(e.doc_id) AS first_doc_id,
       list(DISTINCT e.doc_id ORDER BY e.doc_id) AS doc_ids
FROM events e JOIN documents d USING (doc_id)
GROUP BY ALL
"""


@dataclass(frozen=True, slots=True)
class Result:
    """Column names and rows of one query."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# columns later segments store, computed the same way for segments written before them
DERIVED = {
    ("events", "day"): "coalesce(date, published)",
    ("events", "pair"): "CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL THEN "
    "least(source_country, target_country) || '-' || greatest(source_country, target_country) END",
    ("events", "confidence"): "1.0",  # before events carried a confidence, every event counted fully
    ("dyad_weeks", "band"): "10",
}


def _duck_type(t: pa.DataType) -> str:
    """The DuckDB type of an Arrow type used in the store's schemas."""
    if pa.types.is_decimal(t):
        return f"DECIMAL({t.precision}, {t.scale})"
    if pa.types.is_list(t):
        return _duck_type(t.value_type) + "[]"
    names = {pa.string(): "VARCHAR", pa.int8(): "TINYINT", pa.int32(): "INTEGER", pa.int64(): "BIGINT",
             pa.float32(): "FLOAT", pa.float64(): "DOUBLE", pa.date32(): "DATE", pa.bool_(): "BOOLEAN",
             pa.binary(): "BLOB", pa.timestamp("s", tz="UTC"): "TIMESTAMPTZ"}  # fmt: skip
    return names[t]


def connect(store: Store) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table of the store (empty tables when there is no data)."""
    if not store.root_exists():
        raise StoreError(f"no store at {store.root} (run `newsgraph ingest` first, or pass --store)")
    con = duckdb.connect()
    # Parquet footers read once per connection, not once per query (the analytics run several)
    con.execute("SET parquet_metadata_cache = true")
    # unifying schemas by name opens every file at bind time: only when old segments are present
    visible = store.visible()  # listed once: every view reads the same set of segments
    store.require_whole(visible)  # a damaged segment is one line naming it, not a DuckDB traceback
    union = "false" if store.uniform_schema(visible) else "true"
    segments = [seg for seg, _ in visible]
    for table in ALL_TABLES:
        schema = SCHEMAS[table]
        files = store.files(table, segments)
        if not files:
            con.register(table, schema.empty_table())
        elif store.local:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            source = f"read_parquet([{listed}], union_by_name = {union})"
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
            if union == "true":  # segments from before a column existed: derive it, or give it as null
                have = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
                missing = [f for f in schema if f.name not in have]
                extra = [f"{DERIVED.get((table, f.name), 'NULL')}::{_duck_type(f.type)} AS {f.name}" for f in missing]
                fill = [f"coalesce({c}, {e}) AS {c}" for (t, c), e in DERIVED.items() if t == table and c in have]
                select = "*" + (f" REPLACE ({', '.join(fill)})" if fill else "") + "".join(f", {x}" for x in extra)
                con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {select} FROM {source}")
        else:
            # object storage: PyArrow reads it (DuckDB's httpfs would need an extension download)
            import pyarrow.dataset as pads  # imported here: it brings pandas, a second on every start

            con.register(table, pads.dataset(files, schema=schema, format="parquet", filesystem=store.fs))
    con.execute(STORY_EVENTS)
    return con


def damaged_segment(store: Store, err: Exception) -> StoreError | None:
    """A reader's error that names a segment's file (damage the quick check cannot see), as the one line to give."""
    from newsgraph.store.check import damaged_message

    text = str(err)
    found = SEGMENT_FILE.search(text)
    if found is None:
        return None
    return StoreError(damaged_message(store, found.group(1), f"{found.group(2)} cannot be read"))


def run_sql(store: Store, sql: str, params: list[Any] | None = None) -> Result:
    """Run one SQL statement against the store's views."""
    con = connect(store)
    try:
        cursor = con.execute(sql, params or [])
    except duckdb.Error as err:
        raise damaged_segment(store, err) or QueryError(str(err).splitlines()[0]) from None
    if cursor.description is None:
        return Result((), ())
    columns = tuple(d[0] for d in cursor.description)
    return Result(columns, tuple(tuple(r) for r in cursor.fetchall()))


class QueryError(Exception):
    """A query the database refused; the message is DuckDB's first line."""


def stats(store: Store) -> dict[str, Any]:
    """Row counts per table, segments, the published-date range and the versions recorded."""
    con = connect(store)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
        first, last = con.execute("SELECT min(published), max(published) FROM documents").fetchone()  # type: ignore[misc]
        versions = con.execute(
            "SELECT code_version, data_version, count(*) FROM documents GROUP BY ALL ORDER BY 3 DESC"
        ).fetchall()
    except duckdb.Error as err:
        raise damaged_segment(store, err) or StoreError(str(err).splitlines()[0]) from None
    return {
        "store": str(store.root),
        "segments": len(store.segment_dirs()),
        "rows": counts,
        "published": {"first": first.isoformat() if first else None, "last": last.isoformat() if last else None},
        "versions": [{"code": c, "data": d, "documents": n} for c, d, n in versions],
    }
