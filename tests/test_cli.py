"""The ``pourparler`` command, run in-process with Typer's runner on the real coder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pourparler import __version__
from pourparler.cli import app

# Sentences of our own writing, each with one plain, clearly stated act between two states.
FR_ARTICLE = (
    "PARIS - Le président français Emmanuel Macron a rencontré jeudi à Berlin le chancelier "
    "allemand Olaf Scholz pour discuter de l'aide à l'Ukraine.\n\n"
    "Les deux dirigeants ont également évoqué la politique énergétique européenne."
)
EN_ARTICLE = (
    "WASHINGTON - The United States imposed new sanctions on Russia on Friday over its "
    "military build-up near the Ukrainian border, the Treasury said."
)
EVENT_KEYS = {"id", "article_id", "sentence", "source", "target", "cameo", "root", "quad_class",
              "goldstein", "plover", "plover_mode", "status", "date", "date_precision",
              "location", "evidence", "lang", "confidence", "rule"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    txt = tmp_path / "macron-scholz.txt"
    txt.write_text(FR_ARTICLE, encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "en-sanctions", "lang": "en", "published": "2022-02-25", "text": EN_ARTICLE},
        {"id": "fr-meeting", "lang": "fr", "published": "2023-03-02", "text": FR_ARTICLE},
    ]) + "\n", encoding="utf-8")
    return {"txt": txt, "jsonl": jsonl}


def _events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_code_text_file_as_jsonl(runner: CliRunner, inputs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["code", str(inputs["txt"]), "--published", "2023-03-02",
                                 "--lang", "fr", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert events, "a plain meeting between two leaders should give at least one event"
    for event in events:
        assert set(event) >= EVENT_KEYS
        assert event["article_id"] == "macron-scholz"
        assert event["lang"] == "fr"
        assert event["evidence"]["text"] in FR_ARTICLE
    assert "Traceback" not in result.stderr


def test_code_jsonl_file(runner: CliRunner, inputs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["code", str(inputs["jsonl"]), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert {e["article_id"] for e in events} <= {"en-sanctions", "fr-meeting"}
    assert {e["lang"] for e in events if e["article_id"] == "en-sanctions"} <= {"en"}
    assert any(e["article_id"] == "en-sanctions" for e in events)


def test_output_file_and_unicode(runner: CliRunner, inputs: dict[str, Path],
                                 tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["code", str(inputs["jsonl"]), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    raw = out.read_text(encoding="utf-8")
    assert "\\u00" not in raw  # written with ensure_ascii=False
    assert _events(raw)


def test_table_format_fits_100_columns(runner: CliRunner, inputs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["code", str(inputs["jsonl"]), "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert "Source" in result.stdout and "Status" in result.stdout
    assert "en-sanctions" in result.stdout
    assert "Treasury said." in result.stdout  # the evidence sentence, wrapped below the event
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_default_format_is_jsonl_when_not_a_terminal(runner: CliRunner,
                                                      inputs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["code", str(inputs["jsonl"])])
    assert result.exit_code == 0, result.stderr
    assert _events(result.stdout)  # every line parses as JSON


def test_stdin_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["code", "-", "--lang", "en", "--published", "2022-02-25"],
                           input=EN_ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert all(e["article_id"] == "stdin" for e in _events(result.stdout))


def test_bundled_examples(runner: CliRunner) -> None:
    result = runner.invoke(app, ["code", "--examples", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert len({e["article_id"] for e in events}) >= 3
    assert {e["lang"] for e in events} == {"fr", "en"}


@pytest.mark.parametrize("args", [
    ["code", "--lang", "de", "x.txt"],
    ["code", "--published", "yesterday", "-"],
    ["code", "--format", "xml", "-"],
    ["code", "does-not-exist.txt"],
    ["evaluate", "does-not-exist.jsonl"],
    ["evaluate", "x", "--level", "sentence"],
])
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 2


def _gold_file(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    docs = [
        {"id": "g-en", "lang": "en", "published": "2022-02-25", "text": EN_ARTICLE,
         "events": [{"source": {"name": "United States", "country": "USA", "org": None},
                     "target": {"name": "Russia", "country": "RUS", "org": None},
                     "cameo": "163", "plover": "SANCTION", "date": "2022-02-25",
                     "symmetric": False, "optional": False, "evidence": EN_ARTICLE}]},
        {"id": "g-fr", "lang": "fr", "published": "2023-03-02", "text": FR_ARTICLE,
         "events": [{"source": {"name": "Emmanuel Macron", "country": "FRA", "org": None},
                     "target": {"name": "Olaf Scholz", "country": "DEU", "org": None},
                     "cameo": "040", "plover": "CONSULT", "date": "2023-03-02",
                     "symmetric": True, "optional": False,
                     "location": {"name": "Berlin", "country": "DEU", "admin1": "Berlin",
                                  "lat": 52.52, "lon": 13.405, "precision": "city"},
                     "evidence": FR_ARTICLE.split("\n")[0]}]},
    ]
    gold.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                    encoding="utf-8")
    return gold


def test_evaluate_json_all_levels(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(_gold_file(tmp_path)), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 2 and report["coded"] == 2
    assert set(report["scores"]) == {"root", "code", "plover", "date", "place"}
    root = report["scores"]["root"]
    assert root["tp"] + root["fn"] == 2
    assert 0.0 <= root["f1"] <= 1.0


def test_evaluate_table_one_level(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(_gold_file(tmp_path)), "--level", "root"])
    assert result.exit_code == 0, result.stderr
    assert "root" in result.stdout and "F1" in result.stdout
    assert "plover" not in result.stdout


def test_evaluate_given_predictions(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r) for r in [
        {"article_id": "g-fr", "source": {"country": "DEU"}, "target": {"country": "FRA"},
         "cameo": "040", "plover": "CONSULT", "date": "2023-03-02", "status": "asserted",
         "location": {"name": "Berlin", "country": "DEU", "lat": 52.5, "lon": 13.4}},
        {"article_id": "g-en", "source": {"country": "USA"}, "target": {"country": "CHN"},
         "cameo": "163", "status": "asserted"},
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--predictions", str(pred), "--json"])
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)["scores"]
    assert {k: scores["root"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 1, "fn": 1}
    assert scores["place"]["found_with_location"] == 1
    assert scores["place"]["city_within_50km"] == 1.0


def test_package_import_is_light_and_exports_resolve() -> None:
    code = ("import sys, pourparler; assert 'spacy' not in sys.modules, 'spacy imported'; "
            "[getattr(pourparler, n) for n in pourparler.__all__]; "
            "assert callable(pourparler.evaluate)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr


def test_pipeline_languages_match_the_models() -> None:
    from pourparler import nlp, pipeline

    assert set(pipeline.SUPPORTED_LANGS) == set(nlp.SUPPORTED_LANGS)


def test_store_and_export_do_not_import_spacy() -> None:
    import subprocess
    import sys

    code = ("import sys, pourparler.store, pourparler.export, pourparler.geo; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
