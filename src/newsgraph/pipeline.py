"""The data flow in one place: raw item → clean → parse → extract → Analysis.

One spaCy parse per document, shared by every extractor. With ``workers > 1`` the same
stage functions run in worker processes, each holding its own model and reference data;
at most a few chunks are in flight, each Doc is freed as soon as it is analyzed, and
workers are replaced now and then, so memory does not grow with the input.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from itertools import islice

from spacy.language import Language

from newsgraph.clean import CleanError, clean_html, clean_text, document_text, warm_html
from newsgraph.extract import Knowledge, analyze_doc
from newsgraph.extract.doctext import parsed_from
from newsgraph.ingest import MAX_DOCUMENT_CHARS, Problem, RawItem
from newsgraph.parse import load_model
from newsgraph.records import Analysis, Document


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


def document_id(text: str) -> str:
    """A stable id from the normalized clean text: the same article from two sources is one document."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:32]


def normalize_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from common date spellings, or None; raises ValueError when unreadable."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    for candidate in (text[:10], text):
        try:
            return date.fromisoformat(candidate).isoformat()
        except ValueError:
            pass
    for fmt in ("%Y%m%d", "%d %b %Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    raise ValueError(f"unreadable date {text!r} (expected YYYY-MM-DD)")


def to_document(item: RawItem, options: PipelineOptions) -> Document | Problem:
    """Clean one raw item into a Document, or say why it cannot be."""
    try:
        cleaned = clean_html(item.content, item.url) if item.is_html else clean_text(item.content)
    except CleanError as err:
        return Problem(item.source, str(err))
    except Exception as err:  # a cleaner bug must not lose the rest of the corpus
        return Problem(item.source, f"cleaning failed ({type(err).__name__}: {err})")
    try:
        published = options.published or normalize_date(item.published) or normalize_date(cleaned.published)
    except ValueError as err:
        return Problem(item.source, str(err))
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
def _resources() -> tuple[Language, Knowledge]:
    nlp = load_model()
    warm_html()  # so the first HTML page costs what the others do (forked workers inherit it)
    return nlp, Knowledge.load(nlp)


def analyze_items(items: Iterable[RawItem | Problem], options: PipelineOptions) -> Iterator[Analysis | Problem]:
    """Analyze raw items in input order; problems pass through in their place."""
    if options.workers <= 1:
        yield from _analyze_stream(items, options)
        return
    yield from _analyze_parallel(items, options)


def _analyze_stream(items: Iterable[RawItem | Problem], options: PipelineOptions) -> Iterator[Analysis | Problem]:
    nlp, knowledge = _resources()
    iterator = iter(items)
    while batch := list(islice(iterator, options.batch_size)):
        yield from _analyze_batch(batch, options, nlp, knowledge)


def _analyze_batch(
    batch: list[RawItem | Problem], options: PipelineOptions, nlp: Language, knowledge: Knowledge
) -> list[Analysis | Problem]:
    staged = [item if isinstance(item, Problem) else to_document(item, options) for item in batch]
    documents = [d for d in staged if isinstance(d, Document)]
    docs = iter(nlp.pipe((d.text for d in documents), batch_size=options.batch_size))
    out: list[Analysis | Problem] = []
    for item in staged:
        if isinstance(item, Problem):
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


def _work(chunk: list[RawItem | Problem], options: PipelineOptions) -> list[Analysis | Problem]:
    nlp, knowledge = _resources()
    return _analyze_batch(chunk, options, nlp, knowledge)


def _analyze_parallel(items: Iterable[RawItem | Problem], options: PipelineOptions) -> Iterator[Analysis | Problem]:
    context = multiprocessing.get_context("fork")
    per_worker = replace(options, workers=1)
    iterator = iter(items)
    with context.Pool(options.workers, initializer=_resources, maxtasksperchild=options.chunks_per_worker) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * options.workers and (chunk := list(islice(iterator, options.chunk_size))):
                pending.append(pool.apply_async(_work, (chunk, per_worker)))
            if not pending:
                break
            yield from pending.popleft().get()
