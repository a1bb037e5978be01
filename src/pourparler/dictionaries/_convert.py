"""PETRARCH actor dictionaries to and from our own actor YAML (the ``--actors`` format).

A PETRARCH entry becomes ``{name, aliases, code}`` when it has one code for all dates, and
``{name, aliases, roles: [{code, country, sector, from, to}, ...]}`` when its codes are
dated (a dated code is an office held between two days, which is what our ``roles`` say).
PETRARCH's "first restriction that holds wins" is kept by writing the roles in file order
with the default code last and undated. Codes our format cannot hold (null codes such as
``---``, TABARI's ``+++``) are left out and listed as problems.

Phrases are written in title case ("SAM_GAMGEE" -> "Sam Gamgee"); both formats match
without regard to case, so the round trip keeps every phrase's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from pourparler.dictionaries._actors import ActorDictionary, ActorEntry, DatedCode, phrase_words
from pourparler.dictionaries._lines import Problem

#: Our actor codes: blocks of three capital letters (actors/_userfile.py checks the same).
_OUR_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_BLOCK = 3
#: Actor blocks that are organisations, not states (CAMEO).
_ORG_BLOCKS = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "NGM"})
_ONE_DAY = timedelta(days=1)


def _title(words: tuple[str, ...]) -> str:
    return " ".join(w.capitalize() if w.isalpha() else w for w in words)


def _role(c: DatedCode) -> dict[str, Any]:
    role: dict[str, Any] = {"code": c.code}
    block = c.code[:_BLOCK]
    if block in _ORG_BLOCKS:
        role["org"] = "OTHER"
    else:
        from pourparler.events.ontology import iso3_of_cameo

        role["country"] = iso3_of_cameo(block) or block
    if len(c.code) >= 2 * _BLOCK:
        role["sector"] = c.code[_BLOCK:2 * _BLOCK]
    if c.start is not None:
        role["from"] = c.start.isoformat()
    if c.end is not None:
        # PETRARCH's limits include the end day; our roles end the day before "to"
        role["to"] = (c.end + _ONE_DAY).isoformat()
    return role


def entry_to_row(e: ActorEntry, path: str = "") -> tuple[dict[str, Any] | None, list[Problem]]:
    """Our YAML mapping for one PETRARCH entry (None when no code can be kept)."""
    problems: list[Problem] = []
    codes = []
    for c in e.codes:
        if _OUR_CODE.match(c.code):
            codes.append(c)
        else:
            problems.append(Problem(path, e.line, f"code {c.code!r} left out: actor codes "
                                                  "are blocks of three letters", e.name))
    if not codes:
        if not problems:
            problems.append(Problem(path, e.line, "actor without a code left out", e.name))
        return None, problems
    row: dict[str, Any] = {"name": _title(e.phrases[0])}
    aliases = [_title(p) for p in e.phrases[1:]]
    if aliases:
        row["aliases"] = aliases
    restricted = [c for c in codes if c.restricted]
    default = [c for c in codes if not c.restricted]
    if not restricted:
        row["code"] = default[0].code
        return row, problems
    row["roles"] = [_role(c) for c in restricted] + [_role(c) for c in default[:1]]
    return row, problems


def petrarch_to_rows(d: ActorDictionary) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Our YAML rows for a whole PETRARCH actor dictionary, and what could not be kept."""
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for e in d.entries:
        row, found = entry_to_row(e, d.path)
        problems.extend(found)
        if row is not None:
            rows.append(row)
    return rows, problems


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _phrase(text: str) -> str:
    return "_".join(phrase_words(text))


def row_to_codes(row: Mapping[str, Any]) -> list[DatedCode]:
    """The PETRARCH codes of one of our YAML rows (its ``code`` or its dated ``roles``)."""
    out: list[DatedCode] = []
    for r in row.get("roles") or []:
        code = r.get("code") or "".join(str(r.get(k) or "") for k in ("country", "sector"))
        if not code:
            continue
        start, end = _day(r.get("from")), _day(r.get("to"))
        out.append(DatedCode(str(code).upper(), start, end - _ONE_DAY if end else None))
    code = row.get("code") or row.get("cameo")
    if code:
        start, end = _day(row.get("from")), _day(row.get("to"))
        out.append(DatedCode(str(code).upper(), start, end - _ONE_DAY if end else None))
    return out


def rows_to_petrarch(rows: Iterable[Mapping[str, Any]]) -> str:
    """A PETRARCH actor dictionary for our YAML rows (one record per row)."""
    lines = ["# written by pourparler dictionaries convert", ""]
    for row in rows:
        names = [str(row["name"]), *(str(a) for a in row.get("aliases") or [])]
        codes = row_to_codes(row)
        undated = [c for c in codes if not c.restricted]
        first = f"{_phrase(names[0])}_"
        if len(codes) == 1 and undated:
            first += f"  {undated[0].as_text()}"
        lines.append(first)
        lines.extend(f"+{_phrase(n)}_" for n in names[1:])
        if not (len(codes) == 1 and undated):
            lines.extend(f"\t{c.as_text()}" for c in codes)
        lines.append("")
    return "\n".join(lines)


def looks_like_petrarch(text: str) -> bool:
    """Whether a file's text is a PETRARCH/TABARI dictionary rather than our YAML or CSV:
    decided by its lines (``PHRASE [CODE]``, ``+SYNONYM``, indented ``[CODE ...]``) against
    YAML mappings (``key: value``, ``- name:``) and a CSV header."""
    from pourparler.dictionaries._lines import lines

    petrarch = ours = 0
    first = True
    for ln in lines(text):
        s = ln.text
        if not s:
            continue
        header = first and s.lower().startswith("name,")
        first = False
        if header or re.match(r"^-?\s*[a-z_]+:(\s|$)", s):
            ours += 1
        elif re.match(r"^(\+?[^\s:]+.*\[[^\]]*\]|\+\S+|\[[^\]]*\])$", s) or s.isupper():
            petrarch += 1
        if petrarch + ours >= 50:
            break
    return petrarch > ours
