"""Crawl: http(s) URLs → raw items. A URL is an article page, an RSS/Atom feed or a sitemap.

1. The URL is fetched politely (`newsgraph.fetch`); a feed known from an earlier run is
   asked with its ETag / Last-Modified, and a 304 means nothing new.
2. A feed's entries are read with feedparser (link and date of each entry; JSON Feed links
   with trafilatura), a sitemap's locations with trafilatura's sitemap reader (an index's
   sitemaps are followed); anything else is the article page itself.
3. Each page not yet in the store is fetched (hosts in turn, so one host's pause is spent on
   another's page) and becomes a `RawItem` like a file's: the final
   URL after redirects, the text decoded with the charset the server declared, and as its
   date the feed entry's, else (when the page states no date of its own) Last-Modified.

A page that cannot be fetched or is not an article (a PDF, an image, a feed that is an HTML
page) is one `Problem` naming its URL; the rest go on. Feeds' validators and the redirects
seen are kept in ``STORE/fetch-state.json``, written by `Crawl.commit` after the store write.
"""

from __future__ import annotations

import io
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsgraph.decode import decode_html
from newsgraph.fetch import FetchError, Fetcher, FetchOptions, Response, is_url
from newsgraph.ingest import MAX_DOCUMENT_CHARS, InputOptions, Problem, RawItem, looks_like_html

STATE_FILE = "fetch-state.json"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: a listing (feed or sitemap) must not be an HTML page: an error or login page instead of the feed
LISTING_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".xml.gz")
SITEMAP_ROOT = re.compile(r"<(?:[\w.-]+:)?(urlset|sitemapindex)\b")
#: redirects remembered (requested URL → final URL), the oldest forgotten first
MAX_REDIRECTS_KEPT = 100_000


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """How URLs are crawled: the fetcher's politeness, how many sitemaps one source may open."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_sitemaps: int = 1000
    conditional: bool = True  # ask known feeds with If-None-Match / If-Modified-Since


@dataclass(frozen=True, slots=True)
class Link:
    """A page a feed or sitemap lists, with the date the feed gives it."""

    url: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What a feed or sitemap lists: its pages, the nested sitemaps that failed, whether it is a feed."""

    links: tuple[Link, ...]
    problems: tuple[Problem, ...] = ()
    feed: bool = False


@dataclass(slots=True)
class CrawlCounts:
    """What one crawl did: pages skipped as already stored, pages and sources that failed, feeds unchanged."""

    already: int = 0
    failed: int = 0
    unchanged: int = 0
    fetched: int = 0


class Crawl:
    """One pass over URL sources against a store: yields raw items of new pages; `commit` after the write."""

    def __init__(self, store: Any, options: CrawlOptions | None = None, fetcher: Fetcher | None = None) -> None:
        self.store = store
        self.options = options or CrawlOptions()
        self.fetcher = fetcher or Fetcher(self.options.fetch)
        self.counts = CrawlCounts()
        self.state = load_state(store)
        self._known: set[str] | None = None
        self._seen: set[str] = set()
        self._validators: dict[str, dict[str, str]] = {}

    def known(self) -> set[str]:
        """URLs of the documents already in the store (read once)."""
        if self._known is None:
            self._known = stored_urls(self.store)
        return self._known

    def is_stored(self, url: str) -> bool:
        """Whether the page at ``url`` (or where it last redirected) is in the store."""
        known = self.known()
        return url in known or self.state["redirects"].get(url) in known

    def items(self, urls: Iterable[str], listings_only: bool = False) -> Iterator[RawItem | Problem]:
        """Raw items of every new page the URLs are or list; ``listings_only``: each URL must be a feed or sitemap."""
        for url in urls:
            url = url.strip()
            if not is_url(url):
                self.counts.failed += 1
                yield Problem(url, "not an http(s) URL")
                continue
            if url in self._seen:
                continue
            if not listings_only and self.is_stored(url):
                self.counts.already += 1
                continue
            yield from self._source(url, listings_only)

    def _source(self, url: str, listings_only: bool) -> Iterator[RawItem | Problem]:
        known = self.state["feeds"].get(url, {}) if self.options.conditional else {}
        headers = {"If-None-Match": known["etag"]} if known.get("etag") else {}
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        try:
            response = self.fetcher.get(url, headers)
        except FetchError as err:
            self.counts.failed += 1
            yield Problem(url, str(err))
            return
        self.counts.fetched += 1
        if response.status == 304:
            self.counts.unchanged += 1
            return
        listing = self._listing(url, response)
        if listing is None and listings_only:
            listing = Problem(url, f"not a feed or sitemap ({_kind(response)})")
        if isinstance(listing, Problem):
            self.counts.failed += 1
            yield listing
            return
        if listing is None:  # the article page itself
            self._seen.add(url)
            if response.url != url:
                self._remember_redirect(url, response.url)
                if response.url in self.known():
                    self.counts.already += 1
                    return
            item = self._page(url, response, None)
            self.counts.failed += isinstance(item, Problem)
            yield item
            return
        self.counts.failed += len(listing.problems)
        yield from listing.problems
        failed_before = self.counts.failed
        yield from self._pages(listing.links)
        if listing.feed and self.counts.failed == failed_before:
            # kept only when every entry was fetched: a page that failed is asked for again next time
            self._validators[url] = {k: v for k, v in _validators(response).items() if v}

    def _listing(self, url: str, response: Response) -> Listing | Problem | None:
        """The pages a feed or sitemap lists; None for anything else (an article page, or not an article)."""
        from trafilatura.feeds import is_potential_feed

        text = decode_html(response.body, response.charset)
        head = text[:2048].lstrip()
        if SITEMAP_ROOT.search(head):
            return self._sitemap(url, text)
        if is_potential_feed(head) and (links := feed_links(response)) is not None:
            return Listing(tuple(links), feed=True)
        if response.content_type in ("application/feed+json", "application/json") or head.startswith("{"):
            links = _json_feed(response, text)
            return Listing(tuple(links), feed=True) if links is not None else None
        if response.content_type in HTML_TYPES or (looks_like_html(head) and not head.startswith("<?xml")):
            path = urlsplit(url).path.lower()
            return Problem(url, "expected a feed or sitemap, got an HTML page") if path.endswith(LISTING_SUFFIXES) else None
        return None

    def _sitemap(self, url: str, text: str) -> Listing:
        """Every page of a sitemap or sitemap index, opening at most ``max_sitemaps`` sitemaps."""
        pages: list[Link] = []
        problems: list[Problem] = []
        queue, opened = [(url, text)], {url}
        while queue:
            current, content = queue.pop(0)
            locations = sitemap_locations(current, content)
            if SITEMAP_ROOT.search(content[:2048]).group(1) == "urlset":  # type: ignore[union-attr]
                pages.extend(Link(loc) for loc in locations)
                continue
            for loc in locations:
                if loc in opened or len(opened) >= self.options.max_sitemaps:
                    continue
                opened.add(loc)
                try:
                    nested = self.fetcher.get(loc)
                except FetchError as err:
                    problems.append(Problem(loc, f"{err} (a sitemap listed in {url})"))
                    continue
                nested_text = decode_html(nested.body, nested.charset)
                if SITEMAP_ROOT.search(nested_text[:2048].lstrip()):
                    queue.append((loc, nested_text))
                else:
                    problems.append(Problem(loc, f"not a sitemap ({_kind(nested)}; listed in {url})"))
        return Listing(tuple(pages), tuple(problems))

    def _pages(self, links: Iterable[Link]) -> Iterator[RawItem | Problem]:
        for link in interleaved(links):
            if link.url in self._seen:
                continue
            self._seen.add(link.url)
            if self.is_stored(link.url):
                self.counts.already += 1
                continue
            try:
                response = self.fetcher.get(link.url)
            except FetchError as err:
                self.counts.failed += 1
                yield Problem(link.url, str(err))
                continue
            self.counts.fetched += 1
            if response.url != link.url:
                self._remember_redirect(link.url, response.url)
                if response.url in self.known():
                    self.counts.already += 1
                    continue
            item = self._page(link.url, response, link.published)
            if isinstance(item, Problem):
                self.counts.failed += 1
            yield item

    def _page(self, url: str, response: Response, published: str | None) -> RawItem | Problem:
        """One fetched article page as a raw item, or why it is not one."""
        ctype = response.content_type
        if ctype and ctype not in HTML_TYPES and ctype != "text/plain":
            return Problem(url, f"not an article page ({ctype})")
        if not response.body.strip():
            return Problem(url, "empty response")
        if b"\x00" in response.body[:8192]:
            return Problem(url, "binary content, not text or HTML")
        text = decode_html(response.body, response.charset)
        if len(text) > MAX_DOCUMENT_CHARS:
            return Problem(url, f"document too long ({len(text):,} characters > {MAX_DOCUMENT_CHARS:,})")
        is_html = ctype in HTML_TYPES or (not ctype and looks_like_html(text))
        if published is None and (modified := response.headers.get("last-modified")):
            if not is_html or not _states_a_date(text, response.url):
                published = _date_of(modified)
        return RawItem(source=url, content=text, is_html=is_html, url=response.url, published=published)

    def _remember_redirect(self, requested: str, final: str) -> None:
        redirects = self.state["redirects"]
        redirects.pop(requested, None)
        redirects[requested] = final
        while len(redirects) > MAX_REDIRECTS_KEPT:
            del redirects[next(iter(redirects))]

    def commit(self) -> None:
        """Save the feeds' validators and the redirects seen (call after the store holds the pages)."""
        self.state["feeds"].update(self._validators)
        self._validators.clear()
        save_state(self.store, self.state)

    def close(self) -> None:
        self.fetcher.close()


@dataclass(frozen=True, slots=True)
class Sources:
    """An ingest's inputs split in two: files and folders for `iter_inputs`, http(s) URLs for a `Crawl`."""

    paths: tuple[str, ...]
    urls: tuple[str, ...]
    problems: tuple[Problem, ...] = ()  # lines of a URL list that are not URLs


def read_sources(args: Iterable[str], urls_file: str | None = None) -> Sources:
    """Split arguments into paths and URLs, adding the URLs of ``urls_file`` (one a line, ``#`` comments)."""
    args = list(args)
    urls = [a for a in args if is_url(a)]
    problems = []
    if urls_file is not None:
        try:
            with open(urls_file, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError as err:
            raise CrawlError(f"--urls {urls_file}: {err.strerror or err}") from None
        for number, line in enumerate(lines, start=1):
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if not line:
                continue
            if is_url(line):
                urls.append(line)
            else:
                problems.append(Problem(f"{urls_file}:{number}", "not an http(s) URL"))
    return Sources(tuple(a for a in args if not is_url(a)), tuple(dict.fromkeys(urls)), tuple(problems))


class CrawlError(Exception):
    """The crawl cannot start (an unreadable URL list); the message is one line."""


def interleaved(links: Iterable[Link]) -> list[Link]:
    """Links taken in turn from each host, so the pause before a host's next page is spent on another host."""
    by_host: dict[str, deque[Link]] = {}
    for link in links:
        by_host.setdefault(urlsplit(link.url).netloc.lower(), deque()).append(link)
    out: list[Link] = []
    while by_host:
        for host in list(by_host):
            out.append(by_host[host].popleft())
            if not by_host[host]:
                del by_host[host]
    return out


def feed_links(response: Response) -> list[Link] | None:
    """The entries of an RSS or Atom feed (link and date), in feed order; None when it is no feed."""
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(response.body),  # a stream: feedparser would open a string that looks like a path or URL
        response_headers={"content-location": response.url, "content-type": response.headers.get("content-type", "")},
    )
    if not parsed.get("version"):
        return None
    links = []
    for entry in parsed.entries:
        url = urljoin(response.url, (entry.get("link") or "").strip())
        if is_url(url) and url != response.url:
            raw = entry.get("published") or entry.get("updated")
            parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
            links.append(Link(url, _date_of(raw) or (date(*parsed_time[:3]).isoformat() if parsed_time else None)))
    return links


def _json_feed(response: Response, text: str) -> list[Link] | None:
    """The item links of a JSON Feed (trafilatura's reader; no dates); None when it is not one."""
    from trafilatura.feeds import FeedParameters, find_links

    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or "items" not in data:
        return None
    params = FeedParameters(response.url, urlsplit(response.url).netloc, response.url, True)
    return [Link(urljoin(response.url, u)) for u in find_links(text, params) if is_url(urljoin(response.url, u))]


def sitemap_locations(url: str, text: str) -> list[str]:
    """The locations a sitemap lists (pages, or sitemaps for an index), read by trafilatura's sitemap reader."""
    from trafilatura.sitemaps import SitemapObject

    class Reader(SitemapObject):
        """trafilatura's reader keeping every http(s) location: its own filter drops hosts without a domain name."""

        def handle_link(self, link: str) -> None:
            link = urljoin(self.current_url, link.strip())
            if link != self.current_url and is_url(link):
                self.urls.append(link)

    reader = Reader(url, urlsplit(url).netloc, [], external=True)
    reader.current_url, reader.content = url, text
    reader.process()
    return list(dict.fromkeys(reader.urls))


def stored_urls(store: Any) -> set[str]:
    """The URLs of every document in the store."""
    if not store.exists():
        return set()
    urls: set[str] = set()
    for path in store.files("documents"):
        urls.update(u for u in store.read_table(path, ["url"]).column("url").to_pylist() if u)
    return urls


def load_state(store: Any) -> dict[str, Any]:
    """The crawl state kept in the store (feeds' validators, redirects); empty when there is none."""
    empty: dict[str, Any] = {"feeds": {}, "redirects": {}}
    try:
        with store.fs.open_input_stream(str(store.root / STATE_FILE)) as f:
            state = json.loads(f.read())
    except (FileNotFoundError, OSError, ValueError):
        return empty
    if not isinstance(state, dict):
        return empty
    return {key: dict(state.get(key) or {}) for key in empty}


def save_state(store: Any, state: dict[str, Any]) -> None:
    """Write the crawl state whole (locally by a rename, on object storage by one PUT)."""
    from newsgraph.store.segments import StoreError

    data = json.dumps(state, indent=1, sort_keys=True).encode()
    final = str(store.root / STATE_FILE)
    try:
        if not store.local:
            with store.fs.open_output_stream(final) as f:
                f.write(data)
            return
        store.root.mkdir(parents=True, exist_ok=True)
        tmp = store.root / f".tmp-{STATE_FILE}"
        tmp.write_bytes(data)
        tmp.replace(final)
    except OSError as err:
        raise StoreError(f"cannot write {final}: {err.strerror or err}") from None


def _validators(response: Response) -> dict[str, str]:
    return {"etag": response.headers.get("etag", ""), "last_modified": response.headers.get("last-modified", "")}


def _kind(response: Response) -> str:
    """What a response is, for a message: its media type, or an HTML page."""
    if response.content_type in HTML_TYPES:
        return "an HTML page"
    return response.content_type or "no content type"


def _states_a_date(html: str, url: str) -> bool:
    """Whether the page gives its own date (htmldate as the cleaner runs it): then Last-Modified is not used."""
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    try:
        return find_date(html, url=url, **set_date_params(True)) is not None
    except Exception:  # htmldate on a broken page: take the header
        return False


def _date_of(value: str | None) -> str | None:
    """The calendar date (as the publisher wrote it, not moved to UTC) of an RFC 822 or ISO 8601 time."""
    import email.utils

    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


def iter_sources(
    sources: Sources, crawl: Crawl | None, options: InputOptions | None = None
) -> Iterator[RawItem | Problem]:
    """The raw items of the files and folders, then of the URLs (through ``crawl``); problems in their place."""
    from newsgraph.ingest import iter_inputs

    yield from sources.problems
    if sources.paths:
        yield from iter_inputs(sources.paths, options=options)
    if crawl is not None and sources.urls:
        yield from crawl.items(sources.urls)
