"""HTTP API and web page over a store: read-only unless started with a token.

`create_app(store)` returns a FastAPI app serving the JSON API (schema at `/openapi.json`)
and the web page under `/` with its assets from the package (`newsgraph/web`). Article
text is untrusted: the page builds DOM with textContent, and every response carries a
strict Content-Security-Policy so that even a bug there cannot run injected script.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph.api.options import ApiOptions  # re-exported: create_app takes it
from newsgraph.library import Store
from newsgraph.store.segments import Store as Segments
from newsgraph.store.segments import StoreError

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
# The docs pages load their scripts from a CDN; the page and API never need that, so they are off.
DOCS_URLS: dict[str, Any] = {"docs_url": None, "redoc_url": None}


def web_dir() -> Path:
    """The folder of the web page's assets inside the installed package."""
    return Path(str(resources.files("newsgraph") / "web"))


def create_app(store: Store | Segments, token: str | None = None, options: ApiOptions | None = None) -> FastAPI:
    """The API and web page over ``store``; `POST /documents` exists only when ``token`` is given."""
    store = store if isinstance(store, Store) else Store(store)
    from newsgraph.api.read import ReadContext, read_router
    from newsgraph.api.write import WriteContext, analyze_router, ingest_router

    opts = options or ApiOptions()
    if token and store.segments.local:
        store.root.mkdir(parents=True, exist_ok=True)  # an ingesting server may start from nothing
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Evidence-linked facts about international relations: documents with their Analysis, "
        "actors, CAMEO events, quotes, dyad series and alerts. Offsets are characters of `document.text`.",
        **DOCS_URLS,
    )
    reader = ReadContext(store, opts)
    writer = WriteContext(store, opts, token, on_write=reader.refresh)
    app.state.reader = reader
    app.state.writer = writer
    app.include_router(read_router(reader))
    app.include_router(analyze_router(writer))
    if token:
        app.include_router(ingest_router(writer))
    _add_error_handlers(app)
    _add_web(app)
    app.add_middleware(BodyLimit, max_bytes=opts.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _add_web(app: FastAPI) -> None:
    folder = web_dir()
    app.mount("/static", StaticFiles(directory=folder), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(folder / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)


def error(status: int, message: str, details: list[dict[str, Any]] | None = None) -> JSONResponse:
    """The JSON body of every error response."""
    body: dict[str, Any] = {"status": status, "message": message}
    if details is not None:
        body["details"] = details
    headers = {"retry-after": "1"} if status == 429 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        response = error(exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"location": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"location": "request", "message": "invalid"}
        return error(422, f"{first['location']}: {first['message']}", details)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return error(503, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        # one line, no traceback to the client; the server log has the rest
        return error(500, f"internal error ({type(exc).__name__})")


class SecurityHeaders:
    """Adds CSP, nosniff and frame headers to every response (API and page alike)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _send_json(send, 413, f"request body over {self.max_bytes} bytes")
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # FastAPI re-raises HTTPException from body reading, so this becomes a JSON 413
                    raise StarletteHTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, counting_receive, send)


async def _send_json(send: Send, status: int, message: str) -> None:
    response = error(status, message)
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    await send({"type": "http.response.start", "status": status, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})
