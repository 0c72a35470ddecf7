"""CPU seconds of each extractor on the bench's Reuters articles, parsed once, against the parse.

Run: ``.venv/bin/python tools/extractor_costs.py [--docs 400]`` (``../shared`` beside the repo).
The extractors run in the order of ``extract.analyze_doc``, each Doc's caches cleared first as
in the pipeline, so an extractor's time includes the shared per-Doc tables it is the first to
build (token strings, coreference index). Three rounds; each extractor keeps its best total.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from newsgraph.bench import reuters_texts
from newsgraph.extract.actors import extract_actors
from newsgraph.extract.amounts import extract_amounts
from newsgraph.extract.claims import extract_claims
from newsgraph.extract.dates import extract_dates
from newsgraph.extract.events import extract_events
from newsgraph.extract.gazetteer import Gazetteer
from newsgraph.extract.places import locate_events
from newsgraph.extract.quotes import extract_quotes
from newsgraph.extract.speakers import speaker_actors
from newsgraph.extract.tone import extract_tone
from newsgraph.pipeline import resources

PUBLISHED = date(1987, 3, 1)  # the Reuters-21578 collection's spring
STAGES = ("actors", "dates", "quotes", "speakers", "amounts", "claims", "events", "places", "tone")


def _lap(spent: dict[str, float], name: str, clock: list[float]) -> None:
    """Add the CPU time since ``clock[0]`` to ``spent[name]`` and restart the clock."""
    now = time.process_time()
    spent[name] += now - clock[0]
    clock[0] = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    nlp, kn = resources()
    loading = time.process_time()
    Gazetteer.load()  # once more, to time it: the pipeline reads it once per process, with Knowledge
    print(f"gazetteer load: {time.process_time() - loading:.2f} s CPU (once per process)")
    texts = reuters_texts(args.data, args.docs)
    start = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - start
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(3):
        spent = dict.fromkeys(STAGES, 0.0)
        for doc in docs:
            doc.user_data.clear()
            clock = [time.process_time()]
            actors = extract_actors(doc, PUBLISHED, kn.actors)
            _lap(spent, "actors", clock)
            dates = extract_dates(doc, PUBLISHED, kn.dates)
            _lap(spent, "dates", clock)
            quotes = extract_quotes(doc, actors, kn.quotes)
            _lap(spent, "quotes", clock)
            actors, quotes = speaker_actors(doc, actors, quotes, kn.speakers)
            _lap(spent, "speakers", clock)
            amounts = extract_amounts(doc, actors, quotes, dates, kn.amounts)
            _lap(spent, "amounts", clock)
            claims = extract_claims(doc, actors, quotes, amounts, kn.claims)
            _lap(spent, "claims", clock)
            events = extract_events(doc, actors, quotes, dates, claims, PUBLISHED, kn.events)
            _lap(spent, "events", clock)
            locate_events(doc, events, actors, kn.places)
            _lap(spent, "places", clock)
            extract_tone(doc, kn.tone)
            _lap(spent, "tone", clock)
        best = {name: min(best[name], spent[name]) for name in STAGES}
    print(f"parse of {len(docs)} articles: {parse:.2f} s CPU")
    for name in STAGES:
        print(f"{name:8s} {best[name]:6.3f} s  {best[name] / parse:.3f} of the parse")
    total = sum(best.values())
    print(f"together {total:6.3f} s  {total / parse:.3f} of the parse")


if __name__ == "__main__":
    main()
