"""GDELT 2.0 geography fields (ActionGeo_*, Actor1Geo_*, Actor2Geo_*) from a Location.

GDELT's conventions, which a join against GDELT data relies on:

- country codes are FIPS 10-4, and the Gaza Strip (``GZ``) and the West Bank (``WE``) are
  distinct FIPS "countries" where ISO has one Palestine;
- a country-level match (Geo_Type 1) sits at the country's reference point (the World
  Factbook's, see ``data/GEONAMES.md``), has the FIPS country code as both ADM1Code and
  FeatureID;
- ADM1Code is the FIPS country code followed by the FIPS first-level code (``USTX``,
  ``SZ25``), or the country code alone where the place resolves no further;
- FullName is the English name, "City, Region, Country".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from pourparler.geo._gazetteer import Gazetteer, Place, load_gazetteer
from pourparler.geo._keys import place_key
from pourparler.model import Actor, Location

__all__ = ["GdeltGeo", "actor_location", "english_name", "fips_adm1", "gdelt_geo",
           "gdelt_geo_type"]

#: GDELT's Geo_Type codes (GDELT 2.0 event codebook).
GEO_COUNTRY = 1
GEO_US_STATE = 2
GEO_US_CITY = 3
GEO_WORLD_CITY = 4
GEO_WORLD_STATE = 5

#: FIPS 10-4 codes of the two Palestinian territories; GeoNames' admin1 codes for them are
#: the same letters, and areas.yaml names them by their English region name.
_GAZA, _WEST_BANK = "GZ", "WE"
_PALESTINE_PARTS = {"GZ": _GAZA, "Gaza Strip": _GAZA, "WE": _WEST_BANK, "West Bank": _WEST_BANK}
_PALESTINE_NAMES = {_GAZA: "Gaza Strip", _WEST_BANK: "West Bank"}
#: The wildcard row of fips_adm1.tsv: every GeoNames code of the country not listed.
_ANY_CODE = "*"


@dataclass(frozen=True, slots=True)
class GdeltGeo:
    """The eight Geo_* columns of one GDELT actor or action location (ADM2Code: none)."""

    type: int
    fullname: str
    country_code: str  # FIPS 10-4, as GDELT writes countries
    adm1_code: str  # FIPS country + first-level code ("USTX"), or the country code alone
    lat: float | None
    lon: float | None
    feature_id: str  # GeoNames id; the FIPS code for a country, the ADM1 code for a region


def gdelt_geo_type(loc: Location) -> int:
    """1 country, 2 US state, 3 US city, 4 world city, 5 world state (region)."""
    if loc.precision == "country":
        return GEO_COUNTRY
    us = loc.country == "USA"
    if loc.precision == "city":
        return GEO_US_CITY if us else GEO_WORLD_CITY
    return GEO_US_STATE if us and loc.admin1 else GEO_WORLD_STATE


@functools.cache
def _fips_table() -> dict[tuple[str, str], str]:
    ref = resources.files("pourparler.geo").joinpath("data", "fips_adm1.tsv")
    table: dict[tuple[str, str], str] = {}
    for line in ref.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("iso3\t"):
            continue
        iso3, code, fips = [*line.split("\t"), "", ""][:3]
        table[(iso3, code)] = fips
    return table


def fips_adm1(iso3: str | None, geonames_code: str | None, country_fips: str) -> str:
    """The FIPS 10-4 ADM1 code of a GeoNames first-level code: GeoNames' own code for most
    countries (it uses FIPS there), our table's where it does not, and the country code
    alone when the region has no single FIPS code or is unknown."""
    if not country_fips:
        return ""
    if not geonames_code or geonames_code == "00":  # GeoNames' "no region"
        return country_fips
    table = _fips_table()
    for key in ((iso3 or "", geonames_code), (iso3 or "", _ANY_CODE)):
        if key in table:
            return table[key] or country_fips
    return country_fips + geonames_code


@functools.cache
def _area_english() -> dict[str, str]:
    """Every name of a curated area (place key) -> its first English name."""
    ref = resources.files("pourparler.geo").joinpath("data", "areas.yaml")
    data: dict[str, Any] = yaml.safe_load(ref.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for entry in data.get("areas") or []:
        names = entry.get("names") or {}
        if not isinstance(names, dict) or not names.get("en"):
            continue
        english = str(names["en"][0])
        for values in names.values():
            for name in values or ():
                out.setdefault(place_key(str(name)), english)
    return out


def english_name(loc: Location, gazetteer: Gazetteer | None = None) -> str:
    """The English name of a place, whatever the text called it: GeoNames' name of a city,
    the country's name, the first English name of a curated area, else the text's."""
    gaz = gazetteer or load_gazetteer()
    if loc.precision == "country" and (country := gaz.country(loc.country)):
        return country.name
    return _english_name(loc, gaz.by_geonameid(loc.geonameid))


def _english_name(loc: Location, place: Place | None) -> str:
    if place is not None:
        return place.name
    return _area_english().get(place_key(loc.name), loc.name)


def _country_fips(gaz: Gazetteer, loc: Location, place: Place | None) -> str:
    fips = gaz.fips(loc.country) or ""
    if loc.country == "PSE":
        for hint in (place.admin1_code if place else None, loc.admin1):
            if hint in _PALESTINE_PARTS:
                return _PALESTINE_PARTS[hint]
    return fips


def gdelt_geo(loc: Location, gazetteer: Gazetteer | None = None) -> GdeltGeo:
    """The GDELT geography of a location (see the module docstring for the conventions)."""
    gaz = gazetteer or load_gazetteer()
    place = gaz.by_geonameid(loc.geonameid)
    fips = _country_fips(gaz, loc, place)
    country = gaz.country(loc.country)
    country_name = _PALESTINE_NAMES.get(fips) or (country.name if country else "")
    if loc.precision == "country":
        # the gazetteer's point, not the one stored with an older record
        lat, lon = (country.lat, country.lon) if country else (loc.lat, loc.lon)
        return GdeltGeo(GEO_COUNTRY, country_name or loc.name, fips, fips, lat, lon, fips)
    if place is not None:
        adm1_code = fips_adm1(loc.country, place.admin1_code, fips)
    elif loc.country == "USA" and loc.admin1 and (state := gaz.us_state(loc.admin1)):
        adm1_code = fips + (state.admin1_code or "")
    else:
        adm1_code = fips
    if fips in _PALESTINE_NAMES:
        adm1_code = fips  # FIPS lists no first-level regions for either territory
    parts = [_english_name(loc, place)]
    if loc.admin1 and loc.admin1 not in (parts[0], country_name):
        parts.append(loc.admin1)
    if country_name and country_name != parts[0]:
        parts.append(country_name)
    if loc.geonameid is not None:
        feature = str(loc.geonameid)
    else:
        feature = adm1_code if loc.precision == "region" else ""
    return GdeltGeo(type=gdelt_geo_type(loc), fullname=", ".join(parts), country_code=fips,
                    adm1_code=adm1_code, lat=loc.lat, lon=loc.lon, feature_id=feature)


def actor_location(actor: Actor | None, action: Location | None,
                   gazetteer: Gazetteer | None = None) -> Location | None:
    """Where an actor is, for GDELT's Actor1Geo/Actor2Geo: the event's place when it lies in
    the actor's own country (police in the town where they acted, a government at home),
    else the actor's country (GDELT's type 1, at the country's reference point), else
    unknown (international organisations, actors without a country)."""
    if actor is None or not actor.country:
        return None
    if action is not None and action.country == actor.country:
        return action
    gaz = gazetteer or load_gazetteer()
    country = gaz.country(actor.country)
    return country.location() if country is not None else None
