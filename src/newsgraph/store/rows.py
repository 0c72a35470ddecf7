"""Store rows: the Parquet schema of every store table, and Analyses flattened into rows.

Besides the record tables, each segment holds two derived tables: ``minhash`` (stories.py)
and ``dyad_weeks``, the segment's events summed per (country pair, week, confidence band),
which alerts read instead of scanning every event. Sums and counts add up across segments,
so compaction merely concatenates them. The bands (tenths of confidence) let alerts apply any
threshold that is a multiple of 0.1 by summing the bands at or above it, still without
reading an event.
"""

from __future__ import annotations

import json
import time
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph import __version__
from newsgraph.records import Analysis
from newsgraph.stories import MINHASH_SCHEMA

TABLES = ("documents", "actors", "quotes", "dates", "amounts", "events", "claims")
DERIVED_TABLES = ("minhash", "dyad_weeks")  # added after the first segments were written
ALL_TABLES = TABLES + DERIVED_TABLES
SCHEMA_VERSION = 4  # raise when a table gains or loses a column: readers then unify schemas by name
EVENT_ROW_GROUP = 16_384  # small enough that a dyad or alert filter reads little of a compacted segment

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("byline", pa.string()),
            ("published", pa.date32()),
            ("language", pa.string()),
            ("text", pa.string()),
            ("n_chars", pa.int32()),
            ("n_events", pa.int32()),  # counts kept here so article lists need no scan of the big tables
            ("n_quotes", pa.int32()),
            ("tone_positive", pa.float64()),
            ("tone_negative", pa.float64()),
            ("tone_polarity", pa.float64()),
            ("ingested_at", pa.timestamp("s", tz="UTC")),
            ("code_version", pa.string()),
            ("data_version", pa.string()),
            ("analysis", pa.string()),  # the whole Analysis as JSON, for the API and exports
            ("story_id", pa.string()),  # the first stored document of its story (stories.py)
        ]
    ),
    "actors": pa.schema(
        [
            ("doc_id", pa.string()),
            ("actor_id", pa.string()),
            ("name", pa.string()),
            ("code", pa.string()),
            ("country", pa.string()),
            ("role", pa.string()),
            ("kind", pa.string()),
            ("n_mentions", pa.int32()),
            ("first_start", pa.int32()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("doc_id", pa.string()),
            ("idx", pa.int32()),
            ("text", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("kind", pa.string()),
            ("speaker", pa.string()),
            ("speaker_name", pa.string()),
            ("speaker_code", pa.string()),
            ("speaker_text", pa.string()),
            ("cue", pa.string()),
            ("published", pa.date32()),
            ("quoted_spans", pa.list_(pa.list_(pa.int32()))),  # mixed quotes: the parts inside marks
        ]
    ),
    "dates": pa.schema(
        [
            ("doc_id", pa.string()),
            ("text", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("type", pa.string()),
            ("value", pa.string()),
            ("approximate", pa.bool_()),
        ]
    ),
    "amounts": pa.schema(
        [
            ("doc_id", pa.string()),
            ("text", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("claimant", pa.string()),
            ("claimant_name", pa.string()),
            ("approximate", pa.bool_()),
        ]
    ),
    "events": pa.schema(
        [
            ("doc_id", pa.string()),
            ("idx", pa.int32()),
            ("source", pa.string()),
            ("source_name", pa.string()),
            ("source_code", pa.string()),
            ("source_country", pa.string()),
            ("target", pa.string()),
            ("target_name", pa.string()),
            ("target_code", pa.string()),
            ("target_country", pa.string()),
            ("code", pa.string()),
            ("root", pa.string()),
            ("label", pa.string()),
            ("quad_class", pa.int8()),
            ("goldstein", pa.float64()),
            ("modality", pa.string()),
            ("date", pa.date32()),
            ("published", pa.date32()),
            ("evidence_start", pa.int32()),
            ("evidence_end", pa.int32()),
            # derived here once so queries filter plain columns (Parquet statistics can skip row groups):
            ("day", pa.date32()),  # the event's date, else the article's published date
            ("pair", pa.string()),  # the two countries, sorted: "RUS-USA" (null unless both known)
            ("tone", pa.float64()),  # the article's tone polarity
            ("confidence", pa.float64()),
            ("location_name", pa.string()),  # where the act happened (null when the text does not say)
            ("location_country", pa.string()),
            ("location_lat", pa.float64()),
            ("location_lon", pa.float64()),
            ("location_feature", pa.string()),
        ]
    ),
    "claims": pa.schema(
        [
            ("doc_id", pa.string()),
            ("statement_start", pa.int32()),
            ("statement_end", pa.int32()),
            ("claimant", pa.string()),
            ("claimant_name", pa.string()),
            ("disputed_by", pa.list_(pa.string())),
            ("amount", pa.float64()),
        ]
    ),
    "minhash": MINHASH_SCHEMA,
    "dyad_weeks": pa.schema(
        [
            ("pair", pa.string()),
            ("week", pa.date32()),
            ("band", pa.int8()),  # tenths of confidence: band k holds k/10 <= confidence < (k+1)/10; 10 is 1.0
            ("events", pa.int64()),
            ("q1", pa.int64()),
            ("q2", pa.int64()),
            ("q3", pa.int64()),
            ("q4", pa.int64()),
            ("goldstein_n", pa.int64()),
            ("goldstein_sum", pa.decimal128(18, 1)),  # exact: sums across segments do not depend on order
        ]
    ),
}


#: Where each field of the records (`newsgraph.records`) is kept besides the whole Analysis in
#: ``documents.analysis``: its ``table.column``s (a bare table for a list of records), or () for a
#: field kept in that JSON only. tests/test_records_contract.py fails when a record gains a field
#: this does not place, or places it in a column the schema lacks.
RECORD_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "Document": {
        "id": ("documents.doc_id",), "text": ("documents.text",), "url": ("documents.url",),
        "source": ("documents.source",), "title": ("documents.title",), "byline": ("documents.byline",),
        "published": ("documents.published",), "language": ("documents.language",),
    },
    "Actor": {
        "id": ("actors.actor_id",), "name": ("actors.name",), "code": ("actors.code",),
        "country": ("actors.country",), "role": ("actors.role",), "kind": ("actors.kind",),
        "mentions": ("actors.n_mentions", "actors.first_start"),
    },
    "Quote": {
        "text": ("quotes.text",), "start": ("quotes.start",), "end": ("quotes.end",), "kind": ("quotes.kind",),
        "speaker": ("quotes.speaker", "quotes.speaker_name", "quotes.speaker_code"),
        "speaker_text": ("quotes.speaker_text",), "speaker_span": (), "cue": ("quotes.cue",), "cue_span": (),
        "quoted_spans": ("quotes.quoted_spans",),
    },
    "TimeExpression": {
        "text": ("dates.text",), "start": ("dates.start",), "end": ("dates.end",), "type": ("dates.type",),
        "value": ("dates.value",), "approximate": ("dates.approximate",),
    },
    "Amount": {
        "text": ("amounts.text",), "start": ("amounts.start",), "end": ("amounts.end",), "value": ("amounts.value",),
        "unit": ("amounts.unit",), "claimant": ("amounts.claimant", "amounts.claimant_name"),
        "approximate": ("amounts.approximate",),
    },
    "Evidence": {
        "start": ("events.evidence_start", "claims.statement_start"),
        "end": ("events.evidence_end", "claims.statement_end"),
    },
    "Location": {
        "name": ("events.location_name",), "country": ("events.location_country",), "lat": ("events.location_lat",),
        "lon": ("events.location_lon",), "feature": ("events.location_feature",), "start": (), "end": (),
    },
    "Event": {
        "source": ("events.source", "events.source_name", "events.source_code", "events.source_country"),
        "target": ("events.target", "events.target_name", "events.target_code", "events.target_country"),
        "code": ("events.code", "events.root"), "label": ("events.label",), "quad_class": ("events.quad_class",),
        "goldstein": ("events.goldstein",), "modality": ("events.modality",), "date": ("events.date", "events.day"),
        "evidence": ("events.evidence_start", "events.evidence_end"), "confidence": ("events.confidence",),
        "location": ("events.location_name", "events.location_country", "events.location_lat",
                     "events.location_lon", "events.location_feature"),
    },
    "Claim": {
        "statement": ("claims.statement_start", "claims.statement_end"),
        "claimant": ("claims.claimant", "claims.claimant_name"), "disputed_by": ("claims.disputed_by",),
        "amount": ("claims.amount",),
    },
    "Tone": {
        "positive": ("documents.tone_positive",), "negative": ("documents.tone_negative",),
        "polarity": ("documents.tone_polarity", "events.tone"),
    },
    "Analysis": {
        "document": ("documents",), "actors": ("actors",), "quotes": ("quotes",), "dates": ("dates",),
        "amounts": ("amounts",), "events": ("events",), "claims": ("claims",),
        "tone": ("documents.tone_positive", "documents.tone_negative", "documents.tone_polarity"),
    },
}  # fmt: skip


def sort_events(events: pa.Table) -> pa.Table:
    """Events ordered by pair and day, so each row group covers few pairs and a dyad query reads few."""
    if events.num_rows == 0:
        return events
    return events.sort_by([("pair", "ascending"), ("day", "ascending"), ("doc_id", "ascending"), ("idx", "ascending")])


def derive_event_columns(events: pa.Table) -> pa.Table:
    """Events with ``day`` and ``pair`` filled where an older segment left them null."""
    if events.num_rows == 0 or (events.column("day").null_count == 0 and events.column("pair").null_count == 0):
        return events
    con = duckdb.connect()
    con.register("ev", events)
    table = con.sql(
        """SELECT * REPLACE (
               coalesce(day, date, published) AS day,
               coalesce(pair, CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL
                   THEN least(source_country, target_country) || '-' || greatest(source_country, target_country)
                   END) AS pair)
           FROM ev"""
    ).to_arrow_table()
    con.close()
    return table.cast(SCHEMAS["events"])


#: The events that count in dyad sums and alerts: what the text says happened (asserted, or
#: inside a claim someone disputes), plus stated intents and threats, which are acts of saying
#: (CAMEO 03x and 13x). A feared, denied, hypothetical or demanded invasion is not an invasion.
OCCURRED = "(modality IN ('asserted', 'reported') OR (modality = 'planned' AND root IN ('03', '13')))"


#: Events below this confidence do not count in dyads, alerts and the web and API views unless a
#: lower threshold is asked for (``--min-confidence``, ``min_confidence=``). Confidence comes from
#: the event coder (the evidence that produced the event); 0.5 keeps what it rates more likely right than not.
DEFAULT_MIN_CONFIDENCE = 0.5
CONFIDENCE_BANDS = 10  # dyad_weeks keeps sums per tenth of confidence
#: an event's band; segments written before confidence existed hold events of confidence 1.0
CONFIDENCE_BAND = f"least(floor(coalesce(confidence, 1.0) * {CONFIDENCE_BANDS} + 1e-9), {CONFIDENCE_BANDS})::TINYINT"


def confidence_band(threshold: float) -> int:
    """The lowest band a threshold keeps; ValueError unless it is a multiple of 0.1 in [0, 1]."""
    band = round(threshold * CONFIDENCE_BANDS)
    if not 0 <= band <= CONFIDENCE_BANDS or abs(band - threshold * CONFIDENCE_BANDS) > 1e-6:
        raise ValueError(
            f"min confidence {threshold:g}: weekly sums are kept per 0.1 of confidence, use 0, 0.1, ... or 1"
        )
    return band


def dyad_weeks(events: pa.Table) -> pa.Table:
    """One segment's events summed per (country pair, Monday of the week, confidence band), both directions together."""
    con = duckdb.connect()
    con.register("ev", events)
    table = con.sql(
        f"""SELECT pair, date_trunc('week', day)::DATE AS week, {CONFIDENCE_BAND} AS band,
                  count(*) AS events,
                  count(*) FILTER (quad_class = 1) AS q1, count(*) FILTER (quad_class = 2) AS q2,
                  count(*) FILTER (quad_class = 3) AS q3, count(*) FILTER (quad_class = 4) AS q4,
                  count(goldstein) AS goldstein_n,
                  coalesce(sum(goldstein::DECIMAL(18, 1)), 0)::DECIMAL(18, 1) AS goldstein_sum
           FROM ev WHERE pair IS NOT NULL AND day IS NOT NULL AND {OCCURRED}
           GROUP BY ALL ORDER BY ALL"""
    ).to_arrow_table()
    con.close()
    return table.cast(SCHEMAS["dyad_weeks"]) if table.num_rows else SCHEMAS["dyad_weeks"].empty_table()



def rows_for(batch: list[Analysis], story_ids: dict[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Flatten analyses into one row list per table (actor codes copied where queries need them)."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    now = time.time()
    from newsgraph.data_version import data_version  # here: it reads YAML, which a query does not need

    version = data_version()
    for a in batch:
        d = a.document
        doc_id = d.id
        published = _date(d.published)
        by_id = {actor.id: actor for actor in a.actors}
        rows["documents"].append(
            {
                "doc_id": doc_id,
                "url": d.url,
                "source": d.source,
                "title": d.title,
                "byline": d.byline,
                "published": published,
                "language": d.language,
                "text": d.text,
                "n_chars": len(d.text),
                "n_events": len(a.events),
                "n_quotes": len(a.quotes),
                "tone_positive": a.tone.positive,
                "tone_negative": a.tone.negative,
                "tone_polarity": a.tone.polarity,
                "ingested_at": int(now),
                "code_version": __version__,
                "data_version": version,
                "analysis": json.dumps(a.to_dict(), ensure_ascii=False),
                "story_id": (story_ids or {}).get(doc_id, doc_id),
            }
        )
        for actor in a.actors:
            rows["actors"].append(
                {
                    "doc_id": doc_id,
                    "actor_id": actor.id,
                    "name": actor.name,
                    "code": actor.code,
                    "country": actor.country,
                    "role": actor.role,
                    "kind": actor.kind,
                    "n_mentions": len(actor.mentions),
                    "first_start": actor.mentions[0][0] if actor.mentions else None,
                }
            )
        for i, q in enumerate(a.quotes):
            speaker = by_id.get(q.speaker) if q.speaker else None
            rows["quotes"].append(
                {
                    "doc_id": doc_id,
                    "idx": i,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_name": speaker.name if speaker else None,
                    "speaker_code": speaker.code if speaker else None,
                    "speaker_text": q.speaker_text,
                    "cue": q.cue,
                    "published": published,
                    "quoted_spans": [list(span) for span in q.quoted_spans],
                }
            )
        for t in a.dates:
            rows["dates"].append(
                {
                    "doc_id": doc_id,
                    "text": t.text,
                    "start": t.start,
                    "end": t.end,
                    "type": t.type,
                    "value": t.value,
                    "approximate": t.approximate,
                }
            )
        for m in a.amounts:
            claimant = by_id.get(m.claimant) if m.claimant else None
            rows["amounts"].append(
                {
                    "doc_id": doc_id,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "value": m.value,
                    "unit": m.unit,
                    "claimant": m.claimant,
                    "claimant_name": claimant.name if claimant else None,
                    "approximate": m.approximate,
                }
            )
        for i, e in enumerate(a.events):
            src = by_id.get(e.source) if e.source else None
            tgt = by_id.get(e.target) if e.target else None
            rows["events"].append(
                {
                    "doc_id": doc_id,
                    "idx": i,
                    "source": e.source,
                    "source_name": src.name if src else None,
                    "source_code": src.code if src else None,
                    "source_country": src.country if src else None,
                    "target": e.target,
                    "target_name": tgt.name if tgt else None,
                    "target_code": tgt.code if tgt else None,
                    "target_country": tgt.country if tgt else None,
                    "code": e.code,
                    "root": e.code[:2],
                    "label": e.label,
                    "quad_class": e.quad_class,
                    "goldstein": e.goldstein,
                    "modality": e.modality,
                    "date": _date(e.date),
                    "published": published,
                    "evidence_start": e.evidence.start,
                    "evidence_end": e.evidence.end,
                    "day": _date(e.date) or published,
                    "pair": _pair(src.country if src else None, tgt.country if tgt else None),
                    "tone": a.tone.polarity,
                    "confidence": e.confidence,
                    "location_name": e.location.name if e.location else None,
                    "location_country": e.location.country if e.location else None,
                    "location_lat": e.location.lat if e.location else None,
                    "location_lon": e.location.lon if e.location else None,
                    "location_feature": e.location.feature if e.location else None,
                }
            )
        for c in a.claims:
            claimant = by_id.get(c.claimant) if c.claimant else None
            rows["claims"].append(
                {
                    "doc_id": doc_id,
                    "statement_start": c.statement.start,
                    "statement_end": c.statement.end,
                    "claimant": c.claimant,
                    "claimant_name": claimant.name if claimant else None,
                    "disputed_by": list(c.disputed_by),
                    "amount": c.amount,
                }
            )
    return rows


def _pair(a: str | None, b: str | None) -> str | None:
    return f"{min(a, b)}-{max(a, b)}" if a and b else None


def _date(value: str | None) -> Any:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None  # partial values (2021-11, 2021-W48) stay in the record, not in the date column

