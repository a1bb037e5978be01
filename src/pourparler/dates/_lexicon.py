"""Per-language date vocabulary: loads data/<lang>.yaml and compiles its patterns once."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from pourparler.errors import DataError, UnsupportedLanguageError

log = logging.getLogger(__name__)

#: The offset kinds a relative expression or a unit word may name.
OFFSET_KINDS: frozenset[str] = frozenset({"day", "week", "weekend", "month", "year"})
#: How a weekday or a month is placed against the reference date.
WHICH_KINDS: frozenset[str] = frozenset({"last", "next", "plain"})
#: Placeholders a template may use, and where each is allowed.
_SLOTS_BY_SECTION: dict[str, frozenset[str]] = {
    "counted": frozenset({"n", "unit"}),
    "weekday_forms": frozenset({"weekday"}),
    "weekday_day_forms": frozenset({"weekday", "day"}),
    "month_forms": frozenset({"month"}),
    "year_forms": frozenset({"year"}),
}
_ORDERS: frozenset[str] = frozenset({"day_month", "month_day"})
_NUMERIC_ORDERS: frozenset[str] = frozenset({"DMY", "MDY"})

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Years a news story dates events in; keeps "60 000" or a 3-digit count from reading as a year.
_YEAR = r"(?:1[89]|2[01])\d\d(?![\w])"
# Day of the month: not glued to a longer number ("12 000 soldats", "2,000").
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])"
_LEFT = r"(?<![\w.,/-])"
_RIGHT = r"(?![\w])"
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?:\d{1,2}([/.])\d{1,2}\1\d{4}|\d{4}-\d{2}-\d{2})(?![\w/-]|\.\d)"
)

# The data folder is read through its parent package (it has no __init__.py of its own).
_PACKAGE, _DATA_DIR = "pourparler.dates", "data"


@dataclass(frozen=True, slots=True)
class Form:
    """One compiled pattern and what its match means."""

    regex: re.Pattern[str]
    kind: str  # absolute | month | year | relative | counted | weekday | weekday_day | numeric
    which: str = "plain"
    unit: str = ""
    offset: int = 0
    future_only: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A language's date words, as maps and compiled patterns."""

    lang: str
    weekdays: dict[str, int]  # spelling (folded) -> 0 (Monday) .. 6
    months: dict[str, int]  # spelling (folded) -> 1 .. 12
    numbers: dict[str, int]
    units: dict[str, str]
    numeric_order: str
    forms: tuple[Form, ...]
    trigger: re.Pattern[str]
    case_sensitive: bool

    def fold(self, word: str) -> str:
        """The key a matched name is looked up with."""
        word = re.sub(r"\s+", " ", word.replace("’", "'"))
        return word if self.case_sensitive else word.lower()

    def number(self, word: str) -> int | None:
        if word.isdigit():
            return int(word)
        return self.numbers.get(word.lower())


def _words(spellings: list[str]) -> str:
    """Alternation of spellings, longest first so "janvier" wins over "janv."."""
    ordered = sorted(set(spellings), key=len, reverse=True)
    return "|".join(re.escape(s) for s in ordered)


def _literal(text: str, case_sensitive: bool) -> str:
    """Regex for the fixed words of a template: flexible spaces, apostrophes and hyphens."""
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        elif ch == "-":
            out.append(r"(?:[-‐‑]\s?|\s)")
        else:
            out.append(re.escape(ch))
    body = "".join(out)
    # In a case-sensitive language only names keep their case; other words match in any case.
    return f"(?i:{body})" if case_sensitive and body else body


def _template(template: str, slots: dict[str, str], case_sensitive: bool) -> str:
    parts: list[str] = []
    pos = 0
    seen: set[str] = set()
    for m in _PLACEHOLDER.finditer(template):
        name = m.group(1)
        if name not in slots or name in seen:
            raise DataError(f"date template {template!r}: unknown or repeated {{{name}}}")
        seen.add(name)
        parts.append(_literal(template[pos : m.start()], case_sensitive))
        parts.append(f"(?P<{name}>{slots[name]})")
        pos = m.end()
    parts.append(_literal(template[pos:], case_sensitive))
    return _LEFT + "".join(parts) + _RIGHT


def _table(raw: Any, size: int, what: str, lang: str) -> list[list[str]]:
    if not isinstance(raw, list) or len(raw) != size:
        raise DataError(f"dates/data/{lang}.yaml: '{what}' must list {size} entries")
    rows: list[list[str]] = []
    for row in raw:
        if not isinstance(row, list) or not row or not all(isinstance(s, str) for s in row):
            raise DataError(f"dates/data/{lang}.yaml: each '{what}' entry is a list of spellings")
        rows.append(row)
    return rows


def _build(lang: str, raw: dict[str, Any]) -> Lexicon:
    where = f"dates/data/{lang}.yaml"
    sensitive = bool(raw.get("case_sensitive", False))

    def key(s: str) -> str:
        return s if sensitive else s.lower()

    weekday_rows = _table(raw.get("weekdays"), 7, "weekdays", lang)
    month_rows = _table(raw.get("months"), 12, "months", lang)
    weekdays = {key(s): i for i, row in enumerate(weekday_rows) for s in row}
    months = {key(s): i + 1 for i, row in enumerate(month_rows) for s in row}
    numbers = {str(k).lower(): int(v) for k, v in (raw.get("numbers") or {}).items()}
    units = {str(k).lower(): str(v) for k, v in (raw.get("units") or {}).items()}
    bad_units = sorted(set(units.values()) - OFFSET_KINDS)
    if bad_units:
        raise DataError(f"{where}: unknown unit kinds {bad_units}")
    numeric_order = str(raw.get("numeric_order", "DMY"))
    if numeric_order not in _NUMERIC_ORDERS:
        raise DataError(f"{where}: numeric_order must be one of {sorted(_NUMERIC_ORDERS)}")
    orders = list(raw.get("orders", ["day_month", "month_day"]))
    if not set(orders) <= _ORDERS:
        raise DataError(f"{where}: orders must be among {sorted(_ORDERS)}")

    flags = 0 if sensitive else re.IGNORECASE
    suffixes = [str(s) for s in raw.get("day_suffixes") or []]
    suffix = f"(?:{_words(suffixes)})?" if suffixes else ""
    day = f"{_DAY_NUMBER}{suffix}(?![\\w])(?!\\s?\\d{{3}}(?!\\d))"
    weekday_alt = _words([s for row in weekday_rows for s in row])
    month_alt = _words([s for row in month_rows for s in row])
    number_alt = _words(list(numbers)) + r"|\d{1,2}"
    unit_alt = _words(list(units))
    slots = {
        "weekday": weekday_alt,
        "month": month_alt,
        "n": f"(?i:{number_alt})" if sensitive else number_alt,
        "unit": f"(?i:{unit_alt})" if sensitive else unit_alt,
        "year": _YEAR,
        "day": day,
    }
    range_alt = "|".join(_literal(str(w), sensitive) for w in raw.get("range_words") or [])
    second_day = f"(?:\\s*(?:{range_alt})\\s*{_DAY_NUMBER}{suffix}(?![\\w]))?" if range_alt else ""
    lead_weekday = f"(?:(?P<weekday>{weekday_alt}),?\\s+(?:(?i:the|le)\\s+)?)?"

    forms: list[Form] = []

    def add(pattern: str, kind: str, **kw: Any) -> None:
        forms.append(Form(re.compile(pattern, flags), kind, **kw))

    g_day, g_month, g_year = f"(?P<day>{day})", f"(?P<month>{month_alt})", f"(?P<year>{_YEAR})"
    if "day_month" in orders:
        add(
            f"{_LEFT}{lead_weekday}{g_day}{second_day}\\s+{g_month}(?:,?\\s+{g_year})?{_RIGHT}",
            "absolute",
        )
    if "month_day" in orders:
        add(
            f"{_LEFT}{lead_weekday}{g_month}\\s+{g_day}{second_day}(?:,?\\s+{g_year})?{_RIGHT}",
            "absolute",
        )
    add(f"{_LEFT}{g_month},?\\s+{g_year}", "month")

    relative = raw.get("relative") or {}
    if not isinstance(relative, dict):
        raise DataError(f"{where}: 'relative' maps expressions to {{unit, offset}}")
    for text, spec in relative.items():
        if not isinstance(spec, dict) or spec.get("unit") not in OFFSET_KINDS:
            raise DataError(f"{where}: relative {text!r} needs a unit among {sorted(OFFSET_KINDS)}")
        add(
            _template(str(text), slots, sensitive),
            "relative",
            unit=str(spec["unit"]),
            offset=int(spec.get("offset", 0)),
        )

    def templates(section: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for item in raw.get(section) or []:
            spec = {"template": item} if isinstance(item, str) else dict(item)
            names = set(_PLACEHOLDER.findall(str(spec.get("template", ""))))
            if not names or not names <= _SLOTS_BY_SECTION[section]:
                raise DataError(
                    f"{where}: {section} template {spec.get('template')!r} must use"
                    f" only {sorted(_SLOTS_BY_SECTION[section])}"
                )
            if spec.get("which", "plain") not in WHICH_KINDS:
                raise DataError(f"{where}: {section} 'which' must be among {sorted(WHICH_KINDS)}")
            out.append(spec)
        return out

    for spec in templates("counted"):
        if spec.get("sign") not in (-1, 1):
            raise DataError(f"{where}: counted template needs sign -1 or 1")
        add(
            _template(spec["template"], slots, sensitive),
            "counted",
            offset=int(spec["sign"]),
            future_only=bool(spec.get("future_only", False)),
        )
    for spec in templates("weekday_forms"):
        add(
            _template(spec["template"], slots, sensitive),
            "weekday",
            which=str(spec.get("which", "plain")),
        )
    for spec in templates("weekday_day_forms"):
        add(_template(spec["template"], slots, sensitive), "weekday_day")
    for spec in templates("month_forms"):
        add(
            _template(spec["template"], slots, sensitive),
            "month",
            which=str(spec.get("which", "plain")),
        )
    for spec in templates("year_forms"):
        add(_template(spec["template"], slots, sensitive), "year")
    forms.append(Form(_NUMERIC_DATE, "numeric"))

    # Cheap first test: no digit and none of these words means no date expression at all.
    heads = [max(re.findall(r"[\w'’-]+", str(t)), key=len) for t in relative]
    trigger_words = [*weekdays, *months, *units, *heads]
    trigger = re.compile(r"\d|" + _words(trigger_words).replace("'", "['’]"), re.IGNORECASE)
    return Lexicon(
        lang, weekdays, months, numbers, units, numeric_order, tuple(forms), trigger, sensitive
    )


_lock = threading.Lock()
_cache: dict[str, Lexicon] = {}


def available_languages() -> list[str]:
    """Languages with a data file, e.g. ["en", "fr"]."""
    files = resources.files(_PACKAGE).joinpath(_DATA_DIR).iterdir()
    return sorted(f.name[: -len(".yaml")] for f in files if f.name.endswith(".yaml"))


def load_raw(lang: str) -> dict[str, Any]:
    """The parsed YAML for ``lang`` (no checks)."""
    path = resources.files(_PACKAGE).joinpath(_DATA_DIR, f"{lang}.yaml")
    if not path.is_file():
        raise UnsupportedLanguageError("dates", lang)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"dates/data/{lang}.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(f"dates/data/{lang}.yaml must hold a mapping")
    return data


def lexicon(lang: str) -> Lexicon:
    """The compiled vocabulary for ``lang``, built on first use and kept for the process."""
    with _lock:
        lex = _cache.get(lang)
        if lex is None:
            lex = _build(lang, load_raw(lang))
            _cache[lang] = lex
            log.debug("compiled %d date patterns for %s", len(lex.forms), lang)
        return lex
