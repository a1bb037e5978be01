"""Coding on every core: the same :class:`~pourparler.pipeline.Coder` in worker processes.

spaCy parsing holds the GIL, so threads do not help; each worker process loads its own
coder (models and actor knowledge) once, in the pool initializer, and codes chunks of
articles. Results come back in input order, so ``code_parallel`` is a drop-in replacement
for ``Coder(options).code`` and gives the same output.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from types import TracebackType
from typing import Any, Protocol, cast

from pourparler.errors import InputError, PourparlerError, UnsupportedLanguageError
from pourparler.model import Article, Event
from pourparler.options import CoderOptions
from pourparler.pipeline import ArticleResult, Coder

log = logging.getLogger(__name__)

__all__ = [
    "CHUNK_SIZE",
    "CodingSummary",
    "ParallelCoder",
    "ProgressCoder",
    "batch_for",
    "code_parallel",
    "code_with_progress",
    "default_workers",
]

#: Articles sent to a worker at a time: large enough that pickling costs little next to
#: parsing (~0.1 s per article), small enough that the cores stay evenly loaded.
CHUNK_SIZE = 8
#: Chunks in flight per worker: one being coded, one queued, so no worker waits for work
#: while memory holds only a few chunks whatever the corpus size.
_IN_FLIGHT_PER_WORKER = 2

#: Seconds between two redraws of the progress bar (what a terminal shows smoothly).
_REFRESH_SECONDS = 0.25

_worker_coder: Coder | None = None
#: Marks the end of an iterator (``next(it, _END)``).
_END = object()


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(slots=True)
class CodingSummary:
    """What a run coded, skipped and failed, with the reasons (counted)."""

    coded: int = 0
    events: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, result: ArticleResult) -> None:
        if result.error is None:
            self.coded += 1
            self.events += len(result.events)
        elif isinstance(result.error, InputError):  # the article, not the coder: skipped
            self.skip(result.error.reason)
        else:
            self.failed[str(result.error).removeprefix(f"{result.article_id}: ")] += 1

    def skip(self, reason: str) -> None:
        """Count an input left out (unreadable record, empty text, unsupported language)."""
        self.skipped[reason] += 1

    @property
    def done(self) -> int:
        return self.coded + self.skipped.total() + self.failed.total()

    def lines(self) -> list[str]:
        """The totals, then one line per reason, most frequent first."""
        rate = self.coded / self.seconds if self.seconds > 0 else 0.0
        articles = "article" if self.coded == 1 else "articles"
        out = [f"coded {self.coded} {articles} ({self.events} events) in {self.seconds:.1f} s, "
               f"{rate:.1f} articles/s; skipped {self.skipped.total()}, "
               f"failed {self.failed.total()}"]
        out += [f"skipped {n}: {reason}" for reason, n in self.skipped.most_common()]
        out += [f"failed {n}: {reason}" for reason, n in self.failed.most_common()]
        return out


def batch_for(workers: int) -> int:
    """Articles per store transaction that keep ``workers`` processes busy: every worker
    has its chunks in flight while a batch is coded (one worker: the store's default)."""
    from pourparler.store import INGEST_BATCH

    return max(INGEST_BATCH, workers * CHUNK_SIZE * _IN_FLIGHT_PER_WORKER)


class ParallelCoder:
    """A coder whose work is done by a pool of worker processes, kept for its lifetime.

    Has the ``code`` method of :class:`~pourparler.pipeline.Coder`, so it can be given to
    :func:`pourparler.store.ingest`; the pool starts on first use and is reused by every
    call (ingest codes batch by batch). Close it, or use it as a context manager.
    """

    def __init__(self, options: CoderOptions | None = None, workers: int | None = None) -> None:
        self.options = options or CoderOptions()
        self.workers = workers or default_workers()
        self._pool: ProcessPoolExecutor | None = None
        self._local: Coder | None = None

    def __enter__(self) -> ParallelCoder:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """One result per article, in input order."""
        if self.workers <= 1:
            yield from self._local_coder().code(articles)
            return
        it = iter(articles)
        if self._pool is None:
            # The first articles are coded here: a small input never pays for a pool, and
            # a large one loads its models once, in this process, before the workers are
            # forked and share them (instead of each worker loading its own).
            head = list(islice(it, CHUNK_SIZE))
            yield from self._local_coder().code(head)
            following = next(it, _END)
            if following is _END:
                return
            it = chain([cast(Article, following)], it)
        pool = self._start()
        pending: deque[Future[list[_Packed]]] = deque()
        try:
            while True:
                while len(pending) < self.workers * _IN_FLIGHT_PER_WORKER:
                    chunk = list(islice(it, CHUNK_SIZE))
                    if not chunk:
                        break
                    pending.append(pool.submit(_code_chunk, chunk))
                if not pending:
                    break
                for packed in pending.popleft().result():
                    yield _unpack(packed)
        finally:  # the caller stopped early: do not code what nobody will read
            for future in pending:
                future.cancel()

    def _local_coder(self) -> Coder:
        if self._local is None:
            self._local = Coder(self.options)
        return self._local

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork where there is one: workers start in milliseconds, share the imported code
            # copy-on-write, and callers need no ``if __name__ == "__main__"`` guard. Nothing
            # here runs a thread at fork time (the progress bar refreshes by hand).
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            if method == "fork":
                # objects alive now (models, knowledge) are left out of the workers' garbage
                # collections, which would otherwise touch, and so copy, every shared page
                gc.collect()
                gc.freeze()
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context(method),
                initializer=_init_worker,
                # a forked worker inherits this process's coder as it is (nothing pickled)
                initargs=(self.options, self._local if method == "fork" else None))
        return self._pool


def code_parallel(articles: Iterable[Article], options: CoderOptions | None = None,
                  workers: int | None = None) -> Iterator[ArticleResult]:
    """One result per article, in input order, coded by ``workers`` processes (default: all
    cores). With one worker the coder runs in this process."""
    with ParallelCoder(options, workers) as coder:
        yield from coder.code(articles)


class _CoderLike(Protocol):
    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...


class ProgressCoder:
    """Wraps a coder (``Coder``, ``ParallelCoder``): counts every result into ``summary`` and,
    on a terminal (standard error), shows one Rich progress bar with articles/s and ETA for
    all ``code`` calls until :meth:`close` (ingest codes batch by batch). Quiet when piped.
    """

    def __init__(self, coder: _CoderLike, *, summary: CodingSummary | None = None,
                 total: int | None = None, show: bool | None = None) -> None:
        self.coder = coder
        self.summary = summary if summary is not None else CodingSummary()
        self.total = total
        self.show = sys.stderr.isatty() if show is None else show
        self._progress: Any = None
        self._task: Any = None
        self._started: float | None = None
        self._shown = 0.0

    def __enter__(self) -> ProgressCoder:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        closer = getattr(self.coder, "close", None)
        if callable(closer):
            closer()

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        if self._started is None:
            self._started = time.monotonic()
        if self.show and self._progress is None:
            self._open_bar()
        for result in self.coder.code(articles):
            self.summary.add(result)
            self.summary.seconds = time.monotonic() - self._started
            if self._progress is not None:
                done = self.summary.done
                self._progress.update(self._task, completed=done,
                                      rate=done / max(self.summary.seconds, 1e-9))
                if self.summary.seconds - self._shown >= _REFRESH_SECONDS:
                    self._progress.refresh()
                    self._shown = self.summary.seconds
            yield result

    def _open_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        # no auto-refresh thread: worker processes are forked while the bar is shown
        self._progress = Progress(
            TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True, auto_refresh=False)
        self._progress.start()
        self._task = self._progress.add_task("coding", total=self.total, rate=0.0)


def code_with_progress(articles: Iterable[Article], options: CoderOptions | None = None,
                       workers: int | None = None, *, total: int | None = None,
                       summary: CodingSummary | None = None,
                       show: bool | None = None) -> Iterator[ArticleResult]:
    """:func:`code_parallel` with a progress bar on a terminal (``show`` forces it on or off),
    filling ``summary`` as it goes."""
    with ProgressCoder(ParallelCoder(options, workers), summary=summary, total=total,
                       show=show) as coder:
        yield from coder.code(articles)


# -- worker side ----------------------------------------------------------------------------

#: A result as sent between processes: (article_id, events, lang, error kind, error args).
#: Errors are sent as their parts because InputError's constructor does not match its
#: pickled arguments.
_Packed = tuple[str, list[Event], str | None, str | None, tuple[Any, ...]]


def _init_worker(options: CoderOptions, inherited: Coder | None = None) -> None:
    global _worker_coder
    # One BLAS thread per worker: with N workers on N cores, numpy's default of one thread per
    # core oversubscribes the machine and OpenBLAS threads spin while waiting (measured: 2
    # workers went from 0.8x to 1.7x the single-process rate on 2 cores).
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1)
    _worker_coder = inherited if inherited is not None else Coder(options)
    _ = _worker_coder.knowledge  # load actor knowledge now, not inside the first chunk
    if options.default_lang:
        from pourparler import nlp

        nlp.load(options.default_lang)


def _code_chunk(chunk: list[Article]) -> list[_Packed]:
    coder = _worker_coder if _worker_coder is not None else Coder()
    return [_pack(r) for r in coder.code(chunk)]


def _pack(result: ArticleResult) -> _Packed:
    err = result.error
    if err is None:
        return (result.article_id, result.events, result.lang, None, ())
    if isinstance(err, UnsupportedLanguageError):
        return (result.article_id, [], result.lang, "lang", (err.source, err.lang))
    if isinstance(err, InputError):
        return (result.article_id, [], result.lang, "input", (err.source, err.reason))
    return (result.article_id, [], result.lang, "other", (str(err),))


def _unpack(packed: _Packed) -> ArticleResult:
    article_id, events, lang, kind, args = packed
    error: PourparlerError | None = None
    if kind == "lang":
        error = UnsupportedLanguageError(*args)
    elif kind == "input":
        error = InputError(*args)
    elif kind == "other":
        error = PourparlerError(*args)
    return ArticleResult(article_id, events=events, lang=lang, error=error)
