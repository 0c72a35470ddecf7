"""Event locations: where each act happened, from its own clause, else the article's dateline.

1. Clause. The event's trigger is the root of its evidence span. A place counts when it is
   the object of a locative preposition ("in Nairobi", "in eastern Congo", "at a meeting in
   Geneva") attached to the trigger, to the verb an event noun is the object of ("held talks
   in Geneva"), to the trigger's infinitive complement ("agreed to meet in Vienna") or to a
   subjectless participle clause of it ("Speaking in Geneva, ..."), or to its direct object
   ("signed an agreement in Geneva"; not for acts that comment on their object, "condemned the
   violence in Syria": ``about_object_codes`` in the data file); a place compound of an
   event noun ("the Luxembourg talks"); the destination of a visit or trip ("visit to Kyiv",
   "visited Kyiv"). The nearest such place to the trigger wins. A place that is the subject of
   the clause ("Moscow said") is an actor, never a location: only these positions are read.
2. Dateline. "MOSCOW, Dec 6 (Reuters) -" or "KYIV, Ukraine (AP) —" opening the text or one of
   its first paragraphs places every event that step 1 leaves unplaced, unless the event's
   sentence sets something in another country ("... no bond market in Saudi Arabia" under a
   BAHRAIN dateline): the dateline says where the reporter filed from, so such an event stays
   unplaced rather than placed where it may not have happened.
3. Otherwise the event has no location.

A name resolves among the gazetteer's places that bear it (``choose_place``): a qualifier
("Paris, Texas", the dateline's "BAHIA BLANCA, Argentina") narrows first; a country beats a
city of the same name; a US state beats a city of under 100,000 people; among cities one in a
country the document names wins unless a city elsewhere is twenty times larger; then the
largest. A city of 100,000 or more whose own name is the mention beats one that only lists it
among its other names ("New Delhi" is not Delhi). A name spaCy does not tag as a place (GPE, LOC, FAC) must resolve to a country, a
state or a city of 100,000 or more.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors_data import norm_key
from newsgraph.extract.doctext import doc_text
from newsgraph.extract.gazetteer import Gazetteer, Place
from newsgraph.records import Actor, Event, Location

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BIG_CITY = 100_000  # a city this large is what a bare name means, before a US state of that name
DOMINANT_RATIO = 20  # a city this many times larger than the document-country one is still the one meant
MAX_DEPTH = 2  # "at a meeting in Geneva": the place two nouns below the preposition
DATELINE_PARAGRAPHS = 3  # the title, a byline, then the first paragraph that may open with a dateline
# "MOSCOW, Dec 6 (Reuters) - ", "BAHIA BLANCA, Argentina, March 2 - ", "KYIV, Ukraine (AP) — ", "LONDON — "
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:\s*,\s*(?P<qualifier>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}))?"
    r"(?:\s*,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z][\w .&\-]{0,30}\)\s*)?"
    r"[-\u2013\u2014]{1,2}\s+(?=\S)"
)


@dataclasses.dataclass(frozen=True, slots=True)
class Dateline:
    """The article's dateline place, resolved."""

    place: Place
    text: str
    start: int
    end: int

    def location(self) -> Location:
        """The dateline as an event location."""
        return _location(self.place, self.text, self.start, self.end)


def locate_events(
    doc: Doc, events: Sequence[Event], actors: Sequence[Actor], gazetteer: Gazetteer
) -> tuple[Event, ...]:
    """Each event with ``location`` set where its clause, else the dateline, places it."""
    if not events:
        return tuple(events)
    named = {a.country for a in actors if a.country}
    dateline = find_dateline(doc_text(doc), named, gazetteer)
    if dateline is not None and dateline.place.country:
        named.add(dateline.place.country)
    found: dict[tuple[int, int, bool], Location | None] = {}
    abroad: dict[int, bool] = {}  # sentence start -> the sentence puts something in another country
    out = []
    for event in events:
        on_object = not event.code.startswith(gazetteer.cues.about_object_codes)
        key = (event.evidence.start, event.evidence.end, on_object)
        if key not in found:
            found[key] = clause_location(doc, key[:2], named, gazetteer, on_object=on_object)
        clause = found[key]
        if clause is not None and _is_actor_mention(clause, event, actors):
            clause = None
        location = clause
        if location is None and dateline is not None:
            sentence = _sentence(doc, key[:2])
            if sentence is not None and sentence.start not in abroad:
                abroad[sentence.start] = _places_abroad(sentence, dateline, named, gazetteer)
            if sentence is None or not abroad[sentence.start]:
                location = dateline.location()
        out.append(dataclasses.replace(event, location=location) if location != event.location else event)
    return tuple(out)


def find_dateline(text: str, named: set[str], gazetteer: Gazetteer) -> Dateline | None:
    """The place of a wire dateline opening the text or one of its first paragraphs, resolved."""
    offset = 0
    for paragraph in text.split("\n\n", DATELINE_PARAGRAPHS)[:DATELINE_PARAGRAPHS]:
        lead = len(paragraph) - len(paragraph.lstrip())
        m = DATELINE.match(paragraph, lead)
        # a title in capitals ("U.S. - JAPAN TRADE TALKS") is no dateline: a dateline opens running text
        if m and any(c.islower() for c in paragraph[m.end() : m.end() + 80]):
            name = m.group("place")
            qualifier = m.group("qualifier")
            place = choose_place(
                gazetteer.lookup(name), named, gazetteer, name=name, qualifier=qualifier, strict=True
            )
            if place is not None:
                start = offset + m.start("place")
                return Dateline(place, text[start : start + len(name)], start, start + len(name))
        offset += len(paragraph) + 2
    return None


def clause_location(
    doc: Doc, evidence: tuple[int, int], named: set[str], gazetteer: Gazetteer, *, on_object: bool = True
) -> Location | None:
    """The nearest place the event's own clause puts it in, or None; ``on_object`` reads the trigger's object too."""
    span = doc.char_span(evidence[0], evidence[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    trigger = span.root
    cues = gazetteer.cues
    phrases: list[tuple[Token, str]] = []  # (the phrase's head, the preposition that introduces it or "")
    anchors = _anchors(trigger)
    objects = [c for c in trigger.children if c.dep_ == "dobj"] if on_object else []
    for anchor in anchors + objects:
        for child in anchor.children:
            if child.dep_ == "prep" and (
                child.lower_ in cues.locative_preps
                or (child.lower_ in cues.destination_preps and anchor.lemma_.lower() in cues.destination_lemmas)
            ):
                phrases.extend((c, child.lower_) for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "dobj" and anchor.pos_ == "VERB" and anchor.lemma_.lower() in cues.destination_lemmas:
                phrases.append((child, ""))
            elif (
                child.dep_ in ("compound", "nmod") and anchor is trigger and anchor.pos_ == "NOUN"
                and child.ent_type_ in PLACE_LABELS
            ):  # fmt: skip
                # "the Geneva talks": only on the event noun itself ("U.S. leadership", "Nigel Lawson" are no places)
                phrases.append((child, ""))
    for head, prep in sorted(phrases, key=lambda p: abs(p[0].i - trigger.i)):
        location = _phrase_place(head, prep, named, gazetteer, 0)
        if location is not None:
            return location
    return None


def choose_place(
    places: Iterable[Place],
    named: set[str],
    gazetteer: Gazetteer,
    *,
    name: str | None = None,
    qualifier: str | None = None,
    strict: bool = False,
) -> Place | None:
    """The place a name means: see the module docstring. ``strict`` drops small towns of unnamed countries."""
    candidates = list(places)
    if qualifier:
        narrowing = {(q.country, q.admin1 if q.kind == "state" else None) for q in gazetteer.lookup(qualifier)}
        narrowed = [
            p for p in candidates
            if (p.country, None) in narrowing or (p.iso2 == "US" and ("USA", p.admin1) in narrowing)
        ]  # fmt: skip
        candidates = narrowed or candidates
    if not candidates:
        return None
    countries = [p for p in candidates if p.kind == "country"]
    states = [p for p in candidates if p.kind == "state"]
    cities = [p for p in candidates if p.kind == "city"]
    if countries:
        in_doc = [p for p in countries if p.country in named]
        if in_doc:
            return max(in_doc, key=lambda p: p.population)
        if not (states and "USA" in named):  # "Georgia" in a US story is the state
            return max(countries, key=lambda p: p.population)
    city = _best_city(cities, named, name)
    if city is not None and (city.population >= BIG_CITY or not states):
        if strict and city.population < BIG_CITY and city.country not in named:
            return None
        return city
    return states[0] if states else city


def _best_city(cities: list[Place], named: set[str], name: str | None) -> Place | None:
    if not cities:
        return None
    # "New Delhi" is New Delhi, although Delhi, ten times larger, lists it among its other names
    exact = [p for p in cities if name and norm_key(p.name) == norm_key(name) and p.population >= BIG_CITY]
    cities = exact or cities
    largest = max(cities, key=lambda p: p.population)
    local = [p for p in cities if p.country in named]
    if not local:
        return largest
    best_local = max(local, key=lambda p: p.population)
    return largest if largest.population > DOMINANT_RATIO * max(best_local.population, 1) else best_local


def _sentence(doc: Doc, evidence: tuple[int, int]) -> Span | None:
    span = doc.char_span(evidence[0], evidence[1], alignment_mode="expand")
    return span.root.sent if span is not None and len(span) else None


def _places_abroad(sentence: Span, dateline: Dateline, named: set[str], gazetteer: Gazetteer) -> bool:
    """The sentence sets something in another country than the dateline's ("in Saudi Arabia"): the dateline
    is where the reporter filed from, and the sentence's acts may be elsewhere, so it places none of them."""
    for token in sentence:
        if token.dep_ == "pobj" and token.head.lower_ in gazetteer.cues.locative_preps:
            location = _token_place(token, named, gazetteer)
            if location is not None and location.country != dateline.place.country:
                return True
    return False


def _anchors(trigger: Token) -> list[Token]:
    """The tokens whose locative phrases belong to the event's clause."""
    anchors = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "held talks in Geneva", "came for talks in Geneva": the place hangs on the governing verb
        head = trigger.head
        if trigger.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        governed = trigger.dep_ in ("dobj", "pobj", "attr", "nsubjpass")
        if head is not trigger and head.pos_ in ("VERB", "AUX") and governed:
            anchors.append(head)
    for anchor in list(anchors):
        for child in anchor.children:
            participle = child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN")
            if child.dep_ == "xcomp" or (participle and not any(c.dep_.startswith("nsubj") for c in child.children)):
                anchors.append(child)
    return anchors


def _phrase_place(token: Token, prep: str, named: set[str], gazetteer: Gazetteer, depth: int) -> Location | None:
    """The place this phrase names, or one a noun or two below it ("a meeting in Geneva")."""
    location = _token_place(token, named, gazetteer)
    if location is not None or depth >= MAX_DEPTH:
        return location
    cues = gazetteer.cues
    for child in token.children:
        if child.dep_ not in cues.nested_deps:
            continue
        if child.dep_ == "prep":
            if child.lower_ not in cues.nested_preps:
                continue
            nested = [(c, child.lower_) for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("compound", "nmod"):
            # "at the Geneva summit" is in Geneva; "in the Iran arms affair" is not in Iran
            if prep not in cues.compound_preps or child.ent_type_ not in PLACE_LABELS:
                continue
            nested = [(child, prep)]
        else:
            nested = [(child, prep)]
        for head, by in nested:
            found = _phrase_place(head, by, named, gazetteer, depth + 1)
            if found is not None:
                return found
    return None


def _token_place(token: Token, named: set[str], gazetteer: Gazetteer) -> Location | None:
    """The gazetteer place this token's name means, with the mention's span, or None."""
    cues = gazetteer.cues
    doc = token.doc
    entity = _entity(token)
    if entity is not None and token.ent_type_ in PLACE_LABELS:
        name_span, tagged = entity, True
    elif token.pos_ == "PROPN" or (token.lower_ in cues.region_nouns and _compounds(token)):
        name_span, tagged = _compound_span(token), False
    else:
        return None
    words = [t for t in name_span if not (t.i == name_span.start and t.lower_ == "the")]
    if not words:
        return None
    lookups = [doc[words[0].i : words[-1].i + 1].text]
    if len(words) > 1 and words[-1].lower_ in cues.region_nouns:  # "the Donetsk region", "Idlib province"
        lookups.append(doc[words[0].i : words[-1].i].text)
    if len(words) > 1 and words[0].lower_ in cues.direction_words:  # "Eastern Ukraine" tagged whole
        lookups.append(doc[words[1].i : words[-1].i + 1].text)
    for text in lookups:
        place = choose_place(gazetteer.lookup(text), named, gazetteer, name=text, qualifier=_qualifier(words[-1]))
        if place is None:
            continue
        if not tagged and place.kind == "city" and place.population < BIG_CITY:
            return None  # an untagged capitalized word is a place only if it is a well-known one
        start = words[0]
        before = doc[start.i - 1] if start.i > 0 else None
        if before is not None and before.lower_ in cues.direction_words and before.head.i in {w.i for w in words}:
            start = before  # "eastern Congo": the mention keeps its direction word
        end = words[-1]
        return _location(place, doc_text(doc)[start.idx : end.idx + len(end.text)], start.idx, end.idx + len(end.text))
    return None


def _entity(token: Token) -> Span | None:
    """The named entity holding this token, read from the IOB tags around it (``doc.ents`` walks the whole Doc)."""
    if token.ent_iob_ == "O":
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _compounds(token: Token) -> list[Token]:
    return [c for c in token.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]


def _compound_span(token: Token) -> Span:
    """A proper name and its compound words before it ("New York", "Donetsk region")."""
    start = token.i
    for left in reversed(list(token.lefts)):
        if left.dep_ in ("compound", "nmod") and left.pos_ == "PROPN" and left.i == start - 1:
            start = left.i
    return token.doc[start : token.i + 1]


def _qualifier(last: Token) -> str | None:
    """'Paris, Texas': the name after a comma that narrows the place before it."""
    doc = last.doc
    after = doc[last.i + 2] if last.i + 2 < len(doc) else None
    if after is not None and doc[last.i + 1].text == "," and after.ent_type_ == "GPE" and after.ent_iob_ == "B":
        entity = _entity(after)
        return entity.text if entity is not None else None
    return None


def _location(place: Place, text: str, start: int, end: int) -> Location:
    return Location(
        name=text, country=place.country, lat=place.lat, lon=place.lon, feature=place.feature, start=start, end=end
    )


def _is_actor_mention(location: Location, event: Event, actors: Sequence[Actor]) -> bool:
    """The place is the mention of the event's own source: it acts, so it is not where the act happened."""
    source = next((a for a in actors if a.id == event.source), None) if event.source else None
    if source is None:
        return False
    return any(s <= location.start and location.end <= e for s, e in source.mentions)
