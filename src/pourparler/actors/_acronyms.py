"""Acronyms an article defines: "the Rapid Support Forces (RSF)" makes every "RSF" of that
article the Rapid Support Forces, whatever else the dictionaries know by those letters
(Reporters Without Borders) and even when they know nothing by them ("the National Council
for the Defence of the Homeland (NCDH)" when the long name is known)."""

from __future__ import annotations

from typing import Any

from pourparler.actors._text import is_acronym

#: One accepted dictionary match: start, end, kind, candidate, role word.
Proposal = tuple[int, int, str, Any, Any]

_OPEN, _CLOSE = "(", ")"


def defined_acronyms(doc: Any, accepted: list[Proposal]) -> dict[str, Any]:
    """Acronym -> the candidate of the name just before it in parentheses."""
    out: dict[str, Any] = {}
    for _s, e, kind, cand, role in accepted:
        if cand is None or role is not None or kind in ("person", "demonym"):
            continue
        if e + 2 < len(doc) and doc[e].text == _OPEN and doc[e + 2].text == _CLOSE:
            acro = doc[e + 1].text
            if is_acronym(acro) and len(acro) <= 8:
                out.setdefault(acro, cand)
    return out


def apply_acronyms(doc: Any, accepted: list[Proposal]) -> list[Proposal]:
    """``accepted`` with every lone occurrence of a defined acronym read as its long name."""
    defs = defined_acronyms(doc, accepted)
    if not defs:
        return accepted
    covered: dict[int, int] = {}  # token -> index of the match covering it
    for k, (s, e, *_rest) in enumerate(accepted):
        for i in range(s, e):
            covered[i] = k
    out = list(accepted)
    for tok in doc:
        cand = defs.get(tok.text)
        if cand is None:
            continue
        at = covered.get(tok.i)
        if at is None:
            out.append((tok.i, tok.i + 1, cand.kind, cand, None))
            continue
        start, end, _kind, other, _role = out[at]
        if (start, end) == (tok.i, tok.i + 1) and other is not cand:
            # the acronym alone, matched as something else: the article's own meaning wins
            out[at] = (start, end, cand.kind, cand, None)
    out.sort(key=lambda p: p[0])
    return out
