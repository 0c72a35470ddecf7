"""The text of a Doc, built once: spaCy's ``Doc.text`` joins every token on each access."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span

_KEY = "newsgraph.text"
_WORDS_KEY = "newsgraph.words"
_ENTS_KEY = "newsgraph.ents"


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
