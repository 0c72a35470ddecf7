"""The shape every evaluation returns: named scores with the counts behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Score:
    """One number with what it was computed from, e.g. name='direct F1', counts='tp=80 fp=9 fn=12'."""

    name: str
    value: float
    counts: str = ""
    system: str = "newsgraph"


@dataclass(frozen=True, slots=True)
class EvalReport:
    """A task's scores on one dataset; `system` on a Score tells ours from a comparison."""

    task: str
    dataset: str
    scores: tuple[Score, ...]
    notes: tuple[str, ...] = field(default=())

    def render(self) -> str:
        """Plain lines for a terminal and for docs/quality.md."""
        lines = [f"eval {self.task} on {self.dataset}"]
        width = max((len(s.name) + len(s.system) for s in self.scores), default=0) + 3
        for s in self.scores:
            label = f"{s.system}: {s.name}"
            lines.append(f"  {label:<{width}} {s.value:.3f}  {s.counts}".rstrip())
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "dataset": self.dataset,
            "scores": [{"system": s.system, "name": s.name, "value": s.value, "counts": s.counts} for s in self.scores],
            "notes": list(self.notes),
        }

    def value(self, name: str, system: str = "newsgraph") -> float:
        """The value of one named score (for floors in tests)."""
        for s in self.scores:
            if s.name == name and s.system == system:
                return s.value
        raise KeyError(f"{system}: {name}")
