"""Fetch: a polite HTTP client for article pages, feeds and sitemaps.

Polite by default: robots.txt is honoured (and its Crawl-delay), one request per host at a
time with ``delay`` seconds between two requests to the same host, a timeout on the whole
download, retries with back-off on 429 and 5xx (``Retry-After`` honoured, capped), a
User-Agent naming newsgraph and its version, and a size cap on every response. Redirects
are followed (``Response.url`` is the final URL); a loop ends as a `FetchError`.
"""

from __future__ import annotations

import email.utils
import time
import zlib
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph import __version__
from newsgraph.ingest import MAX_FILE_BYTES, decode

USER_AGENT = f"newsgraph/{__version__} (news analysis; respects robots.txt)"
#: statuses worth asking again after a pause: the server says it is busy, not that the page is bad
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How politely and how patiently pages are fetched."""

    delay: float = 1.0  # seconds between two requests to one host (robots.txt Crawl-delay, if longer, wins)
    timeout: float = 30.0  # seconds for one whole download, connection to last byte
    retries: int = 2  # further attempts after a 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_backoff: float = 60.0  # cap on a back-off or a server's Retry-After
    max_bytes: int = MAX_FILE_BYTES  # a larger response is refused, not truncated
    max_redirects: int = 10
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Response:
    """One fetched resource: the final URL after redirects, status, lower-cased headers and the body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    attempts: int = 1  # requests made for this answer (more than one after 429 or 5xx)

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ('' when the server sent none)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line without the URL."""


class Fetcher:
    """A polite HTTP client: robots.txt, per-host delay, timeout, retries, size cap; use as a context manager."""

    def __init__(self, options: FetchOptions | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(
            # only what _decompress undoes, under the size cap (httpx would add br/zstd when installed)
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=True,
            max_redirects=self.options.max_redirects,
            timeout=self.options.timeout,
            transport=transport,
        )
        self._last: dict[str, float] = {}  # host → when its last request ended
        self._robots: dict[str, RobotFileParser | FetchError | None] = {}  # host → rules (None: allow everything)
        self.requests = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """Fetch one URL politely; a 304 is returned, any other status outside 2xx raises `FetchError`."""
        if self.options.robots and not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        response = self._patient(url, headers or {})
        if response.status == 304 or 200 <= response.status < 300:
            return response
        raise FetchError(_status(response))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our User-Agent fetch ``url`` (read once per host; raises when it cannot be read)."""
        host = _host(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        rules = self._robots[host]
        if isinstance(rules, FetchError):
            raise rules
        return rules is None or rules.can_fetch(self.options.user_agent, url)

    def _read_robots(self, host: str) -> RobotFileParser | FetchError | None:
        """The host's rules; None when it has none; a FetchError when the server is in trouble (nothing is fetched)."""
        rules = RobotFileParser(f"{host}/robots.txt")
        try:
            response = self._patient(f"{host}/robots.txt", {})
        except FetchError:
            return None  # no robots.txt reachable: as for a missing one (the page request will say why)
        if response.status in (401, 403):
            rules.disallow_all = True
        elif response.status >= 500:
            return FetchError(f"robots.txt: {_status(response)}")
        elif response.status != 200:
            return None
        else:
            rules.parse(decode(response.body).splitlines())
        return rules

    def _patient(self, url: str, headers: dict[str, str]) -> Response:
        """One request, asked again after a pause while the server answers 429 or 5xx (``retries`` times)."""
        attempt = 0
        while True:
            response = self._request(url, headers)
            if response.status not in RETRY_STATUSES or attempt >= self.options.retries:
                return replace(response, attempts=attempt + 1)
            time.sleep(self._backoff(response, attempt))
            attempt += 1

    def _crawl_delay(self, host: str) -> float:
        rules = self._robots.get(host)
        delay = rules.crawl_delay(self.options.user_agent) if isinstance(rules, RobotFileParser) else None
        return max(self.options.delay, float(delay or 0))

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        """One GET (redirects followed), the body read up to the size cap within the timeout."""
        host = _host(url)
        wait = self._last.get(host, float("-inf")) + self._crawl_delay(host) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        start = time.monotonic()
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.options.max_bytes:
                    raise FetchError(f"response too large ({int(declared) / 1e6:.1f} MB > {self._cap()})")
                body = bytearray()
                for chunk in response.iter_raw():
                    body += chunk
                    if len(body) > self.options.max_bytes:
                        raise FetchError(f"response too large (more than {self._cap()})")
                    if time.monotonic() - start > self.options.timeout:
                        raise FetchError(f"timed out after {self.options.timeout:g} s")
                data = _decompress(bytes(body), response.headers.get("content-encoding", ""), self.options.max_bytes)
                return Response(
                    url=str(response.url),
                    status=response.status_code,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    body=data,
                )
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.options.max_redirects} redirects (a redirect loop?)") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.options.timeout:g} s") from None
        except httpx.HTTPError as err:
            raise FetchError(f"cannot connect ({_first_line(err)})") from None
        finally:
            self._last[host] = time.monotonic()

    def _backoff(self, response: Response, attempt: int) -> float:
        """Seconds to wait before asking again: the server's Retry-After, else exponential back-off."""
        wait = self.options.backoff * 2**attempt
        after = response.headers.get("retry-after", "").strip()
        if after.isdigit():
            wait = float(after)
        elif after:
            try:
                wait = email.utils.parsedate_to_datetime(after).timestamp() - time.time()
            except (TypeError, ValueError):
                pass  # an unreadable Retry-After: our own back-off
        return min(max(wait, 0.0), self.options.max_backoff)

    def _cap(self) -> str:
        return f"{self.options.max_bytes / 1e6:.0f} MB"


def _status(response: Response) -> str:
    reason = httpx.codes.get_reason_phrase(response.status)
    tries = f" after {response.attempts} attempts" if response.attempts > 1 else ""
    return f"HTTP {response.status}{' ' + reason if reason else ''}{tries}"


def is_url(text: str) -> bool:
    """True for an http(s) URL with a host."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _decompress(data: bytes, encoding: str, limit: int) -> bytes:
    """The body without its Content-Encoding (and a gzip file's own compression), within ``limit`` bytes."""
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate") or data[:2] == b"\x1f\x8b":
        try:
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, whichever it is
            out = inflater.decompress(data, limit + 1)
        except zlib.error:
            if encoding:
                raise FetchError("corrupt compressed response") from None
            return data  # looked like gzip but is not: keep the bytes
        if len(out) > limit:
            raise FetchError(f"response too large (more than {limit / 1e6:.0f} MB uncompressed)")
        return out
    if encoding not in ("", "identity"):
        raise FetchError(f"unsupported Content-Encoding {encoding!r}")
    return data


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


__all__ = ["FetchError", "FetchOptions", "Fetcher", "Response", "is_url"]
