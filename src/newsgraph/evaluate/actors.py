"""Actor coding against the PLOVER gold-standard records (CAMEO manual sentences).

For each sentence, every gold source and target actor counts as found when some resolved
actor of the sentence has its country (and, for the stricter score, its sector too). Gold
conventions followed: international organizations carry ``code`` IGO (NGO, IMG for
non-state ones) instead of a country, which our actors carry as the first three letters
of their code (IGOWSTNAT); ``sector`` None means the bare country (role None); lowercase
sector suffixes are ethnic or religious sub-codes and are ignored (CVLalb -> CVL); ``***``
means "unspecified" and matches any sector. A few codes in the gold file predate ISO 3166
alpha-3 (JAP, ITL, ...) and are read as their ISO equivalents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsgraph.evaluate.report import EvalReport, Score
from newsgraph.records import Actor

GOLD = Path("events") / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
# Legacy CAMEO/PLOVER country codes in the gold file -> ISO 3166 alpha-3.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Gold sector spellings outside CAMEO.type.tsv -> the CAMEO role they mean.
SECTOR_SYNONYMS = {"JRN": "MED", "CIV": "CVL"}
NON_STATE = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC"})


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One gold actor: its text, country (or IGO/NGO/IMG) and sector (None for none)."""

    text: str
    country: str
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """A gold sentence with its date and the actors it must yield."""

    id: str
    text: str
    published: date | None
    actors: tuple[GoldActor, ...]


def read_gold(data_dir: Path, limit: int | None = None) -> list[GoldSentence]:
    """The labelled sentences of PLOVER_GSR_CAMEO.txt (DOCUMENT entries skipped)."""
    records = json.loads((data_dir / GOLD).read_text(encoding="utf-8"))
    out: list[GoldSentence] = []
    for record in records:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        actors = tuple(_gold_actors(record))
        published = date.fromisoformat(record["date"]) if record.get("date") else None
        out.append(GoldSentence(record["id"], record["text"], published, actors))
        if limit is not None and len(out) >= limit:
            break
    return out


def _gold_actors(record: dict) -> Iterator[GoldActor]:  # type: ignore[type-arg]
    for side in ("source", "target"):
        value = record.get(side)
        if not isinstance(value, list):
            continue
        for item in value:
            code = str(item.get("code") or "").upper()
            if not code:
                continue
            code = LEGACY_CODES.get(code, code)
            sector = item.get("sector")
            sector = None if sector in (None, "") else str(sector)[:3].upper()
            sector = SECTOR_SYNONYMS.get(sector, sector) if sector else None
            yield GoldActor(str(item.get("actorText", "")), code, sector)


def actor_matches(gold: GoldActor, actor: Actor, with_sector: bool) -> bool:
    """Whether a resolved actor has the gold actor's country (and sector)."""
    code = (actor.code or "").upper()
    if gold.country in NON_STATE:
        if not code.startswith(gold.country):
            return False
        # A role after the organization (IGOUNOMIL: UN peacekeepers, gold IGO/MIL) is compared
        # when gold gives one; the bare type (IGO) means no sector.
        role = None if actor.role in NON_STATE else actor.role
        return not with_sector or gold.sector in (None, "***") or role == gold.sector
    if actor.country != gold.country:
        return False
    if not with_sector or gold.sector == "***":
        return True
    return (actor.role or None) == gold.sector


def score_sentences(sentences: Sequence[GoldSentence], resolved: Sequence[Sequence[Actor]]) -> tuple[int, int, int]:
    """(gold actors, found by country, found by country and sector)."""
    total = by_country = by_sector = 0
    for sentence, actors in zip(sentences, resolved):
        for gold in sentence.actors:
            total += 1
            if any(actor_matches(gold, a, False) for a in actors):
                by_country += 1
            if any(actor_matches(gold, a, True) for a in actors):
                by_sector += 1
    return total, by_country, by_sector


def evaluate(data_dir: Path, limit: int | None = None) -> EvalReport:
    """Share of PLOVER gold actors found among the resolved actors, by country and by country + sector."""
    from newsgraph.extract.actors import ActorData, extract_actors
    from newsgraph.parse import load_model

    nlp = load_model()
    data = ActorData.load(nlp)
    sentences = read_gold(data_dir, limit)
    resolved = [
        extract_actors(doc, s.published, data) for s, doc in zip(sentences, nlp.pipe(s.text for s in sentences))
    ]
    total, by_country, by_sector = score_sentences(sentences, resolved)
    n = max(total, 1)
    return EvalReport(
        task="actors",
        dataset="plover_gsr (PLOVER_GSR_CAMEO.txt)",
        scores=(
            Score("gold actors found, country", by_country / n, f"found={by_country} n={total}"),
            Score("gold actors found, country+sector", by_sector / n, f"found={by_sector} n={total}"),
        ),
        notes=(
            f"{len(sentences)} sentences; published date = the record's date field",
            "IGO/NGO/IMG gold codes match our code prefix; sector None = bare country; *** = any sector",
        ),
    )
