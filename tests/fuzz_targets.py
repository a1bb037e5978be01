"""Fuzz targets shared by tests/test_fuzz.py (a few thousand cases in CI) and
benchmarks/fuzz.py (many more): hypothesis strategies and the property each input must hold.

The property everywhere: nothing raises but our documented errors, and for line-based
corpora every non-blank line gives exactly one result (an article or an InputError naming
it), so a bad record is reported, never silently lost.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from pourparler.errors import DataError, InputError, PourparlerError
from pourparler.ingest.corpus import read_any
from pourparler.ingest.html import article_from_html
from pourparler.model import Article

_FIELDS = ("id", "text", "published", "lang", "title", "url", "outlet")
#: Words of news French and English, so the coder's generated texts reach its rules.
_WORDS = ("Russia", "France", "the", "president", "met", "condemned", "Kyiv", "Moscou", "le",
          "la", "a", "rencontré", "ministre", "des", "Affaires", "étrangères", "said", "on",
          "Monday", "lundi", "troops", "attacked", "sanctions", "« ", " »", "'", '"', ",", ".",
          "UN", "NATO", "l'OTAN", "Emmanuel", "Macron", "Vladimir", "Putin", "who", "qui",
          "not", "ne", "pas", "will", "va", "by", "par", "\n", "—", "(", ")", ":", ";")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=3),
    max_leaves=8)
records = st.dictionaries(st.sampled_from(_FIELDS) | st.text(max_size=8), json_values,
                          max_size=8)
good_records = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=20),
                                      "text": st.text(min_size=1, max_size=200)})
#: One line of a JSON-lines corpus: a record, any text, or any bytes (no newline inside).
jsonl_lines = st.one_of(
    records.map(lambda r: json.dumps(r).encode()),
    records.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "replace")),
    st.text(max_size=80).map(lambda t: t.replace("\n", " ").encode("utf-8")),
    st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ")),
)


@st.composite
def jsonl_corpora(draw: st.DrawFn) -> list[bytes]:
    """Lines of a JSON-lines corpus; the first is a good record (so the input is JSON lines,
    not UTF-16 or a text article)."""
    first = json.dumps(draw(good_records)).encode()
    return [first, *draw(st.lists(jsonl_lines, max_size=12))]


def _as_file(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def read_all(tmp: Path, name: str, data: bytes) -> list[Article | InputError]:
    """Every item the reader yields for ``data`` given as file ``name`` (``-``: stdin).
    Raises only what the property forbids."""
    if name == "-":
        items = list(read_any(["-"], stdin=io.BytesIO(data)))
    else:
        items = list(read_any([_as_file(tmp, name, data)]))
    for item in items:
        assert isinstance(item, Article | InputError), item
        if isinstance(item, InputError):
            assert item.source and item.reason, item
    return items


def check_jsonl_corpus(tmp: Path, lines: list[bytes], name: str) -> None:
    """Exactly one result per non-blank line, or one 'binary' error for the whole input."""
    data = b"\n".join(lines) + b"\n"
    blob = gzip.compress(data) if name.endswith(".gz") else data
    items = read_all(tmp, name, blob)
    expected = sum(1 for line in lines if line.strip())
    if len(items) == 1 and isinstance(items[0], InputError) and "binary" in items[0].reason:
        return
    assert len(items) == expected, (len(items), expected, items[:5])


def check_any_bytes(tmp: Path, data: bytes, name: str) -> None:
    read_all(tmp, name, data)


@st.composite
def csv_corpora(draw: st.DrawFn) -> bytes:
    """A CSV corpus with the id and text columns and rows of any text."""
    header = ["id", "text", *draw(st.lists(st.sampled_from(_FIELDS[2:]), max_size=3,
                                           unique=True))]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in draw(st.lists(st.lists(st.text(max_size=60), min_size=len(header),
                                      max_size=len(header) + 1), max_size=8)):
        writer.writerow(row)
    raw = out.getvalue().encode("utf-8", "replace")
    return raw + draw(st.binary(max_size=40))  # a broken tail


_HTML_BODY = st.text(max_size=400)
html_pages = st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "replace")),
    st.tuples(_HTML_BODY, _HTML_BODY, st.sampled_from(["utf-8", "latin-1", "undefined", "x"]))
    .map(lambda parts: (
        f'<html><head><meta charset="{parts[2]}"><title>{parts[0][:40]}</title></head>'
        f"<body><article><h1>{parts[0][:60]}</h1><p>{parts[1]}</p><p>{parts[0]}</p>"
        "</article></body></html>").encode("utf-8", "replace")),
)
charsets = st.none() | st.sampled_from(["utf-8", "latin-1", "undefined", "rot13", "utf-16",
                                        "bogus"]) | st.text(max_size=12)


def check_html(page: bytes, charset: str | None) -> None:
    result = article_from_html(page, "fuzz.html", url="http://fuzz.test/a", charset=charset)
    assert isinstance(result, Article | InputError), result
    if isinstance(result, Article):
        assert result.text.strip()


_USER_KEYS = ("name", "aliases", "code", "cameo", "country", "org", "sector", "from", "to",
              "roles", "ambiguous", "actors")
user_yaml = st.one_of(
    st.text(max_size=300),
    st.lists(st.dictionaries(st.sampled_from(_USER_KEYS) | st.text(max_size=6), json_values,
                             max_size=6), max_size=4).map(lambda v: yaml.safe_dump(v)),
    st.dictionaries(st.just("actors"), st.lists(st.dictionaries(
        st.sampled_from(_USER_KEYS), json_values, max_size=6), max_size=3))
    .map(lambda v: yaml.safe_dump(v)),
)


@st.composite
def user_csv(draw: st.DrawFn) -> str:
    from pourparler.actors._userfile import CSV_COLUMNS

    header = draw(st.lists(st.sampled_from(CSV_COLUMNS) | st.text(max_size=6), min_size=1,
                           max_size=8))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in draw(st.lists(st.lists(st.text(max_size=20) | st.sampled_from(
            ["FRAGOV", "RUS", "GOV", "NATO", "2020-01-01", "x;y"]), max_size=len(header) + 1),
            max_size=4)):
        writer.writerow(row)
    return out.getvalue()


def check_user_file(kn: Any, tmp: Path, text: str, suffix: str) -> None:
    from pourparler.actors._userfile import merge_user_file

    path = _as_file(tmp, f"actors{suffix}", text.encode("utf-8", "replace"))
    try:
        merge_user_file(kn, path)
    except DataError as exc:
        assert str(exc)


#: Texts of a sentence or two: the parser's cost grows with length, and the rules' paths are
#: reached by short sentences as well as long ones.
coder_texts = st.one_of(
    st.text(min_size=1, max_size=150),
    st.lists(st.sampled_from(_WORDS) | st.text(max_size=4), min_size=1, max_size=30)
    .map(" ".join),
)


def check_coder(coder: Any, text: str, lang: str | None) -> None:
    """One result for the article; an error only of our tree, never an internal error."""
    [result] = list(coder.code([Article(id="fuzz", text=text, lang=lang)]))
    assert result.article_id == "fuzz"
    if result.error is not None:
        assert isinstance(result.error, PourparlerError), result.error
        assert "internal error" not in str(result.error), str(result.error)
