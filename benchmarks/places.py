#!/usr/bin/env python3
"""Share of coding time spent in the place stage (``article_places`` + ``place_event``).

The coder is warmed up (models and gazetteer loaded), then the corpus is coded once with the
two place functions wrapped in timers: the figure is their time over the whole coding time
(parse included), as the issue on places asks (<= 5 %). The wrappers are this script's own
instrumentation; nothing in the package is changed.

usage: python benchmarks/places.py [--articles N] [--json]

The corpus cycles the bundled examples and, when present, the shared dev sets' texts.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_ARTICLES = 200


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _corpus(n: int, lang: str) -> list[dict[str, Any]]:
    seeds = _read_jsonl(Path(str(resources.files("pourparler") / "examples" / "articles.jsonl")))
    override = os.environ.get("POURPARLER_SHARED")
    shared = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    for name in ("dev-fr.jsonl", "dev-en.jsonl"):
        if (shared / "eval" / name).is_file():
            seeds += _read_jsonl(shared / "eval" / name)
    pool = [d for d in seeds if d.get("text") and d.get("lang") == lang]
    return [{**pool[i % len(pool)], "id": f"{pool[i % len(pool)]['id']}#{i}"} for i in range(n)]


class _Timer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1
        return timed


def measure(lang: str, n: int) -> dict[str, Any]:
    import pourparler.events.coder as coder_module
    import pourparler.geo as geo
    from pourparler.model import Article, parse_date
    from pourparler.pipeline import Coder

    docs = _corpus(n, lang)
    articles = [Article(id=d["id"], text=d["text"], lang=lang,
                        published=parse_date(d.get("published"))) for d in docs]
    coder = Coder()
    list(coder.code(articles[:4]))  # warm-up: models, knowledge, gazetteer
    timer = _Timer()
    # article_places is imported inside the pipeline function, place_event at module level
    original_article_places, original_place_event = geo.article_places, coder_module.place_event
    geo.article_places = timer.wrap(original_article_places)  # type: ignore[assignment]
    coder_module.place_event = timer.wrap(original_place_event)  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        events = sum(len(r.events) for r in coder.code(articles))
        total = time.perf_counter() - started
    finally:
        geo.article_places = original_article_places  # type: ignore[assignment]
        coder_module.place_event = original_place_event  # type: ignore[assignment]
    return {"lang": lang, "articles": n, "events": events, "coding_s": round(total, 2),
            "place_stage_s": round(timer.seconds, 3), "place_calls": timer.calls,
            "place_share": round(timer.seconds / total, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [measure(lang, args.articles) for lang in ("fr", "en")]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for r in rows:
        print(f"{r['lang']}: {r['articles']} articles, {r['events']} events, coding "
              f"{r['coding_s']} s, place stage {r['place_stage_s']} s in {r['place_calls']} "
              f"calls = {100 * r['place_share']:.1f} % of coding time")


if __name__ == "__main__":
    main()
