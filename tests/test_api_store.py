"""The store the API and web tests share: the seed article plus a Reuters sample, analyzed once per session.

Other test modules import `sample_store` from here (pytest puts tests/ on sys.path); the
store is built under the session's base temp folder, so every module reuses the first build.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed-article.txt"
SEED_PUBLISHED = "2021-12-06"
REUTERS = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578.jsonl.gz"
#: Reuters articles about the US and Japan or the USSR: a dyad with events over several weeks of 1987.
REUTERS_PAIRS = ({"usa", "japan"}, {"usa", "ussr"})
REUTERS_COUNT = 24


def reuters_sample(path: Path = REUTERS, count: int = REUTERS_COUNT) -> list[dict[str, str]]:
    """The first ``count`` Reuters articles (with a body) whose places hold one of ``REUTERS_PAIRS``."""
    out: list[dict[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            places = set(row.get("places") or ())
            if row.get("body") and any(pair <= places for pair in REUTERS_PAIRS):
                out.append({"id": f"reuters-{row['newid']}", "text": row["body"], "title": row["title"],
                            "published": row["date"][:10]})  # fmt: skip
                if len(out) >= count:
                    break
    return out


def build_sample_store(root: Path) -> Path:
    """Analyze the seed article and the Reuters sample into a store at ``root``."""
    from newsgraph.ingest import RawItem
    from newsgraph.pipeline import PipelineOptions, analyze_items
    from newsgraph.records import Analysis
    from newsgraph.store.segments import Store

    items = [RawItem(str(SEED), SEED.read_text(encoding="utf-8"), False, published=SEED_PUBLISHED)]
    items += [
        RawItem("reuters21578", r["text"], False, id=r["id"], title=r["title"], published=r["published"])
        for r in reuters_sample()
    ]
    results = list(analyze_items(items, PipelineOptions()))
    problems = [str(r) for r in results if not isinstance(r, Analysis)]
    assert not problems, f"the sample store lost articles: {problems[:3]}"
    Store(root).write([r for r in results if isinstance(r, Analysis)])
    return root


def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's sample store, built on first use."""
    root = tmp_path_factory.getbasetemp() / "api-sample-store"
    if not (root / "segments").is_dir():
        build_sample_store(root)
    return root


def seed_id() -> str:
    """The seed article's document id (the hash of its clean text)."""
    from newsgraph.clean import clean_text
    from newsgraph.pipeline import document_id

    return document_id(clean_text(SEED.read_text(encoding="utf-8")).text)


@pytest.mark.slow
def test_api_store_holds_seed_and_reuters(tmp_path_factory: pytest.TempPathFactory) -> None:
    from newsgraph.query.views import run_sql
    from newsgraph.store.segments import Store

    store = Store(sample_store(tmp_path_factory))
    docs = run_sql(store, "SELECT doc_id, published FROM documents").dicts()
    ids = {d["doc_id"] for d in docs}
    assert seed_id() in ids
    assert sum(1 for i in ids if i.startswith("reuters-")) == REUTERS_COUNT
    dyad = run_sql(
        store,
        "SELECT count(DISTINCT date_trunc('week', coalesce(date, published))) FROM events "
        "WHERE least(source_country, target_country) = 'JPN' AND greatest(source_country, target_country) = 'USA'",
    ).rows[0][0]
    assert dyad >= 2, "the Reuters sample should give the USA-JPN dyad events in several weeks"
