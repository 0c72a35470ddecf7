"""Evaluation gate: event coding must stay above pinned floors on held-out gold data (floors, not exact numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluate.events import evaluate, plover_map, to_plover


def test_eval_events_plover_map_folds_old_labels(shared_data: Path) -> None:
    mapping = plover_map(shared_data / "cameo" / "CAMEO2PLOVER-2021.txt")
    assert to_plover("1312", mapping) == "THREATEN"
    assert to_plover("112", mapping) == "ACCUSE"  # DISAPPROVE folded
    assert to_plover("190", mapping) == "ASSAULT"
    assert "DEMAND" not in set(mapping.values()) and "FIGHT" not in set(mapping.values())


@pytest.mark.slow
@pytest.mark.gold
def test_eval_events_floors(shared_data: Path) -> None:
    report = evaluate(shared_data, "all")
    print(report.render())
    # measured 2026-11-28: 0.642, 0.695, 0.791, 0.595 (see the report's counts)
    assert report.value("CAMEO examples root accuracy") >= 0.61
    assert report.value("PLOVER category F1") >= 0.66
    assert report.value("PLOVER source country agreement") >= 0.76
    assert report.value("PETRARCH unit tests exact") >= 0.56
