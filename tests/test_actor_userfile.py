"""User actor files: YAML and CSV merged over the built-in knowledge, and their errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pourparler.actors import ActorKnowledge, find_actors, load_knowledge
from pourparler.errors import DataError
from pourparler.model import Actor
from pourparler.nlp import load

DATA = Path(__file__).parent / "data" / "actors"
FIXTURES = DATA / "builtin"


@pytest.fixture(scope="module")
def en() -> Any:
    return load("en")


@pytest.fixture(scope="module")
def fr() -> Any:
    return load("fr")


@pytest.fixture(scope="module")
def kn() -> ActorKnowledge:
    return load_knowledge([DATA / "user_actors.yaml", DATA / "user_actors.csv"],
                          data_dir=FIXTURES)


def actors_of(nlp: Any, kn: ActorKnowledge, text: str, word: str, when: date) -> list[Actor]:
    doc = nlp(text)
    da = find_actors(doc, kn, nlp.lang, when)
    (token,) = [t for t in doc if t.text == word]
    return da.resolve(token)


def test_yaml_code_gives_country_and_sector(en: Any, fr: Any, kn: ActorKnowledge) -> None:
    (a,) = actors_of(en, kn, "The FSA attacked a checkpoint.", "FSA", date(2013, 1, 1))
    assert (a.name, a.country, a.sector, a.cameo) == ("Free Syrian Army", "SYR", "REB", "SYRREB")
    (a,) = actors_of(fr, kn, "L'Armée syrienne libre a attaqué.", "Armée", date(2013, 1, 1))
    assert a.cameo == "SYRREB"


def test_yaml_people_entry_is_dated(en: Any, kn: ActorKnowledge) -> None:
    text = "Ibrahim Tamer visited the port."
    (a,) = actors_of(en, kn, text, "Tamer", date(2021, 5, 1))
    assert (a.country, a.sector) == ("SYR", "GOV")
    (a,) = actors_of(en, kn, text, "Tamer", date(2024, 5, 1))
    assert (a.country, a.sector) == ("SYR", None)


def test_user_entry_wins_over_builtin(en: Any, kn: ActorKnowledge) -> None:
    (a,) = actors_of(en, kn, "Hamas said it would talk.", "Hamas", date(2010, 1, 1))
    assert a.cameo == "PSEGOV"
    base = load_knowledge(data_dir=FIXTURES)
    (b,) = actors_of(en, base, "Hamas said it would talk.", "Hamas", date(2010, 1, 1))
    assert b.cameo == "PSEREBHMS"  # the built-in knowledge itself is left unchanged


def test_csv_rows_with_aliases_and_dates(en: Any, kn: ActorKnowledge) -> None:
    text = "Coastal Shield fighters and the SMM met on Monday."
    (a,) = actors_of(en, kn, "The Coastal Shield moved west.", "Shield", date(2020, 1, 1))
    assert (a.country, a.sector, a.cameo) == ("LBY", "MIL", "LBYMIL")
    (a,) = actors_of(en, kn, "The Coastal Shield moved west.", "Shield", date(2023, 1, 1))
    assert (a.country, a.sector) == ("LBY", None)  # outside its validity: no sector
    (b,) = actors_of(en, kn, text, "SMM", date(2020, 1, 1))
    # the record's org keeps to the contract's list; the user's CAMEO code and name stay
    assert (b.org, b.country, b.cameo, b.name) == ("OTHER", None, "IGO", "Sahel Monitoring Mission")


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("bad_syntax.yaml", "- name: X\n  code: [SYRREB\n", "bad_syntax.yaml:"),
    ("bad_code.yaml", "- name: X\n  code: syr-reb\n", "entry 1 (X): code"),
    ("no_country.yaml", "- name: X\n  aliases: [Y]\n", "give 'code', 'country' or 'org'"),
    ("bad_field.yaml", "- name: X\n  code: SYRREB\n  contry: SYR\n", "unknown field(s) contry"),
    ("bad_date.yaml", "- name: X\n  code: SYRREB\n  from: spring\n", "not an ISO date"),
    ("bad_order.yaml", "- {name: X, code: SYRREB, from: 2020-01-01, to: 2019-01-01}\n",
     "is before 'from'"),
    ("bad_sector.yaml", "- {name: X, country: SYR, sector: XYZ}\n", "sector 'XYZ'"),
    ("not_list.yaml", "name: X\n", "expected a list of actors"),
    ("bad_columns.csv", "name,aliases,code\nX,,SYRREB,extra\n", "bad_columns.csv:2:"),
    ("bad_header.csv", "nom,code\nX,SYRREB\n", "bad_header.csv:1: header"),
    ("bad_row.csv", "name,aliases,code,country,org,sector,valid_from,valid_to\n"
                    "X,,SYRREB,,,,,\n,,SYRREB,,,,,\n", "bad_row.csv:3: 'name' is required"),
    ("actors.txt", "X\n", "must be .yaml"),
])
def test_malformed_user_files_name_file_and_place(tmp_path: Path, name: str, content: str,
                                                  expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_knowledge([path], data_dir=FIXTURES)
    assert expected in str(err.value)
    assert name in str(err.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        load_knowledge([tmp_path / "nowhere.yaml"], data_dir=FIXTURES)


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_a_non_utf8_actor_file_is_one_clear_error(tmp_path: Path, suffix: str) -> None:
    from typer.testing import CliRunner

    from pourparler.cli import app

    bad = tmp_path / f"actors{suffix}"
    bad.write_bytes("- name: Café\n  code: CAF\n  country: FRA\n".encode("latin-1")
                    if suffix == ".yaml" else "name,code,country,org\nCafé,CAF,FRA,\n"
                    .encode("latin-1"))
    text = tmp_path / "a.txt"
    text.write_text("The French president met the German chancellor in Paris.", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", "--actors", str(bad), "--lang", "en", str(text)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "UTF-8" in lines[0]
