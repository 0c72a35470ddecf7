"""Indirect speech (extract/quotes.py): the cue verb's complement, with its subject as speaker."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.records import Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cues(nlp) -> QuoteCues:
    return QuoteCues.load(nlp)


def _indirect(nlp, cues: QuoteCues, text: str) -> list[Quote]:
    return [q for q in extract_quotes(nlp(text), (), cues) if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "speaker", "content", "cue"),
    [
        ("Wang Yi said that China would not interfere.", "Wang Yi", "that China would not interfere", "said"),
        ("Olaf Scholz says Berlin has no objections to the plan.", "Olaf Scholz", "Berlin has no objections to the plan", "says"),
        ("Indian officials warned of a build-up of troops near the border.", "Indian officials", "of a build-up of troops near the border", "warned"),
        ("A senior State Department official told reporters that sanctions were ready.", "A senior State Department official", "that sanctions were ready", "told"),
        ("The ministry denied any involvement in the attack.", "The ministry", "any involvement in the attack", "denied"),
        ("Tehran claims the drones were shot down over its own territory.", "Tehran", "the drones were shot down over its own territory", "claims"),
    ],
)
def test_quotes_indirect_reporting_verb(nlp, cues, text: str, speaker: str, content: str, cue: str) -> None:
    quotes = _indirect(nlp, cues, text)
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert q.text == content
    assert q.speaker_text == speaker
    assert q.cue == cue
    assert text[q.start : q.end] == q.text


def test_quotes_indirect_according_to_sentence_initial(nlp, cues) -> None:
    text = "According to the Pentagon, two brigades have left the region."
    (q,) = _indirect(nlp, cues, text)
    assert q.text == "two brigades have left the region"
    assert q.speaker_text == "the Pentagon" or q.speaker_text == "Pentagon"
    assert q.cue == "According to"


def test_quotes_indirect_according_to_sentence_final(nlp, cues) -> None:
    text = "Two brigades have left the region, according to the Pentagon."
    (q,) = _indirect(nlp, cues, text)
    assert q.text == "Two brigades have left the region"


def test_quotes_indirect_framing_for_named_actor(nlp, cues) -> None:
    text = "For Beijing, the sale of the jets is a provocation."
    (q,) = _indirect(nlp, cues, text)
    assert q.speaker_text == "Beijing"
    assert q.text == "the sale of the jets is a provocation"


def test_quotes_indirect_framing_needs_an_actor(nlp, cues) -> None:
    assert _indirect(nlp, cues, "For years, the border has been quiet.") == []


def test_quotes_indirect_speaker_shared_through_conjunction(nlp, cues) -> None:
    text = "The envoy arrived in Seoul and said the talks would resume in March."
    (q,) = _indirect(nlp, cues, text)
    assert q.speaker_text == "The envoy" or q.speaker_text == "envoy"
    assert q.text == "the talks would resume in March"


def test_quotes_indirect_no_speech_verb_no_quote(nlp, cues) -> None:
    assert _indirect(nlp, cues, "The troops crossed the river at dawn.") == []


def test_quotes_indirect_fronted_complement(nlp, cues) -> None:
    text = "Two brigades crossed the border overnight, the ministry said."
    (q,) = _indirect(nlp, cues, text)
    assert q.text == "Two brigades crossed the border overnight"
    assert q.speaker_text is not None and "ministry" in q.speaker_text


def test_quotes_indirect_added_after_reported_clause_is_the_sayer(nlp, cues) -> None:
    text = "Aung San Suu Kyi said it was too early to congratulate winners but added that she was hopeful."
    quotes = _indirect(nlp, cues, text)
    added = [q for q in quotes if q.cue == "added"]
    assert added and added[0].speaker_text is not None and "Suu Kyi" in added[0].speaker_text


def test_quotes_indirect_speech_noun_with_possessor(nlp, cues) -> None:
    text = "Erdogan's claim that the strikes hit only militants was disputed."
    (q,) = _indirect(nlp, cues, text)
    assert q.text == "that the strikes hit only militants"
    assert q.speaker_text == "Erdogan" and q.cue == "claim"


def test_quotes_indirect_parenthetical_attribution(nlp, cues) -> None:
    text = "In his state, Christie said, nonviolent first-time drug offenders are sent to treatment."
    (q,) = _indirect(nlp, cues, text)
    assert q.speaker_text == "Christie"
    assert q.text.startswith("In his state") and q.text.endswith("treatment")


# issue 13: reported clauses the parse cut short run to the sentence's end; datelines,
# beliefs without a named holder and "figures show" are no attributions
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Lee said in the past two years he has worked to open markets and real progress has been made.",
         "he has worked to open markets and real progress has been made"),
        ("PARIS, May 4 - Exports will fall this year, the ministry said.", "Exports will fall this year"),
        ("OSLO (Reuters) - The fund will sell its stake, a spokesman said.", "The fund will sell its stake"),
        # a hyphen inside a word is no dash opening an aside ("re-examine" cut to "re")
        # whom a speaker tells is no part of what was said, a one-word name too
        ("Ito told Nikkei Japanese exports would fall.", "Japanese exports would fall"),
        # a fronted clause whose parse kept only its first conjunct is still what was said
        ("About half of the banks have already paid, but it may take more time before all have paid their share, the sources added.",
         "About half of the banks have already paid, but it may take more time before all have paid their share"),
        # the sentence splitter's break after an abbreviation's period is no clause boundary
        ("Army Staff Sgt. Paul Miller was wounded in the attack near the border, the army said.",
         "Army Staff Sgt. Paul Miller was wounded in the attack near the border"),
        ("Smith said the U.S. Would re-examine its accord on currency rates reached by the leading nations.",
         "the U.S. Would re-examine its accord on currency rates reached by the leading nations"),
    ],
)  # fmt: skip
def test_quotes_indirect_content_spans(nlp, cues, text: str, content: str) -> None:
    (q,) = _indirect(nlp, cues, text)
    assert q.text == content


def test_quotes_indirect_content_stops_at_a_phrase_of_its_own(nlp, cues) -> None:
    text = "Kim said the talks had failed, adding that he would return in May."
    quotes = _indirect(nlp, cues, text)
    assert [q.text for q in quotes] == ["the talks had failed", "that he would return in May"]


def test_quotes_indirect_statistics_are_not_sources(nlp, cues) -> None:
    assert _indirect(nlp, cues, "Figures released on Monday show exports rose.") == []
    (q,) = _indirect(nlp, cues, "A poll released on Monday shows the senator is ahead.")
    assert q.text == "the senator is ahead"


def test_quotes_indirect_a_question_asked_is_not_the_answerers(nlp, cues) -> None:
    text = "Asked about the angry reaction of the government, Lopez said this was a matter for the banks."
    quotes = _indirect(nlp, cues, text)
    assert [q.text for q in quotes] == ["this was a matter for the banks"]


def test_quotes_indirect_a_date_in_the_clause_stays(nlp, cues) -> None:
    (q,) = _indirect(nlp, cues, "A report from the bank said last year's currency losses were a sign of mismanagement.")
    assert q.text == "last year's currency losses were a sign of mismanagement"


@pytest.mark.parametrize(
    "text",
    [
        "Minister Jon Alder declined to say when the tax would take effect.",
        "The airline refused to comment on the report of a merger.",
        "Dale Corp reported a net loss of four mln dlrs in the first quarter.",
        "Varro Ltd reported a first-half loss of 12 mln dlrs, believed to be its worst in a decade.",
        "Many economists believe the currency will weaken further.",
        "Canada wants a deal on fish quotas before the season opens.",
    ],
)  # fmt: skip
def test_quotes_indirect_nothing_said_figures_and_others_thoughts_are_no_quotes(nlp, cues, text: str) -> None:
    # nothing said, a company result, and a thought or wish the reporter reads into a group or country
    assert extract_quotes(nlp(text), (), cues) == []


def test_quotes_indirect_a_persons_belief_and_a_stated_refusal_stay_attributions(nlp, cues) -> None:
    (q,) = _indirect(nlp, cues, "Mayor Ilse Brandt believes the bridge will reopen in May.")
    assert q.speaker_text == "Ilse Brandt" and q.text == "the bridge will reopen in May"
    (q,) = _indirect(nlp, cues, "The union refused to accept the new contract.")
    assert q.cue == "refused"


def test_quotes_indirect_a_reported_result_after_that_is_still_speech(nlp, cues) -> None:
    (q,) = _indirect(nlp, cues, "Dale Corp reported that sales had fallen sharply.")
    assert q.speaker_text == "Dale Corp"


def test_quotes_indirect_a_parenthetical_cue_between_two_clauses_stays_out_of_the_content(nlp, cues) -> None:
    text = "The region's farms are still carrying the burden of large debts and low prices, she said, and bankers' fears over the two problems have grown."
    (q,) = _indirect(nlp, cues, text)
    assert q.text == "The region's farms are still carrying the burden of large debts and low prices"
    assert q.speaker_text == "she"


def test_quotes_indirect_the_addressee_is_not_content(nlp, cues) -> None:
    (q,) = _indirect(nlp, cues, "Berg told reporters work remained to be done on the budget.")
    assert q.text == "work remained to be done on the budget"


def test_quotes_indirect_not_from_a_capitals_headline(nlp, cues) -> None:
    # a wire headline's parse reads its object as what was said ("WARNS | SWEDEN ON COSTS");
    # the first paragraph says it again in full
    text = "IMF SAYS BRAZIL HAS MET ITS TARGETS\n\nBrazil has met the targets of its loan programme, the fund said."
    quotes = extract_quotes(nlp(text), (), cues)
    assert [q.text for q in quotes] == ["Brazil has met the targets of its loan programme"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not say when the talks would resume.",
        "Bank officials would not say whether the rate had been cut.",
    ],
)
def test_quotes_indirect_a_question_left_unanswered_is_no_attribution(nlp, cues, text: str) -> None:
    assert _indirect(nlp, cues, text) == []


def test_quotes_indirect_negated_verb_keeps_a_that_clause_and_a_later_saying(nlp, cues) -> None:
    text = "He did not say what the price was, but said the deal would close in May."
    assert [q.text for q in _indirect(nlp, cues, text)] == ["the deal would close in May"]


def test_quotes_indirect_stops_at_a_cue_after_its_clause_verb(nlp, cues) -> None:
    # the record's text is one slice: it never holds its own cue and speaker
    (q,) = _indirect(nlp, cues, "Prices will rise, Machold said, because stocks are low.")
    assert (q.text, q.speaker_text) == ("Prices will rise", "Machold")


def test_quotes_indirect_stops_before_a_second_speaker(nlp, cues) -> None:
    text = "Howe said Britain would back the plan and Ordonez of Spain said Madrid would abstain."
    quotes = _indirect(nlp, cues, text)
    assert quotes[0].text == "Britain would back the plan"
    assert all("Ordonez" not in q.text for q in quotes)


def test_quotes_indirect_clause_keeps_the_subject_the_parse_left_out(nlp) -> None:
    # "Pia said despite the rain the match is on": a parse (fixed here, as the model gives it
    # for longer sentences) that hangs the subject on the fronted phrase, not on the clause
    from spacy.tokens import Doc

    from newsgraph.extract.quotes_attribution import _with_subject

    words = ["Pia", "said", "despite", "the", "rain", "the", "match", "is", "on", "."]
    heads = [1, 1, 1, 4, 2, 6, 2, 1, 7, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "det", "pobj", "ccomp", "advmod", "punct"]
    tags = ["NNP", "VBD", "IN", "DT", "NN", "DT", "NN", "VBZ", "RB", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert _with_subject(doc[7], 7, doc[1], [-1] * len(doc)) == 2  # from "despite", not "is on"


def test_quotes_indirect_a_fronted_report_holding_another_is_kept(nlp, cues) -> None:
    text = "Two banks confirmed a pledge to lend 300 mln dlrs to Peru, banking sources said."
    quotes = _indirect(nlp, cues, text)
    outer = [q for q in quotes if q.speaker_text == "banking sources"]
    assert [q.text for q in outer] == ["Two banks confirmed a pledge to lend 300 mln dlrs to Peru"]
