"""Direct quotes (extract/quotes.py): one short sentence per attribution pattern."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.records import Actor, Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cues(nlp) -> QuoteCues:
    return QuoteCues.load(nlp)


def _quotes(nlp, cues: QuoteCues, text: str) -> tuple[list[Quote], dict[str, str]]:
    doc = nlp(text)
    actors = _ner_actors(doc)
    return extract_quotes(doc, actors, cues), {a.id: a.name for a in actors}


def _ner_actors(doc) -> list[Actor]:  # type: ignore[no-untyped-def]
    """Stand-in actors from spaCy's NER, so these tests do not depend on the actors work."""
    kinds = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
    by_name: dict[str, list[tuple[int, int]]] = {}
    kind: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ in kinds:
            by_name.setdefault(ent.text, []).append((ent.start_char, ent.end_char))
            kind.setdefault(ent.text, kinds[ent.label_])
    return [
        Actor(f"a{i}", name, None, None, None, kind[name], tuple(spans))  # type: ignore[arg-type]
        for i, (name, spans) in enumerate(by_name.items())
    ]


def _one(quotes: list[Quote], contains: str) -> Quote:
    found = [q for q in quotes if contains in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_quotes_direct_quote_then_said_name(nlp, cues) -> None:
    text = "“We will not retreat from the border,” said Defence Minister Ben Wallace."
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "retreat")
    assert q.kind == "direct"
    assert q.speaker_text is not None and "Wallace" in q.speaker_text
    assert q.cue == "said"
    assert text[q.start - 1] == "“" and q.text.startswith("We will")


def test_quotes_direct_name_says_then_quote(nlp, cues) -> None:
    quotes, names = _quotes(nlp, cues, "Angela Merkel said: “Europe must stand together.”")
    q = _one(quotes, "Europe must")
    assert q.speaker_text == "Angela Merkel"
    assert names[q.speaker] == "Angela Merkel"


def test_quotes_direct_pronoun_speaker_resolves_to_actor(nlp, cues) -> None:
    text = "Emmanuel Macron met the press in Paris.\n\n“France will keep talking to everyone,” he said."
    quotes, names = _quotes(nlp, cues, text)
    q = _one(quotes, "France will")
    assert q.speaker_text == "he"
    assert q.speaker_span == (text.index(" he said") + 1, text.index(" he said") + 3)
    assert names[q.speaker] == "Emmanuel Macron"


def test_quotes_direct_pronoun_skips_names_inside_the_quote(nlp, cues) -> None:
    text = (
        "Dmitry Peskov spoke on Monday.\n\n"
        "“We discussed the initiatives of President Xi Jinping at length,” he said."
    )
    quotes, names = _quotes(nlp, cues, text)
    assert names[_one(quotes, "initiatives").speaker] == "Dmitry Peskov"


def test_quotes_direct_according_to(nlp, cues) -> None:
    quotes, _ = _quotes(nlp, cues, "“The talks have failed,” according to Josep Borrell.")
    q = _one(quotes, "talks have failed")
    assert q.speaker_text == "Josep Borrell"
    assert q.cue == "according to"


def test_quotes_direct_interrupted_quote_is_one(nlp, cues) -> None:
    text = "“We are ready to talk,” Erdogan said. “But we will not accept threats.”"
    quotes, _ = _quotes(nlp, cues, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    q = direct[0]
    # the words inside the outer marks; the span covers the attribution, so its text does too
    assert (q.start, q.end) == (1, len(text) - 1)
    assert q.text == text[q.start : q.end]
    assert q.text.startswith("We are ready") and q.text.endswith("accept threats.")
    assert q.speaker_text == "Erdogan"


def test_quotes_direct_multi_paragraph_quote(nlp, cues) -> None:
    text = (
        "Jens Stoltenberg said: “The first part of the statement is long and it goes on.\n\n"
        "“The second part goes on too.\n\n"
        "“The third part closes the quote.”\n\n"
        "“A new quote after the close is not his.”"
    )
    quotes, _ = _quotes(nlp, cues, text)
    for words in ("first part", "second part", "third part"):
        q = _one(quotes, words)
        assert q.speaker_text == "Jens Stoltenberg"
        assert "\n" not in q.text
    assert _one(quotes, "new quote").speaker_span is None


def test_quotes_direct_passive_agent_is_speaker(nlp, cues) -> None:
    text = "The decision was called “deeply regrettable” by the European Commission on Friday."
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "deeply regrettable")
    assert q.speaker_text is not None and "Commission" in q.speaker_text


def test_quotes_direct_partial_quote_in_reported_clause(nlp, cues) -> None:
    text = "The Japanese government said it “will respond firmly” to any incursion."
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "respond firmly")
    assert q.speaker_text is not None and "government" in q.speaker_text
    assert q.cue == "said"


def test_quotes_direct_scare_quote_is_no_quote(nlp, cues) -> None:
    # issue 13: titles, slogans and scare quotes are never quotes
    text = "The so-called “peace dividend” has long been spent on other things."
    quotes, _ = _quotes(nlp, cues, text)
    assert quotes == []
    text = "Nobody claimed it. “The harvest will be late this year and prices will rise.”"
    quotes, _ = _quotes(nlp, cues, text)
    assert len(quotes) == 1 and quotes[0].speaker_span is None  # speech, though nobody is named


def test_quotes_direct_colon_after_name(nlp, cues) -> None:
    text = "The reaction from the opposition - Boris Johnson: “This is a shameful day.”"
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "shameful day")
    assert q.speaker_text == "Boris Johnson"


def test_quotes_direct_unbalanced_marks_do_not_swallow_article(nlp, cues) -> None:
    text = "He called it “a mistake.\n\n" + "The minister went home. " * 30 + "\n\nNothing more was said."
    quotes, _ = _quotes(nlp, cues, text)
    assert all(q.end - q.start < 100 for q in quotes if q.kind == "direct")


def test_quotes_direct_fragment_reports_the_whole_predicate(nlp, cues) -> None:
    text = "Hillary Clinton called the agreement “an historic step forward” in global efforts to address climate change."
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "historic step")
    assert q.text.startswith("the agreement") and q.text.endswith("climate change")
    assert q.kind == "mixed"  # reported words around a quoted phrase (issue 13)
    (part,) = q.quoted_spans
    assert text[part[0] : part[1]] == "an historic step forward"
    assert q.speaker_text == "Hillary Clinton"


def test_quotes_direct_span_is_its_text(nlp, cues) -> None:
    text = "“We will win,” Smith said. Then a “half quote that nobody is said to have made\n\nAnd 0«"
    quotes, _ = _quotes(nlp, cues, text)
    assert quotes
    for q in quotes:
        assert text[q.start : q.end] == q.text and q.text
    assert any(q.text == "We will win," for q in quotes)
    assert any(q.text == "half quote that nobody is said to have made" for q in quotes)


def test_quotes_direct_dash_signature(nlp, cues) -> None:
    # testimonial lists: each paragraph is only "“…” ― Name"; the name signs its own quote,
    # never the next paragraph's (the parser runs the sentence across the line break)
    text = (
        "“He has empowered the worst instincts of the country.” ― Maria Lopez\n"
        "“During the debate he said we live in hell.”― Ana Torres \n"
        "“He is not fit to lead.” — Jorge Ramirez, teacher, Ohio\n"
    )
    quotes, _ = _quotes(nlp, cues, text)
    assert _one(quotes, "worst instincts").speaker_text == "Maria Lopez"
    assert _one(quotes, "live in hell").speaker_text == "Ana Torres"
    assert _one(quotes, "not fit to lead").speaker_text == "Jorge Ramirez"


def test_quotes_direct_dash_after_narration_is_not_a_signature(nlp, cues) -> None:
    # a reporter's sign-off after a sentence that is not only a quote signs nothing
    text = 'Rajoy said he will "try to form a stable government."--Kim Hjelmgaard.\n'
    quotes, _ = _quotes(nlp, cues, text)
    assert _one(quotes, "stable government").speaker_text == "Rajoy"


def test_quotes_direct_unsigned_line_after_signature_stays_unattributed(nlp, cues) -> None:
    text = "“He has empowered the worst instincts of the country.” ― Maria Lopez\n“We are all hurting now and nobody listens.”\n"
    quotes, _ = _quotes(nlp, cues, text)
    assert _one(quotes, "all hurting").speaker_span is None


def test_quotes_direct_relative_pronoun_keeps_its_antecedent(nlp, cues) -> None:
    text = "Angela Merkel, who said “we will not give up on this,” left the summit early."
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "give up")
    assert q.speaker_text == "Angela Merkel, who"


def test_quotes_direct_according_to_after_the_cue_reports_it(nlp, cues) -> None:
    # PolNeAR attributes a relayed quote to the outlet that reports the saying
    text = "“I ask you not to protest on the floor,” Bernie Sanders said, according to CNN."
    quotes, _ = _quotes(nlp, cues, text)
    assert _one(quotes, "not to protest").speaker_text == "CNN"


def test_quotes_direct_bare_paragraph_keeps_the_previous_speaker(nlp, cues) -> None:
    # issue 13: a quotation paragraph with no cue of its own is the previous paragraph's speaker's
    text = (
        "At the airport, Ana Costa denied that the trip had failed.\n\n"
        "“I delivered the message and it was clearly understood by everyone there.”\n\n"
        "The talks resume in May."
    )
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "delivered the message")
    assert q.kind == "direct" and "Costa" in (q.speaker_text or "") and q.cue == "denied"


def test_quotes_direct_quoted_subject_is_never_the_speaker(nlp, cues) -> None:
    # the parse may also give "said" a subject inside the quotation
    text = "“If it fails now, it will fail again later, probably sooner rather than later,” said Tom Reyes, a physicist."
    quotes, _ = _quotes(nlp, cues, text)
    assert _one(quotes, "fails now").speaker_text == "Tom Reyes"


def test_quotes_direct_kinds_and_quoted_spans(nlp, cues) -> None:
    text = "Officials said Beijing was “ready to talk” about tariffs. “We are ready,” Wang said."
    quotes, _ = _quotes(nlp, cues, text)
    mixed, direct = _one(quotes, "ready to talk"), _one(quotes, "We are ready")
    assert mixed.kind == "mixed" and mixed.text == "Beijing was “ready to talk” about tariffs"
    assert [text[s:e] for s, e in mixed.quoted_spans] == ["ready to talk"]
    assert direct.kind == "direct" and direct.quoted_spans == () and direct.speaker_text == "Wang"


def test_quotes_direct_apostrophes_as_marks_do_not_make_quotes(nlp, cues) -> None:
    text = 'The bloc"s envoy said: "We don"t think the plan works," and the farmers" incomes will fall.'
    quotes, _ = _quotes(nlp, cues, text)
    q = _one(quotes, "plan works")
    assert q.text == 'We don"t think the plan works,' and q.kind == "direct"
    assert not any("s envoy" in x.text or "incomes" in x.text and x.kind != "indirect" for x in quotes)


def test_quotes_direct_the_phrase_before_a_quoting_cue_is_no_second_quote(nlp, cues) -> None:
    text = 'Commenting on the new pledges from donors, Minister Rahmi Ostrov said, "I am glad, but we need far more."'
    quotes = [q for q in extract_quotes(nlp(text), (), cues) if q.cue_span is not None]
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].text == "I am glad, but we need far more."
