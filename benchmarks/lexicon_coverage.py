"""How many lexicon predicates each CAMEO root has, per language, beside how often the root
occurs in the gold of our sets.

    python benchmarks/lexicon_coverage.py [--shared PATH] [--markdown]

A predicate counts under every root its codes name (its main code, its variants, its future and
reverse codes): "menacer" with a sanctions variant counts under 13 only, "expel" under 16 and
17. The gold counts are the required (not optional) events of the seed, the dev and dev2 sets
and our golden sets, by the language of their article; only the codes are read. Root 01 is not
scored and is shown for completeness. A root with many gold events and few predicates is where
the lexicon is thin.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

from pourparler.events.lexicon import load_lexicon
from pourparler.events.ontology import cameo_code

ROOT = Path(__file__).resolve().parents[1]
SHARED_SETS = ("seed.jsonl", "dev-fr.jsonl", "dev-en.jsonl", "dev2-fr.jsonl", "dev2-en.jsonl")
OWN_SETS = ("golden/fr.jsonl", "golden/en.jsonl")
LANGS = ("fr", "en")


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("POURPARLER_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def predicate_roots(lang: str) -> Counter[str]:
    """Number of predicates of ``lang`` per CAMEO root (an entry counts once per root)."""
    out: Counter[str] = Counter()
    for p in load_lexicon(lang).predicates:
        codes = [p.cameo, *(v.cameo for v in p.variants)]
        codes += [c for c in (p.future_code, p.reverse_code) if c]
        for root in {c[:2] for c in codes}:
            out[root] += 1
    return out


def gold_roots(paths: list[Path]) -> dict[str, Counter[str]]:
    """Required gold events per language and CAMEO root."""
    out: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                doc = json.loads(line)
                lang = doc.get("lang")
                if lang not in out:
                    continue
                for ev in doc.get("events", []):
                    if not ev.get("optional"):
                        out[lang][str(ev["cameo"])[:2]] += 1
    return out


def _label(root: str) -> str:
    for code in (root, root + "0"):
        try:
            return cameo_code(code).label
        except (KeyError, ValueError):
            continue
    return ""


def table(shared: Path) -> list[tuple[str, str, int, int, int, int]]:
    """Rows (root, name, predicates fr, gold fr, predicates en, gold en)."""
    preds = {lang: predicate_roots(lang) for lang in LANGS}
    paths = [shared / n for n in SHARED_SETS] + [ROOT / "tests" / n for n in OWN_SETS]
    gold = gold_roots(paths)
    rows = []
    for n in range(1, 21):
        root = f"{n:02d}"
        rows.append((root, _label(root), preds["fr"][root], gold["fr"][root],
                     preds["en"][root], gold["en"][root]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared eval folder (default: $POURPARLER_SHARED)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    rows = table(_shared(args.shared) / "eval")
    if args.markdown:
        print("| root | name | fr predicates | fr gold | en predicates | en gold |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |")
        return
    print(f"{'root':<5}{'name':<42}{'fr pred':>8}{'fr gold':>8}{'en pred':>8}{'en gold':>8}")
    for r in rows:
        print(f"{r[0]:<5}{r[1][:41]:<42}{r[2]:>8}{r[3]:>8}{r[4]:>8}{r[5]:>8}")


if __name__ == "__main__":
    main()
