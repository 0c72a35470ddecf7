"""Corpus commands (dyad, alerts, actors, quotes, stories, compact): registered on the main app.

Each one call of a `newsgraph.Store` method (`newsgraph.library`): a table for people, ``--format json`` (one JSON
object per line) and ``--format csv`` for machines.
"""


import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import Annotated, Any

import typer

SPARKS = "▁▂▃▄▅▆▇█"
# store.rows.DEFAULT_MIN_CONFIDENCE, for the help text only: importing it would load DuckDB at start-up
# (tests/test_analytics_confidence.py checks that the two agree)
CONFIDENCE_DEFAULT = 0.5


def sparkline(values: Sequence[float | None], width: int = 100) -> str:
    """One block character per value (means of runs when longer than ``width``), scaled; a space for a missing value."""
    if len(values) > width:
        step = len(values) / width
        runs = [[v for v in values[int(i * step) : int((i + 1) * step)] if v is not None] for i in range(width)]
        values = [sum(r) / len(r) if r else None for r in runs]
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    scale = (len(SPARKS) - 1) / (high - low) if high > low else 0.0
    return "".join(" " if v is None else SPARKS[round((v - low) * scale)] for v in values)


def _json_line(value: Any) -> None:
    sys.stdout.write(json.dumps(asdict(value) if hasattr(value, "__dataclass_fields__") else value, default=str))
    sys.stdout.write("\n")


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    writer.writerows(rows)


def _emit(records: Sequence[Any], columns: Sequence[str], rows: Sequence[Sequence[Any]], format: Any, title: str) -> None:
    """Records as JSON lines, their rows as CSV, or a table for people."""
    from newsgraph.cli.common import QueryFormat, out

    if format == QueryFormat.json:
        for record in records:
            _json_line(record)
    elif format == QueryFormat.csv:
        _csv(columns, rows)
    else:
        from newsgraph.render import result_table

        out.print(result_table(columns, rows, title=title))


def _event_text(e: Any) -> str:
    who = f"{e.source_name or e.source_code or '?'} → {e.target_name or e.target_code or '?'}"
    return f"{e.day} {who}: {e.code} {e.label or ''} ({_fmt(e.goldstein, '+.1f')}) [{e.doc_id}]"


def _event_brief(e: Any) -> str:
    return f"{e.source_code or '?'}→{e.target_code or '?'} {e.code} {_fmt(e.goldstein, '+.1f')} {e.doc_id[:8]}"


def _fmt(value: float | None, spec: str = "+.2f") -> str:
    return "" if value is None else format(value, spec)


def register(app: typer.Typer) -> None:
    """Add the corpus-scale commands to ``app``."""
    from newsgraph.cli.common import QueryFormat, StoreOption, fail, open_store, out, warn

    FormatOption = Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table for people; json or csv for machines.")
    ]
    ConfidenceOption = Annotated[
        float | None,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0,
            help=f"Count only events of this confidence or more (default {CONFIDENCE_DEFAULT}).",
        ),
    ]  # fmt: skip

    @app.command()
    def dyad(
        a: Annotated[str, typer.Argument(help="First country (ISO3, e.g. RUS).")],
        b: Annotated[str, typer.Argument(help="Second country (ISO3, e.g. USA).")],
        start: Annotated[str | None, typer.Option("--from", help="First day YYYY-MM-DD.")] = None,
        end: Annotated[str | None, typer.Option("--to", help="Last day YYYY-MM-DD.")] = None,
        by: Annotated[str, typer.Option("--by", help="day, week or month.")] = "week",
        directed: Annotated[
            bool, typer.Option("--directed", help="Only events with A as source and B as target.")
        ] = False,
        top: Annotated[int, typer.Option("--top", min=0, help="Top events and quotes per period.")] = 3,
        min_confidence: ConfidenceOption = None,
        store: StoreOption = None,
        format: FormatOption = QueryFormat.table,
    ) -> None:
        """How two countries' relations moved: per period, events by quad class, Goldstein, tone, evidence; places.

        Example: newsgraph dyad RUS USA --from 2021-01-01 --by month --min-confidence 0.7
        """
        from newsgraph.query.analytics import AnalyticsError
        from newsgraph.store.segments import StoreError

        threshold = CONFIDENCE_DEFAULT if min_confidence is None else min_confidence
        try:
            target = open_store(store)
            if unknown := target.unknown_countries([a, b]):
                fail(f"unknown country code {', '.join(unknown)} (not an ISO 3166 alpha-3 code, nor in the store)")
            points = target.dyad(a, b, start, end, by=by, directed=directed, top=top, min_confidence=threshold)
            places = target.places(a, b, start, end, directed=directed, min_confidence=threshold)
        except (StoreError, AnalyticsError) as e:
            fail(str(e))
        if format == QueryFormat.json:
            for p in points:
                _json_line(p)
            return
        columns = ("period", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                   "goldstein_sum", "goldstein_mean", "tone", "articles")  # fmt: skip
        rows = [
            (p.period, p.events, p.quads.verbal_cooperation, p.quads.material_cooperation, p.quads.verbal_conflict,
             p.quads.material_conflict, round(p.goldstein_sum, 2), _fmt(p.goldstein_mean, ".3f"), _fmt(p.tone, ".3f"),
             p.articles)
            for p in points
        ]  # fmt: skip
        if format == QueryFormat.csv:
            evidence = [";".join(f"{e.doc_id}:{e.idx}" for e in p.top_events) for p in points]
            _csv(columns + ("top_events",), [r + (e,) for r, e in zip(rows, evidence, strict=True)])
            return
        if not points:
            warn(f"no events between {a.upper()} and {b.upper()} in the store")
            return
        _dyad_table(out, a.upper(), b.upper(), points)
        _places_table(out, places)

    @app.command()
    def alerts(
        since: Annotated[str | None, typer.Option("--since", help="Only weeks from this day YYYY-MM-DD.")] = None,
        k: Annotated[float, typer.Option("--k", min=0.0, help="Standard deviations that make an alert.")] = 2.0,
        window: Annotated[int, typer.Option("--window", min=2, help="Trailing weeks of history per pair.")] = 8,
        limit: Annotated[int, typer.Option("--limit", min=1, help="Most surprising alerts to show.")] = 20,
        min_confidence: ConfidenceOption = None,
        store: StoreOption = None,
        format: FormatOption = QueryFormat.table,
    ) -> None:
        """Country pairs whose weekly Goldstein mean or conflict share left their own trailing range.

        The weekly sums are kept per 0.1 of confidence, so --min-confidence takes 0, 0.1, ... 1.

        Example: newsgraph alerts --since 2021-11-01 --k 2.0 --window 8 --min-confidence 0.7
        """
        from newsgraph.query.analytics import AnalyticsError
        from newsgraph.store.segments import StoreError

        threshold = CONFIDENCE_DEFAULT if min_confidence is None else min_confidence
        try:
            found = open_store(store).alerts(since, k=k, window=window, limit=limit, min_confidence=threshold)
        except (StoreError, AnalyticsError) as e:
            fail(str(e))
        if format == QueryFormat.json:
            for alert in found:
                _json_line(alert)
            return
        columns = ("week", "pair", "metric", "z", "events", "goldstein", "baseline", "conflict", "baseline_conflict")
        rows = [
            (x.week, f"{x.a}-{x.b}", x.metric, f"{x.z:+.1f}", x.events, f"{x.goldstein_mean:+.2f}",
             f"{x.goldstein_baseline:+.2f}", f"{x.conflict_share:.0%}", f"{x.conflict_baseline:.0%}")
            for x in found
        ]  # fmt: skip
        if format == QueryFormat.csv:
            articles = [";".join(d.doc_id for d in x.articles) for x in found]
            _csv(columns + ("doc_ids",), [r + (d,) for r, d in zip(rows, articles, strict=True)])
            return
        if not found:
            warn("no alerts: no pair moved beyond k standard deviations of its history")
            return
        from newsgraph.render import result_table

        out.print(result_table(columns, rows, title=f"Alerts (k={k}, window={window} weeks)"))
        for x in found:
            out.print(f"[bold]{x.week} {x.a}-{x.b}[/bold] driven by:")
            for e in x.top_events:
                out.print(f"  {_event_text(e)}", markup=False)
            for d in x.articles:
                out.print(f"  article {d.doc_id} {d.published or ''} {d.title or ''}", markup=False)

    @app.command()
    def actors(
        name: Annotated[
            str | None, typer.Argument(help="An actor name or code for its summary (e.g. Putin, RUSGOV).")
        ] = None,
        top: Annotated[int, typer.Option("--top", min=1, help="How many actors (or counterparts) to list.")] = 20,
        store: StoreOption = None,
        format: FormatOption = QueryFormat.table,
    ) -> None:
        """The actors found in the most documents; with NAME, one actor's quotes, events and counterparts.

        Example: newsgraph actors --top 10
        """
        from newsgraph.store.segments import StoreError

        try:
            if name is not None:
                summary = open_store(store).actor(name, top=top)
            else:
                found = open_store(store).actors(top=top)
        except StoreError as e:
            fail(str(e))
        if name is not None:
            if format != QueryFormat.table:
                _json_line(summary)
                return
            if not summary.documents and not summary.as_source.total and not summary.as_target.total:
                fail(f"no actor named or coded {name!r} in the store")
            from newsgraph.render import result_table

            _actor_summary(out, summary, result_table)
            return
        columns = ("name", "code", "country", "documents", "quotes", "events")
        rows = [(x.name, x.code, x.country, x.documents, x.quotes, x.events) for x in found]
        _emit(found, columns, rows, format, f"Top {len(rows)} actors")

    @app.command()
    def quotes(
        speaker: Annotated[
            str | None, typer.Option("--speaker", help="Words of the speaker's name (Wang: not Wanglee), or a code.")
        ] = None,
        text: Annotated[str | None, typer.Option("--text", help="Words the quote contains.")] = None,
        limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
        offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
        store: StoreOption = None,
        format: FormatOption = QueryFormat.table,
    ) -> None:
        """Who said what: quotes by speaker and text, newest first, with their articles.

        Example: newsgraph quotes --speaker Putin --limit 5
        """
        from newsgraph.store.segments import StoreError

        try:
            found = open_store(store).quotes(speaker, text, limit=limit, offset=offset)
        except StoreError as e:
            fail(str(e))
        columns = ("published", "speaker", "code", "kind", "quote", "doc_id")
        rows = [(q.published, q.speaker_name, q.speaker_code, q.kind, q.text, q.doc_id) for q in found]
        _emit(found, columns, rows, format, f"Quotes ({len(rows)})")

    @app.command()
    def stories(
        top: Annotated[int, typer.Option("--top", min=1, help="How many stories to list.")] = 20,
        store: StoreOption = None,
        format: FormatOption = QueryFormat.table,
    ) -> None:
        """The largest stories: groups of near-duplicate and same-story articles, with their deduplicated events.

        Example: newsgraph stories --top 10
        """
        from newsgraph.store.segments import StoreError

        try:
            page = open_store(store).stories(limit=top)
        except StoreError as e:
            fail(str(e))
        columns = ("story_id", "documents", "first_published", "last_published", "title", "events")
        rows = [(s.story_id, s.documents, s.first_published, s.last_published, s.title, s.events) for s in page.items]
        _emit(page.items, columns, rows, format, f"Top {len(rows)} of {page.total} stories")

    @app.command()
    def compact(
        target: Annotated[int, typer.Option("--target", min=2, help="Documents per merged segment.")] = 5000,
        store: StoreOption = None,
    ) -> None:
        """Merge small segments into larger ones (crash-safe); no query result changes.

        Example: newsgraph compact --store /tmp/ng-store --target 5000
        """
        from newsgraph.store.segments import StoreError

        try:
            result = open_store(store).compact(target=target)
        except StoreError as e:
            fail(str(e))
        warn(f"compacted {result.merged} segments into {result.written} ({result.documents} documents)")


def _dyad_table(out: Any, a: str, b: str, points: Sequence[Any]) -> None:
    from rich.table import Table

    first, last = points[0].period, points[-1].period
    out.print(f"[bold]{a}–{b}[/bold] {first} … {last}  ({sum(p.events for p in points)} events)")
    out.print(f"events    {sparkline([p.events for p in points])}", markup=False)
    out.print(f"goldstein {sparkline([p.goldstein_mean for p in points])}", markup=False)
    table = Table(title_justify="left")
    for column in ("period", "n", "coop", "confl", "G sum", "G mean", "tone"):
        table.add_column(column, no_wrap=True)
    table.add_column("top event", overflow="fold")
    for p in points:
        if not p.events:
            continue  # the sparklines show the empty periods; the table lists the ones with evidence
        q = p.quads
        table.add_row(
            str(p.period), str(p.events), f"{q.verbal_cooperation}/{q.material_cooperation}",
            f"{q.verbal_conflict}/{q.material_conflict}", f"{p.goldstein_sum:+.1f}", _fmt(p.goldstein_mean),
            _fmt(p.tone), _event_brief(p.top_events[0]) if p.top_events else "",
        )  # fmt: skip
    out.print(table)
    # an article with events in two periods is among the top of both: its quotes are listed once
    quotes = list({(q.doc_id, q.text): q for p in points for q in p.top_quotes}.values())
    if quotes:
        out.print("[bold]Quotes[/bold]")
        for q in quotes[:10]:
            out.print(f"  {q.published} {q.speaker_name or '?'}: “{q.text[:160]}” [{q.doc_id}]", markup=False)


def _places_table(out: Any, places: Sequence[Any]) -> None:
    """Where the pair's events happened (the text's place, else the dateline), most events first."""
    if not places:
        return
    from rich.table import Table

    table = Table(title="Places", title_justify="left")
    for column in ("place", "country", "events", "articles", "lat, lon"):
        table.add_column(column, no_wrap=True)
    for p in places:
        where = "" if p.lat is None or p.lon is None else f"{p.lat:.2f}, {p.lon:.2f}"
        table.add_row(p.name, p.country or "", str(p.events), str(p.articles), where)
    out.print(table)


def _actor_summary(out: Any, s: Any, result_table: Any) -> None:
    out.print(f"[bold]{', '.join(s.names) or s.query}[/bold] codes {', '.join(s.codes) or '-'}", highlight=False)
    out.print(f"{s.documents} documents, {s.mentions} mentions, {s.quotes} quotes")
    for label, quads, mean in (("as source", s.as_source, s.goldstein_source_mean),
                               ("as target", s.as_target, s.goldstein_target_mean)):  # fmt: skip
        out.print(
            f"{label}: {quads.total} events (coop {quads.verbal_cooperation}/{quads.material_cooperation}, "
            f"conflict {quads.verbal_conflict}/{quads.material_conflict}), Goldstein mean {_fmt(mean)}"
        )
    rows = [(c.name, c.code, c.country, c.events, _fmt(c.goldstein_mean)) for c in s.counterparts]
    out.print(result_table(("counterpart", "code", "country", "events", "goldstein"), rows, title="Counterparts"))
    for q in s.top_quotes:
        out.print(f"  {q.published} “{q.text[:160]}” [{q.doc_id}]", markup=False)
    for e in s.recent_events:
        out.print(f"  {_event_text(e)}", markup=False)
