"""What every PETRARCH/TABARI dictionary reader shares: comments, line numbers, problems.

The formats allow XML-style comments (``<!-- ... -->``, possibly over several lines, ended by
the first ``-->``), ``#`` comments to the end of a line and, for legacy KEDS/TABARI files,
``;`` comments to the end of a line. Blank lines matter in verb files (they end a pattern
set), so the reader keeps them as empty strings.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pourparler.errors import DataError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Problem:
    """A line a reader could not use: where it is and why it was skipped."""

    path: str
    line: int
    reason: str
    text: str = ""

    def __str__(self) -> str:
        shown = f" ({self.text.strip()[:60]!r})" if self.text.strip() else ""
        return f"{self.path}:{self.line}: {self.reason}{shown}"


@dataclass(frozen=True, slots=True)
class Line:
    """One line with its comments removed; ``raw`` keeps leading whitespace (actor date
    restrictions are recognised by their indentation)."""

    number: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def indented(self) -> bool:
        return bool(self.raw) and self.raw[0] in " \t"


class ProblemLog:
    """Collects a file's problems and logs each as a warning as it is found."""

    def __init__(self, path: str, warn: bool = True) -> None:
        self.path = path
        self.items: list[Problem] = []
        #: a file read again in a worker process was reported once already: DEBUG then
        self.level = logging.WARNING if warn else logging.DEBUG

    def add(self, line: int, reason: str, text: str = "") -> None:
        problem = Problem(self.path, line, reason, text)
        self.items.append(problem)
        log.log(self.level, "%s", problem)


def read_text(path: Path | str) -> str:
    """The file's text; a missing or non-UTF-8 file is a DataError naming it. Latin-1 is
    accepted as a fallback because old TABARI files predate UTF-8."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DataError(f"{p}: cannot read dictionary ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def strip_comment(s: str) -> str:
    """``s`` without a ``#`` or ``;`` comment (the rest of the line)."""
    depth = 0
    for i, ch in enumerate(s):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            # codes such as [###] are data, not comments
            return s[:i].rstrip()
    return s.rstrip()


def lines(text: str) -> Iterator[Line]:
    """The lines of a dictionary with comments removed (XML comments may span lines)."""
    in_xml = False
    for number, raw in enumerate(text.splitlines(), start=1):
        s = raw
        out = ""
        while s:
            if in_xml:
                end = s.find("-->")
                if end < 0:
                    s = ""
                    break
                s = s[end + 3:]
                in_xml = False
                continue
            # "<!--" is the comment opener; the validation files also have "<! --"
            start = s.find("<!")
            if start < 0:
                out += s
                break
            out += s[:start]
            s = s[start + 2:]
            in_xml = True
        kept = strip_comment(out)
        if kept.strip() or not raw.strip():
            # a line that held only a comment is no blank line: it ends no pattern set
            yield Line(number, kept)
