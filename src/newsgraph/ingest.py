"""Ingest: files, folders, stdin, JSONL, (gzipped) HTML and WARC/WET archives → raw items.

Every input becomes a stream of `RawItem` (one article, not yet cleaned) or `Problem`
(one line saying which file failed and why). A bad file never stops the others.
A text or HTML file may have a sidecar ``FILE.meta.json`` beside it giving its ``published``,
``url``, ``title`` and ``id``; a JSONL file's field names are mapped with `Fields`.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from newsgraph.records import DOC_ID_PATTERN

from newsgraph.decode import charset_of, decode_html

#: spaCy's default ``nlp.max_length``; one document above it is refused, not truncated (for a page,
#: the limit applies to the text cleaned from it, see newsgraph.pipeline).
MAX_DOCUMENT_CHARS = 1_000_000
#: A single-document file (or HTML page) larger than this is refused before it is read.
MAX_FILE_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".wet"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("published", "url", "title", "id")
MAX_SIDECAR_BYTES = 1024 * 1024
_DOC_ID = re.compile(DOC_ID_PATTERN)
#: date spellings seen in news exports besides ISO 8601 (Reuters-21578: "26-FEB-1987 15:01:01.79")
DATE_FORMATS = (
    "%Y%m%d", "%d %b %Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y",
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fields:
    """Where a JSONL line keeps each part of a document: a key, or a dotted path into nested objects."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    url: str = "url"


DEFAULT_FIELDS = Fields()


@dataclass(frozen=True, slots=True)
class InputOptions:
    """How inputs are read: the JSONL field map, and whether sidecar ``.meta.json`` files are read."""

    fields: Fields = DEFAULT_FIELDS
    sidecars: bool = True


@dataclass(frozen=True, slots=True)
class RawItem:
    """One article as found: its content, whether it is HTML, and what the source said of it."""

    source: str
    content: str
    is_html: bool
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    line: int | None = None  # its line in a JSONL file, so that a later problem names it

    @property
    def where(self) -> str:
        """The file, and the line for a JSONL document: what a problem with this item names."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass(frozen=True, slots=True)
class Problem:
    """A file or line that could not be read, with a one-line reason."""

    source: str
    message: str
    items: int = 1  # documents it stands for (one line can name every line of a file that lacks a field)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def iter_inputs(
    paths: Iterable[str], stdin: IO[bytes] | None = None, options: InputOptions | None = None
) -> Iterator[RawItem | Problem]:
    """Yield raw items (or problems) from every path; ``-`` is standard input; folders recurse."""
    opts = options or InputOptions()
    for name in paths:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _read_bytes("<stdin>", "", data, opts.fields)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _iter_folder(path, opts)
        elif not path.exists():
            yield Problem(name, "no such file or directory")
        else:
            yield from _read_file(path, opts)


def missing_paths(paths: Iterable[str]) -> list[str]:
    """The paths (not ``-``) that do not exist, checked before anything loads the model."""
    return [name for name in paths if name != "-" and not os.path.lexists(name)]


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
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 2822, as in RSS and e-mail
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"unreadable date {text!r} (expected YYYY-MM-DD)")


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be a document id, or None: ids travel in URL paths (``/documents/{id}``)."""
    if _DOC_ID.fullmatch(value):
        return None
    return f"id {value[:60]!r} cannot travel in a URL path (use letters, digits and _ . : - only, at most 128)"


def _iter_folder(folder: Path, opts: InputOptions) -> Iterator[RawItem | Problem]:
    def on_error(err: OSError) -> None:
        problems.append(Problem(str(err.filename or folder), f"cannot read folder: {err.strerror}"))

    problems: list[Problem] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from problems
        problems.clear()
        for file in sorted(files):
            path = Path(root, file)
            if not file.startswith(".") and _suffix(path) in KNOWN_SUFFIXES:
                yield from _read_file(path, opts)
    yield from problems


def _suffix(path: Path) -> str:
    """The suffix that says what a file holds, looking through ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes and len(suffixes[-1]) <= 8 else ""


def _read_file(path: Path, opts: InputOptions) -> Iterator[RawItem | Problem]:
    name = str(path)
    suffix = _suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            with _open_maybe_gzip(path) as stream:
                yield from _read_jsonl(name, stream, opts.fields)
            return
        if suffix in WARC_SUFFIXES:
            yield from _read_warc(path)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Problem(name, f"file too large ({size / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB per document)")
            return
        data = path.read_bytes()
    except (OSError, EOFError, zlib.error) as err:
        yield Problem(name, _os_message(err))
        return
    meta: dict[str, str] = {}
    if opts.sidecars and (sidecar := find_sidecar(path)) is not None:
        found = read_sidecar(sidecar)
        if isinstance(found, Problem):
            yield found
            return
        meta = found
    for item in _read_bytes(name, suffix, data, opts.fields):
        yield replace(item, **meta) if meta and isinstance(item, RawItem) else item


def find_sidecar(path: Path) -> Path | None:
    """``FILE.meta.json`` beside ``path``: ``a.txt.meta.json``, else ``a.meta.json`` (suffixes and ``.gz`` dropped)."""
    stem = path.name
    while Path(stem).suffix.lower() in KNOWN_SUFFIXES | {".gz"} and Path(stem).suffix:
        stem = Path(stem).stem
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(stem + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, str] | Problem:
    """The ``published``, ``url``, ``title`` and ``id`` a sidecar gives (other keys are notes), checked."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            return Problem(name, "sidecar too large for a .meta.json")
        data = json.loads(path.read_bytes())
    except OSError as err:
        return Problem(name, _os_message(err))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return Problem(name, f"malformed sidecar ({_json_message(err)})")
    if not isinstance(data, dict):
        return Problem(name, "a sidecar must be a JSON object")
    meta = {key: str(data[key]) for key in SIDECAR_FIELDS if data.get(key) not in (None, "")}
    try:
        if "published" in meta:
            meta["published"] = normalize_date(meta["published"]) or ""
    except ValueError as err:
        return Problem(name, f"published: {err}")
    if "id" in meta and (why := id_problem(meta["id"])):
        return Problem(name, why)
    return meta


def _json_message(err: ValueError) -> str:
    """json's message without a doubled "at" ("Invalid control character at" + " at column")."""
    if isinstance(err, json.JSONDecodeError):
        joiner = " column" if err.msg.endswith(" at") else " at column"
        return f"{err.msg}{joiner} {err.colno}"
    return str(err)


def _read_bytes(name: str, suffix: str, data: bytes, fields: Fields) -> Iterator[RawItem | Problem]:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            yield Problem(name, f"corrupt or truncated gzip ({err})")
            return
    problem = _refuse(data)
    if problem:
        yield Problem(name, problem)
        return
    text = decode(data)
    if suffix in JSONL_SUFFIXES or (not suffix and name == "<stdin>" and _looks_like_jsonl(text)):
        yield from _read_jsonl(name, io.StringIO(text), fields)
        return
    is_html = suffix in HTML_SUFFIXES or looks_like_html(text)
    # a page's size is limited as a file's; the per-document limit applies to the text cleaned from it
    if is_html and len(data) > MAX_FILE_BYTES:
        yield Problem(name, f"page too large ({len(data) / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB per document)")
        return
    if not is_html and len(text) > MAX_DOCUMENT_CHARS:
        yield Problem(name, f"document too long ({len(text):,} characters > {MAX_DOCUMENT_CHARS:,})")
        return
    yield RawItem(source=name, content=decode_html(data) if is_html else text, is_html=is_html)


def _refuse(data: bytes) -> str | None:
    """Why these bytes cannot be an article, or None."""
    if not data.strip():
        return "empty file"
    head = data[:8192]
    if b"\x00" in head:
        return "binary file (NUL bytes), not text or HTML"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) * 0.05:
        return "binary file (control bytes), not text or HTML"
    return None


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 when it mostly is (bad bytes replaced), else Windows-1252/Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good_multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good_multibyte > bad:
        return text  # UTF-8 with a few broken bytes: keep the UTF-8 reading
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_like_html(text: str) -> bool:
    """True when the text opens like an HTML page or fragment."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or any(
        tag in head for tag in ("<body", "<head", "<div", "<p>", "<article")
    )


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    return first == "{" and text.lstrip().split("\n", 1)[0].rstrip().endswith("}")


def _open_maybe_gzip(path: Path) -> IO[str]:
    with path.open("rb") as probe:
        magic = probe.read(2)
    raw: IO[bytes] = gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace")


def _read_jsonl(name: str, stream: Iterable[str], fields: Fields) -> Iterator[RawItem | Problem]:
    """One document per line, its parts where `fields` says (default ``{"id", "text" or "html", "published",
    "url", "title"}``). Lines without the text field before any line with it are reported once, at the end."""
    lacking, lacking_keys, had_text = 0, "", False
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(where, f"malformed JSON ({_json_message(err)})")
            continue
        if not isinstance(record, dict):
            yield Problem(where, "a line must be a JSON object")
            continue
        html, text = _field(record, fields.html), _field(record, fields.text)
        if html is _ABSENT and text is _ABSENT:
            if had_text:
                yield Problem(where, f'no "{fields.text}" or "{fields.html}" field')
            else:  # most likely every line: said once, naming the fields the lines do have
                lacking += 1
                lacking_keys = lacking_keys or ", ".join(sorted(record)[:20])
            continue
        had_text = True
        content = html if isinstance(html, str) and html.strip() else text
        if not isinstance(content, str) or not content.strip():
            yield Problem(where, f'empty "{fields.text if text is not _ABSENT else fields.html}" field')
            continue
        is_html = content is html or looks_like_html(content)
        limit = MAX_FILE_BYTES if is_html else MAX_DOCUMENT_CHARS
        if len(content) > limit:
            yield Problem(where, f"document too long ({len(content):,} characters > {limit:,})")
            continue
        published = _field(record, fields.published)
        if published is _ABSENT and fields.published == DEFAULT_FIELDS.published:
            published = _field(record, "date")
        try:
            day = normalize_date(_str_or_none(published))
        except ValueError as err:
            yield Problem(where, f"{fields.published}: {err}")
            continue
        doc_id = _str_or_none(_field(record, fields.id))
        if doc_id is not None and (why := id_problem(doc_id)):
            yield Problem(where, why)
            continue
        yield RawItem(
            source=name,
            content=content,
            is_html=is_html,
            id=doc_id,
            url=_str_or_none(_field(record, fields.url)),
            title=_str_or_none(_field(record, fields.title)),
            published=day,
            line=number,
        )
    if lacking:
        flags = "--text-field" if fields.text == DEFAULT_FIELDS.text else "another --text-field"
        yield Problem(
            name,
            f'{lacking} line{"s" * (lacking > 1)} without a "{fields.text}" or "{fields.html}" field '
            f"(the lines have: {lacking_keys}); name the article's field with {flags} or --html-field",
            items=lacking,
        )


_ABSENT: Any = object()


def _field(record: dict[str, Any], path: str) -> Any:
    """The value at ``path`` ("body", or "meta.published" into nested objects); _ABSENT when there is none."""
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return _ABSENT
        value = value[part]
    return value


def _read_warc(path: Path) -> Iterator[RawItem | Problem]:
    """HTML responses and WET text conversions from a (gzipped) WARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    count = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{name}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
                ctype = ""
                if record.rec_type == "response":
                    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                    if "html" not in ctype.lower():
                        continue
                    is_html = True
                elif record.rec_type == "conversion":
                    is_html = False
                else:
                    continue
                data = record.content_stream().read()
                if _refuse(data):
                    continue
                count += 1
                text = decode_html(data, charset_of(ctype)) if is_html else decode(data)
                yield RawItem(source=where, content=text, is_html=is_html, url=uri)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as err:
        yield Problem(name, f"unreadable WARC ({err})")
        return
    if count == 0:
        yield Problem(name, "WARC has no HTML response or text conversion records")


def _str_or_none(value: object) -> str | None:
    if value is None or value is _ABSENT or value == "":
        return None
    return " ".join(value.split()) if isinstance(value, str) else str(value)


def _os_message(err: BaseException) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return f"unreadable ({err})"


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many items `iter_inputs` will yield, for a progress bar; None when unknown (stdin, WARC)."""
    total = 0
    for name in paths:
        path = Path(name)
        if name == "-" or (path.is_file() and _suffix(path) in WARC_SUFFIXES):
            return None
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            suffix = _suffix(file)
            if suffix in WARC_SUFFIXES:
                return None
            if suffix in JSONL_SUFFIXES:
                try:
                    with _open_maybe_gzip(file) as stream:
                        total += sum(1 for line in stream if line.strip())
                except (OSError, EOFError, zlib.error):
                    total += 1
            elif suffix in KNOWN_SUFFIXES and not file.name.startswith("."):
                total += 1
    return total
