"""Small dependency-tree helpers shared by the coder and the place stage (no spaCy import:
they read tokens they are given)."""

from __future__ import annotations

from typing import Any

__all__ = ["case_of", "nominal_of"]


def case_of(tok: Any) -> str | None:
    """The preposition introducing a nominal: French 'case' children (with an adverb that forms
    one preposition with them: "près de", "autour de"), or the English 'prep' head."""
    parts = [c.lower_ for c in tok.children
             if c.i < tok.i and (c.dep_ in {"case", "fixed"}
                                 or (c.dep_ == "advmod" and c.i + 1 < tok.i
                                     and tok.doc[c.i + 1].dep_ == "case"))]
    if parts:
        return " ".join(parts)
    if tok.dep_ == "pobj" and tok.head.dep_ in {"prep", "agent", "dative"}:
        return str(tok.head.lower_)
    return None


def nominal_of(tok: Any) -> Any:
    """The noun of a prepositional phrase: English attaches 'with X' as prep -> pobj."""
    if tok.dep_ in {"prep", "agent", "dative"} and tok.pos_ == "ADP":
        for c in tok.children:
            if c.dep_ == "pobj":
                return c
    return tok
