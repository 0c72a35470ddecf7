"""The web page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a real server.

The server is `newsgraph serve --token …` on a free 127.0.0.1 port, over a copy of the
sample store (the XSS test ingests into it). Set NEWSGRAPH_SCREENSHOTS=docs/img to save
one screenshot per view.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_api_store import sample_store, seed_id

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
TOKEN = "browser-test-token-0123456789"
SHOTS = os.environ.get("NEWSGRAPH_SCREENSHOTS")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (install it with .ci/browser-setup.sh)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newsgraph serve` itself, in a subprocess on a free loopback port, over a copy of the sample store."""
    root = tmp_path_factory.mktemp("web") / "store"
    shutil.copytree(sample_store(tmp_path_factory), root)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "newsgraph", "serve", "--store", str(root), "--port", str(port), "--token", TOKEN]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"newsgraph serve exited: {process.stderr.read().decode()[-800:] if process.stderr else ''}")
        try:
            urllib.request.urlopen(f"{base}/health", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("newsgraph serve did not answer in 60 s")
            time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda err: page.errors.append(str(err)))  # type: ignore[attr-defined]
    # console errors include CSP violations: a view that tried to run or load anything foreign
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))  # type: ignore[attr-defined]
    yield page
    context.close()


def open_view(page, server: str, hash_: str) -> None:
    page.goto(f"{server}/{hash_}")
    # a goto that changes only the hash returns before the hashchange handler runs, while the previous
    # view still says it is ready: wait for this route's render
    page.wait_for_function(
        "() => document.body.dataset.ready === 'true' && document.body.dataset.rendered === location.hash",
        timeout=20_000,
    )


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_web_article_click_event_highlights_its_evidence(page, server: str) -> None:
    import httpx

    analysis = httpx.get(f"{server}/documents/{seed_id()}").json()
    open_view(page, server, f"#/doc/{seed_id()}")
    assert page.locator(".seg.hl-actor").count() > 10
    assert page.locator(".seg.hl-quote").count() > 0 and page.locator(".seg.hl-date").count() > 0
    index = 3
    page.locator(f'[data-testid=event-list] li[data-index="{index}"] button').click()
    event = analysis["events"][index]
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    active = page.locator(".seg.active").all_text_contents()
    assert "".join(active) == analysis["document"]["text"][start:end]
    record = page.locator("[data-testid=record]").inner_text()
    assert event["code"] in record and event["modality"] in record
    assert "confidence" in record and "location" in record  # the place, or "not stated"
    assert page.locator(f'.ev-marker.selected[data-event="{index}"]').count() == 1
    shot(page, "article")
    assert not page.errors


def test_web_quote_speaker_links_to_actor_page(page, server: str) -> None:
    open_view(page, server, f"#/doc/{seed_id()}?quote=1")
    link = page.locator("[data-testid=record] a.actor-link").first
    assert page.locator(".seg.active").count() > 0
    assert link.get_attribute("href").startswith("#/actor/")
    link.click()
    page.wait_for_selector("[data-testid=actor-events]", timeout=20_000)
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("[data-testid=actor-events] tbody tr").count() > 0
    assert not page.errors


def test_web_mixed_quote_marks_its_quoted_words(page, server: str) -> None:
    # issue 13: a partial quote is highlighted inside its attribution
    open_view(page, server, f"#/doc/{seed_id()}")
    page.locator('li[data-kind="quote"] button', has_text="prepares comprehensive").first.click()
    quoted = page.locator(".seg.active-quoted")
    assert quoted.count() > 0
    assert "comprehensive and meaningful" in " ".join(quoted.all_inner_texts())
    assert page.locator(".seg.active").count() > quoted.count()  # the reported words around them too
    assert "Quote (mixed)" in page.locator("[data-testid=record]").inner_text()
    assert not page.errors


def test_web_actor_view_draws_counterpart_network(page, server: str) -> None:
    open_view(page, server, "#/actor/RUSGOV")
    network = page.locator("[data-testid=actor-network]")
    assert network.locator("line.edge").count() >= 2
    assert page.locator("[data-testid=counterparts] tbody tr").count() >= 2
    shot(page, "actor")
    assert not page.errors


def test_web_dyad_chart_renders_and_lists_a_periods_events(page, server: str) -> None:
    import httpx

    open_view(page, server, "#/dyad/JPN/USA?by=day")
    chart = page.locator("[data-testid=dyad-chart]")
    assert chart.locator("rect.bar").count() >= 2
    assert chart.locator("circle.gpoint").count() >= 2
    chart.locator("circle.gpoint").first.click()
    page.wait_for_selector("[data-testid=period-events] tbody tr", timeout=20_000)
    assert page.locator("[data-testid=period-articles] li").count() >= 1
    assert chart.locator("circle.gpoint.selected").count() == 1
    page.wait_for_selector("[data-testid=dyad-places] h2", timeout=20_000)
    places = httpx.get(f"{server}/dyads/JPN/USA/places").json()
    assert page.locator("[data-testid=places-table] tbody tr").count() == len(places)
    assert page.locator("[data-testid=places-map] circle.place").count() == sum(p["lat"] is not None for p in places)
    shot(page, "dyad")
    page.locator("[data-testid=period-events] tbody tr a", has_text="evidence").first.click()
    page.wait_for_selector(".seg.active", timeout=20_000)
    assert not page.errors


def test_web_dyads_and_stories_lists_lead_to_their_views(page, server: str) -> None:
    open_view(page, server, "#/dyads")
    assert page.locator("[data-testid=dyads] tbody tr").count() >= 2
    page.locator("[data-testid=dyads] tbody tr a").first.click()
    page.wait_for_selector("[data-testid=dyad-chart] rect.bar", timeout=20_000)
    open_view(page, server, "#/stories")
    assert page.locator("[data-testid=stories] tbody tr").count() >= 10
    shot(page, "stories")
    page.locator("[data-testid=stories] tbody tr a").first.click()
    page.wait_for_selector("[data-testid=story-documents] tbody tr", timeout=20_000)
    assert not page.errors


def test_web_search_and_alerts(page, server: str) -> None:
    open_view(page, server, "#/")
    assert page.locator("[data-testid=documents] tbody tr").count() >= 20
    shot(page, "articles")
    page.fill("#search-input", "troops")
    page.press("#search-input", "Enter")
    page.wait_for_selector("[data-testid=search-documents]", timeout=20_000)
    assert "Russia calls US relations" in page.locator("[data-testid=search-documents]").inner_text()
    shot(page, "search")
    open_view(page, server, "#/alerts?k=0.5")
    assert page.locator("[data-testid=alerts], [data-testid=no-alerts]").count() == 1
    shot(page, "alerts")
    assert not page.errors


def test_web_paste_box_runs_analyze_and_shows_the_article(page, server: str) -> None:
    open_view(page, server, "#/analyze")
    page.fill("#paste", "Russia accused Ukraine on Monday of shelling villages near the border, the Kremlin said.")
    page.fill("input[name=published]", "2021-12-06")
    page.click("[data-testid=analyze-form] button[type=submit]")
    page.wait_for_selector("[data-testid=analyze-result] [data-testid=article-view]", timeout=60_000)
    assert page.locator("[data-testid=analyze-result] .seg.hl-actor").count() >= 2
    shot(page, "analyze")
    assert not page.errors


XSS_TEXT = (
    "Hostile page <script>window.__xss = 'script'; alert(1)</script> says Russia warned Ukraine.\n\n"
    'Then <img src=x onerror="window.__xss = \'img\'"> and <svg onload="window.__xss = \'svg\'"></svg> '
    'and <a href="javascript:window.__xss = \'link\'">a javascript: link</a> appeared, NATO said.\n\n'
    '"<iframe src=javascript:alert(2)></iframe>," the Kremlin said on Monday.'
)


def test_web_untrusted_article_markup_never_executes(page, server: str) -> None:
    import httpx

    body = {"documents": [{"id": "xss-probe", "text": XSS_TEXT, "title": "<img src=x onerror=alert(3)>Hostile",
                           "published": "2021-12-06", "url": "javascript:alert(4)"}]}  # fmt: skip
    response = httpx.post(f"{server}/documents", json=body, headers={"authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert response.status_code == 201, response.text
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_view(page, server, "#/doc/xss-probe")
    text = page.locator("#article-text")
    assert "<script>" in text.inner_text() and "onerror=" in text.inner_text()
    assert page.locator("main script, main img, main iframe, main svg[onload]").count() == 0
    assert "<img" in page.locator("h1").inner_text()
    for selector in (".seg", ".ev-marker"):
        for node in page.locator(selector).all()[:40]:
            node.click()
    for anchor in page.locator("main a").all():
        assert not (anchor.get_attribute("href") or "").lower().startswith("javascript:")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert not page.errors
