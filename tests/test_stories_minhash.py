"""Stories: near-duplicates join the story of the first stored document, across ingests; events dedupe per story."""

from __future__ import annotations

from pathlib import Path

from newsgraph.query.views import run_sql
from newsgraph.records import Actor, Analysis, Document, Event, Evidence
from newsgraph.store.segments import Store
from newsgraph.stories import StoryOptions, assign_stories, shingles, signature

BASE = (
    "Russian troops massed near the Ukrainian border on Monday as NATO foreign ministers met in Riga "
    "to discuss a response, officials said. The alliance warned Moscow of severe consequences if it "
    "invaded, and Washington said it was preparing sanctions with its European partners. "
)
OTHER = (
    "Coffee prices rose sharply in New York trading after frost damaged crops in Brazil, the world's "
    "largest producer, and dealers expected further gains as stocks in consuming countries fell. "
)


def doc(doc_id: str, text: str, url: str | None = None, published: str = "2021-12-06") -> Analysis:
    actors = (
        Actor("a1", "Russia", "RUS", "RUS", None, "country", ((0, 7),)),
        Actor("a2", "Ukraine", "UKR", "UKR", None, "country", ((40, 50),)),
    )
    event = Event("a1", "a2", "154", "Mobilize armed forces", 4, -7.2, "asserted", None, Evidence(0, 50))
    return Analysis(Document(id=doc_id, text=text, published=published, url=url), actors, events=(event,))


def test_stories_shingles_are_lowercased_word_ngrams() -> None:
    assert shingles("The NATO summit, in Riga", 3) == [b"the nato summit", b"nato summit in", b"summit in riga"]
    assert shingles("Riga", 3) == [b"riga"] and shingles("", 3) == []


def test_stories_near_duplicate_matches_and_unrelated_does_not() -> None:
    options = StoryOptions()
    sigs = [signature("a", BASE * 2, options), signature("b", BASE * 2 + " Updated at 10:00 GMT.", options),
            signature("c", OTHER * 2, options), signature("d", "", options)]  # fmt: skip
    out = assign_stories(sigs, {}, options)
    assert [a.story_id for a in out] == ["a", "a", "c", "d"]
    assert out[1].matched == "a" and out[1].duplicate and out[1].similarity > 0.8
    assert out[2].matched is None and out[3].matched is None


def test_stories_new_documents_join_stored_stories(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.write([doc("first", BASE * 2, "https://a.example/1"), doc("coffee", OTHER * 2)])
    store.write([doc("rewrite", "Updated: " + BASE * 2 + " More to follow.", "https://b.example/x")])
    rows = run_sql(store, "SELECT doc_id, story_id FROM documents ORDER BY doc_id").rows
    assert rows == (("coffee", "coffee"), ("first", "first"), ("rewrite", "first"))
    matched = run_sql(store, "SELECT matched, duplicate FROM minhash WHERE doc_id = 'rewrite'").rows
    assert matched == (("first", True),)


def test_stories_story_events_count_mentions_articles_sources(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.write([doc("first", BASE * 2, "https://a.example/1"), doc("again", BASE * 2 + " (Reuters)", "https://a.example/2"),
                 doc("third", "Updated: " + BASE * 2, "https://b.example/x"), doc("coffee", OTHER * 2)])  # fmt: skip
    rows = run_sql(
        store,
        "SELECT story_id, source_actor, target_actor, root, num_mentions, num_articles, num_sources "
        "FROM story_events ORDER BY story_id",
    ).rows
    assert rows == (("coffee", "RUS", "UKR", "15", 1, 1, 1), ("first", "RUS", "UKR", "15", 3, 3, 2))


def test_stories_same_text_a_month_later_is_another_story(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.write([doc("first", BASE * 2), doc("week", BASE * 2 + " Again.", published="2021-12-12")])
    store.write([doc("month", BASE * 2 + " Later.", published="2022-01-10")])
    rows = run_sql(store, "SELECT doc_id, story_id FROM documents ORDER BY doc_id").rows
    assert rows == (("first", "first"), ("month", "month"), ("week", "first"))


BRIEF = (
    "{name} said its board declared a quarterly dividend of {cts} cts a share, payable April {day} to "
    "holders of record March 31. The company paid {cts} cts a share in the previous quarter. "
)
COMPANIES = {"Acme Tools Inc": (25, 15), "Borden Mills Corp": (18, 20)}


def test_stories_templated_briefs_about_different_companies_stay_apart() -> None:
    options = StoryOptions()
    texts = {n: BRIEF.format(name=n, cts=c, day=d) for n, (c, d) in COMPANIES.items()}
    a, b = (signature(n, t, options, names=[n]) for n, t in texts.items())
    similarity = a.jaccard(b.values)
    assert options.threshold <= similarity < options.duplicate  # the words alone make one story
    out = assign_stories([a, b], {}, options)
    assert [x.story_id for x in out] == ["Acme Tools Inc", "Borden Mills Corp"]
    # the same brief naming the same company (however cased, with or without "the") is one story
    again = signature("again", texts["Acme Tools Inc"] + "Shares rose.", options, names=["the ACME TOOLS INC"])
    assert assign_stories([a, again], {}, options)[1].story_id == "Acme Tools Inc"
    # without names on one side, the text decides, as before names were kept
    bare = signature("bare", texts["Borden Mills Corp"], options)
    assert assign_stories([a, bare], {}, options)[1].story_id == "Acme Tools Inc"
    assert assign_stories([a, b], {}, StoryOptions(shared_names=False))[1].story_id == "Acme Tools Inc"


def test_stories_names_are_kept_and_compared_across_ingests(tmp_path: Path) -> None:
    def brief(doc_id: str, company: str) -> Analysis:
        cts, day = COMPANIES[company]
        text = BRIEF.format(name=company, cts=cts, day=day)
        actor = Actor("a1", company, None, "USA", "BUS", "organization", ((0, len(company)),))
        return Analysis(Document(id=doc_id, text=text, published="1987-03-02"), (actor,))

    store = Store(tmp_path / "s")
    store.write([brief("acme", "Acme Tools Inc")])
    store.write([brief("borden", "Borden Mills Corp"), brief("acme-2", "Acme Tools Inc")])
    rows = run_sql(store, "SELECT doc_id, story_id FROM documents ORDER BY doc_id").rows
    assert rows == (("acme", "acme"), ("acme-2", "acme"), ("borden", "borden"))


def test_stories_minhash_equals_datasketch_bit_for_bit() -> None:
    """Signatures stored by earlier versions (computed with datasketch) must match the ones computed now."""
    import numpy as np
    import pytest

    datasketch = pytest.importorskip("datasketch")  # a dev extra: the runtime does without it (and without SciPy)
    from datasketch.lsh import _optimal_param

    from newsgraph.stories import minhash_values, optimal_bands

    texts = ["", "Short.", "Chile and Peru signed a fishing accord in Lima on Tuesday, their ministers said.",
             " ".join(f"word{i % 97} other{i % 13}" for i in range(3000))]  # fmt: skip
    for text in texts:
        for num_perm, seed in ((128, 1), (64, 7)):
            grams = shingles(text, 3)
            reference = datasketch.MinHash(num_perm=num_perm, seed=seed)
            if grams:
                reference.update_batch(grams)
            assert np.array_equal(minhash_values(grams, num_perm, seed), np.asarray(reference.hashvalues, np.uint32))
    for threshold, num_perm in ((0.3, 128), (0.5, 128), (0.8, 64), (0.1, 32)):
        assert optimal_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)
