"""Hypothesis fuzzing (issue 12): the corpus reader on any bytes and any Unicode as JSON
lines, text and CSV (files, gzip, stdin), the HTML extractor, the user actor-file loader and
the coder on any text. Properties in tests/fuzz_targets.py; benchmarks/fuzz.py runs many
more cases. Derandomized, so CI sees the same cases every run."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_targets as ft

#: Cases per target in CI: some 2,500 in all in about 20 s; raw bytes are the cheapest
#: (no file format to build), the coder the dearest (it parses: a few hundred).
_BYTES_CASES, _READER_CASES, _HTML_CASES, _USER_CASES, _CODER_CASES = 1000, 300, 300, 200, 200


def _settings(cases: int) -> settings:
    return settings(max_examples=cases, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@_settings(_READER_CASES)
@given(lines=ft.jsonl_corpora(), name=st.sampled_from(["c.jsonl", "c.jsonl.gz", "-"]))
def test_fuzz_jsonl_every_line_gives_one_result(scratch: Path, lines: list[bytes],
                                                name: str) -> None:
    ft.check_jsonl_corpus(scratch, lines, name)


@_settings(_BYTES_CASES)
@given(data=st.binary(max_size=3000) | st.text(max_size=1000).map(str.encode),
       name=st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.jsonl.gz", "a.csv.zst",
                             "a.parquet", "-"]))
def test_fuzz_any_bytes_are_read_or_refused(scratch: Path, data: bytes, name: str) -> None:
    ft.check_any_bytes(scratch, data, name)


@_settings(_READER_CASES)
@given(data=ft.csv_corpora(), name=st.sampled_from(["c.csv", "-"]))
def test_fuzz_csv_corpora(scratch: Path, data: bytes, name: str) -> None:
    ft.check_any_bytes(scratch, data, name)


@_settings(_HTML_CASES)
@given(page=ft.html_pages, charset=ft.charsets)
def test_fuzz_html_extractor(page: bytes, charset: str | None) -> None:
    ft.check_html(page, charset)


@pytest.fixture(scope="module")
def knowledge() -> Any:
    from pourparler.pipeline import load_actor_knowledge

    return load_actor_knowledge()


@_settings(_USER_CASES)
@given(text=ft.user_yaml)
def test_fuzz_user_actor_yaml(knowledge: Any, scratch: Path, text: str) -> None:
    ft.check_user_file(knowledge, scratch, text, ".yaml")


@_settings(_USER_CASES)
@given(text=ft.user_csv())
def test_fuzz_user_actor_csv(knowledge: Any, scratch: Path, text: str) -> None:
    ft.check_user_file(knowledge, scratch, text, ".csv")


@_settings(_CODER_CASES)
@given(text=ft.coder_texts, lang=st.sampled_from(["en", "fr", None]))
def test_fuzz_coder_on_any_text(coder: Any, text: str, lang: str | None) -> None:
    ft.check_coder(coder, text, lang)
