"""Store integrity: every segment's files against the sizes and SHA-256 its manifest records.

Two depths. `segment_problems(..., full=False)` is what every reader of a local store runs first:
each file exists, has the recorded size and ends with Parquet's magic bytes (a stat and a
4-byte read per file), which catches a deleted, truncated or zeroed file. `check_store` adds
the SHA-256 of every byte and opens each Parquet file. `quarantine` moves damaged segments
to ``STORE/quarantine/`` and lists the documents they held, so `ingest` can bring them back
(it skips what the store still holds and parses only those).

A segment without a manifest is an interrupted write: readers never see it, and neither does
the check. Segments written before manifests recorded their files are checked by what they hold.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.fs as pafs

from newsgraph.store.rows import TABLES

if TYPE_CHECKING:
    from newsgraph.store.segments import Store

PARQUET_MAGIC = b"PAR1"
QUARANTINE = "quarantine"
_CHUNK = 1 << 20


class StoreError(Exception):
    """The store cannot be read or written; the message is one line naming the store."""


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a manifest records of one file: its size in bytes and its SHA-256."""

    bytes: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"bytes": self.bytes, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class SegmentCheck:
    """One damaged segment: its name and one line per damaged file."""

    segment: str
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What `check_store` looked at and what it found damaged."""

    segments: int
    files: int
    damaged: tuple[SegmentCheck, ...]


@dataclass(frozen=True, slots=True)
class Quarantined:
    """One segment moved out of the store, with the file listing the documents it held."""

    segment: str
    moved_to: str
    listing: str
    documents: int
    sources: tuple[str, ...]


def digest_bytes(data: bytes) -> FileRecord:
    """Size and SHA-256 of bytes about to be written."""
    return FileRecord(len(data), hashlib.sha256(data).hexdigest())


def digest_file(path: Path) -> FileRecord:
    """Size and SHA-256 of a local file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileRecord(size, digest.hexdigest())


def _digest_stream(store: Store, path: str) -> FileRecord:
    digest = hashlib.sha256()
    size = 0
    with store.fs.open_input_stream(path) as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileRecord(size, digest.hexdigest())


def expected_files(manifest: dict[str, Any]) -> dict[str, FileRecord | None]:
    """The files a segment must hold: those its manifest records, else (older segments) the main tables."""
    recorded = manifest.get("files")
    if isinstance(recorded, dict) and recorded:
        return {name: FileRecord(int(v["bytes"]), str(v["sha256"])) for name, v in recorded.items()}
    return {f"{table}.parquet": None for table in TABLES}


def segment_problems(store: Store, seg: Any, manifest: dict[str, Any], full: bool) -> list[str]:
    """One line per damaged file of a segment: missing, wrong size, not Parquet, wrong SHA-256 (``full``), unreadable."""
    expected = expected_files(manifest)
    paths = [str(seg / name) for name in expected]
    infos = store.fs.get_file_info(paths)
    problems = []
    for (name, record), path, info in zip(expected.items(), paths, infos, strict=True):
        if info.type != pafs.FileType.File:
            problems.append(f"{name} is missing")
            continue
        if record is not None and info.size != record.bytes:
            problems.append(f"{name} has {info.size:,} bytes, the manifest says {record.bytes:,}")
            continue
        if not _ends_with_magic(store, path, info.size):
            problems.append(f"{name} is not a whole Parquet file (no footer)")
            continue
        if not full:
            continue
        try:
            actual = digest_file(Path(path)) if store.local else _digest_stream(store, path)
        except OSError as err:
            problems.append(f"{name} cannot be read ({err.strerror or err})")
            continue
        if record is not None and actual.sha256 != record.sha256:
            problems.append(f"{name} has other bytes than were written (SHA-256 differs)")
            continue
        if (why := _parquet_problem(store, path)) is not None:
            problems.append(f"{name} does not open as Parquet ({why})")
    return problems


def _ends_with_magic(store: Store, path: str, size: int | None) -> bool:
    if not size or size < 2 * len(PARQUET_MAGIC):
        return False
    if not store.local:
        return True  # object storage: the full check reads every byte
    try:
        with open(path, "rb") as f:
            f.seek(-len(PARQUET_MAGIC), os.SEEK_END)
            return f.read() == PARQUET_MAGIC
    except OSError:
        return False


def _parquet_problem(store: Store, path: str) -> str | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(path, filesystem=None if store.local else store.fs) as parquet:
            parquet.schema_arrow  # noqa: B018  -- reading the footer's schema is the check
    except (OSError, pa.ArrowException) as err:
        return str(err).splitlines()[0][:120]
    return None


def damaged_message(store: Store, segment: str, problem: str) -> str:
    """The one line a reader gives for a damaged segment: which, why, and the command that repairs it."""
    return (
        f"segment {segment} of store {store.root} is damaged: {problem}; "
        f"run `newsgraph check --repair --store {store.root}`"
    )


def check_store(store: Store) -> CheckReport:
    """Every visible segment checked in full (sizes, SHA-256, Parquet footers)."""
    visible = store.visible()
    damaged = []
    files = 0
    for seg, manifest in visible:
        files += len(expected_files(manifest))
        problems = segment_problems(store, seg, manifest, full=True)
        if problems:
            damaged.append(SegmentCheck(seg.name, tuple(problems)))
    return CheckReport(segments=len(visible), files=files, damaged=tuple(damaged))


def quarantine(store: Store, damaged: tuple[SegmentCheck, ...]) -> list[Quarantined]:
    """Move damaged segments to ``STORE/quarantine/`` (under the write lock) and list the documents they held."""

    if not store.local:
        raise StoreError("check --repair moves segments on a local store only; on object storage, move them by hand")
    moved = []
    with store.writer():
        folder = store.root / QUARANTINE
        folder.mkdir(exist_ok=True)
        for item in damaged:
            seg = store.segments / item.segment
            if not seg.is_dir():
                continue
            lost = lost_documents(store, seg)
            listing = folder / f"{item.segment}.documents.jsonl"
            with listing.open("w", encoding="utf-8") as f:
                for row in lost:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
            target = folder / item.segment
            os.rename(seg, target)  # out of segments/: readers stop seeing it at once
            sources = tuple(sorted({row["source"] for row in lost if row.get("source")}))
            moved.append(Quarantined(item.segment, str(target), str(listing), len(lost), sources))
    return moved


def lost_documents(store: Store, seg: Path) -> list[dict[str, Any]]:
    """Ids, sources and URLs of a segment's documents; from another table's ids when the documents file is damaged."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(seg / "documents.parquet", columns=["doc_id", "source", "url"])
        return [{"id": r["doc_id"], "source": r["source"], "url": r["url"]} for r in table.to_pylist()]
    except (OSError, pa.ArrowException):
        pass
    for name in ("minhash", "actors", "events", "quotes", "dates", "amounts", "claims"):
        try:
            ids = pq.read_table(seg / f"{name}.parquet", columns=["doc_id"]).column("doc_id").to_pylist()
        except (OSError, pa.ArrowException, KeyError):
            continue
        if ids:
            return [{"id": doc_id, "source": None, "url": None} for doc_id in dict.fromkeys(ids)]
    return []
