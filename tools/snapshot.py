"""Snapshot the analyses of a fixed document set, and compare two snapshots (the byte-identical check).

A change that should not change any analysis (moving words into data files, splitting a
module, a speed-up) is checked by taking a snapshot before it and after it and comparing:

    .venv/bin/python tools/snapshot.py /tmp/before.jsonl          # on the commit before
    .venv/bin/python tools/snapshot.py /tmp/after.jsonl           # on the commit after
    .venv/bin/python tools/snapshot.py --compare /tmp/before.jsonl /tmp/after.jsonl

The set (``../shared`` beside the repository): the seed article (``examples/seed-article.txt``,
published 2021-12-06), the first 400 Reuters-21578 articles that have a body (text = title,
blank line, body, as ``../shared/tools/audit/unseen_reuters.py`` builds it; published = the
article's date) and the 84 PolNeAR dev texts (published from ``metadata.tsv``). Each document
goes through the whole pipeline (clean, parse, extract) in one process; the snapshot holds one
JSON line per document (``Analysis.to_dict()``, sorted keys). ``--compare`` prints how many
documents differ and the first differences by record kind, and exits 1 when any differ.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.ingest import Problem, RawItem
from newsgraph.pipeline import PipelineOptions, analyze_items

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "examples" / "seed-article.txt"
SEED_PUBLISHED = "2021-12-06"
REUTERS_DOCS = 400
SHOWN = 3  # differences printed per record kind


def items(data: Path) -> Iterator[RawItem]:
    """The fixed set, in a fixed order: seed, Reuters, PolNeAR dev."""
    yield RawItem("seed", SEED.read_text(encoding="utf-8"), False, id="seed", published=SEED_PUBLISHED)
    taken = 0
    with gzip.open(data / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as stream:
        for line in stream:
            r = json.loads(line)
            if not (r.get("body") or "").strip():
                continue
            text = f"{r['title'].strip()}\n\n{r['body'].strip()}" if r.get("title") else r["body"].strip()
            published = (r.get("date") or "")[:10] or None
            yield RawItem(f"reuters-{r['newid']}", text, False, id=f"reuters-{r['newid']}", published=published)
            taken += 1
            if taken >= REUTERS_DOCS:
                break
    polnear = data / "quotes" / "polnear"
    with (polnear / "metadata.tsv").open(encoding="utf-8") as fh:
        dates = {row["filename"]: row["publication_date"] for row in csv.DictReader(fh, delimiter="\t")}
    for path in sorted((polnear / "dev" / "text").glob("*.txt")):
        name = path.stem
        yield RawItem(name, path.read_text(encoding="utf-8"), False, id=name, published=dates.get(name))


def take(out: Path, data: Path) -> int:
    """Analyze the set and write one sorted-key JSON line per document; returns the count."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for result in analyze_items(items(data), PipelineOptions()):
            record = {"problem": str(result)} if isinstance(result, Problem) else result.to_dict()
            fh.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
            n += 1
    return n


def _key(record: dict[str, Any]) -> str:
    return str(record.get("document", {}).get("id") or record.get("problem"))


def compare(old: Path, new: Path) -> int:
    """Print how many documents differ and the first differences per record kind; 1 if any differ."""
    before = [json.loads(line) for line in old.read_text(encoding="utf-8").splitlines()]
    after = [json.loads(line) for line in new.read_text(encoding="utf-8").splitlines()]
    if [_key(r) for r in before] != [_key(r) for r in after]:
        print(f"the snapshots hold different documents ({len(before)} and {len(after)})")
        return 1
    differing = 0
    by_kind: dict[str, list[str]] = {}
    for a, b in zip(before, after, strict=True):
        if a == b:
            continue
        differing += 1
        for kind in sorted(set(a) | set(b)):
            if a.get(kind) == b.get(kind):
                continue
            shown = by_kind.setdefault(kind, [])
            if len(shown) < SHOWN:
                shown.append(_difference(_key(a), a.get(kind), b.get(kind)))
    print(f"{differing} of {len(before)} documents differ")
    for kind, shown in by_kind.items():
        print(f"\n{kind}:")
        for line in shown:
            print(line)
    return 1 if differing else 0


def _difference(doc_id: str, a: Any, b: Any) -> str:
    """The first records of one kind that differ, old then new."""
    if isinstance(a, list) and isinstance(b, list):
        a, b = [r for r in a if r not in b][:2], [r for r in b if r not in a][:2]
    pad = " " * len(doc_id)
    return f"  {doc_id}: - {json.dumps(a, sort_keys=True)}\n  {pad}  + {json.dumps(b, sort_keys=True)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="snapshot file to write (JSON lines)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two snapshots")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="shared data folder (default ../shared/data)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give a snapshot file to write, or --compare OLD NEW")
    if not args.data.is_dir():
        print(f"snapshot: data folder missing: {args.data}", file=sys.stderr)
        return 2
    n = take(args.out, args.data)
    print(f"{n} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
