"""The HTML cleaner: trafilatura's main text with title, byline and date; CleanError when nothing is left."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import CleanError, clean_html

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
