#!/usr/bin/env python3
"""Fuzzing at length: the targets of tests/test_fuzz.py with many more cases, random seeds.

Each target runs under hypothesis with ``--cases`` examples (the coder a tenth of them: it
parses); a crash is an input that breaks the target's property (see tests/fuzz_targets.py),
reported with hypothesis's smallest such input. Prints, per target, the cases run and the
crashes found, and the machine's load average at the start and the end (two cores shared by
several users: read the time with it).

usage: PYTHONPATH=src python benchmarks/fuzz.py [--cases N] [--only NAME] [--seed N] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import fuzz_targets as ft

#: Cases per target by default: about ten times what CI runs.
DEFAULT_CASES = 5000
#: The coder's share of the cases (a parse costs ~10 ms where a read costs ~0.1 ms).
CODER_SHARE = 0.1


def _targets(tmp: Path) -> dict[str, tuple[Callable[..., None], dict[str, Any], float]]:
    """name -> (property, strategies of its arguments, share of the cases)."""
    kn: dict[str, Any] = {}
    coder: dict[str, Any] = {}

    def knowledge() -> Any:
        if "kn" not in kn:
            from pourparler.pipeline import load_actor_knowledge

            kn["kn"] = load_actor_knowledge()
        return kn["kn"]

    def the_coder() -> Any:
        if "c" not in coder:
            from pourparler.pipeline import Coder

            coder["c"] = Coder()
        return coder["c"]

    return {
        "jsonl": (lambda lines, name: ft.check_jsonl_corpus(tmp, lines, name),
                  {"lines": ft.jsonl_corpora(),
                   "name": st.sampled_from(["c.jsonl", "c.jsonl.gz", "-"])}, 1.0),
        "bytes": (lambda data, name: ft.check_any_bytes(tmp, data, name),
                  {"data": st.binary(max_size=5000) | st.text(max_size=2000).map(str.encode),
                   "name": st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.jsonl.gz",
                                            "a.csv.zst", "a.jsonl.bz2", "a.parquet", "-"])},
                  1.0),
        "csv": (lambda data, name: ft.check_any_bytes(tmp, data, name),
                {"data": ft.csv_corpora(), "name": st.sampled_from(["c.csv", "-"])}, 0.5),
        "html": (ft.check_html, {"page": ft.html_pages, "charset": ft.charsets}, 0.5),
        "actors-yaml": (lambda text: ft.check_user_file(knowledge(), tmp, text, ".yaml"),
                        {"text": ft.user_yaml}, 0.5),
        "actors-csv": (lambda text: ft.check_user_file(knowledge(), tmp, text, ".csv"),
                       {"text": ft.user_csv()}, 0.5),
        "coder": (lambda text, lang: ft.check_coder(the_coder(), text, lang),
                  {"text": ft.coder_texts, "lang": st.sampled_from(["en", "fr", None])},
                  CODER_SHARE),
    }


def run(name: str, prop: Callable[..., None], strategies: dict[str, Any], cases: int,
        rng_seed: int) -> dict[str, Any]:
    count = {"cases": 0}

    def counted(**kwargs: Any) -> None:
        count["cases"] += 1
        prop(**kwargs)

    test = seed(rng_seed)(settings(max_examples=cases, deadline=None, database=None,
                                   suppress_health_check=list(HealthCheck))(
        given(**strategies)(counted)))
    started = time.perf_counter()
    crash = None
    try:
        test()
    except Exception:  # hypothesis re-raises the property's failure on the smallest input
        crash = traceback.format_exc(limit=3)
    return {"target": name, "cases": count["cases"], "crashes": 0 if crash is None else 1,
            "seconds": round(time.perf_counter() - started, 1), "crash": crash}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
    parser.add_argument("--only", help="one target: " + ", ".join(
        ["jsonl", "bytes", "csv", "html", "actors-yaml", "actors-csv", "coder"]))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    # the targets log a warning per odd input (charsets, encodings): expected, and noise here
    logging.disable(logging.WARNING)
    load_before = os.getloadavg()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (prop, strategies, share) in _targets(Path(tmp)).items():
            if args.only and name != args.only:
                continue
            results.append(run(name, prop, strategies, max(1, int(args.cases * share)),
                               args.seed))
            if not args.json:
                r = results[-1]
                print(f"{r['target']:12s} cases {r['cases']:6d}  crashes {r['crashes']}  "
                      f"{r['seconds']:7.1f} s", flush=True)
                if r["crash"]:
                    print(r["crash"])
    load_after = os.getloadavg()
    summary = {"seed": args.seed, "cases": sum(r["cases"] for r in results),
               "crashes": sum(r["crashes"] for r in results),
               "load_avg_start": [round(x, 2) for x in load_before],
               "load_avg_end": [round(x, 2) for x in load_after], "cpus": os.cpu_count(),
               "targets": results}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"total: {summary['cases']} cases, {summary['crashes']} crashes (seed "
              f"{args.seed}); load average {load_before[0]:.2f} at start, "
              f"{load_after[0]:.2f} at end, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
