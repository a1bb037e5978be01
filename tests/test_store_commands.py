"""The listing commands (events, dyads, panel, export) on a synthetic multi-year store: JSON
lines when piped, tables that fit 80 columns, filters, series, zero-filled panels, a quiet end
on a closed pipe, clean help."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

from pourparler.cli import app
from pourparler.events.ontology import cameo_code, plover_for
from pourparler.model import Actor, Article, Event, Evidence, Location
from pourparler.store import CodedArticle, Store
from pourparler.store.cli import events_table

RUS = Actor("Russia", "Moscow", country="RUS", sector="GOV", cameo="RUSGOV")
UKR = Actor("Ukraine", "Kyiv", country="UKR", cameo="UKR")
USA = Actor("United States", "Washington", country="USA", sector="GOV", cameo="USAGOV")
NATO = Actor("NATO", "NATO", org="NATO", cameo="IGOWSTNAT")
KYIV = Location(name="Kiev", country="UKR", lat=50.45466, lon=30.5238, precision="city",
                geonameid=703448)
SRC = Path(__file__).resolve().parents[1] / "src"


def _event(article: str, src: Actor, tgt: Actor, code: str, day: str, status: str = "asserted",
           location: Location | None = None) -> Event:
    info = cameo_code(code)
    plover, mode = plover_for(code)
    text = f"{src.text} and {tgt.text}: act {code} on {day}."
    return Event(article_id=article, sentence=0, source=src, target=tgt, cameo=code,
                 root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
                 plover=plover, plover_mode=mode, status=status, date=day,
                 date_precision="day", evidence=Evidence(text, 0, len(text)), lang="en",
                 rule="test/synthetic", confidence=0.7, location=location)


def _fill(path: Path, extra: int = 0) -> Path:
    store = Store(path)
    batch = [
        CodedArticle(Article("a-2015", "x 2015", published=date(2015, 2, 12), lang="en",
                             outlet="Wire"),
                     [_event("a-2015", RUS, UKR, "190", "2015-02-12", location=KYIV),
                      _event("a-2015", USA, RUS, "163", "2015-02-13")]),
        CodedArticle(Article("a-2018", "x 2018", published=date(2018, 6, 1), lang="en"),
                     [_event("a-2018", USA, RUS, "040", "2018-06-01"),
                      _event("a-2018", NATO, RUS, "111", "2018-06-01")]),
        CodedArticle(Article("a-2021", "x 2021", published=date(2021, 12, 7), lang="en"),
                     [_event("a-2021", USA, RUS, "130", "2021-12-07"),
                      _event("a-2021", RUS, UKR, "190", "2021-12-08", status="hypothetical")]),
    ]
    for i in range(extra):  # many distinct events, to fill a pipe
        day = date(2019, 1, 1 + i % 28).isoformat()
        batch.append(CodedArticle(Article(f"bulk-{i}", f"bulk text {i}", lang="en",
                                          published=date(2019, 1, 1)),
                                  [_event(f"bulk-{i}", RUS, UKR, "190", day)]))
    store.write(batch)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fill(tmp_path_factory.mktemp("cmd") / "years.duckdb")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_listings_write_json_lines_when_piped(runner: CliRunner, db: Path) -> None:
    for args in (["events"], ["dyads", "--by", "year"], ["panel"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines and all(isinstance(json.loads(line), dict) for line in lines), args


def test_events_table_fits_80_columns(db: Path) -> None:
    events = Store(db, read_only=True).events()
    console = Console(file=io.StringIO(), width=80, highlight=False, color_system=None)
    console.print(events_table(events))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in text.splitlines()) <= 80
    for word in ("RUSGOV", "USAGOV", "2015-02-12", "hypothetical", "THREATEN", "@ Kiev"):
        assert word in text, word


def test_export_takes_the_event_filters(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "usa.tsv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt", "-o", str(out),
                                 "--source", "USA", "--since", "2018-01-01"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 and {r[26] for r in rows} == {"040", "130"}
    polecat = tmp_path / "p.tsv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "polecat", "-o",
                                 str(polecat), "--dyad", "RUS-UKR"])
    assert result.exit_code == 0 and "2 rows written" in result.output
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o",
                              str(tmp_path / "x.csv"), "--since", "12/2015"])
    assert bad.exit_code == 2 and "not an ISO date" in bad.output


def test_dyads_by_year_and_monadic_series(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["dyads", "--db", str(db), "--by", "year", "--dyad", "USA-RUS",
                                 "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["period"] for r in rows] == ["2015-01-01", "2018-01-01", "2021-01-01"]
    result = runner.invoke(app, ["dyads", "--db", str(db), "--by", "year", "--country", "RUS",
                                 "--format", "jsonl"])
    monadic = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(r["actor"] == "RUS" and "target" not in r for r in monadic)
    # 2018: USA->RUS consult and NATO->RUS disapproval, both involve Russia
    assert {r["period"]: r["events"] for r in monadic} == {"2015-01-01": 2, "2018-01-01": 2,
                                                          "2021-01-01": 1}


def test_panel_is_zero_filled_and_keeps_codes(runner: CliRunner, db: Path,
                                              tmp_path: Path) -> None:
    out = tmp_path / "panel.csv"
    result = runner.invoke(app, ["panel", "--db", str(db), "--unit", "country", "--by", "year",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    from pourparler.export import PANEL_DTYPES

    df = pd.read_csv(out, dtype=PANEL_DTYPES)
    assert str(df["cow"].dtype) == "Int64" and df["period"].iloc[0] == "2015"
    # three states over 2015..2021, every year: 3 x 7 rows; NATO is no state
    assert len(df) == 21 and set(df["iso3"]) == {"RUS", "UKR", "USA"}
    usa = df[df["iso3"] == "USA"].set_index("period")
    assert usa.loc["2016", "events"] == 0 and usa.loc["2018", "events"] == 1
    assert usa.loc["2015", "material_conflict"] + usa.loc["2015", "verbal_conflict"] == 1
    assert int(usa["cow"].iloc[0]) == 2 and usa["cameo"].iloc[0] == "USA"
    rus = df[df["iso3"] == "RUS"].set_index("period")
    assert int(rus["cow"].iloc[0]) == 365
    assert rus.loc["2021", "events"] == 1  # the hypothetical attack is not counted
    dyads = runner.invoke(app, ["panel", "--db", str(db), "--unit", "dyad", "--by", "month",
                                "--since", "2021-11-01", "--until", "2022-01-31",
                                "--format", "jsonl"])
    rows = [json.loads(line) for line in dyads.stdout.splitlines()]
    assert {r["period"] for r in rows} == {"2021-11", "2021-12", "2022-01"}
    hit = [r for r in rows if r["events"]]
    assert len(hit) == 1 and (hit[0]["iso3_a"], hit[0]["iso3_b"], hit[0]["cow_b"]) == \
        ("USA", "RUS", 365)
    assert hit[0]["goldstein_sum"] == cameo_code("130").goldstein


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    big = _fill(tmp_path / "big.duckdb", extra=600)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m pourparler.cli events --db "{big}" | head -1; '
                       'echo "status=${PIPESTATUS[0]}"'],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    first, status = done.stdout.splitlines()[0], done.stdout.splitlines()[-1]
    assert json.loads(first)["global_event_id"] and status == "status=0", done.stderr
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr


def test_a_bad_actor_file_is_refused_once_before_models_load(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pourparler.parallel

    def no_models(*args: object, **kwargs: object) -> None:
        raise AssertionError("the coder was built before the actor file was checked")

    monkeypatch.setattr(pourparler.parallel.ParallelCoder, "__init__", no_models)
    bad = tmp_path / "actors.yaml"
    bad.write_text("- name: Front\n  sector: [not, a, code]\n", encoding="utf-8")
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": "Paris et Moscou.",
                                       "lang": "fr"}) + "\n" for i in range(3)))
    result = runner.invoke(app, ["code", str(src), "--actors", str(bad)])
    assert result.exit_code == 2
    assert result.output.count("actors.yaml") == 1


@pytest.mark.parametrize("command", ["code", "ingest", "events", "dyads", "panel", "export",
                                     "serve", "watch"])
def test_help_has_no_stray_text(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert not re.search(r"\w \.\s", result.output), result.output
    assert "(default:" in result.output or command in ("events", "dyads", "panel", "export")


def test_store_to_arrow_and_to_pandas(db: Path) -> None:
    from pourparler.store import EventFilter

    store = Store(db, read_only=True)
    table = store.to_arrow(EventFilter(source="USA"))
    assert table.num_rows == 3 and str(table.schema.field("date").type) == "date32[day]"
    frame = store.to_pandas(EventFilter(cameo="19"))
    assert list(frame["cameo"]) == ["190", "190"]  # text, not the number 190
    assert frame["location_name"].iloc[0] == "Kiev"
    assert frame["published"].iloc[0] == date(2015, 2, 12)


def test_the_cli_offers_every_export_format() -> None:
    from pourparler.export import ExportFormat
    from pourparler.store.cli import ExportChoice

    assert [c.value for c in ExportChoice] == [f.value for f in ExportFormat]


def test_place_country_and_sector_filters_in_the_cli(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--place-country", "UKR"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["location"]["name"] == "Kiev"
    result = runner.invoke(app, ["events", "--db", str(db), "--sector", "GOV"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 6  # each synthetic event has a GOV actor on one side or the other
    none = runner.invoke(app, ["events", "--db", str(db), "--sector", "MIL"])
    assert none.exit_code == 0 and none.stdout == ""
