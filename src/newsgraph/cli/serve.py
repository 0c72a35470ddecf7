"""The `serve` command (HTTP API and web page): registered on the main app."""

import ipaddress
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the `serve` command to ``app``."""
    app.command()(serve)


def serve(
    store: Annotated[
        Path | None, typer.Option("--store", help="Store directory (default: $NEWSGRAPH_STORE or the user data dir).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback unless you mean otherwise.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0 picks a free one).")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="NEWSGRAPH_TOKEN", help="Enables POST /documents for requests bearing it."),
    ] = None,
) -> None:
    """Serve the HTTP API (schema at /openapi.json) and the web page over a store.

    Read-only unless --token is given; then POST /documents (Authorization: Bearer TOKEN)
    analyzes and stores articles (the store is created if missing).

    Example: newsgraph serve --store ./store --port 8000
    """
    import uvicorn

    from newsgraph.api.app import create_app
    from newsgraph.store.segments import Store, default_store

    root = store or default_store()
    if not root.exists() and token is None:
        sys.stderr.write(f"newsgraph: error: no store at {root} (run `newsgraph ingest` first, or pass --store)\n")
        raise typer.Exit(1)
    if token is not None and len(token) < 16:
        sys.stderr.write("newsgraph: error: --token must be at least 16 characters\n")
        raise typer.Exit(2)
    if not is_loopback(host):
        sys.stderr.write(f"newsgraph: warning: listening on {host}, reachable from other machines\n")
    app = create_app(Store(root), token=token)
    try:  # bound here, not by uvicorn: a busy port is one line, and --port 0 can say which port it got
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.create_server((host, port), family=family)
    except OSError as err:
        sys.stderr.write(f"newsgraph: error: cannot listen on {host}:{port}: {err.strerror or err}\n")
        raise typer.Exit(1) from None
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"newsgraph: serving {root} at http://{shown}:{bound}/ (Ctrl-C stops)\n")
    sys.stderr.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shuts down on the first Ctrl-C, then raises it again for the caller: the stop is ours
    finally:
        sock.close()
    sys.stderr.write("newsgraph: stopped\n")


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (the only hosts served without being told)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
