"""The data flow in one place: raw item → clean → parse → extract → Analysis.

One spaCy parse per document, shared by every extractor. With ``workers > 1`` the same
stage functions run in worker processes, each holding its own model and reference data;
at most a few chunks are in flight, each Doc is freed as soon as it is analyzed, and
workers are replaced now and then, so memory does not grow with the input.

Given the ids a store already holds, a document is looked up before its parse (by its given
id before cleaning, else by the hash of its clean text) and passes as `Stored`: re-ingesting
costs the cleaning only, and the model is loaded only when something is left to parse.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import multiprocessing
import re
import unicodedata
from collections import deque
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from newsgraph.clean import CleanError, clean_html, clean_text, document_text, warm_html
from newsgraph.ingest import MAX_DOCUMENT_CHARS, Problem, RawItem, normalize_date
from newsgraph.records import Analysis, Document

if TYPE_CHECKING:  # spaCy and the extractors load with the model, not with the module
    from spacy.language import Language

    from newsgraph.extract import Knowledge

__all__ = ["PipelineOptions", "Stored", "analyze_items", "document_id", "normalize_date", "to_document"]


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """How to run the pipeline: the published-date override, process count and batch size."""

    published: str | None = None
    workers: int = 1
    batch_size: int = 32
    chunk_size: int = 16
    #: worker processes are replaced after this many chunks (16,000 documents): spaCy's string
    #: store grows with every new word (about 2 MB per 1,000 Reuters articles), so a long run
    #: would otherwise grow without bound; a replacement forks from the ingesting process as it
    #: is then, so replacing often costs more memory than it saves
    chunks_per_worker: int = 1000


@dataclass(frozen=True, slots=True)
class Stored:
    """A document the store already holds, recognised before its parse and not analyzed again."""

    source: str
    id: str


def document_id(text: str) -> str:
    """A stable id from the normalized clean text: the same article from two sources is one document."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:32]


def to_document(item: RawItem, options: PipelineOptions) -> Document | Problem:
    """Clean one raw item into a Document, or say why it cannot be."""
    try:
        cleaned = clean_html(item.content, item.url) if item.is_html else clean_text(item.content)
    except CleanError as err:
        return Problem(item.where, str(err))
    except Exception as err:  # a cleaner bug must not lose the rest of the corpus
        return Problem(item.where, f"cleaning failed ({type(err).__name__}: {err})")
    try:
        published = options.published or normalize_date(item.published) or normalize_date(cleaned.published)
    except ValueError as err:
        return Problem(item.where, str(err))
    title = item.title or cleaned.title
    # the page's headline leads the text only when its article opens with it (newsgraph.clean)
    text = document_text(cleaned, item.title)
    if len(text) > MAX_DOCUMENT_CHARS:
        too_long = f"document too long after cleaning ({len(text):,} characters > {MAX_DOCUMENT_CHARS:,})"
        return Problem(item.source, too_long)
    return Document(
        id=item.id or document_id(text),
        text=text,
        url=item.url,
        source=item.source,
        title=title,
        byline=cleaned.byline,
        published=published,
    )


@lru_cache(maxsize=1)
def resources() -> tuple[Language, Knowledge]:
    """The spaCy model and the reference data, loaded once per process (forked workers inherit them)."""
    from newsgraph.extract import Knowledge
    from newsgraph.parse import load_model

    nlp = load_model()
    warm_html()  # so the first HTML page costs what the others do (forked workers inherit it)
    knowledge = Knowledge.load(nlp)
    # the model and the reference data live as long as the process: frozen out of the
    # collector's sight, a full collection no longer walks their objects (one such pass took
    # 0.22 s of the 12.6 s CPU the pipeline spent on 200 Reuters articles), and forked workers
    # do not write to the pages that hold them
    gc.collect()
    gc.freeze()
    # ... and back in sight at exit, so the interpreter's last collection frees them (frozen
    # objects of compiled extensions would otherwise be reported as leaked, e.g. by DuckDB's)
    atexit.register(gc.unfreeze)
    return nlp, knowledge


Result = Analysis | Problem | Stored


def analyze_items(
    items: Iterable[RawItem | Problem], options: PipelineOptions, stored: Container[str] = frozenset()
) -> Iterator[Result]:
    """Analyze raw items in input order; problems pass through in their place, documents in ``stored`` as `Stored`."""
    if options.workers <= 1:
        iterator = iter(items)
        while batch := list(islice(iterator, options.batch_size)):
            yield from _analyze_batch(batch, options, stored)
        return
    yield from _analyze_parallel(items, options, stored)


def _stage(item: RawItem | Problem, options: PipelineOptions, stored: Container[str]) -> Document | Problem | Stored:
    """Clean one item unless the store holds it: a given id is looked up before cleaning, a text hash after."""
    if isinstance(item, Problem):
        return item
    if item.id is not None and item.id in stored:
        return Stored(item.source, item.id)
    document = to_document(item, options)
    if isinstance(document, Document) and document.id in stored:
        return Stored(item.source, document.id)
    return document


def _analyze_batch(batch: list[RawItem | Problem], options: PipelineOptions, stored: Container[str]) -> list[Result]:
    staged = [_stage(item, options, stored) for item in batch]
    documents = [d for d in staged if isinstance(d, Document)]
    if not documents:
        return list(staged)  # type: ignore[arg-type]  # nothing to parse: the model is not even loaded
    from newsgraph.extract import analyze_doc
    from newsgraph.extract.doctext import parsed_from

    nlp, knowledge = resources()
    docs = iter(nlp.pipe((d.text for d in documents), batch_size=options.batch_size))
    out: list[Result] = []
    for item in staged:
        if not isinstance(item, Document):
            out.append(item)
            continue
        doc = parsed_from(next(docs), item.text)
        try:
            out.append(analyze_doc(doc, item, knowledge))
        except Exception as err:  # an extractor bug must not lose the rest of the corpus
            out.append(Problem(item.source or item.id, f"extraction failed ({type(err).__name__}: {err})"))
        finally:
            # the extractors' per-Doc caches point back at the Doc: left in place, every Doc
            # waits for a full garbage collection (a worker swung between 400 and 600 MB)
            doc.user_data.clear()
    return out


#: In a worker process: the ids the store held when the pool started (set by `_start_worker`;
#: passed at fork rather than with every chunk, which would pickle the whole set each time).
_worker_stored: Container[str] = frozenset()


def _start_worker(stored: Container[str]) -> None:
    global _worker_stored
    _worker_stored = stored


def _work(chunk: list[RawItem | Problem], options: PipelineOptions) -> list[Result]:
    return _analyze_batch(chunk, options, _worker_stored)


def _analyze_parallel(
    items: Iterable[RawItem | Problem], options: PipelineOptions, stored: Container[str]
) -> Iterator[Result]:
    context = multiprocessing.get_context("fork")
    per_worker = replace(options, workers=1)
    iterator = iter(items)
    pool = context.Pool(
        options.workers, initializer=_start_worker, initargs=(stored,), maxtasksperchild=options.chunks_per_worker
    )
    with pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * options.workers and (chunk := list(islice(iterator, options.chunk_size))):
                pending.append(pool.apply_async(_work, (chunk, per_worker)))
            if not pending:
                break
            yield from pending.popleft().get()
