"""Evaluate quote extraction on PolNeAR (brat standoff: Source / Cue / Content per attribution).

Protocol (Newell, Margolin, Ruths, LREC 2018 data; scoring ours):

1. Every ``<split>/attributions/<article>_<annotator>.ann`` is one gold document over
   ``<split>/text/<article>.txt`` (two dev articles have six annotators each; each counts).
2. Gold kinds as issue 13 defines them, from the quotation marks ``extract.quotes_marks``
   finds: a Content span is direct when it begins and ends inside quotation marks (an
   interrupted quote, "“A,” he said, “B”", too), mixed when it holds quoted words otherwise,
   indirect when it holds none; all Content spans count for the all-attribution score. A
   discontinuous span is taken from its first to its last character, edge spaces trimmed.
   Direct, mixed and indirect are each scored against predictions of the same kind.
3. A prediction matches a gold span when their overlap is at least half the shorter span;
   matching is one-to-one, greedy in text order.
   '' … '' (two apostrophes, as NYT archives write quotes) counts as quotation marks; with
   standard marks only, textacy's reference numbers reproduce (scores marked [standard marks]).
4. Speaker accuracy is over matched direct quotes: our ``speaker_span`` overlaps the gold
   Source. End to end, a direct quote counts as a true positive only with a correct speaker.
5. textacy's ``direct_quotations`` runs on the same parse, paragraph by paragraph (it raises
   on an odd number of quotation marks, so a whole article would mostly be declined); a
   paragraph it declines has no predictions. Its [standard marks] reference keeps the older
   definition (Content at least half inside standard marks) that reproduces its published
   0.619 / 0.911.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.evaluate.report import EvalReport, Score
from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.extract.quotes_marks import find_passages
from newsgraph.records import Span

DATASET = "quotes/polnear"
_ANN_LINE = re.compile(r"^T\d+\t(\S+) ([\d ;]+)\t")
_EVENT_LINE = re.compile(r"^E\d+\t(.*)$")
_ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: who (Source), the cue, and what (Content)."""

    content: Span
    source: Span | None
    cue: Span | None
    direct: bool
    direct_standard: bool = False  # at least half inside standard marks, without '' … '' (textacy's protocol)
    mixed: bool = False  # quoted words inside reported speech

    @property
    def kind(self) -> str:
        return "direct" if self.direct else "mixed" if self.mixed else "indirect"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotator's attributions over one article text."""

    name: str
    text: str
    published: str | None
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    """A system's quote reduced to what the protocol scores."""

    content: Span
    speaker: Span | None
    direct: bool
    kind: str = ""  # direct, mixed or indirect; empty: direct or indirect by ``direct``

    @property
    def kind_(self) -> str:
        return self.kind or ("direct" if self.direct else "indirect")


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts behind the four scores, summed over documents."""

    direct_tp: int = 0
    direct_pred: int = 0
    direct_gold: int = 0
    speaker_ok: int = 0
    all_tp: int = 0
    all_pred: int = 0
    all_gold: int = 0
    mixed_tp: int = 0
    mixed_pred: int = 0
    mixed_gold: int = 0
    indirect_tp: int = 0
    indirect_pred: int = 0
    indirect_gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


def _fields(c: Counts) -> tuple[int, ...]:
    return (
        c.direct_tp, c.direct_pred, c.direct_gold, c.speaker_ok, c.all_tp, c.all_pred, c.all_gold,
        c.mixed_tp, c.mixed_pred, c.mixed_gold, c.indirect_tp, c.indirect_pred, c.indirect_gold,
    )  # fmt: skip


def load_polnear(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    """Read the brat standoff of one split; ``data_dir`` is the shared data root."""
    root = data_dir / "quotes" / "polnear"
    dates = _publication_dates(root / "metadata.tsv")
    articles = []
    ann_files = sorted((root / split / "attributions").glob("*.ann"))
    for ann in ann_files[:limit] if limit else ann_files:
        name = _ANNOTATOR_SUFFIX.sub("", ann.stem)
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        attributions = _read_ann(ann.read_text(encoding="utf-8"), text)
        articles.append(GoldArticle(name, text, dates.get(name), attributions))
    return articles


def _publication_dates(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    dates = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    name_col, date_col = header.index("filename"), header.index("publication_date")
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) > date_col:
            dates[cols[name_col]] = cols[date_col]
    return dates


def _read_ann(ann: str, text: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = _ANN_LINE.match(line)
        if m:
            offsets = [int(x) for x in re.split(r"[ ;]", m.group(2)) if x]
            spans[line.split("\t", 1)[0]] = (min(offsets), max(offsets))
            continue
        e = _EVENT_LINE.match(line)
        if e:
            roles: dict[str, str] = {}
            for arg in e.group(1).split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role, ref)  # a second Content fragment is rare; keep the first
            events.append(roles)
    passages = [(p.start, p.end) for p in find_passages(text)]
    standard = [(p.start, p.end) for p in find_passages(text, typewriter=False)]
    marked = [p.inner for p in find_passages(text)]
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        content = _trimmed(text, content)
        direct = _begins_and_ends_inside(passages, content)
        mixed = not direct and any(s < content[1] and e > content[0] for s, e in marked)
        out.append(GoldAttribution(content, source, cue, direct, _mostly_inside(standard, content), mixed))
    return tuple(out)


def _trimmed(text: str, span: Span) -> Span:
    lo, hi = span
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _begins_and_ends_inside(passages: Sequence[Span], span: Span) -> bool:
    """Issue 13's direct quote: its first and last characters are inside quotation marks."""
    return span[1] > span[0] and any(s <= span[0] < e for s, e in passages) and any(s < span[1] <= e for s, e in passages)


def _mostly_inside(passages: Sequence[Span], span: Span) -> bool:
    inside = sum(max(0, min(e, span[1]) - max(s, span[0])) for s, e in passages)
    return inside * 2 >= span[1] - span[0] > 0


def _overlaps_enough(a: Span, b: Span) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return overlap > 0 and overlap * 2 >= shorter


def _touches(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def _match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one greedy matching in text order: (gold index, predicted index) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, g in sorted(enumerate(gold), key=lambda x: x[1]):
        for pi, p in sorted(enumerate(pred), key=lambda x: x[1]):
            if pi not in used and _overlaps_enough(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def score_article(
    gold: Sequence[GoldAttribution], predicted: Sequence[PredictedQuote], standard_marks: bool = False
) -> Counts:
    """The counts of one document; ``standard_marks`` ignores '' … '' quotes in the gold."""
    gold_direct = [g for g in gold if (g.direct_standard if standard_marks else g.direct)]
    pred_direct = [p for p in predicted if p.direct]
    pairs = _match([g.content for g in gold_direct], [p.content for p in pred_direct])
    speaker_ok = sum(_touches(pred_direct[pi].speaker, gold_direct[gi].source) for gi, pi in pairs)
    all_pairs = _match([g.content for g in gold], [p.content for p in predicted])
    by_kind = {}
    for kind in ("mixed", "indirect"):
        g_k = [g.content for g in gold if g.kind == kind]
        p_k = [p.content for p in predicted if p.kind_ == kind]
        by_kind[kind] = (len(_match(g_k, p_k)), len(p_k), len(g_k))
    return Counts(
        direct_tp=len(pairs),
        direct_pred=len(pred_direct),
        direct_gold=len(gold_direct),
        speaker_ok=speaker_ok,
        all_tp=len(all_pairs),
        all_pred=len(predicted),
        all_gold=len(gold),
        mixed_tp=by_kind["mixed"][0],
        mixed_pred=by_kind["mixed"][1],
        mixed_gold=by_kind["mixed"][2],
        indirect_tp=by_kind["indirect"][0],
        indirect_pred=by_kind["indirect"][1],
        indirect_gold=by_kind["indirect"][2],
    )


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def scores(counts: Counts, system: str) -> tuple[Score, ...]:
    """The four scores of the protocol, each with its counts."""
    c = counts
    return (
        Score("direct F1", _f1(c.direct_tp, c.direct_pred, c.direct_gold),
              f"tp={c.direct_tp} fp={c.direct_pred - c.direct_tp} fn={c.direct_gold - c.direct_tp}", system),
        Score("speaker accuracy", c.speaker_ok / c.direct_tp if c.direct_tp else 0.0,
              f"correct={c.speaker_ok} n={c.direct_tp}", system),
        Score("direct+speaker F1", _f1(c.speaker_ok, c.direct_pred, c.direct_gold),
              f"tp={c.speaker_ok} fp={c.direct_pred - c.speaker_ok} fn={c.direct_gold - c.speaker_ok}", system),
        Score("all-attribution F1", _f1(c.all_tp, c.all_pred, c.all_gold),
              f"tp={c.all_tp} fp={c.all_pred - c.all_tp} fn={c.all_gold - c.all_tp}", system),
        Score("mixed F1", _f1(c.mixed_tp, c.mixed_pred, c.mixed_gold),
              f"tp={c.mixed_tp} fp={c.mixed_pred - c.mixed_tp} fn={c.mixed_gold - c.mixed_tp}", system),
        Score("indirect F1", _f1(c.indirect_tp, c.indirect_pred, c.indirect_gold),
              f"tp={c.indirect_tp} fp={c.indirect_pred - c.indirect_tp} fn={c.indirect_gold - c.indirect_tp}", system),
    )  # fmt: skip


def newsgraph_predictions(doc: Doc, cues: QuoteCues, attributed_only: bool = True) -> list[PredictedQuote]:
    """Our quotes on one parsed article.

    PolNeAR gold holds attributions, so by default only quotes with a cue count as
    predictions; quoted passages nobody is said to have said (scare quotes, titles) are
    left out unless ``attributed_only`` is False. Actors are not needed: the protocol
    scores ``speaker_span``, which extract_quotes finds from the parse alone.
    """
    quotes = extract_quotes(doc, (), cues)
    return [
        PredictedQuote((q.start, q.end), q.speaker_span, q.kind == "direct", q.kind)
        for q in quotes
        if q.cue_span is not None or not attributed_only
    ]


def textacy_predictions(doc: Doc) -> list[PredictedQuote]:
    """textacy's rule-based direct quotations, paragraph by paragraph (dev-only comparison)."""
    from textacy.extract.triples import direct_quotations

    out = []
    starts = [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text]
    for lo, hi in zip(starts, [*starts[1:], len(doc)], strict=True):
        if hi <= lo:
            continue
        para = doc[lo:hi].as_doc()
        offset = doc[lo].idx
        try:
            triples = list(direct_quotations(para))
        except ValueError:  # odd number of quotation marks: textacy declines the paragraph
            continue
        for speaker, _cue, content in triples:
            sp = (speaker[0].idx + offset, speaker[-1].idx + len(speaker[-1]) + offset) if speaker else None
            out.append(PredictedQuote((content.start_char + offset, content.end_char + offset), sp, True))
    return out


def evaluate(
    data_dir: Path,
    split: str = "dev",
    limit: int | None = None,
    nlp: Language | None = None,
    compare: bool = True,
) -> EvalReport:
    """Score newsgraph (and textacy, with ``compare``) on a PolNeAR split."""
    from newsgraph.parse import load_model

    model = nlp or load_model()
    cues = QuoteCues.load(model)
    articles = load_polnear(data_dir, split, limit)
    ours, every, theirs, reference = Counts(), Counts(), Counts(), Counts()
    for article, doc in zip(articles, _parse_once(model, articles), strict=True):
        ours = ours + score_article(article.attributions, newsgraph_predictions(doc, cues))
        every = every + score_article(article.attributions, newsgraph_predictions(doc, cues, attributed_only=False))
        if compare:
            predicted = textacy_predictions(doc)
            theirs = theirs + score_article(article.attributions, predicted)
            reference = reference + score_article(article.attributions, predicted, standard_marks=True)
    unattributed = scores(every, "newsgraph")[0]
    all_scores = (
        *scores(ours, "newsgraph"),
        Score("direct F1 incl. unattributed passages", unattributed.value, unattributed.counts, "newsgraph"),
        *(scores(theirs, "textacy")[:4] if compare else ()),
        *(tuple(replace(sc, name=f"{sc.name} [standard marks]") for sc in scores(reference, "textacy")[:3]) if compare else ()),
    )
    return EvalReport(
        task="quotes",
        dataset=f"{DATASET} {split} ({len(articles)} annotated documents)",
        scores=all_scores,
        notes=(
            "match = overlap >= 50% of the shorter span; direct = Content begins and ends inside quotation marks,"
            " mixed = holds quoted words otherwise, indirect = none; each kind scored against its own predictions",
            "predictions = quotes with an attribution cue; unattributed passages scored separately",
            "textacy runs paragraph by paragraph (it declines a text with an odd number of quotation marks)",
            "[standard marks]: gold direct without '' … '' quotes, the protocol behind textacy's 0.619 / 0.911 / 0.564",
        ),
    )


def _parse_once(nlp: Language, articles: Sequence[GoldArticle]) -> Iterable[Doc]:
    """Parse each distinct article text once, even when several annotators share it."""
    cache: dict[str, Doc] = {}
    texts = [a.text for a in articles]
    unique = list(dict.fromkeys(texts))
    for text, doc in zip(unique, nlp.pipe(unique, batch_size=16), strict=True):
        cache[text] = doc
    for text in texts:
        yield cache[text]
