"""PLOVER JSON lines in the shape of the PLOVER manual's "Data Fields" (PLOVER JSON table).

One object per event:

- ``id``, ``date`` (YYYY-MM-DD), ``has_event`` (true);
- ``source`` and ``recipient``: lists of actor objects, each with ``code`` (ISO 3166-1 alpha-3
  of a state; ``UNO``, ``EUR``, ``IGO`` or ``NGO`` for an organisation), ``sector``,
  ``actor_text`` (the words of the text) and ``identifier_text`` (the actor's canonical name);
- ``event`` and ``mode``: lists (one type; the mode when the coder gave one);
- ``quad_code`` (1-4) and ``event_scale`` (the manual's PLOVER score of the type);
- ``context``: the contexts the sentence says (cue words per language in
  ``data/contexts.yaml``) and, for an event that is not simply asserted, the manual's special
  context for its status (``future``, ``hypothetical``, ``negation``);
- ``event_loc``: a location object with GeoNames' field names;
- ``text`` (the sentence), ``text_info`` (``sequence``, ``start``, ``end``), ``cite_info``
  (``url``, ``title``, ``language``, ``publication``, ``coder``, ``codebook``, ``version``),
  ``coder`` and ``coded_date``.

Not filled, because pourparler does not know them: ``event_text`` (the trigger words: the
coder keeps the sentence, not the trigger's span), ``time``/``enddate``/``endtime``,
``identifier_id`` (Wikidata ids), ``actor_loc``, ``link`` and ``comment``. Our own fields
beside PLOVER's: ``cameo``, ``status``, ``date_precision``, ``confidence``, ``rule`` and the
store's ``global_event_id`` and mention counts.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable
from importlib import resources
from typing import IO, Any

import yaml

from pourparler import __version__
from pourparler.errors import DataError
from pourparler.events.ontology import all_plover_types
from pourparler.model import Actor, Event, Location
from pourparler.store import StoredEvent

__all__ = ["PLOVER_SCORES", "plover_actor_code", "plover_contexts", "plover_date",
           "plover_record", "write_plover"]

log = logging.getLogger(__name__)

#: PLOVER conflict-cooperation scores per type (PLOVER manual, "Numeric conflict/cooperation
#: scores": the mean Goldstein score of each type's CAMEO codes, weighted by their frequency).
PLOVER_SCORES: dict[str, float] = {
    "ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
    "THREATEN": -5.1, "DEMAND": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1,
    "AGREE": 4.2, "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4,
    "RETREAT": 7.6,
}
#: The manual's special contexts for a status other than asserted ("Special contexts").
_STATUS_CONTEXTS = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}
#: Organisations with a top-level code of their own in PLOVER/POLECAT actor codes (the
#: CAMEO codes UNO and EUR); every other organisation is IGO, and a non-governmental one NGO.
_ORG_CODES = {"UN": "UNO", "EU": "EUR"}
#: What goes in cite_info.coder and cite_info.codebook.
CODER = f"pourparler {__version__}"
CODEBOOK = "PLOVER (types and modes from CAMEO by pourparler's CAMEO-to-PLOVER table)"


def plover_actor_code(actor: Actor | None) -> str | None:
    """The top-level code of an actor: its state's ISO3, else an organisation code."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.org:
        return _ORG_CODES.get(actor.org, "NGO" if actor.sector == "NGO" else "IGO")
    return None


def _actors(actor: Actor | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    return [{"code": plover_actor_code(actor), "sector": actor.sector,
             "actor_text": actor.text or None, "identifier_text": actor.name or None,
             "cameo": actor.cameo}]


@functools.cache
def _context_cues() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Per language, (context, pattern of its cues at a word start)."""
    ref = resources.files("pourparler.export").joinpath("data", "contexts.yaml")
    try:
        data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read the PLOVER context cues ({exc})") from exc
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for context, by_lang in data.items():
        for lang, cues in (by_lang or {}).items():
            words = "|".join(re.escape(str(c).lower()) for c in cues or ())
            if words:
                out.setdefault(lang, []).append((str(context),
                                                 re.compile(rf"(?<!\w)(?:{words})")))
    return out


def plover_contexts(record: Event) -> list[str]:
    """The contexts the event's sentence supports, then its status as a special context."""
    text = record.evidence.text.lower()
    found = [c for c, pattern in _context_cues().get(record.lang, []) if pattern.search(text)]
    special = _STATUS_CONTEXTS.get(record.status)
    return [*found, special] if special else found


#: GeoNames feature class and code of each precision (GeoNames' feature codes: PPL a
#: populated place, PCLI an independent political entity, RGN a region).
_FEATURES = {"city": ("P", "PPL"), "country": ("A", "PCLI"), "region": ("L", "RGN")}


def geonames_location(loc: Location | None) -> dict[str, Any] | None:
    """A location object with the field names of GeoNames' dump, as the manual asks."""
    if loc is None:
        return None
    from pourparler.geo import load_gazetteer
    from pourparler.geo._gdelt import english_name

    gaz = load_gazetteer()
    place = gaz.by_geonameid(loc.geonameid)
    fclass, fcode = _FEATURES.get(loc.precision or "", (None, None))
    return {"geonameid": loc.geonameid, "name": english_name(loc),
            "latitude": loc.lat, "longitude": loc.lon,
            "feature class": fclass, "feature code": fcode,
            "country code": gaz.iso2(loc.country), "cc3": loc.country,
            "admin1 code": place.admin1_code if place else None,
            "admin1": loc.admin1, "raw_placename": loc.name}


def plover_record(event: StoredEvent) -> dict[str, Any] | None:
    """The PLOVER record of an event; None for CAMEO categories PLOVER dropped (01x, 02x)."""
    rec = event.record
    if not rec.plover:
        return None
    types = all_plover_types()
    quad = types[rec.plover].quad_class if rec.plover in types else rec.quad_class
    return {
        "id": rec.id,
        "has_event": True,
        "date": plover_date(event),
        "source": _actors(rec.source),
        "recipient": _actors(rec.target),
        "event": [rec.plover],
        "mode": [rec.plover_mode] if rec.plover_mode else [],
        "context": plover_contexts(rec),
        "quad_code": quad,
        "event_scale": PLOVER_SCORES.get(rec.plover),
        "event_loc": geonames_location(rec.location),
        "event_text": None,
        "text": rec.evidence.text,
        "text_info": {"sequence": rec.sentence, "start": rec.evidence.start,
                      "end": rec.evidence.end},
        "cite_info": {"citation": rec.article_id, "url": event.url, "title": event.title,
                      "language": rec.lang, "publication": event.outlet,
                      "coder": CODER, "codebook": CODEBOOK, "version": __version__},
        "coder": CODER,
        "coded_date": event.added_at.date().isoformat(),
        # pourparler's own fields
        "cameo": rec.cameo, "status": rec.status, "date_precision": rec.date_precision,
        "confidence": round(rec.confidence, 3), "rule": rec.rule,
        "global_event_id": event.gid, "num_mentions": event.num_mentions,
        "num_sources": event.num_sources, "num_articles": event.num_articles,
    }


def plover_date(event: StoredEvent) -> str:
    """YYYY-MM-DD, as PLOVER's date is: a month or a year stands for its first day (the
    record's ``date_precision`` says so)."""
    text = event.record.date or ""
    if len(text) == len("2021"):
        return f"{text}-01-01"
    if len(text) == len("2021-12"):
        return f"{text}-01"
    return text[:10] or event.added_at.date().isoformat()


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
