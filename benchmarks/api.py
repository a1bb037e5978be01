#!/usr/bin/env python3
"""The API of ``pourparler serve``: response times on a store of N synthetic events.

The store is built as benchmarks/store.py builds it (same synthetic records, written with
``Store.write``); requests go through FastAPI's TestClient in process, so the times include
routing, validation, the store query and JSON encoding, but no network. Each request is timed
cold (first time this server is asked it) and warm (median of repeats). The server caches no
results (the store pages, counts and looks up articles in SQL), so the two differ only by what
DuckDB and the operating system keep between connections.

usage: python benchmarks/api.py [--events N] [--db PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store import DEFAULT_BATCH_ARTICLES, DEFAULT_EVENTS, SEED, _records

from pourparler.serve import create_app
from pourparler.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

WARM_REPEATS = 5
REQUESTS = {
    "events, first page (all, by date)": "/api/events?limit=50",
    "events, page at offset 50,000": "/api/events?limit=50&offset=50000",
    "events, all, by -goldstein": "/api/events?limit=50&sort=-goldstein",
    "events, dyad RUS-UKR": "/api/events?dyad=RUS-UKR&limit=50",
    "events, source USA, one month": "/api/events?source=USA&since=2022-06-01"
                                     "&until=2022-06-30&limit=50",
    "events, cameo 19": "/api/events?cameo=19&limit=50",
    "events, words 'sentence 3'": "/api/events?text=sentence%203&limit=50",
    "dyads by week (all)": "/api/dyads?by=week",
    "dyads by month, RUS-UKR": "/api/dyads?by=month&dyad=RUS-UKR",
    "map (all)": "/api/map",
    "event by id": "/api/events/12345",
    "article by id": "/api/articles/bench-000123",
}


def _time(client: TestClient, url: str) -> float:
    t0 = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - t0) * 1000
    response.raise_for_status()
    return elapsed


def run(n: int, db: Path) -> dict[str, Any]:
    if not db.exists():
        data = _records(n, random.Random(SEED))
        store = Store(db)
        for i in range(0, len(data), DEFAULT_BATCH_ARTICLES):
            store.write(data[i:i + DEFAULT_BATCH_ARTICLES])
    counts = Store(db, read_only=True).counts()
    client = TestClient(create_app(db))
    timings: dict[str, dict[str, float]] = {}
    for name, url in REQUESTS.items():
        cold = _time(client, url)
        warm = statistics.median(_time(client, url) for _ in range(WARM_REPEATS))
        timings[name] = {"cold_ms": round(cold, 1), "warm_ms": round(warm, 1)}
    return {"store": counts, "requests": timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS)
    parser.add_argument("--db", type=Path, default=None,
                        help="Store to use (built there when missing).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.events, args.db or Path(tmp) / "bench.duckdb")
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"store: {result['store']}")
    print(f"  {'request':36s} {'cold ms':>9s} {'warm ms':>9s}")
    for name, t in result["requests"].items():
        print(f"  {name:36s} {t['cold_ms']:9.1f} {t['warm_ms']:9.1f}")


if __name__ == "__main__":
    main()
