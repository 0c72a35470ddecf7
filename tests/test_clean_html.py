"""The HTML cleaner: trafilatura's main text with title, byline and date; CleanError when nothing is left."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import CleanError, clean_html, fast_runs, is_same_headline, restore_blocks

PARAGRAPHS = [
    "The finance ministers of the two countries met in Geneva on Tuesday to discuss a new trade agreement "
    "that would lower tariffs on steel, grain and machinery over the next five years.",
    "Officials said the talks had been difficult but productive, and that both delegations expected to sign "
    "a framework document before the end of the month if the remaining questions were settled.",
    "Critics of the deal argue that it favours large exporters and does little for the small farmers who "
    "have borne the brunt of the tariffs imposed during the dispute, which began three years ago.",
]

PAGE = f"""<html><head><title>Ministers agree trade deal | Example News</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ministers agree trade deal</h1>
<div class="share"><a href="#">Share on Facebook</a></div>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<aside><h2>Related Articles</h2><ul><li><a href="/b">Grain prices fall as harvest beats forecasts</a></li></ul></aside>
<footer><p>© 2024 Example Media. All rights reserved.</p></footer></body></html>"""


def test_clean_html_article_with_metadata() -> None:
    cleaned = clean_html(PAGE, url="https://example.com/world/trade-deal")
    assert cleaned.body.split("\n\n") == PARAGRAPHS
    assert cleaned.title == "Ministers agree trade deal"
    assert cleaned.byline == "Jane Doe"
    assert cleaned.published == "2024-03-05"
    assert cleaned.text == "Ministers agree trade deal\n\n" + cleaned.body


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><body></body></html>",
        '<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>',
    ],
)
def test_clean_html_without_body_raises(html: str) -> None:
    with pytest.raises(CleanError):
        clean_html(html)


PAGES = st.builds(lambda a, b: f"<html><body><p>{a}</p><div>{b}</div></body></html>", st.text(), st.text())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | PAGES)
def test_clean_html_never_crashes_except_clean_error(html: str) -> None:
    try:
        cleaned = clean_html(html)
    except CleanError:
        return
    assert cleaned.body.strip()


@pytest.mark.gold
def test_clean_html_real_page_must_and_must_not_contain(shared_data) -> None:
    """venturebeat.com 2019-11-18 (Zyte benchmark page, by reference): a Reuters story in a site's template."""
    from newsgraph.evaluate.boilerplate import load_html

    page = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
    cleaned = clean_html(load_html(shared_data, page))
    assert cleaned.published == "2019-11-18"
    assert cleaned.title and cleaned.title.startswith("New York State Attorney General investigating WeWork")
    assert cleaned.body.startswith("(Reuters) — The New York State Attorney General (NYAG) is investigating WeWork")
    assert "(Reporting by Greg Roumeliotis" in cleaned.body
    for furniture in ("Follow VentureBeat", "Most Read", "Got a news tip?", "Image Credit"):
        assert furniture not in cleaned.body


# a page written for these tests: an article with a FAQ (definition list), a list, a contact line
WORKS = [
    "The city council approved a new plan on Wednesday to replace the water pipes in the old town over "
    "the next four years, at a cost the mayor put at 40 million euros.",
    "Residents will be told a week before work starts on their street, the council said, and the water "
    "will be cut for no more than one day at a time.",
    "The plan was drawn up after two large leaks last winter left several hundred homes without running "
    "water for almost a week.",
]
FAQ = [
    ("Who pays for the new pipes?", "The city pays for the pipes under the street; owners pay for the pipes inside."),
    ("How long will my street be closed?", "Most streets will be closed to cars for two to three weeks."),
]
CONTACT = "Questions about the works can be sent to the council's water office at pipes@example.org."


def works_page(headline_in_body: bool = True) -> str:
    h1 = "<h1>Council approves plan to replace old town water pipes</h1>" if headline_in_body else ""
    return f"""<html><head><title>Council approves plan to replace old town water pipes | Example News</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li></ul></nav>
<article>{h1}<p>{WORKS[0]}</p><p>{WORKS[1]}</p>
<dl>{"".join(f"<dt>{q}</dt><dd>{a}</dd>" for q, a in FAQ)}</dl>
<ul><li>Work starts in the northern streets in March.</li><li>The southern streets follow in the autumn.</li></ul>
<p>{CONTACT}</p><p>{WORKS[2]}</p></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Bus fares to rise in spring</a></li></ul></aside>
<footer><p>Follow the author at reporter@example.org</p><p>© 2026 Example Media. All rights reserved.</p></footer>
</body></html>"""


def test_clean_html_keeps_faq_list_and_contact_line_inside_the_article() -> None:
    body = clean_html(works_page()).body
    for question, answer in FAQ:
        assert question in body and answer in body
    assert "Work starts in the northern streets in March." in body
    assert CONTACT in body  # an address inside the article is text, not furniture
    assert "reporter@example.org" not in body and "Bus fares" not in body and "All rights reserved" not in body


def test_clean_html_headline_leads_the_text_only_when_the_article_opens_with_it() -> None:
    opened = clean_html(works_page(headline_in_body=True))
    assert opened.headline == "Council approves plan to replace old town water pipes"
    assert opened.text.startswith(opened.headline + "\n\n" + WORKS[0])
    assert not opened.body.startswith("Council approves")
    bare = clean_html(works_page(headline_in_body=False))
    assert bare.title and bare.title.startswith("Council approves plan")
    assert bare.headline is None and bare.text == bare.body and bare.text.startswith(WORKS[0])


def test_restore_blocks_puts_back_inner_blocks_only() -> None:
    precise = ["First paragraph.", "Second paragraph.", "Last paragraph."]
    standard = [
        "Menu teaser before the article.",
        "First paragraph.",
        "- a list item the precise run cut",
        "Second paragraph.",
        "CLICK HERE TO GET OUR APP",
        "Last paragraph.",
        "Related: another story after the article.",
    ]
    assert restore_blocks(precise, standard) == [
        "First paragraph.",
        "- a list item the precise run cut",
        "Second paragraph.",
        "Last paragraph.",
    ]
    assert restore_blocks([], standard) == []
    assert restore_blocks(precise, []) == precise


def test_is_same_headline_with_and_without_the_site_name() -> None:
    assert is_same_headline("Council approves water plan", "Council approves water plan | Example News")
    assert is_same_headline("COUNCIL APPROVES WATER PLAN", "Council approves water plan")
    longer = "Council approves water plan after a long debate on Tuesday"
    assert not is_same_headline(longer, "Council approves water plan")


def test_clean_html_five_megabyte_page() -> None:
    # a real page's weight in scripts and menus around a short article: cleaned, not refused
    filler = "<script>var x = '" + "y" * 5_000_000 + "';</script>"
    menu = "<ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(2_000)) + "</ul>"
    html = works_page().replace("<body>", "<body>" + filler + menu, 1)
    assert len(html) > 5_000_000
    cleaned = clean_html(html)
    assert WORKS[0] in cleaned.body and "Section 1999" not in cleaned.body


FORUM_PAGE = f"""<html><head><title>Allotment watering rota</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "DiscussionForumPosting",
"headline": "Allotment watering rota"}}</script></head>
<body><div class="comments"><div class="comment"><p>{PARAGRAPHS[0]}</p></div>
<div class="comment"><p>{PARAGRAPHS[1]}</p></div></div>
<ul class="comment-list"><li>Who takes the Sunday slot in August when the main tap is shut for repairs?</li></ul>
</body></html>"""

# a short article on a long page of links: the standard run's baseline and recall retry are tried
SHORT_PAGE = (
    "<html><body><div><span>The bridge reopens on Monday after four months of repairs to its deck.</span></div>"
    + "".join(f'<div class="teaser"><a href="/n{i}">Story number {i} of the archive</a> and some words'
              f" about the story number {i}</div>" for i in range(60))
    + "</body></html>"
)


# a short article on a page of teaser cards: its text is under a fifth of the page's, so the recall retry runs
BRIDGE = (
    "The bridge reopens on Monday after four months of repairs to its deck, the council said, "
    "and buses will return to their old route through the market square on the same day. "
)
CARDS_PAGE = (
    f"<html><body><article><p>{BRIDGE}</p><p>{BRIDGE}</p></article>"
    + "".join(f'<div class="card"><h3>Archive story {i}</h3><div>Some twenty words about story {i} that readers'
              " may like to read again on a quiet afternoon at home with tea.</div></div>" for i in range(80))
    + "</body></html>"
)


@pytest.mark.parametrize("html", [PAGE, FORUM_PAGE, SHORT_PAGE, CARDS_PAGE])
def test_fast_runs_are_trafilaturas_own_runs(html: str) -> None:
    import trafilatura

    tree = trafilatura.load_html(html)
    standard, precise = fast_runs(tree, url="https://example.com/a")
    own = dict(url="https://example.com/a", output_format="txt", fast=True, include_comments=False)
    assert standard == (trafilatura.extract(tree, **own) or "")
    assert precise == (trafilatura.extract(tree, favor_precision=True, **own) or "")
    assert standard  # the pages give text, so equality is not of two empty results


BLOCKY_PAGES = st.builds(
    lambda parts, tags: "<html><body>"
    + "".join(f"<{t}>{p}</{t}>{p[:3]}" for p, t in zip(parts, tags))
    + "<footer>site footer</footer></body></html>",
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1, max_size=8),
    st.lists(st.sampled_from(["div", "p", "span", "li", "aside", "b", "br", "td"]), min_size=8, max_size=8),
)


@settings(max_examples=100, deadline=None)
@given(BLOCKY_PAGES, st.integers(min_value=0, max_value=400))
def test_the_escalation_bound_never_changes_trafilaturas_test(html: str, chars: int) -> None:
    import trafilatura
    from trafilatura.baseline import html2txt

    from newsgraph.clean import _covers_little

    tree = trafilatura.load_html(html)
    if tree is not None:
        assert _covers_little(chars, tree, 0.2) == (chars < 0.2 * len(html2txt(tree)))


CHROME_PAGES = st.builds(
    lambda parts, tags: "<html><body>" + "".join(f"<{t}>{p}<b>{p[::-1]}</b></{t}>{p[:3]}" for p, t in zip(parts, tags))
    + "<!-- a note --></body></html>",
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), min_size=1, max_size=8),
    st.lists(st.sampled_from(["div", "a", "nav", "p", "footer", "form", "aside", "span"]), min_size=8, max_size=8),
)


@settings(max_examples=100, deadline=None)
@given(CHROME_PAGES)
def test_the_body_text_bounds_the_visible_text(html: str) -> None:
    import trafilatura

    from newsgraph.clean import _body_chars, _visible_chars

    tree = trafilatura.load_html(html)
    if tree is not None:
        assert _body_chars(tree) >= _visible_chars(tree)


def test_the_markup_author_search_is_trafilaturas() -> None:
    import trafilatura
    from trafilatura.metadata import extract_author

    from newsgraph.clean import _markup_author

    html = PAGE.replace('<meta name="author" content="Jane Doe">', "").replace(
        "<h1>", '<div class="comments"><span class="author">Anon Reader</span></div><p class="byline">'
        '<span class="author-name">Tomás Okafor</span></p><h1>'
    )
    assert _markup_author(trafilatura.load_html(html)) == extract_author(trafilatura.load_html(html)) == "Tomás Okafor"
