"""Corpora and every core from the command line: column mapping, compressed corpora, stdin,
``--workers``, the end-of-run summary. Runs the real coder in-process (workers are forked)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pourparler.cli import app
from pourparler.store import Store


def _examples() -> list[dict[str, Any]]:
    path = Path(str(resources.files("pourparler") / "examples" / "articles.jsonl"))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    """More articles than one worker's first chunk, so a pool of workers is really used."""
    rows = []
    for copy in range(4):
        for record in _examples():
            # distinct texts: the store would keep copies of one text as duplicates
            rows.append({**record, "id": f"{record['id']}-{copy}",
                         "text": record["text"] + f"\n\n(Ref. {copy}.)"})
    assert len(rows) > 16
    return rows


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_two_workers_give_the_same_events_in_the_same_order(
        runner: CliRunner, corpus: list[dict[str, Any]], tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "corpus.jsonl", corpus)
    one = runner.invoke(app, ["code", str(src), "--workers", "1", "--format", "jsonl"])
    two = runner.invoke(app, ["code", str(src), "--workers", "2", "--format", "jsonl"])
    assert one.exit_code == 0, one.stderr
    assert two.exit_code == 0, two.stderr
    assert _events(one.stdout)
    assert _events(two.stdout) == _events(one.stdout)
    assert f"coded {len(corpus)} articles" in two.stderr


def test_csv_corpus_with_mapped_columns(runner: CliRunner, corpus: list[dict[str, Any]],
                                       tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["doc_id", "body", "pubdate", "link", "language"])
    for r in corpus[:3]:
        writer.writerow([r["id"], r["text"], r.get("published", ""), "https://example.org/"
                         + r["id"], r.get("lang", "")])
    src = tmp_path / "corpus.csv.gz"
    src.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8")))
    mapped = runner.invoke(app, [
        "code", str(src), "--format", "jsonl", "--id-col", "doc_id", "--text-col", "body",
        "--date-col", "pubdate", "--url-col", "link", "--lang-col", "language"])
    assert mapped.exit_code == 0, mapped.stderr
    reference = runner.invoke(app, ["code", str(_write_jsonl(tmp_path / "ref.jsonl",
                                                             corpus[:3])), "--format", "jsonl"])
    assert _events(mapped.stdout) == _events(reference.stdout)
    assert {e["article_id"] for e in _events(mapped.stdout)} <= {r["id"] for r in corpus[:3]}


def test_unmapped_columns_are_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "corpus.csv"
    src.write_text("doc_id,body\na1,Some text.\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(src)])
    assert result.exit_code == 1
    assert "no column 'id'" in result.stderr and "--id-col" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_text_on_stdin(runner: CliRunner) -> None:
    text = ("The United States imposed new sanctions on Iran on Tuesday over its "
            "nuclear programme.")
    result = runner.invoke(app, ["code", "-", "--lang", "en", "--published", "2024-05-07",
                                 "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert any(e["source"]["country"] == "USA" and e["target"]["country"] == "IRN" for e in events)


def test_ingest_parquet_corpus_with_workers(runner: CliRunner, corpus: list[dict[str, Any]],
                                           tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    renamed = [{"key": r["id"], "content": r["text"], "language": r.get("lang"),
                "day": r.get("published")} for r in corpus]
    src = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(renamed), src)
    db = tmp_path / "events.duckdb"
    args = ["ingest", str(src), "--db", str(db), "--workers", "2", "--id-col", "key",
            "--text-col", "content", "--lang-col", "language", "--date-col", "day"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert f"coded {len(corpus)} articles" in first.stderr
    assert f"{len(corpus)} articles added" in first.stderr
    counts = Store(db, read_only=True).counts()
    assert counts["articles"] == len(corpus)
    assert counts["events"] > 0
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.stderr
    assert "0 articles added" in second.stderr and "0 new events" in second.stderr
    assert Store(db, read_only=True).counts() == counts


def test_ingest_of_only_bad_inputs_exits_non_zero(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "x", "text": ""}\n{"id": "y"}\nnot json\n', encoding="utf-8")
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "bad.jsonl:3" in result.stderr
