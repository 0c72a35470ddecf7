"""Shared fixtures: the spaCy model and the reference data, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "examples" / "seed-article.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.parse import load_model

    return load_model()


@pytest.fixture(scope="session")
def knowledge(nlp):
    from newsgraph.extract import Knowledge

    return Knowledge.load(nlp)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"gold data missing: {SHARED_DATA} (CI lays ../shared beside the repository)")
    return SHARED_DATA
