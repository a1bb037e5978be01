"""Article -> [Event]: language, parse, actors, events; per-article error policy.

A broken article never stops a batch: each one yields an :class:`ArticleResult` that carries
either its events or the reason it could not be coded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pourparler.errors import InputError, PourparlerError
from pourparler.model import Article, Event
from pourparler.options import CoderOptions

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ArticleResult:
    """What coding one article gave: its events, or the error that stopped it."""

    article_id: str
    events: list[Event] = field(default_factory=list)
    lang: str | None = None
    error: PourparlerError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Coder:
    """Codes articles. Models and knowledge load once, on first use, and are reused."""

    def __init__(self, options: CoderOptions | None = None) -> None:
        self.options = options or CoderOptions()

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        raise NotImplementedError  # filled in by the coder work

    def code_one(self, article: Article) -> ArticleResult:
        return next(iter(self.code([article])))


def code_articles(articles: Iterable[Article | InputError],
                  options: CoderOptions | None = None) -> Iterator[ArticleResult]:
    """Code a stream that may contain input errors (from readers); errors pass through."""
    raise NotImplementedError
