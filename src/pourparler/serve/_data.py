"""What the API returns, built from the store's public API only (its SQL is parameterised).

The store answers filtered queries in date order and has no look-up of one article or of
the mentions in one article, so this module keeps two small caches, both keyed on the store
file's size and modification time (any committed write changes them): the last few event
query results (paging and re-sorting one query is then free) and an index of articles and
their mentions (the article view).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from pourparler.events.ontology import all_plover_types, cameo_code
from pourparler.model import Article, Event
from pourparler.store import DyadRow, EventFilter, Store, StoredEvent, StoredMention

__all__ = [
    "SORT_KEYS",
    "StoreView",
    "actor_spans",
    "event_dict",
    "explain",
    "locate_evidence",
    "plover_names",
]

log = logging.getLogger(__name__)

#: Distinct event queries whose results are kept: a few users paging a few filters each.
_QUERY_CACHE_SIZE = 8


#: Date-ordered pages up to this depth are read from the store directly (1,000 records read
#: in about 0.1 s); deeper pages read the whole result once and page from the cache.
_HEAD_READ_MAX = 1_000


def _event_date(e: StoredEvent) -> str:
    # undated events sort last in both directions' primary order (as the store does)
    return e.record.date or "9999-12-31"


#: Sort keys of GET /api/events; a leading "-" reverses.
SORT_KEYS: dict[str, Callable[[StoredEvent], Any]] = {
    "date": lambda e: (_event_date(e), e.gid),
    "goldstein": lambda e: (e.record.goldstein, e.gid),
    "mentions": lambda e: (e.num_mentions, e.gid),
    "confidence": lambda e: (e.record.confidence, e.gid),
    "id": lambda e: e.gid,
}


def _cameo_label(code: str) -> str | None:
    try:
        return cameo_code(code).label
    except (KeyError, ValueError):
        return None


def explain(record: Event) -> str:
    """One event in words: who did what to whom, its status and date."""
    src = record.source.name if record.source else "someone"
    tgt = record.target.name if record.target else "no one named"
    label = _cameo_label(record.cameo) or f"CAMEO {record.cameo}"
    plover = f", PLOVER {record.plover}" if record.plover else ""
    when = f" on {record.date}" if record.date else ", undated"
    return (f"{src} → {tgt}: {label} (CAMEO {record.cameo}{plover}), "
            f"{record.status}{when}.")


def event_dict(record: Event, stored: StoredEvent | None = None) -> dict[str, Any]:
    """The event record with its CAMEO label and a sentence explaining it."""
    out = stored.to_dict() if stored is not None else record.to_dict()
    out["cameo_label"] = _cameo_label(record.cameo)
    out["explanation"] = explain(record)
    return out


def locate_evidence(text: str, record: Event) -> tuple[int, int] | None:
    """Where the record's evidence sentence is in ``text``: its offsets when they slice it
    exactly, else where the sentence is found (nearest after its stated start, since
    offsets may count a dateline the evidence leaves out), else None."""
    ev = record.evidence
    if not ev.text:
        return None
    if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.text:
        return ev.start, ev.end
    at = text.find(ev.text, max(0, ev.start - len(ev.text)))
    if at < 0:
        at = text.find(ev.text)
    return (at, at + len(ev.text)) if at >= 0 else None


def actor_spans(record: Event, start: int) -> list[dict[str, Any]]:
    """Where the source and target are named in the record's evidence sentence (which
    starts at ``start`` in the article text), the first time each is named there."""
    spans: list[dict[str, Any]] = []
    ev = record.evidence
    for role, actor in (("source", record.source), ("target", record.target)):
        if actor is None or not actor.text:
            continue
        at = ev.text.find(actor.text)
        if at < 0:
            continue
        spans.append({"kind": "actor", "role": role, "start": start + at,
                      "end": start + at + len(actor.text), "name": actor.name,
                      "code": actor.cameo or actor.key, "event_id": record.id})
    return spans


@dataclass(frozen=True, slots=True)
class _ArticleIndex:
    articles: dict[str, Article]
    mentions: dict[str, list[StoredMention]]


class StoreView:
    """Read access to one store file for the API, with the caches described above."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._queries: OrderedDict[tuple[Any, ...], list[StoredEvent]] = OrderedDict()
        self._index: tuple[tuple[int, int], _ArticleIndex] | None = None

    def _stamp(self) -> tuple[int, int]:
        """Changes whenever a write is committed (DuckDB rewrites the file or its WAL)."""
        size = mtime = 0
        for p in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = p.stat()
            except FileNotFoundError:
                continue
            size += st.st_size
            mtime = max(mtime, st.st_mtime_ns)
        return size, mtime

    def store(self) -> Store:
        return Store(self.path, read_only=True)

    def exists(self) -> bool:
        return self.path.exists()

    def _cached(self, key: tuple[Any, ...]) -> list[StoredEvent] | None:
        with self._lock:
            hit = self._queries.get(key)
            if hit is not None:
                self._queries.move_to_end(key)
            return hit

    def _remember(self, key: tuple[Any, ...], found: list[StoredEvent]) -> None:
        with self._lock:
            self._queries[key] = found
            while len(self._queries) > _QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)

    def events(self, flt: EventFilter, sort: str = "date") -> list[StoredEvent]:
        """Every event matching ``flt`` in ``sort`` order (cached per store state)."""
        stamp = self._stamp()
        key = (stamp, flt, sort)
        hit = self._cached(key)
        if hit is not None:
            return hit
        found = self._cached((stamp, flt, "date"))
        if found is None:
            found = self.store().events(flt)
            self._remember((stamp, flt, "date"), found)
        if sort != "date":
            found = sorted(found, key=SORT_KEYS[sort.removeprefix("-")],
                           reverse=sort.startswith("-"))
            self._remember(key, found)
        return found

    def page(self, flt: EventFilter, sort: str, offset: int,
             limit: int) -> tuple[int | None, list[StoredEvent]]:
        """One page of the events matching ``flt`` in ``sort`` order, and how many match:
        None when not known yet. The store returns events in date order and can stop after
        n of them, so a date-ordered page of a query not yet cached reads only as far as
        that page (the first page of 100,000 events costs a fraction of a second, not seconds);
        deeper pages and any other order read every matching event once, then page from
        the cache."""
        stamp = self._stamp()
        hit = self._cached((stamp, flt, sort))
        if hit is None and sort == "date" and offset + limit < _HEAD_READ_MAX:
            wanted = offset + limit + 1  # one more than the page: is there a next page?
            head = self.store().events(replace(flt, limit=wanted))
            if len(head) < wanted:
                self._remember((stamp, flt, "date"), head)
                return len(head), head[offset:offset + limit]
            return None, head[offset:offset + limit]
        found = hit if hit is not None else self.events(flt, sort)
        return len(found), found[offset:offset + limit]

    def mentions(self, gid: int) -> list[StoredMention]:
        return self.store().mentions_of(gid)

    def dyads(self, by: str, pairs: Sequence[tuple[str, str]], undirected: bool,
              since: date | None, until: date | None) -> list[DyadRow]:
        return self.store().dyads(by=by, dyads=pairs, undirected=undirected, since=since,
                                  until=until)

    def _article_index(self) -> _ArticleIndex:
        stamp = self._stamp()
        with self._lock:
            if self._index is not None and self._index[0] == stamp:
                return self._index[1]
        store = self.store()
        articles = {a.id: a for a in store.articles()}
        mentions: dict[str, list[StoredMention]] = {}
        for m in store.iter_mentions():
            mentions.setdefault(m.record.article_id, []).append(m)
        index = _ArticleIndex(articles, mentions)
        with self._lock:
            self._index = (stamp, index)
        log.debug("article index: %d articles", len(articles))
        return index

    def article(self, article_id: str) -> tuple[Article, list[StoredMention]] | None:
        index = self._article_index()
        found = index.articles.get(article_id)
        if found is None:
            return None
        return found, index.mentions.get(article_id, [])


def plover_names() -> list[str]:
    return sorted(all_plover_types())
