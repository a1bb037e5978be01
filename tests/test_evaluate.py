"""The scorer gives the same figures as the reference scorer (shared/eval/score.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pourparler.errors import InputError
from pourparler.evaluate import (
    EVENT_LEVELS,
    LEVELS,
    PlaceScore,
    Score,
    evaluate,
    load_predictions,
    score_events,
    score_file,
)
from pourparler.model import Actor, Article, Event, Evidence
from pourparler.pipeline import ArticleResult


def _shared_eval() -> Path:
    override = os.environ.get("POURPARLER_SHARED")
    base = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    return base / "eval"


SCORE_PY = _shared_eval() / "score.py"


@pytest.fixture(scope="module")
def score_py() -> Path:
    if not SCORE_PY.is_file():
        pytest.fail(f"reference scorer not found at {SCORE_PY} (set POURPARLER_SHARED)")
    return SCORE_PY


def _write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def _reference(score_py: Path, gold: Path, pred: Path, level: str) -> dict[str, Any]:
    """The reference figures (with per-document counts for the event levels)."""
    args = [sys.executable, str(score_py), str(gold), str(pred), "--level", level, "--json"]
    if level != "place":
        args.append("--per-doc")
    run = subprocess.run(args, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    result: dict[str, Any] = json.loads(out[-1])
    per_doc = []
    for line in out[:-1]:
        doc_id, *counts = line.split()
        per_doc.append((doc_id, *(int(c.split("=")[1]) for c in counts)))
    result["per_doc"] = per_doc
    return result


def _ours(gold_docs: list[dict[str, Any]], pred: Path, level: str) -> dict[str, Any]:
    score = score_events(gold_docs, load_predictions(pred), level)
    result = score.to_dict()
    if isinstance(score, Score):
        result["per_doc"] = [(d.doc_id, d.tp, d.fp, d.fn) for d in score.per_doc]
    else:
        result["per_doc"] = []
    return result


def _compare_all_levels(score_py: Path, gold_docs: list[dict[str, Any]],
                        pred_records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        gold = _write_jsonl(Path(tmp) / "gold.jsonl", gold_docs)
        pred = _write_jsonl(Path(tmp) / "pred.jsonl", pred_records)
        for level in LEVELS:
            assert _ours(gold_docs, pred, level) == _reference(score_py, gold, pred, level), level


# --- hand-written cases ----------------------------------------------------------------------

def _ev(src: object, tgt: object, cameo: str, **extra: Any) -> dict[str, Any]:
    def actor(a: object) -> object:
        if isinstance(a, str) and len(a) == 3:
            return {"name": a, "country": a, "org": None}
        if isinstance(a, str):
            return {"name": a, "country": None, "org": a}
        return a
    return {"source": actor(src), "target": actor(tgt), "cameo": cameo, **extra}


def _pred(doc: str, src: object, tgt: object, cameo: str, **extra: Any) -> dict[str, Any]:
    return {"article_id": doc, **_ev(src, tgt, cameo, **extra)}


CASES: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]], tuple[int, int, int]]] = {
    "exact match": (
        [{"id": "a", "events": [_ev("USA", "RUS", "172")]}],
        [_pred("a", "USA", "RUS", "1724")],
        (1, 0, 0),
    ),
    "wrong direction": (
        [{"id": "a", "events": [_ev("USA", "RUS", "172")]}],
        [_pred("a", "RUS", "USA", "172")],
        (0, 1, 1),
    ),
    "symmetric either direction, counted once": (
        [{"id": "a", "events": [_ev("FRA", "DEU", "040", symmetric=True)]}],
        [_pred("a", "DEU", "FRA", "040"), _pred("a", "FRA", "DEU", "042")],
        (1, 0, 0),
    ),
    "optional is neither hit nor miss": (
        [{"id": "a", "events": [_ev("FRA", "RUS", "036", optional=True),
                                _ev("FRA", "UKR", "042")]}],
        [_pred("a", "FRA", "RUS", "036")],
        (0, 0, 1),
    ),
    "negated and hypothetical predictions are not scored": (
        [{"id": "a", "events": [_ev("USA", "IRN", "111")]}],
        [_pred("a", "USA", "IRN", "111", status="negated"),
         _pred("a", "USA", "CHN", "111", status="hypothetical")],
        (0, 0, 1),
    ),
    "duplicates count once": (
        [{"id": "a", "events": [_ev("YEM", "SAU", "190"), _ev("YEM", "SAU", "195")]}],
        [_pred("a", "YEM", "SAU", "190")] * 3,
        (1, 0, 0),
    ),
    "statements are not scored": (
        [{"id": "a", "events": [_ev("RUS", "USA", "010")]}],
        [_pred("a", "RUS", "USA", "013")],
        (0, 0, 0),
    ),
    "organisation spellings": (
        [{"id": "a", "events": [_ev("NATO", "RUS", "112")]}],
        [_pred("a", "OTAN", "RUS", "112"), _pred("a", "IGOWSTNAT", "RUS", "112")],
        (1, 0, 0),
    ),
    "optional symmetric beside a required reverse": (
        [{"id": "a", "events": [_ev("FRA", "DEU", "040", symmetric=True, optional=True),
                                _ev("DEU", "FRA", "040")]}],
        [_pred("a", "DEU", "FRA", "040")],
        (0, 0, 0),
    ),
    "required symmetric beside an optional same key": (
        [{"id": "a", "events": [_ev("FRA", "DEU", "040", symmetric=True),
                                _ev("DEU", "FRA", "042", optional=True)]}],
        [_pred("a", "DEU", "FRA", "040"), _pred("a", "FRA", "DEU", "040")],
        (1, 0, 0),
    ),
    "other documents do not match": (
        [{"id": "a", "events": [_ev("USA", "RUS", "172")]}, {"id": "b", "events": []}],
        [_pred("b", "USA", "RUS", "172")],
        (0, 1, 1),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_written_case_root_level(name: str) -> None:
    gold, preds, (tp, fp, fn) = CASES[name]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        by_doc.setdefault(p["article_id"], []).append(p)
    score = score_events(gold, by_doc, "root")
    assert (score.tp, score.fp, score.fn) == (tp, fp, fn)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_written_case_agrees_with_reference(score_py: Path, name: str) -> None:
    gold, preds, _ = CASES[name]
    _compare_all_levels(score_py, gold, preds)


def test_stricter_levels_need_code_plover_and_date() -> None:
    gold = [{"id": "a", "events": [_ev("USA", "RUS", "1721", plover="SANCTION",
                                       date="2021-12-07")]}]
    pred = {"a": [_ev("USA", "RUS", "172", plover="sanction", date="2021-12-07T09:00:00")]}
    assert score_events(gold, pred, "root").tp == 1
    assert score_events(gold, pred, "code").tp == 0
    assert score_events(gold, pred, "plover").tp == 1
    assert score_events(gold, pred, "date").tp == 1


def test_precision_recall_f1() -> None:
    score = Score("root", tp=3, fp=1, fn=2)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score("root", 0, 0, 0).to_dict()["f1"] == 0.0


def test_places_country_and_city_distance(score_py: Path) -> None:
    paris = {"name": "Paris", "country": "FRA", "lat": 48.857, "lon": 2.352, "precision": "city"}
    gold = [{"id": "a", "events": [_ev("USA", "FRA", "042", location=paris),
                                   _ev("RUS", "UKR", "190", location={
                                       "name": "Kharkiv", "country": "UKR", "lat": 49.99,
                                       "lon": 36.23, "precision": "city"})]}]
    versailles = {"name": "Versailles", "country": "FRA", "lat": 48.80, "lon": 2.13}
    lyon = {"name": "Lyon", "country": "FRA", "lat": 45.76, "lon": 4.84}
    preds = [_pred("a", "USA", "FRA", "042", location=versailles),
             _pred("a", "RUS", "UKR", "195", location=lyon)]
    score = score_events(gold, {"a": preds}, "place")
    assert isinstance(score, PlaceScore)
    assert (score.found, score.country_ok, score.cities, score.city_ok) == (2, 1, 2, 1)
    _compare_all_levels(score_py, gold, preds)


def test_places_without_country_on_either_side(score_py: Path) -> None:
    border = {"name": "the border", "country": None, "lat": 51.0, "lon": 35.0,
              "precision": "region"}
    gold = [{"id": "a", "events": [_ev("RUS", "UKR", "154", location=border)]}]
    preds = [_pred("a", "RUS", "UKR", "154")]  # no location: no country, like the gold
    score = score_events(gold, {"a": preds}, "place")
    assert isinstance(score, PlaceScore)
    assert (score.found, score.country_ok, score.cities) == (1, 1, 0)
    _compare_all_levels(score_py, gold, preds)


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown level"):
        score_events([], {}, "sentence")


def test_score_file_reads_documents_and_records(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "g.jsonl", [{"id": "a", "events": [_ev("USA", "RUS", "172")]},
                                               {"id": "b", "events": [_ev("FRA", "DEU", "040")]}])
    pred = _write_jsonl(tmp_path / "p.jsonl", [
        _pred("a", "USA", "RUS", "172"),
        {"id": "b", "events": [_ev("FRA", "DEU", "043")]},
    ])
    report = score_file(gold, pred, ["root", "code"])
    root, code = report.scores["root"], report.scores["code"]
    assert isinstance(root, Score) and isinstance(code, Score)
    assert (root.tp, root.fp, root.fn) == (2, 0, 0)
    assert (code.tp, code.fp, code.fn) == (1, 1, 1)


# --- evaluate() with a stand-in coder --------------------------------------------------------

class _FakeCoder:
    """Codes every article as one US->Russia sanction, and fails on ids starting 'bad'."""

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            if article.id.startswith("bad"):
                yield ArticleResult(article.id, error=InputError(article.id, "cannot code"))
                continue
            event = Event(
                article_id=article.id, sentence=0,
                source=Actor("United States", "Washington", country="USA"),
                target=Actor("Russia", "Moscow", country="RUS"),
                cameo="172", root="17", quad_class=4, goldstein=-5.0, plover="SANCTION",
                plover_mode=None, status="asserted", date=None, date_precision=None,
                evidence=Evidence(article.text[:20], 0, 20), lang="en", rule="test")
            yield ArticleResult(article.id, events=[event], lang="en")


def test_evaluate_codes_gold_articles_without_their_events(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "g.jsonl", [
        {"id": "a", "lang": "en", "published": "2022-01-01", "text": "Washington imposed new "
         "sanctions on Moscow on Friday.", "events": [_ev("USA", "RUS", "172")]},
        {"id": "bad-1", "lang": "en", "text": "Something.", "events": [_ev("FRA", "DEU", "040")]},
    ])
    report = evaluate(gold, _FakeCoder(), EVENT_LEVELS)  # type: ignore[arg-type]
    root = report.scores["root"]
    assert isinstance(root, Score)
    assert (root.tp, root.fp, root.fn) == (1, 0, 1)
    assert report.coded == 1 and report.events == 1
    assert "bad-1" in report.failures
    assert set(report.to_dict()["scores"]) == set(EVENT_LEVELS)


# --- random gold and predictions against the reference ---------------------------------------

_ACTORS = st.sampled_from([
    {"name": "Russia", "country": "RUS", "org": None},
    {"name": "Ukraine", "country": "ukr", "org": None},
    {"name": "France", "country": "FRA", "org": None},
    {"name": "NATO", "country": None, "org": "NATO"},
    {"name": "OTAN", "country": None, "org": "OTAN"},
    {"name": "EU", "country": "BEL", "org": "UE"},
    {"name": "nobody", "country": None, "org": None},
    None,
    "USA",
    "igowstnat",
])
# A small pool makes keys collide often: duplicates, reversals, optional beside required.
_FEW_ACTORS = st.sampled_from([{"name": "R", "country": "RUS"}, {"name": "U", "country": "UKR"},
                               "otan"])
_FEW_CODES = st.sampled_from(["042", "043", "190"])
_CODES = st.sampled_from(["010", "01", "036", "0311", "042", "043", "1056", "10", "112", "172",
                          "190", "195", "", "04"])
_PLOVERS = st.sampled_from([None, "AGREE", "agree", "CONSULT", "DEMAND", "ASSAULT"])
_DATES = st.sampled_from([None, "2021-12-07", "2021-12-07T10:00:00", "2021-12-08", ""])
_STATUSES = st.sampled_from([None, "asserted", "future", "negated", "hypothetical", "NEGATED"])
_LOCATIONS = st.sampled_from([
    None,
    {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52, "precision": "city"},
    {"name": "Brovary", "country": "UKR", "lat": 50.51, "lon": 30.79, "precision": "city"},
    {"name": "Lviv", "country": "UKR", "lat": 49.84, "lon": 24.03, "precision": "city"},
    {"name": "Donbas", "country": "UKR", "lat": 48.0, "lon": 38.0, "precision": "region"},
    {"name": "the border", "country": None, "lat": 51.0, "lon": 35.0, "precision": "region"},
    {"name": "France", "country": "fra", "lat": 46.6, "lon": 2.4, "precision": "country"},
])


@st.composite
def _event(draw: st.DrawFn, gold: bool, dense: bool) -> dict[str, Any]:
    actors, codes = (_FEW_ACTORS, _FEW_CODES) if dense else (_ACTORS, _CODES)
    event: dict[str, Any] = {
        "source": draw(actors), "target": draw(actors), "cameo": draw(codes),
        "plover": draw(_PLOVERS), "date": draw(_DATES), "location": draw(_LOCATIONS),
    }
    if gold:
        event["symmetric"] = draw(st.booleans())
        event["optional"] = draw(st.booleans())
    else:
        event["status"] = draw(_STATUSES)
    return event


_DOC_IDS = ["d0", "d1", "d2"]


@st.composite
def _dataset(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dense = draw(st.booleans())
    gold_docs: list[dict[str, Any]] = [
        {"id": doc_id, "events": draw(st.lists(_event(True, dense), max_size=6))}
                 for doc_id in _DOC_IDS[: draw(st.integers(1, len(_DOC_IDS)))]]
    preds: list[dict[str, Any]] = []
    for doc_id in [*_DOC_IDS, "elsewhere"]:
        events = draw(st.lists(_event(False, dense), max_size=6))
        # Some predictions copy gold events, possibly reversed, so that matches are common.
        gold_events: list[dict[str, Any]] = next(
            (d["events"] for d in gold_docs if d["id"] == doc_id), [])
        for g in gold_events:
            if draw(st.booleans()):
                copy = {k: v for k, v in g.items() if k not in ("symmetric", "optional")}
                if draw(st.booleans()):
                    copy["source"], copy["target"] = copy["target"], copy["source"]
                events.append(copy)
        if draw(st.booleans()):
            preds.append({"id": doc_id, "events": events})
        else:
            preds.extend({"article_id": doc_id, **e} for e in events)
    return gold_docs, preds


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_dataset())
def test_random_sets_agree_with_reference_at_every_level(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    if not SCORE_PY.is_file():
        pytest.fail(f"reference scorer not found at {SCORE_PY} (set POURPARLER_SHARED)")
    gold_docs, preds = data
    _compare_all_levels(SCORE_PY, gold_docs, preds)
