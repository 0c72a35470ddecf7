"""How often events get a location on Reuters-21578 articles, and a sample of placed events to judge by hand.

Run: ``.venv/bin/python tools/location_sample.py [--docs 400] [--sample 30] [--seed 12] [--only clause]``
(``../shared`` beside the repo). Each article is analyzed as the wire sent it: its title,
then its dateline ("BAHIA BLANCA, Argentina, March 2 -") opening the body. Prints the counts
(events, events placed by their clause, by the dateline, unplaced; kinds of place), then
``--sample`` placed events drawn at random, each with its sentence, the mention and the place,
for a reader to mark right or wrong.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter
from pathlib import Path

from newsgraph.extract import analyze_doc
from newsgraph.pipeline import resources
from newsgraph.records import Document


def wire_texts(data: Path, n: int) -> list[tuple[str, str, str]]:
    """(id, text, published) of the first ``n`` articles with a body and a dateline."""
    out = []
    with gzip.open(data / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            body, dateline = (row.get("body") or "").strip(), (row.get("dateline") or "").strip()
            if not body or not dateline:
                continue
            title = (row.get("title") or "").strip()
            text = f"{title}\n\n{dateline} {body}" if title else f"{dateline} {body}"
            out.append((str(row["newid"]), text, (row.get("date") or "")[:10]))
            if len(out) >= n:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--only", choices=("clause", "dateline"), help="Sample only events placed this way.")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    nlp, kn = resources()
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    placed = []
    for doc_id, text, published in wire_texts(args.data, args.docs):
        doc = nlp(text)
        analysis = analyze_doc(doc, Document(id=doc_id, text=text, published=published or None), kn)
        dateline_start = text.index("\n\n") + 2 if "\n\n" in text else 0
        for event in analysis.events:
            counts["events"] += 1
            loc = event.location
            if loc is None:
                counts["unplaced"] += 1
                continue
            source = "dateline" if loc.start == dateline_start else "clause"
            counts[source] += 1
            place = kn.places.by_id.get(int((loc.feature or "geonames:0").split(":")[1]))
            kinds[place.kind if place else "?"] += 1
            span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
            sentence = " ".join(span.root.sent.text.split()) if span is not None and len(span) else ""
            placed.append((doc_id, source, loc, place, event, sentence, text[: text.find("\n")]))
    n = counts["events"]
    print(f"{args.docs} articles, {n} events")
    for key in ("clause", "dateline", "unplaced"):
        print(f"  {key:9s} {counts[key]:5d}  {counts[key] / max(n, 1):.3f}")
    print("  placed at: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    rng = random.Random(args.seed)
    pool = [p for p in placed if args.only in (None, p[1])]
    for doc_id, source, loc, place, event, sentence, title in rng.sample(pool, min(args.sample, len(pool))):
        resolved = f"{place.name} ({place.kind}, {place.country})" if place else "?"
        print(f"\n[{doc_id}] {title}\n  {source}: {loc.name!r} -> {resolved}; event {event.code} {event.label}")
        print(f"    {sentence[:400]}")


if __name__ == "__main__":
    main()
