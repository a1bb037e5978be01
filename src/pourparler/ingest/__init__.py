"""Turning inputs (files, streams, records) into :class:`~pourparler.model.Article` objects."""

from __future__ import annotations

from pourparler.ingest.files import (
    STDIN,
    ReadOptions,
    article_from_record,
    read_inputs,
    read_jsonl,
    read_path,
    read_stream,
    read_text_file,
)
from pourparler.ingest.langid import detect_language

__all__ = [
    "STDIN",
    "ReadOptions",
    "article_from_record",
    "detect_language",
    "read_inputs",
    "read_jsonl",
    "read_path",
    "read_stream",
    "read_text_file",
]
