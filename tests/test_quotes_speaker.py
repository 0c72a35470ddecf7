"""Speakers (extract/quotes_speaker.py): pronouns and role nouns resolve to actors, the span stays put."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.records import Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(nlp):  # type: ignore[no-untyped-def]
    cues, actor_data = QuoteCues.load(nlp), ActorData.load(nlp)

    def _run(text: str) -> tuple[list[Quote], dict[str, str]]:
        doc = nlp(text)
        actors = extract_actors(doc, date(2022, 1, 1), actor_data)
        return extract_quotes(doc, actors, cues), {a.id: a.name for a in actors}

    return _run


@pytest.mark.parametrize(
    ("text", "phrase", "actor_words"),
    [
        ("Kremlin spokesman Dmitry Peskov spoke on Monday. The spokesman said Moscow had no plans to attack.",
         "The spokesman", "Peskov"),
        ("Boris Johnson arrived in Kyiv. The prime minister said Britain would send more weapons.",
         "The prime minister", "Johnson"),
        ("Russia has moved troops to the border. It says its forces are on exercises.", "It", "Russia"),
    ],
)  # fmt: skip
def test_quotes_speaker_role_nouns_and_pronouns(run, text: str, phrase: str, actor_words: str) -> None:
    quotes, names = run(text)
    (q,) = quotes
    assert q.speaker_text == phrase
    assert q.speaker_span is not None and text[q.speaker_span[0] : q.speaker_span[1]] == phrase
    assert q.speaker is not None and actor_words in names[q.speaker]


def test_quotes_speaker_named_speaker_is_its_own_actor(run) -> None:
    text = "Jens Stoltenberg said NATO would not send troops."
    quotes, names = run(text)
    (q,) = quotes
    assert q.speaker_text == "Jens Stoltenberg" and "Stoltenberg" in names[q.speaker or ""]


def test_quotes_speaker_unresolvable_pronoun_stays_unlinked(run) -> None:
    quotes, _ = run("She said the talks would continue.")
    (q,) = quotes
    assert q.speaker_text == "She" and q.speaker is None
