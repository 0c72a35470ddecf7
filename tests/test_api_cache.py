"""The API's result cache: bounded, least recently used, one computation per key under concurrency."""

from __future__ import annotations

import threading
import time

import pytest

from newsgraph.api.cache import ResultCache


def test_api_cache_computes_once_then_hits() -> None:
    cache = ResultCache(size=4)
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or 42) == 42
    assert cache.get("k", lambda: calls.append(1) or 0) == 42
    assert calls == [1] and cache.hits == 1 and cache.misses == 1


def test_api_cache_drops_least_recently_used() -> None:
    cache = ResultCache(size=2)
    cache.get("a", lambda: 1)
    cache.get("b", lambda: 2)
    cache.get("a", lambda: 0)  # a is now the most recent
    cache.get("c", lambda: 3)
    assert cache.get("b", lambda: "recomputed") == "recomputed"
    assert cache.get("a", lambda: "recomputed") in (1, "recomputed")
    assert len(cache._done) <= 2


def test_api_cache_concurrent_misses_compute_once() -> None:
    cache = ResultCache()
    calls: list[int] = []
    gate = threading.Event()

    def slow() -> str:
        calls.append(1)
        gate.wait(5)
        return "value"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    gate.set()
    for t in threads:
        t.join(5)
    assert results == ["value"] * 8 and calls == [1]


def test_api_cache_does_not_keep_errors() -> None:
    cache = ResultCache()

    def boom() -> int:
        raise ValueError("bad")

    with pytest.raises(ValueError):
        cache.get("k", boom)
    assert cache.get("k", lambda: 7) == 7


def test_api_cache_bounds_rows_in_all() -> None:
    cache = ResultCache(size=100, max_rows=25)
    for i in range(10):
        cache.get(i, lambda: list(range(9)))  # 10 rows each
    assert cache.rows <= 25 and len(cache._done) == 2
    assert cache.get("huge", lambda: list(range(100))) == list(range(100))
    assert "huge" not in cache._done
