"""The pourparler coder on an Apache Spark cluster, through ``mapInPandas``.

Each executor's Python worker builds one :class:`~pourparler.pipeline.Coder` on its first
batch and keeps it (Spark reuses Python workers by default), so models load once per worker,
not once per batch. The coding itself is the local pipeline, unchanged: the same articles
give the same events as ``pourparler code``.

Output: one row per event. Scalar fields of the event record are columns; the nested ones
(``source``, ``target``, ``location``, ``evidence``) are JSON strings, which every Spark,
Parquet and DuckDB reader handles and which round-trip exactly through ``Event.from_dict``.
An article that cannot be coded gives one row with ``article_id`` and ``error`` set and the
event columns null, so nothing is silently lost (filter on ``error IS NULL`` for events).

Running on an existing cluster: executors need pourparler, spaCy and the two models in
their Python environment. Pack the venv and ship it with the job::

    venv-pack -o pourparler-env.tar.gz          # or conda-pack; the models are pip packages
    spark-submit --master spark://HOST:7077 \\
      --archives pourparler-env.tar.gz#env \\
      --conf spark.pyspark.python=./env/bin/python \\
      "$(python -c 'import pourparler.scale.spark as m; print(m.__file__)')" \\
      hdfs:///news/2024-06.parquet hdfs:///events/2024-06.parquet

The driver (client mode) uses the local Python, which needs pourparler installed too; with
YARN use ``--master yarn``. Locally::

    python -m pourparler.scale.spark articles.jsonl events.parquet --master 'local[*]'
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pourparler.ingest.corpus import Columns
from pourparler.model import Article, Event, parse_date
from pourparler.options import CoderOptions
from pourparler.parallel import CodingSummary

log = logging.getLogger(__name__)

__all__ = [
    "EVENT_COLUMNS", "SparkReport", "code_dataframe", "code_spark", "event_rows", "main",
    "spark_session",
]

#: Output columns and their Spark SQL types, in order.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"), ("id", "string"), ("sentence", "int"), ("cameo", "string"),
    ("root", "string"), ("quad_class", "int"), ("goldstein", "double"), ("plover", "string"),
    ("plover_mode", "string"), ("status", "string"), ("date", "string"),
    ("date_precision", "string"), ("lang", "string"), ("confidence", "double"),
    ("rule", "string"), ("source", "string"), ("target", "string"), ("location", "string"),
    ("evidence", "string"), ("error", "string"),
)
_NESTED = ("source", "target", "location", "evidence")
_INPUT_COLUMNS = ("id", "text", "title", "published", "lang", "url", "outlet")
_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in EVENT_COLUMNS)

_coder: Any = None


@dataclass(frozen=True, slots=True)
class SparkReport:
    """What a Spark run read and wrote."""

    #: Articles in the input.
    articles: int
    #: Rows written: one per event, plus one per article that could not be coded.
    rows: int
    #: (article id, reason) of each article that could not be coded.
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def events(self) -> int:
        return self.rows - len(self.failures)

    def summary(self) -> CodingSummary:
        """As a local run's summary (the time is Spark's to report)."""
        out = CodingSummary(coded=self.articles - len(self.failures), events=self.events)
        for article_id, reason in self.failures:
            out.failed[reason.removeprefix(f"{article_id}: ")] += 1
        return out


def event_rows(events: list[Event]) -> list[dict[str, Any]]:
    """Events as output rows (nested parts as JSON strings)."""
    rows = []
    for ev in events:
        d = ev.to_dict()
        row = {name: d.get(name) for name, _ in EVENT_COLUMNS}
        for name in _NESTED:
            row[name] = json.dumps(d[name], ensure_ascii=False, sort_keys=True) \
                if d.get(name) is not None else None
        row["error"] = None
        rows.append(row)
    return rows


def _code_batches(batches: Iterator[Any], options: CoderOptions) -> Iterator[Any]:
    """The mapInPandas function: pandas frames of articles in, frames of event rows out."""
    import pandas as pd

    global _coder
    if _coder is None:
        from pourparler.pipeline import Coder

        _coder = Coder(options)
    columns = [name for name, _ in EVENT_COLUMNS]
    for frame in batches:
        articles = []
        for rec in frame.to_dict("records"):
            articles.append(Article(
                id=str(rec["id"]), text=str(rec.get("text") or ""),
                title=_opt(rec.get("title")), published=_date(rec.get("published")),
                lang=_opt(rec.get("lang")), url=_opt(rec.get("url")),
                outlet=_opt(rec.get("outlet"))))
        rows: list[dict[str, Any]] = []
        for result in _coder.code(articles):
            if result.error is not None:
                row: dict[str, Any] = dict.fromkeys(columns)
                row["article_id"] = result.article_id
                row["error"] = str(result.error)
                rows.append(row)
            else:
                rows.extend(event_rows(result.events))
        out = pd.DataFrame(rows, columns=columns)
        for name in ("sentence", "quad_class"):
            out[name] = out[name].astype("Int32")
        yield out


def _opt(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):  # NaN from pandas
        return None
    s = str(value).strip()
    return s or None


def _date(value: object) -> Any:
    try:
        return parse_date(_opt(value))
    except ValueError:
        return None


def spark_session(master: str = "local[*]", app_name: str = "pourparler") -> Any:
    """A Spark session (the existing one when running under spark-submit)."""
    from pyspark.sql import SparkSession

    if master.startswith("local"):
        # local workers run this interpreter (whose environment has pourparler and the
        # models), not whatever "python3" comes first on PATH; PySpark reads only the
        # environment variable for this, when the session starts
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def code_dataframe(articles: Any, options: CoderOptions | None = None) -> Any:
    """Event rows from a Spark DataFrame of articles (columns ``id``, ``text`` and any of
    ``title``, ``published``, ``lang``, ``url``, ``outlet``)."""
    from pyspark.sql import functions as F

    opts = options or CoderOptions()
    present = set(articles.columns)
    cols = [F.col(c).cast("string").alias(c) if c in present else F.lit(None).cast("string")
            .alias(c) for c in _INPUT_COLUMNS]
    frame = articles.select(*cols)
    return frame.mapInPandas(lambda batches: _code_batches(batches, opts), schema=_SCHEMA)


def code_spark(input_path: str | Path, output_path: str | Path, *, master: str = "local[*]",
               options: CoderOptions | None = None, spark: Any = None,
               columns: Columns | None = None, published: date | None = None) -> SparkReport:
    """Code a JSONL or Parquet corpus on Spark into a Parquet dataset; returns what it did.

    ``columns`` maps the corpus's column names to the article's fields (as ``--id-col``...);
    ``published`` dates the articles that have no date of their own."""
    from pyspark.sql import functions as F

    session = spark or spark_session(master)
    cols = columns or Columns()
    fields = {"id": cols.id, "text": cols.text, "title": cols.title, "published": cols.date,
              "lang": cols.lang, "url": cols.url, "outlet": cols.outlet}
    source = str(input_path)
    if source.endswith((".parquet", ".pq")) or Path(source).is_dir():
        frame = session.read.parquet(source)
    else:  # an explicit schema: no inference pass over the corpus; numbers read as text
        schema = ", ".join(f"`{column}` string" for column in dict.fromkeys(fields.values()))
        frame = session.read.schema(schema).json(source)
    present = set(frame.columns)
    frame = frame.select(*[F.col(f"`{column}`").alias(name) for name, column in fields.items()
                           if column in present])
    if published is not None:
        day = F.lit(published.isoformat())
        frame = frame.withColumn("published", F.coalesce(F.col("published").cast("string"), day)
                                 if "published" in frame.columns else day)
    # a corpus file under 128 MB is one partition, i.e. one core: spread it over all of them
    parallelism = int(session.sparkContext.defaultParallelism)
    if frame.rdd.getNumPartitions() < parallelism:
        frame = frame.repartition(parallelism)
    articles = int(frame.count())  # articles without events leave no row: count them here
    rows = code_dataframe(frame, options)
    rows.write.mode("overwrite").parquet(str(output_path))
    written = session.read.parquet(str(output_path))
    failures = [(r["article_id"], r["error"])
                for r in written.filter(F.col("error").isNotNull())
                .select("article_id", "error").collect()]
    return SparkReport(articles=articles, rows=int(written.count()), failures=failures)


def main(argv: list[str] | None = None) -> int:
    """``python -m pourparler.scale.spark INPUT OUTPUT [--master M]`` (also for spark-submit)."""
    import argparse

    parser = argparse.ArgumentParser(prog="pourparler.scale.spark",
                                     description="Code a JSONL or Parquet corpus on Spark.")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--master", default="", help="default: the session's (spark-submit)")
    args = parser.parse_args(argv)
    report = code_spark(args.input, args.output, master=args.master)
    log.info("%s: %d articles, %d rows written", args.output, report.articles, report.rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
