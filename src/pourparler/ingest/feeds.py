"""RSS/Atom feeds: read them (feedparser), fetch new entries, code and store them.

What has been seen is remembered in a small SQLite file beside the event store
(``events.duckdb`` -> ``events.duckdb.watch.sqlite``), so a stopped and restarted watch
fetches and codes nothing twice. An entry is marked seen only once its article has been
stored (or failed for good), so an interrupted poll is finished by the next one; the store's
own "unchanged" check makes that re-run code nothing again.

A poll takes at most ``max_entries`` new entries of each feed (MAX_ENTRIES_PER_POLL by
default; the rest wait for the next polls, oldest never starved since taken entries are
marked seen), and stores what it has fetched every ``batch_size`` articles, marking those
entries seen after each commit: a feed of 100,000 entries neither holds one poll for hours
nor loses the work of a poll killed half-way.
"""

from __future__ import annotations

import calendar
import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from pourparler.errors import InputError, StoreError
from pourparler.ingest.fetch import FEED_TYPES, Fetcher
from pourparler.ingest.files import decode_bytes, text_charset
from pourparler.model import Article

log = logging.getLogger(__name__)

__all__ = [
    "MAX_ENTRIES_PER_POLL",
    "MAX_FETCH_ATTEMPTS",
    "POLL_BATCH",
    "FeedEntry",
    "PollReport",
    "SeenState",
    "parse_every",
    "parse_feed",
    "poll_feeds",
    "read_feed_list",
    "sleep_until",
    "state_path_for",
]

#: Polls on which an entry whose page cannot be fetched is tried again before it is given up:
#: a site that is down for one poll usually answers at the next.
MAX_FETCH_ATTEMPTS = 3
#: New entries taken from one feed per poll. A news feed lists 10 to 100 items and a wire
#: service publishes a few hundred a day, so 200 drains any real feed between two polls of
#: 15 minutes; a hostile or runaway feed of 100,000 entries costs one poll about 200 fetches
#: (minutes at a polite per-host delay) instead of hours, and the rest comes at later polls.
MAX_ENTRIES_PER_POLL = 200
#: Articles fetched between two commits during a poll: the store's batch (INGEST_BATCH), so
#: a poll killed half-way loses at most that many fetches.
POLL_BATCH = 16
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: where its article is and what the feed says about it."""

    feed: str
    key: str  # the entry's guid, else its link: what "seen" remembers
    link: str
    title: str | None = None
    published: date | None = None


@dataclass(slots=True)
class PollReport:
    """What one poll did. ``errors`` lists (source, reason), one per failure."""

    feeds_ok: int = 0
    feeds_failed: int = 0
    entries_new: int = 0
    fetched: int = 0
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    deferred: int = 0  # new entries past the per-feed cap, left to the next polls
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.feeds_ok} feeds read, {self.feeds_failed} failed; {self.entries_new} new "
                f"entries, {self.added} articles added, {self.unchanged} unchanged, "
                f"{self.duplicates} duplicates, {self.failed} failed"
                + (f"; {self.deferred} entries left for the next polls" if self.deferred
                   else ""))


def parse_every(value: str) -> float:
    """Seconds from "90", "30s", "15m", "2h", "1d"; raises ValueError otherwise."""
    match = _EVERY_RE.match(value)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"expected a duration such as 30s, 15m or 2h, got {value!r}")
    return float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from a file: one per line; blank lines and ``#`` comments ignored."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the feed list: {exc}") from None
    urls = [ln.split("#", 1)[0].strip() for ln in lines]
    return list(dict.fromkeys(u for u in urls if u))


#: The encoding declaration of an XML prolog (dropped when it names no text encoding).
_XML_ENCODING = re.compile(r"""(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def parse_feed(data: bytes, url: str, charset: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS/Atom document; raises InputError for something that is not one."""
    import feedparser  # type: ignore[import-untyped]  # no stubs published

    usable = text_charset(charset)
    if charset and usable is None:
        log.warning("%s: declared charset %r is no text encoding; ignored", url, charset)
    headers = {"content-type": f"application/xml; charset={usable}"} if usable else None
    try:
        parsed: Any = feedparser.parse(data, response_headers=headers)
    except (LookupError, UnicodeError):  # the XML declaration names one (encoding="undefined")
        log.warning("%s: the feed's declared encoding is no text encoding; read as UTF-8 or "
                    "the usual fallbacks", url)
        text = _XML_ENCODING.sub(r"\1", decode_bytes(data, url), count=1)
        parsed = feedparser.parse(text.encode("utf-8"),
                                  response_headers={"content-type":
                                                    "application/xml; charset=utf-8"})
    entries = list(parsed.get("entries") or [])
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        raise InputError(url, f"not a valid RSS/Atom feed ({_first_line(problem)})")
    if not entries and not parsed.get("version"):
        raise InputError(url, "not an RSS/Atom feed")
    if parsed.get("bozo"):
        log.warning("%s: malformed feed read leniently (%s)", url,
                    _first_line(parsed.get("bozo_exception")))
    out: list[FeedEntry] = []
    for entry in entries:
        link = str(entry.get("link") or "").strip()
        if not link:
            continue
        key = str(entry.get("id") or link).strip()
        out.append(FeedEntry(url, key, link, _opt(entry.get("title")), _entry_date(entry)))
    return out


def state_path_for(db: Path) -> Path:
    """Where the watch state of a store lives."""
    return db.with_name(db.name + ".watch.sqlite")


class SeenState:
    """Feed entries already handled, kept in SQLite (one small file; safe across restarts).

    A damaged state file or a full disk is one StoreError naming the file (and, for damage,
    that removing it is safe: the store skips the articles it already has)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._guard():
            self._con = sqlite3.connect(path)
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS seen (feed TEXT NOT NULL, key TEXT NOT NULL, "
                "link TEXT, attempts INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL "
                "DEFAULT 0, reason TEXT, updated TEXT, PRIMARY KEY (feed, key))")
            self._con.commit()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            text = str(exc)
            if "is full" in text:  # SQLITE_FULL: "database or disk is full"
                raise StoreError(f"{self.path}: cannot write the watch state ({text}); free "
                                 "some space and start the watch again (it resumes)") from exc
            raise StoreError(f"{self.path}: the watch state is damaged ({text}); remove the "
                             "file to start afresh (entries are fetched again; the store "
                             "skips the articles it has)") from exc

    def __enter__(self) -> SeenState:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    def is_done(self, entry: FeedEntry) -> bool:
        with self._guard():
            row = self._con.execute("SELECT done FROM seen WHERE feed = ? AND key = ?",
                                    (entry.feed, entry.key)).fetchone()
        return bool(row and row[0])

    def mark_done(self, entries: Iterable[FeedEntry], reason: str | None = None) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._guard():
            self._con.executemany(
                "INSERT INTO seen (feed, key, link, attempts, done, reason, updated) "
                "VALUES (?, ?, ?, 1, 1, ?, ?) ON CONFLICT (feed, key) DO UPDATE SET done = 1, "
                "attempts = attempts + 1, reason = excluded.reason, updated = excluded.updated",
                [(e.feed, e.key, e.link, reason, now) for e in entries])
            self._con.commit()

    def mark_failed(self, entry: FeedEntry, reason: str) -> bool:
        """Count a failed fetch; True when the entry is now given up."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._guard():
            self._con.execute(
                "INSERT INTO seen (feed, key, link, attempts, done, reason, updated) "
                "VALUES (?, ?, ?, 1, 0, ?, ?) ON CONFLICT (feed, key) DO UPDATE SET "
                "attempts = attempts + 1, reason = excluded.reason, updated = excluded.updated",
                (entry.feed, entry.key, entry.link, reason, now))
            self._con.execute("UPDATE seen SET done = 1 WHERE feed = ? AND key = ? AND "
                              "attempts >= ?", (entry.feed, entry.key, MAX_FETCH_ATTEMPTS))
            self._con.commit()
        return self.is_done(entry)

    def count(self) -> int:
        with self._guard():
            row = self._con.execute("SELECT count(*) FROM seen WHERE done = 1").fetchone()
        return int(row[0])


def poll_feeds(feeds: Sequence[str], store: Any, coder: Any, fetcher: Fetcher,
               state: SeenState, *,
               on_error: Callable[[str, str], None] | None = None,
               max_entries: int = MAX_ENTRIES_PER_POLL,
               batch_size: int = POLL_BATCH) -> PollReport:
    """Read every feed once, fetch the entries not seen yet (at most ``max_entries`` per
    feed), code and store their articles, ``batch_size`` at a time.

    A feed that cannot be read is reported and the others go on; so is an entry whose page
    cannot be fetched (it is tried again at later polls, up to MAX_FETCH_ATTEMPTS). Entries
    are marked seen only once their batch is committed.
    """
    if max_entries < 1 or batch_size < 1:
        raise ValueError(f"max_entries and batch_size must be at least 1, got {max_entries} "
                         f"and {batch_size}")
    report = PollReport()

    def fail(source: str, reason: str) -> None:
        report.errors.append((source, reason))
        if on_error is not None:
            on_error(source, reason)

    batch: list[tuple[FeedEntry, Article]] = []
    for feed_url in feeds:
        try:
            page = fetcher.fetch(feed_url, accept=FEED_TYPES)
            entries = parse_feed(page.body, feed_url, page.charset)
        except InputError as err:
            report.feeds_failed += 1
            fail(err.source, err.reason)
            continue
        report.feeds_ok += 1
        for entry in _new_entries(entries, state, max_entries, report):
            report.entries_new += 1
            art = fetcher.fetch_article(entry.link, published=entry.published, title=entry.title)
            if isinstance(art, InputError):
                report.failed += 1
                gave_up = state.mark_failed(entry, art.reason)
                fail(art.source, art.reason + ("" if not gave_up else " (given up)"))
                continue
            report.fetched += 1
            batch.append((entry, art))
            if len(batch) >= batch_size:
                _store_batch(batch, store, coder, state, report, fail)
                batch = []
    _store_batch(batch, store, coder, state, report, fail)
    return report


def _new_entries(entries: Sequence[FeedEntry], state: SeenState, cap: int,
                 report: PollReport) -> list[FeedEntry]:
    """The feed's entries not handled yet, once each, the first ``cap`` of them."""
    keys: set[str] = set()
    new: list[FeedEntry] = []
    for entry in entries:
        if entry.key in keys or state.is_done(entry):
            continue
        keys.add(entry.key)
        new.append(entry)
    if len(new) > cap:
        report.deferred += len(new) - cap
        log.warning("%s: %d new entries, %d taken this poll (--max-entries); the rest at the "
                    "next polls", new[0].feed, len(new), cap)
    return new[:cap]


def _store_batch(batch: list[tuple[FeedEntry, Article]], store: Any, coder: Any,
                 state: SeenState, report: PollReport,
                 fail: Callable[[str, str], None]) -> None:
    """Code and store one batch of fetched articles, then mark their entries seen (only
    then: a poll killed before the commit leaves them to the next one)."""
    from pourparler.store import ingest

    if not batch:
        return
    result = ingest(store, [art for _, art in batch], coder, batch_size=len(batch),
                    on_error=fail)
    report.added += result.added + result.replaced
    report.unchanged += result.unchanged
    report.duplicates += result.duplicates
    report.failed += result.failed
    state.mark_done(entry for entry, _ in batch)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _opt(value: object) -> str | None:
    s = " ".join(str(value).split()) if value is not None else ""
    return s or None


def _first_line(value: object) -> str:
    text = str(value or "unknown error").strip()
    return text.splitlines()[0] if text else "unknown error"


def sleep_until(deadline: float) -> None:
    """Sleep until a monotonic deadline (in small steps, so Ctrl-C is prompt)."""
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 1.0))
