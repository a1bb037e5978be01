"""Writing a batch of coded articles into the store, in one transaction: what each article
needs (new, changed, same, duplicate), the rows of articles, actors, events and mentions, the
match of each record to the event of the same act, and the recount of mentions.

Called by :meth:`pourparler.store.Store.write` on a connection it holds; see
:mod:`pourparler.store._db` for the concurrency and durability design.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
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
from pourparler.store._schema import _run

__all__ = ["Action", "CodedArticle", "WriteStats", "plan_articles", "write_batch"]

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


def plan_articles(con: duckdb.DuckDBPyConnection, articles: Sequence[Article]) -> dict[str, Action]:
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


def write_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[CodedArticle],
                 stats: WriteStats) -> None:
    plan = plan_articles(con, [c.article for c in batch])
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
