"""The event record as a flat table: Parquet (typed) and CSV, one row per event.

Beside the event record's fields: the store's id and mention counts, and the first mention's
article (URL, publication date, title, outlet). ``date`` is a true date (Parquet date32; a
month or a year is its first day, ``date_precision`` says which)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from pourparler.store import StoredEvent

__all__ = ["CSV_DTYPES", "RECORD_COLUMNS", "flat_record", "flat_table", "safe_cell",
           "safe_row", "write_csv", "write_parquet"]

_ACTOR_FIELDS = (("name", pa.string()), ("text", pa.string()), ("country", pa.string()),
                 ("org", pa.string()), ("sector", pa.string()), ("cameo", pa.string()))
_LOCATION_FIELDS = (("name", pa.string()), ("country", pa.string()), ("admin1", pa.string()),
                    ("lat", pa.float64()), ("lon", pa.float64()), ("precision", pa.string()),
                    ("geonameid", pa.int64()))

#: Columns of the flat event record: nested objects of the DESIGN.md record are spelt
#: ``source_name``, ``location_lat``..., then the store's id and mention counts.
_SCHEMA = pa.schema([
    ("global_event_id", pa.int64()), ("id", pa.string()), ("article_id", pa.string()),
    ("sentence", pa.int32()),
    *((f"source_{n}", t) for n, t in _ACTOR_FIELDS),
    *((f"target_{n}", t) for n, t in _ACTOR_FIELDS),
    ("cameo", pa.string()), ("root", pa.string()), ("quad_class", pa.int8()),
    ("goldstein", pa.float64()), ("plover", pa.string()), ("plover_mode", pa.string()),
    ("status", pa.string()), ("date", pa.date32()), ("date_precision", pa.string()),
    *((f"location_{n}", t) for n, t in _LOCATION_FIELDS),
    ("evidence_text", pa.string()), ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()), ("lang", pa.string()), ("confidence", pa.float64()),
    ("rule", pa.string()), ("num_mentions", pa.int32()), ("num_sources", pa.int32()),
    ("num_articles", pa.int32()), ("url", pa.string()),
    ("published", pa.date32()), ("title", pa.string()), ("outlet", pa.string()),
])
RECORD_COLUMNS: tuple[str, ...] = tuple(_SCHEMA.names)
#: Columns whose values look like numbers but are codes ("040", "04"): a reader that guesses
#: types turns them into integers. Give this to pandas: ``pd.read_csv(path,
#: dtype=CSV_DTYPES)`` (the README shows the line).
CSV_DTYPES: dict[str, str] = {"cameo": "str", "root": "str", "id": "str", "article_id": "str"}
#: Rows per Parquet row group written at once: bounds memory on large stores.
_CHUNK = 50_000


def flat_record(event: StoredEvent) -> dict[str, Any]:
    """The event record with nested objects flattened to ``parent_field`` columns."""
    rec = event.to_dict()
    out: dict[str, Any] = {}
    for key, value in rec.items():
        if key in ("source", "target", "location", "evidence"):
            fields = {"source": _ACTOR_FIELDS, "target": _ACTOR_FIELDS,
                      "location": _LOCATION_FIELDS,
                      "evidence": (("text", 0), ("start", 0), ("end", 0))}[key]
            for name, _ in fields:
                out[f"{key}_{name}"] = value.get(name) if value else None
        else:
            out[key] = value
    out.update(url=event.url, published=event.published, title=event.title,
               outlet=event.outlet, date=_first_day(event.record.date))
    return {name: out.get(name) for name in RECORD_COLUMNS}


def _first_day(text: str | None) -> date | None:
    """The record's date as a day: a month or a year stands for its first day
    (``date_precision`` says which)."""
    if not text:
        return None
    try:
        return date.fromisoformat((text + "-01-01")[:10] if len(text) < len("2021-12-30")
                                  else text[:10])
    except ValueError:
        return None


def _chunks(events: Iterable[StoredEvent]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for event in events:
        chunk.append(flat_record(event))
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    yield chunk


def flat_table(events: Iterable[StoredEvent]) -> pa.Table:
    """The flat event records as one Arrow table (the Parquet export's schema)."""
    return pa.Table.from_pylist([flat_record(e) for e in events], schema=_SCHEMA)


def write_parquet(events: Iterable[StoredEvent], path: Path) -> int:
    """Write the flat event records as Parquet; returns the row count."""
    n = 0
    with pq.ParquetWriter(str(path), _SCHEMA) as writer:
        for chunk in _chunks(events):
            if chunk or n == 0:
                writer.write_table(pa.Table.from_pylist(chunk, schema=_SCHEMA))
            n += len(chunk)
    return n


#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: a text starting with ``= + - @``, tab or CR gets
    a leading single quote, as OWASP recommends. Numbers and other values are left as they are
    (a Goldstein score of -4.0 stays a number)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every text cell passed through :func:`safe_cell`."""
    return {key: safe_cell(value) for key, value in row.items()}


def write_csv(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write the flat event records as CSV with a header; returns the row count. Text cells
    that a spreadsheet would read as a formula are neutralised (:func:`safe_cell`)."""
    writer = csv.DictWriter(out, fieldnames=list(RECORD_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(safe_row(flat_record(event)))
        n += 1
    return n
