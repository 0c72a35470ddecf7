"""CPU seconds of each extractor on the bench's Reuters articles, parsed once, against the parse.

Run: ``.venv/bin/python tools/extractor_costs.py [--docs 400]`` (``../shared`` beside the repo).
Each extractor runs over every document three times and its best total is kept; inputs an
extractor needs from earlier ones (actors, dates, quotes, amounts, claims) are computed first.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from newsgraph.bench import reuters_texts
from newsgraph.extract.actors import extract_actors
from newsgraph.extract.amounts import extract_amounts
from newsgraph.extract.claims import extract_claims
from newsgraph.extract.dates import extract_dates
from newsgraph.extract.events import extract_events
from newsgraph.extract.quotes import extract_quotes
from newsgraph.extract.tone import extract_tone
from newsgraph.pipeline import _resources

PUBLISHED = date(1987, 3, 1)  # the Reuters-21578 collection's spring


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    nlp, kn = _resources()
    texts = reuters_texts(args.data, args.docs)
    start = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - start
    actors = [extract_actors(d, PUBLISHED, kn.actors) for d in docs]
    dates = [extract_dates(d, PUBLISHED, kn.dates) for d in docs]
    quotes = [extract_quotes(d, actors[i], kn.quotes) for i, d in enumerate(docs)]
    amounts = [extract_amounts(d, actors[i], quotes[i], dates[i], kn.amounts) for i, d in enumerate(docs)]
    claims = [extract_claims(d, actors[i], quotes[i], amounts[i], kn.claims) for i, d in enumerate(docs)]
    stages: dict[str, Callable[[int], object]] = {
        "actors": lambda i: extract_actors(docs[i], PUBLISHED, kn.actors),
        "dates": lambda i: extract_dates(docs[i], PUBLISHED, kn.dates),
        "quotes": lambda i: extract_quotes(docs[i], actors[i], kn.quotes),
        "amounts": lambda i: extract_amounts(docs[i], actors[i], quotes[i], dates[i], kn.amounts),
        "claims": lambda i: extract_claims(docs[i], actors[i], quotes[i], amounts[i], kn.claims),
        "events": lambda i: extract_events(docs[i], actors[i], quotes[i], dates[i], claims[i], PUBLISHED, kn.events),
        "tone": lambda i: extract_tone(docs[i], kn.tone),
    }
    print(f"parse of {len(docs)} articles: {parse:.2f} s CPU")
    total = 0.0
    for name, run in stages.items():
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for i in range(len(docs)):
                run(i)
            best = min(best, time.process_time() - start)
        total += best
        print(f"{name:8s} {best:6.3f} s  {best / parse:.3f} of the parse")
    print(f"together {total:6.3f} s  {total / parse:.3f} of the parse")


if __name__ == "__main__":
    main()
