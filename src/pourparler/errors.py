"""One exception tree. Messages say what was wrong and what to do about it."""

from __future__ import annotations


class PourparlerError(Exception):
    """Base of every error pourparler raises on purpose."""


class InputError(PourparlerError):
    """An input (file, line, article) could not be read as an article.

    ``source`` names the input (a path, ``path:line`` or an article id) so the message can be
    shown as one line naming it.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedLanguageError(InputError):
    """The article is in a language pourparler does not code."""

    def __init__(self, source: str, lang: str) -> None:
        super().__init__(
            source, f"language '{lang}' is not supported (pourparler codes French and English)"
        )
        self.lang = lang


class ModelNotFoundError(PourparlerError):
    """A spaCy model is not installed."""


class DataError(PourparlerError):
    """A data file (lexicon, actor dictionary, user actors file) is malformed."""


class StoreError(PourparlerError):
    """The event store cannot be opened or used; the message says why and what to do."""
