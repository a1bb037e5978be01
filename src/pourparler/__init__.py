"""pourparler: political event data (CAMEO, PLOVER) from French and English news.

The names below are the public API. Heavy modules (the coder, spaCy) load only when first
used, so ``import pourparler`` stays fast and never imports spaCy.
"""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import TYPE_CHECKING, Any

from pourparler import errors

# Imported eagerly (it is light): the function must shadow the submodule of the same name.
from pourparler.evaluate import evaluate
from pourparler.model import Actor, Article, Event, Evidence, Location

if TYPE_CHECKING:
    from pourparler.options import CoderOptions
    from pourparler.pipeline import ArticleResult, Coder, code_articles

try:
    __version__ = metadata.version("pourparler")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "Coder",
    "CoderOptions",
    "Event",
    "Evidence",
    "Location",
    "__version__",
    "code_articles",
    "errors",
    "evaluate",
]

# name -> module that defines it; imported on first attribute access (PEP 562).
_LAZY: dict[str, str] = {
    "ArticleResult": "pourparler.pipeline",
    "Coder": "pourparler.pipeline",
    "code_articles": "pourparler.pipeline",
    "CoderOptions": "pourparler.options",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pourparler' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
