#!/usr/bin/env python3
"""Where the coder's time goes, stage by stage, on the same corpus as throughput.py.

Codes the articles once under ``cProfile`` and sums each function's own time (``tottime``) by
the module it lives in: pourparler's modules one by one, spaCy and its dependencies as
"spaCy parse and other libraries". Shares are of the profiled total; profiling slows pure
Python more than spaCy's compiled parser, so these shares overstate our stages somewhat
(throughput.py gives the unprofiled ratio to the parse alone).

usage: python benchmarks/stages.py [ARTICLES.jsonl] [--articles N] [--lang fr|en] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import LANGS, _default_corpus

#: The stages the issue asks about are reported even when they round to zero.
WATCHED = ("events/_args.py", "events/_repair.py", "events/_counterparts.py",
           "events/_frames.py", "events/_frame_actors.py", "events/_frame_positions.py",
           "events/_verb_frames.py", "events/_noun_frames.py", "events/_status.py",
           "events/coder.py")
OTHERS = "spaCy parse and other libraries"


def profile(path: Path, lang: str) -> dict[str, Any]:
    from pourparler.ingest import read_jsonl
    from pourparler.model import Article
    from pourparler.pipeline import Coder

    articles = [a for a in read_jsonl(path) if isinstance(a, Article) and a.lang == lang]
    coder = Coder()
    for _ in coder.code(articles[:3]):  # warm-up: model loading is not measured
        pass
    prof = cProfile.Profile()
    prof.enable()
    events = sum(len(r.events) for r in coder.code(articles))
    prof.disable()
    stats = pstats.Stats(prof)
    by_module: dict[str, float] = {}
    total = 0.0
    for (filename, _line, _name), row in stats.stats.items():  # type: ignore[attr-defined]
        own = float(row[2])
        total += own
        marker = "/pourparler/"
        key = filename.split(marker, 1)[1] if marker in filename and "site-packages" not in \
            filename.split(marker, 1)[0] else OTHERS
        by_module[key] = by_module.get(key, 0.0) + own
    shares = {k: round(100 * v / total, 2) for k, v in
              sorted(by_module.items(), key=lambda kv: -kv[1])}
    for k in WATCHED:
        shares.setdefault(k, 0.0)
    return {"lang": lang, "articles": len(articles), "events": events,
            "profiled_seconds": round(total, 2), "percent_by_module": shares}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--articles", type=int, default=100, help="articles per language")
    ap.add_argument("--lang", choices=LANGS)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    path = args.corpus
    if path is None:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                         encoding="utf-8") as tmp:
            for doc in _default_corpus(args.articles):
                tmp.write(json.dumps(doc, ensure_ascii=False) + "\n")
        path = Path(tmp.name)
    results = [profile(path, lang) for lang in ([args.lang] if args.lang else LANGS)]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(f"{r['lang']}: {r['articles']} articles, {r['events']} events, "
              f"{r['profiled_seconds']} s profiled")
        for module, pct in r["percent_by_module"].items():
            if pct >= 0.5 or module in WATCHED or module == OTHERS:
                print(f"  {pct:6.2f} %  {module}")


if __name__ == "__main__":
    main()
