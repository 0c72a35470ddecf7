"""Hand-made actors for tests of one extractor: every occurrence of a name is a mention, no actor coder involved."""

from __future__ import annotations

from newsgraph.records import Actor, ActorKind


def mentions_of(text: str, name: str) -> tuple[tuple[int, int], ...]:
    """The character spans of every occurrence of ``name`` in ``text``."""
    spans, start = [], text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return tuple(spans)


def coded_actors(text: str, codes: dict[str, str], kind: ActorKind = "country", with_role: bool = False) -> list[Actor]:
    """One actor per name with its CAMEO code (country = the first three letters, role the next three if asked)."""
    return [
        Actor(f"a{i}", name, code, code[:3], (code[3:6] or None) if with_role else None, kind, mentions_of(text, name))
        for i, (name, code) in enumerate(codes.items())
    ]
