"""Parse: paragraph breaks start sentences and split entities (a headline never runs into its article)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.parse import entities_in_paragraphs, paragraph_breaks


def test_parse_headline_and_body_are_separate_sentences(nlp) -> None:
    doc = nlp("Russia calls US relations deplorable before Putin meets Biden\n\nAmid rising tensions, the Kremlin spoke.")
    starts = [s.text.split()[0] for s in doc.sents]
    assert "Amid" in starts
    assert all("\n" not in e.text for e in doc.ents)


def test_parse_entity_across_break_is_split_hand_built() -> None:
    words = ["Putin", "and", "Biden", "\n\n", "Amid", "talks"]
    spaces = [True, True, False, False, True, False]
    doc = Doc(Vocab(), words=words, spaces=spaces, ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O"])
    doc = entities_in_paragraphs(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Putin", "PERSON"), ("Biden", "PERSON"), ("Amid", "PERSON")]


def test_parse_paragraph_break_sets_sentence_start_hand_built() -> None:
    doc = Doc(Vocab(), words=["Headline", "\n\n", "Body", "text"], spaces=[False, False, True, False])
    doc = paragraph_breaks(doc)
    assert doc[2].is_sent_start is True
    assert doc[3].is_sent_start is None


def test_parse_wrapped_wire_lines_stay_one_sentence(nlp) -> None:
    # Reuters-style copy: lines wrapped mid-sentence, paragraphs indented
    text = "Iran denied the report, saying the\nfigures were exaggerated by Western\nofficials.\n    Iraq said it would respond."
    doc = nlp(text)
    first = next(iter(doc.sents)).text
    assert "figures were exaggerated" in first and "officials" in first
    assert any(s.text.startswith("Iraq") for s in doc.sents)
