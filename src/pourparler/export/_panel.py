"""Country and dyad panels: counted events per unit and period, zero-filled, keyed by the
codes other data sets use (ISO 3166-1 alpha-3, CAMEO, Correlates of War), so they merge with
country-year and dyad-year data (peacesciencer and the like).

A panel has one row for every unit and every period from the first to the last (or from
``since`` to ``until``): a period without events is a row of zeros, not a missing row. Units
are states only (organisations have no COW number); a country unit is every state that took
part in a counted event, on either side; a dyad unit is every directed pair of states that had
one (pairs that never interacted are not listed: that would be every pair of 195 states).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pourparler.events.ontology import cameo_country
from pourparler.export._polecat import cow_code
from pourparler.store import DyadRow, Store

__all__ = ["PANEL_DTYPES", "PANEL_PERIODS", "PANEL_UNITS", "panel"]

PANEL_UNITS = ("country", "dyad")
#: pandas dtypes that read a panel CSV as written: codes and periods as text ("2021" is a
#: period, not a number), COW numbers as integers that may be missing (Palestine has none).
PANEL_DTYPES: dict[str, str] = {
    "period": "str",
    **{f"{name}{side}": kind for side in ("", "_a", "_b")
       for name, kind in (("iso3", "str"), ("cameo", "str"), ("cow", "Int64"))},
}
PANEL_PERIODS = ("month", "year")
_COUNTS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
_MONTHS_PER_YEAR = 12


def _codes(prefix: str, iso3: str) -> dict[str, Any]:
    return {f"iso3{prefix}": iso3, f"cameo{prefix}": cameo_country(iso3) or "",
            f"cow{prefix}": cow_code(iso3)}


def _periods(first: date, last: date, by: str) -> Iterator[date]:
    year, month = first.year, first.month if by == "month" else 1
    while (year, month) <= (last.year, last.month if by == "month" else 1):
        yield date(year, month, 1)
        if by == "year":
            year += 1
        else:
            year, month = (year + 1, 1) if month == _MONTHS_PER_YEAR else (year, month + 1)


def _is_state(code: str) -> bool:
    return len(code) == len("USA") and cameo_country(code) is not None


def panel(store: Store, unit: str = "country", by: str = "year", since: date | None = None,
          until: date | None = None) -> list[dict[str, Any]]:
    """The zero-filled panel, one dict per unit and period, in unit then period order.

    Columns: ``period`` (``2021`` or ``2021-12``), ``year``, ``month`` (monthly panels), the
    unit's codes (``iso3``, ``cameo``, ``cow``; for a dyad ``iso3_a``... for the source and
    ``iso3_b``... for the target), ``events``, the four quad-class counts and
    ``goldstein_sum``. Raises ValueError for an unknown unit or period.
    """
    if unit not in PANEL_UNITS or by not in PANEL_PERIODS:
        raise ValueError(f"panel: unit must be one of {PANEL_UNITS} and period one of "
                         f"{PANEL_PERIODS}, not {unit!r}, {by!r}")
    rows: list[DyadRow] = (store.monads(by=by, since=since, until=until) if unit == "country"
                           else store.dyads(by=by, since=since, until=until))
    cells: dict[tuple[tuple[str, ...], date], DyadRow] = {}
    for row in rows:
        key: tuple[str, ...] = (row.source,) if unit == "country" else (row.source, row.target)
        if all(_is_state(k) for k in key):
            cells[(key, row.period)] = row
    if not cells:
        return []
    days = [p for _, p in cells]
    first = _truncate(since, by) if since else min(days)
    last = _truncate(until, by) if until else max(days)
    out: list[dict[str, Any]] = []
    for unit_key in sorted({k for k, _ in cells}):
        for period in _periods(first, last, by):
            out.append(_panel_row(unit_key, period, by, cells.get((unit_key, period))))
    return out


def _truncate(day: date, by: str) -> date:
    return date(day.year, day.month if by == "month" else 1, 1)


def _panel_row(key: tuple[str, ...], period: date, by: str,
               row: DyadRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {"period": f"{period:%Y-%m}" if by == "month" else f"{period:%Y}",
                           "year": period.year}
    if by == "month":
        out["month"] = period.month
    if len(key) == 1:
        out.update(_codes("", key[0]))
    else:
        out.update(_codes("_a", key[0]))
        out.update(_codes("_b", key[1]))
    counts = [getattr(row, name) if row else 0 for name in _COUNTS]
    out["events"] = sum(counts)
    out.update(zip(_COUNTS, counts, strict=True))
    out["goldstein_sum"] = round(row.goldstein_sum, 3) if row else 0.0
    return out
