"""Spark (local[2]) gives the same event rows as the local coder. Skipped without PySpark/Java."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# CI installs PySpark and Java and sets POURPARLER_REQUIRE_SPARK: there a missing piece fails
_REQUIRED = bool(os.environ.get("POURPARLER_REQUIRE_SPARK"))
if _REQUIRED:
    import pyspark  # noqa: F401

    assert shutil.which("java"), "Spark needs Java and POURPARLER_REQUIRE_SPARK is set"
else:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java", allow_module_level=True)

import pyarrow.parquet as pq  # noqa: E402  (after the skip checks)

from pourparler.model import Article  # noqa: E402
from pourparler.pipeline import Coder  # noqa: E402
from pourparler.scale.spark import code_spark, event_rows, spark_session  # noqa: E402

# PySpark 4 warns about pandas 3 in general; mapInPandas as used here is covered by this test
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support:FutureWarning")

ARTICLES = [
    {"id": "s1", "lang": "en", "published": "2024-04-02",
     "text": "Russia's foreign minister met the Chinese president in Beijing on Monday."},
    {"id": "s2", "lang": "en", "published": "2024-04-03",
     "text": "The United States imposed new sanctions on Iran over its nuclear programme."},
    {"id": 3, "lang": "en", "text": "Protesters clashed with police in Nairobi on Friday."},
    {"id": "s4", "lang": "de", "text": "Die Regierung hat heute beschlossen."},
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[2]", "pourparler-test")
    yield session
    session.stop()


def _norm(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = [{k: v for k, v in r.items() if v is not None} for r in rows]
    return sorted(kept, key=lambda r: (str(r["article_id"]), str(r.get("id", ""))))


def test_spark_matches_local(spark: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    out = tmp_path / "out.parquet"
    code_spark(src, out, spark=spark)
    got = pq.read_table(out).to_pylist()
    local: list[dict[str, Any]] = []
    arts = [Article(id=str(a["id"]), text=str(a["text"]), lang=str(a["lang"]),
                    published=date.fromisoformat(str(a["published"])) if "published" in a
                    else None) for a in ARTICLES]
    for result in Coder().code(arts):
        if result.error is None:
            local += event_rows(result.events)
        else:
            local.append({"article_id": result.article_id, "error": str(result.error)})
    assert any(r.get("cameo") for r in got)
    assert _norm(got) == _norm(local)
    errors = [r for r in got if r["error"]]
    assert [r["article_id"] for r in errors] == ["s4"]


def _shared_eval() -> Path:
    override = os.environ.get("POURPARLER_SHARED")
    shared = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    return shared / "eval"


def test_cli_engine_spark_maps_columns(spark: Any, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pourparler.cli import app

    renamed = [{"doc": a["id"], "body": a["text"], "language": a["lang"],
                **({"day": a["published"]} if "published" in a else {})} for a in ARTICLES]
    src = tmp_path / "renamed.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in renamed), encoding="utf-8")
    out = tmp_path / "cli.parquet"
    result = CliRunner().invoke(app, [
        "code", "--engine", "spark", "--master", "local[2]", str(src), "-o", str(out),
        "--id-col", "doc", "--text-col", "body", "--lang-col", "language", "--date-col", "day"])
    assert result.exit_code == 0, result.stderr
    reference = tmp_path / "ref.parquet"
    code_spark_input = tmp_path / "in.jsonl"
    code_spark_input.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES),
                                encoding="utf-8")
    code_spark(code_spark_input, reference, spark=spark)
    assert _norm(pq.read_table(out).to_pylist()) == _norm(pq.read_table(reference).to_pylist())
    assert "coded 3 articles" in result.stderr
    assert "failed 1:" in result.stderr and "'de'" in result.stderr


def test_cli_engine_spark_equals_local_on_a_dev_set(spark: Any, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pourparler.cli import app

    dev = _shared_eval() / "dev-en.jsonl"
    if not dev.is_file():
        pytest.skip(f"no dev set at {dev}")
    out = tmp_path / "dev.parquet"
    runner = CliRunner()
    result = runner.invoke(app, ["code", "--engine", "spark", str(dev), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    local = runner.invoke(app, ["code", "--workers", "1", "--format", "jsonl", str(dev)])
    assert local.exit_code == 0, local.stderr
    local_rows = [r for line in local.stdout.splitlines() if line.strip()
                  for r in event_rows([_event(json.loads(line))])]
    assert local_rows
    assert _norm(pq.read_table(out).to_pylist()) == _norm(local_rows)


def _event(record: dict[str, Any]) -> Any:
    from pourparler.model import Event

    return Event.from_dict(record)


def test_cli_engine_spark_needs_one_input_and_an_output(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pourparler.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", "--engine", "spark", str(src)])
    assert result.exit_code == 2
    assert "-o OUTPUT.parquet" in result.stderr
