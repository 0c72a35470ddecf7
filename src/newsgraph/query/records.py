"""The typed results of the corpus analytics (newsgraph.query.analytics): frozen records for the CLI and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal


@dataclass(frozen=True, slots=True)
class EventRef:
    """One stored event with its actors and the span of its article that supports it."""

    doc_id: str
    idx: int
    day: date | None
    source_name: str | None
    source_code: str | None
    source_country: str | None
    target_name: str | None
    target_code: str | None
    target_country: str | None
    code: str
    label: str | None
    quad_class: int | None
    goldstein: float | None
    modality: str | None
    evidence_start: int | None
    evidence_end: int | None
    confidence: float | None = None
    location_name: str | None = None  # where the act happened, when the text says
    location_country: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """One stored quote with its speaker and article."""

    doc_id: str
    idx: int
    text: str
    kind: str | None
    speaker_name: str | None
    speaker_code: str | None
    published: date | None
    start: int | None
    end: int | None
    quoted_spans: tuple[tuple[int, int], ...] = ()  # a mixed quote's words inside quotation marks


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """One stored article: id, title, date and counts of what was found in it."""

    doc_id: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None
    n_events: int
    n_quotes: int


@dataclass(frozen=True, slots=True)
class QuadCounts:
    """Event counts by CAMEO quad class: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""

    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0

    @property
    def total(self) -> int:
        return self.verbal_cooperation + self.material_cooperation + self.verbal_conflict + self.material_conflict


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of a dyad: counts by quad class, Goldstein sum and mean, tone, top events and quotes."""

    period: date
    events: int
    quads: QuadCounts
    goldstein_sum: float
    goldstein_mean: float | None
    tone: float | None  # mean tone polarity of the articles carrying the period's events
    articles: int
    top_events: tuple[EventRef, ...] = ()
    top_quotes: tuple[QuoteRef, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """A place where a dyad's events happened (one gazetteer feature), with how many events and articles."""

    name: str  # the mention most often used for it
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    events: int
    articles: int


@dataclass(frozen=True, slots=True)
class Alert:
    """A country pair whose weekly Goldstein mean or conflict share left its own trailing range."""

    a: str
    b: str
    week: date
    metric: Literal["goldstein", "conflict"]
    z: float  # the larger (in absolute value) of the two z-scores
    events: int
    goldstein_mean: float
    goldstein_baseline: float
    goldstein_z: float
    conflict_share: float
    conflict_baseline: float
    conflict_z: float
    history_weeks: int
    top_events: tuple[EventRef, ...] = ()
    articles: tuple[DocumentRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Counterpart:
    """An actor another actor acts on or is acted on by, with how often and how (Goldstein mean)."""

    name: str | None
    code: str | None
    country: str | None
    events: int
    goldstein_mean: float | None


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """What the store says about one actor: names, documents, quotes, events as source and target."""

    query: str
    names: tuple[str, ...]
    codes: tuple[str, ...]
    documents: int
    mentions: int
    quotes: int
    as_source: QuadCounts
    as_target: QuadCounts
    goldstein_source_mean: float | None
    goldstein_target_mean: float | None
    counterparts: tuple[Counterpart, ...]
    top_quotes: tuple[QuoteRef, ...]
    recent_events: tuple[EventRef, ...]


@dataclass(frozen=True, slots=True)
class ActorCount:
    """One actor (name and code) with how many documents, quotes and events mention it."""

    name: str
    code: str | None
    country: str | None
    documents: int
    quotes: int
    events: int
