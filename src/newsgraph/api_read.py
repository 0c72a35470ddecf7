"""Read endpoints of the API: documents, actors, events, quotes and search (dyads, alerts, stories: api_corpus).

Every listing is one page (`limit` capped by `ApiOptions.max_limit`, `offset`, `next_offset`).
Answers come from `newsgraph.analytics` or from SQL over the store's DuckDB views with every
user value bound as a parameter, and are cached per store version (`api_cache`).
"""

# no `from __future__ import annotations`: FastAPI reads the route annotations at run time,
# and some of them (page size limits) are built from the server's options inside read_router

import json
import threading
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import duckdb
from fastapi import APIRouter, HTTPException, Path, Query

from newsgraph import analytics
from newsgraph.analytics import DocumentRef, EventRef, QuoteRef
from newsgraph.api_options import ApiOptions
from newsgraph.api_cache import ResultCache
from newsgraph.api_corpus import add_corpus_routes
from newsgraph.api_models import (
    CODE_PATTERN,
    DOC_ID_PATTERN,
    EVENT_CODE_PATTERN,
    ActorRow,
    AnalysisModel,
    ErrorBody,
    Modality,
    Page,
    SearchResult,
)
from newsgraph.query import connect
from newsgraph.store import Store

T = TypeVar("T")
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown id"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}
_ID = DOC_ID_PATTERN.strip("^$")
IDS_PATTERN = f"^{_ID}(,{_ID}){{0,99}}$"
DYAD_PATTERN = r"^[A-Z]{3}[-,][A-Z]{3}$"
TEXT_QUERY = {"min_length": 1, "max_length": 200}


class ReadContext:
    """The store's DuckDB views for one server, reopened whenever the store's segments change."""

    def __init__(self, store: Store, options: ApiOptions) -> None:
        self.store = store
        self.options = options
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._segments: tuple[str, ...] = ()
        self.cache = ResultCache(options.cache_size)

    def version(self) -> tuple[str, ...]:
        """The store's segment listing: it changes with every write and compaction."""
        return tuple(str(p) for p in self.store.segment_dirs())

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered for this store version (answers are read-only and the store append-only)."""
        return self.cache.get((self.version(), *key), compute)

    def refresh(self) -> None:
        """Forget the open views (a write or a compaction changed the segment files)."""
        with self._lock:
            self._con = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own for this request, over the store as it is now."""
        segments = self.version()
        if not segments or not getattr(self.store, "local", True):
            # empty stand-in tables and object-store datasets are registered per connection,
            # so a cursor (another connection to the same database) would not see them
            return connect(self.store)
        with self._lock:
            if self._con is None or segments != self._segments:
                self._con = connect(self.store)
                self._segments = segments
            return self._con.cursor()

    def rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        """Run one query and return its rows as dicts."""
        cur = self.cursor()
        try:
            result = cur.execute(sql, params)
            columns = [d[0] for d in result.description or []]
            return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
        finally:
            cur.close()

    def page(self, select: str, params: list[Any], order: str, limit: int, offset: int) -> dict[str, Any]:
        """One page of ``select`` (the shape of `Page`), with the total count."""

        def compute() -> dict[str, Any]:
            total = self.rows(f"SELECT count(*) AS n FROM ({select})", params)[0]["n"]
            items = self.rows(f"{select} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
            next_offset = offset + limit if offset + limit < total else None
            return {"limit": limit, "offset": offset, "next_offset": next_offset, "total": total, "items": items}

        return self.cached(("page", select, tuple(params), order, limit, offset), compute)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def read_router(ctx: ReadContext) -> APIRouter:
    """The read-only endpoints over ``ctx``'s store."""
    router = APIRouter()
    max_limit = ctx.options.max_limit
    Limit = Annotated[int, Query(ge=1, le=max_limit, description=f"Page size (at most {max_limit}).")]
    Offset = Annotated[int, Query(ge=0, le=1_000_000)]
    default = ctx.options.default_limit

    @router.get("/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Liveness, version, and how many documents the store holds."""
        from newsgraph import __version__

        n = ctx.cached(("health",), lambda: ctx.rows("SELECT count(*) AS n FROM documents", []))[0]["n"]
        return {"status": "ok", "version": __version__, "documents": n}

    @router.get("/documents", tags=["documents"], response_model=Page[DocumentRef], responses=ERRORS)
    def list_documents(
        q: Annotated[str | None, Query(description="Words in the title or text.", **TEXT_QUERY)] = None,
        ids: Annotated[
            str | None, Query(pattern=IDS_PATTERN, description="Only these documents: ids separated by commas (≤ 100).")
        ] = None,
        limit: Limit = default,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Documents, newest first: id, title, published date, source, and counts of events and quotes."""
        if ids:
            wanted = sorted(set(ids.split(",")))
            marks = ", ".join("?" for _ in wanted)
            select = (
                "SELECT d.doc_id, d.title, d.published, d.source, d.url, "
                "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events, "
                f"(SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id) AS n_quotes FROM documents d WHERE d.doc_id IN ({marks})"
            )
            return ctx.page(select, wanted, "published DESC NULLS LAST, doc_id", limit, offset)
        found = ctx.cached(
            ("documents", q, limit, offset),
            lambda: analytics.find_documents(ctx.store, text=q, limit=limit + 1, offset=offset),
        )
        return paged(found, limit, offset)

    @router.get("/documents/{doc_id}", tags=["documents"], response_model=AnalysisModel, responses=ERRORS)
    def get_document(doc_id: Annotated[str, Path(pattern=DOC_ID_PATTERN)]) -> Any:
        """One document with its full Analysis (actors, quotes, dates, amounts, events, claims, tone)."""
        rows = ctx.cached(
            ("document", doc_id), lambda: ctx.rows("SELECT analysis FROM documents WHERE doc_id = ? LIMIT 1", [doc_id])
        )
        if not rows:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return json.loads(rows[0]["analysis"])

    @router.get("/actors", tags=["actors"], response_model=Page[ActorRow], responses=ERRORS)
    def list_actors(
        q: Annotated[str | None, Query(description="Part of the actor's name.", **TEXT_QUERY)] = None,
        code: Annotated[str | None, Query(pattern=CODE_PATTERN, description="CAMEO actor code, e.g. RUSGOV.")] = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$")] = None,
        kind: Annotated[str | None, Query(pattern=r"^(person|organization|country|group|place)$")] = None,
        limit: Limit = default,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors across documents (one row per name and code), most mentioned first."""
        where, params = [], []
        if q:
            where.append("name ILIKE ? ESCAPE '\\'")
            params.append(_like(q))
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
        return ctx.page(grouped, params, "mentions DESC, name, code", limit, offset)

    @router.get("/events", tags=["events"], response_model=Page[EventRef], responses=ERRORS)
    def list_events(
        actor: Annotated[
            str | None, Query(description="Actor on either side: exact name, CAMEO code, or ISO3 country.", **TEXT_QUERY)
        ] = None,
        dyad: Annotated[str | None, Query(pattern=DYAD_PATTERN, description="Country pair, either way: USA-RUS.")] = None,
        code: Annotated[str | None, Query(pattern=EVENT_CODE_PATTERN, description="CAMEO event code, exact.")] = None,
        root: Annotated[str | None, Query(pattern=r"^[0-9]{2}$", description="CAMEO root code (first 2 digits).")] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal/2 material cooperation, 3/4 conflict.")] = None,
        modality: Modality | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        min_confidence: Annotated[
            float, Query(ge=0.0, le=1.0, description="Only events of this confidence or more (default "
                         f"{analytics.DEFAULT_MIN_CONFIDENCE}).")
        ] = analytics.DEFAULT_MIN_CONFIDENCE,
        limit: Limit = default,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """CAMEO events with both actors, the day, confidence, place and evidence offsets, newest first."""
        key = ("events", actor, dyad, code, root, quad_class, modality, date_from, date_to, min_confidence, limit, offset)
        found = ctx.cached(key, lambda: analytics.find_events(
            ctx.store, actor=actor, dyad=dyad, code=code, root=root, quad_class=quad_class, modality=modality,
            start=date_from, end=date_to, limit=limit + 1, offset=offset, min_confidence=min_confidence,
        ))  # fmt: skip
        return paged(found, limit, offset)

    @router.get("/quotes", tags=["quotes"], response_model=Page[QuoteRef], responses=ERRORS)
    def list_quotes(
        speaker: Annotated[str | None, Query(description="Words of the speaker's name, or an exact actor code.", **TEXT_QUERY)] = None,
        q: Annotated[str | None, Query(description="Words in the quote.", **TEXT_QUERY)] = None,
        limit: Limit = default,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes with their speakers (name and code), offsets and document, newest first."""
        found = ctx.cached(
            ("quotes", speaker, q, limit, offset),
            lambda: analytics.find_quotes(ctx.store, speaker=speaker, text=q, limit=limit + 1, offset=offset),
        )
        return paged(found, limit, offset)

    @router.get("/search", tags=["search"], response_model=SearchResult, responses=ERRORS)
    def search(
        q: Annotated[str, Query(description="Words to find in articles and quotes.", **TEXT_QUERY)],
        limit: Annotated[int, Query(ge=1, le=100, description="Articles and quotes, each.")] = 20,
        offset: Offset = 0,
    ) -> SearchResult:
        """Full-text search over articles (title and text) and quotes."""
        return ctx.cached(
            ("search", q, limit, offset),
            lambda: SearchResult(
                q=q,
                documents=analytics.find_documents(ctx.store, text=q, limit=limit, offset=offset),
                quotes=analytics.find_quotes(ctx.store, text=q, limit=limit, offset=offset),
            ),
        )

    add_corpus_routes(router, ctx)
    return router


def paged(found: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page (the shape of `Page`) from ``limit + 1`` rows: the extra row only says that there is a next page."""
    next_offset = offset + limit if len(found) > limit else None
    return {"limit": limit, "offset": offset, "next_offset": next_offset, "total": None, "items": found[:limit]}
