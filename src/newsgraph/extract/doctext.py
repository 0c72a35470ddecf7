"""Per-Doc tables built once and shared by the extractors: the text (spaCy's ``Doc.text`` joins
every token on each access), the entities, each token's lower-case form and lemma, and the
sentences (``Token.sent`` walks to both ends of its sentence on each access)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Span

_KEY = "newsgraph.text"
_WORDS_KEY = "newsgraph.words"
_ENTS_KEY = "newsgraph.ents"
_SENTS_KEY = "newsgraph.sents"
_OFFSETS_KEY = "newsgraph.offsets"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data`` (a Doc's text never changes)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, cached in ``doc.user_data``: spaCy walks every token and builds every Span on each access."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = doc.ents
    return ents


def parsed_from(doc: Doc, text: str) -> Doc:
    """Note the string ``doc`` was parsed from as its text: spaCy's tokenizer keeps every
    character, so it equals ``doc.text`` without joining the tokens again."""
    doc.user_data[_KEY] = text
    return doc


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without building the Span: the text from the first token's first
    character to the last token's last (``start`` and ``end`` inside the Doc)."""
    if end <= start:
        return ""
    offsets = doc.user_data.get(_OFFSETS_KEY)
    if offsets is None:
        offsets = doc.user_data[_OFFSETS_KEY] = doc.to_array([IDX, LENGTH]).tolist()
    first, (last, length) = offsets[start][0], offsets[end - 1]
    return doc_text(doc)[first : last + length]


def token_words(doc: Doc) -> list[tuple[str, str]]:
    """(lower-case form, lower-case lemma) per token, built once per Doc and shared by the extractors.

    Per-token loops test these strings first and build a Token only for candidates: creating
    Token objects and looking up their strings is most of what the extractors cost.
    """
    words = doc.user_data.get(_WORDS_KEY)
    if words is None:
        # from the hashes, without a Token per word; a repeated (form, lemma) pair is looked up once
        strings, pairs = doc.vocab.strings, {}
        words = []
        for key in zip(*doc.to_array([LOWER, LEMMA]).T.tolist()):
            pair = pairs.get(key)
            if pair is None:
                pair = pairs[key] = (strings[key[0]], strings[key[1]].lower())
            words.append(pair)
        doc.user_data[_WORDS_KEY] = words
    return words


@dataclass(frozen=True, slots=True)
class Sentences:
    """The sentences of a Doc as token ranges, each with its root (``Span.root``), and the
    sentence of every token: what ``token.sent``, ``token.sent.start`` and ``token.sent.root``
    give, without a walk and a Span per call."""

    starts: list[int]  # first token of each sentence
    ends: list[int]  # one past its last token
    roots: list[int]  # its root token
    number: list[int]  # per token, the position of its sentence in the lists above

    def start(self, i: int) -> int:
        """First token of the sentence holding token ``i`` (``doc[i].sent.start``)."""
        return self.starts[self.number[i]]

    def end(self, i: int) -> int:
        """One past the last token of the sentence holding token ``i`` (``doc[i].sent.end``)."""
        return self.ends[self.number[i]]

    def root(self, i: int) -> int:
        """Root of the sentence holding token ``i`` (``doc[i].sent.root.i``)."""
        return self.roots[self.number[i]]

    def span(self, doc: Doc, i: int) -> Span:
        """The sentence holding token ``i`` as a Span (``doc[i].sent``)."""
        k = self.number[i]
        return doc[self.starts[k] : self.ends[k]]


def sentences(doc: Doc) -> Sentences:
    """The sentence table of ``doc``, cached in ``doc.user_data`` (raises as ``doc.sents`` does
    when the Doc has no sentence boundaries)."""
    table = doc.user_data.get(_SENTS_KEY)
    if table is None:
        starts: list[int] = []
        ends: list[int] = []
        roots: list[int] = []
        number: list[int] = []
        for k, sent in enumerate(doc.sents):
            starts.append(sent.start)
            ends.append(sent.end)
            roots.append(sent.root.i)
            number.extend([k] * (sent.end - sent.start))
        table = doc.user_data[_SENTS_KEY] = Sentences(starts, ends, roots, number)
    return table
