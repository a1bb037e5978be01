"""The store commands (ingest, events, dyads, export) run in-process on the real coder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pourparler.cli import app

# Articles of our own writing, each with plainly stated acts between two states.
ARTICLES = [
    {"id": "cli-en-1", "lang": "en", "published": "2022-02-08", "outlet": "The Daily",
     "text": "French President Emmanuel Macron met Russian President Vladimir Putin in Moscow "
             "on Monday."},
    {"id": "cli-fr-1", "lang": "fr", "published": "2022-02-08", "outlet": "Le Jour",
     "text": "Le président français Emmanuel Macron a rencontré lundi à Moscou le président "
             "russe Vladimir Poutine."},
    {"id": "cli-en-2", "lang": "en", "published": "2022-03-04", "outlet": "The Daily",
     "text": "The United States imposed new sanctions on Russia on Friday, the Treasury said."},
]
EVENT_KEYS = {"id", "article_id", "sentence", "source", "target", "cameo", "root", "quad_class",
              "goldstein", "plover", "plover_mode", "status", "date", "date_precision",
              "location", "evidence", "lang", "confidence", "rule"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, runner: CliRunner) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES),
                   encoding="utf-8")
    path = folder / "store.duckdb"
    first = runner.invoke(app, ["ingest", str(src), "--db", str(path)])
    assert first.exit_code == 0, first.output
    assert "3 articles added" in first.output
    again = runner.invoke(app, ["ingest", str(src), "--db", str(path)])
    assert again.exit_code == 0 and "0 articles added" in again.output
    assert "3 unchanged" in again.output
    return path


def test_events_jsonl_is_the_event_record(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(set(r) >= EVENT_KEYS for r in records)
    meeting = [r for r in records if r["root"] == "04" and r["source"]["country"] == "FRA"
               and r["target"]["country"] == "RUS"]
    assert len(meeting) == 1 and meeting[0]["num_articles"] == 2


def test_events_filters_and_formats(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--dyad", "USA-RUS",
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    codes = {json.loads(line)["plover"] for line in result.stdout.splitlines()}
    assert codes == {"SANCTION"}
    csv_out = runner.invoke(app, ["events", "--db", str(db), "--text", "Moscou", "--format",
                                  "csv"])
    assert csv_out.exit_code == 0
    lines = csv_out.stdout.splitlines()
    assert lines[0].startswith("global_event_id,") and len(lines) >= 2
    table = runner.invoke(app, ["events", "--db", str(db), "--since", "2022-03-01"])
    assert table.exit_code == 0 and "SANCTION" in table.stdout
    bad = runner.invoke(app, ["events", "--db", str(db), "--dyad", "RUSUKR"])
    assert bad.exit_code == 2


def test_dyads_table_and_plot(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    png = tmp_path / "dyads.png"
    result = runner.invoke(app, ["dyads", "--db", str(db), "--by", "month", "--dyad",
                                 "FRA-RUS", "--dyad", "USA-RUS", "--format", "jsonl",
                                 "--plot", str(png)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["source"], r["target"], r["period"]) for r in rows} >= {
        ("FRA", "RUS", "2022-02-01"), ("USA", "RUS", "2022-03-01")}
    usa = next(r for r in rows if r["source"] == "USA")
    assert usa["material_conflict"] + usa["verbal_conflict"] >= 1 and usa["goldstein_sum"] < 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_command(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())


def test_bad_store_is_a_clear_error_and_untouched(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "thesis.duckdb"
    bad.write_text("chapter one\n" * 100)
    for args in (["events"], ["dyads"], ["export", "--format", "csv", "-o",
                                         str(tmp_path / "x.csv")]):
        result = runner.invoke(app, [*args, "--db", str(bad)])
        assert result.exit_code == 1
        assert "not a DuckDB database" in result.output
    src = tmp_path / "a.txt"
    src.write_text("Russia attacked Ukraine on Monday.")
    result = runner.invoke(app, ["ingest", str(src), "--db", str(bad), "--lang", "en"])
    assert result.exit_code == 1 and "not a DuckDB database" in result.output
    assert bad.read_text() == "chapter one\n" * 100
    assert not (tmp_path / "x.csv").exists()
