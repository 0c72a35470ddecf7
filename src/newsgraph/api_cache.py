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


class ResultCache:
    """Up to ``size`` results, least recently used dropped first; concurrent misses on one key compute once."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, Future[Any]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached result for ``key``, computing it (once, across threads) when absent."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                self.hits += 1
                return self._done[key]
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
        with self._lock:
            del self._pending[key]
            self._done[key] = value
            while len(self._done) > self.size:
                self._done.popitem(last=False)
        mine.set_result(value)
        return value
