"""The seed article: its actors come out coded by the general rules and data (issue 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.coref import actor_at
from newsgraph.records import Actor

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def actor_data(nlp) -> ActorData:
    return ActorData.load(nlp)


@pytest.fixture(scope="module")
def seed_actors(nlp, actor_data) -> tuple[str, list[Actor]]:
    text = SEED.read_text(encoding="utf-8")
    return text, extract_actors(nlp(text), date(2021, 12, 6), actor_data)


def _by_mention(text: str, actors: list[Actor], surface: str, nth: int = 0) -> Actor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    actor = actor_at(actors, start, start + len(surface))
    assert actor is not None, f"no actor at {surface!r} #{nth}"
    return actor


@pytest.mark.parametrize(
    ("surface", "nth", "code"),
    [
        ("Dmitri Peskov", 0, "RUSGOV"),
        ("Vladimir Putin", 0, "RUSGOV"),
        ("Joe Biden", 0, "USAGOV"),
        ("Kremlin", 0, "RUSGOV"),
        ("which Moscow", 0, "RUSGOV"),
        ("while Washington", 0, "USAGOV"),
        ("NATO", 0, "IGOWSTNAT"),
        ("Volodimir Zelenski", 0, "UKRGOV"),
        ("Sergei Lavrov", 0, "RUSGOV"),
        ("US officials", 0, "USAGOV"),
        ("Volodimir Pilipiuk", 0, "UKRCVL"),
        ("Ruslan Lapuk", 0, "UKRCVL"),
    ],
)
def test_actors_seed_codes(seed_actors, surface, nth, code):
    text, actors = seed_actors
    assert _by_mention(text, actors, surface, nth).code == code


def test_actors_seed_analysts_are_russian_but_not_government(seed_actors):
    text, actors = seed_actors
    kortunov = _by_mention(text, actors, "Andrey Kortunov")
    frolov = _by_mention(text, actors, "Vladimir Frolov")
    assert kortunov.country == "RUS" and kortunov.role != "GOV"
    assert frolov.country == "RUS" and frolov.role not in ("GOV", "MIL")


def test_actors_seed_kiev_place_versus_government(seed_actors):
    text, actors = seed_actors
    located = _by_mention(text, actors, "In Kiev, President")
    helped = _by_mention(text, actors, "help Kiev")
    assert located.kind == "place" and located.code == "UKR"
    assert helped.code == "UKRGOV"


def test_actors_seed_putin_is_one_actor_with_all_mentions(seed_actors):
    text, actors = seed_actors
    putin = _by_mention(text, actors, "Vladimir Putin")
    assert putin.kind == "person" and len(putin.mentions) >= 6
    assert [a.id for a in actors] == [f"a{i}" for i in range(1, len(actors) + 1)]
    assert sum(1 for a in actors if a.name == "Vladimir Putin") == 1
