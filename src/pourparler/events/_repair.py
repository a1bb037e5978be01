"""Repairs of frequent errors of the spaCy models, applied to the parse before any stage reads it.

Each repair is one rule for one class of error, written against the models' measured behaviour
and tested on sentences of our own (tests/test_repair.py):

- *unlemmatised verbs*: the French model leaves many present-tense and imperfect forms as they
  are (« bombarde », « condamnent »); a verb whose lemma is its own form and which is no known
  verb gets the first dictionary form, by the language's inflection endings, that the lexicon
  or the grammar knows.
"""

from __future__ import annotations

from typing import Any

from pourparler.events.lexicon import Lexicon

Doc = Any  # spacy.tokens.Doc

__all__ = ["repair_parse"]


def repair_parse(doc: Doc, lexicon: Lexicon) -> int:
    """Repair ``doc`` in place; the number of tokens changed (logged by the caller if wanted)."""
    known = lexicon.known_verbs
    changed = 0
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if lemma != low or lemma in known:
            continue
        base = lexicon.verb_base(low)
        if base is not None:
            tok.lemma_ = base
            changed += 1
    return changed
