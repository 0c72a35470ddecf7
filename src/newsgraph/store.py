"""Store: Analyses as an append-only dataset of Parquet segments.

Layout::

    STORE/segments/seg-<time>-<rand>/{documents,actors,quotes,dates,amounts,events,claims}.parquet
    STORE/segments/seg-.../manifest.json      (counts, code and data versions)

A segment is written under ``.tmp-seg-...`` and renamed into place, so a reader (or a
killed writer) sees whole segments or none. Documents already in the store are skipped,
so re-ingesting adds nothing and a run after a crash completes the rest. One writer at a
time holds ``STORE/.lock``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph import __version__
from newsgraph.data_version import data_version
from newsgraph.records import Analysis

TABLES = ("documents", "actors", "quotes", "dates", "amounts", "events", "claims")
SEGMENT_GLOB = "segments/seg-*/{table}.parquet"


class StoreError(Exception):
    """The store cannot be read or written; the message is one line naming the store."""


def default_store() -> Path:
    """``$NEWSGRAPH_STORE``, else the user's data directory."""
    if env := os.environ.get("NEWSGRAPH_STORE"):
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("newsgraph") / "store"


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("byline", pa.string()),
            ("published", pa.date32()),
            ("language", pa.string()),
            ("text", pa.string()),
            ("n_chars", pa.int32()),
            ("tone_positive", pa.float64()),
            ("tone_negative", pa.float64()),
            ("tone_polarity", pa.float64()),
            ("ingested_at", pa.timestamp("s", tz="UTC")),
            ("code_version", pa.string()),
            ("data_version", pa.string()),
            ("analysis", pa.string()),  # the whole Analysis as JSON, for the API and exports
        ]
    ),
    "actors": pa.schema(
        [
            ("doc_id", pa.string()),
            ("actor_id", pa.string()),
            ("name", pa.string()),
            ("code", pa.string()),
            ("country", pa.string()),
            ("role", pa.string()),
            ("kind", pa.string()),
            ("n_mentions", pa.int32()),
            ("first_start", pa.int32()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("doc_id", pa.string()),
            ("idx", pa.int32()),
            ("text", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("kind", pa.string()),
            ("speaker", pa.string()),
            ("speaker_name", pa.string()),
            ("speaker_code", pa.string()),
            ("speaker_text", pa.string()),
            ("cue", pa.string()),
            ("published", pa.date32()),
        ]
    ),
    "dates": pa.schema(
        [
            ("doc_id", pa.string()),
            ("text", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("type", pa.string()),
            ("value", pa.string()),
            ("approximate", pa.bool_()),
        ]
    ),
    "amounts": pa.schema(
        [
            ("doc_id", pa.string()),
            ("text", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("claimant", pa.string()),
            ("claimant_name", pa.string()),
            ("approximate", pa.bool_()),
        ]
    ),
    "events": pa.schema(
        [
            ("doc_id", pa.string()),
            ("idx", pa.int32()),
            ("source", pa.string()),
            ("source_name", pa.string()),
            ("source_code", pa.string()),
            ("source_country", pa.string()),
            ("target", pa.string()),
            ("target_name", pa.string()),
            ("target_code", pa.string()),
            ("target_country", pa.string()),
            ("code", pa.string()),
            ("root", pa.string()),
            ("label", pa.string()),
            ("quad_class", pa.int8()),
            ("goldstein", pa.float64()),
            ("modality", pa.string()),
            ("date", pa.date32()),
            ("published", pa.date32()),
            ("evidence_start", pa.int32()),
            ("evidence_end", pa.int32()),
        ]
    ),
    "claims": pa.schema(
        [
            ("doc_id", pa.string()),
            ("statement_start", pa.int32()),
            ("statement_end", pa.int32()),
            ("claimant", pa.string()),
            ("claimant_name", pa.string()),
            ("disputed_by", pa.list_(pa.string())),
            ("amount", pa.float64()),
        ]
    ),
}


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one call to `Store.write` did."""

    written: int
    skipped: int
    segments: int


class Store:
    """An append-only Parquet dataset of Analyses in one directory."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.segments = self.root / "segments"

    def exists(self) -> bool:
        return self.segments.is_dir()

    def glob(self, table: str) -> str:
        """The Parquet glob DuckDB reads for one table."""
        return str(self.root / SEGMENT_GLOB.format(table=table))

    def segment_dirs(self) -> list[Path]:
        return sorted(p for p in self.segments.glob("seg-*") if p.is_dir()) if self.exists() else []

    def document_ids(self) -> set[str]:
        """Ids of every document already stored."""
        ids: set[str] = set()
        for seg in self.segment_dirs():
            table = pq.read_table(seg / "documents.parquet", columns=["doc_id"])
            ids.update(table.column("doc_id").to_pylist())
        return ids

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the store's write lock; clear temp segments a killed writer left behind."""
        try:
            self.segments.mkdir(parents=True, exist_ok=True)
            lock = (self.root / ".lock").open("a")
        except OSError as err:
            raise StoreError(f"cannot write to store {self.root}: {_reason(err)}") from None
        with lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"store {self.root} is being written by another process") from None
            for leftover in self.segments.glob(".tmp-seg-*"):
                shutil.rmtree(leftover, ignore_errors=True)
            yield

    def write(self, analyses: Iterable[Analysis], segment_size: int = 500) -> WriteResult:
        """Append analyses not yet stored, in segments of ``segment_size`` documents."""
        with self.writer():
            seen = self.document_ids()
            written = skipped = segments = 0
            batch: list[Analysis] = []
            for analysis in analyses:
                if analysis.document.id in seen:
                    skipped += 1
                    continue
                seen.add(analysis.document.id)
                batch.append(analysis)
                if len(batch) >= segment_size:
                    self._write_segment(batch)
                    written, segments, batch = written + len(batch), segments + 1, []
            if batch:
                self._write_segment(batch)
                written, segments = written + len(batch), segments + 1
        return WriteResult(written=written, skipped=skipped, segments=segments)

    def _write_segment(self, batch: list[Analysis]) -> Path:
        name = f"seg-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(4)}"
        tmp = self.segments / f".tmp-{name}"
        final = self.segments / name
        rows = rows_for(batch)
        try:
            tmp.mkdir()
            for table in TABLES:
                pq.write_table(pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]), tmp / f"{table}.parquet")
            manifest = {
                "documents": len(batch),
                "rows": {t: len(rows[t]) for t in TABLES},
                "code_version": __version__,
                "data_version": data_version(),
                "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
            _fsync_dir(tmp)
            os.rename(tmp, final)
            _fsync_dir(self.segments)
        except OSError as err:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"cannot write to store {self.root}: {_reason(err)}") from None
        return final

    def read_analyses(self) -> Iterator[Analysis]:
        """Every stored Analysis, segment by segment."""
        for seg in self.segment_dirs():
            table = pq.read_table(seg / "documents.parquet", columns=["analysis"])
            for raw in table.column("analysis").to_pylist():
                yield Analysis.from_dict(json.loads(raw))


def rows_for(batch: list[Analysis]) -> dict[str, list[dict[str, Any]]]:
    """Flatten analyses into one row list per table (actor codes copied where queries need them)."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    now = time.time()
    version = data_version()
    for a in batch:
        d = a.document
        doc_id = d.id
        published = _date(d.published)
        by_id = {actor.id: actor for actor in a.actors}
        rows["documents"].append(
            {
                "doc_id": doc_id,
                "url": d.url,
                "source": d.source,
                "title": d.title,
                "byline": d.byline,
                "published": published,
                "language": d.language,
                "text": d.text,
                "n_chars": len(d.text),
                "tone_positive": a.tone.positive,
                "tone_negative": a.tone.negative,
                "tone_polarity": a.tone.polarity,
                "ingested_at": int(now),
                "code_version": __version__,
                "data_version": version,
                "analysis": json.dumps(a.to_dict(), ensure_ascii=False),
            }
        )
        for actor in a.actors:
            rows["actors"].append(
                {
                    "doc_id": doc_id,
                    "actor_id": actor.id,
                    "name": actor.name,
                    "code": actor.code,
                    "country": actor.country,
                    "role": actor.role,
                    "kind": actor.kind,
                    "n_mentions": len(actor.mentions),
                    "first_start": actor.mentions[0][0] if actor.mentions else None,
                }
            )
        for i, q in enumerate(a.quotes):
            speaker = by_id.get(q.speaker) if q.speaker else None
            rows["quotes"].append(
                {
                    "doc_id": doc_id,
                    "idx": i,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_name": speaker.name if speaker else None,
                    "speaker_code": speaker.code if speaker else None,
                    "speaker_text": q.speaker_text,
                    "cue": q.cue,
                    "published": published,
                }
            )
        for t in a.dates:
            rows["dates"].append(
                {
                    "doc_id": doc_id,
                    "text": t.text,
                    "start": t.start,
                    "end": t.end,
                    "type": t.type,
                    "value": t.value,
                    "approximate": t.approximate,
                }
            )
        for m in a.amounts:
            claimant = by_id.get(m.claimant) if m.claimant else None
            rows["amounts"].append(
                {
                    "doc_id": doc_id,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "value": m.value,
                    "unit": m.unit,
                    "claimant": m.claimant,
                    "claimant_name": claimant.name if claimant else None,
                    "approximate": m.approximate,
                }
            )
        for i, e in enumerate(a.events):
            src = by_id.get(e.source) if e.source else None
            tgt = by_id.get(e.target) if e.target else None
            rows["events"].append(
                {
                    "doc_id": doc_id,
                    "idx": i,
                    "source": e.source,
                    "source_name": src.name if src else None,
                    "source_code": src.code if src else None,
                    "source_country": src.country if src else None,
                    "target": e.target,
                    "target_name": tgt.name if tgt else None,
                    "target_code": tgt.code if tgt else None,
                    "target_country": tgt.country if tgt else None,
                    "code": e.code,
                    "root": e.code[:2],
                    "label": e.label,
                    "quad_class": e.quad_class,
                    "goldstein": e.goldstein,
                    "modality": e.modality,
                    "date": _date(e.date),
                    "published": published,
                    "evidence_start": e.evidence.start,
                    "evidence_end": e.evidence.end,
                }
            )
        for c in a.claims:
            claimant = by_id.get(c.claimant) if c.claimant else None
            rows["claims"].append(
                {
                    "doc_id": doc_id,
                    "statement_start": c.statement.start,
                    "statement_end": c.statement.end,
                    "claimant": c.claimant,
                    "claimant_name": claimant.name if claimant else None,
                    "disputed_by": list(c.disputed_by),
                    "amount": c.amount,
                }
            )
    return rows


def _date(value: str | None) -> Any:
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None  # partial values (2021-11, 2021-W48) stay in the record, not in the date column


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reason(err: OSError) -> str:
    names = {errno.ENOSPC: "disk full", errno.EROFS: "read-only file system", errno.EACCES: "permission denied"}
    return names.get(err.errno or 0, err.strerror or str(err))
