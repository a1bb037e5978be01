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
