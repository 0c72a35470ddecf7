"""Read endpoints of the API over the sample store (seed article + Reuters sample), with FastAPI's TestClient."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_api_store import sample_store, seed_id

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from newsgraph.api.app import create_app
    from newsgraph.store.segments import Store

    return TestClient(create_app(Store(sample_store(tmp_path_factory))))


def test_api_health_counts_documents(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["documents"] >= 25


def test_api_document_returns_full_analysis_with_valid_offsets(client: TestClient) -> None:
    response = client.get(f"/documents/{seed_id()}")
    assert response.status_code == 200
    a = response.json()
    text = a["document"]["text"]
    assert a["document"]["published"] == "2021-12-06"
    assert {"actors", "quotes", "dates", "amounts", "events", "claims", "tone"} <= set(a)
    assert a["events"], "the seed article has events"
    for e in a["events"]:
        assert 0 <= e["evidence"]["start"] < e["evidence"]["end"] <= len(text)
    for q in a["quotes"]:
        assert text[q["start"] : q["end"]].strip("“”\"' ") != ""


def test_api_unknown_document_is_json_404(client: TestClient) -> None:
    response = client.get("/documents/0123456789abcdef0123456789abcdef")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["status"] == 404 and "no document" in response.json()["message"]


@pytest.mark.parametrize("bad", [".hidden", "%2e%2e", "x" * 200, "a%00b", "a%20b"])
def test_api_document_ids_are_validated_by_pattern(client: TestClient, bad: str) -> None:
    response = client.get(f"/documents/{bad}")
    assert response.status_code == 422
    assert response.json()["status"] == 422


def test_api_encoded_slashes_in_ids_match_no_route(client: TestClient) -> None:
    response = client.get("/documents/a%2F..%2F..%2Fetc")
    assert response.status_code in (404, 422)
    assert response.headers["content-type"].startswith("application/json")


def test_api_listings_page_with_next_offset(client: TestClient) -> None:
    first = client.get("/documents", params={"limit": 10}).json()
    second = client.get("/documents", params={"limit": 10, "offset": first["next_offset"]}).json()
    assert len(first["items"]) == 10 and first["next_offset"] == 10
    assert not {d["doc_id"] for d in first["items"]} & {d["doc_id"] for d in second["items"]}


def test_api_documents_by_ids_gives_titles(client: TestClient) -> None:
    body = client.get("/documents", params={"ids": f"{seed_id()},reuters-nope"}).json()
    assert body["total"] == 1 and body["items"][0]["title"].startswith("Russia calls US relations")
    assert client.get("/documents", params={"ids": "a,,b"}).status_code == 422


def test_api_limit_over_max_is_422(client: TestClient) -> None:
    response = client.get("/events", params={"limit": 100_000})
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422 and "limit" in body["message"]


def test_api_events_filters_by_dyad_quad_class_and_root(client: TestClient) -> None:
    items = client.get("/events", params={"dyad": "RUS-USA", "limit": 500}).json()["items"]
    assert items
    assert all({e["source_country"], e["target_country"]} == {"RUS", "USA"} for e in items)
    conflict = client.get("/events", params={"dyad": "USA-RUS", "quad_class": 4, "limit": 500}).json()["items"]
    assert all(e["quad_class"] == 4 for e in conflict) and len(conflict) < len(items)
    root = items[0]["code"][:2]
    by_root = client.get("/events", params={"root": root, "limit": 500}).json()["items"]
    assert by_root and all(e["code"].startswith(root) for e in by_root)


def test_api_events_filter_by_modality_and_dates(client: TestClient) -> None:
    planned = client.get("/events", params={"modality": "hypothetical", "limit": 500}).json()["items"]
    assert all(e["modality"] == "hypothetical" for e in planned)
    old = client.get("/events", params={"date_to": "1999-12-31", "limit": 500}).json()["items"]
    assert old and all(e["day"] <= "1999-12-31" for e in old)
    assert client.get("/events", params={"date_from": "2021-02-30"}).status_code == 422


def test_api_quotes_by_speaker_and_text(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"speaker": "Peskov"}).json()["items"]
    assert quotes and all("Peskov" in (q["speaker_name"] or "") for q in quotes)
    found = client.get("/quotes", params={"q": "deplorable"}).json()["items"]
    assert any("deplorable" in q["text"] for q in found)


def test_api_search_finds_articles_and_quotes(client: TestClient) -> None:
    body = client.get("/search", params={"q": "troops"}).json()
    assert any(d["doc_id"] == seed_id() for d in body["documents"])


def test_api_dyads_lists_pairs_of_different_countries(client: TestClient) -> None:
    items = client.get("/dyads", params={"limit": 100}).json()["items"]
    pairs = [(d["a"], d["b"]) for d in items]
    assert ("JPN", "USA") in pairs
    assert all(a < b for a, b in pairs)
    assert [d["events"] for d in items] == sorted((d["events"] for d in items), reverse=True)


def test_api_dyad_series_has_periods_with_quads(client: TestClient) -> None:
    body = client.get("/dyads/JPN/USA", params={"by": "day"}).json()
    points = [p for p in body["points"] if p["events"]]
    assert len(points) >= 2
    for p in points:
        assert sum(p["quads"].values()) == p["events"]
    assert body["filled"] is True


def test_api_dyad_series_over_centuries_is_not_filled(client: TestClient) -> None:
    body = client.get("/dyads/JPN/USA", params={"by": "day", "start": "0001-01-01"}).json()
    assert body["filled"] is False and len(body["points"]) < 100


def test_api_dyad_rejects_non_country_codes(client: TestClient) -> None:
    assert client.get("/dyads/ru/USA").status_code == 422
    assert client.get("/dyads/RUS/USA", params={"by": "year"}).status_code == 422


def test_api_actor_summary_and_unknown_actor(client: TestClient) -> None:
    body = client.get("/actors/RUSGOV").json()
    assert "RUSGOV" in body["codes"] and body["documents"] >= 1
    assert client.get("/actors/Nobody%20Atall").status_code == 404


def test_api_actor_listing_filters_by_code(client: TestClient) -> None:
    body = client.get("/actors", params={"code": "USA", "limit": 5}).json()
    assert body["total"] >= 1 and all(a["code"] == "USA" for a in body["items"])


def test_api_stories_list_and_story(client: TestClient) -> None:
    page = client.get("/stories", params={"limit": 100}).json()
    assert page["total"] >= 20
    story = page["items"][0]
    body = client.get(f"/stories/{story['story_id']}").json()
    assert len(body["documents"]) == story["documents"]
    assert client.get("/stories/no-such-story").status_code == 404


def test_api_alerts_is_a_list(client: TestClient) -> None:
    response = client.get("/alerts", params={"k": 0.5, "min_events": 1})
    assert response.status_code == 200 and isinstance(response.json(), list)


def test_api_responses_carry_security_headers(client: TestClient) -> None:
    for path in ("/", "/health", "/static/app.js", "/documents/nope-nope"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_api_static_files_do_not_escape_the_package(client: TestClient) -> None:
    for path in ("/static/../api.py", "/static/%2e%2e/api.py", "/static/..%2fapi.py"):
        response = client.get(path)
        assert response.status_code == 404
        assert "create_app" not in response.text


def test_api_ingest_route_absent_without_token(client: TestClient) -> None:
    response = client.post("/documents", json={"documents": [{"text": "Russia warned Ukraine."}]})
    assert response.status_code == 405


def test_api_mixed_quotes_list_their_quoted_words(client: TestClient) -> None:
    # issue 13: a mixed quote's quoted words are sub-spans of its content, in the analysis and the quote list
    a = client.get(f"/documents/{seed_id()}").json()
    text = a["document"]["text"]
    mixed = [q for q in a["quotes"] if q["kind"] == "mixed"]
    assert mixed, "the seed article reports quoted words inside reported speech"
    for q in mixed:
        assert q["quoted_spans"] and all(q["start"] <= s < e <= q["end"] for s, e in q["quoted_spans"])
    listed = client.get("/quotes", params={"q": "comprehensive and meaningful"}).json()["items"]
    assert any(q["kind"] == "mixed" and q["quoted_spans"] for q in listed)
    (s, e), *_ = next(q["quoted_spans"] for q in listed if q["kind"] == "mixed")
    assert text[s:e] == "prepares comprehensive and meaningful actions"
