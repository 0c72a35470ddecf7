"""Unnamed speakers: a group or role that speaks without a name becomes the quote's actor.

"Oil prices rose, traders said", "Western diplomats said …", "a spokesman said …": the quote's
speaker phrase is right, but no actor names it — the actors stage codes a role noun only with
a country ("Japanese officials"), and many sourcing phrases ("industry sources", "dealers")
name none. This stage runs right after quotes, over the quotes' speaker phrases only:

1. A speaker phrase with no actor whose head noun is listed in ``speaker-groups-*.yaml``
   becomes an actor named as written ("Western diplomats", leading articles and counts left
   out). Its country is one the phrase itself names ("U.S. bankers": an actor mention inside
   it, which the quotes stage took for the speaker) or the place or person it is tied to by
   a preposition ("dealers in Tokyo", "an aide to X"; not where people posted abroad serve:
   "diplomats in Moscow"), else unknown — never another country of the sentence. Its role is
   the first modifier's ("military sources" MIL), else the noun's ("traders" BUS, "officials"
   GOV; a noun marked ``role_fixed`` keeps its own: "trade ministers" GOV). With neither a role
   nor a country ("sources said", "his colleagues") the actor is uncoded: the reader learns who
   spoke, and events never take it as a party (its id is passed to events as a voice). Plural
   phrases are groups, singular ones ("one dealer") persons, documents ("the communique said")
   organizations; a document whose possessor is a speaker noun is that possessor speaking ("a
   trade ministers' statement said": the trade ministers). People tied to an organization ("a spokesman for
   X", "officials of X") are that organization speaking, as the quotes stage reads "an X
   spokesman".
2. The same phrase again ("traders said … traders said") is the same actor; a definite one
   ("the official", "the sources") the latest earlier speaker with its head noun ("a visiting
   U.S. official said … the official said").
3. A speaker pronoun the quotes stage chained to such a speaker ("… said. They said …": the
   previous plural speaker) takes the new actor: the chain is the quotes stage's (the
   previous speaker of the pronoun's class within about two paragraphs); this stage only
   fills the actor that speaker lacked. A group named earlier in the pronoun's own sentence
   comes first ("Hong Kong traders welcomed it, though they added": those traders).

Why a stage after quotes and not part of actors: these phrases are actors only because they
speak. Made in the actors stage, every "analysts" or "sources" of the text would become an
uncoded actor that events, amounts and coreference pick up; here only speakers do. An actor
with no country has no CAMEO code: events treat it as no party (``events_emit``: a role with no
code is unusable, and ``analyze_doc`` passes every uncoded actor made here as a voice), so it
answers "who said what" without adding events with an unknown-country actor. Such an actor still
stops a later "they said" from falling to a country named nearby.
New actors get ids after the existing ones (ids are stable, not renumbered).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.data_files import load_yaml
from newsgraph.extract.actors_context import compose
from newsgraph.extract.function_words import FunctionWords
from newsgraph.records import Actor, ActorKind, Quote
from newsgraph.records import Span as CharSpan

SPEAKER_FILE = "speaker-groups-2026-12.yaml"
CONTEXT_FILE = "actor-context-2026-11.yaml"
_CHAIN_CHARS = 1500  # as quotes' chain: how far back "they said" still means the previous plural speaker
_LEADING_DEPS = frozenset({"det", "predet", "nummod"})  # "a spokesman", "One dealer", "some bankers": not the name
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "economists who", "a letter … that": the speaker phrase swallowed its clause's pronoun
_PLACE_KINDS = frozenset({"country", "place", "group"})  # mentions whose country a phrase takes as its own
_BELONG_TO = _PLACE_KINDS | {"organization", "person"}  # what people can be of: "aides to X", "X's advisers"


@dataclass(frozen=True, slots=True)
class SpeakerGroups:
    """The unnamed-speaker nouns, sector modifiers and affiliation prepositions, loaded once."""

    nouns: dict[str, str | None]  # head lemma -> CAMEO role (None: the noun names no sector)
    documents: frozenset[str]  # nouns naming a text that speaks for its issuer ("the communique said")
    modifiers: dict[str, str]  # lower-case modifier -> CAMEO role
    affiliation_preps: frozenset[str]
    definite: frozenset[str]  # "the", "these": a phrase that points back at one named before
    pronoun_kinds: dict[str, frozenset[str]]  # the quotes stage's speaker pronouns and their kinds
    version: str = ""
    posted_abroad: frozenset[str] = frozenset()  # "diplomats in Moscow": the place is where they serve, not whose
    locative_preps: frozenset[str] = frozenset()
    fixed: frozenset[str] = frozenset()  # nouns whose own role no modifier changes ("trade ministers" GOV)

    @classmethod
    def load(cls, words: FunctionWords, pronoun_kinds: dict[str, frozenset[str]]) -> SpeakerGroups:
        """Read ``speaker-groups-*.yaml``; the pronouns are the quote cues' (one list for both stages)."""
        raw = load_yaml(SPEAKER_FILE)
        context = load_yaml(CONTEXT_FILE)  # the actor stage's lists: one list of posted nouns for both stages
        return cls(
            nouns={str(n["lemma"]): n.get("role") for n in raw["nouns"]},
            documents=frozenset(str(n["lemma"]) for n in raw["nouns"] if n.get("document")),
            fixed=frozenset(str(n["lemma"]) for n in raw["nouns"] if n.get("role_fixed")),
            modifiers={str(m["word"]): str(m["role"]) for m in raw["modifiers"]},
            affiliation_preps=frozenset(str(p["word"]) for p in raw["affiliation_preps"]),
            definite=words.definite_articles | words.demonstrative_words(),
            pronoun_kinds=pronoun_kinds,
            version=str(raw.get("version", "")),
            posted_abroad=frozenset(str(w).lower() for w in context["posted_abroad"]),
            locative_preps=frozenset(str(w).lower() for w in context["locative_prepositions"]),
        )


@dataclass(frozen=True, slots=True)
class _Mentions:
    """Every actor mention sorted by start: which actor a token is part of, one bisect per look-up."""

    starts: tuple[int, ...]
    mentions: tuple[tuple[int, int, Actor], ...]

    @classmethod
    def build(cls, actors: Sequence[Actor]) -> _Mentions:
        found = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda m: (m[0], m[1]))
        return cls(tuple(m[0] for m in found), tuple(found))

    def at(self, tok: Token) -> Actor | None:
        """The actor with a mention covering ``tok`` (the latest-starting one)."""
        i = bisect_right(self.starts, tok.idx)
        for k in range(i - 1, max(-1, i - 8), -1):  # mentions nest at most a few deep
            s, e, actor = self.mentions[k]
            if s <= tok.idx < e:
                return actor
        return None

    def named_before(self, tok: Token, kind: str) -> Actor | None:
        """The latest actor of ``kind`` named earlier in ``tok``'s sentence ("Hong Kong traders
        welcomed it, though they added"): the nearer one, not the previous speaker, is "they"."""
        sent = tok.sent.start_char
        for k in range(bisect_right(self.starts, tok.idx) - 1, -1, -1):
            s, _e, actor = self.mentions[k]
            if s < sent:
                return None
            if actor.kind == kind:
                return actor
        return None


def speaker_actors(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote], data: SpeakerGroups
) -> tuple[list[Actor], list[Quote]]:
    """The actors with the unnamed speakers added, and the quotes with those speakers linked."""
    index = _Mentions.build(actors)
    state = _State({a.id: a for a in actors}, len(actors))
    out: list[Quote] = []
    for q in quotes:
        head = _head(doc, q.speaker_span)
        if head is None or q.speaker_span is None:
            out.append(q)
            continue
        phrase_span = _possessor(head, data) if q.speaker is None else None
        if phrase_span is not None:  # "a trade ministers' statement said": the ministers speak
            head, span = phrase_span
        else:
            span = q.speaker_span
        pronoun = data.pronoun_kinds.get(head.lower_)
        classes = _classes(head, pronoun, q.speaker is not None)
        lemma = head.lemma_.lower()
        filled: str | None = None  # the actor this stage gives the quote
        if q.speaker is None and pronoun is not None:
            filled = state.chained(classes[0], head, index)
        elif lemma in data.nouns and (q.speaker is None or _modifier_only(head, q.speaker, index)):
            filled = state.unnamed(doc, head, span, index, data)
        if pronoun is None and (filled or q.speaker):
            state.by_lemma[lemma] = filled or q.speaker or ""
        for c in classes:  # an actor continues its own class only ("a spokesman" is no "it")
            fits = filled is not None and c == _class_of(state.actors[filled])
            state.last[c] = (head.idx, filled if fits else None)
        if filled is not None:
            if pronoun is None and filled in state.made:
                actor = state.actors[filled]
                state.actors[filled] = replace(actor, mentions=tuple(sorted({*actor.mentions, span})))
            q = replace(q, speaker=filled)
        out.append(q)
    return [*actors, *(state.actors[i] for i in state.made)], out


@dataclass(slots=True)
class _State:
    """What one pass over a document's quotes has learnt: the actors, those it made, the chains."""

    actors: dict[str, Actor]  # every actor by id, the new ones included
    taken: int  # actors before this stage (new ids follow)
    made: list[str] = field(default_factory=list)  # ids of the actors made here, in order of first speech
    by_key: dict[tuple[str, str | None, str], str] = field(default_factory=dict)  # (name, code, kind) -> id
    by_lemma: dict[str, str] = field(default_factory=dict)  # a speaker phrase's head lemma -> its latest actor
    last: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # class -> (where, actor filled here)

    def chained(self, cls: str, head: Token, index: _Mentions) -> str | None:
        """The actor of the previous speaker of this pronoun's class, when this stage gave it one
        (the quotes stage chained the pronoun to that speaker and left it without an actor)."""
        nearer = index.named_before(head, "group") if cls == "plural" else None
        if nearer is not None:
            return nearer.id  # "Hong Kong traders welcomed it, though they added": the group of the sentence
        prev = self.last.get(cls)
        if prev is None or prev[1] is None or head.idx - prev[0] > _CHAIN_CHARS:
            return None
        return prev[1]

    def unnamed(self, doc: Doc, head: Token, span: CharSpan, index: _Mentions, data: SpeakerGroups) -> str | None:
        """The actor an unnamed speaker phrase names: its organization, the one a definite phrase
        points back at, or a group or person made here (None: neither a role nor a country)."""
        phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
        if phrase is None:
            return None
        affiliated = _affiliation(head, index, data)
        if affiliated is not None and affiliated.kind == "organization":
            return affiliated.id  # "a spokesman for X", "officials of X": X speaks, as "an X spokesman" does
        lemma = head.lemma_.lower()
        words = [t for t in phrase if t.i != head.i]
        if lemma in self.by_lemma and any(t.dep_ == "det" and t.lower_ in data.definite for t in words):
            return self.by_lemma[lemma]  # "a senior official said … the official said"
        country = next((c for c in (_country(index.at(t)) for t in words) if c), None)
        if country is None and affiliated is not None and not _posted_there(head, data):
            country = _country(affiliated)  # "dealers in Tokyo"; not "diplomats in Moscow"
        modified = None if lemma in data.fixed else next((data.modifiers[t.lower_] for t in words if t.lower_ in data.modifiers), None)
        role = modified or data.nouns[lemma]
        kind: ActorKind = (
            "organization" if lemma in data.documents else "group" if head.tag_ in _PLURAL_TAGS else "person"
        )
        name = " ".join(_name(phrase).split())
        code = compose(country, role) if country else None
        key = (name.lower(), code, kind)
        if key not in self.by_key:
            aid = f"a{self.taken + len(self.made) + 1}"
            self.actors[aid] = Actor(id=aid, name=name, code=code, country=country, role=role, kind=kind)
            self.made.append(aid)
            self.by_key[key] = aid
        return self.by_key[key]


def _class_of(actor: Actor) -> str:
    """The speaker class whose pronoun refers back to an actor: "they" a group, "he"/"she" a person, "it" the rest."""
    return "plural" if actor.kind == "group" else "person" if actor.kind == "person" else "thing"


def _modifier_only(head: Token, speaker: str, index: _Mentions) -> bool:
    """The speaker is a country named only as a modifier of the phrase ("U.S." in "U.S. bankers"):
    the people speak, the country is theirs."""
    return index.at(head) is None and any(
        a.id == speaker and a.kind in _PLACE_KINDS for a in (index.at(t) for t in head.lefts) if a is not None
    )


def _possessor(head: Token, data: SpeakerGroups) -> tuple[Token, CharSpan] | None:
    """The people whose document speaks ("a trade ministers' statement said": the trade ministers),
    when the possessor of a document noun is itself a speaker noun; its head and its span."""
    if head.lemma_.lower() not in data.documents:
        return None
    owner = next((c for c in head.lefts if c.dep_ == "poss" and c.lemma_.lower() in data.nouns), None)
    if owner is None:
        return None
    words = [t for t in owner.subtree if t.dep_ != "case"]
    return owner, (words[0].idx, words[-1].idx + len(words[-1]))


def _head(doc: Doc, span: CharSpan | None) -> Token | None:
    if span is None:
        return None
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    return phrase.root if phrase is not None and len(phrase) else None


def _classes(head: Token, pronoun: frozenset[str] | None, named: bool) -> tuple[str, ...]:
    """The speaker classes a phrase continues, as the quotes stage chains them: person, plural, thing."""
    if pronoun is not None:
        return ("person",) if pronoun == {"person"} else ("plural",) if "person" in pronoun else ("thing",)
    if head.tag_ in _PLURAL_TAGS:
        return ("plural",)
    return ("person", "thing") if not named else ("person",) if head.ent_type_ == "PERSON" else ("thing",)


def _affiliation(head: Token, index: _Mentions, data: SpeakerGroups) -> Actor | None:
    """The organization, place or person the people belong to: "a spokesman for X", "dealers in Tokyo",
    "an aide to X"."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in data.affiliation_preps:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = index.at(obj) if obj is not None else None
            if found is not None and found.kind in _BELONG_TO:
                return found
    return None


def _posted_there(head: Token, data: SpeakerGroups) -> bool:
    """People posted abroad tied to a place by a locative preposition ("diplomats in Moscow"): it says where
    they serve, not whose they are."""
    if head.lemma_.lower() not in data.posted_abroad and head.lower_ not in data.posted_abroad:
        return False
    return any(c.dep_ == "prep" and c.lower_ in data.locative_preps for c in head.rights)


def _country(actor: Actor | None) -> str | None:
    """The country an actor in or tied to a phrase gives it ("U.S." in "U.S. bankers", X in "an aide to X")."""
    if actor is None or actor.kind not in _BELONG_TO:
        return None
    return actor.country or (actor.code[:3] if actor.code and len(actor.code) >= 3 else None)


def _name(phrase: Span) -> str:
    """The phrase as written, without its leading article or count ("a spokesman": "spokesman") and
    without a relative pronoun it ends in ("some economists who": "economists")."""
    start, end = phrase.start, phrase.end
    while start < end - 1 and phrase.doc[start].dep_ in _LEADING_DEPS:
        start += 1
    while end - 1 > start and phrase.doc[end - 1].tag_ in _RELATIVE_TAGS:
        end -= 1
    return phrase.doc[start:end].text
