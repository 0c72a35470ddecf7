"""coref.CorefIndex: built once per document and kept on the Doc; the same answers as before."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.extract.coref import CorefIndex, coref_index, resolve_pronoun
from newsgraph.records import Actor


def _doc() -> Doc:
    words = ["Putin", "met", "Biden", ".", "He", "said", "it", "was", "good", "."]
    sent_starts = [True, False, False, False, True, False, False, False, False, False]
    heads = [1, 1, 1, 1, 5, 5, 7, 5, 7, 5]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"]
    return Doc(Vocab(), words=words, sent_starts=sent_starts, heads=heads, deps=deps)


def _actors(doc: Doc) -> list[Actor]:
    return [
        Actor("a1", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person", ((doc[0].idx, doc[0].idx + 5),)),
        Actor("a2", "Joe Biden", "USAGOV", "USA", "GOV", "person", ((doc[2].idx, doc[2].idx + 5),)),
    ]


def test_coref_index_cached_on_the_doc_per_actor_list():
    doc = _doc()
    actors = _actors(doc)
    first = coref_index(doc, actors)
    assert coref_index(doc, list(actors)) is first  # equal actors: the same index
    assert resolve_pronoun(doc, 4, actors).id == "a1"  # "He": the main-clause subject
    other = coref_index(doc, actors[1:])
    assert other is not first and resolve_pronoun(doc, 4, actors[1:]).id == "a2"


def test_coref_index_matches_a_fresh_build():
    doc = _doc()
    actors = _actors(doc)
    fresh = CorefIndex.build(doc, actors)
    assert [fresh.resolve(i) for i in range(len(doc))] == [resolve_pronoun(doc, i, actors) for i in range(len(doc))]
