"""PLOVER JSON lines: one object per event, in the field names of the PLOVER data format."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import IO, Any

from pourparler.errors import DataError
from pourparler.events.ontology import plover_mapping
from pourparler.model import Actor
from pourparler.store import StoredEvent

__all__ = ["plover_record", "write_plover"]

log = logging.getLogger(__name__)


def _actor(actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"name": None, "country": None, "org": None, "sector": None, "cameo": None}
    return {"name": actor.name, "country": actor.country, "org": actor.org,
            "sector": actor.sector, "cameo": actor.cameo}


def _contexts(cameo: str) -> list[str]:
    try:
        context = plover_mapping(cameo).context
    except DataError:
        return []
    return [c.strip() for c in (context or "").replace(",", ";").split(";") if c.strip()]


def plover_record(event: StoredEvent) -> dict[str, Any] | None:
    """The PLOVER record of an event; None for CAMEO categories PLOVER dropped (01x, 02x)."""
    rec = event.record
    if not rec.plover:
        return None
    source, target = _actor(rec.source), _actor(rec.target)
    return {
        "id": rec.id,
        "date": rec.date,
        "date_precision": rec.date_precision,
        "actor": source["name"], "actor_country": source["country"], "actor_org": source["org"],
        "actor_sector": source["sector"], "actor_cameo": source["cameo"],
        "recipient": target["name"], "recipient_country": target["country"],
        "recipient_org": target["org"], "recipient_sector": target["sector"],
        "recipient_cameo": target["cameo"],
        "event": rec.plover,
        "mode": rec.plover_mode,
        "context": _contexts(rec.cameo),
        "status": rec.status,
        "cameo": rec.cameo,
        "location": rec.location.to_dict() if rec.location else None,
        "event_text": rec.evidence.text,
        "text_info": {"article_id": rec.article_id, "sentence": rec.sentence,
                      "start": rec.evidence.start, "end": rec.evidence.end,
                      "language": rec.lang, "rule": rec.rule,
                      "confidence": round(rec.confidence, 3)},
        "cite_info": {"global_event_id": event.gid, "url": event.url, "outlet": event.outlet,
                      "num_mentions": event.num_mentions, "num_sources": event.num_sources,
                      "num_articles": event.num_articles},
    }


def write_plover(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write PLOVER JSON lines; returns the number written. Events of CAMEO categories PLOVER
    has no type for (statements, appeals) are left out and counted in the log."""
    written = dropped = 0
    for event in events:
        record = plover_record(event)
        if record is None:
            dropped += 1
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    if dropped:
        log.info("PLOVER export: %d events of CAMEO categories PLOVER dropped were left out",
                 dropped)
    return written
