"""Corpora: JSONL, CSV, Parquet; gzip and zstd; column mapping; stdin; bad rows reported."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from pourparler.errors import InputError
from pourparler.ingest.corpus import Columns, corpus_format, read_any, read_corpus
from pourparler.model import Article

ROWS = [
    {"doc": "a1", "body": "The president of the council met the ministers in Brussels.",
     "day": "2024-02-01T09:30:00Z", "link": "https://news.example/a1", "language": "en"},
    {"doc": "a2", "body": "Le premier ministre a reçu son homologue à Paris jeudi.",
     "day": "2024-02-02", "link": "https://news.example/a2", "language": "fr"},
    {"doc": "a3", "body": "", "day": "2024-02-03", "link": "", "language": "en"},
]
COLS = Columns(id="doc", text="body", date="day", url="link", lang="language")


def _jsonl(rows: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _parquet(rows: list[dict[str, str]]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buf)
    return buf.getvalue()


def _check(items: list[Article | InputError]) -> None:
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in arts] == ["a1", "a2"]
    assert arts[0].published == date(2024, 2, 1) and arts[0].lang == "en"
    assert arts[1].url == "https://news.example/a2" and arts[1].lang == "fr"
    assert len(errs) == 1 and "empty text" in errs[0].reason  # the bad row, not lost


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("compression", ["", ".gz", ".zst"])
def test_formats_and_compressions(tmp_path: Path, kind: str, compression: str) -> None:
    data = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[kind](ROWS)
    if compression == ".gz":
        data = gzip.compress(data)
    elif compression == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"corpus.{kind}{compression}"
    path.write_bytes(data)
    _check(list(read_corpus(path, COLS)))


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_stdin_is_sniffed(kind: str) -> None:
    data = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[kind](ROWS)
    _check(list(read_corpus("-", COLS, stdin=io.BytesIO(gzip.compress(data)))))


def test_missing_column_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(_csv(ROWS))
    (err,) = list(read_corpus(path))  # default columns: id, text
    assert isinstance(err, InputError) and "no column 'id'" in err.reason


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(b"\x1f\x8bnot really gzip")
    items = list(read_corpus(path, COLS))
    assert items and isinstance(items[-1], InputError)


def test_format_from_name() -> None:
    assert corpus_format(Path("x.csv.zst")) == ("csv", "zstd")
    assert corpus_format(Path("x.jsonl.gz")) == ("jsonl", "gzip")
    assert corpus_format(Path("x.parquet")) == ("parquet", None)
    assert corpus_format(Path("x.txt")) is None


def test_read_any_mixes_sources(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_bytes(_csv(ROWS))
    (tmp_path / "note.txt").write_text("The minister resigned on Monday after the vote.")
    items = list(read_any([tmp_path / "c.csv", tmp_path / "note.txt"], COLS))
    assert [i.id for i in items if isinstance(i, Article)] == ["a1", "a2", "note"]
    with pytest.raises(InputError):
        list(read_any([tmp_path / "absent.csv"]))


def test_stdin_plain_text_is_one_article() -> None:
    text = "Le président a rencontré son homologue à Paris, mardi.\nIls ont signé un accord."
    (article,) = list(read_corpus("-", stdin=io.BytesIO(text.encode("utf-8"))))
    assert isinstance(article, Article)
    assert article.text.startswith("Le président") and "accord" in article.text


def test_stdin_csv_needs_its_columns_in_the_header() -> None:
    data = b"id,text\na1,Hello world from the news desk.\n"
    (article,) = list(read_corpus("-", stdin=io.BytesIO(data)))
    assert isinstance(article, Article) and article.id == "a1"
