"""Store: Analyses as an append-only dataset of Parquet segments.

Layout::

    STORE/segments/seg-<time>-<rand>/{documents,actors,quotes,dates,amounts,events,claims}.parquet
    STORE/segments/seg-.../minhash.parquet    (story ids, LSH band keys and MinHash signatures)
    STORE/segments/seg-.../manifest.json      (counts, code and data versions, segments it replaces,
                                               size and SHA-256 of every file: check.py)

A segment is written under ``.tmp-seg-...`` and renamed into place, so a reader (or a
killed writer) sees whole segments or none (object storage: the manifest is written last).
Documents already in the store are skipped, so re-ingesting adds nothing and a run after a
crash completes the rest. One writer at a time holds ``STORE/.lock``.
"""

from __future__ import annotations

import calendar
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
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsgraph import __version__
from newsgraph.records import Analysis
from newsgraph.store.check import (  # StoreError re-exported: the store raises it
    FileRecord,
    StoreError,
    damaged_message,
    digest_bytes,
    digest_file,
    segment_problems,
)
from newsgraph.store.rows import (  # re-exported: the store's schema is part of its interface
    ALL_TABLES,
    DERIVED_TABLES,
    EVENT_ROW_GROUP,
    SCHEMA_VERSION,
    SCHEMAS,
    TABLES,
    derive_event_columns,
    dyad_weeks,
    rows_for,
    sort_events,
)
from newsgraph.stories import (
    StoredCandidate,
    StoryOptions,
    assign_stories,
    candidates_from_rows,
    minhash_rows,
    signature,
    story_names,
)

__all__ = ["ALL_TABLES", "SCHEMAS", "TABLES", "Store", "StoreError", "WriteResult", "CompactResult", "rows_for"]
URI = re.compile(r"^([a-z][a-z0-9+.-]+):/+(.*)$")
SEGMENT_GLOB = "segments/seg-*/{table}.parquet"
#: segments a compaction replaced stay on disk this long after it: a query that listed them just
#: before the compaction can still read them; a later writer or compaction then removes them
REPLACED_GRACE_SECONDS = 600.0


def default_store() -> Path:
    """``$NEWSGRAPH_STORE``, else the user's data directory."""
    if env := os.environ.get("NEWSGRAPH_STORE"):
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("newsgraph") / "store"


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one call to `Store.write` did."""

    written: int
    skipped: int
    segments: int
    undated: int = 0  # documents written without a published date (their events may have no day)


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

    @cached_property
    def stories(self) -> StoryOptions:
        """How story ids are assigned on write (built on first write: readers need not compute the LSH bands)."""
        return StoryOptions()

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
        return [seg for seg, _ in self.visible()]

    def visible(self) -> list[tuple[Any, dict[str, Any]]]:
        """The segments a reader sees, with their manifests."""
        listing = self._listing()
        replaced = {name for _, manifest in listing for name in manifest.get("replaces", ())}
        return [(seg, manifest) for seg, manifest in listing if seg.name not in replaced]

    @staticmethod
    def uniform_schema(visible: list[tuple[Any, dict[str, Any]]]) -> bool:
        """Whether every segment listed was written with the current schema (readers then skip unifying)."""
        return all(manifest.get("schema") == SCHEMA_VERSION for _, manifest in visible)

    def files(self, table: str, segments: list[Any] | None = None) -> list[str]:
        """The Parquet files of one table in the visible (or given) segments; segments older than the table skip it."""
        segments = self.segment_dirs() if segments is None else segments
        paths = [str(seg / f"{table}.parquet") for seg in segments]
        if table not in DERIVED_TABLES:
            return paths
        return [info.path for info in self.fs.get_file_info(paths) if info.type == pafs.FileType.File]

    def read_table(self, path: str, columns: list[str] | None = None) -> pa.Table:
        """One Parquet file of the store."""
        # ParquetFile, not pq.read_table: that goes through pyarrow.dataset, which imports pandas (0.6 s)
        with pq.ParquetFile(path, filesystem=None if self.local else self.fs) as parquet:
            return parquet.read(columns=columns)

    def require_whole(self, visible: list[tuple[Any, dict[str, Any]]] | None = None) -> None:
        """Raise StoreError naming the first segment with a file missing, cut short or zeroed (sizes and footers only)."""
        if not self.local:
            return  # a request per file before every query would cost more than the query: `check` reads them
        for seg, manifest in self.visible() if visible is None else visible:
            problems = segment_problems(self, seg, manifest, full=False)
            if problems:
                raise StoreError(damaged_message(self, seg.name, problems[0]))

    def document_ids(self) -> set[str]:
        """Ids of every document already stored."""
        ids: set[str] = set()
        visible = self.visible()
        self.require_whole(visible)
        for path in self.files("documents", [seg for seg, _ in visible]):
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
        """Delete segments a compacted segment replaced at least REPLACED_GRACE_SECONDS ago."""
        listing = self._listing()
        now = time.time()
        replaced = {
            name
            for _, manifest in listing
            if now - _written_at(manifest) >= REPLACED_GRACE_SECONDS
            for name in manifest.get("replaces", ())
        }
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
            written = skipped = segments = undated = 0
            batch: list[Analysis] = []
            for analysis in analyses:
                if analysis.document.id in seen:
                    skipped += 1
                    continue
                seen.add(analysis.document.id)
                undated += analysis.document.published is None
                batch.append(analysis)
                if len(batch) >= segment_size:
                    self._write_segment(self._tables(batch))
                    written, segments, batch = written + len(batch), segments + 1, []
                    pa.default_memory_pool().release_unused()  # Arrow keeps freed buffers otherwise
            if batch:
                self._write_segment(self._tables(batch))
                written, segments = written + len(batch), segments + 1
        return WriteResult(written=written, skipped=skipped, segments=segments, undated=undated)

    def _tables(self, batch: list[Analysis]) -> dict[str, pa.Table]:
        """One Arrow table per store table for a batch, with story ids assigned against the store."""
        signatures = [
            signature(a.document.id, a.document.text, self.stories, _day(a.document.published), story_names(a.actors))
            for a in batch
        ]
        stored = self._candidates({key for sig in signatures for key in sig.bands})
        assignments = assign_stories(signatures, stored, self.stories)
        rows = rows_for(batch, {a.doc_id: a.story_id for a in assignments})
        tables = {t: pa.Table.from_pylist(rows[t], schema=SCHEMAS[t]) for t in TABLES}
        tables["minhash"] = pa.Table.from_pylist(minhash_rows(assignments), schema=SCHEMAS["minhash"])
        tables["dyad_weeks"] = dyad_weeks(tables["events"])
        return tables

    def _candidates(self, keys: set[int]) -> dict[int, list[StoredCandidate]]:
        """Stored documents sharing a band key with the batch, read one segment at a time."""
        if not keys:
            return {}
        import pyarrow.compute as pc  # here: a tenth of a second on the start of every query command

        wanted = pa.array(sorted(keys), type=pa.int64())
        rows: list[tuple[int, str, str, bytes, Any, Any]] = []
        for path in self.files("minhash"):
            bands = self.read_table(path, ["bands"]).column("bands").combine_chunks()
            flat = pc.list_flatten(bands)
            hit = pc.is_in(flat, value_set=wanted)
            if not pc.any(hit).as_py():
                continue
            parents = pc.filter(pc.list_parent_indices(bands), hit)
            keys_hit = pc.filter(flat, hit)
            names = ["doc_id", "story_id", "signature", "published", "names"]
            have = [n for n in names if n in self._names(path)]
            schema = pa.schema([SCHEMAS["minhash"].field(n) for n in names])
            table = _aligned(self.read_table(path, have).take(parents), schema)
            rows.extend(
                zip(
                    keys_hit.to_pylist(),
                    table.column("doc_id").to_pylist(),
                    table.column("story_id").to_pylist(),
                    table.column("signature").to_pylist(),
                    table.column("published").to_pylist(),
                    table.column("names").to_pylist(),
                    strict=True,
                )
            )
        return candidates_from_rows(rows)

    def _write_segment(self, tables: dict[str, pa.Table], replaces: tuple[str, ...] = ()) -> Any:
        from newsgraph.data_version import data_version  # here: it reads YAML, which a query does not need

        tables = {**tables, "events": sort_events(tables["events"])}
        name = f"seg-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(4)}"
        manifest = {
            "documents": tables["documents"].num_rows,
            "rows": {t: tables[t].num_rows for t in ALL_TABLES},
            "code_version": __version__,
            "data_version": data_version(),
            "stories": {"shingle": self.stories.shingle, "num_perm": self.stories.num_perm,
                        "bands": self.stories.bands, "rows": self.stories.rows, "threshold": self.stories.threshold,
                        "shared_names": self.stories.shared_names},
            "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "schema": SCHEMA_VERSION,
            "replaces": list(replaces),
        }  # fmt: skip
        files: dict[str, FileRecord] = {}
        if not self.local:
            final = self.segments / name
            try:
                self.fs.create_dir(str(final), recursive=True)  # a no-op on object stores, needed elsewhere
                for table in ALL_TABLES:
                    buffer = pa.BufferOutputStream()  # hashed as written: no second read from the bucket
                    pq.write_table(tables[table], buffer, row_group_size=EVENT_ROW_GROUP)
                    data = buffer.getvalue().to_pybytes()
                    with self.fs.open_output_stream(str(final / f"{table}.parquet")) as f:
                        f.write(data)
                    files[f"{table}.parquet"] = digest_bytes(data)
                manifest["files"] = {n: r.to_dict() for n, r in files.items()}
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
                pq.write_table(tables[table], tmp / f"{table}.parquet", row_group_size=EVENT_ROW_GROUP)
                files[f"{table}.parquet"] = digest_file(tmp / f"{table}.parquet")
            manifest["files"] = {n: r.to_dict() for n, r in files.items()}
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

        Segments written before a column existed come out with it (events' day and pair are
        derived as the writer derives them), so compaction also upgrades old segments.

        Crash-safe: the merged segment is written whole first, naming the segments it replaces
        in its manifest; readers skip replaced segments from that moment. The replaced ones stay
        on disk for REPLACED_GRACE_SECONDS, so a query that listed them before still reads them,
        and a later writer or compaction removes them.
        """
        merged = written = documents = 0
        with self.writer():
            self.require_whole()
            replaced = {name for _, m in self._listing() for name in m.get("replaces", ())}
            small = [
                (seg, m)
                for seg, m in self._listing()
                if m.get("documents", 0) < target and seg.name not in replaced
            ]
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
                tables = {t: self._concat(group, t) for t in TABLES + ("minhash",)}
                tables["events"] = derive_event_columns(tables["events"])
                # summed afresh: one row per pair-week instead of one per pair-week per old segment
                tables["dyad_weeks"] = dyad_weeks(tables["events"])
                self._write_segment(tables, replaces=tuple(seg.name for seg in group))
                merged, written = merged + len(group), written + 1
                documents += tables["documents"].num_rows
        return CompactResult(merged=merged, written=written, documents=documents)

    def _concat(self, group: list[Any], table: str) -> pa.Table:
        schema = SCHEMAS[table]
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
        visible = self.visible()
        self.require_whole(visible)
        for path in self.files("documents", [seg for seg, _ in visible]):
            for raw in self.read_table(path, ["analysis"]).column("analysis").to_pylist():
                yield Analysis.from_dict(json.loads(raw))


def _written_at(manifest: dict[str, Any]) -> float:
    """When a segment was written (seconds since the epoch; 0 for a manifest without the time)."""
    try:
        return calendar.timegm(time.strptime(manifest["written_at"], "%Y-%m-%dT%H:%M:%SZ"))
    except (KeyError, TypeError, ValueError):
        return 0.0


def _day(value: str | None) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _aligned(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table with exactly the schema's columns (missing ones null), so old and new segments concatenate."""
    columns = [
        table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reason(err: OSError) -> str:
    names = {errno.ENOSPC: "disk full", errno.EROFS: "read-only file system", errno.EACCES: "permission denied"}
    return names.get(err.errno or 0, err.strerror or str(err))
