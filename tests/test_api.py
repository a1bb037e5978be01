"""The HTTP API of ``pourparler serve``: queries, one event, dyads, articles as text and spans,
coding a pasted article, exports, size limits and escaping. The store is built in a tmp dir
from articles of our own writing (coded for real) and synthetic records (for paging)."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from fastapi import FastAPI
from typer.testing import CliRunner

from pourparler.events.ontology import cameo_code, plover_for
from pourparler.model import Actor, Article, Event, Evidence
from pourparler.pipeline import Coder
from pourparler.serve import MAX_PAGE_SIZE, ServeOptions, create_app
from pourparler.serve.cli import register
from pourparler.store import CodedArticle, Store, ingest

with warnings.catch_warnings():
    # Starlette nudges towards another client package; httpx is the one this project uses.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SCRIPT_STORY = (
    "PARIS, 4 mars (Dépêche) - La France a condamné la Russie mardi pour ses frappes. "
    "<script>window.__pwned = 1</script> Le président Emmanuel Macron a rencontré le "
    "président ukrainien Volodymyr Zelensky à Paris."
)
ARTICLES = [
    Article("own-usa-rus", "WASHINGTON, March 3 (Wire) - The United States imposed new "
            "sanctions on Russia on Thursday, the Treasury said.", title="Sanctions",
            published=date(2022, 3, 3), lang="en", outlet="Wire"),
    Article("own-script", SCRIPT_STORY, title="<b>Macron</b> & <script>x()</script>",
            published=date(2022, 3, 4), lang="fr", outlet="Dépêche"),
]
SYNTHETIC = 30
#: The server answers only to its loopback names (DNS-rebinding guard), so the test client
#: talks to it as a browser on this machine would.
LOCAL = "http://127.0.0.1:8000"
STATIC = Path(__file__).resolve().parents[1] / "src" / "pourparler" / "serve" / "static"


def local_client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=LOCAL)


def _record(article_id: str, sentence: int, code: str, day: date, text: str,
            start: int) -> Event:
    info = cameo_code(code)
    plover, mode = plover_for(code)
    return Event(article_id=article_id, sentence=sentence,
                 source=Actor("United States", "United States", country="USA", cameo="USA"),
                 target=Actor("Russia", "Russia", country="RUS", cameo="RUS"), cameo=code,
                 root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
                 plover=plover, plover_mode=mode, status="asserted", date=day.isoformat(),
                 date_precision="day", evidence=Evidence(text, start, start + len(text)),
                 lang="en", rule="test/synthetic", confidence=0.7)


def _synthetic() -> list[CodedArticle]:
    out = []
    codes = ("042", "130", "190", "057")
    for i in range(SYNTHETIC):
        text = f"The United States and Russia met in round {i}."
        day = date(2023, 1, 1) + timedelta(days=3 * i)
        ev = _record(f"syn-{i:02d}", 0, codes[i % len(codes)], day, text, 0)
        out.append(CodedArticle(Article(f"syn-{i:02d}", text, published=day, lang="en"), [ev]))
    return out


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    store = Store(path)
    report = ingest(store, ARTICLES, coder)
    assert report.failed == 0
    store.write(_synthetic())
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with local_client(create_app(db)) as c:
        yield c


def test_events_filter_by_dyad_and_page(client: TestClient) -> None:
    whole = client.get("/api/events", params={"dyad": "USA-RUS", "limit": 100}).json()
    assert whole["total"] == SYNTHETIC + 1  # the synthetic rounds and the coded sanctions
    assert whole["more"] is False
    assert all(e["source"]["country"] == "USA" and e["target"]["country"] == "RUS"
               for e in whole["events"])
    first = client.get("/api/events", params={"dyad": "USA-RUS", "limit": 10}).json()
    assert len(first["events"]) == 10 and first["more"] is True
    second = client.get("/api/events", params={"dyad": "USA-RUS", "limit": 10,
                                               "offset": 10}).json()
    ids = [e["global_event_id"] for e in first["events"] + second["events"]]
    assert ids == [e["global_event_id"] for e in whole["events"][:20]]
    dates = [e["date"] for e in whole["events"]]
    assert dates == sorted(dates)
    last = client.get("/api/events", params={"dyad": "USA-RUS", "limit": 10,
                                             "offset": 30}).json()
    assert len(last["events"]) == 1 and last["more"] is False


def test_first_look_at_a_large_result_knows_its_total(db: Path) -> None:
    with local_client(create_app(db)) as c:  # a fresh server
        page = c.get("/api/events", params={"limit": 5}).json()
        assert page["total"] > SYNTHETIC and page["more"] is True and len(page["events"]) == 5
        by_gold = c.get("/api/events", params={"limit": 5, "sort": "goldstein"}).json()
        assert by_gold["total"] == page["total"]  # counted by the store, in any order


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein", "mentions",
                                  "-mentions", "confidence", "-confidence", "id", "-id"])
def test_pages_of_every_order_neither_overlap_nor_skip(client: TestClient, sort: str) -> None:
    whole = client.get("/api/events", params={"sort": sort, "limit": MAX_PAGE_SIZE}).json()
    ids: list[int] = []
    for offset in range(0, whole["total"], 7):
        page = client.get("/api/events", params={"sort": sort, "limit": 7,
                                                 "offset": offset}).json()
        assert page["total"] == whole["total"]
        assert page["more"] is (offset + 7 < whole["total"])
        ids += [e["global_event_id"] for e in page["events"]]
    assert ids == [e["global_event_id"] for e in whole["events"]]
    assert len(set(ids)) == whole["total"]
    past = client.get("/api/events", params={"sort": sort, "offset": whole["total"]}).json()
    assert past["events"] == [] and past["more"] is False


def test_events_other_filters_and_sort(client: TestClient) -> None:
    threats = client.get("/api/events", params={"cameo": "13", "limit": 100}).json()
    assert threats["total"] > 0
    assert all(e["cameo"].startswith("13") for e in threats["events"])
    fr = client.get("/api/events", params={"source": "FRA"}).json()
    assert fr["total"] >= 1 and all(e["source"]["country"] == "FRA" for e in fr["events"])
    words = client.get("/api/events", params={"text": "round 12."}).json()
    assert [e["article_id"] for e in words["events"]] == ["syn-12"]
    since = client.get("/api/events", params={"since": "2023-02-01", "limit": 100}).json()
    assert all(e["date"] >= "2023-02-01" for e in since["events"])
    by_gold = client.get("/api/events", params={"sort": "-goldstein", "limit": 100}).json()
    golds = [e["goldstein"] for e in by_gold["events"]]
    assert golds == sorted(golds, reverse=True)
    first = by_gold["events"][0]
    assert first["cameo_label"] and first["cameo"] in first["explanation"]


@pytest.mark.parametrize("params", [{"sort": "drop table"}, {"since": "yesterday"},
                                    {"limit": MAX_PAGE_SIZE + 1}, {"cameo": "1' OR 1=1"},
                                    {"dyad": "USA"}, {"dyad": "USA-RUS", "source": "FRA"}])
def test_events_bad_parameters_are_refused(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


def test_text_filter_is_not_sql(client: TestClient) -> None:
    got = client.get("/api/events", params={"text": "'; DROP TABLE events; --"})
    assert got.status_code == 200 and got.json()["total"] == 0
    assert client.get("/api/events").json()["total"] > SYNTHETIC


def test_one_event_with_mentions(client: TestClient) -> None:
    listed = client.get("/api/events", params={"dyad": "USA-RUS", "cameo": "163"}).json()
    gid = listed["events"][0]["global_event_id"]
    one = client.get(f"/api/events/{gid}").json()
    assert one["event"]["global_event_id"] == gid
    assert one["event"]["cameo"] == "163"
    [mention] = one["mentions"]
    assert mention["article_id"] == "own-usa-rus"
    assert "sanctions" in mention["record"]["evidence"]["text"]
    assert client.get("/api/events/999999").status_code == 404


def test_dyads_series(client: TestClient) -> None:
    rows = client.get("/api/dyads", params={"dyad": "USA-RUS", "by": "month"}).json()["rows"]
    assert rows and all(r["source"] == "USA" and r["target"] == "RUS" for r in rows)
    assert sum(r["events"] for r in rows) == SYNTHETIC + 1
    for r in rows:
        quads = (r["verbal_coop"], r["material_coop"], r["verbal_conflict"],
                 r["material_conflict"])
        assert sum(quads) == r["events"]
    assert client.get("/api/dyads", params={"by": "decade"}).status_code == 422


def test_map_has_event_places_and_actor_countries(client: TestClient) -> None:
    data = client.get("/api/map").json()
    actors = {p["country"]: p for p in data["actors"]}
    assert {"USA", "RUS"} <= set(actors)
    assert actors["USA"]["events"] >= SYNTHETIC + 1
    # the country's reference point (38 N, 97 W), not a city near the mean of its cities
    assert (actors["USA"]["lat"], actors["USA"]["lon"]) == (38.0, -97.0)
    places = data["places"]
    assert places and all(-90 <= p["lat"] <= 90 and p["events"] >= 1 for p in places)
    assert all(p["precision"] in ("city", "region", "country") for p in places)


def test_place_country_and_sector_filters(client: TestClient) -> None:
    places = client.get("/api/map").json()["places"]
    where = places[0]["country"]
    got = client.get("/api/events", params={"country": where, "limit": 500}).json()
    assert got["total"] >= 1
    assert all(e["location"]["country"] == where for e in got["events"])
    gov = client.get("/api/events", params={"sector": "GOV", "limit": 500}).json()
    assert gov["total"] >= 1
    assert all("GOV" in ((e["source"] or {}).get("sector"), (e["target"] or {}).get("sector"))
               for e in gov["events"])
    assert client.get("/api/events", params={"country": "U1"}).status_code == 422
    bad = client.get("/api/events", params={"since": "2022-03-01", "until": "2022-01-01"})
    assert bad.status_code == 422 and "after" in bad.json()["detail"]
    tsv = client.get("/api/export", params={"format": "polecat", "sector": "GOV"})
    assert tsv.status_code == 200 and tsv.text.startswith("Event ID\tEvent Date")


def test_article_spans_point_into_the_text(client: TestClient) -> None:
    got = client.get("/api/articles/own-script").json()
    text = got["article"]["text"]
    assert text == SCRIPT_STORY  # returned verbatim, as JSON data; the pages show it as text
    assert got["article"]["title"] == "<b>Macron</b> & <script>x()</script>"
    assert got["events"], "the French story should give events"
    kinds = {s["kind"] for s in got["spans"]}
    assert kinds == {"evidence", "actor"}
    records = {e["id"]: e for e in got["events"]}
    for span in got["spans"]:
        piece = text[span["start"]:span["end"]]
        record = records[span["event_id"]]
        if span["kind"] == "evidence":
            assert piece == record["evidence"]["text"]
        else:
            assert piece == record[span["role"]]["text"]
    assert all(e["explanation"] and e["status"] in e["explanation"] for e in got["events"])
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_pages_are_served_with_a_strict_policy(client: TestClient) -> None:
    for path in ("/", "/timeline", "/map", "/paste", "/docs", "/articles/own-script"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "<script>window" not in page.text  # the article page is a shell, filled by JS
    assert client.get("/static/common.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/dyads", "/api/code", "/api/export"} <= set(spec["paths"])


def test_dashboard_assets_are_local_and_never_parse_html() -> None:
    assets = [p for p in STATIC.iterdir() if p.suffix in (".html", ".js", ".css")]
    assert {p.name for p in assets} >= {"events.html", "article.html", "common.js", "app.css"}
    for p in assets:
        source = p.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", source), p.name
        assert not re.search(r"@import|url\(\s*[\"']?https?:", source), p.name
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{p.name} uses {sink}"


def test_code_a_pasted_article_without_storing(client: TestClient, db: Path) -> None:
    before = Store(db, read_only=True).counts()
    got = client.post("/api/code", json={
        "text": "MOSCOW, May 2 (Wire) - Russia threatened Ukraine with new strikes on Monday.",
        "published": "2024-05-02", "lang": "en"})
    assert got.status_code == 200
    body = got.json()
    assert body["stored"] is False and body["lang"] == "en"
    assert any(e["source"]["country"] == "RUS" and e["target"]["country"] == "UKR"
               for e in body["events"])
    assert any(s["kind"] == "evidence" for s in body["spans"])
    assert Store(db, read_only=True).counts() == before


def test_code_and_store_when_asked(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "paste.duckdb"
    text = "KYIV, June 5 (Wire) - Ukraine accused Russia of shelling Kharkiv on Tuesday."
    with local_client(create_app(path)) as c:
        assert c.get("/api/events").json()["total"] == 0  # no store yet: empty, not an error
        body = c.post("/api/code", json={"text": text, "published": "2024-06-05",
                                         "store": True}).json()
        assert body["stored"] is True
        stored = c.get(f"/api/articles/{body['article']['id']}").json()
        assert stored["article"]["text"] == text
        assert c.get("/api/events").json()["total"] == len(body["events"]) > 0
    with local_client(create_app(path, ServeOptions(allow_store=False))) as c:
        refused = c.post("/api/code", json={"text": text, "store": True})
        assert refused.status_code == 403


def test_request_size_limits(db: Path) -> None:
    with local_client(create_app(db, ServeOptions(max_body_bytes=2000))) as c:
        big = c.post("/api/code", json={"text": "Russia threatened Ukraine. " * 200})
        assert big.status_code == 413
        chunks = (b'{"text": "' + b"a" * 500 + b'"}' for _ in range(1))
        unknown = c.post("/api/code", content=chunks,
                         headers={"content-type": "application/json"})
        assert unknown.status_code == 411
    with local_client(create_app(db)) as c:
        empty = c.post("/api/code", json={"text": ""})
        assert empty.status_code == 422
        too_long = c.post("/api/code", json={"text": "a" * 200_001})
        assert too_long.status_code == 422


def test_export_formats(client: TestClient) -> None:
    got = client.get("/api/export", params={"format": "csv", "dyad": "USA-RUS"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert len(rows) == SYNTHETIC + 1
    gdelt = client.get("/api/export", params={"format": "gdelt"})
    assert gdelt.status_code == 200 and gdelt.text.count("\n") > SYNTHETIC
    parquet = client.get("/api/export", params={"format": "parquet"})
    assert parquet.content[:4] == b"PAR1"
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_serve_command_is_registered() -> None:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "127.0.0.1"):
        assert option in result.output


def test_evidence_is_found_when_its_offsets_miss_the_text(tmp_path: Path) -> None:
    sentence = "The United States and Russia met in Geneva."
    text = "GENEVA (Wire) - " + sentence + " Nothing else happened."
    # offsets as a coder that strips the dateline from the sentence may give them
    record = _record("dateline", 0, "042", date(2024, 1, 9), sentence, 0)
    path = tmp_path / "offsets.duckdb"
    Store(path).write([CodedArticle(Article("dateline", text, lang="en"), [record])])
    with local_client(create_app(path)) as c:
        spans = c.get("/api/articles/dateline").json()["spans"]
    [evidence] = [s for s in spans if s["kind"] == "evidence"]
    assert text[evidence["start"]:evidence["end"]] == sentence
    actors = {s["role"]: text[s["start"]:s["end"]] for s in spans if s["kind"] == "actor"}
    assert actors == {"source": "United States", "target": "Russia"}


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_code_takes_json_only(tmp_path: Path, content_type: str) -> None:
    # what a cross-site HTML form could send without a preflight: refused, nothing stored
    path = tmp_path / "csrf.duckdb"
    with local_client(create_app(path)) as c:
        got = c.post("/api/code", content=b'{"text": "Russia threatened Ukraine.", '
                     b'"store": true}', headers={"content-type": content_type})
        assert got.status_code == 422
    assert not path.exists()


def test_code_refuses_a_lone_surrogate_with_a_4xx(client: TestClient) -> None:
    body = b'{"text": "Russian forces shelled Kyiv \\ud83d on Monday."}'
    r = client.post("/api/code", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert r.status_code == 422 and "unicode" in r.json()["detail"][0]["msg"]
