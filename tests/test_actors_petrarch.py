"""PETRARCH-format dictionaries load into ActorData: coded knowledge is data, not code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.actors_petrarch import CodeRange, parse_code, read_actors, read_agents

ACTORS = """\
<!-- test dictionary -->
ARNOR_  [ARN]
+ARNORIAN
GOLLUM  # a creature
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
UN_SECRETARY_GENERAL
+U.N._SECRETARY_GENERAL
\t[IGOUNO]
"""
AGENTS = """\
!PERSON! = MAN, WOMAN
POLICE {} [~COP]
FOREIGN_MINISTER [~GOVFRM]
HUMAN_RIGHTS_BODY  [NGO~]
CONGRESS!PERSON! [~LEG]
"""


@pytest.fixture()
def dict_files(tmp_path: Path) -> tuple[Path, Path]:
    actors, agents = tmp_path / "t.actors.txt", tmp_path / "t.agents.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    agents.write_text(AGENTS, encoding="utf-8")
    return actors, agents


def test_actors_petrarch_date_restrictions(dict_files):
    records = {r.name: r for r in read_actors(dict_files[0])}
    gollum = records["GOLLUM"]
    assert gollum.aliases == ("SMEAGOL",)
    assert gollum.ranges[1] == CodeRange("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))
    assert records["UN SECRETARY GENERAL"].default == "IGOUNO"
    assert parse_code("ARN") == CodeRange("ARN")


def test_actors_petrarch_agents_plurals_markers_prefix(dict_files):
    agents = {a.phrase: a for a in read_agents(dict_files[1])}
    assert agents["POLICE"].role == "COP" and "POLICES" not in agents
    assert agents["FOREIGN MINISTERS"].role == "GOVFRM"
    assert agents["HUMAN RIGHTS BODY"].prefix is True
    assert {"CONGRESSMAN", "CONGRESSWOMAN"} <= set(agents)


def test_actors_petrarch_from_petrarch_codes_by_date(nlp, dict_files):
    data = ActorData.from_petrarch([dict_files[0]], dict_files[1], nlp)
    doc = Doc(nlp.vocab, words=["Smeagol", "met", "the", "Arnorian", "police", "."])
    early = {a.name: a.code for a in extract_actors(doc, date(1990, 1, 1), data)}
    middle = {a.name: a.code for a in extract_actors(doc, date(1997, 1, 1), data)}
    assert early["Gollum"] == "HOB" and middle["Gollum"] == "HOBGOV"


@pytest.mark.slow
def test_actors_petrarch_validation_suite_loads(nlp, shared_data):
    folder = shared_data / "events" / "petrarch_unittest" / "dictionaries"
    data = ActorData.from_petrarch([folder / "PETR.Validate.actors.txt"], folder / "PETR.Validate.agents.txt", nlp)
    actors = extract_actors(nlp("Arnor rejected an offer from Gondor on Tuesday."), date(2005, 1, 1), data)
    assert {a.code for a in actors} >= {"ARN", "GON"}


def test_actors_petrarch_compound_codes_become_several_actors(nlp, tmp_path):
    path = tmp_path / "c.actors.txt"
    path.write_text("THE_SHIRE [FRO/BIL/SAM]\nGONDOR [GON]\n", encoding="utf-8")
    data = ActorData.from_petrarch([path], None, nlp)
    actors = extract_actors(nlp("The Shire signed a treaty with Gondor."), date(2000, 1, 1), data)
    assert {"FRO", "BIL", "SAM", "GON"} <= {a.code for a in actors}
