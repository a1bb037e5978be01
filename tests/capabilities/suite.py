"""Expand the capability templates over the fills and measure the coder cell by cell."""

from __future__ import annotations

import json
import random
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pourparler.model import Article
from pourparler.pipeline import Coder

from .fills import ORGS, PUBLISHED, STATES, Fill, Leader, leaders_in_office
from .spec import Template
from .templates_en import TEMPLATES_EN
from .templates_fr import TEMPLATES_FR

#: Seed of the fill sampling: the same cases on every run.
SEED = 20201
#: Cases per template (distinct fills of its slots).
FILLS_PER_TEMPLATE = 20
#: Margin between a measured pass rate and the floor pinned from it.
FLOOR_MARGIN = 0.05

TEMPLATES: tuple[Template, ...] = TEMPLATES_EN + TEMPLATES_FR

#: A lowercase letter opening a sentence or a quotation (a filled slot such as « le Mali »).
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?] )|(?<=« )|(?<=^'))[a-zéè]")


@dataclass(frozen=True)
class Case:
    """One filled sentence and the actor keys and root its event must have."""

    template: Template
    text: str
    source: str
    target: str


def _slots(text: str) -> set[str]:
    return {s for s in ("A", "B", "LEADER_A", "LEADER_B", "ORG_A", "ORG_B")
            if "{" + s + "}" in text or "{" + s + "_" in text}


def _state_values(slot: str, fill: Fill, lang: str) -> dict[str, str]:
    forms = fill.forms(lang)
    return {slot: forms.name, f"{slot}_de": forms.de, f"{slot}_a": forms.a,
            f"{slot}_dem": forms.dem, f"{slot}_in": forms.loc}


def _fill_once(template: Template, rng: random.Random,
               leaders: tuple[Leader, ...]) -> tuple[str, dict[str, str]]:
    """One sentence of ``template`` and the key of each slot in it."""
    slots = _slots(template.text)
    values: dict[str, str] = {}
    keys: dict[str, str] = {}
    states = rng.sample(STATES, 2)
    orgs = rng.sample(ORGS, 2)
    people = rng.sample(leaders, 2)
    for slot, fill in (("A", states[0]), ("B", states[1]), ("ORG_A", orgs[0]),
                       ("ORG_B", orgs[1])):
        if slot in slots:
            values.update(_state_values(slot, fill, template.lang))
            keys[slot] = fill.key
    for slot, person in (("LEADER_A", people[0]), ("LEADER_B", people[1])):
        if slot in slots:
            values[slot] = person.name
            keys[slot] = person.key
    if keys.get("LEADER_A") and keys.get("LEADER_A") == keys.get("B"):
        return "", keys
    return _SENTENCE_START.sub(lambda m: m.group(0).upper(),
                               template.text.format_map(values)), keys


def expand(template: Template, n: int = FILLS_PER_TEMPLATE,
           seed: int = SEED) -> list[Case]:
    """``n`` distinct cases of ``template``, sampled with a seed fixed per template."""
    rng = random.Random(seed ^ zlib.crc32(template.id.encode()))
    leaders = leaders_in_office(PUBLISHED)
    cases: dict[str, Case] = {}
    for _ in range(50 * n):
        if len(cases) >= n:
            break
        text, keys = _fill_once(template, rng, leaders)
        if text and text not in cases and keys[template.source] != keys[template.target]:
            cases[text] = Case(template, text, keys[template.source], keys[template.target])
    return list(cases.values())


def all_cases(templates: Iterable[Template] = TEMPLATES) -> list[Case]:
    """Every case of every template."""
    return [case for t in templates for case in expand(t)]


def passes(coder: Coder, case: Case) -> bool:
    """Whether the coder yields an event with the case's source, target and root."""
    result = coder.code_one(Article(case.template.id, case.text, published=PUBLISHED,
                                    lang=case.template.lang))
    wanted = {(case.source, case.target)}
    if case.template.symmetric:
        wanted.add((case.target, case.source))
    return any(e.root == case.template.root and e.source is not None and e.target is not None
               and (e.source.key, e.target.key) in wanted for e in result.events)


def measure(coder: Coder, cases: Iterable[Case]) -> dict[tuple[str, str], tuple[float, int]]:
    """Pass rate and number of cases per (cell, lang)."""
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        row = tally[(case.template.cell, case.template.lang)]
        row[0] += passes(coder, case)
        row[1] += 1
    return {k: (ok / n, n) for k, (ok, n) in tally.items()}


def cells(templates: Iterable[Template] = TEMPLATES) -> list[str]:
    """The cells in order: P1..P14, then R01..R20."""
    names = {t.cell for t in templates}
    return sorted(names, key=lambda c: (c[0] != "P", int(c[1:])))


FLOORS_FILE = Path(__file__).with_name("floors.json")


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    """The pinned floor of each cell and language."""
    floors: dict[str, dict[str, float]] = json.loads(path.read_text(encoding="utf-8"))
    return floors


def floors_from(matrix: dict[tuple[str, str], tuple[float, int]],
                margin: float = FLOOR_MARGIN) -> dict[str, dict[str, float]]:
    """Floors pinned just under a measurement: rate minus ``margin``, never below 0."""
    floors: dict[str, dict[str, float]] = {}
    for (cell, lang), (rate, _) in sorted(matrix.items()):
        floors.setdefault(cell, {})[lang] = round(max(0.0, rate - margin), 2)
    return {cell: floors[cell] for cell in cells() if cell in floors}
