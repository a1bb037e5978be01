"""The event store: DuckDB schema and migrations, ingest, dedup across articles, queries.

``Store(path)`` opens or creates a store; :func:`ingest` codes articles into it, one
transaction per batch; ``Store.events``, ``Store.events_page`` (one sorted page and
the total), ``Store.article`` and ``Store.dyads`` query it. Reading while another
process ingests is supported: see :mod:`pourparler.store._db` for the concurrency design.
"""

from __future__ import annotations

from pourparler.store._db import (
    DEFAULT_DB,
    LOCK_WAIT_SECONDS,
    Action,
    CodedArticle,
    DyadRow,
    EventFilter,
    EventPage,
    EventSort,
    Store,
    StoredArticle,
    StoredEvent,
    StoredMention,
    WriteStats,
)
from pourparler.store._dedup import DEDUP_WINDOW_DAYS, actor_key, dedup_key, text_hash
from pourparler.store._ingest import INGEST_BATCH, ArticleCoder, IngestReport, ingest
from pourparler.store._plot import plot_dyads
from pourparler.store._schema import SCHEMA_VERSION, StoreError

__all__ = [
    "DEDUP_WINDOW_DAYS",
    "DEFAULT_DB",
    "INGEST_BATCH",
    "LOCK_WAIT_SECONDS",
    "SCHEMA_VERSION",
    "Action",
    "ArticleCoder",
    "CodedArticle",
    "DyadRow",
    "EventFilter",
    "EventPage",
    "EventSort",
    "IngestReport",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoredEvent",
    "StoredMention",
    "WriteStats",
    "actor_key",
    "dedup_key",
    "ingest",
    "plot_dyads",
    "text_hash",
]
