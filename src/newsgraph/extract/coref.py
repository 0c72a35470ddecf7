"""Coreference helpers shared by the quote, event and claim extractors.

``actor_at`` maps a character span to the actor mentioned there; ``resolve_pronoun``
maps a pronoun or a role noun ("he", "its", "the spokesman") to the actor it most likely
refers to. Both read only the Doc and the actors already extracted; the words they point back
with (``CorefWords``) are data: pronouns from the function words, role nouns from
``coref-2026-12.yaml`` with the agents file's roles, country nouns from the actor context file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.data_files import load_yaml
from newsgraph.extract.doctext import doc_text, sentences
from newsgraph.extract.function_words import FunctionWords
from newsgraph.extract.quotes_marks import find_passages
from newsgraph.records import Actor

DATA_FILE = "coref-2026-12.yaml"
AGENTS_FILE = "agents-2026-11.yaml"
CONTEXT_FILE = "actor-context-2026-11.yaml"  # its country_nouns: "the country" points back at a country


@dataclass(frozen=True, slots=True)
class CorefWords:
    """The words a pronoun or definite noun phrase points back with, by the kind of actor it accepts."""

    person_pronouns: frozenset[str]  # he, she and their forms: a person
    thing_pronouns: frozenset[str]  # it, its, itself: a country or organization
    plural_pronouns: frozenset[str]  # they and its forms: a group, country or organization
    role_nouns: Mapping[str, str]  # "spokesman" -> its CAMEO role in the agents file
    country_nouns: frozenset[str]  # "the country", as the actor stage reads it

    @classmethod
    def load(cls, function_words: FunctionWords | None = None) -> CorefWords:
        """Pronouns from the function words, role nouns from ``coref-2026-12.yaml`` with their roles from the
        agents file, country nouns from the actor context file."""
        fw = FunctionWords.load() if function_words is None else function_words
        raw = load_yaml(DATA_FILE)
        roles = {str(a["phrase"]): str(a["role"]) for a in load_yaml(AGENTS_FILE)["agents"]}
        missing = [w for w in raw["role_nouns"]["words"] if w not in roles]
        if missing:
            raise ValueError(f"{DATA_FILE}: role nouns with no entry in {AGENTS_FILE}: {missing}")
        return cls(
            person_pronouns=fw.pronoun_words(person=3, number="singular", gender="masculine")
            | fw.pronoun_words(person=3, number="singular", gender="feminine"),
            thing_pronouns=fw.pronoun_words(person=3, gender="neuter"),
            plural_pronouns=fw.pronoun_words(person=3, number="plural"),
            role_nouns={str(w): roles[w] for w in raw["role_nouns"]["words"]},
            country_nouns=frozenset(str(w).lower() for w in load_yaml(CONTEXT_FILE)["country_nouns"]),
        )


@lru_cache(maxsize=1)
def coref_words() -> CorefWords:
    """The packaged coreference words, read once per process (the stages that resolve pronouns share them)."""
    return CorefWords.load()


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_WINDOW_SENTENCES = 3
_CACHE_KEY = "newsgraph.coref"


def actor_at(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end), the longest overlap winning."""
    best: Actor | None = None
    best_overlap = 0
    for actor in actors:
        for m_start, m_end in actor.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap or (overlap == best_overlap and overlap > 0 and best is None):
                best, best_overlap = actor, overlap
    return best


@dataclass(frozen=True, slots=True)
class _MentionInfo:
    """One actor mention with the parse facts the resolver ranks by, computed once per document."""

    start: int
    end: int
    actor: Actor
    subject: bool  # its root is a subject
    main: bool  # ... of the main clause
    adjective: bool  # its root is an adjective ("Russian attacks")
    quoted: bool  # it stands inside quotation marks


@dataclass(frozen=True, slots=True)
class CorefIndex:
    """Per-document state for resolving pronouns: mentions, quotation spans and sentence starts, built once."""

    doc: Doc
    actors: tuple[Actor, ...]
    mentions: tuple[_MentionInfo, ...]  # in actor order, then mention order (ties go to the earlier actor)
    quoted: tuple[tuple[int, int], ...]
    words: CorefWords

    @classmethod
    def build(cls, doc: Doc, actors: Sequence[Actor], words: CorefWords | None = None) -> CorefIndex:
        """Index the document once; each later ``resolve`` costs one pass over the mentions."""
        quoted = tuple(_quoted_spans(doc_text(doc)))
        infos: list[_MentionInfo] = []
        for actor in actors:
            for start, end in actor.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                root = span.root if span is not None else None
                subject = root is not None and root.dep_ in _SUBJECT_DEPS
                infos.append(
                    _MentionInfo(
                        start,
                        end,
                        actor,
                        subject,
                        subject and root is not None and root.head.dep_ == "ROOT",
                        root is not None and root.pos_ == "ADJ",
                        _inside(quoted, start),
                    )
                )
        return cls(doc, tuple(actors), tuple(infos), quoted, coref_words() if words is None else words)

    def resolve(self, token_i: int) -> Actor | None:
        """The actor a pronoun or role noun at ``doc[token_i]`` refers to, or None."""
        doc, actors, words = self.doc, self.actors, self.words
        token = doc[token_i]
        word = token.text.lower()  # not lower_: hand-built Docs may lack lexical attributes
        if word in words.person_pronouns:
            return self._nearest(token, lambda a: a.kind == "person")
        if word in words.thing_pronouns:
            return self._nearest(token, lambda a: a.kind in ("country", "organization"))
        if word in words.plural_pronouns:
            return self._nearest(token, lambda a: a.kind in ("group", "country", "organization"))
        lemma = (token.lemma_ or token.text).lower()
        if lemma in words.country_nouns:
            # "the country" points back at a country named as a noun, not at an adjective ("Russian attacks").
            return self._nearest(token, lambda a: a.kind == "country", prefer_subjects=False, nouns_only=True)
        role = words.role_nouns.get(lemma)
        if role is None or token.tag_ in ("NNS", "NNPS"):
            return None  # "the two presidents" is no one person
        named = _titled(doc, token, actors)
        if named is not None:
            return named  # "spokesman" in "government spokesman Dmitri Peskov"
        return self._nearest(token, lambda a: a.kind == "person" and a.role == role, prefer_subjects=False)

    def _nearest(  # type: ignore[no-untyped-def]
        self, token: Token, accept, prefer_subjects: bool = True, nouns_only: bool = False
    ) -> Actor | None:
        """The latest accepted mention before ``token`` within a few sentences.

        With ``prefer_subjects``, subjects of a main clause win over other subjects, which win
        over any mention; an unquoted pronoun never points into a quotation ("..., he says"
        is the quoted speaker, not someone the quote names).
        """
        window = _window_start(self.doc, token)
        outside = not _inside(self.quoted, token.idx)
        best: tuple[int, int, int, Actor] | None = None
        for m in self.mentions:
            if m.end > token.idx or m.start < window or m.start <= token.idx < m.end:
                continue
            if (outside and m.quoted) or (nouns_only and m.adjective) or not accept(m.actor):
                continue
            main, sub = (int(m.main), int(m.subject)) if prefer_subjects else (0, 0)
            score = (main, sub, m.start)
            if best is None or score > best[:3]:
                best = (main, sub, m.start, m.actor)
        return None if best is None else best[3]


def resolve_pronoun(doc: Doc, token_i: int, actors: Sequence[Actor]) -> Actor | None:
    """The actor a pronoun or role noun at ``doc[token_i]`` refers to, or None."""
    return coref_index(doc, actors).resolve(token_i)


def coref_index(doc: Doc, actors: Sequence[Actor]) -> CorefIndex:
    """The document's CorefIndex for these actors, built on the first call and kept on the Doc.

    Quotes, amounts and events all resolve pronouns over the same Doc and actors: rebuilding the
    index per pronoun re-joined the whole text (``Doc.text``) every time. The cache lives in
    ``doc.user_data`` (per document, never module state); other actors build a fresh index.
    """
    cached = doc.user_data.get(_CACHE_KEY)
    if isinstance(cached, CorefIndex) and (cached.actors is actors or cached.actors == tuple(actors)):
        return cached
    index = CorefIndex.build(doc, actors)
    doc.user_data[_CACHE_KEY] = index
    return index


def _titled(doc: Doc, token: Token, actors: Sequence[Actor]) -> Actor | None:
    """The person a title noun belongs to: itself part of the mention, or modifying / apposed to it."""
    for candidate in (token, token.head):
        if candidate is not token and token.dep_ not in ("compound", "appos"):
            continue
        found = actor_at(actors, candidate.idx, candidate.idx + len(candidate.text))
        if found is not None and found.kind == "person":
            return found
    for child in token.children:
        if child.dep_ == "appos":
            found = actor_at(actors, child.idx, child.idx + len(child.text))
            if found is not None and found.kind == "person":
                return found
    return None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, as the quote extractor reads them (curly and
    straight marks, apostrophes printed as double marks left out)."""
    return [(p.start, p.end) for p in find_passages(text)]


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in spans)


def _window_start(doc: Doc, token: Token) -> int:
    sentence = sentences(doc)
    start = sentence.start(token.i)
    for _ in range(_WINDOW_SENTENCES - 1):
        if start == 0:
            break
        start = sentence.start(start - 1)
    return doc[start].idx
