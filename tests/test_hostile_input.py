"""Hostile records (issue 12): one clear error naming the input and the reason, the rest of
the batch goes on."""

from __future__ import annotations

import io
from pathlib import Path

from pourparler.errors import InputError
from pourparler.ingest.corpus import read_any
from pourparler.ingest.files import article_from_record
from pourparler.model import Article

GOOD = "LONDON - Britain's prime minister met the Canadian prime minister in London on Monday."


def _read(data: bytes, name: str = "in.jsonl", tmp: Path | None = None) -> list[object]:
    if tmp is not None:
        path = tmp / name
        path.write_bytes(data)
        return list(read_any([path]))
    return list(read_any(["-"], stdin=io.BytesIO(data)))


def test_lone_surrogate_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    data = (b'{"id": "bad", "text": "Kyiv was shelled \\ud83d today."}\n'
            b'{"id": "good", "text": "' + GOOD.encode() + b'"}\n'
            b'{"id": "bad-title", "title": "\\udc00", "text": "' + GOOD.encode() + b'"}\n')
    out = _read(data, tmp=tmp_path)
    errors = [x for x in out if isinstance(x, InputError)]
    assert [a.id for a in out if isinstance(a, Article)] == ["good"]
    assert len(errors) == 2
    assert "in.jsonl:1" in str(errors[0]) and "bad" in str(errors[0])
    assert "surrogate" in errors[0].reason and "'text'" in errors[0].reason
    assert "'title'" in errors[1].reason


def test_surrogate_in_the_id_is_refused() -> None:
    err = article_from_record({"id": "a\ud800", "text": GOOD}, "x.jsonl:1")
    assert isinstance(err, InputError) and "surrogate" in err.reason


_BODY = b"Russian forces shelled Kyiv on Monday, officials said in a statement. " * 8
_PAGE = (b'<html><head><meta charset="undefined"><title>Kyiv</title></head><body><article><p>'
         + _BODY + b"</p></article></body></html>")


def test_charset_undefined_in_header_or_meta_falls_back() -> None:
    from pourparler.ingest.html import article_from_html

    for charset in ("undefined", "rot13", "no-such-codec", None):
        art = article_from_html(_PAGE, "http://a.test/1", charset=charset)
        assert isinstance(art, Article), art
        assert "Kyiv" in art.text


def test_feed_with_charset_undefined_is_read() -> None:
    from pourparler.ingest.feeds import parse_feed

    feed = (b'<?xml version="1.0" encoding="undefined"?><rss version="2.0"><channel>'
            b"<title>x</title><item><title>a</title><link>http://a.test/1</link></item>"
            b"</channel></rss>")
    for charset in (None, "undefined"):
        [entry] = parse_feed(feed, "http://a.test/feed", charset)
        assert entry.link == "http://a.test/1"


def test_a_date_with_trailing_garbage_is_refused() -> None:
    import pytest

    from pourparler.model import parse_date

    for bad in ("2021-01-01garbage", "2021-01-01 x", "2021-13-01"):
        with pytest.raises(ValueError):
            parse_date(bad)
    assert parse_date("2021-01-01") == parse_date("2021-01-01T10:00:00Z")
    assert parse_date("2021-01-01 10:00:00+02:00") is not None
    err = article_from_record({"id": "x", "text": GOOD, "published": "2021-01-01garbage"}, "f:1")
    assert isinstance(err, InputError) and "not an ISO date" in err.reason


def test_stdin_with_bare_cr_long_first_line_or_binary_is_clear(tmp_path: Path) -> None:
    import random

    crs = _read(b"Russian forces shelled Kyiv.\rFrance condemned the attack on Monday.")
    assert len(crs) == 1 and isinstance(crs[0], Article)
    long = _read(b"a" * 140_000 + b"\n" + GOOD.encode())
    assert len(long) == 1 and isinstance(long[0], Article)
    noise = random.Random(7).randbytes(4000)
    [err] = _read(noise)
    assert isinstance(err, InputError) and "binary" in err.reason


def test_utf16_jsonl_on_stdin_is_read_as_records() -> None:
    line = '{"id": "u1", "text": "' + GOOD + '"}\n'
    out = _read(b"\xff\xfe" + line.encode("utf-16-le"))
    assert [a.id for a in out if isinstance(a, Article)] == ["u1"]


def test_jsonl_files_get_the_latin1_and_utf16_fallback(tmp_path: Path) -> None:
    fr = "Le président français a condamné l'attaque contre Kyiv lundi, selon l'Élysée."
    latin = ('{"id": "l1", "text": "' + fr + '"}\n').encode("latin-1")
    for name, data in (("latin.jsonl", latin),
                       ("u16.jsonl", b"\xff\xfe" + ('{"id": "u1", "text": "' + fr + '"}\n')
                        .encode("utf-16-le")),
                       ("latin.jsonl.gz", __import__("gzip").compress(latin))):
        [art] = _read(data, name, tmp_path)
        assert isinstance(art, Article), (name, art)
        assert art.text == fr


def test_a_binary_jsonl_file_is_one_error(tmp_path: Path) -> None:
    import random

    noise = random.Random(3).randbytes(200_000)
    for name in ("blob.jsonl", "blob.ndjson"):
        out = _read(noise, name, tmp_path)
        assert len(out) == 1 and isinstance(out[0], InputError), out[:3]
        assert "binary" in out[0].reason


def test_a_truncated_gzip_corpus_is_reported_as_truncated(tmp_path: Path) -> None:
    import gzip
    import json
    import random

    rng = random.Random(5)
    rows = "".join(json.dumps({"id": f"a{i}", "text": GOOD + " " + rng.randbytes(300).hex()})
                   + "\n" for i in range(200))
    data = gzip.compress(rows.encode())
    out = _read(data[: len(data) * 2 // 3], "cut.jsonl.gz", tmp_path)
    assert isinstance(out[-1], InputError) and "truncated" in out[-1].reason
    assert sum(isinstance(a, Article) for a in out) > 50


def test_read_yaml_of_a_non_utf8_file_is_a_data_error_naming_it(tmp_path: Path) -> None:
    import pytest

    from pourparler.actors._knowledge import read_yaml
    from pourparler.errors import DataError

    path = tmp_path / "acteurs.yaml"
    path.write_bytes("- name: Élysée\n  code: FRAGOV\n".encode("latin-1"))
    with pytest.raises(DataError) as info:  # before: UnicodeDecodeError, outside our tree
        read_yaml(path)
    assert str(path) in str(info.value) and "UTF-8" in str(info.value)
    assert "0xc9" in str(info.value)
