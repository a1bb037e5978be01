"""PETRARCH's unit-test suite coded from raw text with the suite's four validation dictionaries
and no built-in knowledge.

    python benchmarks/petrarch_suite.py [--shared PATH] [--details]

Prints exact and lenient precision/recall/F1 and record accuracy (the suite README's rules),
per category, and with --details each record that is not exactly right. Reference points on
the development half (both given the gold parse trees): PETRARCH-1 exact F1 0.794, record
accuracy 0.772; PETRARCH-2 0.422 / 0.303.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from pourparler.dictionaries.coder import Dictionaries, SentenceCoder
from pourparler.dictionaries.suite import (
    VALIDATION_FILES,
    code_suite,
    load_suite,
    score,
    triples,
)
from pourparler.events.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared folder (default $POURPARLER_SHARED)")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared or os.environ.get("POURPARLER_SHARED") or ROOT.parent / "shared")
    folder = shared / "eval" / "petrarch-dictionaries"
    load1 = os.getloadavg()[0]
    started = time.perf_counter()
    d = Dictionaries.load(**{k: [folder / v] for k, v in VALIDATION_FILES.items()})
    coder = SentenceCoder(d, load_lexicon("en").grammar)
    records = load_suite(shared / "eval" / "petrarch-dev.jsonl")
    predicted = code_suite(records, coder)
    s = score(records, predicted)
    took = time.perf_counter() - started
    print(f"machine load (1 min) at start: {load1:.2f} on {os.cpu_count()} CPUs; "
          f"{len(records)} records in {took:.1f} s")
    for name, t in (("exact", s.exact), ("lenient", s.lenient)):
        print(f"{name:8} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}  "
              f"record accuracy {t.accuracy:.3f}")
    for cat, t in sorted(s.by_category.items()):
        print(f"  {cat:10} records {t.records:3}  F1 {t.f1:.3f}  accuracy {t.accuracy:.3f}")
    if args.details:
        for r in records:
            got, want = predicted[r["id"]], triples(r["expected"])
            if got != want:
                print(f"{r['id']}: missed {sorted(want - got)} extra {sorted(got - want)}")


if __name__ == "__main__":
    main()
