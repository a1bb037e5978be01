#!/usr/bin/env python3
"""The API of ``pourparler serve`` under load: /api/events p50/p99 with parallel clients,
idle and while an ``ingest`` writes into the same store.

The store is built as benchmarks/store.py builds it (same synthetic records). The server is
``pourparler serve`` in its own process, over real HTTP on loopback; ``--clients`` threads
(20 by default) each send /api/events requests (first pages, deep pages, sorts, filters)
back to back for ``--seconds`` per phase. Phase 1: nothing else runs. Phase 2: ``pourparler
ingest`` (one worker, a commit every four articles) codes copies of the bundled example
articles into the same store from a third process; the clock starts once its first batch is
committed, and the phase reports how many articles it stored meanwhile. The clients run on
the same machine as the server, so on two cores they compete with it for CPU. Every answer
that is not a 200 counts as an error.

``--per-request`` instead times each kind of request alone, in process (cold and warm), as
before.

usage: python benchmarks/api.py [--events N] [--clients N] [--seconds S] [--db PATH]
                                [--per-request] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store import DEFAULT_BATCH_ARTICLES, SEED, _records

from pourparler.store import Store

#: Events in the store: 20,000 builds in seconds and pages like a month of a busy watch.
DEFAULT_LOAD_EVENTS = 20_000
DEFAULT_CLIENTS = 20
DEFAULT_SECONDS = 30.0
#: Copies of the example articles the ingest phase may code: more than it can do in a phase.
INGEST_ARTICLES = 4_000
#: Articles per ingest transaction: small, so that it commits several times per phase.
INGEST_BATCH = 4
#: Seconds allowed for the server to start, and for the ingest to load its models and commit
#: its first batch (spaCy models take 10-30 s to load on a busy two-core machine).
SERVER_START_S = 60.0
INGEST_START_S = 180.0
#: A client waits this long for one answer before counting it as an error.
CLIENT_TIMEOUT_S = 30.0
QUERIES = (
    "/api/events?limit=50",
    "/api/events?limit=50&offset=10000",
    "/api/events?limit=50&sort=-goldstein",
    "/api/events?dyad=RUS-UKR&limit=50",
    "/api/events?source=USA&since=2022-06-01&until=2022-06-30&limit=50",
    "/api/events?cameo=19&limit=50",
    "/api/events?text=sentence%203&limit=50",
)
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


def _build(n: int, db: Path) -> dict[str, int]:
    if not db.exists():
        data = _records(n, random.Random(SEED))
        store = Store(db)
        for i in range(0, len(data), DEFAULT_BATCH_ARTICLES):
            store.write(data[i:i + DEFAULT_BATCH_ARTICLES])
    return Store(db, read_only=True).counts()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pourparler.cli", *args]


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _hammer(base: str, clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` threads sending QUERIES back to back for ``seconds``."""
    times: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + seconds
    load_before = _load()

    def client(i: int) -> None:
        queries = itertools.cycle(QUERIES[i % len(QUERIES):] + QUERIES[:i % len(QUERIES)])
        with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as http:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                try:
                    ok = http.get(next(queries)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                times[i].append((time.perf_counter() - t0) * 1000)
                errors[i] += not ok

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [t for ts in times for t in ts]
    return {"requests": len(every), "errors": sum(errors), "seconds": seconds,
            "p50_ms": round(_percentile(every, 0.50), 1),
            "p99_ms": round(_percentile(every, 0.99), 1),
            "throughput_rps": round(len(every) / seconds, 1),
            "load_before": load_before, "load_after": _load()}


def _wait_for(check: Any, limit: float, what: str) -> None:
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"benchmarks/api.py: {what} did not happen within {limit:g} s")
        time.sleep(0.25)


def _corpus(path: Path, n: int) -> None:
    text = resources.files("pourparler").joinpath("examples/articles.jsonl").read_text("utf-8")
    examples = [json.loads(line) for line in text.splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            art = dict(examples[i % len(examples)])
            art["id"] = f"load-{i:05d}"
            out.write(json.dumps(art) + "\n")


def _articles(base: str) -> int:
    try:
        meta = httpx.get(base + "/api/meta", timeout=CLIENT_TIMEOUT_S).json()
    except (httpx.HTTPError, ValueError):
        return -1
    return int(meta.get("counts", {}).get("articles", -1))


def run_load(n: int, db: Path, clients: int, seconds: float) -> dict[str, Any]:
    counts = _build(n, db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(_cli("serve", "--db", str(db), "--port", str(port)), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ingest: subprocess.Popen[bytes] | None = None
    try:
        _wait_for(lambda: _articles(base) >= 0, SERVER_START_S, "the server start")
        idle = _hammer(base, clients, seconds)
        corpus = db.parent / "load-corpus.jsonl"
        _corpus(corpus, INGEST_ARTICLES)
        before = _articles(base)
        ingest = subprocess.Popen(_cli("ingest", "--db", str(db), "--workers", "1",
                                       "--batch-size", str(INGEST_BATCH), str(corpus)),
                                  env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for(lambda: _articles(base) > before, INGEST_START_S,
                  "the ingest's first commit")
        started = _articles(base)
        writing = _hammer(base, clients, seconds)
        writing["articles_stored_meanwhile"] = _articles(base) - started
        writing["ingest_still_running"] = ingest.poll() is None
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(30)
    return {"store": counts, "clients": clients, "idle": idle, "while_ingesting": writing}


def run_per_request(n: int, db: Path) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from pourparler.serve import create_app

    counts = _build(n, db)
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")

    def timed(url: str) -> float:
        t0 = time.perf_counter()
        client.get(url).raise_for_status()
        return (time.perf_counter() - t0) * 1000

    timings = {}
    for name, url in REQUESTS.items():
        cold = timed(url)
        warm = statistics.median(timed(url) for _ in range(WARM_REPEATS))
        timings[name] = {"cold_ms": round(cold, 1), "warm_ms": round(warm, 1)}
    return {"store": counts, "requests": timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=None,
                        help=f"Synthetic records (default {DEFAULT_LOAD_EVENTS:,}).")
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS)
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS,
                        help="Length of each phase.")
    parser.add_argument("--db", type=Path, default=None,
                        help="Store to use (built there when missing; the load test adds to "
                             "it).")
    parser.add_argument("--per-request", action="store_true",
                        help="Time each kind of request alone, in process.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    events = args.events or DEFAULT_LOAD_EVENTS
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        result = (run_per_request(events, db) if args.per_request
                  else run_load(events, db, args.clients, args.seconds))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"store: {result['store']}")
    if args.per_request:
        print(f"  {'request':36s} {'cold ms':>9s} {'warm ms':>9s}")
        for name, t in result["requests"].items():
            print(f"  {name:36s} {t['cold_ms']:9.1f} {t['warm_ms']:9.1f}")
        return
    print(f"/api/events, {result['clients']} parallel clients, {args.seconds:g} s per phase:")
    for label, key in (("idle", "idle"), ("while an ingest writes", "while_ingesting")):
        r = result[key]
        extra = (f", {r['articles_stored_meanwhile']} articles stored meanwhile"
                 if "articles_stored_meanwhile" in r else "")
        print(f"  {label:24s} p50 {r['p50_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms  "
              f"{r['requests']} requests ({r['throughput_rps']:g}/s), {r['errors']} errors"
              f"{extra}")
        print(f"  {'':24s} machine: {r['load_before']} before, {r['load_after']} after")


if __name__ == "__main__":
    main()
