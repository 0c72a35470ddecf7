"""Quotation-mark scanning (extract/quotes_marks.py): pure text in, passages out."""

from __future__ import annotations

from newsgraph.extract.quotes_marks import find_passages


def _texts(text: str) -> list[str]:
    return [text[p.start : p.end] for p in find_passages(text)]


def test_quotes_marks_curly_straight_and_guillemets() -> None:
    text = 'He said “yes, we will.” She said "no." They said «jamais».'
    assert _texts(text) == ["“yes, we will.”", '"no."', "«jamais»"]


def test_quotes_marks_mixed_shapes_close_each_other() -> None:
    # scraped text often opens curly and closes straight
    assert _texts('He said “we will win," and left.') == ['“we will win,"']


def test_quotes_marks_apostrophes_are_not_quotes() -> None:
    text = "The students’ union didn’t say ‘never’ to the plan."
    assert _texts(text) == ["‘never’"]


def test_quotes_marks_single_quotes_inside_double_are_not_separate() -> None:
    text = "“They told us ‘go home’ at once,” she said."
    assert _texts(text) == ["“They told us ‘go home’ at once,”"]


def test_quotes_marks_unclosed_quote_is_capped_at_sentence() -> None:
    text = "He called it “a disaster. Nobody listened.\n\nThe next paragraph is narration."
    passages = find_passages(text)
    assert len(passages) == 1
    assert not passages[0].closed
    assert "Nobody" not in text[passages[0].start : passages[0].end]


def test_quotes_marks_unclosed_never_crosses_paragraph() -> None:
    text = "“We will fight on\n\nMore narration here. And “more."
    for p in find_passages(text):
        assert "\n" not in text[p.start : p.end]


def test_quotes_marks_multi_paragraph_convention() -> None:
    text = "“The first paragraph of the speech.\n\n“The second one, which ends,” he said."
    first, second = find_passages(text)
    assert first.continued and not first.closed
    assert second.closed and not second.continued


def test_quotes_marks_unbalanced_article_does_not_hang_or_swallow() -> None:
    text = ("He said “oops. " + "Plain narration sentence. " * 200 + "\n\n") * 20
    passages = find_passages(text)
    assert all(p.end - p.start < 500 for p in passages)


def test_quotes_marks_typewriter_double_apostrophes() -> None:
    text = "''We are ready,'' Mr. Kim said. He isn't sure."
    (p,) = find_passages(text)
    assert text[p.start : p.end] == "''We are ready,''"
    assert text[p.inner[0] : p.inner[1]] == "We are ready,"
    assert find_passages(text, typewriter=False) == []


def test_quotes_marks_mid_paragraph_quote_continues_into_next() -> None:
    text = "She said: “The first part goes on\n\n“and the second part ends.”"
    first, second = find_passages(text)
    assert first.continued and text[first.start : first.end] == "“The first part goes on"
    assert second.closed


def test_quotes_marks_passages_need_letters() -> None:
    text = '<tweet tweet_id="7600702809" author="x">'
    assert [text[p.start : p.end] for p in find_passages(text)] == ['"x"']


def test_quotes_marks_linear_in_paragraphs() -> None:
    import time

    text = "“an unclosed paragraph\n" * 20000
    started = time.perf_counter()
    passages = find_passages(text)
    assert time.perf_counter() - started < 3.0  # quadratic scans took minutes here
    assert len(passages) == 20000


def test_quotes_marks_stray_mark_quotes_nothing() -> None:
    # regression (test_analyze_properties): "0«" gave an empty quote
    assert find_passages("0«") == []
    assert find_passages("a “ .") == []
    (p,) = find_passages("a “b")
    assert p.inner == (3, 4)


def test_quotes_marks_double_mark_between_letters_is_an_apostrophe() -> None:
    # some wire archives print every apostrophe as a double mark (issue 13)
    text = 'The bloc"s envoy said: "We don"t think the plan works," and left.'
    assert _texts(text) == ['"We don"t think the plan works,"']
    assert _texts("“We don”t know,” she said.") == ["“We don”t know,”"]


def test_quotes_marks_plural_possessive_mark() -> None:
    # outside a quote it is an apostrophe; inside one it closes only when no closing mark follows
    assert _texts('Growers" incomes fell, he said.') == []
    assert _texts('"Growers" incomes fell sharply," he said.') == ['"Growers" incomes fell sharply,"']
    assert _texts('Terms of the "swap loans" are not final, he said.') == ['"swap loans"']
    assert _texts('He called them "swap loans" and "bridges."') == ['"swap loans"', '"bridges."']


def test_quotes_marks_opening_mark_ends_an_unclosed_quote() -> None:
    text = 'It called the talks "useful and frank. "We agreed to meet again," the ministry said.'
    first, second = find_passages(text)
    assert text[first.start : first.end] == '"useful and frank.' and not first.closed
    assert text[second.start : second.end] == '"We agreed to meet again,"'
