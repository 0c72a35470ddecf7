"""newsgraph: evidence-linked facts about international relations from news articles.

The Python API (docs/python.md)::

    import newsgraph

    analysis = newsgraph.analyze("Russia condemned the United States on Monday.", published="2023-05-04")
    store = newsgraph.Store("/tmp/ng-store")
    store.ingest(newsgraph.analyze_many(...))

Importing the package loads nothing heavy: each name below is imported on first use (spaCy with
the first analysis, DuckDB with the first query), so ``newsgraph sql`` starts as fast as DuckDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsgraph.ingest import Problem, RawItem
    from newsgraph.library import AnalysisError, IngestResult, Store, analyze, analyze_many
    from newsgraph.query.views import QueryError
    from newsgraph.store.check import StoreError
    from newsgraph.records import (
        Actor,
        Amount,
        Analysis,
        Claim,
        Document,
        Event,
        Evidence,
        Location,
        Quote,
        TimeExpression,
        Tone,
    )

#: the public names and the module each comes from
_EXPORTS = {
    "analyze": "newsgraph.library",
    "analyze_many": "newsgraph.library",
    "Store": "newsgraph.library",
    "AnalysisError": "newsgraph.library",
    "IngestResult": "newsgraph.library",
    "Problem": "newsgraph.ingest",
    "StoreError": "newsgraph.store.check",
    "QueryError": "newsgraph.query.views",
    "RawItem": "newsgraph.ingest",
    **{
        name: "newsgraph.records"
        for name in ("Actor", "Amount", "Analysis", "Claim", "Document", "Event", "Evidence", "Location", "Quote",
                     "TimeExpression", "Tone")  # fmt: skip
    },
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
