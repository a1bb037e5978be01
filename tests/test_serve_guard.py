"""DNS rebinding and cross-origin writes: the server answers only to the names it is bound to
and takes writes only from its own pages (issue 12, defect 3).

A rebinding attack serves a page from the attacker's name, then points that name at
127.0.0.1: the browser then sends the attacker's name in ``Host`` and treats the answers as
same-origin. Refusing unknown ``Host`` names closes it; refusing writes whose ``Origin`` is
another site closes the form-post and fetch variants."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pourparler.serve import ServeOptions, create_app
from pourparler.serve._guard import HostPolicy, parse_host, serve_options_for
from pourparler.serve.cli import register

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PORT = 8000
LOCAL = f"http://127.0.0.1:{PORT}"
PASTE = {"text": "Russia threatened Ukraine with new strikes on Monday.", "store": True}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "guard.duckdb"


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    # the test client sends Host from base_url and reports that port as the server's own
    with TestClient(create_app(db), base_url=LOCAL) as c:
        yield c


@pytest.mark.parametrize("host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}",
                                  f"LOCALHOST:{PORT}", "localhost", f"localhost.:{PORT}"])
def test_loopback_names_are_served(client: TestClient, host: str) -> None:
    got = client.get("/api/meta", headers={"Host": host})
    assert got.status_code == 200, got.text


@pytest.mark.parametrize("host", ["attacker.example", f"attacker.example:{PORT}",
                                  f"127.0.0.1.attacker.example:{PORT}", "localhost:9999",
                                  f"user@localhost:{PORT}", "", f"[::1:{PORT}",
                                  f"localhost:{PORT}/x", "192.168.1.10:8000"])
def test_other_host_names_get_a_clear_400(client: TestClient, host: str) -> None:
    got = client.get("/api/events", headers={"Host": host})
    assert got.status_code == 400
    detail = got.json()["detail"]
    assert "Host" in detail and "--allow-host" in detail


def test_a_rebound_name_can_neither_read_nor_write(client: TestClient, db: Path) -> None:
    evil = {"Host": f"rebind.attacker.example:{PORT}",
            "Origin": f"http://rebind.attacker.example:{PORT}"}
    assert client.get("/api/events", headers=evil).status_code == 400
    assert client.post("/api/code", json=PASTE, headers=evil).status_code == 400
    assert not db.exists()  # nothing stored


@pytest.mark.parametrize("headers", [
    {"Origin": "http://attacker.example"},
    {"Origin": f"http://localhost:{PORT + 1}"},  # another local app is another origin
    {"Origin": "null"},                            # sandboxed frames, data: pages
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": LOCAL, "Sec-Fetch-Site": "cross-site"},
])
def test_cross_origin_writes_are_refused(client: TestClient, db: Path,
                                         headers: dict[str, str]) -> None:
    got = client.post("/api/code", json=PASTE, headers=headers)
    assert got.status_code == 403
    assert "cross-origin" in got.json()["detail"]
    assert not db.exists()


@pytest.mark.parametrize("headers", [
    {},                                                    # curl, scripts: no Origin at all
    {"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"},    # the dashboard's paste page
    {"Origin": f"http://localhost:{PORT}"},                # the same server by another name
    {"Sec-Fetch-Site": "none"},                            # typed by the user
])
def test_same_origin_and_non_browser_writes_pass(client: TestClient,
                                                 headers: dict[str, str]) -> None:
    got = client.post("/api/code", json={**PASTE, "store": False}, headers=headers)
    assert got.status_code == 200, got.text


def test_cross_origin_reads_are_not_blocked_but_get_no_cors(client: TestClient) -> None:
    # a GET from another origin is answered (links, bookmarks) but without CORS headers the
    # other site's script cannot read the answer
    got = client.get("/api/meta", headers={"Origin": "http://attacker.example"})
    assert got.status_code == 200
    assert "access-control-allow-origin" not in got.headers


def test_more_names_from_the_app_factory(db: Path) -> None:
    app = create_app(db, ServeOptions(allow_hosts=("events.example.org",
                                                   "proxy.example.org:8443")))
    with TestClient(app, base_url=LOCAL) as c:
        assert c.get("/api/meta", headers={"Host": "events.example.org"}).status_code == 200
        assert c.get("/api/meta",
                     headers={"Host": f"events.example.org:{PORT}"}).status_code == 200
        assert c.get("/api/meta",
                     headers={"Host": "proxy.example.org:8443"}).status_code == 200
        assert c.get("/api/meta", headers={"Host": "proxy.example.org"}).status_code == 400
        assert c.get("/api/meta", headers={"Host": "other.example.org"}).status_code == 400
        ok = c.post("/api/code", json={**PASTE, "store": False},
                    headers={"Host": "events.example.org",
                             "Origin": "https://events.example.org"})
        assert ok.status_code == 200, ok.text


def test_bad_allow_host_names_are_refused_at_start() -> None:
    with pytest.raises(ValueError, match="allow-host"):
        HostPolicy.build(("http://events.example.org/",))


@pytest.mark.parametrize(("value", "parsed"), [
    ("localhost:8000", ("localhost", 8000)),
    ("[::1]:8000", ("[::1]", 8000)),
    ("[::1]", ("[::1]", None)),
    ("Example.ORG.", ("example.org", None)),
    ("localhost:", None),
    ("local host", None),
    ("localhost:99999", None),
    ("::1", None),
])
def test_parse_host(value: str, parsed: tuple[str, int | None] | None) -> None:
    assert parse_host(value) == parsed


def test_bound_address_is_served_and_a_wildcard_takes_ip_literals(db: Path) -> None:
    lan = serve_options_for("192.168.1.10", ServeOptions())
    with TestClient(create_app(db, lan), base_url="http://192.168.1.10:8000") as c:
        assert c.get("/api/meta").status_code == 200
        assert c.get("/api/meta", headers={"Host": "evil.example:8000"}).status_code == 400
    anywhere = serve_options_for("0.0.0.0", ServeOptions())
    with TestClient(create_app(db, anywhere), base_url="http://10.1.2.3:8000") as c:
        # an IP literal cannot be rebound; names still must be allowed
        assert c.get("/api/meta").status_code == 200
        assert c.get("/api/meta", headers={"Host": "evil.example:8000"}).status_code == 400


def test_cli_documents_and_passes_allow_host(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake_run(db_path: object, host: str, port: int, options: ServeOptions) -> None:
        seen.update(host=host, port=port, options=options)

    monkeypatch.setattr("pourparler.serve.run", fake_run)
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    runner = CliRunner()
    helped = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert "--allow-host" in helped.output and "Host" in helped.output
    result = runner.invoke(app, ["serve", "--allow-host", "a.example", "--allow-host",
                                 "b.example:8443"])
    assert result.exit_code == 0, result.output
    options = seen["options"]
    assert isinstance(options, ServeOptions)
    assert options.allow_hosts == ("a.example", "b.example:8443")
    bad = runner.invoke(app, ["serve", "--allow-host", "http://a.example/"])
    assert bad.exit_code != 0 and "allow-host" in bad.output
