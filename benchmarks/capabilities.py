"""The capability suite's matrix: pass rate per PHENOMENA class and CAMEO root, per language.

    python benchmarks/capabilities.py [--json OUT] [--write-floors] [--templates]

Every template of ``tests/capabilities`` is filled from the seeded fill lists and coded; a case
passes when an event with the expected source key, target key and root is coded. Prints one
row per cell (fr/en rate and number of cases). ``--write-floors`` re-pins
``tests/capabilities/floors.json`` (measured rate minus the margin); ``--templates`` also
prints each template's own rate, to tell a coder gap from a broken template.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from pourparler.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from capabilities.suite import (  # noqa: E402
    FLOOR_MARGIN,
    FLOORS_FILE,
    TEMPLATES,
    all_cases,
    cells,
    floors_from,
    passes,
)

LANGS = ("fr", "en")


def main(argv: list[str] | None = None) -> int:
    """Measure the suite, print the matrix, optionally save it and re-pin the floors."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", metavar="FILE", help="write the matrix as JSON")
    ap.add_argument("--write-floors", action="store_true",
                    help=f"re-pin floors.json (rate - {FLOOR_MARGIN})")
    ap.add_argument("--templates", action="store_true", help="print each template's rate")
    args = ap.parse_args(argv)

    coder = Coder()
    cases = all_cases(TEMPLATES)
    start = time.perf_counter()
    per_template: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        row = per_template[case.template.id]
        row[0] += passes(coder, case)
        row[1] += 1
    seconds = time.perf_counter() - start
    cell_tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for t in TEMPLATES:
        ok, n = per_template[t.id]
        cell_tally[(t.cell, t.lang)][0] += ok
        cell_tally[(t.cell, t.lang)][1] += n
    matrix = {k: (ok / n, n) for k, (ok, n) in cell_tally.items()}

    print(f"{'cell':<6}" + "".join(f"{lang + ' rate':>10}{'n':>6}" for lang in LANGS))
    for cell in cells():
        line = "".join(f"{matrix[(cell, lang)][0]:>10.2f}{matrix[(cell, lang)][1]:>6d}"
                      if (cell, lang) in matrix else f"{'-':>10}{0:>6d}" for lang in LANGS)
        print(f"{cell:<6}{line}")
    for lang in LANGS:
        ok = sum(v[0] for (_, lg), v in cell_tally.items() if lg == lang)
        n = sum(v[1] for (_, lg), v in cell_tally.items() if lg == lang)
        print(f"all {lang}: {ok / n:.3f} over {n} cases")
    print(f"{len(cases)} cases coded in {seconds:.1f} s ({len(cases) / seconds:.0f}/s)")
    if args.templates:
        for t in TEMPLATES:
            ok, n = per_template[t.id]
            print(f"{t.id:<12} {ok / n:.2f}  {t.text}")
    if args.json:
        out = {"cells": {f"{c}-{lang}": {"rate": r, "n": n}
                         for (c, lang), (r, n) in sorted(matrix.items())},
               "templates": {t.id: {"rate": per_template[t.id][0] / per_template[t.id][1],
                                    "text": t.text} for t in TEMPLATES},
               "cases": len(cases), "seconds": round(seconds, 1)}
        Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    if args.write_floors:
        FLOORS_FILE.write_text(json.dumps(floors_from(matrix), indent=1) + "\n",
                               encoding="utf-8")
        print(f"floors written to {FLOORS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
