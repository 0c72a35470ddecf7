"""Read endpoints of the API: documents, actors, events, quotes and search (dyads, alerts, stories: api.corpus).

Every listing is one page (`limit` capped by `ApiOptions.max_limit`, `offset`, `next_offset`).
Every answer is one call of a `newsgraph.Store` method (`newsgraph.library`; the SQL is in
`newsgraph.query`), cached per store version (`api.cache`).
"""

# no `from __future__ import annotations`: FastAPI reads the route annotations at run time,
# and some of them (page size limits) are built from the server's options inside read_router

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query

from newsgraph.query import analytics
from newsgraph.query.analytics import DocumentRef, EventRef, QuoteRef
from newsgraph.api.options import ApiOptions
from newsgraph.api.cache import ResultCache
from newsgraph.api.corpus import add_corpus_routes
from newsgraph.api.models import (
    CODE_PATTERN,
    DOC_ID_PATTERN,
    EVENT_CODE_PATTERN,
    ActorRow,
    AnalysisModel,
    ErrorBody,
    Modality,
    Page,
    SearchResult,
    page_of,
)
from newsgraph.library import Store

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
    """What the read endpoints share: the store (its DuckDB views reopened whenever its segments
    change) and the answers already given for this version of it."""

    def __init__(self, store: Store, options: ApiOptions) -> None:
        self.store = store
        self.options = options
        self.cache = ResultCache(options.cache_size)

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered for this store version (answers are read-only and the store append-only)."""
        return self.cache.get((self.store.version(), *key), compute)

    def refresh(self) -> None:
        """Forget the open views (a write or a compaction changed the segment files)."""
        self.store.refresh()


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

        n = ctx.cached(("health",), ctx.store.document_count)
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
            rows = ctx.cached(
                ("documents-by-id", tuple(wanted), limit, offset),
                lambda: ctx.store.documents_by_id(wanted, limit=limit, offset=offset),
            )
            return page_of(rows, limit, offset)
        found = ctx.cached(
            ("documents", q, limit, offset),
            lambda: ctx.store.documents(q, limit=limit + 1, offset=offset),
        )
        return paged(found, limit, offset)

    @router.get("/documents/{doc_id}", tags=["documents"], response_model=AnalysisModel, responses=ERRORS)
    def get_document(doc_id: Annotated[str, Path(pattern=DOC_ID_PATTERN)]) -> Any:
        """One document with its full Analysis (actors, quotes, dates, amounts, events, claims, tone)."""
        found = ctx.cached(("document", doc_id), lambda: ctx.store.document(doc_id))
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return found.to_dict()

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
        rows = ctx.cached(
            ("actors", q, code, country, kind, limit, offset),
            lambda: ctx.store.actor_rows(q, code=code, country=country, kind=kind, limit=limit, offset=offset),
        )
        return page_of(rows, limit, offset)

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
        found = ctx.cached(key, lambda: ctx.store.events(
            actor, dyad=dyad, code=code, root=root, quad_class=quad_class, modality=modality,
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
            lambda: ctx.store.quotes(speaker, q, limit=limit + 1, offset=offset),
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
                documents=ctx.store.documents(q, limit=limit, offset=offset),
                quotes=ctx.store.quotes(text=q, limit=limit, offset=offset),
            ),
        )

    add_corpus_routes(router, ctx)
    return router


def paged(found: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page (the shape of `Page`) from ``limit + 1`` rows: the extra row only says that there is a next page."""
    next_offset = offset + limit if len(found) > limit else None
    return {"limit": limit, "offset": offset, "next_offset": next_offset, "total": None, "items": found[:limit]}
