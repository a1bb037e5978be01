"""PETRARCH discard lists: phrases that stop a sentence (plain) or a whole story (``+``).

Matching is case-insensitive on word starts; a phrase ending in ``_`` must also end at a word
boundary, otherwise it is a stem ("BASEBALL" also stops "baseballs").
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from pourparler.dictionaries._lines import Problem, ProblemLog, lines, read_text


@dataclass(frozen=True, slots=True)
class Discard:
    phrase: str
    story: bool
    exact_end: bool
    line: int = 0


@dataclass(slots=True)
class DiscardList:
    path: str
    entries: list[Discard] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    _pattern: dict[bool, re.Pattern[str] | None] = field(default_factory=dict)

    def _compiled(self, story: bool) -> re.Pattern[str] | None:
        if story not in self._pattern:
            parts = [re.escape(d.phrase).replace(r"\ ", r"\s+") + (r"(?!\w)" if d.exact_end
                                                                   else "")
                     for d in self.entries if d.story == story]
            self._pattern[story] = (re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")",
                                               re.IGNORECASE) if parts else None)
        return self._pattern[story]

    def match(self, text: str, *, story: bool) -> str | None:
        """The first discard phrase of the given kind found in ``text``, or None."""
        pattern = self._compiled(story)
        found = pattern.search(text) if pattern is not None else None
        return found.group(0) if found else None


def parse_discards(text: str, path: str = "<discards>", *, warn: bool = True) -> DiscardList:
    started = time.perf_counter()
    log = ProblemLog(path, warn)
    out = DiscardList(path)
    for ln in lines(text):
        s = ln.text
        if not s:
            continue
        story = s.startswith("+")
        phrase = s[1:].strip() if story else s
        if not phrase or "[" in phrase:
            log.add(ln.number, "not a discard phrase", s)
            continue
        exact = phrase.endswith("_")
        words = " ".join(w for w in re.split(r"[\s_]+", phrase) if w)
        out.entries.append(Discard(words, story, exact, ln.number))
    out.problems = log.items
    out.seconds = time.perf_counter() - started
    return out


def read_discards(path: Path | str, *, warn: bool = True) -> DiscardList:
    return parse_discards(read_text(path), str(path), warn=warn)
