"""Corpora: JSON lines, CSV and Parquet, plain or compressed (gzip, bzip2, xz, zstd), files or
stdin.

Column names differ from one corpus to the next, so each field the reader needs can be
mapped (:class:`Columns`, the ``--id-col``... options). Records stream: a corpus of millions
of rows is never held in memory (Parquet is read one row group batch at a time). As with the
other readers, one bad record becomes an :class:`InputError` and reading goes on. Compressed
inputs are decompressed within limits, and a truncated archive is reported as such
(:mod:`pourparler.ingest.archives`); a record over the size limit is one bad record.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, cast

from pourparler.errors import InputError
from pourparler.ingest.archives import Compression, compression_of, open_decompressed, prefixed
from pourparler.ingest.files import (
    STDIN,
    Overlong,
    ReadOptions,
    article_from_record,
    bounded_lines,
    read_jsonl_stream,
    read_path,
    read_stream,
    read_up_to,
)
from pourparler.model import Article

log = logging.getLogger(__name__)

__all__ = [
    "CORPUS_SUFFIXES",
    "Columns",
    "CorpusFormat",
    "corpus_format",
    "count_articles",
    "read_any",
    "read_corpus",
]

CorpusFormat = Literal["jsonl", "csv", "parquet"]
_FORMATS: dict[str, CorpusFormat] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}
_COMPRESSIONS: dict[str, Compression] = {
    ".gz": "gzip", ".gzip": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd",
    ".zstd": "zstd"}
#: File name endings read as corpora, compressed or not.
CORPUS_SUFFIXES: frozenset[str] = frozenset(
    [*_FORMATS, *(f + c for f in _FORMATS for c in _COMPRESSIONS)])
_PARQUET_MAGIC = b"PAR1"
#: Bytes of standard input looked at to tell its format (a few lines of any corpus).
_SNIFF_BYTES = 65_536
#: Rows per Parquet batch: a few MB of news text, so memory stays flat on any corpus.
_PARQUET_BATCH = 1024


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds each article field (the defaults are pourparler's JSON names)."""

    id: str = "id"
    text: str = "text"
    date: str = "published"
    url: str = "url"
    lang: str = "lang"
    title: str = "title"
    outlet: str = "outlet"

    def record(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """A row renamed to the article record's field names."""
        out = {"id": row.get(self.id), "text": row.get(self.text)}
        for name, column in (("published", self.date), ("url", self.url), ("lang", self.lang),
                             ("title", self.title), ("outlet", self.outlet)):
            value = row.get(column)
            if value is not None and value != "":
                out[name] = value
        return out


def corpus_format(path: Path) -> tuple[CorpusFormat, Compression | None] | None:
    """(format, compression) from a file name, or None when it is not a corpus file."""
    suffixes = [s.lower() for s in path.suffixes]
    compression = _COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    if compression:
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] not in _FORMATS:
        return None
    return _FORMATS[suffixes[-1]], compression


def read_any(sources: Iterable[str | Path], columns: Columns | None = None,
             options: ReadOptions | None = None,
             stdin: BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Articles from each source: corpora by their name, web pages (``.html``), other files
    as :func:`pourparler.ingest.files.read_path` reads them, ``-`` for standard input
    (format sniffed). Raises InputError for a path that does not exist."""
    from pourparler.ingest.html import is_html_path, read_html_file

    opts = options or ReadOptions()
    for source in sources:
        if str(source) == STDIN:
            yield from read_corpus(STDIN, columns, opts, stdin=stdin)
            continue
        path = Path(source)
        if not path.exists():
            raise InputError(str(path), "no such file")
        if path.is_file() and corpus_format(path) is not None:
            yield from read_corpus(path, columns, opts)
        elif path.is_file() and is_html_path(path):
            yield read_html_file(path, published=opts.published, lang=opts.lang)
        else:
            yield from read_path(path, opts)


def count_articles(sources: Iterable[str | Path]) -> int | None:
    """How many articles the sources hold, when that is cheap to know (for a progress bar's
    ETA): Parquet from its footer, uncompressed JSON lines by counting lines, one per text or
    HTML file. None when any source would have to be decoded to be counted (compressed or
    CSV files, whose fields may span lines; standard input)."""
    total = 0
    for source in sources:
        path = Path(source)
        if str(source) == STDIN or not path.is_file():
            return None
        found = corpus_format(path)
        try:
            if found is None and path.suffix.lower() in (".jsonl", ".ndjson"):
                found = ("jsonl", None)
            if found is None:
                total += 1
            elif found == ("parquet", None):
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif found == ("jsonl", None):
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                return None
        except Exception:  # a count is a nicety; reading reports the problem
            return None
    return total


def read_corpus(source: str | Path, columns: Columns | None = None,
                options: ReadOptions | None = None, *, fmt: CorpusFormat | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Articles from one corpus file (or ``-``: standard input, format and compression
    sniffed from its first bytes)."""
    cols = columns or Columns()
    opts = options or ReadOptions()
    name = "<stdin>" if str(source) == STDIN else str(source)
    try:
        if str(source) == STDIN:
            raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
            stream, found = _sniff(raw, cols, opts, name)
            if fmt is None and found == "text":  # not a corpus: one plain-text article
                yield from read_stream(stream, name, opts)
                return
            fmt = fmt or cast(CorpusFormat, found)
        else:
            path = Path(source)
            detected = corpus_format(path)
            if fmt is None and detected is None:
                yield InputError(name, "not a corpus file (.jsonl, .csv or .parquet, "
                                       "optionally .gz, .bz2, .xz or .zst)")
                return
            fmt = fmt or (detected[0] if detected else None)
            stream = _open(path, detected[1] if detected else None, name, opts)
        with stream:
            if fmt == "parquet":
                yield from _parquet(stream, name, cols, opts)
            elif fmt == "csv":
                suffixes = [x.lower() for x in Path(name).suffixes]
                delimiter = "\t" if ".tsv" in suffixes[-2:] else ","
                yield from _csv(stream, name, cols, opts, delimiter)
            else:
                yield from _jsonl(stream, name, cols, opts)
    except InputError as err:  # raised mid-stream: truncated, corrupt or too large an archive
        yield err
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")


def _open(path: Path, compression: Compression | None, name: str,
          opts: ReadOptions) -> BinaryIO:
    raw = path.open("rb")
    if compression is None:
        return raw
    return open_decompressed(raw, compression, name, max_bytes=opts.max_decompressed_bytes,
                             max_ratio=opts.max_ratio)


def _sniff(raw: BinaryIO, cols: Columns, opts: ReadOptions,
           name: str) -> tuple[BinaryIO, CorpusFormat | Literal["text"]]:
    """Standard input, decompressed (within the limits), and its format, from its first
    bytes; the rest streams. CSV only when its first line names the id and text columns;
    other text is an article."""
    magic = raw.read(8)
    stream = prefixed(magic, raw)
    kind = compression_of(magic)
    if kind is not None:
        stream = open_decompressed(stream, kind, name, max_bytes=opts.max_decompressed_bytes,
                                   max_ratio=opts.max_ratio)
    head = read_up_to(stream, _SNIFF_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 JSON lines or CSV: sniffed (and read) as the UTF-8 they decode to; bytes
        # that do not decode are left to the text reader, which says they are binary
        data = head + stream.read(max(opts.max_decompressed_bytes + 1 - len(head), 0))
        if len(data) > opts.max_decompressed_bytes:
            raise InputError(name, f"UTF-16 input over {opts.max_decompressed_bytes:,} bytes; "
                                   "convert it to UTF-8 to read it as a stream")
        with contextlib.suppress(UnicodeDecodeError):
            data = data.decode("utf-16").encode("utf-8")
        head, stream = data, io.BytesIO(b"")
    rest = prefixed(head, stream)
    if head.startswith(_PARQUET_MAGIC):
        fmt: CorpusFormat = "parquet"
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        fmt = "jsonl"
    elif _is_csv_header(head, cols):
        fmt = "csv"
    else:
        return rest, "text"
    return rest, fmt


def _is_csv_header(data: bytes, cols: Columns) -> bool:
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    for delimiter in (",", "\t"):
        try:  # a bare CR or a first line over the csv module's field limit: not a header
            header = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        if cols.id in header and cols.text in header:
            return True
    return False


def _jsonl(stream: BinaryIO, name: str, cols: Columns,
           opts: ReadOptions) -> Iterator[Article | InputError]:
    # the one JSON-lines reader: the encoding fallbacks and the binary check of plain .jsonl
    return read_jsonl_stream(stream, name, opts, cols.record)


def _csv(stream: BinaryIO, name: str, cols: Columns, opts: ReadOptions,
         delimiter: str) -> Iterator[Article | InputError]:
    # a field may hold a whole article: allow the longest text the coder accepts
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_text_chars + 1))
    reader = csv.DictReader(_csv_lines(stream, name, opts), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
        missing = [c for c in (cols.id, cols.text) if c not in header]
        if missing:
            yield InputError(name, f"no column {missing[0]!r} (columns: {', '.join(header)}); "
                                   "map it with --id-col / --text-col")
            return
        for row in reader:
            where = f"{name}:{reader.line_num}"
            yield article_from_record(cols.record(row), where, opts)
    except csv.Error as exc:
        yield InputError(f"{name}:{reader.line_num}", f"not valid CSV: {exc}")


def _csv_lines(stream: BinaryIO, name: str, opts: ReadOptions) -> Iterator[str]:
    """Decoded lines for the csv module, each within the record limit. An overlong line
    ends the file's reading (a quoted field may span lines: what follows cannot be trusted
    to start a record), as an InputError naming its line."""
    for number, line in enumerate(bounded_lines(b"", stream, opts.max_record_bytes), 1):
        if isinstance(line, Overlong):
            raise InputError(f"{name}:{number}", f"line over {opts.max_record_bytes:,} bytes; "
                             "the rest of the file is not read (raise the limit with "
                             "--max-record-bytes)")
        yield line.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")


def _parquet(stream: BinaryIO, name: str, cols: Columns,
             opts: ReadOptions) -> Iterator[Article | InputError]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        if stream.seekable():
            source: BinaryIO = stream
        else:  # compressed or standard input: Parquet needs the whole file, within limits
            data = stream.read(opts.max_decompressed_bytes + 1)
            if len(data) > opts.max_decompressed_bytes:
                yield InputError(name, f"Parquet data over {opts.max_decompressed_bytes:,} "
                                       "bytes; raise the limit with --max-decompressed-bytes")
                return
            source = io.BytesIO(data)
        pf = pq.ParquetFile(source)
    except (pa.ArrowException, ValueError) as exc:
        yield InputError(name, f"not a valid Parquet file: {exc}")
        return
    names = set(pf.schema_arrow.names)
    missing = [c for c in (cols.id, cols.text) if c not in names]
    if missing:
        yield InputError(name, f"no column {missing[0]!r} (columns: {', '.join(sorted(names))})"
                               "; map it with --id-col / --text-col")
        return
    wanted = [c for c in dict.fromkeys((cols.id, cols.text, cols.date, cols.url, cols.lang,
                                        cols.title, cols.outlet)) if c in names]
    row_no = 0
    for batch in pf.iter_batches(batch_size=_PARQUET_BATCH, columns=wanted):
        for row in batch.to_pylist():
            row_no += 1
            yield article_from_record(cols.record(row), f"{name}:row {row_no}", opts)
