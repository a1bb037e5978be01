"""The store's schema as a list of numbered migrations, and the checks made before opening.

A new store runs every migration from 1 up; an older store runs the ones it lacks, in one
transaction, so it ends either migrated or untouched. A file that is not a DuckDB database, a
DuckDB database that is not a pourparler store, or a store newer than this code is refused
before anything is written to it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pourparler.errors import StoreError

__all__ = [
    "APPLICATION",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "StoreError",
    "check_file",
    "migrate",
    "schema_version",
]

log = logging.getLogger(__name__)

#: Written in the meta table of every store; a DuckDB file without it is someone else's.
APPLICATION = "pourparler"

#: A DuckDB database file carries these four bytes at offset 8 (its file header); checking them
#: first means a stray file is refused without DuckDB ever opening it for writing.
_DUCKDB_MAGIC = b"DUCK"
_MAGIC_OFFSET = 8


def _run(con: Any, sql: str, params: Sequence[Any] | None = None) -> list[Any]:
    """Execute and fetch: DuckDB refuses new work on a connection with an unread result."""
    rows: list[Any] = con.execute(sql, params).fetchall() if params is not None else \
        con.execute(sql).fetchall()
    return rows


# Migration n takes a store from version n-1 to n. Never edit a released step: add one.
_V1_CORE = (
    """CREATE TABLE pourparler_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)""",
    """CREATE TABLE articles (
        id VARCHAR NOT NULL,
        text_hash VARCHAR NOT NULL,     -- normalised text: same text under another id adds nothing
        content_hash VARCHAR NOT NULL,  -- text + date + language: a change here is re-coded
        title VARCHAR, published DATE, lang VARCHAR, url VARCHAR, outlet VARCHAR,
        source_name VARCHAR NOT NULL,   -- outlet, else URL host, else the article id
        text VARCHAR NOT NULL, text_len INTEGER NOT NULL,
        n_records INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE actors (
        id VARCHAR NOT NULL, name VARCHAR, country VARCHAR, org VARCHAR, sector VARCHAR,
        cameo VARCHAR)""",
    # one row per real-world act; its descriptive fields are those of its first mention
    """CREATE TABLE events (
        gid BIGINT NOT NULL,
        source_key VARCHAR NOT NULL, target_key VARCHAR NOT NULL,
        source_cameo VARCHAR, target_cameo VARCHAR,
        cameo VARCHAR NOT NULL, root VARCHAR NOT NULL, quad_class INTEGER NOT NULL,
        goldstein DOUBLE NOT NULL, plover VARCHAR, counted BOOLEAN NOT NULL,
        event_date DATE, date_text VARCHAR, date_precision VARCHAR,
        rep_mention BIGINT NOT NULL,
        num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL,
        added_at TIMESTAMP NOT NULL)""",
    # one row per coded event record (an article's sentence that reports an act)
    """CREATE TABLE mentions (
        uid BIGINT NOT NULL, record_id VARCHAR NOT NULL, event_gid BIGINT NOT NULL,
        article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
        source_actor VARCHAR, target_actor VARCHAR, status VARCHAR NOT NULL,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text VARCHAR,
        in_lead BOOLEAN NOT NULL, confidence DOUBLE NOT NULL, lang VARCHAR,
        record VARCHAR NOT NULL, added_at TIMESTAMP NOT NULL)""",
)

# Version 2: the counted-event view the dyad series read (asserted and future events only).
_V2_VIEWS = (
    """CREATE VIEW counted_events AS
        SELECT * FROM events WHERE counted AND event_date IS NOT NULL""",
)

# Version 3: the article view looks up one article and the mentions coded from it; without
# these ART indexes each look-up scans every article id and every mention.
_V3_ARTICLE_INDEXES = (
    """CREATE INDEX articles_by_id ON articles (id)""",
    """CREATE INDEX mentions_by_article ON mentions (article_id)""",
)

#: Migration steps, in order: MIGRATIONS[n - 1] brings a store to version n.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1_CORE, _V2_VIEWS, _V3_ARTICLE_INDEXES)
#: The version this code writes and reads.
SCHEMA_VERSION = len(MIGRATIONS)


def check_file(path: Path) -> bool:
    """Whether ``path`` holds a store to open (True) or is to be created (False).

    Raises StoreError for a path that is a directory, an empty file or not a DuckDB file, so
    that nothing is ever written over a file we did not make.
    """
    if not path.exists():
        return False
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give the path of a .duckdb file")
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAGIC_OFFSET + len(_DUCKDB_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not head:
        raise StoreError(f"{path}: empty file, not a pourparler store; remove it or give "
                         "another --db path")
    if head[_MAGIC_OFFSET:] != _DUCKDB_MAGIC:
        raise StoreError(f"{path}: not a DuckDB database (corrupt, or another kind of file); "
                         "it was left untouched — give another --db path")
    return True


def schema_version(con: Any, path: Path) -> int:
    """The schema version of an opened DuckDB database; StoreError if it is not our store."""
    tables = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if "pourparler_meta" not in tables:
        what = "an empty DuckDB database" if not tables else (
            f"a DuckDB database with other tables ({', '.join(sorted(tables)[:5])})")
        raise StoreError(f"{path}: {what}, not a pourparler store; it was left untouched — "
                         "give another --db path")
    meta = dict(con.execute("SELECT key, value FROM pourparler_meta").fetchall())
    if meta.get("application") != APPLICATION:
        raise StoreError(f"{path}: not a pourparler store (application "
                         f"{meta.get('application')!r}); it was left untouched")
    try:
        return int(meta["schema_version"])
    except (KeyError, ValueError):
        raise StoreError(f"{path}: pourparler store without a readable schema version; "
                         "it is damaged — re-ingest into a new file") from None


def migrate(con: Any, path: Path, current: int, target: int = SCHEMA_VERSION,
            steps: Sequence[tuple[str, ...]] = MIGRATIONS) -> int:
    """Bring a store from ``current`` (0 = new) to ``target`` in one transaction."""
    if current > len(steps):
        raise StoreError(f"{path}: store schema version {current} is newer than this "
                         f"pourparler reads ({len(steps)}); upgrade pourparler")
    if current < 0:
        raise StoreError(f"{path}: store schema version {current} is not valid")
    if current >= target:
        return current
    _run(con, "BEGIN TRANSACTION")
    try:
        for version in range(current + 1, target + 1):
            for statement in steps[version - 1]:
                _run(con, statement)
            log.info("%s: schema migrated to version %d", path, version)
        if current == 0:
            _run(con, "INSERT INTO pourparler_meta VALUES ('application', ?)", [APPLICATION])
            _run(con, "INSERT INTO pourparler_meta VALUES ('schema_version', ?)",
                        [str(target)])
        else:
            _run(con, "UPDATE pourparler_meta SET value = ? WHERE key = 'schema_version'",
                        [str(target)])
        _run(con, "COMMIT")
    except Exception:
        _run(con, "ROLLBACK")
        raise
    return target
