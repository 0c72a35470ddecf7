"""Corpus analytics: dyad series, alerts, actor summaries and searches, as SQL over the store's views.

Conventions shared by every function here:

1. A country pair is the events' ``source_country`` / ``target_country`` (ISO3); a dyad is
   undirected unless ``directed=True``.
2. The date of an event is its ``date`` column, else the article's ``published``.
3. Periods start on the first day of the ISO week (Monday), the month, or the day.
4. Every result carries the document ids that support it, so a caller can open the evidence.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

import duckdb

from newsgraph.query.records import (  # re-exported: callers import the results from here
    ActorCount,
    ActorSummary,
    Alert,
    Counterpart,
    DocumentRef,
    DyadPoint,
    EventRef,
    PlaceCount,
    QuadCounts,
    QuoteRef,
)
from newsgraph.query.views import connect
from newsgraph.store.segments import Store
from newsgraph.store.rows import DEFAULT_MIN_CONFIDENCE, OCCURRED, confidence_band

__all__ = [
    "ActorCount", "ActorSummary", "Alert", "AnalyticsError", "Counterpart", "DEFAULT_MIN_CONFIDENCE", "DocumentRef",
    "DyadPoint", "EventRef", "PlaceCount", "QuadCounts", "QuoteRef", "actor_summary", "alerts", "dyad_places",
    "document_analysis", "dyad_series", "find_documents", "find_events",
    "find_quotes", "next_period", "period_start", "top_actors",
]  # fmt: skip

Period = Literal["day", "week", "month"]
PERIODS: tuple[str, ...] = ("day", "week", "month")
EVENT_DAY = "e.day"  # the store writes coalesce(date, published) into this column
# A trailing history with (almost) no spread would make any change look infinitely
# surprising; these floors keep a z-score meaningful on quiet pairs.
MIN_STD_GOLDSTEIN = 1.0
# Goldstein values have one decimal: summed as decimals, sums do not depend on row order
# (segments merged by compaction, DuckDB's parallel aggregation), so results repeat exactly.
GOLDSTEIN = "DECIMAL(18, 1)"
MIN_STD_CONFLICT = 0.1


class AnalyticsError(ValueError):
    """A request the analytics cannot answer (bad period, bad dyad); the message is one line."""


EVENT_COLUMNS = (
    "e.doc_id, e.idx, {day} AS day, e.source_name, e.source_code, e.source_country, e.target_name, "
    "e.target_code, e.target_country, e.code, e.label, e.quad_class, e.goldstein, e.modality, "
    "e.evidence_start, e.evidence_end, {confidence}, e.location_name, e.location_country, e.location_lat, "
    "e.location_lon"
).format(day=EVENT_DAY, confidence="coalesce(e.confidence, 1.0)")
#: an event counts in a view when its confidence reaches the threshold (older segments hold 1.0)
CONFIDENT = "coalesce(e.confidence, 1.0) >= ?"
QUOTE_COLUMNS = (
    "q.doc_id, q.idx, q.text, q.kind, q.speaker_name, q.speaker_code, q.published, q.start, q.\"end\", q.quoted_spans"
)


def _event(row: tuple[Any, ...]) -> EventRef:
    return EventRef(*row[:21])


def _quote(row: tuple[Any, ...]) -> QuoteRef:
    spans = tuple((int(s), int(e)) for s, e in row[9] or ())
    return QuoteRef(*row[:9], quoted_spans=spans)


def _quads(row: tuple[Any, ...]) -> QuadCounts:
    return QuadCounts(*(int(v or 0) for v in row))


#: What every question is asked of: a store (views opened for the one question) or a connection with its views.
Source = Store | duckdb.DuckDBPyConnection


def connection(source: Source) -> duckdb.DuckDBPyConnection:
    """The connection to ask: the one given, or a new one over the store's segments."""
    return source if isinstance(source, duckdb.DuckDBPyConnection) else connect(source)


def document_analysis(store: Source, doc_id: str) -> dict[str, Any] | None:
    """One stored document's Analysis as `Analysis.to_dict` gave it, or None."""
    import json

    rows = _fetch(connection(store), "SELECT analysis FROM documents WHERE doc_id = ? LIMIT 1", [doc_id])
    return json.loads(rows[0][0]) if rows else None


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


def unknown_countries(store: Source, codes: list[str]) -> list[str]:
    """The codes that are neither ISO 3166 alpha-3 codes we ship (``data/countries-*.csv``) nor a country in the store."""
    import csv
    from importlib import resources

    wanted = {code.strip().upper() for code in codes}
    data = resources.files("newsgraph") / "data"
    known: set[str] = set()
    for entry in data.iterdir():
        if entry.name.startswith("countries-") and entry.name.endswith(".csv"):
            with entry.open(encoding="utf-8") as f:
                known.update(row["iso3"] for row in csv.DictReader(f))
    rest = sorted(wanted - known)
    if rest:  # codes outside ISO (CAMEO's regions, historical states) count when events carry them
        marks = ", ".join("?" for _ in rest)
        found = _fetch(
            connection(store),
            f"SELECT DISTINCT c FROM (SELECT source_country AS c FROM events UNION ALL "
            f"SELECT target_country FROM events) WHERE c IN ({marks})",
            rest,
        )
        rest = sorted(set(rest) - {row[0] for row in found})
    return rest


def _country(code: str) -> str:
    value = code.strip().upper()
    if not value.isalnum():
        raise AnalyticsError(f"not a country code: {code!r} (expected ISO3 such as RUS)")
    return value


def _pair_filter(a: str, b: str, directed: bool) -> tuple[str, list[Any]]:
    """A filter on the sorted ``pair`` column, which Parquet statistics prune (plus the direction if asked)."""
    a, b = _country(a), _country(b)
    pair = f"{min(a, b)}-{max(a, b)}"
    if directed:
        return "(e.pair = ? AND e.source_country = ?)", [pair, a]
    return "e.pair = ?", [pair]


def _threshold(min_confidence: float) -> float:
    if not 0.0 <= min_confidence <= 1.0:
        raise AnalyticsError(f"min confidence {min_confidence:g} is outside 0..1")
    return float(min_confidence)


def _range_filter(start: date | str | None, end: date | str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if start is not None:
        clauses.append(f"{EVENT_DAY} >= ?")
        params.append(_as_date(start))
    if end is not None:
        clauses.append(f"{EVENT_DAY} <= ?")
        params.append(_as_date(end))
    return (" AND ".join(clauses) or "TRUE"), params


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise AnalyticsError(f"unreadable date {value!r} (expected YYYY-MM-DD)") from None


def period_start(day: date, by: Period) -> date:
    """The first day of the period that holds ``day``."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(day: date, by: Period) -> date:
    """The first day of the period after the one starting on ``day``."""
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def dyad_series(
    store: Source,
    a: str,
    b: str,
    start: date | str | None = None,
    end: date | str | None = None,
    by: Period = "week",
    *,
    directed: bool = False,
    top: int = 3,
    fill: bool = True,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[DyadPoint]:
    """Per period: events by quad class, Goldstein sum and mean, article tone, top events and quotes."""
    if by not in PERIODS:
        raise AnalyticsError(f"unknown period {by!r} (expected day, week or month)")
    pair, pair_params = _pair_filter(a, b, directed)
    countries = sorted({_country(a), _country(b)})
    span, span_params = _range_filter(start, end)
    span_params = span_params + [_threshold(min_confidence)]
    con = connection(store)
    where = f"{pair} AND {EVENT_DAY} IS NOT NULL AND {span} AND {OCCURRED} AND {CONFIDENT}"
    # only the narrow columns the sums need: a busy pair has hundreds of thousands of events
    con.execute(
        f"""CREATE TEMP TABLE dyad AS
        SELECT date_trunc('{by}', {EVENT_DAY})::DATE AS period,
               e.doc_id, e.idx, e.day, e.quad_class, e.goldstein, e.tone
        FROM events e WHERE {where}""",
        pair_params + span_params,
    )
    totals = _fetch(
        con,
        f"""WITH tone AS (SELECT period, avg(tone::DECIMAL(18, 6))::DOUBLE AS tone
                         FROM (SELECT DISTINCT period, doc_id, tone FROM dyad) GROUP BY ALL)
        SELECT period, count(*),
               count(*) FILTER (quad_class = 1), count(*) FILTER (quad_class = 2),
               count(*) FILTER (quad_class = 3), count(*) FILTER (quad_class = 4),
               coalesce(sum(goldstein::{GOLDSTEIN}), 0)::DOUBLE, avg(goldstein::{GOLDSTEIN}), any_value(tone.tone),
               count(DISTINCT doc_id)
        FROM dyad LEFT JOIN tone USING (period) GROUP BY period ORDER BY period""",
    )
    top_events: dict[date, list[EventRef]] = {}
    top_quotes: dict[date, list[QuoteRef]] = {}
    if top > 0 and totals:
        con.execute(
            f"""CREATE TEMP TABLE top_keys AS SELECT period, doc_id, idx FROM dyad
            QUALIFY row_number() OVER (PARTITION BY period ORDER BY abs(goldstein) DESC NULLS LAST,
                                       day, doc_id, idx) <= {int(top)}"""
        )
        for row in _fetch(
            con,
            f"""SELECT k.period, {EVENT_COLUMNS} FROM events e JOIN top_keys k USING (doc_id, idx)
            WHERE {where}
            ORDER BY k.period, abs(e.goldstein) DESC NULLS LAST, day, e.doc_id, e.idx""",
            pair_params + span_params,
        ):
            top_events.setdefault(row[0], []).append(_event(row[1:]))
        for row in _fetch(
            con,
            f"""WITH docs AS (SELECT period, doc_id, count(*) AS n FROM dyad GROUP BY ALL)
            SELECT docs.period, {QUOTE_COLUMNS} FROM docs
            JOIN quotes q USING (doc_id)
            JOIN actors s ON s.doc_id = q.doc_id AND s.actor_id = q.speaker
            WHERE s.country IN ({", ".join("?" for _ in countries)})
            QUALIFY row_number() OVER (PARTITION BY docs.period ORDER BY docs.n DESC, q.doc_id, q.idx) <= {int(top)}
            ORDER BY docs.period, docs.n DESC, q.doc_id, q.idx""",
            countries,
        ):
            top_quotes.setdefault(row[0], []).append(_quote(row[1:]))
    points = {
        row[0]: DyadPoint(
            period=row[0],
            events=int(row[1]),
            quads=_quads(row[2:6]),
            goldstein_sum=float(row[6]),
            goldstein_mean=None if row[7] is None else float(row[7]),
            tone=None if row[8] is None else float(row[8]),
            articles=int(row[9]),
            top_events=tuple(top_events.get(row[0], ())),
            top_quotes=tuple(top_quotes.get(row[0], ())),
        )
        for row in totals
    }
    if not fill:
        return list(points.values())
    return _filled(points, by, start, end)


def _filled(
    points: dict[date, DyadPoint], by: Period, start: date | str | None, end: date | str | None
) -> list[DyadPoint]:
    """Every period from start (or the first event) to end (or the last), empty ones as zero points."""
    if not points and (start is None or end is None):
        return []
    first = period_start(_as_date(start), by) if start is not None else min(points)
    last = period_start(_as_date(end), by) if end is not None else max(points)
    out: list[DyadPoint] = []
    day = first
    while day <= last:
        out.append(points.get(day) or DyadPoint(day, 0, QuadCounts(), 0.0, None, None, 0))
        day = next_period(day, by)
    return out


def dyad_places(
    store: Source,
    a: str,
    b: str,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    directed: bool = False,
    top: int = 10,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[PlaceCount]:
    """Where the pair's events happened: one row per gazetteer place, most events first (the events of dyad_series)."""
    pair, params = _pair_filter(a, b, directed)
    span, span_params = _range_filter(start, end)
    rows = _fetch(
        connection(store),
        f"""SELECT mode(e.location_name), any_value(e.location_country), any_value(e.location_lat),
                   any_value(e.location_lon), e.location_feature, count(*) AS n, count(DISTINCT e.doc_id)
            FROM events e
            WHERE {pair} AND {EVENT_DAY} IS NOT NULL AND {span} AND {OCCURRED} AND {CONFIDENT}
              AND e.location_feature IS NOT NULL
            GROUP BY e.location_feature ORDER BY n DESC, e.location_feature LIMIT {int(top)}""",
        params + span_params + [_threshold(min_confidence)],
    )
    return [PlaceCount(*row[:5], int(row[5]), int(row[6])) for row in rows]


def alerts(
    store: Source,
    since: date | str | None = None,
    k: float = 2.0,
    window: int = 8,
    *,
    limit: int = 20,
    min_events: int = 3,
    min_history: int = 4,
    evidence: int = 5,
    domestic: bool = False,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[Alert]:
    """Country pairs whose weekly Goldstein mean or conflict share moved beyond k std of their trailing history.

    A pair's history is its previous ``window`` weeks with at least ``min_events`` events
    (both directions together); a week is scored once it has ``min_history`` such weeks.
    Standard deviations are floored (MIN_STD_*) so a flat history does not make every
    change infinitely surprising. Domestic pairs (USA-USA) count only with ``domestic``.
    Only events of ``min_confidence`` or more count; the weekly sums are kept per tenth of
    confidence, so the threshold is a multiple of 0.1.
    """
    if window < 2:
        raise AnalyticsError("window must be at least 2 weeks")
    try:
        band = confidence_band(_threshold(min_confidence))
    except ValueError as err:
        raise AnalyticsError(str(err)) from None
    con = connection(store)
    same = "" if domestic else "AND pair[1:3] <> pair[5:7]"
    since_clause, since_params = ("AND week >= ?", [period_start(_as_date(since), "week")]) if since else ("", [])
    rows = _fetch(
        con,
        f"""WITH weekly AS (
            SELECT pair, week, sum(events) AS n,
                   sum(goldstein_sum::{GOLDSTEIN})::DOUBLE / sum(goldstein_n) AS g,
                   (sum(q3) + sum(q4)) / sum(events) AS c
            FROM dyad_weeks WHERE goldstein_n > 0 AND coalesce(band, 10) >= ? {same}
            GROUP BY pair, week
            -- quiet weeks are neither alerts nor history: a mean of one or two events is noise
            HAVING sum(events) >= ?),
        scored AS (
            SELECT *, avg(g) OVER w AS hg, stddev_samp(g) OVER w AS sg,
                      avg(c) OVER w AS hc, stddev_samp(c) OVER w AS sc, count(*) OVER w AS hn
            FROM weekly
            WINDOW w AS (PARTITION BY pair ORDER BY week ROWS BETWEEN {int(window)} PRECEDING AND 1 PRECEDING)),
        z AS (
            SELECT *, (g - hg) / greatest(coalesce(sg, 0), {MIN_STD_GOLDSTEIN}) AS zg,
                      (c - hc) / greatest(coalesce(sc, 0), {MIN_STD_CONFLICT}) AS zc
            FROM scored WHERE hn >= ? {since_clause}
              AND (abs((g - hg) / greatest(coalesce(sg, 0), {MIN_STD_GOLDSTEIN})) > ?
                   OR abs((c - hc) / greatest(coalesce(sc, 0), {MIN_STD_CONFLICT})) > ?)
            ORDER BY greatest(abs(zg), abs(zc)) DESC, week DESC, pair
            LIMIT ?)
        SELECT split_part(pair, '-', 1), split_part(pair, '-', 2), week, n, g, hg, zg, c, hc, zc, hn FROM z
        ORDER BY greatest(abs(zg), abs(zc)) DESC, week DESC, pair""",
        [band, min_events, min_history, *since_params, k, k, limit],
    )
    if not rows:
        return []
    drivers = _alert_evidence(con, rows, evidence, band / 10)
    out = []
    for a, b, week, n, g, hg, zg, c, hc, zc, hn in rows:
        metric: Literal["goldstein", "conflict"] = "goldstein" if abs(zg) >= abs(zc) else "conflict"
        events, articles = drivers.get((a, b, week), ((), ()))
        out.append(
            Alert(
                a=a, b=b, week=week, metric=metric, z=float(zg if metric == "goldstein" else zc), events=int(n),
                goldstein_mean=float(g), goldstein_baseline=float(hg), goldstein_z=float(zg),
                conflict_share=float(c), conflict_baseline=float(hc), conflict_z=float(zc),
                history_weeks=int(hn), top_events=events, articles=articles,
            )
        )  # fmt: skip
    return out


def _alert_evidence(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]], evidence: int, min_confidence: float
) -> dict[tuple[str, str, date], tuple[tuple[EventRef, ...], tuple[DocumentRef, ...]]]:
    """The events that pushed each alert's week in its direction, and their articles."""
    # dir 1: the week turned hostile (lower Goldstein or more conflict), so its lowest-Goldstein events drove it;
    # dir -1: it turned friendly, so its highest did
    keys = [
        (a, b, week, 1 if (zg < 0 if abs(zg) >= abs(zc) else zc > 0) else -1)
        for a, b, week, _, _, _, zg, _, _, zc, _ in rows
    ]
    if evidence <= 0:
        return {}
    # one branch per alert, each with a plain (pair, day range) filter, so the Parquet statistics
    # skip every row group but the pair's one or two in that week (one query with 20 OR-ed
    # windows reads 179 of 620 groups at 10M events); one UNION ALL query instead of 20 saves
    # the per-query planning over every segment's files
    branches, params = [], []
    for n, (a, b, week, direction) in enumerate(keys):
        branches.append(
            f"""(SELECT {int(n)} AS alert, {direction} * coalesce(e.goldstein, 0) AS drive, {EVENT_COLUMNS}
            FROM events e WHERE e.pair = ? AND e.day BETWEEN ? AND ? AND {CONFIDENT}
            ORDER BY drive, e.doc_id, e.idx LIMIT {int(evidence)})"""
        )
        params += [f"{a}-{b}", week, week + timedelta(days=6), min_confidence]
    found = _fetch(
        con,
        f"SELECT * EXCLUDE (drive) FROM ({' UNION ALL '.join(branches)}) ORDER BY alert, drive, doc_id, idx",
        params,
    )
    found = [(keys[row[0]][0], keys[row[0]][1], keys[row[0]][2], *row[1:]) for row in found]
    events: dict[tuple[str, str, date], list[EventRef]] = {}
    for row in found:
        events.setdefault((row[0], row[1], row[2]), []).append(_event(row[3:]))
    doc_ids = sorted({e.doc_id for refs in events.values() for e in refs})
    docs = {d.doc_id: d for d in _documents_by_id(con, doc_ids)}
    out = {}
    for key, refs in events.items():
        seen = list(dict.fromkeys(e.doc_id for e in refs))
        out[key] = (tuple(refs), tuple(docs[d] for d in seen if d in docs))
    return out


def _documents_by_id(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[DocumentRef]:
    if not doc_ids:
        return []
    marks = ", ".join("?" for _ in doc_ids)
    return [
        DocumentRef(*row)
        for row in _fetch(
            con,
            f"""SELECT d.doc_id, d.title, d.published, d.source, d.url, coalesce(d.n_events, 0), coalesce(d.n_quotes, 0)
            FROM documents d WHERE d.doc_id IN ({marks}) ORDER BY d.published, d.doc_id""",
            doc_ids,
        )
    ]


def _actor_match(prefix: str, query: str, partial: bool = False) -> tuple[str, list[Any]]:
    """Actors matching a name (case-insensitive; with ``partial``, a part of it), an exact code, or a country code."""
    value = query.strip()
    name = f"{prefix}name ILIKE '%' || ? || '%'" if partial else f"lower({prefix}name) = lower(?)"
    clauses = [name, f"{prefix}code = upper(?)"]
    params: list[Any] = [value, value]
    if len(value) == 3 and value.isalpha():
        clauses.append(f"{prefix}country = upper(?)")
        params.append(value)
    return "(" + " OR ".join(clauses) + ")", params


def actor_summary(
    store: Source, name_or_code: str, *, top: int = 10, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> ActorSummary:
    """Names, documents, quotes, events as source and target and top counterparts of one actor.

    The name matches whole names first ("Russia" is not "Russian troops"); when nothing
    matches, a part of a name will do ("Putin" finds "Vladimir Putin").
    """
    con = connection(store)
    exact, exact_params = _actor_match("a.", name_or_code)
    found = _fetch(con, f"SELECT count(*) FROM actors a WHERE {exact}", exact_params)[0][0]
    partial = not found
    match, params = _actor_match("a.", name_or_code, partial)
    names, codes, documents, mentions = _fetch(
        con,
        f"""SELECT list_distinct(list(a.name ORDER BY a.name)), list_distinct(list(a.code ORDER BY a.code)),
                   count(DISTINCT a.doc_id), coalesce(sum(a.n_mentions), 0)
        FROM actors a WHERE {match}""",
        params,
    )[0]
    threshold = _threshold(min_confidence)
    src, src_params = _actor_match("e.source_", name_or_code, partial)
    tgt, tgt_params = _actor_match("e.target_", name_or_code, partial)
    src, src_params = f"({src} AND {CONFIDENT})", src_params + [threshold]
    tgt, tgt_params = f"({tgt} AND {CONFIDENT})", tgt_params + [threshold]
    quad_sql = "count(*) FILTER (quad_class = {q})"
    quads = ", ".join(quad_sql.format(q=q) for q in (1, 2, 3, 4))
    mean = f"avg(goldstein::{GOLDSTEIN})"
    source_row = _fetch(con, f"SELECT {quads}, {mean} FROM events e WHERE {src}", src_params)[0]
    target_row = _fetch(con, f"SELECT {quads}, {mean} FROM events e WHERE {tgt}", tgt_params)[0]
    counterparts = [
        Counterpart(name, code, country, int(n), None if g is None else float(g))
        for name, code, country, n, g in _fetch(
            con,
            f"""SELECT name, code, country, count(*) AS n, avg(goldstein::{GOLDSTEIN}) FROM (
                SELECT e.target_name AS name, e.target_code AS code, e.target_country AS country, e.goldstein
                FROM events e WHERE {src} AND e.target_name IS NOT NULL
                UNION ALL
                SELECT e.source_name, e.source_code, e.source_country, e.goldstein
                FROM events e WHERE {tgt} AND e.source_name IS NOT NULL)
            GROUP BY ALL ORDER BY n DESC, name, code LIMIT {int(top)}""",
            src_params + tgt_params,
        )
    ]
    speaker, speaker_params = _actor_match("s.", name_or_code, partial)
    quote_from = f"quotes q JOIN actors s ON s.doc_id = q.doc_id AND s.actor_id = q.speaker WHERE {speaker}"
    n_quotes = _fetch(con, f"SELECT count(*) FROM {quote_from}", speaker_params)[0][0]
    top_quotes = [
        _quote(r)
        for r in _fetch(
            con,
            f"SELECT {QUOTE_COLUMNS} FROM {quote_from} ORDER BY q.published DESC NULLS LAST, q.doc_id, q.idx "
            f"LIMIT {int(top)}",
            speaker_params,
        )
    ]
    recent = [
        _event(r)
        for r in _fetch(
            con,
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE {src} OR {tgt} "
            f"ORDER BY day DESC NULLS LAST, e.doc_id, e.idx LIMIT {int(top)}",
            src_params + tgt_params,
        )
    ]
    return ActorSummary(
        query=name_or_code,
        names=tuple(n for n in (names or []) if n),
        codes=tuple(c for c in (codes or []) if c),
        documents=int(documents),
        mentions=int(mentions),
        quotes=int(n_quotes),
        as_source=_quads(source_row[:4]),
        as_target=_quads(target_row[:4]),
        goldstein_source_mean=None if source_row[4] is None else float(source_row[4]),
        goldstein_target_mean=None if target_row[4] is None else float(target_row[4]),
        counterparts=tuple(counterparts),
        top_quotes=tuple(top_quotes),
        recent_events=tuple(recent),
    )


def top_actors(store: Source, top: int = 20) -> list[ActorCount]:
    """The actors found in the most documents, with their quote and event counts."""
    con = connection(store)
    rows = _fetch(
        con,
        f"""WITH a AS (SELECT name, code, any_value(country) AS country, count(DISTINCT doc_id) AS documents
                       FROM actors WHERE name IS NOT NULL GROUP BY name, code),
        q AS (SELECT speaker_name AS name, speaker_code AS code, count(*) AS n FROM quotes GROUP BY ALL),
        ev AS (SELECT name, code, count(*) AS n FROM (
                 SELECT source_name AS name, source_code AS code FROM events
                 UNION ALL SELECT target_name, target_code FROM events) GROUP BY ALL)
        SELECT a.name, a.code, a.country, a.documents, coalesce(q.n, 0), coalesce(ev.n, 0)
        FROM a LEFT JOIN q ON q.name = a.name AND q.code IS NOT DISTINCT FROM a.code
               LEFT JOIN ev ON ev.name = a.name AND ev.code IS NOT DISTINCT FROM a.code
        ORDER BY a.documents DESC, coalesce(ev.n, 0) DESC, a.name LIMIT {int(top)}""",
    )
    return [ActorCount(*r) for r in rows]


def words_pattern(words: str) -> str:
    """A case-insensitive RE2 pattern matching ``words`` as whole words ("Wang" in "Wang Yi", not in "Wanglee")."""
    # every other character by its code point: RE2 refuses a backslash before most non-punctuation
    escaped = "".join(ch if ch.isalnum() or ch == " " else f"\\x{{{ord(ch):x}}}" for ch in " ".join(words.split()))
    edge = r"[^\pL\pN_]"  # Unicode-aware: RE2's \b knows ASCII letters only
    return f"(?i)(^|{edge}){escaped}($|{edge})"


def find_quotes(
    store: Source, speaker: str | None = None, text: str | None = None, limit: int = 20, offset: int = 0
) -> list[QuoteRef]:
    """Quotes whose speaker name has the words of ``speaker`` (or whose code is it) and whose text contains ``text``."""
    clauses, params = ["TRUE"], []
    if speaker:
        clauses.append(
            "(regexp_matches(q.speaker_name, ?) OR q.speaker_code = upper(?) OR regexp_matches(q.speaker_text, ?))"
        )
        params += [words_pattern(speaker), speaker.strip(), words_pattern(speaker)]
    if text:
        clauses.append("q.text ILIKE ?")
        params.append(f"%{text}%")
    sql = (
        f"SELECT {QUOTE_COLUMNS} FROM quotes q WHERE {' AND '.join(clauses)} "
        f"ORDER BY q.published DESC NULLS LAST, q.doc_id, q.idx LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    return [_quote(r) for r in _fetch(connection(store), sql, params)]


def find_events(
    store: Source,
    actor: str | None = None,
    dyad: tuple[str, str] | str | None = None,
    code: str | None = None,
    root: str | None = None,
    quad_class: int | None = None,
    modality: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    directed: bool = False,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[EventRef]:
    """Events filtered by actor, country pair ("RUS-USA" or a pair), CAMEO code or root, quad class, modality, dates."""
    clauses, params = [CONFIDENT], [_threshold(min_confidence)]
    if actor:
        src, p1 = _actor_match("e.source_", actor)
        tgt, p2 = _actor_match("e.target_", actor)
        clauses.append(f"({src} OR {tgt})")
        params += p1 + p2
    if dyad:
        a, b = dyad.replace(",", "-").split("-", 1) if isinstance(dyad, str) else dyad
        pair, p = _pair_filter(a, b, directed)
        clauses.append(pair)
        params += p
    for column, value in (("e.code", code), ("e.root", root), ("e.quad_class", quad_class), ("e.modality", modality)):
        if value is not None and value != "":
            clauses.append(f"{column} = ?")
            params.append(value)
    span, span_params = _range_filter(start, end)
    clauses.append(span)
    params += span_params
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {' AND '.join(clauses)} "
        f"ORDER BY day DESC NULLS LAST, e.doc_id, e.idx LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    return [_event(r) for r in _fetch(connection(store), sql, params)]


def find_documents(store: Source, text: str | None = None, limit: int = 20, offset: int = 0) -> list[DocumentRef]:
    """Documents whose title or text contains ``text`` (all when None), newest first."""
    clause, params = ("(d.title ILIKE ? OR d.text ILIKE ?)", [f"%{text}%", f"%{text}%"]) if text else ("TRUE", [])
    sql = f"""WITH page AS (SELECT d.doc_id, d.title, d.published, d.source, d.url, coalesce(d.n_events, 0),
                                   coalesce(d.n_quotes, 0)
                            FROM documents d WHERE {clause}
                            ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT {int(limit)} OFFSET {int(offset)})
        SELECT * FROM page ORDER BY published DESC NULLS LAST, doc_id"""
    return [DocumentRef(*r) for r in _fetch(connection(store), sql, params)]
