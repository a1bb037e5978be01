"""How long the gazetteer takes to load and how much memory it holds (issue 6 budget:
<= 1 s, <= 200 MB). Run: python benchmarks/geo_load.py"""

from __future__ import annotations

import gc
import time
import tracemalloc


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        pages = int(fh.read().split()[1])
    return pages * 4096 / 1e6


def main() -> None:
    import pourparler.geo as geo  # imports (yaml, model) are not the gazetteer's cost

    gc.collect()
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gaz = geo.build_gazetteer()
    elapsed = time.perf_counter() - t0
    rss1 = _rss_mb()
    # a second build under tracemalloc (which slows it down) for the Python heap it holds
    tracemalloc.start()
    again = geo.build_gazetteer()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del again
    gc.collect()
    print(f"gazetteer: {gaz.cities} cities, {gaz.size} names")
    print(f"load time: {elapsed:.3f} s")
    print(f"python heap held: {held / 1e6:.1f} MB (peak {peak / 1e6:.1f} MB)")
    print(f"RSS growth of the first load: {rss1 - rss0:.1f} MB")
    t0 = time.perf_counter()
    n = 0
    for name in ("Moscou", "Rafah", "la bande de Gaza", "Tripoli", "Kiev", "Nowhere-on-Earth"):
        for _ in range(2000):
            gaz.best(name, {"PSE": 0.5})
            n += 1
    print(f"lookup: {(time.perf_counter() - t0) / n * 1e6:.1f} µs per best()")


if __name__ == "__main__":
    main()
