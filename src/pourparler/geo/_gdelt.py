"""GDELT 2.0 geography fields (ActionGeo_*, Actor1Geo_*, Actor2Geo_*) from a Location."""

from __future__ import annotations

from dataclasses import dataclass

from pourparler.geo._gazetteer import Gazetteer, load_gazetteer
from pourparler.model import Actor, Location

__all__ = ["GdeltGeo", "actor_location", "gdelt_geo", "gdelt_geo_type"]

#: GDELT's Geo_Type codes (GDELT 2.0 event codebook).
GEO_COUNTRY = 1
GEO_US_STATE = 2
GEO_US_CITY = 3
GEO_WORLD_CITY = 4
GEO_WORLD_STATE = 5


@dataclass(frozen=True, slots=True)
class GdeltGeo:
    """The seven Geo_* columns of one GDELT actor or action location."""

    type: int
    fullname: str
    country_code: str  # FIPS 10-4, as GDELT writes countries
    adm1_code: str  # FIPS country + first-level code ("USTX"), or the country code alone
    lat: float | None
    lon: float | None
    feature_id: str  # GeoNames id (GDELT uses GNS/GNIS ids; empty when unknown)


def gdelt_geo_type(loc: Location) -> int:
    """1 country, 2 US state, 3 US city, 4 world city, 5 world state (region)."""
    if loc.precision == "country":
        return GEO_COUNTRY
    us = loc.country == "USA"
    if loc.precision == "city":
        return GEO_US_CITY if us else GEO_WORLD_CITY
    return GEO_US_STATE if us and loc.admin1 else GEO_WORLD_STATE


def gdelt_geo(loc: Location, gazetteer: Gazetteer | None = None) -> GdeltGeo:
    """The GDELT geography of a location.

    ADM1 codes: GDELT writes FIPS 10-4 country + FIPS first-level code. GeoNames' admin1
    codes are FIPS 10-4 codes for most countries (and the state's postal code for the US, as
    GDELT does), but ISO 3166-2 codes for a few (France, Switzerland, Belgium...): there the
    code is GeoNames', not GDELT's. Areas without a GeoNames code give the country code alone.
    """
    gaz = gazetteer or load_gazetteer()
    fips = gaz.fips(loc.country) or ""
    adm1_code = fips
    place = gaz.by_geonameid(loc.geonameid)
    if place is not None and place.admin1_code and fips:
        adm1_code = fips + place.admin1_code
    elif loc.country == "USA" and loc.admin1:
        state = gaz.us_state(loc.admin1)
        if state is not None and state.admin1_code:
            adm1_code = fips + state.admin1_code
    parts = [loc.name]
    if loc.admin1 and loc.admin1 != loc.name:
        parts.append(loc.admin1)
    country = gaz.country(loc.country)
    if loc.precision != "country" and country is not None:
        parts.append(country.name)
    return GdeltGeo(
        type=gdelt_geo_type(loc),
        fullname=", ".join(parts),
        country_code=fips,
        adm1_code=adm1_code,
        lat=loc.lat,
        lon=loc.lon,
        feature_id=str(loc.geonameid) if loc.geonameid is not None else "",
    )


def actor_location(actor: Actor | None, action: Location | None,
                   gazetteer: Gazetteer | None = None) -> Location | None:
    """Where an actor is, for GDELT's Actor1Geo/Actor2Geo: the event's place when it lies in
    the actor's own country (police in the town where they acted, a government at home),
    else the actor's country (GDELT's type 1, at the country's representative point), else
    unknown (international organisations, actors without a country)."""
    if actor is None or not actor.country:
        return None
    if action is not None and action.country == actor.country:
        return action
    gaz = gazetteer or load_gazetteer()
    country = gaz.country(actor.country)
    return country.location() if country is not None else None
