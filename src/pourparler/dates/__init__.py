"""Event dates from sentence cues, resolved against the publication date (news conventions).

The language knowledge (weekday and month names, relative words, the cues that make a bare month
or year a date) lives in ``data/<lang>.yaml``; the code here is language-neutral. Absolute
numeric dates are read with dateparser; relative expressions follow our own news rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import dateparser

from pourparler.dates import _calendar as cal
from pourparler.dates._lexicon import Form, Lexicon, available_languages, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["DateResult", "dateline_date", "resolve_date"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DateResult:
    """A resolved event date.

    ``value`` is "YYYY-MM-DD", "YYYY-MM" or "YYYY"; ``precision`` is "day", "week" (value is the
    Monday of that week), "month", "year" or "published" (no cue: the publication date).
    ``text`` is the expression that gave the date, None for the fallback.
    """

    value: str | None
    precision: str | None
    text: str | None = None


# Which cue wins when two overlap: explicit dates first, bare-year cues last.
_PRIORITY: dict[str, int] = {
    "numeric": 6,
    "absolute": 5,
    "weekday_day": 4,
    "relative": 3,
    "counted": 3,
    "month": 3,
    "weekday": 2,
    "year": 1,
}
# Named-entity types whose text is never a date cue ("Theresa May", "the September 11 attacks",
# "place du 14-Juillet").
_NON_DATE_ENTS: frozenset[str] = frozenset(
    {"PER", "PERSON", "ORG", "LOC", "GPE", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_NEVER_NAMES: frozenset[str] = frozenset({"numeric", "relative", "counted"})
_CLAUSE_POS: frozenset[str] = frozenset({"VERB", "AUX"})
# Sentences seen recently: the coder asks for several events of the same sentence.
_CUE_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int  # character offsets in the sentence text
    end: int
    text: str
    form: Form
    groups: tuple[tuple[str, str], ...]

    @property
    def priority(self) -> int:
        return _PRIORITY[self.form.kind]

    def group(self, name: str) -> str | None:
        for key, value in self.groups:
            if key == name:
                return value
        return None


@functools.lru_cache(maxsize=_CUE_CACHE_SIZE)
def _find_cues(text: str, lang: str) -> tuple[_Cue, ...]:
    """Every date expression in ``text`` (overlaps kept; they are settled per sentence)."""
    lex = lexicon(lang)
    if not lex.trigger.search(text):
        return ()
    cues: list[_Cue] = []
    for form in lex.forms:
        for m in form.regex.finditer(text):
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            cues.append(_Cue(m.start(), m.end(), m.group(0), form, groups))
    return tuple(cues)


def _settle(cues: list[_Cue]) -> list[_Cue]:
    """Drop cues overlapped by a stronger one (higher priority, then longer, then earlier)."""
    kept: list[_Cue] = []
    for cue in sorted(cues, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if all(cue.end <= k.start or cue.start >= k.end for k in kept):
            kept.append(cue)
    return sorted(kept, key=lambda c: c.start)


def _int_day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _numeric(text: str, lex: Lexicon) -> dt.date | None:
    settings = {"DATE_ORDER": lex.numeric_order, "STRICT_PARSING": True}
    try:
        parsed = dateparser.parse(text, languages=[lex.lang], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed is not None else None


def _resolve(cue: _Cue, lex: Lexicon, ref: dt.date | None, future: bool) -> tuple[str, str] | None:
    """(value, precision) for one cue, or None when it cannot be placed."""
    form = cue.form
    kind = form.kind
    year_text = cue.group("year")
    year = int(year_text) if year_text else None
    if kind == "numeric":
        d = _numeric(cue.text, lex)
        return (d.isoformat(), "day") if d else None
    if kind == "year":
        return (f"{year:04d}", "year") if year else None
    month_text = cue.group("month")
    month = lex.months.get(lex.fold(month_text)) if month_text else None
    if kind == "absolute" and month:
        day = _int_day(cue.group("day") or "")
        if year is not None:
            try:
                return dt.date(year, month, day).isoformat(), "day"
            except ValueError:
                return None
        if ref is None:
            return None
        named = cue.group("weekday")
        wd = lex.weekdays.get(lex.fold(named)) if named else None
        d = cal.day_month(month, day, ref, future, wd)
        return (d.isoformat(), "day") if d else None
    if kind == "month" and month:
        if year is not None:
            return f"{year:04d}-{month:02d}", "month"
        if ref is None:
            return None
        y, m = cal.month_of(month, ref, form.which, future)
        return f"{y:04d}-{m:02d}", "month"
    if ref is None:
        return None
    if kind == "relative":
        return cal.shift(ref, form.unit, form.offset, future)
    if kind == "counted":
        if form.future_only and not future:
            return None
        n = lex.number(cue.group("n") or "")
        unit = lex.units.get((cue.group("unit") or "").lower())
        if n is None or unit is None:
            return None
        return cal.shift(ref, unit, form.offset * n, future)
    weekday_text = cue.group("weekday")
    wd = lex.weekdays.get(lex.fold(weekday_text)) if weekday_text else None
    if wd is None:
        return None
    if kind == "weekday_day":
        d = cal.weekday_day(wd, _int_day(cue.group("day") or ""), ref, future)
        if d is not None:
            return d.isoformat(), "day"
        # No such date nearby: the number was not a day of the month; keep the weekday.
    return cal.weekday(wd, ref, form.which, future).isoformat(), "day"


# --- choosing among several cues -----------------------------------------------------------


def _clause_head(tok: Token) -> Token:
    """The verb (or root) whose clause ``tok`` belongs to, not counting ``tok`` itself."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in _CLAUSE_POS:
            return t
    return t


def _clause_of(tok: Token) -> Token:
    return tok if tok.pos_ in _CLAUSE_POS else _clause_head(tok)


def _chain(tok: Token) -> list[Token]:
    return [tok, *tok.ancestors]


def _tree_distance(a: Token, b: Token) -> int:
    depth_a = {t.i: k for k, t in enumerate(_chain(a))}
    for k, t in enumerate(_chain(b)):
        if t.i in depth_a:
            return depth_a[t.i] + k
    return len(depth_a) + k + 1


_OPEN_QUOTES = frozenset({"«", "“"})
_CLOSE_QUOTES = frozenset({"»", "”"})


def _quotation(sent: Span, tok: Token) -> int | None:
    """The index of the quotation mark that opens the quote ``tok`` stands in, if any."""
    opened: int | None = None
    straight: int | None = None
    for t in sent:
        if t.i >= tok.i:
            break
        if t.text in _OPEN_QUOTES:
            opened = t.i
        elif t.text in _CLOSE_QUOTES:
            opened = None
        elif t.text == '"':
            straight = t.i if straight is None else None
    return opened if opened is not None else straight


def _span_root(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[0]


def _rank(root: Token, anchor: Token) -> tuple[int, int, int]:
    """Smaller is better: same clause as the anchor, then its head chain, then its subtree."""
    own = _clause_of(anchor)
    governor = _clause_head(root)
    if governor.i == own.i or root.i == own.i:
        tier = 0
    elif any(t.i == governor.i for t in own.ancestors):
        tier = 1
    elif any(t.i == anchor.i for t in root.ancestors):
        tier = 2
    else:
        tier = 3
    return tier, _tree_distance(root, anchor), abs(root.i - anchor.i)


def _tokens(sent: Span, cue: _Cue) -> list[Token]:
    lo, hi = sent.start_char + cue.start, sent.start_char + cue.end
    return [t for t in sent if t.idx < hi and t.idx + len(t.text) > lo]


def _usable(cue: _Cue, tokens: list[Token], sent: Span) -> bool:
    if not tokens:
        return False
    # Numeric dates and relative phrases are never names, whatever the tagger says
    # ("01/12/2022" tagged ORG, a sentence-initial "Après-demain" tagged LOC).
    if cue.form.kind not in _NEVER_NAMES and any(t.ent_type_ in _NON_DATE_ENTS for t in tokens):
        return False
    if cue.form.kind == "weekday_day":
        # "mardi 3 personnes": the number counts something, it is not a day of the month.
        after = tokens[-1].i + 1
        if after < sent.end and sent.doc[after].pos_ in ("NOUN", "PROPN"):
            return False
    return True


def resolve_date(
    sent: Span,
    published: dt.date | None,
    lang: str,
    *,
    anchor: Token | None = None,
    future: bool = False,
    dateline: dt.date | None = None,
) -> DateResult:
    """The date of the event told in ``sent``.

    Relative cues are read against ``dateline`` when given, else ``published``. When the
    sentence holds several cues, the one in ``anchor``'s clause (else on its head chain, else
    in its subtree) and nearest to it in the parse wins. ``future`` marks a planned event: a bare
    weekday or date then lies after the reference. With no cue, the publication date is returned
    with precision "published" (``DateResult(None, None)`` when that is unknown too).
    """
    ref = dateline or published
    fallback = (
        DateResult(published.isoformat(), "published") if published else DateResult(None, None)
    )
    lex = lexicon(lang)
    raw = _find_cues(sent.text, lang)
    if not raw:
        return fallback
    usable: list[tuple[_Cue, list[Token]]] = []
    quote_of_anchor = _quotation(sent, anchor) if anchor is not None else None
    for cue in raw:
        toks = _tokens(sent, cue)
        if not _usable(cue, toks, sent):
            continue
        if anchor is not None and toks and _quotation(sent, toks[0]) not in (
                None, quote_of_anchor):
            continue  # « demain la guerre frappera » dates the quote, not the act reporting it
        usable.append((cue, toks))
    tokens_of = {id(c): toks for c, toks in usable}
    settled = _settle([c for c, _ in usable])
    target = anchor if anchor is not None else sent.root
    ranked = sorted(settled, key=lambda c: _rank(_span_root(tokens_of[id(c)]), target))
    for cue in ranked:
        resolved = _resolve(cue, lex, ref, future)
        if resolved is not None:
            return DateResult(resolved[0], resolved[1], cue.text)
    return fallback


# --- wire datelines --------------------------------------------------------------------------

# How far into an article a dateline may start (after a title line or a byline).
_DATELINE_WINDOW_CHARS = 200


@functools.cache
def _month_names() -> dict[str, int]:
    """Month spellings of every language: a dateline's language is not known beforehand."""
    names: dict[str, int] = {}
    for lang in available_languages():
        names.update({k.lower(): v for k, v in lexicon(lang).months.items()})
    return names


@functools.cache
def _dateline_regex() -> re.Pattern[str]:
    names = _month_names()
    month = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:er|st|nd|rd|th)?"
    date = (
        rf"(?:(?P<m1>{month})\s+(?P<d1>{day})|(?P<d2>{day})\s+(?P<m2>{month}))"
        r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    )
    place = r"[A-ZÀ-Ý][A-ZÀ-Ý'’. -]*[A-ZÀ-Ý.]"
    return re.compile(
        rf"(?:^|\n)\s*{place}(?:,\s*[A-ZÀ-Ý][\w'’. -]*?)?,\s*{date}(?![\w])"
        r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—:]",
        re.IGNORECASE,
    )


def dateline_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date of a wire dateline at the start of ``text`` ("MINSK, Feb 12 (Wire) -").

    Without a year the one nearest ``published`` is taken (None when ``published`` is None).
    A dateline without a date ("WASHINGTON (AP) —") gives None.
    """
    m = _dateline_regex().search(text[:_DATELINE_WINDOW_CHARS])
    if m is None:
        return None
    groups: dict[str, Any] = m.groupdict()
    month = _month_names().get((groups["m1"] or groups["m2"]).lower())
    if month is None:
        return None
    day = _int_day(groups["d1"] or groups["d2"])
    if groups["year"]:
        try:
            return dt.date(int(groups["year"]), month, day)
        except ValueError:
            return None
    if published is None:
        return None
    return cal.dateline_day(month, day, published)
