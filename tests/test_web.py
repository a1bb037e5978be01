"""Web pages and fetching: extraction, boilerplate, and every way a server can fail."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from local_http import (
    Server,
    huge,
    page,
    redirect,
    send,
    slow,
    slow_redirect,
    status,
    trickle,
    trickle_headers,
)
from pourparler.errors import InputError
from pourparler.ingest.fetch import Fetcher, FetchOptions
from pourparler.ingest.html import article_from_html, read_html_file, strip_boilerplate
from pourparler.model import Article

FR_BODY = (
    "<p>Le ministre des affaires étrangères a rencontré mardi son homologue allemand à Berlin "
    "pour discuter de la sécurité européenne et de l'aide militaire à l'Ukraine.</p>"
    "<p>Lire aussi : Les autres nouvelles du jour</p>"
    "<p>Les deux responsables ont signé un accord de coopération dans le domaine de la défense, "
    "selon un communiqué publié par le ministère après la rencontre.</p>"
    "<p>Partager sur Facebook</p><p>Source link</p>"
)
FR_PAGE = (
    "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
    "<title>Le ministre à Berlin - La Gazette</title>"
    "<meta property=\"og:site_name\" content=\"La Gazette\">"
    "<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\"></head>"
    "<body><nav><a href=\"/\">Accueil</a> <a href=\"/monde\">Monde</a></nav><article>"
    "<h1>Le ministre à Berlin</h1>" + FR_BODY + "</article><footer>Mentions légales</footer>"
    "</body></html>"
)
EMPTY_PAGE = ("<html><head><title>Accueil</title></head><body><nav>Menu</nav>"
              "<p>Bienvenue.</p></body></html>")
EN_LATIN1 = (
    "<html lang=\"en\"><head><title>Café talks</title></head><body><article><h1>Café talks</h1>"
    "<p>The foreign minister met his counterpart at a café in Genève on Tuesday to discuss "
    "the ceasefire, according to a statement released by the ministry afterwards.</p>"
    "<p>Both sides agreed to meet again next month in the same city to continue the talks "
    "on prisoners and humanitarian corridors.</p><p>Read more: other stories</p>"
    "</article></body></html>"
).encode("latin-1")

TEST_OPTS = FetchOptions(timeout=0.5, total_timeout=1.5, retries=1, backoff=0.01,
                         host_delay=0.0, allow_private=True, max_bytes=1_000_000)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    srv.routes.update({
        "/robots.txt": page(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/fr": page(FR_PAGE.encode("utf-8")),
        "/private/page": page(FR_PAGE.encode("utf-8")),
        "/empty": page(EMPTY_PAGE.encode("utf-8")),
        "/latin1": page(EN_LATIN1),  # declared UTF-8, sent as Latin-1
        "/e404": status(404),
        "/e500": status(500),
        "/slow": slow(3.0),
        "/trickle": trickle(10_000, 0.2),
        "/trickle-headers": trickle_headers(0.2),
        # five hops of 0.4 s each: every hop is within the read timeout, the whole is not
        **{f"/slow-hop-{i}": slow_redirect(f"/slow-hop-{i + 1}", 0.4) for i in range(5)},
        "/slow-hop-5": page(FR_PAGE.encode("utf-8")),
        "/big": huge(50 * 1024 * 1024, declare=True),
        "/big-chunked": huge(50 * 1024 * 1024, declare=False),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        "/hop": redirect("/fr"),
        "/pdf": page(b"%PDF-1.4", "application/pdf"),
    })
    with srv.running():
        yield srv


@pytest.fixture(scope="module")
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(TEST_OPTS) as f:
        yield f


def test_boilerplate_lines_are_removed() -> None:
    text = ("The minister spoke in Paris.\nRead more: the budget\nShare on Twitter\n"
            "He said the talks would go on.\nLire aussi : la réforme\nSource link")
    assert strip_boilerplate(text) == "The minister spoke in Paris.\nHe said the talks would go on."


def test_sentence_mentioning_read_more_is_kept() -> None:
    text = "Voters will read more about the reform before the referendum."
    assert strip_boilerplate(text) == text


def test_html_page_becomes_article() -> None:
    art = article_from_html(FR_PAGE.encode("utf-8"), "p.html", url="https://gazette.example/a")
    assert isinstance(art, Article)
    assert art.title == "Le ministre à Berlin"
    assert art.published == date(2024, 3, 5)
    assert art.lang == "fr"
    assert art.outlet == "La Gazette"
    assert "homologue allemand" in art.text and "accord de coopération" in art.text
    for junk in ("Lire aussi", "Partager", "Source link", "Accueil", "Mentions"):
        assert junk not in art.text
    assert not art.text.startswith("Le ministre à Berlin")  # headline is not repeated


def test_same_url_same_id() -> None:
    a = article_from_html(FR_PAGE, "x", url="https://gazette.example/a")
    b = article_from_html(FR_PAGE, "y", url="https://gazette.example/a")
    assert isinstance(a, Article) and isinstance(b, Article) and a.id == b.id


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "berlin.html"
    path.write_text(FR_PAGE, encoding="utf-8")
    art = read_html_file(path)
    assert isinstance(art, Article) and art.id == "berlin"


def test_page_without_article_is_an_error() -> None:
    err = article_from_html(EMPTY_PAGE, "empty.html")
    assert isinstance(err, InputError) and "no article" in err.reason


def test_fetch_article(server: Server, fetcher: Fetcher) -> None:
    art = fetcher.fetch_article(server.url("/fr"))
    assert isinstance(art, Article) and art.url == server.url("/fr") and art.lang == "fr"


def test_redirect_followed(server: Server, fetcher: Fetcher) -> None:
    art = fetcher.fetch_article(server.url("/hop"))
    assert isinstance(art, Article) and art.url == server.url("/fr")


def test_wrong_charset_is_read_not_lost(server: Server, fetcher: Fetcher) -> None:
    art = fetcher.fetch_article(server.url("/latin1"))
    assert isinstance(art, Article)
    assert "café in Genève" in art.text and "Read more" not in art.text


@pytest.mark.parametrize(("path", "expected"), [
    ("/e404", "HTTP 404"),
    ("/e500", "HTTP 500"),
    ("/slow", "timed out"),
    ("/trickle", "too slow"),
    ("/trickle-headers", "too slow"),  # the deadline covers the headers, not only the body
    ("/slow-hop-0", "too slow"),       # ...and every redirect hop together
    ("/big", "too large"),
    ("/big-chunked", "too large"),
    ("/loop-a", "redirect loop"),
    ("/empty", "no article"),
    ("/pdf", "content type"),
    ("/private/page", "robots.txt"),
])
def test_failures_are_clear_errors(server: Server, fetcher: Fetcher, path: str,
                                   expected: str) -> None:
    started = time.monotonic()
    err = fetcher.fetch_article(server.url(path))
    assert isinstance(err, InputError), err
    assert err.source == server.url(path)
    assert expected in err.reason
    assert time.monotonic() - started < 5.0  # limits stop a bad server quickly


def test_server_error_is_retried(server: Server, fetcher: Fetcher) -> None:
    before = server.hits.get("/e500", 0)
    fetcher.fetch_article(server.url("/e500"))
    assert server.hits["/e500"] - before == TEST_OPTS.retries + 1


def test_not_found_is_not_retried(server: Server, fetcher: Fetcher) -> None:
    before = server.hits.get("/e404", 0)
    fetcher.fetch_article(server.url("/e404"))
    assert server.hits["/e404"] - before == 1


def test_private_addresses_refused_by_default(server: Server) -> None:
    with Fetcher(FetchOptions(host_delay=0.0)) as strict:
        err = strict.fetch_article(server.url("/fr"))
    assert isinstance(err, InputError) and "private or local" in err.reason


def test_file_urls_refused_by_default(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(FR_PAGE, encoding="utf-8")
    with Fetcher(FetchOptions(host_delay=0.0)) as strict:
        err = strict.fetch_article(path.as_uri())
    assert isinstance(err, InputError) and "file://" in err.reason


def test_user_agent_names_pourparler(server: Server) -> None:
    seen: list[str] = []

    def record(h: object) -> None:
        seen.append(h.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        send(h, 200, FR_PAGE.encode())  # type: ignore[arg-type]

    server.routes["/ua"] = record
    with Fetcher(TEST_OPTS) as f:
        f.fetch(server.url("/ua"))
    assert seen and seen[0].startswith("pourparler/")


def test_per_host_delay(server: Server) -> None:
    opts = FetchOptions(host_delay=0.3, allow_private=True, respect_robots=False)
    with Fetcher(opts) as f:
        started = time.monotonic()
        for _ in range(3):
            f.fetch(server.url("/fr"))
    assert time.monotonic() - started >= 0.6


def test_a_robots_txt_that_trickles_its_headers_ends_within_the_deadline() -> None:
    srv = Server()
    srv.routes.update({"/robots.txt": trickle_headers(0.2),
                       "/fr": page(FR_PAGE.encode("utf-8"))})
    with srv.running(), Fetcher(TEST_OPTS) as f:
        started = time.monotonic()
        err = f.fetch_article(srv.url("/fr"))
        elapsed = time.monotonic() - started
    assert isinstance(err, InputError), err
    assert "too slow" in err.reason and "robots.txt" in err.reason
    assert srv.hits.get("/fr", 0) == 0  # never fetched without its rules
    assert elapsed < 10 * TEST_OPTS.total_timeout  # generous: it used to never end


def test_politeness_waits_do_not_eat_the_deadline(server: Server) -> None:
    # the second fetch waits 1 s for its turn at the host: the server answered at once
    opts = FetchOptions(timeout=0.5, total_timeout=0.8, retries=0, host_delay=1.0,
                        allow_private=True, respect_robots=False)
    with Fetcher(opts) as f:
        f.fetch(server.url("/fr"))
        page_again = f.fetch(server.url("/fr"))
    assert page_again.status == 200
