"""Temporal expressions scored TempEval-3 style on TimeBank + AQUAINT (TBAQ-cleaned TimeML).

Each .tml file gives the text inside <TEXT> (tags stripped, character offsets of the TIMEX3
spans kept) and the document creation time (the TIMEX3 with functionInDocument=CREATION_TIME),
which is the published date the expressions resolve against; that TIMEX3 itself is not scored.
Scores: strict extent P/R/F1 (same span), relaxed extent P/R/F1 (overlap, one-to-one),
value and type accuracy over relaxed matches, value F1 = relaxed F1 x value accuracy.
TimeBank and AQUAINT's AP files were used to tune the rules; AQUAINT's NYT and Xinhua files
are reported apart as the held-out part.
dateparser's ``search_dates`` (relative base = the creation time) is scored the same way.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsgraph.evaluate.report import EvalReport, Score

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
SPLITS = ("TimeBank", "AQUAINT")
# Reported groups: the rules were tuned on TimeBank and AQUAINT's AP wire (APW) files; the
# New York Times and Xinhua files (NYT, XIE) were never inspected and are the held-out part.
GROUPS = ("TimeBank", "AQUAINT-APW", "AQUAINT-NYT+XIE (held out)")


def group_of(doc: TimexDoc) -> str:
    """The reporting group of a document (tuning part or held-out part)."""
    if doc.split == "TimeBank":
        return GROUPS[0]
    return GROUPS[1] if doc.name.startswith("APW") else GROUPS[2]


@dataclass(frozen=True, slots=True)
class Timex:
    """A gold or system expression: span, type and value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class TimexDoc:
    """One TimeML document: plain text, creation date and gold expressions."""

    name: str
    split: str
    text: str
    dct: date | None
    gold: tuple[Timex, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """Matching counts of one system over a set of documents."""

    n_sys: int = 0
    n_gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


def _fields(c: Counts) -> tuple[int, ...]:
    return (c.n_sys, c.n_gold, c.strict, c.relaxed, c.value_ok, c.type_ok)


def read_tml(path: Path, split: str) -> TimexDoc:
    """Parse one .tml file into text, creation date and gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = _DCT.search(raw)
    dct = None
    if dct_tag:
        value = dict(_ATTR.findall(dct_tag.group(0))).get("value", "")
        try:
            dct = date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            if a.get("functionInDocument") != "CREATION_TIME":
                gold.append(Timex(start, length, a.get("type", ""), a.get("value")))
            open_timex = None
    pieces.append(html.unescape(body[pos:]))
    return TimexDoc(path.stem, split, "".join(pieces), dct, tuple(gold))


def load_tbaq(data_dir: Path, limit: int | None = None) -> list[TimexDoc]:
    """The TBAQ documents under ``data_dir`` (the shared data folder or TBAQ-cleaned itself)."""
    root = data_dir / "timex" / "TBAQ-cleaned" if (data_dir / "timex").is_dir() else data_dir
    docs: list[TimexDoc] = []
    for split in SPLITS:
        files = sorted((root / split).glob("*.tml"))
        docs.extend(read_tml(f, split) for f in files)
    if limit is not None:
        # every k-th document keeps both parts in a fixed subset
        step = max(1, len(docs) // limit)
        docs = docs[::step][:limit]
    return docs


def score(gold: Iterable[Timex], system: Iterable[Timex]) -> Counts:
    """Strict and relaxed (overlap, one-to-one) matches with value and type agreement."""
    g = sorted(gold, key=lambda t: t.start)
    s = sorted(system, key=lambda t: t.start)
    used: set[int] = set()
    strict = relaxed = value_ok = type_ok = 0
    for gt in g:
        best = None
        for i, st in enumerate(s):
            if i in used or st.end <= gt.start or st.start >= gt.end:
                continue
            if best is None or (st.start, st.end) == (gt.start, gt.end):
                best = i
        if best is None:
            continue
        used.add(best)
        st = s[best]
        relaxed += 1
        strict += (st.start, st.end) == (gt.start, gt.end)
        value_ok += st.value is not None and st.value == gt.value
        type_ok += st.type == gt.type
    return Counts(len(s), len(g), strict, relaxed, value_ok, type_ok)


def _f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores_of(c: Counts, system: str, prefix: str = "") -> list[Score]:
    """TempEval-3 style scores from counts, each with the counts behind it."""
    out: list[Score] = []
    for name, tp in (("strict extent", c.strict), ("relaxed extent", c.relaxed)):
        p, r, f = _f1(tp, c.n_sys, c.n_gold)
        counts = f"tp={tp} fp={c.n_sys - tp} fn={c.n_gold - tp}"
        out += [Score(f"{prefix}{name} {k}", v, counts, system) for k, v in (("P", p), ("R", r), ("F1", f))]
    _, _, relaxed_f = _f1(c.relaxed, c.n_sys, c.n_gold)
    value_acc = c.value_ok / c.relaxed if c.relaxed else 0.0
    type_acc = c.type_ok / c.relaxed if c.relaxed else 0.0
    out.append(Score(f"{prefix}value accuracy", value_acc, f"n={c.relaxed} correct={c.value_ok}", system))
    out.append(Score(f"{prefix}type accuracy", type_acc, f"n={c.relaxed} correct={c.type_ok}", system))
    out.append(Score(f"{prefix}value F1", relaxed_f * value_acc, f"relaxed F1={relaxed_f:.3f}", system))
    return out


def newsgraph_system(docs: list[TimexDoc]) -> list[list[Timex]]:
    """Our extractor over the documents (one spaCy parse each)."""
    from newsgraph.extract.dates import DateRules, extract_dates
    from newsgraph.parse import load_model

    nlp = load_model()
    rules = DateRules.load(nlp)
    out: list[list[Timex]] = []
    for d, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        found = extract_dates(doc, d.dct, rules)
        out.append([Timex(t.start, t.end, t.type, t.value) for t in found])
    return out


def dateparser_system(docs: list[TimexDoc]) -> list[list[Timex]]:
    """dateparser.search.search_dates over each text, found strings mapped back to spans."""
    from dateparser.search import search_dates

    out: list[list[Timex]] = []
    for d in docs:
        base = datetime.combine(d.dct or date(2000, 1, 1), datetime.min.time())
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans: list[Timex] = []
        pos = 0
        for text, when in found:
            at = d.text.find(text, pos)
            if at < 0:
                continue
            pos = at + len(text)
            has_time = (when.hour, when.minute) != (0, 0)
            value = when.strftime("%Y-%m-%dT%H:%M") if has_time else when.date().isoformat()
            spans.append(Timex(at, pos, "TIME" if has_time else "DATE", value))
        out.append(spans)
    return out


def evaluate(data_dir: Path, limit: int | None = None, compare: bool = True) -> EvalReport:
    """Score newsgraph (and dateparser when ``compare``) on TBAQ-cleaned; ``limit`` takes a fixed subset."""
    docs = load_tbaq(data_dir, limit)
    systems: list[tuple[str, Callable[[list[TimexDoc]], list[list[Timex]]]]] = [("newsgraph", newsgraph_system)]
    if compare:
        systems.append(("dateparser", dateparser_system))
    scores: list[Score] = []
    for name, run in systems:
        found = run(docs)
        per_group = {group: Counts() for group in GROUPS}
        for d, sys_spans in zip(docs, found, strict=True):
            per_group[group_of(d)] = per_group[group_of(d)] + score(d.gold, sys_spans)
        total = sum(per_group.values(), Counts())
        scores += scores_of(total, name)
        for group in GROUPS:
            scores += scores_of(per_group[group], name, f"{group}: ")
    n_gold = sum(len(d.gold) for d in docs)
    notes = (
        f"{len(docs)} documents, {n_gold} gold TIMEX3 (creation times excluded)",
        "rules were tuned on TimeBank and AQUAINT APW; AQUAINT NYT+XIE is the held-out part",
        "value F1 = relaxed extent F1 x value accuracy (TempEval-3 style)",
    )
    return EvalReport("timex", "TBAQ-cleaned (TimeBank + AQUAINT)", tuple(scores), notes)
