"""Feeds and watch mode against a local server: new entries stored once, failures reported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from local_http import Server, page, status
from pourparler.errors import InputError
from pourparler.ingest.cli import register
from pourparler.ingest.feeds import (
    SeenState,
    parse_every,
    parse_feed,
    poll_feeds,
    read_feed_list,
    state_path_for,
)
from pourparler.ingest.fetch import Fetcher, FetchOptions
from pourparler.model import Article
from pourparler.pipeline import ArticleResult
from pourparler.store import Store

OPTS = FetchOptions(timeout=0.5, total_timeout=2.0, retries=0, backoff=0.01, host_delay=0.0,
                    allow_private=True)


def _page(n: int) -> bytes:
    return (
        f"<html lang=\"en\"><head><title>Story {n}</title></head><body><article>"
        f"<h1>Story {n}</h1><p>The prime minister of the republic met the visiting foreign "
        f"minister on Tuesday in the capital for talks number {n} about trade, security and "
        "the situation along the shared border, officials said.</p><p>The two delegations "
        "agreed to continue the discussions next month and to sign a cooperation "
        "agreement on energy.</p></article></body></html>"
    ).encode()


def _rss(base: str, items: Iterable[int], missing: bool = False) -> bytes:
    out = ["<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
           "<title>Test wire</title><link>http://example.test/</link><description>d</description>"]
    for n in items:
        out.append(f"<item><title>Story {n}</title><link>{base}/story/{n}</link>"
                   f"<guid>story-{n}</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>")
    if missing:
        out.append(f"<item><title>Gone</title><link>{base}/story/gone</link>"
                   "<guid>gone</guid></item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


class CountingCoder:
    """Records what it is asked to code; gives no events (the store is what is tested)."""

    def __init__(self) -> None:
        self.coded: list[str] = []

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for art in articles:
            self.coded.append(art.id)
            yield ArticleResult(art.id, lang="en")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    srv.routes.update({f"/story/{n}": page(_page(n)) for n in range(1, 6)})
    srv.routes["/story/gone"] = status(404)
    srv.routes["/bad.xml"] = page(b"this is <<< not & a feed at all", "application/xml")
    srv.routes["/dead.xml"] = status(500)
    with srv.running():
        srv.routes["/feed1.xml"] = page(_rss(srv.base, [1, 2], missing=True), "application/rss+xml")
        srv.routes["/feed2.xml"] = page(_rss(srv.base, [3]), "application/rss+xml")
        yield srv


def test_parse_every() -> None:
    assert parse_every("15m") == 900
    assert parse_every("30s") == 30
    assert parse_every("2h") == 7200
    with pytest.raises(ValueError):
        parse_every("soon")


def test_feed_list(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# wires\nhttp://a.test/rss\n\nhttp://b.test/atom  # B\nhttp://a.test/rss\n")
    assert read_feed_list(path) == ["http://a.test/rss", "http://b.test/atom"]


def test_atom_feed_parsed() -> None:
    atom = (b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            b"<title>t</title><entry><id>urn:1</id><title>One</title>"
            b"<link href='http://a.test/1'/><updated>2024-05-01T08:00:00Z</updated></entry></feed>")
    (entry,) = parse_feed(atom, "http://a.test/atom")
    assert entry.key == "urn:1" and entry.link == "http://a.test/1"
    assert entry.published is not None and entry.published.isoformat() == "2024-05-01"


def test_invalid_xml_is_an_error() -> None:
    with pytest.raises(InputError, match=r"not (a valid )?(an )?RSS/Atom feed"):
        parse_feed(b"this is <<< not & a feed at all", "http://a.test/bad")


def test_poll_stores_new_entries_once_and_reports_failures(server: Server,
                                                            tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    feeds = [server.url("/feed1.xml"), server.url("/bad.xml"), server.url("/dead.xml"),
             server.url("/feed2.xml")]
    coder = CountingCoder()
    store = Store(db)
    with Fetcher(OPTS) as fetcher, SeenState(state_path_for(db)) as state:
        first = poll_feeds(feeds, store, coder, fetcher, state)
    assert first.feeds_ok == 2 and first.feeds_failed == 2
    assert first.added == 3
    failed = dict(first.errors)
    assert "RSS/Atom" in failed[server.url("/bad.xml")]
    assert "HTTP 500" in failed[server.url("/dead.xml")]
    assert "HTTP 404" in failed[server.url("/story/gone")]
    assert len(coder.coded) == 3
    assert {a.title for a in store.articles()} == {"Story 1", "Story 2", "Story 3"}

    # a restart: new state and store objects on the same files
    server.routes["/feed2.xml"] = page(_rss(server.base, [3, 4]), "application/rss+xml")
    store = Store(db)
    with Fetcher(OPTS) as fetcher, SeenState(state_path_for(db)) as state:
        second = poll_feeds(feeds, store, coder, fetcher, state)
    assert second.entries_new == 2  # story 4 and the missing page, tried again
    assert second.added == 1
    assert len(coder.coded) == 4 and coder.coded.count(coder.coded[-1]) == 1
    before = server.hits.get("/story/1", 0)
    assert before == 1  # seen entries are not fetched again


def test_watch_command_once(server: Server, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:  # a callback makes "watch" a subcommand, as in the real app
        pass

    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{server.url('/feed2.xml')}\n{server.url('/dead.xml')}\n")
    db = tmp_path / "w.duckdb"
    args = ["watch", str(listing), "--db", str(db), "--once", "--allow-private",
            "--host-delay", "0", "--timeout", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "HTTP 500" in result.output
    assert "articles added" in result.output
    assert state_path_for(db).exists()
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0
    assert "0 new entries" in again.output
