"""Load test of PETRARCH's production dictionaries (CAMEO.2.0 verbs, Phoenix actors, agents,
discards), read from where the user keeps them.

    python benchmarks/dictionaries_load.py [--shared PATH] [--articles N] [--accuracy]

Prints per file: entries, problems, read time; then the indexes' build time, the peak Python
memory of reading and indexing (tracemalloc), the time to merge the Phoenix actors into the
built-in knowledge, and coding speed on N dev-en articles with and without the dictionaries.
With --accuracy, also root precision/recall/F1 (benchmarks/accuracy.py's scoring) on dev-en
and dev2-en, built-in alone and with the production dictionaries merged over it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
import tracemalloc
from pathlib import Path

from pourparler.dictionaries import read_actors, read_agents, read_discards, read_verbs
from pourparler.dictionaries.coder import Dictionaries

ROOT = Path(__file__).resolve().parents[1]
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
MIB = 1024 * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared")
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--accuracy", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared or os.environ.get("POURPARLER_SHARED") or ROOT.parent / "shared")
    folder = shared / "eval" / "petrarch-dictionaries"
    print(f"machine load (1 min) at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    tracemalloc.start()
    started = time.perf_counter()
    actors = [read_actors(folder / f) for f in ACTOR_FILES]
    agents = read_agents(folder / "Phoenix.agents.txt")
    verbs = read_verbs(folder / "CAMEO.2.0.txt")
    discards = read_discards(folder / "Phoenix.discards.txt")
    read_s = time.perf_counter() - started
    for d in actors:
        print(f"{Path(d.path).name:34} {len(d.entries):6} actors    "
              f"{len(d.problems):3} problems  {d.seconds:.2f} s")
    print(f"{'Phoenix.agents.txt':34} {len(agents.entries):6} agents    "
          f"{len(agents.problems):3} problems  {agents.seconds:.2f} s")
    print(f"{'CAMEO.2.0.txt':34} {verbs.pattern_count:6} patterns  "
          f"{len(verbs.problems):3} problems  {verbs.seconds:.2f} s "
          f"({len(verbs.blocks)} blocks, {verbs.verb_count} verbs, {len(verbs.synsets)} synsets)")
    print(f"{'Phoenix.discards.txt':34} {len(discards.entries):6} discards  "
          f"{len(discards.problems):3} problems  {discards.seconds:.2f} s")
    d = Dictionaries(actors, [agents], [verbs], [discards])
    t = time.perf_counter()
    n_phrases = len(d.actor_index) + len(d.agent_index)
    forms = len(d.verb_index.by_form)
    index_s = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"read {read_s:.2f} s (under tracemalloc), index {index_s:.2f} s ({n_phrases} "
          f"phrases, {forms} verb forms); peak Python memory {peak / MIB:.0f} MiB, process "
          f"peak RSS {rss:.0f} MiB (no model loaded yet)")

    from pourparler.model import Article, parse_date
    from pourparler.options import CoderOptions
    from pourparler.pipeline import Coder, load_actor_knowledge

    t = time.perf_counter()
    load_actor_knowledge([folder / f for f in ACTOR_FILES])
    print(f"Phoenix actors merged into the built-in knowledge in {time.perf_counter() - t:.1f} s")

    gold = [json.loads(line) for line in (shared / "eval" / "dev-en.jsonl").open()]
    arts = [Article(str(g["id"]), g["text"], published=parse_date(g.get("published")),
                    lang="en") for g in gold[:args.articles]]
    plain = Coder(CoderOptions())
    plain.code_one(arts[0])  # models and knowledge load outside the timing
    merged = Coder(CoderOptions(actor_files=tuple(folder / f for f in ACTOR_FILES),
                                agent_files=(folder / "Phoenix.agents.txt",),
                                verb_files=(folder / "CAMEO.2.0.txt",),
                                discard_files=(folder / "Phoenix.discards.txt",)))
    merged.code_one(arts[0])
    alone = Coder(CoderOptions(actor_files=tuple(folder / f for f in ACTOR_FILES),
                               agent_files=(folder / "Phoenix.agents.txt",),
                               verb_files=(folder / "CAMEO.2.0.txt",),
                               discard_files=(folder / "Phoenix.discards.txt",),
                               no_builtin=True))
    alone.code_one(arts[0])
    for name, coder in (("built-in", plain), ("built-in + PETRARCH", merged),
                        ("PETRARCH alone", alone)):
        t = time.perf_counter()
        n = sum(len(r.events) for r in coder.code(arts))
        took = time.perf_counter() - t
        print(f"coding {len(arts)} dev-en articles, {name:20}: {took:.1f} s "
              f"({len(arts) / took:.1f} articles/s, {n} events)")
    if args.accuracy:
        actors_only = Coder(CoderOptions(actor_files=tuple(folder / f for f in ACTOR_FILES)))
        _accuracy(shared, {"built-in": plain, "+ Phoenix actors": actors_only,
                           "built-in + PETRARCH": merged})


def _accuracy(shared: Path, coders: dict[str, object]) -> None:
    from pourparler.evaluate import load_gold, score_events
    from pourparler.model import Article, parse_date

    for name in ("dev-en.jsonl", "dev2-en.jsonl"):
        gold = load_gold(shared / "eval" / name)
        arts = [Article(str(d["id"]), d["text"], title=d.get("title"),
                        published=parse_date(d.get("published")), lang=d.get("lang"))
                for d in gold]
        for label, coder in coders.items():
            pred = {r.article_id: r.events for r in coder.code(arts)}  # type: ignore[attr-defined]
            r = score_events(gold, pred, "root")
            print(f"{name:14} {label:20} root P {r.precision:.3f} R {r.recall:.3f} "
                  f"F1 {r.f1:.3f} (tp {r.tp}, fp {r.fp}, fn {r.fn})")


if __name__ == "__main__":
    main()
