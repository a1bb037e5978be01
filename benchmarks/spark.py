#!/usr/bin/env python3
"""Spark ``local[2]`` against the local pipeline: same output on the dev sets, and overhead.

1. Identity: each shared dev set (when present) is coded by Spark (``local[2]``) and by
   ``Coder.code``; the event rows must be equal (order aside).
2. Overhead: N articles (default 1,000, cycling the examples and dev texts) coded by
   ``code_parallel`` with 2 workers and by Spark ``local[2]``, wall clock from start to the
   written result, model loading included on both sides (the Spark JVM start too).

usage: python benchmarks/spark.py [--articles N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_ARTICLES = 1000


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _shared() -> Path:
    override = os.environ.get("POURPARLER_SHARED")
    return (Path(override) if override else Path(__file__).resolve().parents[2] / "shared") \
        / "eval"


def _norm(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = [{k: v for k, v in r.items() if v is not None} for r in rows]
    return sorted(kept, key=lambda r: (str(r["article_id"]), str(r.get("id", ""))))


def _local_rows(path: Path, workers: int) -> list[dict[str, Any]]:
    from pourparler.errors import InputError
    from pourparler.ingest import read_jsonl
    from pourparler.parallel import code_parallel
    from pourparler.scale.spark import event_rows

    articles = [a for a in read_jsonl(path) if not isinstance(a, InputError)]
    rows: list[dict[str, Any]] = []
    for result in code_parallel(articles, workers=workers):
        if result.error is None:
            rows += event_rows(result.events)
        else:
            rows.append({"article_id": result.article_id, "error": str(result.error)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import pyarrow.parquet as pq

    from pourparler.scale.spark import code_spark, spark_session

    report: dict[str, Any] = {"identity": {}}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        spark = spark_session("local[2]", "pourparler-bench")
        report["spark_session_start_s"] = round(time.perf_counter() - started, 1)
        for name in ("dev-fr.jsonl", "dev-en.jsonl"):
            path = _shared() / name
            if not path.is_file():
                continue
            out = Path(tmp) / f"{name}.parquet"
            code_spark(path, out, spark=spark)
            same = _norm(pq.read_table(out).to_pylist()) == _norm(_local_rows(path, 1))
            report["identity"][name] = same

        seeds = _read_jsonl(Path(str(resources.files("pourparler") / "examples"
                                     / "articles.jsonl")))
        for name in ("dev-fr.jsonl", "dev-en.jsonl"):
            if (_shared() / name).is_file():
                seeds += _read_jsonl(_shared() / name)
        pool = [d for d in seeds if d.get("text") and d.get("lang") in ("fr", "en")]
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i in range(args.articles):
                d = pool[i % len(pool)]
                fh.write(json.dumps({"id": f"{d['id']}#{i}", "lang": d["lang"],
                                     "text": d["text"] + f"\n\n(Ref. {i}.)",
                                     "published": d.get("published")}) + "\n")
        started = time.perf_counter()
        rows = code_spark(corpus, Path(tmp) / "corpus.parquet", spark=spark).rows
        spark_s = time.perf_counter() - started
        started = time.perf_counter()
        local = _local_rows(corpus, 2)
        local_s = time.perf_counter() - started
        spark.stop()
    report.update({
        "articles": args.articles, "spark_rows": rows, "local_rows": len(local),
        "spark_local2_s": round(spark_s, 1), "local_2_workers_s": round(local_s, 1),
        "spark_overhead": round(spark_s / local_s, 2),
    })
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
