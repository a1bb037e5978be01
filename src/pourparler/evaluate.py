"""Score coded events against a gold set, by the rules of the shared eval README.

An event is scored as a key per article: (source actor, target actor, CAMEO root), where an
actor is its ``org`` if set, else its ``country``. Stricter levels add the full code, the
PLOVER type or the date. Statements (root 01) and events said not to happen or only possibly
happening are left out; symmetric gold events match either direction once; optional gold events
are neither hits nor misses; keys are sets per article; figures are micro-averaged.

The ``place`` level is apart: of the required gold events that carry a location and are found
at the root level, the share whose predicted country is right and, for cities, the share with a
predicted point within 50 km.

The figures must equal those of the reference scorer (shared/eval/score.py); the tests check it.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from pourparler.model import Event

if TYPE_CHECKING:
    from pourparler.pipeline import Coder

log = logging.getLogger(__name__)

__all__ = [
    "EVENT_LEVELS",
    "LEVELS",
    "DocScore",
    "EvaluationReport",
    "PlaceScore",
    "Score",
    "evaluate",
    "load_gold",
    "load_predictions",
    "score_events",
    "score_file",
]

EventLevel = Literal["root", "code", "plover", "date"]
Level = Literal["root", "code", "plover", "date", "place"]
#: Levels scored by matching event keys, loosest first.
EVENT_LEVELS: tuple[EventLevel, ...] = ("root", "code", "plover", "date")
LEVELS: tuple[Level, ...] = (*EVENT_LEVELS, "place")

#: A predicted point this close to the gold city counts as the right place (eval README).
PLACE_RADIUS_KM = 50.0
#: Mean Earth radius (IUGG), as in the usual haversine distance.
_EARTH_RADIUS_KM = 6371.0
#: Digits kept in reported ratios, as the reference scorer prints them.
_DIGITS = 3

#: Other spellings of organisation actors (CAMEO codes, French acronyms) -> the gold's names.
_ORG_SPELLINGS: dict[str, str] = {
    "OTAN": "NATO", "NAT": "NATO", "IGOWSTNAT": "NATO",
    "ONU": "UN", "UNO": "UN", "IGOUNO": "UN",
    "UE": "EU", "EEC": "EU", "IGOEUREEC": "EU",
    "OSC": "OSCE", "IGOEUROSC": "OSCE",
    "AFR": "AU", "IGOAFRAFR": "AU",
}
#: Statuses a coder keeps for analysts but that are not events for scoring.
_UNSCORED_STATUSES = frozenset({"negated", "hypothetical"})
_STATEMENT_ROOT = "01"

Key = tuple[str | None, ...]
EventLike = Mapping[str, Any] | Event
Predictions = Mapping[str, Iterable[EventLike]]


@dataclass(frozen=True, slots=True)
class DocScore:
    doc_id: str
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class Score:
    """Micro precision, recall and F1 at one level, with the per-document counts."""

    level: str
    tp: int
    fp: int
    fn: int
    per_doc: tuple[DocScore, ...] = ()

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, _DIGITS),
                "recall": round(self.recall, _DIGITS), "f1": round(self.f1, _DIGITS)}


@dataclass(frozen=True, slots=True)
class PlaceScore:
    """How well places are found for the gold events that are found at the root level."""

    found: int
    country_ok: int
    cities: int
    city_ok: int
    radius_km: float = PLACE_RADIUS_KM
    level: str = "place"

    @property
    def country_accuracy(self) -> float:
        return self.country_ok / self.found if self.found else 0.0

    @property
    def city_accuracy(self) -> float:
        return self.city_ok / self.cities if self.cities else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"level": "place", "found_with_location": self.found,
                "country_accuracy": round(self.country_accuracy, _DIGITS),
                f"city_within_{int(self.radius_km)}km": round(self.city_accuracy, _DIGITS),
                "cities": self.cities}


@dataclass(slots=True)
class EvaluationReport:
    """Scores of a coder on one gold file."""

    gold_path: str
    articles: int
    coded: int
    events: int
    scores: dict[str, Score | PlaceScore] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold_path, "articles": self.articles, "coded": self.coded,
                "events": self.events, "failures": dict(self.failures),
                "scores": {name: s.to_dict() for name, s in self.scores.items()}}


# --- keys ------------------------------------------------------------------------------------

def _actor_key(actor: object) -> str | None:
    """An actor's scoring identity: organisation if any, else country; a bare string as is."""
    if actor is None:
        return None
    if isinstance(actor, str):
        name = actor.upper()
    elif isinstance(actor, Mapping):
        if actor.get("org"):
            name = str(actor["org"]).upper()
        elif actor.get("country"):
            return str(actor["country"]).upper()
        else:
            return None
    else:
        return None
    return _ORG_SPELLINGS.get(name, name) or None


def _as_mapping(event: EventLike) -> Mapping[str, Any]:
    return event.to_dict() if isinstance(event, Event) else event


def _event_key(event: Mapping[str, Any], level: EventLevel) -> Key | None:
    """The key an event is matched by at ``level``, or None if it is not scored."""
    if str(event.get("status") or "").lower() in _UNSCORED_STATUSES:
        return None
    code = str(event.get("cameo") or event.get("code") or event.get("event_code") or "").strip()
    if not code or code.startswith(_STATEMENT_ROOT):
        return None
    base: Key = (_actor_key(event.get("source")), _actor_key(event.get("target")), code[:2])
    if level == "code":
        return (*base, code)
    if level == "plover":
        return (*base, str(event.get("plover") or "").upper())
    if level == "date":
        return (*base, str(event.get("date") or "")[:10])
    return base


def _reverse(key: Key) -> Key:
    return (key[1], key[0], *key[2:])


# --- event levels ----------------------------------------------------------------------------

def _score_doc(gold_events: Iterable[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]],
               level: EventLevel) -> tuple[int, int, int]:
    """(tp, fp, fn) of one article."""
    required: set[Key] = set()
    optional: set[Key] = set()
    joint: set[Key] = set()  # symmetric gold events, in the direction the annotator wrote
    for event in gold_events:
        key = _event_key(event, level)
        if key is None:
            continue
        bucket = optional if event.get("optional") else required
        bucket.add(key)
        if event.get("symmetric"):
            joint.add(key)
            bucket.add(_reverse(key))
    optional -= required  # the same key required elsewhere stays required

    # Predictions of optional events are ignored, in both directions when joint.
    ignored = optional | {_reverse(k) for k in optional & joint}
    preds = {k for k in (_event_key(e, level) for e in predicted) if k is not None} - ignored

    # What counts once: each joint event, and each one-way key not part of a joint event.
    one_way = {k for k in required if k not in joint and _reverse(k) not in joint}
    joint_required = joint & required
    tp = sum(1 for k in one_way if k in preds)
    tp += sum(1 for k in joint_required if k in preds or _reverse(k) in preds)
    fn = len(one_way) + len(joint_required) - tp
    fp = sum(1 for k in preds if k not in required and _reverse(k) not in joint)
    return tp, fp, fn


@overload
def score_events(gold_docs: Iterable[Mapping[str, Any]], predictions: Predictions,
                 level: EventLevel = "root") -> Score: ...
@overload
def score_events(gold_docs: Iterable[Mapping[str, Any]], predictions: Predictions,
                 level: Literal["place"]) -> PlaceScore: ...
@overload
def score_events(gold_docs: Iterable[Mapping[str, Any]], predictions: Predictions,
                 level: str) -> Score | PlaceScore: ...
def score_events(gold_docs: Iterable[Mapping[str, Any]], predictions: Predictions,
                 level: str = "root") -> Score | PlaceScore:
    """Score predictions (article id -> events) against gold documents at one level.

    Gold documents are objects with ``id`` and ``events`` (eval README); predicted events are
    event records (:class:`Event` or its dict form).
    """
    preds = {str(doc_id): [_as_mapping(e) for e in events]
             for doc_id, events in predictions.items()}
    if level == "place":
        return _score_places(gold_docs, preds)
    if level not in EVENT_LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    event_level: EventLevel = level  # narrowed by the membership test above
    per_doc = []
    for doc in gold_docs:
        doc_id = str(doc["id"])
        tp, fp, fn = _score_doc(doc.get("events") or [], preds.get(doc_id, []), event_level)
        per_doc.append(DocScore(doc_id, tp, fp, fn))
    return Score(level, sum(d.tp for d in per_doc), sum(d.fp for d in per_doc),
                 sum(d.fn for d in per_doc), tuple(per_doc))


# --- places ----------------------------------------------------------------------------------

def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine formula)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2) - math.radians(lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _country_of(location: Mapping[str, Any]) -> str:
    return str(location.get("country") or "").upper()


def _near(gold: Mapping[str, Any], pred: Mapping[str, Any], km: float) -> bool:
    if any(pred.get(k) is None for k in ("lat", "lon")):
        return False
    if any(gold.get(k) is None for k in ("lat", "lon")):
        return False
    return _distance_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"]) <= km


def _score_places(gold_docs: Iterable[Mapping[str, Any]],
                  preds: Mapping[str, Sequence[Mapping[str, Any]]],
                  km: float = PLACE_RADIUS_KM) -> PlaceScore:
    found = country_ok = cities = city_ok = 0
    for doc in gold_docs:
        by_key: dict[Key, list[Mapping[str, Any]]] = {}
        for event in preds.get(str(doc["id"]), []):
            key = _event_key(event, "root")
            if key is not None:
                by_key.setdefault(key, []).append(event)
        for event in doc.get("events") or []:
            gold_loc = event.get("location")
            key = _event_key(event, "root")
            if event.get("optional") or not gold_loc or key is None:
                continue
            matches = list(by_key.get(key, []))
            if event.get("symmetric"):
                matches += by_key.get(_reverse(key), [])
            if not matches:
                continue
            found += 1
            pred_locs = [m.get("location") or {} for m in matches]
            if any(_country_of(loc) == _country_of(gold_loc) for loc in pred_locs):
                country_ok += 1
            if gold_loc.get("precision") == "city":
                cities += 1
                if any(_near(gold_loc, loc, km) for loc in pred_locs):
                    city_ok += 1
    return PlaceScore(found, country_ok, cities, city_ok, km)


# --- files and the coder ---------------------------------------------------------------------

def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold documents (one JSON object per line, each with ``id`` and ``events``)."""
    return list(_json_lines(path))


def load_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Predicted events by article id, from a JSON-lines file of either event records
    (``article_id``) or documents (``id`` + ``events``)."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in _json_lines(path):
        if "events" in record:
            doc_id = record.get("id", record.get("article_id"))
            by_doc.setdefault(str(doc_id), []).extend(record["events"])
            continue
        doc_id = record.get("article_id", record.get("doc_id"))
        if isinstance(record.get("article"), dict):
            doc_id = record["article"].get("id", doc_id)
        by_doc.setdefault(str(doc_id), []).append(record)
    return by_doc


def _check_levels(levels: Iterable[str]) -> list[str]:
    wanted = list(levels)
    for level in wanted:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    return wanted


def score_file(gold_path: Path, predictions_path: Path,
               levels: Iterable[str] = LEVELS) -> EvaluationReport:
    """Score a file of predicted event records against a gold file, without coding."""
    gold = load_gold(Path(gold_path))
    wanted = _check_levels(levels)
    predictions = load_predictions(Path(predictions_path))
    report = EvaluationReport(str(gold_path), articles=len(gold),
                              coded=sum(1 for d in gold if str(d.get("id")) in predictions),
                              events=sum(len(v) for v in predictions.values()))
    for level in wanted:
        report.scores[level] = score_events(gold, predictions, level)
    return report


def evaluate(gold_path: Path, coder: Coder, levels: Iterable[str] = LEVELS) -> EvaluationReport:
    """Code the gold file's articles (the gold documents without their events) and score them.

    An article the coder cannot code is scored with no events (all its gold events missed).
    """
    from pourparler.ingest.files import article_from_record  # ingest is light; kept local

    gold = load_gold(Path(gold_path))
    wanted = _check_levels(levels)
    report = EvaluationReport(str(gold_path), articles=len(gold), coded=0, events=0)
    articles = []
    for lineno, doc in enumerate(gold, start=1):
        record = {k: v for k, v in doc.items() if k != "events"}
        article = article_from_record(record, f"{gold_path}:{lineno}")
        if isinstance(article, Exception):
            report.failures[str(doc.get("id"))] = article.reason
            log.warning("%s", article)
        else:
            articles.append(article)
    predictions: dict[str, list[Event]] = {}
    for result in coder.code(articles):
        if result.error is not None:
            report.failures[result.article_id] = str(result.error)
            log.warning("%s: %s", result.article_id, result.error)
            continue
        report.coded += 1
        report.events += len(result.events)
        predictions.setdefault(result.article_id, []).extend(result.events)
    for level in wanted:
        report.scores[level] = score_events(gold, predictions, level)
    return report
