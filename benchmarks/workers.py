#!/usr/bin/env python3
"""Articles/s of :func:`pourparler.parallel.code_parallel` with 1 and 2 (or more) workers.

Each measurement runs in a fresh subprocess: the coder is loaded and warmed up, then the same
corpus is coded with N workers and timed. Workers are forked from the warmed process, so model
loading is outside the timed part for every N (as in a long ``ingest``, where it is paid once).
Memory: the peak RSS of the largest worker (``RUSAGE_CHILDREN``; it counts pages shared
copy-on-write with the parent, so it is an upper bound) and, on Linux, the proportional set
size (PSS, shared pages split between processes) sampled while coding.

usage: python benchmarks/workers.py [--articles N] [--workers 1,2] [--json]

The corpus is built at run time by cycling the bundled examples and, when present, the texts
of the shared dev sets (nothing is copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

#: Articles in the default corpus: ~1 minute with one worker on this machine, enough for
#: start-up effects (first chunks, pool start) to be a few percent of the total.
DEFAULT_ARTICLES = 400
WARMUP_ARTICLES = 4
#: How often worker memory is sampled while coding.
SAMPLE_SECONDS = 0.5


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _corpus(n: int) -> list[dict[str, Any]]:
    seeds = _read_jsonl(Path(str(resources.files("pourparler") / "examples" / "articles.jsonl")))
    override = os.environ.get("POURPARLER_SHARED")
    shared = (Path(override) if override else Path(__file__).resolve().parents[2] / "shared")
    for name in ("dev-fr.jsonl", "dev-en.jsonl"):
        if (shared / "eval" / name).is_file():
            seeds += _read_jsonl(shared / "eval" / name)
    pool = [d for d in seeds if d.get("text") and d.get("lang") in ("fr", "en")]
    # grouped by language, as a real feed or corpus mostly is: spaCy batches by language
    pool.sort(key=lambda d: d["lang"])
    return [{"id": f"{pool[i % len(pool)]['id']}#{i}", "lang": pool[i % len(pool)]["lang"],
             "text": pool[i % len(pool)]["text"]} for i in range(n)]


def _children_pss_mb() -> list[float]:
    out = []
    me = os.getpid()
    for task in Path(f"/proc/{me}/task").glob("*/children"):
        for pid in task.read_text().split():
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        out.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
    return out


def _measure(workers: int, n: int) -> dict[str, Any]:
    from pourparler.model import Article
    from pourparler.parallel import code_parallel
    from pourparler.pipeline import Coder

    articles = [Article(id=d["id"], text=d["text"], lang=d["lang"]) for d in _corpus(n)]
    warm = Coder()
    for lang in ("fr", "en"):
        sample = [a for a in articles if a.lang == lang][:WARMUP_ARTICLES]
        list(warm.code(sample))
    peak_pss: list[float] = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(SAMPLE_SECONDS):
            values = _children_pss_mb()
            if values:
                peak_pss[0] = max(peak_pss[0], max(values))

    sampler = threading.Thread(target=sample, daemon=True)
    if workers > 1 and Path("/proc").is_dir():
        sampler.start()
    started = time.perf_counter()
    results = list(code_parallel(articles, workers=workers))
    seconds = time.perf_counter() - started
    stop.set()
    events = sum(len(r.events) for r in results)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"workers": workers, "articles": len(results), "events": events,
            "seconds": round(seconds, 2), "articles_per_s": round(len(results) / seconds, 2),
            "parent_peak_rss_mb": round(self_rss), "worker_peak_rss_mb": round(child_rss),
            "worker_peak_pss_mb": round(peak_pss[0]) if peak_pss[0] else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(_measure(args.child, args.articles)))
        return
    rows = []
    # other work on the machine skews a speed-up figure: show it beside the result
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    for workers in (int(w) for w in args.workers.split(",")):
        proc = subprocess.run([sys.executable, __file__, "--child", str(workers),
                               "--articles", str(args.articles)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    base = rows[0]["articles_per_s"]
    for row in rows:
        row["speedup"] = round(row["articles_per_s"] / base, 2)
    if args.json:
        print(json.dumps({"load_average_before": load_before, "runs": rows}, indent=2))
        return
    if load_before is not None:
        print(f"load average (1 min) before the runs: {load_before:.2f} on {os.cpu_count()} "
              "cores")
    print(f"{'workers':>7} {'articles':>8} {'seconds':>8} {'art/s':>7} {'speedup':>7} "
          f"{'worker RSS MB':>13} {'worker PSS MB':>13}")
    for r in rows:
        print(f"{r['workers']:>7} {r['articles']:>8} {r['seconds']:>8} {r['articles_per_s']:>7} "
              f"{r['speedup']:>7} {r['worker_peak_rss_mb']:>13} "
              f"{r['worker_peak_pss_mb'] or '-':>13}")


if __name__ == "__main__":
    main()
