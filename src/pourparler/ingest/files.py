"""Read articles from files and streams: plain text, JSON lines, standard input.

Readers yield ``Article | InputError``: one bad record (a malformed line, an empty text, a
binary file) becomes an :class:`InputError` in the stream and reading goes on. The only
thing that raises is a path that does not exist, since that is a mistake in the request
rather than in the data.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from pourparler.errors import InputError
from pourparler.ingest.archives import MAX_DECOMPRESSED_BYTES, MAX_RATIO
from pourparler.model import Article, parse_date
from pourparler.options import MAX_TEXT_CHARS

log = logging.getLogger(__name__)

__all__ = [
    "JSONL_SUFFIXES",
    "MAX_JSON_DEPTH",
    "MAX_RECORD_BYTES",
    "STDIN",
    "ReadOptions",
    "article_from_record",
    "decode_bytes",
    "read_inputs",
    "read_jsonl",
    "read_jsonl_stream",
    "read_path",
    "read_stream",
    "read_text_file",
    "read_up_to",
    "surrogate_problem",
    "text_charset",
]

#: The source name that means standard input.
STDIN = "-"
_STDIN_NAME = "<stdin>"

#: File name endings read as one article per line; anything else is one plain-text article.
JSONL_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".ndjson"})

#: How much of a text is inspected for control characters: enough to see that a file is
#: binary (binary formats show it in their first kilobytes) without scanning megabytes.
_SNIFF_CHARS = 65_536
#: Share of control characters above which decoded "text" is taken to be binary data. Real
#: text has none besides tabs and line breaks; 1% tolerates a few stray bytes in a real article.
_MAX_CONTROL_SHARE = 0.01
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LANG_RE = re.compile(r"^[a-z]{2,3}$")

#: Bytes one record (a JSON line, a CSV line, a plain-text article) may take. The longest
#: text the coder accepts (MAX_TEXT_CHARS) with every character written as a JSON \u escape
#: takes 6 bytes a character; 8 per character leaves room for the record's other fields. A longer
#: line is one bad record, skipped without ever being held in memory whole.
MAX_RECORD_BYTES = 8 * MAX_TEXT_CHARS
#: Nesting levels a JSON record may have. Article records are flat (an extra field may hold
#: a small object or list); 64 is far past any real record and far below Python's recursion
#: limit (1,000), so neither the parser nor any later use of the record can run out of stack.
MAX_JSON_DEPTH = 64
_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET_RE = re.compile(r"[\[\]{}]")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What readers fill in when the input does not say it."""

    #: Publication date of plain-text articles and of records without ``published``.
    published: date | None = None
    #: Language (ISO 639-1) of plain-text articles and of records without ``lang``.
    lang: str | None = None
    #: Longer texts are refused: almost certainly not one article (see options.MAX_TEXT_CHARS).
    max_text_chars: int = MAX_TEXT_CHARS
    #: Longer records (lines) are refused and skipped (see MAX_RECORD_BYTES).
    max_record_bytes: int = MAX_RECORD_BYTES
    #: A compressed input that expands past this many bytes, or past ``max_ratio`` times its
    #: compressed size, is stopped there (see pourparler.ingest.archives).
    max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    max_ratio: float = MAX_RATIO


def read_inputs(sources: Iterable[str | Path], options: ReadOptions | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Articles from each source in turn: a path, or ``-`` for standard input.

    Raises InputError for a path that does not exist (checked when that source is reached).
    """
    opts = options or ReadOptions()
    for source in sources:
        if str(source) == STDIN:
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer,
                                   _STDIN_NAME, opts)
        else:
            yield from read_path(Path(source), opts)


def read_path(path: Path, options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Articles from one file: JSON lines for ``.jsonl``/``.ndjson``, else one text article."""
    opts = options or ReadOptions()
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        yield InputError(str(path), "is a directory, not a file")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path, opts)
    else:
        yield read_text_file(path, opts)


def read_text_file(path: Path, options: ReadOptions | None = None) -> Article | InputError:
    """One article from a plain-text file; its id is the file name without extension."""
    opts = options or ReadOptions()
    try:
        with path.open("rb") as fh:
            data = fh.read(opts.max_record_bytes + 1)
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")
    if len(data) > opts.max_record_bytes:
        return InputError(str(path), _too_long(opts))
    return _text_article(data, str(path), path.stem, opts)


def read_jsonl(path: Path, options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """One article per line of a JSON-lines file (DESIGN.md "Input")."""
    opts = options or ReadOptions()
    try:
        with path.open("rb") as fh:
            yield from read_jsonl_stream(fh, str(path), opts)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def read_jsonl_stream(stream: BinaryIO, source: str, options: ReadOptions | None = None,
                      mapper: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
                      ) -> Iterator[Article | InputError]:
    """One article per line of a JSON-lines byte stream (a file, decompressed data, stdin).

    UTF-16 with a BOM is decoded whole; a line that is not UTF-8 is read as Windows-1252 /
    Latin-1 (one warning per stream); binary data is one error, not one per line. ``mapper``
    renames a row's columns to the record's field names."""
    opts = options or ReadOptions()
    head = read_up_to(stream, _SNIFF_CHARS)
    if head.startswith(_UTF16_BOMS):  # rare: decode whole (within limits), then split
        data = head + stream.read(opts.max_decompressed_bytes + 1 - len(head))
        if len(data) > opts.max_decompressed_bytes:
            yield InputError(source, f"UTF-16 input over {opts.max_decompressed_bytes:,} "
                                     "bytes; convert it to UTF-8 to read it as a stream")
            return
        try:
            text = decode_bytes(data, source)
        except InputError as err:
            yield err
            return
        yield from _jsonl_lines((ln.encode("utf-8") for ln in text.splitlines()), source,
                                opts, mapper)
        return
    if _looks_binary(head):
        yield InputError(source, "binary file, not text")
        return
    yield from _jsonl_lines(bounded_lines(head, stream, opts.max_record_bytes), source, opts,
                            mapper)


def _looks_binary(head: bytes) -> bool:
    """NUL bytes, or more control characters than text has, in the first bytes."""
    if b"\x00" in head:
        return True
    sample = head.decode("latin-1")
    return bool(sample) and len(_CONTROL_RE.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """``size`` bytes, or fewer only at the end: a decompressing stream may return less per
    read, and a format sniffed from a short head would be misjudged."""
    head = stream.read(size)
    try:
        while len(head) < size and (more := stream.read(size - len(head))):
            head += more
    except InputError:
        if not head:
            raise
        # what came before a broken archive's end: read it first; the stream raises again
    return head


class Overlong:
    """Stands for a line longer than the record limit (its bytes were skipped)."""

    __slots__ = ()

    def strip(self) -> bool:  # never blank: reported where a line would be read
        return True


#: Bytes read per step while skipping the rest of an overlong line.
_SKIP_CHUNK = 1 << 20


def bounded_lines(head: bytes, stream: BinaryIO, limit: int) -> Iterator[bytes | Overlong]:
    """The lines of ``head`` and then of the rest of ``stream`` (split on newlines only),
    each at most ``limit`` bytes; a longer one is skipped to its end, never held whole, and
    an :class:`Overlong` stands in its place. The lines of ``head`` come out before the
    stream is read again (an error there does not lose them)."""
    *complete, partial = head.split(b"\n")
    for line in complete:
        yield line + b"\n" if len(line) <= limit else Overlong()
    line = partial + stream.readline(max(limit + 1 - len(partial), 1)) if partial else \
        stream.readline(limit + 1)
    while line:
        body = len(line) - line.endswith(b"\n")
        if body > limit:
            if not line.endswith(b"\n"):
                _skip_line(stream)
            yield Overlong()
        else:
            yield line
        line = stream.readline(limit + 1)


def _skip_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass


def _too_long(opts: ReadOptions) -> str:
    return (f"record over {opts.max_record_bytes:,} bytes, skipped (raise the limit with "
            "--max-record-bytes)")


def json_too_deep(line: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text nests deeper than ``limit``, found without parsing it (so the
    parser never recurses that deep). Brackets inside strings do not count."""
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    for bracket in _JSON_BRACKET_RE.findall(_JSON_STRING_RE.sub('""', line)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def read_stream(stream: BinaryIO, source: str = _STDIN_NAME,
                options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Articles from a byte stream: JSON lines if it starts with ``{``, else one text article."""
    opts = options or ReadOptions()
    head = read_up_to(stream, _SNIFF_CHARS)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":  # streamed, line by line
        yield from _jsonl_lines(bounded_lines(head, stream, opts.max_record_bytes), source,
                                opts)
        return
    data = head + stream.read(max(opts.max_record_bytes + 1 - len(head), 0))
    if len(data) > opts.max_record_bytes:
        yield InputError(source, _too_long(opts))
        return
    yield _text_article(data, source, "stdin", opts)


#: Codecs Python knows that are no text encoding a page can declare: ``undefined`` raises on
#: any input, the escape codecs read backslashes as escapes.
_NOT_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "idna",
                           "punycode"})


def text_charset(name: str | None) -> str | None:
    """The codec a declared charset names, or None when it names none that decodes text
    (``charset=undefined``, ``rot13``, a made-up name): the caller falls back to detection."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def decode_bytes(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM, else Windows-1252 /
    Latin-1 with a warning. Raises InputError when the bytes are not text at all."""
    text, encoding = _decode(data, source)
    if encoding:
        log.warning("%s: not valid UTF-8; read as %s", source, encoding)
    return text


def _decode(data: bytes, source: str) -> tuple[str, str | None]:
    """The text and, when it was not Unicode, the legacy encoding it was read as."""
    if data.startswith(_UTF16_BOMS):
        try:
            return _check_text(data.decode("utf-16"), source), None
        except UnicodeDecodeError:
            raise InputError(source, "binary file, not text") from None
    if b"\x00" in data:
        raise InputError(source, "binary file, not text")
    try:
        return _check_text(data.decode("utf-8-sig"), source), None
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Western European legacy encodings are by far the likeliest for French and
    # English news; cp1252 is Latin-1 plus typographic quotes and dashes in 0x80-0x9f.
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    return _check_text(text, source), encoding


def article_from_record(record: Mapping[str, Any], source: str,
                        options: ReadOptions | None = None) -> Article | InputError:
    """An Article from one JSON object (id and text required), or the reason it is not one."""
    opts = options or ReadOptions()
    bad = next(((k, v) for k, v in record.items() if surrogate_problem(v)), None)
    if bad is not None:  # JSON's "\\ud83d" alone: no UTF-8 can hold it, nothing downstream can
        name, value = bad
        shown = str(record.get("id")) if name != "id" else None
        where = f"{source} (id {shown})" if shown and not surrogate_problem(shown) else source
        return InputError(where, f"{surrogate_problem(value)} in {name!r}")
    raw_id = record.get("id")
    if raw_id is None or str(raw_id).strip() == "" or isinstance(raw_id, (dict, list)):
        return InputError(source, "missing required field 'id'")
    article_id = str(raw_id)
    where = f"{source} (id {article_id})"
    text = record.get("text")
    if text is None:
        return InputError(where, "missing required field 'text'")
    if not isinstance(text, str):
        return InputError(where, f"'text' must be a string, not {type(text).__name__}")
    problem = _text_problem(text, opts)
    if problem:
        return InputError(where, problem)
    try:
        published = parse_date(record.get("published")) or opts.published
    except (ValueError, TypeError):
        return InputError(where, f"'published' is not an ISO date: {record.get('published')!r}")
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        return InputError(where, "'lang' must be a language code such as 'fr' or 'en'")
    return Article(
        id=article_id,
        text=text,
        title=_opt_str(record.get("title")),
        published=published,
        lang=_norm_lang(lang) or opts.lang,
        url=_opt_str(record.get("url")),
        outlet=_opt_str(record.get("outlet")),
    )


def _jsonl_lines(lines: Iterable[bytes | Overlong], source: str, opts: ReadOptions,
                 mapper: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
                 ) -> Iterator[Article | InputError]:
    warned = False
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{lineno}"
        if isinstance(raw, Overlong):
            yield InputError(where, _too_long(opts))
            continue
        try:
            line, encoding = _decode(raw, where)
        except InputError as err:
            yield err
            continue
        if encoding and not warned:  # once per file: a legacy file has it on every line
            log.warning("%s: not valid UTF-8; read as %s", where, encoding)
            warned = True
        if json_too_deep(line):
            yield InputError(where, f"not valid JSON for a record: nested deeper than "
                                    f"{MAX_JSON_DEPTH} levels")
            continue
        try:
            record = json.loads(line.strip())
        except json.JSONDecodeError as exc:
            message = exc.msg.removesuffix(" at")
            yield InputError(where, f"not valid JSON: {message} at column {exc.colno}")
            continue
        except RecursionError:
            yield InputError(where, "not valid JSON: nested too deeply")
            continue
        if not isinstance(record, dict):
            yield InputError(where, f"not a JSON object but a {type(record).__name__}")
            continue
        yield article_from_record(mapper(record) if mapper else record, where, opts)


def _text_article(data: bytes, source: str, article_id: str,
                  opts: ReadOptions) -> Article | InputError:
    try:
        text = decode_bytes(data, source)
    except InputError as err:
        return err
    # Line ends are normalised so offsets do not depend on the platform that wrote the file.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problem = _text_problem(text, opts)
    if problem:
        return InputError(source, problem)
    return Article(id=article_id, text=text, published=opts.published, lang=opts.lang)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def surrogate_problem(value: object) -> str | None:
    """Why a string cannot be text (a lone UTF-16 surrogate, as JSON's ``"\\ud83d"`` gives),
    or None. Not a string: None."""
    if not isinstance(value, str):
        return None
    found = _SURROGATE_RE.search(value)
    if found is None:
        return None
    return (f"not valid Unicode: lone UTF-16 surrogate \\u{ord(found.group()):04x} at "
            f"character {found.start()}")


def _text_problem(text: str, opts: ReadOptions) -> str | None:
    if not text.strip():
        return "empty text"
    if len(text) > opts.max_text_chars:
        return f"text too long ({len(text):,} characters, limit {opts.max_text_chars:,})"
    return None


def _check_text(text: str, source: str) -> str:
    sample = text[:_SNIFF_CHARS]
    if sample and len(_CONTROL_RE.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(source, "binary file, not text")
    return text


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _norm_lang(value: str | None) -> str | None:
    """'FR', 'fr-FR', 'en_GB' -> 'fr', 'en'; empty -> None."""
    if not value or not value.strip():
        return None
    base = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return base if _LANG_RE.match(base) else value.strip().lower()
