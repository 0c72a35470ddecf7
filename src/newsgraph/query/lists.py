"""Listings as SQL over the store's views: documents by id, actors across documents, country pairs.

Each function answers one question of the HTTP API and the Python API, one page at a time
(``limit``, ``offset``), with the total count, so that a client can page through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.query.analytics import Source, connection
from newsgraph.store.rows import OCCURRED


@dataclass(frozen=True, slots=True)
class Rows:
    """One page of a listing: its rows as dicts, and how many rows there are in all."""

    total: int
    items: tuple[dict[str, Any], ...]


def page(store: Source, select: str, params: Sequence[Any], order: str, limit: int, offset: int) -> Rows:
    """One page of the rows of ``select`` in ``order``, and their count."""
    con = connection(store)
    total = con.execute(f"SELECT count(*) FROM ({select})", list(params)).fetchone()[0]  # type: ignore[index]
    cursor = con.execute(f"{select} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    columns = [d[0] for d in cursor.description or []]
    return Rows(int(total), tuple(dict(zip(columns, row, strict=True)) for row in cursor.fetchall()))


def document_count(store: Source) -> int:
    """How many documents the store holds."""
    return int(connection(store).execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]


def documents_by_id(store: Source, ids: Sequence[str], *, limit: int = 100, offset: int = 0) -> Rows:
    """The documents of these ids (unknown ids are left out), newest first, with their counts of events and quotes."""
    wanted = sorted(set(ids))
    if not wanted:
        return Rows(0, ())
    marks = ", ".join("?" for _ in wanted)
    select = (
        "SELECT d.doc_id, d.title, d.published, d.source, d.url, "
        "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events, "
        f"(SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id) AS n_quotes FROM documents d WHERE d.doc_id IN ({marks})"
    )
    return page(store, select, wanted, "published DESC NULLS LAST, doc_id", limit, offset)


def like(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching ``text`` anywhere, its wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actor_rows(
    store: Source,
    name: str | None = None,
    *,
    code: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Rows:
    """Actors across documents, one row per name and code, most mentioned first; ``name`` is part of the name."""
    where, params = [], []
    if name:
        where.append("name ILIKE ? ESCAPE '\\'")
        params.append(like(name))
    for column, value in (("code", code), ("country", country), ("kind", kind)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    select = (
        "SELECT name, code, any_value(country) AS country, any_value(role) AS role, any_value(kind) AS kind, "
        "count(DISTINCT doc_id) AS documents, CAST(sum(n_mentions) AS BIGINT) AS mentions FROM actors"
    )
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    grouped = f"SELECT * FROM ({select}{clause} GROUP BY name, code)"
    return page(store, grouped, params, "mentions DESC, name, code", limit, offset)


def dyad_rows(store: Source, *, min_confidence: float = 0.5, limit: int = 50, offset: int = 0) -> Rows:
    """Country pairs (two different countries, either direction) with the most events, their articles and days."""
    select = (
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
        "count(*) AS events, count(DISTINCT doc_id) AS articles, avg(goldstein) AS goldstein_mean, "
        "CAST(min(coalesce(date, published)) AS VARCHAR) AS first_day, "
        "CAST(max(coalesce(date, published)) AS VARCHAR) AS last_day FROM events "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country "
        f"AND {OCCURRED} AND coalesce(confidence, 1.0) >= ? GROUP BY ALL"
    )
    return page(store, select, [min_confidence], "events DESC, a, b", limit, offset)
