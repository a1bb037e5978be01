"""PETRARCH/TABARI verb dictionaries: synonym sets, verb blocks and their patterns.

The file is read into plain data (no matching here):

* synsets ``&NAME`` followed by ``+phrase`` lines (a phrase may name another synset); regular
  plurals of the last word are added unless the phrase or the label ends in ``_``;
* verb blocks opened by ``--- NAME [code] ---``: verb lines ``WORD {irregular forms} [code]``
  (multi-word verbs join words with ``_`` and mark the inflected word with ``+``:
  ``WIRE_+TAP``, ``+BREAK_DOWN``), then patterns ``- words * words [code]``;
* pattern tokens: ``*`` the verb, ``$`` source, ``+`` target, ``%`` compound actor (both
  source and target), ``^`` a skipped noun phrase, ``&NAME`` a synset; ``_`` joins neighbours
  that must be consecutive, a blank lets other words come between; PETRARCH-2's ``{...}``
  (noun phrase) and ``(...)`` (prepositional phrase) groups are read as their words;
* codes ``[A]``, ``[A:B]`` (B is coded for the reverse direction), ``[:B]`` and the null code
  ``---``; ``~`` lines are PETRARCH-2 transformations, kept as text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from pourparler.dictionaries._agents import regular_plural
from pourparler.dictionaries._lines import Problem, ProblemLog, lines, read_text

NULL_CODE = "---"

_HEADER = re.compile(
    r"^-{3}\s*(?P<name>[^\[\-][^\[]*?)?\s*(?P<codes>(?:\[[^\]]*\]\s*)*)(?:-{3}\s*)*$")
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_MARKS = {"*": "verb", "**": "verb", "$": "source", "+": "target", "%": "compound",
          "^": "skip"}
_VOWELS = "AEIOU"


@dataclass(frozen=True, slots=True)
class Element:
    """One token of a pattern: ``kind`` is word, synset, source, target, compound or skip;
    ``joined`` says the next element (in text order) must follow it directly."""

    kind: str
    value: str = ""
    joined: bool = False


@dataclass(frozen=True, slots=True)
class EventCode:
    """``code`` for source -> target and, after a colon, ``reverse`` for target -> source."""

    code: str
    reverse: str | None = None

    @property
    def null(self) -> bool:
        return self.code in ("", NULL_CODE) and self.reverse in (None, "", NULL_CODE)

    def as_text(self) -> str:
        return f"[{self.code}:{self.reverse}]" if self.reverse is not None else f"[{self.code}]"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern of a verb block: the elements before the verb (text order), after it, and
    whether the nearest element on each side must touch the verb."""

    upper: tuple[Element, ...]
    lower: tuple[Element, ...]
    code: EventCode
    line: int
    text: str
    joined_left: bool = False
    joined_right: bool = False

    @property
    def size(self) -> int:
        return len(self.upper) + len(self.lower)


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of a block: every surface form (as word tuples) and where the verb word sits."""

    words: tuple[str, ...]
    head: int
    forms: tuple[tuple[str, ...], ...]
    code: EventCode | None
    line: int


@dataclass(slots=True)
class VerbBlock:
    name: str
    code: EventCode
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Synset:
    name: str
    #: phrases as word tuples; a word starting with ``&`` names another synset
    phrases: tuple[tuple[str, ...], ...]
    line: int


@dataclass(slots=True)
class VerbDictionary:
    path: str
    synsets: dict[str, Synset] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    transformations: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pattern_count(self) -> int:
        return sum(len(b.patterns) for b in self.blocks)

    @property
    def verb_count(self) -> int:
        return sum(len(b.verbs) for b in self.blocks)


def parse_code(text: str) -> EventCode:
    """``A``, ``A:B`` or ``:B`` as an EventCode (codes kept as written)."""
    text = text.strip()
    if ":" in text:
        a, b = text.split(":", 1)
        return EventCode(a.strip() or NULL_CODE, b.strip() or NULL_CODE)
    return EventCode(text or NULL_CODE)


def regular_forms(word: str) -> list[str]:
    """The regular English forms of a verb, by spelling rules (a few spare spellings do no
    harm: they only ever match words that are there)."""
    out = [word]
    if word.endswith(("S", "SH", "CH", "X", "Z")):
        out.append(word + "ES")
    elif word.endswith("Y") and len(word) > 1 and word[-2] not in _VOWELS:
        out.append(word[:-1] + "IES")
    else:
        out.append(word + "S")
    if word.endswith("E"):
        out += [word + "D", word[:-1] + "ING"]
    elif word.endswith("Y") and len(word) > 1 and word[-2] not in _VOWELS:
        out += [word[:-1] + "IED", word + "ING"]
    else:
        out += [word + "ED", word + "ING"]
        if (len(word) >= 3 and word[-1] not in _VOWELS + "WXY" and word[-2] in _VOWELS
                and word[-3] not in _VOWELS):
            out += [word + word[-1] + "ED", word + word[-1] + "ING"]  # stop -> stopped
    return out


def _split_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", text.strip().upper()) if w]


def _verb_line(s: str, number: int, log: ProblemLog) -> Verb | None:
    codes = _CODE_BLOCK.findall(s)
    body = _CODE_BLOCK.sub("", s)
    forms_text: str | None = None
    if "{" in body:
        if "}" not in body:
            log.add(number, "unclosed {...} of verb forms", s)
            return None
        forms_text = body[body.index("{") + 1:body.index("}")]
        body = body[:body.index("{")] + body[body.index("}") + 1:]
    words = _split_words(body)
    if not words:
        log.add(number, "verb line with no verb", s)
        return None

    def marked(ws: list[str]) -> tuple[tuple[str, ...], int]:
        head = next((i for i, w in enumerate(ws) if w.startswith("+")), 0)
        return tuple(w.lstrip("+") for w in ws), head

    base, head = marked(words)
    if not all(base):
        log.add(number, "empty word in verb phrase", s)
        return None
    forms: list[tuple[str, ...]] = [base]
    if forms_text is None:
        for f in regular_forms(base[head])[1:]:
            forms.append((*base[:head], f, *base[head + 1:]))
    elif len(base) == 1:
        forms += [(w.lstrip("+"),) for w in forms_text.split()]
    else:
        for item in forms_text.split():
            forms.append(marked(_split_words(item))[0])
    code = parse_code(codes[0]) if codes else None
    return Verb(base, head, tuple(dict.fromkeys(forms)), code, number)


def _pattern_elements(body: str) -> list[Element] | str:
    """The elements of a pattern's text in order, or the reason it cannot be read."""
    if "|" in body:
        return "disjunctive sets {A | B} are not supported (use a synset)"
    body = re.sub(r"[{}()]", " ", body)
    body = re.sub(r"\*+", " * ", body)  # "*SCEPTICAL" is the verb then a word
    elements: list[Element] = []
    pending_join = False
    for chunk in body.split():
        parts = chunk.split("_")
        if parts[0] == "" and elements:
            last = elements[-1]
            elements[-1] = Element(last.kind, last.value, True)
        for j, part in enumerate(parts):
            if not part:
                continue
            if pending_join and elements:
                last = elements[-1]
                elements[-1] = Element(last.kind, last.value, True)
            pending_join = False
            upper = part.upper()
            kind = _MARKS.get(upper)
            if kind is not None:
                elements.append(Element(kind))
            elif upper.startswith("&"):
                elements.append(Element("synset", upper.rstrip("_")))
            else:
                elements.append(Element("word", upper))
            # words inside one chunk are joined to the next part of the chunk
            pending_join = j < len(parts) - 1
        if parts[-1] == "":
            pending_join = True
    return elements


def _pattern(s: str, number: int, log: ProblemLog) -> Pattern | None:
    codes = _CODE_BLOCK.findall(s)
    body = _CODE_BLOCK.sub("", s[1:]).strip()
    if not codes:
        log.add(number, "pattern without a [code]", s)
        return None
    found = _pattern_elements(body)
    if isinstance(found, str):
        log.add(number, found, s)
        return None
    verbs = [i for i, e in enumerate(found) if e.kind == "verb"]
    if len(verbs) != 1:
        log.add(number, "a pattern needs exactly one '*' for the verb", s)
        return None
    v = verbs[0]
    upper, lower = tuple(found[:v]), tuple(found[v + 1:])
    joined_left = bool(upper) and upper[-1].joined
    if upper:
        upper = (*upper[:-1], Element(upper[-1].kind, upper[-1].value, False))
    return Pattern(upper, lower, parse_code(codes[0]), number, body, joined_left,
                   found[v].joined)


def parse_verbs(text: str, path: str = "<verbs>", *, warn: bool = True) -> VerbDictionary:
    """Read verb-dictionary text; bad lines are reported and skipped."""
    started = time.perf_counter()
    log = ProblemLog(path, warn)
    out = VerbDictionary(path)
    block: VerbBlock | None = None
    synset: tuple[str, int, bool, list[tuple[str, ...]]] | None = None
    blank_since_patterns = False

    def close_synset() -> None:
        nonlocal synset
        if synset is not None:
            name, line, _, phrases = synset
            if not phrases:
                log.add(line, "synset with no +phrases", name)
            out.synsets[name] = Synset(name, tuple(dict.fromkeys(phrases)), line)
        synset = None

    for ln in lines(text):
        s = ln.text
        if not s:
            close_synset()
            if block is not None and block.patterns:
                blank_since_patterns = True
            continue
        if s.startswith("&"):
            close_synset()
            label = s.split()[0].upper()
            synset = (label.rstrip("_"), ln.number, label.endswith("_"), [])
            continue
        if synset is not None and s.startswith("+"):
            _, _, no_plural, phrases = synset
            member = s[1:].strip()
            words = tuple(w.rstrip("_") if not w.startswith("&") else w.upper().rstrip("_")
                          for w in _split_words(member))
            if not words:
                log.add(ln.number, "empty synset phrase", s)
                continue
            phrases.append(words)
            if not (no_plural or member.endswith("_") or words[-1].startswith("&")):
                phrases.append((*words[:-1], regular_plural(words[-1])))
            continue
        close_synset()
        if s.startswith("---"):
            m = _HEADER.match(s)
            if m is None:
                log.add(ln.number, "not a verb block header '--- NAME [code] ---'", s)
                block = None
                continue
            codes = _CODE_BLOCK.findall(m.group("codes") or "")
            block = VerbBlock((m.group("name") or "").strip().upper(),
                              parse_code(codes[0]) if codes else EventCode(NULL_CODE),
                              ln.number)
            out.blocks.append(block)
            blank_since_patterns = False
            continue
        if s.startswith("~"):
            out.transformations.append((ln.number, s))
            continue
        if s.startswith("-"):
            if block is None:
                log.add(ln.number, "pattern outside a verb block", s)
                continue
            p = _pattern(s, ln.number, log)
            if p is not None:
                block.patterns.append(p)
            continue
        if s.count("[") != s.count("]") or s.count("{") != s.count("}"):
            log.add(ln.number, "unbalanced brackets", s)
            continue
        verb = _verb_line(s, ln.number, log)
        if verb is None:
            continue
        if block is None or blank_since_patterns:
            # PETRARCH-1 style: a verb line with a code after a blank opens its own block
            block = VerbBlock(" ".join(verb.words), verb.code or EventCode(NULL_CODE),
                              ln.number)
            out.blocks.append(block)
            blank_since_patterns = False
        block.verbs.append(verb)
    close_synset()
    for b in out.blocks:
        if not b.verbs:
            log.add(b.line, "verb block with no verbs", b.name)
    out.problems = log.items
    out.seconds = time.perf_counter() - started
    return out


def read_verbs(path: Path | str, *, warn: bool = True) -> VerbDictionary:
    """Read a PETRARCH/TABARI verb dictionary file."""
    return parse_verbs(read_text(path), str(path), warn=warn)
