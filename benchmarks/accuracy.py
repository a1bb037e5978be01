"""Score the coder on every gold set we have, in one run: the seed, the shared dev sets (dev,
dev2), our own golden sets, and the capability suite's matrix.

    python benchmarks/accuracy.py [--shared PATH] [--json OUT] [--details SET]

Prints root precision, recall and F1 per set (and code/plover/date F1), so that a change to the
coder is measured on everything at once. ``--details dev2-en.jsonl`` also lists the misses and
false alarms of one set (keys only), to find the class of a failure, never to fit a text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from pourparler.evaluate import EVENT_LEVELS, Score, load_gold, score_events
from pourparler.model import Article, Event, parse_date
from pourparler.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
SHARED_SETS = ("seed.jsonl", "dev-fr.jsonl", "dev-en.jsonl", "dev2-fr.jsonl", "dev2-en.jsonl")
OWN_SETS = ("golden/fr.jsonl", "golden/en.jsonl")


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("POURPARLER_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def _code(coder: Coder, gold: list[dict[str, Any]]) -> dict[str, list[Event]]:
    articles = [Article(str(d["id"]), d["text"], title=d.get("title"),
                        published=parse_date(d.get("published")), lang=d.get("lang"))
                for d in gold]
    out: dict[str, list[Event]] = {}
    for result in coder.code(articles):
        out[result.article_id] = result.events
    return out


def _keys(events: list[dict[str, Any]] | list[Event]) -> set[tuple[Any, ...]]:
    out = set()
    for e in events:
        d = e.to_dict() if isinstance(e, Event) else e
        if isinstance(e, Event) and not e.counted:
            continue
        if d.get("optional"):
            continue
        s, t = d.get("source") or {}, d.get("target") or {}
        root = (d.get("cameo") or "")[:2]
        if root == "01":
            continue
        out.add((s.get("org") or s.get("country"), t.get("org") or t.get("country"), root))
    return out


def details(gold: list[dict[str, Any]], pred: dict[str, list[Event]]) -> None:
    for doc in gold:
        g = _keys(doc["events"])
        sym = {k for e in doc["events"] if e.get("symmetric") for k in _keys([e])}
        p = _keys(pred.get(str(doc["id"]), []))
        miss = sorted((k for k in g - p if not (k in sym and (k[1], k[0], k[2]) in p)), key=str)
        extra = sorted((k for k in p - g if (k[1], k[0], k[2]) not in sym), key=str)
        print(f"  {doc['id']}: miss {miss} | false {extra}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared")
    ap.add_argument("--json")
    ap.add_argument("--details", action="append", default=[])
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--dump", help="write every counted event (set, article, key, rule) here")
    args = ap.parse_args(argv)
    eval_dir = _shared(args.shared) / "eval"
    sets = [(n, eval_dir / n) for n in SHARED_SETS] + [(n, ROOT / "tests" / n) for n in OWN_SETS]
    if args.only:
        sets = [(n, p) for n, p in sets if any(o in n for o in args.only)]
    coder = Coder()
    report: dict[str, Any] = {}
    dump: list[str] = []
    t0 = time.perf_counter()
    print(f"{'set':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}  "
          + " ".join(f"{lv:>6}" for lv in EVENT_LEVELS if lv != "root"))
    for name, path in sets:
        if not path.is_file():
            print(f"{name:18} missing ({path})", file=sys.stderr)
            continue
        gold = load_gold(path)
        pred = _code(coder, gold)
        scores: dict[str, Score] = {lv: score_events(gold, pred, lv)  # type: ignore[misc]
                                    for lv in EVENT_LEVELS}
        r = scores["root"]
        print(f"{name:18} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {r.tp:4} {r.fp:4} "
              f"{r.fn:4}  " + " ".join(f"{scores[lv].f1:6.3f}" for lv in EVENT_LEVELS
                                       if lv != "root"))
        report[name] = {lv: s.to_dict() for lv, s in scores.items()}
        for doc_id, events in pred.items():
            for e in events:
                if e.counted and e.root != "01":
                    dump.append(f"{name}\t{doc_id}\t{e.sentence}\t{e.source.key}->"
                                f"{e.target.key}\t{e.cameo}\t{e.rule}")
        if any(d in name for d in args.details):
            details(gold, pred)
    print(f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    if args.dump:
        Path(args.dump).write_text("\n".join(sorted(dump)) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
