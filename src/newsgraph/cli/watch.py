"""The `watch` command (poll feeds and sitemaps, ingest what is new): registered on the main app."""

import sys
import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer


def register(app: typer.Typer) -> None:
    """Add the `watch` command to ``app``."""
    app.command()(watch)


DelayOption = Annotated[
    float, typer.Option("--delay", min=0.0, help="Seconds between two requests to one web host (polite crawling).")
]


def watch(
    sources: Annotated[list[str], typer.Argument(help="RSS/Atom feeds or sitemaps (http or https URLs).")],
    every: Annotated[str, typer.Option("--every", help="Time between rounds: 90s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit.")] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help="Store directory (default: $NEWSGRAPH_STORE or the user data dir).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes, each with its own model.")] = 1,
    delay: DelayOption = 1.0,
    segment_size: Annotated[int, typer.Option(min=1, help="Documents per Parquet segment.")] = 500,
) -> None:
    """Poll feeds and sitemaps and ingest the pages not yet stored; one line per round on stdout.

    Feeds are asked with If-None-Match / If-Modified-Since; a source that is down is named on
    stderr and asked again next round. Ctrl-C stops after the segment being written.

    Example: newsgraph watch https://example.org/world/rss.xml --every 15m --store ./store
    """
    from newsgraph.crawl import CrawlOptions
    from newsgraph.fetch import FetchOptions, is_url
    from newsgraph.pipeline import PipelineOptions
    from newsgraph.store.segments import Store, StoreError, default_store
    from newsgraph.watch import WatchOptions, parse_interval, watch_round

    try:
        interval = parse_interval(every)
    except ValueError as e:
        _fail(f"--every: {e}", 2)
    bad = [s for s in sources if not is_url(s)]
    if bad:
        _fail(f"{bad[0]}: not an http(s) URL (watch polls feeds and sitemaps)", 2)
    target = Store(store or default_store())
    options = WatchOptions(
        crawl=CrawlOptions(fetch=FetchOptions(delay=delay)),
        pipeline=PipelineOptions(workers=workers),
        segment_size=segment_size,
    )
    rounds = 0
    try:
        while True:
            rounds += 1
            started = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
            try:
                result = watch_round(target, sources, options, lambda p: _say(str(p)))
            except StoreError as e:
                if once:
                    _fail(str(e))
                _say(f"round {rounds}: {e}")  # a store that is busy or full now may not be next round
            else:
                sys.stdout.write(f"{started} UTC round {rounds}: {result}\n")
                sys.stdout.flush()
                if once and result.failed and not (result.new or result.already or result.unchanged):
                    _fail("no source could be read")
            if once:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        _say(f"watch stopped after {rounds} round{'s' if rounds != 1 else ''}")


def _say(message: str) -> None:
    sys.stderr.write(f"newsgraph: {' '.join(message.split())}\n")


def _fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"newsgraph: error: {' '.join(message.split())}\n")
    raise typer.Exit(code)
