"""coref.actor_at and coref.resolve_pronoun over hand-built actors, and the words coref reads."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.data_files import load_yaml
from newsgraph.extract import coref
from newsgraph.extract.coref import CorefWords, actor_at, resolve_pronoun
from newsgraph.records import Actor


def _doc() -> Doc:
    words = ["Putin", "met", "Russia", "'s", "spokesman", ".", "He", "said", "it", "would", "act", "."]
    spaces = [True, True, False, True, False, True, True, True, True, True, False, False]
    sent_starts = [True] + [False] * 5 + [True] + [False] * 5
    heads = [1, 1, 4, 2, 1, 1, 7, 7, 10, 10, 7, 7]
    deps = ["nsubj", "ROOT", "poss", "case", "dobj", "punct", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]
    return Doc(Vocab(), words=words, spaces=spaces, sent_starts=sent_starts, heads=heads, deps=deps)


def _actors(doc: Doc) -> list[Actor]:
    def span(i: int) -> tuple[int, int]:
        return (doc[i].idx, doc[i].idx + len(doc[i]))

    return [
        Actor("a1", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person", (span(0),)),
        Actor("a2", "Russia", "RUS", "RUS", None, "country", (span(2),)),
        Actor("a3", "spokesman", "RUSGOV", "RUS", "GOV", "person", ((doc[2].idx, doc[4].idx + 9),)),
    ]


def test_coref_actor_at_prefers_longest_overlap():
    doc = _doc()
    actors = _actors(doc)
    assert actor_at(actors, doc[4].idx, doc[4].idx + 9).id == "a3"
    assert actor_at(actors, doc[0].idx, doc[0].idx + 5).id == "a1"
    assert actor_at(actors, doc[7].idx, doc[7].idx + 4) is None


def test_coref_resolve_pronoun_person_and_thing():
    doc = _doc()
    actors = _actors(doc)
    assert resolve_pronoun(doc, 6, actors).id == "a1"  # "He" -> the subject Putin, not the spokesman
    assert resolve_pronoun(doc, 8, actors).id == "a2"  # "it" -> Russia
    assert resolve_pronoun(doc, 1, actors) is None  # "met" is no pronoun


def test_coref_resolve_pronoun_skips_quoted_names_and_finds_titles(nlp):
    from datetime import date

    from newsgraph.extract.actors import ActorData, extract_actors

    text = (
        "Andrey Sokolov, a Russian analyst, says the talks will fail. "
        "\u201cI don't see how Biden can promise that,\u201d he says. "
        "Russian government spokesman Dmitry Peskov declined to comment."
    )
    doc = nlp(text)
    actors = extract_actors(doc, date(2021, 12, 6), ActorData.load(nlp))
    he = next(t.i for t in doc if t.text == "he")
    spokesman = next(t.i for t in doc if t.text == "spokesman")
    assert resolve_pronoun(doc, he, actors).name == "Andrey Sokolov"
    assert resolve_pronoun(doc, spokesman, actors).name == "Dmitry Peskov"


def test_coref_words_pronouns_from_function_words_roles_from_the_agents_file():
    words = CorefWords.load()
    assert {"he", "her", "himself"} <= words.person_pronouns and "it" not in words.person_pronouns
    assert words.thing_pronouns == {"it", "its", "itself"}
    assert words.plural_pronouns == {"they", "them", "their", "theirs", "themselves"}
    agents = {a["phrase"]: a["role"] for a in load_yaml("agents-2026-11.yaml")["agents"]}
    assert words.role_nouns and all(agents[w] == role for w, role in words.role_nouns.items())


def test_coref_words_refuse_a_role_noun_the_agents_file_lacks(monkeypatch):
    real = coref.load_yaml

    def fake(name):
        raw = real(name)
        if name == coref.DATA_FILE:
            raw["role_nouns"]["words"] = [*raw["role_nouns"]["words"], "wizard"]
        return raw

    monkeypatch.setattr(coref, "load_yaml", fake)
    with pytest.raises(ValueError, match="wizard"):
        CorefWords.load()


def test_coref_country_nouns_are_the_actor_stage_list():
    # one list for "the country" in both stages: actor-context-2026-11.yaml's country_nouns
    context = load_yaml("actor-context-2026-11.yaml")["country_nouns"]
    assert CorefWords.load().country_nouns == {str(w).lower() for w in context}


def test_coref_resolve_the_kingdom_to_the_country_named_before():
    words = ["Norway", "signed", "the", "pact", ".", "The", "kingdom", "will", "ratify", "it", "."]
    spaces = [True, True, True, False, True, True, True, True, True, False, False]
    sent_starts = [True] + [False] * 4 + [True] + [False] * 5
    heads = [1, 1, 3, 1, 1, 6, 8, 8, 8, 8, 8]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "det", "nsubj", "aux", "ROOT", "dobj", "punct"]
    doc = Doc(Vocab(), words=words, spaces=spaces, sent_starts=sent_starts, heads=heads, deps=deps)
    norway = Actor("a1", "Norway", "NOR", "NOR", None, "country", ((0, 6),))
    assert resolve_pronoun(doc, 6, [norway]) == norway  # "kingdom": a country noun of actor-context
    assert resolve_pronoun(doc, 3, [norway]) is None  # "pact" points at no one
