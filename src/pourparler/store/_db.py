"""The event store: one DuckDB file of articles, actors, events (one per act) and mentions.

Concurrency. DuckDB lets one process open a file for writing, or any number open it read-only,
never both at once. So no connection is kept open: every read opens the file read-only, runs,
fetches and closes; every write opens it for writing, commits one transaction and closes. An
ingest holds the file only while it writes a batch of already coded articles (milliseconds
per batch; coding, the slow part, happens with the file closed). Whoever finds the file held
retries with a growing pause for up to ``lock_wait`` seconds. A reader thus sees the store as
of the last committed batch, never a half-written one.

Durability. Each batch is one transaction; DuckDB writes its WAL on commit, so a process killed
at any point loses at most the batch it had not committed, and an ingest re-run skips every
article already stored (same id and content) and codes the rest.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pourparler.model import Actor, Article, Event
from pourparler.store._dedup import (
    actor_id,
    actor_key,
    content_hash,
    dedup_key,
    event_day,
    same_act,
    source_name,
    text_hash,
)
from pourparler.store._schema import (
    SCHEMA_VERSION,
    StoreError,
    _run,
    check_file,
    migrate,
    schema_version,
)

__all__ = [
    "DEFAULT_DB",
    "LOCK_WAIT_SECONDS",
    "Action",
    "CodedArticle",
    "DyadRow",
    "EventFilter",
    "EventPage",
    "EventSort",
    "Store",
    "StoredArticle",
    "StoredEvent",
    "StoredMention",
    "WriteStats",
]

log = logging.getLogger(__name__)

#: The store a command uses when no --db is given (the issue's default).
DEFAULT_DB = Path("pourparler.duckdb")
#: How long to wait for another process's hold on the file. A writer holds it for one batch
#: (well under a second) and a reader for one query or export (seconds for 100,000 events), so
#: 60 s only runs out when something is wrong — then the error says who holds it.
LOCK_WAIT_SECONDS = 60.0
#: First and longest pause between attempts: short enough that a reader waiting on a batch
#: commit gets in right after it, long enough not to spin.
_RETRY_FIRST, _RETRY_MAX = 0.01, 0.25
#: A record in the article's first paragraph is GDELT's "root event" (IsRootEvent).
_PARAGRAPH_BREAK = "\n\n"


class Action(StrEnum):
    """What storing an article does."""

    new = "new"              # not in the store: code and add
    changed = "changed"      # same id, different text/date/language: re-code, replace events
    same = "same"            # same id and content: nothing to do
    duplicate = "duplicate"  # same normalised text as another stored article: nothing to do


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article and the event records coded from it (possibly none)."""

    article: Article
    events: Sequence[Event]


@dataclass(slots=True)
class WriteStats:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    mentions: int = 0
    new_events: int = 0


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One real-world act: the record of its first mention and GDELT's mention counts."""

    gid: int
    record: Event
    num_mentions: int
    num_sources: int
    num_articles: int
    added_at: datetime
    url: str | None
    outlet: str | None
    in_lead: bool
    title: str | None = None  # of the first mention's article
    published: date | None = None  # the first mention's article's publication date

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md event record, plus the store's id and mention counts."""
        out = self.record.to_dict()
        out.update(global_event_id=self.gid, num_mentions=self.num_mentions,
                   num_sources=self.num_sources, num_articles=self.num_articles)
        return out


@dataclass(frozen=True, slots=True)
class StoredMention:
    """One report of an event: which article, which sentence, where in the text."""

    gid: int
    event_added_at: datetime
    record: Event
    source_name: str
    url: str | None
    added_at: datetime
    text_len: int
    published: date | None = None  # the article's publication date


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One stored article and every mention coded from it, by event id then coding order."""

    article: Article
    mentions: list[StoredMention]


class EventSort(StrEnum):
    """Orders of :meth:`Store.events_page`; each ends on the event id, so no two events tie."""

    date = "date"              # event date, undated events last
    goldstein = "goldstein"
    mentions = "mentions"      # number of mentions
    confidence = "confidence"  # of the event's first mention, as its record shows it
    id = "id"


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of an event query, and how many events match the filter in all."""

    total: int
    events: list[StoredEvent]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of an event query; every one given must hold. Actor codes match an actor's
    organisation or country (``RUS``, ``NATO``) or the start of its CAMEO code (``RUSMIL``)."""

    source: str | None = None
    target: str | None = None
    plover: str | None = None
    cameo: str | None = None          # a code prefix: "13" is every threat
    since: date | None = None
    until: date | None = None
    text: str | None = None           # every word in the evidence of some mention
    counted_only: bool = False        # asserted and future events only
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class DyadRow:
    """One dyad in one period: events per quad class and the Goldstein sum and mean."""

    source: str
    target: str
    period: date
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float

    @property
    def events(self) -> int:
        return self.verbal_coop + self.material_coop + self.verbal_conflict + \
            self.material_conflict

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target,
                "period": self.period.isoformat(), "events": self.events,
                "verbal_coop": self.verbal_coop, "material_coop": self.material_coop,
                "verbal_conflict": self.verbal_conflict,
                "material_conflict": self.material_conflict,
                "goldstein_sum": round(self.goldstein_sum, 3),
                "goldstein_mean": round(self.goldstein_mean, 3)}


@dataclass(slots=True)
class _Candidate:
    gid: int
    anchor: date | None
    precision: str | None


@dataclass(slots=True)
class _Rows:
    """Column lists for one bulk insert."""

    columns: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, **values: Any) -> None:
        for name, value in values.items():
            self.columns.setdefault(name, []).append(value)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


class Store:
    """A pourparler event store in one DuckDB file.

    ``Store(path)`` opens (creating or migrating it) for writing; ``Store(path, read_only=True)``
    for reading, which refuses a missing file and an older schema instead of changing them.
    Raises StoreError for a file that is not a pourparler store; nothing is written to it.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 lock_wait: float = LOCK_WAIT_SECONDS,
                 schema_version: int = SCHEMA_VERSION) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.lock_wait = lock_wait
        self._target_version = schema_version
        if read_only:
            with self._read():
                pass
        else:
            with self._write():
                pass

    # --- connections --------------------------------------------------------------------

    def _connect(self, write: bool) -> duckdb.DuckDBPyConnection:
        exists = check_file(self.path)
        if not write and not exists:
            raise StoreError(f"{self.path}: no such store; create it with 'pourparler ingest'")
        deadline = time.monotonic() + self.lock_wait
        pause = _RETRY_FIRST
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=not write)
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    raise StoreError(f"{self.path}: cannot open the store ({exc}); it was "
                                     "left untouched") from exc
                if time.monotonic() >= deadline:
                    raise StoreError(f"{self.path}: still in use by another process after "
                                     f"{self.lock_wait:g} s ({exc})") from exc
            time.sleep(pause)
            pause = min(pause * 2, _RETRY_MAX)

    @contextlib.contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._connect(write=False)
        try:
            version = schema_version(con, self.path)
            if version != SCHEMA_VERSION:
                newer = version > SCHEMA_VERSION
                raise StoreError(
                    f"{self.path}: store schema version {version}, this pourparler reads "
                    f"{SCHEMA_VERSION}; " + ("upgrade pourparler" if newer else
                                             "open it for writing once (pourparler ingest) "
                                             "to migrate it"))
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        existed = self.path.exists()
        con = self._connect(write=True)
        try:
            version = schema_version(con, self.path) if existed else 0
            migrate(con, self.path, version, self._target_version)
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._write() as con:
            _run(con, "BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                _run(con, "ROLLBACK")
                raise
            _run(con, "COMMIT")

    # --- writing ------------------------------------------------------------------------

    def plan(self, articles: Sequence[Article]) -> dict[str, Action]:
        """What storing each article would do (by article id), without coding anything."""
        with self._read_or_write() as con:
            return _plan(con, articles)

    def write(self, batch: Sequence[CodedArticle]) -> WriteStats:
        """Store a batch of coded articles in one transaction (all of it or none of it).

        Articles already stored with the same content, or whose text another stored article
        has, are skipped; a stored article with changed content has its records replaced.
        Each record joins the event of the same act (same dedup key, date within
        DEDUP_WINDOW_DAYS of the event's anchor) or starts a new event.
        """
        stats = WriteStats()
        if not batch:
            return stats
        with self._transaction() as con:
            _write_batch(con, batch, stats)
        return stats

    @contextlib.contextmanager
    def _read_or_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # a writer's own look-ups go through a write connection so a fresh file is created
        ctx = self._read() if self.read_only else self._write()
        with ctx as con:
            yield con

    # --- reading ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, events, mentions, actors."""
        with self._read_or_write() as con:
            return {name: int(_run(con, f"SELECT count(*) FROM {name}")[0][0])
                    for name in ("articles", "events", "mentions", "actors")}

    def articles(self) -> list[Article]:
        with self._read_or_write() as con:
            rows = _run(con, f"{_ARTICLE_SELECT} ORDER BY ingested_at, id")
        return [_article(r) for r in rows]

    def article(self, article_id: str) -> StoredArticle | None:
        """One article and its mentions (with their events' ids); None when no article has
        this id. Both look-ups use the indexes of schema version 3."""
        with self._read_or_write() as con:
            found = _run(con, f"{_ARTICLE_SELECT} WHERE id = ?", [article_id])
            if not found:
                return None
            rows = _run(con, f"{_MENTION_SELECT} WHERE m.article_id = ? ORDER BY e.gid, m.uid",
                        [article_id])
        return StoredArticle(_article(found[0]), [_stored_mention(r) for r in rows])

    def events(self, flt: EventFilter | None = None) -> list[StoredEvent]:
        """Events matching ``flt``, by date then id."""
        where, params = _where(flt or EventFilter())
        sql = f"{_EVENT_SELECT} WHERE {where} ORDER BY {_ORDER_BY[EventSort.date][0]}"
        if flt and flt.limit:
            sql += " LIMIT ?"
            params.append(flt.limit)
        with self._read_or_write() as con:
            rows = _run(con, sql, params)
        return [_stored_event(r) for r in rows]

    def events_page(self, flt: EventFilter | None = None, *, limit: int, offset: int = 0,
                    sort: EventSort = EventSort.date, descending: bool = False) -> EventPage:
        """Events ``offset`` to ``offset + limit`` of those matching ``flt`` in ``sort``
        order, and how many match. Ties are broken by event id (in the same direction), so
        consecutive pages of one store state never overlap nor skip an event.

        ``flt.limit`` must be unset: the page has its own. Raises ValueError on a negative
        offset, a limit under 1 or an unknown sort key.
        """
        flt = flt or EventFilter()
        if flt.limit is not None:
            raise ValueError("events_page: give the page's limit, not EventFilter.limit")
        if offset < 0 or limit < 1:
            raise ValueError(f"events_page: offset must be >= 0 and limit >= 1, got offset "
                             f"{offset} and limit {limit}")
        key = EventSort(sort)
        order = _ORDER_BY[key][1 if descending else 0]
        # the join only where the order reads the first mention: every event has its first
        # mention and that mention's article (written and refreshed in one transaction), so
        # the count and the order need no other table
        join = _FIRST_MENTION_JOIN if key in _SORTS_ON_FIRST_MENTION else ""
        where, params = _where(flt)
        # all on one connection, so the count and the page see one committed state
        with self._read_or_write() as con:
            total = int(_run(con, f"SELECT count(*) FROM events e WHERE {where}",
                             params)[0][0])
            if offset >= total:  # also keeps an absurd offset from reaching SQL as a BIGINT
                return EventPage(total, [])
            # the page's ids first, from narrow columns; only its events are then read whole
            # (sorting every event with its JSON record costs several times as much)
            gids = [int(r[0]) for r in _run(
                con, f"SELECT e.gid FROM events e{join} WHERE {where} ORDER BY {order} "
                "LIMIT ? OFFSET ?", [*params, min(limit, total - offset), offset])]
            rows = _run(con, f"{_EVENT_SELECT} WHERE list_contains(?, e.gid)", [gids])
        by_gid = {int(r[0]): r for r in rows}
        return EventPage(total, [_stored_event(by_gid[gid]) for gid in gids if gid in by_gid])

    def iter_events(self, flt: EventFilter | None = None,
                    chunk: int = 10_000) -> Iterator[StoredEvent]:
        """Like :meth:`events`, fetched in chunks from one consistent snapshot."""
        where, params = _where(flt or EventFilter())
        sql = f"{_EVENT_SELECT} WHERE {where} ORDER BY {_ORDER_BY[EventSort.date][0]}"
        with self._read_or_write() as con:
            cur = con.execute(sql, params)
            while rows := cur.fetchmany(chunk):
                yield from (_stored_event(r) for r in rows)

    def mentions_of(self, gid: int) -> list[StoredMention]:
        """Every mention of one event, first seen first."""
        return list(self.iter_mentions(gid))

    def iter_mentions(self, gid: int | None = None, chunk: int = 10_000,
                      flt: EventFilter | None = None) -> Iterator[StoredMention]:
        """Mentions of one event (``gid``), of the events matching ``flt``, or all of them,
        by event then first seen."""
        where, params = _where(flt or EventFilter())
        if gid is not None:
            where += " AND e.gid = ?"
            params.append(gid)
        sql = f"{_MENTION_SELECT} WHERE {where} ORDER BY e.gid, m.uid"
        with self._read_or_write() as con:
            cur = con.execute(sql, params)
            while rows := cur.fetchmany(chunk):
                yield from (_stored_mention(r) for r in rows)

    def dyads(self, by: str = "week", dyads: Sequence[tuple[str, str]] = (),
              undirected: bool = False, since: date | None = None,
              until: date | None = None) -> list[DyadRow]:
        """Counted events (asserted, future) per dyad and period (``day``, ``week`` (ISO,
        from Monday) or ``month``): counts per quad class, Goldstein sum and mean."""
        if by not in ("day", "week", "month"):
            raise ValueError(f"period must be day, week or month, not {by!r}")
        src, tgt = "source_key", "target_key"
        if undirected:
            src, tgt = "least(source_key, target_key)", "greatest(source_key, target_key)"
        conds: list[str] = ["source_key <> ''", "target_key <> ''"]
        params: list[Any] = []
        if dyads:
            pairs = []
            for a, b in dyads:
                pairs.append(f"({src} = ? AND {tgt} = ?)")
                params += sorted([a.upper(), b.upper()]) if undirected else [a.upper(),
                                                                            b.upper()]
            conds.append("(" + " OR ".join(pairs) + ")")
        if since:
            conds.append("event_date >= ?")
            params.append(since)
        if until:
            conds.append("event_date <= ?")
            params.append(until)
        sql = (f"SELECT {src} AS s, {tgt} AS t, CAST(date_trunc('{by}', event_date) AS DATE) p, "
               "count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2), "
               "count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4), "
               "sum(goldstein), avg(goldstein) FROM counted_events WHERE "
               + " AND ".join(conds) + " GROUP BY s, t, p ORDER BY s, t, p")
        with self._read_or_write() as con:
            rows = con.execute(sql, params).fetchall()
        return [DyadRow(r[0], r[1], r[2], int(r[3]), int(r[4]), int(r[5]), int(r[6]),
                        float(r[7]), float(r[8])) for r in rows]


# --- query helpers -------------------------------------------------------------------------

# An event row is described by its first mention (rep_mention) and that mention's article.
_FIRST_MENTION_JOIN = " JOIN mentions m ON m.uid = e.rep_mention"
_EVENT_SELECT = (
    "SELECT e.gid, m.record, e.num_mentions, e.num_sources, e.num_articles, e.added_at, a.url, "
    "a.outlet, m.in_lead, a.title, a.published FROM events e" + _FIRST_MENTION_JOIN
    + " JOIN articles a ON a.id = m.article_id"
)
_MENTION_SELECT = (
    "SELECT e.gid, e.added_at, m.record, a.source_name, a.url, m.added_at, a.text_len, "
    "a.published "
    "FROM mentions m JOIN events e ON e.gid = m.event_gid JOIN articles a ON a.id = m.article_id"
)
_ARTICLE_SELECT = "SELECT id, text, title, published, lang, url, outlet FROM articles"
#: ORDER BY clauses of each sort, (ascending, descending), over events ``e`` (and its first
#: mention ``m`` for the sorts in _SORTS_ON_FIRST_MENTION). Fixed text chosen by an EventSort
#: member, never built from a caller's string; each ends on the unique event id so that
#: LIMIT/OFFSET pages are stable.
_ORDER_BY: dict[EventSort, tuple[str, str]] = {
    # Descending compares the record's date text with undated events taken as 9999-12-31
    # (first): the order the API has always given for "-date".
    EventSort.date: ("e.event_date ASC NULLS LAST, e.gid ASC",
                     "coalesce(nullif(e.date_text, ''), '9999-12-31') DESC, e.gid DESC"),
    EventSort.goldstein: ("e.goldstein ASC, e.gid ASC", "e.goldstein DESC, e.gid DESC"),
    EventSort.mentions: ("e.num_mentions ASC, e.gid ASC", "e.num_mentions DESC, e.gid DESC"),
    # the record carries confidence rounded to 3 places: values that look equal tie, and
    # fall back to id order
    EventSort.confidence: ("round(m.confidence, 3) ASC, e.gid ASC",
                           "round(m.confidence, 3) DESC, e.gid DESC"),
    EventSort.id: ("e.gid ASC", "e.gid DESC"),
}
#: Sorts whose ORDER BY reads the first mention (alias m).
_SORTS_ON_FIRST_MENTION = frozenset({EventSort.confidence})


def _article(r: tuple[Any, ...]) -> Article:
    return Article(id=r[0], text=r[1], title=r[2], published=r[3], lang=r[4], url=r[5],
                   outlet=r[6])


def _stored_mention(r: tuple[Any, ...]) -> StoredMention:
    return StoredMention(gid=r[0], event_added_at=r[1], record=Event.from_dict(json.loads(r[2])),
                         source_name=r[3], url=r[4], added_at=r[5], text_len=r[6],
                         published=r[7])


def _stored_event(r: tuple[Any, ...]) -> StoredEvent:
    return StoredEvent(gid=int(r[0]), record=Event.from_dict(json.loads(r[1])),
                       num_mentions=int(r[2]), num_sources=int(r[3]), num_articles=int(r[4]),
                       added_at=r[5], url=r[6], outlet=r[7], in_lead=bool(r[8]),
                       title=r[9], published=r[10])


def _actor_match(column: str, cameo_column: str, code: str, params: list[Any]) -> str:
    params += [code.upper(), code.upper()]
    return f"(e.{column} = ? OR starts_with(e.{cameo_column}, ?))"


def _where(flt: EventFilter) -> tuple[str, list[Any]]:
    conds: list[str] = ["TRUE"]
    params: list[Any] = []
    if flt.source:
        conds.append(_actor_match("source_key", "source_cameo", flt.source, params))
    if flt.target:
        conds.append(_actor_match("target_key", "target_cameo", flt.target, params))
    if flt.plover:
        conds.append("upper(e.plover) = ?")
        params.append(flt.plover.upper())
    if flt.cameo:
        conds.append("starts_with(e.cameo, ?)")
        params.append(flt.cameo)
    if flt.since:
        conds.append("e.event_date >= ?")
        params.append(flt.since)
    if flt.until:
        conds.append("e.event_date <= ?")
        params.append(flt.until)
    for word in (flt.text or "").split():
        conds.append("EXISTS (SELECT 1 FROM mentions mm WHERE mm.event_gid = e.gid AND "
                     "mm.evidence_text ILIKE ? ESCAPE '\\')")
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if flt.counted_only:
        conds.append("e.counted")
    return " AND ".join(conds), params


# --- write helpers -------------------------------------------------------------------------

def _plan(con: duckdb.DuckDBPyConnection, articles: Sequence[Article]) -> dict[str, Action]:
    ids = [a.id for a in articles]
    hashes = {a.id: text_hash(a.text) for a in articles}
    by_id = dict(con.execute("SELECT id, content_hash FROM articles WHERE list_contains(?, id)",
                             [ids]).fetchall())
    by_text = dict(con.execute(
        "SELECT text_hash, id FROM articles WHERE list_contains(?, text_hash)",
        [list(hashes.values())]).fetchall())
    plan: dict[str, Action] = {}
    for article in articles:
        th = hashes[article.id]
        if article.id in plan:  # a repeated id in one batch: the first one counts
            continue
        if article.id in by_id:
            plan[article.id] = (Action.same if by_id[article.id] == content_hash(article)
                                else Action.changed)
        elif th in by_text and by_text[th] != article.id:
            plan[article.id] = Action.duplicate
        else:
            plan[article.id] = Action.new
        by_text.setdefault(th, article.id)
    return plan


def _next_id(con: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    return int(_run(con, f"SELECT coalesce(max({column}), 0) + 1 FROM {table}")[0][0])


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: _Rows,
            schema: pa.Schema | None = None) -> None:
    if not len(rows):
        return
    data = pa.table(rows.columns, schema=schema)
    con.register("_incoming", data)
    try:
        names = ", ".join(rows.columns)
        _run(con, f"INSERT INTO {table} ({names}) SELECT {names} FROM _incoming")
    finally:
        con.unregister("_incoming")


def _write_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[CodedArticle],
                 stats: WriteStats) -> None:
    plan = _plan(con, [c.article for c in batch])
    todo: list[CodedArticle] = []
    seen: set[str] = set()
    for coded in batch:
        action = plan[coded.article.id]
        if action in (Action.same, Action.duplicate) or coded.article.id in seen:
            stats.skipped += 1
            continue
        seen.add(coded.article.id)
        todo.append(coded)
        if action is Action.changed:
            stats.replaced += 1
        else:
            stats.added += 1
    if not todo:
        return
    now = _now()
    affected: set[int] = set()
    replaced = [c.article.id for c in todo if plan[c.article.id] is Action.changed]
    if replaced:
        affected.update(int(r[0]) for r in con.execute(
            "DELETE FROM mentions WHERE list_contains(?, article_id) RETURNING event_gid",
            [replaced]).fetchall())
        _run(con, "DELETE FROM articles WHERE list_contains(?, id)", [replaced])

    articles, actors = _Rows(), _Rows()
    actor_ids: set[str] = set()
    for coded in todo:
        a = coded.article
        articles.add(id=a.id, text_hash=text_hash(a.text), content_hash=content_hash(a),
                     title=a.title, published=a.published, lang=a.lang, url=a.url,
                     outlet=a.outlet, source_name=source_name(a), text=a.text,
                     text_len=len(a.text), n_records=len(coded.events), ingested_at=now)
        for ev in coded.events:
            for actor in (ev.source, ev.target):
                if actor is not None and (aid := actor_id(actor)) not in actor_ids:
                    actor_ids.add(aid)
                    actors.add(id=aid, name=actor.name, country=actor.country, org=actor.org,
                               sector=actor.sector, cameo=actor.cameo)
    _insert(con, "articles", articles, _ARTICLE_SCHEMA)
    if len(actors):
        con.register("_incoming", pa.table(actors.columns, schema=_ACTOR_SCHEMA))
        try:
            _run(con, "INSERT INTO actors SELECT * FROM _incoming i WHERE NOT EXISTS "
                        "(SELECT 1 FROM actors x WHERE x.id = i.id)")
        finally:
            con.unregister("_incoming")

    records = [(c.article, ev) for c in todo for ev in c.events]
    index = _candidates(con, {dedup_key(ev) for _, ev in records})
    next_gid = _next_id(con, "events", "gid")
    uid = _next_id(con, "mentions", "uid")
    events, mentions = _Rows(), _Rows()
    for article, ev in records:
        key = dedup_key(ev)
        day = event_day(ev)
        gid = _match(index.setdefault(key, []), day, ev.date_precision)
        if gid is None:
            gid = next_gid
            next_gid += 1
            index[key].append(_Candidate(gid, day, ev.date_precision))
            events.add(**_event_fields(ev, key, day), gid=gid, rep_mention=uid, num_mentions=0,
                       num_sources=0, num_articles=0, added_at=now)
            stats.new_events += 1
        affected.add(gid)
        lead_end = article.text.find(_PARAGRAPH_BREAK)
        mentions.add(uid=uid, record_id=ev.id, event_gid=gid, article_id=article.id,
                     sentence=ev.sentence,
                     source_actor=actor_id(ev.source) if ev.source else None,
                     target_actor=actor_id(ev.target) if ev.target else None,
                     status=ev.status, evidence_start=ev.evidence.start,
                     evidence_end=ev.evidence.end, evidence_text=ev.evidence.text,
                     in_lead=lead_end < 0 or ev.evidence.start < lead_end,
                     confidence=ev.confidence, lang=ev.lang,
                     record=json.dumps(ev.to_dict(), ensure_ascii=False), added_at=now)
        uid += 1
    _insert(con, "events", events, _EVENT_SCHEMA)
    _insert(con, "mentions", mentions, _MENTION_SCHEMA)
    stats.mentions += len(mentions)
    _refresh(con, affected, refresh_fields=bool(replaced))


def _candidates(con: duckdb.DuckDBPyConnection,
                keys: set[tuple[str, str, str, bool]]) -> dict[tuple[str, str, str, bool],
                                                               list[_Candidate]]:
    index: dict[tuple[str, str, str, bool], list[_Candidate]] = {}
    if not keys:
        return index
    cols: dict[str, list[Any]] = {"s": [], "t": [], "c": [], "k": []}
    for s, t, c, k in keys:
        cols["s"].append(s)
        cols["t"].append(t)
        cols["c"].append(c)
        cols["k"].append(k)
    con.register("_keys", pa.table(cols))
    try:
        rows = con.execute(
            "SELECT e.source_key, e.target_key, e.cameo, e.counted, e.gid, e.event_date, "
            "e.date_precision FROM events e JOIN _keys k ON e.source_key = k.s AND "
            "e.target_key = k.t AND e.cameo = k.c AND e.counted = k.k ORDER BY e.gid").fetchall()
    finally:
        con.unregister("_keys")
    for s, t, c, k, gid, day, precision in rows:
        index.setdefault((s, t, c, bool(k)), []).append(_Candidate(int(gid), day, precision))
    return index


def _match(candidates: list[_Candidate], day: date | None, precision: str | None) -> int | None:
    """The event this record reports: the nearest anchor in the window, the oldest on ties."""
    best: tuple[int, int] | None = None
    for cand in candidates:
        if same_act(cand.anchor, cand.precision, day, precision):
            gap = abs((day - cand.anchor).days) if day and cand.anchor else 0
            if best is None or (gap, cand.gid) < best:
                best = (gap, cand.gid)
    return best[1] if best else None


def _event_fields(ev: Event, key: tuple[str, str, str, bool],
                  day: date | None) -> dict[str, Any]:
    return {"source_key": key[0], "target_key": key[1],
            "source_cameo": _actor_cameo(ev.source), "target_cameo": _actor_cameo(ev.target),
            "cameo": ev.cameo, "root": ev.root, "quad_class": ev.quad_class,
            "goldstein": ev.goldstein, "plover": ev.plover, "counted": ev.counted,
            "event_date": day, "date_text": ev.date, "date_precision": ev.date_precision}


def _actor_cameo(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return (actor.cameo or actor_key(actor)).upper()


def _refresh(con: duckdb.DuckDBPyConnection, gids: set[int], refresh_fields: bool) -> None:
    """Recount mentions of the events in ``gids``; drop those left without any."""
    if not gids:
        return
    con.register("_touched", pa.table({"gid": sorted(gids)}, schema=pa.schema(
        [("gid", pa.int64())])))
    try:
        _run(con,
            "UPDATE events SET num_mentions = s.nm, num_articles = s.na, num_sources = s.ns, "
            "rep_mention = s.rep FROM (SELECT m.event_gid AS gid, "
            "count(DISTINCT m.article_id || ':' || m.sentence) AS nm, "
            "count(DISTINCT m.article_id) AS na, count(DISTINCT a.source_name) AS ns, "
            "min(m.uid) AS rep FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.event_gid IN (SELECT gid FROM _touched) GROUP BY m.event_gid) s "
            "WHERE events.gid = s.gid")
        _run(con, "DELETE FROM events WHERE gid IN (SELECT gid FROM _touched) AND gid NOT IN "
                    "(SELECT event_gid FROM mentions WHERE event_gid IN "
                    "(SELECT gid FROM _touched))")
        if refresh_fields:
            # a replaced article may have held an event's first mention: describe the event
            # by its new first mention
            rows = con.execute(
                "SELECT e.gid, m.record FROM events e JOIN mentions m ON m.uid = e.rep_mention "
                "WHERE e.gid IN (SELECT gid FROM _touched)").fetchall()
            for gid, record in rows:
                ev = Event.from_dict(json.loads(record))
                fields = _event_fields(ev, dedup_key(ev), event_day(ev))
                sets = ", ".join(f"{name} = ?" for name in fields)
                _run(con, f"UPDATE events SET {sets} WHERE gid = ?", [*fields.values(), gid])
    finally:
        con.unregister("_touched")


_ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("text_hash", pa.string()), ("content_hash", pa.string()),
    ("title", pa.string()), ("published", pa.date32()), ("lang", pa.string()),
    ("url", pa.string()), ("outlet", pa.string()), ("source_name", pa.string()),
    ("text", pa.string()), ("text_len", pa.int32()), ("n_records", pa.int32()),
    ("ingested_at", pa.timestamp("s")),
])
_ACTOR_SCHEMA = pa.schema([
    ("id", pa.string()), ("name", pa.string()), ("country", pa.string()), ("org", pa.string()),
    ("sector", pa.string()), ("cameo", pa.string()),
])
_EVENT_SCHEMA = pa.schema([
    ("source_key", pa.string()), ("target_key", pa.string()), ("source_cameo", pa.string()),
    ("target_cameo", pa.string()), ("cameo", pa.string()), ("root", pa.string()),
    ("quad_class", pa.int32()), ("goldstein", pa.float64()), ("plover", pa.string()),
    ("counted", pa.bool_()), ("event_date", pa.date32()), ("date_text", pa.string()),
    ("date_precision", pa.string()), ("gid", pa.int64()), ("rep_mention", pa.int64()),
    ("num_mentions", pa.int32()), ("num_sources", pa.int32()), ("num_articles", pa.int32()),
    ("added_at", pa.timestamp("s")),
])
_MENTION_SCHEMA = pa.schema([
    ("uid", pa.int64()), ("record_id", pa.string()), ("event_gid", pa.int64()),
    ("article_id", pa.string()), ("sentence", pa.int32()), ("source_actor", pa.string()),
    ("target_actor", pa.string()), ("status", pa.string()), ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()), ("evidence_text", pa.string()), ("in_lead", pa.bool_()),
    ("confidence", pa.float64()), ("lang", pa.string()), ("record", pa.string()),
    ("added_at", pa.timestamp("s")),
])
