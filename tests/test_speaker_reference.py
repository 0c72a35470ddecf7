"""Who speaks when the text refers back or reports through another (speak6): a relayed quotation
("the radio quoted X as saying") is X's, "he said" continues the last person who acted or spoke,
not one met in passing, and an event's speaker pronoun is the quote's speaker or nobody."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _speakers(analysis) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    names = {a.id: a.name for a in analysis.actors}
    return [(q.speaker_text, names.get(q.speaker or "")) for q in analysis.quotes]


def _statement_sources(analysis) -> list[str]:  # type: ignore[no-untyped-def]
    names = {a.id: a.name for a in analysis.actors}
    return [names.get(e.source or "", "") for e in analysis.events if e.code.startswith("01")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The state radio quoted British Chancellor of the Exchequer Nigel Lawson as saying interest rates would fall.",
         "Nigel Lawson"),
        ("\"We will not give in,\" the agency quoted Japanese Prime Minister Yasuhiro Nakasone as saying.",
         "Yasuhiro Nakasone"),
        ("Japanese Prime Minister Yasuhiro Nakasone was quoted as saying the talks would resume soon.",
         "Yasuhiro Nakasone"),
    ],
)  # fmt: skip
def test_speaker_reference_relayed_speech_is_the_quoted_persons(analyze_text, text: str, speaker: str) -> None:
    analysis = analyze_text(text)
    assert [s for _, s in _speakers(analysis)] == [speaker]
    assert _statement_sources(analysis) and set(_statement_sources(analysis)) == {speaker}


def test_speaker_reference_a_person_met_as_an_object_does_not_take_he(analyze_text) -> None:
    text = (
        "British Chancellor of the Exchequer Nigel Lawson said on Monday the pound was stable.\n\n"
        "Lawson later met Japanese Finance Minister Kiichi Miyazawa and West German Finance Minister "
        "Gerhard Stoltenberg.\n\n"
        "He said the talks had gone well."
    )
    analysis = analyze_text(text)
    assert _speakers(analysis)[-1] == ("He", "Nigel Lawson")
    assert "Gerhard Stoltenberg" not in _statement_sources(analysis)


def test_speaker_reference_he_skips_a_speaker_met_inside_a_relative_clause(analyze_text) -> None:
    text = (
        "British Foreign Secretary Geoffrey Howe said the attack was justified.\n\n"
        "Howe was later asked about remarks by a senior Iranian official who said war was near.\n\n"
        "\"That would be quite wrong,\" he said."
    )
    analysis = analyze_text(text)
    assert _speakers(analysis)[-1] == ("he", "Geoffrey Howe")


def test_speaker_reference_event_takes_the_quotes_person_for_he(analyze_text) -> None:
    text = (
        "British Chancellor of the Exchequer Nigel Lawson said firms would invest more abroad.\n\n"
        "The plan, approved by Japanese Prime Minister Yasuhiro Nakasone on Monday, calls for new factories, he told Reuters."
    )
    analysis = analyze_text(text)
    assert ("he", "Nigel Lawson") in _speakers(analysis)
    assert "Yasuhiro Nakasone" not in _statement_sources(analysis)


def test_a_speaker_named_with_a_description_before_a_final_said_speaks_and_is_he(analyze_text):
    # the parse hangs "Tom Baker, a supply manager with ..." on the noun before it and leaves "said" without a subject
    text = (
        "Costs will rise in winter, Ann Lowe, an analyst with Hale Securities, said.\n"
        "    Utilities along the coast will face the same costs as Delta Gas, Tom Baker, a supply manager with "
        "Fuel Link, a Dallas based gas brokering firm, said.\n"
        "    \"But these companies are not victims of the dispute,\" he said.\n"
    )
    speakers = _speakers(analyze_text(text))
    assert [name for _, name in speakers] == ["Ann Lowe", "Tom Baker", "Tom Baker"]
    assert speakers[-1][1] == "Tom Baker"
    quoted = [q.text for q in analyze_text(text).quotes]
    assert "Utilities along the coast will face the same costs as Delta Gas" in quoted
