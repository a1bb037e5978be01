"""PETRARCH's unit-test suite scored the way its README defines (sets of triples per record).

Each record's predicted (source, target, code) triples are compared with the expected ones
after trimming whitespace; micro-averaged precision, recall and F1 over all records, and record
accuracy (the share of records whose set is exactly the expected one, empty sets included).
The lenient level cuts actor codes to 3 characters (quoted new-actor text kept whole) and event
codes to 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pourparler.evaluate import Score
from pourparler.model import parse_date

Triple = tuple[str, str, str]

#: Validation dictionaries the suite's codes come from, by kind.
VALIDATION_FILES = {
    "actors": "PETR.Validate.actors.txt",
    "agents": "PETR.Validate.agents.txt",
    "verbs": "PETR.Validate.verbs.txt",
    "discards": "PETR.Validate.discards.txt",
}
_ACTOR_BLOCK = 3
_ROOT = 2


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    records: int = 0
    exact_records: int = 0

    def add(self, predicted: set[Triple], expected: set[Triple]) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)
        self.records += 1
        self.exact_records += predicted == expected

    @property
    def precision(self) -> float:
        return self._score.precision

    @property
    def recall(self) -> float:
        return self._score.recall

    @property
    def f1(self) -> float:
        return self._score.f1

    @property
    def _score(self) -> Score:
        # the event scorer's own P/R/F1 over these counts
        return Score("triple", self.tp, self.fp, self.fn)

    @property
    def accuracy(self) -> float:
        return self.exact_records / self.records if self.records else 0.0


@dataclass(slots=True)
class SuiteScore:
    exact: Tally = field(default_factory=Tally)
    lenient: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=dict)


def _lenient_actor(code: str) -> str:
    return code if code.startswith('"') else code[:_ACTOR_BLOCK]


def lenient(triples: Iterable[Triple]) -> set[Triple]:
    return {(_lenient_actor(s), _lenient_actor(t), c[:_ROOT]) for s, t, c in triples}


def triples(events: Iterable[dict[str, Any]]) -> set[Triple]:
    return {(str(e["source"]).strip(), str(e["target"]).strip(), str(e["code"]).strip())
            for e in events}


def load_suite(path: Path) -> list[dict[str, Any]]:
    """The suite's records (one JSON object per line)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(records: list[dict[str, Any]], predicted: dict[str, set[Triple]]) -> SuiteScore:
    out = SuiteScore()
    for r in records:
        got = predicted.get(r["id"], set())
        want = triples(r["expected"])
        out.exact.add(got, want)
        out.lenient.add(lenient(got), lenient(want))
        out.by_category.setdefault(r["category"], Tally()).add(got, want)
    return out


def code_suite(records: list[dict[str, Any]], coder: Any) -> dict[str, set[Triple]]:
    """Predicted triples per record id, each record coded with its own ``config``."""
    from pourparler import nlp
    from pourparler.dictionaries.coder import DictionaryOptions

    model = nlp.load("en")
    out: dict[str, set[Triple]] = {}
    docs = model.pipe([r["text"] for r in records])
    for r, doc in zip(records, docs, strict=True):
        config = r.get("config") or {}
        opts = DictionaryOptions(require_dyad=bool(config.get("require_dyad", True)),
                                 new_actor_length=int(config.get("new_actor_length", 0)))
        events = coder.code_doc(doc, r["id"], parse_date(r.get("date")), "en", opts)
        out[r["id"]] = {((e.source.cameo or "") if e.source else "",
                         (e.target.cameo or "") if e.target else "", e.cameo) for e in events}
    return out
