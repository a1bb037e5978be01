"""Readers turn files and streams into Articles, and bad records into InputErrors."""

from __future__ import annotations

import io
import json
import logging
from datetime import date
from pathlib import Path

import pytest

from pourparler.errors import InputError
from pourparler.ingest import (
    ReadOptions,
    article_from_record,
    detect_language,
    read_inputs,
    read_path,
    read_stream,
)
from pourparler.model import Article

FR_TEXT = ("Le ministre des Affaires étrangères a reçu mardi à Paris son homologue italien pour "
           "préparer le prochain sommet européen.")
EN_TEXT = ("The foreign minister received his Italian counterpart in Paris on Tuesday to prepare "
           "the next European summit.")


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [e for e in items if isinstance(e, InputError)]


def test_text_file_is_one_article_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "sommet-2023.txt"
    path.write_text(FR_TEXT + "\r\n", encoding="utf-8")
    opts = ReadOptions(published=date(2023, 5, 2), lang="fr")
    [article] = list(read_path(path, opts))
    assert isinstance(article, Article)
    assert article.id == "sommet-2023"
    assert article.text == FR_TEXT + "\n"
    assert article.published == date(2023, 5, 2)
    assert article.lang == "fr"


def test_jsonl_fields_and_extra_fields(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "a1", "text": EN_TEXT, "title": "Summit", "published": "2023-05-02T08:00:00Z",
         "lang": "EN-gb", "url": "https://example.org/a1", "outlet": "Example Wire",
         "events": [{"cameo": "036"}]},
        {"id": 7, "text": FR_TEXT},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n",
                    encoding="utf-8")
    a1, a2 = _articles(list(read_path(path, ReadOptions(lang="fr"))))
    assert (a1.id, a1.title, a1.published, a1.lang) == ("a1", "Summit", date(2023, 5, 2), "en")
    assert (a1.url, a1.outlet) == ("https://example.org/a1", "Example Wire")
    assert a2.id == "7"
    assert a2.lang == "fr"  # from the options, as the record has none


def test_bad_jsonl_lines_become_errors_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok-1", "text": EN_TEXT}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "no-text", "title": "A title only"}),
        json.dumps({"id": "blank", "text": "   \n "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "bad-date", "text": EN_TEXT, "published": "last Tuesday"}),
        json.dumps({"id": "ok-2", "text": FR_TEXT}),
    ]) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert [a.id for a in _articles(items)] == ["ok-1", "ok-2"]
    errors = _errors(items)
    assert len(errors) == 6
    by_line = {e.source.split(" ")[0]: e for e in errors}
    assert by_line[f"{path}:2"].reason.startswith("not valid JSON")
    assert "no-text" in by_line[f"{path}:3"].source
    assert "'text'" in by_line[f"{path}:3"].reason
    assert by_line[f"{path}:4"].reason == "empty text"
    assert "object" in by_line[f"{path}:5"].reason
    assert "'id'" in by_line[f"{path}:6"].reason
    assert "published" in by_line[f"{path}:7"].reason


def test_binary_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [item] = list(read_path(path))
    assert isinstance(item, InputError)
    assert item.source == str(path)
    assert item.reason == "binary file, not text"


def test_binary_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100 + b"\n" * 5)
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "binary" in items[0].reason


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 200)
    [item] = list(read_path(path))
    assert isinstance(item, InputError) and "binary" in item.reason


def test_latin1_file_is_read_with_a_warning(tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "ancien.txt"
    path.write_bytes(FR_TEXT.encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="pourparler"):
        [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert article.text == FR_TEXT
    assert any(str(path) in r.getMessage() and "UTF-8" in r.getMessage() for r in caplog.records)


def test_cp1252_quotes_and_dashes(tmp_path: Path) -> None:
    text = "Le président a parlé d\u2019un accord \u2013 \u00ab historique \u00bb."
    path = tmp_path / "quotes.txt"
    path.write_bytes(text.encode("cp1252"))
    [article] = list(read_path(path))
    assert isinstance(article, Article) and article.text == text


def test_utf8_bom_and_utf16_are_text(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + EN_TEXT.encode("utf-8"))
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes(FR_TEXT.encode("utf-16"))
    a, b = _articles(list(read_inputs([bom, utf16])))
    assert a.text == EN_TEXT and b.text == FR_TEXT


def test_too_long_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 250, encoding="utf-8")
    [item] = list(read_path(path, ReadOptions(max_text_chars=1_000)))
    assert isinstance(item, InputError)
    assert item.reason == "text too long (1,250 characters, limit 1,000)"


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    [item] = list(read_path(path))
    assert isinstance(item, InputError) and item.reason == "empty text"


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs([tmp_path / "nowhere.txt"]))


def test_directory_is_an_error_not_a_crash(tmp_path: Path) -> None:
    [item] = list(read_path(tmp_path))
    assert isinstance(item, InputError) and "directory" in item.reason


def test_stdin_jsonl_and_plain_text() -> None:
    lines = (json.dumps({"id": "s1", "text": EN_TEXT}) + "\n{oops\n").encode("utf-8")
    items = list(read_stream(io.BytesIO(lines)))
    assert [a.id for a in _articles(items)] == ["s1"]
    [err] = _errors(items)
    assert err.source == "<stdin>:2" and err.reason.startswith("not valid JSON")

    [article] = list(read_inputs(["-"], ReadOptions(lang="fr"),
                                 stdin=io.BytesIO(FR_TEXT.encode("utf-8"))))
    assert isinstance(article, Article)
    assert (article.id, article.text, article.lang) == ("stdin", FR_TEXT, "fr")


def test_record_published_wins_over_options() -> None:
    opts = ReadOptions(published=date(2020, 1, 1))
    art = article_from_record({"id": "x", "text": EN_TEXT, "published": "2021-06-16"}, "t", opts)
    assert isinstance(art, Article) and art.published == date(2021, 6, 16)
    art2 = article_from_record({"id": "y", "text": EN_TEXT}, "t", opts)
    assert isinstance(art2, Article) and art2.published == date(2020, 1, 1)


def test_non_string_text_is_an_error() -> None:
    err = article_from_record({"id": "n", "text": 42}, "f.jsonl:1")
    assert isinstance(err, InputError)
    assert err.source == "f.jsonl:1 (id n)" and "string" in err.reason


@pytest.mark.parametrize(("text", "lang"), [
    (FR_TEXT, "fr"),
    (EN_TEXT, "en"),
    ("Der Außenminister empfing am Dienstag in Berlin seinen italienischen Amtskollegen, um "
     "den nächsten europäischen Gipfel vorzubereiten.", "de"),
    ("El ministro de Asuntos Exteriores recibió el martes en Madrid a su homólogo italiano para "
     "preparar la próxima cumbre europea.", "es"),
])
def test_detect_language(text: str, lang: str) -> None:
    found, prob = detect_language(text)
    assert found == lang
    assert 0.5 < prob <= 1.0


def test_detect_language_gives_up_on_too_little_text() -> None:
    assert detect_language("OK 12") == ("und", 0.0)
    assert detect_language("") == ("und", 0.0)
