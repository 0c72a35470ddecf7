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
def analyze_text(nlp, knowledge):  # type: ignore[no-untyped-def]
    """One text through every extractor, as the pipeline runs them (published 1987-04-01 unless given)."""
    from newsgraph.extract import analyze_doc
    from newsgraph.records import Document

    def _run(text: str, published: str = "1987-04-01"):  # type: ignore[no-untyped-def]
        return analyze_doc(nlp(text), Document(id="t", text=text, published=published), knowledge)

    return _run


@pytest.fixture(scope="session")
def actors_of(nlp, knowledge):  # type: ignore[no-untyped-def]
    """The actors stage alone on one text (published 1987-04-02)."""
    from datetime import date

    from newsgraph.extract.actors import extract_actors

    return lambda text: extract_actors(nlp(text), date(1987, 4, 2), knowledge.actors)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"gold data missing: {SHARED_DATA} (CI lays ../shared beside the repository)")
    return SHARED_DATA
