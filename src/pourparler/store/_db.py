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

Creation and damage (see :mod:`pourparler.store._file`). A new store is made whole under a
temporary name and linked into place, creators serialised by ``<store>.lock``; a truncated
or corrupt file is refused with one StoreError naming it and the command to rebuild it, and
a full disk is one StoreError with the store as it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pourparler.model import Article, Event
from pourparler.store._file import (
    check_blocks,
    create_atomically,
    guard,
    header_complete,
    is_lock_error,
    translate,
)
from pourparler.store._schema import (
    SCHEMA_VERSION,
    StoreError,
    _run,
    check_file,
    migrate,
    schema_version,
)
from pourparler.store._write import (
    Action,
    CodedArticle,
    WriteStats,
    plan_articles,
    write_batch,
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
    place_country: str | None = None  # ISO3 of the country where the event took place
    sector: str | None = None         # an actor's sector (GOV, MIL, REB...), either side


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
        if not exists:  # made whole under a temporary name, or by the creator we waited for
            create_atomically(self.path, self._initialise, self.lock_wait)
            check_file(self.path)
        complete = header_complete(self.path)
        deadline = time.monotonic() + self.lock_wait
        pause = _RETRY_FIRST
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=not write)
            except duckdb.Error as exc:
                if not is_lock_error(exc):
                    mapped = translate(exc, self.path)
                    if mapped is not None:
                        raise mapped from exc
                    raise StoreError(f"{self.path}: cannot open the store ({exc}); it was "
                                     "left untouched") from exc
                if time.monotonic() >= deadline:
                    raise StoreError(f"{self.path}: still in use by another process after "
                                     f"{self.lock_wait:g} s ({exc})") from exc
            else:
                if not complete:
                    try:
                        with guard(self.path):
                            check_blocks(con, self.path)
                    except BaseException:
                        con.close()
                        raise
                return con
            time.sleep(pause)
            pause = min(pause * 2, _RETRY_MAX)

    def _initialise(self, con: duckdb.DuckDBPyConnection) -> None:
        migrate(con, self.path, 0, self._target_version)

    @contextlib.contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._connect(write=False)
        try:
            with guard(self.path):
                version = schema_version(con, self.path)
                if version != SCHEMA_VERSION:
                    newer = version > SCHEMA_VERSION
                    raise StoreError(
                        f"{self.path}: store schema version {version}, this pourparler reads "
                        f"{SCHEMA_VERSION}; " + ("upgrade pourparler" if newer else
                                                 "open it for writing once (pourparler "
                                                 "ingest) to migrate it"))
                yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        con = self._connect(write=True)
        try:
            with guard(self.path):
                version = schema_version(con, self.path)
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
                # a failed write (a full disk) may have ended the transaction already: the
                # error to report is the write's, not the rollback's
                with contextlib.suppress(duckdb.Error):
                    _run(con, "ROLLBACK")
                raise
            _run(con, "COMMIT")

    # --- writing ------------------------------------------------------------------------

    def plan(self, articles: Sequence[Article]) -> dict[str, Action]:
        """What storing each article would do (by article id), without coding anything."""
        with self._read_or_write() as con:
            return plan_articles(con, articles)

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
            write_batch(con, batch, stats)
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

    def verify(self) -> dict[str, int]:
        """Read every column of every table, so that DuckDB checks the checksum of every
        data block, and where each table's data lies against the file's size; rows per
        table. Raises StoreError naming the file for a damaged store. Reads the whole file
        (seconds per GB): a check to run when in doubt, not at every open."""
        with self._read_or_write() as con:
            check_blocks(con, self.path)
            tables = [r[0] for r in _run(
                con, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                "AND database_name = current_database() ORDER BY table_name")]
            rows: dict[str, int] = {}
            for table in tables:
                columns = [r[0] for r in _run(
                    con, "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                    "AND database_name = current_database() AND table_name = ?", [table])]
                # names come from the catalog, quoted; hash() makes DuckDB read each value
                reads = ", ".join(f'max(hash("{c.replace(chr(34), chr(34) * 2)}"))'
                                  for c in columns)
                quoted = table.replace('"', '""')
                rows[table] = int(_run(con, f'SELECT count(*), {reads} FROM "{quoted}"')[0][0])
        return rows

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
        if flt and flt.limit:
            sql += " LIMIT ?"
            params.append(flt.limit)
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
        from Monday), ``month`` or ``year``): counts per quad class, Goldstein sum and mean."""
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
        return self._series(f"{src} AS s, {tgt} AS t", "s, t", "counted_events", conds,
                            params, by, since, until)

    def monads(self, by: str = "month", actors: Sequence[str] = (),
               since: date | None = None, until: date | None = None) -> list[DyadRow]:
        """Counted events per actor (its country or organisation) and period, whichever side
        the actor is on (an event between two of its own parts counts once): the monadic
        series. Rows are DyadRows whose ``target`` is empty."""
        conds: list[str] = ["actor <> ''"]
        params: list[Any] = []
        if actors:
            conds.append("list_contains(?, actor)")
            params.append([a.upper() for a in actors])
        sides = ("(SELECT unnest(list_distinct([source_key, target_key])) AS actor, "
                 "event_date, quad_class, goldstein FROM counted_events)")
        return self._series("actor, ''", "actor", sides, conds, params, by, since, until)

    def _series(self, keys: str, group: str, source: str, conds: list[str],
                params: list[Any], by: str, since: date | None,
                until: date | None) -> list[DyadRow]:
        """Counts per quad class and Goldstein sum and mean of ``source``'s rows, grouped by
        the ``keys`` (two columns: source and target) and the period. Only fixed SQL text of
        this module reaches ``keys``, ``group`` and ``source``; ``by`` is checked."""
        _check_period(by)
        if since:
            conds.append("event_date >= ?")
            params.append(since)
        if until:
            conds.append("event_date <= ?")
            params.append(until)
        sql = (f"SELECT {keys}, CAST(date_trunc('{by}', event_date) AS DATE) p, "
               + _QUAD_COUNTS + f" FROM {source} WHERE " + " AND ".join(conds)
               + f" GROUP BY {group}, p ORDER BY {group}, p")
        with self._read_or_write() as con:
            rows = con.execute(sql, params).fetchall()
        return [DyadRow(r[0], r[1], r[2], int(r[3]), int(r[4]), int(r[5]), int(r[6]),
                        float(r[7]), float(r[8])) for r in rows]

    def to_arrow(self, flt: EventFilter | None = None) -> pa.Table:
        """The events matching ``flt`` as an Arrow table of flat records, by date then id:
        the columns and types of the Parquet export (typed dates, codes as text)."""
        from pourparler.export import flat_table

        return flat_table(self.iter_events(flt))

    def to_pandas(self, flt: EventFilter | None = None) -> Any:
        """:meth:`to_arrow` as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        try:
            import pandas  # noqa: F401
        except ImportError as exc:
            raise StoreError("Store.to_pandas needs pandas: pip install pandas") from exc
        return self.to_arrow(flt).to_pandas()


# --- query helpers -------------------------------------------------------------------------

#: The periods of the dyad and monad series (DuckDB date_trunc parts; weeks start on Monday).
PERIODS = ("day", "week", "month", "year")
#: Counts per quad class, Goldstein sum and mean, over rows with quad_class and goldstein.
_QUAD_COUNTS = (
    "count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2), "
    "count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4), "
    "sum(goldstein), avg(goldstein)")


def _check_period(by: str) -> None:
    # the period is spliced into SQL: only these words may reach it
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")


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
    # place and sector are read from the event's first mention's record (its description)
    if flt.place_country:
        conds.append("EXISTS (SELECT 1 FROM mentions mr WHERE mr.uid = e.rep_mention AND "
                     "json_extract_string(mr.record, '$.location.country') = ?)")
        params.append(flt.place_country.upper())
    if flt.sector:
        conds.append("EXISTS (SELECT 1 FROM mentions mr WHERE mr.uid = e.rep_mention AND "
                     "? IN (json_extract_string(mr.record, '$.source.sector'), "
                     "json_extract_string(mr.record, '$.target.sector')))")
        params.append(flt.sector.upper())
    return " AND ".join(conds), params
