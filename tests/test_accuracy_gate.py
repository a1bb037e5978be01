"""The accuracy gate: the coder scored on the shared dev sets must not fall below its floors.

The shared eval folder sits beside the repository (``<root>/shared/eval``); set
``POURPARLER_SHARED`` to the ``shared`` folder to point elsewhere. Each file is pinned by its
sha256 so that a change of the data is noticed and the floors re-measured.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pourparler.evaluate import EVENT_LEVELS, PlaceScore, Score, load_gold, score_events
from pourparler.model import Article, Event, parse_date
from pourparler.pipeline import Coder

SHARED_ENV = "POURPARLER_SHARED"

SHA256 = {
    "seed.jsonl": "b8d2f2f90f85ab903ee3c2135c590b737b2b1b24c37398d8a93dff6ce61afe53",
    "dev-fr.jsonl": "10ca4c75ecf5e8c1d0d770bd6c940ab34002eb4290f840c92fa218f6a380a68f",
    "dev-en.jsonl": "0c898bd0490a798b3bbf9b5e3e2924a2a460f3aab4a1a6ba927fca99be7c148d",
    "dev2-fr.jsonl": "3c9904dc5f6d3e2ebe510fc1d7042d9acb9b92997ffae5ac57daa526f089bb7f",
    "dev2-en.jsonl": "5cb6a05dd97d79f26b57f9c313f007f4241e0d973fdb1274e7f27316b3225891",
}

#: F1 floors per file and level: the F1 measured minus 0.03, rounded down to 2 decimals; raise
#: them as the coder improves. Measured on 2026-11-25 (root / code / plover / date):
#:   seed.jsonl    1.000 / 1.000 / 1.000 / 0.857
#:   dev-fr.jsonl  0.745 / 0.649 / 0.667 / 0.655
#:   dev-en.jsonl  0.826 / 0.735 / 0.818 / 0.655
#: and on 2026-12-03 for the denser second dev sets, re-measured after that day's coder changes
#: (dev-fr then read 0.745 / 0.621 / 0.667 / 0.655, dev-en 0.818 / 0.729 / 0.818 / 0.650: their
#: floors still hold):
#:   dev2-fr.jsonl 0.512 / 0.393 / 0.462 / 0.295 (2026-12-03; 0.379 / 0.277 / 0.353 / 0.238 before)
#:   dev2-en.jsonl 0.691 / 0.471 / 0.600 / 0.416 (2026-12-03; 0.574 / 0.405 / 0.496 / 0.349 before)
FLOORS: dict[str, dict[str, float]] = {
    "seed.jsonl": {"root": 0.97, "code": 0.97, "plover": 0.97, "date": 0.82},
    "dev-fr.jsonl": {"root": 0.72, "code": 0.62, "plover": 0.64, "date": 0.62},
    "dev-en.jsonl": {"root": 0.79, "code": 0.70, "plover": 0.78, "date": 0.62},
    "dev2-fr.jsonl": {"root": 0.48, "code": 0.36, "plover": 0.43, "date": 0.26},
    "dev2-en.jsonl": {"root": 0.66, "code": 0.44, "plover": 0.57, "date": 0.38},
}


def eval_dir() -> Path:
    override = os.environ.get(SHARED_ENV)
    shared = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    return shared / "eval"


@pytest.fixture(scope="module")
def folder() -> Path:
    path = eval_dir()
    missing = [name for name in SHA256 if not (path / name).is_file()]
    if missing:
        pytest.fail(f"shared eval data missing in {path}: {', '.join(missing)}; set "
                    f"{SHARED_ENV} to the folder that holds eval/", pytrace=False)
    return path


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


Gold = list[dict[str, Any]]
Predictions = dict[str, list[Event]]


@pytest.fixture(scope="module")
def coded(folder: Path, coder: Coder) -> dict[str, tuple[Gold, Predictions]]:
    """Each file coded once per session: its gold documents and the coder's events by id."""
    out: dict[str, tuple[Gold, Predictions]] = {}
    for name in SHA256:
        gold = load_gold(folder / name)
        articles = [Article(str(d["id"]), d["text"], title=d.get("title"),
                            published=parse_date(d.get("published")), lang=d.get("lang"))
                    for d in gold]
        predictions: Predictions = {}
        for result in coder.code(articles):
            assert result.error is None, f"{name}: {result.article_id}: {result.error}"
            predictions[result.article_id] = result.events
        out[name] = (gold, predictions)
    return out


@pytest.mark.parametrize("name", sorted(SHA256))
def test_data_is_the_measured_data(folder: Path, name: str) -> None:
    digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert digest == SHA256[name], f"{name}: data changed: re-measure and update floors"


@pytest.mark.parametrize(("name", "level"),
                         [(name, level) for name in sorted(FLOORS) for level in EVENT_LEVELS])
def test_f1_floor(coded: dict[str, tuple[Gold, Predictions]], name: str, level: str) -> None:
    gold, predictions = coded[name]
    score = score_events(gold, predictions, level)
    assert isinstance(score, Score)
    floor = FLOORS[name][level]
    assert score.f1 >= floor, (
        f"{name} {level}: F1 {score.f1:.3f} < floor {floor} ({score.to_dict()})")


def _key(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("org") or actor.get("country")


def test_seed_every_required_event_found(coded: dict[str, tuple[Gold, Predictions]]) -> None:
    gold_docs, predictions = coded["seed.jsonl"]
    missing = []
    for doc in gold_docs:
        found = {(_key(e.source.to_dict() if e.source else None),
                  _key(e.target.to_dict() if e.target else None), e.root)
                 for e in predictions.get(str(doc["id"]), []) if e.counted}
        for gold in doc["events"]:
            if gold.get("optional"):
                continue
            want = (_key(gold["source"]), _key(gold["target"]), gold["cameo"][:2])
            ok = want in found or (gold.get("symmetric") and (want[1], want[0], want[2]) in found)
            if not ok:
                missing.append(f"{want[0]}->{want[1]} {gold['cameo']}")
    assert not missing, f"seed: required gold events not found: {missing}"


#: Place floors (issue "places"): country right among found events with a gold location, and
#: city points within 50 km; measured minus 0.03 as above. Measured on 2026-11-25:
#:   dev-fr.jsonl  country 0.947 (18/19), city 0.929 (13/14)
#:   dev-en.jsonl  country 0.929 (26/28), city 0.875 (21/24)
PLACE_FLOORS: dict[str, tuple[float, float]] = {
    "dev-fr.jsonl": (0.91, 0.89),
    "dev-en.jsonl": (0.89, 0.84),
}


@pytest.mark.parametrize("name", sorted(PLACE_FLOORS))
def test_place_floor(coded: dict[str, tuple[Gold, Predictions]], name: str) -> None:
    gold, predictions = coded[name]
    score = score_events(gold, predictions, "place")
    assert isinstance(score, PlaceScore)
    country_floor, city_floor = PLACE_FLOORS[name]
    assert score.country_accuracy >= country_floor, (name, score.to_dict())
    assert score.city_accuracy >= city_floor, (name, score.to_dict())
