"""What the API returns, built from the store's public API only (its SQL is parameterised).

The store pages, sorts and counts event queries and looks up one article in SQL, so nothing
here is cached: each request opens the store read-only, asks it and closes it, and always
sees the last committed write.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pourparler.events.ontology import all_plover_types, cameo_code
from pourparler.model import Event
from pourparler.store import EventSort, Store, StoredEvent

__all__ = [
    "SORT_KEYS",
    "StoreView",
    "actor_spans",
    "event_dict",
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
