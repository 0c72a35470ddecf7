"""Store: Analyses as an append-only dataset of Parquet segments.

Layout::

    STORE/segments/seg-<time>-<rand>/{documents,actors,quotes,dates,amounts,events,claims}.parquet
    STORE/segments/seg-.../minhash.parquet    (story ids, LSH band keys and MinHash signatures)
    STORE/segments/seg-.../manifest.json      (counts, code and data versions, segments it replaces)

A segment is written under ``.tmp-seg-...`` and renamed into place, so a reader (or a
killed writer) sees whole segments or none (object storage: the manifest is written last). Documents already in the store are skipped,
so re-ingesting adds nothing and a run after a crash completes the rest. One writer at a
time holds ``STORE/.lock``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsgraph import __version__
from newsgraph.data_version import data_version
from newsgraph.records import Analysis
from newsgraph.stories import (
    MINHASH_SCHEMA,
    StoredCandidate,
    StoryOptions,
    assign_stories,
    candidates_from_rows,
    minhash_rows,
    signature,
)

TABLES = ("documents", "actors", "quotes", "dates", "amounts", "events", "claims")
LATER_TABLES = ("minhash",)  # tables added after the first segments were written
ALL_TABLES = TABLES + LATER_TABLES
URI = re.compile(r"^([a-z][a-z0-9+.-]+):/+(.*)$")
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
            ("story_id", pa.string()),  # the first stored document of its story (stories.py)
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


@dataclass(frozen=True, slots=True)
class CompactResult:
    """What one call to `Store.compact` did: segments merged away and segments written."""

    merged: int
    written: int
    documents: int


class Store:
    """An append-only Parquet dataset of Analyses in one directory, local or on object storage.

    ``root`` is a path, or a URI such as ``s3://bucket/prefix`` that PyArrow's filesystems
    open; pass ``filesystem`` to use a configured one. Locally a segment appears by an atomic
    rename; on object storage (no rename) its ``manifest.json`` is written last and readers
    ignore segments without one, so either way a reader sees whole segments or none.
    """

    def __init__(self, root: Path | str, filesystem: pafs.FileSystem | None = None) -> None:
        text = str(root)
        # `Path("s3://b/x")` collapses the double slash; accept both spellings of a URI
        uri = URI.match(text)
        if filesystem is None and uri:
            filesystem, text = pafs.FileSystem.from_uri(f"{uri.group(1)}://{uri.group(2)}")
        self.fs: pafs.FileSystem = filesystem or pafs.LocalFileSystem()
        self.local = isinstance(self.fs, pafs.LocalFileSystem)
        self.root: Any = Path(text) if self.local else PurePosixPath(text)
        self.segments = self.root / "segments"
        self.stories = StoryOptions()

    def exists(self) -> bool:
        return self._info(self.segments).type == pafs.FileType.Directory

    def root_exists(self) -> bool:
        return self._info(self.root).type == pafs.FileType.Directory

    def _info(self, path: Any) -> pafs.FileInfo:
        return self.fs.get_file_info(str(path))

    def glob(self, table: str) -> str:
        """The Parquet glob of one table (local stores; readers use `files`, which skips replaced segments)."""
        return str(self.root / SEGMENT_GLOB.format(table=table))

    def _listing(self) -> list[tuple[Any, dict[str, Any]]]:
        """Every complete segment (one with a manifest) and its manifest, replaced ones included."""
        if not self.exists():
            return []
        found = []
        for info in self.fs.get_file_info(pafs.FileSelector(str(self.segments))):
            if info.type != pafs.FileType.Directory or not info.base_name.startswith("seg-"):
                continue
            seg = self.segments / info.base_name
            try:
                with self.fs.open_input_stream(str(seg / "manifest.json")) as f:
                    manifest = json.loads(f.read())
            except (FileNotFoundError, OSError, ValueError):
                continue  # still being written (object storage) or left half-written by a killed writer
            found.append((seg, manifest))
        return sorted(found, key=lambda item: item[0].name)

    def segment_dirs(self) -> list[Any]:
        """The segments a reader sees: complete ones not replaced by a compacted segment."""
        listing = self._listing()
        replaced = {name for _, manifest in listing for name in manifest.get("replaces", ())}
        return [seg for seg, _ in listing if seg.name not in replaced]

    def files(self, table: str) -> list[str]:
        """The Parquet files of one table in the visible segments (segments from before a table existed skip it)."""
        paths = [str(seg / f"{table}.parquet") for seg in self.segment_dirs()]
        if table not in LATER_TABLES:
            return paths
        return [info.path for info in self.fs.get_file_info(paths) if info.type == pafs.FileType.File]

    def read_table(self, path: str, columns: list[str] | None = None) -> pa.Table:
        """One Parquet file of the store."""
        return pq.read_table(path, columns=columns, filesystem=None if self.local else self.fs)

    def document_ids(self) -> set[str]:
        """Ids of every document already stored."""
        ids: set[str] = set()
        for path in self.files("documents"):
            ids.update(self.read_table(path, ["doc_id"]).column("doc_id").to_pylist())
        return ids

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the store's write lock; clear what a killed writer or compaction left behind."""
        if not self.local:
            # object stores have no lock: one writer at a time is the caller's promise (docs/scale.md)
            self.fs.create_dir(str(self.segments), recursive=True)
            self._remove_replaced()
            yield
            return
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
            self._remove_replaced()
            yield

    def _remove_replaced(self) -> None:
        """Delete segments a compacted segment replaces (a compaction killed before it could)."""
        listing = self._listing()
        replaced = {name for _, manifest in listing for name in manifest.get("replaces", ())}
        for seg, _ in listing:
            if seg.name in replaced:
                self._remove_segment(seg)

    def _remove_segment(self, seg: Any) -> None:
        if self.local:
            # renamed out of the seg-* namespace first, so no reader lists a half-deleted segment
            trash = self.segments / f".tmp-del-{seg.name}"
            os.rename(seg, trash)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            self.fs.delete_dir(str(seg))

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
                    self._write_segment(self._tables(batch))
                    written, segments, batch = written + len(batch), segments + 1, []
            if batch:
                self._write_segment(self._tables(batch))
                written, segments = written + len(batch), segments + 1
        return WriteResult(written=written, skipped=skipped, segments=segments)

    def _tables(self, batch: list[Analysis]) -> dict[str, pa.Table]:
        """One Arrow table per store table for a batch, with story ids assigned against the store."""
        signatures = [signature(a.document.id, a.document.text, self.stories) for a in batch]
        stored = self._candidates({key for sig in signatures for key in sig.bands})
        assignments = assign_stories(signatures, stored, self.stories)
        rows = rows_for(batch, {a.doc_id: a.story_id for a in assignments})
        tables = {t: pa.Table.from_pylist(rows[t], schema=SCHEMAS[t]) for t in TABLES}
        tables["minhash"] = pa.Table.from_pylist(minhash_rows(assignments), schema=MINHASH_SCHEMA)
        return tables

    def _candidates(self, keys: set[int]) -> dict[int, list[StoredCandidate]]:
        """Stored documents sharing a band key with the batch, read one segment at a time."""
        if not keys:
            return {}
        wanted = pa.array(sorted(keys), type=pa.int64())
        rows: list[tuple[int, str, str, bytes]] = []
        for path in self.files("minhash"):
            bands = self.read_table(path, ["bands"]).column("bands").combine_chunks()
            flat = pc.list_flatten(bands)
            hit = pc.is_in(flat, value_set=wanted)
            if not pc.any(hit).as_py():
                continue
            parents = pc.filter(pc.list_parent_indices(bands), hit)
            keys_hit = pc.filter(flat, hit)
            table = self.read_table(path, ["doc_id", "story_id", "signature"]).take(parents)
            rows.extend(
                zip(
                    keys_hit.to_pylist(),
                    table.column("doc_id").to_pylist(),
                    table.column("story_id").to_pylist(),
                    table.column("signature").to_pylist(),
                    strict=True,
                )
            )
        return candidates_from_rows(rows)

    def _write_segment(self, tables: dict[str, pa.Table], replaces: tuple[str, ...] = ()) -> Any:
        name = f"seg-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(4)}"
        manifest = {
            "documents": tables["documents"].num_rows,
            "rows": {t: tables[t].num_rows for t in ALL_TABLES},
            "code_version": __version__,
            "data_version": data_version(),
            "stories": {"shingle": self.stories.shingle, "num_perm": self.stories.num_perm,
                        "bands": self.stories.bands, "rows": self.stories.rows, "threshold": self.stories.threshold},
            "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "replaces": list(replaces),
        }  # fmt: skip
        if not self.local:
            final = self.segments / name
            try:
                for table in ALL_TABLES:
                    pq.write_table(tables[table], str(final / f"{table}.parquet"), filesystem=self.fs)
                with self.fs.open_output_stream(str(final / "manifest.json")) as f:
                    f.write(json.dumps(manifest, indent=2).encode())  # last: it makes the segment visible
            except OSError as err:
                raise StoreError(f"cannot write to store {self.root}: {_reason(err)}") from None
            return final
        tmp = self.segments / f".tmp-{name}"
        final = self.segments / name
        try:
            tmp.mkdir()
            for table in ALL_TABLES:
                pq.write_table(tables[table], tmp / f"{table}.parquet")
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
            _fsync_dir(tmp)
            os.rename(tmp, final)
            _fsync_dir(self.segments)
        except OSError as err:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"cannot write to store {self.root}: {_reason(err)}") from None
        return final

    def compact(self, target: int = 5000) -> CompactResult:
        """Merge segments smaller than ``target`` documents into segments of about ``target``; results unchanged.

        Crash-safe: the merged segment is written whole first, naming the segments it replaces
        in its manifest; readers skip replaced segments from that moment, and the replaced ones
        are removed afterwards (or by the next writer, if this one is killed first).
        """
        merged = written = documents = 0
        with self.writer():
            replaced = {name for _, m in self._listing() for name in m.get("replaces", ())}
            small = [(seg, m) for seg, m in self._listing() if m.get("documents", 0) < target and seg.name not in replaced]
            groups: list[list[Any]] = [[]]
            size = 0
            for seg, manifest in small:
                if groups[-1] and size + manifest.get("documents", 0) > target:
                    groups.append([])
                    size = 0
                groups[-1].append(seg)
                size += manifest.get("documents", 0)
            for group in groups:
                if len(group) < 2:
                    continue
                tables = {t: self._concat(group, t) for t in ALL_TABLES}
                self._write_segment(tables, replaces=tuple(seg.name for seg in group))
                for seg in group:
                    self._remove_segment(seg)
                merged, written = merged + len(group), written + 1
                documents += tables["documents"].num_rows
        return CompactResult(merged=merged, written=written, documents=documents)

    def _concat(self, group: list[Any], table: str) -> pa.Table:
        schema = SCHEMAS.get(table, MINHASH_SCHEMA)
        parts = []
        for seg in group:
            path = str(seg / f"{table}.parquet")
            if self._info(path).type == pafs.FileType.File:
                parts.append(self.read_table(path).select([n for n in schema.names if n in self._names(path)]))
        aligned = [_aligned(part, schema) for part in parts]
        return pa.concat_tables(aligned) if aligned else schema.empty_table()

    def _names(self, path: str) -> list[str]:
        return pq.read_schema(path, filesystem=None if self.local else self.fs).names

    def read_analyses(self) -> Iterator[Analysis]:
        """Every stored Analysis, segment by segment."""
        for path in self.files("documents"):
            for raw in self.read_table(path, ["analysis"]).column("analysis").to_pylist():
                yield Analysis.from_dict(json.loads(raw))


def _aligned(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table with exactly the schema's columns (missing ones null), so old and new segments concatenate."""
    columns = [
        table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def rows_for(batch: list[Analysis], story_ids: dict[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
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
                "story_id": (story_ids or {}).get(doc_id, doc_id),
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
