"""Unnamed speakers (extract/speakers.py): groups and roles that speak become actors; "they" follows them;
events never get an unknown-country party from them, and a speaker "they" is not a country named nearby."""

from __future__ import annotations

import pytest

from newsgraph.records import Actor, Analysis, Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(analyze_text):  # type: ignore[no-untyped-def]
    return lambda text: analyze_text(text, "2023-05-04")


def _speaker(a: Analysis, phrase: str) -> tuple[Quote, Actor | None]:
    q = next(q for q in a.quotes if q.speaker_text == phrase)
    return q, next((x for x in a.actors if x.id == q.speaker), None)


@pytest.mark.parametrize(
    ("text", "phrase", "name", "role", "country", "kind"),
    [
        ("Copper prices slipped on Friday, metal traders said.", "metal traders", "metal traders", "BUS", None, "group"),
        ("Northern diplomats said the summit was delayed.", "Northern diplomats", "Northern diplomats", "GOV", None, "group"),
        ("Military sources said three patrol boats were missing.", "Military sources", "Military sources", "MIL", None, "group"),
        ("Canadian bankers said mortgage demand had cooled.", "Canadian bankers", "Canadian bankers", "BUS", "CAN", "group"),
        ("Wheat was scarce, dealers in Cairo said.", "dealers", "dealers", "BUS", "EGY", "group"),
        ("Freight rates fell, one shipping dealer said.", "one shipping dealer", "shipping dealer", "BUS", None, "person"),
        ("The bond was priced at par, securities sources said.", "securities sources", "securities sources", "BUS", None, "group"),
        # a central bank is coded as its government, so are the "monetary sources" that speak for it
        ("Monetary sources said the bank would hold rates steady.", "Monetary sources", "Monetary sources", "GOV", None, "group"),
        ("Central bank officials said reserves had risen.", "Central bank officials", "Central bank officials", "GOV", None, "group"),
    ],
)  # fmt: skip
def test_unnamed_group_or_role_speaker_becomes_an_actor(
    run, text: str, phrase: str, name: str, role: str, country: str | None, kind: str
) -> None:
    _, actor = _speaker(run(text), phrase)
    assert actor is not None
    assert (actor.name, actor.role, actor.country, actor.kind) == (name, role, country, kind)
    assert actor.code == (country + role if country else None)


@pytest.mark.parametrize(
    ("text", "phrase", "name", "role", "kind"),
    [
        ("Sources said the vote would be postponed.", "Sources", "Sources", None, "group"),
        ("The lender will sell its card unit, one source said.", "one source", "source", None, "person"),
        ("The levy would double by 2030, the document says.", "the document", "document", None, "organization"),
        ("Both navies will hold drills in June, the communique said.", "the communique", "communique", None, "organization"),
        ("Two guards were hurt in the clash, police said.", "police", "police", "COP", "group"),
        ("The singer will tour Asia in the autumn, the magazine reported.", "the magazine", "magazine", "MED", "organization"),
        ("The stoppage will spread to the docks, some unions said.", "some unions", "unions", "LAB", "group"),
        # the statement speaks for its issuers, and a modifier does not make ministers a business
        ("Tariffs on steel must fall, a trade ministers' statement said.", "a trade ministers' statement", "trade ministers", "GOV", "group"),
        # a modifier of a document says little of its issuer's sector (a bank may be a development bank)
        ("Two loans were written off, the lender's annual bank report said.", "the lender's annual bank report", "lender's annual bank report", None, "organization"),
    ],
)  # fmt: skip
def test_a_speaker_noun_with_neither_sector_nor_country_is_an_uncoded_actor(
    run, text: str, phrase: str, name: str, role: str | None, kind: str
) -> None:
    _, actor = _speaker(run(text), phrase)
    assert actor is not None
    assert (actor.name, actor.role, actor.country, actor.code, actor.kind) == (name, role, None, None, kind)


def test_an_uncoded_speaker_is_no_party_and_keeps_they_from_a_country(run) -> None:
    a = run("Peru cut its maize imports in March, sources said.\n\nThey said the cut would last a year.")
    _, actor = _speaker(a, "sources")
    _, they = _speaker(a, "They")
    assert actor is not None and actor.code is None and they is actor
    assert all(actor.id not in (e.source, e.target) for e in a.events)
    assert not [e for e in a.events if e.code == "010"]  # "They said" is no statement by Peru


def test_a_spokesman_for_an_organization_is_that_organization(run) -> None:
    a = run("Orvane Mining Corp shares fell, and a spokesman for Orvane Mining Corp said output was lower.")
    _, actor = _speaker(a, "a spokesman")
    assert actor is not None and actor.kind == "organization" and "Orvane" in actor.name


def test_they_follows_the_previous_group_speaker_not_a_country_named_nearby(run) -> None:
    text = (
        "Grain brokers said harvest estimates were too high. They said Argentina would sell less wheat than planned.\n\n"
        "Grain brokers said the rains came late."
    )
    a = run(text)
    _, first = _speaker(a, "Grain brokers")
    _, they = _speaker(a, "They")
    assert first is not None and they == first
    assert len([x for x in a.actors if x.name == "Grain brokers"]) == 1  # the same phrase again is the same actor
    said = text.index("They said")
    # no event gives "They said" to Argentina, and the brokers (no country) are no party to any event
    assert not [e for e in a.events if e.evidence.start <= said < e.evidence.end and e.source != first.id]
    assert not [e for e in a.events if first.id in (e.source, e.target)]


def test_they_is_the_group_named_earlier_in_its_own_sentence(run) -> None:
    text = (
        "Grain traders said bread prices would climb. Swiss farmers welcomed the ruling, though they added "
        "that costs would rise."
    )
    a = run(text)
    _, they = _speaker(a, "they")
    assert they is not None and "farmers" in they.name


def test_the_definite_role_noun_is_the_speaker_named_before(run) -> None:
    text = "A senior official said the border would reopen. The road is long, the official said."
    a = run(text)
    _, first = _speaker(a, "A senior official")
    _, again = _speaker(a, "the official")
    assert first is not None and again == first


def test_an_aide_to_a_person_takes_that_persons_country(run) -> None:
    a = run("Prime Minister Boris Johnson flew to Kyiv. An aide to Boris Johnson said the visit would be short.")
    _, actor = _speaker(a, "An aide")
    assert actor is not None and (actor.name, actor.country, actor.role) == ("aide", "GBR", "GOV")


def test_the_sources_and_they_follow_monetary_sources(run) -> None:
    a = run("Monetary sources said the bank would hold rates. The sources said reserves were ample. They said no cut was planned.")
    (first, actor), (_, again), (_, they) = (_speaker(a, p) for p in ("Monetary sources", "The sources", "They"))
    assert actor is not None and again == actor and they == actor


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        ("There are some economists who say the levy is too high.", "some economists who", "economists"),
        ("The senator released a letter from his lawyer on Monday that says he is innocent.",
         "a letter from his lawyer on Monday that", "letter from his lawyer on Monday"),
    ],
)  # fmt: skip
def test_a_speaker_name_leaves_out_the_relative_pronoun_its_phrase_swallowed(run, text: str, phrase: str, name: str) -> None:
    _, actor = _speaker(run(text), phrase)
    assert actor is not None and actor.name == name
