"""What the API returns, built from the store's public API only (its SQL is parameterised).

The store pages, sorts and counts event queries and looks up one article in SQL, so nothing
here is cached: each request opens the store read-only, asks it and closes it, and always
sees the last committed write.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from pourparler.events.ontology import all_plover_types, cameo_code
from pourparler.model import Event
from pourparler.store import EventFilter, EventSort, Store, StoredEvent

__all__ = [
    "SORT_KEYS",
    "StoreView",
    "actor_countries",
    "actor_spans",
    "event_dict",
    "event_places",
    "explain",
    "locate_evidence",
    "parse_sort",
    "plover_names",
]

log = logging.getLogger(__name__)

#: Sort keys of GET /api/events; a leading "-" reverses.
SORT_KEYS: tuple[str, ...] = tuple(s.value for s in EventSort)
_DESCENDING = "-"


def parse_sort(value: str) -> tuple[EventSort, bool]:
    """A sort parameter ("goldstein", "-date") as the store's key and whether descending."""
    return EventSort(value.removeprefix(_DESCENDING)), value.startswith(_DESCENDING)


def _cameo_label(code: str) -> str | None:
    try:
        return cameo_code(code).label
    except (KeyError, ValueError):
        return None


def explain(record: Event) -> str:
    """One event in words: who did what to whom, its status and date."""
    src = record.source.name if record.source else "someone"
    tgt = record.target.name if record.target else "no one named"
    label = _cameo_label(record.cameo) or f"CAMEO {record.cameo}"
    plover = f", PLOVER {record.plover}" if record.plover else ""
    when = f" on {record.date}" if record.date else ", undated"
    return (f"{src} → {tgt}: {label} (CAMEO {record.cameo}{plover}), "
            f"{record.status}{when}.")


def event_dict(record: Event, stored: StoredEvent | None = None) -> dict[str, Any]:
    """The event record with its CAMEO label and a sentence explaining it."""
    out = stored.to_dict() if stored is not None else record.to_dict()
    out["cameo_label"] = _cameo_label(record.cameo)
    out["explanation"] = explain(record)
    return out


def locate_evidence(text: str, record: Event) -> tuple[int, int] | None:
    """Where the record's evidence sentence is in ``text``: its offsets when they slice it
    exactly, else where the sentence is found (nearest after its stated start, since
    offsets may count a dateline the evidence leaves out), else None."""
    ev = record.evidence
    if not ev.text:
        return None
    if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.text:
        return ev.start, ev.end
    at = text.find(ev.text, max(0, ev.start - len(ev.text)))
    if at < 0:
        at = text.find(ev.text)
    return (at, at + len(ev.text)) if at >= 0 else None


def actor_spans(record: Event, start: int) -> list[dict[str, Any]]:
    """Where the source and target are named in the record's evidence sentence (which
    starts at ``start`` in the article text), the first time each is named there."""
    spans: list[dict[str, Any]] = []
    ev = record.evidence
    for role, actor in (("source", record.source), ("target", record.target)):
        if actor is None or not actor.text:
            continue
        at = ev.text.find(actor.text)
        if at < 0:
            continue
        spans.append({"kind": "actor", "role": role, "start": start + at,
                      "end": start + at + len(actor.text), "name": actor.name,
                      "code": actor.cameo or actor.key, "event_id": record.id})
    return spans


class StoreView:
    """The API's store, read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._store: Store | None = None

    def store(self) -> Store:
        # A Store holds no connection (each query opens the file, checks its schema version
        # and closes it), so one handle serves every request; opening it once spares each
        # request a second open of the file just to check it.
        if self._store is None:
            self._store = Store(self.path, read_only=True)
        return self._store

    def exists(self) -> bool:
        return self.path.exists()


def plover_names() -> list[str]:
    return sorted(all_plover_types())


#: Quad classes 3 and 4 are conflict (verbal, material).
_CONFLICT_QUADS = (3, 4)


def _point(name: str, country: str | None, lat: float, lon: float, events: int,
           conflict: int, goldstein_sum: float, **extra: Any) -> dict[str, Any]:
    return {"name": name, "country": country, "lat": round(lat, 5), "lon": round(lon, 5),
            "events": events, "conflict": conflict,
            "goldstein_mean": round(goldstein_sum / events, 3) if events else 0.0, **extra}


def event_places(store: Store, since: date | None = None,
                 until: date | None = None) -> list[dict[str, Any]]:
    """Counted events by the place where they happened (the event record's location), one
    point per place: name (English), country, coordinates, precision, counts and the mean
    Goldstein score. Events without a place are not on the map."""
    from pourparler.geo._gdelt import english_name

    totals: dict[tuple[str, float, float], dict[str, Any]] = {}
    flt = EventFilter(counted_only=True, since=since, until=until)
    for stored in store.iter_events(flt):
        rec = stored.record
        loc = rec.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        key = (loc.country or "", loc.lat, loc.lon)
        t = totals.setdefault(key, {"name": english_name(loc), "precision": loc.precision,
                                    "events": 0, "conflict": 0, "goldstein_sum": 0.0})
        t["events"] += 1
        t["conflict"] += int(rec.quad_class in _CONFLICT_QUADS)
        t["goldstein_sum"] += rec.goldstein
    return [_point(t["name"], country or None, lat, lon, t["events"], t["conflict"],
                   t["goldstein_sum"], precision=t["precision"])
            for (country, lat, lon), t in sorted(totals.items())]


def actor_countries(store: Store, since: date | None = None,
                    until: date | None = None) -> list[dict[str, Any]]:
    """Counted events per actor country (either side), at the country's reference point."""
    from pourparler.geo import load_gazetteer

    gaz = load_gazetteer()
    points = []
    for row in store.monads(by="year", since=since, until=until):
        place = gaz.country(row.source)
        if place is None or place.lat is None or place.lon is None:
            continue
        points.append((row.source, place, row))
    merged: dict[str, dict[str, Any]] = {}
    for code, place, row in points:
        m = merged.setdefault(code, {"place": place, "events": 0, "conflict": 0, "gsum": 0.0})
        m["events"] += row.events
        m["conflict"] += row.verbal_conflict + row.material_conflict
        m["gsum"] += row.goldstein_sum
    return [_point(m["place"].name, code, m["place"].lat, m["place"].lon, m["events"],
                   m["conflict"], m["gsum"]) for code, m in sorted(merged.items())]
