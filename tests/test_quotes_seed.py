"""The seed article: every quoted passage and the main indirect quotes, with their speakers.

These are consequences of the general rules in extract/quotes.py (nothing there names this
article); each case says which rule it exercises.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.records import Quote

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(nlp) -> tuple[list[Quote], dict[str, str]]:
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    actors = extract_actors(doc, date(2021, 12, 6), ActorData.load(nlp))
    return extract_quotes(doc, actors, QuoteCues.load(nlp)), {a.id: a.name for a in actors}


# (words of the quote, expected kind, words of the speaker phrase, words of the actor's name, rule)
DIRECT = [
    ("very deplorable", "very deplorable", "Kremlin", "Kremlin"),  # passive agent
    ("prepares comprehensive and meaningful actions", None, "government", "Biden"),  # partial quote in "said it …"
    ("Of course the agenda", "Of course the agenda", "Peskov", "Peskov"),  # "…," said NAME
    ("The tension around Ukraine", "The tension around Ukraine", "he", "Peskov"),  # pronoun, skips Putin in the quote
    ("I don’t take red lines from anyone", "I don’t take red lines", "Biden", "Biden"),  # "…," NAME said
    ("The only thing they can probably agree on", "The only thing", "he", "Kortunov"),  # pronoun past reported content
    ("We believe Biden is a great friend", "We believe Biden", "Pilipiuk", "Pilipiuk"),  # said NAME, age
    ("We have no one to rely on", "We have no one", "he", "Lapuk"),  # pronoun to the latest person
]

INDIRECT = [
    ("Moscow has no objections", "Lavrov", "says"),
    ("Biden and Putin have positions", "Kortunov", "says"),
    ("Biden must alert Putin", "official", "told"),
    ("armed forces are able to resist", "Zelenski", "said"),
    ("unusual Russian troop movement", "US officials", "warned"),
]


def _containing(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote contains {words!r}: {[q.text[:40] for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(("words", "_start", "speaker_words", "actor_words"), DIRECT)
def test_quotes_seed_quoted_passages_have_their_speakers(seed, words, _start, speaker_words, actor_words) -> None:
    quotes, names = seed
    q = _containing(quotes, words)
    assert q.speaker_text is not None and speaker_words in q.speaker_text
    assert q.speaker is not None and actor_words in names[q.speaker]


def test_quotes_seed_full_quotes_are_direct(seed) -> None:
    quotes, _ = seed
    for words, start, _, _ in DIRECT:
        if start is not None:
            q = _containing(quotes, words)
            assert q.kind == "direct" and q.text.startswith(start)


def test_quotes_seed_red_line_is_moscows_by_the_for_x_rule(seed) -> None:
    quotes, names = seed
    q = _containing(quotes, "a red line")
    assert q.cue == "For" and q.speaker is not None and names[q.speaker] == "Moscow"


@pytest.mark.parametrize(("words", "speaker_words", "cue"), INDIRECT)
def test_quotes_seed_indirect_speech(seed, words, speaker_words, cue) -> None:
    quotes, _ = seed
    q = _containing(quotes, words)
    assert q.kind == "indirect"
    assert q.speaker_text is not None and speaker_words in q.speaker_text
    assert q.cue == cue


def test_quotes_seed_page_furniture_is_not_a_quote(seed) -> None:
    quotes, _ = seed
    assert not any("You May Also Like" in q.text for q in quotes)
