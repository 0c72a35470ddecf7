"""Speakers (extract/quotes_speaker.py): pronouns and role nouns resolve to actors, the span stays put."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.actors import ActorData, extract_actors
from newsgraph.extract.quotes import QuoteCues, extract_quotes
from newsgraph.records import Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(nlp):  # type: ignore[no-untyped-def]
    cues, actor_data = QuoteCues.load(nlp), ActorData.load(nlp)

    def _run(text: str) -> tuple[list[Quote], dict[str, str]]:
        doc = nlp(text)
        actors = extract_actors(doc, date(2022, 1, 1), actor_data)
        return extract_quotes(doc, actors, cues), {a.id: a.name for a in actors}

    return _run


@pytest.mark.parametrize(
    ("text", "phrase", "actor_words"),
    [
        ("Kremlin spokesman Dmitry Peskov spoke on Monday. The spokesman said Moscow had no plans to attack.",
         "The spokesman", "Peskov"),
        ("Boris Johnson arrived in Kyiv. The prime minister said Britain would send more weapons.",
         "The prime minister", "Johnson"),
        ("Russia has moved troops to the border. It says its forces are on exercises.", "It", "Russia"),
    ],
)  # fmt: skip
def test_quotes_speaker_role_nouns_and_pronouns(run, text: str, phrase: str, actor_words: str) -> None:
    quotes, names = run(text)
    (q,) = quotes
    assert q.speaker_text == phrase
    assert q.speaker_span is not None and text[q.speaker_span[0] : q.speaker_span[1]] == phrase
    assert q.speaker is not None and actor_words in names[q.speaker]


def test_quotes_speaker_named_speaker_is_its_own_actor(run) -> None:
    text = "Jens Stoltenberg said NATO would not send troops."
    quotes, names = run(text)
    (q,) = quotes
    assert q.speaker_text == "Jens Stoltenberg" and "Stoltenberg" in names[q.speaker or ""]


def test_quotes_speaker_unresolvable_pronoun_stays_unlinked(run) -> None:
    quotes, _ = run("She said the talks would continue.")
    (q,) = quotes
    assert q.speaker_text == "She" and q.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a cue inside another reporting verb's complement: the outer speaker said it
        ('Minister Ana Costa said she expects the talks "to end with a deal by spring."', "Ana Costa"),
        ('The governor said a majority of voters believe "the plan is fair."', "The governor"),
        # a participle after a name: the name speaks, not the clause's subject
        ('The film shows Mayor Tom Reyes saying, "We will rebuild the bridge."', "Tom Reyes"),
        # a participle's object is not an inverted subject
        ('"We will win," Maria Lopez said, offering a few examples, including, "Look at the polls."', "Maria Lopez"),
        # the parse may give the name another role; a date after the verb is never the speaker
        ('"We will find them," Sheriff John Hale said Monday.', "John Hale"),
        # a dashed aside between the subject and the participle is not the chanter's clause
        (('A group of nurses marched along the river - where the city council meets - while chanting, '
          '"We want fair pay."'), "A group"),
    ],
)  # fmt: skip
def test_quotes_speaker_syntax_rules(run, text: str, speaker: str) -> None:
    quotes, _ = run(text)
    direct = [q for q in quotes if q.kind != "indirect"]
    assert direct and all(q.speaker_text is not None and speaker in q.speaker_text for q in direct), [
        (q.text, q.speaker_text) for q in quotes
    ]


def test_quotes_speaker_pronoun_chains_to_the_previous_speaker(run) -> None:
    # issue 13: "he" after a person's quote is that person, not the nearest person mentioned
    text = (
        "Lars Berg met Angela Merkel on Monday. Berg said the talks had gone well.\n\n"
        "“We will meet again in June,” he said."
    )
    quotes, names = run(text)
    q = next(q for q in quotes if "June" in q.text)
    assert q.speaker is not None and "Berg" in names[q.speaker]


def test_quotes_speaker_pronoun_takes_a_person_named_after_the_speaker(run) -> None:
    text = (
        "“Prices will rise,” said Lars Berg, a trader. Economist Angela Merkel sees little chance of that.\n\n"
        "“Demand is too weak,” she said."
    )
    quotes, names = run(text)
    q = next(q for q in quotes if "too weak" in q.text)
    assert q.speaker is not None and "Merkel" in names[q.speaker]


def test_quotes_speaker_title_with_name_in_apposition(run) -> None:
    text = "The minister's chief of staff, Ann Lee, said the plan was dead."
    quotes, _ = run(text)
    (q,) = quotes
    assert q.speaker_text == "Ann Lee"


def test_quotes_speaker_surname_is_the_person_named_in_full(run) -> None:
    # issue 13: a surname chains to the full name the document gave, whatever the parse called it
    text = (
        "Herbert Fritschi, director of research at a Zurich bank, called the sell-off overdone.\n\n"
        "Cantonal Bank's Fritschi said: “I am relatively optimistic about the recovery.”"
    )
    quotes, names = run(text)
    q = next(q for q in quotes if "optimistic" in q.text)
    assert q.speaker is not None and names[q.speaker] == "Herbert Fritschi"


def test_quotes_speaker_short_company_name_and_it(run) -> None:
    text = (
        "Giant Bay Resources Ltd signed an agreement with a mining company.\n\n"
        "Giant Bay said it would acquire a working interest in the mine.\n\n"
        "It said it may spend as much as three mln dlrs."
    )
    quotes, names = run(text)
    for q in quotes:
        assert q.speaker is not None and names[q.speaker] == "Giant Bay Resources Ltd", (q.text, q.speaker_text)


@pytest.mark.parametrize(
    ("text", "phrase", "actor_words"),
    [
        # a person named inside the previous speaker's attribution does not take "he"
        ("Lena Roos, an aide to Prime Minister Ivar Holm, said exports would slow.\n\n"
         "\"But now the surplus will shrink,\" he said.", "he", "Lena Roos"),
        # "the spokesman" is the last spokesman and the body he speaks for, not another role
        ("Sweden's trade minister visited Bonn. A Treasury spokesman said Britain would not change its policy. "
         "The spokesman added that rates would stay high.", "The spokesman", "Treasury"),
        # a role noun with the body it speaks for
        ("Trade talks resumed in Oslo. A representative of Kessler said the company is concerned about prices.",
         "A representative of Kessler", "Kessler"),
    ],
)  # fmt: skip
def test_quotes_speaker_chains_to_the_speaker_not_to_names_around_it(run, text: str, phrase: str, actor_words: str) -> None:
    quotes, names = run(text)
    q = quotes[-1]
    assert q.speaker_text == phrase
    assert q.speaker is not None and actor_words in names[q.speaker]


def test_quotes_speaker_it_after_a_speaker_without_actor_is_not_its_country(run) -> None:
    quotes, names = run("Holm Trading GmbH of West Germany said it bought a stake. The stake gives Holm a seat on the board, it said.")
    assert quotes[-1].speaker_text == "it"
    assert quotes[-1].speaker is None or "Germany" not in names[quotes[-1].speaker]


def test_quotes_speaker_joint_speakers_are_one_phrase(run) -> None:
    quotes, _ = run("Traders and shipping agents said the port had reopened.")
    assert quotes[0].speaker_text == "Traders and shipping agents"


def test_quotes_speaker_a_company_name_cut_by_the_headline_parse_is_whole(run) -> None:
    quotes, _ = run("ORLEN <ORL> IN PACT WITH VESTA\n\nOrlen Inc said it entered into an agreement with Vesta Co.")
    assert quotes[0].speaker_text == "Orlen Inc"


def test_quotes_speaker_the_person_after_said_beats_a_company_the_parse_made_subject(nlp) -> None:
    # the parse some wire copy gets: "Corp" the inverted subject, the person its modifier
    from spacy.tokens import Doc

    from newsgraph.extract.quotes_attribution import _speaker_of

    words = ["said", "Kenji", "Oda", "of", "Kanto", "Asset", "Corp"]
    heads = [0, 2, 6, 2, 5, 6, 0]
    deps = ["ROOT", "compound", "nmod", "prep", "compound", "compound", "nsubj"]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents, pos=["VERB"] + ["PROPN"] * 2 + ["ADP"] + ["PROPN"] * 3)
    cues = QuoteCues.load(nlp)
    who = _speaker_of(doc[0], [-1] * len(doc), cues.verbs)
    assert who is not None and who.text == "Oda"


def test_quotes_speaker_the_spokesman_is_never_a_president_named_before(run) -> None:
    text = ("President Ronald Reagan will announce new tariffs today. A spokesman said the Community was ready to act. "
            "The spokesman said member states agreed on a plan last week.")  # fmt: skip
    quotes, names = run(text)
    assert quotes[-1].speaker_text == "The spokesman"
    assert quotes[-1].speaker is None or "Reagan" not in names[quotes[-1].speaker]


def test_quotes_speaker_the_bank_is_the_bank_named_before(run) -> None:
    text = ("The U.S. Commerce Department said exports rose in May. Imports fell two pct, the department said. "
            "Prices were steady, it said.")  # fmt: skip
    quotes, names = run(text)
    assert [q.speaker_text for q in quotes] == ["The U.S. Commerce Department", "the department", "it"]
    assert all(q.speaker is not None and "Commerce Department" in names[q.speaker] for q in quotes)


def test_quotes_speaker_the_company_is_not_a_company_named_in_the_headline(run) -> None:
    text = "ORBIT UNIT BUYS LYON COMPANY\n\nOrbit Holdings said it bought Ferrand SA. The company said sales would double."
    quotes, names = run(text)
    assert quotes[-1].speaker_text == "The company"
    assert quotes[-1].speaker is None or "LYON" not in names[quotes[-1].speaker]


def test_quotes_speaker_surname_stays_the_person_named_in_full(run) -> None:
    # "Macron said" after "President Emmanuel Macron" and "the Macron government": the person,
    # not the organization whose name begins with the surname
    text = (
        "President Emmanuel Macron met union leaders on Monday. The Macron government has said it will "
        "raise the minimum wage.\n\n\u201cI will not take orders from anyone,\u201d Macron said on Friday."
    )
    quotes, names = run(text)
    direct = next(q for q in quotes if q.text.startswith("I will not"))
    assert names[direct.speaker] == "Emmanuel Macron"


def test_quotes_speaker_the_company_is_the_company_named_before(run) -> None:
    text = (
        "ORTON MINING SELLS GOLD UNIT\n\n"
        "Orton Mining Corp said it sold its gold unit to Kelso Holdings Ltd for 40 mln dlrs.\n\n"
        "The company said the sale would cut its debt."
    )
    quotes, names = run(text)
    q = next(q for q in quotes if q.speaker_text == "The company")
    assert q.speaker is not None and names[q.speaker] == "Orton Mining Corp"  # not the buyer named inside what it said


def test_quotes_speaker_the_companies_are_not_one_company(run) -> None:
    quotes, names = run("Siemens AG and Bruker Corp said they formed a venture. The companies said the systems are small.")
    q = next(q for q in quotes if q.speaker_text == "The companies")
    assert q.speaker is None or names[q.speaker] not in ("Siemens AG", "Bruker Corp")
