"""`ingest URL` and `watch`: a feed of three pages and a sitemap of two from a 127.0.0.1 site end up in the store."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from news_server import FEED_PAGES, SITEMAP_PAGES, Site, serve
from typer.testing import CliRunner

from newsgraph.cli.main import app
from newsgraph.query.views import run_sql
from newsgraph.store.segments import Store

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def page_hits(site: Site) -> list[str]:
    return [p for p in site.paths() if p.startswith(("/news/", "/pages/"))]


@pytest.mark.slow
def test_cli_ingest_feed_and_sitemap_then_watch_downloads_nothing_again(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with serve() as site:
        feed, sitemap = f"{site.base}/feed.xml", f"{site.base}/sitemap.xml"
        result = invoke("ingest", feed, "--store", str(store), "--delay", "0")
        assert result.exit_code == 0, result.output
        result = invoke("ingest", sitemap, "--store", str(store), "--delay", "0")
        assert result.exit_code == 0, result.output
        urls = run_sql(Store(store), "SELECT url FROM documents ORDER BY url").rows
        expected = [f"{site.base}/news/{n}.html" for n in FEED_PAGES] + [f"{site.base}/pages/{n}.html" for n in SITEMAP_PAGES]
        assert [u for (u,) in urls] == expected
        downloaded = page_hits(site)
        assert sorted(downloaded) == sorted(u.removeprefix(site.base) for u in expected)

        result = invoke("watch", feed, sitemap, "--once", "--store", str(store), "--delay", "0")
        assert result.exit_code == 0, result.output
        assert "round 1: 0 new, 2 already stored, 0 failed, 1 feed unchanged" in result.stdout
        assert page_hits(site) == downloaded  # no article page downloaded again
        last_feed = [headers for path, headers, _ in site.requests if path == "/feed.xml"][-1]
        assert last_feed.get("if-none-match") == '"feed-3"'  # the feed was asked conditionally

        site.feed_pages = (*FEED_PAGES, "a4")  # a new entry: the feed changes
        result = invoke("watch", feed, "--once", "--store", str(store), "--delay", "0")
        assert result.exit_code == 0, result.output
        assert "round 1: 1 new, 3 already stored, 0 failed" in result.stdout
        assert page_hits(site) == [*downloaded, "/news/a4.html"]
        rows = run_sql(Store(store), "SELECT count(*), count(DISTINCT url) FROM documents").rows
        assert rows == ((6, 6),)


@pytest.mark.slow
def test_cli_ingest_bad_sources_one_line_each_good_ones_stored(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with serve() as site:
        listing = tmp_path / "urls.txt"
        bad = ["/missing.html", "/loop.html", "/report.pdf", "/not-a-feed.xml"]
        listing.write_text("\n".join(f"{site.base}{p}" for p in [*bad, "/news/a1.html", "/moved.html"]) + "\nnot-a-url\n")
        result = invoke("ingest", "--urls", str(listing), "--store", str(store), "--delay", "0")
        assert result.exit_code == 0, result.output
        lines = result.stderr.splitlines()
        for path in bad:
            assert sum(f"{site.base}{path}:" in line for line in lines) == 1, path
        assert f"{listing}:7: not an http(s) URL" in result.stderr
        assert "ingested 2 new documents" in result.stderr and "5 refused" in result.stderr
        urls = run_sql(Store(store), "SELECT url, source FROM documents ORDER BY url").rows
        assert urls == ((f"{site.base}/news/a1.html", f"{site.base}/news/a1.html"),
                        (f"{site.base}/news/moved-final.html", f"{site.base}/moved.html"))  # fmt: skip

        again = invoke("ingest", f"{site.base}/news/a1.html", f"{site.base}/moved.html", "--store", str(store))
        assert again.exit_code == 0 and "(2 already stored," in again.stderr
        # a stored URL is not downloaded again, nor one that redirected to a stored URL
        assert site.paths().count("/news/a1.html") == site.paths().count("/moved.html") == 1


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "watch printed no round line in time"
    return proc.stdout.readline()  # type: ignore[union-attr]


@pytest.mark.slow
def test_cli_watch_survives_a_source_that_is_down_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with serve() as site:
        site.down = True
        cmd = [sys.executable, "-m", "newsgraph", "watch", f"{site.base}/feed.xml", "--every", "1s",
               "--store", str(store), "--delay", "0"]  # fmt: skip
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
        try:
            first = read_line(proc, 120)
            assert "round 1: 0 new, 0 already stored, 1 failed" in first
            site.down = False
            second = read_line(proc, 60)
            assert "round 2: 3 new, 0 already stored, 0 failed" in second
            time.sleep(0.3)
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, stderr
    assert f"{site.base}/feed.xml: robots.txt: HTTP 503 Service Unavailable after 3 attempts" in stderr
    assert "watch stopped after" in stderr and "Traceback" not in stderr
    assert run_sql(Store(store), "SELECT count(*) FROM documents").rows == ((3,),)


def test_watch_interval_and_bad_arguments_are_one_line_errors() -> None:
    from newsgraph.watch import parse_interval

    assert [parse_interval(t) for t in ("90", "90s", "15m", "1.5h", "1d")] == [90, 90, 900, 5400, 86400]
    for bad in ("", "0m", "5x", "-1s"):
        with pytest.raises(ValueError):
            parse_interval(bad)
    result = invoke("watch", "feeds.txt", "--once")
    assert result.exit_code == 2 and "feeds.txt: not an http(s) URL" in result.stderr
    result = invoke("watch", "http://127.0.0.1:9/feed.xml", "--every", "soon")
    assert result.exit_code == 2 and "--every: 'soon' is not a duration" in result.stderr
    result = invoke("ingest")
    assert result.exit_code == 2 and "nothing to ingest" in result.stderr
    result = invoke("ingest", "http://127.0.0.1:9/feed.xml", "--engine", "ray")
    assert result.exit_code == 2 and "ingest URLs with --engine local" in result.stderr
