"""Stories: near-duplicate and same-story detection with MinHash LSH over word shingles.

Every stored document carries a story id: the id of the first stored document of its
story. A new document joins the story of its most similar stored (or same-batch)
document when their estimated Jaccard similarity reaches ``StoryOptions.threshold``, both
appeared within ``max_days`` and, unless they are near-duplicates, they name at least one
person or organization in common (when both name any): templated briefs ("X SETS
QUARTERLY DIVIDEND", "Y ISSUES EUROBOND") share most of their words but not their
companies. Otherwise it starts a story of its own.

The LSH index is not held in memory: each document's band keys are stored in the
``minhash`` table of its segment, and a batch finds its candidates with one DuckDB join
over that table, so an ingest's memory does not grow with the store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
import pyarrow as pa

from newsgraph.records import Actor

WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Shingle size, MinHash permutations, the same-story and near-duplicate Jaccard thresholds."""

    shingle: int = 3
    num_perm: int = 128
    threshold: float = 0.3
    duplicate: float = 0.8
    max_days: int = 7  # a story's articles appear within a week of each other: templated briefs months apart do not
    shared_names: bool = True  # below ``duplicate``, documents that both name people or organizations must share one
    seed: int = 1
    bands: int = field(init=False)
    rows: int = field(init=False)

    def __post_init__(self) -> None:
        bands, rows = optimal_bands(self.threshold, self.num_perm)
        object.__setattr__(self, "bands", bands)
        object.__setattr__(self, "rows", rows)


# MinHash as datasketch 2.0 computes it (scheme "affine32", SHA-1 input hashes), bit for bit, so that
# signatures stored by earlier versions still match; tests/test_stories_minhash.py compares the two.
# Written out because the library brings SciPy (140 MB, a second on every start) for one integral.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The odd multipliers and the offsets of the affine permutations h -> a * h + b (mod 2^32)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash_values(grams: Sequence[bytes], num_perm: int, seed: int) -> np.ndarray:
    """The MinHash signature of a set of byte strings: per permutation, the least permuted hash (uint32)."""
    values = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if not grams:
        return values
    hv = np.array([int.from_bytes(hashlib.sha1(g).digest()[:4], "little") for g in grams], dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32  # MurmurHash3's finalizer mixes the input hashes once
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    a, b = _permutations(num_perm, seed)
    return np.minimum(values, (hv.reshape(-1, 1) * a + b).min(axis=0))


@lru_cache(maxsize=8)
def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH bands x rows minimizing the false-positive plus false-negative probability mass around ``threshold``
    (datasketch's ``_optimal_param`` with equal weights; its integrals by the trapezoid rule)."""
    below = np.linspace(0.0, threshold, 2001)
    above = np.linspace(threshold, 1.0, 2001)
    best, choice = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = np.trapezoid(1 - (1 - below**rows) ** bands, below)
            false_negative = np.trapezoid((1 - above**rows) ** bands, above)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best:
                best, choice = error, (bands, rows)
    return choice


@dataclass(frozen=True, slots=True)
class Signature:
    """One document's MinHash signature and LSH band keys."""

    doc_id: str
    values: np.ndarray  # uint32, num_perm
    bands: tuple[int, ...]
    published: date | None = None
    names: frozenset[int] = frozenset()  # hashed names of the people and organizations it names

    def jaccard(self, other: np.ndarray) -> float:
        """Estimated Jaccard similarity to another signature of the same length."""
        return float(np.count_nonzero(self.values == other)) / len(self.values)


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """A document's story: its story id, the document it matched (if any) and their similarity."""

    doc_id: str
    story_id: str
    matched: str | None
    similarity: float | None
    duplicate: bool
    signature: Signature


MINHASH_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("story_id", pa.string()),
        ("matched", pa.string()),
        ("similarity", pa.float32()),
        ("duplicate", pa.bool_()),
        ("published", pa.date32()),
        ("bands", pa.list_(pa.int64())),
        ("signature", pa.binary()),
        ("names", pa.list_(pa.int64())),
    ]
)


def shingles(text: str, size: int) -> list[bytes]:
    """Lower-cased word n-grams of the text (the whole text as one shingle when shorter than n)."""
    words = WORD.findall(text.casefold())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def name_keys(names: Iterable[str]) -> frozenset[int]:
    """Hashes of names as a story compares them: case, spacing and a leading "the" ignored."""
    keys = set()
    for name in names:
        words = name.casefold().split()
        if words and words[0] == "the":
            words = words[1:]
        if words:
            keys.add(_key(" ".join(words).encode()))
    return frozenset(keys)


def _key(data: bytes) -> int:
    """A signed 64-bit hash (an int64 column value) of some bytes."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def story_names(actors: Iterable[Actor]) -> list[str]:
    """The names a story is compared by: its people, organizations and groups (not its countries
    or places, which unrelated stories share)."""
    return [a.name for a in actors if a.kind in ("person", "organization", "group")]


def signature(
    doc_id: str, text: str, options: StoryOptions, published: date | None = None, names: Iterable[str] = ()
) -> Signature:
    """MinHash signature and band keys of one text (no bands for an empty text: it matches nothing);
    ``names`` are the people and organizations it names (``actors`` of those kinds)."""
    grams = shingles(text, options.shingle)
    values = minhash_values(grams, options.num_perm, options.seed)
    keys = name_keys(names)
    if not grams:
        return Signature(doc_id, values, (), published, keys)
    bands = []
    for band in range(options.bands):
        chunk = values[band * options.rows : (band + 1) * options.rows].tobytes()
        # the band number is part of the key, so keys from different bands never collide
        bands.append(_key(band.to_bytes(2, "little") + chunk))
    return Signature(doc_id, values, tuple(bands), published, keys)


@dataclass(frozen=True, slots=True)
class StoredCandidate:
    """A stored document sharing at least one band key with a new one."""

    doc_id: str
    story_id: str
    values: np.ndarray
    published: date | None = None
    names: frozenset[int] = frozenset()


def assign_stories(
    signatures: Sequence[Signature],
    stored: dict[int, list[StoredCandidate]],
    options: StoryOptions,
) -> list[StoryAssignment]:
    """Story ids for a batch of signatures in order, given the stored candidates by band key.

    A document matches the most similar candidate at or above the threshold: stored
    documents and the batch's earlier documents alike; ties go to the earliest id.
    """
    local: dict[int, list[int]] = {}  # band key -> positions of earlier documents in this batch
    out: list[StoryAssignment] = []
    for pos, sig in enumerate(signatures):
        best: tuple[float, str, str] | None = None  # (similarity, doc id, story id)
        checked: set[str] = set()
        for key in sig.bands:
            for cand in stored.get(key, ()):
                if cand.doc_id not in checked and _near(sig.published, cand.published, options):
                    checked.add(cand.doc_id)
                    similarity = sig.jaccard(cand.values)
                    if _same_actors(sig.names, cand.names, similarity, options):
                        best = _better(best, similarity, cand.doc_id, cand.story_id, options)
            for earlier in local.get(key, ()):
                prev = out[earlier]
                if prev.doc_id not in checked and _near(sig.published, prev.signature.published, options):
                    checked.add(prev.doc_id)
                    similarity = sig.jaccard(prev.signature.values)
                    if _same_actors(sig.names, prev.signature.names, similarity, options):
                        best = _better(best, similarity, prev.doc_id, prev.story_id, options)
        for key in sig.bands:
            local.setdefault(key, []).append(pos)
        if best is None:
            out.append(StoryAssignment(sig.doc_id, sig.doc_id, None, None, False, sig))
        else:
            similarity, matched, story = best
            out.append(StoryAssignment(sig.doc_id, story, matched, similarity, similarity >= options.duplicate, sig))
    return out


def _near(a: date | None, b: date | None, options: StoryOptions) -> bool:
    """Whether two publication dates are close enough for one story (unknown dates do not separate)."""
    return a is None or b is None or abs((a - b).days) <= options.max_days


def _same_actors(a: frozenset[int], b: frozenset[int], similarity: float, options: StoryOptions) -> bool:
    """Whether two similar texts can be one story by whom they name: near-duplicates always can;
    otherwise two documents that both name people or organizations must share one."""
    return not options.shared_names or similarity >= options.duplicate or not (a and b) or not a.isdisjoint(b)


def _better(
    best: tuple[float, str, str] | None, similarity: float, doc_id: str, story_id: str, options: StoryOptions
) -> tuple[float, str, str] | None:
    if similarity < options.threshold:
        return best
    if best is None or similarity > best[0] or (similarity == best[0] and doc_id < best[1]):
        return (similarity, doc_id, story_id)
    return best


def minhash_rows(assignments: Sequence[StoryAssignment]) -> list[dict[str, object]]:
    """Rows of the ``minhash`` table for a batch's assignments."""
    return [
        {
            "doc_id": a.doc_id,
            "story_id": a.story_id,
            "matched": a.matched,
            "similarity": a.similarity,
            "duplicate": a.duplicate,
            "published": a.signature.published,
            "bands": list(a.signature.bands),
            "signature": a.signature.values.astype("<u4").tobytes(),
            "names": sorted(a.signature.names),
        }
        for a in assignments
    ]


def candidates_from_rows(
    rows: Sequence[tuple[int, str, str, bytes, date | None, Sequence[int] | None]],
) -> dict[int, list[StoredCandidate]]:
    """Stored candidates by band key from (key, doc id, story id, signature bytes, published,
    name keys) rows; segments written before names were kept give None (no names)."""
    out: dict[int, list[StoredCandidate]] = {}
    cache: dict[str, StoredCandidate] = {}
    for key, doc_id, story_id, raw, published, names in rows:
        cand = cache.get(doc_id)
        if cand is None:
            values = np.frombuffer(raw, dtype="<u4")
            cand = cache[doc_id] = StoredCandidate(doc_id, story_id, values, published, frozenset(names or ()))
        out.setdefault(key, []).append(cand)
    return out
