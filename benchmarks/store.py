#!/usr/bin/env python3
"""The event store: ingest rate (records/s written, coding excluded) and query latency.

Synthetic records (random dyads among 40 countries, random CAMEO codes, dates over two years,
several reports per act so that dedup has work to do) are written with ``Store.write`` in
batches, as ``pourparler ingest`` writes them; then each query is timed (median of repeats,
each opening the store read-only as a command does).

usage: python benchmarks/store.py [--events N] [--batch N] [--db PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pourparler.events.ontology import all_cameo_codes, plover_for
from pourparler.export import export
from pourparler.model import Actor, Article, Event, Evidence
from pourparler.store import CodedArticle, EventFilter, Store

#: The issue's size: 100,000 records.
DEFAULT_EVENTS = 100_000
#: Articles per transaction; the ingest command's default is 16 articles of ~5 records, so
#: 200 records per article batch of 40 is in the same range per commit.
DEFAULT_BATCH_ARTICLES = 40
RECORDS_PER_ARTICLE = 5
#: Share of records that restate an act already reported (several articles on one act).
REPEAT_SHARE = 0.3
QUERY_REPEATS = 5
SEED = 20240601
COUNTRIES = ("USA", "RUS", "UKR", "FRA", "DEU", "GBR", "CHN", "IRN", "ISR", "TUR", "SYR", "IRQ",
             "SAU", "EGY", "IND", "PAK", "AFG", "JPN", "KOR", "PRK", "BLR", "POL", "ITA", "ESP",
             "MLI", "NGA", "ETH", "SDN", "LBY", "VEN", "COL", "BRA", "MEX", "CAN", "AUS", "IDN",
             "PHL", "VNM", "THA", "ZAF")


def _records(n: int, rng: random.Random) -> list[CodedArticle]:
    codes = [c for c in all_cameo_codes().values()]
    start = date(2022, 1, 1)
    articles: list[CodedArticle] = []
    acts: list[tuple[str, str, Any, date]] = []
    made = 0
    while made < n:
        aid = f"bench-{len(articles):06d}"
        events = []
        for s in range(RECORDS_PER_ARTICLE):
            if acts and rng.random() < REPEAT_SHARE:
                src, tgt, code, day = rng.choice(acts)
            else:
                src, tgt = rng.sample(COUNTRIES, 2)
                code, day = rng.choice(codes), start + timedelta(days=rng.randrange(730))
                acts.append((src, tgt, code, day))
            plover, mode = plover_for(code.code)
            text = f"{src} did {code.label} to {tgt} in sentence {s} of {aid}."
            events.append(Event(
                article_id=aid, sentence=s, source=Actor(src, src, country=src, cameo=src),
                target=Actor(tgt, tgt, country=tgt, cameo=tgt), cameo=code.code,
                root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
                plover=plover, plover_mode=mode, status="asserted", date=day.isoformat(),
                date_precision="day", evidence=Evidence(text, 0, len(text)), lang="en",
                rule="bench", confidence=0.6))
        made += len(events)
        body = " ".join(e.evidence.text for e in events)
        articles.append(CodedArticle(Article(aid, body, published=start, lang="en",
                                             outlet=f"outlet-{len(articles) % 50}"), events))
    return articles


def _median_ms(fn: Any) -> float:
    times = []
    for _ in range(QUERY_REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def run(n: int, batch: int, db: Path) -> dict[str, Any]:
    rng = random.Random(SEED)
    data = _records(n, rng)
    store = Store(db)
    t0 = time.perf_counter()
    for i in range(0, len(data), batch):
        store.write(data[i:i + batch])
    ingest_s = time.perf_counter() - t0
    counts = Store(db, read_only=True).counts()

    def q(**kw: Any) -> Any:
        return lambda: Store(db, read_only=True).events(EventFilter(**kw))

    queries = {
        "open + count": lambda: Store(db, read_only=True).counts(),
        "dyad RUS-UKR": q(source="RUS", target="UKR"),
        "source USA, one month": q(source="USA", since=date(2022, 6, 1),
                                   until=date(2022, 6, 30)),
        "plover THREATEN": q(plover="THREATEN"),
        "cameo 19 (all attacks)": q(cameo="19"),
        "text 'sentence 3'": q(text="sentence 3", limit=100),
        "dyads by week (all)": lambda: Store(db, read_only=True).dyads(by="week"),
        "dyads by month, RUS-UKR": lambda: Store(db, read_only=True).dyads(
            by="month", dyads=[("RUS", "UKR")]),
    }
    latency = {name: _median_ms(fn) for name, fn in queries.items()}
    t0 = time.perf_counter()
    exported = export(Store(db, read_only=True), "gdelt", db.with_suffix(".gdelt.tsv"))
    export_s = time.perf_counter() - t0
    return {
        "records": n, "articles": len(data), "batch_articles": batch,
        "ingest_seconds": round(ingest_s, 2),
        "records_per_second": round(n / ingest_s),
        "store": counts, "db_megabytes": round(db.stat().st_size / 1e6, 1),
        "query_ms_median": latency,
        "gdelt_export_seconds": round(export_s, 2), "gdelt_rows": exported,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH_ARTICLES)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        result = run(args.events, args.batch, db)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"ingest: {result['records']} records ({result['articles']} articles, batches of "
          f"{result['batch_articles']}) in {result['ingest_seconds']} s = "
          f"{result['records_per_second']} records/s")
    print(f"store: {result['store']} ({result['db_megabytes']} MB)")
    for name, ms in result["query_ms_median"].items():
        print(f"  {name:28s} {ms:8.1f} ms")
    print(f"GDELT export: {result['gdelt_rows']} rows in {result['gdelt_export_seconds']} s")


if __name__ == "__main__":
    main()
