"""The limits of one API server, shared by its read and write routes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ApiOptions:
    """Limits of one server: body sizes, page sizes, and the per-client rate of `POST /analyze`."""

    max_body_bytes: int = 4 * 1024 * 1024
    max_analyze_bytes: int = 512 * 1024
    max_limit: int = 500
    default_limit: int = 50
    analyze_rate: float = 1.0  # tokens per second, per client
    analyze_burst: int = 10
    analyze_wait: float = 30.0  # seconds a request waits for the analysis lock before a 503
    cache_size: int = 512  # answers kept per store version (see api.cache)
