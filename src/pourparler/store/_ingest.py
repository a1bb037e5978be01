"""Code articles into the store, batch by batch, each batch one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from pourparler.errors import InputError
from pourparler.model import Article
from pourparler.pipeline import ArticleResult
from pourparler.store._db import Action, CodedArticle, Store

__all__ = ["INGEST_BATCH", "ArticleCoder", "IngestReport", "ingest"]

log = logging.getLogger(__name__)

#: Articles per transaction. At ~10 articles/s of coding a batch commits every couple of
#: seconds, so a kill loses little work and readers see progress; the store is held only for
#: the write itself, which is milliseconds at this size.
INGEST_BATCH = 16


class ArticleCoder(Protocol):
    """What ingest needs of a coder (pipeline.Coder is one)."""

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, article by article."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    repeated: int = 0  # an id seen earlier in the same input: skipped, the first one counts
    failed: int = 0
    records: int = 0
    new_events: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"read": self.read, "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "duplicates": self.duplicates,
                "repeated": self.repeated,
                "failed": self.failed, "records": self.records, "new_events": self.new_events}


def ingest(store: Store, items: Iterable[Article | InputError], coder: ArticleCoder | None = None,
           *, batch_size: int = INGEST_BATCH,
           on_error: Callable[[str, str], None] | None = None) -> IngestReport:
    """Code and store articles; returns counts. Input errors and articles that fail to code
    are reported (``on_error(source, reason)``) and left out; a re-run retries them.

    Articles already stored unchanged, or with the text of another stored article, are not
    coded again. Each batch commits on its own, so an interrupted ingest keeps every batch
    it committed and a re-run of the same command finishes the rest. An id repeated within
    the input is reported (a warning) and skipped: the first article under an id counts,
    whatever the batch size.
    """
    if coder is None:
        from pourparler.pipeline import Coder

        coder = Coder()
    report = IngestReport()

    def fail(source: str, reason: str) -> None:
        report.failed += 1
        report.errors.append((source, reason))
        log.debug("%s: %s", source, reason)
        if on_error is not None:
            on_error(source, reason)

    pending: list[Article] = []
    ids: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            fail(item.source, item.reason)
            continue
        report.read += 1
        if item.id in ids:
            report.repeated += 1
            log.warning("%s: id repeated in the input; the first article with it is kept, "
                        "this one skipped", item.id)
            continue
        ids.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            _run_batch(store, coder, pending, report, fail)
            pending = []
    _run_batch(store, coder, pending, report, fail)
    return report


def _run_batch(store: Store, coder: ArticleCoder, articles: list[Article],
               report: IngestReport, fail: Callable[[str, str], None]) -> None:
    if not articles:
        return
    plan = store.plan(articles)
    todo: list[Article] = []
    queued: set[str] = set()
    for article in articles:
        action = plan[article.id]
        if action is Action.same or article.id in queued:
            report.unchanged += 1
        elif action is Action.duplicate:
            report.duplicates += 1
            log.info("%s: same text as an article already stored; skipped", article.id)
        else:
            queued.add(article.id)
            todo.append(article)
    if not todo:
        return
    by_id = {a.id: a for a in todo}
    coded: list[CodedArticle] = []
    for result in coder.code(todo):
        if result.error is not None:
            err = result.error
            reason = err.reason if isinstance(err, InputError) else str(err)
            fail(result.article_id, reason.removeprefix(f"{result.article_id}: "))
            continue
        coded.append(CodedArticle(by_id[result.article_id], result.events))
    stats = store.write(coded)
    report.added += stats.added
    report.replaced += stats.replaced
    report.unchanged += stats.skipped
    report.records += stats.mentions
    report.new_events += stats.new_events
