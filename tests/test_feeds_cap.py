"""A runaway feed (issue 12, defect 12): a cap of new entries per feed and poll, and commits
per batch during a poll, so a poll killed half-way keeps what it stored. A fake fetcher
stands in for the network (the HTTP side is tested in test_feeds.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pourparler.errors import InputError
from pourparler.ingest.feeds import SeenState, poll_feeds, state_path_for
from pourparler.model import Article
from pourparler.pipeline import ArticleResult
from pourparler.store import Store

FEED = "http://wire.test/rss"
_N_ENTRIES = 1000


def _rss(n: int) -> bytes:
    items = "".join(f"<item><title>Story {i}</title><link>http://wire.test/story/{i}</link>"
                    f"<guid>story-{i}</guid></item>" for i in range(n))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>w'
            f"</title><link>http://wire.test/</link>{items}</channel></rss>").encode()


@dataclass
class _Page:
    body: bytes
    charset: str | None = "utf-8"


class FakeFetcher:
    """Serves one feed of many entries; every article page is fetched in no time."""

    def __init__(self, entries: int, alive: int | None = None) -> None:
        self.feed = _rss(entries)
        self.fetched: Counter[str] = Counter()
        self.alive = alive  # fetches before the process "dies" (KeyboardInterrupt)

    def fetch(self, url: str, accept: Iterable[str] = ()) -> _Page:
        return _Page(self.feed)

    def fetch_article(self, url: str, *, published: date | None = None,
                      title: str | None = None) -> Article | InputError:
        if self.alive is not None and sum(self.fetched.values()) >= self.alive:
            raise KeyboardInterrupt
        self.fetched[url] += 1
        return Article(id=url, text=f"The minister spoke about {url}.", title=title,
                       published=published or date(2024, 3, 5), lang="en", url=url)


class KilledCoder:
    """Codes ``alive`` articles, then the process "dies" (KeyboardInterrupt is not caught
    by the poll, as a kill is not)."""

    def __init__(self, alive: int | None = None) -> None:
        self.alive = alive
        self.coded = 0

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for art in articles:
            if self.alive is not None and self.coded >= self.alive:
                raise KeyboardInterrupt
            self.coded += 1
            yield ArticleResult(art.id, lang="en")


def test_a_poll_takes_at_most_the_cap_and_the_next_poll_the_next(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    fetcher = FakeFetcher(_N_ENTRIES)
    with SeenState(state_path_for(db)) as state:
        first = poll_feeds([FEED], Store(db), KilledCoder(), fetcher, state,  # type: ignore[arg-type]
                           max_entries=50)
        assert first.entries_new == 50 and first.added == 50  # before: all 1,000 in one poll
        assert first.deferred == _N_ENTRIES - 50
        assert "950 entries left for the next polls" in first.summary()
        second = poll_feeds([FEED], Store(db), KilledCoder(), fetcher, state,  # type: ignore[arg-type]
                            max_entries=50)
    assert second.entries_new == 50 and second.added == 50
    assert max(fetcher.fetched.values()) == 1  # nothing fetched twice
    assert Store(db, read_only=True).counts()["articles"] == 100


def test_the_default_cap_bounds_a_runaway_feed(tmp_path: Path) -> None:
    from pourparler.ingest.feeds import MAX_ENTRIES_PER_POLL

    db = tmp_path / "w.duckdb"
    fetcher = FakeFetcher(_N_ENTRIES)
    with SeenState(state_path_for(db)) as state:
        report = poll_feeds([FEED], Store(db), KilledCoder(), fetcher, state)  # type: ignore[arg-type]
    assert report.entries_new == MAX_ENTRIES_PER_POLL < _N_ENTRIES


@pytest.mark.parametrize("dies_in", ["fetching", "coding"])
def test_a_poll_killed_half_way_keeps_its_committed_batches(tmp_path: Path,
                                                            dies_in: str) -> None:
    db = tmp_path / "w.duckdb"
    fetcher = FakeFetcher(100, alive=40 if dies_in == "fetching" else None)
    coder = KilledCoder(alive=40 if dies_in == "coding" else None)
    with SeenState(state_path_for(db)) as state, pytest.raises(KeyboardInterrupt):
        poll_feeds([FEED], Store(db), coder, fetcher, state)  # type: ignore[arg-type]
    # two batches of 16 (the default) committed before the kill in the third; before, a
    # kill while fetching lost every fetch of the poll (nothing was stored until the end)
    assert Store(db, read_only=True).counts()["articles"] == 32
    fetcher.alive = None
    with SeenState(state_path_for(db)) as state:
        assert state.count() == 32
        rest = poll_feeds([FEED], Store(db), KilledCoder(), fetcher, state)  # type: ignore[arg-type]
    assert rest.entries_new == 100 - 32 and rest.added == 100 - 32
    assert Store(db, read_only=True).counts()["articles"] == 100
    # only the batch in hand at the kill is fetched again
    assert sum(fetcher.fetched.values()) == 100 + (40 - 32 if dies_in == "fetching" else 16)


def test_the_watch_default_is_the_library_default() -> None:
    from pourparler.ingest import cli
    from pourparler.ingest.feeds import MAX_ENTRIES_PER_POLL

    assert cli._MAX_ENTRIES == MAX_ENTRIES_PER_POLL


def test_a_damaged_watch_state_is_one_clear_error(tmp_path: Path) -> None:
    from pourparler.errors import StoreError

    path = tmp_path / "w.duckdb.watch.sqlite"
    path.write_bytes(b"not a database at all " * 200)
    with pytest.raises(StoreError) as info:  # before: sqlite3.DatabaseError, a traceback
        SeenState(path)
    assert str(path) in str(info.value) and "remove the file" in str(info.value)


def test_a_full_disk_under_the_watch_state_is_one_clear_error(tmp_path: Path) -> None:
    import sqlite3

    from pourparler.errors import StoreError
    from pourparler.ingest.feeds import FeedEntry

    class FullDisk:
        def execute(self, *args: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        executemany = execute

        def close(self) -> None:
            pass

    with SeenState(tmp_path / "s.sqlite") as state:
        state._con = FullDisk()  # type: ignore[assignment]
        with pytest.raises(StoreError, match="cannot write the watch state"):
            state.mark_done([FeedEntry(FEED, "k", "http://wire.test/k")])
