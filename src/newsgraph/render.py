"""Human-readable terminal output for Analyses and query results (rich tables)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Group

    from newsgraph.records import Analysis


def _cell(value: Any) -> Text:
    """A table cell shown as it is: a quote's "[the minister]" or ":fire:" is text, not rich markup or an emoji."""
    return Text("" if value is None else str(value))


def _snip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def analysis_table(a: Analysis, expand: bool = True) -> Group:
    """One Analysis as a header panel, the clean text, and one table per record kind (filling the width if ``expand``)."""
    from rich.console import Group
    from rich.panel import Panel

    d = a.document
    names = {actor.id: f"{actor.name} ({actor.code or '?'})" for actor in a.actors}
    header = Text()
    header.append(d.title or "(untitled)", style="bold")
    header.append(f"\nid {d.id}  published {d.published or 'unknown'}  source {d.source or '-'}")
    if d.byline:
        header.append(f"  by {d.byline}")
    tone = a.tone
    header.append(f"\ntone {tone.polarity:+.2f} (positive {tone.positive:.2f}, negative {tone.negative:.2f})")
    parts: list[Any] = [Panel(header, expand=expand), Panel(Text(d.text), title="clean text", expand=expand)]

    def table(title: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        t = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=expand, show_lines=False)
        for c in columns:
            t.add_column(_cell(c), overflow="fold")
        for r in rows:
            t.add_row(*[_cell(v) for v in r])
        parts.append(t)

    table(
        "Actors",
        ["id", "name", "code", "country", "role", "kind", "mentions"],
        [(x.id, x.name, x.code, x.country, x.role, x.kind, len(x.mentions)) for x in a.actors],
    )
    table(
        "Quotes",
        ["kind", "speaker", "cue", "quote"],
        [
            (q.kind, names.get(q.speaker or "", q.speaker_text or "(unattributed)"), q.cue, _snip(q.text))
            for q in a.quotes
        ],
    )
    table(
        "Events",
        ["source", "code", "label", "target", "modality", "date", "goldstein", "evidence"],
        [
            (
                names.get(e.source or "", "-"),
                e.code,
                e.label,
                names.get(e.target or "", "-"),
                e.modality,
                e.date,
                f"{e.goldstein:+.1f}",
                _snip(d.text[e.evidence.start : e.evidence.end], 60),
            )
            for e in a.events
        ],
    )
    table(
        "Dates",
        ["text", "type", "value", "approx."],
        [(t.text, t.type, t.value, "~" if t.approximate else "") for t in a.dates],
    )
    table(
        "Amounts",
        ["text", "value", "unit", "claimant"],
        [(m.text, m.value, m.unit, names.get(m.claimant or "", "")) for m in a.amounts],
    )
    table(
        "Claims",
        ["claimant", "statement", "disputed by", "amount"],
        [
            (
                names.get(c.claimant or "", "-"),
                _snip(d.text[c.statement.start : c.statement.end], 70),
                ", ".join(names.get(x, x) for x in c.disputed_by),
                c.amount,
            )
            for c in a.claims
        ],
    )
    return Group(*parts)


def result_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> Table:
    """Query rows as a table."""
    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(_cell(c), overflow="fold")
    for r in rows:
        t.add_row(*[_cell(v) for v in r])
    return t

