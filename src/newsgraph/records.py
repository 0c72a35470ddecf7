"""The records every stage shares: the Analysis contract of DESIGN.md.

All offsets are character offsets into the cleaned ``Document.text``, end exclusive.
Records are frozen and slotted; ``to_dict`` gives the JSON shape the CLI, the store,
the exports and the web page read, so field names here are the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]

ActorKind = Literal["person", "organization", "country", "group", "place"]
QuoteKind = Literal["direct", "mixed", "indirect"]
Modality = Literal["asserted", "negated", "planned", "hypothetical", "demanded", "reported"]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "planned", "hypothetical", "demanded", "reported")
#: Document ids: the 32-hex content hash, or a caller's id. No '/', no leading dot: never a path, and the
#: same in a URL path (`GET /documents/{id}`) as in the store, so ingest refuses any other id.
DOC_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"


@dataclass(frozen=True, slots=True)
class Document:
    """One cleaned article: the text every offset points into, and its metadata."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO date, or None when unknown
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organization, country, group or place, resolved to a CAMEO actor code."""

    id: str
    name: str
    code: str | None
    country: str | None
    role: str | None
    kind: ActorKind
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Attributed speech with its speaker and cue: direct (all inside quotation marks), mixed
    (reported speech containing quoted words, listed in ``quoted_spans``) or indirect (no marks)."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None  # actor id
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    quoted_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3 temporal expression, normalized against the published date."""

    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Amount:
    """A quantity with what it counts, and who claims it."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    claimant: str | None = None  # actor id
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened: the place mention, its country and coordinates (a gazetteer's)."""

    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    feature: str | None  # the gazetteer's feature id and type, e.g. "geonames:524901"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, CAMEO-coded, with modality, date, evidence span, confidence and place."""

    source: str | None  # actor id
    target: str | None  # actor id
    code: str
    label: str
    quad_class: int
    goldstein: float
    modality: Modality
    date: str | None
    evidence: Evidence
    confidence: float = 1.0  # 0..1, from the evidence that produced the event
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement and the actors who dispute it."""

    statement: Evidence
    claimant: str | None
    disputed_by: tuple[str, ...] = ()
    amount: float | None = None


@dataclass(frozen=True, slots=True)
class Tone:
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything newsgraph knows about one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    amounts: tuple[Amount, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    tone: Tone = field(default_factory=Tone)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md (tuples become lists)."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an Analysis from ``to_dict`` output (as read back from the store)."""
        d = data
        return cls(
            document=Document(**d["document"]),
            actors=tuple(
                Actor(**{**a, "mentions": tuple(tuple(m) for m in a["mentions"])}) for a in d.get("actors", [])
            ),
            quotes=tuple(
                Quote(
                    **{
                        **q,
                        "speaker_span": _span(q.get("speaker_span")),
                        "cue_span": _span(q.get("cue_span")),
                        "quoted_spans": tuple(_span(s) for s in q.get("quoted_spans", ())),
                    }
                )
                for q in d.get("quotes", [])
            ),
            dates=tuple(TimeExpression(**t) for t in d.get("dates", [])),
            amounts=tuple(Amount(**a) for a in d.get("amounts", [])),
            events=tuple(
                Event(
                    **{
                        **e,
                        "evidence": Evidence(**e["evidence"]),
                        "location": Location(**e["location"]) if e.get("location") else None,
                    }
                )
                for e in d.get("events", [])
            ),
            claims=tuple(
                Claim(
                    **{**c, "statement": Evidence(**c["statement"]), "disputed_by": tuple(c.get("disputed_by", ()))}
                )
                for c in d.get("claims", [])
            ),
            tone=Tone(**d.get("tone", {})),
        )


def _span(value: Any) -> Span | None:
    return None if value is None else (int(value[0]), int(value[1]))


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
