"""Parallel coding gives exactly what the in-process coder gives, in the same order.

English only: the French model takes ~7 s to load in each process, which would triple the
test time without testing anything more about the pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pourparler.errors import InputError, UnsupportedLanguageError
from pourparler.model import Article
from pourparler.options import CoderOptions
from pourparler.parallel import (
    CodingSummary,
    ParallelCoder,
    ProgressCoder,
    code_parallel,
    code_with_progress,
)
from pourparler.pipeline import ArticleResult, Coder
from pourparler.store import Store, ingest

TEXTS = [
    ("en", "Russia's foreign minister met the Chinese president in Beijing on Monday."),
    ("en", "The French president condemned the Russian strikes on Ukraine on Tuesday."),
    ("en", "Protesters clashed with police in the capital of Kenya on Friday."),
    ("en", "Germany promised 100 million euros in aid to Niger."),
    ("en", "The United States imposed new sanctions on Iran over its nuclear programme."),
]


def _articles() -> list[Article]:
    arts = [Article(id=f"a{i}", text=t, lang=lang) for i, (lang, t) in enumerate(TEXTS * 4)]
    arts.insert(3, Article(id="empty", text="   "))
    arts.insert(7, Article(id="german", text="Die Regierung hat heute beschlossen.", lang="de"))
    return arts


def _key(r: ArticleResult) -> tuple[object, ...]:
    return (r.article_id, r.lang, [e.to_dict() for e in r.events],
            type(r.error).__name__ if r.error else None, str(r.error) if r.error else None)


@pytest.fixture(scope="module")
def serial() -> list[ArticleResult]:
    return list(Coder(CoderOptions()).code(_articles()))


@pytest.fixture(scope="module")
def parallel() -> Iterator[list[ArticleResult]]:
    yield list(code_parallel(_articles(), CoderOptions(), workers=2))


def test_same_results_same_order(serial: list[ArticleResult],
                                 parallel: list[ArticleResult]) -> None:
    assert [r.article_id for r in parallel] == [a.id for a in _articles()]
    assert [_key(r) for r in parallel] == [_key(r) for r in serial]
    assert any(r.events for r in parallel)


def test_errors_keep_their_kind(parallel: list[ArticleResult]) -> None:
    by_id = {r.article_id: r for r in parallel}
    assert isinstance(by_id["empty"].error, InputError)
    assert isinstance(by_id["german"].error, UnsupportedLanguageError)


def test_summary_counts_and_reasons() -> None:
    summary = CodingSummary()
    results = list(code_with_progress(_articles(), workers=1, summary=summary, show=False))
    assert len(results) == len(_articles())
    assert summary.coded == len(TEXTS) * 4
    assert sum(summary.skipped.values()) == 2
    assert any("empty text" in line for line in summary.lines())


def test_parallel_coder_feeds_the_store(tmp_path: Path) -> None:
    arts = [Article(id=f"s{i}", text=f"{text} Talks resumed on day {i}.", lang="en")
            for i, (_, text) in enumerate(TEXTS * 2)]  # distinct texts: the store dedups
    with ParallelCoder(workers=2) as coder:
        report = ingest(Store(tmp_path / "p.duckdb"), arts, coder, batch_size=4)
    assert report.added == len(arts) and report.failed == 0
    assert report.new_events > 0


def test_progress_coder_counts_across_calls() -> None:
    arts = _articles()
    with ProgressCoder(Coder(), show=True, total=len(arts)) as coder:  # ingest calls it per batch
        first = list(coder.code(arts[:5]))
        second = list(coder.code(arts[5:]))
    assert len(first) + len(second) == len(arts)
    assert coder.summary.coded == len(TEXTS) * 4
    assert coder.summary.seconds > 0
