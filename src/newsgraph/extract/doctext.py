"""The text of a Doc, built once: spaCy's ``Doc.text`` joins every token on each access."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsgraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data`` (a Doc's text never changes)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
