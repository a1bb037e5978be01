"""PETRARCH/TABARI agent dictionaries: role words and the codes they add to an actor's.

A record is ``PHRASE {plurals} [code]``. The code carries a ``~``: ``[~GOV]`` is added after
the actor's code (Gondor's government: GONGOV), ``[NGO~]`` before it (an MSF team in Arnor:
NGOARN). Regular plurals (S, Y -> IES, SS -> ES on the last word) are made unless ``{...}``
follows the phrase: ``{}`` means none, ``{GOLDEN_GEESE}`` lists them. Substitution sets
``!NAME! = A, B, C`` are defined before use and expand a ``!NAME!`` marker to each item (no
plurals made for those).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from pourparler.dictionaries._actors import is_loose, phrase_words
from pourparler.dictionaries._lines import Problem, ProblemLog, lines, read_text

_SUBST_DEF = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$", re.IGNORECASE)
_RECORD = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]$")


def regular_plural(word: str) -> str:
    """English regular plural of a dictionary word, by the PETRARCH rule."""
    if word.endswith("SS"):
        return word + "ES"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    return word + "S"


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A role word: its phrases (singular and plural forms) and the code it adds."""

    phrases: tuple[tuple[str, ...], ...]
    code: str
    #: True for ``[CODE~]``: the code goes before the actor's code.
    prefix: bool = False
    line: int = 0
    #: phrases written with blanks: other words may come between their words
    loose: tuple[tuple[str, ...], ...] = ()

    @property
    def name(self) -> str:
        return " ".join(self.phrases[0]) if self.phrases else ""

    def as_text(self) -> str:
        return f"{self.code}~" if self.prefix else f"~{self.code}"


@dataclass(slots=True)
class AgentDictionary:
    path: str
    entries: list[AgentEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def phrase_index(self) -> dict[tuple[str, ...], AgentEntry]:
        out: dict[tuple[str, ...], AgentEntry] = {}
        for e in self.entries:
            for p in e.phrases:
                out.setdefault(p, e)
        return out


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str] | None:
    """The phrase with each ``!NAME!`` replaced by every item of its set; None when a
    marker is undefined."""
    m = re.search(r"![A-Z0-9_]+!", phrase, re.IGNORECASE)
    if m is None:
        return [phrase]
    items = subst.get(m.group(0).upper())
    if items is None:
        return None
    out: list[str] = []
    for item in items:
        rest = _expand(phrase[:m.start()] + item + phrase[m.end():], subst)
        if rest is None:
            return None
        out.extend(rest)
    return out


def parse_agents(text: str, path: str = "<agents>", *, warn: bool = True) -> AgentDictionary:
    """Read agent-dictionary text; bad lines are reported and skipped."""
    started = time.perf_counter()
    log = ProblemLog(path, warn)
    out = AgentDictionary(path)
    subst: dict[str, list[str]] = {}
    for ln in lines(text):
        s = ln.text
        if not s:
            continue
        d = _SUBST_DEF.match(s)
        if d is not None:
            subst[d.group(1).upper()] = [i.strip().upper() for i in d.group(2).split(",")
                                         if i.strip()]
            continue
        m = _RECORD.match(s)
        if m is None:
            log.add(ln.number, "not an agent record 'PHRASE {plurals} [~CODE]'", s)
            continue
        code = m.group("code").strip().upper()
        if code.count("~") != 1 or not code.strip("~") or " " in code:
            log.add(ln.number, "agent code needs one '~' before or after it ([~GOV], "
                               "[NGO~])", s)
            continue
        prefix = code.endswith("~")
        expanded = _expand(m.group("phrase").strip(), subst)
        if expanded is None:
            log.add(ln.number, "undefined substitution marker !...!", s)
            continue
        substituted = len(expanded) > 1 or expanded[0] != m.group("phrase").strip()
        phrases: list[tuple[str, ...]] = []
        loose: list[tuple[str, ...]] = []
        for form in expanded:
            words = phrase_words(form)
            if not words:
                continue
            forms = [words]
            if m.group("plural") is None and not substituted and not form.endswith("_"):
                forms.append((*words[:-1], regular_plural(words[-1])))
            phrases.extend(forms)
            if len(words) > 1 and is_loose(form):
                loose.extend(forms)
        if m.group("plural"):
            phrases.extend(phrase_words(p) for p in m.group("plural").split() if p.strip("_"))
        if not phrases:
            log.add(ln.number, "agent record with no phrase", s)
            continue
        out.entries.append(AgentEntry(tuple(dict.fromkeys(phrases)), code.strip("~"), prefix,
                                      ln.number, tuple(loose)))
    out.problems = log.items
    out.seconds = time.perf_counter() - started
    return out


def read_agents(path: Path | str, *, warn: bool = True) -> AgentDictionary:
    """Read a PETRARCH/TABARI agent dictionary file."""
    return parse_agents(read_text(path), str(path), warn=warn)
