"""The shared per-Doc tables and shortcuts the extractors read instead of spaCy's slower paths
give what the slow paths give (the speed itself is measured by `newsgraph bench`, not here)."""

from __future__ import annotations

from newsgraph.extract.actors import _begins_a_name, _name_matches
from newsgraph.extract.doctext import doc_ents, sentences, token_words
from newsgraph.extract.events_evidence import is_headline
from newsgraph.extract.quotes_marks import find_passages

TEXT = (
    "FARM GROUP URGES NEW LOAN TERMS\n\n"
    "The Iowa growers' association asked the Agriculture Department on Tuesday to ease "
    "the terms of 2.5 billion dlrs in loans, saying \"we cannot wait another season.\"\n\n"
    "  Officials in Des Moines said they were studying the request."
)


def test_token_words_are_each_tokens_lower_form_and_lemma(nlp) -> None:
    doc = nlp(TEXT)
    assert token_words(doc) == [(t.lower_, t.lemma_.lower()) for t in doc]


def test_doc_ents_are_the_docs_entities(nlp) -> None:
    doc = nlp(TEXT)
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]


def test_sentence_table_gives_what_token_sent_gives(nlp) -> None:
    doc = nlp(TEXT)
    table = sentences(doc)
    assert len(table.starts) == len(list(doc.sents)) > 2
    for t in doc:
        assert (table.start(t.i), table.end(t.i), table.root(t.i)) == (t.sent.start, t.sent.end, t.sent.root.i)
        assert table.span(doc, t.i) == t.sent
    assert sentences(doc) is table  # built once per Doc


def test_paragraph_break_starts_a_sentence(nlp) -> None:
    doc = nlp(TEXT)
    after_breaks = [t.i + 1 for t in doc[:-1] if t.is_space and "\n\n" in t.text]
    assert after_breaks and all(doc[i].is_sent_start for i in after_breaks)


def test_found_passages_are_a_fresh_list_each_call() -> None:
    text = 'A long line before any mark at all, and then "a quoted part" and more words.'
    first = find_passages(text)
    first.clear()  # a caller may change its list; the next caller still gets every passage
    again = find_passages(text)
    assert [text[p.start : p.end] for p in again] == ['"a quoted part"']


def test_headline_test_counts_letters_only() -> None:
    assert is_headline("FARM GROUP URGES NEW LOAN TERMS")
    assert is_headline("U.S. 2.5 BLN DLR LOAN PLAN, 1987")
    assert not is_headline("The farm group urges new terms")
    assert not is_headline("OK 12")  # too few letters to tell


def test_name_search_stops_where_no_name_continues(nlp, knowledge) -> None:
    names = knowledge.actors.sorted_names
    assert _begins_a_name("unitedsta", names)
    assert not _begins_a_name("unitedstatesqqq", names)
    assert _begins_a_name("anything", ())  # without the sorted names nothing is cut short
    doc = nlp("UNITED STATES AND JAPAN SIGN TRADE PACT")
    keys = [m.key for m in _name_matches(doc, knowledge.actors)]
    assert "unitedstates" in keys and "japan" in keys
