"""Read PETRARCH/TABARI actor and agent dictionaries into plain entry records.

The format (openeventdata/petrarch2, docs/source/dictionaries.rst): an actor record is a
primary phrase, optional ``+synonym`` lines and optional tab-indented ``[CODE range]``
lines, where range is ``<date``, ``>date`` or ``date-date`` (YYMMDD or YYYYMMDD). As in
PETRARCH's reader, codeless primary phrases that follow each other share the codes of the
next record that has codes. Agents are ``PHRASE {plural} [~ROLE]`` lines with ``!MARKER!``
substitution sets. Used by ``tools/convert_phoenix.py`` and ``ActorData.from_petrarch``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_COMMENT_XML = re.compile(r"<!--.*?-->", re.S)
_BRACKET = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class CodeRange:
    """A CAMEO code valid from ``start`` to ``end`` (inclusive; None = open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the range."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class DictActor:
    """One actor record: its phrases and dated codes, as read from a dictionary."""

    name: str
    aliases: tuple[str, ...]
    ranges: tuple[CodeRange, ...]
    default: str | None


@dataclass(frozen=True, slots=True)
class DictAgent:
    """One agent phrase: ``role`` goes after the country code, or before it when ``prefix``."""

    phrase: str
    role: str
    prefix: bool


def parse_petrarch_date(text: str) -> date | None:
    """YYMMDD or YYYYMMDD to a date (PETRARCH reads two-digit years below 30 as 20xx)."""
    digits = text.strip()
    if not digits.isdigit():
        return None
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year < 30 else 1900
            return date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return None


def parse_code(inner: str) -> CodeRange | None:
    """The inside of ``[...]``: a code with an optional date restriction."""
    parts = inner.strip().split(None, 1)
    if not parts:
        return None
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    if not rest:
        return CodeRange(code)
    rest = rest.replace(" ", "")
    if rest[0] == "<":
        end = parse_petrarch_date(rest[1:])
        return CodeRange(code, None, end) if end else None
    if rest[0] == ">":
        start = parse_petrarch_date(rest[1:])
        return CodeRange(code, start, None) if start else None
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = parse_petrarch_date(a), parse_petrarch_date(b)
        if start and end and start <= end:
            return CodeRange(code, start, end)
    return None


def phrase_text(raw: str) -> str:
    """A dictionary phrase as words: underscores become spaces, comments dropped."""
    text = raw.split("#", 1)[0].split(";", 1)[0]
    text = _BRACKET.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def _lines(path: Path) -> Iterator[str]:
    text = _COMMENT_XML.sub("", path.read_text(encoding="utf-8", errors="replace"))
    for line in text.splitlines():
        if "---STOP---" in line:
            return
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.rstrip()


def read_actors(path: Path) -> list[DictActor]:
    """All actor records of one PETRARCH actor dictionary, in file order."""
    records: list[DictActor] = []
    phrases: list[str] = []
    ranges: list[CodeRange] = []
    default: list[str] = []

    def flush() -> None:
        if phrases and (ranges or default):
            records.append(DictActor(phrases[0], tuple(phrases[1:]), tuple(ranges), default[-1] if default else None))
        phrases.clear()
        ranges.clear()
        default.clear()

    def add_codes(body: str) -> None:
        for inner in _BRACKET.findall(body):
            parsed = parse_code(inner)
            if parsed is None:
                continue
            if parsed.start is None and parsed.end is None:
                default.append(parsed.code)
            else:
                ranges.append(parsed)

    for line in _lines(path):
        body = line.split("#", 1)[0]
        if line[0] in "\t ":
            add_codes(body)
            continue
        if line[0] == "+":
            name = phrase_text(body[1:])
            if name:
                phrases.append(name)
            continue
        if ranges or default:
            flush()
        name = phrase_text(body)
        if name:
            phrases.append(name)
        add_codes(body)
    flush()
    return records


def read_agents(path: Path) -> list[DictAgent]:
    """All agent phrases of one PETRARCH agent dictionary, plurals and markers expanded."""
    markers: dict[str, list[str]] = {}
    agents: list[DictAgent] = []
    for line in _lines(path):
        body = line.split("#", 1)[0]
        if "!" in body and "=" in body and "[" not in body:
            name, _, items = body.partition("=")
            markers[name.strip().strip("!")] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        found = _BRACKET.search(body)
        if not found:
            continue
        raw_code = found.group(1).replace(" ", "")
        prefix = raw_code.endswith("~") and not raw_code.startswith("~")
        role = raw_code.strip("~")
        if not role:
            continue
        head = body[: found.start()]
        plural: str | None = None
        if "{" in head and "}" in head:
            plural = head[head.index("{") + 1 : head.index("}")]
            head = head[: head.index("{")]
        phrase = head.strip()
        for expanded in _expand_markers(phrase, markers):
            agents.append(DictAgent(phrase_text(expanded), role, prefix))
            if plural is None and "!" not in phrase:
                agents.append(DictAgent(phrase_text(_plural(expanded)), role, prefix))
        if plural:
            agents.append(DictAgent(phrase_text(plural), role, prefix))
    return [a for a in agents if a.phrase]


def _expand_markers(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!([^!]+)!", phrase)
    if not match:
        return [phrase]
    subs = markers.get(match.group(1), [])
    return [phrase[: match.start()] + s + phrase[match.end() :] for s in subs]


def _plural(phrase: str) -> str:
    word = phrase.rstrip("_ ")
    if word.endswith(("Y", "y")) and word[-2:-1].lower() not in "aeiou":
        return word[:-1] + "IES"
    if word.endswith(("S", "s")):
        return word + "ES"
    return word + "S"
