"""Load test of the read API: N concurrent readers for S seconds on loopback, then p50/p99 latency.

Starts `newsgraph serve` on a free loopback port over --store (or uses --url, which must be a
loopback address), runs ``--readers`` keep-alive clients that each loop over a mix of read
requests until ``--seconds`` have passed, stops the server it started, and prints the
latencies. Bounded on every side: at most 1000 readers, 600 seconds, loopback only. Exits
non-zero when any request failed (non-2xx, timeout, or connection error).

Example: .venv/bin/python tools/loadtest.py --store /tmp/ng-store --readers 200 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsgraph.cli.serve import is_loopback

MAX_READERS = 1000
MAX_SECONDS = 600
REQUEST_TIMEOUT = 30.0


@dataclass(slots=True)
class Tally:
    """Latencies (seconds) of successful requests, and failures by reason."""

    latencies: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    per_route: dict[str, list[float]] = field(default_factory=dict)

    def fail(self, reason: str) -> None:
        self.failures[reason] = self.failures.get(reason, 0) + 1


@dataclass(frozen=True, slots=True)
class Report:
    """What one load test measured."""

    readers: int
    seconds: float
    requests: int
    errors: int
    failures: dict[str, int]
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    per_route_p50_ms: dict[str, float]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def request_mix(base: str) -> list[tuple[str, str]]:
    """(route name, path) pairs drawn from what the store holds, so every request should succeed."""
    def get(path: str) -> dict:
        with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310 (loopback only)
            return json.loads(response.read())

    docs = get("/documents?limit=20")["items"]
    events = get("/events?limit=50")["items"]
    quotes = get("/quotes?limit=20")["items"]
    pairs = sorted({tuple(sorted((e["source_country"], e["target_country"]))) for e in events
                    if e["source_country"] and e["target_country"] and e["source_country"] != e["target_country"]})  # fmt: skip
    actors = sorted({e["source_code"] for e in events if e["source_code"]})[:5] or ["USA"]
    speakers = sorted({q["speaker_name"] for q in quotes if q["speaker_name"]})[:5]
    mix: list[tuple[str, str]] = [("health", "/health"), ("static", "/static/app.js"), ("documents", "/documents?limit=20")]
    mix += [("document", f"/documents/{d['doc_id']}") for d in docs[:5]]
    mix += [("events", f"/events?dyad={a}-{b}&limit=50") for a, b in pairs[:3]]
    mix += [("dyad", f"/dyads/{a}/{b}?by=week") for a, b in pairs[:3]]
    mix += [("actor", f"/actors/{urllib.parse.quote(code)}") for code in actors[:3]]
    mix += [("quotes", f"/quotes?speaker={urllib.parse.quote(s)}") for s in speakers[:3]]
    mix += [("search", "/search?q=minister"), ("alerts", "/alerts")]
    return mix


async def reader(host: str, port: int, mix: list[tuple[str, str]], deadline: float, tally: Tally, seed: int) -> None:
    """One keep-alive client: request, read the whole response, repeat until the deadline."""
    rng = random.Random(seed)
    reader_, writer = None, None
    while time.monotonic() < deadline:
        name, path = rng.choice(mix)
        started = time.monotonic()
        try:
            if writer is None:
                reader_, writer = await asyncio.wait_for(asyncio.open_connection(host, port), REQUEST_TIMEOUT)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n".encode())
            status, close = await asyncio.wait_for(_read_response(reader_), REQUEST_TIMEOUT)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as err:
            tally.fail(type(err).__name__)
            if writer is not None:
                writer.close()
            reader_, writer = None, None
            continue
        elapsed = time.monotonic() - started
        if 200 <= status < 300:
            tally.latencies.append(elapsed)
            tally.per_route.setdefault(name, []).append(elapsed)
        else:
            tally.fail(f"HTTP {status} {name}")
        if close:
            writer.close()
            reader_, writer = None, None
    if writer is not None:
        writer.close()


async def _read_response(stream: asyncio.StreamReader) -> tuple[int, bool]:
    head = await stream.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await stream.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await stream.readuntil(b"\r\n")).strip(), 16)
            await stream.readexactly(size + 2)
            if size == 0:
                break
    else:
        raise ValueError("response without length")
    return status, headers.get("connection", "").lower() == "close"


async def run(base: str, readers: int, seconds: float) -> Report:
    """Run the readers against ``base`` and summarize."""
    parsed = urllib.parse.urlsplit(base)
    mix = request_mix(base)
    tally = Tally()
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(reader(parsed.hostname, parsed.port, mix, deadline, tally, i) for i in range(readers)))
    took = time.monotonic() - started
    ms = [v * 1000 for v in tally.latencies]
    errors = sum(tally.failures.values())
    return Report(
        readers=readers,
        seconds=round(took, 1),
        requests=len(ms) + errors,
        errors=errors,
        failures=tally.failures,
        requests_per_second=round((len(ms) + errors) / took, 1),
        p50_ms=round(percentile(ms, 50), 1),
        p90_ms=round(percentile(ms, 90), 1),
        p99_ms=round(percentile(ms, 99), 1),
        max_ms=round(max(ms, default=float("nan")), 1),
        per_route_p50_ms={k: round(statistics.median(v) * 1000, 1) for k, v in sorted(tally.per_route.items())},
    )



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(store: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("newsgraph")
    command = [str(exe), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"loadtest: server exited: {server.stderr.read().decode()[-500:] if server.stderr else ''}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read()  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("loadtest: server did not come up in 60 s")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the test, print the report; non-zero exit when any request failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", type=Path, help="start `newsgraph serve` over this store")
    source.add_argument("--url", help="an already running server on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.readers <= MAX_READERS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--readers must be 1..{MAX_READERS} and --seconds 0..{MAX_SECONDS}")
    server = None
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname or ""
        if not is_loopback(host):
            parser.error(f"refusing to load-test {host}: loopback addresses only")
        base = args.url.rstrip("/")
    else:
        port = _free_port()
        server = _start_server(args.store, port)
        base = f"http://127.0.0.1:{port}"
    try:
        report = asyncio.run(run(base, args.readers, args.seconds))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(
            f"{report.readers} readers, {report.seconds} s: {report.requests} requests "
            f"({report.requests_per_second}/s), {report.errors} errors; latency p50 {report.p50_ms} ms, "
            f"p90 {report.p90_ms} ms, p99 {report.p99_ms} ms, max {report.max_ms} ms"
        )
        print("per-route p50 ms: " + ", ".join(f"{k} {v}" for k, v in report.per_route_p50_ms.items()))
        if report.failures:
            print("failures: " + ", ".join(f"{k}: {v}" for k, v in report.failures.items()))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
