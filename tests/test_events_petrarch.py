"""PETRARCH verb dictionaries convert to our pattern records; the coder's knowledge is data."""

from __future__ import annotations

from pathlib import Path

from newsgraph.extract.events import EventData, extract_events
from newsgraph.extract.events_petrarch import parse_petrarch_verbs, split_code
from newsgraph.records import Actor

# A made-up dictionary in PETRARCH's format (synset, block with irregular forms, patterns, a multi-word verb).
SNIPPET = """
&TIES
+RELATIONS
+DIPLOMATIC_TIES

--- FROBNICATE  [777:778]  ---
FROBNICATE {FROBNICATED }   # made up
+FROB_OUT [779]
- * &TIES  [712]  # more specific
- * (WITH {FULL SUPPORT})  [713]
- NOT * [---]

~ a (a b ATTACK) SAY = a b 015
"""


def test_events_petrarch_split_code() -> None:
    assert split_code("042:043") == ("042", "043")
    assert split_code("---") == (None, None)
    assert split_code(":173") == (None, "173")


def test_events_petrarch_parse_records() -> None:
    records = parse_petrarch_verbs(SNIPPET.splitlines(), source="test")
    verbs = [r for r in records if r["kind"] == "verb"]
    patterns = [r for r in records if r["kind"] == "pattern"]
    assert [(v["lemma"], v["code"], v["reverse_code"]) for v in verbs] == [("frobnicate", "777", "778"), ("frob", "779", None)]
    assert verbs[0]["forms"] == ["frobnicated"] and verbs[1]["phrase_after"] == ["out"]
    assert patterns[0]["after"] == [["relations", "diplomatic ties"]]  # the synset is expanded
    assert patterns[1]["after"] == [["with"], ["full"], ["support"]]
    assert patterns[2]["before"] == [["not"]] and patterns[2]["code"] is None
    assert len(records) == 5  # the transformation line is not a pattern


def test_events_petrarch_dictionary_drives_the_coder(nlp, tmp_path: Path) -> None:
    verbs = tmp_path / "verbs.txt"
    verbs.write_text(SNIPPET, encoding="utf-8")
    data = EventData.from_petrarch(verbs, nlp)
    text = "Arnor frobnicated Gondor. Arnor frobnicated relations with Gondor."
    doc = nlp(text)
    actors = [
        Actor("a0", "Arnor", "ARN", "ARN", None, "country", ((0, 5), (26, 31))),
        Actor("a1", "Gondor", "GON", "GON", None, "country", ((18, 24), (58, 64))),
    ]
    got = {(e.source, e.target, e.code) for e in extract_events(doc, actors, [], [], [], None, data)}
    assert got == {("a0", "a1", "777"), ("a1", "a0", "778"), ("a0", "a1", "712")}
    assert not extract_events(doc, actors, [], [], [], None, EventData.load(nlp))  # our own dictionary does not know the verb
