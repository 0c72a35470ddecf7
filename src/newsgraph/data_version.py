"""The version of the packaged reference data: a hash of every file under ``newsgraph/data``.

Stored in every segment so that re-coding a corpus is reproducible.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def data_version() -> str:
    """``data-<12 hex>`` over the names and contents of the reference data files."""
    digest = hashlib.sha256()
    for path in sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(DATA_DIR)).encode())
        digest.update(path.read_bytes())
    return f"data-{digest.hexdigest()[:12]}"
