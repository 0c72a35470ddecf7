"""Write-side endpoints: `POST /analyze` (anyone, rate-limited) and `POST /documents` (token only).

The spaCy model and reference data load once per server process, on the first request
that needs them (`pipeline.resources` caches them); a lock keeps one analysis at a time,
since a spaCy pipeline is not meant to be shared between threads.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request

from newsgraph.api.options import ApiOptions
from newsgraph.api.models import AnalysisModel, AnalyzeRequest, ErrorBody, IngestRequest, IngestResult
from newsgraph.ingest import Problem, RawItem
from newsgraph.records import Analysis
from newsgraph.library import Store
from newsgraph.store.segments import StoreError


@dataclass(slots=True)
class TokenBucket:
    """Per-client token buckets: ``rate`` tokens a second up to ``burst``; one request takes one."""

    rate: float
    burst: int
    max_clients: int = 10_000
    _state: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str, now: float | None = None) -> float:
        """0.0 when ``client`` may go ahead, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._state) >= self.max_clients and client not in self._state:
                self._forget_full(now)
            tokens, last = self._state.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._state[client] = (tokens - 1.0, now)
                return 0.0
            self._state[client] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        # a client whose bucket has refilled is indistinguishable from a new one, so drop it
        refill = self.burst / self.rate
        for key in [k for k, (_, last) in self._state.items() if now - last >= refill]:
            del self._state[key]
        if len(self._state) >= self.max_clients:
            self._state.clear()


class WriteContext:
    """What the write endpoints share: the store, limits, token, rate limiter and the analysis lock."""

    def __init__(
        self, store: Store, options: ApiOptions, token: str | None, on_write: Callable[[], None] | None = None
    ) -> None:
        self.store = store
        self.options = options
        self.token = token
        self.on_write = on_write or (lambda: None)
        self.bucket = TokenBucket(options.analyze_rate, options.analyze_burst)
        self.lock = threading.Lock()

    def analyze(self, requests: list[AnalyzeRequest]) -> list[Analysis | Problem]:
        """Clean, parse and extract each article (the model loads on first use)."""
        from newsgraph.library import analyze_many

        items = [_raw_item(r, i) for i, r in enumerate(requests)]
        # one analysis at a time; a request that cannot get its turn soon gives its thread back
        if not self.lock.acquire(timeout=self.options.analyze_wait):
            raise HTTPException(503, "busy analyzing other articles; retry shortly", headers={"retry-after": "5"})
        try:
            return list(analyze_many(items))
        finally:
            self.lock.release()


def _raw_item(request: AnalyzeRequest, index: int) -> RawItem | Problem:
    content = request.html if request.html is not None else request.text
    if not content or not content.strip():
        return Problem(f"document {index}", "give `text` or `html` (non-empty)")
    return RawItem(
        source=request.url or "api",
        content=content,
        is_html=request.html is not None,
        id=request.id,
        url=request.url,
        title=request.title,
        published=request.published.isoformat() if request.published else None,
    )


def _check_size(ctx: WriteContext, request: AnalyzeRequest) -> None:
    content = request.html if request.html is not None else (request.text or "")
    if request.text is not None and request.html is not None:
        raise HTTPException(422, "give either `text` or `html`, not both")
    if not content.strip():
        raise HTTPException(422, "give `text` or `html` (non-empty)")
    if len(content.encode("utf-8")) > ctx.options.max_analyze_bytes:
        raise HTTPException(413, f"article over {ctx.options.max_analyze_bytes} bytes")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def analyze_router(ctx: WriteContext) -> APIRouter:
    """`POST /analyze`: one article in, its Analysis out; nothing is stored."""
    router = APIRouter()
    responses: dict[int | str, dict[str, Any]] = {
        code: {"model": ErrorBody, "description": text}
        for code, text in ((413, "Article too large"), (422, "Invalid body or article"), (429, "Rate limited"), (503, "Busy"))
    }

    @router.post("/analyze", tags=["analyze"], response_model=AnalysisModel, responses=responses)
    def analyze(body: AnalyzeRequest, request: Request) -> Any:
        """Analyze one article (`text` or `html`, optional `published` YYYY-MM-DD) without storing it."""
        _check_size(ctx, body)
        wait = ctx.bucket.take(_client(request))
        if wait > 0:
            raise HTTPException(429, f"rate limited: retry in {wait:.1f}s", headers={"retry-after": str(int(wait) + 1)})
        result = ctx.analyze([body])[0]
        if isinstance(result, Problem):
            raise HTTPException(422, result.message)
        return result.to_dict()

    return router


def ingest_router(ctx: WriteContext) -> APIRouter:
    """`POST /documents`: analyze and store articles; needs ``Authorization: Bearer TOKEN``."""
    router = APIRouter()
    responses: dict[int | str, dict[str, Any]] = {
        code: {"model": ErrorBody, "description": text}
        for code, text in ((401, "No token"), (403, "Wrong token"), (413, "Too large"), (422, "Invalid body"), (503, "Busy"))
    }

    @router.post(
        "/documents", tags=["documents"], response_model=IngestResult, status_code=201, responses=responses
    )
    def ingest(
        body: IngestRequest,
        authorization: Annotated[str | None, Header(description="Bearer TOKEN given to `newsgraph serve`.")] = None,
    ) -> IngestResult:
        """Analyze the articles and append them to the store (documents already there are skipped)."""
        if not authorization or not authorization.startswith("Bearer "):
            raise HTTPException(401, "token required: send Authorization: Bearer TOKEN", {"www-authenticate": "Bearer"})
        if not ctx.token or not secrets.compare_digest(authorization[7:].encode(), ctx.token.encode()):
            raise HTTPException(403, "wrong token")
        for doc in body.documents:
            _check_size(ctx, doc)
        results = ctx.analyze(body.documents)
        analyses = [r for r in results if isinstance(r, Analysis)]
        problems = [str(r) for r in results if isinstance(r, Problem)]
        try:
            written = ctx.store.write(analyses)
        except StoreError as err:
            raise HTTPException(503, str(err)) from None
        ctx.on_write()
        return IngestResult(
            written=written.written, skipped=written.skipped, ids=[a.document.id for a in analyses], problems=problems
        )

    return router
