"""The Python API: analyze articles, and fill and question a store, from a notebook or a service.

`analyze` and `analyze_many` run the pipeline (`newsgraph.pipeline`) on text or HTML and give
the typed records of `newsgraph.records`. `Store` is a store directory (or object-store URI):
``ingest`` analyzes and appends, ``sql`` runs DuckDB over its tables, and ``dyad``, ``alerts``,
``actors``, ``actor``, ``quotes``, ``events``, ``documents``, ``stories`` answer the questions
the CLI and the HTTP API ask (`newsgraph.query`: one SQL function per question);
``check`` and ``compact`` look after the segments. Every CLI command over a store is one call
of a method here.

Nothing heavy loads with this module: spaCy loads with the first analysis, DuckDB with the
first query.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from newsgraph.records import Analysis

if TYPE_CHECKING:  # ingest (with gzip and the decoder) loads with the first analysis, not with a query
    import duckdb

    from newsgraph.query.analytics import (
        ActorCount,
        ActorSummary,
        Alert,
        DocumentRef,
        DyadPoint,
        EventRef,
        PlaceCount,
        QuoteRef,
    )
    from newsgraph.query.lists import Rows
    from newsgraph.query.stories import StoryDetail, StoryPage
    from newsgraph.ingest import InputOptions, Problem, RawItem
    from newsgraph.query.views import Result
    from newsgraph.store.segments import CompactResult, WriteResult
    from newsgraph.store.segments import Store as Segments
    from newsgraph.store.check import CheckReport, Quarantined

__all__ = ["AnalysisError", "IngestResult", "Item", "Store", "analyze", "analyze_many"]

#: What `analyze_many` and `Store.ingest` take: article text or HTML (a str), a dict with ``text``
#: or ``html`` and optional ``id``, ``url``, ``title``, ``published``, a `RawItem`, or a `Path` of a
#: file or folder (read as ``newsgraph ingest`` reads it: .txt, .html, .jsonl, WARC ...).
Item: TypeAlias = "str | Mapping[str, Any] | RawItem | Path"
#: The confidence an event needs to be counted unless a call says otherwise (store.rows.DEFAULT_MIN_CONFIDENCE).
DEFAULT_MIN_CONFIDENCE = 0.5


class AnalysisError(ValueError):
    """An article that cannot be analyzed (empty, too long, a date that is not one); the message is one line."""


def analyze(
    text_or_html: str,
    *,
    published: str | date | None = None,
    url: str | None = None,
    title: str | None = None,
    id: str | None = None,
) -> Analysis:
    """Analyze one article (plain text or HTML, told apart by its markup); raises AnalysisError."""
    from newsgraph.ingest import Problem

    item = {"content": text_or_html, "published": published, "url": url, "title": title, "id": id}
    result = next(_analyze([_raw_item(item, 0)], workers=1))
    if isinstance(result, Problem):
        raise AnalysisError(result.message)
    return result


def analyze_many(
    items: Iterable[Item], *, workers: int = 1, published: str | date | None = None
) -> Iterator[Analysis | Problem]:
    """Analyze articles in input order; an article that cannot be analyzed comes out as a `Problem` in its place.

    ``published`` dates every article (as ``--published`` does); ``workers`` > 1 parses in that many processes.
    """
    return _analyze(_raw_items(items), workers=workers, published=published)


def _analyze(
    items: Iterable[RawItem | Problem],
    *,
    workers: int,
    published: str | date | None = None,
    stored: frozenset[str] = frozenset(),
) -> Iterator[Any]:
    from newsgraph.pipeline import PipelineOptions, analyze_items

    try:
        day = _date(published)
    except ValueError as err:
        raise AnalysisError(f"published: {err}") from None
    return analyze_items(items, PipelineOptions(published=day, workers=workers), stored)


def _date(value: str | date | None) -> str | None:
    from newsgraph.ingest import normalize_date

    return normalize_date(value.isoformat() if isinstance(value, date) else value)


def _raw_items(items: Iterable[Item], options: InputOptions | None = None) -> Iterator[RawItem | Problem]:
    from newsgraph.ingest import Problem, RawItem, iter_inputs

    for index, item in enumerate([items] if isinstance(items, (str, Path)) else items):
        if isinstance(item, Path):
            yield from iter_inputs([str(item)], options=options)
        elif isinstance(item, (RawItem, Problem)):
            yield item
        elif isinstance(item, str):
            yield _raw_item({"content": item}, index)
        else:
            given = dict(item)
            html = given.pop("html", None)
            given["content"] = html if html is not None else given.pop("text", None)
            yield _raw_item(given, index, is_html=html is not None)


def _raw_item(item: Mapping[str, Any], index: int, is_html: bool | None = None) -> RawItem | Problem:
    from newsgraph.ingest import Problem, RawItem, looks_like_html

    content = item.get("content")
    where = str(item.get("url") or item.get("id") or f"item {index}")
    if not isinstance(content, str) or not content.strip():
        return Problem(where, "give the article's text or html (non-empty)")
    published = item.get("published")
    return RawItem(
        source=where,
        content=content,
        is_html=looks_like_html(content) if is_html is None else is_html,
        id=item.get("id"),
        url=item.get("url"),
        title=item.get("title"),
        published=published.isoformat() if isinstance(published, date) else published,
    )


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What `Store.ingest` did: documents written, already stored, refused (with why), segments written."""

    written: int
    already: int
    problems: tuple[Problem, ...]
    segments: int
    undated: int  # written without a published date: their events may have no day

    @property
    def refused(self) -> int:
        return sum(p.items for p in self.problems)


class Store:
    """A newsgraph store: Parquet segments in a directory (or ``s3://...``), and the questions asked of them.

    ``Store()`` opens ``$NEWSGRAPH_STORE``, else the user's data directory. Readers open DuckDB
    views over the segments; a reader's views are reopened whenever a write or a compaction
    changed the segments.
    """

    def __init__(self, path: str | Path | Segments | None = None, *, filesystem: Any = None) -> None:
        from newsgraph.store.segments import Store as Segments
        from newsgraph.store.segments import default_store

        if isinstance(path, Segments):  # the segments of a store already open
            self.segments = path
        else:
            self.segments = Segments(path if path is not None else default_store(), filesystem)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._listing: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    @property
    def root(self) -> Any:
        """The store's directory (a Path; a PurePosixPath inside an object store)."""
        return self.segments.root

    def exists(self) -> bool:
        """Whether anything was ever written here."""
        return self.segments.exists()

    def document_ids(self) -> set[str]:
        """The ids of every stored document."""
        return self.segments.document_ids()

    def version(self) -> tuple[str, ...]:
        """The visible segments: this changes with every write and compaction (a cache key for answers)."""
        return tuple(str(p) for p in self.segments.segment_dirs())

    # -- writing

    def ingest(
        self,
        items: Iterable[Item] | Item,
        *,
        published: str | date | None = None,
        workers: int = 1,
        segment_size: int = 500,
        inputs: InputOptions | None = None,
    ) -> IngestResult:
        """Analyze articles and append them; documents already stored are recognised before their parse and skipped."""
        stored = frozenset(self.document_ids())
        results = _analyze(_raw_items(items, inputs), workers=workers, published=published, stored=stored)
        return self.ingest_results(results, segment_size=segment_size)

    def ingest_results(self, results: Iterable[Any], *, segment_size: int = 500) -> IngestResult:
        """Append the analyses among pipeline results (`Analysis`, `Problem`, already `Stored`), counting the others."""
        from newsgraph.ingest import Problem
        from newsgraph.pipeline import Stored

        problems: list[Problem] = []
        already = 0

        def analyses() -> Iterator[Analysis]:
            nonlocal already
            for result in results:
                if isinstance(result, Problem):
                    problems.append(result)
                elif isinstance(result, Stored):
                    already += 1
                else:
                    yield result

        written = self.write(analyses(), segment_size=segment_size)
        return IngestResult(
            written=written.written,
            already=already + written.skipped,
            problems=tuple(problems),
            segments=written.segments,
            undated=written.undated,
        )

    def write(self, analyses: Iterable[Analysis], *, segment_size: int = 500) -> WriteResult:
        """Append analyses made elsewhere (documents already stored are skipped)."""
        result = self.segments.write(analyses, segment_size=segment_size)
        self.refresh()
        return result

    def compact(self, target: int = 5000) -> CompactResult:
        """Merge small segments into segments of about ``target`` documents; no answer changes."""
        result = self.segments.compact(target=target)
        self.refresh()
        return result

    def check(self) -> CheckReport:
        """Verify every segment (sizes, SHA-256, Parquet footers): the damaged ones, one line per problem."""
        from newsgraph.store.segments import StoreError
        from newsgraph.store.check import check_store

        if not self.segments.root_exists():
            raise StoreError(f"no store at {self.root} (run `newsgraph ingest` first, or pass --store)")
        return check_store(self.segments)

    def quarantine(self, report: CheckReport) -> list[Quarantined]:
        """Move the damaged segments of a `check` report to STORE/quarantine/, listing the documents they held."""
        from newsgraph.store.check import quarantine

        moved = quarantine(self.segments, report.damaged)
        self.refresh()
        return moved

    # -- reading

    def refresh(self) -> None:
        """Forget the open views (the next question reopens them over the segments as they are)."""
        with self._lock:
            self._con = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection of its own with one view per table, over the store as it is now."""
        from newsgraph.query.views import connect

        listing = self.version()
        if not listing or not self.segments.local:
            # empty stand-in tables and object-store datasets are registered per connection,
            # so a cursor (another connection to the same database) would not see them
            return connect(self.segments)
        with self._lock:
            if self._con is None or listing != self._listing:
                self._con = connect(self.segments)
                self._listing = listing
            return self._con.cursor()

    def sql(self, query: str, params: list[Any] | None = None) -> Result:
        """Run one SQL statement (DuckDB) over the tables documents, actors, quotes, events, ...; raises QueryError."""
        from newsgraph.query.views import run_sql

        return run_sql(self.segments, query, params)

    def stats(self) -> dict[str, Any]:
        """Rows per table, segments, the published-date range and the code and data versions."""
        from newsgraph.query.views import stats

        return stats(self.segments)

    def analyses(self) -> Iterator[Analysis]:
        """Every stored Analysis, segment by segment."""
        return self.segments.read_analyses()

    def document(self, doc_id: str) -> Analysis | None:
        """One stored document's Analysis, or None."""
        from newsgraph.query.analytics import document_analysis

        found = document_analysis(self.connection(), doc_id)
        return None if found is None else Analysis.from_dict(found)

    def documents(self, text: str | None = None, *, limit: int = 20, offset: int = 0) -> list[DocumentRef]:
        """Documents whose title or text contains ``text`` (all when None), newest first."""
        from newsgraph.query.analytics import find_documents

        return find_documents(self.connection(), text=text, limit=limit, offset=offset)

    def document_count(self) -> int:
        """How many documents the store holds."""
        from newsgraph.query.lists import document_count

        return document_count(self.connection())

    def documents_by_id(self, ids: list[str], *, limit: int = 100, offset: int = 0) -> Rows:
        """The documents of these ids (unknown ones left out), newest first, with their counts of events and quotes."""
        from newsgraph.query.lists import documents_by_id

        return documents_by_id(self.connection(), ids, limit=limit, offset=offset)

    def actor_rows(
        self,
        name: str | None = None,
        *,
        code: str | None = None,
        country: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Rows:
        """Actors across documents, one row per name and code, most mentioned first (``name``: part of the name)."""
        from newsgraph.query.lists import actor_rows

        return actor_rows(
            self.connection(), name, code=code, country=country, kind=kind, limit=limit, offset=offset
        )

    def dyads(self, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE, limit: int = 50, offset: int = 0) -> Rows:
        """Country pairs with the most events (either direction), with their articles, mean Goldstein and days."""
        from newsgraph.query.lists import dyad_rows

        return dyad_rows(self.connection(), min_confidence=min_confidence, limit=limit, offset=offset)

    def dyad(
        self,
        a: str,
        b: str,
        start: date | str | None = None,
        end: date | str | None = None,
        *,
        by: str = "week",
        directed: bool = False,
        top: int = 3,
        fill: bool = True,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> list[DyadPoint]:
        """How two countries' relations moved: per period, events by quad class, Goldstein, tone and top evidence."""
        from newsgraph.query.analytics import dyad_series

        return dyad_series(
            self.connection(), a, b, start, end, by,  # type: ignore[arg-type]
            directed=directed, top=top, fill=fill, min_confidence=min_confidence,
        )  # fmt: skip

    def places(
        self,
        a: str,
        b: str,
        start: date | str | None = None,
        end: date | str | None = None,
        *,
        directed: bool = False,
        top: int = 10,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> list[PlaceCount]:
        """Where a country pair's events happened, most events first."""
        from newsgraph.query.analytics import dyad_places

        return dyad_places(
            self.connection(), a, b, start, end, directed=directed, top=top, min_confidence=min_confidence
        )

    def alerts(
        self,
        since: date | str | None = None,
        *,
        k: float = 2.0,
        window: int = 8,
        limit: int = 20,
        min_events: int = 3,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> list[Alert]:
        """Country pairs whose weekly Goldstein mean or conflict share left their own trailing range."""
        from newsgraph.query.analytics import alerts

        return alerts(
            self.connection(), since, k, window, limit=limit, min_events=min_events, min_confidence=min_confidence
        )

    def unknown_countries(self, codes: list[str]) -> list[str]:
        """The codes that are neither ISO 3166 alpha-3 codes nor a country the store's events carry."""
        from newsgraph.query.analytics import unknown_countries

        return unknown_countries(self.connection(), codes)

    def actors(self, top: int = 20) -> list[ActorCount]:
        """The actors found in the most documents, with their quote and event counts."""
        from newsgraph.query.analytics import top_actors

        return top_actors(self.connection(), top=top)

    def actor(self, name_or_code: str, *, top: int = 10, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> ActorSummary:
        """One actor: names, codes, documents, quotes, events as source and target, top counterparts."""
        from newsgraph.query.analytics import actor_summary

        return actor_summary(self.connection(), name_or_code, top=top, min_confidence=min_confidence)

    def quotes(
        self, speaker: str | None = None, text: str | None = None, *, limit: int = 20, offset: int = 0
    ) -> list[QuoteRef]:
        """Quotes by words of the speaker's name (or a code) and words of the quote, newest first."""
        from newsgraph.query.analytics import find_quotes

        return find_quotes(self.connection(), speaker=speaker, text=text, limit=limit, offset=offset)

    def events(
        self,
        actor: str | None = None,
        *,
        dyad: tuple[str, str] | str | None = None,
        code: str | None = None,
        root: str | None = None,
        quad_class: int | None = None,
        modality: str | None = None,
        start: date | str | None = None,
        end: date | str | None = None,
        limit: int = 50,
        offset: int = 0,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> list[EventRef]:
        """Events by actor, country pair ("RUS-USA"), CAMEO code or root, quad class, modality and dates, newest first."""
        from newsgraph.query.analytics import find_events

        return find_events(
            self.connection(), actor=actor, dyad=dyad, code=code, root=root, quad_class=quad_class,
            modality=modality, start=start, end=end, limit=limit, offset=offset, min_confidence=min_confidence,
        )  # fmt: skip

    def stories(self, *, min_documents: int = 1, limit: int = 20, offset: int = 0) -> StoryPage:
        """Stories (same-story articles grouped at ingest), most retold first, with their deduplicated event counts."""
        from newsgraph.query.stories import top_stories

        return top_stories(self.connection(), min_documents=min_documents, limit=limit, offset=offset)

    def story(self, story_id: str) -> StoryDetail | None:
        """One story: its articles, and its events counted per story (GDELT's mentions, articles, sources)."""
        from newsgraph.query.stories import story_detail

        return story_detail(self.connection(), story_id)
