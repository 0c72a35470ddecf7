"""Claims and disputes on short sentences, one pattern per test; actors built by hand."""

from __future__ import annotations

import pytest

from hand_actors import mentions_of
from newsgraph.extract.amounts import extract_amounts
from newsgraph.extract.claims import ClaimData, extract_claims
from newsgraph.records import Actor, Claim

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def claim_data(nlp) -> ClaimData:
    return ClaimData.load(nlp)


def actors_for(text: str, names: list[str]) -> list[Actor]:
    return [
        Actor(id=name, name=name, code=None, country=None, role=None, kind="country", mentions=mentions_of(text, name))
        for name in names
    ]


def claims_in(nlp, data: ClaimData, text: str, names: list[str]) -> list[Claim]:
    doc = nlp(text)
    actors = actors_for(text, names)
    amounts = extract_amounts(doc, actors, [], [], data.amounts)
    return extract_claims(doc, actors, [], amounts, data)


def disputed(claims: list[Claim], text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[c.statement.start : c.statement.end], c.disputed_by) for c in claims if c.disputed_by]


def test_claims_relative_clause_dispute_links_the_amount(nlp, claim_data):
    text = (
        "Washington warned of a possible offensive in January that would involve 175,000 troops "
        "— which Moscow denies and calls alarmism."
    )
    claims = claims_in(nlp, claim_data, text, ["Washington", "Moscow"])
    hit = [c for c in claims if c.disputed_by]
    assert len(hit) == 1
    assert hit[0].disputed_by == ("Moscow",)
    assert hit[0].claimant == "Washington"
    assert hit[0].amount == 175000
    assert "175,000 troops" in text[hit[0].statement.start : hit[0].statement.end]


def test_claims_denies_an_event(nlp, claim_data):
    text = "The Kremlin denies an imminent invasion."
    found = disputed(claims_in(nlp, claim_data, text, ["The Kremlin"]), text)
    assert found == [("an imminent invasion", ("The Kremlin",))]


def test_claims_denied_that_clause(nlp, claim_data):
    text = "Indonesia denied it had granted palm oil import licences."
    assert disputed(claims_in(nlp, claim_data, text, ["Indonesia"]), text) == [
        ("it had granted palm oil import licences", ("Indonesia",))
    ]


def test_claims_rejected_the_report_that(nlp, claim_data):
    text = "Germany rejected the report that its troops had crossed the border."
    assert disputed(claims_in(nlp, claim_data, text, ["Germany"]), text) == [
        ("its troops had crossed the border", ("Germany",))
    ]


def test_claims_dismissed_the_allegations_points_back(nlp, claim_data):
    text = "France said Italy had sold 20 missiles to the rebels. Italy dismissed the allegations."
    claims = claims_in(nlp, claim_data, text, ["France", "Italy"])
    hit = [c for c in claims if c.disputed_by]
    assert len(hit) == 1 and hit[0].disputed_by == ("Italy",) and hit[0].claimant == "France"
    assert hit[0].amount == 20


def test_claims_called_the_claims_false(nlp, claim_data):
    text = "Britain said Spain had moved 3,000 troops. Spain called the claims false."
    hit = [c for c in claims_in(nlp, claim_data, text, ["Britain", "Spain"]) if c.disputed_by]
    assert [(c.claimant, c.disputed_by) for c in hit] == [("Britain", ("Spain",))]


def test_claims_figures_were_exaggerated(nlp, claim_data):
    text = "Egypt said the figures were exaggerated."
    found = disputed(claims_in(nlp, claim_data, text, ["Egypt"]), text)
    assert found == [("the figures", ("Egypt",))]


@pytest.mark.parametrize(
    "text",
    [
        "Turkey denied bail to the suspect.",  # withholding
        "Japan rejected the offer from the company.",  # an offer is not a claim
        "Canada does not deny the existence of the deficit.",  # negated
        "Chile denied British firms more lucrative orders.",  # two objects: withholding
    ],
)
def test_claims_not_disputes(nlp, claim_data, text):
    names = [w for w in ("Turkey", "Japan", "Canada", "Chile") if w in text]
    assert disputed(claims_in(nlp, claim_data, text, names), text) == []


def test_claims_attributed_amount_is_an_undisputed_claim(nlp, claim_data):
    text = "Kenya said 300 people were displaced by the floods."
    claims = claims_in(nlp, claim_data, text, ["Kenya"])
    assert [(c.claimant, c.disputed_by, c.amount) for c in claims] == [("Kenya", (), 300)]


def test_claims_participle_denial_takes_main_subject(nlp, claim_data):
    text = "Denying that its jets had crossed the border, Syria summoned the envoy."
    found = disputed(claims_in(nlp, claim_data, text, ["Syria"]), text)
    assert found == [("its jets had crossed the border", ("Syria",))]


def test_claims_relative_pronoun_disputer_is_antecedent(nlp, claim_data):
    text = "Moscow, which denies that its troops are in Ukraine, called for talks."
    assert disputed(claims_in(nlp, claim_data, text, ["Moscow"]), text) == [("its troops are in Ukraine", ("Moscow",))]


def test_claims_denial_noun(nlp, claim_data):
    text = "Iran's denial that it had enriched uranium was rejected."
    assert disputed(claims_in(nlp, claim_data, text, ["Iran"]), text) == [("it had enriched uranium", ("Iran",))]


def test_claims_which_attached_low_goes_to_the_claim_noun(nlp, claim_data):
    text = "Peru faces allegations that it bombed Ecuador, which Peru has denied."
    found = disputed(claims_in(nlp, claim_data, text, ["Peru"]), text)
    assert found == [("it bombed Ecuador", ("Peru",))]


def test_claims_noun_with_that_clause_counts_as_claim(nlp, claim_data):
    text = "Greece rejected suggestions that its navy had entered Turkish waters."
    assert disputed(claims_in(nlp, claim_data, text, ["Greece"]), text) == [
        ("its navy had entered Turkish waters", ("Greece",))
    ]


def test_claims_denied_a_hearing_is_withholding(nlp, claim_data):
    text = "Senator Smith denied Garland, the nominee for the court, a confirmation hearing."
    assert disputed(claims_in(nlp, claim_data, text, ["Senator Smith"]), text) == []


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("Israel said there was no truth to the reports that its jets struck Syria.", "its jets struck Syria"),
        ("Nigeria said it was not true that its army had fired first.", "its army had fired first"),
        ("Chad refuted claims that its troops had looted the town.", "its troops had looted the town"),
    ],
)
def test_claims_more_dispute_phrasings(nlp, claim_data, text, statement):
    name = text.split()[0]
    assert disputed(claims_in(nlp, claim_data, text, [name]), text) == [(statement, (name,))]


def test_claims_evaluative_extraposition_is_not_a_dispute(nlp, claim_data):
    text = "Peru said it was ridiculous that firms expect buyers to pay their staff."
    assert disputed(claims_in(nlp, claim_data, text, ["Peru"]), text) == []


def test_claims_reduced_relative_is_not_the_claim_content(nlp, claim_data):
    text = "The Commission dismissed charges of discrimination filed against it by the union."
    found = disputed(claims_in(nlp, claim_data, text, ["The Commission"]), text)
    assert all("filed against it" not in statement or "charges" in statement for statement, _ in found)


def test_claims_denied_responsibility_is_a_dispute(nlp, claim_data):
    text = "Hamas denied responsibility for the attack."
    found = disputed(claims_in(nlp, claim_data, text, ["Hamas"]), text)
    assert found == [("responsibility for the attack", ("Hamas",))]


def test_claims_false_noun_disputed_by_the_accuser(nlp, claim_data):
    text = "Brazil charged the swimmer with filing a false robbery report."
    assert disputed(claims_in(nlp, claim_data, text, ["Brazil"]), text) == [("a false robbery report", ("Brazil",))]


def test_claims_pronoun_called_nonsense_points_back(nlp, claim_data):
    text = 'Chile said Peru had moved 300 troops. "It\'s nonsense," Peru said.'
    hit = [c for c in claims_in(nlp, claim_data, text, ["Chile", "Peru"]) if c.disputed_by]
    assert [(c.claimant, c.disputed_by, c.amount) for c in hit] == [("Chile", ("Peru",), 300)]


def test_claims_deny_something_to_someone_is_withholding(nlp, claim_data):
    text = "The court, which Spain had asked, denied class-action status to the workers."
    assert disputed(claims_in(nlp, claim_data, text, ["Spain", "The court"]), text) == []


def test_claims_particle_verb_brush_off(nlp, claim_data):
    text = "Iran brushed off reports that its navy had seized the tanker."
    assert disputed(claims_in(nlp, claim_data, text, ["Iran"]), text) == [("its navy had seized the tanker", ("Iran",))]
