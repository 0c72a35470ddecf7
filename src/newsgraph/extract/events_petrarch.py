"""Read a PETRARCH/TABARI verb dictionary into newsgraph's event-pattern records.

PETRARCH's format is its own (synsets ``&NAME`` with ``+member`` lines; verb blocks
``--- NAME [code] ---`` listing verbs with irregular forms in braces and an optional
per-verb code; pattern lines ``- words * words [code]``). We read it only to convert
it: the result is plain dicts, the same shape as the JSONL lines of
``event-patterns-*.jsonl`` (``kind`` "verb" or "pattern"), so the packaged CAMEO
dictionary and the PETRARCH unit-test dictionary go through one code path.

Conversion choices (why):
- Role markers in patterns (``$`` source, ``+`` target, ``%`` compound, ``^`` skip) are
  dropped: roles come from the dependency parse, not from word positions.
- ``_`` (adjacency) becomes a word boundary; order is kept, adjacency is not.
- A word ending in ``_`` must match exactly; other words of 4+ letters match as
  prefixes, as TABARI stems did ("VIOLAT" matches "violates").
- ``[a:b]``: ``a`` is the code source→target, ``b`` the code of the reversed pair
  (visit 042 / host 043); ``---`` or an empty side means "no event".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^-{3}\s*([^\[\s]+)\s*\[([^\]]*)\]")
_COMMENT = re.compile(r"<!--.*?-->")


def _strip_comment(line: str) -> str:
    line = _COMMENT.sub("", line)
    cut = line.find("#")
    return (line[:cut] if cut >= 0 else line).rstrip()


def split_code(raw: str) -> tuple[str | None, str | None]:
    """'042:043' -> ('042', '043'); '---' -> (None, None); ':173' -> (None, '173')."""
    raw = raw.strip()
    if ":" in raw:
        fwd, rev = raw.split(":", 1)
    else:
        fwd, rev = raw, ""
    clean = [c.strip() if c.strip() and not c.strip().startswith("-") else None for c in (fwd, rev)]
    return clean[0], clean[1]


def _words(text: str) -> list[str]:
    """Pattern text -> lowercase words, ``_`` and brackets as separators, role markers dropped."""
    text = text.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    out: list[str] = []
    for chunk in text.split():
        for part in re.split(r"_(?=.)", chunk):  # keep a trailing "_" (exact-match marker)
            if part and part not in {"$", "+", "%", "^"}:
                out.append(part.lower())
    return out


def _expand(word: str, synsets: dict[str, list[str]], depth: int = 0) -> list[str]:
    """A synset reference becomes its members (recursively); a plain word stays itself."""
    name = word.lstrip("&").rstrip("_").upper()
    if word.startswith("&") and name in synsets and depth < 4:
        out: list[str] = []
        for member in synsets[name]:
            if member.startswith("&"):
                out.extend(_expand(member.lower(), synsets, depth + 1))
            else:
                out.append(member.replace("_", " ").strip().lower() + ("_" if member.endswith("_") else ""))
        return [m.replace(" _", "_") for m in out]
    return [word]


def _elements(words: list[str], synsets: dict[str, list[str]]) -> list[list[str]]:
    return [_expand(w, synsets) for w in words if w != "*"]


def parse_petrarch_verbs(lines: Iterable[str], source: str) -> list[dict[str, Any]]:
    """Convert PETRARCH verb-dictionary lines to 'verb' and 'pattern' records."""
    raw = [_strip_comment(line) for line in lines]
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in raw:  # first pass: synsets may be used before they are defined
        s = line.strip()
        if "TRANSFORMATIONS" in s:
            break
        if s.startswith("&"):
            current = s[1:].split()[0].rstrip("_").upper() if len(s) > 1 else None
            if current:
                synsets[current] = []
        elif s.startswith("+") and current is not None:
            synsets[current].append(s[1:].strip())
        elif not s or s.startswith("---"):
            current = None

    records: list[dict[str, Any]] = []
    block: str | None = None
    block_code: tuple[str | None, str | None] = (None, None)
    in_synset = False
    for line in raw:
        s = line.strip()
        if s.startswith("~") or "TRANSFORMATIONS" in s:
            break
        if not s:
            in_synset = False
            continue
        if s.startswith("&"):
            in_synset = True
            continue
        header = _HEADER.match(s)
        if header:
            block = header.group(1).strip().rstrip("_")
            block_code = split_code(header.group(2))
            in_synset = False
            continue
        if in_synset or block is None:
            continue
        code_match = _CODE.search(s)
        code = split_code(code_match.group(1)) if code_match else None
        body = _CODE.sub("", s).strip()
        if s.startswith("-"):
            words = _words(body[1:])
            if "*" not in words:
                continue
            star = words.index("*")
            records.append(
                {
                    "kind": "pattern",
                    "block": block,
                    "code": code[0] if code else block_code[0],
                    "reverse_code": code[1] if code else block_code[1],
                    "before": _elements(words[:star], synsets),
                    "after": _elements(words[star + 1 :], synsets),
                    "source": source,
                }
            )
            continue
        records.extend(_verb_records(body, block, code or block_code, source))
    return records


def _verb_records(body: str, block: str, code: tuple[str | None, str | None], source: str) -> list[dict[str, Any]]:
    """One verb line: the base form, its irregular forms, and any phrase words around it."""
    forms_match = re.search(r"\{([^}]*)\}", body)
    forms = forms_match.group(1).split() if forms_match else []
    head = re.sub(r"\{[^}]*\}", "", body).split()
    if not head:
        return []
    entry = head[0]
    parts = [p for p in entry.split("_") if p]
    if entry.startswith("+") or any(p.startswith("+") for p in parts):
        # multi-word verb: "+" marks the verb; the other words must stand next to it
        idx = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
        verb = parts[idx].lstrip("+").lower()
        before, after = [p.lower() for p in parts[:idx]], [p.lower() for p in parts[idx + 1 :]]
        forms = [f.lstrip("+").split("_")[0] for f in forms]
    elif len(parts) > 1:
        verb, before, after = parts[0].lower(), [], [p.lower() for p in parts[1:]]
    else:
        verb, before, after = entry.lower(), [], []
    return [
        {
            "kind": "verb",
            "lemma": verb,
            "forms": sorted({f.lower() for f in forms if f.lower() != verb}),
            "phrase_before": before,
            "phrase_after": after,
            "block": block,
            "code": code[0],
            "reverse_code": code[1],
            "source": source,
        }
    ]


def read_petrarch_verbs(path: Path) -> list[dict[str, Any]]:
    """Read a PETRARCH verb dictionary file (latin-1 tolerant) into records."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return parse_petrarch_verbs(text.splitlines(), source=f"petrarch:{path.name}")
