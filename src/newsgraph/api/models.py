"""Request and response shapes of the HTTP API: the Analysis contract of DESIGN.md as pydantic models.

They exist so that `/openapi.json` describes every field the web page and clients read;
the store and the pipeline keep using the frozen dataclasses of `newsgraph.records`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.query.analytics import DocumentRef, DyadPoint, QuoteRef
from newsgraph.query.lists import Rows
from newsgraph.records import DOC_ID_PATTERN  # re-exported: the API's routes validate ids with it
#: CAMEO actor codes (RUS, RUSGOV, IGOWSTNAT) and ISO alpha-3 countries.
CODE_PATTERN = r"^[A-Z0-9]{3,24}$"
#: CAMEO event codes ("111", "0231") and roots ("11").
EVENT_CODE_PATTERN = r"^[0-9]{2,4}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentModel(_Model):
    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str = "en"
    text: str


class ActorModel(_Model):
    id: str
    name: str
    code: str | None = None
    country: str | None = None
    role: str | None = None
    kind: str
    mentions: list[list[int]] = []


class QuoteModel(_Model):
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_span: list[int] | None = None
    cue: str | None = None
    cue_span: list[int] | None = None
    quoted_spans: list[list[int]] = []


class DateModel(_Model):
    text: str
    start: int
    end: int
    type: str
    value: str | None = None
    approximate: bool = False


class AmountModel(_Model):
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    claimant: str | None = None
    approximate: bool = False


class EvidenceModel(_Model):
    start: int
    end: int


class LocationModel(_Model):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    start: int
    end: int


class EventModel(_Model):
    source: str | None = None
    target: str | None = None
    code: str
    label: str
    quad_class: int
    goldstein: float
    modality: str
    date: str | None = None
    evidence: EvidenceModel
    confidence: float = 1.0
    location: LocationModel | None = None


class ClaimModel(_Model):
    statement: EvidenceModel
    claimant: str | None = None
    disputed_by: list[str] = []
    amount: float | None = None


class ToneModel(_Model):
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0


class AnalysisModel(_Model):
    """One document and everything extracted from it (offsets into ``document.text``)."""

    document: DocumentModel
    actors: list[ActorModel] = []
    quotes: list[QuoteModel] = []
    dates: list[DateModel] = []
    amounts: list[AmountModel] = []
    events: list[EventModel] = []
    claims: list[ClaimModel] = []
    tone: ToneModel = ToneModel()


ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """One page of a listing; ``next_offset`` is null on the last page; ``total`` is given where it is cheap."""

    limit: int
    offset: int
    next_offset: int | None = None
    total: int | None = None
    items: list[ItemT]


class ActorRow(BaseModel):
    """An actor across documents: one name and code, how many documents and mentions."""

    name: str | None
    code: str | None
    country: str | None
    role: str | None
    kind: str | None
    documents: int
    mentions: int


class DyadRow(BaseModel):
    """A country pair (a < b) with its event and article counts, mean Goldstein and first and last day."""

    a: str
    b: str
    events: int
    articles: int
    goldstein_mean: float | None
    first_day: str | None
    last_day: str | None


class StoryRow(BaseModel):
    """A story: its id (the first stored article of it), how many articles, when, and the first title."""

    story_id: str
    documents: int
    first_published: str | None
    last_published: str | None
    title: str | None
    events: int  # the story's events counted once each (story_events), however many articles tell them


def page_of(rows: Rows, limit: int, offset: int) -> dict[str, Any]:
    """A page (the shape of `Page`) of a listing that knows its total."""
    next_offset = offset + limit if offset + limit < rows.total else None
    return {"limit": limit, "offset": offset, "next_offset": next_offset, "total": rows.total, "items": rows.items}


class SearchResult(BaseModel):
    """Articles and quotes containing the words of ``q``."""

    q: str
    documents: list[DocumentRef]
    quotes: list[QuoteRef]


class Story(BaseModel):
    """The articles of one story and its events, one row per (actors, CAMEO root, day) as in GDELT."""

    story_id: str
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]


class DyadSeries(BaseModel):
    """A country pair's events per period; ``filled`` says whether empty periods are included as zeros."""

    a: str
    b: str
    by: str
    directed: bool
    filled: bool
    points: list[DyadPoint]


class ErrorBody(BaseModel):
    """Every error: the HTTP status and one readable message (details for validation errors)."""

    status: int
    message: str
    details: list[dict[str, Any]] | None = None


class AnalyzeRequest(_Model):
    """One article for `POST /analyze` or `POST /documents`: plain text or HTML, with optional metadata."""

    text: str | None = Field(default=None, description="Plain article text (page furniture is cleaned away).")
    html: str | None = Field(default=None, description="A whole HTML page; the article is extracted.")
    published: date | None = Field(default=None, description="Publication date YYYY-MM-DD; resolves relative dates.")
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    id: str | None = Field(default=None, pattern=DOC_ID_PATTERN)


class IngestRequest(_Model):
    """Articles to analyze and store (`POST /documents`, token required)."""

    documents: list[AnalyzeRequest] = Field(min_length=1, max_length=100)


class IngestResult(BaseModel):
    written: int
    skipped: int
    ids: list[str]
    problems: list[str]


Modality = Literal["asserted", "negated", "planned", "hypothetical", "demanded", "reported"]
