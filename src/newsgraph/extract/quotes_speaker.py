"""Speakers: the mention that names who said it, and the actor it refers to.

``speaker_span`` is the words of the attribution (a pronoun stays a pronoun); the actor is
the one with a mention there, or for a pronoun the nearest earlier actor of a compatible
kind that is not inside quoted or reported content; the actors work's ``extract/coref.py``
(``actor_at``, ``resolve_pronoun``) does the rest, role nouns included.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extract.coref import actor_at as coref_actor_at
from newsgraph.extract.coref import resolve_pronoun
from newsgraph.records import Actor, Span

_NP_LEFT = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "quantmod", "advmod"})
_NP_RIGHT = frozenset({"compound", "case"})
_ANTECEDENT_CHARS = 120  # a relative pronoun's noun phrase, appositions included ("X, a native who")
_NAME_WORDS = 3  # words a proper name may extend left of its head when the parse cut it
_PASSING_DEPS = frozenset({"poss", "pobj", "dobj"})  # a possessor, a preposition's or verb's object: a person named in passing
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"acl", "relcl", "amod", "advcl"})  # a participle describing a noun or setting a scene
_COMPANY = "MNC"  # the CAMEO role of a company known by its ticker or dictionary entry
_RECENT_CHARS = 1500  # how far back a pronoun still finds its actor (about two paragraphs)


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Actor mentions sorted by start, for span look-ups and nearest-earlier-actor searches."""

    doc: Doc
    actors: tuple[Actor, ...]
    starts: tuple[int, ...]
    mentions: tuple[tuple[int, int, Actor], ...]
    pronoun_kinds: dict[str, frozenset[str]]
    quoted: tuple[Span, ...]
    quoted_starts: tuple[int, ...]
    surnames: dict[str, tuple[Actor, ...]] = field(default_factory=dict)  # last word of a person's full name
    organizations: tuple[tuple[tuple[str, ...], Actor], ...] = ()  # organization names, word by word
    relative: frozenset[str] = frozenset()  # relative pronouns with an antecedent ("who")
    indefinite: frozenset[str] = frozenset()  # articles of a phrase that names someone new ("a spokesman")

    @classmethod
    def build(
        cls,
        doc: Doc,
        actors: Sequence[Actor],
        pronoun_kinds: dict[str, frozenset[str]],
        quoted: Sequence[Span],
        relative: frozenset[str] = frozenset(),
        indefinite: frozenset[str] = frozenset(),
    ) -> MentionIndex:
        """Index every actor mention once per document; ``quoted`` are the quotes' contents."""
        mentions = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda m: (m[0], m[1]))
        q = tuple(sorted(quoted))
        surnames: dict[str, tuple[Actor, ...]] = {}
        for a in actors:
            words = a.name.split()
            if a.kind == "person" and len(words) > 1:
                surnames[words[-1]] = (*surnames.get(words[-1], ()), a)
        return cls(
            doc,
            tuple(actors),
            tuple(m[0] for m in mentions),
            tuple(mentions),
            pronoun_kinds,
            q,
            tuple(s for s, _ in q),
            surnames,
            tuple((tuple(a.name.split()), a) for a in actors if a.kind == "organization"),
            relative,
            indefinite,
        )

    def person_by_surname(self, word: str) -> Actor | None:
        """The one person actor whose full name ends in ``word`` ("Fritschi" for "Herbert
        Fritschi"), when the name alone was read as something else."""
        found = {a.id: a for a in self.surnames.get(word, ())}
        return next(iter(found.values())) if len(found) == 1 else None

    def by_name_start(self, phrase: str) -> Actor | None:
        """The one organization actor whose name begins with ``phrase`` ("Giant Bay" for
        "Giant Bay Resources Ltd"), the short form a company is named by after its full name."""
        words = tuple(phrase.split())
        found = {a.id: a for name, a in self.organizations if words and len(name) > len(words) and name[: len(words)] == words}
        return next(iter(found.values())) if len(found) == 1 else None

    def body_in(self, span: Span, head: Token) -> Actor | None:
        """An organization or group named inside a speaker phrase before or after its role
        noun ("an APT spokesman", "a representative of Kessler"): the body that spoke."""
        k = bisect_left(self.starts, span[0])
        while k < len(self.mentions) and self.mentions[k][0] < span[1]:
            s, e, actor = self.mentions[k]
            if e <= span[1] and not s <= head.idx < e and actor.kind in ("organization", "group"):
                return actor
            k += 1
        return None

    def named_by_head(self, head: Token) -> Actor | None:
        """The nearest earlier organization whose name ends in ``head``'s word ("the bank" after
        "The World Bank", "the department" after "the U.S. Agriculture Department"), not one
        named only in a capitalized headline."""
        word = head.lower_
        for k in range(bisect_left(self.starts, head.idx) - 1, -1, -1):
            s, _e, actor = self.mentions[k]
            if head.idx - s > _RECENT_CHARS:
                return None
            words = actor.name.split()
            # a name in capitals is a headline's words ("… ACQUIRES PARIS COMPANY"), not a body named in the text
            if actor.kind in ("organization", "group") and len(words) > 1 and words[-1].lower() == word and not actor.name.isupper():
                return actor
        return None

    def company_before(self, head: Token, legal_words: frozenset[str]) -> Actor | None:
        """The nearest earlier company ("the company said" after "Orton Mining Corp said"): an
        organization whose name ends in a legal-form word or that is known as a company, a headline's
        included when known as a company (an article about one company names it there first)."""
        for k in range(bisect_left(self.starts, head.idx) - 1, -1, -1):
            s, _e, actor = self.mentions[k]
            if head.idx - s > _RECENT_CHARS:
                return None
            last = actor.name.split()[-1].lower().rstrip(".") if actor.name.split() else ""
            # a headline's capitals ("… BUYS LYON COMPANY") are a company only when known as one
            # (its ticker or dictionary entry), not by a common noun's role
            named = last in legal_words and not actor.name.isupper()
            if actor.kind == "organization" and (named or actor.role == _COMPANY) and not self._quoted(s):
                return actor
        return None

    def last_person_before(self, offset: int) -> int | None:
        """Where the latest person mention outside quotations before ``offset`` starts that is a
        subject (or apposed to one): someone who acts, not one met, named at a firm or in passing
        ("Lim met X and Y. He said": Lim)."""
        for k in range(bisect_left(self.starts, offset) - 1, -1, -1):
            s, e, actor = self.mentions[k]
            if offset - s > _RECENT_CHARS:
                return None
            if actor.kind == "person" and not self._quoted(s) and self._subject(s, e):
                return s
        return None

    def actor_at(self, span: Span) -> Actor | None:
        """The actor with a mention overlapping ``span`` (the longest overlap)."""
        return coref_actor_at(self.actors, span[0], span[1])

    def resolve(self, head: Token, span: Span) -> Actor | None:
        """The actor a speaker phrase names or, for a pronoun or role noun, refers to.

        A pronoun takes the nearest earlier actor of a compatible kind that is not inside
        quoted or reported content ("… President Putin’s initiatives,” he said: not Putin);
        the actors work's ``resolve_pronoun`` handles what that leaves (role nouns too).
        """
        actor = self.actor_at(span)
        if actor is not None or head.pos_ not in ("PRON", "NOUN"):
            return actor
        if head.lower_ in self.relative and head.head.dep_ == "relcl":
            noun = head.head.head  # "the boy, who said …": the noun the clause modifies
            return self.actor_at((noun.idx, noun.idx + len(noun)))
        if any(c.dep_ == "det" and c.lower_ in self.indefinite for c in head.children):
            return None  # "A spokesman said": someone not named before, not the president of the last paragraph
        kinds = self.pronoun_kinds.get(head.lower_)
        if kinds is not None:
            passing: Actor | None = None  # the nearest one, named only in passing
            other: Actor | None = None  # the nearest person before it
            for k in range(bisect_left(self.starts, span[0]) - 1, -1, -1):
                s, e, actor = self.mentions[k]
                if span[0] - s > _RECENT_CHARS:
                    break
                if actor.kind not in kinds or self._quoted(s):
                    continue
                if passing is None and actor.kind == "person" and self._in_passing(s, e):
                    passing = actor  # "... the announcement of X's plans. ..., he said": rather the subject before
                    continue
                if passing is None:
                    return actor
                if not self._near(s, span[0]) or actor.kind != "person":
                    break
                if self._subject(s, e):
                    return actor  # the subject of this sentence or the one before, not whoever its clauses name
                other = other or actor
            if passing is not None:
                return other or passing
        return resolve_pronoun(self.doc, head.i, self.actors)

    def _in_passing(self, start: int, end: int) -> bool:
        """A person mention that is a possessor or the object of a preposition: named in passing, not acting."""
        mention = self.doc.char_span(start, end, alignment_mode="expand")
        if mention is None:
            return False
        root = mention.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "met X and Y": Y as much as X
        return root.dep_ in _PASSING_DEPS and not (root.dep_ == "pobj" and root.head.dep_ == "agent")

    def _subject(self, start: int, end: int) -> bool:
        """A mention that is a subject, or apposed to one ("X, chief executive of Y, said")."""
        mention = self.doc.char_span(start, end, alignment_mode="expand")
        if mention is None:
            return False
        root = mention.root
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            # "the stance was taken by Kohl": the one who acts; not "the plan, approved by X," a modifier's agent
            return root.head.head.dep_ not in _MODIFIER_DEPS
        return root.dep_ in _SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS)

    def _near(self, start: int, offset: int) -> bool:
        """Whether ``start`` lies in the sentence of ``offset`` or the one before."""
        token = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if token is None:
            return False
        sentence = token[0].sent
        before = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        return self.doc[before].idx <= start

    def _quoted(self, start: int) -> bool:
        """Whether a mention lies inside a quotation (mentions there are not the speaker)."""
        i = bisect_left(self.quoted_starts, start + 1)
        # quotes may nest (an indirect clause around a direct passage): look at a few before
        return any(qs <= start < qe for qs, qe in self.quoted[max(0, i - 4) : i])


def speaker_span(doc: Doc, head: Token, relative: frozenset[str]) -> Span:
    """The speaker phrase around its head: the entity it belongs to, else the head with its
    modifiers; a relative pronoun takes its antecedent along ("Mr. Trump, who")."""
    if head.lower_ in relative and head.head.dep_ == "relcl" and head.head.head.i < head.i:
        # PolNeAR marks either the pronoun or the noun it stands for; the phrase from the
        # noun to the pronoun names the speaker and keeps the pronoun
        lo = _phrase(doc, head.head.head)[0]
        if head.idx - lo <= _ANTECEDENT_CHARS:
            return lo, head.idx + len(head)
    return _phrase(doc, head)


def _phrase(doc: Doc, head: Token) -> Span:
    """The entity ``head`` belongs to, else the head with its noun-phrase modifiers; a title
    with a name in apposition is that name ("the minister's chief of staff, Ann Lee"). Joint
    speakers are one phrase ("Traders and shipping agents said"), and so is a role noun with
    the body it speaks for ("A representative of Kessler said")."""
    if head.ent_type_ != "PERSON":
        named = next((c for c in head.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None:
            return _phrase(doc, named)
    lo, hi = _own_phrase(doc, head)
    rights = [c for c in head.rights if c.i > head.i]
    for a, b in zip(rights, rights[1:]):
        if a.dep_ == "cc" and b.dep_ == "conj" and b.pos_ in ("NOUN", "PROPN") and doc[lo:a.i].end_char <= a.idx:
            if all(not t.is_punct and not t.is_space for t in doc[head.i + 1 : b.left_edge.i]):
                return lo, _own_phrase(doc, b)[1]  # "Traders and shipping agents", "Lyng and Yeutter"
    if head.pos_ == "NOUN":
        of = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None and obj.pos_ == "PROPN" and all(not t.is_space for t in doc[head.i : obj.right_edge.i + 1]):
            return lo, _own_phrase(doc, obj)[1]  # "A representative of Kessler"
    return lo, hi


def _own_phrase(doc: Doc, head: Token) -> Span:
    """The entity ``head`` belongs to, else the head with its noun-phrase modifiers."""
    if head.ent_iob_ in ("B", "I"):
        lo, hi = head.i, head.i
        while lo > 0 and doc[lo].ent_iob_ == "I":
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
            hi += 1
        # the model sometimes glues marks or line breaks into a name ("”― Ana Torres\n")
        while lo < head.i and not _wordlike(doc[lo]):
            lo += 1
        while hi > head.i and not _wordlike(doc[hi]):
            hi -= 1
        return doc[lo].idx, doc[hi].idx + len(doc[hi])
    lo = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in _NP_LEFT or child.i != lo - 1 and doc[child.right_edge.i].i != lo - 1:
            break
        lo = child.left_edge.i
    hi = head.i
    for child in head.rights:
        if child.dep_ in _NP_RIGHT and child.i == hi + 1:
            hi = child.i
        else:
            break
    while lo < head.i and not _wordlike(doc[lo]):
        lo += 1
    if head.pos_ == "PROPN" and lo == head.i:
        # "Holland Inc said" under a headline: the parse may cut a name after its first word
        while lo > 0 and head.i - lo < _NAME_WORDS and _name_word(doc[lo - 1]):
            lo -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _name_word(tok: Token) -> bool:
    """A capitalized proper-noun word in the same line, not a date: part of a name before it."""
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.ent_type_ not in ("DATE", "TIME")
        and "\n" not in tok.whitespace_
        and _wordlike(tok)
    )


def _wordlike(tok: Token) -> bool:
    """A token that can be part of a name: not punctuation, space, or glued marks ("”―")."""
    return not tok.is_punct and any(c.isalnum() for c in tok.text)
