"""Crawl: feeds, sitemaps and pages from a 127.0.0.1 site become raw items; bad sources are one problem each."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from news_server import FEED_PAGES, SITEMAP_PAGES, Site, serve

from newsgraph.crawl import Crawl, CrawlOptions, Link, interleaved, iter_sources, load_state, read_sources
from newsgraph.decode import decode_html
from newsgraph.fetch import FetchError, Fetcher, FetchOptions
from newsgraph.ingest import Problem, RawItem
from newsgraph.store.segments import Store

FAST = FetchOptions(delay=0.0, timeout=1.0, backoff=0.01)


@pytest.fixture()
def site() -> Site:
    with serve() as running:
        yield running


def crawl(tmp_path: Path, options: FetchOptions = FAST) -> Crawl:
    return Crawl(Store(tmp_path / "store"), CrawlOptions(fetch=options))


def run(c: Crawl, *urls: str, listings_only: bool = False) -> tuple[list[RawItem], list[Problem]]:
    results = list(c.items(urls, listings_only=listings_only))
    return [r for r in results if isinstance(r, RawItem)], [r for r in results if isinstance(r, Problem)]


def test_crawl_feed_fetches_each_entry_with_its_date(site: Site, tmp_path: Path) -> None:
    items, problems = run(crawl(tmp_path), f"{site.base}/feed.xml")
    assert not problems
    assert [i.url for i in items] == [f"{site.base}/news/{n}.html" for n in FEED_PAGES]
    # pubDate "Mon, 07 Dec 2026 09:30:00 -0500": the publisher's calendar day, not moved to UTC
    assert [i.published for i in items] == ["2026-12-07", "2026-12-08", "2026-12-09"]
    assert all(i.is_html and "hold talks on the border" in i.content for i in items)
    assert f"{site.base}/world" not in [i.url for i in items]  # the channel's own link is no entry


def test_crawl_sitemap_index_opens_its_sitemaps(site: Site, tmp_path: Path) -> None:
    items, problems = run(crawl(tmp_path), f"{site.base}/sitemap-index.xml")
    assert not problems
    assert [i.url for i in items] == [f"{site.base}/pages/{n}.html" for n in SITEMAP_PAGES]
    assert site.hits("/sitemap.xml") == 1


def test_crawl_is_polite_user_agent_robots_delay(site: Site, tmp_path: Path) -> None:
    c = crawl(tmp_path, FetchOptions(delay=0.3, timeout=2.0))
    items, problems = run(c, f"{site.base}/news/a1.html", f"{site.base}/private/a2.html", f"{site.base}/news/a3.html")
    assert [i.url for i in items] == [f"{site.base}/news/a1.html", f"{site.base}/news/a3.html"]
    assert [(p.source, p.message) for p in problems] == [(f"{site.base}/private/a2.html", "disallowed by robots.txt")]
    assert "/private/a2.html" not in site.paths()
    with site.lock:
        requests = list(site.requests)
    assert all(headers["user-agent"].startswith("newsgraph/") for _, headers, _ in requests)
    gaps = [b - a for (_, _, a), (_, _, b) in zip(requests, requests[1:], strict=False)]
    assert [p for p, _, _ in requests] == ["/robots.txt", "/news/a1.html", "/news/a3.html"]
    assert min(gaps) >= 0.25  # one host, one request at a time, 0.3 s apart (timer slack)


def test_crawl_bad_sources_one_problem_each_rest_go_on(site: Site, tmp_path: Path) -> None:
    bad = {
        "/not-a-feed.xml": "expected a feed or sitemap, got an HTML page",
        "/missing.html": "HTTP 404 Not Found",
        "/slow.html": "timed out after 1 s",
        "/loop.html": "more than 10 redirects (a redirect loop?)",
        "/huge.html": "response too large (more than 21 MB)",
        "/report.pdf": "not an article page (application/pdf)",
    }
    c = crawl(tmp_path)
    start = time.monotonic()
    urls = [f"{site.base}{path}" for path in bad] + [f"{site.base}/feed.xml"]
    items, problems = run(c, *urls)
    assert time.monotonic() - start < 15
    assert {p.source: p.message for p in problems} == {f"{site.base}{path}": m for path, m in bad.items()}
    assert len(items) == len(FEED_PAGES)  # the good feed after all the bad ones
    assert c.counts.failed == len(bad)


def test_crawl_html_given_as_feed_to_watch_is_one_problem(site: Site, tmp_path: Path) -> None:
    items, problems = run(crawl(tmp_path), f"{site.base}/news/a1.html", listings_only=True)
    assert not items
    assert [str(p) for p in problems] == [f"{site.base}/news/a1.html: not a feed or sitemap (an HTML page)"]


def test_crawl_size_cap_from_content_length(tmp_path: Path, site: Site) -> None:
    c = crawl(tmp_path, FetchOptions(delay=0.0, max_bytes=500))
    _, problems = run(c, f"{site.base}/news/a1.html")
    assert problems[0].message.startswith("response too large (")
    assert "MB >" in problems[0].message  # refused from the header, before reading the body


def test_crawl_retries_busy_server_then_succeeds(site: Site, tmp_path: Path) -> None:
    site.busy_once.add("/news/a2.html")
    items, problems = run(crawl(tmp_path), f"{site.base}/news/a2.html")
    assert not problems and len(items) == 1
    assert site.hits("/news/a2.html") == 2


def test_crawl_source_down_is_a_problem_after_retries(site: Site, tmp_path: Path) -> None:
    site.down = True
    items, problems = run(crawl(tmp_path), f"{site.base}/feed.xml")
    assert not items
    assert [p.message for p in problems] == ["robots.txt: HTTP 503 Service Unavailable after 3 attempts"]
    assert site.paths() == ["/robots.txt"] * 3  # and nothing else is asked of a host in trouble


def test_crawl_redirect_gives_final_url(site: Site, tmp_path: Path) -> None:
    items, _ = run(crawl(tmp_path), f"{site.base}/moved.html")
    assert items[0].url == f"{site.base}/news/moved-final.html"
    assert items[0].source == f"{site.base}/moved.html"


def test_crawl_declared_charset_decodes_page(site: Site, tmp_path: Path) -> None:
    items, _ = run(crawl(tmp_path), f"{site.base}/latin.html")
    assert "Zürich and Besançon" in items[0].content


def test_crawl_last_modified_only_for_pages_without_their_own_date(site: Site, tmp_path: Path) -> None:
    items, _ = run(crawl(tmp_path), f"{site.base}/dated/a1.html", f"{site.base}/undated/a2.html")
    # the dated page keeps its own date for the cleaner (2026-11-30); the other takes Last-Modified
    assert [i.published for i in items] == [None, "2026-12-02"]


def test_crawl_feed_conditional_request_after_commit(site: Site, tmp_path: Path) -> None:
    first = crawl(tmp_path)
    run(first, f"{site.base}/feed.xml")
    first.commit()
    assert load_state(first.store)["feeds"][f"{site.base}/feed.xml"] == {"etag": '"feed-3"'}
    again = crawl(tmp_path)
    items, problems = run(again, f"{site.base}/feed.xml")
    assert not items and not problems and again.counts.unchanged == 1
    assert site.requests[-1][1]["if-none-match"] == '"feed-3"'


def test_crawl_feed_validators_not_kept_when_an_entry_failed(site: Site, tmp_path: Path) -> None:
    site.feed_pages = ("a1", "gone")
    c = crawl(tmp_path)
    _, problems = run(c, f"{site.base}/feed.xml")
    c.commit()
    assert [p.message for p in problems] == ["HTTP 404 Not Found"]
    assert load_state(c.store)["feeds"] == {}  # next time the whole feed is read again


def test_read_sources_splits_paths_urls_and_bad_lines(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# outlets\nhttps://example.org/feed.xml\n\nnot a url\nhttps://example.org/feed.xml\n")
    sources = read_sources(["corpus/", "http://example.com/a.html"], str(listing))
    assert sources.paths == ("corpus/",)
    assert sources.urls == ("http://example.com/a.html", "https://example.org/feed.xml")
    assert [str(p) for p in sources.problems] == [f"{listing}:4: not an http(s) URL"]
    items = list(iter_sources(read_sources([], str(listing)), None))
    assert [str(p) for p in items] == [f"{listing}:4: not an http(s) URL"]


def test_fetch_pages_decode_with_the_declared_charset_utf8_first() -> None:
    assert decode_html("Besançon".encode("cp1252"), "iso-8859-1") == "Besançon"
    assert decode_html("Besançon".encode(), "utf-8") == "Besançon"
    assert decode_html("Besançon".encode(), "no-such-charset") == "Besançon"
    # no declaration: detected (a sentence, not two words, is enough to tell Windows-1252 from Cyrillic)
    sentence = "<p>“We will not accept this,” the minister said on Tuesday in Besançon.</p>"
    assert decode_html(sentence.encode("cp1252"), None) == sentence
    assert decode_html("Besançon".encode(), "ascii") == "Besançon"  # a wrong declaration is not trusted


def test_fetch_refuses_non_http_and_unreachable(tmp_path: Path) -> None:
    with Fetcher(FetchOptions(delay=0.0, timeout=1.0, robots=False)) as fetcher:
        with pytest.raises(FetchError, match="cannot connect"):
            fetcher.get("http://127.0.0.1:9/nothing-listens-here")


def test_crawl_interleaves_hosts_keeping_each_hosts_order() -> None:
    links = [Link(u) for u in ("http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1", "http://B.test/2")]
    assert [link.url for link in interleaved(links)] == [
        "http://a.test/1", "http://b.test/1", "http://a.test/2", "http://B.test/2", "http://a.test/3"
    ]  # fmt: skip
