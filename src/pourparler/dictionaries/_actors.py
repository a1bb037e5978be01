"""PETRARCH/TABARI actor dictionaries: phrases, synonyms and (date-restricted) codes.

A record is a primary phrase, optionally with a code in ``[...]``, then synonym lines that
start with ``+``, then indented code lines. An indented code may carry a date restriction:
``[CODE <date]`` (on or before), ``[CODE >date]`` (on or after), ``[CODE date-date]``
(between, both ends included); ``[CODE]`` alone is the default. Dates are ``YYYYMMDD`` or
``YYMMDD``. The first restriction that holds on the article's date wins, in file order, then
the default code.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pourparler.dictionaries._lines import Problem, ProblemLog, lines, read_text

#: Two-digit years at or above this are 19xx, below it 20xx: TABARI files date from 1991
#: onwards and PETRARCH's own files write 2000s dates with two digits ("070723").
_CENTURY_PIVOT = 30

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE = r"(\d{6}|\d{8})"
_RESTRICTION = re.compile(
    rf"^(?P<code>[^\s<>\d][^\s<>]*|---)?\s*(?:(?P<op>[<>])\s*{_DATE}|{_DATE}\s*-\s*{_DATE})?$"
)


def parse_date(text: str) -> date:
    """A dictionary date (``YYYYMMDD`` or ``YYMMDD``) as a date; ValueError if impossible."""
    if len(text) == 6:
        yy = int(text[:2])
        year = (1900 if yy >= _CENTURY_PIVOT else 2000) + yy
        return date(year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code and the days it applies on (None: unbounded on that side)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def as_text(self) -> str:
        """The code block as PETRARCH writes it (dates as YYYYMMDD)."""
        fmt = "%Y%m%d"
        if self.start and self.end:
            return f"[{self.code} {self.start.strftime(fmt)}-{self.end.strftime(fmt)}]"
        if self.start:
            return f"[{self.code} >{self.start.strftime(fmt)}]"
        if self.end:
            return f"[{self.code} <{self.end.strftime(fmt)}]"
        return f"[{self.code}]"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor: its phrases (each a tuple of upper-case words) and codes."""

    phrases: tuple[tuple[str, ...], ...]
    codes: tuple[DatedCode, ...]
    line: int = 0
    #: phrases written with blanks between words: other words may come between them
    #: (TABARI's rule; ``_`` keeps words consecutive)
    loose: tuple[tuple[str, ...], ...] = ()

    @property
    def name(self) -> str:
        return " ".join(self.phrases[0]) if self.phrases else ""

    def code_on(self, day: date | None) -> str | None:
        """The code that applies on ``day``: the first restriction that holds, else the
        default (unrestricted) code, else None. Without a day only the default applies."""
        if day is not None:
            for c in self.codes:
                if c.restricted and c.holds_on(day):
                    return c.code
        for c in self.codes:
            if not c.restricted:
                return c.code
        return None


@dataclass(slots=True)
class ActorDictionary:
    """What an actor file gave: its entries, and the lines that could not be read."""

    path: str
    entries: list[ActorEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def phrase_index(self) -> dict[tuple[str, ...], ActorEntry]:
        """Each phrase to its entry; a phrase listed twice keeps its first entry."""
        out: dict[tuple[str, ...], ActorEntry] = {}
        for e in self.entries:
            for p in e.phrases:
                out.setdefault(p, e)
        return out


def phrase_words(text: str) -> tuple[str, ...]:
    """A phrase string's words: separated by blanks or underscores, upper case."""
    return tuple(w for w in re.split(r"[\s_]+", text.upper()) if w)


def is_loose(text: str) -> bool:
    """Whether a phrase string has a blank between two of its words."""
    return bool(re.search(r"\S\s+\S", text.strip()))


def _code(text: str, log: ProblemLog, number: int) -> DatedCode | None:
    m = _RESTRICTION.match(text.strip())
    if m is None or not m.group("code"):
        log.add(number, "not a code block [CODE], [CODE <date], [CODE >date] or "
                        "[CODE date-date]", f"[{text}]")
        return None
    code = m.group("code").upper()
    try:
        if m.group("op") == "<":
            return DatedCode(code, None, parse_date(m.group(3)))
        if m.group("op") == ">":
            return DatedCode(code, parse_date(m.group(3)), None)
        if m.group(4):
            return DatedCode(code, parse_date(m.group(4)), parse_date(m.group(5)))
    except ValueError:
        log.add(number, "impossible date in code block", f"[{text}]")
        return None
    return DatedCode(code)


class _Record:
    def __init__(self, phrase: tuple[str, ...], line: int) -> None:
        self.phrases = [phrase]
        self.codes: list[DatedCode] = []
        self.line = line
        self.loose: list[tuple[str, ...]] = []

    def add(self, words: tuple[str, ...], text: str) -> None:
        if len(words) > 1 and is_loose(text):
            self.loose.append(words)

    def entry(self) -> ActorEntry:
        return ActorEntry(tuple(self.phrases), tuple(self.codes), self.line,
                          tuple(self.loose))


def parse_actors(text: str, path: str = "<actors>", *, warn: bool = True) -> ActorDictionary:
    """Read actor-dictionary text; bad lines are reported and skipped."""
    started = time.perf_counter()
    log = ProblemLog(path, warn)
    out = ActorDictionary(path)
    current: _Record | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            out.entries.append(current.entry())
        current = None

    for ln in lines(text):
        s = ln.text
        if not s:
            continue
        if s.startswith("["):
            if current is None:
                log.add(ln.number, "code block with no actor phrase before it", s)
                continue
            blocks = _CODE_BLOCK.findall(s)
            if not blocks or _CODE_BLOCK.sub("", s).strip():
                log.add(ln.number, "indented line is not a code block", s)
                continue
            for b in blocks:
                c = _code(b, log, ln.number)
                if c is not None:
                    current.codes.append(c)
            continue
        if s.startswith("+"):
            body = _CODE_BLOCK.sub("", s[1:])
            words = phrase_words(body)
            if current is None or not words:
                log.add(ln.number, "synonym line with no actor before it" if words else
                        "empty synonym", s)
                continue
            current.phrases.append(words)
            current.add(words, body)
            for b in _CODE_BLOCK.findall(s):
                c = _code(b, log, ln.number)
                if c is not None:
                    current.codes.append(c)
            continue
        close()
        if s.count("[") != s.count("]"):
            log.add(ln.number, "unbalanced brackets", s)
            continue
        body = _CODE_BLOCK.sub("", s)
        words = phrase_words(body)
        if not words:
            log.add(ln.number, "code block with no actor phrase", s)
            continue
        current = _Record(words, ln.number)
        current.add(words, body)
        for b in _CODE_BLOCK.findall(s):
            for part in b.split("/"):
                # "[ELR/GAL]": TABARI's several codes for one actor, kept in order
                c = _code(part, log, ln.number)
                if c is not None:
                    current.codes.append(c)
    close()
    out.problems = log.items
    out.seconds = time.perf_counter() - started
    return out


def read_actors(path: Path | str, *, warn: bool = True) -> ActorDictionary:
    """Read a PETRARCH/TABARI actor dictionary file."""
    return parse_actors(read_text(path), str(path), warn=warn)
