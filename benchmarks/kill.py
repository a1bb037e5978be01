#!/usr/bin/env python3
"""kill -9 at length: the trials of tests/test_kill.py, many more of them, a random seed.

Creation trials kill a forked child while it creates a new store; ingest trials kill one
that ingests into a store (each trial goes on where the last stopped) while this process
reads the store. Prints trials, kills that landed mid-write, articles reported committed,
articles lost, half-written articles, reads and inconsistent reads, and the machine's load
(two cores shared by several users). POSIX only (fork).

usage: PYTHONPATH=src python benchmarks/kill.py [--trials N] [--seed N] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import kill_trials as kt

#: Trials of each kind by default: five times what CI runs.
DEFAULT_TRIALS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=DEFAULT_TRIALS)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()
    out: dict[str, object] = {"seed": args.seed, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in (("creation", kt.creation_trials), ("ingest", kt.ingest_trials)):
            where = Path(tmp) / name
            where.mkdir()
            started = time.perf_counter()
            stats = run(where, args.trials, random.Random(args.seed))
            result = dataclasses.asdict(stats)
            result["seconds"] = round(time.perf_counter() - started, 1)
            out[name] = result
            if not args.json:
                print(f"{name:9s} trials {stats.trials:4d}  killed mid-write "
                      f"{stats.killed_mid_write:4d}  committed seen {stats.committed_seen:5d}  "
                      f"lost {stats.lost}  half-written {stats.half_written}  reads "
                      f"{stats.reads:5d}  inconsistent {stats.inconsistent_reads}  "
                      f"{result['seconds']:6.1f} s", flush=True)
                for problem in stats.problems[:10]:
                    print("   ", problem)
    load_after = os.getloadavg()
    out["load_avg_start"] = [round(x, 2) for x in load_before]
    out["load_avg_end"] = [round(x, 2) for x in load_after]
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"seed {args.seed}; load average {load_before[0]:.2f} at start, "
              f"{load_after[0]:.2f} at end, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
