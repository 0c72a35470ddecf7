"""The rule file: every entry has a source, every pattern a known reading family."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from newsgraph.extract.dates import _PREFIX_RULES, _SUFFIX_RULES, DATA_FILE, DateRules, _pattern_reach


def _data() -> dict:
    return yaml.safe_load(resources.files("newsgraph.data").joinpath(DATA_FILE).read_text(encoding="utf-8"))


def test_dates_rules_every_table_and_pattern_names_a_source():
    data = _data()
    assert data["version"] in DATA_FILE
    sections = [*data["vocab"].values(), *data["classes"].values(), data["words"], data["holidays"]]
    sections += [data["prefixes"], data["suffixes"]]
    assert all(section.get("source") for section in sections)
    assert all(p.get("source") for p in data["patterns"])
    assert {e["kind"] for e in data["prefixes"]["entries"]} <= set(_PREFIX_RULES)
    assert {e["kind"] for e in data["suffixes"]["entries"]} <= set(_SUFFIX_RULES)
    ids = [p["id"] for p in data["patterns"]]
    assert len(ids) == len(set(ids)), "pattern ids must be unique"


@pytest.mark.slow
def test_dates_rules_unknown_rule_family_is_rejected(nlp):
    data = _data()
    data["patterns"] = [*data["patterns"], {"id": "bogus", "rule": "nonsense", "source": "test", "tokens": [{}]}]
    with pytest.raises(ValueError, match="unknown rule"):
        DateRules.load(nlp, data)


@pytest.mark.slow
def test_dates_rules_repeating_operator_is_rejected(nlp):
    # an anchor window is as wide as the patterns reach, which a '*' or '+' token would not bound
    data = _data()
    tokens = [{"LOWER": "every", "OP": "*"}, {"LOWER": "monday"}]
    data["patterns"] = [*data["patterns"], {"id": "bogus", "rule": "weekday", "source": "test", "tokens": tokens}]
    with pytest.raises(ValueError, match="repeating operators"):
        DateRules.load(nlp, data)


def test_dates_pattern_reach_counts_tokens_around_each_anchor_group():
    group_of = {"monday": "weekday", "year": "unit"}
    tokens = [{"LOWER": "the"}, {"LOWER": {"IN": ["monday", "x"]}}, {"ORTH": "(", "OP": "?"}, {"SHAPE": "dd"},
              {"LOWER": "year"}]
    reach = _pattern_reach(tokens, group_of, frozenset({"dd"}))
    assert reach == {"weekday": (1, 3), "shape": (3, 1), "unit": (4, 0)}
    assert _pattern_reach([{"LOWER": "the"}], group_of, frozenset()) == {}


@pytest.mark.slow
def test_dates_rules_word_lists_become_flags_once_per_vocabulary(nlp):
    from newsgraph.extract.dates import extract_dates

    DateRules.load(nlp)
    getters = len(nlp.vocab.lex_attr_getters)
    rules = DateRules.load(nlp)  # loading again reuses the flags the first load set
    assert len(nlp.vocab.lex_attr_getters) == getters
    doc = nlp("Output slipped in the previous quarter and rose again over the last few weeks.")
    assert [t.text for t in extract_dates(doc, None, rules)] == ["the previous quarter", "the last few weeks"]
