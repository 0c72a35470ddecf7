"""Evaluate amounts and disputed claims against the hand-annotated development set.

The set (``tests/data/amounts-claims-dev``, format in its README) stores, per article, a
reference into the shared data directory and the annotations; the text is read from
``data_dir`` here, never copied. Matching:

- amounts: one-to-one by largest character overlap; among matches, value (relative
  tolerance 1e-6), unit and claimant are scored separately;
- claimants and disputers: a predicted actor matches a gold name when its name or one of
  its mentions shares a content word with the name (actor names vary: "US" for "US officials");
- disputes: a predicted claim with ``disputed_by`` matches a gold dispute when the
  statement spans overlap and one of its disputers matches a gold disputer name.

Scores come twice: on the text as stored (system ``newsgraph``) and with hard line wraps
turned into spaces (system ``newsgraph, unwrapped``): Reuters bodies are wrapped at ~65
characters, and a wrap inside a sentence should not change what is extracted. The swap
is one character for one, so the gold offsets hold for both.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsgraph.evaluate.report import EvalReport, Score
from newsgraph.records import Actor, Amount, Claim

UNWRAPPED = "newsgraph, unwrapped"
_WRAP = re.compile(r"(?<=\S)\n(?=\S)")  # a line break inside a paragraph, not a blank line or an indent

DEFAULT_DEVSET = Path(__file__).resolve().parents[3] / "tests" / "data" / "amounts-claims-dev"
SPLITS = ("dev", "test")
_STOP = frozenset({"the", "a", "an", "of", "in", "and", "s", "for", "to", "on", "at", "by", "mr", "mrs", "ms"})
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Article:
    """One annotated article: its text (loaded from the shared data) and gold records."""

    name: str
    split: str
    text: str
    published: str | None
    amounts: tuple[dict[str, Any], ...]
    disputes: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the pipeline produced for one article."""

    actors: tuple[Actor, ...]
    amounts: tuple[Amount, ...]
    claims: tuple[Claim, ...]


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_ok: int = 0
    unit_ok: int = 0
    unit_n: int = 0
    claimant_ok: int = 0
    d_tp: int = 0
    d_fp: int = 0
    d_fn: int = 0
    s_tp: int = 0  # dispute statement matched, disputer ignored


def load_articles(data_dir: Path, devset: Path = DEFAULT_DEVSET) -> list[Article]:
    """Read the annotation files and the texts they reference; check the quoted surfaces."""
    files = sorted(devset.glob("*.json"))
    reuters = _reuters(data_dir, files)
    out = []
    for f in files:
        raw = json.loads(f.read_text(encoding="utf-8"))
        src = raw["source"]
        if src["corpus"] == "reuters21578":
            text, published = reuters[int(src["newid"])]
        else:
            text, published = (data_dir / src["path"]).read_text(encoding="utf-8"), None
        for a in raw["amounts"]:
            _check(f, text, a["start"], a["end"], a["text"])
        for d in raw["disputes"]:
            st = d["statement"]
            _check(f, text, st["start"], st["end"], st["text"])
        out.append(Article(f.stem, raw["split"], text, published, tuple(raw["amounts"]), tuple(raw["disputes"])))
    return out


def evaluate(data_dir: Path, devset: Path = DEFAULT_DEVSET, splits: Sequence[str] = SPLITS) -> EvalReport:
    """Amount P/R/F1 (value, unit, claimant accuracy among matches) and dispute P/R/F1 per split."""
    from newsgraph.extract import Knowledge
    from newsgraph.parse import load_model

    nlp = load_model()
    knowledge = Knowledge.load(nlp)
    articles = [a for a in load_articles(data_dir, devset) if a.split in splits]
    scores: list[Score] = []
    for system, texts in (("newsgraph", articles), (UNWRAPPED, [unwrap(a) for a in articles])):
        preds = predict(texts, nlp, knowledge)
        for split in splits:
            counts = _Counts()
            for art, pred in zip(texts, preds, strict=True):
                if art.split == split:
                    _score_article(art, pred, counts)
            scores.extend(replace(s, system=system) for s in _scores(split, counts))
    notes = (
        f"{len(articles)} articles ({', '.join(f'{s}={sum(a.split == s for a in articles)}' for s in splits)}); "
        "amounts matched by span overlap, claimants/disputers by shared content word",
    )
    return EvalReport(task="amounts", dataset=str(devset.name), scores=tuple(scores), notes=notes)


def unwrap(article: Article) -> Article:
    """The article with line wraps inside paragraphs replaced by spaces (same length, same offsets)."""
    return replace(article, text=_WRAP.sub(" ", article.text))


def predict(articles: Sequence[Article], nlp: Any, knowledge: Any) -> list[Prediction]:
    """Run actors → dates → quotes → amounts → claims over each article (one parse each)."""
    from datetime import date

    from newsgraph.extract.actors import extract_actors
    from newsgraph.extract.amounts import extract_amounts
    from newsgraph.extract.claims import extract_claims
    from newsgraph.extract.dates import extract_dates
    from newsgraph.extract.quotes import extract_quotes

    out = []
    for art, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        published = date.fromisoformat(art.published) if art.published else None
        actors = extract_actors(doc, published, knowledge.actors)
        dates = extract_dates(doc, published, knowledge.dates)
        quotes = extract_quotes(doc, actors, knowledge.quotes)
        amounts = extract_amounts(doc, actors, quotes, dates, knowledge.amounts)
        claims = extract_claims(doc, actors, quotes, amounts, knowledge.claims)
        out.append(Prediction(tuple(actors), tuple(amounts), tuple(claims)))
    return out


def names_match(actor: Actor | None, names: Iterable[str] | None, text: str) -> bool:
    """True when both are empty, or the actor's name/mentions share a content word with a gold name."""
    if actor is None or not names:
        return actor is None and not names
    mine = _words(actor.name)
    for start, end in actor.mentions:
        mine |= _words(text[start:end])
    return any(mine & _words(n) for n in names)


def _score_article(art: Article, pred: Prediction, c: _Counts) -> None:
    by_id = {a.id: a for a in pred.actors}
    used: set[int] = set()
    for gold in art.amounts:
        best, best_overlap = None, 0
        for k, p in enumerate(pred.amounts):
            overlap = min(gold["end"], p.end) - max(gold["start"], p.start)
            if k not in used and overlap > best_overlap:
                best, best_overlap = k, overlap
        if best is None:
            c.fn += 1
            continue
        used.add(best)
        p = pred.amounts[best]
        c.tp += 1
        if p.value is not None and abs(p.value - gold["value"]) <= 1e-6 * max(1.0, abs(gold["value"])):
            c.value_ok += 1
        if gold["unit"] is not None:
            c.unit_n += 1
            c.unit_ok += int((p.unit or "").lower() == gold["unit"].lower())
        claimant = by_id.get(p.claimant) if p.claimant else None
        c.claimant_ok += int(names_match(claimant, gold["claimant"], art.text))
    c.fp += len(pred.amounts) - len(used)
    disputed = [cl for cl in pred.claims if cl.disputed_by]
    matched: set[int] = set()
    for gold in art.disputes:
        st = gold["statement"]
        hit, span_hit = None, None
        for k, cl in enumerate(disputed):
            if k in matched or not (cl.statement.start < st["end"] and st["start"] < cl.statement.end):
                continue
            span_hit = k if span_hit is None else span_hit
            if any(names_match(by_id.get(a), gold["disputed_by"], art.text) for a in cl.disputed_by):
                hit = k
                break
        if span_hit is not None:
            c.s_tp += 1
        if hit is None:
            c.d_fn += 1
        else:
            matched.add(hit)
            c.d_tp += 1
    c.d_fp += len(disputed) - len(matched)


def _scores(split: str, c: _Counts) -> list[Score]:
    p, r, f = _prf(c.tp, c.fp, c.fn)
    dp, dr, df = _prf(c.d_tp, c.d_fp, c.d_fn)
    n_disputes = c.d_tp + c.d_fn
    return [
        Score(f"{split} amount precision", p, f"tp={c.tp} fp={c.fp}"),
        Score(f"{split} amount recall", r, f"tp={c.tp} fn={c.fn}"),
        Score(f"{split} amount F1", f, f"tp={c.tp} fp={c.fp} fn={c.fn}"),
        Score(f"{split} amount value accuracy", _ratio(c.value_ok, c.tp), f"n={c.tp} ok={c.value_ok}"),
        Score(f"{split} amount unit accuracy", _ratio(c.unit_ok, c.unit_n), f"n={c.unit_n} ok={c.unit_ok}"),
        Score(f"{split} amount claimant accuracy", _ratio(c.claimant_ok, c.tp), f"n={c.tp} ok={c.claimant_ok}"),
        Score(f"{split} dispute precision", dp, f"tp={c.d_tp} fp={c.d_fp}"),
        Score(f"{split} dispute recall", dr, f"tp={c.d_tp} fn={c.d_fn}"),
        Score(f"{split} dispute F1", df, f"tp={c.d_tp} fp={c.d_fp} fn={c.d_fn}"),
        Score(f"{split} dispute statement recall", _ratio(c.s_tp, n_disputes), f"n={n_disputes} ok={c.s_tp}"),
    ]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _words(name: str) -> set[str]:
    return {w for w in _WORD.findall(name.lower().replace(".", "")) if w not in _STOP}


def _check(f: Path, text: str, start: int, end: int, surface: str) -> None:
    if text[start:end] != surface:
        raise ValueError(f"{f.name}: [{start}:{end}] is {text[start:end]!r}, annotation says {surface!r}")


def _reuters(data_dir: Path, files: Sequence[Path]) -> dict[int, tuple[str, str | None]]:
    """Bodies (and dates) of the Reuters stories the annotation files name, in one pass."""
    wanted = set()
    for f in files:
        src = json.loads(f.read_text(encoding="utf-8"))["source"]
        if src["corpus"] == "reuters21578":
            wanted.add(int(src["newid"]))
    found: dict[int, tuple[str, str | None]] = {}
    if not wanted:
        return found
    with gzip.open(data_dir / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["newid"] in wanted:
                found[rec["newid"]] = (rec.get("body") or "", (rec.get("date") or "")[:10] or None)
                if len(found) == len(wanted):
                    break
    return found
