"""A bounded, single-flight result cache keyed by the store's version (its segment listing).

The store is append-only and every write or compaction changes its segment listing, so
an answer computed for one listing stays right until the listing changes. Opening the
store's views costs far more than most queries on them (see docs/api.md), so a dashboard
with many readers of the same pages computes each answer once per store version; when
several requests miss the same key at once, one computes and the others wait for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


def weight(value: Any) -> int:
    """Rough size of a result in rows: a page or list counts its items, anything else 1."""
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        return 1 + len(value["items"])
    if isinstance(value, (list, tuple)):
        return 1 + len(value)
    return 1


class ResultCache:
    """Up to ``size`` results and ``max_rows`` rows in all, least recently used dropped first.

    Concurrent misses on one key compute once.
    """

    def __init__(self, size: int = 1024, max_rows: int = 50_000) -> None:
        self.size = size
        self.max_rows = max_rows
        self.rows = 0
        self._lock = threading.Lock()
        self._done: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._pending: dict[Hashable, Future[Any]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached result for ``key``, computing it (once, across threads) when absent."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                self.hits += 1
                return self._done[key][0]
            waiting = self._pending.get(key)
            if waiting is None:
                mine: Future[Any] = Future()
                self._pending[key] = mine
                self.misses += 1
        if waiting is not None:
            return waiting.result()
        try:
            value = compute()
        except BaseException as err:
            with self._lock:
                del self._pending[key]
            mine.set_exception(err)  # the waiters get the same error; nothing is cached
            raise
        rows = weight(value)
        with self._lock:
            del self._pending[key]
            if rows <= self.max_rows:
                self._done[key] = (value, rows)
                self.rows += rows
            while len(self._done) > self.size or self.rows > self.max_rows:
                self.rows -= self._done.popitem(last=False)[1][1]
        mine.set_result(value)
        return value
