"""A small news site on 127.0.0.1 for the crawl tests: an RSS feed of three article pages, a sitemap
of two more, robots.txt, and the bad sources (HTML instead of a feed, 404, a page that never
answers, a redirect loop, a 50 MB response, a PDF, a server that is busy once).

Every request is recorded (path, headers, time). The articles are sentences written for
these tests, about invented ministers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SENTENCES = (
    "The foreign minister of {a} met her counterpart from {b} in Vienna on Tuesday to discuss the border dispute.",
    "Officials in {a} said the talks had been frank, and that both sides wanted the crossing reopened before winter.",
    "{b} said it would send a delegation to the capital of {a} next month to prepare a trade agreement.",
    "Analysts in the region said the meeting was the first between the two governments in three years.",
)
PAIRS = {
    "a1": ("Chile", "Peru"), "a2": ("Norway", "Finland"), "a3": ("Kenya", "Uganda"),
    "a4": ("Egypt", "Sudan"), "b1": ("Ghana", "Togo"), "b2": ("Poland", "Lithuania"), "moved-final": ("Spain", "Portugal"),
}  # fmt: skip
FEED_PAGES = ("a1", "a2", "a3")
SITEMAP_PAGES = ("b1", "b2")


def article_html(name: str, published: str | None = None) -> str:
    """An article page: title, a dateline paragraph and four paragraphs of text."""
    a, b = PAIRS[name]
    title = f"{a} and {b} hold talks on the border ({name})"
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{s.format(a=a, b=b)} This is report {name}.</p>" for s in SENTENCES)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<article><h1>{title}</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


def rss(base: str, names: tuple[str, ...]) -> str:
    items = "".join(
        f"<item><title>{name}</title><link>{base}/news/{name}.html</link>"
        f"<pubDate>Mon, {7 + i:02d} Dec 2026 09:30:00 -0500</pubDate></item>"
        for i, name in enumerate(names)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>World news</title>'
        f"<link>{base}/world</link><description>test feed</description>{items}</channel></rss>"
    )


def sitemap(base: str, names: tuple[str, ...]) -> str:
    urls = "".join(f"<url><loc>{base}/pages/{name}.html</loc></url>" for name in names)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


@dataclass
class Site:
    """The server's state: requests seen, and switches a test can flip."""

    base: str = ""
    requests: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    down: bool = False  # every request answers 503 (a source that is down)
    busy_once: set[str] = field(default_factory=set)  # paths that answer 503 the first time
    feed_pages: tuple[str, ...] = FEED_PAGES
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _, _ in self.requests]

    def hits(self, path: str) -> int:
        return self.paths().count(path)


class Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per route reads best here
        site, path = self.site, self.path
        with site.lock:
            site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        if site.down:
            return self.send(503, b"down for maintenance", "text/plain", Retry_After="0")
        if path in site.busy_once:
            site.busy_once.discard(path)
            return self.send(503, b"busy", "text/plain", Retry_After="0")
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/feed.xml":
            body = rss(site.base, site.feed_pages).encode()
            etag = f'"feed-{len(site.feed_pages)}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self.send(200, body, "application/rss+xml; charset=utf-8", ETag=etag)
        if path == "/sitemap.xml":
            return self.send(200, sitemap(site.base, SITEMAP_PAGES).encode(), "application/xml")
        if path == "/sitemap-index.xml":
            index = (
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{site.base}/sitemap.xml</loc></sitemap></sitemapindex>"
            )
            return self.send(200, index.encode(), "application/xml")
        name = path.rsplit("/", 1)[-1].removesuffix(".html")
        if path.startswith(("/news/", "/pages/", "/private/")) and name in PAIRS:
            return self.send(200, article_html(name).encode())
        if path == "/dated/a1.html":
            return self.send(200, article_html("a1", "2026-11-30").encode(), Last_Modified="Wed, 02 Dec 2026 08:00:00 GMT")
        if path == "/undated/a2.html":
            return self.send(200, article_html("a2").encode(), Last_Modified="Wed, 02 Dec 2026 08:00:00 GMT")
        if path == "/latin.html":
            page = article_html("a3").replace("Vienna", "Zürich and Besançon")
            return self.send(200, page.encode("cp1252"), "text/html; charset=windows-1252")
        if path == "/moved.html":
            return self.send(301, b"", Location="/news/moved-final.html")
        if path == "/loop.html":
            return self.send(302, b"", Location="/loop.html")
        if path == "/not-a-feed.xml":
            return self.send(200, article_html("a1").encode())
        if path == "/report.pdf":
            return self.send(200, b"%PDF-1.7\n" + bytes(range(256)) * 40, "application/pdf")
        if path == "/slow.html":
            time.sleep(3)
            return self.send(200, article_html("a1").encode())
        if path == "/huge.html":
            return self.stream_huge()
        return self.send(404, b"<html><body>not found</body></html>")

    def stream_huge(self) -> None:
        """50 MB of HTML with no Content-Length, so only the client's own count can stop it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"filler text " * 8000 + b"</p>\n"
        sent = 0
        try:
            while sent < 50 * 1024 * 1024:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up at its cap, as it should
        self.close_connection = True


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up (timeouts, size caps) are what the tests are about


@contextmanager
def serve() -> Iterator[Site]:
    """Run the site on 127.0.0.1 (a free port) in a thread; stopped when the block ends."""
    site = Site()
    handler = type("SiteHandler", (Handler,), {"site": site})
    server = QuietServer(("127.0.0.1", 0), handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
