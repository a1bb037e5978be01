#!/usr/bin/env python3
"""Throughput and memory of the coder, with the spaCy parse alone as the reference.

For each language, two measurements, each in a fresh subprocess so that peak memory
(``ru_maxrss``) belongs to that measurement alone:

* ``parse``: ``nlp.pipe`` over the texts (what any spaCy-based coder pays at least);
* ``coder``: ``Coder.code`` over the same articles (parse + actors + events + dates).

Model loading and a short warm-up are outside the timed part; peak RSS includes them.

usage: python benchmarks/throughput.py [ARTICLES.jsonl] [--articles N] [--json]

Without a file, >= N articles per language are built at run time by cycling the bundled
examples and, when present, the texts of the shared dev sets (nothing is copied to the repo).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

#: Articles per language in the default corpus: enough for a steady rate on two cores
#: (a few hundred thousand tokens) while one run stays within a few minutes.
DEFAULT_ARTICLES = 200
#: Articles coded before timing starts, so lazy loading and caches are not measured.
WARMUP_ARTICLES = 3
LANGS = ("fr", "en")


def _shared_eval() -> Path:
    override = os.environ.get("POURPARLER_SHARED")
    base = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    return base / "eval"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _default_corpus(per_lang: int) -> list[dict[str, Any]]:
    examples = Path(str(resources.files("pourparler") / "examples" / "articles.jsonl"))
    seeds = _read_jsonl(examples)
    shared = _shared_eval()
    for name in ("seed.jsonl", "dev-fr.jsonl", "dev-en.jsonl"):
        if (shared / name).is_file():
            seeds += _read_jsonl(shared / name)
    out: list[dict[str, Any]] = []
    for lang in LANGS:
        pool = [d for d in seeds if d.get("lang") == lang and d.get("text")]
        for i in range(per_lang):
            doc = pool[i % len(pool)]
            out.append({"id": f"{doc['id']}#{i}", "lang": lang, "text": doc["text"],
                        "published": doc.get("published"), "title": doc.get("title")})
    return out


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _worker(mode: str, lang: str, path: Path) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    from pourparler import nlp as nlp_mod
    from pourparler.ingest import detect_language, read_jsonl
    from pourparler.model import Article

    articles = [a for a in read_jsonl(path)
                if isinstance(a, Article) and (a.lang or detect_language(a.text)[0]) == lang]
    texts = [a.text for a in articles]
    nlp = nlp_mod.load(lang)
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    warm = articles[:WARMUP_ARTICLES]
    events = 0
    if mode == "parse":
        from pourparler.options import PIPE_BATCH_SIZE

        # Same batch size as the coder, so the two differ only in what the coder adds.
        for _ in nlp.pipe([a.text for a in warm], batch_size=PIPE_BATCH_SIZE):
            pass
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE):
            pass
        elapsed = time.perf_counter() - start
    else:
        from pourparler.pipeline import Coder

        coder = Coder()
        for _ in coder.code(warm):
            pass
        start = time.perf_counter()
        for result in coder.code(articles):
            events += len(result.events)
        elapsed = time.perf_counter() - start
    return {"mode": mode, "lang": lang, "articles": len(articles), "tokens": tokens,
            "events": events, "seconds": round(elapsed, 3),
            "articles_per_s": round(len(articles) / elapsed, 2) if elapsed else None,
            "tokens_per_s": round(tokens / elapsed, 1) if elapsed else None,
            "peak_rss_mb": round(_peak_rss_mb(), 1)}


def _measure(mode: str, lang: str, path: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, str(path), "--worker", mode, "--lang", lang],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"mode": mode, "lang": lang, "error": proc.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _table(rows: list[dict[str, Any]], ratios: dict[str, float | None]) -> str:
    head = f"{'lang':<5}{'mode':<7}{'articles':>9}{'tokens':>9}{'art/s':>9}{'tok/s':>10}" \
           f"{'peak MB':>9}{'events':>8}"
    lines = [head, "-" * len(head)]
    for r in rows:
        if "error" in r:
            lines.append(f"{r['lang']:<5}{r['mode']:<7} failed: {' '.join(r['error'])}")
            continue
        lines.append(f"{r['lang']:<5}{r['mode']:<7}{r['articles']:>9}{r['tokens']:>9}"
                     f"{r['articles_per_s']:>9}{r['tokens_per_s']:>10}{r['peak_rss_mb']:>9}"
                     f"{r['events']:>8}")
    for lang, ratio in ratios.items():
        shown = f"{ratio:.2f}" if ratio is not None else "n/a"
        lines.append(f"{lang}: coder throughput / parse throughput = {shown}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", nargs="?", type=Path, help="JSON-lines file of articles")
    ap.add_argument("--articles", dest="per_lang", type=int, default=DEFAULT_ARTICLES,
                    help="articles per language in the default corpus")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--worker", choices=["parse", "coder"], help=argparse.SUPPRESS)
    ap.add_argument("--lang", choices=LANGS, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        print(json.dumps(_worker(args.worker, args.lang, args.articles)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = args.articles
        if path is None:
            path = Path(tmp) / "corpus.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for doc in _default_corpus(args.per_lang):
                    fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        from pourparler.ingest import detect_language

        langs = sorted({d.get("lang") or detect_language(str(d.get("text") or ""))[0]
                        for d in _read_jsonl(path)} & set(LANGS))
        rows = [_measure(mode, lang, path) for lang in langs for mode in ("parse", "coder")]
    ratios: dict[str, float | None] = {}
    for lang in langs:
        rates = {r["mode"]: r.get("articles_per_s") for r in rows if r["lang"] == lang}
        parse, coder = rates.get("parse"), rates.get("coder")
        ratios[lang] = round(coder / parse, 3) if parse and coder else None
    if args.json:
        print(json.dumps({"results": rows, "coder_over_parse": ratios}, indent=2))
    else:
        print(_table(rows, ratios))


if __name__ == "__main__":
    main()
