"""POLECAT's published TSV layout: the 40 columns of the weekly POLECAT files, in their order,
with a header row, so that code written for POLECAT reads our events unchanged.

Filled as POLECAT does: the event's PLOVER type, mode, intensity (the manual's PLOVER score
of the type), quad code (1-4, as the PLOVER manual's ``quad_code``), contexts (``; ``-joined,
see :func:`pourparler.export.plover_contexts`), actors (canonical name, ISO3 country or
organisation code, Correlates of War state number, sectors, the text's words), the event's
place (English name, city, province, ISO3 country, coordinates, GeoNames id and feature code,
the text's words), source, publication date, language and version.

Left empty, because pourparler does not know them: Actor/Recipient Title (office titles are
not kept apart from the sector), Wikipedia Actor/Recipient ID, District (no second-level
regions in the gazetteer), Story People/Organizations/Locations (the coder keeps no
document-level entity lists).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from importlib import resources
from typing import IO

from pourparler import __version__
from pourparler.events.ontology import all_actor_types, all_plover_types
from pourparler.model import Actor, Location
from pourparler.store import StoredEvent

__all__ = ["POLECAT_COLUMNS", "cow_code", "polecat_row", "write_polecat"]

#: The columns of POLECAT's published files, in their order.
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations",
    "Language", "Version",
)
#: What the Version column says.
VERSION = f"pourparler-{__version__}"
#: POLECAT joins several values of one field with this (readers split on "; ").
_JOIN = "; "
#: GeoNames feature codes of each precision (populated place, independent state, region).
_FEATURE_TYPES = {"city": "PPL", "country": "PCLI", "region": "RGN"}


@functools.cache
def _cow_table() -> dict[str, int]:
    ref = resources.files("pourparler.export").joinpath("data", "cow_states.tsv")
    rows = ref.read_text(encoding="utf-8").splitlines()[1:]
    return {iso3: int(cow) for iso3, cow, _name in (r.split("\t") for r in rows if r)}


def cow_code(iso3: str | None) -> int | None:
    """The Correlates of War state number of an ISO3 code (None when COW has none)."""
    return _cow_table().get(iso3 or "")


@functools.cache
def _sector_codes() -> frozenset[str]:
    return frozenset(t.code for t in all_actor_types() if t.kind == "type")


def _actor_cells(actor: Actor | None) -> list[str]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID."""
    from pourparler.export._plover import plover_actor_code

    if actor is None:
        return [""] * 8
    code = actor.cameo or ""
    blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
    sectors = [b for b in blocks if b in _sector_codes()]
    if actor.sector and actor.sector not in sectors:
        sectors.insert(0, actor.sector)
    cow = cow_code(actor.country)
    return [actor.name, plover_actor_code(actor) or "", "" if cow is None else str(cow),
            actor.sector or (sectors[0] if sectors else ""), _JOIN.join(sectors), "",
            actor.text, ""]


def _place_cells(loc: Location | None) -> list[str]:
    """Placename, City, District, Province, Country, Latitude, Longitude, GeoNames ID, Raw
    Placename, Feature Type."""
    if loc is None:
        return [""] * 10
    from pourparler.geo._gdelt import english_name

    name = english_name(loc)
    return [name, name if loc.precision == "city" else "", "", loc.admin1 or "",
            loc.country or "", "" if loc.lat is None else str(loc.lat),
            "" if loc.lon is None else str(loc.lon),
            "" if loc.geonameid is None else str(loc.geonameid), loc.name,
            _FEATURE_TYPES.get(loc.precision or "", "")]


def polecat_row(event: StoredEvent) -> list[str] | None:
    """The POLECAT row of an event; None for CAMEO categories PLOVER dropped."""
    from pourparler.export._plover import PLOVER_SCORES, plover_contexts, plover_date

    rec = event.record
    if not rec.plover:
        return None
    types = all_plover_types()
    quad = types[rec.plover].quad_class if rec.plover in types else rec.quad_class
    score = PLOVER_SCORES.get(rec.plover)
    row = [
        rec.id, plover_date(event), rec.plover, rec.plover_mode or "",
        "" if score is None else f"{score:g}", str(quad), _JOIN.join(plover_contexts(rec)),
        *_actor_cells(rec.source), *_actor_cells(rec.target), *_place_cells(rec.location),
        event.outlet or event.url or rec.article_id,
        event.published.isoformat() if event.published else "", "", "", "",
        rec.lang, VERSION,
    ]
    return [" ".join(v.split()) for v in row]  # no tab or line break inside a cell


def write_polecat(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write a POLECAT TSV with its header row; returns the number of events written."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(POLECAT_COLUMNS)
    n = 0
    for event in events:
        row = polecat_row(event)
        if row is not None:
            writer.writerow(row)
            n += 1
    return n
