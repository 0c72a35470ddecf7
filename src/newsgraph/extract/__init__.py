"""Extraction: one spaCy parse in, one Analysis out.

The order is the data flow of DESIGN.md: actors first (everything else points at them),
then dates and quotes, the unnamed speakers (``speakers``: "traders said", "Western diplomats
said" — a group or role that speaks becomes an actor; a small stage right after quotes
rather than part of actors, because these phrases are actors only as speakers: made there,
every "analysts" of the text would be an uncoded actor for events and coreference), amounts, claims (which need quotes and amounts), events (which
read claims for the `reported` modality), the events' locations, and tone. Each extractor is a pure function
over the Doc and the records before it; its reference data is loaded once into
`Knowledge` and passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.amounts import AmountData, extract_amounts
from newsgraph.extract.claims import ClaimData, extract_claims
from newsgraph.extract.dates import DateRules, extract_dates
from newsgraph.extract.events import EventData, extract_events
from newsgraph.extract.function_words import FunctionWords
from newsgraph.extract.gazetteer import Gazetteer, load_gazetteer
from newsgraph.extract.places import locate_events
from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.extract.speakers import SpeakerGroups, speaker_actors
from newsgraph.extract.tone import ToneLexicon, extract_tone
from newsgraph.records import Analysis, Document


@dataclass(frozen=True, slots=True)
class Knowledge:
    """All reference data the extractors read, loaded once per process."""

    words: FunctionWords  # shared by several stages, handed to their data classes
    actors: ActorData
    dates: DateRules
    quotes: QuoteCues
    speakers: SpeakerGroups
    amounts: AmountData
    claims: ClaimData
    events: EventData
    tone: ToneLexicon
    places: Gazetteer  # read once per process (``load_gazetteer``), only by commands that analyze

    @classmethod
    def load(cls, nlp: Language) -> Knowledge:
        """Load the packaged reference data (``newsgraph/data/``); matchers share ``nlp.vocab``."""
        words = FunctionWords.load()
        amounts = AmountData.load(nlp, words)
        quotes = QuoteCues.load(nlp, words)
        return cls(
            words=words,
            actors=ActorData.load(nlp, words),
            dates=DateRules.load(nlp, function_words=words),
            quotes=quotes,
            speakers=SpeakerGroups.load(words, quotes.pronoun_kinds),
            amounts=amounts,
            claims=ClaimData.load(nlp, amounts, words),
            events=EventData.load(nlp),
            tone=ToneLexicon.load(nlp),
            places=load_gazetteer(),
        )


def analyze_doc(doc: Doc, document: Document, knowledge: Knowledge) -> Analysis:
    """Run every extractor over one parsed document."""
    published = date.fromisoformat(document.published) if document.published else None
    actors = extract_actors(doc, published, knowledge.actors)
    dates = extract_dates(doc, published, knowledge.dates)
    quotes = extract_quotes(doc, actors, knowledge.quotes)
    known = len(actors)
    actors, quotes = speaker_actors(doc, actors, quotes, knowledge.speakers)
    # an unnamed speaker with no CAMEO code ("sources said", "traders said") tells who spoke and is no party to an event
    voices = frozenset(a.id for a in actors[known:] if not a.code)
    amounts = extract_amounts(doc, actors, quotes, dates, knowledge.amounts)
    claims = extract_claims(doc, actors, quotes, amounts, knowledge.claims)
    events = extract_events(doc, actors, quotes, dates, claims, published, knowledge.events, voices)
    events = locate_events(doc, events, actors, knowledge.places)
    tone = extract_tone(doc, knowledge.tone)
    return Analysis(
        document=document,
        actors=tuple(actors),
        quotes=tuple(quotes),
        dates=tuple(dates),
        amounts=tuple(amounts),
        events=tuple(events),
        claims=tuple(claims),
        tone=tone,
    )
