"""Watch: poll feeds and sitemaps and ingest what is new, one round at a time.

A round fetches every source (conditionally, when it is a feed seen before), analyzes the
pages not yet in the store, writes them, and only then saves the crawl state, so a round
that is killed is simply done again. A source that is down is a problem of that round
and is asked again in the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.crawl import Crawl, CrawlOptions
from newsgraph.ingest import Problem
from newsgraph.pipeline import PipelineOptions, analyze_items

INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How each round crawls, analyzes and writes."""

    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    segment_size: int = 500


@dataclass(frozen=True, slots=True)
class RoundResult:
    """One round: documents stored, pages already stored, pages or sources that failed, feeds unchanged."""

    new: int
    already: int
    failed: int
    unchanged: int
    fetched: int

    def __str__(self) -> str:
        unchanged = f", {self.unchanged} feed{'s' if self.unchanged != 1 else ''} unchanged" if self.unchanged else ""
        return f"{self.new} new, {self.already} already stored, {self.failed} failed{unchanged}"


def watch_round(
    store: Any, sources: Sequence[str], options: WatchOptions, on_problem: Callable[[Problem], None]
) -> RoundResult:
    """Fetch every feed or sitemap, store the new pages' analyses, then save the crawl state."""
    crawl = Crawl(store, options.crawl)
    failed = 0

    def analyses() -> Iterator[Any]:
        nonlocal failed
        for result in analyze_items(crawl.items(sources, listings_only=True), options.pipeline):
            if isinstance(result, Problem):
                failed += 1
                on_problem(result)
            else:
                yield result

    try:
        written = store.write(analyses(), segment_size=options.segment_size)
        crawl.commit()
    finally:
        crawl.close()
    return RoundResult(
        new=written.written,
        already=written.skipped + crawl.counts.already,
        failed=failed,
        unchanged=crawl.counts.unchanged,
        fetched=crawl.fetcher.requests,
    )


def parse_interval(text: str) -> float:
    """Seconds in '90', '90s', '15m', '1h' or '1d'; raises ValueError otherwise."""
    match = INTERVAL.match(text.lower())
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration such as 90s, 15m or 1h")
    return float(match.group(1)) * UNITS[match.group(2)]
