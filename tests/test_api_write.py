"""Write side of the API: POST /analyze limits and rate, token-gated POST /documents, body limits, the bucket."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import ApiOptions, create_app
from newsgraph.api.write import TokenBucket
from newsgraph.store.segments import Store

TOKEN = "test-token-0123456789abcdef"
ARTICLE = (
    "Russia accused Ukraine on Monday of shelling villages near the border. "
    '"We will not tolerate this," Kremlin spokesman Dmitry Peskov said.'
)


def test_api_token_bucket_refills_at_its_rate() -> None:
    bucket = TokenBucket(rate=1.0, burst=2)
    assert bucket.take("a", now=0.0) == 0.0
    assert bucket.take("a", now=0.0) == 0.0
    assert bucket.take("a", now=0.0) == pytest.approx(1.0)
    assert bucket.take("b", now=0.0) == 0.0, "buckets are per client"
    assert bucket.take("a", now=1.5) == 0.0


def test_api_token_bucket_memory_is_bounded() -> None:
    bucket = TokenBucket(rate=1.0, burst=1, max_clients=10)
    for i in range(100):
        bucket.take(f"client-{i}", now=float(i) * 0.01)
    assert len(bucket._state) <= 10


def test_api_analyze_busy_is_503_not_a_hung_thread(tmp_path: Path) -> None:
    app = create_app(Store(tmp_path), options=ApiOptions(analyze_wait=0.05))
    app.state.writer.lock.acquire()  # another analysis is running
    try:
        response = TestClient(app).post("/analyze", json={"text": ARTICLE})
    finally:
        app.state.writer.lock.release()
    assert response.status_code == 503 and response.headers["retry-after"] == "5"


def test_api_body_over_limit_is_json_413(tmp_path: Path) -> None:
    client = TestClient(create_app(Store(tmp_path), options=ApiOptions(max_body_bytes=1000)))
    response = client.post("/analyze", content=b"{" + b" " * 5000 + b"}", headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_api_analyze_article_over_limit_is_413(tmp_path: Path) -> None:
    client = TestClient(create_app(Store(tmp_path), options=ApiOptions(max_analyze_bytes=100)))
    response = client.post("/analyze", json={"text": "word " * 100})
    assert response.status_code == 413 and "100 bytes" in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [{}, {"text": "   "}, {"text": "a", "html": "<p>a</p>"}, {"text": "a", "published": "2021-13-01"}, {"txt": "a"}],
)
def test_api_analyze_rejects_bad_bodies_with_422(tmp_path: Path, body: dict) -> None:
    response = TestClient(create_app(Store(tmp_path))).post("/analyze", json=body)
    assert response.status_code == 422
    assert response.json()["message"]


@pytest.mark.slow
def test_api_analyze_returns_analysis_then_rate_limits(tmp_path: Path) -> None:
    client = TestClient(create_app(Store(tmp_path), options=ApiOptions(analyze_rate=0.01, analyze_burst=1)))
    response = client.post("/analyze", json={"text": ARTICLE, "published": "2021-12-06"})
    assert response.status_code == 200
    a = response.json()
    assert a["document"]["published"] == "2021-12-06"
    assert a["document"]["text"].startswith("Russia accused Ukraine")
    assert any(actor["code"] and actor["code"].startswith("RUS") for actor in a["actors"])
    limited = client.post("/analyze", json={"text": ARTICLE})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["status"] == 429


@pytest.mark.slow
def test_api_analyze_cleans_html_pages(tmp_path: Path) -> None:
    body = "".join(f"<p>{ARTICLE} Paragraph {i} adds detail about the talks in Geneva.</p>" for i in range(4))
    html = (
        "<html><head><title>Kremlin answers</title><script>var tracking = 1;</script></head><body>"
        f"<nav>Home | World | Sport</nav><article><h1>Kremlin answers</h1>{body}</article>"
        "<footer>Cookie policy</footer></body></html>"
    )
    response = TestClient(create_app(Store(tmp_path))).post("/analyze", json={"html": html, "published": "2021-12-06"})
    assert response.status_code == 200, response.text
    text = response.json()["document"]["text"]
    assert "Russia accused Ukraine" in text
    assert "tracking" not in text and "Cookie policy" not in text


@pytest.mark.slow
def test_api_ingest_needs_the_token_and_stores_documents(tmp_path: Path) -> None:
    client = TestClient(create_app(Store(tmp_path / "store"), token=TOKEN))
    body = {"documents": [{"text": ARTICLE, "published": "2021-12-06", "id": "peskov-1"}]}
    assert client.post("/documents", json=body).status_code == 401
    assert client.post("/documents", json=body, headers={"authorization": "Bearer wrong-token"}).status_code == 403
    assert client.get("/documents/peskov-1").status_code == 404
    response = client.post("/documents", json=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    assert response.json()["written"] == 1 and response.json()["ids"] == ["peskov-1"]
    stored = client.get("/documents/peskov-1").json()
    assert stored["document"]["text"].startswith("Russia accused Ukraine")
    again = client.post("/documents", json=body, headers={"authorization": f"Bearer {TOKEN}"}).json()
    assert again["written"] == 0 and again["skipped"] == 1
