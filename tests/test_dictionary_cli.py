"""`pourparler code` with PETRARCH dictionaries, and `pourparler dictionaries convert`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from pourparler.cli import app
from pourparler.dictionaries._actors import parse_actors
from pourparler.dictionaries._convert import petrarch_to_rows, rows_to_petrarch

ACTORS = """\
ERUSEA [ERU]
+ERUSEAN
OSEA_ [OSE]
KING_HARLING  # dated roles
\t[OSEGOV <20091231]
\t[OSEELI 20100101-20151231]
\t[OSE]
NULL_THING [---]
"""
AGENTS = "GOVERNMENT [~GOV]\nPOLICE {} [~COP]\n"
VERBS = """\
--- PRAISE [051] ---
PRAISE
- * &MONEY [071]

--- SCOLD [11X] ---
SCOLD
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("actors.txt", ACTORS), ("agents.txt", AGENTS), ("verbs.txt", VERBS)):
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    out["in.jsonl"] = tmp_path / "in.jsonl"
    out["in.jsonl"].write_text(json.dumps({
        "id": "a1", "published": "2012-05-01", "lang": "en",
        "text": "The Erusean government praised Osea. Osea's police scolded King Harling."})
        + "\n", encoding="utf-8")
    return out


def test_code_with_petrarch_dictionaries_alone(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, [
        "code", str(files["in.jsonl"]), "--format", "jsonl", "--no-builtin",
        "--actors", str(files["actors.txt"]), "--agents", str(files["agents.txt"]),
        "--verbs", str(files["verbs.txt"])])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    got = {(r["source"]["cameo"], r["target"]["cameo"], r["cameo"], r.get("codebook"))
           for r in records}
    assert got == {("ERUGOV", "OSE", "051", None), ("OSECOP", "OSEELI", "11X", "user")}


def test_no_builtin_needs_dictionaries(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["code", str(files["in.jsonl"]), "--no-builtin"])
    assert result.exit_code == 2
    assert "--no-builtin" in result.output


def test_petrarch_actors_merge_over_builtin_knowledge(files: dict[str, Path]) -> None:
    """Without --no-builtin a PETRARCH actor file is one more --actors file (told by its
    content, not its name): the built-in coder finds its actors."""
    from pourparler.model import Article
    from pourparler.options import CoderOptions
    from pourparler.pipeline import Coder

    coder = Coder(CoderOptions(actor_files=(files["actors.txt"],), default_lang="en"))
    result = coder.code_one(Article("b", "Erusea condemned Osea on Monday.",
                                    published=date(2012, 5, 1)))
    assert result.error is None
    pairs = {(e.source.cameo, e.target.cameo) for e in result.events if e.source and e.target}
    assert ("ERU", "OSE") in pairs


def test_convert_round_trip(tmp_path: Path, files: dict[str, Path]) -> None:
    runner = CliRunner()
    as_yaml = tmp_path / "actors.yaml"
    result = runner.invoke(app, ["dictionaries", "convert", str(files["actors.txt"]),
                                 str(as_yaml)])
    assert result.exit_code == 0, result.output
    rows = yaml.safe_load(as_yaml.read_text(encoding="utf-8"))
    assert rows[0] == {"name": "Erusea", "aliases": ["Erusean"], "code": "ERU"}
    harling = rows[2]
    assert [r["code"] for r in harling["roles"]] == ["OSEGOV", "OSEELI", "OSE"]
    assert harling["roles"][1]["to"] == "2016-01-01"  # our "to" is the first day after
    assert len(rows) == 3  # the null code has no place in our format
    back = tmp_path / "back.txt"
    result = runner.invoke(app, ["dictionaries", "convert", str(as_yaml), str(back)])
    assert result.exit_code == 0, result.output
    original = parse_actors(ACTORS, "a")
    again = parse_actors(back.read_text(encoding="utf-8"), "b")
    assert not again.problems
    kept = [e for e in original.entries if e.name != "NULL THING"]
    assert [(e.phrases, e.codes) for e in again.entries] == [(e.phrases, e.codes) for e in kept]
    for day in (date(2009, 1, 1), date(2012, 1, 1), date(2020, 1, 1)):
        assert again.entries[2].code_on(day) == kept[2].code_on(day)


def test_rows_round_trip_without_cli() -> None:
    rows, problems = petrarch_to_rows(parse_actors(ACTORS, "a"))
    assert [p.line for p in problems] == [8]
    again, _ = petrarch_to_rows(parse_actors(rows_to_petrarch(rows), "b"))
    assert again == rows


def test_merged_verbs_fill_sentences_the_builtin_coder_left_empty(tmp_path: Path) -> None:
    """Without --no-builtin, dictionary verbs code with the built-in actors, only where the
    built-in coder found nothing, and only between two sides it can tell apart."""
    from pourparler.model import Article
    from pourparler.options import CoderOptions
    from pourparler.pipeline import Coder

    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- BLORP [036] ---\nBLORP\n", encoding="utf-8")
    coder = Coder(CoderOptions(verb_files=(verbs,), default_lang="en"))
    result = coder.code_one(Article(
        "m", "France blorped Germany on Monday. France blorped itself.",
        published=date(2020, 1, 1)))
    assert result.error is None
    got = {(e.source.key, e.target.key, e.cameo) for e in result.events
           if e.rule.startswith("dict:") and e.source and e.target}
    assert got == {("FRA", "DEU", "036")}


def test_bad_dictionary_lines_are_counted_and_coding_goes_on(files: dict[str, Path],
                                                               tmp_path: Path) -> None:
    broken = tmp_path / "broken.verbs.txt"
    broken.write_text(VERBS + "- * NO CODE HERE\n--- \x00\x01 garbage [\n", encoding="utf-8")
    result = CliRunner().invoke(app, [
        "code", str(files["in.jsonl"]), "--format", "jsonl", "--no-builtin",
        "--actors", str(files["actors.txt"]), "--agents", str(files["agents.txt"]),
        "--verbs", str(broken)])
    assert result.exit_code == 0, result.output
    assert f"{broken}: 2 line(s) skipped" in result.output
    assert '"cameo": "051"' in result.stdout


def test_petrarch_switches_reach_the_dictionary_coder(files: dict[str, Path]) -> None:
    """CoderOptions carries PETRARCH's require_dyad and new_actor_length to the coder."""
    from pourparler.model import Article
    from pourparler.options import CoderOptions
    from pourparler.pipeline import Coder

    base: dict[str, Any] = {"actor_files": (files["actors.txt"],),
                            "verb_files": (files["verbs.txt"],), "no_builtin": True,
                            "default_lang": "en"}
    article = Article("n", "The Council of Elders praised Osea.", published=date(2012, 5, 1))
    plain = Coder(CoderOptions(**base)).code_one(article)
    assert plain.events == []
    quoted = Coder(CoderOptions(new_actor_length=4, **base)).code_one(article)
    assert [(e.source.cameo if e.source else None) for e in quoted.events] == [
        '"THE COUNCIL OF ELDERS"']
    undyadic = Coder(CoderOptions(require_dyad=False, **base)).code_one(
        Article("u", "Osea praised the weather.", published=date(2012, 5, 1)))
    assert [(e.target.cameo if e.target else None) for e in undyadic.events] == ["---"]


def test_production_actors_round_trip_through_our_format() -> None:
    """Every Phoenix actor our format can hold comes back with the same phrases and the same
    code on every day tried (PETRARCH's date semantics kept through ``roles``)."""
    import re

    from _petrarch_paths import dictionaries_dir
    from pourparler.dictionaries import read_actors
    from pourparler.dictionaries._actors import ActorEntry

    path = dictionaries_dir() / "Phoenix.International.actors.txt"
    original = read_actors(path, warn=False)
    rows, _ = petrarch_to_rows(original)
    back = parse_actors(rows_to_petrarch(rows), "back", warn=False)
    ours = re.compile(r"^(?:[A-Z]{3})+$")
    kept = [ActorEntry(e.phrases, tuple(c for c in e.codes if ours.match(c.code)))
            for e in original.entries if any(ours.match(c.code) for c in e.codes)]
    assert len(back.entries) == len(kept) > 7000 and not back.problems
    days = (date(1948, 1, 1), date(1995, 6, 1), date(2005, 6, 1), date(2015, 1, 1), None)
    for a, b in zip(kept, back.entries, strict=True):
        assert a.phrases == b.phrases
        assert [a.code_on(d) for d in days] == [b.code_on(d) for d in days], a.name


def test_our_yaml_agents_with_any_file_name(files: dict[str, Path], tmp_path: Path) -> None:
    """--agents tells our YAML from a PETRARCH file by content, not by name; our YAML actors
    feed the dictionary coder under --no-builtin."""
    agents = tmp_path / "roles.txt"
    agents.write_text("- name: government\n  code: GOV\n- name: red cross team\n"
                      "  prefix: NGO\n", encoding="utf-8")
    actors = tmp_path / "people.yaml"
    actors.write_text("- name: Erusea\n  aliases: [Erusean]\n  code: ERU\n"
                      "- name: Osea\n  code: OSE\n", encoding="utf-8")
    result = CliRunner().invoke(app, [
        "code", str(files["in.jsonl"]), "--format", "jsonl", "--no-builtin",
        "--actors", str(actors), "--agents", str(agents), "--verbs", str(files["verbs.txt"])])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {(r["source"]["cameo"], r["target"]["cameo"], r["cameo"]) for r in records} >= {
        ("ERUGOV", "OSE", "051")}
