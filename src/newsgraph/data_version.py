"""The version of the packaged reference data: a hash of the files ``data_files`` lists.

Stored in every segment so that re-coding a corpus is reproducible.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from newsgraph.data_files import data_files, read_bytes


@lru_cache(maxsize=1)
def data_version() -> str:
    """``data-<12 hex>`` over the names and contents of the reference data files."""
    digest = hashlib.sha256()
    for name in data_files():
        digest.update(name.encode())
        digest.update(read_bytes(name))
    return f"data-{digest.hexdigest()[:12]}"
