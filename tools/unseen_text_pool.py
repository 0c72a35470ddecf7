#!/usr/bin/env python3
"""Pick audit articles from the part of Reuters-21578 that the shared audit tool never draws.

`../shared/tools/audit/unseen_reuters.py` draws from the articles with newid >= 15000 whose
`places` tag names two or more countries; after many audits almost every one of those 782
articles has been read by someone. This draws, deterministically for a seed, from the articles
with newid >= --min-id that carry at most one place tag but whose text names two or more
countries (names, aliases or demonyms from `src/newsgraph/data/countries-*.csv`), so that they
are still about relations between countries. Writes newsgraph input JSONL {id, text, published}.

    python3 tools/unseen_text_pool.py --n 40 --seed 1 --exclude /path/to/read-ids.txt > audit-in.jsonl
"""
import argparse
import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578.jsonl.gz"


def country_patterns() -> dict[str, re.Pattern]:
    """One word-bounded pattern per ISO3 code, from the countries data file."""
    path = sorted((ROOT / "src" / "newsgraph" / "data").glob("countries-*.csv"))[-1]
    patterns = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = [row["name"], *row["aliases"].split("|"), *row["demonyms"].split("|")]
            names = sorted({n.strip() for n in names if len(n.strip()) > 2}, key=len, reverse=True)
            if names:
                patterns[row["iso3"]] = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return patterns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=40, help="articles (default 40)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-id", type=int, default=15000, help="smallest newid to draw from (default 15000)")
    ap.add_argument("--exclude", type=Path, help="file of ids (reuters-N) already read, one per line")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    excluded = set(args.exclude.read_text().split()) if args.exclude else set()
    patterns = country_patterns()
    pool = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            body = r.get("body") or ""
            if r["newid"] < args.min_id or len(set(r.get("places") or [])) >= 2 or len(body) <= 400:
                continue
            if f"reuters-{r['newid']}" in excluded:
                continue
            text = f"{r.get('title') or ''}\n{body}"
            if sum(1 for p in patterns.values() if p.search(text)) >= 2:
                pool.append(r)
    for r in random.Random(args.seed).sample(pool, min(args.n, len(pool))):
        text = f"{r['title'].strip()}\n\n{r['body'].strip()}" if r.get("title") else r["body"].strip()
        print(json.dumps({"id": f"reuters-{r['newid']}", "text": text, "published": (r.get("date") or "")[:10] or None}))
    print(f"{min(args.n, len(pool))} articles drawn from {len(pool)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
