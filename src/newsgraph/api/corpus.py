"""Corpus endpoints of the API: dyad series, alerts, actor summaries and stories (`newsgraph.Store` methods)."""

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from newsgraph.query import analytics
from newsgraph.query.analytics import (
    DEFAULT_MIN_CONFIDENCE,
    ActorSummary,
    Alert,
    AnalyticsError,
    DyadPoint,
    PlaceCount,
    QuadCounts,
    next_period,
)
from newsgraph.query.lists import Rows
from newsgraph.api.models import DOC_ID_PATTERN, DyadRow, DyadSeries, ErrorBody, Page, Story, StoryRow, page_of

if TYPE_CHECKING:
    from newsgraph.api.read import ReadContext


#: Past this many periods a series is returned without its empty periods (a day series over centuries is no chart).
MAX_FILLED_POINTS = 2000
MIN_CONFIDENCE = Query(
    ge=0.0, le=1.0, description=f"Count only events of this confidence or more (default {DEFAULT_MIN_CONFIDENCE})."
)
COUNTRY = Path(pattern=r"^[A-Z]{3}$", description="ISO 3166 alpha-3 country code, e.g. RUS.")
#: Actor names as stored, or codes; no '/', no control characters.
ACTOR_KEY_PATTERN = r"^[^/\x00-\x1f\x7f]{1,120}$"
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Nothing known about it"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


def add_corpus_routes(router: APIRouter, ctx: "ReadContext") -> None:
    """Add `/dyads`, `/dyads/{a}/{b}`, `/dyads/{a}/{b}/places`, `/alerts`, `/actors/{key}`, `/stories` to ``router``."""
    # no `from __future__ import annotations` here: FastAPI reads these annotations at run time

    @router.get("/dyads", tags=["dyads"], response_model=Page[DyadRow], responses=ERRORS)
    def list_dyads(
        limit: Annotated[int, Query(ge=1, le=ctx.options.max_limit)] = ctx.options.default_limit,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        min_confidence: Annotated[float, MIN_CONFIDENCE] = DEFAULT_MIN_CONFIDENCE,
    ) -> dict[str, Any]:
        """Country pairs (two different countries, either direction) with the most events."""
        rows = ctx.cached(
            ("dyads", min_confidence, limit, offset),
            lambda: ctx.store.dyads(min_confidence=min_confidence, limit=limit, offset=offset),
        )
        return page_of(rows, limit, offset)

    @router.get("/dyads/{a}/{b}", tags=["dyads"], response_model=DyadSeries, responses=ERRORS)
    def dyad(
        a: Annotated[str, COUNTRY],
        b: Annotated[str, COUNTRY],
        start: date | None = None,
        end: date | None = None,
        by: Literal["day", "week", "month"] = "week",
        directed: Annotated[bool, Query(description="Only events with source in a and target in b.")] = False,
        top: Annotated[int, Query(ge=0, le=20, description="Top events and quotes kept per period.")] = 5,
        min_confidence: Annotated[float, MIN_CONFIDENCE] = DEFAULT_MIN_CONFIDENCE,
    ) -> DyadSeries:
        """Cooperation and conflict of a country pair per period: quad class counts, Goldstein, tone, top events."""
        if start and end and start > end:
            raise HTTPException(422, "start is after end")
        try:
            points = ctx.cached(
                ("dyad", a, b, start, end, by, directed, top, min_confidence),
                lambda: ctx.store.dyad(
                    a, b, start, end, by=by, directed=directed, top=top, fill=False, min_confidence=min_confidence
                ),
            )  # fmt: skip
        except AnalyticsError as err:
            raise HTTPException(422, str(err)) from None
        filled = fill_periods(points, by, start, end)
        return DyadSeries(a=a, b=b, by=by, directed=directed, filled=filled is not None, points=filled or points)

    @router.get("/dyads/{a}/{b}/places", tags=["dyads"], response_model=list[PlaceCount], responses=ERRORS)
    def dyad_places(
        a: Annotated[str, COUNTRY],
        b: Annotated[str, COUNTRY],
        start: date | None = None,
        end: date | None = None,
        directed: Annotated[bool, Query(description="Only events with source in a and target in b.")] = False,
        top: Annotated[int, Query(ge=1, le=100, description="Places kept, most events first.")] = 20,
        min_confidence: Annotated[float, MIN_CONFIDENCE] = DEFAULT_MIN_CONFIDENCE,
    ) -> list[PlaceCount]:
        """Where a country pair's events happened: one row per place with coordinates, events and articles."""
        if start and end and start > end:
            raise HTTPException(422, "start is after end")
        try:
            return ctx.cached(
                ("dyad-places", a, b, start, end, directed, top, min_confidence),
                lambda: ctx.store.places(a, b, start, end, directed=directed, top=top, min_confidence=min_confidence),
            )
        except AnalyticsError as err:
            raise HTTPException(422, str(err)) from None

    @router.get("/alerts", tags=["alerts"], response_model=list[Alert], responses=ERRORS)
    def list_alerts(
        since: date | None = None,
        k: Annotated[float, Query(ge=0.5, le=10.0, description="Standard deviations from the trailing mean.")] = 2.0,
        window: Annotated[int, Query(ge=2, le=52, description="Trailing weeks of history.")] = 8,
        min_events: Annotated[int, Query(ge=1, le=1000)] = 3,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        min_confidence: Annotated[
            float, Query(ge=0.0, le=1.0, description="Count only events of this confidence or more "
                         f"(default {DEFAULT_MIN_CONFIDENCE}); weekly sums are kept per 0.1 of confidence.")
        ] = DEFAULT_MIN_CONFIDENCE,
    ) -> list[Alert]:
        """Country pairs whose weekly Goldstein mean or conflict share left their own trailing range."""
        try:
            return ctx.cached(
                ("alerts", since, k, window, limit, min_events, min_confidence),
                lambda: ctx.store.alerts(
                    since, k=k, window=window, limit=limit, min_events=min_events, min_confidence=min_confidence
                ),
            )
        except AnalyticsError as err:
            raise HTTPException(422, str(err)) from None

    @router.get("/actors/{key}", tags=["actors"], response_model=ActorSummary, responses=ERRORS)
    def actor(
        key: Annotated[str, Path(pattern=ACTOR_KEY_PATTERN, description="Actor name, CAMEO code, or ISO3 country.")],
        top: Annotated[int, Query(ge=1, le=50)] = 10,
        min_confidence: Annotated[float, MIN_CONFIDENCE] = DEFAULT_MIN_CONFIDENCE,
    ) -> ActorSummary:
        """One actor: names, codes, documents, quotes, events as source and target, top counterparts."""
        if not key.strip():
            raise HTTPException(422, "key: empty")
        summary = ctx.cached(
            ("actor", key, top, min_confidence),
            lambda: ctx.store.actor(key, top=top, min_confidence=min_confidence),
        )
        if summary.documents == 0 and not summary.recent_events and summary.quotes == 0:
            raise HTTPException(404, f"no actor named or coded {key!r}")
        return summary


    @router.get("/stories", tags=["stories"], response_model=Page[StoryRow], responses=ERRORS)
    def list_stories(
        min_documents: Annotated[int, Query(ge=1, le=10_000, description="Only stories told this many times.")] = 1,
        limit: Annotated[int, Query(ge=1, le=ctx.options.max_limit)] = ctx.options.default_limit,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        """Stories (same-story articles grouped by MinHash at ingest), most retold first."""
        stories = ctx.cached(
            ("stories", min_documents, limit, offset),
            lambda: ctx.store.stories(min_documents=min_documents, limit=limit, offset=offset),
        )
        return page_of(Rows(stories.total, tuple(asdict(s) for s in stories.items)), limit, offset)

    @router.get("/stories/{story_id}", tags=["stories"], response_model=Story, responses=ERRORS)
    def get_story(story_id: Annotated[str, Path(pattern=DOC_ID_PATTERN)]) -> Story:
        """One story: its articles and its events counted per story (GDELT's mentions, articles, sources)."""
        found = ctx.cached(("story", story_id), lambda: ctx.store.story(story_id))
        if found is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return Story(story_id=story_id, documents=list(found.documents), events=list(found.events))


def fill_periods(points: list[DyadPoint], by: str, start: date | None, end: date | None) -> list[DyadPoint] | None:
    """Every period from start (or the first point) to end (or the last), empty ones as zeros; None when too many."""
    if not points and (start is None or end is None):
        return []
    period: Any = by
    first = analytics.period_start(start, period) if start else min(p.period for p in points)
    last = analytics.period_start(end, period) if end else max(p.period for p in points)
    days_per = {"day": 1, "week": 7, "month": 28}[by]
    if (last - first).days // days_per > MAX_FILLED_POINTS:
        return None
    known = {p.period: p for p in points}
    out: list[DyadPoint] = []
    day = first
    while day <= last:
        out.append(known.get(day) or DyadPoint(day, 0, QuadCounts(), 0.0, None, None, 0))
        day = next_period(day, by)  # type: ignore[arg-type]
    return out


